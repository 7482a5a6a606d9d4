"""Charts drawn at build time: Vega-Lite specs rendered to static SVG by vl-convert (no network, no script).

The SVG goes inline into the page, so that its text and axes take the page's colour
(`currentColor`) in the light and the dark scheme alike, and its text the page's font (the
site's stylesheet sets it); the bars use mid-tone colours that read on both. Text stays text
(Vega's SVG renderer writes <text> elements). A series has one colour on every chart (a level
is the same colour on the honours', the titles' and the initiatives' charts), and long names
are wrapped on several lines, never cut.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import textwrap
from typing import Any

from markupsafe import escape

SERIES_COLOURS = {
    # Levels: of honours, of titles (the titles' chart), of initiatives. Gold, red, blue, green.
    "Cấp Nhà nước": "#d49a00", "Cấp Chính phủ": "#e4572e", "Cấp ngành": "#2f80d1", "Cấp cơ sở": "#1f9e6e",
    "Toàn quốc": "#d6488f", "Chưa ghi cấp": "#8c6d4f",
    "Cá nhân": "#9467bd", "Tập thể": "#17a2b8",
}
"""The colour of each series, by its name: distinct, and legible on white and on Material's slate."""
TOTAL_COLOUR = "currentColor"
"""Bars of one series only (honours per unit): the text's colour, toned down; it means no level."""
LABEL_CHARACTERS = 30
"""Longer names of bars are wrapped on several lines of about this length."""
_LINE_HEIGHT = 14
_AXIS = {"labelColor": "currentColor", "titleColor": "currentColor", "domainColor": "currentColor",
         "tickColor": "currentColor", "gridColor": "currentColor", "gridOpacity": 0.15, "labelFontSize": 12,
         "titleFontSize": 12, "aria": False}
_CONFIG = {
    # Text is measured at build time with the first of these fonts that vl-convert finds (DejaVu Sans
    # here, whose metrics Verdana shares): wider than the page's fonts (Arial, Helvetica, San Francisco),
    # so a label drawn in the page's font (vinhdanh.css) never overflows its room.
    "background": None, "font": "DejaVu Sans, Verdana, sans-serif", "axis": _AXIS,
    "legend": {"labelColor": "currentColor", "titleColor": "currentColor", "labelFontSize": 12,
               "titleFontSize": 12, "orient": "bottom", "direction": "horizontal", "aria": False,
               "labelLimit": 400, "columns": 2},
    "view": {"stroke": None}, "mark": {"aria": False}, "style": {"guide-label": {"fill": "currentColor"}},
}


def colour(series: str) -> str:
    """Return the colour of a series on every chart."""
    try:
        return SERIES_COLOURS[series]
    except KeyError:
        raise ValueError(f"no colour for the series {series!r}: give it one in SERIES_COLOURS") from None


def wrap(name: str, width: int = LABEL_CHARACTERS) -> str:
    """Return name on as few lines of at most about width characters as it needs, evenly, joined by newlines."""
    for lines in itertools.count(math.ceil(len(name) / width)):
        for room in range(math.ceil(len(name) / lines), width + 1):
            wrapped = textwrap.wrap(name, room, break_long_words=False)
            if len(wrapped) <= lines:
                return "\n".join(wrapped)
    raise AssertionError("unreachable: one word a line always fits")


def stacked_years(rows: list[tuple[int, tuple[int, ...]]], series: list[str], y_title: str) -> dict[str, Any]:
    """Return a spec of bars per year, each stacked by series (the levels of a title, say)."""
    values = [{"nam": str(year), "loai": name, "so": count, "thu_tu": index}
              for year, counts in rows for index, (name, count) in enumerate(zip(series, counts)) if count]
    return {
        "data": {"values": values}, "mark": {"type": "bar", "tooltip": False},
        "width": {"step": 36} if len(rows) < 20 else 640, "height": 220,
        "encoding": {
            "x": {"field": "nam", "type": "ordinal", "title": "Năm", "axis": {"labelAngle": 0}},
            "y": {"field": "so", "type": "quantitative", "title": y_title, "stack": "zero",
                  "axis": {"tickMinStep": 1, "format": "d"}},
            "color": {"field": "loai", "type": "nominal", "title": None,
                      "scale": {"domain": series, "range": [colour(name) for name in series]}},
            "order": {"field": "thu_tu"},
        },
        "config": _CONFIG,
    }


def ranked_bars(items: list[tuple[str, int]], x_title: str, series: list[str] | None = None) -> dict[str, Any]:
    """Return a spec of horizontal bars, one per item, in the order given (the largest first).

    With series (one name per item, the level of a title say), each bar has its series' colour and a
    legend names them; without, the bars have the neutral TOTAL_COLOUR.
    """
    names = [wrap(name) for name, _ in items]
    values = [{"ten": name, "so": count, "thu_tu": index, "loai": series[index] if series else ""}
              for index, (name, (_, count)) in enumerate(zip(names, items))]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    encoding: dict[str, Any] = {
        "y": {"field": "ten", "type": "nominal", "title": None, "sort": {"field": "thu_tu"},
              # Each name on its lines (a newline in the data), never cut short.
              "axis": {"labelExpr": "split(datum.label, '\\n')", "labelLimit": 0, "labelBaseline": "middle"}},
        "x": {"field": "so", "type": "quantitative", "title": x_title, "axis": {"tickMinStep": 1, "format": "d"}},
    }
    mark: dict[str, Any] = {"type": "bar", "tooltip": False}
    if series:
        known = list(SERIES_COLOURS)  # the legend in that order: levels from the highest
        shown = sorted(set(series), key=lambda name: known.index(name) if name in known else len(known))
        encoding["color"] = {"field": "loai", "type": "nominal", "title": None,
                             "scale": {"domain": shown, "range": [colour(name) for name in shown]}}
    else:
        mark.update(color=TOTAL_COLOUR, fillOpacity=0.6)
    return {
        "data": {"values": values}, "mark": mark, "width": 240,
        "height": {"step": max(22, lines * _LINE_HEIGHT + 8)}, "encoding": encoding, "config": _CONFIG,
    }


def svg(spec: dict[str, Any], label: str) -> str:
    """Return the chart as inline SVG: no background, no script, labelled for screen readers by label."""
    drawn = _render(json.dumps(spec, ensure_ascii=False, sort_keys=True))
    tags = " ".join(re.findall(r"<[^>]*>", drawn))  # the markup, not the text (labels come from the records)
    if re.search(r"<script|<foreignObject|\son\w+=|\shref=", tags, re.IGNORECASE):
        raise ValueError("vl-convert wrote active content into a chart")
    drawn = re.sub(r'^<svg ([^>]*?)class="marks" width="(\d+)" height="(\d+)"',
                   lambda m: f'<svg {m[1]}class="vd-chart__svg" width="{m[2]}" height="{m[3]}" role="img" '
                             f'aria-label="{escape(label)}"', drawn, count=1)
    return drawn


@functools.lru_cache(maxsize=64)
def _render(spec_json: str) -> str:
    """Render a Vega-Lite spec (as JSON) to SVG; the same chart is drawn once per process."""
    import vl_convert  # a 30 MB native module: loaded only when a chart is drawn

    return str(vl_convert.vegalite_to_svg(json.loads(spec_json)))
