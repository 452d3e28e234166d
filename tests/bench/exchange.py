"""Exchange benchmark (issue 6), run by tests/bench/run.sh on the bench
instance after gen-reporting.sql and gen-records.sql (reporting.py loads the
latter). Prints figures and ratios against references measured in the same
run; asserts nothing about time.

1. Export throughput: `vrsadm export --format vrs` of every accepted
   submission against `mariadb-dump --xml --quick --single-transaction` of
   the same rows, median of interleaved rounds.
2. The exporter's peak memory (RSS) at growing sizes: one period, five,
   all of them; and the SDMX export of everything (values/s for
   information).
3. Import: the largest accepted submission exported, retargeted to a draft
   of another jurisdiction, then `xmllint --stream --schema`, `vrsadm import
   --dry-run` and `vrsadm import --mode replace` on the same file; the same
   on a scaled-up file of that submission (every country's rows, its routes
   and incidents repeated), on its tables alone (no records), and on an
   empty one, since a file of ~1,300 values measures mostly the fixed cost
   of starting a process. vrsadm counts a cell or a record as one value;
   the figures also count each field of a record as one.

Wall times are time.monotonic() around each subprocess. CPU times are shown
beside them: the client's from getrusage(RUSAGE_CHILDREN), the server's
(mariadbd) from /proc; they move less than wall times when other work shares
the machine.

Usage: python3 tests/bench/exchange.py PORT (PORT is taken for the same
command line as reporting.py; everything here goes through vrsadm and the
database, not HTTP). BENCH_ROUNDS (default 3) sets the rounds; with
BENCH_KEEP=1 the import files stay in var/bench/bench/exchange/, for a
profiler."""
import collections
import copy
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 0
ENV = dict(line.split("=", 1) for line in subprocess.run(
    ["sh", "etc/dev/stack.sh", "env", "bench"], capture_output=True, text=True,
    check=True).stdout.split())
ENV = {k: v.strip("'") for k, v in ENV.items()}
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
VRSADM = ["build/vrsadm", "-c", ENV["CONF"]]
SCHEMA = "static/vrs-exchange-1.0.xsd"
NS = "urn:vrs-msrc:vrs-exchange/1.0"
WORK = os.path.join(ENV["VAR"], "bench", "exchange")
TIME_V = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
with open(os.path.join(ENV["RUN"], "mysqld.pid")) as f:
    SERVER_PID = f.read().strip()
TICK = os.sysconf("SC_CLK_TCK")


def sql(q):
    return subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-N", "-B", "vrs",
                           "-e", q], capture_output=True, text=True, check=True).stdout.split()


median = statistics.median


def server_cpu():
    """mariadbd's user + system CPU seconds so far."""
    with open("/proc/%s/stat" % SERVER_PID) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def client_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# A child's peak RSS without /usr/bin/time: a fresh python3 runs the command
# and reports RUSAGE_CHILDREN, whose ru_maxrss (KiB on Linux) is then the
# peak of that one child alone.
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "sys.stderr.write('\\nMaximum resident set size (kbytes): %d\\n' % "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(rc)\n")

Run = collections.namedtuple("Run", "wall cpu server peak out")


def run(cmd, stdout=None, rss=False):
    """Runs cmd, stops the benchmark if it fails. With rss the command runs
    under /usr/bin/time -v (or the wrapper above): a fork and an exec more."""
    if rss:
        cmd = ([TIME_V, "-v"] if TIME_V else [sys.executable, "-c", RSS_WRAPPER]) + cmd
    c0, s0 = client_cpu(), server_cpu()
    start = time.monotonic()
    p = subprocess.run(cmd, stdout=stdout if stdout is not None else subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    c1, s1 = client_cpu(), server_cpu()
    if p.returncode != 0:
        sys.exit("exchange.py: %s failed (%d):\n%s%s" % (" ".join(cmd), p.returncode,
                                                        p.stdout or "", p.stderr))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr) if rss else None
    return Run(wall, c1 - c0, s1 - s0, int(m.group(1)) if m else None, p.stdout)


Export = collections.namedtuple("Export", "run values bytes")


def export(out, args, fmt="vrs"):
    """One vrsadm export, its files removed after it."""
    r = run(VRSADM + ["export", "--format", fmt] + args + ["--out", out], rss=True)
    m = re.search(r"export \d+: (\d+) submissions, (\d+) values, (\d+) bytes", r.out)
    for f in (out, out + ".manifest.xml", out + ".structure.xml"):
        if os.path.exists(f):
            os.remove(f)
    return Export(r, int(m.group(2)), int(m.group(3)))


