"""A demo official signs in and out in a real browser (Debian's chromium,
driven by chromedriver), with JavaScript switched off: the pages must work
as plain HTML forms."""
import os
import random
import re
import shutil
import tempfile

import pytest

from conftest import PORT, ROOT, Client, create_user, ensure_jurisdiction, sql

selenium = pytest.importorskip("selenium", reason="python3-selenium is not installed")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

BASE = "http://127.0.0.1:%d" % PORT
SHOTS = os.path.join(ROOT, "var", "test-results")


# ---- set-up over plain HTTP, shared with test_accessibility.py ----------

def signed_in_client(role, jurisdiction="AUS"):
    """A conftest Client signed in as a fresh user of that role."""
    if not role.startswith("secretariat"):
        ensure_jurisdiction(jurisdiction)
    username, password = create_user(role=role, jurisdiction=jurisdiction)
    c = Client()
    r = c.login(username, password)
    assert r.status == 303, r
    c.username, c.password = username, password
    return c


def open_new_period(admin):
    """Creates and opens, as the secretariat administrator admin, a period
    no other test has used (2030 to 2100, half-years and quarters); returns
    its code. Its draft is then the only one of each jurisdiction."""
    taken = {row[0] for row in sql("SELECT code FROM periods")}
    free = ["%d-%s" % (y, p) for y in range(2030, 2101)
            for p in ("S1", "S2", "Q1", "Q2", "Q3", "Q4")]
    free = [c for c in free if c not in taken]
    random.shuffle(free)
    for code in free[:5]:                   # another test may take one meanwhile
        r = admin.post("/admin/periods", {"code": code, "opens": "", "due": "", "locks": ""})
        if r.status == 303:
            break
    else:
        pytest.fail("could not create a period: %r" % r)
    r = admin.post("/admin/periods/status", {"code": code, "status": "open"},
                   csrf=admin.get("/admin/periods").csrf())
    assert r.status == 303, r
    return code


def start_draft(client, period):
    """POST /report/start as a national user; returns the submission id."""
    r = client.post("/report/start", {"period": period}, csrf=client.get("/report").csrf())
    assert r.status == 303, r
    return int(re.search(r"/submission/(\d+)(?:\?done=\w+)?$", r.header("Location")).group(1))


def grid_post(client, sub, dataset, fields):
    """POSTs the grid form of a dataset as it is now (its row_version and
    token) with these fields (dict or pairs) added."""
    path = "/submission/%d/%s" % (sub, dataset)
    page = client.get(path)
    assert page.status == 200, page
    version = re.search(r'name="row_version" value="(\d+)"', page.body).group(1)
    pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
    return client.post(path, pairs + [("row_version", version)], csrf=page.csrf())


def sign_in(browser, username, password):
    """Signs in through the browser's sign-in form."""
    browser.delete_all_cookies()
    browser.get(BASE + "/login")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    submit_and_wait(browser, "main button[type=submit]")
    assert browser.current_url == BASE + "/", browser.page_source[:2000]


