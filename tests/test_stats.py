"""Statistics: the numbers behind each chart, recomputed here from the YAML files alone, and the charts' SVG."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from vinhdanh.views.charts import ranked_bars, stacked_years, svg

from .sitebuild import ROOT

LEVELS = ["nha-nuoc", "chinh-phu", "nganh", "co-so"]
INITIATIVE_LEVELS = ["toan-quoc", "nganh", "co-so", ""]


def published(folder: str) -> dict[str, dict]:
    records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in (ROOT / "exemplars" / folder).glob("*.yml")}
    return {key: r for key, r in records.items() if r.get("published", True)}


def demo_honours() -> list[tuple[str, str, dict]]:
    """Return (kind, id, honour) for every honour of a published demo record."""
    return [(kind, key, h) for kind, folder in (("person", "people"), ("collective", "collectives"))
            for key, record in published(folder).items() for h in record.get("honours") or []]


def last_year(honour: dict) -> int:
    return int(str(honour["year"])[-4:])


def table(page: str, caption: str) -> list[list[str]]:
    """Return the body rows of the table with this caption, each cell as plain text."""
    body = re.search(re.escape(caption) + r"</caption>.*?<tbody>(.*?)</tbody>", page, re.S)
    assert body, caption
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body[1], re.S)]


@pytest.fixture(scope="module")
def stats_page(demo_site: Path) -> str:
    return (demo_site / "thong-ke/index.html").read_text(encoding="utf-8")


def test_honours_per_year_by_level(stats_page: str) -> None:
    titles = {t["id"]: t for t in yaml.safe_load((ROOT / "exemplars/titles.yml").read_text(encoding="utf-8"))}
    counts = Counter((last_year(h), titles[h["title"]]["level"]) for _, _, h in demo_honours())
    years = sorted({year for year, _ in counts}, reverse=True)
    expected = [[str(y), *(str(counts[y, level]) for level in LEVELS), str(sum(counts[y, lv] for lv in LEVELS))]
                for y in years]
    assert table(stats_page, "Số lượt khen thưởng theo năm và cấp") == expected
    assert len(years) >= 5


def test_people_and_collectives_honoured_per_year_count_each_once(stats_page: str) -> None:
    honoured = {(last_year(h), kind, key) for kind, key, h in demo_honours()}
    count = Counter((year, kind) for year, kind, _ in honoured)
    years = sorted({year for year, _, _ in honoured}, reverse=True)
    expected = [[str(y), str(count[y, "person"]), str(count[y, "collective"]),
                 str(count[y, "person"] + count[y, "collective"])] for y in years]
    assert table(stats_page, "Số cá nhân, tập thể được khen thưởng theo năm") == expected


def test_units_count_dissolved_ones_under_their_successor(stats_page: str) -> None:
    units = {u["id"]: u for u in yaml.safe_load((ROOT / "exemplars/units.yml").read_text(encoding="utf-8"))}
    people, collectives = published("people"), published("collectives")

    def today(unit_id: str) -> str:
        while units[unit_id].get("successor"):
            unit_id = units[unit_id]["successor"]
        return unit_id

    counts = Counter(today(h.get("unit") or (people if kind == "person" else collectives)[key]["unit"])
                     for kind, key, h in demo_honours())
    rows = table(stats_page, "Số lượt khen thưởng theo đơn vị (đơn vị lúc được khen thưởng, quy về đơn vị hiện nay)")
    shown = {units_by_short(units, row[0].split("gồm cả")[0].strip()): int(row[1]) for row in rows}
    assert shown == {unit: n for unit, n in counts.items() if unit in shown}
    assert sorted(shown.values(), reverse=True) == sorted(counts.values(), reverse=True)[:len(shown)]
    assert any("gồm cả" in row[0] for row in rows)  # the demo has honours of merged provinces
    assert "được tính cho đơn vị kế thừa" in stats_page


def units_by_short(units: dict[str, dict], short: str) -> str:
    return next(uid for uid, u in units.items() if u.get("short", u["name"]) == short)


def test_titles_by_count(stats_page: str) -> None:
    titles = {t["id"]: t for t in yaml.safe_load((ROOT / "exemplars/titles.yml").read_text(encoding="utf-8"))}
    counts = Counter(h["title"] for _, _, h in demo_honours())
    rows = table(stats_page, "Số lượt tặng mỗi danh hiệu, hình thức khen thưởng")
    assert {row[0]: int(row[2]) for row in rows} == {titles[t]["name"]: n for t, n in counts.items()}
    assert [int(row[2]) for row in rows] == sorted((int(row[2]) for row in rows), reverse=True)


def test_initiatives_per_year_by_level_count_co_authors_once(stats_page: str) -> None:
    found: dict[tuple[str, int], set[str]] = {}
    for folder in ("people", "collectives"):
        for record in published(folder).values():
            for i in record.get("initiatives") or []:
                found.setdefault((" ".join(i["name"].lower().split()), i["year"]), set()).add(i.get("level", ""))
    level = {key: min(levels, key=INITIATIVE_LEVELS.index) for key, levels in found.items()}
    counts = Counter((year, lv) for (_, year), lv in level.items())
    years = sorted({year for _, year in found}, reverse=True)
    expected = [[str(y), *(str(counts[y, lv]) for lv in INITIATIVE_LEVELS),
                 str(sum(counts[y, lv] for lv in INITIATIVE_LEVELS))] for y in years]
    assert table(stats_page, "Số sáng kiến theo năm và cấp") == expected


def test_every_chart_is_static_inline_svg_with_text_and_a_bar_per_number(stats_page: str) -> None:
    charts = re.findall(r"<svg [^>]*class=\"vd-chart__svg\".*?</svg>", stats_page, re.S)
    assert len(charts) == 5
    for chart in charts:
        assert "<script" not in chart.lower() and "foreignobject" not in chart.lower()
        assert not re.search(r'(href|src)="(https?:)?//', chart)
        assert 'role="img"' in chart and "aria-label=" in chart and "<text" in chart
        assert 'fill="currentColor"' in chart  # axes and labels follow the scheme's text colour
    levels_table = table(stats_page, "Số lượt khen thưởng theo năm và cấp")
    nonzero = sum(cell != "0" for row in levels_table for cell in row[1:-1])
    assert bars(charts[0]) == nonzero
    assert "Cấp Nhà nước" in charts[0] and "Năm" in charts[0]


def bars(chart: str) -> int:
    """Return how many bars a chart draws."""
    marks = re.search(r'class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', chart, re.S)
    assert marks
    return marks[1].count("<path")


def test_charts_draw_the_numbers_given() -> None:
    chart = svg(stacked_years([(2020, (1, 0, 2)), (2021, (0, 0, 4))], ["Cấp Nhà nước", "Cấp ngành", "Cấp cơ sở"],
                              "Lượt"), "nhãn")
    assert bars(chart) == 3 and 'aria-label="nhãn"' in chart
    assert bars(svg(ranked_bars([("Đơn vị một", 5), ("Đơn vị hai", 2)], "Lượt"), "x")) == 2
    with pytest.raises(ValueError, match="no colour for the series 'A'"):
        stacked_years([(2020, (1,))], ["A"], "Lượt")


def legend(chart: str) -> list[tuple[str, str]]:
    """Return (name, colour) of each entry of a chart's legend."""
    return re.findall(r'role-legend-symbol[^>]*>\s*<path [^>]*fill="([^"]+)".*?role-legend-label[^>]*>\s*<text[^>]*>'
                      r"([^<]+)</text>", chart, re.S)


