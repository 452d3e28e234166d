"""Issue 13's journey: the demo of `make run`, walked in Debian's chromium
with JavaScript off on a 375 px screen, from each role's to-do list through
entry, submit, return, resubmit, accept and the pooled view.

It runs on an instance of its own ("journey", etc/dev/stack.sh up + demo,
exactly the set-up `make run` makes) so the walk starts from the demo as a
new user finds it, however often the suite runs. Every step starts from a
link on the page the user is on (the to-do list first); no URL is typed
except the sign-in page. Each page is checked for sideways scrolling, and
each action for a sentence saying what happened."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import PORT, ROOT

selenium = pytest.importorskip("selenium", reason="python3-selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_browser import start_chromium, stop_chromium  # noqa: E402

STACK = os.path.join(ROOT, "etc/dev/stack.sh")
JOURNEY_PORT = int(os.environ.get("VRS_TEST_JOURNEY_PORT", PORT + 90))
BASE = "http://127.0.0.1:%d" % JOURNEY_PORT
PHONE = 375
PERIOD = "2026-S2"          # the demo's open period (vrsadm demo-data)


@pytest.fixture(scope="module")
def logins():
    """Starts the "journey" instance with the demo seeded as `make run`
    seeds it, from nothing (a walk changes the demo); yields
    {username: password}; stops it again."""
    subprocess.run(["sh", STACK, "stop", "journey"], capture_output=True)
    shutil.rmtree(os.path.join(ROOT, "var", "journey"), ignore_errors=True)
    up = subprocess.run(["sh", STACK, "up", "journey", str(JOURNEY_PORT),
                         "pbkdf2_iterations = 1000\nworkers = 2"],
                        capture_output=True, text=True)
    assert up.returncode == 0, up.stdout + up.stderr
    try:
        demo = subprocess.run(["sh", STACK, "demo", "journey"], capture_output=True, text=True)
        assert demo.returncode == 0, demo.stdout + demo.stderr
        found = dict(re.findall(r"^  ([a-z.]+) +(\S+) +(?:secretariat|focal|data)",
                                demo.stdout, re.M))
        for who in ("admin", "analyst", "qza.entry", "qza.focal", "qzb.entry", "qzb.focal",
                    "qzc.entry", "qzc.focal"):
            assert who in found, demo.stdout
        yield found
    finally:
        subprocess.run(["sh", STACK, "stop", "journey"], capture_output=True)


@pytest.fixture(scope="module")
def browser():
    drv, profile = start_chromium()
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": PHONE, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    yield drv
    stop_chromium(drv, profile)


# ---- what a person does -------------------------------------------------------------

def page_changed(browser, old):
    WebDriverWait(browser, 20).until(lambda b: old.id != b.find_element(By.TAG_NAME, "html").id)
    check_page(browser)


def check_page(browser):
    """Every page of the walk: no error page, nothing scrolls sideways."""
    title = browser.title
    assert "Not found" not in title and "error" not in title.lower(), \
        (browser.current_url, title, text(browser, limit=1500))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE, "%s is %d px wide" % (browser.current_url, width)


def text(browser, css="main", limit=None):
    words = " ".join(browser.find_element(By.CSS_SELECTOR, css).text.split())
    return words if limit is None else words[:limit]


def sign_in(browser, logins, who):
    browser.delete_all_cookies()
    browser.get(BASE + "/login")
    browser.find_element(By.ID, "f-username").send_keys(who)
    browser.find_element(By.ID, "f-password").send_keys(logins[who])
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    page_changed(browser, old)
    assert browser.current_url == BASE + "/", text(browser)
    assert browser.find_elements(By.ID, "todo"), "no to-do list on %s's home page" % who


def follow(browser, within, words):
    """Clicks the link inside the element matched by the CSS selector
    within whose text contains every one of words."""
    for a in browser.find_elements(By.CSS_SELECTOR, within + " a"):
        label = " ".join(a.text.split())
        if all(w in label for w in words):
            old = browser.find_element(By.TAG_NAME, "html")
            a.click()
            page_changed(browser, old)
            return
    pytest.fail("no link with %r in %s of %s:\n%s"
                % (words, within, browser.current_url, text(browser, within, limit=1500)))


def press(browser, form_action_end, button_css="button[type=submit]", ticks=(), fill=None):
    """Ticks the checkboxes with ids in ticks, types fill {css: text}, and
    presses the button of the form whose action ends with form_action_end."""
    forms = [f for f in browser.find_elements(By.CSS_SELECTOR, "main form")
             if (f.get_attribute("action") or "").endswith(form_action_end)]
    assert forms, "no form posting to ...%s on %s" % (form_action_end, browser.current_url)
    form = forms[0]
    for box in ticks:
        el = form.find_element(By.ID, box)
        if not el.is_selected():
            el.click()
    for css, value in (fill or {}).items():
        el = form.find_element(By.CSS_SELECTOR, css)
        el.clear()
        el.send_keys(value)
    old = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, button_css).click()
    page_changed(browser, old)


def said(browser):
    """The sentence the page says about what just happened."""
    notes = browser.find_elements(By.CSS_SELECTOR, "[role=status]")
    assert notes, "nothing says what happened on %s: %s" % (browser.current_url, text(browser, limit=1500))
    return " ".join(" ".join(n.text.split()) for n in notes)


def ticks_for_submit(browser):
    """The boxes a focal point ticks to submit: certify, and acknowledge
    when the page shows consistency warnings."""
    boxes = ["certify"]
    if browser.find_elements(By.ID, "acknowledge"):
        boxes.append("acknowledge")
    return boxes


def enter_a_figure(browser, figure):
    """Types figure into the first empty cell of the dataset's grid and
    saves; returns the cell's name."""
    cells = [c for c in browser.find_elements(By.CSS_SELECTOR, "form input[name^='v:']")
             if not c.get_attribute("value")]
    assert cells, "no empty cell on %s" % browser.current_url
    name = cells[0].get_attribute("name")
    cells[0].send_keys(figure)
    path = browser.current_url.replace(BASE, "")
    press(browser, path, button_css="button[name=action][value=save]")
    return name


