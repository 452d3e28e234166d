"""Shared fixtures for the integration tests.

Everything goes over real HTTP through the private nginx of the "test"
instance (etc/dev/stack.sh up test ...) to the real FastCGI workers and a
real MariaDB. tests/run-all.sh starts that stack before pytest runs.
"""
import http.client
import os
import re
import secrets
import shlex
import subprocess
import tempfile
import urllib.parse

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PORT = int(os.environ.get("VRS_TEST_PORT", "18080"))


def stack_env(instance="test"):
    out = subprocess.run(["sh", os.path.join(ROOT, "etc/dev/stack.sh"), "env", instance],
                         check=True, capture_output=True, text=True).stdout
    env = {}
    for line in out.splitlines():
        k, _, v = line.partition("=")
        env[k] = shlex.split(v)[0] if v else ""
    return env


ENV = stack_env()


def unmask_csrf(masked):
    """The token a masked form token stands for: the server compares this,
    so two masked values of one browser unmask to the same token."""
    raw = bytes.fromhex(masked)
    half = len(raw) // 2
    return bytes(a ^ b for a, b in zip(raw[:half], raw[half:])).hex()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body                # str

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def csrf(self):
        """The form token as the page carries it: masked afresh in every
        response (hex of pad + token XOR pad), so it differs each time."""
        m = re.search(r'name="csrf" value="([0-9a-f]{128})"', self.body)
        return m.group(1) if m else None

    def csrf_token(self):
        """The token under the mask (see unmask_csrf), or None."""
        masked = self.csrf()
        return unmask_csrf(masked) if masked else None

    def __repr__(self):
        return "<Response %d %s>" % (self.status, self.body[:200])


class Client:
    """A browser-like HTTP client: keeps cookies, never follows redirects."""

    def __init__(self, host="127.0.0.1", port=PORT):
        self.host, self.port = host, port
        self.cookies = {}

    def connection(self):
        """A new connection for one request (HTTPS variants override it)."""
        return http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method, path, body=None, headers=None):
        conn = self.connection()
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        hdrs = r.getheaders()
        conn.close()
        for k, v in hdrs:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return Response(r.status, hdrs, data)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=True):
        """POST fields (dict or list of pairs). csrf=True fetches a fresh
        token from the page at path first; a string is sent as the token."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is True:
            token = self.get(path if path != "/logout" else "/").csrf()
            pairs.append(("csrf", token))
        elif csrf:
            pairs.append(("csrf", csrf))
        body = urllib.parse.urlencode(pairs)
        return self.request("POST", path, body,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, username, password):
        return self.post("/login", {"username": username, "password": password})


def sql(query):
    """Runs SQL as the instance's admin over the unix socket; returns rows."""
    out = subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-N", "-B",
                          ENV["DB_NAME"], "-e", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def vrsadm(*args, stdin=None, check=True):
    return subprocess.run([os.path.join(ROOT, "build/vrsadm"), "-c", ENV["CONF"], *args],
                          input=stdin, capture_output=True, text=True, check=check)


def login_page_from(program, conf, prefix):
    """Starts program (a vrs.fcgi) with conf plus its own socket and one
    worker, asks it for /login straight over FastCGI (cgi-fcgi), stops it,
    and returns the raw response."""
    import time
    sock = os.path.join(tempfile.mkdtemp(prefix=prefix), "s")
    with open(conf, "a") as f:
        f.write("listen = %s\nworkers = 1\n" % sock)
    proc = subprocess.Popen([program, "-c", conf])
    try:
        for _ in range(200):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        assert os.path.exists(sock), "the program did not open its socket"
        env = dict(os.environ, REQUEST_METHOD="GET", PATH_INFO="/login", SCRIPT_NAME="")
        return subprocess.run(["cgi-fcgi", "-bind", "-connect", sock], env=env,
                              capture_output=True, text=True, timeout=20).stdout
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def db_snapshot():
    """Everything a request could change, for 'nothing changed' checks."""
    return {
        "users": sql("SELECT id, password_hash, failed_logins, locked_until, disabled FROM users ORDER BY id"),
        "sessions": sql("SELECT HEX(token_hash), user_id FROM sessions ORDER BY 1"),
        "history": sql("SELECT COUNT(*), MAX(seq) FROM history"),
        "jurisdictions": sql("SELECT id, code FROM jurisdictions ORDER BY id"),
    }


_jurisdiction_ready = False


def ensure_jurisdiction(code="AUS"):
    if not sql("SELECT id FROM jurisdictions WHERE code='%s'" % code):
        vrsadm("jurisdiction", "add", code)


@pytest.fixture
def client():
    return Client()


def create_user(role="data-entry", jurisdiction="AUS", password=None, name=None):
    """Creates a fresh user through vrsadm; returns (username, password). The password is
    permanent (vrsadm --permanent), so the user signs in straight to the page asked for."""
    username = "t%s" % secrets.token_hex(5)
    password = password or "pw-" + secrets.token_hex(8)
    args = ["user", "add", "--permanent", "--username", username,
            "--name", name or "Test " + username, "--role", role]
    if not role.startswith("secretariat"):
        ensure_jurisdiction(jurisdiction)
        args += ["--jurisdiction", jurisdiction]
    vrsadm(*args, stdin=password + "\n")
    return username, password


@pytest.fixture
def make_user():
    return create_user


@pytest.fixture
def signed_in(client, make_user):
    username, password = make_user()
    r = client.login(username, password)
    assert r.status == 303, r
    client.username, client.password = username, password
    return client
