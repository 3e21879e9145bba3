"""What the tools that read a built site (weights, sitemap, published addresses, tests) agree on."""
from __future__ import annotations

from pathlib import Path


def is_redirect_stub(html: Path) -> bool:
    """A redirect stub (mkdocs-redirects: /go/ short links and moved pages), not a page."""
    return 'http-equiv="refresh"' in Path(html).read_text(encoding="utf-8", errors="replace")[:4000]
