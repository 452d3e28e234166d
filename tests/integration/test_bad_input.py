"""Malformed, oversized and forged requests, through nginx to the real
program and MariaDB. Every refusal must carry the right 4xx code and a
page in plain words (from templates/lang/en.hdf), show nothing of the
program's insides, change nothing in the database, and leave the worker
serving the next request."""
import http.client
import re
import urllib.parse

import pytest

from conftest import ENV, PORT, Client, sql, unmask_csrf
from dbcheck import Unchanged

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
REFERENCE = "Reference for the help desk"
# Words that would mean a stack trace, a path, a query or a library error
# reached the browser.
INTERNALS = ("SQL", "sql", "mysql", "MySQL", "MariaDB", "mariadb", "/work",
             "/tmp", "/usr", ".c:", "NEOERR", "Error:", "errno", "stmt",
             "Traceback", "vrs.conf", "PATH_INFO", "ClearSilver", "hdf",
             "segfault", "abort")


def no_internals(r):
    for word in INTERNALS:
        assert word not in r.body, "%r leaked into the page: %r" % (word, r)


def error_page(r, status, phrase):
    """Our error page (error.cs): code, plain words, the reference."""
    assert r.status == status, r
    assert phrase in r.body, r
    m = re.search(REFERENCE + r': <code>([0-9a-f]{16})</code> \(HTTP (\d+)\)', r.body)
    assert m, "no help-desk reference in %r" % r
    assert int(m.group(2)) == status
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    no_internals(r)
    return m.group(1)


def form_error(r, status, field, phrase):
    """The form drawn again with a message beside the field."""
    assert r.status == status, r
    m = re.search(r'<p class="error" id="f-%s-error">([^<]*)</p>' % field, r.body)
    assert m, "no message beside %s in %r" % (field, r)
    assert phrase in m.group(1)
    assert "There is a problem with this form" in r.body
    assert re.search(r'<input id="f-%s"[^>]*aria-invalid="true"' % field, r.body)
    no_internals(r)


def still_serving():
    r = Client().get("/login")
    assert r.status == 200 and r.csrf() is not None


@pytest.fixture
def anon():
    """A browser that has opened the sign-in form: it holds vrs_pre and the
    token that goes with it."""
    c = Client()
    c.token = c.get("/login").csrf()
    assert c.token
    return c


def post(c, path, body, headers=FORM):
    return c.request("POST", path, body, headers)


# ---- sizes ---------------------------------------------------------------------

def test_very_long_username_is_refused_beside_the_field_and_kept(anon, make_user):
    make_user()                       # a database with at least one user in it
    typed = "ab" * 5000               # 10,000 characters; the limit is 64
    unchanged = Unchanged()
    r = post(anon, "/login", urllib.parse.urlencode(
        {"username": typed, "password": "whatever", "csrf": anon.token}))
    form_error(r, 400, "username", "This is too long.")
    assert 'value="%s"' % typed in r.body          # what was typed is kept
    assert "Sign-in failed" not in r.body
    assert r.csrf_token() == unmask_csrf(anon.token)   # the form still works
    unchanged.check()
    still_serving()


def test_field_over_max_field_bytes_is_refused(anon):
    unchanged = Unchanged()
    r = post(anon, "/login", "username=u&password=p&csrf=%s&note=%s"
             % (anon.token, "x" * 70000))
    error_page(r, 400, "A field is too long")
    unchanged.check()
    still_serving()


def test_body_over_max_body_bytes_gets_our_413(anon):
    unchanged = Unchanged()
    pad = "a" * (1024 * 1024)
    r = post(anon, "/login", "username=u&password=p&csrf=%s&pad=%s" % (anon.token, pad))
    error_page(r, 413, "Too much data")
    unchanged.check()
    still_serving()


def test_body_over_nginx_limit_is_stopped_by_nginx(anon):
    unchanged = Unchanged()
    r = post(anon, "/login", "pad=" + "a" * (2 * 1024 * 1024 + 10))
    assert r.status == 413
    unchanged.check()
    still_serving()


def max_fields():
    """The instance's max_fields (etc/dev/stack.sh may set it; 10000 by default)."""
    for line in open(ENV["CONF"]):
        key, _, value = line.partition("=")
        if key.strip() == "max_fields":
            return int(value)
    return 30000


def test_too_many_fields(anon):
    unchanged = Unchanged()
    body = "&".join("f%d=1" % i for i in range(max_fields() + 1)) + "&csrf=" + anon.token
    r = post(anon, "/login", body)
    error_page(r, 400, "Too many fields")
    unchanged.check()
    still_serving()


def test_too_many_fields_in_the_query_string(anon):
    n = max_fields() + 1
    if n * 8 > 7000:
        pytest.skip("max_fields %d is too large for a query string nginx accepts" % (n - 1))
    r = anon.get("/login?" + "&".join("q%d=1" % i for i in range(n)))
    error_page(r, 400, "Too many fields")
    still_serving()


# ---- characters and encoding ------------------------------------------------------

