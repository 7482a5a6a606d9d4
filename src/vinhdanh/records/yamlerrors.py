"""YAML syntax errors told as a records clerk can act on them: the line at fault and the fix.

The parser reports where it noticed a mistake, which is often a line or more after it: an
unclosed '[' or quote is noticed where the file ends or the next key starts. Where PyYAML
knows where the construct opened (its context mark), that is the line given.
"""

from __future__ import annotations

import re

import yaml

from .problems import Problem, excerpt

_HINTS = {
    "mapping values are not allowed": "put text containing ': ' in quotes",
    "found character '\\t'": "indent with spaces, not tabs",
    "could not find expected ':'": "each line needs 'key: value'; check the line above",
    "did not find expected key": "check the indentation of this line and the one above",
    "found undefined alias": "quote text that starts with '*'",
    "expected alphabetic or numeric character": "quote text that starts with '*' or '&'",
    "exceeded maximum nesting depth": "values nest far deeper than in any record; check the brackets",
    "but found another document": "a record is one document: remove the '---' line",
    "could not determine a constructor": "write plain text, numbers, lists and 'key: value' lines only",
    "cannot be read as": "remove the tag, or put the value in quotes if it is text",
}
_CLOSERS = {"[": ("a list", "end the list with ']'"), "{": ("a mapping", "end it with '}'"),
            '"': ("a text", "end the text with '\"'"), "'": ("a text", "end the text with \"'\"")}
_UNCLOSED = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{",
             "while scanning a quoted scalar": '"'}
_Scanner: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY_BEFORE = re.compile(r"([^\s:#\[\]{},-][^:#\[\]{},]*?):\s*$")


def syntax_problem(err: yaml.YAMLError, text: str, shown_as: str, offset: int, c_parser: bool) -> Problem:
    """Return the problem for a parser error on text (which starts at line offset + 1 of shown_as)."""
    if isinstance(err, yaml.reader.ReaderError):
        return _reader_problem(err, text, shown_as, offset, c_parser)
    if not isinstance(err, yaml.MarkedYAMLError):
        return Problem(shown_as, offset + 1, "", f"invalid YAML: {excerpt(str(err))}")
    problem = " ".join(str(err.problem or err.context or "syntax error").split())
    opened = err.context_mark
    stopped = err.problem_mark or opened
    if err.context in _UNCLOSED and opened and stopped:
        return _unclosed(text, shown_as, offset, opened, stopped, problem, _UNCLOSED[err.context])
    if err.context == "while scanning a simple key" and opened:
        # A line without ':' (often text continued without indentation): the parser notices on the next line.
        return Problem(shown_as, opened.line + 1 + offset, "", "invalid YAML: this line is not 'key: value'; "
                       "if it continues the text above, indent it like that text, or join the two lines")
    if stopped and (quote := _quote_running_to(text, stopped)):
        return _quote_problem(text, shown_as, offset, *quote, stopped)
    hint = next((h for k, h in _HINTS.items() if k in problem), "check quotes and indentation")
    if stopped and _character_at(text, stopped) == "\t":
        hint = "indent with spaces, not tabs"
    return Problem(shown_as, stopped.line + 1 + offset if stopped else 0, "",
                   f"invalid YAML: {excerpt(problem, 160)}; {hint}")


def _quote_running_to(text: str, stopped: yaml.Mark) -> tuple[str, yaml.Mark] | None:
    """Return the quote and start of a quoted text that ends on the line where the parser stopped.

    A quote left open is noticed only where the next quote closes it, often lines later; a
    quote inside quoted text ends the text early.
    """
    scanner = _Scanner(text)
    last = None
    try:
        while not scanner.check_token(yaml.StreamEndToken):
            token = scanner.get_token()
            if (token.start_mark.line, token.start_mark.column) >= (stopped.line, stopped.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if last and last.style in ("'", '"') and last.end_mark.line == stopped.line:
        return last.style, last.start_mark
    return None


def _quote_problem(text: str, shown_as: str, offset: int, char: str, opened: yaml.Mark,
                   stopped: yaml.Mark) -> Problem:
    """Name the quote that ends a text too early, or too late, at the line where the text starts."""
    start = f"the text opened with {char!r}{_after_key(text, opened)}"
    if opened.line == stopped.line:
        problem = f"{start} ends before its line does: a {char!r} inside it closes it"
    else:
        problem = (f"{start} runs on to line {stopped.line + 1 + offset}, where the parser stopped: "
                   f"a closing {char!r} is missing, or one inside the text closes it")
    return Problem(shown_as, opened.line + 1 + offset, "",
                   f"invalid YAML: {problem}; write quotes inside the text as “ ”")


def _after_key(text: str, opened: yaml.Mark) -> str:
    """Return " after 'key:'" when a key is written before opened on its line."""
    lines = text.splitlines()
    line = lines[opened.line] if opened.line < len(lines) else ""
    key = _KEY_BEFORE.search(line[max(0, opened.column - 200): opened.column])  # a key is short; a line may not be
    return f" after '{excerpt(key[1].strip(), 40)}:'" if key else ""


def _character_at(text: str, mark: yaml.Mark) -> str:
    """Return the character at mark, or '' past the end."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def _unclosed(text: str, shown_as: str, offset: int, opened: yaml.Mark, stopped: yaml.Mark,
              problem: str, expected: str) -> Problem:
    """Name the '[', '{' or quote that is never closed at the line where it opened."""
    char = _character_at(text, opened)
    if char not in _CLOSERS or (char in "'\"") != (expected == '"'):
        char = expected  # the mark is not on the opening character (a line break YAML counts differently)
    what, fix = _CLOSERS[char]
    after = _after_key(text, opened)
    quote_it = ", or put the whole value in quotes if it is text" if char in "[{" else ""
    if stopped.line == opened.line and "end of stream" not in problem:
        return Problem(shown_as, opened.line + 1 + offset, "", f"invalid YAML: {what} opened with {char!r}{after} "
                       f"cannot be read to its end ({excerpt(problem, 80)}); check its commas and quotes{quote_it}")
    at_end = "end of stream" in problem or stopped.line >= len(text.splitlines())
    where = "the file ends before it is closed" if at_end else f"the parser stopped at line {stopped.line + 1 + offset}"
    return Problem(shown_as, opened.line + 1 + offset, "",
                   f"invalid YAML: the {char!r}{after} opens {what} that is never closed ({where}); {fix}{quote_it}")


def _reader_problem(err: yaml.reader.ReaderError, text: str, shown_as: str, offset: int, c_parser: bool) -> Problem:
    """Name the line of a character YAML does not allow (a control character, say)."""
    position = int(err.position)
    before = text.encode("utf-8")[:position].count(b"\n") if c_parser else text[:position].count("\n")
    character = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
    return Problem(shown_as, before + 1 + offset, "",
                   f"invalid YAML: the character U+{character:04X} is not allowed in YAML text; "
                   "remove it (it often comes from copying out of another program)")
