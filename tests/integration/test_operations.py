"""Host admin operations on a separate database of the test instance:
an upgrade from the previous schema version, and a backup-drop-restore
drill. Also: bad configurations stop start-up with the line and why."""
import os
import subprocess
import tempfile

import pytest

from conftest import ENV, ROOT, login_page_from

FCGI = os.path.join(ROOT, "build/vrs.fcgi")
VRSADM = os.path.join(ROOT, "build/vrsadm")


def mariadb(*args, stdin=None):
    return subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], *args],
                          input=stdin, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def scratch():
    """A second database and config, so the drill cannot harm the suite's."""
    name = "vrs_ops_%d" % os.getpid()
    d = tempfile.mkdtemp(prefix="vrs-ops-")
    conf = os.path.join(d, "vrs.conf")
    lines = [l for l in open(ENV["CONF"]).read().splitlines()
             if not l.startswith(("db_name", "listen", "workers", "log"))]
    open(conf, "w").write("\n".join(lines + ["db_name = " + name, "log = " + d + "/vrs.log"]) + "\n")
    mariadb("-e", "CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" % name)
    adm = lambda *a, **kw: subprocess.run([VRSADM, "-c", conf, *a], capture_output=True,
                                          text=True, **kw)
    yield name, conf, adm, d
    mariadb("-e", "DROP DATABASE IF EXISTS %s" % name)
    subprocess.run(["mariadb", "--defaults-file=" + ENV["ADMIN_CNF"], "-e",
                    "REVOKE ALL PRIVILEGES ON %s.* FROM 'vrs'@'localhost'" % name],
                   capture_output=True)


def dump(name):
    return mariadb("--skip-column-names", "-e",
                   "SELECT table_name FROM information_schema.tables WHERE table_schema='%s' "
                   "ORDER BY 1" % name), \
        subprocess.run(["mariadb-dump", "--defaults-file=" + ENV["ADMIN_CNF"], "--skip-dump-date",
                        "--skip-comments", "--hex-blob", "--order-by-primary", name],
                       capture_output=True, text=True, check=True).stdout


