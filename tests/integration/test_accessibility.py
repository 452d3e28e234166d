"""Every page type passes axe-core's automated accessibility rules in a
real browser: Debian's chromium with JavaScript switched ON (axe is a
script; the pages themselves have none), at the same 420 px width as
test_browser.py. axe-core comes from npm (package.json, package-lock.json)
and is installed with `npm ci` when node_modules/axe-core is missing.

The data is set up over HTTP with the conftest Client; the browser then
gets each user's session cookie, or fills in the forms itself where the
page under test is the answer to a POST (errors, stale save)."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, ensure_jurisdiction, sql

selenium = pytest.importorskip("selenium", reason="python3-selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from test_browser import (BASE, grid_post, open_new_period, signed_in_client,  # noqa: E402
                          start_chromium, start_draft, stop_chromium, submit_and_wait)

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
DATASETS = ("flows", "documents", "smugglers", "harm")


@pytest.fixture(scope="session")
def axe_source():
    if not os.path.exists(AXE):
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not on PATH: cannot install axe-core (npm ci, see package.json)")
        try:
            r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT,
                               capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            pytest.fail("npm ci did not finish in 300 s")
        assert r.returncode == 0 and os.path.exists(AXE), \
            "npm ci failed:\n%s\n%s" % (r.stdout[-3000:], r.stderr[-3000:])
    with open(AXE, encoding="utf-8") as f:
        return f.read()


@pytest.fixture(scope="module")
def driver():
    drv, profile = start_chromium(javascript=True)
    drv.set_script_timeout(60)
    yield drv
    stop_chromium(drv, profile)


class World:
    """Users and submissions of a fresh open period: AUS has a draft with
    rows and values (and a consistency warning), NZL one that is submitted."""


@pytest.fixture(scope="module")
def world():
    w = World()
    w.admin = signed_in_client("secretariat-admin")
    w.period = open_new_period(w.admin)
    w.analyst = signed_in_client("secretariat-analyst")
    w.entry = signed_in_client("data-entry", "AUS")
    w.focal = signed_in_client("focal-point", "AUS")
    w.draft = start_draft(w.entry, w.period)
    for ds, tbl, row in (("flows", "irr_entry", "SYR"), ("flows", "smuggled", "SYR"),
                         ("documents", "by_issuer", "AFG"), ("smugglers", "by_citizenship", "AFG")):
        r = grid_post(w.entry, w.draft, ds, {"action": "add", "add_table": tbl, "add_row": row})
        assert r.status == 303, r
    r = grid_post(w.entry, w.draft, "flows", {      # more smuggled than entries: a warning
        "action": "save", "v:irr_entry:SYR:M.Y_GE18": "3", "v:smuggled:SYR:M.Y_GE18": "5",
        "v:smuggled:SYR:F.Y_LT18": "", "f:smuggled:SYR:F.Y_LT18": "M"})
    assert r.status == 303, r
    r = grid_post(w.entry, w.draft, "harm", {"action": "save", "v:by_mode:SEA_VESSEL:DEAD.SEA": "2",
                                             "f:by_mode:SEA_VESSEL:DEAD.SEA": "E"})
    assert r.status == 303, r

    ensure_jurisdiction("NZL")
    entry_nzl = signed_in_client("data-entry", "NZL")
    focal_nzl = signed_in_client("focal-point", "NZL")
    w.submitted = start_draft(entry_nzl, w.period)
    r = grid_post(entry_nzl, w.submitted, "flows", {"action": "add", "add_table": "refused", "add_row": "AFG"})
    assert r.status == 303, r
    r = grid_post(entry_nzl, w.submitted, "flows", {"action": "save", "v:refused:AFG:F.Y_GE18": "7",
                                                    "v:entry_place:AT_SEA:SEA": "1"})
    assert r.status == 303, r
    page = focal_nzl.get("/submission/%d" % w.submitted)
    version = page.body.split('name="row_version" value="', 1)[1].split('"', 1)[0]
    r = focal_nzl.post("/submission/%d/submit" % w.submitted,
                       {"row_version": version, "nil_documents": "1", "nil_smugglers": "1",
                        "nil_harm": "1", "nil_routes": "1", "certify": "1"},
                       csrf=page.csrf())
    assert r.status == 303, r
    assert "Submitted" in focal_nzl.get("/submission/%d" % w.submitted).body
    return w


# ---- the browser ---------------------------------------------------------

def as_user(driver, client, path):
    """Opens path in the browser with client's session (None: signed out)."""
    driver.delete_all_cookies()
    if client is not None:
        driver.get(BASE + "/no-page-here")          # cookies need the origin first
        driver.add_cookie({"name": "vrs_session", "value": client.cookies["vrs_session"],
                           "path": "/", "httpOnly": True})
    driver.get(BASE + path)


