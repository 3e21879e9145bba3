"""How long a page is on a phone, measured in a real browser: where the title starts, how many
375x667 screens it takes from the title to the Sources heading (folded blocks closed), and where
the urgent-advice block sits. The tests and scripts/measure_pages.py use the same numbers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beyond_detox.content_model import is_article
from beyond_detox.handouts.links import page_url

PHONE = (375, 667)
TITLE_TOP_MAX_PX = 200          # the title starts within the top 200 px of a phone screen
ARTICLE_MAX_SCREENS = 6.0       # title to Sources heading, collapsed blocks closed
START_HERE_MAX_SCREENS = 4.0
GET_HELP_MAX_SCREENS = 8.0

# Spanish runs about a fifth longer than English for the same content (a usual translation
# expansion), so a Spanish page (/es/...) gets its English page's budget times this.
SPANISH_EXPANSION = 1.2

# Pages with their own length budget (URL path -> screens); other articles get ARTICLE_MAX_SCREENS.
BUDGETS = {"/first-days-after-detox/": START_HERE_MAX_SCREENS, "/get-help/": GET_HELP_MAX_SCREENS,
           "/get-help/florida/": GET_HELP_MAX_SCREENS}


def budgeted_paths(docs: Path) -> list[str]:
    """The pages with a length budget: every article (start-here included) and the Get help
    pages, then the Spanish translation of each that has one (budget times SPANISH_EXPANSION)."""
    english = []
    for source in sorted(docs.rglob("*.md")):
        relative = source.relative_to(docs).as_posix()
        if relative.startswith("es/"):
            continue
        url = "/" + page_url(relative)
        if is_article(relative) or url in BUDGETS:
            english.append((relative, url))
    spanish = ["/es" + url for relative, url in english if (docs / "es" / relative).is_file()]
    return [url for _, url in english] + spanish


_MEASURE_JS = """() => {
  const h1 = document.querySelector('.md-content h1');
  const end = document.querySelector('.md-content h2#sources') || document.querySelector('.bd-review');
  const care = document.querySelector('.md-content .bd-care');
  const keyPoints = document.querySelector('.md-content .admonition');
  const top = el => el ? el.getBoundingClientRect().top + window.scrollY : null;
  let afterKeyPoints = null;
  if (care) {
    // The block's heading, then the cards: the element before the heading must be the key points.
    const heading = document.getElementById('when-to-get-help');
    const before = heading ? heading.previousElementSibling : null;
    afterKeyPoints = !!(before && before.classList.contains('admonition') && /Key points|Puntos clave/.test(before.textContent));
  }
  return {title_top: top(h1), end_top: top(end), care_top: top(care),
          care_after_key_points: afterKeyPoints, key_points_top: top(keyPoints),
          details_open: document.querySelectorAll('.md-content details[open]').length};
}"""


@dataclass
class Measure:
    path: str
    title_top: float | None
    end_top: float | None
    care_top: float | None
    care_after_key_points: bool | None
    key_points_top: float | None
    details_open: int

    @property
    def screens(self) -> float | None:
        """Phone screens from the title to the Sources heading (or the review footer)."""
        if self.title_top is None or self.end_top is None:
            return None
        return round((self.end_top - self.title_top) / PHONE[1], 2)

    def budget(self) -> float:
        if self.path.startswith("/es/"):
            return round(BUDGETS.get(self.path[3:], ARTICLE_MAX_SCREENS) * SPANISH_EXPANSION, 2)
        return BUDGETS.get(self.path, ARTICLE_MAX_SCREENS)


def measure(page, url: str, path: str) -> Measure:
    """page: a Playwright page with a 375x667 viewport."""
    page.goto(url)
    return Measure(path=path, **page.evaluate(_MEASURE_JS))
