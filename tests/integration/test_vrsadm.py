"""vrsadm, the host admin's tool, against the real test database."""
import subprocess

from conftest import ENV, Client, sql, vrsadm


def admin(*args, **kw):
    return vrsadm("--admin-defaults", ENV["ADMIN_CNF"], *args, **kw)


def test_help_documents_every_command():
    out = vrsadm("help").stdout
    for cmd in ("migrate", "grants", "verify", "jurisdiction add", "jurisdiction list",
                "user add", "user passwd", "user lock", "user unlock", "user list"):
        assert cmd in out


def test_verify_prepares_every_statement_and_checks_the_chain():
    out = vrsadm("verify").stdout
    assert "every statement prepares" in out
    assert "history chain intact" in out


def test_tampered_history_is_detected():
    seq, detail = sql("SELECT seq, detail FROM history ORDER BY seq LIMIT 1")[0]
    try:
        sql("UPDATE history SET detail = CONCAT(detail, ' (edited)') WHERE seq = %s" % seq)
        r = vrsadm("verify", check=False)
        assert r.returncode == 1
        assert "BROKEN at entry %s" % seq in r.stdout
    finally:
        sql("UPDATE history SET detail = '%s' WHERE seq = %s" % (detail.replace("'", "''"), seq))
    assert vrsadm("verify").returncode == 0


def test_application_account_cannot_rewrite_history():
    pw = open(ENV["VAR"] + "/db-password").read().strip()
    for stmt in ("UPDATE history SET detail = 'x'", "DELETE FROM history",
                 "UPDATE cell_changes SET now = 'x'", "DELETE FROM cell_changes"):
        r = subprocess.run(["mariadb", "--socket=" + ENV["DB_SOCK"], "-u", "vrs", "-p" + pw,
                            ENV["DB_NAME"], "-e", stmt], capture_output=True, text=True)
        assert r.returncode != 0 and "denied" in r.stderr


def test_grants_are_least_privilege():
    out = admin("grants").stdout
    assert "GRANT SELECT, INSERT ON `vrs`.`history`" in out
    assert "GRANT SELECT, INSERT ON `vrs`.`cell_changes`" in out
    assert "GRANT SELECT ON `vrs`.`schema_version`" in out
    assert "GRANT SELECT, INSERT, UPDATE, DELETE ON `vrs`.`users`" in out
    assert "ALL" not in out and "CREATE" not in out and "DROP" not in out


def test_migrate_is_idempotent_and_refuses_a_newer_schema():
    before = sql("SELECT version, checksum FROM schema_version ORDER BY version")
    out = admin("migrate").stdout
    assert "schema version %s" % before[-1][0] in out
    assert sql("SELECT version, checksum FROM schema_version ORDER BY version") == before
    sql("INSERT INTO schema_version VALUES (9999, '9999-future.sql', REPEAT('0', 64), UTC_TIMESTAMP())")
    try:
        r = admin("migrate", check=False)
        assert r.returncode == 1 and "newer than this program" in r.stderr
    finally:
        sql("DELETE FROM schema_version WHERE version = 9999")


def test_jurisdiction_codes_are_checked():
    r = vrsadm("jurisdiction", "add", "ZZZ", check=False)
    assert r.returncode == 1 and "not a current ISO 3166-1" in r.stderr
    r = vrsadm("jurisdiction", "add", "FRA", "--organisation", "--name", "X", check=False)
    assert r.returncode == 1 and "QMA-QZZ" in r.stderr
    if not sql("SELECT 1 FROM jurisdictions WHERE code = 'QZT'"):
        vrsadm("jurisdiction", "add", "QZT", "--organisation", "--name", "Test Conference")
    assert "QZT  organisation  Test Conference" in vrsadm("jurisdiction", "list").stdout
    r = vrsadm("jurisdiction", "add", "QZT", "--organisation", "--name", "Again", check=False)
    assert r.returncode == 1


def test_user_add_rules(make_user):
    r = vrsadm("user", "add", "--username", "nojur", "--name", "N", "--role", "data-entry",
               stdin="long enough password\n", check=False)
    assert r.returncode == 1 and "needs --jurisdiction" in r.stderr
    r = vrsadm("user", "add", "--username", "shortpw", "--name", "N",
               "--role", "secretariat-analyst", stdin="short\n", check=False)
    assert r.returncode == 1 and "password refused" in r.stderr
    r = vrsadm("user", "add", "--username", "x", "--name", "N", "--role", "root",
               stdin="long enough password\n", check=False)
    assert r.returncode == 1 and "unknown role" in r.stderr
    username, _ = make_user()
    r = vrsadm("user", "add", "--username", username, "--name", "Dup", "--role",
               "secretariat-analyst", stdin="long enough password\n", check=False)
    assert r.returncode == 1


def test_password_never_on_the_command_line_and_passwd_works(make_user):
    username, old = make_user()
    c = Client()
    assert c.login(username, old).status == 303
    vrsadm("user", "passwd", username, stdin="a brand new passphrase\n")
    assert c.get("/").status == 303                  # the session ended
    assert Client().login(username, old).status == 403
    assert Client().login(username, "a brand new passphrase").status == 303


def test_lock_and_unlock(make_user):
    username, password = make_user()
    vrsadm("user", "lock", username)
    assert "disabled" in [l for l in vrsadm("user", "list").stdout.splitlines() if username in l][0]
    assert Client().login(username, password).status == 403
    vrsadm("user", "unlock", username)
    assert Client().login(username, password).status == 303
    assert vrsadm("user", "lock", "no-such-user", check=False).returncode == 1


def test_unlock_ends_a_lockout(make_user):
    username, password = make_user()
    for _ in range(5):
        Client().login(username, "wrong password!!")
    assert Client().login(username, password).status == 403
    vrsadm("user", "unlock", username)
    assert Client().login(username, password).status == 303
