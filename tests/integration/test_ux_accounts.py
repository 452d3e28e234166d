"""Accounts in an official's day (issue 13): a password someone else set is
temporary and must be changed before anything else (item 7); error pages
shown to a signed-in user keep the navigation (item 8); and nothing typed
is lost to a timeout: a data-entry form posted after its session ended is
kept for its user, offered back after the next sign-in, never saved on its
own, and never shown to anyone else."""
import html
import re

import reporting as rp
from conftest import Client, create_user, sql, vrsadm
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

NEW = "my very own passphrase"


def must_change(c):
    """Every page but the password form (and sign-out) sends c there."""
    for path in ("/", "/report", "/pooled", "/kept", "/no-such-page-but-signed-in"):
        r = c.get(path)
        if path.startswith("/no-such"):
            assert r.status == 404, r           # unknown addresses stay unknown
            continue
        assert r.status == 303 and r.header("Location") == "/account/password", (path, r)
    page = c.get("/account/password")
    assert page.status == 200 and "is temporary" in page.body
    # a form elsewhere is refused the same way, and changes nothing
    r = c.post("/report/start", {"period": "2026-S1"}, csrf=page.csrf())
    assert r.status == 303 and r.header("Location") == "/account/password", r
    return page


def change_password(c, current, new=NEW):
    r = c.post("/account/password", {"current": current, "new": current, "confirm": current})
    assert r.status == 400 and "must differ from the current one" in r.body, r
    r = c.post("/account/password", {"current": current, "new": new, "confirm": new})
    assert r.status == 303, r
    home = c.get("/")
    assert home.status == 200 and "is temporary" not in c.get("/account/password").body
    assert sql("SELECT password_temporary FROM users WHERE username = '%s'"
               % c.username) == [["0"]]


def sign_in(username, password, where):
    c = Client()
    r = c.login(username, password)
    assert r.status == 303 and r.header("Location") == where, r
    c.username = username
    return c


# ---- item 7: temporary passwords ----------------------------------------------------

def test_an_account_created_on_the_web_must_choose_its_own_password():
    juris = rp.jurisdiction(fresh=False)
    fp = User("focal-point", juris)
    name, temp = "new%s" % fp.username[1:], "a temporary password"
    r = fp.send("/admin/users", {"username": name, "name": "New Officer", "role": "data-entry",
                                 "jurisdiction": "", "password": temp})
    assert r.status == 303, r
    c = sign_in(name, temp, "/account/password")
    must_change(c)
    change_password(c, temp)
    assert sign_in(name, NEW, "/").get("/").status == 200


def test_a_password_reset_on_the_web_is_temporary():
    juris = rp.jurisdiction(fresh=False)
    fp = User("focal-point", juris)
    name, old = create_user(role="data-entry", jurisdiction=juris)
    assert sign_in(name, old, "/").get("/").status == 200     # permanent, from the fixture
    r = fp.send("/admin/users/reset", {"username": name, "password": "reset by the focal point"})
    assert r.status == 303, r
    c = sign_in(name, "reset by the focal point", "/account/password")
    must_change(c)
    change_password(c, "reset by the focal point")


def test_vrsadm_user_add_is_temporary_unless_permanent():
    name = "va%s" % create_user()[0]
    vrsadm("user", "add", "--username", name, "--name", "Added", "--role",
           "secretariat-analyst", stdin="set by the host admin\n")
    c = sign_in(name, "set by the host admin", "/account/password")
    must_change(c)
    change_password(c, "set by the host admin")
    vrsadm("user", "add", "--permanent", "--username", name + "p", "--name", "Demo",
           "--role", "secretariat-analyst", stdin="a demo password\n")
    assert sign_in(name + "p", "a demo password", "/").get("/").status == 200
    assert "--permanent" in vrsadm("help").stdout


