"""Page weights (issue 13, "light on slow links"): run by tests/bench/run.sh
after reporting.py, on the bench volume. Each main page is fetched twice
through the bench instance's nginx, once as it is and once with
"Accept-Encoding: gzip", and the bytes on the wire are printed: what an
official on a slow link downloads. Prints figures; asserts nothing."""
import http.client
import re
import subprocess
import sys
import urllib.parse

PORT = int(sys.argv[1])
ENV = dict(line.split("=", 1) for line in subprocess.run(
    ["sh", "etc/dev/stack.sh", "env", "bench"], capture_output=True, text=True,
    check=True).stdout.split())
ENV = {k: v.strip("'") for k, v in ENV.items()}
PASSWORD = "bench password 123"


def sql(q):
    return subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-N", "-B", "vrs",
                           "-e", q], capture_output=True, text=True, check=True).stdout.split()


def request(method, path, cookie="", body=None, gzip_ok=False):
    """(status, headers, body bytes as sent: compressed when they were)."""
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    headers = {"Cookie": cookie} if cookie else {}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.getheaders(), data


def sign_in(username, name, role, jurisdiction=None):
    """A session cookie for a bench user (made the first time)."""
    # --permanent: a password set with vrsadm is otherwise temporary, and
    # every page would answer with the way to change it.
    if not sql("SELECT id FROM users WHERE username = '%s'" % username):
        args = ["build/vrsadm", "-c", ENV["CONF"], "user", "add", "--permanent",
                "--username", username, "--name", name, "--role", role]
        if jurisdiction:
            args += ["--jurisdiction", jurisdiction]
    else:
        args = ["build/vrsadm", "-c", ENV["CONF"], "user", "passwd", "--permanent", username]
    subprocess.run(args, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    _, headers, body = request("GET", "/login")
    pre = [v for k, v in headers if k == "Set-Cookie" and v.startswith("vrs_pre=")][0]
    pre = pre.split(";")[0]
    token = re.search(rb'name="csrf" value="([0-9a-f]+)"', body).group(1).decode()
    _, headers, _ = request("POST", "/login", pre, urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrf": token}))
    session = [v for k, v in headers if k == "Set-Cookie" and v.startswith("vrs_session=")]
    return pre + "; " + session[0].split(";")[0]


jcode = sql("SELECT code FROM jurisdictions ORDER BY code LIMIT 1")[0]
focal = sign_in("bench.focal", "Bench Focal", "focal-point", jcode)
analyst = sign_in("bench.analyst", "Bench Analyst", "secretariat-analyst")
accepted = sql("SELECT s.id FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
               "WHERE j.code = '%s' AND s.status = 'accepted' ORDER BY s.id LIMIT 1" % jcode)[0]
draft = sql("SELECT s.id FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
            "JOIN periods p ON p.id = s.period_id WHERE j.code = '%s' AND p.code = '2099-S1'"
            % jcode)
period = sql("SELECT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
             "WHERE s.status = 'accepted' ORDER BY p.starts_on DESC LIMIT 1")[0]
rows = sql("SELECT COUNT(*) FROM grid_rows WHERE submission_id = %s AND dataset = 'flows'"
           % (draft[0] if draft else accepted))[0]

pages = [("sign-in page", "/login", ""),
         ("home, focal point", "/", focal),
         ("home, analyst", "/", analyst),
         ("reporting, focal point", "/report", focal),
         ("reporting, analyst", "/report", analyst),
         ("submission overview", "/submission/%s" % accepted, focal)]
pages += [("%s grid, accepted" % ds, "/submission/%s/%s" % (accepted, ds), focal)
          for ds in ("flows", "documents", "smugglers", "harm")]
if draft:
    pages += [("flows grid, editable (%s rows)" % rows, "/submission/%s/flows" % draft[0], focal)]
pages += [("route list", "/submission/%s/routes" % accepted, focal),
          ("incident list", "/submission/%s/incidents" % accepted, focal),
          ("narrative", "/submission/%s/narrative" % accepted, focal),
          ("history", "/submission/%s/history" % accepted, focal),
          ("what you can see", "/sharing", focal),
          ("pooled regional totals", "/pooled?period=%s&dataset=flows" % period, focal),
          ("pooled trends", "/pooled/trends?dataset=flows", focal),
          ("pooled route flows", "/pooled/routes?period=%s" % period, focal),
          ("pooled narratives", "/pooled/narratives?period=%s" % period, focal),
          ("XML exchange", "/exchange", analyst),
          ("stylesheet", "/static/style.css", "")]

print("Page weights through nginx (bench volume; bytes on the wire, without and with gzip):")
print("  %-36s %10s %10s %7s" % ("page", "raw", "gzip", "ratio"))
for name, path, cookie in pages:
    status, _, raw = request("GET", path, cookie)
    status2, headers, packed = request("GET", path, cookie, gzip_ok=True)
    gz = dict((k.lower(), v) for k, v in headers).get("content-encoding") == "gzip"
    note = "" if gz else "  (NOT COMPRESSED)"
    if status != 200 or status2 != 200:
        note += "  HTTP %d/%d" % (status, status2)
    print("  %-36s %10d %10d %6.1fx%s" % (name, len(raw), len(packed),
                                          len(raw) / max(len(packed), 1), note))
