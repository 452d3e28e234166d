"""Reporting (issue 3) through nginx to the real program and MariaDB:
periods, the submission workflow of two jurisdictions, the access matrix,
grid validation, stale saves, history with `vrsadm verify`, and consistency
warnings. Every test makes its own period(s); reporting.cleanup() removes
them afterwards, because period codes are finite and the database persists.
"""
import datetime
import html
import random
import re

import pytest

import reporting as rp
from conftest import Client, sql, vrsadm
from reporting import User, admin, errors, esc, remove_test_periods  # noqa: F401 (admin, remove_test_periods: fixtures)

FLOWS = "flows"
NIL_OTHERS = ("documents", "smugglers", "harm")
CELL = "v:irr_entry:AFG:F.Y_LT18"
FLAG = "f:irr_entry:AFG:F.Y_LT18"

CONFLICT_TITLE = "This cannot be changed now"
STALE_TITLE = "Someone saved this dataset after you opened it"
MSG = {
    "negative": "Enter zero or more; negative numbers are not possible.",
    "not_number": "Enter a whole number using digits only, such as 1200; spaces or commas may separate groups of three digits (1 200 or 1,200), but no decimals or other signs.",
    "too_large": "This number is too large.",
    "flag_no_number": "Flags M and Z mean there is no number: clear the number or change the flag.",
    "flag_needs_number": "Flags E and C need a number.",
    "bad_flag": "Choose one of the flags A, E, M, Z or C.",
    "duplicate_row": "This row is already in the table.",
    "unknown_code": "This code is not in the current code list.",
    "choose_row": "Choose a row to add.",
    "period_code": "Use 2026-S1, 2026-S2, 2026-Q1 to 2026-Q4 or 2026 (years 2000 to 2100).",
    "period_exists": "This period exists already.",
    "bad_date": "Use a date that exists, as YYYY-MM-DD.",
    "date_order": "The dates must come in order: opening, due, lock.",
    "certify": "Tick the certification to submit.",
    "empty_needs_nil": "This dataset is empty: tick its nil return, or enter data.",
    "nil_with_values": "This dataset has values: untick its nil return.",
    "reason": "Give a reason for at least one dataset to return the submission.",
    "acknowledge": "Acknowledge the consistency warnings to submit.",
}


# ---- page readers -------------------------------------------------------------

def field(body, name):
    """(value, error message or None) of a labelled form field (macros.cs)."""
    i = body.find('<div class="field', body.find('<label for="f-%s"' % name) - 60)
    block = body[i:body.find("</div>", i)]
    value = re.search(r'name="%s"[^>]*value="([^"]*)"' % name, block, re.S).group(1)
    err = re.search(r'<p class="error" id="f-%s-error">([^<]*)</p>' % name, block)
    return html.unescape(value), (html.unescape(err.group(1)) if err else None)


def cell(body, name):
    """(td classes, typed value, selected flag, error message) of a grid cell."""
    i = body.find('name="%s"' % name)
    assert i >= 0, "no input %s on the page" % name
    td = body[body.rfind("<td", 0, i):body.find("</td>", i)]
    cls = re.match(r'<td class="([^"]*)"', td).group(1)
    value = html.unescape(re.search(r'name="%s" value="([^"]*)"' % re.escape(name), td).group(1))
    flag_name = "f:" + name[2:]
    sel = td[td.find('name="%s"' % flag_name):] if name.startswith("v:") else ""
    flag = re.search(r'<option value="([^"]*)" selected', sel)
    err = re.search(r'<p class="error"[^>]*>([^<]*)</p>', td)
    return cls, value, flag.group(1) if flag else None, html.unescape(err.group(1)) if err else None


def table_html(body, table, start=0, prefix=""):
    i = body.find('id="%st-%s"' % (prefix, table), start)
    assert i >= 0, table
    return body[i:body.find("</table>", i)]


def totals(body, table, start=0):
    """{row label: row total}, [column totals..., grand total] of a grid table."""
    t = table_html(body, table, start)
    rows = {}
    for label, tr in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', t, re.S):
        nums = re.findall(r'<td class="num">(\d+)</td>', tr)
        if label != "Total":
            rows[html.unescape(label)] = int(nums[-1])
    foot = t[t.find("<tfoot>"):]
    cols = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', foot)]
    return rows, cols


def history(user, sub):
    r = user.get("/submission/%d/history" % sub)
    assert r.status == 200, r
    # the detail cell may hold the list of a save's cell changes: keep its text
    return [tuple(html.unescape(re.sub(r"<[^>]+>", " ", x)) for x in m) for m in re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>(.*?)</td></tr>", r.body, re.S)]


def label(code, lst="country"):
    return sql("SELECT label FROM codes WHERE list = '%s' AND code = '%s'" % (lst, code))[0][0]


def sub_row(sub):
    return sql("SELECT status, version, row_version FROM submissions WHERE id = %d" % sub)[0]


def rowver(sub):
    return sql("SELECT row_version FROM submissions WHERE id = %d" % sub)[0][0]


def subs_of(code):
    return sql("SELECT s.id, s.version, s.status FROM submissions s JOIN periods p "
               "ON p.id = s.period_id WHERE p.code = '%s' ORDER BY s.id" % code)


def period_row(code):
    rows = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d'), DATE_FORMAT(ends_on, '%%Y-%%m-%%d'), "
               "DATE_FORMAT(opens_on, '%%Y-%%m-%%d'), DATE_FORMAT(due_on, '%%Y-%%m-%%d'), "
               "DATE_FORMAT(locks_on, '%%Y-%%m-%%d'), status FROM periods WHERE code = '%s'" % code)
    return rows[0] if rows else None


def free_code(part, years=range(2030, 2100)):
    have = {r[0] for r in sql("SELECT code FROM periods")}
    for y in sorted(years, key=lambda _: random.random()):
        code = "%d-%s" % (y, part) if part else str(y)
        if code not in have:
            return code
    pytest.skip("no free period code")


# =============================================================================
# 1. Periods
# =============================================================================

def _span(code):
    y = int(code[:4])
    if len(code) == 4:
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    kind, n = code[5], int(code[6])
    first = (n - 1) * (6 if kind == "S" else 3) + 1
    last = first + (5 if kind == "S" else 2)
    end = (datetime.date(y + (last == 12), last % 12 + 1, 1) - datetime.timedelta(days=1))
    return datetime.date(y, first, 1), end


