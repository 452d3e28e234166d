"""The INSTALLED program behind the SHIPPED web server samples, over TLS.

One module fixture runs the real `make install DESTDIR=$STAGE PREFIX=/usr`
into a fresh world-traversable directory (the checkout may be private in
CI, so everything served comes from $STAGE), points the installed
/etc/vrs-msrc/vrs.conf (edited from the installed sample) at the test
instance's database, and checks it with `vrs.fcgi --check`. Then each front
end is built from its sample in etc/ with only paths, ports, the server name
and the certificate paths substituted, and run privately:

  nginx       etc/nginx/vrs-msrc.conf inside a minimal nginx.conf, talking to
              the installed program run as the prefork service
              (`vrs.fcgi -c $STAGE/etc/vrs-msrc/vrs.conf`, listen set)
  proxy_fcgi  Apache + mod_proxy_fcgi, etc/apache/vrs-msrc-proxy-fcgi.conf,
              the same service socket
  fcgid       Apache + mod_fcgid, etc/apache/vrs-msrc-fcgid.conf: Apache
              spawns the installed binary itself (as www-data), configured
              through FcgidInitialEnv VRS_CONFIG = a second conf without
              "listen"

TLS uses a fresh self-signed certificate for CN=localhost. Ports (HTTPS,
HTTP): nginx 18443/18480, proxy_fcgi 18444/18481, fcgid 18445/18482; set
VRS_TEST_TLS_PORT_BASE to move them all (the HTTPS port of nginx; the
others follow at the same offsets).

When run as root, the web servers' workers run as www-data (as on Debian),
and the service as nobody:www-data, standing in for the vrs-msrc:www-data
of etc/systemd/vrs-msrc.service. Logs of the last run are kept in
$VAR/installed/; $STAGE is removed at the end.
"""
import http.client
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import ssl
import stat
import subprocess
import tempfile
import time

import pytest

from conftest import ENV, ROOT, Client, ensure_jurisdiction
from test_ux_light import QUIET_JURISDICTION, assert_gzipped, assert_plain, fetch
from webservers import (IS_ROOT, MODULES, WEB_USER, Apache, Nginx, as_web_user,
                        check_reachable_by_web_user, processes_running,
                        require_apache, require_nginx, tail, wait_pid_gone, web_user)

PORT_ENV = "VRS_TEST_TLS_PORT_BASE"
TLS_BASE = int(os.environ.get(PORT_ENV, "18443"))
HTTP_OFFSET = 18480 - 18443
FRONTS = ["nginx", "proxy_fcgi", "fcgid"]
PORTS = {kind: (TLS_BASE + i, TLS_BASE + HTTP_OFFSET + i)     # (https, http)
         for i, kind in enumerate(FRONTS)}
SERVER_NAME = "localhost"               # replaces the samples' vrs.example.org
SAMPLE_NAME = "vrs.example.org"
HSTS = "max-age=63072000"
SERVICE_USER = "nobody"                 # with group www-data; see the docstring
KEEP = os.path.join(ENV["VAR"], "installed")

# What the samples name on a real host, and where it is in $STAGE.
SYSTEM_PATHS = ["/usr/lib/vrs-msrc", "/usr/share/vrs-msrc", "/run/vrs-msrc",
                "/etc/ssl/certs/vrs-msrc.pem", "/etc/ssl/private/vrs-msrc.key"]


# ---- HTTPS client ------------------------------------------------------------------------

class _LoopbackTLSConnection(http.client.HTTPSConnection):
    """Connects to 127.0.0.1, with SNI, Host and certificate check for the
    server name (the name may also resolve to ::1, where Apache is not)."""

    def __init__(self, host, port, context, timeout=30):
        super().__init__(host, port, timeout=timeout, context=context)
        self.tls_context = context

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.tls_context.wrap_socket(sock, server_hostname=self.host)


class HTTPSClient(Client):
    """conftest.Client over TLS, verifying the test's self-signed certificate."""

    def __init__(self, port, cafile):
        super().__init__(host=SERVER_NAME, port=port)
        self.tls_context = ssl.create_default_context(cafile=cafile)

    def connection(self):
        return _LoopbackTLSConnection(self.host, self.port, self.tls_context)


