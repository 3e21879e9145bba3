"""CONTRIBUTING.md says scripts/add_reference.py takes a reference manager's CSL-JSON export (a
list of entries, as Zotero's "CSL JSON" export writes) as it is: check that promise."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from beyond_detox.pages.bibliography import check_entries, load_bibliography
from beyond_detox.paths import DATA, ROOT

EXPORT = [
    {"id": "smith2020", "type": "article-journal", "title": "A test study", "container-title": "A journal",
     "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]}, "DOI": "10.1000/test.1",
     "note": "Confirmed 2026-11-29 on the publisher's page (test fixture)."},
    {"id": "agency-page", "type": "webpage", "title": "A test page", "URL": "https://www.example.org/page",
     "accessed": {"date-parts": [[2026, 11, 29]]}, "note": "Confirmed 2026-11-29 on the agency's own page (test fixture)."},
]


def test_a_list_export_is_added_as_it_is_and_again_is_skipped(tmp_path):
    bibliography = tmp_path / "references.json"
    shutil.copy(DATA / "references.json", bibliography)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT, indent=2), encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "add_reference.py"), str(export), "--bibliography", str(bibliography)]

    first = subprocess.run(command, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["added: smith2020", "added: agency-page"]
    loaded = load_bibliography(bibliography)
    assert {"smith2020", "agency-page"} <= set(loaded.entries) and check_entries(loaded) == []
    ids = [entry["id"] for entry in json.loads(bibliography.read_text(encoding="utf-8"))]
    assert ids == sorted(ids)

    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0 and again.stdout.splitlines() == ["already there: smith2020", "already there: agency-page"]
