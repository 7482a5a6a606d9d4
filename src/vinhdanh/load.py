"""Read exemplars/ into a Catalogue, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import schema as s
from .decisions import Mention
from .filecache import FileCache, read_with
from .markup import active_content
from .model import Catalogue, Collective, Honour, Initiative, Movement, Origin, Person, Title, Unit
from .nominations import read_nominations
from .photos import photo_problem
from .problems import Problem
from .text import slugify
from .yamlfile import Key, YamlFile, read_yaml

F = s.Field
UNIT_FIELDS = {
    "id": F(s.identifier, True), "name": F(s.text, True), "short": F(s.text),
    "parent": F(s.identifier), "valid_from": F(s.date), "valid_to": F(s.date), "successor": F(s.identifier),
}
TITLE_FIELDS = {
    "id": F(s.identifier, True), "name": F(s.text, True),
    "kind": F(s.one_of("title", "award"), True),
    "for": F(s.one_of("individual", "collective", "both"), True),
    "level": F(s.one_of("nha-nuoc", "chinh-phu", "nganh", "co-so"), True),
    "rank": F(s.integer, True), "aliases": F(s.list_of(s.text)),
}
MOVEMENT_FIELDS = {
    "id": F(s.identifier, True), "name": F(s.text, True), "kind": F(s.one_of("annual", "thematic"), True),
    "start": F(s.date), "end": F(s.date), "launched_by": F(s.text), "summary": F(s.text),
}
HONOUR_FIELDS = {
    "title": F(s.identifier, True), "year": F(s.year_or_period, True), "decision": F(s.text),
    "date": F(s.date), "by": F(s.text), "unit": F(s.identifier), "movement": F(s.identifier),
    "citation": F(s.text), "position": F(s.text),
}
INITIATIVE_FIELDS = {
    "name": F(s.text, True), "year": F(s.year, True), "level": F(s.one_of("co-so", "nganh", "toan-quoc")),
}
_EXEMPLAR_FIELDS = {
    "name": F(s.text, True), "unit": F(s.identifier, True), "photo": F(s.text), "photo_credit": F(s.text),
    "summary": F(s.text),
    "honours": F(s.list_of(s.mapping_of(HONOUR_FIELDS, "an honour"))),
    "initiatives": F(s.list_of(s.mapping_of(INITIATIVE_FIELDS, "an initiative"))),
    "story": F(s.text), "published": F(s.boolean), "private": F(s.anything),
}
PERSON_FIELDS = {**_EXEMPLAR_FIELDS, "family_name": F(s.text), "given_name": F(s.text), "position": F(s.text)}
COLLECTIVE_FIELDS = {**_EXEMPLAR_FIELDS, "members": F(s.list_of(s.identifier))}


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


def shown(path: Path) -> str:
    """Return path as the user would type it: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load(root: Path, cache: FileCache | None = None) -> Loaded:
    """Read every record under root (the exemplars/ folder), through cache if given."""
    out = Loaded(Catalogue(), cache=cache)
    if not root.is_dir():
        out.problems.append(Problem(shown(root), 0, "", "folder not found; create it or set the plugin's "
                                    "'exemplars' option"))
        return out
    cat = out.catalogue
    _read_list(out, root / "units.yml", UNIT_FIELDS, "a unit", cat.units, _unit)
    _read_list(out, root / "titles.yml", TITLE_FIELDS, "a title", cat.titles, _title)
    _read_list(out, root / "movements.yml", MOVEMENT_FIELDS, "a movement", cat.movements, _movement)
    for path in sorted((root / "people").glob("*.y*ml")):
        _read_exemplar(out, root, path, PERSON_FIELDS, cat.people, "individual")
    for path in sorted((root / "collectives").glob("*.y*ml")):
        _read_exemplar(out, root, path, COLLECTIVE_FIELDS, cat.collectives, "collective")
    read_nominations(root, lambda path: _open(out, path), out.problems, cat.nominations)
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
    if not path.exists():
        return  # an organisation may start with no movements, say
    doc = _open(out, path)
    if doc is None or doc.data is None:
        return
    reader = s.Reader(doc, out.problems)
    if not isinstance(doc.data, list):
        reader.error((), f"expected a list of records, each starting with '- id:', got {s.kind_of_value(doc.data)}")
        return
    for index, item in enumerate(doc.data):
        values = s.read_mapping(reader, (index,), item, fields, what)
        if values is None or any(f.required and k not in values for k, f in fields.items()):
            continue
        origin = Origin(doc.path, doc.line((index,)), {name: doc.line((index, name)) for name in values})
        if values["id"] in into:
            first = into[values["id"]].origin
            reader.error((index, "id"), f"duplicate id {values['id']!r}, first used at line {first.line}; "
                         "give each record its own id")
            continue
        into[values["id"]] = build(values, origin)
        _note_references(out, doc, (index,), values)


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


