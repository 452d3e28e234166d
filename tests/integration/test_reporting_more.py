"""Reporting, continued: copy-forward, the CSV download, the code list
administration and the accounts page. Through real HTTP; SQL only reads
(and cleans up the periods it made)."""
import random
import re

import pytest

import reporting as rp
from conftest import Client, sql
from reporting import User, admin, remove_test_periods  # noqa: F401 (admin, remove_test_periods: fixtures)


def two_periods(admin):
    """An earlier and a later half-year of one year, both new and open."""
    have = {r[0] for r in sql("SELECT code FROM periods")}
    for _ in range(200):
        year = random.randint(2030, 2099)
        first, second = "%d-S1" % year, "%d-S2" % year
        if first not in have and second not in have:
            return rp.create_period(admin, code=first), rp.create_period(admin, code=second)
    pytest.skip("no free pair of period codes")


def rows_of(sub, table="irr_entry"):
    return sorted(r[0] for r in sql("SELECT row_code FROM grid_rows WHERE submission_id = %d "
                                    "AND tbl = '%s'" % (sub, table)))


def test_copy_forward_takes_the_rows_not_the_values(admin):
    # a jurisdiction of its own when possible: rows come from the latest
    # earlier period, and other tests' periods could sit in between
    juris = rp.jurisdiction(fresh=True)
    de = User("data-entry", juris)
    first, second = two_periods(admin)
    old = rp.start(de, first)
    rp.add_row(de, old, "flows", "irr_entry", "AFG")
    rp.add_row(de, old, "flows", "irr_entry", "IRN")
    rp.save(de, old, "flows", {"v:irr_entry:AFG:F.Y_LT18": "9"})
    # a colleague of another jurisdiction must not lend its rows
    other = User("data-entry", rp.jurisdiction())
    if other.jurisdiction != juris:
        o = rp.start(other, first)
        rp.add_row(other, o, "flows", "irr_entry", "SYR")
    r = de.send("/report/start", {"period": second, "copy_rows": "1"})
    assert r.status == 303, r
    new = int(r.header("Location").rsplit("/", 1)[1].split("?")[0])
    assert rows_of(new) == ["AFG", "IRN"]
    assert sql("SELECT COUNT(*) FROM cells WHERE submission_id = %d" % new) == [["0"]]
    page = rp.grid(de, new)
    assert "Afghanistan" in page.body
    assert 'value="9"' not in page.body
    history = " ".join(r[0] for r in sql("SELECT detail FROM history WHERE object_type = "
                                          "'submission' AND object_id = %d" % new))
    assert "2 rows copied forward" in history


def test_start_without_copy_forward_has_no_rows(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    first, second = two_periods(admin)
    old = rp.start(de, first)
    rp.add_row(de, old, "flows", "irr_entry", "AFG")
    new = rp.start(de, second)
    assert rows_of(new) == []


def test_csv_download_has_every_cell_and_only_for_those_who_may_read(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5", "f:irr_entry:AFG:F.Y_LT18": "E",
                               "f:irr_entry:AFG:M._U": "M"})
    r = de.get("/submission/%d/csv" % sub)
    assert r.status == 200
    assert r.header("Content-Type").startswith("text/csv")
    assert re.match(r'attachment; filename="vrs-%s-\d{4}(-[SQ]\d)?-v1\.csv"' % juris,
                    r.header("Content-Disposition"))
    lines = r.body.split("\r\n")
    assert lines[0] == "dataset,table,row,column,value,flag"
    assert "flows,irr_entry,AFG,F.Y_LT18,5,E" in lines
    assert "flows,irr_entry,AFG,M._U,,M" in lines
    assert User("secretariat-analyst").get("/submission/%d/csv" % sub).status == 200
    outsider = User("viewer", "NZL" if juris != "NZL" else "FJI")
    assert outsider.get("/submission/%d/csv" % sub).status == 404