def plain_http_get(port, path):
    """GET over plain HTTP with Host: localhost:PORT; returns (status, Location)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "%s:%d" % (SERVER_NAME, port)})
        r = conn.getresponse()
        r.read()
        return r.status, r.getheader("Location")
    finally:
        conn.close()


# ---- helpers ------------------------------------------------------------------------------

def run(cmd, what, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        pytest.fail("%s failed (%d): %s\n%s%s" % (what, r.returncode, " ".join(cmd),
                                                 r.stdout, r.stderr))
    return r


def read_conf_values(path):
    """key -> value of a vrs.conf (the last line of a key wins, as in the program)."""
    values = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, _, v = line.partition("=")
                values[k.strip()] = v.strip()
    return values


def set_conf_key(text, key, value):
    """Sets key in the sample text: its active line is replaced, else the
    sample's commented default ("#key = ...") is uncommented. Every key is
    documented in the sample, so a missing one fails the test."""
    for pattern in (r"^%s[ \t]*=.*$", r"^#%s[ \t]*=.*$"):
        rx = re.compile(pattern % re.escape(key), re.M)
        if rx.search(text):
            return rx.sub(lambda m: "%s = %s" % (key, value), text, count=1)
    pytest.fail("the installed vrs.conf does not document the key %r" % key)


def comment_out_key(text, key):
    rx = re.compile(r"^(%s[ \t]*=.*)$" % re.escape(key), re.M)
    if not rx.search(text):
        pytest.fail("the installed vrs.conf has no active %r line to comment out" % key)
    return rx.sub(lambda m: "#" + m.group(1), text)


def substitute(text, replacements, what, optional=()):
    """Replaces each literal in one pass; each one not in optional must occur."""
    counts = dict.fromkeys(replacements, 0)

    def repl(m):
        counts[m.group(0)] += 1
        return replacements[m.group(0)]
    rx = re.compile("|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)))
    out = rx.sub(repl, text)
    missing = [k for k, n in counts.items() if n == 0 and k not in optional]
    if missing:
        pytest.fail("%s no longer mentions %s: update test_installed.py" % (what, missing))
    return out


def assert_only_staged_paths(text, stage, what):
    """No active line may still point at the real system's files."""
    for line in text.splitlines():
        code = line.split("#", 1)[0]
        for p in SYSTEM_PATHS + ["/etc/vrs-msrc"]:
            if p in code.replace(stage + p, ""):
                pytest.fail("%s still uses %s: %s" % (what, p, line.strip()))


def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def as_service_user(cmd):
    """cmd run as nobody:www-data when we are root (see the docstring)."""
    if IS_ROOT:
        return ["setpriv", "--reuid=" + SERVICE_USER, "--regid=" + WEB_USER,
                "--clear-groups", "--"] + cmd
    return cmd


def environ_of(pid):
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def children_of(pid):
    kids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/stat" % p) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                kids.append(int(p))
    return kids


def uid_of(pid):
    return os.stat("/proc/%d" % pid).st_uid


def save_logs(src_dir, name):
    """Copies the logs and configs of src_dir to $VAR/installed/name."""
    dst = os.path.join(KEEP, name)
    os.makedirs(dst, exist_ok=True)
    try:
        for f in os.listdir(src_dir):
            if f.endswith((".log", ".stderr", ".conf")):
                shutil.copyfile(os.path.join(src_dir, f), os.path.join(dst, f))
    except OSError:
        pass


# ---- the installed tree ----------------------------------------------------------------

class Stage:
    """The installed tree under a private root: path("/usr/...") etc."""

    def __init__(self, root):
        self.root = root
        self.fcgi = self.path("/usr/lib/vrs-msrc/vrs.fcgi")
        self.vrsadm = self.path("/usr/sbin/vrsadm")
        self.share = self.path("/usr/share/vrs-msrc")
        self.static = self.path("/usr/share/vrs-msrc/static")
        self.etc = self.path("/etc/vrs-msrc")
        self.conf = self.path("/etc/vrs-msrc/vrs.conf")            # the service's
        self.fcgid_conf = self.path("/etc/vrs-msrc/vrs-fcgid.conf")  # mod_fcgid's
        self.sock = self.path("/run/vrs-msrc/vrs.sock")
        self.cert = self.path("/etc/ssl/certs/vrs-msrc.pem")
        self.key = self.path("/etc/ssl/private/vrs-msrc.key")
        self.logdir = self.path("/var/log/vrs-msrc")
        self.probe = None               # (URL path, content) of a file only $STAGE has

    def path(self, p):
        return self.root + p

    def sample_paths(self):
        return {p: self.path(p) for p in SYSTEM_PATHS}


