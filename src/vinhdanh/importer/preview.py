"""The catalogue as an import would leave it, built in memory, for the dry run's checks.

`--apply` goes further: it writes the records into a staging folder and reads them back
with the loader (apply.py). The dry run checks the same catalogue without the round trip
through YAML, which is what keeps 5,000 rows under a few seconds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..records.decision_refs import Mention
from ..records.load import Loaded, Reference, shown
from ..records.model import Catalogue, Collective, Honour, Origin, Person
from .apply import FOLDERS
from .plan import Change

_SUBJECT = {"person": "individual", "collective": "collective"}


def planned(loaded: Loaded, root: Path, changes: list[Change]) -> Loaded:
    """Return loaded with every change made: honours appended, new records added."""
    cat = loaded.catalogue
    people, collectives = dict(cat.people), dict(cat.collectives)
    references, mentions = list(loaded.references), list(loaded.decisions)
    base = shown(root)
    for change in changes:
        path = f"{base}/{FOLDERS[change.kind]}/{change.id}.yml"
        old = change.existing
        if old is not None:
            path = old.origin.path
            record = dataclasses.replace(old, honours=old.honours + tuple(change.honours))
        elif change.kind == "person":
            record = Person(id=change.id, name=change.name, unit=change.unit, position=change.position,
                            honours=tuple(change.honours), origin=Origin(path, 1))
        else:
            record = Collective(id=change.id, name=change.name, unit=change.unit, honours=tuple(change.honours),
                                origin=Origin(path, 1))
        if old is None:
            references.append(Reference("unit", change.unit, path, 0, "unit"))
        first = len(old.honours) if old is not None else 0
        for index, honour in enumerate(change.honours, start=first):
            references += _references(honour, path, f"honours[{index}]", _SUBJECT[change.kind])
            mentions.append(Mention(honour.decision, honour.date, honour.by, path, f"honours[{index}]", 0, 0, 0))
        (people if change.kind == "person" else collectives)[change.id] = record  # type: ignore[assignment]
    return Loaded(Catalogue(cat.units, cat.titles, cat.movements, people, collectives, cat.stories), references,
                  list(loaded.problems), loaded.person_files | {c.id for c in changes if c.kind == "person"}, mentions)


def _references(honour: Honour, path: str, field: str, subject: str) -> list[Reference]:
    out = [Reference("title", honour.title, path, 0, f"{field}.title", subject)]
    if honour.unit:
        out.append(Reference("unit", honour.unit, path, 0, f"{field}.unit"))
    if honour.movement:
        out.append(Reference("movement", honour.movement, path, 0, f"{field}.movement"))
    return out
