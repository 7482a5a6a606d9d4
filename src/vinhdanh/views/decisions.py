"""Decisions, derived from the honours that cite them: one page and one CSV roll each.

A decision is not a file: its number, date and issuer are written on every honour it
gave. Decision numbers start again at 1 every year, so a decision is its number in the
year it was signed (`412-qd-vkstc-2026`); the same number with another date or issuer in
that year is a mistake in one of the records, reported by `vinhdanh check`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records.decision_refs import decision_slug
from ..records.model import Person
from ..text import format_date
from .csvfile import csv_bytes

if TYPE_CHECKING:
    from ..records.model import Title
    from .relations import Award, Relations


@dataclass(frozen=True)
class Decision:
    """One decision and the published honours it gave."""

    slug: str
    number: str
    date: dt.date | None
    by: str
    awards: tuple[Award, ...]

    @property
    def titles(self) -> list[Title]:
        """Return the titles it gave, the most prestigious first."""
        return sorted({a.title.id: a.title for a in self.awards}.values(), key=lambda t: (-t.rank, t.name))

    def roll(self) -> list[tuple[Title, list[tuple[str, list[Award]]]]]:
        """Return the honoured by title, then collectives and people apart: [(title, [(kind, awards)])].

        Honours imported from the annex keep its order (their `roll`); the others follow by name, and
        titles and kinds come in the order of their first row in the annex, else by rank.
        """
        from .relations import exemplar_order

        out = []
        groups = {title.id: [a for a in self.awards if a.title.id == title.id] for title in self.titles}
        for title in sorted(self.titles, key=lambda t: _first_place(groups[t.id])):
            awards = sorted(groups[title.id], key=lambda a: (_place(a), exemplar_order(a.exemplar)))
            kinds = [("collective", [a for a in awards if not isinstance(a.exemplar, Person)]),
                     ("person", [a for a in awards if isinstance(a.exemplar, Person)])]
            kinds.sort(key=lambda kind: _first_place(kind[1]))
            out.append((title, [(kind, group) for kind, group in kinds if group]))
        return out


def _place(award: Award) -> tuple[bool, int]:
    """Return where an honour stands in its decision's list: its place in the annex, or after those that have one."""
    roll = award.honour.roll
    return (roll is None, roll or 0)


def _first_place(awards: list[Award]) -> tuple[bool, int]:
    return min((_place(a) for a in awards), default=(True, 0))


def decisions_of(rel: Relations) -> list[Decision]:
    """Return the decisions behind the published honours, newest first."""
    groups: dict[str, list[Award]] = defaultdict(list)
    for award in rel.awards:
        honour = award.honour
        if honour.decision and (slug := decision_slug(honour.decision, honour.date)):
            groups[slug].append(award)
    out = []
    for slug, awards in groups.items():
        numbers = Counter(a.honour.decision for a in awards)
        issuers = Counter(a.honour.by for a in awards if a.honour.by)
        out.append(Decision(slug, numbers.most_common(1)[0][0], awards[0].honour.date,
                            issuers.most_common(1)[0][0] if issuers else "", tuple(awards)))
    return sorted(out, key=lambda d: (d.date or dt.date.min, _number_key(d.number)), reverse=True)


def _number_key(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number.split("/")[0] if ch.isdigit())
    return (int(digits) if digits else 0, number)


def by_year(decisions: list[Decision]) -> list[tuple[int | None, list[Decision]]]:
    """Group decisions by the year they were signed, newest first; undated ones last."""
    groups: dict[int | None, list[Decision]] = defaultdict(list)
    for decision in decisions:
        groups[decision.date.year if decision.date else None].append(decision)
    return sorted(groups.items(), key=lambda item: item[0] or 0, reverse=True)


CSV_COLUMNS = ("STT", "Tập thể, cá nhân", "Chức vụ", "Đơn vị", "Danh hiệu", "Năm", "Số quyết định",
               "Ngày quyết định", "Cấp quyết định")


def roll_csv(rel: Relations, decision: Decision) -> bytes:
    """Return the roll as CSV (see csvfile: UTF-8 with a BOM, no cell a spreadsheet would run)."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    for title, kinds in decision.roll():
        for _, awards in kinds:
            for award in awards:
                honour = award.honour
                rows.append([len(rows), award.exemplar.name, position_at_time(award), rel.units[award.unit_id].name,
                             title.name, honour.year, honour.decision,
                             format_date(honour.date) if honour.date else "", honour.by])
    return csv_bytes(rows)


def position_at_time(award: Award) -> str:
    """Return the position the honoured person held then (the honour's, else the record's)."""
    if not isinstance(award.exemplar, Person):
        return ""
    return award.honour.position or award.exemplar.position
