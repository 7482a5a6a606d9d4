"""One address for the press team: the editor at /admin/, the preview everywhere else.

A small HTTP server on 127.0.0.1 serves Decap CMS from the installed node_modules and its
generated configuration, answers Decap's local backend (checking saves, see api.py) by
way of decap-server, and forwards every other request to `mkdocs serve`. It serves only
what it is asked for by name: nothing is loaded from any other host.
"""

from __future__ import annotations

import http.client
import http.server
import json
import re
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..project import Project
from . import api
from .config import API_PATH, config_yaml, editor_config
from .records import SaveError, new_record_stem, new_story_stem

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
               "proxy-authorization"}


@dataclass
class Backends:
    """Where the editor's server finds its two helpers, both on 127.0.0.1."""

    project: Project
    decap_dist: Path
    """node_modules/decap-cms/dist: the editor's bundle."""
    decap_port: int
    preview_port: int
    branch: str


class EditorServer(http.server.ThreadingHTTPServer):
    """The front server; its handler reads the backends from here."""

    daemon_threads = True

    def __init__(self, port: int, backends: Backends) -> None:
        super().__init__(("127.0.0.1", port), EditorHandler)
        self.backends = backends

    @property
    def base_url(self) -> str:
        """Return the address the team opens."""
        return f"http://127.0.0.1:{self.server_address[1]}/"


class EditorHandler(http.server.BaseHTTPRequestHandler):
    """Routes /admin/ and the local backend to the editor, the rest to the preview."""

    server: EditorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal shows the preview's and the backend's messages, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
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
        self._forward_to_preview()

    def do_POST(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        try:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        except ValueError:
            self._send_json(400, {"error": "Yêu cầu không đọc được"})
            return
        if path == API_PATH:
            status, answer = api.handle(self.server.backends.project, request, self._forward_to_decap)
            self._send_json(status, answer)
        elif path == "/admin/api/new-id":
            self._send_new_id(request)
        else:
            self._send_json(404, {"error": "Không có địa chỉ này"})

    # --- The editor ---------------------------------------------------------------------

    def _send_asset(self, name: str) -> None:
        self._send(200, ASSETS.joinpath(name).read_bytes(), TYPES[Path(name).suffix], {"Cache-Control": "no-cache"})

    def _send_config(self) -> None:
        backends = self.server.backends
        config = editor_config(backends.project, self.server.base_url, backends.branch)
        self._send(200, config_yaml(config).encode("utf-8"), TYPES[".yml"], {"Cache-Control": "no-store"})

    def _send_dist(self, name: str) -> None:
        dist = self.server.backends.decap_dist
        if not _DIST_NAME.fullmatch(name) or not (dist / name).is_file():
            self._send(404, "Không có tệp này".encode(), "text/plain; charset=utf-8")
            return
        self._send(200, (dist / name).read_bytes(), TYPES.get(Path(name).suffix, "application/octet-stream"),
                   {"Cache-Control": "max-age=3600"})

    def _send_new_id(self, request: dict[str, Any]) -> None:
        project = self.server.backends.project
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

    def _forward_to_decap(self, request: dict[str, Any]) -> tuple[int, Any]:
        port = self.server.backends.decap_port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            body = api.json_body(request)
            connection.request("POST", API_PATH, body, {"Content-Type": "application/json; charset=utf-8"})
            response = connection.getresponse()
            return response.status, json.loads(response.read() or b"null")
        except (OSError, ValueError):
            return 503, {"error": "Bộ lưu trữ (decap-server) chưa chạy; hãy chạy lại make edit"}
        finally:
            connection.close()

    # --- The preview --------------------------------------------------------------------

    def _forward_to_preview(self) -> None:
        port = self.server.backends.preview_port
        # Long enough for MkDocs' live reload, which holds a request until the next build.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | {"host"}}
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

    def _send_json(self, status: int, data: Any) -> None:
        self._send(status, api.json_body(data), "application/json; charset=utf-8", {"Cache-Control": "no-store"})

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if urlsplit(self.path).path.startswith("/admin"):
            self.send_header("Content-Security-Policy", CSP)
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