def post_from_page(driver, action, fields):
    """Sends a POST from the current page as a form of its own would: with
    the page's anti-forgery token and the session cookie."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("""
        const [action, fields] = arguments;
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        fields.push(['csrf', document.querySelector('input[name=csrf]').value]);
        for (const [name, value] of fields) {
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = value;
            form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();""", BASE + action, [list(kv) for kv in fields.items()])
    WebDriverWait(driver, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def assert_accessible(driver, axe_source, expect_h1):
    """Runs axe-core on the page shown, after checking it is the page meant."""
    assert expect_h1 in heading(driver), (driver.current_url, heading(driver))
    driver.execute_script(axe_source)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
           .then(r => done({violations: r.violations}), e => done({error: String(e)}));""")
    assert "error" not in result, result
    problems = []
    for v in result["violations"]:
        problems.append("%s (%s): %s\n  %s" % (v["id"], v["impact"], v["help"], v["helpUrl"]))
        for node in v["nodes"]:
            problems.append("    %s\n      %s\n      %s" % (
                json.dumps(node["target"]), node["html"][:300],
                (node.get("failureSummary") or "").replace("\n", "\n      ")))
    assert not problems, "axe-core: %d violation(s) on %s\n%s" % (
        len(result["violations"]), driver.current_url, "\n".join(problems))


# ---- the pages -----------------------------------------------------------

def test_login(driver, axe_source):
    as_user(driver, None, "/login")
    assert_accessible(driver, axe_source, "Sign in")


def test_login_with_field_errors(driver, axe_source):
    as_user(driver, None, "/login")
    submit_and_wait(driver, "main button[type=submit]")            # both fields empty
    assert driver.find_elements(By.CSS_SELECTOR, "#f-username[aria-invalid=true]")
    assert_accessible(driver, axe_source, "Sign in")


def test_login_failed(driver, axe_source):
    as_user(driver, None, "/login")
    driver.find_element(By.ID, "f-username").send_keys("nobody-by-this-name")
    driver.find_element(By.ID, "f-password").send_keys("a wrong password")
    submit_and_wait(driver, "main button[type=submit]")
    assert "Sign-in failed" in driver.page_source
    assert_accessible(driver, axe_source, "Sign in")


def test_home_national(driver, axe_source, world):
    as_user(driver, world.entry, "/")
    assert_accessible(driver, axe_source, "Test ")


def test_home_secretariat_admin(driver, axe_source, world):
    as_user(driver, world.admin, "/")
    assert_accessible(driver, axe_source, "Test ")


def test_password(driver, axe_source):
    client = signed_in_client("viewer")
    as_user(driver, client, "/account/password")
    assert_accessible(driver, axe_source, "Change password")


def test_password_with_errors(driver, axe_source):
    client = signed_in_client("viewer")
    as_user(driver, client, "/account/password")
    driver.find_element(By.ID, "f-current").send_keys("not the password")
    driver.find_element(By.ID, "f-new").send_keys("short")
    driver.find_element(By.ID, "f-confirm").send_keys("different")
    submit_and_wait(driver, "main button[type=submit]")
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, "Change password")


def test_password_temporary(driver, axe_source):
    client = signed_in_client("viewer")
    sql("UPDATE users SET password_temporary = 1 WHERE username = '%s'" % client.username)
    as_user(driver, client, "/report")                      # sent to the password form
    assert "is temporary" in driver.page_source
    assert_accessible(driver, axe_source, "Change password")


