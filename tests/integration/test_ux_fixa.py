"""Issue 13, what a new user stumbled on in the demo: a returned submission
nobody is told to submit again, an empty draft said to wait only for its
submission, a lock date read as a lock, a period locked in one click, a
sharing hint that ignores the contribution rule, a vague read-only notice
and a start link that starts nothing."""

import html
import re

import reporting as rp
from conftest import sql
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

NIL_OTHERS = ("documents", "smugglers", "harm")


def text(fragment):
    """The words of an HTML fragment, entities decoded, spaces collapsed."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([:,.)?])", r"\1", words)


def next_step(body):
    m = re.search(r'<div class="next-step" id="next-step">(.*?)</div>', body, re.S)
    return text(m.group(1)) if m else None


def todo(body):
    """The home page's to-do section: its text, its links and the whole HTML."""
    m = re.search(r'<section id="todo"[^>]*>(.*?)</section>', body, re.S)
    assert m, "no to-do list on the home page"
    return text(m.group(1)), re.findall(r'href="([^"]+)"', m.group(1)), m.group(1)


def readonly(body):
    m = re.search(r'<p class="notice" id="readonly">(.*?)</p>', body, re.S)
    assert m, "no read-only notice"
    return text(m.group(1)), re.findall(r'href="([^"]+)"', m.group(1))


def jname(code):
    return sql("SELECT name FROM jurisdictions WHERE code = '%s'" % code)[0][0]


def filled(de, sub):
    rp.add_row(de, sub, "flows", "irr_entry", "AFG")
    rp.save(de, sub, "flows", {"v:irr_entry:AFG:M.Y_GE18": "21"})


def settings(admin_user, contribution):
    r = admin_user.send("/admin/sharing", {"sharing_mode": "period", "sharing_window": "4",
                                           "contribution": contribution, "suppress_k": "3",
                                           "default_level": "attributed"})
    assert r.status == 303, r


# ---- 1. a returned submission: who submits it again, and where ------------------

def test_a_returned_submission_tells_the_focal_point_to_submit_it_again(admin):
    juris = rp.jurisdiction()
    de, fp, analyst = User("data-entry", juris), User("focal-point", juris), \
        User("secretariat-analyst")
    period = rp.create_period(admin)
    sub = rp.start(de, period)
    filled(de, sub)
    rp.submit(fp, sub, nil=NIL_OTHERS)
    rp.review(analyst, sub, "return", {"flows": "Check the AFG figure"})

    words, links, _ = todo(fp.get("/").body)
    assert ("Once the datasets the secretariat returned are corrected, certify and submit "
            "it again: %s" % period) in words, words
    assert "/submission/%d/review" % sub in links
    assert "Flows (persons): Check the AFG figure" in words and "/submission/%d/flows" % sub in links
    # the review page it leads to has the form that submits it
    assert 'action="/submission/%d/submit"' % sub in fp.get("/submission/%d/review" % sub).body

    words, links, _ = todo(de.get("/").body)
    assert ("Correct the datasets the secretariat returned: %s. Your focal point then "
            "certifies and submits it again." % period) in words, words
    assert "Flows (persons): Check the AFG figure" in words and "/submission/%d/flows" % sub in links
    assert "/submission/%d/review" % sub not in links


# ---- 2. a draft waits to be filled in, then submitted --------------------------

def test_an_empty_draft_waits_to_be_filled_in_then_submitted(admin):
    juris = rp.jurisdiction()
    de, fp = User("data-entry", juris), User("focal-point", juris)
    period = rp.create_period(admin)
    sub = rp.start(de, period)                       # nothing in it
    wait = ("Draft: waiting for %s (its data entry officers and its focal point) to fill it "
            "in, and for its focal point to certify and submit it." % jname(juris))
    for user in (de, fp, User("secretariat-analyst")):
        step = next_step(user.get("/submission/%d" % sub).body)
        assert wait in step, step
        assert "Waiting for the focal point" not in step
    words, links, _ = todo(fp.get("/").body)
    assert "Fill in, then check, certify and submit the draft: %s" % period in words, words
    assert "/submission/%d" % sub in links


# ---- 3. the lock date, and locking only after a confirmation -------------------

