"""The sharing rule (issue 5), the most important tests of the project.

A fixture through the real forms: in period P, states A and B have
accepted submissions, C's is only submitted, D has a draft; B shares in
aggregate only. In the earlier period P0 only C contributed. A distinct
canary is planted in every dataset, record and narrative of every state,
including C cells and secretariat-only narratives. For each user, every
pooled page and CSV is fetched and the set of canaries that appear is
compared with exactly what the rule allows, for each sharing mode and both
contribution settings. A race test checks that a withdrawn contribution
closes at once.
"""
import re
import threading
import time

import pytest

import reporting as rp
from conftest import sql
from reporting import User

NIL = ("documents", "smugglers")

# Canaries: figures and texts found nowhere else.
CELL = {"A": 314159, "B": 161803, "C": 173205, "D": 244948}        # flows AFG F.Y_LT18 (B: M.Y_LT18)
CONF = {"A": 271828, "B": 141421, "C": 223606, "D": 264575}        # flag C, flows AFG F.Y_GE18
HARM = {"A": None, "B": 331662, "C": 346410, "D": 360555}          # harm; A reports all M
MIGR = {"A": 412310, "B": 424264, "C": 435889, "D": 447213}        # route migrants
P0_CELL = 509901                                                     # C's flows in P0
PEERS = {k: "canary-%s-peers" % k for k in "ABCD"}
SECRET = {k: "canary-%s-secret" % k for k in "ABCD"}


def settings(admin, mode="period", contribution="accepted", window="4", k="3"):
    r = admin.send("/admin/sharing", {"sharing_mode": mode, "sharing_window": window,
                                      "contribution": contribution, "suppress_k": k,
                                      "default_level": "attributed"})
    assert r.status == 303, r


def plant(de, sub, who, harm_value, period_has_route=True, peers_text=None, secret_text=None):
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    col = "M.Y_LT18" if who == "B" else "F.Y_LT18"
    fields = {"v:irr_entry:AFG:%s" % col: str(CELL[who]),
              "v:irr_entry:AFG:F.Y_GE18": str(CONF[who]), "f:irr_entry:AFG:F.Y_GE18": "C"}
    rp.save(de, sub, "flows", fields)
    if harm_value is None:
        rp.save(de, sub, "harm", {"v:by_mode:SEA_VESSEL:DEAD.SEA": "", "f:by_mode:SEA_VESSEL:DEAD.SEA": "M"})
    else:
        rp.save(de, sub, "harm", {"v:by_mode:SEA_VESSEL:DEAD.SEA": str(harm_value)})
    origin, dest = ("PAK", "ITA") if who == "B" else ("AFG", "GRC")
    fields = [("origin", origin), ("legs", "2"), ("leg_to.0", "TUR"), ("leg_mode.0", "LAND_FOOT"),
              ("leg_to.1", dest), ("leg_mode.1", "SEA_VESSEL"), ("migrants", str(MIGR[who])),
              ("fee_amount", ""), ("fee_currency", ""), ("fee_scope", ""), ("source", "INTERVIEW"),
              ("confidence", "HIGH"), ("note", ""), ("row_version", "0"), ("action", "save")]
    assert de.send("/submission/%d/routes/new" % sub, fields).status == 303
    r = de.send("/submission/%d/narrative" % sub, {
        "row_version": "0", "trends": peers_text or PEERS[who], "trends_share": "peers",
        "modus": secret_text or SECRET[who], "modus_share": "secretariat", "legal": "",
        "legal_share": "secretariat", "action": "save"})
    assert r.status == 303, r


class World:
    pass