def med(runs, field):
    return median(getattr(r, field) for r in runs)


def count_rows(path):
    """<row> elements in a mariadb-dump --xml file, streamed."""
    n, tail = 0, b""
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                break
            buf = tail + chunk
            n += buf.count(b"<row>")
            tail = buf[-4:]	# shorter than "<row>": a split one is counted once
    return n


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
out_vrs = os.path.join(WORK, "export.xml")

# ---- 1. export against mariadb-dump ----------------------------------------

# "The same rows": the export without --all-statuses holds the accepted
# submissions, and of each its cells, its routes (not deleted) with their
# legs, its incidents (not deleted) with their persons, and its narrative.
# The dump takes exactly those rows of cells, routes, route_legs, incidents,
# incident_persons and narratives: it leaves out the rows of the submissions
# that are not accepted (the drafts that reporting.py and part 3 below
# write into) and the softly deleted routes and incidents with their legs
# and persons. One --where serves all the tables of one mariadb-dump call,
# so there are four calls (cells and narratives; routes and incidents;
# legs; persons), timed together.
# The export also reads grid_rows (rows picked without cells), the nil
# returns and the submissions, and hashes its bytes; the dump does not.
#
# The units differ: the export counts a value per cell, route, incident and
# narrative part, the dump a <row> per table row (a leg and a person are rows
# of their own). So the ratio that compares like with like is the time for
# the same content, t(dump) / t(export), which is our values/s over the
# dump's rate in the same values; the dump's <row>s/s are shown as well.
others = sql("SELECT id FROM submissions WHERE status <> 'accepted' ORDER BY id")
ids = ",".join(others)
by_sub = "submission_id NOT IN (%s)" % ids if others else None
live = "deleted_at IS NULL" + (" AND " + by_sub if others else "")
gone = ("submission_id IN (%s) OR " % ids if others else "") + "deleted_at IS NOT NULL"
dump_calls = [
    (by_sub, ["cells", "narratives"]),
    (live, ["routes", "incidents"]),
    ("route_id NOT IN (SELECT id FROM routes WHERE %s)" % gone, ["route_legs"]),
    ("incident_id NOT IN (SELECT id FROM incidents WHERE %s)" % gone, ["incident_persons"]),
]


def dump():
    """The mariadb-dump calls, each into a file: (one Run with their wall,
    client CPU and server CPU summed, bytes, files)."""
    runs, size, files = [], 0, []
    for i, (where, tables) in enumerate(dump_calls):
        path = os.path.join(WORK, "dump%d.xml" % i)
        cmd = ["mariadb-dump", "--defaults-file=" + ENV["ADMIN_CNF"], "--xml", "--quick",
               "--single-transaction"] + (["--where", where] if where else []) + ["vrs"] + tables
        with open(path, "w") as f:
            runs.append(run(cmd, stdout=f))
        size += os.path.getsize(path)
        files.append(path)
    total = Run(*(sum(getattr(r, k) for r in runs) for k in ("wall", "cpu", "server")),
                None, "")
    return total, size, files


load0 = os.getloadavg()[0]
exp_runs, dump_runs = [], []
for r in range(ROUNDS):
    e = export(out_vrs, [])
    exp_runs.append(e.run)
    d, dbytes, files = dump()
    dump_runs.append(d)
    if r == 0:
        rows = sum(count_rows(f) for f in files)
    for f in files:
        os.remove(f)
values, nbytes = e.values, e.bytes
subs = sql("SELECT COUNT(*) FROM submissions WHERE status = 'accepted'")[0]
te, td = med(exp_runs, "wall"), med(dump_runs, "wall")
print("Exchange benchmark: %s accepted submissions; median of %d interleaved rounds; "
      "load average %.1f at the start" % (subs, ROUNDS, load0))
print("  export, every accepted submission:%44s  CPU: client + server" % "")
print("    vrsadm export --format vrs   %9d values  %11d bytes  %6.2f s  %9.0f values/s  "
      "%5.2f + %5.2f s" % (values, nbytes, te, values / te, med(exp_runs, "cpu"),
                           med(exp_runs, "server")))
print("    mariadb-dump --xml --quick   %9d <row>s  %11d bytes  %6.2f s  %9.0f rows/s    "
      "%5.2f + %5.2f s" % (rows, dbytes, td, rows / td, med(dump_runs, "cpu"),
                           med(dump_runs, "server")))
