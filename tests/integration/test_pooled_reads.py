"""Pooled views that read a few rows (issue 14): the trend summary kept in
step at each transition, the workers' copies of the code lists and
settings given up the moment either changes (by any writer, here plain
SQL), the viewer's own aggregate-only data, and the statements each view
sends.

A small world through the real forms: in period P, states A and B have
accepted submissions, B shares in aggregate only; each has one flows cell
of its own (A's and B's in different columns).
"""
import os
import re

import pytest

import reporting as rp
from conftest import ENV, sql
from reporting import User

CELL = {"A": 271001, "B": 272003}      # flows irr_entry AFG, A: F.Y_LT18, B: M.Y_LT18
NEW_CODE, NEW_NAME = "QQZ", "Qqz test country"


def settings(admin, k="3"):
    r = admin.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                      "contribution": "accepted", "suppress_k": k,
                                      "suppress_below": "", "default_level": "attributed"})
    assert r.status == 303, r


class World:
    pass


@pytest.fixture(scope="module")
def world():
    w = World()
    w.admin = User("secretariat-admin")
    w.analyst = User("secretariat-analyst")
    settings(w.admin)
    w.p = rp.create_period(w.admin)
    codes = []
    for _ in range(40):
        c = rp.jurisdiction(fresh=True)
        if c not in codes:
            codes.append(c)
        if len(codes) == 2:
            break
    w.code = dict(zip("AB", codes))
    w.de = {k: User("data-entry", w.code[k]) for k in "AB"}
    w.fp = {k: User("focal-point", w.code[k]) for k in "AB"}
    w.sub = {}
    for k in "AB":
        w.sub[k] = rp.start(w.de[k], w.p)
        rp.add_row(w.de[k], w.sub[k], "flows", "irr_entry", "AFG")
        col = "M.Y_LT18" if k == "B" else "F.Y_LT18"
        rp.save(w.de[k], w.sub[k], "flows", {"v:irr_entry:AFG:%s" % col: str(CELL[k])})
    r = w.fp["B"].send("/submission/%d/sharing" % w.sub["B"], {"level": "aggregate"})
    assert r.status == 303, r
    for k in "AB":
        rp.submit(w.fp[k], w.sub[k], nil=("documents", "smugglers", "harm"))
        rp.review(w.analyst, w.sub[k], "accept")
    yield w
    sql("DELETE FROM codes WHERE list = 'country' AND code = '%s'" % NEW_CODE)
    settings(w.admin)
    rp.cleanup()


def totals(user, period, **extra):
    q = "".join("&%s=%s" % kv for kv in extra.items())
    r = user.get("/pooled?period=%s&dataset=flows%s" % (period, q))
    assert r.status == 200, r
    return r.body


def trend_rows(period):
    """The trend summary of period, and the same recomputed from the cell
    and table summaries it is derived from."""
    kept = sql("SELECT t.counts, t.dataset, t.tbl, t.sum_nonc, t.sum_all, t.conf, "
               "COALESCE(t.min_agg, ''), COALESCE(t.min_sum, ''), t.states_nonc, t.states_all "
               "FROM pool_trends t JOIN periods p ON p.id = t.period_id WHERE p.code = '%s' "
               "ORDER BY 1, 2, 3" % period)
    fresh = sql("SELECT c.counts, c.dataset, c.tbl, SUM(c.sum_nonc), SUM(c.sum_all), SUM(c.conf), "
                "COALESCE(MIN(NULLIF(c.agg_nonc, 0)), ''), "
                "COALESCE(MIN(IF(c.sum_nonc > 0, c.sum_nonc, NULL)), ''), "
                "(SELECT COUNT(DISTINCT t.jurisdiction_id) FROM pool_tables t WHERE "
                " t.period_id = c.period_id AND t.counts = c.counts AND t.dataset = c.dataset "
                " AND t.n_nonc > 0), "
                "(SELECT COUNT(DISTINCT t.jurisdiction_id) FROM pool_tables t WHERE "
                " t.period_id = c.period_id AND t.counts = c.counts AND t.dataset = c.dataset) "
                "FROM pool_cells c JOIN periods p ON p.id = c.period_id WHERE p.code = '%s' "
                "GROUP BY c.counts, c.dataset, c.tbl HAVING SUM(c.states_all) > 0 "
                "ORDER BY 1, 2, 3" % period)
    return kept, fresh


