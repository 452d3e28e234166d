"""Issue 13, what a new user stumbled on in the demo: the review page's
fees, error lines that name their dataset, amounts typed with digit
groups, the incident date's period spelled out, the route form's marks
and error wording, the account form's jurisdiction and lock, and codes
shown as names (pooled country filter, code lists, vrsadm as an actor).

Everything goes through nginx to the real workers and MariaDB; SQL only
reads (reporting.cleanup removes the periods made here)."""
import html
import re

import reporting as rp
from conftest import sql, vrsadm
from reporting import User, admin, errors, remove_test_periods  # noqa: F401 (fixtures)
from test_exchange_bad_input import exchange
from test_records import create_route, new_draft, route_fields, incident_fields, period_start


def text(body):
    """The page as a reader sees it: tags removed, entities decoded."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def summary_lines(body):
    m = re.search(r'<ul class="error-list">(.*?)</ul>', body, re.S)
    assert m, "no error summary"
    return [html.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


# ---- 1. the review page shows each route's fee ---------------------------------

def test_the_review_page_shows_the_fee_of_a_route(admin):
    juris, de, period, sub = new_draft(admin)
    create_route(de, sub, fee_amount="2500", fee_currency="USD", fee_scope="PERSON")
    listing = text(de.get("/submission/%d/routes" % sub).body)
    m = re.search(r"2500\.00 \S[^,]*, [^ ]+", listing)
    assert m, listing
    page = de.get("/submission/%d/review" % sub)
    assert page.status == 200, page
    routes = page.body[page.body.find('id="r-routes"'):page.body.find('id="r-incidents"')]
    assert "2500.00" in routes
    assert m.group(0) in text(routes)        # as the route list shows it


# ---- 2. a refused submit names each dataset ------------------------------------

def test_each_empty_dataset_is_named_in_the_error_summary(admin):
    juris, de, period, sub = new_draft(admin)
    fp = User("focal-point", juris)
    r = rp.submit(fp, sub, routes_nil=False, expect=400)
    lines = [l for l in summary_lines(r.body) if "This dataset is empty" in l]
    assert len(lines) >= 4, lines
    for title in ("Flows (persons)", "Fraudulent documents", "Smugglers and justice",
                  "Routes and fees", "Harm"):
        assert "%s: This dataset is empty: tick its nil return, or enter data." % title in lines, lines
    assert len(set(lines)) == len(lines)


# ---- 3. fee amounts with digit groups ------------------------------------------

def test_fee_amounts_take_digit_groups_as_grids_do(admin):
    juris, de, period, sub = new_draft(admin)
    for typed, stored in [("5 000", "5000.00"), ("5,000", "5000.00"), ("5 000.50", "5000.50"),
                          ("5\u00a0000", "5000.00"), ("1\u202f234\u202f567.5", "1234567.50")]:
        rid = create_route(de, sub, fee_amount=typed)
        assert sql("SELECT fee_amount FROM routes WHERE id = %d" % rid) == [[stored]], typed
    for typed in ("5 00", "50,00", "5 000,50", "5.000.5"):
        r = de.send("/submission/%d/routes/new" % sub, route_fields(fee_amount=typed))
        assert r.status == 400, typed
        assert "Enter the amount in figures, such as 1500, 5 000 or 1500.50, without the currency." \
            in errors(r.body), typed
        assert 'value="%s"' % typed in r.body           # shown back as typed


# ---- 5. the incident date names the period's dates -----------------------------

def test_an_incident_date_outside_the_period_gives_the_period(admin):
    juris, de, period, sub = new_draft(admin)
    start = period_start(sub)
    end = sql("SELECT DATE_FORMAT(p.ends_on, '%%Y-%%m-%%d') FROM submissions s JOIN periods p "
              "ON p.id = s.period_id WHERE s.id = %d" % sub)[0][0]
    r = de.send("/submission/%d/incidents/new" % sub, incident_fields(start, date="2001-01-01"))
    assert r.status == 400, r
    want = "The date must fall within the reporting period, between %s and %s." % (start, end)
    assert want in errors(r.body)
    assert "Date: " + want in summary_lines(r.body)


# ---- 6. the route form: legs marked required, errors in plain words ------------

def test_route_legs_are_marked_required_and_named_by_their_number(admin):
    juris, de, period, sub = new_draft(admin)
    page = de.get("/submission/%d/routes/new" % sub)
    for field in ("leg-to-0", "leg-mode-0"):
        m = re.search(r'<label for="f-%s">(.*?)</label>' % field, page.body, re.S)
        assert m and "(required)" in text(m.group(1)), field
    r = de.send("/submission/%d/routes/new" % sub,
                route_fields(legs=(("IRN", "LAND_VEHICLE"), ("", ""))))
    assert r.status == 400, r
    lines = summary_lines(r.body)
    assert "Leg 2, ends in: This field is required." in lines, lines
    assert "Leg 2, transport mode: This field is required." in lines, lines


# ---- 4. the account form: jurisdiction by name, labels that match, no self-lock --

def test_account_form_names_jurisdictions_and_says_what_is_missing(admin):
    juris = rp.jurisdiction(fresh=False)
    name = sql("SELECT name FROM jurisdictions WHERE code = '%s'" % juris)[0][0]
    page = admin.get("/admin/users")
    for sel in ("f-jurisdiction", "filter-j"):
        m = re.search(r'<select id="%s" name="jurisdiction"[^>]*>(.*?)</select>' % sel, page.body, re.S)
        assert m, sel
        assert '<option value="%s">%s (%s)</option>' % (juris, html.escape(name), juris) in m.group(1)
    names = [html.unescape(n) for n in re.findall(r'<option value="\w+">(.*?) \(\w+\)</option>', m.group(1))]
    assert names == sorted(names)           # by name, as people look for them
    filtered = admin.get("/admin/users?jurisdiction=%s" % juris)
    assert '<option value="%s" selected>' % juris in filtered.body
    r = admin.send("/admin/users", {"username": "nojur", "name": "No Jurisdiction", "role": "data-entry",
                                    "jurisdiction": "", "password": "x"})
    assert r.status == 400, r
    lines = summary_lines(r.body)
    assert "Jurisdiction: Choose the jurisdiction of the account: only secretariat roles have none." \
        in lines, lines
    assert not [l for l in lines if l.startswith("Password:")], lines
    assert [l for l in lines if l.startswith("Temporary password: ")], lines
    # a focal point manages only its own jurisdiction: no choice offered
    fp = User("focal-point", juris)
    assert 'name="jurisdiction"' not in fp.get("/admin/users").body


def test_no_one_locks_their_own_account(admin):
    juris = rp.jurisdiction(fresh=True)
    fp = User("focal-point", juris)
    de = User("data-entry", juris)
    page = fp.get("/admin/users?page=1")
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page.body, re.S))
    assert fp.username in rows and de.username in rows
    assert "/admin/users/lock" in rows[de.username]
    assert "/admin/users/lock" not in rows[fp.username]
    assert "/admin/users/reset" not in rows[fp.username]
    assert "/account/password" in rows[fp.username]
    for who in (fp, admin):
        r = who.send("/admin/users/lock", {"username": who.username})
        assert r.status == 403, r
        assert sql("SELECT disabled FROM users WHERE username = '%s'" % who.username) == [["0"]]
    assert admin.get("/").status == 200


# ---- 7. codes shown to people ----------------------------------------------------

def country_select(body):
    m = re.search(r'<select id="f-country" name="country"[^>]*>(.*?)</select>', body, re.S)
    assert m, "the country filter is no list"
    return m.group(1)


def test_the_pooled_country_filter_is_a_list_of_country_names(admin):
    period = rp.create_period(admin)
    analyst = User("secretariat-analyst")
    for path in ("/pooled?period=%s&dataset=flows&country=afg" % period,
                 "/pooled/routes?period=%s&country=AFG" % period):
        page = analyst.get(path)
        assert page.status == 200, (path, page)
        options = country_select(page.body)
        assert '<option value="AFG" selected>Afghanistan</option>' in options, path
        assert '<option value="">All countries</option>' in options
        assert "three-letter code" not in page.body


def test_code_lists_are_named_in_words(admin):
    page = admin.get("/admin/codes?list=feescope")
    assert page.status == 200
    links = [html.unescape(t) for t in re.findall(r'<a href="/admin/codes\?list=\w+"[^>]*>([^<]*)</a>',
                                                  page.body)]
    for name in ("Age groups", "Scopes of a fee", "Follow-up statuses of incidents", "Document types"):
        assert name in links, links
    for internal in ("age", "feescope", "followup", "doctype"):
        assert internal not in links
    assert "<h2>Scopes of a fee</h2>" in page.body


def test_changes_made_with_vrsadm_say_so_in_words(admin, tmp_path):
    juris, de, period, sub = new_draft(admin)
    f = tmp_path / "draft.xml"
    f.write_text(exchange(juris, period))
    out = vrsadm("import", str(f), "--jurisdiction", juris, "--period", period, "--mode", "merge")
    assert out.returncode == 0, out.stderr
    actor = sql("SELECT actor FROM history WHERE object_type = 'submission' AND object_id = %d "
                "AND actor LIKE 'cli:%%' LIMIT 1" % sub)
    assert actor, "vrsadm left no history entry on the draft"
    account = actor[0][0][4:]
    for path in ("/submission/%d/history" % sub, "/submission/%d/import" % sub):
        page = de.get(path)
        assert page.status == 200, (path, page)
        body = text(page.body)
        assert "cli:" not in body, path
    assert "The host administrator's tool (vrsadm, as %s)" % account in \
        text(de.get("/submission/%d/history" % sub).body)