def write_program_configs(st):
    """Edits the installed sample into the service's vrs.conf and the
    mod_fcgid variant's vrs-fcgid.conf. Both files and the password file
    are root:www-data 0640, as INSTALL 7.4 has them for mod_fcgid (the
    service's nobody:www-data reads them through the group, as vrs-msrc
    does through its group vrs-msrc on a real host)."""
    www = web_user()
    test_conf = read_conf_values(ENV["CONF"])
    pw_file = os.path.join(st.etc, "db-password")
    shutil.copyfile(os.path.join(ENV["VAR"], "db-password"), pw_file)
    os.chmod(pw_file, 0o640)
    os.makedirs(st.logdir, mode=0o775)
    os.chmod(st.logdir, 0o775)
    os.makedirs(os.path.dirname(st.sock), mode=0o755)
    if www:
        os.chown(pw_file, 0, www.pw_gid)
        os.chown(st.logdir, www.pw_uid, www.pw_gid)
        nobody = pwd.getpwnam(SERVICE_USER)
        os.chown(os.path.dirname(st.sock), nobody.pw_uid, www.pw_gid)

    with open(st.conf) as f:
        sample = f.read()
    with open(os.path.join(ROOT, "etc", "vrs.conf.sample")) as f:
        assert sample == f.read(), "make install did not install etc/vrs.conf.sample"
    common = sample
    for k, v in [("share_dir", st.share),
                 ("db_socket", ENV["DB_SOCK"]),
                 ("db_name", test_conf.get("db_name", "vrs")),
                 ("db_user", test_conf.get("db_user", "vrs")),
                 ("db_password_file", pw_file),
                 ("pbkdf2_iterations", "1000")]:
        common = set_conf_key(common, k, v)
    service = set_conf_key(common, "log", os.path.join(st.logdir, "service.log"))
    service = set_conf_key(service, "listen", st.sock)
    service = set_conf_key(service, "listen_mode", "0666")
    service = set_conf_key(service, "workers", "2")
    fcgid = set_conf_key(common, "log", os.path.join(st.logdir, "fcgid.log"))
    fcgid = comment_out_key(fcgid, "listen")    # as the sample says for mod_fcgid
    for path, text in ((st.conf, service), (st.fcgid_conf, fcgid)):
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o640)
        if www:
            os.chown(path, 0, www.pw_gid)

    # The program must reject nothing, read as the account that runs it.
    run(as_service_user([st.fcgi, "-c", st.conf, "--check"]), "vrs.fcgi --check (service)")
    if www:
        check = as_web_user(st.fcgi, "-c", st.fcgid_conf, "--check")
        if check.returncode != 0:
            pytest.fail("vrs.fcgi --check as %s (mod_fcgid) failed:\n%s%s"
                        % (WEB_USER, check.stdout, check.stderr))
    else:
        run([st.fcgi, "-c", st.fcgid_conf, "--check"], "vrs.fcgi --check (fcgid)")


@pytest.fixture(scope="module")
def installed():
    """make install into $STAGE, the configs, a self-signed certificate."""
    shutil.rmtree(KEEP, ignore_errors=True)
    stage = tempfile.mkdtemp(prefix="vrs-installed-")
    os.chmod(stage, 0o755)
    st = Stage(stage)
    try:
        if IS_ROOT and as_web_user("test", "-x", stage).returncode != 0:
            pytest.fail("%s cannot reach %s: TMPDIR must be world-traversable" % (WEB_USER, stage))
        run(["make", "-s", "-C", ROOT, "install", "DESTDIR=" + stage, "PREFIX=/usr"],
            "make install")
        for p in (st.fcgi, st.vrsadm, st.conf, os.path.join(st.static, "style.css"),
                  os.path.join(st.share, "templates")):
            assert os.path.exists(p), "make install did not install %s" % p
        check_reachable_by_web_user(ENV["DB_SOCK"], "the MariaDB socket")
        write_program_configs(st)

        os.makedirs(os.path.dirname(st.cert), mode=0o755)
        os.makedirs(os.path.dirname(st.key), mode=0o700)
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=" + SERVER_NAME, "-keyout", st.key, "-out", st.cert],
            "openssl req")
        os.chmod(st.key, 0o600)
        os.chmod(st.cert, 0o644)

        # A file only the installed static dir has: proves where /static/ comes from.
        name = "probe-%s.txt" % secrets.token_hex(4)
        content = "installed static file %s\n" % secrets.token_hex(8)
        with open(os.path.join(st.static, name), "w") as f:
            f.write(content)
        os.chmod(os.path.join(st.static, name), 0o644)
        st.probe = ("/static/" + name, content)
        yield st
    finally:
        save_logs(st.logdir, "program")
        left = processes_running(st.fcgi)
        for pid in left:                # ours: started from this $STAGE
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(stage, ignore_errors=True)
    assert not left, "installed vrs.fcgi processes were left running: %s" % left