# ---- the walk -----------------------------------------------------------------------

def test_the_demo_walked_from_each_roles_to_do_list(browser, logins):
    # 1. QZA's officer finds the returned dataset and its reason, and corrects it.
    sign_in(browser, logins, "qza.entry")
    reasons = browser.find_elements(By.CSS_SELECTOR, "#todo li li a")
    assert reasons, text(browser, "#todo")
    old = browser.find_element(By.TAG_NAME, "html")
    reasons[0].click()
    page_changed(browser, old)
    assert browser.find_elements(By.ID, "return-reason"), "the reason is not on the dataset page"
    cell = enter_a_figure(browser, "1 200")
    assert said(browser)
    assert browser.find_element(By.NAME, cell).get_attribute("value") in ("1200", "1 200", "1,200")

    # 2. QZA's focal point certifies and submits it again.
    sign_in(browser, logins, "qza.focal")
    follow(browser, "#todo", [PERIOD])             # the review page, to submit it again
    sub_qza = browser.current_url.split("/review")[0]
    if not browser.find_elements(By.ID, "certify"):     # the overview links to the review
        follow(browser, "main", ["eview"])
    press(browser, "/submit", ticks=ticks_for_submit(browser))
    assert said(browser)
    assert "secretariat" in text(browser, "#next-step")

    # 3. The analyst finds both submissions waiting: returns QZB's, accepts QZA's.
    sign_in(browser, logins, "analyst")
    todo = text(browser, "#todo")
    assert "QZA" in todo and "QZB" in todo, todo
    follow(browser, "#todo", ["QZB"])
    if not browser.find_elements(By.CSS_SELECTOR, "form[action$='/return']"):
        follow(browser, "main", ["eview"])
    press(browser, "/return", fill={"textarea[name=reason_flows]":
                                    "Please give the land border figures by citizenship."})
    assert said(browser)
    browser.find_element(By.CSS_SELECTOR, "header a[href='/']").click()
    check_page(browser)
    follow(browser, "#todo", ["QZA"])
    if not browser.find_elements(By.CSS_SELECTOR, "form[action$='/accept']"):
        follow(browser, "main", ["eview"])
    press(browser, "/accept")
    assert said(browser)

    # 4. QZB corrects the returned dataset and resubmits; the analyst accepts.
    sign_in(browser, logins, "qzb.entry")
    assert "land border figures" in text(browser, "#todo")
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_elements(By.CSS_SELECTOR, "#todo li li a")[0].click()
    page_changed(browser, old)
    assert "land border figures" in text(browser, "#return-reason")
    enter_a_figure(browser, "35")
    assert said(browser)
    sign_in(browser, logins, "qzb.focal")
    follow(browser, "#todo", [PERIOD])
    if not browser.find_elements(By.ID, "certify"):
        follow(browser, "main", ["eview"])
    press(browser, "/submit", ticks=ticks_for_submit(browser))
    assert said(browser)
    sign_in(browser, logins, "analyst")
    follow(browser, "#todo", ["QZB"])
    if not browser.find_elements(By.CSS_SELECTOR, "form[action$='/accept']"):
        follow(browser, "main", ["eview"])
    press(browser, "/accept")
    assert said(browser)
    sign_in(browser, logins, "analyst")
    todo = text(browser, "#todo")
    assert "QZA" not in todo and "QZB" not in todo, todo

    # 5. QZA's focal point opens the shared data: the new period, both states.
    sign_in(browser, logins, "qza.focal")
    follow(browser, "header", ["hared"])
    pooled = [a for a in browser.find_elements(By.CSS_SELECTOR, "main a")
              if "/pooled" in (a.get_attribute("href") or "")]
    assert pooled, text(browser, limit=1500)
    old = browser.find_element(By.TAG_NAME, "html")
    pooled[0].click()
    page_changed(browser, old)
    page = text(browser)
    assert PERIOD in page, page
    browser.get(sub_qza)
    check_page(browser)
    assert "ccepted" in text(browser, "main")

    # 6. QZC has nothing yet: its officer starts the draft from the to-do list.
    sign_in(browser, logins, "qzc.entry")
    press(browser, "/report/start")             # the to-do item is the start button
    assert "/submission/" in browser.current_url
    assert said(browser)

    # 7. The administrator's to-do list leads to the page where the work is done.
    sign_in(browser, logins, "admin")
    links = browser.find_elements(By.CSS_SELECTOR, "#todo a")
    assert links, text(browser, "#todo")
    old = browser.find_element(By.TAG_NAME, "html")
    links[0].click()
    page_changed(browser, old)                      # checks the page it lands on