@pytest.mark.parametrize("part,years", [
    ("S1", range(2030, 2100)),
    ("S2", [y for y in range(2030, 2100) if (y + 1) % 4 == 0]),   # due falls on 29 February
    ("Q1", range(2030, 2100)),
    ("Q4", range(2030, 2100)),
    ("", range(2030, 2100)),                                      # a whole year
])
def test_period_create_fills_default_dates(admin, part, years):
    code = free_code(part, years)
    r = admin.send("/admin/periods", {"code": code, "opens": "", "due": "", "locks": ""})
    rp._created_periods.append(code)
    assert r.status == 303 and r.header("Location") == "/admin/periods?done=period_created"
    starts, ends = _span(code)
    expect = [starts, ends, starts, ends + datetime.timedelta(days=60),
              ends + datetime.timedelta(days=120)]
    assert period_row(code) == [d.isoformat() for d in expect] + ["planned"]
    page = admin.get("/admin/periods")
    row = re.search(r'<tr><th scope="row">%s</th>(.*?)</tr>' % code, page.body, re.S).group(1)
    for d in expect:
        assert d.isoformat() in row
    assert "Planned" in row and "Open %s" % code in row


def test_period_create_with_given_dates(admin):
    code = free_code("Q2")
    y = code[:4]
    r = admin.send("/admin/periods", {"code": code, "opens": y + "-06-15", "due": y + "-08-01",
                                      "locks": y + "-08-01"})
    rp._created_periods.append(code)
    assert r.status == 303
    assert period_row(code)[2:] == [y + "-06-15", y + "-08-01", y + "-08-01", "planned"]


@pytest.mark.parametrize("typed", ["{y}-S3", "{y}-Q5", "{y}-S0", "1999", "2101", "x", "{y}S1",
                                   "{y}-s1", "{y}-H1", "<b>&amp;"])
def test_period_bad_code_is_refused_beside_the_field(admin, typed):
    y = free_code("S1")[:4]
    typed = typed.format(y=y)
    r = admin.send("/admin/periods", {"code": typed, "opens": "", "due": y + "-09-01", "locks": ""})
    assert r.status == 400, r
    value, err = field(r.body, "code")
    assert value == typed and err is not None
    assert err in (MSG["period_code"], "This is too long.")
    assert field(r.body, "due") == (y + "-09-01", None)
    assert 'class="error-summary"' in r.body
    assert not sql("SELECT id FROM periods WHERE code = '%s'" % typed.replace("'", "''"))


def test_period_code_twice_is_refused(admin):
    code = rp.create_period(admin, status="planned")
    r = admin.send("/admin/periods", {"code": code, "opens": "", "due": "", "locks": ""})
    assert r.status == 400
    assert field(r.body, "code") == (code, MSG["period_exists"])
    assert sql("SELECT COUNT(*) FROM periods WHERE code = '%s'" % code) == [["1"]]


@pytest.mark.parametrize("dates,where,msg", [
    ({"opens": "{y}-02-30"}, "opens", "bad_date"),
    ({"opens": "{y}-1-1"}, "opens", "bad_date"),
    ({"due": "{y}-13-01"}, "due", "bad_date"),
    ({"due": "{y}/09/01"}, "due", "bad_date"),
    ({"locks": "31-12-{y}"}, "locks", "bad_date"),
    ({"locks": "tomorrow"}, "locks", "bad_date"),
    ({"opens": "{y}-10-01", "due": "{y}-09-01"}, "due", "date_order"),
    ({"due": "{y}-12-01", "locks": "{y}-11-30"}, "due", "date_order"),
])
def test_period_bad_dates_are_refused_beside_the_field(admin, dates, where, msg):
    code = free_code("S1")
    y = code[:4]
    typed = {k: v.format(y=y) for k, v in dates.items()}
    form = {"code": code, "opens": "", "due": "", "locks": ""}
    form.update(typed)
    r = admin.send("/admin/periods", form)
    assert r.status == 400, r
    assert field(r.body, where) == (typed[where], MSG[msg])
    for name in ("code", "opens", "due", "locks"):
        assert field(r.body, name)[0] == form[name]
    assert period_row(code) is None


def test_period_every_wrong_field_gets_its_message(admin):
    y = free_code("S1")[:4]
    r = admin.send("/admin/periods", {"code": y + "-S3", "opens": y + "-02-30", "due": "", "locks": ""})
    assert r.status == 400
    assert field(r.body, "code")[1] == MSG["period_code"]
    assert field(r.body, "opens") == (y + "-02-30", MSG["bad_date"])


def test_period_open_and_lock_decide_where_drafts_start(admin):
    code = rp.create_period(admin, status="planned")
    de = User("data-entry", rp.jurisdiction(fresh=False))
    r = de.send("/report/start", {"period": code})
    assert r.status == 409 and CONFLICT_TITLE in r.body          # planned: no drafts
    assert subs_of(code) == []
    rp.set_period(admin, code, "open")
    assert period_row(code)[5] == "open"
    assert "Lock %s" % code in admin.get("/admin/periods").body
    assert "Start the draft: %s" % code in de.get("/report").body
    sub = rp.start(de, code)
    assert rp.start(de, code) == sub                             # the same draft again
    page = de.get("/report").body                                # now opened, not started
    assert "Open your submission for %s" % code in page
    assert "Start the draft: %s" % code not in page
    rp.set_period(admin, code, "locked")
    assert period_row(code)[5] == "locked"
    other = User("data-entry", rp.jurisdiction(fresh=False))
    while other.jurisdiction == de.jurisdiction:
        other = User("data-entry", rp.jurisdiction())
    r = other.send("/report/start", {"period": code})
    assert r.status == 409
    assert len(subs_of(code)) == 1
    assert code not in re.findall(r'name="period" value="([^"]+)"', de.get("/report").body)


def test_period_status_change_rejects_unknowns(admin):
    code = rp.create_period(admin, status="planned")
    assert admin.send("/admin/periods/status", {"code": code, "status": "closed"}).status == 400
    assert admin.send("/admin/periods/status", {"code": code, "status": ""}).status == 400
    missing = free_code("Q1")
    assert admin.send("/admin/periods/status", {"code": missing, "status": "open"}).status == 404
    assert period_row(missing) is None
    assert period_row(code)[5] == "planned"
    assert admin.send("/report/start", {"period": code}).status == 403


