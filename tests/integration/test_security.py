"""Security properties seen from outside: response headers, escaping of
everything echoed back, SQL metacharacters, the password change, what each
role is shown, cookie flags over HTTPS and the log format. Browser flows go
through nginx; the HTTPS and missing-PATH_INFO cases talk FastCGI to the
program's socket with cgi-fcgi (libfcgi-bin), as a web server would."""
import html
import os
import re
import secrets
import subprocess
import urllib.parse

import pytest

from conftest import ENV, Client, Response, create_user, db_snapshot, sql, vrsadm
from dbcheck import Unchanged, user_ids

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
LOG = os.path.join(ENV["LOGS"], "vrs.log")
INTERNALS = ("SQL", "sql", "mysql", "MariaDB", "/work", "/tmp", ".c:", "NEOERR",
             "Error:", "errno", "PATH_INFO", "INSTALL", "configuration", "stmt")


def add_user(role="data-entry", name=None, jurisdiction="AUS"):
    return create_user(role=role, jurisdiction=jurisdiction, name=name)


def signed_in_client(username, password):
    c = Client()
    r = c.login(username, password)
    assert r.status == 303, r
    c.username, c.password = username, password
    return c


def user_id(username):
    return sql("SELECT id FROM users WHERE username = '%s'" % username)[0][0]


def history_of(username):
    return [r[0] for r in sql(
        "SELECT action FROM history WHERE object_type = 'user' AND object_id = %s "
        "ORDER BY seq" % user_id(username))]


def fcgi(env, body=b""):
    """One request straight to the FastCGI socket with cgi-fcgi. Only the
    variables given (and PATH) are sent, as a web server would send them."""
    e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "REQUEST_METHOD": "GET",
         "SCRIPT_NAME": "", "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1"}
    e.update(env)
    e = {k: v for k, v in e.items() if v is not None}
    if body:
        e["CONTENT_LENGTH"] = str(len(body))
        e.setdefault("CONTENT_TYPE", "application/x-www-form-urlencoded")
    out = subprocess.run(["cgi-fcgi", "-bind", "-connect", ENV["APP_SOCK"]], env=e,
                         input=body, capture_output=True, timeout=60).stdout
    head, sep, rest = out.partition(b"\r\n\r\n")
    assert sep, "no response from the FastCGI socket: %r" % out[:200]
    headers = [tuple(line.split(": ", 1)) for line in head.decode().split("\r\n")]
    status = int(dict(headers)["Status"].split()[0])
    return Response(status, [h for h in headers if h[0] != "Status"],
                    rest.decode("utf-8", "replace"))


def cookie(r, name):
    found = [c for c in r.headers_all("Set-Cookie") if c.startswith(name + "=")]
    assert len(found) == 1, r.headers
    return found[0]


# ---- headers ----------------------------------------------------------------------------

def check_security_headers(r, what):
    def one(name):
        values = r.headers_all(name)
        assert len(values) == 1, "%s: %s %r" % (what, name, values)
        return values[0]

    csp = one("Content-Security-Policy")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, (what, csp)
    assert directives.get("frame-ancestors") == ["'none'"], (what, csp)
    # scripts fall back to default-src: nothing may run
    assert directives.get("script-src", directives.get("default-src")) == ["'none'"], (what, csp)
    assert one("X-Content-Type-Options") == "nosniff", what
    assert one("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin",
                                      "strict-origin-when-cross-origin"), what
    assert one("X-Frame-Options") == "DENY", what
    assert "no-store" in one("Cache-Control"), what