def test_not_found_signed_in(driver, axe_source, world):
    as_user(driver, world.entry, "/no/such/page")
    assert "Sign out" in driver.page_source
    assert_accessible(driver, axe_source, "Page not found")


def test_kept_form_list_and_review(driver, axe_source, world):
    from conftest import Client
    c = signed_in_client("data-entry", "AUS")
    path = "/submission/%d/narrative" % world.draft
    token = c.get(path).csrf()
    sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 31 MINUTE "
        "WHERE token_hash = UNHEX(SHA2(UNHEX('%s'), 256))" % c.cookies["vrs_session"])
    r = c.post(path, {"row_version": "0", "trends": "Typed before the session ended.",
                      "trends_share": "peers", "modus": "", "modus_share": "secretariat",
                      "legal": "", "legal_share": "secretariat", "action": "save"}, csrf=token)
    assert r.status == 401, r
    again = Client()
    assert again.login(c.username, c.password).header("Location") == "/kept"
    as_user(driver, again, "/kept")
    assert_accessible(driver, axe_source, "Changes not saved yet")
    driver.find_element(By.CSS_SELECTOR, "#kept a").click()
    WebDriverWait(driver, 20).until(lambda b: "kept=" in b.current_url)
    assert "Typed before the session ended." in driver.page_source
    assert_accessible(driver, axe_source, "Narrative")


def test_report_national(driver, axe_source, world):
    as_user(driver, world.entry, "/report")
    assert_accessible(driver, axe_source, "Reporting")


def test_report_secretariat(driver, axe_source, world):
    as_user(driver, world.analyst, "/report")
    assert_accessible(driver, axe_source, "Reporting")