@pytest.mark.parametrize("field", ["username", "password"])
def test_nul_byte_in_a_field(anon, make_user, field):
    username, password = make_user()
    unchanged = Unchanged(username)
    values = {"username": username, "password": password}
    raw = {k: urllib.parse.quote(v, safe="") for k, v in values.items()}
    raw[field] = raw[field][:3] + "%00" + raw[field][3:]
    r = post(anon, "/login", "username=%s&password=%s&csrf=%s"
             % (raw["username"], raw["password"], anon.token))
    form_error(r, 400, field, "characters that are not allowed")
    assert "vrs_session" not in anon.cookies
    unchanged.check()
    still_serving()


@pytest.mark.parametrize("raw", ["%ff", "%c3%28", "%ed%a0%80", "%c0%af", "%f4%90%80%80",
                                 "%1b[31m", "%7f", "a%0d%0ab"])
def test_invalid_utf8_or_control_characters_in_username(anon, make_user, raw):
    username, password = make_user()
    unchanged = Unchanged(username)
    r = post(anon, "/login", "username=%s%s&password=%s&csrf=%s"
             % (username, raw, urllib.parse.quote(password), anon.token))
    form_error(r, 400, "username", "characters that are not allowed")
    assert "vrs_session" not in anon.cookies
    unchanged.check()
    still_serving()


@pytest.mark.parametrize("broken", ["%zz", "%4", "%", "%G1", "abc%2"])
def test_broken_percent_encoding_in_body(anon, make_user, broken):
    username, password = make_user()
    unchanged = Unchanged(username)
    r = post(anon, "/login", "username=%s&password=%s%s&csrf=%s"
             % (username, urllib.parse.quote(password), broken, anon.token))
    error_page(r, 400, "broken percent-encoding")
    assert "vrs_session" not in anon.cookies
    unchanged.check()
    still_serving()


@pytest.mark.parametrize("query", ["x=%zz", "bye=%4", "%=1", "expired=1&a=%G0"])
def test_broken_percent_encoding_in_query_string(anon, query):
    unchanged = Unchanged()
    r = anon.get("/login?" + query)
    error_page(r, 400, "broken percent-encoding")
    # also on a POST, where the query is read before the body
    r = post(anon, "/login?" + query, "username=u&password=p&csrf=" + anon.token)
    error_page(r, 400, "broken percent-encoding")
    unchanged.check()
    still_serving()


def test_empty_username_and_password(anon):
    unchanged = Unchanged()
    r = post(anon, "/login", "username=&password=&csrf=" + anon.token)
    form_error(r, 400, "username", "This field is required.")
    form_error(r, 400, "password", "This field is required.")
    assert "Correct the problems listed here" in r.body
    unchanged.check()
    r = post(anon, "/login", "csrf=" + anon.token)        # fields absent altogether
    form_error(r, 400, "username", "This field is required.")
    form_error(r, 400, "password", "This field is required.")
    unchanged.check()
    still_serving()


# ---- the form token -----------------------------------------------------------------

def test_login_without_or_with_foreign_form_token(make_user):
    username, password = make_user()
    other = Client()
    foreign = other.get("/login").csrf()          # another browser's token
    for token in (None, foreign, "0" * 64, foreign[:63]):
        c = Client()
        own = c.get("/login").csrf()
        assert own != foreign
        unchanged = Unchanged(username)
        pairs = [("username", username), ("password", password)]
        if token is not None:
            pairs.append(("csrf", token))
        r = post(c, "/login", urllib.parse.urlencode(pairs))
        error_page(r, 403, "The form has expired")
        assert "vrs_session" not in c.cookies
        unchanged.check()
        assert c.get("/").status == 303           # not signed in
    still_serving()


def test_login_without_the_browser_cookie_is_refused(make_user):
    """A token is worth nothing without the vrs_pre cookie it belongs to."""
    username, password = make_user()
    c = Client()
    token = c.get("/login").csrf()
    c.cookies.pop("vrs_pre")
    unchanged = Unchanged(username)
    r = post(c, "/login", urllib.parse.urlencode(
        {"username": username, "password": password, "csrf": token}))
    error_page(r, 403, "The form has expired")
    assert "vrs_session" not in c.cookies
    unchanged.check()


def test_logout_without_or_with_foreign_form_token(signed_in, make_user):
    other = Client()
    u2, p2 = make_user()
    assert other.login(u2, p2).status == 303
    foreign_session = other.get("/").csrf()
    foreign_anon = Client().get("/login").csrf()
    assert signed_in.get("/").status == 200
    for token in (None, foreign_session, foreign_anon):
        unchanged = Unchanged(signed_in.username, u2)
        body = "" if token is None else "csrf=" + token
        r = post(signed_in, "/logout", body)
        error_page(r, 403, "The form has expired")
        unchanged.check()
        home = signed_in.get("/")                 # still signed in
        assert home.status == 200 and signed_in.username in home.body
    assert other.get("/").status == 200           # and so is the other one
    still_serving()


