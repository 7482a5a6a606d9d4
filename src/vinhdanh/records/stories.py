"""News stories: the press team's Markdown files, their front matter read and checked."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..text import VIETNAM, format_date, format_datetime
from . import schema as s
from .fields import AUTHOR_FIELDS, STORY_FIELDS
from .filecache import read_with
from .links import files_under, is_file, shown, within
from .load import Loaded, Reference
from .markup import active_content
from .photos import photo_problem
from .problems import Problem, did_you_mean, excerpt, quoted
from .yamlfile import YamlFile, parse_yaml, read_text, read_yaml

EXCERPT_BREAK = "<!-- more -->"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
# An unclosed comment runs to the end, as in HTML (and each '<!--' does not scan the rest again).
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Neither the caption nor the path runs over the next '![': a line of '![x](' stays linear.
_IMAGE = re.compile(r"!\[((?:[^\]!]|!(?!\[))*)\]\(\s*<?((?:[^)\s>!]|!(?!\[))+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class Cover:
    """A story's lead photo."""

    image: str
    """Path from the docs folder, e.g. "news/images/2021/hoi-nghi.jpg"."""
    alt: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Story:
    """One news story, as its front matter describes it."""

    src_uri: str
    """Path from the docs folder, e.g. "news/posts/2021-01-14-hoi-nghi.md"."""
    title: str
    date: dt.datetime
    """Publication time, with its zone: Vietnam time when none was written, its midnight for a date alone."""
    has_time: bool = False
    description: str = ""
    byline: tuple[str, ...] = ()
    """The authors' names."""
    categories: tuple[str, ...] = ()
    cover: Cover | None = None
    exemplars: tuple[str, ...] = ()
    movement: str | None = None
    draft: bool | None = None
    """As written in the front matter; None when the story does not say."""
    images: tuple[str, ...] = ()
    """Every image the story shows (cover included), as paths from the docs folder."""

    def shown_date(self) -> str:
        """Return the date as readers expect it: dd/mm/yyyy, with HH:MM when the story has a time."""
        local = self.date.astimezone(VIETNAM)
        return format_datetime(local) if self.has_time else format_date(local.date())

    def is_live(self, now: dt.datetime, future_is_draft: bool = True) -> bool:
        """Return whether the story is published at now, by the blog's rules.

        `draft:` written in the story decides; otherwise a story dated later waits for its
        date, unless the blog publishes future stories at once (`draft_if_future_date: false`).
        """
        if self.draft is not None:
            return not self.draft
        return not (future_is_draft and self.date > now)


@dataclass(frozen=True)
class NewsRules:
    """Where the blog keeps the news and when it publishes a story: the blog plugin's own settings."""

    blog_dir: str = "news"
    """The blog's folder inside the docs folder."""
    posts_dir: str = "news/posts"
    authors_file: str = "news/.authors.yml"
    future_is_draft: bool = True
    """The blog's `draft_if_future_date`."""
    drafts_shown: bool = False
    """True where the blog renders drafts too (`mkdocs serve` with `draft_on_serve`)."""

    def is_shown(self, story: Story, now: dt.datetime) -> bool:
        """Return whether the story is part of the site being built."""
        return self.drafts_shown or story.is_live(now, self.future_is_draft)


def with_excerpt_break(body: str) -> str:
    """Return a story's Markdown with an excerpt break after its first paragraph, unless it has one.

    Listings show a story up to the break; most stories are written without one.
    """
    if EXCERPT_BREAK in body:
        return body
    lines = body.split("\n")
    start = next((i for i, line in enumerate(lines) if _is_prose(line)), None)
    if start is None:
        return f"{EXCERPT_BREAK}\n\n{body}"
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[:end] + ["", EXCERPT_BREAK] + lines[end:])


def _is_prose(line: str) -> bool:
    """Return whether a line starts a paragraph of text (not a heading, image, list, table or HTML)."""
    text = line.strip()
    return bool(text) and not line.startswith((" " * 4, "\t")) and not re.match(r"[#!<|>`~:*+-]|\d+\.|\{:", text)


def load_stories(docs_dir: Path, news: NewsRules, out: Loaded, now: dt.datetime | None = None,
                 repository: Path | None = None, authors: tuple[dict[str, str], str] | None = None) -> None:
    """Read every story of the blog's posts folder into out, with its problems and references.

    A file or folder that is a link out of repository (by default, the folder holding
    docs_dir) is reported and not read. `authors`: the authors' names by id and where they
    are written, when the site's settings list them; otherwise the blog's authors file does.
    """
    repository = repository or docs_dir.parent
    names, listed_in = authors if authors is not None else ({}, news.authors_file)
    for path in files_under(docs_dir / news.authors_file, repository, out.problems):
        if authors is None:
            names = _load_authors(path, out)
        else:
            out.problems.append(Problem(shown(path), 0, "", f"the news authors are listed in {listed_in} too; "
                                        "keep one list: move any author missing there, then delete this file"))
    now = now or dt.datetime.now(VIETNAM)
    for path in files_under(docs_dir / news.posts_dir, repository, out.problems, "*.md"):
        story = _read_story(docs_dir, path, names, out, now, listed_in)
        if story:
            out.catalogue.stories[story.src_uri] = story


def _load_authors(path: Path, out: Loaded) -> dict[str, str]:
    """Return the authors' names by id."""
    doc = read_yaml(path, shown(path))
    if isinstance(doc, Problem):
        out.problems.append(doc)
        return {}
    reader = s.Reader(doc, out.problems)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("authors"), dict):
        reader.error((), "expected 'authors:' followed by one entry per author id")
        return {}
    names = {}
    for author_id, entry in doc.data["authors"].items():
        s.identifier(reader, ("authors", author_id), author_id)
        values = s.read_mapping(reader, ("authors", author_id), entry, AUTHOR_FIELDS, "an author") or {}
        names[str(author_id)] = values.get("name", str(author_id))
    return names


