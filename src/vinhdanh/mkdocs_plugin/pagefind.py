"""Pagefind, fed page by page while the site is built (its binary comes from the `pagefind[bin]` wheel).

Pagefind runs as a service in its own process, so it indexes on the second core while
MkDocs renders on the first. It is given only what search needs of each searchable page
(its content, marked up as on the site), not the finished site: reading every page's
header, navigation and footer was most of its time and memory.

The service speaks base64-encoded JSON messages ended by commas on its standard input and
output. The `pagefind` package's own asyncio client waits 0.1 s before reading each answer
(ten pages a second), so this module talks to the binary directly.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

MIN_FREE_BYTES = 1 << 20
WRITE_WAIT_S = 5.0
"""Less room than this left on the disk after Pagefind wrote the index: a file of it may be cut short."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; its own message is attached."""


def index_problem(output: Path) -> str | None:
    """Return what is wrong with the index Pagefind says it wrote into output, or None.

    Pagefind answers that it wrote every file even when it could not: on a full disk its
    files are left empty or cut short, and a search that loads them fails (measured with
    Pagefind 1.5 on a full tmpfs). So its entry and metadata must be there, no file may be
    empty, and the disk must still have room: a disk that filled up cut a file short.
    """
    try:
        entry = json.loads((output / "pagefind-entry.json").read_bytes())
        metas = [output / f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "its entry file (pagefind-entry.json) is missing or cut short"
    if missing := [meta.name for meta in metas if not meta.is_file()]:
        return f"its metadata {missing[0]} is missing"
    for path in output.rglob("*"):
        if path.is_file() and path.stat().st_size == 0:
            return f"{path.relative_to(output)} is empty"
    disk = os.statvfs(output)
    free = (disk.f_bavail if os.geteuid() else disk.f_bfree) * disk.f_frsize  # root may use the reserved blocks
    if free < MIN_FREE_BYTES:
        return f"the disk is full ({free // 1024:,} KB left), so files of the index may be cut short; free some space"
    return None


# Pagefind reads these elements' text as if it ran on into the next: "<dt>Cấp</dt><dd>Cấp ngành</dd>" was
# indexed, and shown in excerpts, as "CấpCấp ngành" (tested with Pagefind 1.5; p, li, td, div, h1-h6 are
# separated, th, dt, dd and the rest of these are not). A space after each keeps the words apart.
_RUN_ON = re.compile(r"</(?:th|dt|dd|summary|details|blockquote|header|aside|address|pre|legend|button)>",
                     re.IGNORECASE)


def spaced(content_html: str) -> str:
    """Return the content with a space after each element whose text Pagefind would run into the next one's."""
    return _RUN_ON.sub(r"\g<0> ", content_html)


class SearchIndexer:
    """One Pagefind index, filled with add() during a build and written by finish()."""

    def __init__(self, output: Path) -> None:
        self.started = time.perf_counter()
        self.output = output
        self.pages = 0
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary is missing; reinstall with `make install`")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        assert self._process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True)
        self._reader.start()
        self._sent = 0
        self._sending = threading.Lock()
        self._index_id = self._request({"type": "NewIndex", "config": {"force_language": "vi"}})["index_id"]

    def add(self, url: str, title: str, content_html: str) -> None:
        """Queue one page: its address from the site's root ("/ca-nhan/ha/"), title and content HTML."""
        heading = "" if "<h1" in content_html else f"<h1>{html.escape(title)}</h1>"
        page = (f'<!DOCTYPE html><html lang="vi"><head><title>{html.escape(title)}</title></head>'
                f"<body><main data-pagefind-body>{heading}{spaced(content_html)}</main></body></html>")
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": page,
                    "file_path": None})
        with self._sending:
            self.pages += 1

    def finish(self) -> float:
        """Wait for every page, write the index; return the seconds since the indexer started."""
        try:
            self._request({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(self.output)})
            if self._errors:
                raise SearchIndexError(f"Pagefind could not index a page: {self._errors[0]}")
            problem = self._written()
        finally:
            self.cancel()
        if problem:
            raise SearchIndexError(f"the search index was not written whole: {problem}")
        return time.perf_counter() - self.started

    def _written(self) -> str | None:
        """Wait until the index is whole, for a few seconds at most; return what is still wrong, or None.

        Pagefind answers before its last files are on disk, and drops those if it is stopped then
        (2 builds in 60 on the loaded 2-core machine lost pagefind-entry.json or a stylesheet): it
        stays up until every file is there. A full disk stays full: that is reported after the wait.
        """
        deadline = time.monotonic() + WRITE_WAIT_S
        while (problem := index_problem(self.output)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return problem

    def cancel(self) -> None:
        """Stop the service (without writing, unless finish() did)."""
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def _send(self, payload: dict[str, Any]) -> int:
        """Write one message; return its id. Blocks while Pagefind is behind (its input pipe is full)."""
        with self._sending:  # pages may come from two threads (see second_core.py)
            self._sent += 1
            message_id = self._sent
            message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
            assert self._process.stdin is not None
            try:
                self._process.stdin.write(base64.b64encode(message) + b",")
                self._process.stdin.flush()
            except BrokenPipeError:
                raise SearchIndexError("the Pagefind service stopped unexpectedly") from None
        return message_id

    def _request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a message and wait for its answer (Pagefind answers in order)."""
        message_id = self._send(payload)
        with self._arrived:
            while message_id not in self._answers:
                if not self._reader.is_alive():
                    raise SearchIndexError("the Pagefind service stopped unexpectedly")
                self._arrived.wait(timeout=1)
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {answer.get('message')}")
        return answer

    def _read(self, stream: IO[bytes]) -> None:
        """Collect answers; keep the ones waited for, and any error."""
        buffer = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                answer = json.loads(base64.b64decode(raw))
                payload = answer.get("payload", {})
                with self._arrived:
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message")))
                    if payload.get("type") != "IndexedFile":
                        self._answers[answer.get("message_id", -1)] = payload
                    self._arrived.notify_all()