def test_code_list_admin_adds_and_retires_codes_but_never_deletes(admin):
    code = "T%05d" % random.randint(0, 99999)
    r = admin.get("/admin/codes?list=doctype")
    assert r.status == 200 and "Passport" in r.body
    r = admin.send("/admin/codes", {"list": "doctype", "code": code, "label": "Test document",
                                    "from": ""})
    assert r.status == 303
    try:
        assert sql("SELECT label FROM codes WHERE list = 'doctype' AND code = '%s'" % code) == \
            [["Test document"]]
        r = admin.send("/admin/codes", {"list": "doctype", "code": code, "label": "Again",
                                        "from": ""})
        assert r.status == 400 and "exists already" in r.body and 'value="Again"' in r.body
        for bad, msg in (("lower", "capital letters"), ("A B", "capital letters"),
                         ("X" * 17, "too long")):
            r = admin.send("/admin/codes", {"list": "doctype", "code": bad, "label": "x", "from": ""})
            assert r.status == 400 and msg in r.body, bad
        r = admin.send("/admin/codes", {"list": "doctype", "code": code + "B", "label": "x",
                                        "from": "2026-02-30"})
        assert r.status == 400 and "Use a date that exists" in r.body
        # ending validity: not before the start, then today
        r = admin.send("/admin/codes/end", {"list": "doctype", "code": code, "to": "2001-01-01"})
        assert r.status == 400
        today = sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 0 DAY, '%Y-%m-%d')")[0][0]
        r = admin.send("/admin/codes/end", {"list": "doctype", "code": code, "to": today})
        assert r.status == 303
        assert sql("SELECT COUNT(*) FROM codes WHERE list = 'doctype' AND code = '%s'" % code) \
            == [["1"]]
        assert "/admin/codes/delete" not in admin.get("/admin/codes?list=doctype").body
        assert User("focal-point").get("/admin/codes").status == 403
    finally:
        sql("DELETE FROM codes WHERE list = 'doctype' AND code LIKE '%s%%'" % code + "; UPDATE ref_generation SET gen = gen + 1 WHERE id = 1")


def test_retired_code_cannot_be_chosen_as_a_row(admin):
    code = "ZZ%03d" % random.randint(0, 999)
    try:
        admin.send("/admin/codes", {"list": "country", "code": code, "label": "Testland",
                                    "from": "2000-01-01"})
        juris = rp.jurisdiction(fresh=False)
        de = User("data-entry", juris)
        sub = rp.start(de, rp.create_period(admin))
        assert "Testland" in rp.grid(de, sub).body
        yesterday = sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 1 DAY, '%Y-%m-%d')")[0][0]
        assert admin.send("/admin/codes/end", {"list": "country", "code": code,
                                               "to": yesterday}).status == 303
        r = rp.add_row(de, sub, "flows", "irr_entry", code, expect=400)
        assert "not in the current code list" in r.body
    finally:
        sql("DELETE FROM codes WHERE list = 'country' AND code = '%s'" % code + "; UPDATE ref_generation SET gen = gen + 1 WHERE id = 1")


def test_focal_point_manages_its_own_jurisdictions_accounts():
    juris = rp.jurisdiction(fresh=False)
    fp = User("focal-point", juris)
    name = "t%06d" % random.randint(0, 999999)
    r = fp.get("/admin/users")
    assert r.status == 200 and fp.username in r.body
    assert 'value="secretariat-admin"' not in r.body
    r = fp.send("/admin/users", {"username": name, "name": "New Officer", "role": "data-entry",
                                 "password": "temporary passphrase"})
    assert r.status == 303, r
    assert sql("SELECT j.code FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id "
               "WHERE u.username = '%s'" % name) == [[juris]]
    assert Client().login(name, "temporary passphrase").status == 303
    # errors are shown beside the fields, with the typed values kept
    r = fp.send("/admin/users", {"username": name, "name": "Dup", "role": "data-entry",
                                 "password": "short"})
    assert r.status == 400 and "taken" not in r.body or "at least 12" in r.body
    r = fp.send("/admin/users", {"username": name + "x", "name": "N", "role": "secretariat-admin",
                                 "password": "temporary passphrase"})
    assert r.status == 403
    r = fp.send("/admin/users/lock", {"username": name})
    assert r.status == 303 and Client().login(name, "temporary passphrase").status == 403
    r = fp.send("/admin/users/reset", {"username": name, "password": "a new passphrase"})
    assert r.status == 303 and Client().login(name, "a new passphrase").status == 303
    # another jurisdiction's accounts do not exist for this focal point
    other = User("viewer", "NZL" if juris != "NZL" else "FJI")
    assert fp.send("/admin/users/lock", {"username": other.username}).status == 404
    assert other.username not in fp.get("/admin/users").body
    assert User("data-entry", juris).get("/admin/users").status == 403
    actions = [r[0] for r in sql("SELECT action FROM history WHERE object_type = 'user' AND "
                                 "object_id = (SELECT id FROM users WHERE username = '%s') "
                                 "ORDER BY seq" % name)]
    assert actions[:3] == ["user.add", "auth.login", "user.lock"] and "user.passwd" in actions


def test_a_reason_that_looks_like_a_digest_does_not_break_verify(admin):
    from conftest import vrsadm
    juris = rp.jurisdiction(fresh=False)
    de, fp, analyst = User("data-entry", juris), User("focal-point", juris), \
        User("secretariat-analyst")
    sub = rp.start(de, rp.create_period(admin))
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "3"})
    rp.submit(fp, sub, nil=("documents", "smugglers", "harm"))
    rp.review(analyst, sub, "return", {"flows": "see ; changes sha256=" + "0" * 64})
    out = vrsadm("verify")
    assert out.returncode == 0 and "history chain intact" in out.stdout


