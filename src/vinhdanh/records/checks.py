"""Rules over the whole catalogue: references, subjects, the unit tree."""

from __future__ import annotations

from collections.abc import Mapping

from ..text import format_date
from .decision_refs import conflicts
from .documents import check_documents
from .load import Loaded, Reference
from .model import Catalogue, Exemplar
from .nominations import check_nominations
from .problems import CatalogueError, Problem, did_you_mean, quoted

_KIND_NAMES = {"unit": "units.yml", "title": "titles.yml", "movement": "movements.yml", "person": "people/",
               "exemplar": "people/ or collectives/"}


def check(loaded: Loaded) -> list[Problem]:
    """Return every problem: those met while reading, then the cross-record ones."""
    cat = loaded.catalogue
    problems = list(dict.fromkeys(loaded.problems))  # a link out is met by the loader and the folder scan
    tables: dict[str, Mapping[str, object]] = {
        "unit": cat.units, "title": cat.titles, "movement": cat.movements, "person": cat.people,
        "exemplar": {**cat.collectives, **cat.people},
    }
    problems += [p for ref in loaded.references
                 if not (ref.kind in ("person", "exemplar") and ref.id in loaded.person_files)
                 and (p := _check_reference(cat, tables[ref.kind], ref))]
    problems += _unit_cycles(cat)
    problems += _dissolved_units_in_use(cat)
    problems += _movement_dates(cat)
    problems += conflicts(loaded.decisions)
    problems += check_nominations(cat)
    problems += check_documents(cat.documents, loaded.decisions)
    return sorted(problems, key=lambda p: (p.path, p.line, p.field))


def checked_catalogue(loaded: Loaded) -> tuple[Catalogue, list[Problem]]:
    """Return the catalogue and its warnings, or raise CatalogueError listing every problem."""
    problems = check(loaded)
    if any(not p.warning for p in problems):
        raise CatalogueError(problems)
    return loaded.catalogue, problems


def _check_reference(cat: Catalogue, table: Mapping[str, object], ref: Reference) -> Problem | None:
    if ref.id not in table:
        where = _KIND_NAMES[ref.kind]
        return Problem(ref.path, ref.line, ref.field, f"no {ref.kind} with id {quoted(ref.id)} in {where}"
                       f"{did_you_mean(ref.id, table)}; add it there or fix the id")
    if ref.kind == "title":
        title = cat.titles[ref.id]
        if title.for_ not in ("both", ref.subject):
            given_to = "collectives" if title.for_ == "collective" else "individuals"
            return Problem(ref.path, ref.line, ref.field, f"{quoted(title.name)} is given only to {given_to}; "
                           "check the title id or the record's folder (people/ or collectives/)")
    return None


def _unit_cycles(cat: Catalogue) -> list[Problem]:
    problems = []
    for unit in cat.units.values():
        seen = [unit.id]
        parent = unit.parent
        while parent in cat.units and parent not in seen:
            seen.append(parent)
            parent = cat.units[parent].parent
        if parent == unit.id:
            chain = " → ".join(seen + [unit.id])
            problems.append(Problem(unit.origin.path, unit.origin.at("parent"), "parent",
                                    f"the unit tree loops: {chain}; one of these parents is wrong"))
    return problems


def _dissolved_units_in_use(cat: Catalogue) -> list[Problem]:
    problems = []
    exemplars: list[Exemplar] = [*cat.people.values(), *cat.collectives.values()]
    for exemplar in exemplars:
        unit = cat.units.get(exemplar.unit)
        if unit and unit.valid_to and exemplar.published:
            instead = f"; its successor is {quoted(unit.successor)}" if unit.successor else ""
            problems.append(Problem(exemplar.origin.path, exemplar.origin.at("unit"), "unit",
                                    f"{quoted(unit.id)} was dissolved on {format_date(unit.valid_to)} but is still "
                                    f"given as the current unit{instead} (keep the old one in honours[].unit)",
                                    warning=True))
    for unit in cat.units.values():
        if unit.successor and not unit.valid_to:
            problems.append(Problem(unit.origin.path, unit.origin.at("successor"), "successor",
                                    "a unit with a successor needs 'valid_to', the day it was dissolved"))
    return problems


def _movement_dates(cat: Catalogue) -> list[Problem]:
    return [
        Problem(m.origin.path, m.origin.at("end"), "end",
                f"ends ({format_date(m.end)}) before it starts ({format_date(m.start)}); swap or fix the dates")
        for m in cat.movements.values()
        if m.start and m.end and m.end < m.start
    ]
