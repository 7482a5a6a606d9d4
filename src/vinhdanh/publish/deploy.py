"""What a built site needs from its web server: security headers, caching, compression.

The Content-Security-Policy allows the site's inline scripts by their SHA-256 hashes,
computed here from the scripts actually present in the built HTML, so an upgrade of
Material (which writes them) cannot silently break the policy. Anything in the site
that the policy would block is reported, file and line, instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..records.problems import Problem

LONG_CACHE = "public, max-age=31536000, immutable"
"""For names that carry a content hash: a changed file gets a new name."""
REVALIDATE = "no-cache"
"""For everything else: kept by the browser but checked on each use (a 304 when unchanged)."""
FINGERPRINTED = r"^/(assets/.+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?|pagefind/.+\.pf_(meta|index|fragment|filter))$"
"""URL paths of files whose name holds a hash of their content (Material's bundles, Pagefind's index)."""
COMPRESSED_TYPES = ("text/css", "application/javascript", "text/javascript", "application/json", "text/xml",
                    "application/xml", "application/atom+xml", "image/svg+xml")
"""Worth gzip besides HTML. Photos are compressed already, and so are Pagefind's index files."""
PAGEFIND_EXTENSIONS = ("pagefind", "pf_meta", "pf_index", "pf_fragment", "pf_filter")
"""Pagefind's own (gzip-compressed) files: served as application/octet-stream."""
NOT_FOUND_PAGE = "/404.html"
HIDDEN = r"/\.(?!well-known/)"
"""Hidden files and folders (`/.git/config`, `/.env`): never served, whatever the site's folder holds.
`/.well-known/` (RFC 8615: security.txt, certificate checks) is the one exception."""
RECORDS = r"\.ya?ml$"
"""YAML files (the records' format, `private:` fields included): never served. Matched in any case."""

