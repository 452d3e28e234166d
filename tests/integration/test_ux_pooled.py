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
