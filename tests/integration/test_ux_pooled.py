"""Issue 13, the pooled views and the review page, through nginx to the real
program and MariaDB: the country filter narrows the per-state table too
(item 10), the pooled views open on a period that pools the viewer's data
with another state's, the trend chart has labelled axes and marks where
the states in the totals change, the refused page leads to the draft to
submit, singular and plural words ("1 state"), the importer names the
wrong root element and `vrsadm import --mode merge` warns about records
already in the draft (item 11), and the review page of a submission
("read before you certify") with its forms and its access rule.

A module fixture builds, in a free year, three periods through the forms:
in P1 states A and B contributed (accepted, attributed) and C shares in
aggregate only; in P2 only A contributed; P3 is open and D has nothing in
it. Figures are canaries found nowhere else.
"""
import html
import re

import pytest

import reporting as rp
from conftest import sql, vrsadm
from reporting import User, admin  # noqa: F401 (admin: a fixture)
from test_exchange_bad_input import Draft, exchange, problems, seed_file, upload

NIL = ("documents", "smugglers", "harm")
# A's and B's flows irr_entry F.Y_LT18, by citizenship row; C's AFG cell.
A_AFG, A_SYR = 613_171, 613_229
B_AFG, B_SYR, B_CONF = 613_337, 613_441, 613_557
C_AFG = 613_661
A_P2 = 613_773


def fill(de, sub, values, conf=None):
    """Rows and values of the flows irr_entry table: {row: value}."""
    for row in values:
        rp.add_row(de, sub, "flows", "irr_entry", row)
    fields = {"v:irr_entry:%s:F.Y_LT18" % row: str(v) for row, v in values.items()}
    if conf is not None:
        fields["v:irr_entry:AFG:F.Y_GE18"] = str(conf)
        fields["f:irr_entry:AFG:F.Y_GE18"] = "C"
    rp.save(de, sub, "flows", fields)


def contribute(w, k, period, values, conf=None, level=None, accept=True):
    sub = rp.start(w.de[k], period)
    fill(w.de[k], sub, values, conf)
    if level:
        assert w.fp[k].send("/submission/%d/sharing" % sub, {"level": level}).status == 303
    rp.submit(w.fp[k], sub, nil=NIL)
    if accept:
        rp.review(w.analyst, sub, "accept")
    return sub


@pytest.fixture(scope="module", autouse=True)
def remove_module_periods():
    """Removes the periods this module created, once at its end (the
    world's periods serve every test)."""
    yield
    rp.cleanup()


class World:
    pass


@pytest.fixture(scope="module")
def world():
    w = World()
    w.admin = User("secretariat-admin")
    w.analyst = User("secretariat-analyst")
    r = w.admin.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                        "contribution": "accepted", "suppress_k": "3",
                                        "default_level": "attributed"})
    assert r.status == 303, r
    have = {c for (c,) in sql("SELECT code FROM periods")}
    year = next(y for y in range(2030, 2100) if not any(c.startswith(str(y)) for c in have))
    w.p1 = rp.create_period(w.admin, code="%d-Q1" % year)
    w.p2 = rp.create_period(w.admin, code="%d-Q2" % year)
    w.p3 = rp.create_period(w.admin, code="%d-Q3" % year)
    codes = []
    while len(codes) < 4:
        c = rp.jurisdiction(fresh=True)
        if c not in codes:
            codes.append(c)
    w.code = dict(zip("ABCD", codes))
    w.de = {k: User("data-entry", w.code[k]) for k in "ABCD"}
    w.fp = {k: User("focal-point", w.code[k]) for k in "ABCD"}
    w.sub = {
        "A": contribute(w, "A", w.p1, {"AFG": A_AFG, "SYR": A_SYR}),
        "B": contribute(w, "B", w.p1, {"AFG": B_AFG, "SYR": B_SYR}, conf=B_CONF),
        "C": contribute(w, "C", w.p1, {"AFG": C_AFG}, level="aggregate"),
        "A2": contribute(w, "A", w.p2, {"AFG": A_P2}),
    }
    yield w
    rp.cleanup()


def by_state(body):
    """The per-state table as (state code, table, total) rows."""
    if 'aria-labelledby="by-state"' not in body:
        return []
    part = body.split('aria-labelledby="by-state"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">.*?\((\w{3})\).*?</th>\s*<td>(.*?)</td>'
                      r'<td class="num">(\d+)', part, re.S)
    return [(c, html.unescape(t), int(v)) for c, t, v in rows]