print("    (the same rows: cells, routes, route_legs, incidents, incident_persons, narratives")
print("     of the accepted submissions; a leg or a person is a dump row of its own)")
print("    export / dump on the same content: %.2fx  (t(dump) / t(export); target >= 0.7x)"
      % (td / te))
print("    rounds: export %s s; dump %s s" % (" ".join("%.2f" % r.wall for r in exp_runs),
                                            " ".join("%.2f" % r.wall for r in dump_runs)))

# ---- 2. peak memory at growing sizes ---------------------------------------

periods = sql("SELECT DISTINCT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
              "WHERE s.status = 'accepted' ORDER BY p.code")
sizes = [("1 period (%s)" % periods[-1], ["--period", periods[-1]])]
if len(periods) > 5:
    sizes.append(("5 periods (%s..%s)" % (periods[-5], periods[-1]),
                  [a for p in periods[-5:] for a in ("--period", p)]))
print()
print("  exporter peak memory (RSS%s):"
      % (" by /usr/bin/time -v" if TIME_V else ", getrusage of a fresh child"))


def size_line(name, e, peak, note=""):
    print("    %-28s %9d values  %11d bytes  %6.2f s  %9.0f values/s  peak %6.1f MiB%s"
          % (name, e.values, e.bytes, e.run.wall, e.values / e.run.wall, peak / 1024.0, note))


for name, args in sizes:
    e = export(out_vrs, args)
    size_line(name, e, e.run.peak)
size_line("all %d periods" % len(periods),
          Export(exp_runs[0]._replace(wall=te), values, nbytes), med(exp_runs, "peak"),
          "  (part 1's median)")
e = export(out_vrs, [], "sdmx")
size_line("SDMX, all periods (cells)", e, e.run.peak)
print("    (target: peak <= 32 MiB, flat from one period to all)")

# ---- 3. import ---------------------------------------------------------------

# The source: the accepted submission with the most cells, then routes and
# incidents (gen-records.sql spreads 200,000 routes and 50,000 incidents
# over the accepted submissions: a few hundred each).
src = sql("SELECT s.id, j.code, p.code, "
          "(SELECT COUNT(*) FROM cells c WHERE c.submission_id = s.id) nc, "
          "(SELECT COUNT(*) FROM routes r WHERE r.submission_id = s.id) nr, "
          "(SELECT COUNT(*) FROM incidents i WHERE i.submission_id = s.id) ni "
          "FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
          "JOIN periods p ON p.id = s.period_id WHERE s.status = 'accepted' "
          "ORDER BY nc DESC, nr DESC, ni DESC, s.id LIMIT 1")
src_j, period = src[1], src[2]
# The target: a new version, a draft, of another jurisdiction's submission
# for the same period (the incidents' dates must fall in the draft's period).
# Imports go only into a draft of an open period; gen-reporting.sql's
# periods are open. A run before this one may have made it already.
dst_j = sql("SELECT MAX(j.code) FROM jurisdictions j JOIN submissions s ON s.jurisdiction_id = j.id "
            "JOIN periods p ON p.id = s.period_id WHERE p.code = '%s' AND s.status = 'accepted' "
            "AND j.code <> '%s'" % (period, src_j))[0]
latest = sql("SELECT s.status FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
             "JOIN periods p ON p.id = s.period_id WHERE j.code = '%s' AND p.code = '%s' "
             "ORDER BY s.version DESC LIMIT 1" % (dst_j, period))
if not latest or latest[0] not in ("draft", "returned"):
    sql("INSERT INTO submissions (jurisdiction_id, period_id, version, status, created_at, "
        "updated_at) SELECT j.id, p.id, COALESCE((SELECT MAX(version) FROM submissions x "
        "WHERE x.jurisdiction_id = j.id AND x.period_id = p.id), 0) + 1, 'draft', "
        "UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM jurisdictions j JOIN periods p "
        "WHERE j.code = '%s' AND p.code = '%s'" % (dst_j, period))
draft = sql("SELECT s.id FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
            "JOIN periods p ON p.id = s.period_id WHERE j.code = '%s' AND p.code = '%s' "
            "ORDER BY s.version DESC LIMIT 1" % (dst_j, period))[0]


