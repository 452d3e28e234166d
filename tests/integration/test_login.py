"""Sign-in, sign-out and sessions, through nginx to the real program."""
from conftest import Client, sql


def test_login_page_renders_with_form_token(client):
    r = client.get("/login")
    assert r.status == 200
    assert r.csrf() is not None
    assert "vrs_pre" in client.cookies


def test_login_success_sets_hardened_cookie_and_shows_home(client, make_user):
    username, password = make_user(role="focal-point")
    r = client.login(username, password)
    assert r.status == 303
    assert r.header("Location") == "/"
    cookie = [c for c in r.headers_all("Set-Cookie") if c.startswith("vrs_session=")][0]
    for attr in ("HttpOnly", "SameSite=Lax", "Path=/"):
        assert attr in cookie
    assert "Secure" not in cookie            # plain http on loopback
    home = client.get("/")
    assert home.status == 200
    assert username in home.body
    assert "National focal point" in home.body
    assert "Australia (AUS)" in home.body


def test_session_token_is_stored_only_as_hash(client, make_user):
    username, password = make_user()
    client.login(username, password)
    token = client.cookies["vrs_session"]
    rows = sql("SELECT LOWER(HEX(token_hash)) FROM sessions")
    assert token not in [r[0] for r in rows]
    assert [r for r in rows if r[0] == __import__("hashlib").sha256(bytes.fromhex(token)).hexdigest()]


def test_wrong_password_and_unknown_user_get_the_same_answer(client, make_user):
    username, _ = make_user()
    a = client.login(username, "wrong password here")
    b = Client().login("no-such-user-xyz", "wrong password here")
    assert a.status == b.status == 403
    strip = lambda body: body.split('name="csrf"')[0]
    assert "Sign-in failed" in a.body and "Sign-in failed" in b.body
    assert strip(a.body).replace(username, "X") == strip(b.body).replace("no-such-user-xyz", "X")


def test_lockout_after_five_failures_even_with_right_password(make_user):
    username, password = make_user()
    c = Client()
    for _ in range(5):
        assert c.login(username, "not the password").status == 403
    assert sql("SELECT locked_until > UTC_TIMESTAMP() FROM users WHERE username='%s'" % username) == [["1"]]
    r = c.login(username, password)
    assert r.status == 403
    assert "vrs_session" not in c.cookies
    actions = [row[0] for row in sql(
        "SELECT action FROM history h JOIN users u ON u.id = h.object_id "
        "WHERE h.object_type='user' AND u.username='%s' ORDER BY seq" % username)]
    assert actions.count("auth.login_failed") == 5 and "auth.locked" in actions


def test_logout_deletes_session_and_old_cookie_is_rejected(signed_in):
    old = signed_in.cookies["vrs_session"]
    r = signed_in.post("/logout", {})
    assert r.status == 303 and r.header("Location") == "/login?bye=1"
    assert "vrs_session" not in signed_in.cookies
    replay = Client()
    replay.cookies["vrs_session"] = old
    r = replay.get("/")
    assert r.status == 303 and r.header("Location").startswith("/login")


def test_new_session_id_at_every_login(client, make_user):
    username, password = make_user()
    client.login(username, password)
    first = client.cookies["vrs_session"]
    client.post("/logout", {})
    client.login(username, password)
    assert client.cookies["vrs_session"] != first


def test_idle_session_expires(signed_in):
    token = signed_in.cookies["vrs_session"]
    sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 31 MINUTE "
        "WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))" % token)
    r = signed_in.get("/")
    assert r.status == 303 and r.header("Location") == "/login?expired=1"
    assert "session has ended" in signed_in.get("/login?expired=1").body
    # The ended session signs no one in; it is deleted at the next sign-in (until then it
    # names its user, so that a form it posts late is kept: test_ux_accounts.py).
    assert signed_in.get("/").status == 303
    assert signed_in.login(signed_in.username, signed_in.password).status == 303
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))" % token) == [["0"]]


def test_absolute_session_limit(signed_in):
    token = signed_in.cookies["vrs_session"]
    sql("UPDATE sessions SET created_at = created_at - INTERVAL 13 HOUR "
        "WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))" % token)
    assert signed_in.get("/").status == 303


def test_user_created_with_vrsadm_can_sign_in_and_history_is_chained(make_user):
    username, password = make_user(role="secretariat-admin")
    c = Client()
    assert c.login(username, password).status == 303
    assert "Secretariat (all jurisdictions)" in c.get("/").body
    from conftest import vrsadm
    out = vrsadm("verify").stdout
    assert "history chain intact" in out