def text(body):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


# ---- item 10: the country filter ---------------------------------------------------

def test_the_country_filter_narrows_the_per_state_table(world):
    """Item 10: &country= narrows the regional rows and the per-state table
    alike; the sharing rule still holds in the narrowed table (no C cell,
    no aggregate-only state)."""
    w = world
    a = w.fp["A"]
    whole = a.get("/pooled?period=%s&dataset=flows" % w.p1)
    assert whole.status == 200, whole
    entry = "Irregular entries detected"
    rows = [r for r in by_state(whole.body) if r[1].startswith(entry)]
    assert (w.code["A"], rows[0][1], A_AFG + A_SYR) in rows
    assert (w.code["B"], rows[0][1], B_AFG + B_SYR) in rows          # no C cell
    r = a.get("/pooled?period=%s&dataset=flows&country=AFG" % w.p1)
    assert r.status == 200, r
    rows = [x for x in by_state(r.body) if x[1].startswith(entry)]
    assert sorted(v for _, _, v in rows) == sorted([A_AFG, B_AFG]), rows
    assert w.code["C"] not in {c for c, _, _ in by_state(r.body)}    # aggregate only
    assert str(B_CONF) not in r.body and str(B_CONF + B_AFG) not in r.body
    r = a.get("/pooled?period=%s&dataset=flows&country=SYR" % w.p1)
    rows = [x for x in by_state(r.body) if x[1].startswith(entry)]
    assert sorted(v for _, _, v in rows) == sorted([A_SYR, B_SYR]), rows
    # The secretariat sees every state's, C cells included, narrowed too.
    r = w.analyst.get("/pooled?period=%s&dataset=flows&country=AFG" % w.p1)
    rows = [x for x in by_state(r.body) if x[1].startswith(entry)]
    assert sorted(v for _, _, v in rows) == sorted([A_AFG, B_AFG + B_CONF, C_AFG]), rows
    # A state with no data in the country's rows is not listed.
    r = a.get("/pooled?period=%s&dataset=flows&country=IRQ" % w.p1)
    assert not [x for x in by_state(r.body) if x[1].startswith(entry)]


# ---- pooled views help the reader -------------------------------------------------

def test_pooled_views_open_on_the_latest_period_pooled_with_another_state(world):
    """Without ?period=, the totals, routes and narratives open on the
    latest period in which the viewer's state and another contributed (P1,
    not P2 where A is alone); the secretariat's on the latest with two."""
    w = world
    a = w.fp["A"]
    for path in ("/pooled?dataset=flows", "/pooled/routes", "/pooled/narratives"):
        r = a.get(path)
        assert r.status == 200, (path, r)
        assert re.search(r'<option value="%s" selected>' % w.p1, r.body), path
    # The secretariat: the latest period (any) with two contributors.
    latest = sql("SELECT p.code FROM periods p WHERE p.status <> 'planned' AND "
                 "(SELECT COUNT(DISTINCT s.jurisdiction_id) FROM submissions s WHERE "
                 "s.period_id = p.id AND s.status = 'accepted') >= 2 "
                 "ORDER BY p.starts_on DESC, p.code DESC LIMIT 1")[0][0]
    r = w.analyst.get("/pooled?dataset=flows")
    assert re.search(r'<option value="%s" selected>' % latest, r.body)
    # A period asked for is still shown.
    r = a.get("/pooled?dataset=flows&period=%s" % w.p2)
    assert re.search(r'<option value="%s" selected>' % w.p2, r.body)


def test_the_trend_chart_has_axes_periods_and_marks_changes_of_states(world):
    """The trend chart labels its axes and periods, and marks where the
    states in the totals change (P1: A, B and C; P2: A alone), with the same
    said in words for screen readers and in the table."""
    w = world
    r = w.fp["A"].get("/pooled/trends?dataset=flows")
    assert r.status == 200, r
    svg = r.body.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert ">Total</text>" in svg and ">Period</text>" in svg           # axis titles
    assert ">%s</text>" % w.p1 in svg and ">%s</text>" % w.p2 in svg    # periods
    assert 'class="change"' in svg                                       # the mark
    assert "dashed vertical line" in svg.split("<desc", 1)[1].split("</desc>", 1)[0]
    changes = text(r.body.split('id="changes"', 1)[1].split("</ul>", 1)[0])
    assert "%s: 1 state (before: 3)" % w.p2 in changes, changes
    table = text(r.body.split('id="trend-caption"', 1)[1].split("</table>", 1)[0])
    assert "States in the totals" in table and "1 (changed)" in table