def test_periods(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/periods")
    assert_accessible(driver, axe_source, "Reporting periods")


def test_period_lock_confirmation(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/periods?lock=%s" % world.period)
    assert driver.find_elements(By.ID, "confirm-lock")
    assert_accessible(driver, axe_source, "Reporting periods")


def test_periods_with_error(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/periods")
    driver.find_element(By.ID, "f-code").send_keys("1999-S3")
    driver.find_element(By.ID, "f-due").send_keys("2030-02-30")
    submit_and_wait(driver, "form[action$='/admin/periods'] button[type=submit]")
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, "Reporting periods")


def test_code_lists(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/codes?list=sex")
    assert_accessible(driver, axe_source, "Code lists")


def test_accounts_secretariat_admin(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/users")
    assert_accessible(driver, axe_source, "Accounts")


def test_accounts_focal_point(driver, axe_source, world):
    as_user(driver, world.focal, "/admin/users")
    assert_accessible(driver, axe_source, "Accounts")


def test_submission_draft_with_submit_form(driver, axe_source, world):
    as_user(driver, world.focal, "/submission/%d" % world.draft)
    assert driver.find_elements(By.ID, "certify") and driver.find_elements(By.ID, "acknowledge")
    assert_accessible(driver, axe_source, "Submission")


def test_submission_submit_errors(driver, axe_source, world):
    as_user(driver, world.focal, "/submission/%d" % world.draft)
    driver.find_element(By.ID, "nil-flows").click()                 # has values: an error
    submit_and_wait(driver, "form[action$='/submit'] button[type=submit]")
    assert driver.find_elements(By.ID, "certify-error")
    assert_accessible(driver, axe_source, "Submission")


def test_submission_submitted_with_review_form(driver, axe_source, world):
    as_user(driver, world.analyst, "/submission/%d" % world.submitted)
    assert driver.find_elements(By.CSS_SELECTOR, "form[action$='/return'] textarea")
    assert_accessible(driver, axe_source, "Submission")


def test_review_page_with_submit_form_and_its_errors(driver, axe_source, world):
    as_user(driver, world.focal, "/submission/%d/review" % world.draft)
    assert driver.find_elements(By.ID, "certify") and driver.find_elements(By.ID, "acknowledge")
    assert_accessible(driver, axe_source, "The whole submission")
    driver.find_element(By.ID, "nil-flows").click()                 # has values: an error
    submit_and_wait(driver, "form[action$='/submit'] button[type=submit]")
    assert driver.find_elements(By.ID, "certify-error")
    assert_accessible(driver, axe_source, "The whole submission")


def test_review_page_with_review_forms(driver, axe_source, world):
    as_user(driver, world.analyst, "/submission/%d/review" % world.submitted)
    assert driver.find_elements(By.CSS_SELECTOR, "form[action$='/return'] textarea")
    assert_accessible(driver, axe_source, "The whole submission")


@pytest.mark.parametrize("dataset", DATASETS)
def test_grid_editable(driver, axe_source, world, dataset):
    as_user(driver, world.entry, "/submission/%d/%s" % (world.draft, dataset))
    assert driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=save]")
    assert_accessible(driver, axe_source, ": " + world.period)


@pytest.mark.parametrize("dataset", DATASETS)
def test_grid_read_only(driver, axe_source, world, dataset):
    as_user(driver, world.analyst, "/submission/%d/%s" % (world.submitted, dataset))
    assert not driver.find_elements(By.CSS_SELECTOR, "table.grid input")
    assert_accessible(driver, axe_source, ": " + world.period)


def test_grid_with_errors(driver, axe_source, world):
    as_user(driver, world.entry, "/submission/%d/flows" % world.draft)
    driver.find_element(By.NAME, "v:irr_entry:SYR:F.Y_GE18").send_keys("twelve")
    driver.find_element(By.NAME, "v:irr_entry:SYR:M.Y_LT18").send_keys("-4")
    driver.find_element(By.NAME, "v:entry_place:BCP:AIR").send_keys("5")
    Select(driver.find_element(By.NAME, "f:entry_place:BCP:AIR")).select_by_value("Z")
    submit_and_wait(driver, "button[name=action][value='add']")  # no row chosen
    assert len(driver.find_elements(By.CSS_SELECTOR, "[aria-invalid=true]")) == 3
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, ": " + world.period)


def test_grid_stale_save(driver, axe_source, world):
    as_user(driver, world.entry, "/submission/%d/documents" % world.draft)
    # someone else saves the dataset after this page was opened
    r = grid_post(world.focal, world.draft, "documents",
                  {"action": "save", "v:by_issuer:AFG:FORGED": "9"})
    assert r.status == 303, r
    driver.find_element(By.NAME, "v:by_issuer:AFG:COUNTERFEIT").send_keys("4")
    submit_and_wait(driver, "button[name=action][value=save]")
    assert driver.find_elements(By.CSS_SELECTOR, ".stale[role=alert]")
    assert_accessible(driver, axe_source, ": " + world.period)


# ---- forms: error summaries, notices, confirmations (issue 13) -------------

def test_grid_asks_before_removing_a_row_with_data(driver, axe_source, world):
    as_user(driver, world.entry, "/submission/%d/flows" % world.draft)
    submit_and_wait(driver, "button[name=action][value='remove:irr_entry:SYR']")
    assert driver.find_elements(By.ID, "confirm-remove")
    assert_accessible(driver, axe_source, ": " + world.period)
    submit_and_wait(driver, "button[name=action][value=keep]")     # the row stays
    assert not driver.find_elements(By.ID, "confirm-remove")


def test_a_summary_link_reaches_its_grid_cell(driver, axe_source, world):
    as_user(driver, world.entry, "/submission/%d/flows" % world.draft)
    driver.find_element(By.NAME, "v:irr_entry:SYR:F.Y_GE18").send_keys("1,20")
    submit_and_wait(driver, "button[name=action][value=save]")
    link = driver.find_element(By.CSS_SELECTOR, "#error-summary a")
    assert link.get_attribute("href").endswith("#v:irr_entry:SYR:F.Y_GE18")
    link.click()
    target = driver.execute_script("const t = document.querySelector(':target');"
                                   "return t ? t.getAttribute('name') : null;")
    assert target == "v:irr_entry:SYR:F.Y_GE18"       # inside its scrolling table
    assert_accessible(driver, axe_source, ": " + world.period)


def test_a_notice_after_a_change(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/periods?done=period_created")
    assert driver.find_elements(By.CSS_SELECTOR, "p.notice[role=status]")
    assert_accessible(driver, axe_source, "Reporting periods")


def test_incident_with_rounded_coordinates_and_errors(driver, axe_source, world):
    as_user(driver, world.entry, "/submission/%d/incidents/new" % world.draft)
    driver.find_element(By.ID, "f-lat").send_keys("-10.1234")
    driver.find_element(By.ID, "f-lon").send_keys("147.25")
    submit_and_wait(driver, "button[name=action][value=save]")     # no date: errors
    assert driver.find_elements(By.ID, "coords-rounded")
    assert driver.find_elements(By.CSS_SELECTOR, "#error-summary a[href='#f-date']")
    assert_accessible(driver, axe_source, "New incident")


def test_accounts_with_a_refused_password_reset(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/users")
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/admin/users/reset']")
    form.find_element(By.CSS_SELECTOR, "input[type=password]").send_keys("short")
    old = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)
    assert driver.find_elements(By.CSS_SELECTOR, "#error-summary a[href='#f-reset-password']")
    assert_accessible(driver, axe_source, "Accounts")


def test_code_lists_with_a_refused_end_date(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/codes?list=sex")
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/admin/codes/end']")
    form.find_element(By.CSS_SELECTOR, "input[name=to]").send_keys("someday")
    old = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)
    assert driver.find_elements(By.CSS_SELECTOR, "#error-summary a[href^='#to-']")
    assert_accessible(driver, axe_source, "Code lists")


def test_history(driver, axe_source, world):
    as_user(driver, world.focal, "/submission/%d/history" % world.draft)
    assert driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert_accessible(driver, axe_source, "History")


def test_home_analyst_with_reviews_and_late_states(driver, axe_source, world):
    as_user(driver, world.analyst, "/")
    assert driver.find_elements(By.CSS_SELECTOR, "#todo li a")
    assert_accessible(driver, axe_source, "Test ")


def test_home_and_grid_of_a_returned_submission(driver, axe_source, world):
    ensure_jurisdiction("FJI")
    entry, focal = signed_in_client("data-entry", "FJI"), signed_in_client("focal-point", "FJI")
    sub = start_draft(entry, world.period)
    page = focal.get("/submission/%d" % sub)
    version = page.body.split('name="row_version" value="', 1)[1].split('"', 1)[0]
    r = focal.post("/submission/%d/submit" % sub,
                   {"row_version": version, "nil_flows": "1", "nil_documents": "1",
                    "nil_smugglers": "1", "nil_harm": "1", "nil_routes": "1", "certify": "1"},
                   csrf=page.csrf())
    assert r.status == 303, r
    page = world.analyst.get("/submission/%d" % sub)
    version = page.body.split('name="row_version" value="', 1)[1].split('"', 1)[0]
    r = world.analyst.post("/submission/%d/return" % sub,
                           {"row_version": version, "reason_flows": "Flows cannot be nil:\nplease report them."},
                           csrf=page.csrf())
    assert r.status == 303, r
    as_user(driver, entry, "/")
    assert driver.find_elements(By.CSS_SELECTOR, "#todo li ul li a")
    assert_accessible(driver, axe_source, "Test ")
    as_user(driver, entry, "/submission/%d/flows" % sub)
    assert driver.find_elements(By.ID, "return-reason") and driver.find_elements(By.ID, "next-step")
    assert_accessible(driver, axe_source, ": " + world.period)


def test_report_of_an_unknown_period(driver, axe_source, world):
    as_user(driver, world.analyst, "/report?period=2030-S9")
    assert "There is no reporting period 2030-S9" in driver.page_source
    assert_accessible(driver, axe_source, "Reporting")


def test_error_403(driver, axe_source, world):
    as_user(driver, world.entry, "/admin/periods")
    assert_accessible(driver, axe_source, "Not allowed")


def test_error_404(driver, axe_source, world):
    as_user(driver, world.entry, "/no/such/page")
    assert_accessible(driver, axe_source, "Page not found")


def test_error_409(driver, axe_source, world):
    as_user(driver, world.focal, "/submission/%d" % world.draft)
    post_from_page(driver, "/submission/%d/submit" % world.draft,   # a stale version
                   {"row_version": "0", "certify": "1"})
    assert_accessible(driver, axe_source, "This cannot be changed now")


# ---- records (issue 4) ---------------------------------------------------

ROUTE = {"origin": "AFG", "legs": "2", "leg_to.0": "IRN", "leg_mode.0": "LAND_VEHICLE",
         "leg_to.1": "TUR", "leg_mode.1": "LAND_FOOT", "migrants": "9", "fee_amount": "800",
         "fee_currency": "USD", "fee_scope": "PERSON", "source": "INTERVIEW",
         "confidence": "LOW", "note": "", "row_version": "0", "action": "save"}


@pytest.fixture(scope="module")
def records(world):
    """A route and an incident in the AUS draft; their ids."""
    page = world.entry.get("/submission/%d/routes/new" % world.draft)
    r = world.entry.post("/submission/%d/routes/new" % world.draft, ROUTE, csrf=page.csrf())
    assert r.status == 303, r
    route = int(r.header("Location").split("/routes/")[1].split("?")[0])
    start = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                % world.period)[0][0]
    incident = {"date": start, "area": "North", "lat": "", "lon": "", "border": "SEA",
                "transport": "SEA_VESSEL", "vessel": "Dinghy", "concealment": "", "persons": "1",
                "person_cit.0": "AFG", "person_n.0": "3", "dead": "0", "missing": "0",
                "smugglers": "0", "follow_up": "NONE", "note": "", "row_version": "0",
                "action": "save"}
    r = world.entry.post("/submission/%d/incidents/new" % world.draft, incident, csrf=page.csrf())
    assert r.status == 303, r
    return route, int(r.header("Location").split("/incidents/")[1].split("?")[0])


def test_route_list(driver, axe_source, world, records):
    as_user(driver, world.entry, "/submission/%d/routes" % world.draft)
    assert driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert_accessible(driver, axe_source, "Routes and fees")


def test_route_form_with_history(driver, axe_source, world, records):
    as_user(driver, world.entry, "/submission/%d/routes/%d" % (world.draft, records[0]))
    assert driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=add_leg]")
    assert_accessible(driver, axe_source, "Route")


def test_route_form_with_errors_and_a_personal_data_warning(driver, axe_source, world, records):
    as_user(driver, world.entry, "/submission/%d/routes/new" % world.draft)
    Select(driver.find_element(By.ID, "f-origin")).select_by_value("IRN")
    Select(driver.find_element(By.ID, "f-leg-to-0")).select_by_value("IRN")
    driver.find_element(By.ID, "f-fee_amount").send_keys("0")
    driver.find_element(By.ID, "f-note").send_keys("mail x@example.org")
    submit_and_wait(driver, "button[name=action][value=save]")
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, "New route")


