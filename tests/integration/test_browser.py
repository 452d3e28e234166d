"""A demo official signs in and out in a real browser (Debian's chromium,
driven by chromedriver), with JavaScript switched off: the pages must work
as plain HTML forms."""
import os
import shutil
import tempfile

import pytest

from conftest import PORT

selenium = pytest.importorskip("selenium", reason="python3-selenium is not installed")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BASE = "http://127.0.0.1:%d" % PORT


def submit_and_wait(browser, selector):
    """Clicks a submit button and waits until the next page replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(browser, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)


@pytest.fixture(scope="module")
def browser():
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
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


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
    shots = os.path.join(os.path.dirname(__file__), "..", "..", "var", "test-results")
    os.makedirs(shots, exist_ok=True)
    browser.save_screenshot(os.path.join(shots, "home.png"))
    submit_and_wait(browser, "header nav button[type=submit]")
    assert browser.current_url == BASE + "/login?bye=1"
    assert "You have signed out." in browser.page_source
    browser.get(BASE + "/")
    assert browser.current_url == BASE + "/login"


def test_javascript_really_is_off(browser):
    # A data: URL page that would rewrite its own title if scripts ran.
    browser.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert browser.title == "off"
