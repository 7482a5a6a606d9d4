"""Under `mkdocs serve`: keep previewing what is right while some records or stories are wrong.

`make site` refuses a catalogue with errors. The preview must not go blank instead: a
record or story with an error is shown as it last was correct (or left out, if it never
was), records that then point to something missing are left out too, and every page
carries a banner listing the problems in Vietnamese. Nothing here is used by `make site`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..records import schema as s
from ..records.checks import check
from ..records.documents import DOCUMENT_FIELDS
from ..records.fields import COLLECTIVE_FIELDS, PERSON_FIELDS, STORY_FIELDS
from ..records.load import Loaded, shown
from ..records.model import Catalogue
from ..records.problems import Problem
from ..records.problems_vi import describe

ROUNDS = 5
"""Leaving a record out can break the records that name it: a few rounds settle it."""


@dataclass
class Preview:
    """What the preview builds from, and what it must tell."""

    loaded: Loaded
    problems: list[Problem] = field(default_factory=list)
    """Every error found (the banner lists them)."""
    left_out: set[str] = field(default_factory=set)
    """Files not shown as they are now, as problems name them."""


def previewable(loaded: Loaded, problems: list[Problem], docs: Path, last_good: Loaded | None) -> Preview:
    """Return the largest part of the catalogue that builds, with the errors to show beside it."""
    errors = [p for p in problems if not p.warning]
    bad = {p.path for p in errors}
    for _ in range(ROUNDS):
        trial = _without(loaded, bad, docs, last_good)
        more = {p.path for p in check(trial) if not p.warning} - bad
        if not more:
            return Preview(trial, errors, bad)
        bad |= more
    # Errors that leaving files out does not cure (a loop in the unit tree, say).
    fallback = last_good or Loaded(Catalogue())
    every_story = {shown(docs / uri) for uri in loaded.catalogue.stories}
    return Preview(fallback, errors, bad | every_story)


def _without(loaded: Loaded, bad: set[str], docs: Path, last_good: Loaded | None) -> Loaded:
    """Return loaded without the records and stories of the bad files; earlier good versions stand in."""
    cat = loaded.catalogue
    old = last_good.catalogue if last_good else Catalogue()

    def kept(records: dict, previous: dict) -> dict:  # type: ignore[type-arg]
        out = {k: v for k, v in records.items() if v.origin.path not in bad}
        out |= {k: v for k, v in previous.items() if v.origin.path in bad and k not in out}
        return out

    people, collectives = kept(cat.people, old.people), kept(cat.collectives, old.collectives)
    stories = {uri: story for uri, story in cat.stories.items() if shown(docs / uri) not in bad}
    substitutes = {e.origin.path for e in [*people.values(), *collectives.values()] if e.origin.path in bad}
    references = [r for r in loaded.references if r.path not in bad]
    references += [r for r in (last_good.references if last_good else []) if r.path in substitutes]
    return Loaded(replace(cat, people=people, collectives=collectives, stories=stories), references, [],
                  set(people))


BANNER_FILE = "vinhdanh-preview.html"
"""Written beside the preview's pages at each rebuild: the banner, or nothing."""


def banner_loader(page_url: str) -> str:
    """Return what each preview page carries to show the current banner.

    The banner is fetched rather than written into each page: under `serve --dirty` a rebuild
    writes only the pages it changed, and the others would keep an old banner, or none.
    """
    up = "../" * page_url.count("/")
    return (f'<script>fetch("{up}{BANNER_FILE}", {{cache: "no-store"}}).then(function (r) {{ return r.ok ? r.text()'
            ' : ""; }).then(function (h) { if (h) { document.body.insertAdjacentHTML("afterbegin", h); } });'
            "</script>")


def banner(problems: list[Problem]) -> str:
    """Return the HTML of the preview's banner: what is wrong, where, in Vietnamese."""
    items = "".join(f"<li><code>{html.escape(p.path)}{f':{p.line}' if p.line else ''}</code> "
                    f"{html.escape(describe(p, _fields_of(p.path)))}</li>" for p in problems)
    return (f'<div class="vinhdanh-problems" role="alert"><p><strong>Bản xem trước: {len(problems)} lỗi.</strong> '
            "Các hồ sơ, tin bài có lỗi được hiện như lần đúng gần nhất, hoặc chưa hiện; sửa xong, trang tự cập "
            f"nhật. <code>make site</code> chưa đăng được cho đến khi hết lỗi.</p><ul>{items}</ul></div>")


def _fields_of(path: str) -> dict[str, s.Field]:
    """Return the schema of the file at path, so that the banner names fields as the editor does."""
    folder = Path(path).parent.name
    return PERSON_FIELDS if folder == "people" else COLLECTIVE_FIELDS if folder == "collectives" else \
        DOCUMENT_FIELDS if folder == "documents" else STORY_FIELDS if path.endswith(".md") else {}