def test_vrsadm_user_passwd_is_temporary_unless_permanent():
    name, _ = create_user(role="secretariat-analyst")
    vrsadm("user", "passwd", name, stdin="set by the host admin\n")
    c = sign_in(name, "set by the host admin", "/account/password")
    must_change(c)
    change_password(c, "set by the host admin")
    vrsadm("user", "passwd", "--permanent", name, stdin="a demo password again\n")
    assert sign_in(name, "a demo password again", "/").get("/").status == 200


def test_sign_out_works_with_a_temporary_password():
    name, _ = create_user(role="secretariat-analyst")
    vrsadm("user", "passwd", name, stdin="set by the host admin\n")
    c = sign_in(name, "set by the host admin", "/account/password")
    r = c.post("/logout", {}, csrf=c.get("/account/password").csrf())
    assert r.status == 303 and r.header("Location") == "/login?bye=1", r
    assert "vrs_session" not in c.cookies


# ---- item 8: error pages keep the navigation -----------------------------------------

def test_error_pages_for_a_signed_in_user_show_the_navigation(signed_in):
    token = signed_in.get("/").csrf_token()
    for path, status in (("/no/such/page", 404), ("/logout", 405), ("/?x=%zz", 400)):
        r = signed_in.get(path)
        assert r.status == status, (path, r)
        assert "Sign out" in r.body and "Test " + signed_in.username in r.body, (path, r)
        assert 'action="/logout"' in r.body and r.csrf_token() == token, path
        assert "Go to the home page" in r.body
    # the sign-out form on the 404 page works
    r = signed_in.post("/logout", {}, csrf=signed_in.get("/no/such/page").csrf())
    assert r.status == 303 and r.header("Location") == "/login?bye=1"
    # signed out: the same pages show no navigation and offer to sign in
    r = signed_in.get("/no/such/page")
    assert r.status == 404 and "Sign out" not in r.body and 'action="/logout"' not in r.body
    assert Client().get("/no/such/page").body.count("Sign out") == 0


# ---- nothing typed is lost to a timeout ----------------------------------------------

def end_session(c):
    """Moves c's session past its idle limit, as 31 quiet minutes would."""
    sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 31 MINUTE "
        "WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))" % c.cookies["vrs_session"])


def kept_rows(username):
    return sql("SELECT k.id, k.path FROM kept_forms k JOIN users u ON u.id = k.user_id "
               "WHERE u.username = '%s' ORDER BY k.id" % username)


def narrative_fields(text, version="0"):
    return {"row_version": version, "trends": text, "trends_share": "peers",
            "modus": "", "modus_share": "secretariat", "legal": "",
            "legal_share": "secretariat", "action": "save"}


