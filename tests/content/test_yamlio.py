"""beyond_detox/yamlio.py: the data, lines and repeated keys every data-file message relies on."""
from __future__ import annotations

import gc

import pytest
import yaml

from beyond_detox import yamlio
from beyond_detox.paths import ROOT


def pyyaml(text: str):
    """What PyYAML's safe loader builds (dates left as text, as in our loader)."""
    loader = yamlio._Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


DOCUMENTS = [
    "a: 1\nb: [1, 2.5, true, null, ~, '3', 0x1f, 1_000]\nc: !!set {x, y}\n",
    "base: &b {x: 1, y: [a, b]}\nd:\n  <<: *b\n  y: 2\n",
    "1: one\n'2': two\nnull: nothing\n",
    "list: &l [1, {k: v}]\nsame: *l\n",
    "k: !!binary aGVsbG8=\nempty:\nquoted: 'yes'\nplain: yes\n",
    "checked: 2026-02-30\nwhen: 2026-11-30 10:00:00\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "- a\n- - nested\n  - list\n- {inline: map}\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_parse_builds_what_pyyaml_builds(text):
    assert yamlio.parse(text).data == pyyaml(text)


def test_every_data_file_in_the_project_parses_the_same():
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlio.parse(text).data == pyyaml(text), path


def test_an_alias_is_the_same_object_as_in_pyyaml():
    data = yamlio.parse("list: &l [1]\nsame: *l\n").data
    assert data["list"] is data["same"]


def test_lines_of_keys_and_items_and_repeated_keys():
    parsed = yamlio.parse("area: x\norganizations:\n  - id: a\n    name: A\n  - id: b\n    id: c\n")
    assert parsed.line_of(("organizations", 0, "name")) == 4
    assert parsed.line_of(("organizations", 1)) == 5
    assert parsed.line_of(("organizations", 1, "missing")) == 5
    assert parsed.duplicates == [(("organizations", 1, "id"), 6)]
    assert parsed.data["organizations"][1]["id"] == "c"  # the second wins, as in PyYAML


def test_lines_below_a_merge_key_are_recorded_too():
    parsed = yamlio.parse("base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n")
    assert parsed.line_of(("d", "y")) == 4


def test_syntax_and_unsafe_tags_are_errors_on_their_line_and_collection_resumes():
    assert gc.isenabled()
    with pytest.raises(yamlio.YamlSyntaxError) as bad:
        yamlio.parse("a: 1\nb: [unclosed\nc: 3\n")
    assert bad.value.line >= 2
    with pytest.raises(yamlio.YamlSyntaxError) as unsafe:
        yamlio.parse("a: 1\nb: !!python/object:os.system x\n")
    assert unsafe.value.line == 2 and "constructor" in unsafe.value.message
    assert gc.isenabled()


def test_a_paused_collector_stays_paused():
    gc.disable()
    try:
        yamlio.parse("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_round_trip_through_dump():
    data = {"area": "x", "checked": "2026-11-30", "items": [{"name": "A: b", "text": "two\nlines"}]}
    assert yamlio.parse(yamlio.dump(data)).data == data
    assert yaml.safe_load(yamlio.dump(data))["items"][0]["text"] == "two\nlines"
