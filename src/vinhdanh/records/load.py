"""Read exemplars/ into a Catalogue, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import schema as s
from .decision_refs import Mention, same_decision
from .documents import read_documents
from .fields import COLLECTIVE_FIELDS, MOVEMENT_FIELDS, PERSON_FIELDS, TITLE_FIELDS, UNIT_FIELDS
from .filecache import FileCache, read_with
from .links import Bounds, files_under, is_file, link_problem, shown, within
from .markup import active_content
from .model import Catalogue, Collective, Honour, Initiative, Movement, Origin, Person, Title, Unit
from .nominations import read_nominations
from .photos import photo_problem
from .problems import Problem, excerpt, quoted
from .yamlfile import Key, YamlFile, read_yaml

LIST_FILES = {"units.yml": "units", "titles.yml": "titles", "movements.yml": "movements"}
"""The files that hold a list of records, and the one key under which a file may hold that list instead."""


@dataclass(frozen=True)
class Reference:
    """A use of an id that must exist in the catalogue, checked once all is read."""

    kind: str  # unit | title | movement | person
    id: str
    path: str
    line: int
    field: str
    subject: str = ""  # individual | collective, for titles


@dataclass
class Loaded:
    """The outcome of reading: a catalogue, its references and the problems met."""

    catalogue: Catalogue
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    person_files: set[str] = field(default_factory=set)
    """Ids of every file in people/, readable or not, so members of a broken one are not reported twice."""
    decisions: list[Mention] = field(default_factory=list)
    """Every decision an honour gives, with its lines, to check that they agree."""
    cache: FileCache | None = None
    """Files read before and unchanged since (under `mkdocs serve`)."""


def load(root: Path, repository: Path | None = None, cache: FileCache | None = None) -> Loaded:
    """Read every record under root (the exemplars/ folder), through cache if given.

    A file or folder that is a link out of repository (by default, the folder holding root)
    is reported and not read.
    """
    out = Loaded(Catalogue(), cache=cache)
    repository = repository or root.parent
    if not root.is_dir():
        out.problems.append(Problem(shown(root), 0, "", "folder not found; create it or set the plugin's "
                                    "'exemplars' option"))
        return out
    if problem := link_problem(root, Bounds.of(repository)):
        out.problems.append(problem)
        return out
    cat = out.catalogue
    lists: list[tuple[str, dict[str, s.Field], str, dict[str, Any], Any]] = [
        ("units.yml", UNIT_FIELDS, "a unit", cat.units, _unit),
        ("titles.yml", TITLE_FIELDS, "a title", cat.titles, _title),
        ("movements.yml", MOVEMENT_FIELDS, "a movement", cat.movements, _movement)]
    for name, fields, what, into, build in lists:
        # Nothing when the file is missing (an organisation may start with no movements) or is a link out.
        for path in files_under(root / name, repository, out.problems):
            _read_list(out, path, fields, what, into, build)
    for path in files_under(root / "people", repository, out.problems, "*.y*ml", recursive=False):
        _read_exemplar(out, root, path, cat.people, "individual")
    for path in files_under(root / "collectives", repository, out.problems, "*.y*ml", recursive=False):
        _read_exemplar(out, root, path, cat.collectives, "collective")
    read_nominations(root, repository, lambda path: _open(out, path), out.problems, cat.nominations)
    read_documents(root, repository, lambda path: _open(out, path), out.problems, cat.documents, cache)
    return out


def _read_yaml(path: Path) -> YamlFile | Problem:
    return read_yaml(path, shown(path))


def _open(out: Loaded, path: Path) -> YamlFile | None:
    doc = read_with(out.cache, _read_yaml, path)
    if isinstance(doc, Problem):
        out.problems.append(doc)
        return None
    for key, line in doc.duplicates:
        out.problems.append(Problem(doc.path, line, s.field_name(key), "key written twice; keep one"))
    return doc


def _read_list(out: Loaded, path: Path, fields: dict[str, s.Field], what: str,
               into: dict[str, Any], build: Any) -> None:
    doc = _open(out, path)
    if doc is None or doc.data is None:
        return
    reader = s.Reader(doc, out.problems)
    items, at = list_of_records(doc.data, LIST_FILES[path.name])
    if items is None:
        reader.error((), f"expected a list of records, each starting with '- id:' (or under one key "
                     f"'{LIST_FILES[path.name]}:'), got {s.kind_of_value(doc.data)}")
        return
    for index, item in enumerate(items):
        key = at + (index,)
        values = s.read_mapping(reader, key, item, fields, what)
        if values is None or any(f.required and k not in values for k, f in fields.items()):
            continue
        origin = Origin(doc.path, doc.line(key), {name: doc.line(key + (name,)) for name in values})
        if values["id"] in into:
            first = into[values["id"]].origin
            reader.error(key + ("id",), f"duplicate id {quoted(values['id'])}, first used at line {first.line}; "
                         "give each record its own id")
            continue
        into[values["id"]] = build(values, origin)
        _note_references(out, doc, key, values)


def list_of_records(data: Any, key: str) -> tuple[list[Any] | None, Key]:
    """Return the records of a list file and where they sit: the file is the list, or holds it under key.

    The browser editor saves the second form (its file collections edit mappings); both are read alike.
    """
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and list(data) == [key] and isinstance(data[key], list):
        return data[key], (key,)
    return None, ()


def _unit(v: dict[str, Any], origin: Origin) -> Unit:
    return Unit(id=v["id"], name=v["name"], short=v.get("short", v["name"]), parent=v.get("parent"),
                valid_from=v.get("valid_from"), valid_to=v.get("valid_to"), successor=v.get("successor"),
                origin=origin)


def _title(v: dict[str, Any], origin: Origin) -> Title:
    return Title(id=v["id"], name=v["name"], kind=v["kind"], for_=v["for"], level=v["level"],
                 rank=v["rank"], aliases=v.get("aliases", ()), origin=origin)


def _movement(v: dict[str, Any], origin: Origin) -> Movement:
    return Movement(id=v["id"], name=v["name"], kind=v["kind"], start=v.get("start"), end=v.get("end"),
                    launched_by=v.get("launched_by", ""), summary=v.get("summary", ""), origin=origin)


@dataclass(frozen=True)
class _CheckedRecord:
    """What one record file says, checked on its own: kept while the file is unchanged (`mkdocs serve`)."""

    doc: YamlFile | None
    values: dict[str, Any] | None
    problems: list[Problem]
    references: list[Reference]
    decisions: list[Mention]
    built: dict[object, Person | Collective] = field(default_factory=dict, compare=False)
    """The record made from it, by photo: the same object on every rebuild, so unchanged pages compare fast."""


def _check_person_file(path: Path) -> _CheckedRecord:
    return _check_record_file(path, PERSON_FIELDS, "individual")


def _check_collective_file(path: Path) -> _CheckedRecord:
    return _check_record_file(path, COLLECTIVE_FIELDS, "collective")


def _check_record_file(path: Path, fields: dict[str, s.Field], subject: str) -> _CheckedRecord:
    out = Loaded(Catalogue())
    doc = _open(out, path)
    if doc is None:
        return _CheckedRecord(None, None, out.problems, [], [])
    reader = s.Reader(doc, out.problems)
    if problem := s.file_name_problem(path, doc.path, "a-name"):
        out.problems.append(problem)
    values = s.read_mapping(reader, (), doc.data, fields, "a record")
    if values is not None:
        _check_exemplar_rules(reader, values)
        for line, message in active_content(values.get("story", "")):
            reader.error(("story",), message)
            reader.problems[-1] = replace(reader.problems[-1], line=doc.line(("story",)) + line)
        _note_references(out, doc, (), values, subject)
    return _CheckedRecord(doc, values, out.problems, out.references, out.decisions)


def _read_exemplar(out: Loaded, root: Path, path: Path, into: dict[str, Any], subject: str) -> None:
    if subject == "individual":
        out.person_files.add(path.stem)
    checked = read_with(out.cache, _check_person_file if subject == "individual" else _check_collective_file, path)
    out.problems += checked.problems
    out.references += checked.references
    out.decisions += checked.decisions
    if checked.doc is None or checked.values is None:
        return
    doc, values = checked.doc, dict(checked.values)  # the photo is dropped from this copy when it is wrong
    _check_photo(s.Reader(doc, out.problems), root, values, out.cache)
    if "name" not in values or "unit" not in values:
        return  # reported; the other checks still run on what could be read
    if (photo := values.get("photo")) in checked.built:
        into[path.stem] = checked.built[photo]
        return
    common = dict(
        id=path.stem, name=values["name"], unit=values["unit"], photo=values.get("photo"),
        photo_credit=values.get("photo_credit", ""), summary=values.get("summary", ""),
        honours=tuple(_honour(h) for h in values.get("honours", ()) if "title" in h and "year" in h),
        initiatives=tuple(Initiative(i["name"], i["year"], i.get("level", ""))
                          for i in values.get("initiatives", ()) if "name" in i and "year" in i),
        story=values.get("story", ""), published=values.get("published", True),
        private=values.get("private") or {}, origin=Origin(doc.path, 1, {name: doc.line((name,)) for name in values}),
    )
    if subject == "individual":
        into[path.stem] = Person(**common, family_name=values.get("family_name"),
                                 given_name=values.get("given_name"), position=values.get("position", ""))
    else:
        into[path.stem] = Collective(**common, members=values.get("members", ()))
    checked.built[photo] = into[path.stem]


def _honour(v: dict[str, Any]) -> Honour:
    return Honour(title=v["title"], year=v["year"], decision=v.get("decision", ""), date=v.get("date"),
                  by=v.get("by", ""), unit=v.get("unit"), movement=v.get("movement"), citation=v.get("citation", ""),
                  position=v.get("position", ""), roll=v.get("roll"))


def _check_photo(reader: s.Reader, root: Path, values: dict[str, Any], cache: FileCache | None) -> None:
    photo = values.get("photo")
    if photo is None:
        return
    target = within(root, photo)
    if target is None:
        reader.error(("photo",), f"{quoted(photo)} is outside exemplars/; put the photo under exemplars/photos/")
        values.pop("photo")
    elif not is_file(target):
        reader.error(("photo",), f"file not found: {shown(root)}/{excerpt(photo)}; the path is relative to exemplars/")
        values.pop("photo")
    elif problem := read_with(cache, photo_problem, target):
        reader.error(("photo",), f"{excerpt(photo)}: {problem}")
        values.pop("photo")


def _check_exemplar_rules(reader: s.Reader, values: dict[str, Any]) -> None:
    honours = values.get("honours", ())
    for index, honour in enumerate(honours):
        pair = (honour.get("title"), honour.get("year"))
        if None in pair:
            continue
        # A title can be given twice in a year by two decisions; without a number, they may be one.
        first = next((i for i, h in enumerate(honours[:index]) if (h.get("title"), h.get("year")) == pair and (
            not h.get("decision") or not honour.get("decision") or same_decision(
                h["decision"], h.get("date"), honour["decision"], honour.get("date")))), None)
        if first is not None:
            reader.error(("honours", index), f"the same honour ({pair[0]}, {pair[1]}) is already listed as "
                         f"honours[{first}]; remove one")
    for name in ("family_name", "given_name"):
        part = values.get(name)
        if part and "name" in values and part not in values["name"].split() and part not in values["name"]:
            reader.error((name,), f"{quoted(part)} is not part of the name {quoted(values['name'])}; "
                         "copy it from the name")


def _note_references(out: Loaded, doc: YamlFile, key: Key, values: dict[str, Any], subject: str = "") -> None:
    def note(kind: str, ref_key: Key, ref_id: str | None, ref_subject: str = "") -> None:
        if ref_id:
            out.references.append(Reference(kind, ref_id, doc.path, doc.line(ref_key), s.field_name(ref_key),
                                            ref_subject))

    for name in ("parent", "successor", "unit"):
        note("unit", key + (name,), values.get(name))
    for index, honour in enumerate(values.get("honours", ())):
        at = key + ("honours", index)
        note("title", at + ("title",), honour.get("title"), subject)
        note("unit", at + ("unit",), honour.get("unit"))
        note("movement", at + ("movement",), honour.get("movement"))
        if honour.get("decision"):
            out.decisions.append(Mention(honour["decision"], honour.get("date"), honour.get("by", ""), doc.path,
                                         s.field_name(at), doc.line(at), doc.line(at + ("date",)),
                                         doc.line(at + ("by",))))
    for index, member in enumerate(values.get("members", ())):
        note("person", key + ("members", index), member)
