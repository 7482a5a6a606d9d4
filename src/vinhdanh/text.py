"""Vietnamese text: normalisation, search keys, slugs, collation and dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from zoneinfo import ZoneInfo

# U+00D0/U+00F0 (Icelandic eth) look exactly like Đ/đ and turn up in text typed
# with the wrong keyboard layout; they must sort, fold and match as Đ/đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def nfc(text: str) -> str:
    """Return text in NFC with look-alike eth letters read as Đ/đ."""
    if "ð" in text or "Ð" in text:  # translate() looks up every character: whole pages go through here
        text = text.translate(_LOOKALIKES)
    return unicodedata.normalize("NFC", text)


# Every combining mark, and đ → d: one str.translate pass (a loop over characters in
# Python made folding whole pages for search the slowest step of a build).
_FOLD: dict[int, str | None] = {code: None for code in range(0x10000) if unicodedata.combining(chr(code))}
_FOLD.update({ord("đ"): "d", ord("Đ"): "D", ord("ð"): "d", ord("Ð"): "D"})


def fold(text: str) -> str:
    """Return the search key of text: no tone or shape marks, đ→d, casefolded."""
    return unicodedata.normalize("NFD", text).translate(_FOLD).casefold()


# Old and new tone placement write the same syllable two ways: "Hoà"/"Hòa", "Khoẻ"/"Khỏe", "Thuỳ"/"Thùy".
# In NFD the old style has the tone after the second vowel of a final oa/oe/uy; the new style, after
# the first. Only at the end of a syllable ("hoàng" is written one way) and never after q ("quý").
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])"
                       rf"|([oO])([aAeE])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])")


def tone_placement(text: str) -> str:
    """Return text in NFC with old-style tone placement made new-style: "Hoà" → "Hòa", "Thuỳ" → "Thùy"."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    moved = _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2] if m[1] else m[4] + m[6] + m[5], decomposed)
    return unicodedata.normalize("NFC", moved)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Return an ASCII slug: "Đỗ Văn Hoà" → "do-van-hoa"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def toc_slugify(value: str, separator: str = "-") -> str:
    """Make heading anchors for Python-Markdown's toc that keep đ as d."""
    return slugify(value).replace("-", separator)


# --- Collation -------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET, start=10)}
# Shape marks make new letters (ă â ê ô ơ ư); tone marks do not.
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}
# Dictionary order: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _syllable_key(syllable: str) -> tuple[tuple[int, ...], int]:
    """Return (letter ranks, tone rank) of one written syllable."""
    letters: list[int] = []
    tone = 0
    for char in unicodedata.normalize("NFD", nfc(syllable).casefold()):
        if char in _TONE_RANK:
            tone = _TONE_RANK[char]
        elif char in _SHAPE_MARKS and letters:
            letters[-1] = _shaped_rank(letters[-1], char)
        elif unicodedata.combining(char):
            continue
        elif char in _LETTER_RANK:
            letters.append(_LETTER_RANK[char])
        elif char.isdigit():
            letters.append(int(char))  # digits before letters
        else:
            letters.append(ord(char) + 1000)
    return tuple(letters), tone


_SHAPED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
           ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
_RANK_LETTER = {rank: letter for letter, rank in _LETTER_RANK.items()}


def _shaped_rank(rank: int, mark: str) -> int:
    shaped = _SHAPED.get((_RANK_LETTER.get(rank, ""), mark))
    return _LETTER_RANK[shaped] if shaped else rank


@functools.lru_cache(maxsize=1 << 16)  # names are sorted again on every rebuild of `mkdocs serve`
def sort_key(text: str) -> tuple[object, ...]:
    """Return a key that sorts text in Vietnamese dictionary order.

    Letters are compared syllable by syllable first; tones only break ties.
    """
    keys = [_syllable_key(word) for word in text.split()]
    return (tuple(k[0] for k in keys), tuple(k[1] for k in keys), nfc(text))