@pytest.mark.parametrize("role", ["data-entry", "focal-point", "viewer", "secretariat-analyst"])
def test_periods_admin_is_refused_to_other_roles(admin, role):
    code = rp.create_period(admin, status="planned")
    u = User(role)
    assert u.get("/admin/periods").status == 403
    fresh = free_code("Q3")
    r = u.send("/admin/periods", {"code": fresh, "opens": "", "due": "", "locks": ""})
    assert r.status == 403 and period_row(fresh) is None
    r = u.send("/admin/periods/status", {"code": code, "status": "open"})
    assert r.status == 403 and period_row(code)[5] == "planned"
    assert "/admin/periods" not in u.get("/").body


def test_periods_admin_needs_sign_in():
    r = Client().get("/admin/periods")
    assert r.status == 303 and r.header("Location").startswith("/login")


# =============================================================================
# 2. The workflow, two jurisdictions
# =============================================================================

def two_jurisdictions():
    a = rp.jurisdiction()
    b = rp.jurisdiction()
    while b == a:
        b = rp.jurisdiction(fresh=False)
    return a, b


def test_workflow_two_jurisdictions(admin):
    A, B = two_jurisdictions()
    de_a, fp_a, v_a = User("data-entry", A), User("focal-point", A), User("viewer", A)
    de_b, fp_b = User("data-entry", B), User("focal-point", B)
    analyst = User("secretariat-analyst")
    period = rp.create_period(admin)

    sub_a = rp.start(de_a, period)
    sub_b = rp.start(de_b, period)
    assert sub_a != sub_b and rp.start(fp_a, period) == sub_a
    assert rp.status(sub_a) == "draft"

    # A: rows and values with flags; totals by row and column
    rp.add_row(de_a, sub_a, FLOWS, "irr_entry", "AFG")
    rp.add_row(de_a, sub_a, FLOWS, "irr_entry", "IRN")
    rp.save(de_a, sub_a, FLOWS, {
        "v:irr_entry:AFG:F.Y_LT18": "3",
        "v:irr_entry:AFG:M.Y_GE18": "10", "f:irr_entry:AFG:M.Y_GE18": "E",
        "v:irr_entry:IRN:M.Y_GE18": "4",
        "f:irr_entry:IRN:F._U": "M",
        "v:entry_place:GREEN:SEA": "12",
    })
    assert rp.cells(sub_a) == [
        ["flows", "entry_place", "GREEN", "SEA", "12", "A"],
        ["flows", "irr_entry", "AFG", "F.Y_LT18", "3", "A"],
        ["flows", "irr_entry", "AFG", "M.Y_GE18", "10", "E"],
        ["flows", "irr_entry", "IRN", "F._U", "NULL", "M"],
        ["flows", "irr_entry", "IRN", "M.Y_GE18", "4", "A"],
    ]
    page = de_a.get("/submission/%d/flows?saved=1" % sub_a)
    assert "Your changes are saved." in page.body
    rows, cols = totals(page.body, "irr_entry")
    assert rows == {label("AFG"): 13, label("IRN"): 4}
    assert cols == [3, 0, 0, 0, 14, 0, 0, 0, 0, 17]
    assert cell(page.body, "v:irr_entry:AFG:M.Y_GE18")[1:3] == ("10", "E")
    assert cell(page.body, "v:irr_entry:IRN:F._U")[1:3] == ("", "M")

    # B: its own figures, which never reach A's pages
    rp.add_row(de_b, sub_b, FLOWS, "irr_entry", "AFG")
    rp.save(de_b, sub_b, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "424242"})
    for user in (de_a, fp_a, v_a):
        for path in ("/report", "/submission/%d" % sub_a, "/submission/%d/flows" % sub_a,
                     "/submission/%d/history" % sub_a):
            r = user.get(path)
            assert r.status == 200, (path, r)
            assert "424242" not in r.body and "/submission/%d" % sub_b not in r.body
            assert de_b.username not in r.body
        for path in ("/submission/%d" % sub_b, "/submission/%d/flows" % sub_b,
                     "/submission/%d/history" % sub_b):
            assert user.get(path).status == 404
    assert fp_b.get("/submission/%d/flows" % sub_a).status == 404
    sec = analyst.get("/report?period=%s" % period).body
    assert "/submission/%d" % sub_a in sec and "/submission/%d" % sub_b in sec

    # submitting: only the focal point, certified, with nil returns for empty datasets
    r = de_a.send("/submission/%d/submit" % sub_a, {"row_version": rowver(sub_a), "certify": "1",
                                                    **{"nil_" + d: "1" for d in NIL_OTHERS + ("routes",)}})
    assert r.status == 403 and rp.status(sub_a) == "draft"
    assert "/submit" not in rp.sub_page(de_a, sub_a).body
    r = rp.submit(fp_a, sub_a, nil=NIL_OTHERS, certify=False, expect=400)
    assert MSG["certify"] in errors(r.body) and rp.status(sub_a) == "draft"
    r = rp.submit(fp_a, sub_a, nil=(), expect=400)
    assert errors(r.body).count(MSG["empty_needs_nil"]) == 3
    for ds in NIL_OTHERS:
        assert 'id="nil-%s-error"' % ds in r.body
    assert 'id="nil-flows-error"' not in r.body
    r = rp.submit(fp_a, sub_a, nil=("flows",) + NIL_OTHERS, expect=400)
    assert errors(r.body) == [MSG["nil_with_values"]] and 'id="nil-flows-error"' in r.body
    assert rp.status(sub_a) == "draft"
    rp.submit(fp_a, sub_a, nil=NIL_OTHERS)
    assert rp.status(sub_a) == "submitted"
    assert sorted(sql("SELECT dataset, nil_return FROM submission_datasets WHERE submission_id = %d"
                      % sub_a)) == [["documents", "1"], ["flows", "0"], ["harm", "1"], ["incidents", "0"],
                                  ["routes", "1"], ["smugglers", "1"]]
    r = de_a.send("/submission/%d/flows" % sub_a,
                  {"row_version": rowver(sub_a), CELL: "99", "action": "save"})
    assert r.status == 409 and CONFLICT_TITLE in r.body

    # the secretariat returns with a reason; the focal point sees it and fixes the data
    r = rp.review(analyst, sub_a, "return", {}, expect=400)
    assert MSG["reason"] in errors(r.body) and rp.status(sub_a) == "submitted"
    reason = "Check Afghanistan <under 18> against the border police log"
    rp.review(analyst, sub_a, "return", {"flows": reason})
    assert rp.status(sub_a) == "returned"
    page = rp.sub_page(fp_a, sub_a)
    assert esc(reason) in page.body and "Returned" in page.body
    rp.save(de_a, sub_a, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "6"})
    rp.submit(fp_a, sub_a, nil=NIL_OTHERS)
    assert rp.status(sub_a) == "submitted"
    rp.review(analyst, sub_a, "accept")
    assert rp.status(sub_a) == "accepted"

    # accepted data is not edited
    before = rp.cells(sub_a)
    for user in (de_a, fp_a):
        r = user.send("/submission/%d/flows" % sub_a,
                      {"row_version": rowver(sub_a), CELL: "7", "action": "save"})
        assert r.status == 409 and CONFLICT_TITLE in r.body
    assert rp.cells(sub_a) == before
    assert 'name="v:' not in rp.grid(de_a, sub_a).body

    # reopening: version 2 is a draft with the same values, version 1 stays readable
    r = rp.review(fp_a, sub_a, "reopen")
    v2 = rp.new_id(r)
    assert sub_row(sub_a)[:2] == ["superseded", "1"]
    assert sub_row(v2)[:2] == ["draft", "2"]
    assert rp.cells(v2) == before
    assert sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1, 2" % v2) == \
        sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1, 2" % sub_a)
    old = rp.sub_page(v_a, sub_a)
    assert "Superseded" in old.body
    assert 'value="6"' not in rp.grid(v_a, sub_a).body and '<td class="num">6</td>' in rp.grid(v_a, sub_a).body
    assert cell(rp.grid(de_a, v2).body, CELL)[1] == "6"
    dash = fp_a.get("/report").body
    assert "/submission/%d\"" % v2 in dash
    rp.save(de_a, v2, FLOWS, {CELL: "8"})
    assert ["flows", "irr_entry", "AFG", "F.Y_LT18", "6", "A"] in rp.cells(sub_a)

    # the period is locked: no edit, no start
    rp.set_period(admin, period, "locked")
    before = rp.cells(v2)
    r = de_a.send("/submission/%d/flows" % v2, {"row_version": rowver(v2), CELL: "9", "action": "save"})
    assert r.status == 409 and CONFLICT_TITLE in r.body
    assert rp.cells(v2) == before
    r = fp_a.send("/submission/%d/submit" % v2, {"row_version": rowver(v2), "certify": "1",
                                                 **{"nil_" + d: "1" for d in NIL_OTHERS + ("routes",)}})
    assert r.status == 409 and rp.status(v2) == "draft"
    assert de_b.send("/report/start", {"period": period}).status == 409
    assert rp.grid(de_a, v2).status == 200