def test_a_period_is_locked_only_after_a_confirmation_naming_who_has_not_submitted(admin):
    code = rp.period_code()
    r = admin.send("/admin/periods", {"code": code, "opens": "2020-01-01", "due": "2020-02-01",
                                      "locks": "2020-03-01"})
    assert r.status == 303, r
    rp._created_periods.append(code)
    rp.set_period(admin, code, "open")
    late, done = rp.jurisdiction(), rp.jurisdiction()
    while done == late:
        done = rp.jurisdiction()
    draft = rp.start(User("data-entry", late), code)
    sent = rp.start(User("data-entry", done), code)
    rp.submit(User("focal-point", done), sent, nil=NIL_OTHERS + ("flows",))

    words, links, _ = todo(admin.get("/").body)
    assert "Lock the reporting period %s (its lock date, 2020-03-01, has passed)" % code in words
    assert "Locked on" not in words
    assert "/admin/periods?lock=%s#confirm-lock" % code in links

    # the list's button does not lock: it asks first
    page = admin.get("/admin/periods").body
    assert 'name="status" value="locked"' not in page
    assert 'name="lock" value="%s"' % code in page
    r = admin.get("/admin/periods?lock=%s" % code)
    assert r.status == 200
    m = re.search(r'<div class="confirm" id="confirm-lock".*?</div>', r.body, re.S)
    assert m, r.body
    words = text(m.group(0))
    assert "Lock the reporting period %s?" % code in words
    assert "%s (%s): Draft" % (jname(late), late) in words
    assert "/submission/%d" % draft in m.group(0)
    assert "(%s)" % done not in words
    assert "no state can start, change or submit anything" in words
    assert 'name="status" value="locked"' in m.group(0) and "Lock the period" in words
    assert 'href="/admin/periods"' in m.group(0) and "Cancel" in words
    status = "SELECT status FROM periods WHERE code = '%s'" % code
    assert sql(status)[0][0] == "open"                   # asking changed nothing

    before = sql("SELECT COUNT(*) FROM history WHERE action = 'period.status'")[0][0]
    r = admin.send("/admin/periods/status", {"code": code, "status": "locked"})
    assert r.status == 303 and "period_locked" in r.header("Location")
    assert sql(status)[0][0] == "locked"
    assert sql("SELECT COUNT(*) FROM history WHERE action = 'period.status'")[0][0] > before
    # once locked, nothing is left to confirm
    assert 'id="confirm-lock"' not in admin.get("/admin/periods?lock=%s" % code).body


# ---- 4. what submitting would unlock follows the rule, and leads there ----------

def sharing_row(user, period):
    body = user.get("/sharing").body
    row = body.split('<th scope="row">%s</th>' % period, 1)[1].split("</tr>", 1)[0]
    return text(row), row


def test_the_sharing_hint_follows_the_contribution_rule_and_leads_to_the_draft(admin):
    juris, fresh = rp.jurisdiction(), rp.jurisdiction()
    while fresh == juris:
        fresh = rp.jurisdiction()
    fp = User("focal-point", juris)
    period = rp.create_period(admin)
    sub = rp.start(User("data-entry", juris), period)
    try:
        settings(admin, "accepted")
        words, row = sharing_row(fp, period)
        assert "Submit this period, and once the secretariat accepts it you see its data" \
            in words, words
        assert 'href="/submission/%d"' % sub in row
        settings(admin, "submitted")
        words, row = sharing_row(fp, period)
        assert "Submit this period to see its data from" in words and "accepts" not in words
        assert 'href="/submission/%d"' % sub in row
        # a state without a draft is offered to start it there
        words, row = sharing_row(User("focal-point", fresh), period)
        assert 'action="/report/start"' in row and 'name="period" value="%s"' % period in row
        assert "Start your state's draft for %s" % period in words
    finally:
        settings(admin, "accepted")


# ---- 5. why a dataset cannot be changed -----------------------------------------

def test_a_read_only_dataset_says_why(admin):
    juris = rp.jurisdiction()
    de, fp, analyst = User("data-entry", juris), User("focal-point", juris), \
        User("secretariat-analyst")
    period = rp.create_period(admin)
    sub = rp.start(de, period)
    filled(de, sub)
    words, _ = readonly(analyst.get("/submission/%d/flows" % sub).body)
    assert "your role (" in words and "does not change a state's data" in words, words
    rp.submit(fp, sub, nil=NIL_OTHERS)
    for path in ("flows", "narrative"):
        words, _ = readonly(de.get("/submission/%d/%s" % (sub, path)).body)
        assert "it is submitted and waits for the secretariat's review" in words, words
    rp.review(analyst, sub, "accept")
    words, links = readonly(fp.get("/submission/%d/flows" % sub).body)
    assert "the secretariat accepted it" in words and "reopen it as a new version" in words
    assert "/submission/%d" % sub in links
    words, _ = readonly(de.get("/submission/%d/flows" % sub).body)
    assert "the state's focal point reopens it as a new version" in words, words

    other = rp.jurisdiction()
    while other == juris:
        other = rp.jurisdiction()
    draft = rp.start(User("data-entry", other), period)
    rp.set_period(admin, period, "locked")
    words, _ = readonly(User("data-entry", other).get("/submission/%d/flows" % draft).body)
    assert "its reporting period is locked" in words, words


# ---- 6. the to-do item that starts a draft starts it ----------------------------

def test_the_start_item_of_the_to_do_list_is_a_button_that_starts_the_draft(admin):
    juris = rp.jurisdiction()
    de = User("data-entry", juris)
    period = rp.create_period(admin)
    words, links, section = todo(de.get("/").body)
    forms = [f for f in re.findall(r'<form method="post" action="/report/start"[^>]*>(.*?)</form>',
                                   section, re.S)
             if 'name="period" value="%s"' % period in f]     # other open periods have theirs
    assert len(forms) == 1, section
    form = forms[0]
    assert 'name="csrf"' in form and 'name="period" value="%s"' % period in form
    assert "Start the draft: %s" % period in text(form)
    r = de.send("/report/start", {"period": period})
    sub = rp.new_id(r)
    assert sql("SELECT status FROM submissions WHERE id = %d" % sub)[0][0] == "draft"
    words, links, _ = todo(de.get("/").body)
    assert "Start the draft: %s" % period not in words
    assert "Fill in the draft: %s" % period in words
