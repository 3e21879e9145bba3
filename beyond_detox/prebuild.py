"""Pre-build: the project's page work done outside MkDocs, into a folder that any builder reading
mkdocs.yml can build as plain Markdown: Zensical (Material's successor; it runs no MkDocs hooks or
plugins), or MkDocs with no hooks at all.

For each language's config it writes, into one output folder:
- every page with the hooks' Markdown work done, in the hooks' order: content checks, help-line
  shortcodes, shared blocks, urgent advice, glossary words, sources (beyond_detox/pages/render.py) with
  the citation links in place; the directory (beyond_detox/resources/); the handout list; What's new;
- each page's template values in its front matter (`bd_print`, `bd_alternate`, `bd_handout_pdf`)
  and the site's in the config's `extra.bd` (beyond_detox/pages/template_data.py);
- the generated files: the directory's open data and local listing pages, the short links' QR images;
- the redirects and /go/ short links of data/links.yml as small HTML pages;
- the config, with `!ENV` values filled in, `INHERIT` merged and `hooks` removed.

Not carried over: the readers' words added to MkDocs' search index (each builder has its own search),
and the after-build steps (beyond_detox/after_build.py: trimmed stylesheet, CSP and headers,
service worker, sitemap, _redirects).

Everything is written to a temporary folder beside the output and moved into place only when every
page passed its checks: a content problem leaves the previous output as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pathspec
import pathspec.gitignore
import yaml

from beyond_detox import i18n, translations
from beyond_detox.pages.citations import put_back_citations
from beyond_detox.editor.whats_new import config_nav_sections, replace_placeholder
from beyond_detox.frontmatter import split_front_matter
from beyond_detox.handouts.catalogue import handout_list
from beyond_detox.handouts.links import load_links, page_url
from beyond_detox.handouts.qr import LOCAL_URL, qr_files
from beyond_detox.pages.render import SiteData, render_page
from beyond_detox.problems import ContentError, Problem, display_path
from beyond_detox.resources.export import directory_json
from beyond_detox.resources.render import local_page_uri
from beyond_detox.resources.site import DIRECTORY_JSON_URI, DirectorySite, local_page_markdown
from beyond_detox.pages.template_data import page_values, site_values

@dataclass
class Prebuilt:
    configs: list[Path] = field(default_factory=list)  # the written configs, one per language
    pages: int = 0
    generated: int = 0
    redirects: int = 0


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` (or `!ENV NAME`) becomes the value."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (names[0], None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def _merge(base: dict, child: dict) -> dict:
    """INHERIT as MkDocs does it: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in child.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def load_config(path: Path) -> dict:
    """mkdocs.yml (INHERIT merged, !ENV filled in); a file that is missing or not YAML is a
    ContentError naming the file and line."""
    path = Path(path)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except FileNotFoundError:
        raise ContentError(Problem(display_path(path), 1, "config", "no such file")) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(Problem(display_path(path), mark.line + 1 if mark else 1, "config",
                                   f"cannot read the YAML: {getattr(error, 'problem', None) or error}")) from None
    if not isinstance(config, dict):
        raise ContentError(Problem(display_path(path), 1, "config", "a config must be a set of `key: value` lines"))
    parent = config.pop("INHERIT", None)
    return _merge(load_config(path.parent / parent), config) if parent else config


def _excluded(rel: str, patterns: str) -> bool:
    """A docs file left out by `exclude_docs`: gitignore patterns, matched with pathspec as MkDocs does."""
    return pathspec.gitignore.GitIgnoreSpec.from_lines((patterns or "").splitlines()).match_file(rel)


def redirect_page(from_uri: str, to_uri: str) -> tuple[str, str]:
    """A moved page or short link as a static page: (its path in the site, its HTML), written with
    mkdocs-redirects' own template and paths, so the stub is the one the MkDocs build writes."""
    from mkdocs_redirects.plugin import HTML_TEMPLATE, get_html_path, get_relative_html_path

    if to_uri.lower().startswith(("http://", "https://")):
        target = to_uri
    else:
        path, _, fragment = to_uri.partition("#")
        target = get_relative_html_path(from_uri, (page_url(path) or "./") + (f"#{fragment}" if fragment else ""), True)
    return get_html_path(from_uri, True), HTML_TEMPLATE.format(url=target)


