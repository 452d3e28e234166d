"""Private web servers for the integration tests (test_apache.py,
test_installed.py): find the binaries, start a private Apache or nginx from
a generated config, and always stop it again, waiting until its pid is gone.

Nothing here touches the system's services: every server gets its own
directory for config, pid file, logs and runtime files, and listens on
loopback ports chosen by the caller.
"""
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time

import pytest

from conftest import Client

MODULES = "/usr/lib/apache2/modules"
IS_ROOT = os.geteuid() == 0
WEB_USER = "www-data"           # Debian's Apache and nginx workers


# ---- processes, ports, files -------------------------------------------------------

def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_pid_gone(pid, timeout):
    """True when pid is gone within timeout seconds."""
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not pid_alive(pid)


def read_pid(pidfile):
    try:
        with open(pidfile) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def tail(path, n=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError as e:
        return "(%s)" % e


def processes_running(path_fragment):
    """Pids whose command line mentions path_fragment (for leak checks)."""
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % p, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if path_fragment in cmd:
            pids.append(int(p))
    return pids


def copytree_public(src, dst):
    """Copies src to dst with files 0644 and directories 0755."""
    shutil.copytree(src, dst)
    os.chmod(dst, 0o755)
    for base, dirs, files in os.walk(dst):
        for x in dirs:
            os.chmod(os.path.join(base, x), 0o755)
        for x in files:
            os.chmod(os.path.join(base, x), 0o644)


# ---- the web server account ---------------------------------------------------------

def web_user():
    """pwd entry of www-data when we are root (servers drop to it), else None."""
    if not IS_ROOT:
        return None
    try:
        return pwd.getpwnam(WEB_USER)
    except KeyError:
        pytest.skip("there is no %s account for the web server to run as" % WEB_USER)


def as_web_user(*cmd):
    """Runs cmd as the web server's user (when we are root); returns CompletedProcess."""
    if IS_ROOT:
        cmd = ("runuser", "-u", WEB_USER, "--") + cmd
    return subprocess.run(cmd, capture_output=True, text=True)


def check_reachable_by_web_user(path, what):
    if not IS_ROOT:
        return
    r = as_web_user("test", "-w", path)
    if r.returncode != 0:
        pytest.fail("%s (%s) is not reachable by %s: check the modes of it and its parent "
                    "directories" % (what, path, WEB_USER))


def _serious_lines(path, pattern):
    try:
        with open(path, errors="replace") as f:
            return [line for line in f if re.search(pattern, line)]
    except OSError:
        return []


# ---- Apache -----------------------------------------------------------------------------

def apache_binary():
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    return shutil.which("apache2", path=path) or shutil.which("httpd", path=path)


def require_apache(*modules):
    """The apache2 binary; skips the test when it or a module is missing."""
    binary = apache_binary()
    if binary is None:
        pytest.skip("apache2 is not installed (Debian: apt-get install apache2)")
    for m in modules:
        if not os.path.exists(os.path.join(MODULES, m)):
            pkg = "libapache2-mod-fcgid" if m == "mod_fcgid.so" else "apache2"
            pytest.skip("%s/%s is missing (Debian: apt-get install %s)" % (MODULES, m, pkg))
    web_user()
    return binary


class Apache:
    """One private Apache in directory d: start(conf_text) and stop().

    ports: the ports its config listens on (the first is .port, the one
    client() talks to); port_env names the variable that moves them."""

    def __init__(self, name, binary, d, port, extra_ports=(),
                 port_env="VRS_TEST_APACHE_PORT_BASE"):
        self.name, self.binary, self.dir, self.port = name, binary, d, port
        self.ports = (port,) + tuple(extra_ports)
        self.port_env = port_env
        self.conf = os.path.join(d, "httpd.conf")
        self.pidfile = os.path.join(d, "run", "httpd.pid")
        self.error_log = os.path.join(d, "error.log")
        self.access_log = os.path.join(d, "access.log")
        self.pid = None

    def client(self):
        return Client(port=self.port)

    def logs(self):
        return "--- %s (tail)\n%s" % (self.error_log, tail(self.error_log))

    def start(self, conf_text):
        with open(self.conf, "w") as f:
            f.write(conf_text)
        for p in self.ports:
            if port_open(p):
                pytest.fail("port %d is already in use; set %s" % (p, self.port_env))
        t = subprocess.run([self.binary, "-t", "-f", self.conf], capture_output=True, text=True)
        if t.returncode != 0:
            pytest.fail("%s: apache2 -t rejected %s:\n%s%s" % (self.name, self.conf, t.stdout, t.stderr))
        r = subprocess.run([self.binary, "-f", self.conf, "-k", "start"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            pytest.fail("%s: apache2 -k start failed (%d):\n%s%s\n%s"
                        % (self.name, r.returncode, r.stdout, r.stderr, self.logs()))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.pid = read_pid(self.pidfile)
            if self.pid and all(port_open(p) for p in self.ports):
                return
            time.sleep(0.1)
        pytest.fail("%s: Apache did not come up on port(s) %s\n%s"
                    % (self.name, self.ports, self.logs()))

    def stop(self):
        """Stops it and waits until the main pid is gone (SIGKILL after 20 s)."""
        pid = read_pid(self.pidfile) or self.pid
        if pid is None or not pid_alive(pid):
            return
        subprocess.run([self.binary, "-f", self.conf, "-k", "stop"],
                       capture_output=True, text=True)
        if not wait_pid_gone(pid, 20):
            os.kill(pid, signal.SIGKILL)      # our own Apache, by its pid
            wait_pid_gone(pid, 5)

    def serious_log_lines(self):
        """error.log lines at level error or worse."""
        return _serious_lines(self.error_log, r"\] \[[a-z_]+:(error|crit|alert|emerg)\] ")


# ---- nginx ------------------------------------------------------------------------------

def nginx_binary():
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    return shutil.which("nginx", path=path)


def require_nginx():
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    web_user()
    return binary


class Nginx:
    """One private nginx with prefix directory d (config d/nginx.conf, pid
    file d/nginx.pid, logs d/error.log and d/access.log, temp files d/tmp/).
    The caller's config must use those paths (see main_conf())."""

    def __init__(self, name, binary, d, ports, port_env):
        self.name, self.binary, self.dir = name, binary, d
        self.ports = tuple(ports)
        self.port_env = port_env
        self.conf = os.path.join(d, "nginx.conf")
        self.pidfile = os.path.join(d, "nginx.pid")
        self.error_log = os.path.join(d, "error.log")
        self.access_log = os.path.join(d, "access.log")
        self.pid = None
        os.makedirs(os.path.join(d, "tmp"), exist_ok=True)

    def main_conf(self, http_body):
        """A minimal nginx.conf around http_body, with every path private.
        As on Debian, the workers run as www-data (when we are root)."""
        return """# Generated by tests/integration/webservers.py
{user}
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {d}/access.log;
    sendfile on;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
{body}
}}
""".format(d=self.dir, body=http_body,
           user="user %s;" % WEB_USER if IS_ROOT else "")

    def _run(self, *args):
        return subprocess.run([self.binary, "-p", self.dir + "/", "-c", self.conf,
                               "-e", self.error_log, *args],
                              capture_output=True, text=True)

    def logs(self):
        return "--- %s (tail)\n%s" % (self.error_log, tail(self.error_log))

    def start(self, conf_text):
        with open(self.conf, "w") as f:
            f.write(conf_text)
        for p in self.ports:
            if port_open(p):
                pytest.fail("port %d is already in use; set %s" % (p, self.port_env))
        t = self._run("-t", "-q")
        if t.returncode != 0:
            pytest.fail("%s: nginx -t rejected %s:\n%s%s" % (self.name, self.conf, t.stdout, t.stderr))
        r = self._run()
        if r.returncode != 0:
            pytest.fail("%s: nginx failed to start (%d):\n%s%s\n%s"
                        % (self.name, r.returncode, r.stdout, r.stderr, self.logs()))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.pid = read_pid(self.pidfile)
            if self.pid and all(port_open(p) for p in self.ports):
                return
            time.sleep(0.1)
        pytest.fail("%s: nginx did not come up on port(s) %s\n%s"
                    % (self.name, self.ports, self.logs()))

    def stop(self):
        """Graceful stop (SIGQUIT to the master), waiting until its pid is gone."""
        pid = read_pid(self.pidfile) or self.pid
        if pid is None or not pid_alive(pid):
            return
        os.kill(pid, signal.SIGQUIT)
        if not wait_pid_gone(pid, 20):
            os.kill(pid, signal.SIGKILL)      # our own nginx, by its pid
            wait_pid_gone(pid, 5)

    def serious_log_lines(self):
        return _serious_lines(self.error_log, r" \[(error|crit|alert|emerg)\] ")
