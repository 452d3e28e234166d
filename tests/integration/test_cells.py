"""The data pages of a submission read fast (issue 14): the grids, the
route list and the incident list in two statements after the session's,
the code lists kept by each worker and read again whenever they change,
and the same pages as before (rows in code order, return reasons, counts
past the last page). Through nginx to the real workers and MariaDB; the
statement counts come from the request log's sql=N."""
import os
import random
import re

import reporting as rp
from conftest import ENV, sql
from reporting import User, admin, errors, esc, remove_test_periods  # noqa: F401 (fixtures)
from test_records import create_route, incident_fields, new_draft, period_start

LOG = os.path.join(ENV["LOGS"], "vrs.log")
WORKERS = 3
NIL_ALL = ("flows", "documents", "smugglers", "harm")


def statements(user, path, times=3 * WORKERS):
    """The fewest statements (sql=N) any of `times` requests for path sent:
    every worker has read the code lists by then, so the fewest is what a
    page costs when they are kept."""
    with open(LOG, "rb") as f:
        f.seek(0, os.SEEK_END)
        start = f.tell()
    for _ in range(times):
        assert user.get(path).status == 200
    with open(LOG, "rb") as f:
        f.seek(start)
        lines = f.read().decode("utf-8", "replace").splitlines()
    bare = path.split("?")[0]
    counts = [int(m.group(1)) for line in lines if "path=%s " % bare in line
              for m in [re.search(r" sql=(\d+)", line)] if m]
    assert len(counts) == times, lines
    return min(counts)


def test_the_data_pages_send_two_statements_after_the_session(admin):
    juris, de, period, sub = new_draft(admin)
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:F.Y_LT18": "5", "f:irr_entry:AFG:F.Y_LT18": "E"})
    create_route(de, sub)
    r = de.send("/submission/%d/incidents/new" % sub, incident_fields(period_start(sub)))
    assert r.status == 303, r
    # the session, the submission, one more: the grid's rows, cells and
    # reason (one statement), or a page of records with their count
    for ds in ("flows", "documents", "smugglers", "harm"):
        assert statements(de, "/submission/%d/%s" % (sub, ds)) <= 3, ds
    assert statements(de, "/submission/%d/routes?country=AFG&mode=LAND_FOOT" % sub) <= 3
    assert statements(de, "/submission/%d/incidents?country=AFG&mode=SEA_VESSEL" % sub) <= 3
    assert statements(de, "/submission/%d/routes?page=7" % sub) <= 4   # + a count: no row carries it


def test_code_lists_kept_by_the_workers_follow_every_change(admin):
    juris, de, period, sub = new_draft(admin)
    code = "Q%s" % "".join(random.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(5))
    label = "Cachedland %s" % code
    grid_path = "/submission/%d/flows" % sub
    list_path = "/submission/%d/routes" % sub
    for _ in range(3 * WORKERS):        # every worker keeps the lists
        assert code not in de.get(grid_path).body
        assert code not in de.get(list_path).body
    try:
        r = admin.send("/admin/codes", {"list": "country", "code": code, "label": label, "from": ""})
        assert r.status == 303, r
        for _ in range(3 * WORKERS):    # and every one of them reads them again
            body = de.get(grid_path).body
            assert '<option value="%s">%s</option>' % (code, esc(label)) in body
            assert '<option value="%s">%s</option>' % (code, esc(label)) in de.get(list_path).body
        # a change made by hand (or by a migration) raises the generation
        # as migration 0018 says, and counts the same
        sql("UPDATE codes SET label = 'Renamed %s' WHERE list = 'country' AND code = '%s'; "
            "UPDATE ref_generation SET gen = gen + 1 WHERE id = 1" % (code, code))
        for _ in range(3 * WORKERS):
            body = de.get(grid_path).body
            assert "Renamed %s" % code in body and label not in body
        rp.add_row(de, sub, "flows", "irr_entry", code)
        assert "<th scope=\"row\">Renamed %s</th>" % code in de.get(grid_path).body
        # ended before the period starts: no longer offered (a period's
        # pages offer the codes valid during it)
        r = admin.send("/admin/codes/end", {"list": "country", "code": code, "to": "2001-01-01"})
        assert r.status == 400      # before the code's start: refused
        starts = sql("SELECT DATE_FORMAT(starts_on - INTERVAL 1 DAY, '%%Y-%%m-%%d') FROM periods "
                     "WHERE code = '%s'" % period)[0][0]
        r = admin.send("/admin/codes/end", {"list": "country", "code": code, "to": starts})
        assert r.status == 303, r
        for _ in range(3 * WORKERS):
            assert '<option value="%s">' % code not in de.get(list_path).body
    finally:
        sql("DELETE FROM grid_rows WHERE row_code = '%s'" % code)
        sql("DELETE FROM codes WHERE list = 'country' AND code = '%s'; "
            "UPDATE ref_generation SET gen = gen + 1 WHERE id = 1" % code)
    for _ in range(3 * WORKERS):
        assert code not in de.get(list_path).body