def test_route_read_only(driver, axe_source, world, records):
    as_user(driver, world.analyst, "/submission/%d/routes/%d" % (world.draft, records[0]))
    assert not driver.find_elements(By.CSS_SELECTOR, "form [name=origin]")
    assert_accessible(driver, axe_source, "Route")


def test_incident_list_and_form(driver, axe_source, world, records):
    as_user(driver, world.entry, "/submission/%d/incidents" % world.draft)
    assert_accessible(driver, axe_source, "Incidents")
    as_user(driver, world.entry, "/submission/%d/incidents/%d" % (world.draft, records[1]))
    assert_accessible(driver, axe_source, "Incident")
    as_user(driver, world.entry, "/submission/%d/incidents/new" % world.draft)
    submit_and_wait(driver, "button[name=action][value=save]")     # empty: errors
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, "New incident")


def test_narrative(driver, axe_source, world, records):
    as_user(driver, world.entry, "/submission/%d/narrative" % world.draft)
    assert driver.find_elements(By.CSS_SELECTOR, "textarea[name=trends]")
    assert_accessible(driver, axe_source, "Narrative")
    as_user(driver, world.analyst, "/submission/%d/narrative" % world.draft)
    assert_accessible(driver, axe_source, "Narrative")


# ---- sharing (issue 5) ---------------------------------------------------

