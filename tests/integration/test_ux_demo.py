"""Issue 13, the demo and finding work: the demo's analyst and its living
period (stack.sh demo, vrsadm demo-data), "who acts next" on every page of
a submission, the instance's own vrsadm (var/<instance>/vrsadm), the
overdue mark, an unknown period, return reasons kept whole, and each
role's to-do list on the home page. Through the real nginx, workers and
MariaDB of the test instance."""
import html
import os
import re
import subprocess

import pytest

import reporting as rp
from conftest import ENV, ROOT, Client, sql, vrsadm
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

STACK = os.path.join(ROOT, "etc/dev/stack.sh")
NIL_OTHERS = ("documents", "smugglers", "harm")
DEMO = (("QZA", "Demoland Alpha (fictitious)"), ("QZB", "Demoland Beta (fictitious)"),
        ("QZC", "Demoland Gamma (fictitious)"))
WAIT_REVIEW = "Waiting for review by the secretariat&#39;s analysts"
WAIT_SUBMIT = ("Draft: waiting for %s (its data entry officers and its focal point) to fill it "
               "in, and for its focal point to certify and submit it.")
WAIT_CORRECT = "Returned: waiting for the data entry officers or the focal point of %s"


def text(fragment):
    """The words of an HTML fragment, entities decoded, spaces collapsed."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([:,.)])", r"\1", words)


def next_step(body):
    """The text of the page's "Next step" block, or None."""
    m = re.search(r'<div class="next-step" id="next-step">(.*?)</div>', body, re.S)
    return text(m.group(1)) if m else None


def todo(body):
    """The home page's to-do section as text, and its links."""
    m = re.search(r'<section id="todo"[^>]*>(.*?)</section>', body, re.S)
    assert m, "no to-do list on the home page"
    return text(m.group(1)), re.findall(r'href="([^"]+)"', m.group(1))


def demo_subs():
    """{(jurisdiction, period): (id, status)} of the demo's current ones."""
    rows = sql("SELECT j.code, p.code, s.id, s.status FROM submissions s "
               "JOIN jurisdictions j ON j.id = s.jurisdiction_id "
               "JOIN periods p ON p.id = s.period_id "
               "WHERE j.code LIKE 'QZ_' AND s.status <> 'superseded'")
    return {(r[0], r[1]): (int(r[2]), r[3]) for r in rows}