def _read_exemplar(out: Loaded, root: Path, path: Path, fields: dict[str, s.Field],
                   into: dict[str, Any], subject: str) -> None:
    if subject == "individual":
        out.person_files.add(path.stem)
    doc = _open(out, path)
    if doc is None:
        return
    reader = s.Reader(doc, out.problems)
    if not s.ID_PATTERN.fullmatch(path.stem):
        out.problems.append(Problem(doc.path, 0, "", "the file name is the id and must be lowercase letters, digits "
                                    f"and '-'; rename it to {slugify(path.stem) or 'a-name'}{path.suffix}"))
    values = s.read_mapping(reader, (), doc.data, fields, "a record")
    if values is None:
        return
    _check_photo(reader, root, values, out.cache)
    _check_exemplar_rules(reader, values)
    for line, message in active_content(values.get("story", "")):
        reader.error(("story",), message)
        reader.problems[-1] = replace(reader.problems[-1], line=doc.line(("story",)) + line)
    _note_references(out, doc, (), values, subject)
    if "name" not in values or "unit" not in values:
        return  # reported; the other checks still run on what could be read
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


def _honour(v: dict[str, Any]) -> Honour:
    return Honour(title=v["title"], year=v["year"], decision=v.get("decision", ""), date=v.get("date"),
                  by=v.get("by", ""), unit=v.get("unit"), movement=v.get("movement"), citation=v.get("citation", ""),
                  position=v.get("position", ""))


def _check_photo(reader: s.Reader, root: Path, values: dict[str, Any], cache: FileCache | None) -> None:
    photo = values.get("photo")
    if photo is None:
        return
    target = (root / photo).resolve()
    if Path(photo).is_absolute() or not target.is_relative_to(root.resolve()):
        reader.error(("photo",), f"{photo!r} is outside exemplars/; put the photo under exemplars/photos/")
        values.pop("photo")
    elif not target.is_file():
        reader.error(("photo",), f"file not found: {shown(root / photo)}; the path is relative to exemplars/")
        values.pop("photo")
    elif problem := read_with(cache, photo_problem, target):
        reader.error(("photo",), f"{photo}: {problem}")
        values.pop("photo")


def _check_exemplar_rules(reader: s.Reader, values: dict[str, Any]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for index, honour in enumerate(values.get("honours", ())):
        pair = (honour.get("title"), honour.get("year"))
        if None in pair:
            continue
        if pair in seen:
            reader.error(("honours", index), f"the same honour ({pair[0]}, {pair[1]}) is already listed as "
                         f"honours[{seen[pair]}]; remove one")
        seen.setdefault(pair, index)  # type: ignore[arg-type]
    for name in ("family_name", "given_name"):
        part = values.get(name)
        if part and "name" in values and part not in values["name"].split() and part not in values["name"]:
            reader.error((name,), f"{part!r} is not part of the name {values['name']!r}; copy it from the name")


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