def test_security_headers_on_every_kind_of_response(make_user):
    username, password = make_user()
    c = Client()
    seen = {}
    r = c.get("/login")
    seen["200 sign-in form"] = (r, 200)
    token = r.csrf()
    seen["303 to sign-in"] = (c.get("/"), 303)
    seen["404"] = (c.get("/no-such-page"), 404)
    seen["405"] = (c.get("/logout"), 405)
    seen["403 form token"] = (c.request("POST", "/login", "username=a&password=b", FORM), 403)
    seen["403 sign-in refused"] = (c.login(username, "wrong password"), 403)
    seen["400 form"] = (c.post("/login", {"username": "", "password": ""}), 400)
    seen["400 encoding"] = (c.get("/login?a=%zz"), 400)
    seen["401"] = (c.request("POST", "/logout", "csrf=" + token, FORM), 401)
    seen["413"] = (c.request("POST", "/login", "a=" + "x" * (1024 * 1024 + 1), FORM), 413)
    seen["415"] = (c.request("POST", "/login", "a=b", {"Content-Type": "text/plain"}), 415)
    seen["303 signed in"] = (c.login(username, password), 303)
    seen["200 home"] = (c.get("/"), 200)
    seen["200 password form"] = (c.get("/account/password"), 200)
    seen["303 signed-in user at /login"] = (c.get("/login"), 303)
    seen["303 sign-out"] = (c.post("/logout", {}), 303)
    for what, (r, status) in seen.items():
        assert r.status == status, (what, r)
        check_security_headers(r, what)
    # the HEAD answer carries them too
    r = Client().request("HEAD", "/login")
    assert r.status == 200 and r.body == ""
    check_security_headers(r, "HEAD")


def test_signed_in_pages_are_not_cached(signed_in):
    for path in ("/", "/account/password", "/?password_changed=1"):
        r = signed_in.get(path)
        assert r.status == 200
        assert r.header("Cache-Control") == "no-store"
        assert signed_in.username in r.body


# ---- escaping ---------------------------------------------------------------------------

XSS = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"


def username_value(r):
    m = re.findall(r'<input id="f-username"[^>]*?value="([^"]*)"', r.body)
    assert len(m) == 1, r
    return m[0]


def assert_no_markup_from(payload_parts, r):
    for raw in payload_parts:
        assert raw not in r.body, "%r echoed unescaped" % raw


def test_xss_in_username_is_escaped_after_failed_login(client):
    r = client.login(XSS, "some password")
    assert r.status == 403 and "Sign-in failed" in r.body
    # the value attribute ends where it should and holds exactly what was typed
    assert html.unescape(username_value(r)) == XSS
    assert_no_markup_from(["<script>", "<img", "\"'>", "onerror=alert(1)>"], r)
    assert "&lt;script&gt;" in r.body


def test_xss_in_username_is_escaped_after_validation_error(client):
    r = client.post("/login", {"username": XSS, "password": ""})
    assert r.status == 400 and "This field is required." in r.body
    assert html.unescape(username_value(r)) == XSS
    assert_no_markup_from(["<script>", "<img", "\"'>"], r)
    # too long (over 64 characters), with the payload in it
    long_xss = XSS * 3
    r = client.post("/login", {"username": long_xss, "password": "x"})
    assert r.status == 400 and "This is too long." in r.body
    assert html.unescape(username_value(r)) == long_xss
    assert_no_markup_from(["<script>", "<img", "\"'>"], r)


def test_xss_in_secret_fields_and_query_is_never_echoed(signed_in):
    r = Client().get("/login?bye=%s&expired=%s" % ((urllib.parse.quote(XSS),) * 2))
    assert r.status == 200
    assert_no_markup_from(["<script>", "<img", "alert(1)"], r)
    r = signed_in.post("/account/password", {"current": XSS, "new": XSS, "confirm": XSS + "x"})
    assert r.status == 400
    assert "alert(1)" not in r.body and "&lt;script" not in r.body     # secrets: never shown


