"""Light on slow links, and the phone (issue 13): pages, CSS, CSV, XML and
SVG leave the dev nginx gzip-compressed for browsers that ask for it (the
Apache variants and the installed samples are checked in test_apache.py and
test_installed.py); the form token is masked per response so that this is
safe (BREACH); the editable flows grid of a 150-row submission stays small;
and no main page of any role scrolls sideways on a 375 px screen.

Everything goes through the test instance's nginx. Bodies are read as raw
bytes here (conftest's Client decodes them), so that the compressed length
is what is measured."""
import gzip
import http.client
import random
import re
import urllib.parse

import pytest

from conftest import PORT, ROOT, Client, create_user, ensure_jurisdiction, sql, unmask_csrf
from reporting import User, create_period, start

GRID_ROWS = 150
GRID_GZIP_LIMIT = 30 * 1024
# A jurisdiction no test reports for: its exports are small and the same
# from one request to the next (the Apache and installed checks use it).
QUIET_JURISDICTION = "ISL"


# ---- raw HTTP ----------------------------------------------------------------------------

class Raw:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return ", ".join(v for k, v in self.headers if k.lower() == name.lower()) or None

    def text(self):
        """The body as the browser reads it: decompressed when it came gzipped."""
        data = self.body
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            data = gzip.decompress(data)
        return data.decode("utf-8")

    def __repr__(self):
        return "<Raw %d %r %d bytes>" % (self.status, self.headers, len(self.body))


