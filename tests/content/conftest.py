"""A small throw-away project (docs/ + data/) for the content checks, built from the real data files."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from beyond_detox.paths import DATA

TODAY = dt.date(2026, 11, 27)

REFERENCES = [
    {"id": f"ref{n}", "type": "article-journal", "title": f"A study number {n}", "author": [{"family": "Smith", "given": "Ann"}],
     "container-title": "BMJ", "issued": {"date-parts": [[2020]]}, "DOI": f"10.1136/bmj.test{n}",
     "note": "Test fixture entry."}
    for n in range(1, 5)
]

GOOD_ARTICLE = textwrap.dedent("""\
    ---
    title: A good article
    description: A plain description of what this page tells a reader, in one sentence.
    audience: families
    also_called: [dope sick]
    review:
      status: editorial
      reviewed_on: 2026-11-01
      next_review: 2027-11-01
    references: [ref1, ref2, ref3]
    ---

    !!! note "Key points"

        - Help is there. You are not alone.

    ## What happens

    Many people feel low after they stop. It can get better with care [@ref1].
    Medicine helps people stay alive [@ref2; @ref3].
    You can call [[call:lifeline-988]] at any time.
    """)


@pytest.fixture
def project(tmp_path: Path):
    """Returns a function write(rel_path, text) and the project paths; data/ holds copies of the real files."""
    docs = tmp_path / "docs"
    data = tmp_path / "data"
    docs.mkdir()
    data.mkdir()
    for name in ("glossary.yml", "reviewers.yml", "stigma-words.yml", "stigma-words.es.yml", "search-words.yml", "plain-words.yml"):
        shutil.copy(DATA / name, data / name)
    # The real search words, without the `about` table (it names the real site's pages).
    words = (data / "search-words.yml").read_text(encoding="utf-8")
    (data / "search-words.yml").write_text(re.sub(r"\nabout:\n(?:  .*\n|#.*\n|\n)*", "\n", words), encoding="utf-8")
    (data / "references.json").write_text(json.dumps(REFERENCES, indent=2) + "\n", encoding="utf-8")

    class Project:
        root = tmp_path
        docs_dir = docs
        data_dir = data
        includes_dir = tmp_path / "includes"

        def write(self, rel: str, text: str) -> Path:
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return path

    return Project()