@pytest.fixture(scope="module")
def service(installed):
    """The installed program as the prefork service (listen set, 2 workers)."""
    st = installed
    out = open(os.path.join(st.logdir, "service.stderr"), "ab")
    proc = subprocess.Popen(as_service_user([st.fcgi, "-c", st.conf]), stdin=subprocess.DEVNULL,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    out.close()

    def logs():
        return "--- service.stderr\n%s--- service.log\n%s" % (
            tail(os.path.join(st.logdir, "service.stderr")),
            tail(os.path.join(st.logdir, "service.log")))
    try:
        deadline = time.monotonic() + 10
        while not (os.path.exists(st.sock) and stat.S_ISSOCK(os.stat(st.sock).st_mode)):
            if proc.poll() is not None:
                pytest.fail("the installed service exited with %d\n%s" % (proc.returncode, logs()))
            if time.monotonic() > deadline:
                pytest.fail("the installed service did not create %s\n%s" % (st.sock, logs()))
            time.sleep(0.05)
        proc.logs = logs
        yield proc
    finally:
        workers = children_of(proc.pid)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for pid in workers:
            if not wait_pid_gone(pid, 5):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 0, "the service stopped with %s\n%s" % (proc.returncode, logs())
    assert not os.path.exists(st.sock), "the service left its socket behind"


# ---- the front ends, each from its shipped sample -----------------------------------------

def nginx_front(st, d, https, http_):
    binary = require_nginx()
    with open(os.path.join(ROOT, "etc", "nginx", "vrs-msrc.conf")) as f:
        sample = f.read()
    text = substitute(sample, dict(st.sample_paths(), **{SAMPLE_NAME: SERVER_NAME}),
                      "etc/nginx/vrs-msrc.conf", optional=["/usr/lib/vrs-msrc"])
    v6 = ipv6_loopback()
    found = []

    def listen(m):
        port = https if m.group(3) == "443" else http_
        found.append(m.group(3) + (" v6" if m.group(2) else ""))
        if m.group(2):
            return m.group(1) + ("[::1]:%d" % port if v6 else "#[::1]:%d" % port)
        return m.group(1) + "127.0.0.1:%d" % port
    text = re.sub(r"^(\s*listen\s+)(\[::\]:)?(80|443)\b", listen, text, flags=re.M)
    if not v6:   # no IPv6 here: drop the [::] listen lines (commented out above)
        text = re.sub(r"^(\s*)listen\s+#", r"\1# listen ", text, flags=re.M)
    assert "80" in found and "443" in found, "sample listen lines changed: %s" % found
    assert_only_staged_paths(text, st.root, "the transformed nginx sample")
    n = Nginx("nginx", binary, d, (https, http_), PORT_ENV)
    with open(os.path.join(d, "vrs-msrc.conf"), "w") as f:
        f.write(text)
    # The sample includes "fastcgi_params" relative to the config
    # directory, which on Debian is /etc/nginx.
    shutil.copyfile("/etc/nginx/fastcgi_params", os.path.join(d, "fastcgi_params"))
    n.start(n.main_conf("""    # As Debian's /etc/nginx/nginx.conf: the sample must override these.
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    gzip on;
    include {d}/vrs-msrc.conf;""".format(d=d)))
    return n


def apache_front(st, kind, d, https, http_):
    if kind == "proxy_fcgi":
        binary = require_apache("mod_proxy.so", "mod_proxy_fcgi.so", "mod_ssl.so")
        sample_file = "vrs-msrc-proxy-fcgi.conf"
        modules = ["proxy", "proxy_fcgi"]
        extra = ""
    else:
        binary = require_apache("mod_fcgid.so", "mod_ssl.so")
        sample_file = "vrs-msrc-fcgid.conf"
        modules = ["fcgid"]
        ipc = os.path.join(d, "fcgid")
        os.makedirs(ipc, mode=0o755)
        www = web_user()
        if www:
            os.chown(ipc, www.pw_uid, www.pw_gid)
        # Server-wide mod_fcgid paths (Debian's fcgid.conf has them too).
        extra = 'FcgidIPCDir "%s"\nFcgidProcessTableFile "%s/run/fcgid_shm"\n' % (ipc, d)
    with open(os.path.join(ROOT, "etc", "apache", sample_file)) as f:
        sample = f.read()
    repl = dict(st.sample_paths(), **{SAMPLE_NAME: SERVER_NAME})
    if kind == "fcgid":
        repl["/etc/vrs-msrc/vrs.conf"] = st.fcgid_conf
    # The service's socket, or the binary Apache runs itself.
    optional = ["/usr/lib/vrs-msrc"] if kind == "proxy_fcgi" else ["/run/vrs-msrc"]
    text = substitute(sample, repl, "etc/apache/" + sample_file, optional)
    vhosts = []

    def vhost(m):
        vhosts.append(m.group(1))
        return "<VirtualHost *:%d>" % (https if m.group(1) == "443" else http_)
    text = re.sub(r"<VirtualHost \*:(80|443)>", vhost, text)
    assert sorted(vhosts) == ["443", "80"], "sample vhosts changed: %s" % vhosts
    assert_only_staged_paths(text, st.root, "the transformed " + sample_file)
    with open(os.path.join(d, sample_file), "w") as f:
        f.write(text)

    loads = "\n".join("LoadModule %s_module %s/mod_%s.so" % (m, MODULES, m) for m in
                      ["mpm_event", "authz_core", "alias", "mime", "env", "setenvif",
                       "headers", "ssl", "socache_shmcb", "filter", "deflate"] + modules)
    conf = """# Generated by tests/integration/test_installed.py
ServerRoot "{d}"
ServerName {name}
Listen 127.0.0.1:{http}
Listen 127.0.0.1:{https}
DefaultRuntimeDir "{d}/run"
PidFile "{d}/run/httpd.pid"
Mutex sysvsem default
{user}
ErrorLog "{d}/error.log"
LogLevel warn
{loads}
# mod_unixd and mod_log_config are built in.
LogFormat "%h %t \\"%r\\" %>s %b \\"%{{Host}}i\\"" installed
CustomLog "{d}/access.log" installed
TypesConfig /etc/mime.types
SSLSessionCache "shmcb:{d}/run/ssl_scache(512000)"
ServerTokens Prod
# As Debian's apache2.conf: nothing is served unless a site grants it.
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
{extra}
Include "{d}/{sample}"
""".format(d=d, name=SERVER_NAME, http=http_, https=https, loads=loads, extra=extra,
           sample=sample_file,
           user="User %s\nGroup %s" % (WEB_USER, WEB_USER) if IS_ROOT else "")
    a = Apache(kind, binary, d, https, (http_,), PORT_ENV)
    a.start(conf)
    return a


def fcgid_processes(st):
    """Installed vrs.fcgi processes started by mod_fcgid (VRS_CONFIG = its conf)."""
    want = ("VRS_CONFIG=" + st.fcgid_conf).encode()
    return [p for p in processes_running(st.fcgi) if want in environ_of(p)]


class Front:
    def __init__(self, kind, server, st, service):
        self.kind, self.server, self.stage, self.service = kind, server, st, service
        self.https_port, self.http_port = PORTS[kind]

    def client(self):
        return HTTPSClient(self.https_port, self.stage.cert)

    def logs(self):
        return self.server.logs()


@pytest.fixture(scope="module", params=FRONTS)
def front(request, installed):
    """One front end at a time, from its sample, in $STAGE/srv/<kind>."""
    kind, st = request.param, installed
    https, http_ = PORTS[kind]
    svc = request.getfixturevalue("service") if kind != "fcgid" else None
    d = st.path("/srv/" + kind)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "run"), mode=0o755)
    server = None
    try:
        if kind == "nginx":
            server = nginx_front(st, d, https, http_)
        else:
            server = apache_front(st, kind, d, https, http_)
        yield Front(kind, server, st, svc)
    finally:
        if server is not None:
            server.stop()
        if kind == "fcgid":
            # mod_fcgid's process manager ends its processes with Apache.
            deadline = time.monotonic() + 10
            while fcgid_processes(st) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = fcgid_processes(st)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
        save_logs(d, kind)
    if kind == "fcgid":
        assert not left, "vrs.fcgi processes outlived Apache: %s" % left
    if svc is not None:
        assert svc.poll() is None, "the service died\n" + svc.logs()
    assert server is not None and not server.serious_log_lines(), server.logs()