@pytest.fixture(scope="module")
def world():
    w = World()
    w.admin = User("secretariat-admin")
    w.analyst = User("secretariat-analyst")
    settings(w.admin)
    year = None
    have = {r[0] for r in sql("SELECT code FROM periods")}
    for y in range(2030, 2100):
        if not any(c.startswith("%d" % y) for c in have):
            year = y
            break
    assert year, "no free year for the sharing fixture"
    w.p0 = rp.create_period(w.admin, code="%d-S1" % year)
    w.p = rp.create_period(w.admin, code="%d-S2" % year)
    codes = []
    for _ in range(40):
        c = rp.jurisdiction(fresh=True)
        if c not in codes:
            codes.append(c)
        if len(codes) == 4:
            break
    assert len(codes) == 4
    w.code = dict(zip("ABCD", codes))
    w.de = {k: User("data-entry", w.code[k]) for k in "ABCD"}
    w.fp = {k: User("focal-point", w.code[k]) for k in "ABCD"}
    w.sub = {}
    # P0: only C contributes (accepted).
    s0 = rp.start(w.de["C"], w.p0)
    rp.add_row(w.de["C"], s0, "flows", "irr_entry", "AFG")
    rp.save(w.de["C"], s0, "flows", {"v:irr_entry:AFG:F.Y_LT18": str(P0_CELL)})
    rp.submit(w.fp["C"], s0, nil=NIL + ("harm",))
    rp.review(w.analyst, s0, "accept")
    # P: everyone plants canaries.
    for k in "ABCD":
        w.sub[k] = rp.start(w.de[k], w.p)
        plant(w.de[k], w.sub[k], k, HARM[k])
    r = w.fp["B"].send("/submission/%d/sharing" % w.sub["B"], {"level": "aggregate"})
    assert r.status == 303, r
    for k in "ABC":
        rp.submit(w.fp[k], w.sub[k], nil=NIL, routes_nil=False, acknowledge=True)
    for k in "AB":
        rp.review(w.analyst, w.sub[k], "accept")
    yield w
    settings(w.admin)
    rp.cleanup()


def pages(w, user, period):
    """Every pooled page and CSV for period, as user sees them (any status)."""
    out = {}
    for path in ["/sharing",
                 "/pooled?period=%s&dataset=flows" % period,
                 "/pooled?period=%s&dataset=flows&format=csv" % period,
                 "/pooled?period=%s&dataset=harm" % period,
                 "/pooled?period=%s&dataset=harm&format=csv" % period,
                 "/pooled/trends?dataset=flows", "/pooled/trends?dataset=flows&format=csv",
                 "/pooled/trends?dataset=harm",
                 "/pooled/routes?period=%s" % period, "/pooled/routes?period=%s&format=csv" % period,
                 "/pooled/narratives?period=%s" % period]:
        r = user.get(path)
        assert r.status in (200, 403), (path, r)
        out[path] = r
    return out


ALL = {}


def canaries_in(text):
    found = set()
    for table, name in ((CELL, "cell"), (CONF, "conf"), (HARM, "harm"), (MIGR, "migr")):
        for k, v in table.items():
            if v is not None and re.search(r"(?<!\d)%d(?!\d)" % v, text):
                found.add("%s-%s" % (name, k))
    for k in "ABCD":
        if PEERS[k] in text:
            found.add("peers-%s" % k)
        if SECRET[k] in text:
            found.add("secret-%s" % k)
    if re.search(r"(?<!\d)%d(?!\d)" % P0_CELL, text):
        found.add("p0-C")
    return found


def sums_in(text, *values):
    return re.search(r"(?<!\d)%d(?!\d)" % sum(values), text) is not None


def everything(bodies):
    return "\n".join(r.body for r in bodies.values())


# ---- the per-period rule, accepted submissions count --------------------------

def test_per_period_accepted(world):
    w = world
    settings(w.admin, "period", "accepted")
    a = pages(w, w.fp["A"], w.p)
    text = everything(a)
    # A contributed: it sees its own figures (they are in the pool), its
    # own narrative, never B's figures (aggregate only, fewer than K) nor
    # any C cell, nor others' secretariat-only texts. C only submitted: out.
    assert canaries_in(text) == {"cell-A", "migr-A", "peers-A", "secret-A", "peers-B"}, canaries_in(text)
    assert a["/pooled?period=%s&dataset=flows" % w.p].status == 200
    assert "suppressed" in a["/pooled?period=%s&dataset=flows" % w.p].body     # B's cell
    # B's route is left out of the ordered lists (its place would tell its size)
    assert "Routes left out (flows / fees): 1 / 0." in a["/pooled/routes?period=%s" % w.p].body
    # states never learn where C cells are
    assert "includes confidential cells" not in text
    # B's narrative is shown without its name; A's with it.
    narr = a["/pooled/narratives?period=%s" % w.p].body
    assert "A state that shares in regional totals only" in narr
    assert "(%s)" % w.code["B"] not in narr and "(%s)" % w.code["A"] in narr
    # P0 (only C): A did not contribute, so 403 with the explanation.
    r = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p0)
    assert r.status == 403 and "You cannot see this yet" in r.body
    assert "p0-C" not in canaries_in(r.body)

    # C only submitted, D has a draft: refused with the explanation, and
    # told what submitting would unlock.
    for k in "CD":
        bodies = pages(w, w.fp[k], w.p)
        assert bodies["/pooled?period=%s&dataset=flows" % w.p].status == 403
        assert "You cannot see this yet" in bodies["/pooled?period=%s&dataset=flows" % w.p].body
        own_p0 = {"p0-C"} if k == "C" else set()     # C's own P0 figure, in its trends
        assert canaries_in(everything(bodies)) == own_p0, (k, canaries_in(everything(bodies)))
    why = w.fp["D"].get("/sharing").body
    assert "Submit this period, and once the secretariat accepts it you see its data from " \
        "2 states (%s)" % w.p in why

    # The secretariat sees everything, confidential cells marked.
    s = everything(pages(w, w.analyst, w.p))
    assert canaries_in(s) >= {"cell-A", "cell-B", "harm-B", "migr-A", "migr-B",
                              "peers-A", "peers-B", "secret-A", "secret-B"}
    assert sums_in(s, CONF["A"], CONF["B"])          # the C cells, in the total, marked
    assert "includes confidential cells" in s


