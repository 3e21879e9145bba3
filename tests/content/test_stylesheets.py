"""The site's own stylesheets are well formed: a stray brace silently drops the next rule (it once
dropped the link underline that WCAG 1.4.1 needs)."""
from __future__ import annotations

import re

import pytest

from beyond_detox.paths import ROOT

STYLESHEETS = sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))


@pytest.mark.parametrize("path", STYLESHEETS, ids=[p.name for p in STYLESHEETS])
def test_braces_balance(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    depth = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += (char == "{") - (char == "}")
            assert depth >= 0, f"{path.name}:{line_number}: a closing brace with nothing to close"
    assert depth == 0, f"{path.name}: {depth} unclosed brace(s)"