def test_a_narrative_saved_after_the_session_ended_is_offered_back_after_sign_in(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    path = "/submission/%d/narrative" % sub
    page = de.get(path)
    assert page.status == 200
    text = "Forty-five minutes of writing: more departures by sea, new pick-up points & fees."
    end_session(de)
    r = de.post(path, narrative_fields(text), csrf=page.csrf())
    assert r.status == 401 and "What you typed was kept for you" in r.body, r
    assert text not in r.body                                   # not echoed to whoever holds the page
    assert sql("SELECT COUNT(*) FROM narratives WHERE submission_id = %d AND trends <> ''"
               % sub) == [["0"]]                                # nothing saved
    [(kept_id, kept_path)] = kept_rows(de.username)
    assert kept_path == path

    # Another user, even of the same jurisdiction, never sees it.
    other = User("data-entry", juris)
    assert other.get("/kept").status == 200 and text not in other.get("/kept").body
    r = other.get("%s?kept=%s" % (path, kept_id))
    assert r.status == 200 and html.escape(text) not in r.body and "before you were signed out" not in r.body
    assert other.send("/kept/discard", {"id": kept_id}).status == 404
    assert len(kept_rows(de.username)) == 1

    # Its owner signs in again and is offered it, not saved.
    c = Client()
    r = c.login(de.username, de.password)
    assert r.status == 303 and r.header("Location") == "/kept", r
    lst = c.get("/kept")
    assert lst.status == 200 and "You were signed out before these changes were saved" in lst.body
    assert "Narrative" in lst.body and juris in lst.body
    link = "%s?kept=%s" % (path, kept_id)
    assert 'href="%s"' % link in lst.body
    review = c.get(link)
    assert review.status == 200, review
    assert "These are the changes you made before you were signed out" in review.body
    assert html.escape(text, quote=True).replace("&#x27;", "&#39;") in review.body
    assert 'name="kept" value="%s"' % kept_id in review.body
    assert sql("SELECT COUNT(*) FROM narratives WHERE submission_id = %d AND trends <> ''"
               % sub) == [["0"]]                                # still nothing saved
    # Saving the form as shown writes it and forgets the kept copy.
    r = c.post(path, dict(narrative_fields(text), kept=kept_id), csrf=review.csrf())
    assert r.status == 303, r
    assert sql("SELECT trends FROM narratives WHERE submission_id = %d" % sub) == [[text]]
    assert kept_rows(de.username) == []
    assert "There are no unsaved changes" in c.get("/kept").body
    r = Client().login(de.username, de.password)                # nothing left to offer
    assert r.header("Location") == "/"


def test_a_late_form_is_kept_only_with_its_own_session_token(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    path = "/submission/%d/narrative" % sub
    foreign = User("data-entry", juris).get(path).csrf()
    end_session(de)
    for token in (None, foreign, "0" * 128):
        r = de.post(path, narrative_fields("planted"), csrf=token or False)
        assert r.status == 401 and "kept for you" not in r.body, r
    # a session that never existed names no one
    anon = Client()
    anon.cookies["vrs_session"] = "ab" * 32
    assert anon.post(path, narrative_fields("planted"), csrf="0" * 128).status == 401
    assert kept_rows(de.username) == []
    # sign-in, the change-password form and the like are not kept
    r = de.post("/account/password", {"current": "x", "new": "y" * 12, "confirm": "y" * 12},
                csrf=de.token)
    assert r.status == 401 and kept_rows(de.username) == []
    # the right token is kept, and a later post of the same page replaces it
    de.post(path, narrative_fields("first try"), csrf=de.token)
    de.post(path, narrative_fields("second try"), csrf=de.token)
    assert len(kept_rows(de.username)) == 1
    assert de.get("/").status == 303                    # and the ended session signs no one in
    assert sql("SELECT body LIKE '%%second+try%%' OR body LIKE '%%second%%20try%%' FROM kept_forms k "
               "JOIN users u ON u.id = k.user_id WHERE u.username = '%s'" % de.username) == [["1"]]


def test_a_kept_form_can_be_discarded(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    path = "/submission/%d/narrative" % sub
    end_session(de)
    de.post(path, narrative_fields("not wanted after all"), csrf=de.token)
    [(kept_id, _)] = kept_rows(de.username)
    c = Client()
    assert c.login(de.username, de.password).header("Location") == "/kept"
    r = c.post("/kept/discard", {"id": kept_id}, csrf=c.get("/kept").csrf())
    assert r.status == 303 and r.header("Location") == "/kept?discarded=1"
    assert "The unsaved changes were discarded" in c.get("/kept?discarded=1").body
    assert kept_rows(de.username) == []
    assert c.get("%s?kept=%s" % (path, kept_id)).status == 200    # the page as saved
    assert sql("SELECT COUNT(*) FROM narratives WHERE submission_id = %d AND trends <> ''"
               % sub) == [["0"]]


def test_a_grid_saved_after_the_session_ended_is_offered_back(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    page = rp.grid(de, sub, "flows")
    cell = "v:irr_entry:AFG:F.Y_LT18"
    assert 'name="%s"' % cell in page.body
    end_session(de)
    r = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page), {cell: "4321"}))
    assert r.status == 401 and "kept for you" in r.body
    assert "4321" not in str(rp.cells(sub))
    [(kept_id, _)] = kept_rows(de.username)
    c = Client()
    assert c.login(de.username, de.password).header("Location") == "/kept"
    assert "Flows (persons)" in c.get("/kept").body
    review = c.get("/submission/%d/flows?kept=%s" % (sub, kept_id))
    assert review.status == 200 and re.search(r'name="%s"[^>]*value="4321"' % re.escape(cell),
                                              review.body), review
    assert "4321" not in str(rp.cells(sub))
    r = c.post("/submission/%d/flows" % sub, rp.form_fields(review), csrf=review.csrf())
    assert r.status == 303, r
    assert "4321" in str(rp.cells(sub)) and kept_rows(de.username) == []


def test_a_new_route_saved_after_the_session_ended_is_offered_back(admin):
    from test_records import form_pairs
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    path = "/submission/%d/routes/new" % sub
    page = de.get(path)
    pairs = rp.merge(form_pairs(page.body), {
        "origin": "AFG", "leg_to.0": "IRN", "leg_mode.0": "LAND_VEHICLE", "migrants": "7",
        "note": "a long note typed slowly", "source": "INTERVIEW", "confidence": "HIGH"})
    end_session(de)
    r = de.send(path, pairs)
    assert r.status == 401 and "kept for you" in r.body
    assert sql("SELECT COUNT(*) FROM routes WHERE submission_id = %d" % sub) == [["0"]]
    [(kept_id, _)] = kept_rows(de.username)
    c = Client()
    assert c.login(de.username, de.password).header("Location") == "/kept"
    assert "New route" in c.get("/kept").body
    review = c.get("%s?kept=%s" % (path, kept_id))
    assert review.status == 200 and "a long note typed slowly" in review.body
    assert re.search(r'name="leg_to\.0"[^>]*>.*?<option value="IRN" selected', review.body, re.S)
    assert sql("SELECT COUNT(*) FROM routes WHERE submission_id = %d" % sub) == [["0"]]
    r = c.post(path, form_pairs(review.body), csrf=review.csrf())
    assert r.status == 303, r
    assert sql("SELECT origin, destination, migrants, note FROM routes WHERE submission_id = %d"
               % sub) == [["AFG", "IRN", "7", "a long note typed slowly"]]
    assert kept_rows(de.username) == []


def test_a_form_opened_before_signing_in_again_in_another_tab_is_kept(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    path = "/submission/%d/narrative" % sub
    old_token = de.get(path).csrf()                     # the form open in one tab
    end_session(de)
    # in another tab of the same browser: signed out, and in again
    r = de.get("/")
    assert r.status == 303 and r.header("Location") == "/login?expired=1"
    assert de.get("/").status == 303                    # the ended session signs no one in
    r = de.login(de.username, de.password)
    assert r.status == 303 and r.header("Location") == "/", r
    # the first tab's form now carries the ended session's token: kept, not lost
    r = de.post(path, narrative_fields("typed in the first tab"), csrf=old_token)
    assert r.status == 403 and "What you typed was kept for you" in r.body, r
    assert 'href="/kept"' in r.body
    assert sql("SELECT COUNT(*) FROM narratives WHERE submission_id = %d AND trends <> ''"
               % sub) == [["0"]]
    [(kept_id, _)] = kept_rows(de.username)
    review = de.get("%s?kept=%s" % (path, kept_id))
    assert review.status == 200 and "typed in the first tab" in review.body
    # any other token is refused as before and keeps nothing
    for token in (User("data-entry", juris).get(path).csrf(), "0" * 128):
        r = de.post(path, narrative_fields("planted"), csrf=token)
        assert r.status == 403 and "kept for you" not in r.body
    assert len(kept_rows(de.username)) == 1
    # Someone else signing in next in this browser gets nothing of the user's forms.
    old_token = de.get(path).csrf()
    end_session(de)
    assert de.get("/").status == 303
    other, password = create_user(role="data-entry", jurisdiction=juris)
    assert de.login(other, password).status == 303
    r = de.post(path, narrative_fields("typed by the first user"), csrf=old_token)
    assert r.status == 403 and "kept for you" not in r.body
    assert kept_rows(other) == [] and len(kept_rows(de.username)) == 1
