"""The `vinhdanh` command: check records, export pages, start new records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .checks import check
from .load import load


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="vinhdanh", description="Hồ sơ điển hình tiên tiến → trang web.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the records without building")
    check_cmd.add_argument("--exemplars", type=Path, help="records folder (default: from mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.exemplars or exemplars_dir(Path(args.config_file)))
    return 2  # pragma: no cover - argparse rejects unknown commands


def run_check(root: Path) -> int:
    """Print every problem in the records under root; 1 if any is an error."""
    loaded = load(root)
    problems = check(loaded)
    for problem in problems:
        print(("warning: " if problem.warning else "") + str(problem), file=sys.stderr)
    errors = sum(not p.warning for p in problems)
    if errors:
        print(f"{errors} error(s), {len(problems) - errors} warning(s); fix them and run again.", file=sys.stderr)
        return 1
    print(f"OK: {loaded.catalogue.summary()}")
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