def test_what_you_can_see_and_a_refused_pooled_view(driver, axe_source, world):
    as_user(driver, world.entry, "/sharing")
    assert_accessible(driver, axe_source, "What you can see, and why")
    as_user(driver, world.entry, "/pooled?period=%s&dataset=flows" % world.period)
    assert_accessible(driver, axe_source, "You cannot see this yet")


@pytest.mark.parametrize("path, h1", [
    ("/pooled?period={p}&dataset=flows", "Regional totals"),
    ("/pooled?period={p}&dataset=harm", "Regional totals"),
    ("/pooled?period={p}&dataset=flows&country=SYR", "Regional totals"),
    ("/pooled?dataset=flows", "Regional totals"),
    ("/pooled/trends?dataset=flows", "Trends"),
    ("/pooled/routes?period={p}", "Route flows and fees"),
    ("/pooled/narratives?period={p}", "Shared narratives"),
])
def test_pooled_views(driver, axe_source, world, records, path, h1):
    # NZL's submitted figures count while this runs, so charts are drawn.
    def contribution(which):
        page = world.admin.get("/admin/sharing")
        r = world.admin.post("/admin/sharing", {
            "sharing_mode": "period", "sharing_window": "4", "contribution": which,
            "suppress_k": "3", "default_level": "attributed"}, csrf=page.csrf())
        assert r.status == 303, r
    contribution("submitted")
    try:
        as_user(driver, world.analyst, path.format(p=world.period))
        if "dataset=flows" in path and "trends" not in path:
            assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect")
        assert_accessible(driver, axe_source, h1)
    finally:
        contribution("accepted")


