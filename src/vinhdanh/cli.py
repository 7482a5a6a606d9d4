"""The `vinhdanh` command: check records, export pages, start new records."""

from __future__ import annotations

import argparse
import shutil
import sys
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import yaml

from .checks import check, checked_catalogue
from .load import load
from .pages import CSS_URI, SiteRenderer, make_environment
from .photos import image_size
from .problems import CatalogueError, Problem


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="vinhdanh", description="Hồ sơ điển hình tiên tiến → trang web.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the records without building")
    check_cmd.add_argument("--exemplars", type=Path, help="records folder (default: from mkdocs.yml)")
    export_cmd = commands.add_parser("export", help="write the generated pages as Markdown files")
    export_cmd.add_argument("folder", type=Path, help="where to write (a docs_dir for another engine)")
    export_cmd.add_argument("--exemplars", type=Path, help="records folder (default: from mkdocs.yml)")
    args = parser.parse_args(argv)
    config_file = Path(args.config_file)
    root = args.exemplars or exemplars_dir(config_file)
    if args.command == "check":
        return run_check(root)
    if args.command == "export":
        return run_export(root, config_file.parent / "overrides" / "vinhdanh", args.folder)
    return 2  # pragma: no cover - argparse rejects unknown commands


def run_check(root: Path) -> int:
    """Print every problem in the records under root; 1 if any is an error."""
    loaded = load(root)
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


def run_export(root: Path, overrides: Path, folder: Path) -> int:
    """Write every generated page and photo under folder, as MkDocs would see them."""
    try:
        catalogue, warnings = checked_catalogue(load(root))
    except CatalogueError as err:
        return report(err.problems)
    report(warnings)
    renderer = SiteRenderer(catalogue, make_environment(overrides), photo_size=image_size, exemplars_dir=root)
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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV or !!python tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def exemplars_dir(config_file: Path) -> Path:
    """Return the records folder named by the vinhdanh plugin in config_file."""
    base = config_file.parent
    if not config_file.is_file():
        return base / "exemplars"
    config: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("vinhdanh"), dict):
            return base / plugin["vinhdanh"].get("exemplars", "exemplars")
    return base / "exemplars"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
