"""The word lists editors keep in data/ (stigma-words.yml, plain-words.yml): a broken entry stops
the check with file and line for every problem at once, and nothing half-loaded is used."""
from __future__ import annotations

import pytest

from beyond_detox.plain_words import load_terms
from beyond_detox.problems import ContentError
from beyond_detox.stigma import load_rules


def test_the_real_lists_load():
    assert any(rule.pattern.search("an addict") for rule in load_rules())
    assert load_terms()


def test_stigma_list_names_each_broken_entry_by_line(tmp_path):
    words = tmp_path / "stigma-words.yml"
    words.write_text("terms:\n"
                     "  - pattern: addicts?\n"
                     "    instead: person with a substance use disorder\n"
                     "  - pattern: clean(\n"
                     "    instead: in recovery\n"
                     "  - pattern: junkie\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_rules(words)
    messages = [str(problem) for problem in error.value.problems]
    assert len(messages) == 2, messages
    assert "stigma-words.yml:4: stigma-words: pattern is not a valid regular expression" in messages[0]
    assert ":6: stigma-words: each entry needs `pattern` and `instead`" in messages[1]


def test_plain_words_list_needs_every_field(tmp_path):
    words = tmp_path / "plain-words.yml"
    words.write_text("terms:\n"
                     "  - term: hyperkatifeia\n"
                     "    plain: strong low mood during withdrawal\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_terms(words)
    assert [f"{p.line}: {p.message}" for p in error.value.problems] == ["2: each entry needs `term`, `plain` and `explained_by`"]


def test_a_valid_entry_matches_whole_words_in_any_case(tmp_path):
    words = tmp_path / "stigma-words.yml"
    words.write_text("terms:\n  - pattern: junkie\n    instead: person who uses drugs\n", encoding="utf-8")
    [rule] = load_rules(words)
    assert rule.pattern.search("A Junkie.") and not rule.pattern.search("junkies")
