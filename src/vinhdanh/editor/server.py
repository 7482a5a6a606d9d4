"""One address for the press team: the editor at /admin/, the preview everywhere else.

A small HTTP server on 127.0.0.1 serves Decap CMS from the installed node_modules and its
generated configuration, answers Decap's local backend itself (backend.py), and forwards
every other request to `mkdocs serve`. Every request is first checked (access.py): this
launch's secret, this server's name, and for changes the editor's own page as the sender.
It serves only what it is asked for by name: nothing is loaded from any other host.
"""

from __future__ import annotations

import http.client
import http.server
import json
import re
import sys
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .access import EDITOR_HEADER, Access, Denied, officer_name
from .backend import Backend
from .config import API_PATH, config_yaml, editor_config
from .records import SaveError, new_record_stem, new_story_stem
from .saving import Editor

ASSETS = package_files("vinhdanh").joinpath("editor/assets")
# Decap builds its forms with inline styles and compiles its config schema at run time;
# everything else, scripts included, comes from this server alone.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' blob: data:; font-src 'self' data:; connect-src 'self' blob:; media-src 'self' blob:; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8", ".wasm": "application/wasm",
         ".map": "application/json", ".yml": "text/yaml; charset=utf-8", ".svg": "image/svg+xml"}
_DIST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate",
               "proxy-authorization", "host", "cookie"}


@dataclass
class Backends:
    """What the editor's server serves: the project's backend, the Decap bundle, and the preview's port."""

    backend: Backend
    decap_dist: Path
    """node_modules/decap-cms/dist: the editor's bundle."""
    preview_port: int