def test_the_refused_page_leads_to_the_draft_to_submit(world):
    """A state that has not contributed is refused (403) with a way to the
    draft it is asked to submit, or a button to start it, and when its
    submission counts (as the rule is set)."""
    w = world
    d_fp = w.fp["D"]
    r = d_fp.get("/pooled?dataset=flows&period=%s" % w.p3)
    assert r.status == 403
    act = r.body.split('id="contribute"', 1)[1].split("</div>", 1)[0]
    assert 'action="/report/start"' in act and 'value="%s"' % w.p3 in act
    assert "counts as a contribution once the secretariat has accepted it" in act
    sub = rp.start(w.de["D"], w.p3)
    r = d_fp.get("/pooled?dataset=flows&period=%s" % w.p3)
    act = r.body.split('id="contribute"', 1)[1].split("</div>", 1)[0]
    assert 'href="/submission/%d/review"' % sub in act
    # The officer, who cannot submit, is led to the draft itself.
    r = w.de["D"].get("/pooled/routes?period=%s" % w.p3)
    act = r.body.split('id="contribute"', 1)[1].split("</div>", 1)[0]
    assert 'href="/submission/%d"' % sub in act
    # The rule says submitted counts: the page says so.
    w.admin.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                    "contribution": "submitted", "suppress_k": "3",
                                    "default_level": "attributed"})
    try:
        r = d_fp.get("/pooled?dataset=flows&period=%s" % w.p3)
        assert "counts as a contribution once it is submitted" in \
            r.body.split('id="contribute"', 1)[1].split("</div>", 1)[0]
    finally:
        w.admin.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                        "contribution": "accepted", "suppress_k": "3",
                                        "default_level": "attributed"})


def test_the_country_filter_keeps_the_small_count_threshold(world):
    """One country's figure of another state falls under the rule's small-
    count threshold, as a regional cell does; a state sees its own."""
    w = world
    settings = {"sharing_mode": "period", "sharing_window": "4", "contribution": "accepted",
                "suppress_k": "3", "default_level": "attributed"}
    r = w.admin.send("/admin/sharing", dict(settings, suppress_below="700000"))
    assert r.status == 303, r
    try:
        r = w.fp["A"].get("/pooled?period=%s&dataset=flows&country=AFG" % w.p1)
        assert r.status == 200, r
        def cells(body):
            """{state code: the irregular entries figure as shown}"""
            part = body.split('aria-labelledby="by-state"', 1)[1].split("</table>", 1)[0]
            out = {}
            for row in part.split("<tr>")[1:]:
                if "Irregular entries detected" in row:
                    code = re.search(r"\((\w{3})\)", row).group(1)
                    out[code] = text(row.split('<td class="num">', 1)[1]).strip()
            return out
        shown = cells(r.body)
        assert shown[w.code["A"]] == str(A_AFG)                        # its own
        assert shown[w.code["B"]] == "suppressed"                      # another's small one
        assert str(B_AFG) not in r.body
        r = w.analyst.get("/pooled?period=%s&dataset=flows&country=AFG" % w.p1)
        assert cells(r.body)[w.code["B"]] == "%d C" % (B_AFG + B_CONF)  # the secretariat's
    finally:
        w.admin.send("/admin/sharing", dict(settings, suppress_below="0"))


# ---- the review page ---------------------------------------------------------------

ROUTE_NOTE = "Review-route-note-613881"
INCIDENT_NOTE = "Review-incident-note-613883"
TEXTS = ("Review-trends-613887", "Review-modus-613889")
REASON = "Review-reason-613891: the entries look low."
SMUGGLED = 613_907      # above its entries: a consistency warning


