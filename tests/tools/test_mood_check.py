"""The mood check (/understand/mood-check/), driven in real Chromium with the keyboard only.

What a reader notices: the score and its range after "See my result"; the crisis help as soon as
question 9 gets any answer but "Not at all"; an announced error summary when answers are missing;
a printout with the answers, the score, the date and the crisis lines. And what a reader must be
able to trust: nothing is requested, stored or kept after load, and the page works without
JavaScript as a paper form.
"""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from beyond_detox.paths import ROOT
from . import helpers
from .helpers import active_id, skip_to_content

PATH = "/understand/mood-check/"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
ANSWERS = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def open_tool(new_page, site_url, width=375, height=667, **options):
    # The service worker stays on here, as for a reader. It registers when the browser is idle after
    # load and then saves the site's core pages; on two busy cores that can come after "network
    # idle", so wait until it is active (its saving done) before any request is counted.
    options.setdefault("service_workers", "allow")
    page = helpers.open_tool(new_page, site_url, PATH, width, height, **options)
    if options["service_workers"] == "allow" and options.get("java_script_enabled", True):
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
    return page


def tab_to(page, element_id: str, limit: int = 10) -> None:
    helpers.tab_to(page, element_id, limit)


def shift_tab_to(page, element_id: str, limit: int = 20) -> None:
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"Shift+Tab never reached #{element_id} (focus is on #{active_id(page)})")


def choose(page, value: int) -> None:
    """In a radio group whose first option has focus and nothing is chosen: Space picks
    "Not at all"; each ArrowDown moves to the next answer and picks it."""
    if value == 0:
        page.keyboard.press("Space")
    for _ in range(value):
        page.keyboard.press("ArrowDown")


def fill(page, values: list[int | None]) -> None:
    """Answer the questions in order by keyboard; None leaves a question unanswered.
    Ends with focus on the last group (Tab then reaches "See my result")."""
    skip_to_content(page)
    tab_to(page, "q1-0")
    for number, value in enumerate(values, start=1):
        if number > 1:
            page.keyboard.press("Tab")
            assert active_id(page) == f"q{number}-0", f"Tab should land on question {number}"
        if value is not None:
            choose(page, value)
            assert active_id(page) == f"q{number}-{value}"
            assert page.is_checked(f"#q{number}-{value}")