# ---- the per-period rule, submitted submissions count too -----------------------

def test_per_period_submitted(world):
    w = world
    settings(w.admin, "period", "submitted")
    text = everything(pages(w, w.fp["A"], w.p))
    # Now C counts: A sees C's attributed figures and the sums with C.
    got = canaries_in(text)
    assert {"cell-C", "harm-C", "peers-C"} <= got, got
    assert not got & {"cell-B", "conf-A", "conf-B", "conf-C", "harm-B", "migr-B", "secret-B",
                      "secret-C", "cell-D", "conf-D", "harm-D", "migr-D", "peers-D", "secret-D"}, got
    assert sums_in(text, CELL["A"], CELL["C"])            # the regional total of A and C
    assert sums_in(text, MIGR["A"], MIGR["C"])            # the AFG > GRC flow
    # C, contributing now, sees A attributed and never B's figures.
    c = canaries_in(everything(pages(w, w.fp["C"], w.p)))
    assert {"cell-A", "peers-A"} <= c and not c & {"cell-B", "conf-A", "conf-B", "secret-A", "secret-B",
                                                    "harm-B", "migr-B", "cell-D"}, c
    # D still sees nothing of others.
    assert canaries_in(everything(pages(w, w.fp["D"], w.p))) == set()
    # the B cell is suppressed for A (one aggregate-only state, K = 3), and
    # shown to the secretariat with its mark
    flows = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p).body
    assert "suppressed" in flows and str(CELL["B"]) not in flows
    sec = w.analyst.get("/pooled?period=%s&dataset=flows" % w.p).body
    assert str(CELL["B"]) in sec and "states see this figure as suppressed" in sec
    # the trends total of a table holding a suppressed cell is suppressed
    # too, or A could subtract the visible cells and recover B's
    trends = w.fp["A"].get("/pooled/trends?dataset=flows").body
    row = trends.split('<th scope="row">%s</th>' % w.p, 1)[1].split("</tr>", 1)[0]
    assert "suppressed" in row and str(CELL["B"]) not in trends
    assert not sums_in(trends, CELL["A"], CELL["B"], CELL["C"])
    # with K = 1, a single aggregate-only state's cell may be shown in totals,
    # but never per jurisdiction
    settings(w.admin, "period", "submitted", k="1")
    flows = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p).body
    assert str(CELL["B"]) in flows
    by_state = flows.split('id="by-state"', 1)[1]
    assert w.code["B"] not in by_state and w.code["C"] in by_state


# ---- the rolling window and the per-dataset rule ----------------------------------

def test_rolling_window_opens_earlier_periods(world):
    w = world
    settings(w.admin, "rolling", "accepted", window="4")
    # A's latest contribution is P: P0 (before it, within 4) is open.
    r = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p0)
    assert r.status == 200 and "p0-C" in canaries_in(r.body)
    settings(w.admin, "rolling", "accepted", window="1")
    r = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p0)
    assert r.status == 403 and "p0-C" not in canaries_in(r.body)
    # C's latest accepted contribution is P0: P, after it, stays closed.
    settings(w.admin, "rolling", "accepted", window="4")
    r = w.fp["C"].get("/pooled?period=%s&dataset=flows" % w.p)
    assert r.status == 403 and canaries_in(r.body) == set()
    assert canaries_in(everything(pages(w, w.fp["D"], w.p))) == set()


