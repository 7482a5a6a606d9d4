"""The organisation's settings: who runs the site, how to reach them, what the site cites and who writes.

They are options of the vinhdanh plugin in mkdocs.yml, the site's one settings file:

    plugins:
      - vinhdanh:
          organisation: {name: …, office: …, address: …, phone: …, email: …}
          contact: {name: …, position: …}
          footer: …
          about_en: …
          related: [{name: …, url: …}]
          legal_basis: [Luật …, Nghị định …]
          authors: {minh-nhat: {name: …, description: …, avatar: …}}

MkDocs reads the file; this module checks the values, with the line of each in mkdocs.yml for
messages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import nfc
from . import schema as s
from .fields import AUTHOR_FIELDS
from .links import is_file, shown, within
from .markup import active_content
from .problems import Problem, quoted
from .yamlfile import Key, YamlFile, value_lines

DEFAULT_LEGAL_BASIS = (
    "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
    "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết Luật Thi đua, khen thưởng, có hiệu lực từ "
    "ngày 01/07/2025",
)
"""What the nominations page cites when the settings do not say: the law, and the decree in force that details it."""
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")
_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,}[0-9]")
_URL = re.compile(r"https?://[^\s<>\"]+|/(?!/)[^\s<>\"]*")  # "//host" would be another server: give its scheme


def email(reader: s.Reader, key: Key, value: Any) -> Any:
    """Accept an e-mail address."""
    text = s.text(reader, key, value)
    if text is not s.INVALID and not _EMAIL.fullmatch(text):
        reader.error(key, f"expected an e-mail address like tdkt@vks.gov.vn, got {quoted(text)}")
        return s.INVALID
    return text


def phone(reader: s.Reader, key: Key, value: Any) -> Any:
    """Accept a phone number: digits, spaces, dots, hyphens and brackets, '+' in front."""
    text = s.text(reader, key, value)
    if text is not s.INVALID and not _PHONE.fullmatch(text):
        reader.error(key, f"expected a phone number like '024 3825 5058', got {quoted(text)}")
        return s.INVALID
    return text


def url(reader: s.Reader, key: Key, value: Any) -> Any:
    """Accept an address starting with http://, https:// or / (a page of the same server)."""
    text = s.text(reader, key, value)
    if text is not s.INVALID and not _URL.fullmatch(text):
        reader.error(key, f"expected an address starting with https://, http:// or /, got {quoted(text)}")
        return s.INVALID
    return text


def markdown(reader: s.Reader, key: Key, value: Any) -> Any:
    """Accept Markdown without anything that runs (scripts, event handlers, frames)."""
    text = s.text(reader, key, value)
    if text is not s.INVALID and (found := active_content(text)):
        reader.error(key, found[0][1])
        return s.INVALID
    return text


F = s.Field
ORGANISATION_FIELDS = {
    "name": F(s.text, True), "name_en": F(s.text), "office": F(s.text), "office_en": F(s.text),
    "address": F(s.text), "phone": F(phone), "email": F(email),
}
CONTACT_FIELDS = {"name": F(s.text, True), "position": F(s.text, True), "phone": F(phone), "email": F(email)}
AGENCY_FIELDS = {"name": F(s.text, True), "url": F(url, True)}
SETTINGS_FIELDS = {
    "organisation": F(s.mapping_of(ORGANISATION_FIELDS, "the organisation (name, office, address, phone, email)")),
    "contact": F(s.mapping_of(CONTACT_FIELDS, "the contact official (name, position)")),
    "footer": F(s.text), "about_en": F(markdown),
    "related": F(s.list_of(s.mapping_of(AGENCY_FIELDS, "an agency (name, url)"))),
    "legal_basis": F(s.list_of(s.text)),
    "authors": F(s.anything),  # checked one by one: their ids are keys
}


@dataclass(frozen=True)
class Organisation:
    """The agency that owns the site (cơ quan chủ quản) and the office that runs it."""

    name: str = ""
    name_en: str = ""
    office: str = ""
    office_en: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Contact:
    """The official who answers for the site: phone and e-mail default to the office's."""

    name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Agency:
    """A related agency's site."""

    name: str
    url: str


@dataclass(frozen=True)
class Author:
    """A news author, as Material's blog describes one."""

    id: str
    name: str
    description: str
    avatar: str
    slug: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Settings:
    """The organisation's settings, checked; an empty Settings for a site that gives none."""

    organisation: Organisation | None = None
    """None: the site has no contact page and no page in English."""
    contact: Contact | None = None
    footer: str = ""
    about_en: str = ""
    """Markdown, in English."""
    related: tuple[Agency, ...] = ()
    legal_basis: tuple[str, ...] = DEFAULT_LEGAL_BASIS
    authors: tuple[Author, ...] | None = None
    """None: the authors are the blog's own file (`news/.authors.yml`)."""
    source: str = "mkdocs.yml"
    """Where they were written, for messages."""
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def author_names(self) -> dict[str, str] | None:
        """Return the authors' names by id, or None where the blog's own file lists them."""
        return None if self.authors is None else {a.id: a.name for a in self.authors}