def _page(text: str, source: Path, src_uri: str, steps: "_Steps") -> str:
    front, body, _ = split_front_matter(text)
    body = put_back_citations(render_page(src_uri, source, body, steps.site))
    stylesheets = steps.directory.stylesheets(body)
    body = steps.directory.page_markdown(body, src_uri)
    if "<!-- handout-list -->" in body and steps.links is not None:
        body = body.replace("<!-- handout-list -->", handout_list(steps.links, src_uri, steps.base_url))
    body = replace_placeholder(body, steps.docs_dir, src_uri, steps.sections)
    values = page_values(src_uri, page_url(src_uri), steps.site.lang, steps.base_url, steps.links, steps.alternates)
    values["bd_stylesheets"] = stylesheets
    extra = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1 << 20)
    return f"---\n{front or ''}{extra}---\n{body}"


@dataclass
class _Steps:
    site: SiteData
    directory: DirectorySite
    links: object
    base_url: str
    sections: dict[str, str]
    alternates: dict[str, str]
    docs_dir: Path


def _language(config_path: Path, staging: Path, result: Prebuilt) -> None:
    root = config_path.parent
    config = load_config(config_path)
    extra = config.setdefault("extra", {}) or {}
    lang = (config.get("theme") or {}).get("language", "en")
    i18n.set_language(lang)
    docs_dir = (root / config.get("docs_dir", "docs")).resolve()
    base_url = extra.get("public_url") or LOCAL_URL
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    site = SiteData(report_error_url=extra.get("report_error_url") or "", repository_url=extra.get("repository_url") or "",
                    publisher=extra.get("publisher") or "", contact_email=extra.get("contact_email") or "", lang=lang)
    has_links = any(Path(h).name == "links.py" for h in config.get("hooks") or [])
    steps = _Steps(site, DirectorySite(), load_links(docs_dir=docs_dir) if lang == "en" else None, base_url,
                   config_nav_sections(config.get("nav") or []), translations.counterparts(lang), docs_dir)
    out_docs = staging / docs_dir.relative_to(root)

    pages: list[tuple[str, Path, str]] = []  # (src_uri, file for messages and front matter, text)
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_dir() or _excluded(rel, config.get("exclude_docs", "")):
            continue
        if path.suffix == ".md":
            pages.append((rel, path, path.read_text(encoding="utf-8")))
        else:
            (out_docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out_docs / rel)
    if any(Path(h).name == "resources.py" for h in config.get("hooks") or []):
        generated = staging / ".generated" / lang
        (out_docs / DIRECTORY_JSON_URI).parent.mkdir(parents=True, exist_ok=True)
        (out_docs / DIRECTORY_JSON_URI).write_text(directory_json(steps.directory.directories, steps.directory.today), encoding="utf-8")
        result.generated += 1
        for area in steps.directory.local_areas:
            uri = local_page_uri(area)
            if (docs_dir / uri).exists():
                continue  # an editor wrote the page by hand: keep theirs
            source = generated / uri
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(local_page_markdown(area), encoding="utf-8")
            pages.append((uri, source, source.read_text(encoding="utf-8")))
            result.generated += 1
    for src_uri, source, text in pages:
        target = out_docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(text, source, src_uri, steps), encoding="utf-8")
        result.pages += 1
    if has_links and steps.links is not None:
        for uri, svg in qr_files(steps.links, base_url).items():
            (out_docs / uri).parent.mkdir(parents=True, exist_ok=True)
            (out_docs / uri).write_text(svg, encoding="utf-8")
            result.generated += 1
        for from_uri, to_uri in steps.links.redirect_maps().items():
            path, html = redirect_page(from_uri, to_uri)
            (out_docs / path).parent.mkdir(parents=True, exist_ok=True)
            (out_docs / path).write_text(html, encoding="utf-8")
            result.redirects += 1

    config.pop("hooks", None)
    config["extra"] = {**extra, "bd": site_values(lang, site.search_words)}
    written = staging / config_path.name
    written.write_text("# Written by scripts/prebuild.py from " + config_path.name + ": do not edit.\n"
                       + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")
    result.configs.append(written)


def prebuild(config_paths: list[Path], out: Path) -> Prebuilt:
    """Write the pre-built project for each config (English first) into `out`, replacing it whole.
    A ContentError (file and line) stops it before anything in `out` changes."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    result = Prebuilt()
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        root = Path(config_paths[0]).resolve().parent
        theme_dir = (load_config(Path(config_paths[0])).get("theme") or {}).get("custom_dir")
        if theme_dir:
            shutil.copytree(root / theme_dir, staging / theme_dir, ignore=shutil.ignore_patterns("hooks", "__pycache__"))
        for config_path in config_paths:
            _language(Path(config_path).resolve(), staging, result)
        shutil.rmtree(staging / ".generated", ignore_errors=True)
        result.configs = [out / c.relative_to(staging) for c in result.configs]
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            out.rename(old / "out")
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
        i18n.set_language("en")
    return result