# =============================================================================
# 3. The access matrix
# =============================================================================
#
# Written from issue 3 (item 8 and "Bad input"), not from policy.c:
# - national users of another jurisdiction: 404 for every URL and action;
# - own national users read; viewers never write (403);
# - data entry officers and the focal point edit drafts and returned
#   submissions of an open period; anything else is 409 ("accepted or
#   locked data cannot be edited");
# - only the focal point submits (a data entry officer's submit is 403);
# - the secretariat reads everything and never edits values (403 on save
#   and submit); analysts return or accept submitted submissions (409 for
#   another status);
# - a role that may never do an action gets 403 whatever the status; a role
#   that may, but not in this state, gets 409.
# Where the issue leaves the answer open, the cell accepts both readings and
# the report names it (DISPUTED).

ROLES = ("de_a", "fp_a", "v_a", "de_b", "fp_b", "v_b", "analyst", "admin")
ROLE_NAMES = {"de": "data-entry", "fp": "focal-point", "v": "viewer"}
READS = ("show", "grid", "history")
ACTIONS = READS + ("save", "submit", "return", "accept", "reopen")
SCENARIOS = ("draft", "submitted", "returned", "accepted", "superseded",
             "draft-locked", "submitted-locked", "accepted-locked")

# Cells where the program is known to answer against the issue (none now).
KNOWN_BUGS = set()

DISPUTED = {}


def expected(role, action, scenario):
    status, _, locked = scenario.partition("-")
    open_ = not locked
    editable = status in ("draft", "returned") and open_
    if role.endswith("_b"):
        return {404}
    if action in READS:
        return {200}
    if action == "save":
        return ({303} if editable else {409}) if role in ("de_a", "fp_a") else {403}
    if action == "submit":
        return ({303} if editable else {409}) if role == "fp_a" else {403}
    if action in ("return", "accept"):
        if role == "analyst":
            # A return needs an open period: the state must be able to act
            # on it. Accepting closes the matter and may happen after lock.
            if action == "return" and not open_:
                return {409}
            return {303} if status == "submitted" else {409}
        if role == "admin":
            # DISPUTED: the issue gives review to "secretariat analysts" and
            # periods/jurisdictions/users/code lists to admins; the program
            # lets the whole secretariat review.
            DISPUTED[(role, action, scenario)] = True
            return {403, 303 if status == "submitted" else 409}
        return {403}
    if action == "reopen":
        if role == "fp_a":
            return {303} if status == "accepted" and open_ else {409}
        if role in ("de_a", "v_a"):
            return {403}
        # DISPUTED: the issue does not say who reopens; the program lets the
        # secretariat reopen too. Never into a locked period ("no drafts
        # outside open periods").
        DISPUTED[(role, action, scenario)] = True
        if status == "accepted":
            return {303, 403} if open_ else {403, 409}
        return {403, 409}
    raise AssertionError(action)


@pytest.fixture(scope="module")
def cast():
    A, B = two_jurisdictions()
    users = {}
    for role in ROLES:
        if role in ("analyst", "admin"):
            users[role] = User("secretariat-" + ("analyst" if role == "analyst" else "admin"))
        else:
            short, _, j = role.partition("_")
            users[role] = User(ROLE_NAMES[short], A if j == "a" else B)
    return users