# Family names of more than one word; the default split takes the first word.
COMPOUND_FAMILY_NAMES = ("Công Tằng Tôn Nữ", "Tôn Nữ", "Tôn Thất")


def split_name(
    name: str, family_name: str | None = None, given_name: str | None = None
) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given)."""
    words = name.split()
    if family_name is None:
        family_name = next(
            (f for f in COMPOUND_FAMILY_NAMES if name.startswith(f + " ")),
            words[0] if len(words) > 1 else "",
        )
    if given_name is None:
        given_name = words[-1] if words else ""
    rest = name
    if rest.startswith(family_name):
        rest = rest[len(family_name):]
    if given_name and rest.endswith(given_name):
        rest = rest[: -len(given_name)]
    return family_name, rest.strip(), given_name


def name_sort_key(
    name: str, family_name: str | None = None, given_name: str | None = None
) -> tuple[object, ...]:
    """Return a key sorting people by given, then middle, then family name."""
    family, middle, given = split_name(name, family_name, given_name)
    parts = [sort_key(given), sort_key(middle), sort_key(family)]
    return (
        tuple(p[0] for p in parts),
        tuple(p[1] for p in parts),
        nfc(name),
    )


def initial(word: str) -> str:
    """Return the Vietnamese letter a word is filed under: "Ánh" → "A", "Đức" → "Đ"."""
    first = unicodedata.normalize("NFD", nfc(word).upper())[:3]
    base = first[:1]
    for mark in first[1:]:
        if mark in _SHAPE_MARKS:
            base += mark
        elif not unicodedata.combining(mark):
            break
    return unicodedata.normalize("NFC", base) or "#"


# --- Dates -----------------------------------------------------------------


# A time written without a zone is Vietnam time, wherever the build runs.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def format_date(day: dt.date) -> str:
    """Return dd/mm/yyyy, the form Vietnamese readers expect."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_datetime(moment: dt.datetime) -> str:
    """Return dd/mm/yyyy HH:MM."""
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


# Spellings staff use for the same thing. Titles add their own names and aliases.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("VKSND", "VKS", "Viện KSND", "Viện kiểm sát nhân dân", "Viện kiểm sát"),
    ("TAND", "Tòa án nhân dân"),
    ("CSTĐ", "Chiến sĩ thi đua", "Chiến sỹ thi đua"),
    ("CSTĐCS", "Chiến sĩ thi đua cơ sở"),
    ("LĐTT", "Lao động tiên tiến"),
    ("TTLĐXS", "Tập thể lao động xuất sắc"),
    ("TTLĐTT", "Tập thể lao động tiên tiến"),
    ("HCLĐ", "Huân chương Lao động"),
    ("KNC", "Kỷ niệm chương"),
    ("TP", "Thành phố"),
    ("TP HCM", "TP. HCM", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("TĐKT", "Thi đua – Khen thưởng", "Thi đua, khen thưởng", "Thi đua - Khen thưởng"),
)
# Written as one word but meaning several; expanded before the synonym groups apply.
_EXPANSIONS = {"vksndtc": "vksnd toi cao", "vkstc": "vksnd toi cao", "tandtc": "tand toi cao",
               "tphcm": "tp hcm", "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ksnd": "kiem sat nhan dan"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1)
def _replacements() -> list[tuple[str, str]]:
    """Return (spelling, canonical) pairs, longest spelling first."""
    pairs = []
    for group in SYNONYMS:
        canonical = _words(group[0])
        pairs += [(f" {_words(spelling)} ", f" {canonical} ") for spelling in group]
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@functools.lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """Return the form two spellings of the same name share."""
    words = " ".join(_EXPANSIONS.get(w, w) for w in _words(text).split())
    padded = f" {words} "
    for spelling, replacement in _replacements():
        if spelling in padded:
            padded = padded.replace(spelling, replacement)
    return " ".join(padded.split())