def submit_by_keyboard(page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "See my result"
    page.keyboard.press("Enter")


def result_text(page) -> str:
    return re.sub(r"\s+", " ", page.inner_text("#mc-result"))


@pytest.mark.parametrize("values, total, band", [
    ([0] * 9, 0, "minimal"),
    ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
    ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
    ([2, 2, 1, 2, 1, 1, 2, 1, 0], 12, "moderate"),
    ([2, 2, 2, 2, 2, 2, 2, 1, 0], 15, "moderately severe"),
    ([3, 3, 3, 2, 2, 2, 2, 2, 1], 20, "severe"),
    ([3] * 9, 27, "severe"),
])
def test_keyboard_answers_give_the_score_and_range(new_page, site_url, values, total, band):
    page = open_tool(new_page, site_url)
    assert page.is_hidden("#mc-result")
    fill(page, values)
    submit_by_keyboard(page)
    assert page.is_visible("#mc-result")
    assert active_id(page) == "mc-result", "focus should move to the result"
    text = result_text(page)
    assert f"Your score is {total} out of 27: {band}." in text
    assert "This is not a diagnosis. Only a doctor or counselor can say if it is depression." in text
    assert "Withdrawal and the first weeks after detox can raise your score" in text
    link = page.locator("#mc-result a", has_text="depression after detox")
    assert link.get_attribute("href") == "../depression-after-detox/"
    advice = page.inner_text(f".mc-band[data-name='{band}'] .mc-band__advice").strip()
    assert advice in text, "the advice for the reader's range is shown with the result"
    assert page.locator(".mc-band--yours").get_attribute("data-name") == band
    assert page.is_visible("#mc-crisis") == (values[8] > 0)


def test_question_9_shows_crisis_help_at_once_whatever_the_total(new_page, site_url):
    page = open_tool(new_page, site_url)
    fill(page, [0] * 8 + [None])
    assert page.is_hidden("#mc-crisis")
    choose(page, 1)  # "Several days": total 1, before any submit
    crisis = page.locator("#mc-crisis")
    assert crisis.is_visible(), "the crisis help must show as soon as question 9 is answered"
    assert crisis.locator('a[href="tel:988"]').is_visible()
    assert crisis.locator('a[href="sms:988"]').is_visible()
    assert crisis.locator('a[href="tel:911"]').is_visible()
    assert "Please talk to someone today" in crisis.inner_text()
    page.wait_for_function("() => document.getElementById('mc-live').textContent.length > 0")
    assert "talk to someone today" in page.inner_text("#mc-live")
    assert page.is_hidden("#mc-result"), "nothing was submitted yet"

    submit_by_keyboard(page)
    assert "Your score is 1 out of 27: minimal." in result_text(page)
    assert page.is_visible(".mc-result__q9")
    crisis_box, result_box = crisis.bounding_box(), page.locator("#mc-result").bounding_box()
    assert crisis_box["y"] + crisis_box["height"] <= result_box["y"], "the crisis help sits above the result"

    # Back to "Not at all" (Shift+Tab to question 9, ArrowUp): the help follows the answer.
    shift_tab_to(page, "q9-1")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("#q9-0")
    assert page.is_hidden("#mc-crisis")
    assert "Your score is 0 out of 27: minimal." in result_text(page)


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_every_answer_above_not_at_all_on_question_9_shows_the_help(new_page, site_url, answer):
    page = open_tool(new_page, site_url)
    fill(page, [None] * 8 + [answer])
    assert page.is_visible("#mc-crisis")


def test_missing_answers_are_announced_and_focus_moves(new_page, site_url):
    page = open_tool(new_page, site_url)
    fill(page, [1, 0, 2, None, 1, None, None, 0, 0])
    submit_by_keyboard(page)
    errors = page.locator("#mc-errors")
    assert errors.is_visible()
    assert errors.get_attribute("role") == "alert"
    assert active_id(page) == "mc-errors", "focus should move to the error summary"
    links = errors.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#q4", "#q6", "#q7"]
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["Question 4", "Question 6", "Question 7"]
    assert page.is_hidden("#mc-result")
    assert page.locator("#q4 .mc-q__error").is_visible()
    assert page.get_attribute("#q4", "aria-describedby") == "q4-error"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#q4"
    page.keyboard.press("Enter")
    assert active_id(page) == "q4-0", "the link takes focus to the first missing question"
    choose(page, 2)
    assert page.locator("#q4 .mc-q__error").count() == 0
    assert errors.locator("a").count() == 2

    page.keyboard.press("Tab")  # question 5 (answered), then 6 and 7 (missing)
    page.keyboard.press("Tab")
    assert active_id(page) == "q6-0"
    choose(page, 0)
    page.keyboard.press("Tab")
    choose(page, 3)
    assert page.is_hidden("#mc-errors")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    submit_by_keyboard(page)
    assert "Your score is 9 out of 27: mild." in result_text(page)


def test_nothing_is_requested_or_stored_while_filling_and_printing(new_page, site_url):
    page = open_tool(new_page, site_url)
    requests = []
    page.context.on("request", lambda request: requests.append(request))
    fill(page, [1, 2, 3, 0, 1, 2, 3, 0, 1])
    submit_by_keyboard(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Print my answers"
    # The button calls window.print(). Headless Chromium would keep the page "being printed" and
    # refuse page.pdf(), so the dialog is replaced by a counter; the PDF then prints the same page.
    page.evaluate("() => { window.print = () => { window.__printCalls = (window.__printCalls || 0) + 1; }; }")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printCalls") == 1
    page.pdf(format="Letter")
    page.wait_for_timeout(300)
    # Chromium may fetch the page's own favicon late (when printing, for one); that is a static
    # file of the site. Anything else (another host, a query, a form sent, a POST) is a leak.
    leaks = [f"{r.method} {r.url}" for r in requests
             if not (r.method == "GET" and urlsplit(r.url).hostname == "127.0.0.1" and not urlsplit(r.url).query
                     and urlsplit(r.url).path.startswith("/assets/"))]
    assert leaks == [], f"the tool made requests after load: {leaks}"
    storage = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        idb: indexedDB.databases ? (await indexedDB.databases()).length : 0})""")
    assert storage == {"local": 0, "session": 0, "cookie": "", "idb": 0}
    assert page.context.cookies() == []


def test_only_same_origin_assets_load(new_page, site_url):
    page = new_page(375, 667)
    hosts = []
    page.context.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    page.goto(site_url + PATH, wait_until="networkidle")
    assert hosts and set(hosts) == {"127.0.0.1"}


def test_reload_clears_everything(new_page, site_url):
    page = open_tool(new_page, site_url)
    fill(page, [3] * 9)
    submit_by_keyboard(page)
    assert page.is_visible("#mc-result") and page.is_visible("#mc-crisis")
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.querySelectorAll('#mc-form input:checked').length") == 0
    assert page.is_hidden("#mc-result")
    assert page.is_hidden("#mc-crisis")
    assert page.locator(".mc-band--yours").count() == 0


def test_clear_button_empties_the_form(new_page, site_url):
    page = open_tool(new_page, site_url)
    fill(page, [2] * 9)
    submit_by_keyboard(page)
    page.locator(".mc-clear").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelectorAll('#mc-form input:checked').length") == 0
    assert page.is_hidden("#mc-result") and page.is_hidden("#mc-crisis")
    assert active_id(page) == "q1-0"


def test_printout_has_answers_score_date_and_crisis_lines(new_page, site_url):
    page = open_tool(new_page, site_url, 1280, 800)
    values = [2, 2, 1, 2, 1, 1, 2, 1, 0]
    fill(page, values)
    submit_by_keyboard(page)
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(pdf.pages) <= 2, f"the answer sheet should print on one or two pages, not {len(pdf.pages)}"
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    for number, value in enumerate(values, start=1):
        assert re.search(rf"{number}\. .*?{ANSWERS[value]} {value}", text), f"question {number} and its answer"
    assert "Little interest or pleasure in doing things" in text
    assert "Thoughts that you would be better off dead or of hurting yourself in some way" in text
    assert "Total: 12 out of 27 (moderate)" in text
    today = page.evaluate("new Date().toLocaleDateString('en-US', {year: 'numeric', month: 'long', day: 'numeric'})")
    assert f"Date: {today}" in text
    assert "988" in text and "911" in text
    assert "Developed by Drs. Robert L. Spitzer" in text
    assert "See my result" not in text and "Print my answers" not in text


def test_printout_after_question_9_says_so(new_page, site_url):
    page = open_tool(new_page, site_url, 1280, 800)
    fill(page, [0] * 8 + [2])
    submit_by_keyboard(page)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages))
    assert "Total: 2 out of 27 (minimal)" in text
    assert 'Question 9 was not "Not at all": please talk to someone today.' in text
    assert "call 988 or text 988" in text


def test_without_javascript_it_is_a_paper_form(new_page, site_url):
    page = open_tool(new_page, site_url, java_script_enabled=False)
    assert page.locator("#mc-form fieldset").count() == 9
    assert page.locator("#mc-form input[type=radio]").count() == 36
    assert page.is_visible("#q9 legend")
    assert page.is_hidden("button[type=submit]"), "the score button needs the script"
    assert page.is_visible("text=Add up your score by hand")
    body = re.sub(r"\s+", " ", page.inner_text("article"))
    assert '"Not at all" is 0, "Several days" is 1, "More than half the days" is 2 and "Nearly every day" is 3' in body
    for band in ["0 to 4: minimal", "5 to 9: mild", "10 to 14: moderate", "15 to 19: moderately severe", "20 to 27: severe"]:
        assert band in body
    assert "If you gave question 9 any answer but \"Not at all\", talk to someone today" in body
    assert "Nothing you enter is saved or sent. Reloading the page clears it." in body
    # Enter on a radio must not send the answers anywhere (the form's method is "dialog").
    page.focus("#q1-2")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert urlsplit(page.url).query == ""


def test_questions_are_labelled_fieldsets_with_exact_phq9_wording(new_page, site_url):
    page = open_tool(new_page, site_url)
    assert page.inner_text("#mc-stem").strip() == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?")
    for number in range(1, 10):
        fieldset = page.locator(f"#q{number}")
        assert fieldset.locator("legend").count() == 1
        for value, answer in enumerate(ANSWERS):
            label = page.locator(f'label[for="q{number}-{value}"]')
            assert label.locator(".mc-opt__answer").inner_text() == answer
            assert page.get_attribute(f"#q{number}-{value}", "value") == str(value)
    assert page.inner_text("#q6 .mc-q__text") == (
        "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down")


@pytest.mark.parametrize("width, height", [(375, 667), (640, 400)])  # a phone, and 1280 px at 200% zoom
def test_fits_small_screens_without_sideways_scrolling(new_page, site_url, width, height):
    page = open_tool(new_page, site_url, width, height)
    fill(page, [1] * 9)
    submit_by_keyboard(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    small = page.evaluate("""[...document.querySelectorAll('.mc-opt, .mc-button')]
        .map(el => el.getBoundingClientRect().height).filter(h => h < 44).length""")
    assert small == 0, "answer rows and buttons are at least 44 px tall"


# The parts of the page this tool adds or changes; the rest of the page is covered by the site's
# own axe test (tests/browser/test_accessibility.py), which sees the page only as it loads.
TOOL_PARTS = {"include": [["#mc-form"], ["#mc-crisis"], ["#mc-result"], ["#mc-live"], [".mc-bands"]]}


def test_no_axe_violations_with_errors_crisis_help_and_result_shown(new_page, site_url):
    axe = Axe()
    for width, height in ((375, 667), (1280, 800)):
        page = open_tool(new_page, site_url, width, height)
        fill(page, [1, None, None, None, None, None, None, None, 1])
        submit_by_keyboard(page)
        assert page.is_visible("#mc-errors") and page.is_visible("#mc-crisis")
        violations = axe.run(page, context=TOOL_PARTS, options=AXE_OPTIONS).response["violations"]
        assert violations == [], [(v["id"], v["help"]) for v in violations]
        page.reload(wait_until="networkidle")
        fill(page, [1] * 9)
        submit_by_keyboard(page)
        violations = axe.run(page, context=TOOL_PARTS, options=AXE_OPTIONS).response["violations"]
        assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_script_has_no_phone_numbers_and_no_storage_or_network_calls():
    script = (ROOT / "overrides/assets/javascripts/mood-check.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    for forbidden in ["988", "911", "localStorage", "sessionStorage", "indexedDB", "document.cookie",
                      "fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "tel:", "sms:"]:
        assert forbidden not in code, forbidden
