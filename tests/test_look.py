"""What a visitor and a designer see on the demo site: the theme's parts, headings, tables, pagers."""

from __future__ import annotations

from pathlib import Path

import jinja2

THEME = Path(__file__).resolve().parent.parent / "src/vinhdanh/theme"


def announce(**vinhdanh: object) -> str:
    """Return what the theme's announce block renders (Material shows its bar when it is not empty)."""
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME)).get_template("base.html")
    return "".join(template.blocks["announce"](template.new_context({"vinhdanh": vinhdanh})))


def test_the_announce_bar_shows_only_under_the_preview(demo_site: Path) -> None:
    assert announce(preview=False) == ""
    assert "Bản xem trước" in announce(preview=True)
    assert "md-banner" not in (demo_site / "index.html").read_text(encoding="utf-8")