def fetch(client, path, gzip_ok=True, method="GET", body=None, port=PORT, conn=None):
    """One request with client's cookies; the body as the bytes on the
    wire (no decompression)."""
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    if client is not None and client.cookies:
        headers["Cookie"] = "; ".join("%s=%s" % kv for kv in client.cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    try:
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        return Raw(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def without_token(text):
    """A page with its form token (masked afresh in each response) blanked."""
    return re.sub(r'name="csrf" value="[0-9a-f]+"', 'name="csrf" value=""', text)


def assert_gzipped(r, what):
    """Sent compressed, marked as varying by Accept-Encoding, and a real
    gzip stream."""
    assert r.status == 200, (what, r)
    assert r.header("Content-Encoding") == "gzip", (what, r.headers)
    assert "accept-encoding" in (r.header("Vary") or "").lower(), (what, r.headers)
    assert r.body[:2] == b"\x1f\x8b", what
    return gzip.decompress(r.body)


def assert_plain(r, what):
    """Without Accept-Encoding: the same resource, uncompressed, and still
    marked as varying (a cache must not hand the gzip to such a client)."""
    assert r.status == 200, (what, r)
    assert r.header("Content-Encoding") is None, (what, r.headers)
    assert "accept-encoding" in (r.header("Vary") or "").lower(), (what, r.headers)
    return r.body


# ---- a submission with data, and the secretariat ---------------------------------------

@pytest.fixture(scope="module")
def light():
    """An open period, a draft with a row of figures and a route (AUS), an
    analyst. Cleaned up by reporting's cleanup at the end of the module."""
    import reporting

    class W:
        pass
    w = W()
    w.admin = User("secretariat-admin")
    w.period = create_period(w.admin)
    w.entry = User("data-entry", "AUS")
    w.analyst = User("secretariat-analyst")
    w.draft = start(w.entry, w.period)
    r = reporting.add_row(w.entry, w.draft, "flows", "irr_entry", "SYR")
    r = reporting.save(w.entry, w.draft, "flows", {"v:irr_entry:SYR:F.Y_GE18": "12",
                                                   "v:entry_place:BCP:AIR": "46"})
    route = {"origin": "AFG", "legs": "1", "leg_to.0": "IRN", "leg_mode.0": "LAND_VEHICLE",
             "migrants": "9", "fee_amount": "800", "fee_currency": "USD", "fee_scope": "PERSON",
             "source": "INTERVIEW", "confidence": "LOW", "note": "", "row_version": "0",
             "action": "save"}
    r = w.entry.send("/submission/%d/routes/new" % w.draft, route)
    assert r.status == 303, r
    yield w
    reporting.cleanup()


# ---- gzip through the dev nginx ----------------------------------------------------------

def test_pages_are_sent_gzipped_to_browsers_that_accept_it(light):
    for path in ("/", "/report", "/submission/%d" % light.draft,
                 "/submission/%d/flows" % light.draft, "/submission/%d/routes/new" % light.draft):
        page = assert_gzipped(fetch(light.entry, path), path).decode("utf-8")
        plain = assert_plain(fetch(light.entry, path, gzip_ok=False), path).decode("utf-8")
        assert page.rstrip().endswith("</html>"), path
        # The same page, but for the token, which is masked in each response.
        assert without_token(page) == without_token(plain), path
    # Signed out, the sign-in page too.
    r = fetch(None, "/login")
    assert b"<form" in assert_gzipped(r, "/login")


def test_pages_carry_a_masked_token_that_differs_per_response(light):
    """BREACH: the page is compressed, so the secret in it must not repeat
    from one response to the next; the token under the mask is the same
    and every masked value is accepted."""
    pages = [assert_gzipped(fetch(light.entry, "/report"), "/report").decode() for _ in range(3)]
    masked = [re.search(r'name="csrf" value="([0-9a-f]{128})"', p).group(1) for p in pages]
    assert len(set(masked)) == 3, masked
    assert len({unmask_csrf(m) for m in masked}) == 1
    for m in masked:
        r = light.entry.post("/account/password", {"current": "x", "new": "", "confirm": ""},
                             csrf=m)
        assert r.status == 400, r           # the token was accepted; the fields were refused
    # The unmasked token itself, or a tampered one, is refused.
    token = unmask_csrf(masked[0])
    bad = masked[0][:-1] + ("0" if masked[0][-1] != "0" else "1")
    for sent in (token, bad, masked[0][:64]):
        r = light.entry.post("/account/password", {"current": "x", "new": "", "confirm": ""},
                             csrf=sent)
        assert r.status == 403 and "The form has expired" in r.body, (sent, r)


def test_css_and_the_schema_are_sent_gzipped(light):
    for path, local in (("/static/style.css", "static/style.css"),
                        ("/static/vrs-exchange-1.0.xsd", "static/vrs-exchange-1.0.xsd")):
        with open("%s/%s" % (ROOT, local), "rb") as f:
            want = f.read()
        assert assert_gzipped(fetch(None, path), path) == want, path
        assert assert_plain(fetch(None, path, gzip_ok=False), path) == want, path


def test_csv_downloads_are_sent_gzipped(big_grid):
    entry, sub = big_grid
    path = "/submission/%d/csv" % sub
    r = fetch(entry, path)
    assert r.header("Content-Type").startswith("text/csv"), r.headers
    data = assert_gzipped(r, path)
    assert data == assert_plain(fetch(entry, path, gzip_ok=False), path)
    assert data.count(b"\n") > GRID_ROWS * 9 and len(r.body) * 3 < len(data), len(r.body)


def test_a_tiny_download_is_not_worth_compressing(light):
    """Under gzip_min_length (256 bytes) the file goes as it is."""
    path = "/submission/%d/routes.csv" % light.draft
    r = fetch(light.entry, path)
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv"), r
    assert len(r.body) < 256 and r.header("Content-Encoding") is None, r


def export_raw(user, fields, gzip_ok):
    pairs = list(fields) + [("csrf", user.token)]
    return fetch(user, "/exchange/export", gzip_ok=gzip_ok, method="POST", body=pairs)


def test_streamed_xml_and_csv_exports_are_sent_gzipped(light):
    """Exports stream (no Content-Length from the program): nginx
    compresses them as they come, and the whole file arrives; the same
    choices give the same bytes, so the two downloads must be equal."""
    for fmt, ctype, extra in (("vrs", "application/xml", []), ("sdmx", "application/xml", []),
                              ("csv", "text/csv", [("dataset", "flows")])):
        fields = [("format", fmt), ("period", light.period), ("all_statuses", "1")] + extra
        r = export_raw(light.analyst, fields, True)
        assert r.header("Content-Type").startswith(ctype), (fmt, r.headers)
        data = assert_gzipped(r, fmt)
        assert assert_plain(export_raw(light.analyst, fields, False), fmt) == data, fmt
        if fmt != "csv":
            assert data.startswith(b"<?xml") and data.rstrip().endswith(b">"), data[-200:]
        assert len(r.body) < len(data), fmt


def test_a_large_xml_export_arrives_whole_through_gzip(light, big_grid):
    """Every current submission of the period, the 150-row one included:
    the compressed stream decodes to the same complete document as the
    plain one, several times smaller on the wire."""
    fields = [("format", "vrs"), ("period", light.period), ("all_statuses", "1")]
    r = export_raw(light.analyst, fields, True)
    data = assert_gzipped(r, "export of the period")
    assert data.startswith(b"<?xml") and data.rstrip().endswith(b"</Exchange>"), data[-200:]
    assert data.count(b"<Cell ") >= GRID_ROWS * 9, len(data)
    assert assert_plain(export_raw(light.analyst, fields, False), "export") == data
    assert len(r.body) * 4 < len(data), (len(r.body), len(data))


# ---- the weight of a big grid -------------------------------------------------------------

@pytest.fixture(scope="module")
def big_grid(light):
    """A draft whose flows grid has 150 citizenship rows (30 countries in
    each of the five citizenship tables), every cell filled. The rows and
    cells are written with SQL: adding 150 rows through the form takes 150
    round trips of a growing page, and it is the page's weight that is
    measured here, not the add-row button."""
    jur = "NZL"
    ensure_jurisdiction(jur)
    entry = User("data-entry", jur)
    sub = start(entry, light.period)
    countries = [r[0] for r in sql("SELECT code FROM codes WHERE list = 'country' AND code "
                                   "NOT LIKE 'X%%' AND code <> '_U' ORDER BY code LIMIT %d"
                                   % (GRID_ROWS // 5))]
    tables = ("irr_entry", "irr_exit", "irr_stay", "smuggled", "refused")
    sql("INSERT INTO grid_rows (submission_id, dataset, tbl, row_code) VALUES "
        + ",".join("(%d, 'flows', '%s', '%s')" % (sub, t, c) for t in tables for c in countries))
    cols = ["%s.%s" % (s, a) for s in ("F", "M", "_U") for a in ("Y_LT18", "Y_GE18", "_U")]
    sql("INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag) VALUES "
        + ",".join("(%d, 'flows', '%s', '%s', '%s', %d, 'A')"
                   % (sub, t, c, col, random.randint(0, 999))
                   for t in tables for c in countries for col in cols))
    assert sql("SELECT COUNT(*) FROM grid_rows WHERE submission_id = %d" % sub) == [[str(GRID_ROWS)]]
    return entry, sub


def test_editable_flows_grid_of_150_rows_weighs_at_most_30_kb_gzipped(big_grid):
    entry, sub = big_grid
    path = "/submission/%d/flows" % sub
    r = fetch(entry, path)
    page = assert_gzipped(r, path).decode("utf-8")
    assert 'value="save"' in page                       # the editable grid
    assert page.count("<tr") >= GRID_ROWS
    print("flows grid, %d rows: %d bytes raw, %d bytes gzip" % (GRID_ROWS, len(page), len(r.body)))
    assert len(r.body) <= GRID_GZIP_LIMIT, (len(r.body), len(page))


# ---- the phone: nothing scrolls sideways at 375 px ------------------------------------------

PHONE = 375


@pytest.fixture(scope="module")
def phone_world(light):
    """light's AUS draft with rows in three datasets, a route and an
    incident; a focal point and a viewer of AUS; another state's submitted
    submission for the analyst's review form."""
    import reporting
    w = light
    w.focal = User("focal-point", "AUS")
    w.viewer = User("viewer", "AUS")
    for ds, tbl, row in (("documents", "by_issuer", "AFG"), ("smugglers", "by_citizenship", "AFG"),
                         ("flows", "smuggled", "SYR")):
        reporting.add_row(w.entry, w.draft, ds, tbl, row)
    w.route = int(sql("SELECT MAX(id) FROM routes WHERE submission_id = %d" % w.draft)[0][0])
    start_day = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                    % w.period)[0][0]
    r = w.entry.send("/submission/%d/incidents/new" % w.draft, {
        "date": start_day, "area": "Northern coast, near the river mouth", "lat": "-10.1",
        "lon": "142.5", "border": "SEA", "transport": "SEA_VESSEL", "vessel": "Dinghy",
        "concealment": "", "persons": "1", "person_cit.0": "AFG", "person_n.0": "3", "dead": "0",
        "missing": "0", "smugglers": "0", "follow_up": "NONE", "note": "", "row_version": "0",
        "action": "save"})
    assert r.status == 303, r
    w.incident = int(r.header("Location").split("/incidents/")[1].split("?")[0])
    other = reporting.jurisdiction()
    entry2, focal2 = User("data-entry", other), User("focal-point", other)
    w.submitted = start(entry2, w.period)
    reporting.add_row(entry2, w.submitted, "flows", "refused", "AFG")
    reporting.save(entry2, w.submitted, "flows", {"v:refused:AFG:F.Y_GE18": "7"})
    reporting.submit(focal2, w.submitted, nil=("documents", "smugglers", "harm"))
    return w


@pytest.fixture(scope="module")
def phone():
    """Chromium (as test_browser.py starts it) showing pages 375 px wide."""
    pytest.importorskip("selenium", reason="python3-selenium is not installed")
    from test_browser import start_chromium, stop_chromium
    drv, profile = start_chromium(javascript=True)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": PHONE, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    yield drv
    stop_chromium(drv, profile)


def show(drv, user, path):
    """Opens path in the browser with user's session (None: signed out)."""
    from test_browser import BASE
    drv.delete_all_cookies()
    if user is not None:
        drv.get(BASE + "/no-page-here")          # cookies need the origin first
        drv.add_cookie({"name": "vrs_session", "value": user.cookies["vrs_session"],
                        "path": "/", "httpOnly": True})
    drv.get(BASE + path)


def press(drv, selector):
    """Submits the form of the button selector names, as a user would."""
    from test_browser import submit_and_wait
    submit_and_wait(drv, selector)


def type_into(drv, values):
    from selenium.webdriver.common.by import By
    for element_id, text in values.items():
        drv.find_element(By.ID, element_id).send_keys(text)


# (who, path, what to do on the page first, a text the page shows)
SAVE = "main button[name=action][value=save]"
PAGES = [
    (None, "/login", None, "Sign in"),
    (None, "/login", lambda d, w: press(d, "main button[type=submit]"), "Sign in"),
    ("entry", "/", None, "Your to-do list"),
    ("entry", "/report", None, "Reporting"),
    ("entry", "/account/password", None, "Change password"),
    ("entry", "/account/password", lambda d, w: (
        type_into(d, {"f-current": "not the password", "f-new": "short", "f-confirm": "other"}),
        press(d, "main button[type=submit]")), "Change password"),
    ("entry", "/sharing", None, "What you can see"),
    ("entry", "/submission/{draft}", None, "Submission"),
    ("entry", "/submission/{draft}/flows", None, "Flows (persons)"),
    ("entry", "/submission/{draft}/flows", lambda d, w: (
        type_into_name(d, {"v:irr_entry:SYR:F.Y_GE18": "twelve"}), press(d, SAVE)),
     "Nothing was saved"),
    ("entry", "/submission/{draft}/documents", None, "Fraudulent documents"),
    ("entry", "/submission/{draft}/smugglers", None, "Smugglers and justice"),
    ("entry", "/submission/{draft}/harm", None, "Harm"),
    ("entry", "/submission/{draft}/routes", None, "Routes"),
    ("entry", "/submission/{draft}/routes/new", None, "New route"),
    ("entry", "/submission/{draft}/routes/new", lambda d, w: (
        type_into(d, {"f-origin": "IRN", "f-leg-to-0": "IRN", "f-fee_amount": "0",
                      "f-note": "mail x@example.org"}), press(d, SAVE)), "New route"),
    ("entry", "/submission/{draft}/routes/{route}", None, "Route"),
    ("entry", "/submission/{draft}/incidents", None, "Incidents"),
    ("entry", "/submission/{draft}/incidents/new", None, "New incident"),
    ("entry", "/submission/{draft}/incidents/new", lambda d, w: press(d, SAVE), "New incident"),
    ("entry", "/submission/{draft}/incidents/{incident}", None, "Incident"),
    ("entry", "/submission/{draft}/narrative", None, "Narrative"),
    ("entry", "/submission/{draft}/import", None, "Upload"),
    ("entry", "/submission/{draft}/history", None, "History"),
    ("entry", "/no/such/page", None, "Page not found"),
    ("entry", "/admin/periods", None, "Not allowed"),
    ("focal", "/", None, "Your to-do list"),
    ("focal", "/submission/{draft}", None, "Submission"),
    ("focal", "/submission/{draft}", lambda d, w: press(
        d, "form[action$='/submit'] button[type=submit]"), "Submission"),
    ("focal", "/admin/users", None, "Accounts"),
    ("viewer", "/", None, "Your to-do list"),
    ("viewer", "/report", None, "Reporting"),
    ("analyst", "/", None, "Your to-do list"),
    ("analyst", "/report", None, "Reporting"),
    ("analyst", "/submission/{submitted}", None, "Submission"),
    ("analyst", "/submission/{submitted}/flows", None, "Flows (persons)"),
    ("analyst", "/submission/{draft}/routes/{route}", None, "Route"),
    ("analyst", "/submission/{draft}/narrative", None, "Narrative"),
    ("analyst", "/exchange", None, "XML exchange"),
    ("analyst", "/pooled?period={period}&dataset=flows", None, "Flows (persons)"),
    ("analyst", "/pooled/trends?dataset=flows", None, "Flows (persons)"),
    ("analyst", "/pooled/routes?period={period}", None, "Route flows and fees"),
    ("analyst", "/pooled/narratives?period={period}", None, "{period}"),
    ("admin", "/", None, "Your to-do list"),
    ("admin", "/admin/periods", None, "Reporting periods"),
    ("admin", "/admin/periods", lambda d, w: (
        type_into(d, {"f-code": "1999-S3", "f-due": "2030-02-30"}),
        press(d, "form[action$='/admin/periods'] button[type=submit]")), "Reporting periods"),
    ("admin", "/admin/codes?list=country", None, "Code lists"),
    ("admin", "/admin/users", None, "Accounts"),
    ("admin", "/admin/sharing", None, "Sharing settings"),
]


def type_into_name(drv, values):
    from selenium.webdriver.common.by import By
    for name, text in values.items():
        drv.find_element(By.NAME, name).send_keys(text)


def page_id(page):
    who, path, action, _ = page
    return "%s %s%s" % (who or "signed-out", path, " (errors)" if action else "")


@pytest.mark.parametrize("page", PAGES, ids=[page_id(p) for p in PAGES])
def test_no_page_scrolls_sideways_on_a_375_px_phone(phone, phone_world, page):
    """The page itself never scrolls sideways; a wide table may scroll
    inside its own labelled, focusable region (.scroll)."""
    who, path, action, text = page
    w = phone_world
    show(phone, getattr(w, who) if who else None,
         path.format(draft=w.draft, submitted=w.submitted, route=w.route,
                     incident=w.incident, period=w.period))
    if action is not None:
        action(phone, w)
    main = phone.find_element("tag name", "main").text
    text = text.format(period=w.period)
    assert text and text in main, (path, phone.current_url, main[:300])
    for refusal in ("Page not found", "Not allowed"):
        assert refusal == text or refusal not in main, (path, refusal)
    assert phone.execute_script("return window.innerWidth") == PHONE
    width = phone.execute_script("return document.documentElement.scrollWidth")
    if width > PHONE:
        wide = phone.execute_script("""
            const out = [];
            for (const e of document.querySelectorAll('main *')) {
                const r = e.getBoundingClientRect();
                if (r.right > arguments[0] + 0.5 && !e.closest('.scroll'))
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                             (e.className && typeof e.className === 'string'
                              ? '.' + e.className.split(' ').join('.') : '') +
                             ' right=' + Math.round(r.right));
            }
            return out.slice(0, 12);""", PHONE)
        pytest.fail("%s is %d px wide at %d px: %s" % (phone.current_url, width, PHONE, wide))
    # What scrolls inside the page must be reachable from the keyboard: a
    # focusable region with a name, or holding something focusable.
    unreachable = phone.execute_script("""
        const out = [];
        for (const e of document.querySelectorAll('main *')) {
            if (e.scrollWidth <= e.clientWidth + 1) continue;
            const s = getComputedStyle(e).overflowX;
            if (s !== 'auto' && s !== 'scroll') continue;
            const region = e.getAttribute('role') === 'region' && e.tabIndex === 0 &&
                (e.getAttribute('aria-labelledby') || e.getAttribute('aria-label'));
            const inner = e.querySelector('a[href], input, select, textarea, button');
            if (!region && !inner) out.push(e.outerHTML.slice(0, 160));
        }
        return out;""")
    assert not unreachable, (phone.current_url, unreachable)
