"""Questions to ask a treatment program (/treatment/questions-to-ask/), driven in real Chromium
with the keyboard only.

What a reader notices: every question in data/program-questions.yml, each a tick box with a
notes line and a working link to the page that explains it; "Print my list" printing ONE page
with their ticks and notes. What a reader must be able to trust: nothing is requested, stored or
kept after a reload, and without JavaScript the tick boxes still work and the page still prints.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

from beyond_detox.pages.program_questions import load_program_questions

from .helpers import open_tool, pdf_text, skip_to_content, tab_to

PATH = "/treatment/questions-to-ask/"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
QUESTIONS = load_program_questions().questions()
# Ticked and noted by the reader (by id); the rest stay unticked.
NOTES = {
    QUESTIONS[0].id: "Yes, one team and a counselor on site",
    QUESTIONS[2].id: "Buprenorphine yes, methadone through the clinic on 23rd Street, no waiting list",
    QUESTIONS[-1].id: "They call at 1 week and 1 month",
}








def fill_by_keyboard(page) -> None:
    """Skip link, then Tab through the list in order: Space ticks a box, typing fills its notes."""
    skip_to_content(page)
    for question in QUESTIONS:
        tab_to(page, f"q-{question.id}")
        if question.id in NOTES:
            page.keyboard.press("Space")
            page.keyboard.press("Tab")  # past the "Read more" link to the notes line
            tab_to(page, f"q-{question.id}-notes", limit=3)
            page.keyboard.type(NOTES[question.id])




def test_every_question_in_the_data_file_is_listed_with_a_working_link(new_page, site_url, site_dir):
    page = open_tool(new_page, site_url, PATH)
    assert page.locator("form#bd-checklist input[type=checkbox]").count() == len(QUESTIONS)
    for number, question in enumerate(QUESTIONS, start=1):
        box = page.locator(f"#q-{question.id}")
        assert box.get_attribute("type") == "checkbox"
        label = " ".join(page.locator(f"label[for='q-{question.id}']").inner_text().split())
        assert label == f"{number}. {question.question}"
        why = page.locator(f"#q-{question.id}-why")
        assert question.why[:-1] in why.inner_text()
        assert page.locator(f"label[for='q-{question.id}-notes']").count() == 1
        href = why.locator(".bd-q__more a").get_attribute("href")
        target = urlsplit(urljoin(page.url, href)).path
        assert target == "/" + PurePosixPath(question.article).with_suffix("").as_posix() + "/", (question.id, href)
        assert (site_dir / target.strip("/") / "index.html").is_file(), f"{question.id}: {href} goes nowhere"
        assert page.request.get(urljoin(page.url, href)).status == 200
    assert page.get_by_text("Nothing you enter is saved or sent. Reloading the page clears it.").is_visible()


def test_a_link_opens_the_article(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    first = QUESTIONS[0]
    page.locator(f"#q-{first.id}-why .bd-q__more a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/" + PurePosixPath(first.article).with_suffix("").as_posix() + "/")


def test_tick_and_note_by_keyboard_then_print_one_page(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    requests = []
    page.context.on("request", lambda request: requests.append(request))
    fill_by_keyboard(page)
    for question in QUESTIONS:
        assert page.locator(f"#q-{question.id}").is_checked() == (question.id in NOTES)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    tab_to(page, "bd-checklist-print", limit=10)
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    pages, text = pdf_text(page)
    assert pages == 1, f"the list printed on {pages} pages"
    for number, question in enumerate(QUESTIONS, start=1):
        mark = "\u2611" if question.id in NOTES else "\u2610"
        assert f"{mark} {number}. {question.question}" in text, f"question {number} should print as {mark}"
    for note in NOTES.values():
        assert note in text, f"{note!r} is missing from the printout"
    assert "Print my list" not in text
    other = [r.url for r in requests if r.method != "GET" or urlsplit(r.url).hostname != "127.0.0.1"
             or not urlsplit(r.url).path.startswith("/assets/")]
    assert other == [], f"ticking, noting and printing made requests: {other}"
    assert not any(note.replace(" ", "+") in r.url or note.replace(" ", "%20") in r.url or note in (r.post_data or "")
                   for r in requests for note in NOTES.values())
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.evaluate("indexedDB.databases().then(list => list.length)") == 0
    assert page.context.cookies() == []


def test_reload_clears_ticks_and_notes(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    fill_by_keyboard(page)
    page.reload(wait_until="networkidle")
    state = page.locator("form#bd-checklist input").evaluate_all(
        "fields => fields.map(f => f.type === 'checkbox' ? f.checked : f.value)")
    assert len(state) == 2 * len(QUESTIONS) and all(value in (False, "") for value in state), state


def test_without_javascript_tick_boxes_work_and_the_page_prints(new_page, site_url):
    page = open_tool(new_page, site_url, PATH, java_script_enabled=False)
    assert not page.locator("#bd-checklist-print").is_visible(), "a Print button that cannot work must stay hidden"
    first = page.locator(f"#q-{QUESTIONS[0].id}")
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    # Enter in a notes line sends nothing anywhere: the form is never submitted.
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.locator(f"#q-{QUESTIONS[0].id}-notes").focus()
    page.keyboard.type("Yes")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == site_url + PATH and requests == [], requests
    assert page.locator("#bd-checklist input[name]").count() == 0, "fields without a name cannot be submitted"
    pages, text = pdf_text(page)
    assert pages == 1, f"the list printed on {pages} pages"
    assert f"\u2611 1. {QUESTIONS[0].question}" in text
    for number, question in enumerate(QUESTIONS[1:], start=2):
        assert f"\u2610 {number}. {question.question}" in text


def test_fits_a_phone_and_has_no_axe_violations(new_page, site_url):
    for width, height in ((375, 667), (1280, 800)):
        page = open_tool(new_page, site_url, PATH, width, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]