def submit_and_wait(browser, selector, by=By.CSS_SELECTOR):
    """Clicks a submit button (or link) and waits until the next page
    replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(by, selector).click()
    WebDriverWait(browser, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)


def start_chromium(javascript=False):
    """A headless chromium with a fresh profile, a 420 px wide window (a
    phone) and JavaScript off unless asked for. Returns (driver, profile);
    stop_chromium() ends both. Skips when chromium or its driver is absent."""
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.path.exists(driver_path) or not shutil.which("chromium"):
        pytest.skip("chromium and chromium-driver are not installed")
    profile = tempfile.mkdtemp(prefix="vrs-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=420,900"):
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    drv.set_page_load_timeout(30)
    # Headless chromium keeps windows at least 500 px wide: emulate 420.
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": 420, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    return drv, profile


def stop_chromium(drv, profile):
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    drv, profile = start_chromium()
    yield drv
    stop_chromium(drv, profile)


def test_sign_in_and_out_without_javascript(browser, make_user):
    username, password = make_user(role="focal-point")
    browser.get(BASE + "/")
    assert browser.current_url == BASE + "/login"          # redirected to sign in
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys("wrong password")
    submit_and_wait(browser, "main button[type=submit]")
    assert "Sign-in failed" in browser.page_source
    # the username typed is kept; the password is not echoed back
    assert browser.find_element(By.ID, "f-username").get_attribute("value") == username
    assert browser.find_element(By.ID, "f-password").get_attribute("value") == ""
    browser.find_element(By.ID, "f-password").send_keys(password)
    submit_and_wait(browser, "main button[type=submit]")
    assert browser.current_url == BASE + "/"
    assert "National focal point" in browser.page_source
    # the stylesheet loaded under the Content-Security-Policy
    header_bg = browser.find_element(By.CSS_SELECTOR, "header.site").value_of_css_property("background-color")
    assert header_bg == "rgba(11, 58, 99, 1)"
    os.makedirs(SHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SHOTS, "home.png"))
    submit_and_wait(browser, "header nav button[type=submit]")
    assert browser.current_url == BASE + "/login?bye=1"
    assert "You have signed out." in browser.page_source
    browser.get(BASE + "/")
    assert browser.current_url == BASE + "/login"


def test_javascript_really_is_off(browser):
    # A data: URL page that would rewrite its own title if scripts ran.
    browser.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert browser.title == "off"


def cell_texts(browser, table_key, row_label=None):
    """The texts of a grid table's figure cells (values, then the total) in
    the body row whose header is row_label, or in the totals row (tfoot)
    when row_label is None."""
    table = browser.find_element(By.CSS_SELECTOR, "#t-%s + .scroll table" % table_key)
    if row_label is None:
        row = table.find_element(By.CSS_SELECTOR, "tfoot tr")
    else:
        row = table.find_element(By.XPATH, ".//tbody/tr[th[normalize-space()='%s']]" % row_label)
    return [td.text.strip() for td in row.find_elements(By.CSS_SELECTOR, "td.num")]


def test_data_entry_and_submission_without_javascript(browser):
    admin = signed_in_client("secretariat-admin")
    period = open_new_period(admin)
    entry_user, entry_pw = create_user(role="data-entry")
    focal_user, focal_pw = create_user(role="focal-point")

    # The data entry officer starts the period's draft from the dashboard.
    sign_in(browser, entry_user, entry_pw)
    submit_and_wait(browser, "header nav a[href$='/report']")
    submit_and_wait(browser, "//form[input[@name='period' and @value='%s']]//button[@type='submit']"
                    % period, by=By.XPATH)
    sub = int(re.search(r"/submission/(\d+)(?:\?done=started)?$", browser.current_url).group(1))
    assert "The draft was started." in browser.page_source
    submit_and_wait(browser, "main a[href$='/submission/%d/flows']" % sub)
    assert browser.current_url == BASE + "/submission/%d/flows" % sub

    # Adds a citizenship row to the irregular entries with the select and button.
    Select(browser.find_element(By.ID, "add-table")).select_by_value("irr_entry")
    Select(browser.find_element(By.ID, "add-row")).select_by_value("SYR")
    submit_and_wait(browser, "button[name=action][value='add']")
    assert "The row was added" in browser.page_source

    # Types numbers and flags into cells, in the new row and a fixed one.
    def cell(name):
        return browser.find_element(By.NAME, name)
    cell("v:irr_entry:SYR:F.Y_GE18").send_keys("12")
    cell("v:irr_entry:SYR:M.Y_GE18").send_keys("30")
    cell("v:irr_entry:SYR:M.Y_LT18").send_keys("4")
    Select(cell("f:irr_entry:SYR:M.Y_LT18")).select_by_value("E")
    Select(cell("f:irr_entry:SYR:F.Y_LT18")).select_by_value("M")    # not available: no number
    cell("v:entry_place:BCP:AIR").send_keys("46")
    submit_and_wait(browser, "button[name=action][value=save]")
    assert browser.current_url == BASE + "/submission/%d/flows?saved=1" % sub
    assert "Your changes are saved." in browser.page_source

    # What was typed is kept, and the totals add up.
    assert cell("v:irr_entry:SYR:F.Y_GE18").get_attribute("value") == "12"
    assert Select(cell("f:irr_entry:SYR:M.Y_LT18")).first_selected_option.get_attribute("value") == "E"
    assert Select(cell("f:irr_entry:SYR:F.Y_LT18")).first_selected_option.get_attribute("value") == "M"
    assert cell("v:irr_entry:SYR:F.Y_LT18").get_attribute("value") == ""
    # columns: F<18 F18+ F? M<18 M18+ M? ?<18 ?18+ ??, then the row total
    assert cell_texts(browser, "irr_entry", "Syrian Arab Republic")[-1] == "46"   # inputs, then 46
    assert cell_texts(browser, "irr_entry") == ["0", "12", "0", "4", "30", "0", "0", "0", "0", "46"]
    assert cell_texts(browser, "entry_place", "At a border crossing point")[-1] == "46"
    assert cell_texts(browser, "entry_place") == ["46", "0", "0", "46"]
    # A look at the grid on the 420 px window, scrolled to the first table.
    browser.get(BASE + "/submission/%d/flows#t-irr_entry" % sub)
    os.makedirs(SHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SHOTS, "grid.png"))

    # A three-leg route, built with the form's own buttons (no script):
    # each "Add a leg" is a round trip that keeps what was typed.
    browser.get(BASE + "/submission/%d" % sub)
    submit_and_wait(browser, "main a[href$='/submission/%d/routes']" % sub)
    submit_and_wait(browser, "main a[href$='/routes/new']")
    Select(browser.find_element(By.ID, "f-origin")).select_by_value("AFG")
    Select(browser.find_element(By.ID, "f-leg-to-0")).select_by_value("IRN")
    Select(browser.find_element(By.ID, "f-leg-mode-0")).select_by_value("LAND_VEHICLE")
    Select(browser.find_element(By.ID, "f-source")).select_by_value("INTERVIEW")
    submit_and_wait(browser, "button[name=action][value=add_leg]")
    assert browser.find_element(By.ID, "f-leg-to-0").get_attribute("value") == "IRN"
    Select(browser.find_element(By.ID, "f-leg-to-1")).select_by_value("TUR")
    Select(browser.find_element(By.ID, "f-leg-mode-1")).select_by_value("LAND_FOOT")
    submit_and_wait(browser, "button[name=action][value=add_leg]")
    Select(browser.find_element(By.ID, "f-leg-to-2")).select_by_value("GRC")
    Select(browser.find_element(By.ID, "f-leg-mode-2")).select_by_value("SEA_VESSEL")
    browser.find_element(By.ID, "f-fee_amount").send_keys("3000")
    Select(browser.find_element(By.ID, "f-fee_currency")).select_by_value("EUR")
    Select(browser.find_element(By.ID, "f-fee_scope")).select_by_value("PERSON")
    Select(browser.find_element(By.ID, "f-confidence")).select_by_value("HIGH")
    browser.find_element(By.ID, "f-note").send_keys("Crossing by night.")
    submit_and_wait(browser, "button[name=action][value=save]")
    assert "The record is saved." in browser.page_source
    rid = int(re.search(r"/routes/(\d+)\?saved=1$", browser.current_url).group(1))
    assert sql("SELECT n, to_country, mode FROM route_legs WHERE route_id = %d ORDER BY n" % rid) == [
        ["1", "IRN", "LAND_VEHICLE"], ["2", "TUR", "LAND_FOOT"], ["3", "GRC", "SEA_VESSEL"]]
    assert sql("SELECT origin, destination, fee_amount FROM routes WHERE id = %d" % rid) == [
        ["AFG", "GRC", "3000.00"]]
    browser.save_screenshot(os.path.join(SHOTS, "route.png"))
    submit_and_wait(browser, "header nav button[type=submit]")
    assert browser.current_url == BASE + "/login?bye=1"

    # The focal point opens the submission, ticks the nil returns of the
    # three empty datasets and the certification, and submits.
    sign_in(browser, focal_user, focal_pw)
    submit_and_wait(browser, "header nav a[href$='/report']")
    submit_and_wait(browser, "main a[href$='/submission/%d']" % sub)
    for ds in ("documents", "smugglers", "harm"):
        browser.find_element(By.ID, "nil-" + ds).click()
    assert not browser.find_element(By.ID, "nil-flows").is_selected()
    browser.find_element(By.ID, "certify").click()
    submit_and_wait(browser, "form[action$='/submission/%d/submit'] button[type=submit]" % sub)
    assert browser.current_url == BASE + "/submission/%d?done=submitted" % sub
    assert "certified and submitted" in browser.page_source         # says what happened
    status = browser.find_element(By.XPATH, "//dl[@class='facts']/dt[.='Status']/following-sibling::dd[1]")
    assert status.text == "Submitted"
    assert not browser.find_elements(By.ID, "certify")          # no second submission
    assert sql("SELECT status FROM submissions WHERE id=%d" % sub) == [["submitted"]]
