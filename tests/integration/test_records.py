"""Records (issue 4) through nginx to the real program and MariaDB: route
and fee records with legs added, moved and removed by server round trips,
incidents, narratives, paging and filters, the access matrix for records,
stale saves, history with `vrsadm verify`, bad input, CSV, nil returns and
reopening. Every test makes its own period; reporting.cleanup() removes it.
"""
import html
import re

import pytest

import reporting as rp
from conftest import sql, vrsadm
from reporting import User, admin, errors, remove_test_periods  # noqa: F401 (admin, remove_test_periods: fixtures)

MSG = {
    "unknown_code": "This code is not in the current code list.",
    "country_twice": "This country is already in the route: a route cannot pass a country twice.",
    "origin_is_destination": "The destination must differ from the country of origin.",
    "too_many_legs": "A route has at most 15 legs.",
    "fee_zero": "A fee must be more than 0.",
    "fee_too_large": "This amount is too large (at most 999,999,999,999.99).",
    "fee_number": "Enter the amount in figures, such as 1500, 5 000 or 1500.50, without the currency.",
    "fee_needs_amount": "Enter the amount of the fee, or clear its currency and scope.",
    "bad_chars": "This contains characters that are not allowed (control characters, NUL bytes or invalid UTF-8).",
    "required": "This field is required.",
    "too_long": "This is too long.",
    "date_outside_period": "The date must fall within the reporting period, between ",
    "lat_range": "A latitude is between -90 and 90.",
    "lon_range": "A longitude is between -180 and 180.",
    "confirm_pii": "Check each text that has a warning about personal data, then tick this box to confirm it identifies no one.",
    "duplicate_row": "This row is already in the table.",
    "empty_needs_nil": "This dataset is empty: tick its nil return, or enter data.",
}
STALE = "Someone saved this record after you opened it"
CONFLICT_TITLE = "This cannot be changed now"


def route_fields(origin="AFG", legs=(("IRN", "LAND_VEHICLE"), ("TUR", "LAND_FOOT"), ("GRC", "SEA_VESSEL")),
                 **extra):
    f = [("origin", origin), ("legs", str(len(legs)))]
    for i, (to, mode) in enumerate(legs):
        f += [("leg_to.%d" % i, to), ("leg_mode.%d" % i, mode)]
    base = {"migrants": "40", "fee_amount": "2500", "fee_currency": "USD", "fee_scope": "PERSON",
            "source": "INTERVIEW", "confidence": "MEDIUM", "note": "Paid in cash at departure.",
            "row_version": "0", "action": "save"}
    base.update(extra)
    return f + list(base.items())


def create_route(user, sub, **kw):
    r = user.send("/submission/%d/routes/new" % sub, route_fields(**kw))
    assert r.status == 303, r
    m = re.fullmatch(r"/submission/%d/routes/(\d+)\?saved=1" % sub, r.header("Location"))
    assert m, r.header("Location")
    return int(m.group(1))


def legs(route_id):
    return sql("SELECT n, to_country, mode FROM route_legs WHERE route_id = %d ORDER BY n" % route_id)


