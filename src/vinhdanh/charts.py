"""Charts drawn at build time: Vega-Lite specs rendered to static SVG by vl-convert (no network, no script).

The SVG goes inline into the page, so that its text and axes take the page's colour
(`currentColor`) in the light and the dark scheme alike; the bars use mid-tone colours
that read on both. Text stays text (Vega's SVG renderer writes <text> elements).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from markupsafe import escape

SERIES_COLOURS = ("#d49a00", "#e4572e", "#2f80d1", "#1f9e6e", "#8a8f98")
"""Gold, red, blue, green, grey: distinct, and legible on white and on Material's slate."""
_AXIS = {"labelColor": "currentColor", "titleColor": "currentColor", "domainColor": "currentColor",
         "tickColor": "currentColor", "gridColor": "currentColor", "gridOpacity": 0.15, "labelFontSize": 12,
         "titleFontSize": 12, "aria": False}
_CONFIG = {
    # Text is measured at build time with the first font vl-convert finds: DejaVu Sans here, whose metrics
    # Verdana shares; browsers without either fall back to a narrower font, so labels never overflow.
    "background": None, "font": "DejaVu Sans, Verdana, sans-serif", "axis": _AXIS,
    "legend": {"labelColor": "currentColor", "titleColor": "currentColor", "labelFontSize": 12,
               "titleFontSize": 12, "orient": "bottom", "direction": "horizontal", "aria": False,
               "labelLimit": 400},
    "view": {"stroke": None}, "mark": {"aria": False}, "style": {"guide-label": {"fill": "currentColor"}},
}


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
                      "scale": {"domain": series, "range": list(SERIES_COLOURS[:len(series)])}},
            "order": {"field": "thu_tu"},
        },
        "config": _CONFIG,
    }


def ranked_bars(items: list[tuple[str, int]], x_title: str) -> dict[str, Any]:
    """Return a spec of horizontal bars, one per item, in the order given (the largest first)."""
    values = [{"ten": name, "so": count, "thu_tu": index} for index, (name, count) in enumerate(items)]
    return {
        "data": {"values": values}, "mark": {"type": "bar", "color": SERIES_COLOURS[2], "tooltip": False},
        "width": 240, "height": {"step": 22},
        "encoding": {
            "y": {"field": "ten", "type": "nominal", "title": None, "sort": {"field": "thu_tu"},
                  "axis": {"labelLimit": 220}},
            "x": {"field": "so", "type": "quantitative", "title": x_title, "axis": {"tickMinStep": 1, "format": "d"}},
        },
        "config": _CONFIG,
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