def test_password_change_without_or_with_foreign_form_token(signed_in, make_user):
    other = Client()
    u2, p2 = make_user()
    assert other.login(u2, p2).status == 303
    foreign = other.get("/account/password").csrf()
    new = "a brand new passphrase"
    for token in (None, foreign, Client().get("/login").csrf()):
        unchanged = Unchanged(signed_in.username, u2)
        pairs = [("current", signed_in.password), ("new", new), ("confirm", new)]
        if token is not None:
            pairs.append(("csrf", token))
        r = post(signed_in, "/account/password", urllib.parse.urlencode(pairs))
        error_page(r, 403, "The form has expired")
        unchanged.check()
    assert signed_in.get("/").status == 200
    assert other.get("/").status == 200
    assert Client().login(signed_in.username, new).status == 403
    assert Client().login(signed_in.username, signed_in.password).status == 303


# ---- addresses, methods, encodings ------------------------------------------------------

@pytest.mark.parametrize("path", ["/nope", "/login/", "/account", "/account/password/x",
                                  "/static-not", "/LOGIN", "/a%20b", "/login;x"])
def test_unknown_path(anon, path):
    unchanged = Unchanged()
    r = anon.get(path)
    error_page(r, 404, "Page not found")
    r = post(anon, path, "csrf=" + anon.token)
    error_page(r, 404, "Page not found")
    unchanged.check()
    still_serving()


@pytest.mark.parametrize("method,path,allow", [
    ("GET", "/logout", "POST"),
    ("HEAD", "/logout", "POST"),
    ("PUT", "/login", "GET, HEAD, POST"),
    ("DELETE", "/login", "GET, HEAD, POST"),
    ("PATCH", "/account/password", "GET, HEAD, POST"),
    ("PUT", "/", "GET, HEAD"),
    ("POST", "/", "GET, HEAD"),
])
def test_wrong_method(anon, method, path, allow):
    unchanged = Unchanged()
    body = "csrf=" + anon.token if method not in ("GET", "HEAD") else None
    r = anon.request(method, path, body, FORM if body else None)
    assert r.status == 405, r
    assert r.header("Allow") == allow
    if method != "HEAD":
        error_page(r, 405, "Not possible at this address")
    unchanged.check()
    still_serving()


@pytest.mark.parametrize("ctype", ["text/plain", "multipart/form-data; boundary=xyz",
                                   "application/json", None])
def test_wrong_content_type_on_login(anon, make_user, ctype):
    username, password = make_user()
    unchanged = Unchanged(username)
    body = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrf": anon.token})
    r = anon.request("POST", "/login", body, {"Content-Type": ctype} if ctype else {})
    error_page(r, 415, "Unsupported form encoding")
    assert "vrs_session" not in anon.cookies
    unchanged.check()
    still_serving()


def test_password_change_without_session_is_401(anon, make_user):
    username, password = make_user()
    unchanged = Unchanged(username)
    r = post(anon, "/account/password", urllib.parse.urlencode(
        {"current": password, "new": "x" * 20, "confirm": "x" * 20, "csrf": anon.token}))
    error_page(r, 401, "Your session has ended")
    assert 'href="/login"' in r.body
    r = post(anon, "/logout", "csrf=" + anon.token)
    error_page(r, 401, "Your session has ended")
    unchanged.check()
    still_serving()


# ---- transfer encodings -------------------------------------------------------------------

def test_chunked_body_is_buffered_by_nginx_and_login_works(make_user):
    username, password = make_user()
    c = Client()
    token = c.get("/login").csrf()
    body = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrf": token}).encode()

    def chunks():
        for i in range(0, len(body), 7):
            yield body[i:i + 7]

    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("POST", "/login", body=chunks(), encode_chunked=True,
                 headers=dict(FORM, Cookie="vrs_pre=" + c.cookies["vrs_pre"]))
    r = conn.getresponse()
    r.read()
    cookies = r.getheader("Set-Cookie") or ""
    conn.close()
    assert r.status == 303, r.status
    assert r.getheader("Location") == "/"
    m = re.match(r"vrs_session=([0-9a-f]{64});", cookies)
    assert m, cookies
    c.cookies["vrs_session"] = m.group(1)
    home = c.get("/")
    assert home.status == 200 and username in home.body
    assert sql("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id "
               "WHERE u.username = '%s'" % username) == [["1"]]


def test_chunked_body_over_max_body_bytes_gets_our_413(anon):
    body = ("csrf=%s&pad=%s" % (anon.token, "a" * (1536 * 1024))).encode()

    def chunks():
        for i in range(0, len(body), 65536):
            yield body[i:i + 65536]

    unchanged = Unchanged()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("POST", "/login", body=chunks(), encode_chunked=True,
                 headers=dict(FORM, Cookie="vrs_pre=" + anon.cookies["vrs_pre"]))
    r = conn.getresponse()
    page = r.read().decode()
    conn.close()
    assert r.status == 413
    assert "Too much data" in page and REFERENCE in page
    unchanged.check()
    still_serving()
