"""Interface words in each language the site is published in (data/ui/<lang>.yml).

A build is in one language (mkdocs.yml: English; mkdocs.es.yml: Spanish). The content hook calls
`set_language` once; renderers ask `t("key", name=value)`. Tests switch with `with language("es"):`.
Every language file has the same keys as en.yml (checked by `check_strings`, and by a test).
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from functools import lru_cache

import yaml

from beyond_detox import paths

UI_DIR = paths.DATA / "ui"
LANGUAGES = ("en", "es")
DEFAULT = "en"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("bd_language", default=DEFAULT)


@lru_cache(maxsize=None)
def strings(lang: str) -> dict:
    path = UI_DIR / f"{lang}.yml"
    if not path.exists():
        raise ValueError(f"{path}: no interface words for language '{lang}' (languages: {', '.join(LANGUAGES)})")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check_strings() -> list[str]:
    """Problems: keys missing from a language file, or present only there."""
    english = set(strings(DEFAULT))
    problems = []
    for lang in LANGUAGES:
        keys = set(strings(lang))
        for key in sorted(english - keys):
            problems.append(f"data/ui/{lang}.yml: '{key}' is missing (it is in en.yml)")
        for key in sorted(keys - english):
            problems.append(f"data/ui/{lang}.yml: '{key}' is not in en.yml")
    return problems


def set_language(lang: str) -> None:
    strings(lang)  # fails early for an unknown language
    _current.set(lang)


def current() -> str:
    return _current.get()


@contextlib.contextmanager
def language(lang: str):
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def t(key: str, **values) -> str:
    text = strings(current())[key]
    return text.format(**values) if values else text


def long_date(day: dt.date | str) -> str:
    """'27 November 2026' / '27 de noviembre de 2026'."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return t("date_long", day=day.day, month=strings(current())["months"][day.month - 1], year=day.year)


def language_name(code: str) -> str:
    return strings(current())["language_names"].get(code, code)