class EditorServer(http.server.ThreadingHTTPServer):
    """The front server; its handler reads the backends and this launch's secret from here."""

    daemon_threads = True

    def __init__(self, port: int, backends: Backends, access: Access | None = None) -> None:
        super().__init__(("127.0.0.1", port), EditorHandler)
        self.backends = backends
        self.access = access or Access(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing of a browser that left before its answer (a page reloaded); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        """Return the address of the preview (without the secret)."""
        return f"http://127.0.0.1:{self.server_address[1]}/"


class EditorHandler(http.server.BaseHTTPRequestHandler):
    """Checks each request, then routes /admin/ and the local backend to the editor, the rest to the preview."""

    server: EditorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal shows the preview's messages, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._let_in():
            return
        path = urlsplit(self.path).path
        if path == "/admin":
            self._send(301, b"", "text/plain", {"Location": "/admin/"})
        elif path == "/admin/":
            self._send_asset("index.html")
        elif path == "/admin/config.yml":
            self._send_config()
        elif path in ("/admin/vinhdanh-editor.js", "/admin/vinhdanh-editor.css"):
            self._send_asset(path.rsplit("/", 1)[1])
        elif path.startswith("/admin/decap/"):
            self._send_dist(path.removeprefix("/admin/decap/"))
        else:
            self._forward_to_preview()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._let_in():
            self._forward_to_preview()

    def do_POST(self) -> None:  # noqa: N802
        if not self._let_in():
            return
        if denied := self.server.access.change_denied(self.headers):
            self.close_connection = True  # the body, perhaps huge, is not read
            self._send_json(denied.status, {"error": denied.message})
            return
        try:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        except (ValueError, RecursionError):
            request = None
        if not isinstance(request, dict):
            self._send_json(400, {"error": "Yêu cầu không đọc được"})
            return
        path = urlsplit(self.path).path
        if path == API_PATH:
            editor = Editor(officer_name(self.headers), self.headers.get(EDITOR_HEADER, ""))
            self._send_json(*self.server.backends.backend.handle(request, editor))
        elif path == "/admin/api/new-id":
            self._send_new_id(request)
        else:
            self._send_json(404, {"error": "Không có địa chỉ này"})

    def _refuse_method(self) -> None:
        self.close_connection = True
        self._send_json(405, {"error": "Trình biên tập không nhận yêu cầu này"}, {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method  # noqa: N815

    # --- Who may come in ------------------------------------------------------------------

    def _let_in(self) -> bool:
        """Answer and return False unless the request is for this server, from the officer's browser."""
        access = self.server.access
        denied = access.host_denied(self.headers)
        token = None if denied else access.token_in(self.path)
        if token and token[0]:  # the address from the terminal: keep the secret in a cookie, not in the address
            self._send(303, b"", "text/plain", {"Location": token[1], "Set-Cookie": access.set_cookie(),
                                                 "Referrer-Policy": "no-referrer"})
            return False
        if not denied and (token or not access.signed_in(self.headers)):
            denied = Denied(403, "Cần mở trình biên tập bằng đúng địa chỉ in ra trong cửa sổ lệnh khi chạy "
                                 "make edit (địa chỉ có đoạn ?token=…); địa chỉ đổi sau mỗi lần chạy")
        if denied is None:
            return True
        self.close_connection = True
        if self.command == "POST" or urlsplit(self.path).path.startswith("/api/"):
            self._send_json(denied.status, {"error": denied.message})
        else:
            page = _DENIED.format(message=denied.message).encode("utf-8")
            self._send(denied.status, page, TYPES[".html"], {"Cache-Control": "no-store"})
        return False

    # --- The editor ---------------------------------------------------------------------

    def _send_asset(self, name: str) -> None:
        self._send(200, ASSETS.joinpath(name).read_bytes(), TYPES[Path(name).suffix], {"Cache-Control": "no-cache"})

    def _send_config(self) -> None:
        backend = self.server.backends.backend
        branch = backend.repository.branch() if backend.repository else "main"
        config = editor_config(backend.project, self.server.base_url, branch)
        self._send(200, config_yaml(config).encode("utf-8"), TYPES[".yml"], {"Cache-Control": "no-store"})

    def _send_dist(self, name: str) -> None:
        dist = self.server.backends.decap_dist
        if not _DIST_NAME.fullmatch(name) or not (dist / name).is_file():
            self._send(404, "Không có tệp này".encode(), "text/plain; charset=utf-8")
            return
        self._send(200, (dist / name).read_bytes(), TYPES.get(Path(name).suffix, "application/octet-stream"),
                   {"Cache-Control": "max-age=3600"})

    def _send_new_id(self, request: dict[str, Any]) -> None:
        project = self.server.backends.backend.project
        collection = str(request.get("collection", ""))
        try:
            if collection in ("people", "collectives"):
                stem = new_record_stem(project.exemplars / collection, str(request.get("name", "")))
            elif collection == "stories" and project.news:
                stem = new_story_stem(project.docs / project.news.posts_dir, str(request.get("title", "")),
                                      str(request.get("date", "")))
            else:
                raise SaveError("Mục này không cần tên tệp mới")
        except SaveError as err:
            self._send_json(422, {"error": str(err)})
            return
        self._send_json(200, {"id": stem})

    # --- The preview --------------------------------------------------------------------

    def _forward_to_preview(self) -> None:
        port = self.server.backends.preview_port
        # Long enough for MkDocs' live reload, which holds a request until the next build.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            connection.request(self.command, self.path, headers=headers)
            response = connection.getresponse()
        except OSError:
            connection.close()
            self._send(503, _WAITING.encode("utf-8"), TYPES[".html"], {"Retry-After": "2"})
            return
        try:
            body = response.read()
            extra = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP | {"content-length"}}
            self._send(response.status, body, None, extra)
        finally:
            connection.close()

    def _send_json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", {"Cache-Control": "no-store", **(headers or {})})

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if urlsplit(self.path).path.startswith("/admin") or status >= 400:
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_WAITING = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="2"><title>Đang dựng bản xem trước…</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Đang dựng bản xem trước…</h1>
<p>Trang tự tải lại sau vài giây. Trình biên tập đã sẵn sàng ở <a href="/admin/">/admin/</a>.</p>
</body></html>"""

_DENIED = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không vào được</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem; max-width: 40rem">
<h1>Không vào được trình biên tập</h1>
<p>{message}.</p>
</body></html>"""