def test_display_name_with_html_is_escaped_on_home_page():
    name = "<b>x</b> & \"double\" 'single' <script>alert(1)</script>"
    username, password = add_user(name=name)
    c = signed_in_client(username, password)
    r = c.get("/")
    assert r.status == 200
    assert_no_markup_from(["<b>x</b>", "<script>", "\"double\"", "'single'"], r)
    escaped = re.findall(r"<h1>(.*?)</h1>", r.body)
    assert [html.unescape(e) for e in escaped] == [name]
    assert "&lt;b&gt;x&lt;/b&gt; &amp;" in escaped[0]
    who = re.search(r"Signed in as <strong>(.*?)</strong>", r.body)
    assert who and html.unescape(who.group(1)) == name
    # and on the other signed-in page
    r = c.get("/account/password")
    assert_no_markup_from(["<b>x</b>", "<script>"], r)


# ---- SQL metacharacters --------------------------------------------------------------------

SQL_META = ["' OR '1'='1", "' OR '1'='1' -- ", "admin'--", "admin' #", "\"; DROP TABLE users; --",
            "%' OR 1=1 #", "\\", "\\'", "x\\' OR 1=1 -- ", "'; DELETE FROM sessions; --",
            "' UNION SELECT 1,2,3,4,5,6,7,8,9,10,11,12 -- ", "1' AND SLEEP(0) AND '1'='1",
            "'||'", "\\\\'\\\"", "%", "_", "*", "';"]
TABLES = {"users", "sessions", "history", "history_head", "jurisdictions"}


def tables():
    return {r[0] for r in sql("SHOW TABLES")}


def test_sql_metacharacters_as_username_are_harmless(make_user):
    username, password = make_user()
    assert TABLES <= tables()
    # wildcards with a real prefix: only a LIKE would find the account
    patterns = SQL_META + [username[:4] + "%", username[:-1] + "_", username + "' OR '1'='1",
                           username + "'--", username + "' #"]
    for meta in patterns:
        c = Client()
        unchanged = Unchanged(username)
        r = c.login(meta, password)
        assert r.status == 403, (meta, r)
        assert "Sign-in failed" in r.body, meta
        assert "vrs_session" not in c.cookies, meta
        assert html.unescape(username_value(r)) == meta
        for word in INTERNALS:
            assert word not in r.body, (meta, word)
        unchanged.check()
    assert TABLES <= tables()
    assert user_ids([username])
    assert Client().login(username, password).status == 303


def test_sql_metacharacters_as_password_only_count_as_failures(make_user):
    username, password = make_user()
    uid = user_id(username)
    before = db_snapshot()
    metas = SQL_META[:4]                 # the fifth failure would lock the account
    for meta in metas:
        c = Client()
        r = c.login(username, meta)
        assert r.status == 403 and "Sign-in failed" in r.body, meta
        assert "vrs_session" not in c.cookies
    after = db_snapshot()
    row = lambda snap: [r for r in snap["users"] if r[0] == uid][0]
    b, a = row(before), row(after)
    assert a[1] == b[1]                                   # password hash
    assert (b[2], a[2]) == ("0", str(len(metas)))         # failed_logins: the bookkeeping
    assert a[3:] == b[3:] == ["NULL", "0"]                # not locked, not disabled
    assert [s for s in after["sessions"] if s[1] == uid] == []
    top = before["history"][0][1]
    assert [r[0] for r in sql("SELECT action FROM history WHERE object_type = 'user' AND "
                              "object_id = %s AND seq > %s ORDER BY seq" % (uid, top))] \
        == ["auth.login_failed"] * len(metas)
    assert after["jurisdictions"] == before["jurisdictions"]
    assert TABLES <= tables()
    assert Client().login(username, password).status == 303