def test_sharing_settings(driver, axe_source, world):
    as_user(driver, world.admin, "/admin/sharing")
    assert_accessible(driver, axe_source, "Sharing settings")


# ---- XML exchange (issue 6) ----------------------------------------------

def test_exchange_page_and_its_form_errors(driver, axe_source, world):
    as_user(driver, world.analyst, "/exchange")
    assert driver.find_elements(By.CSS_SELECTOR, "input[name=format][value=sdmx]")
    assert_accessible(driver, axe_source, "XML exchange")
    post_from_page(driver, "/exchange/export",
                   {"format": "csv"})                     # CSV without a dataset: an error
    assert driver.find_elements(By.ID, "error-summary")
    assert_accessible(driver, axe_source, "XML exchange")


def upload_in_browser(driver, path, content):
    """Chooses a file in the upload form and sends it, as a user would."""
    with open(path, "w") as f:
        f.write(content)
    driver.find_element(By.ID, "f-file").send_keys(path)
    submit_and_wait(driver, "main button[type=submit]")


def test_upload_form_problems_and_summary(driver, axe_source, world, tmp_path):
    as_user(driver, world.entry, "/submission/%d/import" % world.draft)
    assert_accessible(driver, axe_source, "Upload XML")
    submit_and_wait(driver, "main button[type=submit]")          # no file chosen
    assert driver.find_elements(By.CSS_SELECTOR, "#f-file[aria-invalid=true]")
    assert_accessible(driver, axe_source, "Upload XML")
    upload_in_browser(driver, str(tmp_path / "bad.xml"),
                      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>')
    assert "The file was not accepted" in driver.page_source
    assert_accessible(driver, axe_source, "Upload XML")
    as_user(driver, world.entry, "/submission/%d/import" % world.draft)
    upload_in_browser(driver, str(tmp_path / "good.xml"), (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Exchange xmlns="urn:vrs-msrc:vrs-exchange/1.0" schemaVersion="1.0">\n'
        '<Submission jurisdiction="AUS" period="%s" version="1" status="draft">\n'
        '<Dataset id="flows"><Table id="irr_entry"><Row code="SYR">'
        '<Cell col="F.Y_LT18" value="4" flag="A"/></Row></Table></Dataset>\n'
        '</Submission></Exchange>\n') % world.period)
    assert "Confirm to apply it" in driver.page_source
    assert_accessible(driver, axe_source, "Upload XML")
