"""Issue 14: the pooled views served go to an access log of their own, not
to the history, so readers never queue behind the history head's lock;
each worker seals its rows into the hash chain in batches ("access.seal"
entries carrying the SHA-256 of the rows), and `vrsadm verify` recomputes
every seal.

The test instance runs with access_seal_seconds = 1 (tests/run-all.sh).
Waiting for a seal is a bounded poll, never a timing assertion.
"""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

import pytest

import reporting as rp
from conftest import ENV, ROOT, Client, sql, vrsadm
from reporting import User

FCGI = os.path.join(ROOT, "build/vrs.fcgi")
SEALED = ("SELECT COUNT(*) FROM access_log a JOIN access_seals s ON s.writer_id = a.writer_id "
          "AND a.writer_seq BETWEEN s.seq_from AND s.seq_to WHERE a.id IN (%s)")


class World:
    pass


@pytest.fixture(scope="module")
def world():
    w = World()
    w.admin = User("secretariat-admin")
    w.analyst = User("secretariat-analyst")
    w.period = rp.create_period(w.admin)
    w.period_id = int(sql("SELECT id FROM periods WHERE code = '%s'" % w.period)[0][0])
    yield w
    rp.cleanup()


def rows_of(username, after=0):
    return sql("SELECT id, writer_id, writer_seq, COALESCE(jurisdiction_id, 'NULL'), view, format, "
               "part, COALESCE(period_id, 'NULL'), periods, country FROM access_log "
               "WHERE username = '%s' AND id > %d ORDER BY id" % (username, after))


def top_id():
    return int(sql("SELECT COALESCE(MAX(id), 0) FROM access_log")[0][0])


def wait_sealed(ids, bound=90):
    """Polls until every row in ids is covered by a seal (at most bound s)."""
    ids = ",".join(str(i) for i in ids)
    want = len(ids.split(","))
    for _ in range(bound * 10):
        if int(sql(SEALED % ids)[0][0]) == want:
            return True
        time.sleep(0.1)
    return False


def seal_of(row_id):
    """(history seq, writer, from, to, rows, sha256) of the seal covering row_id."""
    got = sql("SELECT s.history_seq, s.writer_id, s.seq_from, s.seq_to, s.row_count, s.sha256 "
              "FROM access_log a JOIN access_seals s ON s.writer_id = a.writer_id "
              "AND a.writer_seq BETWEEN s.seq_from AND s.seq_to WHERE a.id = %d" % row_id)
    assert len(got) == 1, got
    return [int(x) for x in got[0][:5]] + [got[0][5]]


