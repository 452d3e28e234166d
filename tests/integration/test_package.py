"""The Debian package: built from the tree with `make deb`, checked with
lintian, and its files run against the test database."""
import glob
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import ENV, ROOT, login_page_from

pytestmark = pytest.mark.skipif(not shutil.which("dpkg-buildpackage") or not shutil.which("lintian"),
                                reason="dpkg-dev, debhelper and lintian are not installed")


@pytest.fixture(scope="module")
def deb():
    out = subprocess.run(["make", "-s", "deb"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    debs = [d for d in glob.glob(os.path.join(ROOT, "build/deb/vrs-msrc_*.deb")) if "dbgsym" not in d]
    assert len(debs) == 1
    return debs[0]


@pytest.fixture(scope="module")
def unpacked(deb):
    root = tempfile.mkdtemp(prefix="vrs-deb-")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    control = os.path.join(root, "DEBIAN")
    subprocess.run(["dpkg-deb", "-e", deb, control], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_lintian_reports_no_errors_or_warnings(deb):
    r = subprocess.run(["lintian", deb], capture_output=True, text=True)
    problems = [l for l in r.stdout.splitlines() if l[:2] in ("E:", "W:")]
    assert problems == [], r.stdout


def test_package_layout_follows_the_fhs(unpacked):
    for path in ("usr/lib/vrs-msrc/vrs.fcgi", "usr/sbin/vrsadm",
                 "usr/share/vrs-msrc/templates/lang/en.hdf", "usr/share/vrs-msrc/static/style.css",
                 "usr/share/vrs-msrc/db/migrations/0001-accounts.sql",
                 "etc/vrs-msrc/vrs.conf", "lib/systemd/system/vrs-msrc.service",
                 "usr/share/man/man8/vrsadm.8.gz", "usr/share/doc/vrs-msrc/INSTALL.gz"):
        assert os.path.exists(os.path.join(unpacked, path)), path
    assert open(os.path.join(unpacked, "DEBIAN/conffiles")).read().split() == ["/etc/vrs-msrc/vrs.conf"]
    # no password ships in the package, and none is world-readable after postinst
    assert not os.path.exists(os.path.join(unpacked, "etc/vrs-msrc/db-password"))
    postinst = open(os.path.join(unpacked, "DEBIAN/postinst")).read()
    assert "adduser --system" in postinst and "chmod 0640" in postinst


def test_package_starts_nothing_unconfigured(unpacked):
    postinst = open(os.path.join(unpacked, "DEBIAN/postinst")).read()
    assert "deb-systemd-invoke" not in postinst          # no start at install
    assert "was-enabled" in postinst                     # enabled only if it was before
    unit = open(os.path.join(unpacked, "lib/systemd/system/vrs-msrc.service")).read()
    assert "ConditionPathExists=/etc/vrs-msrc/db-password" in unit
    for option in ("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
                   "ProtectHome=yes", "User=vrs-msrc"):
        assert option in unit


def test_packaged_binaries_serve_the_test_database(unpacked):
    """The packaged program and vrsadm, with a config pointing at the
    unpacked share dir and the test database, check and sign a user in."""
    conf = os.path.join(unpacked, "etc/vrs-msrc/test.conf")
    lines = [l for l in open(ENV["CONF"]).read().splitlines()
             if not l.startswith(("share_dir", "listen", "workers", "log"))]
    lines += ["share_dir = " + os.path.join(unpacked, "usr/share/vrs-msrc"),
              "log = " + os.path.join(unpacked, "vrs.log")]
    open(conf, "w").write("\n".join(lines) + "\n")
    fcgi = os.path.join(unpacked, "usr/lib/vrs-msrc/vrs.fcgi")
    adm = os.path.join(unpacked, "usr/sbin/vrsadm")
    r = subprocess.run([fcgi, "-c", conf, "--check"], capture_output=True, text=True)
    assert r.returncode == 0 and "is valid" in r.stdout, r.stderr
    r = subprocess.run([adm, "-c", conf, "verify"], capture_output=True, text=True)
    assert r.returncode == 0 and "every statement prepares" in r.stdout, r.stdout + r.stderr
    # the packaged program answers a real FastCGI request on a socket
    out = login_page_from(fcgi, conf, "vrs-deb-sock-")
    assert "Status: 200" in out and 'name="csrf"' in out