_SCRIPT = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""([^\s"'=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# Scripts of these types run; others (application/json, ld+json) are data the policy does not govern.
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "text/ecmascript", "application/x-javascript"}
_OTHER_SITE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
# What the policy may block starts with one of these (searched in the lowercased page; separate
# case-sensitive patterns keep re's fast literal search: one pattern with IGNORECASE was 5x slower).
_SUSPECTS = tuple(re.compile(pattern) for pattern in (
    r"<link\b", r"<style", r"style\s*=", r"javascript:", r"on[a-z]+\s*=", r"src\s*=\s*[\"']?\s*(https?:)?//"))
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
_JAVASCRIPT_URL = re.compile(r"^\s*javascript:", re.IGNORECASE)


class DeployError(Exception):
    """The site cannot be deployed as it is; every reason is attached."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the site")


@dataclass(frozen=True)
class SitePolicy:
    """The headers a site needs, from its built files."""

    script_hashes: tuple[str, ...]
    """CSP sources such as `'sha256-…'`, one for each distinct inline script, sorted."""
    extensions: tuple[str, ...]
    """File extensions present in the site (without the dot), sorted: IIS serves only those it knows."""

    @property
    def content_security_policy(self) -> str:
        """Return the policy: everything from the site itself, scripts also by hash, nothing framed."""
        scripts = " ".join(("'self'", *self.script_hashes, "'wasm-unsafe-eval'"))  # Pagefind's WebAssembly
        return ("default-src 'self'; "
                f"script-src {scripts}; "
                "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                "frame-ancestors 'none'")

    @property
    def headers(self) -> dict[str, str]:
        """Return the security headers for every response, in the order they are written."""
        return {
            "Content-Security-Policy": self.content_security_policy,
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        }


def site_policy(site: Path, shown_as: str | None = None) -> SitePolicy:
    """Scan the built site; return its policy, or raise DeployError naming what the policy would block."""
    shown_as = shown_as or str(site)
    if not (site / "index.html").is_file() or not (site / NOT_FOUND_PAGE.lstrip("/")).is_file():
        raise DeployError([Problem(shown_as, 0, "", "no built site here (index.html or 404.html is missing); "
                                                    "run `vinhdanh build` first, or give --site-dir")])
    hashes: set[str] = set()
    blocked: dict[tuple[str, str, str], list[Any]] = {}  # (field, message, tag) → [first Problem, pages]
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        hashes.update(inline_script_hashes(text))
        for line, field, message, tag in blocked_content(text):
            # A template override repeats its mistake on every page: report it once, with the count.
            where = f"{shown_as}/{page.relative_to(site).as_posix()}"
            blocked.setdefault((field, message, tag), [Problem(where, line, field, message), 0])[1] += 1
    if blocked:
        raise DeployError(sorted(replace(problem, message=problem.message + _elsewhere(pages - 1))
                                 for problem, pages in blocked.values()))
    extensions = {path.suffix.lstrip(".").lower() for path in site.rglob("*.*") if path.is_file()}
    return SitePolicy(tuple(sorted(hashes)), tuple(sorted(extensions)))


def inline_script_hashes(html: str) -> set[str]:
    """Return the CSP hash source of each inline script that runs, as the browser computes it."""
    hashes = set()
    for match in _SCRIPT.finditer(html):
        attributes = dict(_attributes(match[1]))
        if "src" in attributes or attributes.get("type", "").strip().lower() not in _JS_TYPES:
            continue
        # The browser hashes the script's text after HTML's newline normalisation, in UTF-8.
        body = match[2].replace("\r\n", "\n").replace("\r", "\n")
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return hashes


def blocked_content(html: str) -> Iterator[tuple[int, str, str, str]]:
    """Yield (line, field, message, tag) for what the policy would block: inline styles and handlers, other sites."""
    # Blank out scripts and comments, keeping their newlines so that line numbers stay right.
    text = _COMMENT.sub(_blank, html)
    text = _SCRIPT.sub(lambda m: m[0] if "src" in dict(_attributes(m[1])) else _blank(m), text)
    lowered = text.lower()
    hits = sorted({hit.start() for suspect in _SUSPECTS for hit in suspect.finditer(lowered)
                   if hit.start() == 0 or lowered[hit.start() - 1] not in _WORD})  # "icon=" is no handler
    seen: set[int] = set()
    for hit in hits:  # a few per page: far faster than parsing every tag
        start = text.rfind("<", 0, hit + 1)
        tag = _TAG.match(text, start) if start >= 0 and start not in seen else None
        if tag is None or tag.end() <= hit:
            continue  # in text between tags, or in a tag already looked at
        seen.add(start)
        for field, message in _blocked(tag[1].lower(), dict(_attributes(tag[2]))):
            yield text.count("\n", 0, start) + 1, field, message, tag[0]


_STYLE_FIX = "blocked by the Content-Security-Policy (style-src 'self'); "
_LOADED_LINKS = {"stylesheet", "icon", "manifest", "preload", "modulepreload"}


def _blocked(tag: str, attributes: dict[str, str]) -> Iterator[tuple[str, str]]:
    if tag == "style":
        yield "<style>", _STYLE_FIX + "move the rules into a stylesheet listed in extra_css"
    if "style" in attributes:
        yield "style=", _STYLE_FIX + "give the element a class and style it in a stylesheet listed in extra_css"
    for handler in sorted(a for a in attributes if a.startswith("on")):
        yield f"{handler}=", "an inline event handler, blocked by the Content-Security-Policy; remove it"
    if _JAVASCRIPT_URL.match(attributes.get("href", "")):
        yield "href=", "a javascript: link, blocked by the Content-Security-Policy; remove it"
    loads = attributes.get("src", "")
    if tag == "link" and _LOADED_LINKS & set(attributes.get("rel", "").lower().split()):
        loads = attributes.get("href", "")
    if _OTHER_SITE.match(loads):
        yield f"<{tag}>", (f"loads {loads.strip()[:60]!r} from another site, which the policy blocks and an "
                           "offline intranet cannot reach; copy the file into the site")


def _attributes(text: str) -> Iterator[tuple[str, str]]:
    for match in _ATTRIBUTE.finditer(text):
        value = match[2] or ""
        yield match[1].lower(), value[1:-1] if value[:1] in "\"'" and len(value) > 1 else value


def _elsewhere(count: int) -> str:
    return f" (the same on {count} other page{'s' if count > 1 else ''})" if count else ""


def _blank(match: re.Match[str]) -> str:
    return "\n" * match[0].count("\n")