@pytest.fixture(scope="module")
def demo():
    """The demo of `make run` seeded into the test instance through
    stack.sh (its logins file in var/test/), as `make run` does."""
    have = sql("SELECT code FROM jurisdictions WHERE code LIKE 'QZ_'")
    for code, name in DEMO:
        if [code] not in have:
            vrsadm("jurisdiction", "add", code, "--organisation", "--name", name)
    r = subprocess.run(["sh", STACK, "demo", "test"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def demo_login(out, username):
    """Signs in with the demo password in out, or (out None) in the
    instance's demo-logins.txt as it is now."""
    if out is None:
        with open(os.path.join(ENV["VAR"], "demo-logins.txt")) as f:
            out = f.read()
    m = re.search(r"^  %s\s+(\S+)\s" % re.escape(username), out, re.M)
    assert m, "no login line for %s in:\n%s" % (username, out)
    c = Client()
    r = c.login(username, m.group(1))
    assert r.status == 303, r
    return c


def past_period(admin_user, status="open", opens="2020-01-01", due="2020-02-01",
                locks="2099-12-31"):
    """A period (code 2030 or later) whose dates are given: by default
    opened long ago and overdue, whatever today is."""
    for _ in range(5):
        code = rp.period_code()
        r = admin_user.send("/admin/periods", {"code": code, "opens": opens, "due": due,
                                               "locks": locks})
        if r.status == 303:
            break
    else:
        raise AssertionError("no free period code")
    rp._created_periods.append(code)
    if status != "planned":
        rp.set_period(admin_user, code, status)
    return code


def filled_draft(admin_user, period=None, juris=None):
    juris = juris or rp.jurisdiction(fresh=False)
    de = User("data-entry", juris)
    period = period or rp.create_period(admin_user)
    sub = rp.start(de, period)
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:M.Y_GE18": "21"})
    return juris, de, sub


# ---- item 1: an analyst in the demo; who acts next on every page -----------

def test_the_demo_logins_have_a_secretariat_analyst_who_can_review(demo):
    assert re.search(r"^  analyst\s+\S+\s+secretariat-analyst$", demo, re.M), demo
    analyst = demo_login(None, "analyst")
    qzb = demo_subs()[("QZB", "2026-S2")][0]
    page = analyst.get("/submission/%d" % qzb).body
    assert 'action="/submission/%d/accept"' % qzb in page
    assert 'action="/submission/%d/return"' % qzb in page
    # A demo seeded before the analyst existed gets it on the next run,
    # and the other logins stay as they were.
    logins = os.path.join(ENV["VAR"], "demo-logins.txt")
    with open(logins) as f:
        before = f.read()
    with open(logins, "w") as f:
        f.write("".join(line for line in before.splitlines(True)
                        if not line.startswith("  analyst ")))
    out = subprocess.run(["sh", STACK, "demo", "test"], capture_output=True, text=True,
                         check=True).stdout
    with open(logins) as f:
        after = f.read()
    assert re.search(r"^  analyst\s+\S+\s+secretariat-analyst$", after, re.M)
    assert [line for line in after.splitlines() if not line.startswith("  analyst ")] == \
        [line for line in before.splitlines() if not line.startswith("  analyst ")]
    demo_login(out, "analyst")


def sub_pages(user, sub):
    """Every page of a submission that user may open, with its status."""
    paths = ["/submission/%d" % sub, "/submission/%d/history" % sub,
             "/submission/%d/narrative" % sub, "/submission/%d/routes" % sub,
             "/submission/%d/incidents" % sub]
    paths += ["/submission/%d/%s" % (sub, ds) for ds in ("flows", "documents", "smugglers", "harm")]
    route = sql("SELECT id FROM routes WHERE submission_id = %d LIMIT 1" % sub)
    if route:
        paths.append("/submission/%d/routes/%s" % (sub, route[0][0]))
    return [(p, user.get(p)) for p in paths]


def test_every_page_of_a_submitted_one_says_the_analysts_review_it(demo):
    admin_user = demo_login(None, "admin")
    qzb = demo_subs()[("QZB", "2026-S2")][0]
    for path, r in sub_pages(admin_user, qzb):
        assert r.status == 200, (path, r)
        step = next_step(r.body)
        assert step is not None, path
        assert html.unescape(WAIT_REVIEW) in step, (path, step)
        # the administrator cannot, and is told why
        assert "your role (Secretariat administrator) does not review submissions" in step
    analyst = demo_login(None, "analyst")
    step = next_step(analyst.get("/submission/%d" % qzb).body)
    assert "You can do this" in step
    focal = demo_login(None, "qzb.focal")
    step = next_step(focal.get("/submission/%d/flows" % qzb).body)
    assert html.unescape(WAIT_REVIEW) in step and "your role (National focal point)" in step


def test_a_draft_and_a_returned_one_name_who_acts_next(admin):
    juris, de, sub = filled_draft(admin)
    name = sql("SELECT name FROM jurisdictions WHERE code = '%s'" % juris)[0][0]
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    for path, r in sub_pages(de, sub) + [("import", de.get("/submission/%d/import" % sub)),
                                          ("new route", de.get("/submission/%d/routes/new" % sub)),
                                          ("new incident", de.get("/submission/%d/incidents/new" % sub))]:
        assert r.status == 200, (path, r)
        step = next_step(r.body)
        assert step and WAIT_SUBMIT % name in step, (path, step)
        assert "your role (Data entry officer)" in step and "you can still change its data" in step
    step = next_step(fp.get("/submission/%d" % sub).body)
    assert WAIT_SUBMIT % name in step and "You can do this" in step
    assert WAIT_SUBMIT % name in next_step(analyst.get("/submission/%d" % sub).body)
    rp.submit(fp, sub, nil=NIL_OTHERS)
    rp.review(analyst, sub, "return", {"flows": "Check AFG"})
    for user in (de, fp, analyst):
        step = next_step(user.get("/submission/%d/flows" % sub).body)
        assert WAIT_CORRECT % name in step, step
    rp.submit(fp, sub, nil=NIL_OTHERS)
    rp.review(analyst, sub, "accept")
    assert "Accepted: nobody needs to act on it." in next_step(de.get("/submission/%d" % sub).body)


def test_a_draft_of_a_locked_period_says_nobody_can_act(admin):
    juris, de, sub = filled_draft(admin)
    period = sql("SELECT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
                 "WHERE s.id = %d" % sub)[0][0]
    rp.set_period(admin, period, "locked")
    step = next_step(de.get("/submission/%d" % sub).body)
    assert "Nobody can change or submit this draft now" in step


# ---- item 2: a living demo ------------------------------------------------------

def test_the_demo_has_work_in_progress_in_an_open_period(demo):
    subs = demo_subs()
    assert sql("SELECT status FROM periods WHERE code = '2026-S2'") == [["open"]]
    qza, qza_status = subs[("QZA", "2026-S2")]
    assert qza_status == "returned"
    assert subs[("QZB", "2026-S2")][1] == "submitted"
    assert ("QZC", "2026-S2") not in subs
    # the past periods as before: QZA and QZB accepted, QZC only a draft
    for period in ("2025-S1", "2025-S2", "2026-S1"):
        assert subs[("QZA", period)][1] == subs[("QZB", period)][1] == "accepted"
    assert subs[("QZC", "2026-S1")][1] == "draft"
    # the return reason is visible to the state
    entry = demo_login(None, "qza.entry")
    page = entry.get("/submission/%d" % qza).body
    assert "Fictitious demo reason: irregular entries" in page
    assert "Fictitious demo reason: irregular entries" in entry.get("/submission/%d/flows" % qza).body
    # idempotent, and the history still verifies
    # (a worker may seal the pooled views served meanwhile: not demo data)
    writes = "SELECT COUNT(*) FROM history WHERE action <> 'access.seal'"
    before = sql("SELECT COUNT(*) FROM submissions"), sql(writes)
    vrsadm("demo-data")
    assert (sql("SELECT COUNT(*) FROM submissions"), sql(writes)) == before
    assert "history chain intact" in vrsadm("verify").stdout


def test_what_make_run_prints_describes_the_demo(demo):
    for words in ("2026-S2", "returned", "analyst reviews it", "qzc.entry starts its draft",
                  "to-do list"):
        assert words in demo, words


def test_each_demo_role_finds_its_work_on_the_home_page(demo):
    subs = demo_subs()
    qza, qzb = subs[("QZA", "2026-S2")][0], subs[("QZB", "2026-S2")][0]
    words, links = todo(demo_login(None, "qza.entry").get("/").body)
    assert "Correct the datasets the secretariat returned: 2026-S2" in words
    assert "Fictitious demo reason" in words and "/submission/%d/flows" % qza in links
    words, links = todo(demo_login(None, "analyst").get("/").body)
    assert "Review the submission: Demoland Beta (fictitious) (QZB), 2026-S2" in words
    assert "/submission/%d" % qzb in links
    body = demo_login(None, "qzc.entry").get("/").body
    assert "Start the draft: 2026-S2" in todo(body)[0] and 'action="/report/start"' in body


# ---- item 12: the instance's own vrsadm ----------------------------------------

def test_each_instance_has_a_vrsadm_that_needs_no_config_option():
    tool = os.path.join(ENV["VAR"], "vrsadm")
    assert os.access(tool, os.X_OK)
    env = {k: v for k, v in os.environ.items() if k != "VRS_CONFIG"}
    r = subprocess.run([tool, "verify"], cwd="/", env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "history chain intact" in r.stdout
    r = subprocess.run([tool, "--admin-defaults", ENV["ADMIN_CNF"], "grants"], cwd="/",
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "GRANT SELECT, INSERT ON `vrs`.`history`" in r.stdout


def test_build_vrsadm_honours_vrs_config_and_says_where_the_tool_is():
    env = dict(os.environ, VRS_CONFIG=ENV["CONF"])
    r = subprocess.run([os.path.join(ROOT, "build/vrsadm"), "verify"], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0 and "history chain intact" in r.stdout
    if os.path.exists("/etc/vrs-msrc/vrs.conf"):
        pytest.skip("an installed configuration exists: the default is found")
    env.pop("VRS_CONFIG")
    r = subprocess.run([os.path.join(ROOT, "build/vrsadm"), "verify"], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "/etc/vrs-msrc/vrs.conf" in r.stderr and "var/run/vrsadm" in r.stderr
    assert "VRS_CONFIG" in r.stderr and "-c CONFIG" in r.stderr


def test_what_make_run_prints_names_the_tool(demo):
    assert "needs no -c: var/test/vrsadm" in demo
    assert "var/test/vrsadm verify" in demo


# ---- item 6: overdue, an unknown period, whole return reasons ---------------------

def test_an_accepted_submission_is_not_overdue(admin):
    period = past_period(admin)
    juris, de, sub = filled_draft(admin, period)
    assert "(overdue)" in de.get("/submission/%d" % sub).body      # a late draft is
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.submit(fp, sub, nil=NIL_OTHERS)
    assert "(overdue)" not in de.get("/submission/%d" % sub).body
    rp.review(analyst, sub, "accept")
    for user in (de, analyst):
        page = user.get("/submission/%d" % sub).body
        assert "Accepted" in page and "(overdue)" not in page


def test_an_unknown_period_is_said_not_to_exist():
    analyst = User("secretariat-analyst")
    r = analyst.get("/report?period=2030-S9")
    assert r.status == 404
    assert "There is no reporting period 2030-S9." in r.body
    assert "No period has been opened yet" not in r.body


def test_a_planned_period_is_said_not_opened(admin):
    period = past_period(admin, status="planned")
    r = User("secretariat-analyst").get("/report?period=%s" % period)
    assert r.status == 200 and "Period %s is planned" % period in r.body


def test_every_return_reason_is_kept_whole_in_the_history(admin):
    juris, de, sub = filled_draft(admin)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    rp.submit(fp, sub, nil=NIL_OTHERS)
    reasons = {ds: ("%s: " % ds) + " ".join("word%d" % i for i in range(400))[:1980] + " é END"
               for ds in ("flows", "documents", "smugglers", "harm", "routes", "incidents")}
    assert all(len(r) > 1900 for r in reasons.values())
    rp.review(analyst, sub, "return", reasons)
    rp.submit(fp, sub, nil=NIL_OTHERS)                      # clears the datasets' reasons
    page = text(fp.get("/submission/%d/history" % sub).body)
    for reason in reasons.values():
        assert reason in page
    detail = sql("SELECT detail FROM history WHERE object_type = 'submission' AND "
                 "object_id = %d AND action = 'submission.return'" % sub)[0][0]
    assert all(reason in detail for reason in reasons.values())
    assert "history chain intact" in vrsadm("verify").stdout


# ---- to-do lists on the home pages ---------------------------------------------

def test_entry_officers_and_focal_points_find_their_drafts_and_returns(admin):
    juris, de, sub = filled_draft(admin)
    fp, analyst = User("focal-point", juris), User("secretariat-analyst")
    period = sql("SELECT p.code FROM periods p JOIN submissions s ON s.period_id = p.id "
                 "WHERE s.id = %d" % sub)[0][0]
    words, links = todo(de.get("/").body)
    assert "Fill in the draft: %s" % period in words and "/submission/%d" % sub in links
    words, links = todo(fp.get("/").body)
    assert "Fill in, then check, certify and submit the draft: %s" % period in words
    assert "/submission/%d" % sub in links
    rp.submit(fp, sub, nil=NIL_OTHERS)
    assert "draft: %s" % period not in todo(de.get("/").body)[0]
    reason = "The harm figures <of> this period are missing & needed"
    rp.review(analyst, sub, "return", {"harm": reason})
    for user, what in ((de, "Correct the datasets the secretariat returned: %s"),
                       (fp, "corrected, certify and submit it again: %s")):
        body = user.get("/").body
        words, links = todo(body)
        assert what % period in words
        assert "Harm: " + reason in words and "/submission/%d/harm" % sub in links
        assert "&lt;of&gt;" in body                              # escaped, like every value
    # the reason also shows on the dataset it concerns, not on the others
    assert reason in text(de.get("/submission/%d/harm" % sub).body.split('id="return-reason"')[1])
    assert 'id="return-reason"' not in de.get("/submission/%d/flows" % sub).body


def test_a_period_without_a_draft_is_offered_to_start(admin):
    juris = rp.jurisdiction(fresh=False)
    period = rp.create_period(admin)
    body = User("data-entry", juris).get("/").body
    assert "Start the draft: %s" % period in todo(body)[0] and 'action="/report/start"' in body


def test_analysts_find_submissions_to_review_and_late_states(admin):
    period = past_period(admin)
    juris, de, sub = filled_draft(admin, period)
    late = rp.jurisdiction(fresh=False)
    while late == juris:
        late = rp.jurisdiction(fresh=False)
    analyst = User("secretariat-analyst")
    words, links = todo(analyst.get("/").body)
    assert "Remind the states that have not submitted for %s" % period in words
    assert "/report?period=%s" % period in links and "/submission/%d" % sub in links
    section = words.split("Remind the states that have not submitted for %s" % period, 1)[1].split("Remind", 1)[0]
    assert "(%s)" % juris in section and "(%s)" % late in section
    rp.submit(User("focal-point", juris), sub, nil=NIL_OTHERS)
    words, links = todo(analyst.get("/").body)
    assert "/submission/%d" % sub in links and "Review the submission:" in words
    section = words.split("Remind the states that have not submitted for %s" % period, 1)[1].split("Remind", 1)[0]
    assert "(%s)" % juris not in section.split("Review the submission")[0]
    # the administrator does not review, so has none of these
    words, links = todo(admin.get("/").body)
    assert "/submission/%d" % sub not in links and "Remind the states" not in words


def test_administrators_find_periods_to_open_or_lock_and_locked_accounts(admin):
    to_open = past_period(admin, status="planned")
    to_lock = past_period(admin, locks="2020-03-01")
    later = past_period(admin, status="planned", opens="2099-01-01", due="2099-02-01",
                        locks="2099-03-01")
    words, links = todo(admin.get("/").body)
    assert "Open the reporting period %s" % to_open in words
    assert "Lock the reporting period %s" % to_lock in words
    assert later not in words and "/admin/periods" in links
    victim = User("data-entry", rp.jurisdiction(fresh=False))
    for _ in range(5):
        Client().login(victim.username, "wrong password")
    words, links = todo(admin.get("/").body)
    assert "Check the account locked after failed sign-ins" in words and victim.username in words
    # the analyst runs no periods or accounts
    words, _ = todo(User("secretariat-analyst").get("/").body)
    assert to_open not in words and victim.username not in words


def test_a_viewer_has_nothing_to_do():
    words, links = todo(User("viewer", rp.jurisdiction(fresh=False)).get("/").body)
    assert words == "Your to-do list There is nothing for you to do right now."
