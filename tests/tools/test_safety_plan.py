"""My safety plan (/safety/my-safety-plan/), driven in real Chromium with the keyboard only.

What a reader notices: six labelled steps; the crisis lines already filled in; "Print my plan"
printing ONE page with their own words and the crisis numbers. What a reader must be able to
trust: nothing is requested, stored or kept after a reload, and without JavaScript the page is a
blank plan that prints with lines to fill in by hand.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from beyond_detox.resources import find_service

from .helpers import assert_nothing_sent, open_tool, pdf_text, skip_to_content, tab_to

PATH = "/safety/my-safety-plan/"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
STEPS = ["Step 1. My warning signs", "Step 2. Things I can do on my own to take my mind off things",
         "Step 3. People and places that take my mind off things", "Step 4. People I can ask for help",
         "Step 5. Professionals and crisis lines I can call", "Step 6. Making my home safer"]
# What a reader types, field by field, in page order (a long entry must print in full).
ENTRIES = {
    "plan-signs-1": "I stop answering my phone and stay in bed all day without eating or washing",
    "plan-signs-2": "Thinking nobody would miss me",
    "plan-self-1": "Walk the dog to the pier",
    "plan-places-1": "Cousin Dee at the coffee shop",
    "plan-help-1-name": "Maria, my sister",
    "plan-help-1-phone": "850 555 0142",
    "plan-pro-1-name": "Dr Okafor at the clinic",
    "plan-pro-1-phone": "850 555 0199",
    "plan-safe-1": "Give my pills to Maria to keep",
    "plan-naloxone": "Kitchen drawer by the sink",
}








def fill_by_keyboard(page) -> None:
    """Skip link, then Tab from field to field in page order, typing as a reader would."""
    skip_to_content(page)
    for field, text in ENTRIES.items():
        tab_to(page, field)
        page.keyboard.type(text)






def crisis_numbers() -> dict[str, str]:
    return {
        "988 call": find_service("lifeline-988").phone("voice").display,
        "988 text": find_service("lifeline-988").phone("text").display,
        "911": find_service("emergency-911").phone("voice").display,
        "helpline": find_service("samhsa-national-helpline").phone("voice").display,
    }


def test_six_steps_each_a_fieldset_with_labelled_fields(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    legends = page.locator("form#bd-plan fieldset > legend").all_inner_texts()
    assert [" ".join(text.split()) for text in legends] == STEPS
    fields = page.locator("form#bd-plan input")
    assert fields.count() >= 18
    for i in range(fields.count()):
        field = fields.nth(i)
        field_id = field.get_attribute("id")
        assert page.locator(f"label[for='{field_id}']").count() == 1, f"#{field_id} has no label"
        assert field.bounding_box()["height"] >= 44, f"#{field_id} is too small to tap"
    assert page.get_by_text("Nothing you enter is saved or sent. Reloading the page clears it.").is_visible()


def test_crisis_lines_are_filled_in_from_the_pages_own_links(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    step5 = page.locator("fieldset", has=page.locator("legend", has_text="Step 5."))
    hrefs = step5.locator("a.bd-phone").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [find_service("lifeline-988").phone("voice").tel_uri, find_service("lifeline-988").phone("text").sms_uri,
                     find_service("emergency-911").phone("voice").tel_uri,
                     find_service("samhsa-national-helpline").phone("voice").tel_uri]
    step6 = page.locator("fieldset", has=page.locator("legend", has_text="Step 6."))
    assert "naloxone" in step6.inner_text().lower()
    assert step6.get_by_role("link", name="overdose risk after detox").get_attribute("href") == "../overdose-risk-after-detox/"


def test_fill_by_keyboard_then_print_one_page_with_entries_and_crisis_numbers(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    requests = []
    page.context.on("request", lambda request: requests.append(request))
    fill_by_keyboard(page)
    # Focus is visible on a field reached by keyboard.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused field shows no outline"
    # "Print my plan" is reachable by keyboard and prints.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    tab_to(page, "bd-plan-print", limit=10)
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    pages, text = pdf_text(page)
    assert pages == 1, f"the plan printed on {pages} pages"
    # On paper a filled-in step shows the entries only (step 1: two of its three lines).
    printed = page.locator("fieldset", has=page.locator("legend", has_text="Step 1.")).locator(".bd-print-value")
    assert [printed.nth(i).is_visible() for i in range(printed.count())] == [True, True, False]
    for entry in ENTRIES.values():
        assert entry in text, f"{entry!r} is missing from the printout"
    for name, number in crisis_numbers().items():
        assert number in text, f"{name} ({number}) is missing from the printout"
    for step in STEPS:
        assert step in text
    assert "For example" not in text, "the hints should not print"
    assert "Print my plan" not in text
    assert_nothing_sent(requests, ENTRIES.values())
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.evaluate("indexedDB.databases().then(list => list.length)") == 0
    assert page.context.cookies() == []


def test_a_step_left_empty_prints_blank_lines_to_write_on(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    page.locator("#plan-signs-1").press_sequentially("Not sleeping")
    page.emulate_media(media="print")
    for step, lines in (("Step 2.", 3), ("Step 4.", 6)):
        printed = page.locator("fieldset", has=page.locator("legend", has_text=step)).locator(".bd-print-value")
        visible = [printed.nth(i) for i in range(printed.count()) if printed.nth(i).is_visible()]
        assert len(visible) == lines and all(line.inner_text() == "" for line in visible)
        assert all(line.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid" for line in visible)


def test_reload_clears_the_plan(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    fill_by_keyboard(page)
    page.reload(wait_until="networkidle")
    values = page.locator("form#bd-plan input").evaluate_all("fields => fields.map(f => f.value)")
    assert values and all(value == "" for value in values), values
    _, text = pdf_text(page)
    assert not any(entry in text for entry in ENTRIES.values())


def test_back_and_forward_do_not_bring_entries_back(new_page, site_url):
    page = open_tool(new_page, site_url, PATH)
    fill_by_keyboard(page)
    page.goto(site_url + "/get-help/")
    page.go_back(wait_until="networkidle")
    values = page.locator("form#bd-plan input").evaluate_all("fields => fields.map(f => f.value)")
    assert all(value == "" for value in values), values


def test_only_same_origin_assets_on_load(new_page, site_url):
    page = new_page(375, 667, service_workers="block")
    hosts = set()
    page.context.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    page.goto(site_url + PATH, wait_until="networkidle")
    assert hosts == {"127.0.0.1"}


def test_without_javascript_a_blank_plan_prints_with_lines(new_page, site_url):
    page = open_tool(new_page, site_url, PATH, java_script_enabled=False)
    assert not page.locator("#bd-plan-print").is_visible(), "a Print button that cannot work must stay hidden"
    # Typing and pressing Enter sends nothing anywhere: the form is never submitted.
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.locator("#plan-signs-1").focus()
    page.keyboard.type("Cannot sleep")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == site_url + PATH and requests == [], requests
    assert page.locator("#bd-plan input[name]").count() == 0, "fields without a name cannot be submitted"
    page.locator("#plan-signs-1").fill("")
    pages, text = pdf_text(page)
    assert pages == 1, f"the blank plan printed on {pages} pages"
    for step in STEPS:
        assert step in text
    for number in crisis_numbers().values():
        assert number in text
    lines = page.evaluate("""() => [...document.querySelectorAll('#bd-plan input')].filter(f =>
        getComputedStyle(f).display !== 'none' && getComputedStyle(f).borderBottomStyle === 'solid').length""")
    assert lines >= 18, "each field should print as a line to write on"


def test_fits_a_phone_and_has_no_axe_violations(new_page, site_url):
    for width, height in ((375, 667), (1280, 800)):
        page = open_tool(new_page, site_url, PATH, width, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]
