"""What Pagefind indexes beyond the visible text: facets, sort keys, and a folded shadow.

Pagefind folds tones and letter shapes ("tram" finds "Trâm", "hòa" finds "hoà") but
keeps "đ" apart from "d". The search box folds "đ" to "d" in every query; so that such
queries still find "Đào Đức Thắng", each indexed page carries a hidden, never-shown copy
of its "đ" words with "d", plus the other spellings of the abbreviations it uses.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterable

from markupsafe import escape

from ..records.model import Collective, Person
from ..records.stories import Story
from ..text import SYNONYMS, VIETNAM, fold
from .relations import Relations, kind_of

_WORD = re.compile(r"\w+")
_D_WORD = re.compile(r"\w*[đĐ]\w*")
_TAGS = re.compile(r"<[^>]+>")
# An element Pagefind leaves out: its words need no folded copy. (Where such an element holds another of
# its own name, less is left out here, never more: a few words too many in the shadow, nothing missing.)
_IGNORED = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-ignore\b[^>]*>.*?</\1>", re.DOTALL)
KIND_LABELS = {"person": "Cá nhân", "collective": "Tập thể", "story": "Tin bài"}


def synonym_groups(rel: Relations) -> list[tuple[str, ...]]:
    """Return the synonym groups: the fixed list and each title's names."""
    titles = [(t.name, *t.aliases) for t in rel.titles.values() if t.aliases]
    return [*SYNONYMS, *titles]


def shadow_text(page_html: str, groups: Iterable[tuple[str, ...]]) -> str:
    """Return the folded words the page should also be found by, and does not already contain."""
    text = html.unescape(_TAGS.sub(" ", _IGNORED.sub(" ", page_html)))
    lowered = _WORD.findall(text.lower())
    words = " " + " ".join(lowered) + " "  # lowercased, not folded: folding whole pages is slow
    extra = {_fold_word(word) for word in _D_WORD.findall(text)}
    for group in groups:
        if any(f" {name} " in words for name in _spelled(group)):
            extra.update(word for name in group for word in _WORD.findall(fold(name)))
    # Pagefind already folds tones; repeating words the page has would only swell the index.
    present = {_fold_word(word) for word in set(lowered) if "đ" not in word}
    return " ".join(sorted(extra - present))


_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)
"""fold() of one word: the same words come back on thousands of pages."""


@functools.cache
def _spelled(group: tuple[str, ...]) -> tuple[str, ...]:
    """Return each spelling of a group as space-separated lowercase words."""
    return tuple(" ".join(_WORD.findall(name.lower())) for name in group)


def facet(attribute: str, key: str, value: object) -> str:
    return f'<span data-pagefind-{attribute}="{escape(key)}:{escape(str(value))}"></span>'


def _province(rel: Relations, unit_id: str) -> str:
    """Return the province-level unit (a child of the root) that unit_id belongs to now."""
    path = rel.unit_path(rel.current_unit(unit_id).id)
    return (path[1] if len(path) > 1 else path[0]).short


def exemplar_search_data(rel: Relations, exemplar: Person | Collective, image: str | None) -> str:
    """Return hidden Pagefind filters, sort key and metadata for a profile."""
    kind = kind_of(exemplar)
    parts = [facet("filter", "loai", KIND_LABELS[kind]), facet("filter", "don_vi", _province(rel, exemplar.unit)),
             facet("meta", "don_vi", rel.units[exemplar.unit].short)]
    awards = rel.honours_of(exemplar)
    for award in awards:
        parts.append(facet("filter", "nam", award.honour.last_year))
        parts.append(facet("filter", "danh_hieu", award.title.name))
        if award.honour.movement:
            parts.append(facet("filter", "phong_trao", rel.movements[award.honour.movement].name))
    top = rel.highest(exemplar)
    if top:
        parts.append(facet("meta", "danh_hieu", f"{top.title.name} ({top.honour.year})"))
    latest = max((a.honour.date or dt.date(a.honour.last_year, 12, 31) for a in awards), default=None)
    parts.append(facet("sort", "ngay", f"{latest:%Y%m%d}" if latest else "0"))
    parts += _image(image, exemplar.name)
    return hidden_data(parts)


def story_search_data(rel: Relations, story: Story) -> str:
    """Return hidden Pagefind filters, sort key and metadata for a story."""
    local = story.date.astimezone(VIETNAM)
    parts = [facet("filter", "loai", KIND_LABELS["story"]), facet("filter", "nam", local.year),
             facet("sort", "ngay", f"{local:%Y%m%d}"), facet("meta", "ngay", story.shown_date())]
    if story.movement:
        parts.append(facet("filter", "phong_trao", rel.movements[story.movement].name))
    for unit in sorted({_province(rel, e.unit) for e in rel.featured(story)}):
        parts.append(facet("filter", "don_vi", unit))
    # The cover, or else the story's first photo (not a featured exemplar's portrait further down).
    first = story.cover.image if story.cover else story.images[0] if story.images else None
    parts += _image(first, story.cover.alt if story.cover else "")
    return hidden_data(parts)


def _image(image: str | None, alt: str) -> list[str]:
    """Return the result's picture, or an explicit none.

    Without one, Pagefind takes the page's first <img>, whatever it is: for a person without a photo,
    the portrait of a collective he belongs to, at an address relative to the page.
    """
    if not image:
        return [facet("meta", "image", "")]
    return [facet("meta", "image", image), facet("meta", "image_alt", alt)]


def hidden_data(parts: list[str]) -> str:
    return '<div class="vd-search-data" hidden>' + "".join(parts) + "</div>"


def shadow_block(words: str) -> str:
    """Return the hidden element holding a page's folded words, or ''.

    Each word is bracketed ⟦so⟧: Pagefind indexes it without the brackets, and the
    search box strips bracketed words from the excerpts it shows.
    """
    if not words:
        return ""
    bracketed = " ".join(f"⟦{word}⟧" for word in words.split())
    return f'<div class="vd-search-data" hidden aria-hidden="true">{escape(bracketed)}</div>'
