"""Issue 13, "Names, not codes" and the grid's weight: what a person reads
names countries, currencies, modes, scopes, flags and datasets in words;
history details are sentences; routes take a country from a list; the
currencies offered are the current ISO 4217 ones; a 150-row flows grid
weighs at most 30 KB gzipped. Through nginx to the real program and
MariaDB; each test makes its own period (reporting.cleanup removes it)."""
import gzip
import html
import random
import re

import reporting as rp
from conftest import sql, vrsadm
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

FLOWS_TABLES = ("irr_entry", "irr_exit", "irr_stay", "smuggled", "refused")


def text(body):
    """The page as a person reads it: tags dropped, entities decoded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def title(body):
    return html.unescape(re.search(r"<title>(.*?)</title>", body, re.S).group(1)).strip()


def draft(admin, role="focal-point"):
    code = rp.jurisdiction()
    user = User(role, code)
    period = rp.create_period(admin)
    return user, code, period, rp.start(user, period)


# ---- 5. light pages -------------------------------------------------------------

def fill_flows(sub, rows=150):
    """A flows draft of `rows` rows (30 citizenships in each of the five
    tables), every cell with a number (mostly small, a few in thousands;
    one in ten estimated); straight into the test database, because 150
    rows through the form would take minutes."""
    per = rows // len(FLOWS_TABLES)
    countries = [r[0] for r in sql("SELECT code FROM codes WHERE list = 'country' "
                                   "AND valid_to IS NULL ORDER BY code")]
    cols = ["%s.%s" % (s, a) for s in ("F", "M", "_U") for a in ("Y_LT18", "Y_GE18", "_U")]
    rnd = random.Random(13)
    grid_rows, cells = [], []
    for t in FLOWS_TABLES:
        for c in rnd.sample(countries, per):
            grid_rows.append("(%d, 'flows', '%s', '%s')" % (sub, t, c))
            for col in cols:
                cells.append("(%d, 'flows', '%s', '%s', '%s', %d, '%s')"
                             % (sub, t, c, col, int(rnd.expovariate(1 / 40)),
                                "E" if rnd.random() < 0.1 else "A"))
    sql("INSERT INTO grid_rows (submission_id, dataset, tbl, row_code) VALUES " + ",".join(grid_rows))
    sql("INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag) VALUES "
        + ",".join(cells))
    return len(grid_rows)


def test_a_150_row_flows_grid_weighs_at_most_30_kb_gzipped(admin):
    user, code, period, sub = draft(admin, "data-entry")
    assert fill_flows(sub) == 150
    r = user.get("/submission/%d/flows" % sub)
    assert r.status == 200, r
    assert r.body.count('name="v:') == 150 * 9 + 15      # every row, and the fixed table
    weight = len(gzip.compress(r.body.encode("utf-8"), 6))
    assert weight <= 30 * 1024, "the page weighs %d bytes gzipped" % weight
    # One country list on the page, not one per table.
    assert r.body.count(">Afghanistan</option>") == 1
    assert len(re.findall(r"<select[^>]*name=\"add_row", r.body)) == 1


def test_one_add_a_row_control_adds_to_the_chosen_table(admin):
    user, code, period, sub = draft(admin, "data-entry")
    rp.add_row(user, sub, "flows", "smuggled", "AFG")
    rp.add_row(user, sub, "flows", "irr_exit", "AFG")
    assert sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1" % sub) == \
        [["irr_exit", "AFG"], ["smuggled", "AFG"]]
    # A refused add keeps the table and the country chosen.
    r = rp.add_row(user, sub, "flows", "smuggled", "AFG", expect=400)
    add = r.body[r.body.find('<fieldset class="field grid-add'):]
    add = add[:add.find("</fieldset>")]
    assert "This row is already in the table." in add
    assert re.search(r'<option value="smuggled" selected>', add)
    assert re.search(r'<option value="AFG" selected>Afghanistan</option>', add)
    # A table that takes no rows (fixed) or does not exist is tampering.
    page = rp.grid(user, sub)
    for tbl in ("entry_place", "nosuch"):
        r = user.send("/submission/%d/flows" % sub,
                      rp.merge(rp.form_fields(page, "add"), {"add_table": tbl, "add_row": "IRN"}))
        assert r.status == 400, r


def test_the_main_pages_still_render(admin):
    user, code, period, sub = draft(admin)
    fill_flows(sub, 10)
    analyst = User("secretariat-analyst")
    for who, path in ((user, "/"), (user, "/report"), (user, "/submission/%d" % sub),
                      (user, "/submission/%d/history" % sub),
                      (user, "/submission/%d/routes" % sub), (user, "/submission/%d/routes/new" % sub),
                      (user, "/submission/%d/incidents" % sub),
                      (user, "/submission/%d/incidents/new" % sub),
                      (user, "/submission/%d/narrative" % sub), (user, "/submission/%d/import" % sub),
                      (user, "/sharing"), (analyst, "/report"), (analyst, "/exchange"),
                      (admin, "/admin/periods"), (admin, "/admin/codes"), (admin, "/admin/users")) + \
            tuple((user, "/submission/%d/%s" % (sub, ds)) for ds in rp.DATASETS):
        r = who.get(path)
        assert r.status == 200, (path, r)
        assert "</html>" in r.body, path


# ---- 4. currencies ----------------------------------------------------------------

NOT_CURRENCIES = ("XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XTS", "XXX",
                  "XSU", "XUA", "BOV", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "CHE", "CHW",
                  "VED", "HRK", "CUC", "SLL", "ZWL", "BGN")


def options(body, select_id):
    m = re.search(r'<select id="%s"[^>]*>(.*?)</select>' % select_id, body, re.S)
    assert m, select_id
    return [(v, html.unescape(t)) for v, t in
            re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', m.group(1)) if v]


def test_currencies_offered_are_current_iso_4217_each_once_main_and_regional_first(admin):
    user, code, period, sub = draft(admin, "data-entry")
    r = user.get("/submission/%d/routes/new" % sub)
    cur = options(r.body, "f-fee_currency")
    codes = [c for c, _ in cur]
    names = [n for _, n in cur]
    assert not set(NOT_CURRENCIES) & set(codes), set(NOT_CURRENCIES) & set(codes)
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert codes[:2] == ["USD", "EUR"]
    first = codes.index("ALL")          # Lek: the first of the rest, by name
    for c in ("AUD", "IDR", "MYR", "THB", "NZD", "PHP", "VND", "AFN", "LKR", "GBP", "JPY", "CNY"):
        assert codes.index(c) < first, c
    assert "ZWG" in codes and 150 <= len(codes) <= 165
    # A route already holding a currency no longer offered still shows it by
    # name; the stored codes (and so the exports) are unchanged.
    assert sql("SELECT label FROM codes WHERE list = 'currency' AND code = 'XAU'") == [["Gold"]]


# ---- 3 and 1: routes take countries from a list, and read in names ---------------

def route_fields(**extra):
    f = [("origin", "AFG"), ("legs", "2"), ("leg_to.0", "IRN"), ("leg_mode.0", "LAND_VEHICLE"),
         ("leg_to.1", "TUR"), ("leg_mode.1", "LAND_FOOT")]
    base = {"migrants": "40", "fee_amount": "2500", "fee_currency": "USD", "fee_scope": "PERSON",
            "source": "INTERVIEW", "confidence": "MEDIUM", "note": "", "row_version": "0",
            "action": "save"}
    base.update(extra)
    return f + list(base.items())


def create_route(user, sub, **kw):
    r = user.send("/submission/%d/routes/new" % sub, route_fields(**kw))
    assert r.status == 303, r
    return int(re.search(r"/routes/(\d+)\?saved=1$", r.header("Location")).group(1))


def test_routes_take_countries_from_a_list_of_names(admin):
    user, code, period, sub = draft(admin, "data-entry")
    r = user.get("/submission/%d/routes/new" % sub)
    assert ("AFG", "Afghanistan") in options(r.body, "f-origin")
    assert ("IRN", "Iran, Islamic Republic of") in options(r.body, "f-leg-to-0")
    assert 'name="origin" value=' not in r.body and 'list="countries"' not in r.body
    # A refused save keeps the countries chosen.
    r = user.send("/submission/%d/routes/new" % sub, route_fields(migrants="many"))
    assert r.status == 400, r
    assert re.search(r'<select id="f-origin".*?<option value="AFG" selected>', r.body, re.S)
    assert re.search(r'<select id="f-leg-to-1".*?<option value="TUR" selected>', r.body, re.S)


def test_routes_are_named_and_numbered_within_their_submission(admin):
    user, code, period, sub = draft(admin, "data-entry")
    other_user, other_code, other_period, other_sub = draft(admin, "data-entry")
    create_route(other_user, other_sub)          # ids of other submissions do not count
    first = create_route(user, sub)
    second = create_route(user, sub, fee_currency="THB", fee_scope="JOURNEY")
    assert second > first > 1
    r = user.get("/submission/%d/routes/%d" % (sub, second))
    assert title(r.body) == "Route 2 %s, %s - VRS-MSRC" % (period, code)
    assert re.search(r"<h1>Route 2:", r.body)
    r = user.get("/submission/%d/routes" % sub)
    shown = text(r.body)
    assert "2500.00 US Dollar, Per person" in shown and "2500.00 Baht, Whole journey" in shown
    assert "Afghanistan" in shown and "USD" not in shown and "PERSON" not in shown
    assert title(r.body) == "Routes and fees %s, %s - VRS-MSRC" % (period, code)
    # Read-only (the analyst): names, not codes.
    analyst = User("secretariat-analyst")
    r = analyst.get("/submission/%d/routes/%d" % (sub, first))
    facts = text(r.body[r.body.find('<dl class="facts">'):r.body.find("</dl>")])
    for name in ("Afghanistan", "Iran", "Land vehicle", "On foot", "US Dollar", "Per person",
                 "Interview", "Medium"):
        assert name in facts, name
    for c in ("AFG", "IRN", "LAND_VEHICLE", "USD", "PERSON", "INTERVIEW", "MEDIUM"):
        assert not re.search(r"\b%s\b" % c, facts), c


def test_pages_of_a_submission_name_it_in_their_title(admin):
    user, code, period, sub = draft(admin, "data-entry")
    r = user.get("/submission/%d/flows" % sub)
    assert title(r.body) == "Flows (persons) %s, %s - VRS-MSRC" % (period, code)
    r = user.get("/submission/%d" % sub)
    assert title(r.body).endswith(" %s, %s - VRS-MSRC" % (period, code))
    r = user.get("/submission/%d/history" % sub)
    assert title(r.body).endswith(" %s, %s - VRS-MSRC" % (period, code))


def test_consistency_warnings_name_tables_stages_and_sexes(admin):
    user, code, period, sub = draft(admin, "focal-point")
    rp.add_row(user, sub, "flows", "irr_entry", "AFG")
    rp.add_row(user, sub, "flows", "smuggled", "AFG")
    rp.save(user, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "3", "v:smuggled:AFG:F.Y_LT18": "5"})
    rp.add_row(user, sub, "smugglers", "by_citizenship", "PAK")
    rp.save(user, sub, "smugglers", {"v:by_citizenship:PAK:PROSECUTED.F": "2",
                                     "v:by_citizenship:PAK:CONVICTED.F": "4"})
    warns = text(re.findall(r'<ul class="warnings">(.*?)</ul>', rp.sub_page(user, sub).body, re.S)[0])
    assert "Of which identified as smuggled" in warns and "Irregular entries detected" in warns
    assert "Convicted (4)" in warns and "Prosecuted (2)" in warns and "Female" in warns
    for internal in ("irr_entry", "smuggled (", "CONVICTED", "PROSECUTED", ", F:"):
        assert internal not in warns, internal


# ---- 2. history entries as sentences ---------------------------------------------

def history_rows(user, sub):
    r = user.get("/submission/%d/history" % sub)
    assert r.status == 200, r
    body = r.body[r.body.find("<tbody>"):r.body.find("</tbody>")]
    return [re.sub(r"\s+", " ", text(row)).strip() for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_history_reads_as_sentences_with_names_and_the_digests_stay_in_the_data(admin):
    user, code, period, sub = draft(admin, "focal-point")
    rp.add_row(user, sub, "flows", "irr_entry", "AFG")
    rp.save(user, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5", "reason": "late figures"})
    rp.save(user, sub, "harm", {"v:by_mode:SEA_VESSEL:DEAD.SEA": "5",
                                "f:by_mode:SEA_VESSEL:DEAD.SEA": "E"})
    rp.save(user, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "", "f:irr_entry:AFG:F.Y_LT18": "M"})
    rid = create_route(user, sub)
    r = user.send("/submission/%d/routes/%d" % (sub, rid),
                  route_fields(row_version="1", origin="PAK", fee_currency="THB"))
    assert r.status == 303, r
    rp.save(user, sub, "flows", {}, action="remove_confirmed:irr_entry:AFG")
    rp.save(user, sub, "harm", {"v:by_mode:SEA_VESSEL:DEAD.SEA": "7"})
    rp.submit(user, sub, nil=("flows", "documents", "smugglers"), routes_nil=False)
    analyst = User("secretariat-analyst")
    rp.review(analyst, sub, "return", {"harm": "Check the dead at sea.", "routes": "Which year?"})
    rows = history_rows(user, sub)
    shown = " | ".join(rows)
    for sentence in (
            "Draft started for %s." % period,
            "Afghanistan added to Irregular entries detected",
            "1 cell changed in Flows (persons). Reason: late figures",
            "Afghanistan, Female, Under 18: blank changed to 5",
            "Sea vessel, Dead, Sea: blank changed to 5 (estimate)",
            "Afghanistan, Female, Under 18: 5 changed to not available",
            "Route 1: 6 fields changed.",
            "Country of origin: Afghanistan changed to Pakistan",
            "Fee paid: 2500.00 US Dollar, Per person changed to 2500.00 Baht, Per person",
            "Afghanistan, Female, Under 18: not available removed with its row",
            "Afghanistan removed from Irregular entries detected",
            "Sea vessel, Dead, Sea: 5 (estimate) changed to 7",
            "Certified and submitted. Nil returns: Flows (persons), Fraudulent documents, "
            "Smugglers and justice.",
            "Returned with these reasons: Harm: Check the dead at sea. Routes and fees: Which year?"):
        assert sentence in shown, (sentence, rows)
    assert "sha256" not in shown and "->" not in shown and " A " not in shown
    for internal in ("irr_entry", "F.Y_LT18", "SEA_VESSEL", "DEAD.SEA", "AFG", "USD", "PERSON"):
        assert internal not in shown, internal
    # The stored details keep their codes and digests, and the chain holds.
    details = [d for (d,) in sql("SELECT detail FROM history WHERE object_type = 'submission' "
                                 "AND object_id = %d AND action = 'cells.save'" % sub)]
    assert details and all("; changes sha256=" in d for d in details)
    assert "history chain intact" in vrsadm("verify").stdout
    # The record's own page reads the same way.
    r = user.get("/submission/%d/routes/%d" % (sub, rid))
    hist = text(r.body[r.body.find('id="record-history"'):])
    assert "Country of origin: Afghanistan changed to Pakistan" in hist and "→" not in hist


# ---- 1. incidents and read-only grids in words -------------------------------------

def test_incidents_and_read_only_grids_read_in_names_and_words(admin):
    user, code, period, sub = draft(admin, "focal-point")
    start = sql("SELECT DATE_FORMAT(p.starts_on, '%%Y-%%m-%%d') FROM submissions s JOIN periods p "
                "ON p.id = s.period_id WHERE s.id = %d" % sub)[0][0]
    r = user.send("/submission/%d/incidents/new" % sub, {
        "date": start, "area": "Northern district", "lat": "", "lon": "", "border": "SEA",
        "transport": "SEA_VESSEL", "vessel": "Fishing boat", "concealment": "Under deck",
        "persons": "2", "person_cit.0": "AFG", "person_n.0": "20", "person_cit.1": "PAK",
        "person_n.1": "5", "dead": "1", "missing": "2", "smugglers": "1",
        "follow_up": "INVESTIGATION", "note": "", "row_version": "0", "action": "save"})
    assert r.status == 303, r
    iid = int(re.search(r"/incidents/(\d+)\?saved=1$", r.header("Location")).group(1))
    page = user.get("/submission/%d/incidents" % sub).body
    listed = text(page[page.find("<tbody>"):page.find("</tbody>")])
    assert "Sea vessel" in listed and "Afghanistan 20, Pakistan 5" in listed
    assert "SEA_VESSEL" not in listed and "AFG" not in listed
    rp.add_row(user, sub, "flows", "irr_entry", "AFG")
    rp.save(user, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5", "f:irr_entry:AFG:F.Y_LT18": "E",
                                 "f:irr_entry:AFG:M.Y_LT18": "M"})
    analyst = User("secretariat-analyst")
    r = analyst.get("/submission/%d/incidents/%d" % (sub, iid))
    assert title(r.body) == "Incident 1 %s, %s - VRS-MSRC" % (period, code)
    facts = text(r.body[r.body.find('<dl class="facts">'):r.body.find("</dl>")])
    for name in ("Sea vessel", "Afghanistan: 20", "Pakistan: 5"):
        assert name in facts, name
    for c in ("SEA_VESSEL", "AFG", "PAK", "INVESTIGATION"):
        assert not re.search(r"\b%s\b" % c, facts), c
    grid = analyst.get("/submission/%d/flows" % sub).body      # read-only for the analyst
    assert 'name="v:' not in grid
    assert '<td class="num">5 (estimate)</td>' in grid and '<td class="num">not available</td>' in grid
