"""Who may use the editor: the browser the officer opened with this launch's secret, and nothing else.

The editor listens on 127.0.0.1, but any web page the officer visits can send requests
there, and a domain that resolves to 127.0.0.1 can even read the answers (DNS rebinding).
So, as Jupyter does:

- each launch makes a secret; the address printed in the terminal carries it once
  (`?token=…`), and the server answers with a cookie holding it (HttpOnly, SameSite=Strict,
  so no other site's page sends it), then forgets the token in the address;
- every request must carry that cookie, name this server in its Host header (not a
  domain pointing at 127.0.0.1), and, if it changes anything, come from this origin
  (Origin, Sec-Fetch-Site), as JSON, with the editor's own header and a bounded size.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Protocol
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from ..text import nfc

MAX_BODY = 64 * 1024 * 1024
"""The largest request: a story with a few photos of up to 40 MB each would need more; one is enough."""
EDITOR_HEADER = "X-Vinhdanh-Tab"
"""Sent by the editor's page with every request that changes something; no other site can send it."""
OFFICER_HEADER = "X-Vinhdanh-Officer"
_JSON = re.compile(r"application/json\s*(;\s*charset=utf-8\s*)?", re.IGNORECASE)


class Headers(Protocol):
    """A request's headers, as http.server gives them."""

    def get(self, name: str, default: None = None) -> str | None:
        """Return the header's value, or None."""


@dataclass(frozen=True)
class Denied:
    """A request refused before anything else: its status and a Vietnamese message."""

    status: int
    message: str


@dataclass(frozen=True)
class Access:
    """The secret of one launch of `vinhdanh edit`, on one port."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie(self) -> str:
        """Return the cookie's name (cookies are shared by every port of a host: this one names its port)."""
        return f"vinhdanh-editor-{self.port}"

    def hosts(self) -> set[str]:
        """Return the Host headers that name this server."""
        return {f"{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    def address(self, path: str = "/admin/") -> str:
        """Return the address to open, with the secret."""
        return f"http://127.0.0.1:{self.port}{path}?token={self.token}"

    def host_denied(self, headers: Headers) -> Denied | None:
        """Refuse a request for another host name, such as a domain made to point at 127.0.0.1."""
        if (headers.get("Host") or "").lower() not in self.hosts():
            return Denied(403, "Địa chỉ không đúng: hãy mở trình biên tập bằng địa chỉ 127.0.0.1 in ra khi chạy")
        return None

    def token_in(self, target: str) -> tuple[bool, str] | None:
        """Return, for an address carrying ?token=, whether it is the right one and the address without it."""
        parts = urlsplit(target)
        query = parse_qsl(parts.query, keep_blank_values=True)
        given = [value for key, value in query if key == "token"]
        if not given:
            return None
        rest = urlencode([(key, value) for key, value in query if key != "token"])
        return hmac.compare_digest(given[-1].encode(), self.token.encode()), parts.path + (f"?{rest}" if rest else "")

    def set_cookie(self) -> str:
        """Return the Set-Cookie header that lets this browser in."""
        return f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"

    def signed_in(self, headers: Headers) -> bool:
        """Return whether the request carries this launch's cookie."""
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers.get("Cookie") or "")
        except CookieError:
            return False
        morsel = jar.get(self.cookie)
        return morsel is not None and hmac.compare_digest(morsel.value.encode(), self.token.encode())

    def change_denied(self, headers: Headers) -> Denied | None:
        """Refuse a request that changes something unless the editor's own page sent it, as JSON, not too large."""
        origin = headers.get("Origin")
        site = headers.get("Sec-Fetch-Site")
        if not origin or origin.lower() not in {f"http://{host}" for host in self.hosts()} or site not in (
                None, "same-origin"):
            return Denied(403, "Yêu cầu không đến từ trình biên tập nên bị từ chối")
        if not headers.get(EDITOR_HEADER):
            return Denied(403, "Yêu cầu không đến từ trình biên tập nên bị từ chối")
        if not _JSON.fullmatch((headers.get("Content-Type") or "").strip()):
            return Denied(415, "Trình biên tập chỉ nhận dữ liệu JSON")
        length = headers.get("Content-Length") or ""
        if not length.isdigit():
            return Denied(411, "Yêu cầu thiếu độ dài")
        if int(length) > MAX_BODY:
            return Denied(413, f"Yêu cầu lớn hơn {MAX_BODY // 1024 // 1024} MB; hãy tải ảnh nhỏ hơn")
        return None


def officer_name(headers: Headers) -> str:
    """Return the name the officer gave (sent encoded), cleaned for a commit's author; a default if none."""
    raw = unquote(headers.get(OFFICER_HEADER) or "", errors="replace")
    name = nfc("".join(c for c in raw if c.isprintable() and c not in "<>\"\\"))
    return " ".join(name.split())[:60] or "Trình biên tập"