def build(cast, scenario):
    """A's submission in the given state, through the workflow's own forms."""
    status, _, locked = scenario.partition("-")
    period = rp.create_period(cast["admin"])
    sub = rp.start(cast["de_a"], period)
    rp.add_row(cast["de_a"], sub, FLOWS, "irr_entry", "AFG")
    rp.save(cast["de_a"], sub, FLOWS, {CELL: "7"})
    if status != "draft":
        rp.submit(cast["fp_a"], sub, nil=NIL_OTHERS)
    if status == "returned":
        rp.review(cast["analyst"], sub, "return", {"flows": "please check"})
    if status in ("accepted", "superseded"):
        rp.review(cast["analyst"], sub, "accept")
    if status == "superseded":
        rp.review(cast["fp_a"], sub, "reopen")
    if locked:
        rp.set_period(cast["admin"], period, "locked")
    assert rp.status(sub) == status
    return period, sub


def probe(user, action, sub):
    if action == "show":
        return user.get("/submission/%d" % sub)
    if action == "grid":
        return user.get("/submission/%d/flows" % sub)
    if action == "history":
        return user.get("/submission/%d/history" % sub)
    fields = {"row_version": rowver(sub) if sql("SELECT 1 FROM submissions WHERE id = %d" % sub)
              else "1"}
    if action == "save":
        fields.update({CELL: "11", FLAG: "A", "action": "save"})
        return user.send("/submission/%d/flows" % sub, fields)
    if action == "submit":
        fields["certify"] = "1"
        fields.update({"nil_" + d: "1" for d in NIL_OTHERS + ("routes",)})
    if action == "return":
        fields["reason_flows"] = "Please check the figures"
    return user.send("/submission/%d/%s" % (sub, action), fields)


def check_effect(action, period, sub):
    if action == "save":
        assert ["flows", "irr_entry", "AFG", "F.Y_LT18", "11", "A"] in rp.cells(sub)
    elif action == "submit":
        assert rp.status(sub) == "submitted"
    elif action == "return":
        assert rp.status(sub) == "returned"
    elif action == "accept":
        assert rp.status(sub) == "accepted"
    elif action == "reopen":
        assert rp.status(sub) == "superseded"
        assert [r[1:] for r in subs_of(period)] == [["1", "superseded"], ["2", "draft"]]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_access_matrix(cast, scenario):
    period, sub = build(cast, scenario)
    state = (sub_row(sub), rp.cells(sub), subs_of(period))
    got, want, mutating = {}, {}, []
    for role in ROLES:
        for action in ACTIONS:
            key = (role, action, scenario)
            if key in KNOWN_BUGS:
                continue
            exp = expected(role, action, scenario)
            want[key] = exp
            if action not in READS and (303 in exp):
                mutating.append(key)
                continue
            got[key] = probe(cast[role], action, sub).status
    # refused requests changed nothing
    assert (sub_row(sub), rp.cells(sub), subs_of(period)) == state
    # each action that may succeed runs on a fresh submission of its own
    for key in mutating:
        role, action, _ = key
        p2, s2 = build(cast, scenario)
        r = probe(cast[role], action, s2)
        got[key] = r.status
        if r.status in (200, 303):
            check_effect(action, p2, s2)
    wrong = {k: (got[k], sorted(want[k])) for k in got if got[k] not in want[k]}
    assert wrong == {}


def test_unknown_submission_ids_are_404_for_everyone(cast):
    top = int(sql("SELECT COALESCE(MAX(id), 0) FROM submissions")[0][0])
    for role in ROLES:
        u = cast[role]
        for ident in (str(top + 1000), "0", "-1", "abc", "1x", "%d.0" % (top + 1000)):
            for suffix in ("", "/flows", "/history"):
                assert u.get("/submission/%s%s" % (ident, suffix)).status == 404, (role, ident, suffix)
            for action in ("flows", "submit", "return", "accept", "reopen"):
                r = u.send("/submission/%s/%s" % (ident, action), {"row_version": "1", "certify": "1"})
                assert r.status == 404, (role, ident, action, r)


def test_unknown_dataset_is_404(cast):
    period, sub = build(cast, "draft")
    for role in ("de_a", "analyst"):
        assert cast[role].get("/submission/%d/nosuch" % sub).status == 404
        r = cast[role].send("/submission/%d/nosuch" % sub, {"row_version": rowver(sub)})
        assert r.status == 404


def test_start_is_for_data_entry_and_focal_points(cast):
    period = rp.create_period(cast["admin"])
    for role in ("v_a", "analyst", "admin"):
        assert cast[role].send("/report/start", {"period": period}).status == 403
    assert cast["de_a"].send("/report/start", {"period": free_code("Q2")}).status == 404
    assert subs_of(period) == []


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_secretariat_reopen_in_locked_period_starts_no_draft(cast, role):
    period, sub = build(cast, "accepted-locked")
    r = probe(cast[role], "reopen", sub)
    assert r.status in (403, 409)
    assert [s[1:] for s in subs_of(period)] == [["1", "accepted"]]


# =============================================================================
# 4. Validation on the grid
# =============================================================================

def draft_with_row(admin, juris=None):
    juris = juris or rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    period = rp.create_period(admin)
    sub = rp.start(de, period)
    rp.add_row(de, sub, FLOWS, "irr_entry", "AFG")
    rp.add_row(de, sub, FLOWS, "irr_entry", "IRN")
    rp.save(de, sub, FLOWS, {"v:irr_entry:IRN:M.Y_GE18": "21"})
    return de, sub


BAD_CELLS = [
    ("-3", "A", "negative"),
    ("12a", "A", "not_number"),
    ("1e3", "A", "not_number"),
    ("1,20", "A", "not_number"),           # groups of three only
    ("12 34", "A", "not_number"),
    ("0x10", "A", "not_number"),
    ("+5", "A", "not_number"),
    ("3.5", "A", "not_number"),
    ("\u0663", "A", "not_number"),           # an Arabic-Indic digit
    ("<b>1</b>", "A", "not_number"),
    ("10000000000", "A", "too_large"),
    ("1000000000", "A", "too_large"),
    ("5", "M", "flag_no_number"),
    ("0", "Z", "flag_no_number"),
    ("", "E", "flag_needs_number"),
    ("", "C", "flag_needs_number"),
    ("5", "X", "bad_flag"),
    ("5", "AE", "bad_flag"),
    ("5", "", "bad_flag"),
]