def test_focal_point_cannot_take_over_other_focal_points_or_itself():
    juris = rp.jurisdiction(fresh=False)
    fp, other_fp = User("focal-point", juris), User("focal-point", juris)
    assert fp.send("/admin/users/reset", {"username": other_fp.username,
                                          "password": "taken over now!"}).status == 403
    assert fp.send("/admin/users/lock", {"username": other_fp.username}).status == 403
    assert fp.send("/admin/users/reset", {"username": fp.username,
                                          "password": "my own new one"}).status == 403
    assert Client().login(other_fp.username, other_fp.password).status == 303


def test_removing_a_row_does_not_first_write_what_was_typed_in_it(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5"})
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "7"},
            action="remove_confirmed:irr_entry:AFG")
    changes = [r[0] for r in sql(
        "SELECT CONCAT(c.was, ' -> ', c.now) FROM cell_changes c JOIN history h "
        "ON h.seq = c.history_seq WHERE h.object_id = %d AND h.object_type = 'submission'" % sub)]
    assert "5 A -> 7 A" not in changes
    details = [r[0] for r in sql("SELECT detail FROM history WHERE object_type = 'submission' "
                                 "AND object_id = %d" % sub)]
    assert any("5 A -> blank (row removed)" in d for d in details)
    assert rows_of(sub) == []


def test_a_save_keeps_its_reason_and_an_empty_save_changes_nothing(admin):
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    sub = rp.start(de, rp.create_period(admin))
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "4",
                               "reason": "Corrected after the audit « Q3 »"})
    detail = sql("SELECT detail FROM history WHERE object_type = 'submission' AND "
                 "object_id = %d AND action = 'cells.save'" % sub)[0][0]
    assert "reason: Corrected after the audit « Q3 »" in detail
    assert "Corrected after the audit" in de.get("/submission/%d/history" % sub).body
    from conftest import vrsadm
    assert vrsadm("verify").returncode == 0
    before = sql("SELECT row_version, updated_at FROM submissions WHERE id = %d" % sub)
    rp.save(de, sub, "flows", {})           # the same values again
    assert sql("SELECT row_version, updated_at FROM submissions WHERE id = %d" % sub) == before
    r = rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5", "reason": "x" * 251},
                expect=400)
    assert "This is too long." in r.body and 'value="5"' in r.body


def test_ending_a_code_later_does_not_hide_data_of_the_period(admin):
    """A grid offers the codes valid at some time during its period, so
    data entered while a code was valid stays visible and editable."""
    code = "QX%02d" % random.randint(0, 99)
    try:
        assert admin.send("/admin/codes", {"list": "doctype", "code": code,
                                           "label": "Test travel document",
                                           "from": "2000-01-01"}).status == 303
        juris = rp.jurisdiction(fresh=False)
        de = User("data-entry", juris)
        # a past period, so that the code's validity can end before today
        have = {r[0] for r in sql("SELECT code FROM periods")}
        free = [c for c in ("%d-S%d" % (y, h) for y in range(2001, 2020) for h in (1, 2))
                if c not in have]
        if not free:
            pytest.skip("no free past period code")
        period = rp.create_period(admin, code=random.choice(free))
        sub = rp.start(de, period)
        rp.save(de, sub, "documents", {"v:by_doctype:%s:FORGED" % code: "6"})
        starts = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods "
                     "WHERE code = '%s'" % period)[0][0]
        # valid until the period's first day: no longer valid today, but it
        # was during the period
        assert admin.send("/admin/codes/end", {"list": "doctype", "code": code,
                                               "to": starts}).status == 303
        page = rp.grid(de, sub, "documents")
        assert "Test travel document" in page.body and 'value="6"' in page.body
        assert "documents,by_doctype,%s,FORGED,6,A" % code in de.get("/submission/%d/csv" % sub).body
    finally:
        sql("DELETE FROM cells WHERE row_code = '%s'" % code)
        sql("DELETE FROM codes WHERE list = 'doctype' AND code = '%s'" % code + "; UPDATE ref_generation SET gen = gen + 1 WHERE id = 1")


def test_accounts_are_listed_fifty_a_page_and_by_jurisdiction(admin):
    r = admin.get("/admin/users")
    assert r.status == 200
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th>', r.body)
    total = int(sql("SELECT COUNT(*) FROM users")[0][0])
    assert len(rows) == min(50, total)
    if total > 50:
        assert "?page=2" in r.body
        second = re.findall(r'<tr><th scope="row">([^<]*)</th>', admin.get("/admin/users?page=2").body)
        assert second and not set(second) & set(rows)
    juris = rp.jurisdiction(fresh=False)
    User("viewer", juris)
    r = admin.get("/admin/users?jurisdiction=%s" % juris)
    codes = set(re.findall(r'\n<td>([A-Z]{3})</td><td>', r.body))
    assert codes == {juris}, codes
    assert admin.get("/admin/users?jurisdiction=ZZZ").status == 404
