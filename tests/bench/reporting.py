"""Reads that scale (issue 14), run by tests/bench/run.sh on the bench
instance after gen-reporting.sql: about a million cells, then
gen-records.sql (200,000 routes, 50,000 incidents). Every data page is
measured with wrk -c50 against the cheapest signed-in page,
/account/password, in the same run, and that page against a bare FastCGI
responder that runs one primary-key SELECT per request. Then the median
time of saving a 500-cell grid, alone and while readers run (the mixed
round), and the statements each page sends (the request log's sql=N).
Prints figures and whether each target is met; asserts nothing."""
import http.client
import os
import re
import signal
import statistics
import threading
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


def save_once(i):
    """Saves the draft's 504 cells with new values; returns milliseconds."""
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
    assert status == 303, status
    return (time.perf_counter() - start) * 1000


ncells = 4 * len(countries) * len(cols)
alone = [save_once(i) for i in range(int(os.environ.get("BENCH_SAVES", "15")))]

# Records: filtered list pages of one accepted submission.
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
cit, transport = sql("SELECT p.citizenship, i.transport FROM incidents i JOIN incident_persons p "
                     "ON p.incident_id = i.id WHERE i.submission_id = %s ORDER BY i.id LIMIT 1"
                     % accepted)
period = sql("SELECT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
             "WHERE s.status = 'accepted' ORDER BY p.starts_on DESC LIMIT 1")[0]
total = sql("SELECT COUNT(*) FROM cells")[0]

# (name, path, target ratio against /account/password, target p99 in ms)
YARDSTICK = "/account/password"
pages = [
    ("flows grid (%s cells)" % cells, "/submission/%s/flows" % accepted, 0.15, 100),
    ("route list, filtered", "/submission/%s/routes?country=%s&mode=%s" % (accepted, origin, mode),
     0.15, 100),
    ("incident list, filtered", "/submission/%s/incidents?country=%s&mode=%s"
     % (accepted, cit, transport), 0.15, 100),
    ("pooled regional totals", "/pooled?period=%s&dataset=flows" % period, 0.3, 50),
    ("pooled trends (20 periods)", "/pooled/trends?dataset=flows", 0.3, 50),
    ("pooled route flows, fees", "/pooled/routes?period=%s" % period, 0.3, 50),
]


def statements(path, times=12):
    """(bytes, statements) of a page: the fewest sql=N of its request log
    lines over a few requests, so that every worker has served it once (a
    worker's first request reads its copies of the code lists)."""
    log = os.path.join(ENV["LOGS"], "vrs.log")
    start = os.path.getsize(log)
    for _ in range(times):
        status, _, body = request("GET", path, cookie)
        assert status == 200, (path, status)
    with open(log, "rb") as f:
        f.seek(start)
        counts = [int(m.group(1)) for m in re.finditer(
            r" path=%s route=\S+ status=200 ms=\d+ sql=(\d+)" % re.escape(path.split("?")[0]),
            f.read().decode(errors="replace"))]
    return len(body.encode()), str(min(counts)) if counts else "?"


def wrk_latency(path, script_paths=None):
    """(req/s, p99 ms, non-2xx) of one wrk -c50 run."""
    args = ["wrk", "-t2", "-c50", "-d%ss" % SECONDS, "--latency", "-H", "Cookie: " + cookie]
    env = dict(os.environ)
    if script_paths:
        args += ["-s", "tests/bench/mixed.lua"]
        env["BENCH_PATHS"] = " ".join(script_paths)
    out = subprocess.run(args + ["http://127.0.0.1:%d%s" % (PORT, path)], capture_output=True,
                         text=True, env=env).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0


# The floor of a signed-in page: one prepared primary-key SELECT per
# request, answering with as many bytes as /account/password.
size, _ = statements(YARDSTICK)
bare = subprocess.Popen(["build/bench-bare", ENV["RUN"] + "/bare-db.sock", str(size),
                         os.environ.get("BENCH_WORKERS", "4"), ENV["ADMIN_CNF"]],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        start_new_session=True)
time.sleep(1)
try:
    bare_rps, bare_p99, bad = wrk_latency("/bench/bare-db")
finally:
    os.killpg(bare.pid, signal.SIGTERM)     # its forked workers too
    bare.wait()
yard_rps, yard_p99, _ = wrk_latency(YARDSTICK)
_, yard_sql = statements(YARDSTICK)

print("Reads that scale: %s cells, %s routes, %s incidents; %s, a contributing state's focal point;"
      % (total, routes, incidents, period))
print("wrk -t2 -c50 -d%ss --latency; each page against the signed-in %s in the same run"
      % (SECONDS, YARDSTICK))
print("  %-28s %8s %7s %8s %7s %6s  %s" % ("page", "req/s", "ratio", "p99 ms", "bytes", "stmts",
                                           "target"))
print("  %-28s %8.0f %7s %8.1f %7d %6s  %s" % ("bare FastCGI + 1 PK SELECT", bare_rps, "", bare_p99,
                                               size, "1", "NON-2xx: %d" % bad if bad else ""))
print("  %-28s %8.0f %6.2fx %8.1f %7d %6s  >= 0.80x the bare SELECT: %s"
      % (YARDSTICK, yard_rps, yard_rps / bare_rps, yard_p99, size, yard_sql,
         "met" if yard_rps >= 0.8 * bare_rps else "NOT met"))
for name, path, ratio, p99_max in pages:
    nbytes, nsql = statements(path)
    rps, p99, bad = wrk_latency(path)
    met = rps >= ratio * yard_rps and p99 <= p99_max
    print("  %-28s %8.0f %6.2fx %8.1f %7d %6s  >= %.2fx, p99 <= %d ms: %s%s"
          % (name, rps, rps / yard_rps, p99, nbytes, nsql, ratio, p99_max,
             "met" if met else "NOT met", "  NON-2xx: %d" % bad if bad else ""))

# The mixed round: the six data pages read by wrk -c50 while one writer
# saves the 504-cell grid again and again.
mixed = []
done = threading.Event()


def writer():
    i = 100
    while not done.is_set():
        mixed.append(save_once(i))
        i += 1


w = threading.Thread(target=writer)
w.start()
try:
    rps, p99, bad = wrk_latency(pages[0][1], [p for _, p, _, _ in pages])
finally:
    done.set()
    w.join()
print()
print("Grid saves of %d changed cells (target: median <= 50 ms, also under the mixed load)" % ncells)
print("  alone:         median %6.1f ms over %d saves (min %.1f, max %.1f)"
      % (statistics.median(alone), len(alone), min(alone), max(alone)))
print("  with readers:  median %6.1f ms over %d saves (min %.1f, max %.1f): %s"
      % (statistics.median(mixed), len(mixed), min(mixed), max(mixed),
         "met" if statistics.median(mixed) <= 50 else "NOT met"))
print("  the readers:   %.0f req/s over the six pages, p99 %.1f ms%s"
      % (rps, p99, "  NON-2xx: %d" % bad if bad else ""))