@pytest.mark.parametrize("value,flag,msg", BAD_CELLS)
def test_grid_bad_cell_rerenders_every_typed_value(admin, value, flag, msg):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub), rowver(sub)
    typed = {CELL: value, FLAG: flag,
             "v:irr_entry:AFG:M.Y_GE18": "8", "f:irr_entry:AFG:M.Y_GE18": "E",
             "v:irr_entry:IRN:M.Y_GE18": "22",
             "v:irr_entry:IRN:F._U": "", "f:irr_entry:IRN:F._U": "M"}
    r = rp.save(de, sub, FLOWS, typed, expect=400)
    cls, shown, shown_flag, err = cell(r.body, CELL)
    assert "field-error" in cls and err == MSG[msg]
    assert shown == value
    if flag in ("A", "E", "M", "Z", "C"):
        assert shown_flag == flag
    assert cell(r.body, "v:irr_entry:AFG:M.Y_GE18") == ("num", "8", "E", None)
    assert cell(r.body, "v:irr_entry:IRN:M.Y_GE18") == ("num", "22", "A", None)
    assert cell(r.body, "v:irr_entry:IRN:F._U") == ("num", "", "M", None)
    assert 'class="error-summary"' in r.body and errors(r.body) == [MSG[msg]]
    assert 'aria-invalid="true"' in r.body
    assert (rp.cells(sub), rowver(sub)) == before
    assert not [h for h in history(de, sub) if "22" in h[3] or "8 (estimate)" in h[3]]


def test_grid_several_bad_cells_each_get_their_message(admin):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub)
    typed = {"v:irr_entry:AFG:F.Y_LT18": "-1", "v:irr_entry:AFG:F.Y_GE18": "abc",
             "v:irr_entry:AFG:M.Y_LT18": "7", "f:irr_entry:AFG:M.Y_LT18": "Z",
             "v:irr_entry:IRN:F.Y_LT18": "", "f:irr_entry:IRN:F.Y_LT18": "C",
             "v:irr_entry:IRN:M.Y_GE18": "99999999999",
             "v:irr_entry:IRN:_U._U": "42"}
    r = rp.save(de, sub, FLOWS, typed, expect=400)
    want = {"v:irr_entry:AFG:F.Y_LT18": "negative", "v:irr_entry:AFG:F.Y_GE18": "not_number",
            "v:irr_entry:AFG:M.Y_LT18": "flag_no_number",
            "v:irr_entry:IRN:F.Y_LT18": "flag_needs_number",
            "v:irr_entry:IRN:M.Y_GE18": "too_large"}
    for name, value in typed.items():
        if name.startswith("v:"):
            cls, shown, _, err = cell(r.body, name)
            assert shown == value
            assert err == (MSG[want[name]] if name in want else None)
    assert len(errors(r.body)) == 5
    assert rp.cells(sub) == before


@pytest.mark.parametrize("name,value", [
    ("v:nosuch:AFG:F.Y_LT18", "1"),
    ("v:irr_entry:PAK:F.Y_LT18", "1"),       # a country, but not a row of this table
    ("v:irr_entry:ZZZ:F.Y_LT18", "1"),
    ("v:irr_entry:AFG:X.Y_LT18", "1"),
    ("v:irr_entry:AFG:F", "1"),
    ("f:irr_entry:AFG:Q.Q", "A"),
    ("v:entry_place:NOPE:AIR", "1"),
    ("v:entry_place:BCP:CAR", "1"),
    ("v:by_issuer:AFG:FORGED", "1"),         # a table of another dataset
])
def test_grid_unknown_codes_in_field_names_are_400(admin, name, value):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub), rowver(sub)
    page = rp.grid(de, sub)
    r = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page), {CELL: "5", name: value}))
    assert r.status == 400, r
    assert (rp.cells(sub), rowver(sub)) == before


@pytest.mark.parametrize("action", ["add:nosuch", "add:entry_place", "remove:irr_entry:PAK",
                                    "remove:nosuch:AFG", "delete", ""])
def test_grid_unknown_actions_are_400(admin, action):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub), rowver(sub)
    page = rp.grid(de, sub)
    r = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page, action), {CELL: "5"}))
    assert r.status == 400, r
    assert (rp.cells(sub), rowver(sub)) == before


@pytest.mark.parametrize("code,msg", [("AFG", "duplicate_row"), ("ZZZ", "unknown_code"),
                                      ("afg", "unknown_code"), ("", "choose_row")])
def test_grid_add_row_errors_keep_the_typed_values(admin, code, msg):
    de, sub = draft_with_row(admin)
    rows = sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1, 2" % sub)
    before = rp.cells(sub)
    r = rp.save(de, sub, FLOWS, {"add_table": "irr_entry", "add_row": code, CELL: "31",
                                 "v:irr_entry:IRN:M.Y_GE18": "23"},
                action="add", expect=400)
    i = r.body.find('<label for="add-row"')
    add = r.body[r.body.rfind('<fieldset class="field', 0, i):r.body.find("</fieldset>", i)]
    assert "field-error" in add and MSG[msg] in add
    assert errors(r.body) == [MSG[msg]]
    assert cell(r.body, CELL)[1] == "31" and cell(r.body, "v:irr_entry:IRN:M.Y_GE18")[1] == "23"
    assert sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1, 2" % sub) == rows
    assert rp.cells(sub) == before


def test_grid_blank_is_not_zero_and_clearing_deletes(admin):
    de, sub = draft_with_row(admin)
    rp.save(de, sub, FLOWS, {CELL: "0"})
    assert ["flows", "irr_entry", "AFG", "F.Y_LT18", "0", "A"] in rp.cells(sub)
    page = rp.grid(de, sub)
    assert cell(page.body, CELL)[1] == "0"
    assert cell(page.body, "v:irr_entry:AFG:F.Y_GE18")[1] == ""
    rp.save(de, sub, FLOWS, {CELL: ""})
    assert [c for c in rp.cells(sub) if c[2] == "AFG"] == []
    rp.save(de, sub, FLOWS, {CELL: "999999999", FLAG: "C"})
    assert ["flows", "irr_entry", "AFG", "F.Y_LT18", "999999999", "C"] in rp.cells(sub)