def verify_ok():
    r = vrsadm("verify", check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "history chain intact" in r.stdout and "access log seals intact" in r.stdout
    return r.stdout


# ---- one view, one row ----------------------------------------------------------

def test_a_pooled_view_writes_one_access_row_and_no_history_entry(world):
    w = world
    top = int(sql("SELECT COALESCE(MAX(seq), 0) FROM history")[0][0])
    start = top_id()
    r = w.analyst.get("/pooled?period=%s&dataset=harm" % w.period)
    assert r.status == 200, r
    r = w.analyst.get("/pooled/trends?dataset=flows&format=csv")
    assert r.status == 200, r
    got = rows_of(w.analyst.username, start)
    assert [g[3:] for g in got] == [
        ["NULL", "totals", "html", "harm", str(w.period_id), w.period, ""],
        ["NULL", "trends", "csv", "flows", "NULL", got[1][8], ""]]
    assert w.period in got[1][8].split(",")          # every period the trends showed
    # the history gained no entry but seals (a pooled view used to be one)
    assert sql("SELECT action FROM history WHERE seq > %d AND action <> 'access.seal'" % top) == []
    assert sql("SELECT COUNT(*) FROM history WHERE action = 'pooled.view' AND seq > %d" % top) == [["0"]]


def test_a_refused_view_writes_nothing(world):
    w = world
    d = User("focal-point", rp.jurisdiction(fresh=True))
    start = top_id()
    assert d.get("/pooled?period=%s&dataset=flows" % w.period).status == 403
    assert rows_of(d.username, start) == []


# ---- seals ----------------------------------------------------------------------

def test_a_seal_appears_in_the_chain_after_the_interval_and_verify_passes(world):
    w = world
    start = top_id()
    for ds in ("flows", "documents", "smugglers"):
        assert w.analyst.get("/pooled?period=%s&dataset=%s" % (w.period, ds)).status == 200
    ids = [int(g[0]) for g in rows_of(w.analyst.username, start)]
    assert len(ids) == 3
    assert wait_sealed(ids), "the views were not sealed"
    for i in ids:
        seq, writer, lo, hi, n, sha = seal_of(i)
        action, actor, detail = sql("SELECT action, actor, detail FROM history WHERE seq = %d" % seq)[0]
        assert action == "access.seal" and actor.startswith("worker:")
        assert detail == "writer=%d seq=%d-%d rows=%d sha256=%s" % (writer, lo, hi, n, sha)
        assert re.fullmatch(r"[0-9a-f]{64}", sha)
    out = verify_ok()
    m = re.search(r"access log seals intact: (\d+) seals? covering (\d+) view rows?", out)
    assert m and int(m.group(2)) >= 3


def keep(row_id):
    sql("DROP TABLE IF EXISTS access_log_kept; "
        "CREATE TABLE access_log_kept AS SELECT * FROM access_log WHERE id = %d" % row_id)


def put_back(row_id):
    sql("DELETE FROM access_log WHERE id = %d; INSERT INTO access_log SELECT * FROM access_log_kept; "
        "DROP TABLE access_log_kept" % row_id)


def a_sealed_row(w):
    start = top_id()
    assert w.analyst.get("/pooled/routes?period=%s" % w.period).status == 200
    row = int(rows_of(w.analyst.username, start)[0][0])
    assert wait_sealed([row])
    return row


def broken(seq, why):
    r = vrsadm("verify", check=False)
    assert r.returncode == 1, r.stdout
    assert "access log seal BROKEN at history entry %d: %s" % (seq, why) in r.stdout, r.stdout
    return r.stdout


def test_a_deleted_sealed_view_row_fails_verify_and_names_the_seal(world):
    row = a_sealed_row(world)
    seq = seal_of(row)[0]
    keep(row)
    try:
        sql("DELETE FROM access_log WHERE id = %d" % row)
        broken(seq, "view rows of the seal were deleted")
    finally:
        put_back(row)
    verify_ok()


@pytest.mark.parametrize("change", [
    "periods = CONCAT(periods, ',2001')",
    "username = 'someone.else'",
    "jurisdiction_id = 1",                 # NULL (the secretariat) made a state
    "at = at + INTERVAL 1 SECOND",
])
def test_an_altered_sealed_view_row_fails_verify_and_names_the_seal(world, change):
    row = a_sealed_row(world)
    seq = seal_of(row)[0]
    keep(row)
    try:
        sql("UPDATE access_log SET %s WHERE id = %d" % (change, row))
        broken(seq, "a view row of the seal was altered")
    finally:
        put_back(row)
    verify_ok()


def test_a_row_inserted_into_a_sealed_range_fails_verify_and_names_the_seal(world):
    """A writer's numbers have gaps where a write failed. A writer (made
    here in SQL) whose rows 1 and 3 were sealed together: a row 2 slipped
    in later is inside the seal's range."""
    w = world
    sql("INSERT INTO access_writers (host, pid, started_at) VALUES ('test-host', 1, UTC_TIMESTAMP(6))")
    writer = int(sql("SELECT MAX(id) FROM access_writers WHERE host = 'test-host'")[0][0])
    row = ("INSERT INTO access_log (writer_id, writer_seq, at, user_id, username, jurisdiction_id, "
           "view, format, part, period_id, periods, country) VALUES (%d, %d, UTC_TIMESTAMP(6), 1, "
           "'forger', NULL, 'totals', 'html', 'flows', %d, '%s', '')")
    try:
        sql(row % (writer, 1, w.period_id, w.period))
        sql(row % (writer, 3, w.period_id, w.period))
        r = vrsadm("access-seal")
        assert re.search(r"sealed \d+ view rows?", r.stdout)
        ids = [int(x[0]) for x in sql("SELECT id FROM access_log WHERE writer_id = %d" % writer)]
        assert wait_sealed(ids, bound=5)
        seq, _, lo, hi, n, _ = seal_of(ids[0])
        assert (lo, hi, n) == (1, 3, 2)
        verify_ok()
        sql(row % (writer, 2, w.period_id, w.period))
        out = broken(seq, "view rows were inserted into the seal's range")
        assert "(sealed 2 rows, found 3)" in out
    finally:
        sql("DELETE FROM access_log WHERE writer_id = %d AND writer_seq = 2; "
            "UPDATE access_writers SET stopped_at = UTC_TIMESTAMP(6) WHERE id = %d" % (writer, writer))
    verify_ok()


def test_an_altered_seal_fails_verify(world):
    row = a_sealed_row(world)
    seq = seal_of(row)[0]
    try:
        sql("UPDATE access_seals SET row_count = row_count + 1 WHERE history_seq = %d" % seq)
        broken(seq, "the seal differs from its history entry")
    finally:
        sql("UPDATE access_seals SET row_count = row_count - 1 WHERE history_seq = %d" % seq)
    verify_ok()


# ---- concurrency ------------------------------------------------------------------

def test_twenty_concurrent_readers_all_get_their_pages_and_every_row_is_sealed(world):
    w = world
    start = top_id()
    results, lock = [], threading.Lock()
    paths = ["/pooled?period=%s&dataset=flows" % w.period, "/pooled/routes?period=%s" % w.period,
             "/pooled/trends?dataset=harm", "/pooled/narratives?period=%s" % w.period]

    def reader(n):
        c = Client()
        c.cookies = dict(w.analyst.cookies)        # the same session, its own connections
        for k in range(5):
            r = c.get(paths[(n + k) % len(paths)])
            with lock:
                results.append(r.status)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert results == [200] * 100, results
    got = rows_of(w.analyst.username, start)
    assert len(got) == 100
    assert len({(g[1], g[2]) for g in got}) == 100      # one number per row within its writer
    assert wait_sealed([int(g[0]) for g in got]), "not every view was sealed"
    verify_ok()


class HeadLock:
    """Another connection holding history_head's row lock (what every
    history writer takes) until released."""

    def __enter__(self):
        self.p = subprocess.Popen(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-N", "-B",
                                   "--unbuffered", ENV["DB_NAME"]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)
        self.p.stdin.write("BEGIN;\nSELECT 'held', seq FROM history_head WHERE id = 1 FOR UPDATE;\n")
        self.p.stdin.flush()
        assert self.p.stdout.readline().startswith("held")
        return self

    def __exit__(self, *exc):
        self.p.stdin.write("ROLLBACK;\n")
        self.p.stdin.close()
        self.p.wait(30)


class PatientClient(Client):
    """Gives up after 20 s: far less than a lock wait (50 s), so a page
    that waited for the history head fails here instead of answering."""

    def connection(self):
        import http.client
        return http.client.HTTPConnection(self.host, self.port, timeout=20)


def test_a_pooled_view_answers_while_another_connection_holds_the_history_head(world):
    w = world
    c = PatientClient()
    c.cookies = dict(w.analyst.cookies)
    start = top_id()
    with HeadLock():
        r = c.get("/pooled?period=%s&dataset=flows" % w.period)
        assert r.status == 200, r
        assert len(rows_of(w.analyst.username, start)) == 1
    ids = [int(g[0]) for g in rows_of(w.analyst.username, start)]
    assert wait_sealed(ids)                          # sealed once the head is free


# ---- stopped workers ----------------------------------------------------------------

class Program:
    """A second vrs.fcgi on the test database with its own socket, one
    worker and a seal interval of an hour, so only its stop (or a sweep)
    seals what it wrote; requests go straight over FastCGI (cgi-fcgi)."""

    def __init__(self, interval=3600):
        self.dir = tempfile.mkdtemp(prefix="vrs-access-")
        self.sock = os.path.join(self.dir, "s")
        self.conf = os.path.join(self.dir, "vrs.conf")
        with open(ENV["CONF"]) as f, open(self.conf, "w") as out:
            out.write(f.read() + "\nlisten = %s\nworkers = 1\naccess_seal_seconds = %d\n"
                      % (self.sock, interval))
        self.proc = subprocess.Popen([FCGI, "-c", self.conf])
        for _ in range(200):
            if os.path.exists(self.sock):
                break
            time.sleep(0.05)
        assert os.path.exists(self.sock), "the program did not open its socket"

    def get(self, user, path):
        p, _, q = path.partition("?")
        env = dict(os.environ, REQUEST_METHOD="GET", PATH_INFO=p, QUERY_STRING=q, SCRIPT_NAME="",
                   REMOTE_ADDR="127.0.0.1", SERVER_NAME="localhost", HTTP_HOST="localhost",
                   HTTP_COOKIE="; ".join("%s=%s" % kv for kv in user.cookies.items()))
        out = subprocess.run(["cgi-fcgi", "-bind", "-connect", self.sock], env=env,
                             capture_output=True, text=True, timeout=30).stdout
        return out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def one_view_by(program, w):
    start = top_id()
    out = program.get(w.analyst, "/pooled?period=%s&dataset=flows" % w.period)
    assert "Status: 200" in out.split("\r\n\r\n")[0], out[:300]
    got = rows_of(w.analyst.username, start)
    assert len(got) == 1, got
    row, writer = int(got[0][0]), int(got[0][1])
    assert int(sql(SEALED % row)[0][0]) == 0          # an hour to go before its own seal
    return row, writer


def test_an_idle_worker_seals_its_rows_on_its_timer(world):
    """A worker that served a view and then nothing more: its timer wakes
    it (every access_seal_seconds, 3 here) to seal the row itself."""
    p = Program(interval=3)
    try:
        start = top_id()
        out = p.get(world.analyst, "/pooled?period=%s&dataset=flows" % world.period)
        assert "Status: 200" in out.split("\r\n\r\n")[0], out[:300]
        row = int(rows_of(world.analyst.username, start)[0][0])
        assert wait_sealed([row], bound=60), "the idle worker did not seal its row"
        writer = int(sql("SELECT writer_id FROM access_log WHERE id = %d" % row)[0][0])
        pid = sql("SELECT pid FROM access_writers WHERE id = %d" % writer)[0][0]
        seq = seal_of(row)[0]
        assert sql("SELECT actor FROM history WHERE seq = %d" % seq)[0][0].endswith(":" + pid)
        assert sql("SELECT stopped_at FROM access_writers WHERE id = %d" % writer) == [["NULL"]]
    finally:
        p.stop()
    verify_ok()


def test_a_worker_seals_its_rows_when_it_stops(world):
    p = Program()
    try:
        row, writer = one_view_by(p, world)
    finally:
        p.stop()
    assert int(sql(SEALED % row)[0][0]) == 1
    seq = seal_of(row)[0]
    assert sql("SELECT actor FROM history WHERE seq = %d" % seq)[0][0].startswith("worker:")
    assert sql("SELECT stopped_at IS NOT NULL FROM access_writers WHERE id = %d" % writer) == [["1"]]
    verify_ok()


def test_the_rows_of_a_killed_worker_are_sealed_by_another(world):
    p = Program()
    try:
        row, writer = one_view_by(p, world)
        pid = int(sql("SELECT pid FROM access_writers WHERE id = %d" % writer)[0][0])
        os.kill(pid, signal.SIGKILL)                 # no stop, no seal
    finally:
        p.stop()
    assert sql("SELECT stopped_at FROM access_writers WHERE id = %d" % writer) == [["NULL"]]
    # the test instance's workers sweep up rows older than their grace time
    assert wait_sealed([row], bound=120), "the killed worker's row was never sealed"
    seq = seal_of(row)[0]
    actor = sql("SELECT actor FROM history WHERE seq = %d" % seq)[0][0]
    assert actor.startswith("worker:") and not actor.endswith(":%d" % pid)
    verify_ok()


def test_vrsadm_access_seal_seals_what_is_waiting(world):
    p = Program()
    try:
        row, writer = one_view_by(p, world)
        pid = int(sql("SELECT pid FROM access_writers WHERE id = %d" % writer)[0][0])
        os.kill(pid, signal.SIGKILL)
    finally:
        p.stop()
    r = vrsadm("access-seal")
    assert re.search(r"sealed \d+ view rows?", r.stdout)
    assert int(sql(SEALED % row)[0][0]) == 1            # by vrsadm, or a sweep just before
    verify_ok()


def test_verify_counts_unsealed_rows_and_fails_on_an_old_one(world):
    """A row no seal covers: counted while young; past the bound (an hour
    here) verify fails."""
    w = world
    sql("INSERT INTO access_writers (host, pid, started_at, stopped_at) VALUES "
        "('test-host', 2, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")        # stopped: no sweep takes it
    writer = int(sql("SELECT MAX(id) FROM access_writers WHERE host = 'test-host'")[0][0])
    ins = ("INSERT INTO access_log (writer_id, writer_seq, at, user_id, username, jurisdiction_id, "
           "view, format, part, period_id, periods, country) VALUES (%d, 1, %s, 1, 'forger', NULL, "
           "'totals', 'html', 'flows', %d, '%s', '')")
    try:
        sql(ins % (writer, "UTC_TIMESTAMP(6)", w.period_id, w.period))
        r = vrsadm("verify", check=False)
        assert r.returncode == 0, r.stdout
        assert re.search(r"access log: \d+ view rows? not sealed yet, the oldest from", r.stdout)
        sql("UPDATE access_log SET at = at - INTERVAL 2 DAY WHERE writer_id = %d" % writer)
        r = vrsadm("verify", check=False)
        assert r.returncode == 1 and "view rows unsealed for more than" in r.stdout, r.stdout
    finally:
        sql("DELETE FROM access_log WHERE writer_id = %d" % writer)
    verify_ok()


def test_a_row_numbered_outside_every_seal_is_unsealed(world):
    """A writer numbers its rows from 1: a row 0 slipped in beside a sealed
    writer's rows is in no seal, and old, it fails verify."""
    row = a_sealed_row(world)
    writer = int(sql("SELECT writer_id FROM access_log WHERE id = %d" % row)[0][0])
    try:
        sql("INSERT INTO access_log (writer_id, writer_seq, at, user_id, username, jurisdiction_id, "
            "view, format, part, period_id, periods, country) VALUES (%d, 0, "
            "UTC_TIMESTAMP(6) - INTERVAL 2 DAY, 1, 'forger', NULL, 'totals', 'html', 'flows', NULL, "
            "'', '')" % writer)
        r = vrsadm("verify", check=False)
        assert r.returncode == 1 and "view rows unsealed for more than" in r.stdout, r.stdout
    finally:
        sql("DELETE FROM access_log WHERE writer_id = %d AND writer_seq = 0" % writer)
    verify_ok()


def test_the_application_account_cannot_rewrite_the_access_log():
    pw = open(ENV["VAR"] + "/db-password").read().strip()
    for stmt in ("UPDATE access_log SET username = 'x'", "DELETE FROM access_log",
                 "UPDATE access_seals SET row_count = 0", "DELETE FROM access_seals"):
        r = subprocess.run(["mariadb", "--socket=" + ENV["DB_SOCK"], "-u", "vrs", "-p" + pw,
                            ENV["DB_NAME"], "-e", stmt], capture_output=True, text=True)
        assert r.returncode != 0 and "denied" in r.stderr, (stmt, r.stderr)