@pytest.fixture(scope="module")
def reviewed(world):
    """E's submission in P3, returned once: two flows rows, a route, an
    incident, a narrative, a consistency warning, nil returns, a reason."""
    w = world
    code = rp.jurisdiction(fresh=True)
    while code in w.code.values():
        code = rp.jurisdiction(fresh=True)
    w.code["E"] = code
    w.de["E"], w.fp["E"] = User("data-entry", code), User("focal-point", code)
    de = w.de["E"]
    sub = rp.start(de, w.p3)
    fill(de, sub, {"AFG": A_AFG, "SYR": A_SYR})
    rp.add_row(de, sub, "flows", "smuggled", "AFG")
    rp.save(de, sub, "flows", {"v:smuggled:AFG:F.Y_LT18": str(SMUGGLED)})
    route = [("origin", "AFG"), ("legs", "2"), ("leg_to.0", "TUR"), ("leg_mode.0", "LAND_FOOT"),
             ("leg_to.1", "GRC"), ("leg_mode.1", "SEA_VESSEL"), ("migrants", "17"),
             ("fee_amount", "1500"), ("fee_currency", "USD"), ("fee_scope", "PERSON"),
             ("source", "INTERVIEW"), ("confidence", "HIGH"), ("note", ROUTE_NOTE),
             ("row_version", "0"), ("action", "save")]
    assert de.send("/submission/%d/routes/new" % sub, route).status == 303
    start = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                % w.p3)[0][0]
    incident = {"date": start, "area": "Northern district", "lat": "", "lon": "", "border": "SEA",
                "transport": "SEA_VESSEL", "vessel": "Fishing boat", "concealment": "Under deck",
                "persons": "1", "person_cit.0": "AFG", "person_n.0": "20", "dead": "1",
                "missing": "2", "smugglers": "1", "follow_up": "INVESTIGATION",
                "note": INCIDENT_NOTE, "row_version": "0", "action": "save"}
    assert de.send("/submission/%d/incidents/new" % sub, incident).status == 303
    r = de.send("/submission/%d/narrative" % sub, {
        "row_version": "0", "trends": TEXTS[0], "trends_share": "peers", "modus": TEXTS[1],
        "modus_share": "secretariat", "legal": "", "legal_share": "secretariat", "action": "save"})
    assert r.status == 303, r
    rp.submit(w.fp["E"], sub, nil=NIL, routes_nil=False, acknowledge=True)
    rp.review(w.analyst, sub, "return", reasons={"flows": REASON})
    return sub


def test_the_review_page_shows_everything_and_prints_cleanly(world, reviewed):
    """"Read before you certify": one page with the datasets and their
    totals, routes, incidents, the narrative, the warnings, return reasons
    and nil returns; linked from the overview; a print style sheet hides
    navigation and forms and keeps tables whole."""
    w, sub = world, reviewed
    fp = w.fp["E"]
    assert 'href="/submission/%d/review"' % sub in fp.get("/submission/%d" % sub).body
    r = fp.get("/submission/%d/review" % sub)
    assert r.status == 200, r
    t = text(r.body)
    for needle in (str(A_AFG), str(A_SYR), str(A_AFG + A_SYR), str(SMUGGLED), ROUTE_NOTE,
                   INCIDENT_NOTE, "Fishing boat", "Under deck", TEXTS[0], TEXTS[1], REASON,
                   "Irregular entries detected", "Harm", "Routes and fees", "Incidents"):
        assert needle in t, needle
    assert t.count("Nil return") >= 4                                   # 3 ticked + heading
    assert 'class="warnings"' in r.body and str(SMUGGLED) in r.body.split('class="warnings"')[1]
    # The focal point certifies from here: the submit form, marked as sent
    # from the review page.
    form = r.body.split('/submission/%d/submit"' % sub, 1)[1].split("</form>", 1)[0]
    assert 'name="certify"' in form and 'name="acknowledge"' in form and 'name="nil_harm"' in form
    assert 'name="from" value="review"' in form
    # Printing: the style sheet's print rules.
    css = w.fp["E"].get("/static/style.css").body
    print_css = css.split("@media print", 1)[1]
    for rule in ("header.site", "form", "button", ".no-print", "display: none",
                 "overflow: visible", "page-break-inside: avoid", "color: #000"):
        assert rule in print_css, rule
    assert 'class="no-print"' in r.body


def test_the_focal_point_submits_from_the_review_page(world, reviewed):
    """A refused submit sent from the review page shows the review page
    again with its messages and changes nothing; a complete one submits."""
    w, sub = world, reviewed
    fp = w.fp["E"]
    version = rp.row_version(fp.get("/submission/%d/review" % sub))
    r = fp.send("/submission/%d/submit" % sub, {"row_version": version, "from": "review",
                                                "nil_documents": "1"})
    assert r.status == 400 and "The whole submission" in r.body and ROUTE_NOTE in r.body
    assert 'class="error-summary"' in r.body and "Tick the certification" in r.body
    assert rp.status(sub) == "returned"
    fields = {"row_version": version, "from": "review", "certify": "1", "acknowledge": "1"}
    fields.update({"nil_" + ds: "1" for ds in NIL})
    r = fp.send("/submission/%d/submit" % sub, fields)
    assert r.status == 303 and rp.status(sub) == "submitted", r