NO_SETTINGS = Settings()
"""The settings of a site that gives none (and of records checked without a site)."""


def read_settings(config_file: Path, options: dict[str, Any], docs: Path) -> Settings:
    """Return the settings among the plugin's options, checked, with the lines of mkdocs.yml in messages."""
    given = {name: _in_nfc(value) for name, value in options.items()
             if name in SETTINGS_FIELDS and value is not None}
    doc = _plugin_block(config_file, given)
    problems: list[Problem] = []
    reader = s.Reader(doc, problems)
    values = s.read_mapping(reader, (), given, SETTINGS_FIELDS, "settings") or {}
    authors = _authors(reader, values["authors"], docs) if "authors" in values else None
    if "contact" in values and "organisation" not in values:
        reader.error(("contact",), "a contact official needs the organisation too: add 'organisation:' with its "
                     "name, address, phone and e-mail")
    organisation = values.get("organisation")
    return Settings(
        organisation=Organisation(**organisation) if organisation and "name" in organisation else None,
        contact=_contact(values.get("contact"), organisation or {}), footer=values.get("footer", ""),
        about_en=values.get("about_en", ""),
        related=tuple(Agency(**a) for a in values.get("related", ()) if len(a) == 2),
        legal_basis=values.get("legal_basis") or DEFAULT_LEGAL_BASIS, authors=authors, source=doc.path,
        problems=tuple(problems))


def _in_nfc(value: Any) -> Any:
    """Return value with every string in NFC, as the records are read (mkdocs.yml may be saved decomposed)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_in_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_in_nfc(k): _in_nfc(v) for k, v in value.items()}
    return value


def _contact(values: dict[str, Any] | None, organisation: dict[str, Any]) -> Contact | None:
    if not values or "name" not in values or "position" not in values:
        return None
    return Contact(values["name"], values["position"], values.get("phone", organisation.get("phone", "")),
                   values.get("email", organisation.get("email", "")))


def _authors(reader: s.Reader, value: Any, docs: Path) -> tuple[Author, ...]:
    """Check the authors as Material's blog would, and that each picture is a file of the site."""
    if not isinstance(value, dict):
        reader.error(("authors",), "expected one entry per author id (minh-nhat: {name: …, description: …, "
                     f"avatar: …}}), got {s.kind_of_value(value)}")
        return ()
    out = []
    for author_id, entry in value.items():
        key: Key = ("authors", str(author_id))
        if s.identifier(reader, key, author_id) is s.INVALID:
            continue
        values = s.read_mapping(reader, key, entry, AUTHOR_FIELDS, "an author (name, description, avatar)")
        if values is None or any(name not in values for name in ("name", "description", "avatar")):
            continue
        avatar = values["avatar"]
        if re.match(r"[a-z][a-z0-9+.-]*:", avatar, re.IGNORECASE):
            reader.error(key + ("avatar",), f"{quoted(avatar)} would be loaded from another server, which the "
                         "intranet may not reach; put the picture in the docs folder and give its path")
        elif within(docs, avatar) is None or not is_file(docs / avatar):
            reader.error(key + ("avatar",), f"file not found: {shown(docs)}/{avatar}; the path is relative to "
                         "the docs folder")
        out.append(Author(str(author_id), **values))
    return tuple(out)


def _plugin_block(config_file: Path, values: dict[str, Any]) -> YamlFile:
    """Return the values with the lines where mkdocs.yml writes them (1 where it cannot tell)."""
    doc = YamlFile(shown(config_file), values)
    try:
        lines = value_lines(config_file.read_text(encoding="utf-8-sig"), doc.path)
    except (OSError, UnicodeDecodeError):
        return doc
    if isinstance(lines, Problem):
        return doc
    for prefix in [key for key in lines.lines if len(key) in (2, 3) and key[0] == "plugins" and key[-1] == "vinhdanh"]:
        doc.lines.update({key[len(prefix):]: line for key, line in lines.lines.items()
                          if key[:len(prefix)] == prefix and len(key) > len(prefix)})
        doc.lines[()] = lines.lines[prefix]
        doc.duplicates = [(key[len(prefix):], line) for key, line in lines.duplicates if key[:len(prefix)] == prefix]
    return doc
