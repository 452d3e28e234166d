"""Issue 13, the forms: coordinates rounded and every typed value kept
(item 3), totals on a refused grid (item 4), a refused submit changes
nothing (item 5), the personal-data confirmation that points the right
way (item 6), the GOV.UK error summary on every form, whole numbers as
people type them, required and optional marks, a notice after every
change, and a confirmation before a row with data is removed.

Everything goes through nginx to the real workers and MariaDB; SQL only
reads (reporting.cleanup removes the periods made here)."""
import html
import re

import pytest

import reporting as rp
from conftest import Client, create_user, sql
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

FLOWS = "flows"
NIL_OTHERS = ("documents", "smugglers", "harm")


# ---- helpers --------------------------------------------------------------

def summary(body):
    """The error summary's block, or None."""
    m = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', body, re.S)
    return m.group(1) if m else None


def summary_links(body):
    """[(id, text)] of the summary's links; each must name an element of
    the page, and the summary must say what it is about."""
    block = summary(body)
    assert block is not None, "no error summary on the page"
    links = [(html.unescape(i), html.unescape(re.sub(r"<[^>]+>", "", t)))
             for i, t in re.findall(r'<a href="#([^"]+)">(.*?)</a>', block, re.S)]
    assert links, "the error summary links to no field"
    ids = {html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', body)}
    for target, text in links:
        assert target in ids, "summary link #%s (%s) has no element" % (target, text)
        assert text.strip(), target
    assert "<h2" in block and 'role="alert"' in body
    return links


def says_not_saved(body):
    assert "Nothing was saved." in summary(body)


def follow(user, r):
    """The page a redirect leads to."""
    assert r.status == 303, r
    loc = r.header("Location")
    page = user.get(loc)
    assert page.status == 200, page
    return page


def notice(page):
    """The text of the page's status notices."""
    return [html.unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in
            re.findall(r'<p class="notice" role="status"[^>]*>(.*?)</p>', page.body, re.S)]


def draft(admin):
    """A data-entry officer, a focal point and a fresh draft with an
    Afghanistan row in irregular entries (flows)."""
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    period = rp.create_period(admin)
    sub = rp.start(de, period)
    rp.add_row(de, sub, FLOWS, "irr_entry", "AFG")
    return de, juris, period, sub


def period_start(period):
    return sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
               % period)[0][0]


INCIDENT = {"area": "", "lat": "", "lon": "", "border": "SEA", "transport": "SEA_VESSEL",
            "vessel": "Dinghy", "concealment": "", "persons": "1", "person_cit.0": "AFG",
            "person_n.0": "3", "dead": "0", "missing": "0", "smugglers": "0",
            "follow_up": "NONE", "note": "", "row_version": "0", "action": "save"}


def input_value(body, name):
    m = re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), body)
    if m is None:
        m = re.search(r'value="([^"]*)"[^>]*name="%s"' % re.escape(name), body)
    return html.unescape(m.group(1)) if m else None


# ---- item 3: coordinates and "Add a citizenship" -------------------------

def test_coordinates_with_more_decimals_are_rounded_and_the_page_says_so(admin):
    de, juris, period, sub = draft(admin)
    fields = dict(INCIDENT, date=period_start(period), lat="-10.1234", lon="-5.35")
    r = de.send("/submission/%d/incidents/new" % sub, fields)
    assert r.status == 303, r                       # before: "This is too long", blanked
    iid = int(re.search(r"/incidents/(\d+)", r.header("Location")).group(1))
    assert sql("SELECT lat, lon FROM incidents WHERE id = %d" % iid) == [["-10.1", "-5.4"]]
    page = follow(de, r)
    assert any("rounded to one decimal" in n for n in notice(page)), notice(page)
    assert input_value(page.body, "lat") == "-10.1"
    # A form refused for another reason shows the rounded value and what
    # was typed, beside the coordinates.
    fields = dict(fields, lat="36.149", date="")
    r = de.send("/submission/%d/incidents/new" % sub, fields)
    assert r.status == 400, r
    assert input_value(r.body, "lat") == "36.1"
    rounded = re.search(r'<p class="notice" id="coords-rounded">(.*?)</p>', r.body, re.S)
    assert rounded and "36.149" in rounded.group(1)