def test_trend_summary_follows_each_transition(world):
    w = world
    kept, fresh = trend_rows(w.p)
    assert kept == fresh and kept, (kept, fresh)
    # A's total in P: both states' cells (B's is hidden from A: one
    # aggregate-only state under K = 3, so the total is suppressed for A)
    r = w.fp["A"].get("/pooled/trends?dataset=flows")
    row = r.body.split('<th scope="row">%s</th>' % w.p, 1)[1].split("</tr>", 1)[0]
    assert "suppressed" in row and str(CELL["A"] + CELL["B"]) not in row
    sec = w.analyst.get("/pooled/trends?dataset=flows").body
    row = sec.split('<th scope="row">%s</th>' % w.p, 1)[1].split("</tr>", 1)[0]
    assert str(CELL["A"] + CELL["B"]) in row
    # B reopened: its figures leave the summaries, the trend's with them.
    rp.review(w.analyst, w.sub["B"], "reopen")
    kept, fresh = trend_rows(w.p)
    assert kept == fresh and kept, (kept, fresh)
    sec = w.analyst.get("/pooled/trends?dataset=flows").body
    row = sec.split('<th scope="row">%s</th>' % w.p, 1)[1].split("</tr>", 1)[0]
    assert str(CELL["A"]) in row and str(CELL["A"] + CELL["B"]) not in row
    # ... and come back with its new version.
    latest = sql("SELECT s.id FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
                 "JOIN periods p ON p.id = s.period_id WHERE j.code = '%s' AND p.code = '%s' "
                 "ORDER BY s.version DESC LIMIT 1" % (w.code["B"], w.p))[0][0]
    w.sub["B"] = int(latest)
    rp.submit(w.fp["B"], w.sub["B"], nil=("documents", "smugglers", "harm"))
    rp.review(w.analyst, w.sub["B"], "accept")
    kept, fresh = trend_rows(w.p)
    assert kept == fresh and kept, (kept, fresh)


def test_own_aggregate_data_never_suppresses_for_its_state(world):
    w = world
    # B shares in aggregate only: A sees B's cell suppressed, B sees it.
    assert str(CELL["B"]) not in totals(w.fp["A"], w.p)
    assert str(CELL["B"]) in totals(w.fp["B"], w.p)
    assert str(CELL["A"]) in totals(w.fp["B"], w.p)


# A change made by hand raises the reference generation, as INSTALL and
# migration 0018 say; every worker then reads its copies again.
RAISE = "; UPDATE ref_generation SET gen = gen + 1 WHERE id = 1"


def test_a_settings_change_by_hand_applies_at_once(world):
    w = world
    for _ in range(6):      # every worker keeps the settings
        assert str(CELL["B"]) not in totals(w.fp["A"], w.p)
    # K = 1 by hand, as an administrator's SQL: a single aggregate-only
    # state's cell may show in the totals, in every worker, at once.
    sql("UPDATE settings SET value = '1' WHERE name = 'suppress_k'" + RAISE)
    try:
        for _ in range(6):
            assert str(CELL["B"]) in totals(w.fp["A"], w.p)
    finally:
        sql("UPDATE settings SET value = '3' WHERE name = 'suppress_k'" + RAISE)
    for _ in range(6):
        assert str(CELL["B"]) not in totals(w.fp["A"], w.p)


def test_a_code_list_change_by_hand_applies_at_once(world):
    w = world
    option = '<option value="%s">%s</option>' % (NEW_CODE, NEW_NAME)
    for _ in range(6):      # every worker keeps the period's country list
        assert option not in totals(w.fp["A"], w.p)
        assert option not in w.fp["A"].get("/pooled/routes?period=%s" % w.p).body
    sql("INSERT INTO codes (list, code, label, sort, valid_from) VALUES "
        "('country', '%s', '%s', 0, '1900-01-01')" % (NEW_CODE, NEW_NAME) + RAISE)
    for _ in range(6):
        assert option in totals(w.fp["A"], w.p)
        assert option in w.fp["A"].get("/pooled/routes?period=%s" % w.p).body
    # A label changed by hand too.
    sql("UPDATE codes SET label = 'Qqz renamed' WHERE list = 'country' AND code = '%s'" % NEW_CODE
        + RAISE)
    for _ in range(6):
        body = totals(w.fp["A"], w.p, country=NEW_CODE)
        assert 'selected>Qqz renamed</option>' in body and NEW_NAME not in body
    sql("DELETE FROM codes WHERE list = 'country' AND code = '%s'" % NEW_CODE + RAISE)
    for _ in range(6):
        assert NEW_CODE not in totals(w.fp["A"], w.p).split('id="f-country"', 1)[1]


def statements(path_prefix, fetch, times=4):
    """The fewest statements a request sent (the log's sql=N) over a few
    requests (a worker's first reads its copies of the code lists)."""
    log = os.path.join(ENV["LOGS"], "vrs.log")
    start = os.path.getsize(log)
    for _ in range(times):
        fetch()
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        counts = [int(m.group(1)) for m in
                  re.finditer(r"path=%s route=\S+ status=200 ms=\d+ sql=(\d+)" % re.escape(path_prefix),
                              f.read())]
    assert len(counts) == times, counts
    return min(counts)


def test_pooled_views_send_few_statements(world):
    w = world
    a = w.fp["A"]
    # The session, the standing (the sharing rule's input), the view's
    # data (one, two for the routes and their fees), and the view's record
    # in the history (at most 5).
    assert statements("/pooled", lambda: totals(a, w.p)) <= 3 + 5
    assert statements("/pooled/trends", lambda: a.get("/pooled/trends?dataset=flows")) <= 3 + 5
    assert statements("/pooled/routes",
                      lambda: a.get("/pooled/routes?period=%s" % w.p)) <= 4 + 5