def test_the_analyst_returns_and_accepts_from_the_review_page(world, reviewed):
    """The analyst's review page has the accept and return forms; a return
    without a reason shows the review page again; accept accepts."""
    w, sub = world, reviewed
    if rp.status(sub) != "submitted":
        rp.submit(w.fp["E"], sub, nil=NIL, routes_nil=False, acknowledge=True)
    r = w.analyst.get("/submission/%d/review" % sub)
    assert r.status == 200 and ROUTE_NOTE in r.body
    assert '/submission/%d/accept"' % sub in r.body and '/submission/%d/return"' % sub in r.body
    assert '/submission/%d/submit"' % sub not in r.body
    version = rp.row_version(r)
    r = w.analyst.send("/submission/%d/return" % sub, {"row_version": version, "from": "review"})
    assert r.status == 400 and "The whole submission" in r.body
    assert "Give a reason for at least one dataset" in r.body and rp.status(sub) == "submitted"
    r = w.analyst.send("/submission/%d/accept" % sub, {"row_version": version, "from": "review"})
    assert r.status == 303 and rp.status(sub) == "accepted"


def test_the_review_page_follows_the_submission_pages_rule(world, reviewed):
    """Whoever may not open a submission may not open its review page
    either (another state's: 404, as its other pages); an officer who may
    not submit sees no submit form."""
    w, sub = world, reviewed
    for user in (w.fp["A"], w.de["A"], w.de["E"], w.fp["E"], w.analyst, w.admin):
        overview = user.get("/submission/%d" % sub).status
        assert user.get("/submission/%d/review" % sub).status == overview, user.role
    assert w.fp["A"].get("/submission/%d/review" % sub).status == 404
    assert w.fp["A"].get("/submission/999999999/review").status == 404
    r = w.de["E"].get("/submission/%d/review" % sub)
    assert r.status == 200 and '/submit"' not in r.body