def test_sql_metacharacters_in_the_password_form(signed_in):
    username, old = signed_in.username, signed_in.password
    hash_before = sql("SELECT password_hash FROM users WHERE username = '%s'" % username)
    for meta in SQL_META:
        r = signed_in.post("/account/password",
                           {"current": meta, "new": meta, "confirm": meta})
        assert r.status == 400, (meta, r)
        assert "This is not your current password." in r.body
    # only the failure count moved (it locked the account); the hash did not
    assert sql("SELECT password_hash FROM users WHERE username = '%s'" % username) == hash_before
    vrsadm("user", "unlock", username)
    for meta in SQL_META:
        # a foreign or made-up form token with metacharacters in it
        unchanged = Unchanged(username)
        r = signed_in.post("/account/password", {"current": old, "new": "x" * 20,
                                                 "confirm": "x" * 20}, csrf=meta)
        assert r.status == 403 and "The form has expired" in r.body
        unchanged.check()
    assert TABLES <= tables()
    # metacharacters make a perfectly good password
    new = "' OR '1'='1'; DROP TABLE users; -- \\\" %_"
    r = signed_in.post("/account/password", {"current": old, "new": new, "confirm": new})
    assert r.status == 303, r
    assert TABLES <= tables()
    assert Client().login(username, new).status == 303
    assert Client().login(username, "' OR '1'='1").status == 403
    assert Client().login(username, old).status == 403


# ---- the password change ---------------------------------------------------------------------

def field_message(r, field):
    m = re.search(r'<p class="error" id="f-%s-error">([^<]*)</p>' % field, r.body)
    return m.group(1) if m else None


def failed_logins(username):
    return int(sql("SELECT failed_logins FROM users WHERE username = '%s'" % username)[0][0])


def test_wrong_current_password(signed_in):
    typed = "not-my-password-" + secrets.token_hex(4)
    hash_before = sql("SELECT password_hash FROM users WHERE username = '%s'" % signed_in.username)
    r = signed_in.post("/account/password",
                       {"current": typed, "new": "a good new passphrase", "confirm": "a good new passphrase"})
    assert r.status == 400
    assert field_message(r, "current") == "This is not your current password."
    assert field_message(r, "new") is None and field_message(r, "confirm") is None
    assert typed not in r.body and "a good new passphrase" not in r.body
    # the password is unchanged, and the wrong guess counts towards the lock-out
    assert sql("SELECT password_hash FROM users WHERE username = '%s'" % signed_in.username) == hash_before
    assert failed_logins(signed_in.username) == 1
    assert history_of(signed_in.username)[-1] == "auth.login_failed"
    assert Client().login(signed_in.username, signed_in.password).status == 303


def test_guessing_the_current_password_locks_the_account(signed_in):
    """A stolen session must not become a way to guess the password."""
    for i in range(5):
        r = signed_in.post("/account/password", {"current": "guess number %d" % i,
                                                 "new": "x" * 20, "confirm": "x" * 20})
        assert r.status == 400
    assert "auth.locked" in history_of(signed_in.username)
    assert Client().login(signed_in.username, signed_in.password).status == 403


@pytest.mark.parametrize("new,confirm,field,message", [
    ("short", "short", "new", "The new password must have at least 12 characters."),
    ("x" * 11, "x" * 11, "new", "The new password must have at least 12 characters."),
    ("x" * 129, "x" * 129, "new", "The new password must have at most 128 characters."),
    ("x" * 2000, "x" * 2000, "new", "This is too long."),
    ("a good new passphrase", "a good new passphrasf", "confirm",
     "The two new passwords are not the same."),
    ("a good new passphrase", "", "confirm", "This field is required."),
    ("", "", "new", "This field is required."),
    ("é" * 11, "é" * 11, "new", "The new password must have at least 12 characters."),
])
def test_new_password_refused(signed_in, new, confirm, field, message):
    unchanged = Unchanged(signed_in.username)
    r = signed_in.post("/account/password",
                       {"current": signed_in.password, "new": new, "confirm": confirm})
    assert r.status == 400, r
    assert field_message(r, field) == message
    assert field_message(r, "current") is None
    assert "There is a problem with this form" in r.body
    unchanged.check()
    assert Client().login(signed_in.username, signed_in.password).status == 303