def purge():
    """Each replace deletes the draft's routes and incidents softly: those
    of earlier rounds and runs go for good, so they do not pile up."""
    for child, parent, key in (("route_legs", "routes", "route_id"),
                               ("incident_persons", "incidents", "incident_id")):
        sql("DELETE c FROM %s c JOIN %s r ON r.id = c.%s WHERE r.submission_id = %s "
            "AND r.deleted_at IS NOT NULL" % (child, parent, key, draft))
        sql("DELETE FROM %s WHERE submission_id = %s AND deleted_at IS NOT NULL"
            % (parent, draft))


purge()
one = os.path.join(WORK, "one.xml")
run(VRSADM + ["export", "--format", "vrs", "--jurisdiction", src_j, "--period", period,
              "--out", one + ".src"])
with open(one + ".src", encoding="utf-8") as f:
    text = f.read()
head = '<Submission jurisdiction="%s" period="%s"' % (src_j, period)
assert head in text, head
text = text.replace(head, '<Submission jurisdiction="%s" period="%s"' % (dst_j, period), 1)
with open(one, "w", encoding="utf-8") as f:
    f.write(text)

# The empty file: the same Submission with nothing in it, for the fixed
# cost of each tool (a process, the schema compiled; for vrsadm also the
# database connection, the language file and the draft's cells loaded).
empty = os.path.join(WORK, "empty.xml")
with open(empty, "w", encoding="utf-8") as f:
    f.write(re.sub(r"(<Submission [^>]*?)>.*</Submission>", r"\1/>", text, flags=re.S))

# The scaled file: the same submission, its tables of country rows grown to
# every country code valid in the period, its routes and incidents repeated,
# to about 60,000 values in about 12 MB, within max_upload_bytes (20 MiB by
# default). Routes and incidents may repeat; rows and cells may not (the
# schema's OneRow and OneCell).
starts, ends = sql("SELECT starts_on, ends_on FROM periods WHERE code = '%s'" % period)
countries = sorted(sql("SELECT code FROM codes WHERE list = 'country' AND valid_from <= '%s' "
                       "AND (valid_to IS NULL OR valid_to >= '%s')" % (ends, starts)))
ET.register_namespace("", NS)
tree = ET.parse(one)
q = lambda name: "{%s}%s" % (NS, name)
sub = tree.getroot().find(q("Submission"))
for table in sub.iter(q("Table")):
    rows_in = table.findall(q("Row"))
    if not rows_in or any(r.get("code") not in countries for r in rows_in):
        continue
    have = {r.get("code") for r in rows_in}
    for code in countries:
        if code not in have:
            row = ET.SubElement(table, q("Row"), code=code)
            row.extend(copy.deepcopy(c) for c in rows_in[0])
    table[:] = sorted(table, key=lambda r: r.get("code"))
ncells = sum(1 for _ in sub.iter(q("Cell")))
parts = [p for p in (sub.find(q("Routes")), sub.find(q("Incidents"))) if p is not None]
nrec = max(sum(len(p) for p in parts), 1)
rec_bytes = len(text.partition("<Routes")[2].encode()) / nrec	# per record, as exported
copies = max(1, min(int((60000 - ncells) / nrec), int(15 * 1024 * 1024 / rec_bytes / nrec)))
for part in parts:
    records = list(part)
    for _ in range(copies - 1):
        part.extend(copy.deepcopy(r) for r in records)
ET.indent(tree, "  ")
scaled = os.path.join(WORK, "scaled.xml")
tree.write(scaled, encoding="UTF-8", xml_declaration=True)
# The aggregate tables alone (every country's rows): what most of a
# state's data is, without the records.
for part in parts:
    sub.remove(part)
cells_only = os.path.join(WORK, "cells.xml")
tree.write(cells_only, encoding="UTF-8", xml_declaration=True)


def field_values(path):
    """The data values a file holds, counting a record by its fields: a
    cell is one; a Route, Leg, Incident or Persons gives one per attribute,
    and a Note, Vessel or Concealment one more. (vrsadm counts a record
    once: that is the values column.)"""
    n = 0
    for _, el in ET.iterparse(path):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "Cell":
            n += 1
        elif tag in ("Route", "Leg", "Incident", "Persons"):
            n += len(el.attrib)
        elif tag in ("Note", "Vessel", "Concealment"):
            n += 1
        if tag in ("Route", "Incident", "Table"):
            el.clear()
    return n

imp = VRSADM + ["import"]
target = ["--jurisdiction", dst_j, "--period", period]


def statements():
    """Prepared statements the server has executed (vrsadm's reads and
    writes are all prepared statements)."""
    return int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[1])


Result = collections.namedtuple("Result", "values fields bytes xmllint dry replace summary "
                                "statements")
results = {}