def test_add_a_citizenship_keeps_every_value_typed(admin):
    de, juris, period, sub = draft(admin)
    typed = dict(INCIDENT, date=period_start(period), area="North coast", lat="-10.1234",
                 lon="147.25", vessel="Wooden boat", dead="a few", missing="1 200",
                 note="Seen at dawn", action="add_person")
    typed["person_n.0"] = "three"
    r = de.send("/submission/%d/incidents/new" % sub, typed)
    assert r.status in (200, 400), r
    for name in ("area", "lat", "lon", "vessel", "dead"):
        assert input_value(r.body, name) == typed[name], name
    assert input_value(r.body, "missing") == "1200"        # the same number, as digits
    assert input_value(r.body, "person_n.0") == "three"
    assert input_value(r.body, "person_n.1") == ""          # the new row
    assert "Seen at dawn" in r.body
    assert re.search(r'<option value="AFG" selected', r.body)
    assert not sql("SELECT id FROM incidents WHERE submission_id = %d" % sub)


# ---- item 4: totals on a refused grid -------------------------------------

def row_total(body, table, row_label):
    t = body[body.find('id="t-%s"' % table):]
    t = t[:t.find("</table>")]
    tr = re.search(r'<tr><th scope="row">%s</th>(.*?)</tr>' % re.escape(row_label), t, re.S)
    assert tr, row_label
    return int(re.findall(r'<td class="num">(\d+)</td>', tr.group(1))[-1])


def grand_total(body, table):
    t = body[body.find('id="t-%s"' % table):]
    foot = t[t.find("<tfoot>"):t.find("</tfoot>")]
    return int(re.findall(r'<td class="num">(\d+)</td>', foot)[-1])


def test_totals_of_a_refused_grid_count_typed_values_where_valid(admin):
    de, juris, period, sub = draft(admin)
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "5", "v:irr_entry:AFG:M.Y_GE18": "3"})
    assert row_total(rp.grid(de, sub).body, "irr_entry", "Afghanistan") == 8
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "7",       # typed, valid
                                 "v:irr_entry:AFG:M.Y_GE18": "abc",     # wrong: saved 3 counts
                                 "v:irr_entry:AFG:M.Y_LT18": "1 200"},  # typed, valid
                expect=400)
    assert row_total(r.body, "irr_entry", "Afghanistan") == 7 + 3 + 1200   # before: 0
    assert grand_total(r.body, "irr_entry") == 1210
    assert rp.cells(sub) and sql("SELECT value FROM cells WHERE submission_id = %d AND "
                                 "col_code = 'F.Y_LT18'" % sub) == [["5"]]


# ---- item 5: a refused submit changes nothing -----------------------------

def test_a_refused_submit_records_no_nil_return(admin):
    de, juris, period, sub = draft(admin)
    fp = User("focal-point", juris)
    rp.add_row(de, sub, FLOWS, "smuggled", "AFG")
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "3", "v:smuggled:AFG:F.Y_LT18": "5"})
    before = sql("SELECT dataset, nil_return FROM submission_datasets WHERE submission_id = %d "
                 "ORDER BY 1" % sub), rp.status(sub)
    r = rp.submit(fp, sub, nil=NIL_OTHERS, expect=400)      # warning not acknowledged
    table = r.body[r.body.find("<table class=\"data\">"):r.body.find("</table>")]
    assert "Nil return" not in re.sub(r"<thead>.*?</thead>", "", table, flags=re.S)
    # the boxes keep what was ticked, for the next try
    for ds in NIL_OTHERS:
        assert re.search(r'id="nil-%s" name="nil_%s" value="1" checked' % (ds, ds), r.body)
    assert (sql("SELECT dataset, nil_return FROM submission_datasets WHERE submission_id = %d "
                "ORDER BY 1" % sub), rp.status(sub)) == before
    page = rp.sub_page(fp, sub)
    table = page.body[page.body.find("<table class=\"data\">"):page.body.find("</table>")]
    assert "Nil return" not in re.sub(r"<thead>.*?</thead>", "", table, flags=re.S)
    links = summary_links(r.body)
    assert [i for i, _ in links] == ["acknowledge"]
    says_not_saved(r.body)


