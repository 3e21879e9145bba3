"""The "Need help now?" block: on every page, in the first screen at phone and desktop sizes, right links."""
from __future__ import annotations

import pytest

from beyond_detox.resources import find_service

VIEWPORTS = [(375, 667), (1280, 800)]


def expected_links() -> dict[str, str]:
    lifeline = find_service("lifeline-988")
    emergency = find_service("emergency-911")
    return {
        "Call 988": lifeline.phone("voice").tel_uri,
        "Text 988": lifeline.phone("text").sms_uri,
        "Overdose or emergency: 911": emergency.phone("voice").tel_uri,
    }


def test_the_data_still_says_988_and_911():
    # The block renders whatever data/resources/ says; these are the numbers it must say.
    assert expected_links() == {"Call 988": "tel:988", "Text 988": "sms:988", "Overdose or emergency: 911": "tel:911"}


@pytest.mark.parametrize("width,height", VIEWPORTS)
@pytest.mark.parametrize("path", ["/", "/safety/overdose-risk-after-detox/", "/about/privacy/"])
def test_block_is_in_the_first_screen_with_correct_links(new_page, site_url, width, height, path):
    page = new_page(width, height)
    page.goto(site_url + path)
    block = page.locator("nav.bd-crisis")
    assert block.is_visible()
    box = block.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"crisis block not fully in the first {width}x{height} screen: {box}"
    for text, href in expected_links().items():
        link = block.get_by_role("link", name=text)
        assert link.get_attribute("href") == href
        link_box = link.bounding_box()
        assert link_box["height"] >= 44 and link_box["width"] >= 44, f"{text}: touch target {link_box}"
        assert link_box["y"] + link_box["height"] <= height
    more = block.get_by_role("link", name="More help")
    more.click()
    page.wait_for_load_state()
    assert page.url == site_url + "/get-help/"
    assert page.locator("h1").first.inner_text().strip() != ""


def test_block_is_on_every_page_in_the_same_place(new_page, site_url, pages):
    page = new_page(375, 667)
    positions = {}
    for path in pages:
        page.goto(site_url + path)
        block = page.locator("nav.bd-crisis")
        assert block.count() == 1, f"{path}: no crisis block"
        box = block.bounding_box()
        positions[path] = (round(box["x"]), round(box["y"]))
    assert len(set(positions.values())) == 1, f"the block moves between pages: {positions}"