def settle():
    """Waits (up to a minute) until InnoDB has purged what earlier writes
    left and written back most dirty pages, so that its background work
    (and the disk's) does not weigh on what comes next."""
    for _ in range(600):
        history = int(sql("SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'")[1])
        dirty = int(sql("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")[1])
        if history < 100 and dirty < 200:
            return
        time.sleep(0.1)


# The small files first: after a replace of the scaled file the server works
# on for a while (InnoDB purges what it deleted), which would weigh on them.
# For each file the reading rounds (xmllint and the dry-run, interleaved)
# come before the writing ones, on a settled server.
for name, path in (("empty", empty), ("one", one), ("cells", cells_only), ("scaled", scaled)):
    xl, dry, rep = [], [], []
    settle()
    for r in range(ROUNDS):
        xl.append(run(["xmllint", "--noout", "--stream", "--schema", SCHEMA, path]))
        dry.append(run(imp + [path] + target + ["--mode", "replace", "--dry-run"]))
    for r in range(ROUNDS):
        settle()
        before = statements()
        rep.append(run(imp + [path] + target + ["--mode", "replace"]))
        nstmt = statements() - before
    results[name] = Result(int(re.search(r"\((\d+) values\)", rep[-1].out).group(1)),
                           field_values(path), os.path.getsize(path), xl, dry, rep,
                           rep[-1].out.strip().split(": ", 1)[-1], nstmt)
# The draft is left as a run before left it: with the file as exported.
run(imp + [one] + target + ["--mode", "replace"])
purge()

print()
print("  import into a draft: %s %s, from %s %s's accepted submission (the largest), --mode "
      "replace;" % (dst_j, period, src_j, period))
print("  wall times (vrsadm's CPU; a wall time includes waiting for the database), median of "
      "%d rounds:" % ROUNDS)
print("    %-36s %7s %9s %16s %16s %16s %9s" % ("file", "values", "bytes", "xmllint", "dry-run",
                                               "replace", "values/s"))
labels = {"empty": "empty Submission (fixed cost)",
          "one": "one submission, as exported",
          "cells": "its tables, all countries, no records",
          "scaled": "scaled (all countries, records x%d)" % copies}
W = lambda runs: "%6.3f s (%5.3f)" % (med(runs, "wall"), med(runs, "cpu"))
for name in ("empty", "one", "cells", "scaled"):
    x = results[name]
    print("    %-36s %7d %9d %16s %16s %16s %9.0f"
          % (labels[name], x.values, x.bytes, W(x.xmllint), W(x.dry), W(x.replace),
             x.values / med(x.replace, "wall")))
e = results["empty"]


def beyond(num, den, fmt):
    """num / den, both less the fixed cost; or a note when the difference is
    lost in the noise of such short runs."""
    return fmt % (num / den) if num > 0.002 and den > 0.002 else "n/a (within the noise)"


for name in ("one", "cells", "scaled"):
    x = results[name]
    a, d, c = med(x.xmllint, "wall"), med(x.dry, "wall"), med(x.replace, "wall")
    print("    %s:" % labels[name])
    print("      import (replace): %.0f values/s (target >= 50,000/s); beyond the fixed cost %s"
          % (x.values / c, beyond(x.values, c - med(e.replace, "wall"), "%.0f values/s")))
    if x.fields != x.values:
        print("      counting each field of a record as a value (%d values): %.0f values/s"
              % (x.fields, x.fields / c))
    print("      validation, dry-run vs xmllint --stream --schema: %.2fx (target >= 0.8x); "
          "beyond the fixed costs %s; in CPU %.2fx"
          % (a / d, beyond(a - med(e.xmllint, "wall"), d - med(e.dry, "wall"), "%.2fx"),
             med(x.xmllint, "cpu") / max(med(x.dry, "cpu"), 1e-6)))
    print("      replace reads the file once, writing as it checks: %.3f s beyond the dry-run's "
          "%.3f s (%.0f%% of it)" % (c - d, d, 100.0 * (c - d) / c))
    print("      the replace executed %d SQL statements (%.1f per value); mariadbd CPU %.2f s"
          % (x.statements, x.statements / x.values, med(x.replace, "server")))
    print("      %s" % x.summary)
print("  (load average %.1f at the end: other work on the machine slows the runs that overlap it;"
      % os.getloadavg()[0])
print("   the rounds are interleaved so that it weighs on both sides of each ratio)")