# ---- item 6: "Check the text marked below" --------------------------------

def test_personal_data_confirmation_points_at_the_texts_where_they_are(admin):
    de, juris, period, sub = draft(admin)
    fields = dict(INCIDENT, date=period_start(period), area="Port", note="mail x@example.org")
    r = de.send("/submission/%d/incidents/new" % sub, fields)
    assert r.status == 400, r
    message = rp.errors(r.body)
    assert message and not any("below" in m for m in message), message
    links = summary_links(r.body)
    assert [i for i, _ in links] == ["f-note", "f-confirm_pii"]
    # the text with the warning comes before the confirmation box
    assert r.body.find('id="f-note"') < r.body.find('id="f-confirm_pii"')
    assert "identifies no one" in r.body


# ---- the error summary on every form --------------------------------------

def test_error_summary_links_on_the_sign_in_and_password_forms():
    c = Client()
    r = c.post("/login", {"username": "nobody-here", "password": "wrong password"})
    assert r.status == 403
    assert [i for i, _ in summary_links(r.body)] == ["f-username"]
    assert "Nothing was saved" not in summary(r.body)      # signing in saves nothing
    r = Client().post("/login", {"username": "", "password": ""})
    links = summary_links(r.body)
    assert [i for i, _ in links] == ["f-username", "f-password"]
    assert links[0][1] == "Username: This field is required."        # names its field
    user, pw = create_user()
    c = Client()
    assert c.login(user, pw).status == 303
    r = c.post("/account/password", {"current": "wrong", "new": "short", "confirm": "other"})
    assert r.status == 400
    ids = [i for i, _ in summary_links(r.body)]
    assert "f-current" in ids or "f-new" in ids
    says_not_saved(r.body)


def test_error_summary_links_on_the_administration_forms(admin):
    r = admin.send("/admin/periods", {"code": "2026-X9", "opens": "soon", "due": "", "locks": ""})
    assert r.status == 400
    assert [i for i, _ in summary_links(r.body)] == ["f-code", "f-opens"]
    says_not_saved(r.body)
    r = admin.send("/admin/codes", {"list": "country", "code": "bad code", "label": "", "from": ""})
    assert r.status == 400
    assert [i for i, _ in summary_links(r.body)] == ["f-code", "f-label"]
    r = admin.send("/admin/codes/end", {"list": "country", "code": "AFG", "to": "someday"})
    assert r.status == 400
    assert [i for i, _ in summary_links(r.body)] == ["to-AFG"]
    r = admin.send("/admin/users", {"username": "", "name": "", "role": "data-entry",
                                    "jurisdiction": "", "password": "x"})
    assert r.status == 400
    ids = [i for i, _ in summary_links(r.body)]
    assert "f-username" in ids and "f-password" in ids
    target, _ = create_user()
    r = admin.send("/admin/users/reset", {"username": target, "password": "short"})
    assert r.status == 400
    assert [i for i, _ in summary_links(r.body)] == ["f-reset-password"]
    r = admin.send("/admin/sharing", {"sharing_mode": "sometimes", "sharing_window": "many",
                                      "contribution": "accepted", "suppress_k": "3",
                                      "default_level": "attributed"})
    assert r.status == 400
    ids = [i for i, _ in summary_links(r.body)]
    assert "f-sharing_mode" in ids and "f-sharing_window" in ids
    says_not_saved(r.body)