# ---- every front end --------------------------------------------------------------------

def assert_program_headers(r):
    """The program's security headers, once each, and HSTS from the web server."""
    assert len(r.headers_all("Content-Security-Policy")) == 1, r.headers
    assert "default-src" in r.header("Content-Security-Policy")
    assert r.headers_all("X-Content-Type-Options") == ["nosniff"], r.headers
    assert r.headers_all("Strict-Transport-Security") == [HSTS], r.headers


def set_cookie(r, name):
    """The Set-Cookie value for cookie name, which over HTTPS may carry the
    __Host- prefix; None when there is none."""
    for v in r.headers_all("Set-Cookie"):
        if v.startswith(name + "=") or v.startswith("__Host-%s=" % name):
            return v
    return None


def assert_secure_cookie(value):
    assert value is not None
    attrs = [a.strip() for a in value.split(";")[1:]]
    assert "Secure" in attrs and "HttpOnly" in attrs, value
    if value.startswith("__Host-"):      # what browsers require of the prefix
        assert "Path=/" in attrs and not any(a.startswith("Domain") for a in attrs), value


def cookie_in_jar(client, name):
    """The name under which client keeps cookie name (with or without __Host-)."""
    for n in (name, "__Host-" + name):
        if n in client.cookies:
            return n
    return None


