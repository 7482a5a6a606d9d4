"""The pages an agency's portal owes its readers (Decree 42/2022/NĐ-CP): contact, and the organisation in English.

Both come from the site's settings (settings.py); a site whose settings name no organisation has neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..records.settings import Settings
from .search import hidden_data
from .uris import page_uri, site_path


def portal_pages(settings: Settings, render: Callable[..., Any], uri: Callable[..., str]) -> Iterator[Any]:
    """Yield the contact page (/lien-he/) and the page in English (/en/)."""
    if settings.organisation is None:
        return
    # Search finds the contact page ("liên hệ", the office's name); the English one would only add noise.
    yield replace(render("contact.md", uri("contact"), True), search_data=hidden_data([]))
    yield render("english.md", uri("english"), True)


def portal_globals(settings: Settings, directory_urls: bool) -> dict[str, object]:
    """Return what the theme's footer shows: the settings, and where the contact and English pages are."""
    return {"settings": settings,
            "contact_url": site_path(page_uri("contact"), directory_urls),
            "english_url": site_path(page_uri("english"), directory_urls)}


def phone_uri(number: str) -> str:
    """Return the tel: address of a phone number as written: "024 3825 5058" → "tel:02438255058"."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)
