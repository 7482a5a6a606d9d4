"""Units, titles and exemplars named the way people write them, matched without guessing.

A name is compared by its canonical form: folded (no marks, đ→d, lower case), punctuation
dropped, and the usual abbreviations written one way ("VKSND", "Viện KSND" and "Viện kiểm
sát nhân dân" are the same words). Anything that still matches several things is an error.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from ..records.model import Catalogue, Collective, Person, Unit
from ..records.problems import did_you_mean
from ..text import canonical, fold, tone_placement

# Words of administrative level that people often leave out ("VKSND Bắc Ninh").
_LEVEL_WORDS = {"tinh", "tp", "quan", "huyen", "thi", "xa"}


def loose(text: str) -> str:
    """Return the canonical form without words of administrative level."""
    return " ".join(w for w in canonical(text).split() if w not in _LEVEL_WORDS)


@functools.lru_cache(maxsize=65536)
def folded_name(name: str) -> str:
    """Return a name folded (no marks, đ→d), single spaces: only to suggest, never to match."""
    return " ".join(fold(name).split())


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return a person's or collective's name as matched: NFC, one tone placement, no case, single spaces.

    Marks are kept: Hưng and Hùng, Hoa and Hòa, Lê and Lệ are different people.
    """
    return " ".join(tone_placement(name).casefold().split())


@dataclass(frozen=True)
class Found:
    """The outcome of a look-up: one id, or why not (a message with its fix)."""

    id: str | None
    error: str = ""


class Vocabulary:
    """Units and titles by every way they are written."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.units: dict[str, set[str]] = defaultdict(set)
        self.loose_units: dict[str, set[str]] = defaultdict(set)
        for unit in catalogue.units.values():
            for written in (unit.id, unit.name, unit.short):
                self.units[canonical(written)].add(unit.id)
                self.loose_units[loose(written)].add(unit.id)
        self.titles: dict[str, set[str]] = defaultdict(set)
        for title in catalogue.titles.values():
            for written in (title.id, title.name, *title.aliases):
                self.titles[canonical(written)].add(title.id)

    def unit_ids(self, text: str) -> set[str]:
        """Return the units a text may name (several when it is ambiguous)."""
        return self.units.get(canonical(text)) or self.loose_units.get(loose(text)) or set()

    def gives(self, title_id: str, kind: str) -> bool:
        """Return whether a title is given to that kind of exemplar (person or collective)."""
        return self.catalogue.titles[title_id].for_ in ("both", "individual" if kind == "person" else "collective")

    def unit(self, text: str) -> Found:
        """Return the unit written as its id, name, short name or with abbreviations."""
        ids = self.unit_ids(text)
        if len(ids) == 1:
            return Found(next(iter(ids)))
        if ids:
            return Found(None, f"{text!r} names several units ({', '.join(sorted(ids))}); write its full name")
        names = {u.short: u for u in self.catalogue.units.values()}
        return Found(None, f"no unit {text!r} in units.yml{did_you_mean(text, names)}; write the unit's name as "
                     "in units.yml (or its id), or add the unit there")

    def title(self, text: str) -> Found:
        """Return the title written as its id, name or one of its aliases."""
        ids = self.titles.get(canonical(text), set())
        if len(ids) == 1:
            return Found(next(iter(ids)))
        if ids:
            return Found(None, f"{text!r} names several titles ({', '.join(sorted(ids))}); write the full name")
        names = [t.name for t in self.catalogue.titles.values()]
        return Found(None, f"no title {text!r} in titles.yml{did_you_mean(text, names)}; write its name as in "
                     "titles.yml (or its id), or add it there as an alias")

    def titles_in(self, text: str) -> set[str]:
        """Return the titles whose name or alias appears in a line of text (a title row, a heading)."""
        padded = f" {canonical(text)} "
        found = {written: ids for written, ids in self.titles.items() if len(written) > 3 and f" {written} " in padded}
        # "Chiến sĩ thi đua ngành" contains "Chiến sĩ thi đua": keep the longest names only.
        longest = {w for w in found if not any(w != other and w in other for other in found)}
        return {title for written in longest for title in found[written]}


class Exemplars:
    """People and collectives by name, to match rows to records."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.by_name: dict[tuple[str, str], list[Person | Collective]] = defaultdict(list)
        self.by_folded: dict[tuple[str, str], list[Person | Collective]] = defaultdict(list)
        for kind, records in (("person", catalogue.people), ("collective", catalogue.collectives)):
            for record in records.values():
                self.by_name[(kind, name_key(record.name))].append(record)
                self.by_folded[(kind, folded_name(record.name))].append(record)

    def namesakes(self, kind: str, name: str) -> list[Person | Collective]:
        """Return the records of that kind with the same name, whatever their unit."""
        return self.by_name.get((kind, name_key(name)), [])

    def match(self, kind: str, name: str, unit_id: str | None) -> list[Person | Collective]:
        """Return the records this row may be: the same name, and a unit they were or are in."""
        return self._in_unit(self.namesakes(kind, name), unit_id)

    def look_alikes(self, kind: str, name: str, unit_id: str | None) -> list[Person | Collective]:
        """Return the records in the row's unit whose name differs only by its marks (Hùng for Hưng)."""
        key = name_key(name)
        folded = [e for e in self.by_folded.get((kind, folded_name(name)), []) if name_key(e.name) != key]
        return self._in_unit(folded, unit_id)

    def _in_unit(self, records: list[Person | Collective], unit_id: str | None) -> list[Person | Collective]:
        if unit_id is None:
            return records
        exact = [e for e in records if unit_id in self._units_of(e)]
        if exact:
            return exact
        return [e for e in records if any(self._related(unit_id, u) for u in self._units_of(e))]

    @staticmethod
    def _units_of(exemplar: Person | Collective) -> set[str]:
        return {exemplar.unit} | {h.unit for h in exemplar.honours if h.unit}

    def _related(self, a: str, b: str) -> bool:
        """Return whether two units are one: merged into the same unit, or one inside the other (not the root)."""
        units = self.catalogue.units
        if a not in units or b not in units:
            return False
        if _today(units, a) == _today(units, b):
            return True
        return a in _ancestors(units, b) or b in _ancestors(units, a)


def _today(units: dict[str, Unit], unit_id: str) -> str:
    """Follow successors to the unit that exists today."""
    seen = {unit_id}
    while (successor := units[unit_id].successor) in units and successor not in seen:
        unit_id = successor
        seen.add(unit_id)
    return unit_id


def today_unit(catalogue: Catalogue, unit_id: str) -> str:
    """Return the unit that took over unit_id (itself while it exists)."""
    return _today(catalogue.units, unit_id)


def _ancestors(units: dict[str, Unit], unit_id: str) -> set[str]:
    """Return the parents of a unit up to, but not including, the root of the tree."""
    out: set[str] = set()
    parent = units[unit_id].parent
    while parent in units and parent not in out and units[parent].parent is not None:
        out.add(parent)
        parent = units[parent].parent
    return out
