"""Issue 13, what a second new user stumbled on after the first round of
fixes: a fee amount without its currency or scope says that a fee with an
amount needs them (the fields are optional as a group), the pooled route
matrix's codes have a key with the countries' names, a route count nobody
reported is "not reported" rather than 0, the review page's heading fits
whoever reads it, and no label says "(optional)" twice.

Through nginx to the real workers and MariaDB."""
import html
import re

import reporting as rp
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)
from test_records import create_route, new_draft, route_fields


def text(body):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_a_fee_amount_asks_for_its_currency_and_scope_in_words(admin):
    juris, de, period, sub = new_draft(admin)
    r = de.send("/submission/%d/routes/new" % sub,
                route_fields(fee_amount="5 000", fee_currency="", fee_scope=""))
    assert r.status == 400, r
    page = text(r.body)
    assert "a fee with an amount needs it" in page
    assert "Currency of the fee: This field is required" not in page
    assert "Scope of the fee: This field is required" not in page
    # alone, currency and scope are still optional
    create_route(de, sub, fee_amount="", fee_currency="", fee_scope="")


def test_the_pooled_route_matrix_has_a_key_and_an_unknown_count_is_not_zero(admin):
    juris, de, period, sub = new_draft(admin)
    create_route(de, sub, migrants="")
    rp.submit(User("focal-point", juris), sub, nil=("flows", "documents", "smugglers", "harm"),
              routes_nil=False)
    analyst = User("secretariat-analyst")
    rp.review(analyst, sub, "accept")
    page = analyst.get("/pooled/routes?period=%s" % period)
    assert page.status == 200, page
    key = re.search(r'<dl class="key">(.*?)</dl>', page.body, re.S)
    assert key, text(page.body)[:3000]
    assert "AFG: Afghanistan" in text(key.group(1)) and "GRC: Greece" in text(key.group(1))
    flows = page.body[page.body.find('id="flows"'):]
    row = re.search(r"<tr><th scope=\"row\">Afghanistan</th><td>Greece</td>(.*?)</tr>", flows, re.S)
    assert row, text(flows)[:2000]
    assert "not reported" in row.group(1)


def test_the_review_heading_fits_every_reader_and_labels_say_optional_once(admin):
    juris, de, period, sub = new_draft(admin)
    page = User("secretariat-analyst").get("/submission/%d/review" % sub)
    assert page.status == 200
    assert "The whole submission" in page.body and "before certifying" not in page.body
    users = admin.get("/admin/users")
    assert "(optional) (optional)" not in text(users.body)


def test_the_home_page_leads_to_the_notification_settings(admin):
    for user in (User("data-entry", rp.jurisdiction(fresh=False)), User("secretariat-analyst")):
        home = user.get("/")
        sections = home.body[home.body.find('id="sections"'):]
        assert 'href="/account/notifications"' in sections, text(sections)[:1500]


def test_a_resubmission_shows_what_was_asked_when_it_was_returned(admin):
    juris, de, period, sub = new_draft(admin)
    create_route(de, sub)
    fp = User("focal-point", juris)
    nil = ("flows", "documents", "smugglers", "harm")
    rp.submit(fp, sub, nil=nil, routes_nil=False)
    analyst = User("secretariat-analyst")
    rp.review(analyst, sub, "return", {"routes": "Which year was the fee paid?"})
    rp.submit(fp, sub, nil=nil, routes_nil=False)
    page = analyst.get("/submission/%d/review" % sub)
    assert page.status == 200
    m = re.search(r'<ul class="returns">(.*?)</ul>', page.body, re.S)
    assert m, "the review page does not say it was returned before"
    assert "Which year was the fee paid?" in text(m.group(1))


# ---- found in review: kept forms name only what their user may read, and stay few --------

def test_kept_forms_name_only_what_the_user_may_read_and_stay_few(admin):
    from conftest import Client, sql
    from test_ux_accounts import end_session, kept_rows, narrative_fields
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    period = rp.create_period(admin)
    own = rp.start(de, period)
    other_juris = rp.jurisdiction(fresh=True)
    while other_juris == juris:
        other_juris = rp.jurisdiction(fresh=True)
    foreign = rp.start(User("data-entry", other_juris), period)
    token = de.get("/submission/%d/narrative" % own).csrf()
    end_session(de)
    # A late POST to another state's submission is kept (the session's own
    # token), but /kept does not tell which state and period that id is.
    r = de.post("/submission/%d/narrative" % foreign, narrative_fields("x"), csrf=token)
    assert r.status == 401
    # Kept forms stay few: 20 pages at most, the 21st is not kept.
    for n in range(1, 25):
        de.post("/submission/%d/routes/%d" % (own, 10_000_000 + n),
                [("action", "save")], csrf=token)
    assert len(kept_rows(de.username)) == 20
    c = Client()
    assert c.login(de.username, de.password).status == 303
    page = c.get("/kept")
    assert page.status == 200
    assert other_juris not in text(page.body)
    sql("DELETE k FROM kept_forms k JOIN users u ON u.id = k.user_id "
        "WHERE u.username = '%s'" % de.username)


def test_signing_out_after_the_session_ended_ends_it_for_good(admin):
    from conftest import sql
    from test_ux_accounts import end_session, kept_rows, narrative_fields
    de = User("data-entry", rp.jurisdiction(fresh=False))
    sub = rp.start(de, rp.create_period(admin))
    token = de.get("/submission/%d/narrative" % sub).csrf()
    cookie = de.cookies["vrs_session"]
    end_session(de)
    r = de.post("/logout", {}, csrf=token)
    assert r.status == 303 and r.header("Location") == "/login?bye=1", r
    assert "vrs_session" not in de.cookies                      # the cookie is cleared
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))"
               % cookie) == [["0"]]
    # whoever uses that browser next cannot leave forms for the user who left
    de.cookies["vrs_session"] = cookie
    r = de.post("/submission/%d/narrative" % sub, narrative_fields("planted"), csrf=token)
    assert r.status == 401 and kept_rows(de.username) == []