def test_error_summary_links_to_grid_cells_and_the_row_to_add(admin):
    de, juris, period, sub = draft(admin)
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "1,20",
                                 "v:irr_entry:AFG:M.Y_GE18": "-4"}, expect=400)
    links = summary_links(r.body)
    assert [i for i, _ in links] == ["v:irr_entry:AFG:F.Y_LT18", "v:irr_entry:AFG:M.Y_GE18"]
    assert links[0][1].startswith("Irregular entries")      # names its table and row
    assert "Afghanistan" in links[0][1] and "such as 1200" in links[0][1]
    says_not_saved(r.body)
    # a cell in error carries its own id, inside its scrolling table, and
    # only those do: an id on each of a large grid's inputs would weigh
    # about 5 KB gzipped (test_ux_names.py holds the grid to 30 KB)
    ids = re.findall(r'<input type="text" inputmode="numeric" id="([^"]+)" name="v:([^"]+)"',
                     r.body)
    assert sorted(i for i, _ in ids) == sorted(i for i, _ in links)
    assert all(i == "v:" + n for i, n in ids)
    r = rp.save(de, sub, FLOWS, {"add_table": "irr_entry", "add_row": ""}, action="add",
                expect=400)
    assert [i for i, _ in summary_links(r.body)] == ["add-row"]


def test_error_summary_links_on_the_record_and_narrative_forms(admin):
    de, juris, period, sub = draft(admin)
    r = de.send("/submission/%d/routes/new" % sub, {
        "origin": "", "legs": "1", "leg_to.0": "ZZZ", "leg_mode.0": "", "migrants": "1.5",
        "fee_amount": "", "fee_currency": "", "fee_scope": "", "source": "", "confidence": "",
        "note": "", "row_version": "0", "action": "save"})
    assert r.status == 400
    ids = [i for i, _ in summary_links(r.body)]
    assert "f-origin" in ids and "f-migrants" in ids and "f-leg-to-0" in ids
    r = de.send("/submission/%d/incidents/new" % sub, dict(INCIDENT, date="", border="",
                                                            **{"person_n.0": "x"}))
    assert r.status == 400
    links = summary_links(r.body)
    ids = [i for i, _ in links]
    assert "f-date" in ids and "f-border" in ids and "f-person-n-0" in ids
    assert dict(links)["f-person-n-0"].startswith("Persons row 1, number of persons: ")      # a row's field
    says_not_saved(r.body)
    page = de.get("/submission/%d/narrative" % sub)
    r = de.send("/submission/%d/narrative" % sub, {
        "row_version": input_value(page.body, "row_version") or "0", "trends": "x",
        "trends_share": "everyone", "modus": "", "modus_share": "peers", "legal": "",
        "legal_share": "peers", "action": "save"})
    assert r.status == 400
    assert "f-trends_share" in [i for i, _ in summary_links(r.body)]


def test_error_summary_links_on_the_submission_forms(admin):
    de, juris, period, sub = draft(admin)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    r = rp.submit(fp, sub, nil=(), certify=False, expect=400)
    ids = [i for i, _ in summary_links(r.body)]
    assert ids == ["nil-flows", "nil-documents", "nil-smugglers", "nil-harm", "certify"]
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "4"})
    rp.submit(fp, sub, nil=NIL_OTHERS)
    r = rp.review(analyst, sub, "return", {}, expect=400)
    assert [i for i, _ in summary_links(r.body)] == ["reason-flows"]
    says_not_saved(r.body)


# ---- whole numbers as people type them -------------------------------------

@pytest.mark.parametrize("typed", ["1 200", "1,200", "1\u00a0200", " 1200 ", "001200"])
def test_whole_numbers_with_group_separators(admin, typed):
    de, juris, period, sub = draft(admin)
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": typed})
    assert sql("SELECT value FROM cells WHERE submission_id = %d" % sub) == [["1200"]]


