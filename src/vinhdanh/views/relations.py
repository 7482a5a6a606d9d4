"""Derived views of a catalogue: who got what, when, where; computed once per build."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..records.model import Catalogue, Collective, Exemplar, Honour, Movement, Person, Title, Unit
from ..text import initial, sort_key

_EPOCH = dt.date(1, 1, 1)


@dataclass(frozen=True)
class Award:
    """One honour on one exemplar, as listed on browse pages."""

    exemplar: Person | Collective
    honour: Honour
    title: Title

    @property
    def unit_id(self) -> str:
        """Return the unit at the time of the honour."""
        return self.honour.unit or self.exemplar.unit


class Relations:
    """The published part of a catalogue, with its cross-references resolved."""

    def __init__(self, catalogue: Catalogue, now: dt.datetime | None = None, future_is_draft: bool = True) -> None:
        self.catalogue = catalogue
        self.now = now or dt.datetime.now(dt.UTC)
        self.future_is_draft = future_is_draft
        self.units = catalogue.units
        self.titles = catalogue.titles
        self.movements = catalogue.movements
        self.people = sorted((p for p in catalogue.people.values() if p.published), key=lambda p: p.sort_key)
        self.collectives = sorted((c for c in catalogue.collectives.values() if c.published),
                                  key=lambda c: c.sort_key)
        self._highest: dict[tuple[str, str], Award | None] = {}

    @cached_property
    def stories(self) -> list[Any]:
        """Return the published stories (not drafts, not dated later), newest first."""
        live = [story for story in self.catalogue.stories.values() if self.is_live(story)]
        return sorted(live, key=lambda story: (story.date, story.src_uri), reverse=True)

    def profile_inputs(self, exemplar: Person | Collective) -> tuple[object, ...]:
        """Return what an exemplar's profile shows besides the shared units, titles and movements."""
        key = (kind_of(exemplar), exemplar.id)
        return (exemplar, tuple(self.collectives_of.get(exemplar.id, ())) if key[0] == "person" else (),
                tuple(self.members_of.get(exemplar.id, ())) if key[0] == "collective" else (),
                tuple(self.stories_of.get(key, ())))

    def list_inputs(self, kind: str, key: object) -> tuple[Any, ...]:
        """Return what a list page shows besides its honours and the shared records: a unit's people, a
        movement's stories."""
        if kind == "unit":
            return tuple(self.exemplars_in.get(str(key), ()))
        if kind == "movement":
            return tuple(self.stories_in.get(str(key), ()))
        return ()

    def is_live(self, story: Any) -> bool:
        """Return whether a story is published now (drafts may still be previewed)."""
        return bool(story.is_live(self.now, self.future_is_draft))

    @cached_property
    def stories_of(self) -> dict[tuple[str, str], list[Any]]:
        """Return the published stories featuring each exemplar, by (kind, id), newest first."""
        out: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for story in self.stories:
            for exemplar_id in story.exemplars:
                out[self.exemplar_key(exemplar_id)].append(story)
        return out

    @cached_property
    def stories_in(self) -> dict[str | None, list[Any]]:
        """Return the published stories of each movement, newest first."""
        return _group(self.stories, lambda story: story.movement)

    def exemplar_key(self, exemplar_id: str) -> tuple[str, str]:
        """Return the (kind, id) a story's exemplar id refers to; people first, as the checks do."""
        return ("person", exemplar_id) if exemplar_id in self.catalogue.people else ("collective", exemplar_id)

    def featured(self, story: Any) -> list[Person | Collective]:
        """Return the published exemplars a story is about, in the order written."""
        out: list[Person | Collective] = []
        for exemplar_id in story.exemplars:
            kind, key = self.exemplar_key(exemplar_id)
            exemplar = (self.catalogue.people if kind == "person" else self.catalogue.collectives).get(key)
            if exemplar and exemplar.published:
                out.append(exemplar)
        return out

    @cached_property
    def movement_list(self) -> list[Movement]:
        """Return the movements, the latest started first."""
        return sorted(self.movements.values(), key=lambda m: (m.start or _EPOCH, m.id), reverse=True)

    @cached_property
    def people_by_letter(self) -> list[tuple[str, list[Person]]]:
        """Return people grouped by the first letter of their given name, A to Y."""
        return _runs(self.people, lambda p: initial(p.given))

    @cached_property
    def collectives_by_letter(self) -> list[tuple[str, list[Collective]]]:
        """Return collectives grouped by the first letter of their name."""
        return _runs(self.collectives, lambda c: initial(c.name))

    @cached_property
    def awards(self) -> list[Award]:
        """Return every published honour, newest first, then by rank, then by name."""
        exemplars: list[Person | Collective] = [*self.people, *self.collectives]
        awards = [Award(e, h, self.titles[h.title]) for e in exemplars for h in e.honours]
        awards.sort(key=lambda a: (-a.honour.last_year, -a.title.rank, exemplar_order(a.exemplar)))
        return awards

    def latest_awards(self, count: int) -> list[Award]:
        """Return the most recently decided honours."""
        dated = sorted(self.awards, key=lambda a: (a.honour.date or _EPOCH, a.honour.last_year, a.title.rank),
                       reverse=True)
        return dated[:count]

    @staticmethod
    def group_by_title(awards: list[Award]) -> list[tuple[Title, list[Award]]]:
        """Group awards by title, the most prestigious first."""
        groups = _group(awards, lambda a: a.title)
        return sorted(groups.items(), key=lambda item: (-item[0].rank, sort_key(item[0].name)))

    @staticmethod
    def group_by_year(awards: list[Award]) -> list[tuple[int, list[Award]]]:
        """Group awards by year, newest first."""
        return sorted(_group(awards, lambda a: a.honour.last_year).items(), reverse=True)

    def honours_of(self, exemplar: Exemplar) -> list[Award]:
        """Return the honours of one exemplar, newest first, then by rank."""
        awards = [Award(exemplar, h, self.titles[h.title]) for h in exemplar.honours]  # type: ignore[arg-type]
        return sorted(awards, key=lambda a: (-a.honour.last_year, -a.title.rank))

    def highest(self, exemplar: Exemplar) -> Award | None:
        """Return the most prestigious honour, the latest among equals."""
        key = (kind_of(exemplar), exemplar.id)
        if key not in self._highest:
            awards = self.honours_of(exemplar)
            self._highest[key] = max(awards, key=lambda a: (a.title.rank, a.honour.last_year)) if awards else None
        return self._highest[key]

    @cached_property
    def by_year(self) -> dict[int, list[Award]]:
        """Return awards by the year that ends their achievement period, newest year first."""
        return _group(self.awards, lambda a: a.honour.last_year)

    @cached_property
    def by_title(self) -> dict[str, list[Award]]:
        """Return awards by title id."""
        return _group(self.awards, lambda a: a.title.id)

    @cached_property
    def by_movement(self) -> dict[str | None, list[Award]]:
        """Return awards by movement id."""
        return _group(self.awards, lambda a: a.honour.movement)

    @cached_property
    def by_unit(self) -> dict[str, list[Award]]:
        """Return awards by the unit at the time of the honour."""
        return _group(self.awards, lambda a: a.unit_id)

    @cached_property
    def members_of(self) -> dict[str, list[Person]]:
        """Return the published members of each collective."""
        people = {p.id: p for p in self.people}
        return {c.id: sorted((people[m] for m in c.members if m in people), key=lambda p: p.sort_key)
                for c in self.collectives}

    @cached_property
    def collectives_of(self) -> dict[str, list[Collective]]:
        """Return the published collectives each person belongs to."""
        out: dict[str, list[Collective]] = defaultdict(list)
        for collective in self.collectives:
            for member in collective.members:
                out[member].append(collective)
        return out

    @cached_property
    def exemplars_in(self) -> dict[str, list[Person | Collective]]:
        """Return the published exemplars whose current unit is each unit."""
        out: dict[str, list[Person | Collective]] = defaultdict(list)
        exemplars: list[Person | Collective] = [*self.collectives, *self.people]
        for exemplar in exemplars:
            out[exemplar.unit].append(exemplar)
        return out

    @cached_property
    def children(self) -> dict[str | None, list[Unit]]:
        """Return the sub-units of each unit (None: the roots), current ones first."""
        out: dict[str | None, list[Unit]] = defaultdict(list)
        for unit in self.units.values():
            out[unit.parent].append(unit)
        for units in out.values():
            units.sort(key=lambda u: (u.valid_to is not None, sort_key(u.name)))
        return out

    @cached_property
    def predecessors(self) -> dict[str, list[Unit]]:
        """Return the units each unit took over."""
        out: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units.values():
            if unit.successor:
                out[unit.successor].append(unit)
        return out

    def current_unit(self, unit_id: str) -> Unit:
        """Follow successors to the unit that exists today."""
        unit = self.units[unit_id]
        seen = {unit.id}
        while unit.successor and unit.successor in self.units and unit.successor not in seen:
            unit = self.units[unit.successor]
            seen.add(unit.id)
        return unit

    def unit_path(self, unit_id: str) -> list[Unit]:
        """Return the chain of parents from the root down to unit_id."""
        chain: list[Unit] = []
        current: str | None = unit_id
        while current in self.units and len(chain) < 50:
            chain.append(self.units[current])
            current = self.units[current].parent
        return chain[::-1]


def exemplar_order(exemplar: Person | Collective) -> tuple[object, ...]:
    """Return a key that lists collectives before people, each in their own order."""
    return (isinstance(exemplar, Person), exemplar.sort_key)


def kind_of(exemplar: Exemplar) -> str:
    """Return 'person' or 'collective'."""
    return "person" if isinstance(exemplar, Person) else "collective"


def _group(awards, key):  # type: ignore[no-untyped-def]
    out: dict = defaultdict(list)
    for award in awards:
        out[key(award)].append(award)
    return dict(out)


def _runs(items, key):  # type: ignore[no-untyped-def]
    """Group sorted items into consecutive runs with the same key."""
    out: list = []
    for item in items:
        value = key(item)
        if not out or out[-1][0] != value:
            out.append((value, []))
        out[-1][1].append(item)
    return out
