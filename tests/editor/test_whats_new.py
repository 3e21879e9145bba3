"""/about/whats-new/: pages by their last review date, newest first, with title, section and date."""
from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import SimpleNamespace

import yaml

from beyond_detox.editor import whats_new
from beyond_detox.paths import DOCS, ROOT


def write(docs: Path, rel: str, title: str, reviewed: str, status: str = "editorial") -> Path:
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(f"""\
        ---
        title: {title}
        description: A plain description of what this page tells a reader, in one sentence.
        review:
          status: {status}
          reviewed_on: {reviewed}
          next_review: 2027-12-31
        ---

        Words.
        """), encoding="utf-8")
    return path


def fixture_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    write(docs, "safety/overdose.md", "Overdose risk", "2026-11-27")
    write(docs, "understand/sleep.md", "Sleep after detox", "2026-11-20")
    write(docs, "recovery/new-page.md", "A new page", "2026-11-28", status="draft")
    write(docs, "about/whats-new.md", "What's new", "2026-11-29")
    (docs / "about" / "index.md").write_text("No front matter here.\n", encoding="utf-8")
    return docs


def titles(markdown: str) -> list[str]:
    return [line.split("](")[0].removeprefix("- [") for line in markdown.splitlines() if line.startswith("- [")]


def test_newest_first_with_title_section_and_date(tmp_path):
    docs = fixture_docs(tmp_path)
    markdown = whats_new.render(whats_new.collect(docs, exclude=("about/whats-new.md",)), "about/whats-new.md")
    assert titles(markdown) == ["A new page", "Overdose risk", "Sleep after detox"]
    assert "## 28 November 2026" in markdown and "## 20 November 2026" in markdown
    assert "- [Overdose risk](../safety/overdose.md) (Stay safe)" in markdown
    assert "- [A new page](../recovery/new-page.md) (Recovery): draft, not reviewed yet" in markdown
    assert "What's new" not in markdown, "the page does not list itself"


def test_a_changed_page_moves_to_the_top(tmp_path):
    docs = fixture_docs(tmp_path)
    write(docs, "understand/sleep.md", "Sleep after detox", "2026-11-30")  # an editor reviewed it again
    markdown = whats_new.render(whats_new.collect(docs, exclude=("about/whats-new.md",)), "about/whats-new.md")
    assert titles(markdown)[0] == "Sleep after detox"
    assert markdown.index("## 30 November 2026") < markdown.index("## 28 November 2026")


def test_the_navigation_names_the_sections_and_leaves_out_pages_outside_it(tmp_path):
    docs = fixture_docs(tmp_path)
    write(docs, "offline.md", "You are offline", "2026-11-29")

    def page(src):
        return SimpleNamespace(is_section=False, is_page=True, file=SimpleNamespace(src_uri=src))

    nav = SimpleNamespace(items=[
        SimpleNamespace(is_section=True, title="Keep safe", children=[page("safety/overdose.md")]),
        SimpleNamespace(is_section=True, title="Understand", children=[
            SimpleNamespace(is_section=True, title="Sub", children=[page("understand/sleep.md")])]),
        page("recovery/new-page.md"),
    ])
    sections = whats_new.nav_sections(nav)
    assert sections == {"safety/overdose.md": "Keep safe", "understand/sleep.md": "Understand", "recovery/new-page.md": ""}
    markdown = whats_new.replace_placeholder(f"Intro.\n\n{whats_new.PLACEHOLDER}\n", docs, "about/whats-new.md", sections)
    assert markdown.startswith("Intro.\n")
    assert "(Keep safe)" in markdown and "- [A new page](../recovery/new-page.md): draft" in markdown
    assert "offline" not in markdown, "a page outside the navigation is left out"


def test_the_hook_replaces_the_placeholder_only_where_it_is(tmp_path):
    spec = importlib.util.spec_from_file_location("whats_new_hook", ROOT / "overrides" / "hooks" / "whats_new.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    docs = fixture_docs(tmp_path)
    nav = SimpleNamespace(items=[SimpleNamespace(is_section=True, title="Stay safe", children=[
        SimpleNamespace(is_section=False, is_page=True, file=SimpleNamespace(src_uri="safety/overdose.md"))])])
    config = SimpleNamespace(docs_dir=str(docs))
    hook.on_nav(nav, config, None)
    this = SimpleNamespace(file=SimpleNamespace(src_uri="about/whats-new.md"))
    out = hook.on_page_markdown(f"{whats_new.PLACEHOLDER}\n", this, config, None)
    assert out.strip() == "## 27 November 2026\n\n- [Overdose risk](../safety/overdose.md) (Stay safe)"
    assert hook.on_page_markdown("No placeholder.\n", this, config, None) == "No placeholder.\n"


def test_the_page_is_in_the_site():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    data = yaml.load(config, Loader=loader)
    assert "overrides/hooks/whats_new.py" in data["hooks"]
    about = next(item["About"] for item in data["nav"] if isinstance(item, dict) and "About" in item)
    assert "about/whats-new.md" in about
    page = (DOCS / "about" / "whats-new.md").read_text(encoding="utf-8")
    assert whats_new.PLACEHOLDER in page and "exclude: true" in page
    assert "(whats-new.md)" in (DOCS / "about" / "index.md").read_text(encoding="utf-8")
    listed = whats_new.collect(DOCS, exclude=("about/whats-new.md",))
    assert len(listed) >= 20 and [e.day for e in listed] == sorted((e.day for e in listed), reverse=True)
