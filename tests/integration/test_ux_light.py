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
        assert r.status != 403, r           # the form was accepted (and refused on its fields)
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


@pytest.mark.xfail(strict=False, reason="the grid repeats the 250-country list in every table; "
                   "one list per page is ux-names' part of issue 13 (branch ux-names)")
def test_editable_flows_grid_of_150_rows_weighs_at_most_30_kb_gzipped(big_grid):
    entry, sub = big_grid
    path = "/submission/%d/flows" % sub
    r = fetch(entry, path)
    page = assert_gzipped(r, path).decode("utf-8")
    assert 'value="save"' in page                       # the editable grid
    assert page.count("<tr") >= GRID_ROWS
    print("flows grid, %d rows: %d bytes raw, %d bytes gzip" % (GRID_ROWS, len(page), len(r.body)))
    assert len(r.body) <= GRID_GZIP_LIMIT, (len(r.body), len(page))