def test_per_dataset_rule_opens_only_what_the_viewer_reported(world):
    w = world
    settings(w.admin, "dataset", "submitted")
    a = w.fp["A"]
    # A reported flows (numbers) but harm all "not available": harm is closed.
    assert a.get("/pooled?period=%s&dataset=flows" % w.p).status == 200
    r = a.get("/pooled?period=%s&dataset=harm" % w.p)
    assert r.status == 403 and "harm-C" not in canaries_in(r.body)
    assert "harm-C" not in canaries_in(everything(pages(w, a, w.p)))
    # C reported harm: open to C, with A's... A has no harm figure; B's is
    # aggregate only and suppressed.
    r = w.fp["C"].get("/pooled?period=%s&dataset=harm" % w.p)
    assert r.status == 200 and "harm-B" not in canaries_in(r.body)
    settings(w.admin, "period", "submitted")
    assert "harm-C" in canaries_in(a.get("/pooled?period=%s&dataset=harm" % w.p).body)


# ---- withdrawal is immediate, views are recorded ------------------------------------

def test_a_returned_submission_closes_access_at_once(world):
    w = world
    settings(w.admin, "period", "submitted")
    path = "/pooled?period=%s&dataset=flows" % w.p
    assert w.fp["C"].get(path).status == 200
    results, stop = [], threading.Event()

    def hammer():
        client = w.fp["C"]
        while not stop.is_set():
            started = time.monotonic()
            r = client.get(path)
            results.append((started, r.status, canaries_in(r.body)))

    t = threading.Thread(target=hammer)
    t.start()
    time.sleep(0.3)
    rp.review(w.analyst, w.sub["C"], "return", {"flows": "check the figures"})
    flipped = time.monotonic()
    time.sleep(0.5)
    stop.set()
    t.join()
    after = [x for x in results if x[0] > flipped]
    assert after, "no request started after the flip"
    assert all(status == 403 and not found for _, status, found in after), after[:3]
    assert any(status == 200 for started, status, _ in results if started < flipped)
    # resubmitted: open again
    rp.submit(w.fp["C"], w.sub["C"], nil=NIL, routes_nil=False, acknowledge=True)
    assert w.fp["C"].get(path).status == 200


def test_every_pooled_view_served_is_in_the_access_log(world):
    # Views are rows of the access log (sealed into the history in batches:
    # tests/integration/test_access_log.py), no longer history entries.
    w = world
    settings(w.admin, "period", "submitted")
    log = "SELECT username, view, format, part, periods FROM access_log WHERE username IN ('%s', '%s') " \
          "ORDER BY id" % (w.fp["A"].username, w.fp["D"].username)
    before = sql(log)
    w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p)
    w.fp["A"].get("/pooled/routes?period=%s&format=csv" % w.p)
    w.fp["D"].get("/pooled?period=%s&dataset=flows" % w.p)          # refused: nothing served
    assert sql(log)[len(before):] == [[w.fp["A"].username, "totals", "html", "flows", w.p],
                                      [w.fp["A"].username, "routes", "csv", "routes", w.p]]


def test_only_the_secretariat_admin_changes_the_settings(world):
    w = world
    for user in (w.fp["A"], w.analyst):
        r = user.send("/admin/sharing", {"sharing_mode": "rolling", "sharing_window": "2",
                                         "contribution": "accepted", "suppress_k": "3",
                                         "default_level": "attributed"})
        assert r.status == 403
    r = w.admin.send("/admin/sharing", {"sharing_mode": "everyone", "sharing_window": "0",
                                        "contribution": "accepted", "suppress_k": "3",
                                        "default_level": "attributed"})
    assert r.status == 400 and "Choose one of the options." in r.body
    assert sql("SELECT value FROM settings WHERE name = 'sharing_mode'") != [["everyone"]]