def test_picked_rows_show_in_code_order_with_their_figures(admin):
    juris, de, period, sub = new_draft(admin)
    for country in ("TUR", "AFG", "IRN"):
        rp.add_row(de, sub, "flows", "irr_entry", country)
    rp.save(de, sub, "flows", {"v:irr_entry:TUR:M._U": "7", "f:irr_entry:TUR:M._U": "E",
                               "v:irr_entry:IRN:F._U": "", "f:irr_entry:IRN:F._U": "M",
                               "v:irr_entry:AFG:F.Y_LT18": "0"})
    page = rp.grid(de, sub)
    table = page.body[page.body.find('id="t-irr_entry"'):]
    rows = re.findall(r'<button type="submit" name="action" value="remove:irr_entry:(\w+)"', table)
    assert rows == ["AFG", "IRN", "TUR"]
    assert 'name="v:irr_entry:TUR:M._U" value="7"' in page.body
    # read-only, for another state's analyst view: figures, flags in words
    fp = User("focal-point", juris)
    rp.submit(fp, sub, nil=("documents", "smugglers", "harm"), routes_nil=True)
    view = rp.grid(User("secretariat-analyst"), sub).body
    view = view[view.find('id="t-irr_entry"'):]
    assert '<td class="num">7 (estimate)</td>' in view
    assert '<td class="num">not available</td>' in view
    assert '<td class="num">0</td>' in view
    labels = re.findall(r'<tr><th scope="row">([^<]+)</th>', view[:view.find("</tbody>")])
    assert labels[0] == "Afghanistan" and labels[-1].startswith("T")


def test_return_reasons_come_with_the_page_that_shows_them(admin):
    juris, de, period, sub = new_draft(admin)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.submit(fp, sub, nil=NIL_ALL, routes_nil=True)
    reasons = {"flows": "Flows <too low> & late", "routes": "Routes: add the fee of May",
               "incidents": "Incidents \"at sea\""}
    rp.review(analyst, sub, "return", reasons)
    assert rp.status(sub) == "returned"
    assert esc(reasons["flows"]) in rp.grid(de, sub).body
    assert esc(reasons["flows"]) not in rp.grid(de, sub, "harm").body
    assert esc(reasons["routes"]) in de.get("/submission/%d/routes" % sub).body
    assert esc(reasons["incidents"]) in de.get("/submission/%d/incidents" % sub).body
    assert esc(reasons["flows"]) not in de.get("/submission/%d/routes" % sub).body
    # another state's user learns nothing, not even that a reason exists
    outsider = User("data-entry", "NZL" if juris != "NZL" else "FJI")
    assert outsider.get("/submission/%d/routes" % sub).status == 404


def test_a_page_past_the_last_still_counts_the_records(admin):
    juris, de, period, sub = new_draft(admin)
    for origin in ("AFG", "PAK", "AFG"):
        create_route(de, sub, origin=origin)
    page = de.get("/submission/%d/routes?page=9" % sub)
    assert page.status == 200 and "Page 9 of 1 (3 in all)" in page.body
    assert "(2 in all)" in de.get("/submission/%d/routes?country=AFG" % sub).body
    assert "(0 in all)" in de.get("/submission/%d/routes?country=SYR&page=3" % sub).body
    page = de.get("/submission/%d/incidents?page=4" % sub)
    assert "Page 4 of 1 (0 in all)" in page.body
    assert not errors(page.body)


def test_a_full_cache_of_code_lists_drops_old_ones_and_pages_stay_whole(admin):
    """Each period has its own lists (the codes valid during it); a worker
    keeps 256 of them. Grids of many periods fill every worker's cache and
    go on past it: each page is whole (its own rows' names), none fails."""
    juris = rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    subs = []
    for i in range(70):
        sub = rp.start(de, rp.create_period(admin))
        subs.append(sub)
        if i % 10 == 0:
            rp.add_row(de, sub, "flows", "irr_entry", "AFG")
        for ds in ("flows", "documents", "smugglers", "harm"):
            assert de.get("/submission/%d/%s" % (sub, ds)).status == 200
    for i, sub in enumerate(subs):
        page = rp.grid(de, sub)
        assert page.body.count('<option value="AFG">Afghanistan</option>') == 1
        if i % 10 == 0:
            assert '<tr><th scope="row">Afghanistan</th>' in page.body
    assert statements(de, "/submission/%d/flows" % subs[-1]) <= 3
