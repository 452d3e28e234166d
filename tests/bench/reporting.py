"""Reporting benchmark (run by tests/bench/run.sh on the bench instance
after gen-reporting.sql): a full grid page against the login page with wrk
in the same run, the median time of saving a 500-cell grid, and (after
gen-records.sql) filtered route and incident list pages. Prints figures;
asserts nothing."""
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

PORT = int(sys.argv[1])
ENV = dict(line.split("=", 1) for line in subprocess.run(
    ["sh", "etc/dev/stack.sh", "env", "bench"], capture_output=True, text=True,
    check=True).stdout.split())
ENV = {k: v.strip("'") for k, v in ENV.items()}
SECONDS = os.environ.get("BENCH_SECONDS", "10")


def sql(q):
    return subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-N", "-B", "vrs",
                           "-e", q], capture_output=True, text=True, check=True).stdout.split()


def request(method, path, cookie, body=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    headers = {"Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read().decode()
    c.close()
    return r.status, r.getheaders(), data


def wrk(url, cookie):
    out = subprocess.run(["wrk", "-t2", "-c50", "-d%ss" % SECONDS, "-H", "Cookie: " + cookie, url],
                         capture_output=True, text=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


jcode = sql("SELECT code FROM jurisdictions ORDER BY code LIMIT 1")[0]
user = "bench.focal"
if not sql("SELECT id FROM users WHERE username = '%s'" % user):
    subprocess.run(["build/vrsadm", "-c", ENV["CONF"], "user", "add", "--permanent", "--username", user, "--name",
                    "Bench Focal", "--role", "focal-point", "--jurisdiction", jcode],
                   input="bench password 123\n", text=True, check=True, capture_output=True)
status, headers, body = request("GET", "/login", "")
pre = [v for k, v in headers if k == "Set-Cookie" and v.startswith("vrs_pre=")][0].split(";")[0]
token = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
status, headers, _ = request("POST", "/login", pre, urllib.parse.urlencode(
    {"username": user, "password": "bench password 123", "csrf": token}))
session = [v for k, v in headers if k == "Set-Cookie" and v.startswith("vrs_session=")][0].split(";")[0]
cookie = pre + "; " + session

accepted = sql("SELECT s.id FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
               "WHERE j.code = '%s' AND s.status = 'accepted' ORDER BY s.id LIMIT 1" % jcode)[0]
status, _, page = request("GET", "/submission/%s/flows" % accepted, cookie)
assert status == 200, status
cells = sql("SELECT COUNT(*) FROM cells WHERE submission_id = %s AND dataset = 'flows'" % accepted)[0]

# The draft to save into: a period of its own, 56 rows x 9 columns = 504 cells.
sql("INSERT IGNORE INTO periods (code, starts_on, ends_on, opens_on, due_on, locks_on, status, "
    "created_at) VALUES ('2099-S1', '2099-01-01', '2099-06-30', '2099-01-01', '2099-08-31', "
    "'2099-10-31', 'open', UTC_TIMESTAMP())")
status, headers, body = request("GET", "/report", cookie)
token = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
status, headers, _ = request("POST", "/report/start", cookie,
                             urllib.parse.urlencode({"period": "2099-S1", "csrf": token}))
draft = dict(headers)["Location"].split("?")[0].rsplit("/", 1)[1]
countries = sql("SELECT code FROM codes WHERE list = 'country' ORDER BY code LIMIT 14")
for t in ("irr_entry", "irr_exit", "irr_stay", "refused"):
    sql("INSERT IGNORE INTO grid_rows VALUES " + ",".join(
        "(%s, 'flows', '%s', '%s')" % (draft, t, c) for c in countries))
cols = ["%s.%s" % (s, a) for s in ("F", "M", "_U") for a in ("Y_LT18", "Y_GE18", "_U")]

times = []
for i in range(int(os.environ.get("BENCH_SAVES", "15"))):
    status, _, body = request("GET", "/submission/%s/flows" % draft, cookie)
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    version = re.search(r'name="row_version" value="(\d+)"', body).group(1)
    fields = [("csrf", token), ("row_version", version), ("action", "save")]
    for t in ("irr_entry", "irr_exit", "irr_stay", "refused"):
        for c in countries:
            for col in cols:
                fields.append(("v:%s:%s:%s" % (t, c, col), str((i * 7 + len(fields)) % 1000)))
                fields.append(("f:%s:%s:%s" % (t, c, col), "A"))
    form = urllib.parse.urlencode(fields)
    start = time.perf_counter()
    status, _, _ = request("POST", "/submission/%s/flows" % draft, cookie, form)
    times.append((time.perf_counter() - start) * 1000)
    assert status == 303, status
ncells = 4 * len(countries) * len(cols)

login = wrk("http://127.0.0.1:%d/login" % PORT, pre)
print("  signed-in /account/password %10.0f req/s" % wrk("http://127.0.0.1:%d/account/password" % PORT, cookie))
grid = wrk("http://127.0.0.1:%d/submission/%s/flows" % (PORT, accepted), cookie)
total = sql("SELECT COUNT(*) FROM cells")[0]
print("Reporting benchmark: %s cells in the database; wrk -t2 -c50 -d%ss" % (total, SECONDS))
print("  login page               %10.0f req/s" % login)
print("  flows grid (%s cells, %d bytes) %6.0f req/s  (%.2fx login; target >= 0.50x)"
      % (cells, len(page), grid, grid / login))
print("  save of %d changed cells: median %.1f ms over %d saves (min %.1f, max %.1f; target <= 50 ms)"
      % (ncells, statistics.median(times), len(times), min(times), max(times)))

# Records: filtered list pages of one accepted submission, after
# gen-records.sql (200,000 routes, 50,000 incidents in all).
subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "vrs"],
               stdin=open("tests/bench/gen-records.sql"), check=True, capture_output=True)
# The generators write submissions directly: recompute the summaries the
# program keeps in step at each transition.
subprocess.run(["build/vrsadm", "-c", ENV["CONF"], "pool-rebuild"], check=True,
               capture_output=True)
routes, incidents = sql("SELECT (SELECT COUNT(*) FROM routes), (SELECT COUNT(*) FROM incidents)")
origin = sql("SELECT origin FROM routes WHERE submission_id = %s ORDER BY id LIMIT 1" % accepted)[0]
mode = sql("SELECT l.mode FROM route_legs l JOIN routes r ON r.id = l.route_id "
           "WHERE r.submission_id = %s ORDER BY r.id LIMIT 1" % accepted)[0]
route_url = "/submission/%s/routes?country=%s&mode=%s" % (accepted, origin, mode)
cit, transport = sql("SELECT p.citizenship, i.transport FROM incidents i JOIN incident_persons p "
                     "ON p.incident_id = i.id WHERE i.submission_id = %s ORDER BY i.id LIMIT 1"
                     % accepted)
incident_url = "/submission/%s/incidents?country=%s&mode=%s" % (accepted, cit, transport)
status, _, route_page = request("GET", route_url, cookie)
assert status == 200, status
status, _, incident_page = request("GET", incident_url, cookie)
assert status == 200, status
login2 = wrk("http://127.0.0.1:%d/login" % PORT, pre)
route_rps = wrk("http://127.0.0.1:%d%s" % (PORT, route_url), cookie)
incident_rps = wrk("http://127.0.0.1:%d%s" % (PORT, incident_url), cookie)
shown = lambda page: re.search(r"\((\d+) in all\)", page).group(1)
print()
print("Records benchmark: %s routes, %s incidents in the database" % (routes, incidents))
print("  login page               %10.0f req/s" % login2)
print("  route list, filtered (%s of the submission's routes, %d bytes) %6.0f req/s  (%.2fx login; target >= 0.50x)"
      % (shown(route_page), len(route_page), route_rps, route_rps / login2))
print("  incident list, filtered (%s of the submission's incidents, %d bytes) %6.0f req/s  (%.2fx login)"
      % (shown(incident_page), len(incident_page), incident_rps, incident_rps / login2))


# Pooled views (issue 5): a contributing state's view of the regional
# totals, the trends and the route flows, on the same volume.
def wrk_latency(url, cookie):
    out = subprocess.run(["wrk", "-t2", "-c50", "-d%ss" % SECONDS, "--latency", "-H",
                          "Cookie: " + cookie, url], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0


period = sql("SELECT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
             "WHERE s.status = 'accepted' ORDER BY p.starts_on DESC LIMIT 1")[0]
views = [("regional totals (flows)", "/pooled?period=%s&dataset=flows" % period),
         ("trends (flows, 20 periods)", "/pooled/trends?dataset=flows"),
         ("route flows and fees", "/pooled/routes?period=%s" % period)]
for _, path in views:
    status, _, _ = request("GET", path, cookie)
    assert status == 200, (path, status)
login3 = wrk("http://127.0.0.1:%d/login" % PORT, pre)
print()
print("Pooled views benchmark: %s, a contributing state's focal point, wrk -c50 --latency" % period)
print("  login page               %10.0f req/s" % login3)
for name, path in views:
    rps, p99, bad = wrk_latency("http://127.0.0.1:%d%s" % (PORT, path), cookie)
    print("  %-26s %8.0f req/s  (%.2fx login; target >= 0.50x)  p99 %.1f ms (target <= 50 ms)%s"
          % (name, rps, rps / login3, p99, "  NON-2xx: %d" % bad if bad else ""))
