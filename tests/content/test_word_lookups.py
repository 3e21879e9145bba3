"""Which glossary terms a page uses, and which readers' words its search entry gets: whole words
and phrases only, found the same way however the lookup is made fast."""
from __future__ import annotations

from beyond_detox.pages.glossary import Term, terms_used
from beyond_detox.search_words import MIN_USES, SearchWords

TERMS = [
    Term("MOUD", "Medications for opioid use disorder.", stands_for="Medications for opioid use disorder", abbr=True),
    Term("Dual diagnosis", "Depression and a substance use disorder at the same time."),
    Term("Co-occurring disorders", "Two conditions at once."),
    Term("Return to use", "Using again after a time without."),
    Term("Detox", "Supervised withdrawal."),
]


def names(text: str) -> list[str]:
    return [t.term for t in terms_used(text, TERMS)]


def test_a_phrase_counts_only_when_its_words_are_together():
    assert names("Care for a dual diagnosis helps.") == ["Dual diagnosis"]
    assert names("A diagnosis was made; dual care followed.") == []


def test_phrases_match_any_case_and_across_hyphens_as_written():
    assert names("CO-OCCURRING DISORDERS are common.") == ["Co-occurring disorders"]
    assert names("co-occurring disorder") == []          # singular: not the term
    assert names("pre-detox and detox-like") == []        # a part of a longer hyphenated word is not the word
    assert names("After detox, a return to use is common.") == ["Detox", "Return to use"]


def test_abbreviations_match_only_as_written():
    assert names("Ask about MOUD today.") == ["MOUD"]
    assert names("the moud clinic") == []


def test_readers_words_for_phrases_need_the_phrase_often_or_in_the_title():
    words = SearchWords(misspellings={"dual diagnosis": ("duel diagnosis",)},
                        other_words={"naloxone": ("narcan",)})
    often = " ".join(["Dual diagnosis care."] * MIN_USES)
    assert words.for_text(often) == ["duel diagnosis"]
    scattered = " ".join(["Dual care. A diagnosis."] * MIN_USES)
    assert words.for_text(scattered) == []
    assert words.for_text("Once: dual diagnosis.", title="What is a dual diagnosis?") == ["duel diagnosis"]
    assert words.for_text("Once: dual diagnosis.") == []
    assert words.for_text(" ".join(["Naloxone"] * MIN_USES)) == ["narcan"]