def test_a_series_has_one_colour_on_every_chart(stats_page: str) -> None:
    charts = re.findall(r"<svg [^>]*class=\"vd-chart__svg\".*?</svg>", stats_page, re.S)
    entries = {(html.unescape(name), fill) for chart in charts for fill, name in legend(chart)}
    names = [name for name, _ in entries]
    assert len(set(names)) == len(names) == len({fill for _, fill in entries})  # one colour per series, and back
    assert {"Cấp ngành", "Cấp cơ sở", "Toàn quốc", "Cá nhân", "Tập thể"} <= set(names)
    # Levels of honours (chart 1), of titles (chart 4) and of initiatives (chart 5) are drawn alike.
    assert [name for _, name in legend(charts[0])] == [name for _, name in legend(charts[3])]
    assert set(legend(charts[4])) >= {(fill, name) for fill, name in legend(charts[0]) if name in ("Cấp ngành",
                                                                                                   "Cấp cơ sở")}


def test_chart_labels_are_wrapped_never_cut(stats_page: str) -> None:
    charts = re.findall(r"<svg [^>]*class=\"vd-chart__svg\".*?</svg>", stats_page, re.S)
    assert all("…" not in chart for chart in charts)
    [names] = [group for group in re.findall(r'role-axis-label.*?</g>', charts[3], re.S) if "Lao động" in group]
    shown = {html.unescape(re.sub(r"<[^>]+>", "", label.replace("</tspan><tspan", " </tspan><tspan")))
             for label in re.findall(r"<text[^>]*>(.*?)</text>", names, re.S)}  # a name's lines, one after the other
    assert shown == {row[0] for row in table(stats_page, "Số lượt tặng mỗi danh hiệu, hình thức khen thưởng")}
    assert "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao" in shown