@pytest.mark.parametrize("size,by", [(10 * 1024 * 1024, "nginx"), (1536 * 1024, "program")])
def test_grid_huge_value_is_413_and_writes_nothing(admin, size, by):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub), rowver(sub)
    page = rp.grid(de, sub)
    r = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page), {CELL: "9" * size}))
    assert r.status == 413
    if by == "program":
        assert "Too much data" in r.body and "Nothing was saved" in r.body
    assert (rp.cells(sub), rowver(sub)) == before


def test_grid_long_value_under_the_body_limit_is_refused(admin):
    de, sub = draft_with_row(admin)
    before = rp.cells(sub), rowver(sub)
    page = rp.grid(de, sub)
    r = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page), {CELL: "9" * 100000}))
    assert r.status in (400, 413)
    assert (rp.cells(sub), rowver(sub)) == before


def test_grid_with_many_rows_can_still_be_saved(admin):
    """30 citizenship rows in flows: 578 fields, over the old max_fields default of 500."""
    de = User("data-entry", rp.jurisdiction(fresh=False))
    period = rp.create_period(admin)
    sub = rp.start(de, period)
    countries = ["AFG", "BGD", "PAK", "IRN", "MMR", "CHN"]
    for table in ("irr_entry", "irr_exit", "irr_stay", "smuggled", "refused"):
        for code in countries:
            rp.add_row(de, sub, FLOWS, table, code, expect=None)
    assert sql("SELECT COUNT(*) FROM grid_rows WHERE submission_id = %d" % sub) == [["30"]]
    r = rp.save(de, sub, FLOWS, {"v:refused:CHN:M.Y_GE18": "5"}, expect=None)
    assert r.status == 303, r
    assert ["flows", "refused", "CHN", "M.Y_GE18", "5", "A"] in rp.cells(sub)


def test_grid_remove_row(admin):
    de, sub = draft_with_row(admin)
    rp.save(de, sub, FLOWS, {CELL: "5"})
    # the row holds data: removing it is asked first (test_ux_forms.py)
    rp.save(de, sub, FLOWS, {}, action="remove:irr_entry:AFG", expect=200)
    rp.save(de, sub, FLOWS, {}, action="remove_confirmed:irr_entry:AFG")
    assert sql("SELECT row_code FROM grid_rows WHERE submission_id = %d AND tbl = 'irr_entry'"
               % sub) == [["IRN"]]
    assert [c for c in rp.cells(sub) if c[2] == "AFG"] == []
    assert "Afghanistan removed from Irregular entries detected" in \
        " ".join(h[3] for h in history(de, sub))


def test_grid_remove_row_records_the_removed_values(admin):
    de, sub = draft_with_row(admin)
    rp.save(de, sub, FLOWS, {CELL: "5"})
    n = len(history(de, sub))
    rp.save(de, sub, FLOWS, {}, action="remove_confirmed:irr_entry:AFG")
    later = " ".join(h[3] for h in history(de, sub)[n:])
    assert "Afghanistan, Female, Under 18: 5 removed with its row" in later


# =============================================================================
# 5. Stale save
# =============================================================================

def test_stale_save_shows_both_versions_and_saves_nothing(admin):
    juris = rp.jurisdiction(fresh=False)
    one, sub = draft_with_row(admin, juris)
    two = User("focal-point", juris)
    page1, page2 = rp.grid(one, sub), rp.grid(two, sub)
    assert rp.row_version(page1) == rp.row_version(page2)
    r = one.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page1), {CELL: "5"}))
    assert r.status == 303
    saved = rp.cells(sub)
    hist = len(history(one, sub))
    r = two.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(page2), {
        CELL: "9", "v:irr_entry:AFG:M.Y_GE18": "4", "f:irr_entry:AFG:M.Y_GE18": "E"}))
    assert r.status == 409
    assert STALE_TITLE in r.body
    theirs = r.body[r.body.find(STALE_TITLE):r.body.find("<form method=\"post\" action=\"/submission/")]
    assert re.search(r'<td class="num">5</td>', table_html(theirs, "irr_entry", prefix="theirs-"))
    assert re.search(r'<td class="num">21</td>', table_html(theirs, "irr_entry", prefix="theirs-"))
    assert 'name="v:' not in theirs
    assert cell(r.body, CELL)[1] == "9"
    assert cell(r.body, "v:irr_entry:AFG:M.Y_GE18")[1:3] == ("4", "E")
    assert rp.cells(sub) == saved and len(history(one, sub)) == hist
    assert rp.row_version(r) == rowver(sub)
    # saving again from that page keeps what the second user typed
    r = two.send("/submission/%d/flows" % sub, rp.form_fields(r))
    assert r.status == 303
    got = rp.cells(sub)
    assert ["flows", "irr_entry", "AFG", "F.Y_LT18", "9", "A"] in got
    assert ["flows", "irr_entry", "AFG", "M.Y_GE18", "4", "E"] in got