def test_the_review_page_prints_cleanly_in_a_browser(world, reviewed, tmp_path):
    """In Chromium with print media: no navigation, forms or buttons; the
    tables' scrolling boxes let them out whole (nothing cut at the edge);
    black text on white; and Chromium prints the page to PDF."""
    pytest.importorskip("selenium", reason="python3-selenium is not installed")
    from test_browser import BASE, start_chromium, stop_chromium
    drv, profile = start_chromium()
    try:
        drv.get(BASE + "/no-page-here")
        drv.add_cookie({"name": "vrs_session", "value": w_cookie(world.fp["E"]), "path": "/",
                        "httpOnly": True})
        drv.get(BASE + "/submission/%d/review" % reviewed)
        assert "The whole submission" in drv.title
        # An A4 landscape page's printable width at 96 px an inch (277 mm).
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1047, "height": 740, "deviceScaleFactor": 1,
                             "mobile": False})
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        shown = drv.execute_script("""
            const vis = e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
            const all = s => [...document.querySelectorAll(s)];
            const scroll = all('.scroll');
            return {
              nav: all('header.site, nav, footer.site').some(vis),
              forms: all('form, button').some(vis),
              cut: scroll.some(e => getComputedStyle(e).overflowX !== 'visible'),
              color: getComputedStyle(document.body).color,
              background: getComputedStyle(document.body).backgroundColor,
              tables: all('table').filter(vis).length,
              wide: all('table').filter(vis).map(t => t.getBoundingClientRect().right)
                      .filter(r => r > document.documentElement.clientWidth + 1).length,
            };""")
        assert shown["nav"] is False and shown["forms"] is False, shown
        assert shown["cut"] is False and shown["tables"] >= 5, shown
        assert shown["wide"] == 0, shown                    # every table fits the page
        assert shown["color"] == "rgb(0, 0, 0)", shown
        assert shown["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), shown
        pdf = drv.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        assert len(pdf["data"]) > 1000
    finally:
        stop_chromium(drv, profile)


def test_the_new_pages_fit_a_phone(world, reviewed):
    """What the review page, the trends with their marks, the narrowed
    totals and the refused page with its link add does not overflow a
    375 px screen (wide tables scroll inside their own box)."""
    pytest.importorskip("selenium", reason="python3-selenium is not installed")
    from test_browser import BASE, start_chromium, stop_chromium
    w = world
    drv, profile = start_chromium()
    try:
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        for user, path, mark in (
                (w.fp["E"], "/submission/%d/review" % reviewed, 'id="r-narrative"'),
                (w.fp["A"], "/pooled/trends?dataset=flows", 'id="changes"'),
                (w.fp["A"], "/pooled?period=%s&dataset=flows&country=AFG" % w.p1, 'id="by-state"'),
                (w.fp["D"], "/pooled?dataset=flows&period=%s" % w.p3, 'id="contribute"')):
            drv.delete_all_cookies()
            drv.get(BASE + "/no-page-here")
            drv.add_cookie({"name": "vrs_session", "value": w_cookie(user), "path": "/",
                            "httpOnly": True})
            drv.get(BASE + path)
            assert mark in drv.page_source, path
            assert drv.execute_script(
                "return document.documentElement.scrollWidth") <= 375, path
            wide = drv.execute_script("""
                return [...document.querySelectorAll('body *')]
                    .filter(e => !(e.parentElement && e.parentElement.closest('.scroll')))
                    .filter(e => e.getBoundingClientRect().right > 376)
                    .map(e => e.tagName + '.' + e.className).slice(0, 5);""")
            assert not wide, (path, wide)
    finally:
        stop_chromium(drv, profile)


def w_cookie(user):
    return user.cookies["vrs_session"]


# ---- item 6: "1 states" -------------------------------------------------------------

def test_one_state_is_singular(world):
    """"Submit this period to see its data from 1 state", not "1 states"."""
    w = world
    r = w.fp["D"].get("/sharing")
    row = text(r.body.split("<th scope=\"row\">%s</th>" % w.p2, 1)[1].split("</tr>", 1)[0])
    assert "1 state (" in row and "1 states" not in row, row


# ---- item 11: the importer ------------------------------------------------------------

def test_a_wrong_root_element_is_named_as_the_element(admin):
    """Item 11: the message for another root element names that element,
    not the (right) namespace; a wrong namespace is named as one."""
    d = Draft(admin, seed=False)
    data = d.file().replace("<Exchange ", "<Export ").replace("</Exchange>", "</Export>")
    r, _ = upload(d.user, d.sub, data)
    found = problems(r.body)
    assert len(found) == 1 and "Found the element: Export" in found[0], found
    data = d.file().replace("vrs-exchange/1.0", "vrs-exchange/2.0")
    r, _ = upload(d.user, d.sub, data)
    assert "Found the namespace: urn:vrs-msrc:vrs-exchange/2.0" in problems(r.body)[0]


def test_vrsadm_merge_warns_about_records_already_in_the_draft(admin, tmp_path):
    """Item 11: `vrsadm import --mode merge` of a file whose route is already
    in the draft says so with the counts, as the web upload does (with
    --dry-run too); a file of new records gets no such warning."""
    d = Draft(admin)                      # seeded with seed_file: one route
    path = tmp_path / "seed.xml"
    path.write_text(seed_file(d.j, d.period))
    r = vrsadm("import", str(path), "--jurisdiction", d.j, "--period", d.period,
               "--mode", "merge", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert ("warning: records of the file already in the draft, field for field: "
            "1 route, 0 incidents" in r.stderr), r.stderr
    assert "would add them a second time" in r.stderr
    r = vrsadm("import", str(path), "--jurisdiction", d.j, "--period", d.period,
               "--mode", "merge")
    assert r.returncode == 0, r.stderr
    assert "already in the draft, field for field: 1 route, 0 incidents" in r.stderr
    assert "merging added them a second time" in r.stderr
    assert int(sql("SELECT COUNT(*) FROM routes WHERE submission_id = %d AND deleted_at IS NULL"
                   % d.sub)[0][0]) == 2
    # Replace: no warning.
    r = vrsadm("import", str(path), "--jurisdiction", d.j, "--period", d.period,
               "--mode", "replace")
    assert r.returncode == 0 and "already in the draft" not in r.stderr, r.stderr
    # A file without those records: no warning.
    path.write_text(exchange(d.j, d.period))
    r = vrsadm("import", str(path), "--jurisdiction", d.j, "--period", d.period,
               "--mode", "merge")
    assert r.returncode == 0 and "already in the draft" not in r.stderr, r.stderr