def test_password_change_boundaries_are_accepted(make_user):
    for new in ("é" * 12, "x" * 128):         # characters, not bytes
        username, password = make_user()
        c = signed_in_client(username, password)
        r = c.post("/account/password", {"current": password, "new": new, "confirm": new})
        assert r.status == 303, (len(new), r)
        assert Client().login(username, new).status == 303


def test_successful_password_change(make_user):
    username, old = make_user()
    other = signed_in_client(username, old)          # a second browser, signed in before
    assert other.get("/").status == 200
    c = signed_in_client(username, old)
    new = "correct horse battery staple " + secrets.token_hex(3)
    r = c.post("/account/password", {"current": old, "new": new, "confirm": new})
    assert r.status == 303
    assert r.header("Location") == "/?password_changed=1"
    home = c.get(r.header("Location"))                 # this session goes on
    assert home.status == 200
    assert "Your password has been changed." in home.body
    r = other.get("/")                                 # the other one has ended
    assert r.status == 303 and r.header("Location").startswith("/login")
    assert "vrs_session" not in other.cookies
    assert sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s" % user_id(username)) == [["1"]]
    assert Client().login(username, new).status == 303
    r = Client().login(username, old)
    assert r.status == 403 and "Sign-in failed" in r.body
    assert history_of(username).count("account.password_changed") == 1
    assert "history chain intact" in vrsadm("verify").stdout


# ---- roles on the home page -------------------------------------------------------------------

@pytest.mark.parametrize("role,label,where", [
    ("viewer", "National viewer", "Australia (AUS)"),
    ("data-entry", "Data entry officer", "Australia (AUS)"),
    ("focal-point", "National focal point", "Australia (AUS)"),
    ("secretariat-analyst", "Secretariat analyst", "Secretariat (all jurisdictions)"),
    ("secretariat-admin", "Secretariat administrator", "Secretariat (all jurisdictions)"),
])
def test_home_page_shows_role_and_jurisdiction(make_user, role, label, where):
    username, password = make_user(role=role)
    r = signed_in_client(username, password).get("/")
    assert r.status == 200
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", r.body))
    assert facts == {"Username": username, "Role": label, "Jurisdiction": where}
    other = "Secretariat (all jurisdictions)" if "AUS" in where else "(AUS)"
    # (the secretariat's to-do list names the states whose work waits)
    assert other not in re.sub(r'<section id="todo".*?</section>', "", r.body, flags=re.S)


# ---- cookies over HTTPS, straight to the FastCGI socket ----------------------------------------

def test_cookies_get_secure_only_over_https(make_user):
    # Over HTTPS the names carry the __Host- prefix, so a browser accepts
    # them only with Secure and Path=/ and no Domain: a subdomain or a
    # plain-HTTP response cannot plant one.
    r = fcgi({"PATH_INFO": "/login", "HTTPS": "on"})
    assert r.status == 200
    pre = cookie(r, "__Host-vrs_pre")
    assert pre.endswith("; Secure") and "HttpOnly" in pre and "Domain" not in pre
    for https in (None, "off", "", "ON "):
        r = fcgi({"PATH_INFO": "/login", "HTTPS": https})
        assert r.status == 200
        assert "Secure" not in cookie(r, "vrs_pre"), https

    # a whole sign-in over HTTPS: the session cookie, and its deletion, are Secure
    username, password = make_user()
    r = fcgi({"PATH_INFO": "/login", "HTTPS": "on"})
    pre_value = cookie(r, "__Host-vrs_pre").split(";")[0]
    # a plain-named cookie (as a plain-HTTP page could plant) is not accepted
    planted = fcgi({"PATH_INFO": "/login", "HTTPS": "on", "REQUEST_METHOD": "POST",
                    "HTTP_COOKIE": pre_value.replace("__Host-", "")},
                   urllib.parse.urlencode({"username": username, "password": password,
                                           "csrf": r.csrf()}).encode())
    assert planted.status == 403 and "The form has expired" in planted.body
    body = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrf": r.csrf()}).encode()
    r = fcgi({"PATH_INFO": "/login", "HTTPS": "on", "REQUEST_METHOD": "POST",
              "HTTP_COOKIE": pre_value}, body)
    assert r.status == 303, r
    session = cookie(r, "__Host-vrs_session")
    assert re.match(r"__Host-vrs_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure$",
                    session)
    session_value = session.split(";")[0]
    home = fcgi({"PATH_INFO": "/", "HTTPS": "on", "HTTP_COOKIE": session_value})
    assert home.status == 200 and username in home.body
    r = fcgi({"PATH_INFO": "/logout", "HTTPS": "on", "REQUEST_METHOD": "POST",
              "HTTP_COOKIE": session_value}, ("csrf=" + home.csrf()).encode())
    assert r.status == 303
    gone = cookie(r, "__Host-vrs_session")
    assert "Max-Age=0" in gone and gone.endswith("; Secure")