def _split_story_file(path: Path) -> tuple[str, int, YamlFile] | Problem:
    """Return a story's text, where its body starts and its front matter read (kept while the file is unchanged)."""
    where = shown(path)
    text = read_text(path, where)
    if isinstance(text, Problem):
        return text
    match = _FRONT_MATTER.match(text)
    if not match:
        return Problem(where, 1, "", "a story starts with front matter between two '---' lines "
                       "(title, date, …); `vinhdanh new story` writes one")
    doc = parse_yaml(match[1] or "", where, first_line=2)
    return doc if isinstance(doc, Problem) else (text, match.end(), doc)


def _read_story(docs_dir: Path, path: Path, authors: dict[str, str], out: Loaded,
                now: dt.datetime, authors_file: str) -> Story | None:
    where = shown(path)
    split = read_with(out.cache, _split_story_file, path)
    if isinstance(split, Problem):
        out.problems.append(split)
        return None
    text, body_start, doc = split
    reader = s.Reader(doc, out.problems)
    values = s.read_mapping(reader, (), doc.data if doc.data is not None else {}, STORY_FIELDS, "front matter")
    if values is None:
        return None
    src_uri = path.relative_to(docs_dir).as_posix()
    body_first_line = text[:body_start].count("\n") + 1
    _check_images(reader, docs_dir, src_uri, text[body_start:], body_first_line, values)
    for line, message in active_content(text[body_start:]):
        reader.problems.append(Problem(where, body_first_line + line - 1, "", message))
    _check_people_and_authors(reader, doc, values, authors, out, now, authors_file)
    if "title" not in values or "date" not in values:
        return None
    cover = values.get("cover")
    return Story(
        src_uri=src_uri, title=values["title"], date=values["date"],
        has_time=isinstance(yaml.safe_load(str(doc.data["date"])), dt.datetime),
        description=values.get("description", ""),
        byline=tuple(authors[a] for a in values.get("authors", ()) if a in authors),
        categories=values.get("categories", ()),
        cover=Cover(_from_docs(src_uri, cover["image"]), cover.get("alt", ""), cover.get("credit", ""))
        if cover and "image" in cover else None,
        exemplars=values.get("exemplars", ()), movement=values.get("movement"), draft=values.get("draft"),
        images=tuple(_from_docs(src_uri, target) for target in _image_targets(values, text[body_start:])),
    )


def _image_targets(values: dict[str, Any], body: str) -> list[str]:
    """Return the image paths a story uses, as written (relative to the story)."""
    cover = values.get("cover") or {}
    shown = _COMMENT.sub("", body)
    return ([cover["image"]] if "image" in cover else []) + [target for _, target in _IMAGE.findall(shown)]


def _from_docs(src_uri: str, target: str) -> str:
    """Return a path written relative to a story as a path from the docs folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))


def _check_images(reader: s.Reader, docs_dir: Path, src_uri: str, body: str, first_line: int,
                  values: dict[str, Any]) -> None:
    cover = values.get("cover")
    if cover and "image" in cover and (problem := _image_problem(docs_dir, src_uri, cover["image"])):
        reader.error(("cover", "image"), problem)
    # Images inside HTML comments are not shown; keep the line count while dropping them.
    body = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body)
    for offset, line in enumerate(body.splitlines()):
        for alt, target in _IMAGE.findall(line):
            if problem := _image_problem(docs_dir, src_uri, target):
                reader.problems.append(Problem(reader.doc.path, first_line + offset, "image", problem))
            if not alt.strip():
                reader.problems.append(Problem(reader.doc.path, first_line + offset, "image",
                                               f"{quoted(target)} has no caption; write one between the brackets: "
                                               "![Đồng chí … phát biểu](…)", warning=True))


def _image_problem(docs_dir: Path, src_uri: str, target: str) -> str | None:
    """Return what is wrong with an image path written in a story, if anything."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", target, re.IGNORECASE):
        return (f"{quoted(target)} is outside the site, which must work offline; save the image under "
                "content/news/images/ and link to the file")
    from_docs = _from_docs(src_uri, target)
    path = within(docs_dir, from_docs)
    if target.startswith("/") or path is None:
        return f"{quoted(target)} is outside the content folder; put images under content/news/images/"
    if not is_file(path):
        return f"image not found: {shown(docs_dir)}/{excerpt(from_docs)}; the path is relative to the story's file"
    return photo_problem(path)


def _check_people_and_authors(reader: s.Reader, doc: YamlFile, values: dict[str, Any], authors: dict[str, str],
                              out: Loaded, now: dt.datetime, authors_file: str) -> None:
    for index, author in enumerate(values.get("authors", ())):
        if author not in authors:
            reader.error(("authors", index), f"no author {quoted(author)} in {authors_file}"
                         f"{did_you_mean(author, authors)}; add the author there or fix the id")
    for index, exemplar in enumerate(values.get("exemplars", ())):
        out.references.append(Reference("exemplar", exemplar, doc.path, doc.line(("exemplars", index)),
                                        f"exemplars[{index}]"))
    if values.get("movement"):
        out.references.append(Reference("movement", values["movement"], doc.path, doc.line(("movement",)),
                                        "movement"))
    if values.get("draft") is False and values.get("date", now) > now:
        reader.error(("draft",), "a story dated in the future is published on its date; remove 'draft: false' "
                     "(the blog would publish it now)")
