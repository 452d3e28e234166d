"""The program under trouble: MariaDB restarted underneath it, workers
killed or asked to stop. Everything is real: the test stops and starts the
instance's own MariaDB and signals the real worker processes.

These tests disturb the shared test stack for a few seconds; fixtures put
it back (MariaDB running, every worker slot filled) even when a test fails.
Waiting loops only guard against hangs; no test asserts on elapsed time.
(A graceful stop of the whole supervisor is what `stack.sh stop` does; it
is not tested here.)"""
import os
import re
import signal
import socket
import struct
import subprocess
import time
import urllib.parse

import pytest

from conftest import ENV, Client, sql

LOG = os.path.join(ENV["LOGS"], "vrs.log")
MY_CNF = os.path.join(ENV["VAR"], "db", "my.cnf")
INTERNALS = ("SQL", "sql", "mysql", "MariaDB", "/work", "/tmp", ".c:", "NEOERR",
             "Error:", "errno", "2002", "2006", "socket")


def wait_for(predicate, what, limit=60):
    """Polls predicate until true; fails the test (not a timing assertion)
    only when it is still false after limit seconds, i.e. something hangs."""
    end = time.monotonic() + limit
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            pytest.fail("gave up waiting for " + what)
        time.sleep(0.1)


def pid_gone(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def log_offset():
    return os.path.getsize(LOG)


def log_since(offset):
    with open(LOG, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


# ---- the workers ------------------------------------------------------------------------

def configured_workers():
    n = None
    with open(ENV["CONF"]) as f:
        for line in f:
            m = re.match(r"\s*workers\s*=\s*(\d+)", line)
            if m:
                n = int(m.group(1))         # the last one counts
    return n


WORKERS = configured_workers()


def supervisor():
    with open(os.path.join(ENV["RUN"], "vrs.pid")) as f:
        return int(f.read())


def workers():
    out = subprocess.run(["pgrep", "-P", str(supervisor())], capture_output=True,
                         text=True).stdout
    return sorted(int(p) for p in out.split())


@pytest.fixture
def full_strength():
    """Every worker slot filled before the test, and again after it."""
    wait_for(lambda: len(workers()) == WORKERS, "%d workers" % WORKERS)
    yield
    wait_for(lambda: len(workers()) == WORKERS, "%d workers after the test" % WORKERS)


def served_by(offset, marker):
    """pid -> statuses of the logged requests whose line contains marker."""
    seen = {}
    for pid, status in re.findall(r"vrs-msrc\[(\d+)\]: rid=\w+ [^\n]*%s[^\n]* status=(\d+)"
                                  % re.escape(marker), log_since(offset)):
        seen.setdefault(int(pid), []).append(int(status))
    return seen


def until_every_worker_served(c, path, marker, limit=30):
    """Requests path until every current worker has answered one (they take
    turns on the shared socket). Returns the responses."""
    offset, responses = log_offset(), []
    for _ in range(limit):
        responses.append(c.get(path))
        if set(workers()) <= set(served_by(offset, marker)):
            break
    return responses, served_by(offset, marker)


# ---- MariaDB ----------------------------------------------------------------------------

def mariadb_pid():
    try:
        with open(os.path.join(ENV["RUN"], "mysqld.pid")) as f:
            return int(f.read())
    except (FileNotFoundError, ValueError):
        return None


def mariadb_up():
    return subprocess.run(["mariadb-admin", "--defaults-file=" + MY_CNF, "ping"],
                          capture_output=True).returncode == 0


def stop_mariadb():
    pid = mariadb_pid()
    assert pid and not pid_gone(pid)
    os.kill(pid, signal.SIGTERM)
    wait_for(lambda: pid_gone(pid), "MariaDB (pid %d) to stop" % pid)


def start_mariadb():
    """As etc/dev/stack.sh db_start does."""
    subprocess.run(["sh", "-c", 'setsid mariadbd --defaults-file="$1" >>"$2" 2>&1 </dev/null &',
                    "sh", MY_CNF, os.path.join(ENV["LOGS"], "mariadb.err")], check=True)
    wait_for(mariadb_up, "MariaDB to answer ping")


@pytest.fixture
def mariadb_restorer():
    """Whatever happens in the test, MariaDB runs again afterwards."""
    yield
    if mariadb_up():
        return
    pid = mariadb_pid()
    if pid:      # a server still shutting down holds its files: let it finish
        wait_for(lambda: pid_gone(pid) or mariadb_up(), "MariaDB (pid %d) to finish" % pid)
    if not mariadb_up():
        start_mariadb()


def replaced(victim, before):
    now = workers()
    return len(now) == WORKERS and victim not in now and set(now) - set(before)


def unavailable_page(r):
    assert r.status == 503, r
    assert "The service is temporarily unavailable" in r.body
    assert "Nothing was saved" in r.body
    assert re.search(r"Reference for the help desk: <code>[0-9a-f]{16}</code> \(HTTP 503\)", r.body)
    # The reference is random hex, which may hold "2006" by chance.
    body = re.sub(r"<code>[0-9a-f]{16}</code>", "<code></code>", r.body)
    for word in INTERNALS:
        assert word not in body, word
    assert r.header("Content-Security-Policy")


def test_mariadb_restart_under_the_running_program(make_user, mariadb_restorer, full_strength):
    program = supervisor()
    username, password = make_user()
    other, other_pw = make_user()
    c = Client()
    assert c.login(username, password).status == 303
    home = c.get("/")
    assert home.status == 200
    late = Client()
    token = late.get("/login").csrf()

    stop_mariadb()
    # Every request that needs the database is answered at once with 503
    # (a hang would end in the client's timeout instead).
    for _ in range(WORKERS):
        unavailable_page(c.get("/"))
    r = late.post("/login", {"username": other, "password": other_pw}, csrf=token)
    unavailable_page(r)
    assert "vrs_session" not in late.cookies
    unavailable_page(c.post("/logout", {}, csrf=home.csrf()))
    assert Client().get("/login").status == 200        # pages without the database still work
    # a worker started while the database is away must come up all the same
    before = workers()
    os.kill(before[0], signal.SIGKILL)
    wait_for(lambda: replaced(before[0], before), "a replacement for worker %d" % before[0])
    unavailable_page(c.get("/"))

    start_mariadb()
    # The same program, not restarted: every worker reconnects by itself,
    # and the session kept in the database is still valid.
    responses, seen = until_every_worker_served(c, "/", "user=%s method=GET path=/ " % username)
    assert [r.status for r in responses] == [200] * len(responses)
    assert all(username in r.body for r in responses)
    assert set(workers()) <= set(seen), (workers(), seen)
    assert all(s == [200] * len(s) for s in seen.values()), seen
    assert late.login(other, other_pw).status == 303
    assert late.get("/").status == 200
    assert supervisor() == program and not pid_gone(program)


def test_database_connections_killed_by_the_server_are_reopened(signed_in, full_strength):
    """What a DBA's KILL or the server's wait_timeout does to an idle worker."""
    responses, _ = until_every_worker_served(
        signed_in, "/", "user=%s method=GET path=/ " % signed_in.username)
    assert {r.status for r in responses} == {200}
    ids = [r[0] for r in sql("SELECT id FROM information_schema.processlist "
                             "WHERE user = 'vrs' AND db = '%s'" % ENV["DB_NAME"])]
    assert len(ids) >= WORKERS
    for i in ids:
        sql("KILL CONNECTION %s" % i)
    responses, seen = until_every_worker_served(
        signed_in, "/", "user=%s method=GET path=/ " % signed_in.username)
    assert [r.status for r in responses] == [200] * len(responses)
    assert set(workers()) <= set(seen), (workers(), seen)


# ---- killed and stopped workers ------------------------------------------------------------


def keep_serving(c, username, n=10):
    for _ in range(n):
        assert Client().get("/login").status == 200
        r = c.get("/")
        assert r.status == 200 and username in r.body


@pytest.mark.parametrize("sig,ending", [(signal.SIGKILL, "signal 9"),
                                        (signal.SIGTERM, "status 0")])
def test_worker_ending_is_replaced_and_requests_keep_working(signed_in, full_strength,
                                                             sig, ending):
    before = workers()
    victim = before[0]
    offset = log_offset()
    os.kill(victim, sig)
    keep_serving(signed_in, signed_in.username)        # the others serve meanwhile
    new = wait_for(lambda: replaced(victim, before), "a replacement for worker %d" % victim)
    assert len(new) == 1
    assert pid_gone(victim)
    assert re.search(r"worker %d ended \(%s\); restarting" % (victim, ending), log_since(offset))
    # the replacement takes its turn like the others
    responses, seen = until_every_worker_served(
        signed_in, "/", "user=%s method=GET path=/ " % signed_in.username)
    assert [r.status for r in responses] == [200] * len(responses)
    assert set(new) <= set(seen), (new, seen)


# ---- SIGTERM in the middle of a request -------------------------------------------------------
# A tiny FastCGI client, to hold a request open inside a worker: nginx would
# hand over the whole body at once and leave no moment to signal in.

def fcgi_record(rtype, content, rid=1):
    return struct.pack(">BBHHBB", 1, rtype, rid, len(content), 0, 0) + content


def fcgi_params(params):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    data = b"".join(length(len(k)) + length(len(v)) + k + v
                    for k, v in ((k.encode(), v.encode()) for k, v in params.items()))
    return fcgi_record(4, data) + fcgi_record(4, b"")


def fcgi_read_response(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    out, ended, i = b"", False, 0
    while i + 8 <= len(data):
        _, rtype, _, clen, plen, _ = struct.unpack(">BBHHBB", data[i:i + 8])
        if rtype == 6:
            out += data[i + 8:i + 8 + clen]
        elif rtype == 3:
            ended = True
        i += 8 + clen + plen
    return out.decode("utf-8", "replace"), ended


def worker_holding(sock):
    """The worker that accepted our connection, or None yet."""
    mine = os.fstat(sock.fileno()).st_ino
    server = None
    for line in subprocess.run(["ss", "-xn"], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 8 and f[-1] == str(mine) and f[-4] == ENV["APP_SOCK"]:
            server = f[-3]
    if server is None:
        return None
    for pid in workers():
        try:
            fds = os.listdir("/proc/%d/fd" % pid)
        except FileNotFoundError:
            continue
        for fd in fds:
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == "socket:[%s]" % server:
                    return pid
            except FileNotFoundError:
                pass
    return None


def sigterm_settled(pid):
    """SIGTERM delivered to pid, or held back by it on purpose (blocked)."""
    if pid_gone(pid):
        return True
    status = dict(line.split(":", 1) for line in open("/proc/%d/status" % pid))
    bit = 1 << (signal.SIGTERM - 1)
    pending = int(status["SigPnd"], 16) | int(status["ShdPnd"], 16)
    return not pending & bit or int(status["SigBlk"], 16) & bit


def login_in_two_parts(username, password, between=None):
    """Signs in over a direct FastCGI connection, sending the first bytes of
    the body, then calling between(worker pid), then the rest. Returns the
    response text, whether FCGI_END_REQUEST came, and the worker's pid."""
    c = Client()
    token = c.get("/login").csrf()
    body = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrf": token}).encode()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(ENV["APP_SOCK"])
    try:
        sock.sendall(fcgi_record(1, struct.pack(">HB5x", 1, 0)) + fcgi_params({
            "REQUEST_METHOD": "POST", "PATH_INFO": "/login", "SCRIPT_NAME": "",
            "REMOTE_ADDR": "127.0.0.1", "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)), "HTTP_COOKIE": "vrs_pre=" + c.cookies["vrs_pre"]}))
        sock.sendall(fcgi_record(5, body[:10]))           # the body, in part
        worker = wait_for(lambda: worker_holding(sock), "a worker to take the request")
        if between:
            between(worker)
        sock.sendall(fcgi_record(5, body[10:]) + fcgi_record(5, b""))   # the rest
        out, ended = fcgi_read_response(sock)
    finally:
        sock.close()
    return out, ended, worker


def signed_in_answer(out, ended):
    assert ended, out
    assert out.startswith("Status: 303 "), out[:200]
    assert re.search(r"\r\nSet-Cookie: vrs_session=[0-9a-f]{64};", out), out[:600]


def test_body_arriving_in_parts_is_waited_for(make_user, full_strength):
    """The control for the next test: without a signal the same request is
    answered normally, and the worker goes on serving."""
    username, password = make_user()
    out, ended, worker = login_in_two_parts(username, password)
    signed_in_answer(out, ended)
    assert worker in workers()


def sigterm(worker):
    os.kill(worker, signal.SIGTERM)
    wait_for(lambda: sigterm_settled(worker), "SIGTERM to reach worker %d" % worker)


def test_sigterm_lets_the_current_request_finish(make_user, full_strength):
    username, password = make_user()
    offset = log_offset()
    out, ended, worker = login_in_two_parts(username, password, between=sigterm)
    wait_for(lambda: len(workers()) == WORKERS and worker not in workers(),
             "worker %d to be replaced" % worker)
    if not re.search(r"worker %d ended \(status 0\)" % worker, log_since(offset)):
        pytest.fail("worker %d did not end cleanly: %s" % (worker, log_since(offset)))
    # the request it had begun was finished properly
    signed_in_answer(out, ended)