def test_a_cell_of_spaces_is_blank_and_one_with_a_nul_is_not_a_number(admin):
    de, juris, period, sub = draft(admin)
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "   "})
    assert not sql("SELECT value FROM cells WHERE submission_id = %d" % sub)
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": " \x00 5"}, expect=400)
    assert len(rp.errors(r.body)) == 1 and "such as 1200" in rp.errors(r.body)[0]


@pytest.mark.parametrize("typed", ["1,20", "12.5", "abc", "1 2 0 0", "1.200", "12,00"])
def test_other_numbers_say_what_to_type(admin, typed):
    de, juris, period, sub = draft(admin)
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": typed}, expect=400)
    msg = rp.errors(r.body)
    assert len(msg) == 1 and "such as 1200" in msg[0] and "1 200" in msg[0]
    assert input_value(r.body, "v:irr_entry:AFG:F.Y_LT18") == typed
    assert not sql("SELECT value FROM cells WHERE submission_id = %d" % sub)


def test_whole_numbers_in_a_record_form(admin):
    de, juris, period, sub = draft(admin)
    fields = dict(INCIDENT, date=period_start(period), area="Port", dead="1 000",
                  missing="2,500")
    r = de.send("/submission/%d/incidents/new" % sub, fields)
    assert r.status == 303, r
    assert sql("SELECT dead, missing FROM incidents WHERE submission_id = %d" % sub) \
        == [["1000", "2500"]]


# ---- required and optional fields, marked before any error -----------------

def test_required_and_optional_fields_are_marked(admin):
    page = admin.get("/admin/periods")
    label = re.search(r'<label for="f-code">(.*?)</label>', page.body, re.S).group(1)
    assert "(required)" in label
    label = re.search(r'<label for="f-opens">(.*?)</label>', page.body, re.S).group(1)
    assert "(optional)" in label
    de, juris, period, sub = draft(admin)
    page = de.get("/submission/%d/incidents/new" % sub)
    assert "(required)" in re.search(r'<label for="f-date">(.*?)</label>', page.body, re.S).group(1)
    assert "(optional)" in re.search(r'<label for="f-note">(.*?)</label>', page.body, re.S).group(1)
    assert "(required)" in re.search(r'<label for="f-border">(.*?)</label>', page.body,
                                     re.S).group(1)


# ---- say what happened -----------------------------------------------------

def test_every_change_is_followed_by_a_notice(admin):
    # periods
    code = rp.period_code()
    r = admin.send("/admin/periods", {"code": code, "opens": "", "due": "", "locks": ""})
    rp._created_periods.append(code)
    assert notice(follow(admin, r)) == ["The period was created."]
    r = rp.set_period(admin, code, "open")
    assert "The period was opened" in " ".join(notice(follow(admin, r)))
    # accounts
    juris = rp.jurisdiction(fresh=False)
    r = admin.send("/admin/users", {"username": "u" + code.replace("-", "").lower(),
                                    "name": "New Officer", "role": "data-entry",
                                    "jurisdiction": juris, "password": "a long enough pw 1"})
    assert notice(follow(admin, r)) == ["The account was created."]
    target, _ = create_user()
    r = admin.send("/admin/users/lock", {"username": target})
    assert "locked" in " ".join(notice(follow(admin, r)))
    r = admin.send("/admin/users/unlock", {"username": target})
    assert notice(follow(admin, r)) == ["The account was unlocked."]
    r = admin.send("/admin/users/reset", {"username": target, "password": "another long pw 2"})
    assert "password was reset" in " ".join(notice(follow(admin, r)))
    # code lists
    r = admin.send("/admin/codes", {"list": "source", "code": "T" + code[-2:] + code[2:4],
                                    "label": "Test source", "from": ""})
    assert notice(follow(admin, r)) == ["The code was added to the list."]
    # the reporting loop
    de = User("data-entry", juris)
    r = de.send("/report/start", {"period": code})
    sub = rp.new_id(r)
    assert notice(follow(de, r)) == ["The draft was started."]
    r = rp.add_row(de, sub, FLOWS, "irr_entry", "AFG")
    assert "The row was added" in " ".join(notice(follow(de, r)))
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "4"})
    assert notice(follow(de, r))                                    # "Your changes are saved."
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    r = rp.submit(fp, sub, nil=NIL_OTHERS)
    assert "submitted" in " ".join(notice(follow(fp, r)))
    r = rp.review(analyst, sub, "return", {"flows": "Check the sea figures"})
    assert "returned" in " ".join(notice(follow(analyst, r)))
    rp.submit(fp, sub, nil=NIL_OTHERS)
    r = rp.review(analyst, sub, "accept")
    assert notice(follow(analyst, r)) == ["The submission was accepted."]
    r = rp.review(analyst, sub, "reopen")
    assert "new version" in " ".join(notice(follow(analyst, r)))
    r = rp.set_period(admin, code, "locked")
    assert "The period was locked" in " ".join(notice(follow(admin, r)))
    # a key that is not in the fixed list says nothing, and no text from
    # the address ever reaches the page
    page = admin.get("/admin/periods?done=%3Cb%3Ehacked")
    assert notice(page) == [] and "hacked" not in page.body


