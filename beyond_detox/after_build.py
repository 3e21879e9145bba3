"""The after-build steps on a finished site folder (both languages built, the translation in es/):
what the MkDocs hooks' `on_post_build` do, for a builder that runs no hooks (Zensical), in the
hooks' order. Each step is the same function the hook calls.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from beyond_detox import translations
from beyond_detox.atomic import atomic_write_text
from beyond_detox.css_trim import trim_theme_stylesheet
from beyond_detox.handouts.links import load_links, redirects_file
from beyond_detox.offline import write_manifest, write_service_worker
from beyond_detox.security import secure


def after_build(site: Path, site_name: str, description: str, public_url: str, docs_dir: Path) -> list[str]:
    """Run every step on `site`; returns one line per step saying what it did."""
    site = Path(site)
    done = []
    for folder in (site, site / "es"):
        if folder.is_dir():
            trimmed = trim_theme_stylesheet(folder)
            done.append(f"theme stylesheet in /{folder.relative_to(site).as_posix()}: "
                        + (f"trimmed {trimmed.bytes_before} -> {trimmed.bytes_after} bytes" if trimmed else
                           "not found where Material keeps it (assets/stylesheets/main.*.min.css): left as it is"))
    links = load_links(docs_dir=docs_dir)
    atomic_write_text(site / "_redirects", redirects_file(links, urlsplit(public_url).path))
    done.append("_redirects for hosts that read one")
    translations.write_sitemap(site, public_url)
    done.append("one sitemap for both languages")
    values = secure(site)
    done.append(f"Content-Security-Policy in every page and _headers ({len(values)} headers)")
    write_manifest(site, site_name, " ".join(description.split()))
    done.append(f"service worker, version {write_service_worker(site)}")
    return done
