"""Dates in the directory: parsing, and how fresh a confirmation is.

An entry confirmed more than 12 months ago is *due* for re-confirmation; more than 18 months
ago it is *hidden* from the site until a person confirms it again.
"""
from __future__ import annotations

import calendar
import datetime as dt

DUE_MONTHS = 12
HIDE_MONTHS = 18


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def freshness(assured: str | dt.date | None, today: dt.date) -> str:
    """'fresh', 'due' (over 12 months), 'hidden' (over 18 months) or 'unconfirmed' (no date)."""
    day = assured if isinstance(assured, dt.date) else parse_date(assured)
    if day is None:
        return "unconfirmed"
    if today > add_months(day, HIDE_MONTHS):
        return "hidden"
    if today > add_months(day, DUE_MONTHS):
        return "due"
    return "fresh"


def long_date(day: dt.date | str) -> str:
    """27 November 2026: the date style of the rest of the site."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"