# ---- removing a row that holds data -----------------------------------------

def test_removing_a_row_with_data_asks_first_and_keeps_what_was_typed(admin):
    de, juris, period, sub = draft(admin)
    rp.add_row(de, sub, FLOWS, "irr_entry", "IRN")
    rp.save(de, sub, FLOWS, {"v:irr_entry:AFG:F.Y_LT18": "5"})
    before = rp.cells(sub), sql("SELECT row_version FROM submissions WHERE id = %d" % sub)
    r = rp.save(de, sub, FLOWS, {"v:irr_entry:IRN:M.Y_GE18": "9"},
                action="remove:irr_entry:AFG", expect=200)
    box = re.search(r'<div class="confirm" id="confirm-remove"[^>]*>(.*?)</div>', r.body, re.S)
    assert box and "Afghanistan" in box.group(1)
    assert 'value="remove_confirmed:irr_entry:AFG"' in box.group(1)
    assert input_value(r.body, "v:irr_entry:IRN:M.Y_GE18") == "9"     # kept, not saved
    assert (rp.cells(sub), sql("SELECT row_version FROM submissions WHERE id = %d" % sub)) \
        == before
    # "Keep the row": the form again as typed, nothing saved
    r2 = de.send("/submission/%d/flows" % sub, rp.merge(rp.form_fields(r, "keep"), {}))
    assert r2.status == 200 and 'id="confirm-remove"' not in r2.body
    assert input_value(r2.body, "v:irr_entry:IRN:M.Y_GE18") == "9"
    assert rp.cells(sub) == before[0]
    # confirmed: the row goes, what was typed elsewhere is saved
    r3 = de.send("/submission/%d/flows" % sub,
                 rp.merge(rp.form_fields(r, "remove_confirmed:irr_entry:AFG"), {}))
    page = follow(de, r3)
    assert "The row was removed" in " ".join(notice(page))
    assert sql("SELECT row_code, col_code, value FROM cells WHERE submission_id = %d" % sub) \
        == [["IRN", "M.Y_GE18", "9"]]
    # an empty row goes at once
    r = rp.save(de, sub, FLOWS, {}, action="remove:irr_entry:IRN", expect=None)
    assert r.status == 200                   # IRN holds 9: asks
    rp.add_row(de, sub, FLOWS, "irr_entry", "SYR")
    r = rp.save(de, sub, FLOWS, {}, action="remove:irr_entry:SYR", expect=303)
    assert not sql("SELECT 1 FROM grid_rows WHERE submission_id = %d AND row_code = 'SYR'" % sub)
