"""The numbers of `/thong-ke/`: what a year-end report asks — how many, when, where, which kinds.

Each table here is what one chart draws and what the page prints beside it. Only published
records count; a nomination is never an honour and is not counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records.model import Person, Title, Unit
from ..text import sort_key
from .initiatives import LEVEL_NAMES as INITIATIVE_LEVEL_NAMES
from .initiatives import gather
from .relations import Relations

HONOUR_LEVELS = {"nha-nuoc": "Cấp Nhà nước", "chinh-phu": "Cấp Chính phủ", "nganh": "Cấp ngành", "co-so": "Cấp cơ sở"}
TOP_UNITS = 15
"""Units shown in the chart and table of the units with the most honours."""


@dataclass(frozen=True)
class YearRow:
    """One year's counts, one per column of its table, in the columns' order."""

    year: int
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """Return the sum of the row."""
        return sum(self.counts)


@dataclass(frozen=True)
class UnitRow:
    """A unit that exists today, with the honours earned there and in the units it took over."""

    unit: Unit
    count: int
    merged: tuple[Unit, ...]
    """The dissolved units whose honours are counted here."""


@dataclass(frozen=True)
class Statistics:
    """Every table of the statistics page."""

    honours_by_level: list[YearRow]
    """Columns: HONOUR_LEVELS."""
    exemplars_by_year: list[YearRow]
    """Columns: people, collectives honoured that year (each once, however many honours)."""
    units: list[UnitRow]
    """The TOP_UNITS units with the most honours, the most first."""
    unit_count: int
    """How many units have any honour (the table shows only the first TOP_UNITS)."""
    titles: list[tuple[Title, int]]
    """Every title given at least once, the most given first."""
    initiatives_by_level: list[YearRow]
    """Columns: the initiative levels of INITIATIVE_LEVEL_NAMES, the highest first."""


def statistics(rel: Relations) -> Statistics:
    """Return the statistics of the published catalogue."""
    awards = rel.awards
    levels = list(HONOUR_LEVELS)
    by_level = Counter((a.honour.last_year, a.title.level) for a in awards)
    honoured = {(a.honour.last_year, isinstance(a.exemplar, Person), a.exemplar.id) for a in awards}
    by_kind = Counter((year, is_person) for year, is_person, _ in honoured)
    years = sorted({a.honour.last_year for a in awards})
    initiative_levels = list(INITIATIVE_LEVEL_NAMES)
    initiative_counts = Counter((i.year, i.level) for i in gather(rel))
    units = _units(rel)
    return Statistics(
        honours_by_level=[YearRow(y, tuple(by_level[y, level] for level in levels)) for y in years],
        exemplars_by_year=[YearRow(y, (by_kind[y, True], by_kind[y, False])) for y in years],
        units=units[:TOP_UNITS], unit_count=len(units),
        titles=_titles(rel),
        initiatives_by_level=[YearRow(y, tuple(initiative_counts[y, level] for level in initiative_levels))
                              for y in sorted({year for year, _ in initiative_counts})],
    )


def _units(rel: Relations) -> list[UnitRow]:
    """Count honours by the unit that exists today: a dissolved unit's under its successor."""
    counts: Counter[str] = Counter()
    merged: dict[str, set[str]] = {}
    for award in rel.awards:
        current = rel.current_unit(award.unit_id)
        counts[current.id] += 1
        if current.id != award.unit_id:
            merged.setdefault(current.id, set()).add(award.unit_id)
    rows = [UnitRow(rel.units[uid], count, tuple(sorted((rel.units[m] for m in merged.get(uid, ())),
                                                        key=lambda u: sort_key(u.name))))
            for uid, count in counts.items()]
    return sorted(rows, key=lambda r: (-r.count, sort_key(r.unit.name)))


def _titles(rel: Relations) -> list[tuple[Title, int]]:
    counts = Counter(a.title.id for a in rel.awards)
    return sorted(((rel.titles[tid], n) for tid, n in counts.items()),
                  key=lambda item: (-item[1], -item[0].rank, sort_key(item[0].name)))
