"""The statistics page `/thong-ke/`: each table of vinhdanh.views.stats with its chart drawn beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .charts import ranked_bars, stacked_years, svg
from .initiatives import LEVEL_NAMES as INITIATIVE_LEVEL_NAMES
from .relations import Relations
from .stats import HONOUR_LEVELS, Statistics, YearRow, statistics

TITLES_IN_CHART = 20
"""The chart of titles draws the most given ones; its table lists them all."""


def _years(rows: list[YearRow]) -> list[tuple[int, tuple[int, ...]]]:
    return [(row.year, row.counts) for row in rows]


def charts(stats: Statistics) -> dict[str, str]:
    """Return the SVG of each chart with data, by name; a table without rows has no chart."""
    out: dict[str, str] = {}
    if stats.honours_by_level:
        out["levels"] = svg(stacked_years(_years(stats.honours_by_level), list(HONOUR_LEVELS.values()),
                                          "Lượt khen thưởng"), "Biểu đồ cột: số lượt khen thưởng mỗi năm theo cấp")
        out["exemplars"] = svg(stacked_years(_years(stats.exemplars_by_year), ["Cá nhân", "Tập thể"],
                                             "Số cá nhân, tập thể"),
                               "Biểu đồ cột: số cá nhân và tập thể được khen thưởng mỗi năm")
        out["units"] = svg(ranked_bars([(r.unit.short, r.count) for r in stats.units], "Lượt khen thưởng"),
                           "Biểu đồ thanh: các đơn vị có nhiều lượt khen thưởng nhất")
        titles = stats.titles[:TITLES_IN_CHART]  # each in the colour of its level, as on the chart of levels
        out["titles"] = svg(ranked_bars([(t.name, n) for t, n in titles], "Lượt",
                                        [HONOUR_LEVELS[t.level] for t, _ in titles]),
                            "Biểu đồ thanh: số lượt tặng mỗi danh hiệu, hình thức khen thưởng, theo cấp")
    if stats.initiatives_by_level:
        out["initiatives"] = svg(stacked_years(_years(stats.initiatives_by_level),
                                               list(INITIATIVE_LEVEL_NAMES.values()), "Số sáng kiến"),
                                 "Biểu đồ cột: số sáng kiến mỗi năm theo cấp")
    return out


def statistics_pages(rel: Relations, render: Callable[..., Any], uri: Callable[..., str]) -> Iterator[Any]:
    """Yield `/thong-ke/`."""
    stats = statistics(rel)
    yield render("stats.md", uri("stats"), True, stats=stats, charts=charts(stats), HONOUR_LEVELS=HONOUR_LEVELS,
                 INITIATIVE_LEVEL_NAMES=INITIATIVE_LEVEL_NAMES, titles_in_chart=TITLES_IN_CHART)