def test_stale_workflow_forms_are_409(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp = User("focal-point", juris)
    old = rp.row_version(rp.sub_page(fp, sub))
    rp.save(de, sub, FLOWS, {CELL: "5"})
    r = fp.send("/submission/%d/submit" % sub, {"row_version": old, "certify": "1",
                                                **{"nil_" + d: "1" for d in NIL_OTHERS + ("routes",)}})
    assert r.status == 409 and rp.status(sub) == "draft"


# =============================================================================
# 6. History and vrsadm verify
# =============================================================================

def test_history_records_changes_and_transitions_and_verify_detects_tampering(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.save(de, sub, FLOWS, {CELL: "5"})
    rp.save(de, sub, FLOWS, {CELL: "8", FLAG: "E"})
    rp.save(fp, sub, FLOWS, {CELL: "", FLAG: "A", "v:irr_entry:AFG:M._U": "",
                             "f:irr_entry:AFG:M._U": "Z"})
    rp.submit(fp, sub, nil=NIL_OTHERS)
    rp.review(analyst, sub, "return", {"flows": "see note"})
    rp.submit(fp, sub, nil=NIL_OTHERS)
    rp.review(analyst, sub, "accept")
    v2 = rp.new_id(rp.review(fp, sub, "reopen"))
    entries = history(fp, sub)
    got = [(who, what, detail) for _, who, what, detail in entries]
    for row in [
        (de.username, "Draft started", None),
        # sentences with names (the stored detail keeps the codes)
        (de.username, "Row added", "Afghanistan added to Irregular entries detected"),
        (de.username, "Table saved", "%s, Male, 18 or over: blank changed to 21" % label("IRN")),
        (de.username, "Table saved", "Afghanistan, Female, Under 18: blank changed to 5"),
        (de.username, "Table saved", "Afghanistan, Female, Under 18: 5 changed to 8 (estimate)"),
        (fp.username, "Table saved", "Afghanistan, Female, Under 18: 8 (estimate) changed to blank"),
        (fp.username, "Table saved", "Afghanistan, Male, Unknown: blank changed to not applicable"),
        (fp.username, "Submitted by the focal point", None),
        (analyst.username, "Returned by the secretariat", None),
        (analyst.username, "Accepted by the secretariat", None),
        (fp.username, "Reopened", None),
    ]:
        # a save is one entry; its cell changes (old -> new) are listed in it
        assert [g for g in got if g[:2] == row[:2] and (row[2] is None or row[2] in g[2])], row
    transitions = ("Draft started", "Submitted by the focal point", "Returned by the secretariat",
                   "Accepted by the secretariat", "Reopened")
    order = [g[1] for g in got if g[1] in transitions]
    assert order == ["Draft started", "Submitted by the focal point", "Returned by the secretariat",
                     "Submitted by the focal point", "Accepted by the secretariat", "Reopened"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", e[0]) for e in entries)
    assert [e for e in entries if e[2] == "Reopened"][0][3].startswith("Reopened as version 2.")
    assert not [e for e in entries if "sha256" in e[3] or "->" in e[3]]
    assert [h for h in history(fp, v2) if h[2] == "Draft started"]

    out = vrsadm("verify").stdout
    assert "history chain intact" in out
    # A save's cell changes are covered by the digest in its history entry:
    # rewriting one of them breaks the chain at that entry.
    seq, n = sql("SELECT c.history_seq, c.n FROM cell_changes c JOIN history h "
                 "ON h.seq = c.history_seq WHERE h.object_type = 'submission' AND "
                 "h.object_id = %d AND c.was = '5 A' AND c.now = '8 E'" % sub)[0]
    try:
        sql("UPDATE cell_changes SET now = '80 E' WHERE history_seq = %s AND n = %s" % (seq, n))
        assert "5 changed to 80 (estimate)" in " ".join(h[3] for h in history(fp, sub))
        r = vrsadm("verify", check=False)
        assert r.returncode == 1
        assert "history chain BROKEN at entry %s" % seq in r.stdout
    finally:
        sql("UPDATE cell_changes SET now = '8 E' WHERE history_seq = %s AND n = %s" % (seq, n))
    # and so does rewriting the entry itself
    detail = sql("SELECT detail FROM history WHERE seq = %s" % seq)[0][0]
    try:
        sql("UPDATE history SET detail = '%s' WHERE seq = %s"
            % (detail.replace("1 cells", "2 cells").replace("'", "''"), seq))
        r = vrsadm("verify", check=False)
        assert r.returncode == 1 and "BROKEN at entry %s" % seq in r.stdout
    finally:
        sql("UPDATE history SET detail = '%s' WHERE seq = %s" % (detail.replace("'", "''"), seq))
    assert "history chain intact" in vrsadm("verify").stdout


def test_return_with_a_blank_reason_is_refused(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.submit(fp, sub, nil=NIL_OTHERS)
    r = rp.review(analyst, sub, "return", {"flows": "   ", "harm": "\r\n\t"}, expect=None)
    assert r.status == 400 and MSG["reason"] in errors(r.body)
    assert rp.status(sub) == "submitted"


def test_history_keeps_the_reason_of_a_return(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.submit(fp, sub, nil=NIL_OTHERS)
    reason = "Irregular entries by sea look too low for this half-year"
    rp.review(analyst, sub, "return", {"flows": reason})
    rp.submit(fp, sub, nil=NIL_OTHERS)
    assert reason in " ".join(h[3] for h in history(fp, sub))


# =============================================================================
# 7. Consistency warnings
# =============================================================================

def test_consistency_warning_needs_acknowledgement(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp = User("focal-point", juris)
    rp.add_row(de, sub, FLOWS, "smuggled", "AFG")
    rp.save(de, sub, FLOWS, {CELL: "3", "v:smuggled:AFG:F.Y_LT18": "3",
                             "v:smuggled:AFG:M.Y_GE18": "2"})
    assert "Consistency warnings" not in rp.sub_page(fp, sub).body     # equal is fine
    rp.save(de, sub, FLOWS, {"v:smuggled:AFG:F.Y_LT18": "5"})
    page = rp.sub_page(fp, sub)
    assert "Consistency warnings" in page.body
    warns = re.findall(r'<ul class="warnings">(.*?)</ul>', page.body, re.S)[0]
    assert "Afghanistan" in warns and "Female, Under 18" in warns
    assert "(5)" in warns and "(3)" in warns and "is greater than" in warns
    assert warns.count("<li>") == 1                                      # M.Y_GE18 has no entry figure
    r = rp.submit(fp, sub, nil=NIL_OTHERS, expect=400)
    assert errors(r.body) == [MSG["acknowledge"]] and rp.status(sub) == "draft"
    assert 'class="error-summary"' in r.body
    rp.submit(fp, sub, nil=NIL_OTHERS, acknowledge=True, expect=303)
    assert rp.status(sub) == "submitted"


def test_consistency_warning_for_a_widening_justice_funnel(admin):
    juris = rp.jurisdiction(fresh=False)
    de, sub = draft_with_row(admin, juris)
    fp = User("focal-point", juris)
    rp.add_row(de, sub, "smugglers", "by_citizenship", "PAK")
    rp.save(de, sub, "smugglers", {"v:by_citizenship:PAK:PROSECUTED.M": "2",
                                   "v:by_citizenship:PAK:CONVICTED.M": "4"})
    page = rp.sub_page(fp, sub)
    warns = re.findall(r'<ul class="warnings">(.*?)</ul>', page.body, re.S)[0]
    assert "Pakistan" in warns and "Convicted (4)" in warns and "Prosecuted (2)" in warns
    assert "CONVICTED" not in warns and ", Male:" in warns
    r = rp.submit(fp, sub, nil=("documents", "harm"), expect=400)
    assert errors(r.body) == [MSG["acknowledge"]]
    rp.submit(fp, sub, nil=("documents", "harm"), acknowledge=True)
    assert rp.status(sub) == "submitted"
