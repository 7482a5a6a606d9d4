"""The `vinhdanh` command: check records, export pages, start new records."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, replace
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import yaml

from .checks import check, checked_catalogue
from .links import escaping_links
from .load import Loaded, load
from .pages import CSS_URI, SiteRenderer, make_environment
from .photos import PhotoCache
from .problems import CatalogueError, Problem
from .publish import build_site
from .scaffold import ScaffoldError, new_exemplar, new_story
from .stories import load_stories


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="vinhdanh", description="Hồ sơ điển hình tiên tiến → trang web.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the records without building")
    check_cmd.add_argument("--exemplars", type=Path, help="check only the records in this folder, not the site")
    export_cmd = commands.add_parser("export", help="write the generated pages as Markdown files")
    export_cmd.add_argument("folder", type=Path, help="where to write (a docs_dir for another engine)")
    build_cmd = commands.add_parser("build", help="build the site into a new folder; publish it only if it worked")
    build_cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="the published folder (default: site)")
    new_cmd = commands.add_parser("new", help="start a story or a record").add_subparsers(dest="what", required=True)
    new_cmd.add_parser("story", help="a dated draft story").add_argument("title")
    for kind in ("person", "collective"):
        sub = new_cmd.add_parser(kind, help=f"the skeleton of a {kind}'s record")
        sub.add_argument("name")
        sub.add_argument("--unit", required=True, help="the unit's id in exemplars/units.yml")
    args = parser.parse_args(argv)
    paths = site_paths(Path(args.config_file))
    if args.command == "check":
        return run_check(replace(paths, exemplars=args.exemplars, news="", root=args.exemplars.parent)
                         if args.exemplars else paths)
    if args.command == "export":
        return run_export(paths, args.folder)
    if args.command == "new":
        return run_new(paths, args)
    if args.command == "build":
        return build_site(Path(args.config_file), args.site_dir)
    return 2  # pragma: no cover - argparse rejects unknown commands


def read_all(paths: SitePaths) -> Loaded:
    """Read the records and, unless `paths.news` is empty, the news stories and the site's folders."""
    loaded = load(paths.exemplars, repository=paths.root)
    published: list[Path | None] = []
    if paths.news:
        load_stories(paths.docs, paths.news, loaded, repository=paths.root)
        published += [paths.docs, paths.overrides, paths.theme]
    loaded.problems += escaping_links(paths.root, paths.exemplars, published)
    return loaded


def run_check(paths: SitePaths) -> int:
    """Print every problem in the records and stories; 1 if any is an error."""
    loaded = read_all(paths)
    if report(check(loaded)):
        return 1
    print(f"OK: {loaded.catalogue.summary()}")
    return 0


def report(problems: list[Problem]) -> int:
    """Print problems to stderr; return 1 if any is an error."""
    for problem in problems:
        print(("warning: " if problem.warning else "") + str(problem), file=sys.stderr)
    errors = sum(not p.warning for p in problems)
    if errors:
        print(f"{errors} error(s), {len(problems) - errors} warning(s); fix them and run again.", file=sys.stderr)
    return 1 if errors else 0


def run_export(paths: SitePaths, folder: Path) -> int:
    """Write every generated page and photo under folder, as MkDocs would see them."""
    try:
        catalogue, warnings = checked_catalogue(read_all(paths))
    except CatalogueError as err:
        return report(err.problems)
    report(warnings)
    renderer = SiteRenderer(catalogue, make_environment(paths.overrides), exemplars_dir=paths.exemplars,
                            photo_cache=PhotoCache(paths.exemplars.parent / ".cache" / "vinhdanh" / "photos"))
    count = 0
    for page in renderer.pages():
        target = folder / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.inline(), encoding="utf-8")
        count += 1
    for photo in renderer.photos():
        target = folder / photo.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(photo.src, target)
    css = folder / CSS_URI
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(package_files("vinhdanh").joinpath(CSS_URI).read_text(encoding="utf-8"), encoding="utf-8")
    print(f"Wrote {count} pages to {folder}")
    return 0


def run_new(paths: SitePaths, args: argparse.Namespace) -> int:
    """Write a new story or record and print its path; on bad input, say why and write nothing."""
    try:
        if args.what == "story":
            path = new_story(paths.docs / paths.news / "posts", args.title)
        else:
            path = new_exemplar(paths.exemplars, args.what, args.name, args.unit, load(paths.exemplars).catalogue)
    except ScaffoldError as err:
        print(f"vinhdanh new {args.what}: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV or !!python tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SitePaths:
    """Where a site keeps its records, pages and news, as its mkdocs.yml says."""

    exemplars: Path
    docs: Path
    news: str
    overrides: Path
    root: Path
    """The repository: the folder of mkdocs.yml. Nothing outside it is read."""
    theme: Path | None = None
    """Material's custom_dir."""


def site_paths(config_file: Path) -> SitePaths:
    """Read the folders from config_file, with the plugin's defaults where it is silent."""
    base = config_file.parent
    config: Any = {}
    if config_file.is_file():
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("vinhdanh"), dict):
            options = plugin["vinhdanh"]
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    return SitePaths(base / options.get("exemplars", "exemplars"), base / config.get("docs_dir", "docs"),
                     options.get("news", "news"), base / options.get("overrides", "overrides/vinhdanh"),
                     root=base, theme=base / theme["custom_dir"] if theme.get("custom_dir") else None)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
