"""Decisions as the records cite them: the slug that names one, and honours that disagree about it.

Decision numbers start again at 1 every year, so a decision is its number in the year it was
signed (`412-qd-vkstc-2026`); the same number with another date or issuer in that year is a
mistake in one of the records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..text import canonical, format_date, slugify
from .problems import Problem


@functools.lru_cache(maxsize=65536)
def decision_slug(number: str, date: dt.date | None) -> str:
    """Return a decision's stable ASCII slug: ("412/QĐ-VKSTC", 15/01/2026) → "412-qd-vkstc-2026"."""
    base = slugify(number)
    return f"{base}-{date.year}" if base and date else base


def same_decision(number: str, date: dt.date | None, other: str, other_date: dt.date | None) -> bool:
    """Return whether two honours cite one decision: the same number, in the same year when both are dated."""
    return bool(number) and slugify(number) == slugify(other) and (
        date is None or other_date is None or date.year == other_date.year)


@dataclass(frozen=True)
class Mention:
    """A decision as one honour gives it, with the lines of its values for messages."""

    number: str
    date: dt.date | None
    by: str
    path: str
    field: str
    """The honour: `honours[2]`."""
    line: int
    date_line: int
    by_line: int


def conflicts(mentions: list[Mention]) -> list[Problem]:
    """Report honours that give a decision another date or issuer than the others in its year."""

    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if slug := decision_slug(mention.number, mention.date):
            groups[slug].append(mention)
    problems = []
    for group in groups.values():
        group.sort(key=lambda m: (m.path, m.line))
        problems += _disagreements(group, "date", lambda m: m.date, lambda m: format_date(m.date), "date_line")
        problems += _disagreements(group, "by", lambda m: canonical(m.by) if m.by else None, lambda m: m.by,
                                   "by_line")
    return problems


def _disagreements(group: list[Mention], name: str, key, shown, line_of: str) -> list[Problem]:  # type: ignore[no-untyped-def]
    given = [m for m in group if key(m) is not None]
    counts = Counter(key(m) for m in given)
    if len(counts) < 2:
        return []
    usual = max(counts, key=lambda k: (counts[k], -next(i for i, m in enumerate(given) if key(m) == k)))
    first = next(m for m in given if key(m) == usual)
    what = "dated" if name == "date" else "issued by"
    return [Problem(m.path, getattr(m, line_of), f"{m.field}.{name}",
                    f"decision {m.number} is {what} {shown(first)!r} in {counts[usual]} honour(s) "
                    f"(first at {first.path}:{getattr(first, line_of)}) but {shown(m)!r} here; "
                    f"one of them is wrong: correct the {'date' if name == 'date' else 'issuer'} or the number")
            for m in given if key(m) != usual]