def test_plain_http_redirects_to_https(front):
    for path in ("/", "/login?next=%2F"):
        status, location = plain_http_get(front.http_port, path)
        assert status == 301, (path, status, front.logs())
        assert location == "https://%s%s" % (SERVER_NAME, path), (path, location)


def test_login_page_over_https(front):
    c = front.client()
    r = c.get("/login")
    assert r.status == 200, (r, front.logs())
    assert r.csrf() is not None
    assert_program_headers(r)
    assert_secure_cookie(set_cookie(r, "vrs_pre"))


def test_static_file_from_the_installed_tree(front):
    c = front.client()
    r = c.get("/static/style.css")
    assert r.status == 200, (r, front.logs())
    assert r.header("Content-Type").startswith("text/css")
    with open(os.path.join(front.stage.static, "style.css"), encoding="utf-8") as f:
        assert r.body == f.read()
    assert r.headers_all("Strict-Transport-Security") == [HSTS], r.headers
    path, content = front.stage.probe
    r = c.get(path)
    assert r.status == 200 and r.body == content, r


def test_css_and_the_schema_are_sent_gzipped(front):
    """The samples compress what /static/ serves (the schema as XML), for
    browsers that ask, and say that the answer varies with it."""
    c = front.client()
    for name in ("style.css", "vrs-exchange-1.0.xsd"):
        with open(os.path.join(front.stage.static, name), "rb") as f:
            want = f.read()
        path = "/static/" + name
        r = fetch(None, path, conn=c.connection())
        assert assert_gzipped(r, (front.kind, path)) == want
        assert r.header("Strict-Transport-Security") == HSTS, r.headers
        plain = fetch(None, path, gzip_ok=False, conn=c.connection())
        assert assert_plain(plain, (front.kind, path)) == want


@pytest.fixture(scope="module")
def admin(installed):
    """A secretariat admin made with the INSTALLED vrsadm; (username, password, name)."""
    username = "inst%s" % secrets.token_hex(4)
    password = "pw-" + secrets.token_hex(8)
    name = "Installed Admin " + username
    run([installed.vrsadm, "-c", installed.conf, "user", "add", "--permanent", "--username",
         username, "--name", name, "--role", "secretariat-admin"], "installed vrsadm user add",
        input=password + "\n")
    return username, password, name


