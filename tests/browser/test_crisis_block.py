"""The "Need help now?" block: on every page, in the first screen at phone and desktop sizes, right links."""
from __future__ import annotations

import pytest

from beyond_detox.resources import find_service

VIEWPORTS = [(375, 667), (1280, 800)]


def expected_links(width: int = 375) -> dict[str, str]:
    lifeline = find_service("lifeline-988")
    emergency = find_service("emergency-911")
    # Desktop spells out what 911 is for; phones keep one row ("Call 911").
    emergency_name = "Overdose or emergency: Call 911" if width >= 720 else "Call 911"
    return {
        "Call 988": lifeline.phone("voice").tel_uri,
        "Text 988": lifeline.phone("text").sms_uri,
        emergency_name: emergency.phone("voice").tel_uri,
    }


def test_the_data_still_says_988_and_911():
    # The block renders whatever data/resources/ says; these are the numbers it must say.
    assert expected_links() == {"Call 988": "tel:988", "Text 988": "sms:988", "Call 911": "tel:911"}


@pytest.mark.parametrize("width,height", VIEWPORTS)
@pytest.mark.parametrize("path", ["/", "/safety/overdose-risk-after-detox/", "/about/privacy/"])
def test_block_is_in_the_first_screen_with_correct_links(new_page, site_url, width, height, path):
    page = new_page(width, height)
    page.goto(site_url + path)
    block = page.locator("nav.bd-crisis")
    assert block.is_visible()
    box = block.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"crisis block not fully in the first {width}x{height} screen: {box}"
    for text, href in expected_links(width).items():
        link = block.get_by_role("link", name=text, exact=True)
        assert link.get_attribute("href") == href
        link_box = link.bounding_box()
        assert link_box["height"] >= 44 and link_box["width"] >= 44, f"{text}: touch target {link_box}"
        assert link_box["y"] + link_box["height"] <= height
    more = block.get_by_role("link", name="More help")
    more.click()
    page.wait_for_load_state()
    assert page.url == site_url + "/get-help/"
    assert page.locator("h1").first.inner_text().strip() != ""


def test_on_every_page_the_block_is_in_the_same_place_in_one_row_with_the_title_high(new_page, site_url, pages):
    # One pass over every page (English and Spanish) at phone size: the block is there, in the same
    # place, its four links in one row, and the page title starts within the top 200 px.
    page = new_page(375, 667)
    positions, problems = {}, {}
    for path in pages:
        page.goto(site_url + path)
        block = page.locator("nav.bd-crisis")
        assert block.count() == 1, f"{path}: no crisis block"
        box = block.bounding_box()
        positions[path] = (round(box["x"]), round(box["y"]))
        tops = page.evaluate("[...document.querySelectorAll('nav.bd-crisis a')].map(a => Math.round(a.getBoundingClientRect().top))")
        title = page.locator(".md-content h1").first
        title_top = title.bounding_box()["y"] if title.count() else None
        if len(tops) != 4 or len(set(tops)) != 1:
            problems[path] = f"crisis links not in one row: tops {tops}"
        elif title_top is None or title_top > 200:
            problems[path] = f"title starts at {title_top} px"
    assert len(set(positions.values())) == 1, f"the block moves between pages: {positions}"
    assert problems == {}, problems