# ---- bad uploads through nginx: the time to the refusal -----------------------
# The issue asks for a 4xx page within one second for each bad input; tests
# never assert on time, so it is measured here, on the draft above, by an
# officer of its jurisdiction, through nginx to the workers.
import http.client  # noqa: E402
import urllib.parse  # noqa: E402
import uuid  # noqa: E402


def request(method, path, cookie="", body=None, ctype=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    h = {"Cookie": cookie} if cookie else {}
    if ctype:
        h["Content-Type"] = ctype
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, r.getheaders(), data


if PORT:
    officer = "bench.officer"
    if not sql("SELECT id FROM users WHERE username = '%s'" % officer):
        subprocess.run(VRSADM + ["user", "add", "--permanent", "--username", officer, "--name", "Bench Officer",
                                 "--role", "data-entry", "--jurisdiction", dst_j],
                       input="bench password 123\n", text=True, check=True, capture_output=True)
    sql("UPDATE users u JOIN jurisdictions j ON j.code = '%s' SET u.jurisdiction_id = j.id "
        "WHERE u.username = '%s'" % (dst_j, officer))
    _, hdrs, body = request("GET", "/login")
    pre = [v for k, v in hdrs if k == "Set-Cookie" and v.startswith("vrs_pre=")][0].split(";")[0]
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    _, hdrs, _ = request("POST", "/login", pre, urllib.parse.urlencode(
        {"username": officer, "password": "bench password 123", "csrf": token}),
        "application/x-www-form-urlencoded")
    session = [v for k, v in hdrs if k == "Set-Cookie" and v.startswith("vrs_session=")]
    cookie = pre + "; " + session[0].split(";")[0]
    _, _, page = request("GET", "/submission/%s/import" % draft, cookie)
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    ns = "urn:vrs-msrc:vrs-exchange/1.0"
    ok_file = ('<?xml version="1.0" encoding="UTF-8"?>\n<Exchange xmlns="%s" schemaVersion="1.0">\n'
               '<Submission jurisdiction="%s" period="%s" version="1" status="draft">\n%%s'
               '</Submission>\n</Exchange>\n' % (ns, dst_j, period))
    cell = ('<Dataset id="flows"><Table id="irr_entry"><Row code="%s"><Cell col="F.Y_LT18" '
            'value="1" flag="A"/></Row></Table></Dataset>\n')
    lol = "".join('<!ENTITY l%d "%s">' % (i, "&l%d;" % (i - 1) * 10) for i in range(1, 10))
    pad = '<CodeList id="PAD" standard="padding padding padding padding"/>\n'
    big = ok_file % (cell % "ZZZ")
    big = big.replace("<Submission", "<CodeLists>\n" + pad * ((20 * 2 ** 20 - len(big) - 30)
                                                             // len(pad)) + "</CodeLists>\n<Submission")
    cases = [
        ("XXE file:// entity", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
         '"file:///etc/passwd">]><x>&e;</x>'),
        ("billion laughs", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "ha">%s]><x>&l9;</x>' % lol),
        ("quadratic blowup", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "%s">]><x>%s</x>'
         % ("A" * 50000, "&a;" * 50000)),
        ("truncated", (ok_file % (cell % "AFG"))[:200]),
        ("wrong namespace", (ok_file % "").replace(ns, "urn:other")),
        ("not UTF-8", (ok_file % (cell % "AFG")).replace("AFG", "\xe9FG")),
        ("codes outside the lists", ok_file % (cell % "ZZZ")),
        ("20 MiB, parsed to the end", big),
    ]
    print("\n  bad uploads through nginx, time to the 4xx page (target: each within 1 s):")
    worst = 0.0
    settle()    # the purge above leaves InnoDB busy for a while
    for name, text in cases:
        data = text.encode("latin-1") if name == "not UTF-8" else text.encode("utf-8")
        b = "----bench" + uuid.uuid4().hex
        body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.xml\"\r\n"
                "Content-Type: text/xml\r\n\r\n" % (b, token, b)).encode() + data + \
            ("\r\n--%s--\r\n" % b).encode()
        t0 = time.monotonic()
        status, _, _ = request("POST", "/submission/%s/import" % draft, cookie, body,
                            "multipart/form-data; boundary=" + b)
        took = time.monotonic() - t0
        worst = max(worst, took)
        print("    %-32s %10d bytes  HTTP %d  %.3f s" % (name, len(data), status, took))
    print("    slowest: %.3f s (target <= 1 s)" % worst)

if not os.environ.get("BENCH_KEEP"):
    shutil.rmtree(WORK, ignore_errors=True)
