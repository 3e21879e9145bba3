"""Permanent links (data/links.yml): /go/WORD/ short links and redirects for pages that moved,
written once and used by the build (mkdocs-redirects), `_redirects` for hosts that read one,
the QR codes and the handouts."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from beyond_detox import paths
from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.problems import ContentError, Problem, display_path

LINKS = paths.DATA / "links.yml"
PUBLISHED = paths.DATA / "published-urls.txt"
WORD = r"^[a-z0-9][a-z0-9-]*$"


class LinksFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    short_links: dict[str, str] = Field(default_factory=dict)
    moved: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class Links:
    short_links: dict[str, str]   # word -> page in docs/ ("first-days-after-detox.md")
    moved: dict[str, str]         # old page path -> new page path

    def redirect_maps(self) -> dict[str, str]:
        """For mkdocs-redirects: every redirect, as Markdown paths."""
        maps = {f"go/{word}.md": page for word, page in self.short_links.items()}
        maps.update(self.moved)
        return maps

    def short_url(self, word: str) -> str:
        return f"go/{word}/"

    def word_for(self, page: str) -> str | None:
        """The short word of a page, if it has one."""
        return next((word for word, target in self.short_links.items() if target == page), None)


def page_url(page: str) -> str:
    """docs path -> site URL path ("understand/x.md" -> "understand/x/", "index.md" -> "")."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def load_links(path: Path = LINKS, docs_dir: Path = paths.DOCS) -> Links:
    import re

    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    where = display_path(path)
    try:
        parsed = LinksFile.model_validate(data or {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(where, lines.get(loc[:2], lines.get(loc[:1], 1)), "links", f"{'.'.join(map(str, loc))}: {error['msg']}"))
        raise ContentError(problems) from None
    problems = []
    for word, page in parsed.short_links.items():
        line = lines.get(("short_links", word), 1)
        if not re.match(WORD, word):
            problems.append(Problem(where, line, "links", f"short link '{word}': use lower-case letters, digits and hyphens"))
        if not (Path(docs_dir) / page).exists():
            problems.append(Problem(where, line, "links", f"short link '{word}' points to docs/{page}, which does not exist"))
    for old, new in parsed.moved.items():
        line = lines.get(("moved", old), 1)
        if (Path(docs_dir) / old).exists():
            problems.append(Problem(where, line, "links", f"moved '{old}' still exists in docs/: a redirect would replace it"))
        if not (Path(docs_dir) / new).exists():
            problems.append(Problem(where, line, "links", f"moved '{old}' points to docs/{new}, which does not exist"))
    if problems:
        raise ContentError(problems)
    return Links(dict(parsed.short_links), dict(parsed.moved))


def redirects_file(links: Links, base_path: str = "/") -> str:
    """`_redirects` (Cloudflare Pages, Netlify): 301 for moved pages and short links."""
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    out = ["# Generated from data/links.yml by the build. Hosts that read this file answer with a real 301."]
    for old, new in links.redirect_maps().items():
        source = base + page_url(old).rstrip("/")
        out.append(f"{source} {base}{page_url(new)} 301")
        out.append(f"{source}/ {base}{page_url(new)} 301")
    return "\n".join(out) + "\n"


def read_published(path: Path = PUBLISHED) -> list[str]:
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def relative(from_page_url: str, to_url: str) -> str:
    return posixpath.relpath(to_url or ".", from_page_url or ".") + ("/" if to_url.endswith("/") else "")
