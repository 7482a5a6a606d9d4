"""Read YAML files keeping the line of every value, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .text import nfc

Key = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so that bad dates get our message."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_HINTS = {
    "mapping values are not allowed": "put text containing ': ' in quotes",
    "found character '\\t'": "indent with spaces, not tabs",
    "could not find expected ':'": "each line needs 'key: value'; check the line above",
    "did not find expected key": "check the indentation of this line and the one above",
    "found undefined alias": "quote text that starts with '*'",
    "expected alphabetic or numeric character": "quote text that starts with '*' or '&'",
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


def read_text(path: Path, shown_as: str) -> str | Problem:
    """Return the file's text in NFC, or the problem if it is not UTF-8."""
    raw = path.read_bytes()
    try:
        return nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Problem(shown_as, line, "", "the file is not UTF-8; save it as 'UTF-8' in the editor")


def read_yaml(path: Path, shown_as: str) -> YamlFile | Problem:
    """Parse path, or return the problem that stops it from being read."""
    text = read_text(path, shown_as)
    return text if isinstance(text, Problem) else parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> YamlFile | Problem:
    """Parse YAML text that starts on first_line of the file shown_as."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = " ".join(str(err.problem or err.context or "syntax error").split())
        hint = next((h for k, h in _HINTS.items() if k in problem), "check quotes and indentation")
        return Problem(shown_as, mark.line + 1 + offset if mark else 0, "",
                       f"invalid YAML: {problem}; {hint}")
    except yaml.YAMLError as err:
        return Problem(shown_as, 0, "", f"invalid YAML: {err}")
    finally:
        loader.dispose()
    doc = YamlFile(shown_as, data)
    if node is not None:
        _record_lines(node, (), doc, offset)
    return doc


def _record_lines(node: yaml.Node, key: Key, doc: YamlFile, offset: int) -> None:
    doc.lines.setdefault(key, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if name in seen:
                doc.duplicates.append((key + (name,), key_node.start_mark.line + 1 + offset))
            seen.add(name)
            doc.lines[key + (name,)] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, key + (name,), doc, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, key + (index,), doc, offset)