def test_upgrade_from_the_previous_schema_keeps_data(scratch):
    name, conf, adm, _ = scratch
    admin = ["--admin-defaults", ENV["ADMIN_CNF"]]
    r = adm(*admin, "migrate", "--to", "1")
    assert r.returncode == 0 and "schema version 1" in r.stdout
    # data written at version 1: an organisation by vrsadm (no country list yet) and a
    # secretariat user as version 1 stored it (today's vrsadm writes columns added since)
    r = adm(*admin, "jurisdiction", "add", "QMZ", "--organisation", "--name", "Old Org")
    assert r.returncode == 0, r.stderr
    mariadb("-e", "INSERT INTO %s.users (username, display_name, role, password_hash, "
            "password_changed_at, created_at) VALUES ('olduser', 'Old User', "
            "'secretariat-admin', 'x', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % name)
    r = adm(*admin, "migrate")
    assert r.returncode == 0 and "applied 0002-countries.sql" in r.stdout
    assert "applied 0003-reporting.sql" in r.stdout
    out = mariadb("--skip-column-names", "-e",
                  "SELECT username, display_name FROM %s.users; "
                  "SELECT COUNT(*) FROM %s.codes WHERE list = 'country'" % (name, name))
    assert "olduser\tOld User" in out and "254" in out
    assert "history chain intact: 1 entry" in adm(*admin, "verify").stdout
    # the program serves the upgraded database
    mariadb("-e", "GRANT SELECT, INSERT, UPDATE, DELETE ON %s.* TO 'vrs'@'localhost'" % name)
    assert "Status: 200" in login_page_from(FCGI, conf, "vrs-ops-sock-")


def test_backup_drop_restore_gives_identical_data(scratch):
    name, conf, adm, d = scratch
    admin = ["--admin-defaults", ENV["ADMIN_CNF"]]
    assert adm(*admin, "migrate").returncode == 0
    adm(*admin, "jurisdiction", "add", "FJI")
    adm(*admin, "user", "add", "--username", "drill", "--name", "Drill Ü \"quoted\"",
        "--role", "focal-point", "--jurisdiction", "FJI", input="drill password 123\n")
    before = dump(name)
    backup = os.path.join(d, "backup.sql")
    r = adm(*admin, "backup", backup)
    assert r.returncode == 0, r.stderr
    assert oct(os.stat(backup).st_mode & 0o777) == "0o600"
    r = adm(*admin, "restore", backup)          # refuses to overwrite
    assert r.returncode == 1 and "nothing changed" in r.stderr
    mariadb("-e", "DROP DATABASE %s" % name)
    r = adm("restore", backup)                  # the app account may not
    assert r.returncode == 1 and "--admin-defaults" in r.stderr
    r = adm(*admin, "restore", backup)
    assert r.returncode == 0, r.stderr
    assert dump(name) == before
    assert "history chain intact: 2 entries" in adm(*admin, "verify").stdout


def test_migrate_refuses_a_newer_database_and_changes_nothing(scratch):
    name, conf, adm, _ = scratch
    admin = ["--admin-defaults", ENV["ADMIN_CNF"]]
    adm(*admin, "migrate")
    mariadb("-e", "INSERT INTO %s.schema_version VALUES (99, '0099-future.sql', "
            "REPEAT('0', 64), UTC_TIMESTAMP())" % name)
    before = dump(name)
    r = adm(*admin, "migrate")
    assert r.returncode == 1 and "newer than this program" in r.stderr
    assert dump(name) == before


def test_migrate_applies_a_migration_merged_after_a_later_one(scratch):
    """Work done on two branches at once: 0012 reaches a database that is
    already at 0014. migrate applies what the database lacks, not only
    what is newer than its newest."""
    import glob
    import shutil
    name, conf, adm, d = scratch
    admin = ["--admin-defaults", ENV["ADMIN_CNF"]]
    share = os.path.join(d, "share")
    os.makedirs(os.path.join(share, "db", "migrations"))
    every = sorted(glob.glob(os.path.join(ROOT, "db", "migrations", "*.sql")))
    late = [f for f in every if os.path.basename(f).startswith("0012-")]
    assert late, "no migration 0012 to play the late one"
    for f in every:
        if f not in late and int(os.path.basename(f)[:4]) <= 14:
            shutil.copy(f, os.path.join(share, "db", "migrations"))
    with open(conf, "a") as c:
        c.write("share_dir = %s\n" % share)
    r = adm(*admin, "migrate")
    assert r.returncode == 0 and "schema version 14" in r.stdout, r.stdout + r.stderr
    shutil.copy(late[0], os.path.join(share, "db", "migrations"))
    r = adm(*admin, "migrate")
    assert r.returncode == 0, r.stderr
    assert "applied %s" % os.path.basename(late[0]) in r.stdout and "schema version 14" in r.stdout
    assert mariadb("--skip-column-names", "-e", "SELECT COUNT(*) FROM %s.schema_version "
                   "WHERE version = 12" % name).strip() == "1"
    r = adm(*admin, "migrate")                  # and then nothing more
    assert r.returncode == 0 and "applied" not in r.stdout


@pytest.mark.parametrize("line,why", [
    ("no_such_key = 1", "unknown key"),
    ("workers = many", "is not a whole number"),
    ("workers = 0", "is outside 1..64"),
    ("max_body_bytes = 99999999999", "is outside"),
    ("listen_mode = 0999", "octal"),
    ("cookie_secure = sometimes", "not one of the choices"),
    ("this is not a setting", "expected \"key = value\""),
])
def test_bad_configuration_stops_start_up_with_line_and_reason(tmp_path, line, why):
    conf = tmp_path / "vrs.conf"
    good = [l for l in open(ENV["CONF"]).read().splitlines() if not l.startswith("listen")]
    conf.write_text("\n".join(good[:3] + [line] + good[3:]) + "\n")
    for prog in ([FCGI, "-c", str(conf)], [VRSADM, "-c", str(conf), "verify"]):
        r = subprocess.run(prog, capture_output=True, text=True, timeout=20)
        assert r.returncode != 0
        assert "%s:4: " % conf in r.stderr and why in r.stderr, r.stderr


def test_unsafe_files_stop_start_up(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("secret\n")
    conf = tmp_path / "vrs.conf"
    good = [l for l in open(ENV["CONF"]).read().splitlines()
            if not l.startswith(("listen", "db_password_file"))]
    conf.write_text("\n".join(good + ["db_password_file = %s" % pw]) + "\n")
    os.chmod(pw, 0o644)
    r = subprocess.run([FCGI, "-c", str(conf), "--check"], capture_output=True, text=True)
    assert r.returncode == 1 and "world-readable" in r.stderr
    os.chmod(pw, 0o640)
    assert subprocess.run([FCGI, "-c", str(conf), "--check"]).returncode == 0
    os.chmod(conf, 0o666)
    r = subprocess.run([FCGI, "-c", str(conf), "--check"], capture_output=True, text=True)
    assert r.returncode == 1 and "world-writable" in r.stderr
    os.chmod(conf, 0o640)
    pw.unlink()
    r = subprocess.run([FCGI, "-c", str(conf), "--check"], capture_output=True, text=True)
    assert r.returncode == 1 and "cannot open" in r.stderr