def test_the_demo_data_of_make_run_shows_the_rule_at_work():
    from conftest import vrsadm
    have = sql("SELECT code FROM jurisdictions WHERE code LIKE 'QZ_'")
    for code, name in (("QZA", "Demoland Alpha (fictitious)"), ("QZB", "Demoland Beta (fictitious)"),
                       ("QZC", "Demoland Gamma (fictitious)")):
        if [code] not in have:
            vrsadm("jurisdiction", "add", code, "--organisation", "--name", name)
    vrsadm("demo-data")
    before = sql("SELECT COUNT(*) FROM submissions")
    vrsadm("demo-data")                                  # idempotent
    assert sql("SELECT COUNT(*) FROM submissions") == before
    qza, qzc = User("focal-point", "QZA"), User("focal-point", "QZC")
    r = qza.get("/pooled?period=2026-S1&dataset=flows")
    assert r.status == 200 and "Demoland Beta (fictitious) (QZB)" in r.body
    r = qza.get("/pooled/narratives?period=2026-S1")
    qzb = r.body.split("(QZB)</h2>", 1)[1].split("</section>", 1)[0]
    assert "Fictitious demo text: more crossings" in qzb and "secretariat only" not in qzb
    r = qzc.get("/pooled?period=2026-S1&dataset=flows")
    assert r.status == 403 and "You cannot see this yet" in r.body
    # (the wording follows the rule the tests before left: accepted or submitted)
    assert "see its data from 2 states (2026-S1)" in qzc.get("/sharing").body
    assert "history chain intact" in vrsadm("verify").stdout


def test_pooled_views_filter_by_country(world):
    w = world
    settings(w.admin, "period", "submitted")
    a = w.fp["A"]
    r = a.get("/pooled/routes?period=%s&country=GRC" % w.p)
    assert r.status == 200 and sums_in(r.body, MIGR["A"], MIGR["C"])      # AFG > GRC
    matrix = r.body.split('id="matrix-title"', 1)[1].split("</svg>", 1)[0]
    assert ">AFG</text>" in matrix and ">GRC</text>" in matrix and ">2</text>" in matrix
    flows = r.body.split('id="flows"', 1)[1].split("</table>", 1)[0]      # names, not codes
    assert "Afghanistan" in flows and "Greece" in flows and "GRC" not in flows
    r = a.get("/pooled/routes?period=%s&country=ITA" % w.p)              # only B's route
    assert "Afghanistan" not in r.body.split('id="flows"', 1)[1].split("</table>", 1)[0]
    r = a.get("/pooled?period=%s&dataset=flows&country=SYR" % w.p)
    assert r.status == 200 and not sums_in(r.body, CELL["A"], CELL["C"])
    r = a.get("/pooled?period=%s&dataset=flows&country=AFG" % w.p)
    assert sums_in(r.body, CELL["A"], CELL["C"])


def test_a_small_count_threshold_suppresses_small_figures(world):
    w = world
    settings(w.admin, "period", "submitted", k="1")          # K alone hides nothing now
    flows = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p).body
    assert str(CELL["B"]) in flows
    r = w.admin.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                        "contribution": "submitted", "suppress_k": "1",
                                        "suppress_below": "200000", "default_level": "attributed"})
    assert r.status == 303, r
    try:
        flows = w.fp["A"].get("/pooled?period=%s&dataset=flows" % w.p).body
        assert str(CELL["B"]) not in flows and "suppressed" in flows     # 161803 < 200000
        assert sums_in(flows, CELL["A"], CELL["C"])                       # 487364 is shown
        trends = w.fp["A"].get("/pooled/trends?dataset=flows").body
        assert not sums_in(trends, CELL["A"], CELL["B"], CELL["C"])
        sec = w.analyst.get("/pooled?period=%s&dataset=flows" % w.p).body
        assert str(CELL["B"]) in sec                                      # marked, not hidden
    finally:
        settings(w.admin)


def test_the_summaries_kept_in_step_equal_a_rebuild(world):
    """Every transition above (submit, return, resubmit, accept, reopen in
    other tests) kept the pooled summaries in step; recomputing them from
    the submissions gives the same rows."""
    from conftest import vrsadm
    w = world
    r = rp.review(w.analyst, w.sub["A"], "reopen")       # accepted -> superseded + draft
    assert r.status == 303
    queries = ["SELECT * FROM pool_cells ORDER BY 1, 2, 3, 4, 5, 6",
               "SELECT * FROM pool_tables ORDER BY 1, 2, 3, 4, 5",
               "SELECT * FROM pool_flows ORDER BY 1, 2, 3, 4, 5",
               "SELECT * FROM pool_fees ORDER BY 1, 2, 3, 4, 5, 6, 7"]
    kept = [sql(q) for q in queries]
    assert kept[0] and kept[2]
    out = vrsadm("pool-rebuild").stdout
    assert "pooled summaries rebuilt" in out
    assert [sql(q) for q in queries] == kept