def test_secretariat_admin_signs_in_and_out(front, admin):
    username, password, name = admin
    c = front.client()
    r = c.login(username, password)
    assert r.status == 303 and r.header("Location") == "/", (r, front.logs())
    assert_secure_cookie(set_cookie(r, "vrs_session"))
    jar_name = cookie_in_jar(c, "vrs_session")

    home = c.get("/")
    assert home.status == 200, home
    assert "Secretariat administrator" in home.body
    assert name in home.body
    assert_program_headers(home)

    old = c.cookies[jar_name]
    r = c.post("/logout", {})
    assert r.status == 303 and r.header("Location") == "/login?bye=1", r
    assert cookie_in_jar(c, "vrs_session") is None
    replay = front.client()
    replay.cookies[jar_name] = old
    r = replay.get("/")
    assert r.status == 303 and r.header("Location").startswith("/login"), r


def test_pages_xml_and_streamed_exports_are_sent_gzipped(front, admin):
    """A signed-in page, an XML file the installed program sends whole and
    exports it streams (no Content-Length), compressed by the sample's
    front end and decoding to what an uncompressed request gets."""
    username, password, name = admin
    ensure_jurisdiction(QUIET_JURISDICTION)
    c = front.client()
    assert c.login(username, password).status == 303
    token = c.get("/").csrf()
    r = fetch(c, "/", conn=c.connection())
    page = assert_gzipped(r, (front.kind, "/")).decode("utf-8")
    assert name in page and page.rstrip().endswith("</html>"), page[-300:]
    assert r.header("Content-Security-Policy") and r.header("Strict-Transport-Security") == HSTS
    path = "/exchange/sdmx-structure.xml"
    xml = assert_gzipped(fetch(c, path, conn=c.connection()), (front.kind, path))
    assert xml == assert_plain(fetch(c, path, gzip_ok=False, conn=c.connection()), path)
    for fmt, extra in (("vrs", []), ("sdmx", []), ("csv", [("dataset", "flows")])):
        fields = [("format", fmt), ("jurisdiction", QUIET_JURISDICTION), ("all_statuses", "1"),
                  ("csrf", token)] + extra
        r = fetch(c, "/exchange/export", method="POST", body=fields, conn=c.connection())
        data = assert_gzipped(r, (front.kind, fmt))
        assert data == assert_plain(fetch(c, "/exchange/export", method="POST", body=fields,
                                          gzip_ok=False, conn=c.connection()), fmt)
        assert data.endswith(b"\r\n" if fmt == "csv" else b">\n"), data[-200:]


def test_unknown_path_gets_the_programs_404(front):
    r = front.client().get("/nope")
    assert r.status == 404, (r, front.logs())
    assert "Page not found" in r.body
    assert_program_headers(r)


# ---- the program's side ---------------------------------------------------------------

def test_service_runs_the_installed_workers(service, installed):
    st = installed
    mode = os.stat(st.sock).st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o666, oct(mode)
    workers = children_of(service.pid)
    assert len(workers) == 2, workers
    for pid in workers:
        assert os.readlink("/proc/%d/exe" % pid) == st.fcgi
        if IS_ROOT:
            assert uid_of(pid) == pwd.getpwnam(SERVICE_USER).pw_uid


def test_requests_reach_the_installed_program(front):
    """The request is served, and logged, by an installed vrs.fcgi process
    of the right kind: a service worker (nobody) or one mod_fcgid spawned
    as www-data with VRS_CONFIG = its own config."""
    st = front.stage
    path = "/nope-%s" % secrets.token_hex(4)
    assert front.client().get(path).status == 404
    if front.kind == "fcgid":
        log, pids, user = "fcgid.log", fcgid_processes(st), WEB_USER
    else:
        log, pids, user = "service.log", children_of(front.service.pid), SERVICE_USER
    assert pids, "no installed vrs.fcgi process serves %s" % front.kind
    for pid in pids:
        assert os.readlink("/proc/%d/exe" % pid) == st.fcgi
        if IS_ROOT:
            assert uid_of(pid) == pwd.getpwnam(user).pw_uid, (pid, user)
    deadline = time.monotonic() + 5       # the line is written after the response
    while True:
        with open(os.path.join(st.logdir, log)) as f:
            lines = [line for line in f if " path=%s " % path in line]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(lines) == 1, lines
    m = re.search(r"vrs-msrc\[(\d+)\]", lines[0])
    assert m and int(m.group(1)) in pids, (lines[0], pids)
