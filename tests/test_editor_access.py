"""Who gets into the editor's server: the officer's browser with this launch's secret, no other page or host."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vinhdanh.editor.access import MAX_BODY, Access
from vinhdanh.editor.backend import Backend
from vinhdanh.editor.server import Backends, EditorServer
from vinhdanh.project import Project
from vinhdanh.records.stories import NewsRules

from .conftest import write

PERSON = "exemplars/people/nguyen-thi-thu-ha.yml"


@pytest.fixture
def server(records: Path, tmp_path: Path) -> Iterator[EditorServer]:
    """The editor's server on a free port, over a small project (no preview, no Decap bundle)."""
    root = records.parent
    write(root, {"content/news/posts/.keep": "", "content/news/.authors.yml": "authors: {}\n"})
    project = Project(root=root, exemplars=records, docs=root / "content", overrides=root / "overrides",
                      news=NewsRules())
    (tmp_path / "dist").mkdir()
    front = EditorServer(0, Backends(Backend(project), tmp_path / "dist", preview_port=1))
    thread = threading.Thread(target=front.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield front
    front.shutdown()
    front.server_close()


def send(server: EditorServer, method: str, path: str, headers: dict[str, str] | None = None,
         body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        headers = {"Host": f"127.0.0.1:{server.server_address[1]}", **(headers or {})}
        if body is not None and "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        for key, value in headers.items():
            connection.putheader(key, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def signed_in(server: EditorServer) -> dict[str, str]:
    """Return the headers of the editor's own page: its cookie, origin and header, as JSON."""
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    return {"Cookie": f"{server.access.cookie}={server.access.token}", "Origin": origin,
            "Sec-Fetch-Site": "same-origin", "X-Vinhdanh-Tab": "t1", "Content-Type": "application/json"}


READ = json.dumps({"action": "getEntry", "params": {"branch": "main", "path": PERSON}}).encode()


def test_the_address_from_the_terminal_lets_the_browser_in_and_forgets_the_secret(server: EditorServer) -> None:
    token = server.access.token
    assert send(server, "GET", "/admin/")[0] == 403
    assert send(server, "GET", "/admin/?token=wrong")[0] == 403
    status, headers, _ = send(server, "GET", f"/admin/?token={token}&x=1")
    assert status == 303 and headers["Location"] == "/admin/?x=1"
    assert headers["Set-Cookie"] == f"{server.access.cookie}={token}; Path=/; HttpOnly; SameSite=Strict"
    status, _, body = send(server, "POST", "/api/v1", signed_in(server), READ)
    assert status == 200 and "Nguyễn Thị Thu Hà" in json.loads(body)["data"]


def test_no_secret_no_entry_and_no_private_field(server: EditorServer) -> None:
    headers = {k: v for k, v in signed_in(server).items() if k != "Cookie"}
    for cookie in (None, f"{server.access.cookie}=wrong", f"vinhdanh-editor-1={server.access.token}"):
        status, _, body = send(server, "POST", "/api/v1", {**headers, **({"Cookie": cookie} if cookie else {})}, READ)
        assert status == 403 and b"0912" not in body
        assert "địa chỉ in ra trong cửa sổ lệnh" in json.loads(body)["error"]
    status, _, body = send(server, "GET", "/admin/config.yml")
    assert status == 403 and b"collections" not in body


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.nip.io:{port}", "127.0.0.1:1", "127.0.0.1",
                                  "localhost.evil:{port}", ""])
def test_a_domain_made_to_point_at_the_machine_is_refused(server: EditorServer, host: str) -> None:
    """DNS rebinding: the attacker's page, same-origin with its own domain, reaches 127.0.0.1 under that name."""
    headers = {**signed_in(server), "Host": host.format(port=server.server_address[1])}
    headers["Origin"] = f"http://{headers['Host']}"
    for method, path, body in [("POST", "/api/v1", READ), ("GET", "/admin/config.yml", None), ("GET", "/", None),
                               ("GET", f"/admin/?token={server.access.token}", None)]:
        status, answer, content = send(server, method, path, headers, body)
        assert status == 403 and b"0912" not in content and "Set-Cookie" not in answer


@pytest.mark.parametrize(("change", "status"), [
    ({"Origin": None}, 403), ({"Origin": "http://127.0.0.1:9999"}, 403), ({"Origin": "null"}, 403),
    ({"Origin": "http://evil.example"}, 403), ({"Sec-Fetch-Site": "same-site"}, 403),
    ({"Sec-Fetch-Site": "cross-site"}, 403), ({"X-Vinhdanh-Tab": None}, 403),
    ({"Content-Type": "text/plain"}, 415), ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ({"Content-Type": "multipart/form-data; boundary=x"}, 415), ({"Content-Type": None}, 415),
    ({"Content-Length": str(MAX_BODY + 1)}, 413),
])
def test_changes_come_only_from_the_editor_s_page_as_json(server: EditorServer, change: dict[str, Any],
                                                          status: int) -> None:
    headers = {**signed_in(server), **{k: v for k, v in change.items() if v is not None}}
    headers = {k: v for k, v in headers.items() if change.get(k, "") is not None}
    body = json.dumps({"action": "deleteFile", "params": {"branch": "main", "path": PERSON}}).encode()
    if "Content-Length" in change:
        body = b"{}"
    answer = send(server, "POST", "/api/v1", headers, body)
    assert answer[0] == status
    assert (server.backends.backend.project.root / PERSON).is_file()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_refused(server: EditorServer, method: str) -> None:
    assert send(server, method, "/api/v1", signed_in(server), b"{}")[0] == 405


def test_the_secret_differs_at_each_launch() -> None:
    first, second = Access(8000), Access(8000)
    assert first.token != second.token and len(first.token) >= 40
    assert first.address() == f"http://127.0.0.1:8000/admin/?token={first.token}"
