"""Read YAML files keeping the line of every value, for error messages.

This is the one place where the tool parses YAML that people write (records, stories'
front matter, `.authors.yml`); the importer and the editor reuse `parse_yaml`. Files come
from many hands, so a hostile or broken one is refused quickly, by name:

- anchors and aliases are refused before anything is expanded: no record needs them, and
  nine aliases of nine aliases ("billion laughs") turn 600 bytes into a billion values;
- a file is bounded in size (MAX_BYTES), in values (MAX_NODES) and in depth (MAX_DEPTH);
- tags that build objects (`!!python/object`), bytes that are not UTF-8 and values that
  cannot be read (`!!int abc`, a 5,000-digit number) are problems with a line, not tracebacks.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..text import nfc
from .problems import Problem, excerpt, quoted
from .yamlerrors import syntax_problem

Key = tuple[str | int, ...]

# The limits sit far above real catalogues and far below what hurts (measured with
# scripts/yaml_limits.py; see docs/admin-guide.md): a person with 60 honours, 30 initiatives and a
# 5,000-word story is 62 KB and 1,300 values; units.yml for a whole sector, 3,000 units
# with their history, is 650 KB and 37,000 values. A file at the limits takes 2–3 s and 110 MB.
MAX_BYTES = 4_000_000
MAX_NODES = 200_000
"""Values (scalars, lists, mappings, keys included) in one file."""
MAX_DEPTH = 32
"""A record nests four levels (record, honours, an honour, a value); `private:` a few more."""
SCAN_ABOVE = 100_000
"""Files longer than this are scanned for their number of values before they are built.

YAML holds at most about one value per character, so a shorter file cannot pass MAX_NODES;
scanning costs about as much as parsing, so the 11,000 small files of a big catalogue skip it.
"""

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so that bad dates get our message."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct one value; one that cannot be read (`!!int abc`) is an error at its line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            tag = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"this value cannot be read as {excerpt(tag, 20)}: "
                f"{quoted(node.value) if isinstance(node, yaml.ScalarNode) else 'a list or mapping'}",
                node.start_mark) from None


_INT = "tag:yaml.org,2002:int"
# Whole numbers are written in decimal: "0912345678" or "0123" (a phone, a code) stays text with its
# leading 0, where YAML 1.1 would read octal, hexadecimal or base-60 ("1:20" as 80).
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _DECIMAL if tag == _INT else regexp) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlFile:
    """A parsed YAML file: plain data plus the line where each value sits."""

    path: str
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    duplicates: list[tuple[Key, int]] = field(default_factory=list)

    def line(self, key: Key) -> int:
        """Return the line of key, or of its nearest enclosing value."""
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)


class _Refused(Exception):
    """A file that is read no further: a limit passed, an alias, a file that is not a file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_text(path: Path, shown_as: str) -> str | Problem:
    """Return the file's text in NFC, or the problem if it is not a readable UTF-8 file of sane size."""
    try:
        raw = _read_bytes(path)
    except _Refused as refused:
        return Problem(shown_as, refused.line, "", refused.message)
    try:
        return nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Problem(shown_as, line, "", "the file is not UTF-8; save it as 'UTF-8' in the editor")


def _read_bytes(path: Path) -> bytes:
    """Return the bytes of a regular file, reading no more than MAX_BYTES of it."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise _Refused(0, "not a regular file (a folder, device or pipe); put a text file here")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as err:
        raise _Refused(0, f"cannot be read ({err.strerror or err}); check the file's permissions") from None
    if len(raw) > MAX_BYTES:
        raise _Refused(0, f"the file is larger than {MAX_BYTES // 1_000_000} MB, far more than any record; "
                       "check that it is the right file")
    return raw


def read_yaml(path: Path, shown_as: str) -> YamlFile | Problem:
    """Parse path, or return the problem that stops it from being read."""
    text = read_text(path, shown_as)
    return text if isinstance(text, Problem) else parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> YamlFile | Problem:
    """Parse YAML text that starts on first_line of the file shown_as.

    Anchors, aliases and documents past the limits are refused before anything is built
    from them; so is anything that is not plain data.
    """
    offset = first_line - 1
    if len(text) > MAX_BYTES:
        return Problem(shown_as, first_line, "", f"more than {MAX_BYTES // 1_000_000} MB of YAML, far more "
                       "than any record; check that it is the right text")
    loader = _Loader(text)
    try:
        if "&" in text or "*" in text or len(text) > SCAN_ABOVE:  # an anchor needs '&', an alias '*'
            _scan(_Loader(text))
        node = loader.get_single_node()
        doc = YamlFile(shown_as, None)
        if node is not None:
            _record_lines(node, (), doc, offset)
            doc.data = loader.construct_document(node)
        return doc
    except _Refused as refused:
        return Problem(shown_as, refused.line + offset, "", refused.message)
    except yaml.YAMLError as err:
        return syntax_problem(err, text, shown_as, offset, c_parser=_BaseLoader is not yaml.SafeLoader)
    except RecursionError:  # only without libyaml, whose parser stops at 1,000 levels
        return Problem(shown_as, first_line, "", f"values nested more than {MAX_DEPTH} levels deep; "
                       "check the brackets and indentation")
    finally:
        loader.dispose()


def value_lines(text: str, shown_as: str) -> YamlFile | Problem:
    """Return the line of every value of a YAML text, building no value (`data` stays None).

    For files that another program reads, such as mkdocs.yml with its `!!python/name:` tags:
    composing the document needs no constructor for them.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = YamlFile(shown_as, None)
        if node is not None:
            _record_lines(node, (), doc, 0)
        return doc
    except _Refused as refused:
        return Problem(shown_as, refused.line, "", refused.message)
    except yaml.YAMLError as err:
        return syntax_problem(err, text, shown_as, 0, c_parser=_BaseLoader is not yaml.SafeLoader)
    finally:
        loader.dispose()


def _scan(scanner: Any) -> None:
    """Raise _Refused at the first anchor or alias, or past MAX_NODES values, before anything is built."""
    values = 0
    try:
        while not scanner.check_event(yaml.StreamEndEvent):
            event = scanner.get_event()
            line = event.start_mark.line + 1
            values += isinstance(event, yaml.NodeEvent)
            if values > MAX_NODES:
                raise _Refused(line, f"more than {MAX_NODES:,} values in one file, far more than any record; "
                               "split the file or check that it is the right one")
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(line, "YAML aliases are not allowed in records; write the value out "
                               "(text that starts with '*' goes in quotes)")
            if getattr(event, "anchor", None) is not None:
                raise _Refused(line, f"YAML anchors ('&{excerpt(event.anchor, 20)}') are not allowed in records; "
                               "write the value out where it is needed (text that starts with '&' goes in quotes)")
    finally:
        scanner.dispose()


def _record_lines(node: yaml.Node, key: Key, doc: YamlFile, offset: int) -> None:
    """Note the line of every value; refuse values nested deeper than MAX_DEPTH."""
    line = node.start_mark.line + 1
    if len(key) >= MAX_DEPTH:
        raise _Refused(line, f"values nested more than {MAX_DEPTH} levels deep, far more than any record; "
                       "check the brackets and indentation")
    doc.lines.setdefault(key, line + offset)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            # A key that is a list or a mapping is refused when the mapping is built.
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if name in seen:
                doc.duplicates.append((key + (name,), key_node.start_mark.line + 1 + offset))
            seen.add(name)
            doc.lines[key + (name,)] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, key + (name,), doc, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, key + (index,), doc, offset)