def form_pairs(body, action="save"):
    """What a browser sends from a record form: inputs, textareas, selects."""
    start = body.find('<form method="post" action="/submission/')
    form = body[start:body.find("</form>", start)]
    pairs = []
    for m in re.finditer(r'<input\s([^>]*)>', form):
        attrs = dict(re.findall(r'([a-z-]+)="([^"]*)"', m.group(1)))
        if attrs.get("type") in ("text", "hidden") and attrs.get("name") != "csrf":
            pairs.append((html.unescape(attrs["name"]), html.unescape(attrs.get("value", ""))))
    for m in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        pairs.append((m.group(1), html.unescape(m.group(2))))
    for m in re.finditer(r'<select[^>]*?name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        sel = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        pairs.append((html.unescape(m.group(1)), html.unescape(sel.group(1)) if sel else ""))
    pairs.append(("action", action))
    return pairs


def new_draft(admin, jurisdiction=None):
    juris = jurisdiction or rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    period = rp.create_period(admin)
    return juris, de, period, rp.start(de, period)


# ---- routes -------------------------------------------------------------------

def test_a_three_leg_route_is_built_by_round_trips_saved_edited_reordered_and_deleted(admin):
    juris, de, period, sub = new_draft(admin)
    # An empty form has one leg; "add a leg" twice keeps what was typed.
    page = de.get("/submission/%d/routes/new" % sub)
    assert page.status == 200 and 'name="leg_to.0"' in page.body and 'name="leg_to.1"' not in page.body
    pairs = rp.merge(form_pairs(page.body, "add_leg"),
                     {"origin": "AFG", "leg_to.0": "IRN", "leg_mode.0": "LAND_VEHICLE",
                      "note": "typed before adding legs", "source": "INTERVIEW", "confidence": "HIGH"})
    page = de.send("/submission/%d/routes/new" % sub, pairs)
    assert page.status == 200 and 'name="leg_to.1"' in page.body
    assert 'value="IRN"' in page.body and "typed before adding legs" in page.body
    pairs = rp.merge(form_pairs(page.body, "add_leg"), {"leg_to.1": "TUR", "leg_mode.1": "LAND_FOOT"})
    page = de.send("/submission/%d/routes/new" % sub, pairs)
    assert 'name="leg_to.2"' in page.body and 'value="TUR"' in page.body
    pairs = rp.merge(form_pairs(page.body), {"leg_to.2": "GRC", "leg_mode.2": "SEA_VESSEL",
                                             "fee_amount": "1500.5", "fee_currency": "EUR",
                                             "fee_scope": "JOURNEY", "migrants": "12"})
    r = de.send("/submission/%d/routes/new" % sub, pairs)
    assert r.status == 303, errors(r.body)
    rid = int(re.search(r"/routes/(\d+)", r.header("Location")).group(1))
    assert legs(rid) == [["1", "IRN", "LAND_VEHICLE"], ["2", "TUR", "LAND_FOOT"], ["3", "GRC", "SEA_VESSEL"]]
    assert sql("SELECT origin, destination, migrants, fee_amount, fee_currency, fee_scope, note "
               "FROM routes WHERE id = %d" % rid) == [
        ["AFG", "GRC", "12", "1500.50", "EUR", "JOURNEY", "typed before adding legs"]]
    page = de.get("/submission/%d/routes/%d?saved=1" % (sub, rid))
    assert "The record is saved." in page.body and "History of this record" in page.body

    # Move the last leg up: the chain becomes IRN, GRC, TUR (destination TUR).
    pairs = form_pairs(page.body, "up:2")
    page = de.send("/submission/%d/routes/%d" % (sub, rid), pairs)
    assert page.status == 200
    assert page.body.index('value="GRC"') < page.body.index('value="TUR"')
    assert legs(rid)[2][1] == "GRC"         # a round trip writes nothing
    r = de.send("/submission/%d/routes/%d" % (sub, rid), form_pairs(page.body))
    assert r.status == 303, errors(r.body)
    assert [l[1] for l in legs(rid)] == ["IRN", "GRC", "TUR"]
    assert sql("SELECT destination, row_version FROM routes WHERE id = %d" % rid) == [["TUR", "2"]]

    # Remove the middle leg, then the history shows both changes.
    page = de.get("/submission/%d/routes/%d" % (sub, rid))
    page = de.send("/submission/%d/routes/%d" % (sub, rid), form_pairs(page.body, "remove_leg:1"))
    r = de.send("/submission/%d/routes/%d" % (sub, rid), form_pairs(page.body))
    assert r.status == 303
    assert [l[1] for l in legs(rid)] == ["IRN", "TUR"]
    page = de.get("/submission/%d/routes/%d" % (sub, rid))
    hist = page.body[page.body.index("History of this record"):]
    assert hist.count("Route changed") == 2 and hist.count("Route added") == 1
    iran = sql("SELECT label FROM codes WHERE list = 'country' AND code = 'IRN'")[0][0]
    assert ("%s (Land vehicle) &gt; Greece (Sea vessel) &gt; Türkiye (On foot)"
            % rp.esc(iran)) in hist

    # Delete: gone from the list, kept in the database and the history.
    r = de.send("/submission/%d/routes/%d/delete" % (sub, rid), {"row_version": "3"})
    assert r.status == 303 and r.header("Location").endswith("/routes?deleted=1")
    lst = de.get("/submission/%d/routes?deleted=1" % sub)
    assert "/routes/%d\"" % rid not in lst.body, re.findall(r'.{80}/routes/%d".{20}' % rid, lst.body)
    assert "The record is deleted." in lst.body
    assert de.get("/submission/%d/routes/%d" % (sub, rid)).status == 404
    assert sql("SELECT deleted_at IS NOT NULL FROM routes WHERE id = %d" % rid) == [["1"]]
    hist = de.get("/submission/%d/history" % sub).body
    assert "Route deleted" in hist and "Country of origin: Afghanistan changed to blank" in hist
    out = vrsadm("verify")
    assert out.returncode == 0 and "history chain intact" in out.stdout


@pytest.mark.parametrize("change, field, message", [
    ({"origin": "ZZZ"}, "origin", "unknown_code"),
    ({"leg_to.1": "XYZ"}, "leg_to.1", "unknown_code"),
    ({"leg_to.2": "IRN"}, "leg_to.2", "country_twice"),
    ({"leg_to.2": "AFG"}, "leg_to.2", "origin_is_destination"),
    ({"leg_mode.0": "ROCKET"}, "leg_mode.0", "unknown_code"),
    ({"fee_amount": "0"}, "fee_amount", "fee_zero"),
    ({"fee_amount": "1e15"}, "fee_amount", "fee_number"),
    ({"fee_amount": "1000000000000000"}, "fee_amount", "fee_too_large"),
    ({"fee_currency": "XQQ"}, "fee_currency", "unknown_code"),
    ({"fee_amount": "", "fee_currency": "USD"}, "fee_amount", "fee_needs_amount"),
    ({"note": "cash\x00paid"}, "note", "bad_chars"),
    ({"note": "x" * 2001}, "note", "too_long"),
    ({"source": ""}, "source", "required"),
])
def test_bad_route_input_gets_a_message_in_place_and_writes_nothing(admin, change, field, message):
    juris, de, period, sub = new_draft(admin)
    before = sql("SELECT COUNT(*) FROM routes")
    pairs = rp.merge(route_fields(), change)
    r = de.send("/submission/%d/routes/new" % sub, pairs)
    assert r.status == 400, r
    assert MSG[message] in errors(r.body)
    assert "There is a problem with this form" in r.body
    assert sql("SELECT COUNT(*) FROM routes") == before
    # everything typed is shown back
    assert "Paid in cash at departure." in r.body or field == "note"
    # (a list offers only known codes: an unknown one cannot be shown chosen)
    selects = ("leg_mode.0", "fee_currency", "fee_scope", "source", "confidence")
    for k, v in change.items():
        if v and "\x00" not in v and len(v) < 100 and k not in selects and \
                message != "unknown_code":
            assert 'value="%s"' % v in r.body or ">%s<" % v in r.body or \
                '<option value="%s" selected' % v in r.body, (k, v)


def test_sixteen_legs_are_refused_and_shown_back(admin):
    juris, de, period, sub = new_draft(admin)
    countries = [r[0] for r in sql("SELECT code FROM codes WHERE list = 'country' AND code <> 'AFG' "
                                   "AND code NOT LIKE 'X%' AND code <> '_U' ORDER BY code LIMIT 16")]
    r = de.send("/submission/%d/routes/new" % sub,
                route_fields(legs=[(c, "LAND_VEHICLE") for c in countries]))
    assert r.status == 400 and MSG["too_many_legs"] in errors(r.body)
    assert re.search(r'name="leg_to.15"[^>]*>.*?<option value="%s" selected' % countries[15],
                     r.body, re.S)
    assert 'value="add_leg"' not in r.body
    # the add button stops at 15 legs
    pairs = rp.merge(route_fields(legs=[(c, "LAND_VEHICLE") for c in countries[:15]]), {"action": "add_leg"})
    r = de.send("/submission/%d/routes/new" % sub, pairs)
    assert r.status == 400 and MSG["too_many_legs"] in errors(r.body)
    assert 'name="leg_to.15"' not in r.body
    assert sql("SELECT COUNT(*) FROM routes r JOIN submissions s ON s.id = r.submission_id "
               "WHERE s.id = %d" % sub) == [["0"]]


def test_a_stale_route_save_shows_both_versions_and_loses_nothing(admin):
    juris, de, period, sub = new_draft(admin)
    other = User("data-entry", juris)
    rid = create_route(de, sub)
    mine = de.get("/submission/%d/routes/%d" % (sub, rid))
    theirs = other.get("/submission/%d/routes/%d" % (sub, rid))
    r = other.send("/submission/%d/routes/%d" % (sub, rid),
                   rp.merge(form_pairs(theirs.body), {"note": "their note"}))
    assert r.status == 303
    r = de.send("/submission/%d/routes/%d" % (sub, rid),
                rp.merge(form_pairs(mine.body), {"note": "my note"}))
    assert r.status == 409 and STALE in r.body
    assert "their note" in r.body and "my note" in r.body
    assert sql("SELECT note FROM routes WHERE id = %d" % rid) == [["their note"]]
    r = de.send("/submission/%d/routes/%d" % (sub, rid), form_pairs(r.body))
    assert r.status == 303
    assert sql("SELECT note FROM routes WHERE id = %d" % rid) == [["my note"]]


def test_paging_sorting_and_filters_of_the_route_list(admin):
    juris, de, period, sub = new_draft(admin)
    for i in range(52):
        create_route(de, sub, origin="PAK" if i % 2 else "AFG",
                     legs=(("IRN", "LAND_VEHICLE"), ("TUR", "SEA_VESSEL" if i == 7 else "LAND_FOOT")),
                     migrants=str(i + 1))
    page = de.get("/submission/%d/routes" % sub)
    assert page.status == 200
    assert page.body.count('<tr><th scope="row">') == 50
    assert "Page 1 of 2 (52 in all)" in page.body and 'rel="next"' in page.body
    page2 = de.get("/submission/%d/routes?page=2" % sub)
    assert page2.body.count('<tr><th scope="row">') == 2 and 'rel="prev"' in page2.body
    # newest first: route 52 (migrants 52) leads page 1 unless sorted ascending
    first = re.search(r'<td class="num">(\d+)</td>', page.body).group(1)
    first_asc = re.search(r'<td class="num">(\d+)</td>', de.get("/submission/%d/routes?sort=asc" % sub).body).group(1)
    assert (first, first_asc) == ("52", "1")
    pak = de.get("/submission/%d/routes?country=PAK" % sub)
    assert "(26 in all)" in pak.body
    assert "(52 in all)" in de.get("/submission/%d/routes?country=TUR" % sub).body
    sea = de.get("/submission/%d/routes?mode=SEA_VESSEL" % sub)
    assert "(1 in all)" in sea.body and '<td class="num">8</td>' in sea.body
    assert "(1 in all)" in de.get("/submission/%d/routes?country=PAK&mode=SEA_VESSEL" % sub).body
    assert "(0 in all)" in de.get("/submission/%d/routes?country=AFG&mode=SEA_VESSEL" % sub).body
    # nonsense filters and pages are ignored, not errors
    assert de.get("/submission/%d/routes?country=%%27%%3B&page=-4" % sub).status == 200


def test_route_csv_quotes_and_defuses_formulas(admin):
    juris, de, period, sub = new_draft(admin)
    create_route(de, sub, note='=HYPERLINK("x"), said "cash"')
    r = de.get("/submission/%d/routes.csv" % sub)
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    lines = r.body.split("\r\n")
    assert lines[0] == "id,origin,legs,destination,migrants,fee_amount,fee_currency,fee_scope,source,confidence,note"
    assert lines[1].endswith(',AFG,IRN LAND_VEHICLE > TUR LAND_FOOT > GRC SEA_VESSEL,GRC,40,2500.00,USD,PERSON,'
                             'INTERVIEW,MEDIUM,"\'=HYPERLINK(""x""), said ""cash"""')


# ---- incidents and narratives ------------------------------------------------------

def incident_fields(period_start, **extra):
    base = {"date": period_start, "area": "Northern district", "lat": "", "lon": "", "border": "SEA",
            "transport": "SEA_VESSEL", "vessel": "Fishing boat", "concealment": "Under deck",
            "persons": "2", "person_cit.0": "AFG", "person_n.0": "20", "person_cit.1": "PAK",
            "person_n.1": "5", "dead": "1", "missing": "2", "smugglers": "1",
            "follow_up": "INVESTIGATION", "note": "", "row_version": "0", "action": "save"}
    base.update(extra)
    return base


def period_start(sub):
    return sql("SELECT DATE_FORMAT(p.starts_on, '%%Y-%%m-%%d') FROM submissions s JOIN periods p "
               "ON p.id = s.period_id WHERE s.id = %d" % sub)[0][0]


def test_incidents_are_saved_with_persons_and_checked(admin):
    juris, de, period, sub = new_draft(admin)
    start = period_start(sub)
    r = de.send("/submission/%d/incidents/new" % sub, incident_fields(start, lat="36.149", lon="-5.35"))
    assert r.status == 303, r
    iid = int(re.search(r"/incidents/(\d+)", r.header("Location")).group(1))
    assert sql("SELECT lat, lon, dead, missing FROM incidents WHERE id = %d" % iid) == [["36.1", "-5.4", "1", "2"]]
    assert sql("SELECT citizenship, persons FROM incident_persons WHERE incident_id = %d ORDER BY n" % iid) == \
        [["AFG", "20"], ["PAK", "5"]]
    before = sql("SELECT COUNT(*) FROM incidents")
    for change, msg in [({"date": "2001-01-01"}, "date_outside_period"),
                        ({"lat": "91"}, "lat_range"), ({"lon": "-181"}, "lon_range"),
                        ({"person_cit.1": "AFG"}, "duplicate_row"),
                        ({"person_cit.0": "QQQ"}, "unknown_code"),
                        ({"note": "contact smuggler@example.org"}, "confirm_pii"),
                        ({"vessel": "boat of passport P1234567"}, "confirm_pii")]:
        r = de.send("/submission/%d/incidents/new" % sub, incident_fields(start, **change))
        assert r.status == 400 and any(e.startswith(MSG[msg]) for e in errors(r.body)), \
            (change, errors(r.body))
        assert sql("SELECT COUNT(*) FROM incidents") == before
    # the personal-data warning is saved once confirmed
    r = de.send("/submission/%d/incidents/new" % sub,
                incident_fields(start, note="contact smuggler@example.org", confirm_pii="1"))
    assert r.status == 303
    lst = de.get("/submission/%d/incidents?country=PAK" % sub)
    assert "(2 in all)" in lst.body
    assert "(0 in all)" in de.get("/submission/%d/incidents?mode=AIR" % sub).body
    csv = de.get("/submission/%d/incidents.csv" % sub).body
    assert "AFG 20, PAK 5" in csv


def test_narrative_texts_with_share_flags_limits_and_stale_saves(admin):
    juris, de, period, sub = new_draft(admin)
    page = de.get("/submission/%d/narrative" % sub)
    assert page.status == 200 and 'name="trends_share"' in page.body
    fields = {"row_version": "0", "trends": "More departures by sea.", "trends_share": "peers",
              "modus": "New <b>routes</b> & tricks", "modus_share": "secretariat",
              "legal": "", "legal_share": "secretariat", "action": "save"}
    r = de.send("/submission/%d/narrative" % sub, fields)
    assert r.status == 303, r
    page = de.get("/submission/%d/narrative" % sub)
    assert "New &lt;b&gt;routes&lt;/b&gt; &amp; tricks" in page.body and "<b>routes" not in page.body
    assert sql("SELECT trends_share, modus_share, row_version FROM narratives WHERE submission_id = %d"
               % sub) == [["peers", "secretariat", "1"]]
    # 21,000 characters: refused, kept in the box, nothing written
    long_text = "y" * 21000
    r = de.send("/submission/%d/narrative" % sub, dict(fields, row_version="1", trends=long_text))
    assert r.status == 400 and MSG["too_long"] in errors(r.body) and long_text in r.body
    # a stale form (version 0) does not overwrite version 1
    r = de.send("/submission/%d/narrative" % sub, dict(fields, trends="older form"))
    assert r.status == 409 and "More departures by sea." in r.body and "older form" in r.body
    assert sql("SELECT trends FROM narratives WHERE submission_id = %d" % sub) == [["More departures by sea."]]
    r = de.send("/submission/%d/narrative" % sub, dict(fields, row_version="1", trends_share="everyone"))
    assert r.status == 400 and "Choose who may read this text." in errors(r.body)
    hist = de.get("/submission/%d/history" % sub).body
    assert "Narrative saved" in hist and "narrative.save" not in hist


# ---- workflow, access -------------------------------------------------------------

def test_routes_need_records_or_a_nil_return_and_reopen_copies_records(admin):
    juris, de, period, sub = new_draft(admin)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    r = rp.submit(fp, sub, nil=("flows", "documents", "smugglers", "harm"), routes_nil=False, expect=400)
    assert MSG["empty_needs_nil"] in errors(r.body) and 'id="nil-routes-error"' in r.body
    rid = create_route(de, sub)
    de.send("/submission/%d/incidents/new" % sub, incident_fields(period_start(sub)))
    de.send("/submission/%d/narrative" % sub, {"row_version": "0", "trends": "t", "trends_share": "peers",
                                               "modus": "", "modus_share": "secretariat", "legal": "",
                                               "legal_share": "secretariat", "action": "save"})
    rp.submit(fp, sub, nil=("flows", "documents", "smugglers", "harm"), routes_nil=False)
    # submitted: records cannot change (409), by any record URL
    r = de.send("/submission/%d/routes/%d" % (sub, rid), route_fields(row_version="1"))
    assert r.status == 409 and CONFLICT_TITLE in r.body
    assert de.send("/submission/%d/routes/new" % sub, route_fields()).status == 409
    assert de.send("/submission/%d/routes/%d/delete" % (sub, rid), {"row_version": "1"}).status == 409
    rp.review(analyst, sub, "accept")
    r = rp.review(analyst, sub, "reopen")
    new = rp.new_id(r)
    assert sql("SELECT COUNT(*) FROM routes WHERE submission_id = %d AND deleted_at IS NULL" % new) == [["1"]]
    new_rid = int(sql("SELECT id FROM routes WHERE submission_id = %d" % new)[0][0])
    assert [l[1:] for l in legs(new_rid)] == [l[1:] for l in legs(rid)]
    assert sql("SELECT COUNT(*) FROM incident_persons p JOIN incidents i ON i.id = p.incident_id "
               "WHERE i.submission_id = %d" % new) == [["2"]]
    assert sql("SELECT trends FROM narratives WHERE submission_id = %d" % new) == [["t"]]
    # the old version's records stay readable and unchanged
    assert de.get("/submission/%d/routes/%d" % (sub, rid)).status == 200


def test_record_access_matrix(admin):
    juris, de, period, sub = new_draft(admin)
    rid = create_route(de, sub)
    r = de.send("/submission/%d/incidents/new" % sub, incident_fields(period_start(sub)))
    iid = int(re.search(r"/incidents/(\d+)", r.header("Location")).group(1))
    other = rp.jurisdiction(fresh=False)
    while other == juris:
        other = rp.jurisdiction(fresh=False)
    users = {
        "own data-entry": de, "own focal-point": User("focal-point", juris),
        "own viewer": User("viewer", juris), "other data-entry": User("data-entry", other),
        "other focal-point": User("focal-point", other), "other viewer": User("viewer", other),
        "analyst": User("secretariat-analyst"), "admin": admin,
    }
    reads = ["/submission/%d/routes" % sub, "/submission/%d/routes.csv" % sub,
             "/submission/%d/routes/%d" % (sub, rid), "/submission/%d/incidents" % sub,
             "/submission/%d/incidents.csv" % sub, "/submission/%d/incidents/%d" % (sub, iid),
             "/submission/%d/narrative" % sub]
    writes = [("/submission/%d/routes/new" % sub, route_fields()),
              ("/submission/%d/routes/%d" % (sub, rid), route_fields(row_version="1")),
              ("/submission/%d/routes/%d/delete" % (sub, rid), {"row_version": "1"}),
              ("/submission/%d/incidents/new" % sub, incident_fields(period_start(sub))),
              ("/submission/%d/incidents/%d/delete" % (sub, iid), {"row_version": "1"}),
              ("/submission/%d/narrative" % sub, {"row_version": "0", "action": "save"})]
    expect_read = {"own data-entry": 200, "own focal-point": 200, "own viewer": 200,
                   "other data-entry": 404, "other focal-point": 404, "other viewer": 404,
                   "analyst": 200, "admin": 404}
    expect_write = {"other data-entry": 404, "other focal-point": 404, "other viewer": 404,
                    "own viewer": 403, "analyst": 403, "admin": 404}
    got = {}
    for who, u in users.items():
        for path in reads:
            got[(who, "GET " + path)] = u.get(path).status
        for path, fields in writes:
            if who in expect_write:
                got[(who, "POST " + path)] = u.send(path, fields).status
    want = {}
    for who in users:
        for path in reads:
            want[(who, "GET " + path)] = expect_read[who]
        for path, _ in writes:
            if who in expect_write:
                want[(who, "POST " + path)] = expect_write[who]
    # the secretariat administrator's reading of submissions follows the
    # policy module; take its answer on the submission page as the reference
    admin_sub = admin.get("/submission/%d" % sub).status
    for path in reads:
        want[("admin", "GET " + path)] = admin_sub
    for path, _ in writes:
        want[("admin", "POST " + path)] = 404 if admin_sub == 404 else 403
    assert got == want
    # another submission's id in the path never reaches a record
    other_sub = rp.start(users["other data-entry"], period)
    assert de.get("/submission/%d/routes/%d" % (other_sub, rid)).status == 404
    assert users["other data-entry"].get("/submission/%d/routes/%d" % (other_sub, rid)).status == 404
    # nothing was written by the refused requests
    assert sql("SELECT COUNT(*) FROM routes WHERE submission_id = %d" % sub) == [["1"]]


def test_a_tampered_record_change_breaks_the_chain(admin):
    juris, de, period, sub = new_draft(admin)
    rid = create_route(de, sub, note="original note")
    assert "history chain intact" in vrsadm("verify").stdout
    seq, n = sql("SELECT history_seq, n FROM cell_changes WHERE tbl = 'route' AND row_code = '%d' "
                 "AND col_code = 'note'" % rid)[0]
    assert sql("SELECT action FROM history WHERE seq = %s" % seq) == [["route.create"]]
    try:
        sql("UPDATE cell_changes SET now = 'rewritten note' WHERE history_seq = %s AND n = %s" % (seq, n))
        page = de.get("/submission/%d/routes/%d" % (sub, rid)).body
        assert "rewritten note" in page          # the page shows what is stored ...
        r = vrsadm("verify", check=False)        # ... and verify says it was changed
        assert r.returncode == 1 and "history chain BROKEN at entry %s" % seq in r.stdout
    finally:
        sql("UPDATE cell_changes SET now = 'original note' WHERE history_seq = %s AND n = %s" % (seq, n))
    assert "history chain intact" in vrsadm("verify").stdout