def read_log_since(offset):
    with open(LOG, "rb") as f:
        f.seek(offset)
        return f.read()


def test_missing_path_info_gets_a_plain_500_and_a_log_line():
    offset = os.path.getsize(LOG)
    r = fcgi({"PATH_INFO": None})
    assert r.status == 500
    assert "Something went wrong on our side" in r.body
    m = re.search(r"Reference for the help desk: <code>([0-9a-f]{16})</code>", r.body)
    assert m, r
    for word in INTERNALS:
        assert word not in r.body, word
    check_security_headers(r, "500")
    log = read_log_since(offset).decode("utf-8", "replace")
    assert re.search(r"rid=%s PATH_INFO missing" % m.group(1), log), log
    # with PATH_INFO the same socket serves normally
    assert fcgi({"PATH_INFO": "/login"}).status == 200


LINE = re.compile(rb"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ vrs-msrc\[\d+\]: rid=([0-9a-f]{16}|-) \S")


def test_log_lines_have_no_raw_control_characters(make_user):
    marker = secrets.token_hex(4)
    username, password = make_user()
    c = signed_in_client(username, password)
    offset = os.path.getsize(LOG)
    evil = "%0a%1b[31m"
    # 1. in a username typed into the form (refused: control characters)
    r = Client().request("POST", "/login", "username=a%s%s&password=x" % (evil, marker), FORM)
    assert r.status in (400, 403)
    r = Client().post("/login", [("username", "a\n\x1b[31m" + marker), ("password", "x")])
    assert r.status == 400 and "characters that are not allowed" in r.body
    # 2. in the path, which every request line logs
    r = Client().get("/%s%s2023-01-01T00:00:00Z%%20vrs-msrc[1]:%%20rid=forged" % (marker, evil))
    assert r.status == 404
    # 3. in the name of a signed-in user (not possible through vrsadm; made in SQL)
    uid = user_id(username)
    sql("UPDATE users SET username = CONCAT('%s', CHAR(10), CHAR(27), '[31m%s') WHERE id = %s"
        % (username, marker, uid))
    try:
        assert c.get("/").status == 200
    finally:
        sql("UPDATE users SET username = '%s' WHERE id = %s" % (username, uid))
    data = read_log_since(offset)
    assert data.endswith(b"\n")
    lines = data[:-1].split(b"\n")
    for line in lines:
        assert not re.search(rb"[\x00-\x1f\x7f]", line), line
        assert LINE.match(line), line
    path_lines = [l for l in lines if b"path=/" + marker.encode() in l]
    assert len(path_lines) == 1, lines                      # one request, one line
    assert b"\\x0a\\x1b[31m" in path_lines[0] and b"rid=forged" in path_lines[0]
    assert [l for l in lines if (b"user=%s\\x0a\\x1b[31m%s " % (username.encode(), marker.encode())) in l]
