"""The `vinhdanh` command: check records, export pages, start new records."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import replace
from importlib.metadata import version as package_version
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from .mkdocs_plugin.project_config import ConfigError, load_project
from .project import Project
from .publish.deploy import DeployError
from .publish.swap import build_site
from .publish.webservers import SERVERS, ServerOptions, configuration
from .records.checks import check, checked_catalogue
from .records.load import load, shown
from .records.problems import CatalogueError, Problem
from .records.scaffold import ScaffoldError, new_exemplar, new_story
from .views.uris import CSS_URI


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="vinhdanh", description="Hồ sơ điển hình tiên tiến → trang web.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version('vinhdanh')}")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the records without building")
    check_cmd.add_argument("--exemplars", type=Path, help="check only the records in this folder, not the site")
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    export_cmd = commands.add_parser("export", help="write the generated pages as Markdown files")
    export_cmd.add_argument("folder", type=Path, help="where to write (a docs_dir for another engine)")
    build_cmd = commands.add_parser("build", help="build the site into a new folder; publish it only if it worked")
    build_cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="the published folder (default: site)")
    deploy_cmd = commands.add_parser("deploy", help="print the web server's configuration for the built site")
    deploy_cmd.add_argument("server", choices=SERVERS, help="script: publish-site.sh, which switches releases")
    deploy_cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    deploy_cmd.add_argument("--www-dir", default=ServerOptions.www_dir, help="on the server: releases/ and current")
    deploy_cmd.add_argument("--server-name", default=ServerOptions.server_name)
    deploy_cmd.add_argument("--listen", default=ServerOptions.listen, help="port, or address:port")
    deploy_cmd.add_argument("--keep", type=int, default=ServerOptions.keep, help="releases kept on the server")
    new_cmd = commands.add_parser("new", help="start a story or a record").add_subparsers(dest="what", required=True)
    new_cmd.add_parser("story", help="a dated draft story").add_argument("title")
    for kind in ("person", "collective"):
        sub = new_cmd.add_parser(kind, help=f"the skeleton of a {kind}'s record")
        sub.add_argument("name")
        sub.add_argument("--unit", required=True, help="the unit's id in exemplars/units.yml")
    add_import_parser(commands)
    edit_cmd = commands.add_parser("edit", help="the browser editor and the preview on 127.0.0.1 (see make edit)")
    edit_cmd.add_argument("--port", type=int, default=8000, help="the port of 127.0.0.1 to serve on (default: 8000)")
    edit_cmd.add_argument("--node-modules", type=Path, help="where npm put the editor (default: editor/node_modules)")
    args = parser.parse_args(argv)
    if args.command == "check" and args.exemplars:  # a folder of records alone, without a site
        return run_check(Project(args.exemplars.parent, args.exemplars, args.exemplars, args.exemplars),
                         args.strict)
    if args.command == "deploy":
        return run_deploy(args)
    if args.command == "build":
        return build_site(Path(args.config_file), args.site_dir)
    try:
        project = load_project(Path(args.config_file))
    except ConfigError as err:
        print(f"vinhdanh: {err}", file=sys.stderr)
        return 1
    if args.command == "check":
        return run_check(replace(project, strict=project.strict or args.strict), args.strict)
    if args.command == "export":
        return run_export(project, args.folder)
    if args.command == "new":
        return run_new(project, args)
    if args.command == "import":
        return run_import(project, args)
    if args.command == "edit":
        return run_edit(project, Path(args.config_file), args.port, args.node_modules)
    return 2  # pragma: no cover - argparse rejects unknown commands


def run_check(project: Project, strict: bool = False) -> int:
    """Print every problem in the records and stories; 1 if any is an error (or a warning, when strict)."""
    loaded = project.read()
    if report(check(loaded), strict or project.strict):
        return 1
    print(f"OK: {loaded.catalogue.summary()}")
    return 0


def report(problems: list[Problem], strict: bool = False) -> int:
    """Print problems to stderr; return 1 if any is an error (or any problem at all, when strict)."""
    for problem in problems:
        print(("warning: " if problem.warning else "") + str(problem), file=sys.stderr)
    errors = sum(not p.warning or strict for p in problems)
    if errors:
        print(f"{sum(not p.warning for p in problems)} error(s), {sum(p.warning for p in problems)} warning(s); "
              f"fix {'them' if not strict else 'them all (strict)'} and run again.", file=sys.stderr)
    return 1 if errors else 0


def run_export(project: Project, folder: Path) -> int:
    """Write every generated page, photo and download under folder, as MkDocs would see them."""
    try:
        catalogue, warnings = checked_catalogue(project.read())
    except CatalogueError as err:
        return report(err.problems)
    report(warnings)
    renderer = project.renderer(catalogue)
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
    for uri, content in renderer.downloads():
        (folder / uri).parent.mkdir(parents=True, exist_ok=True)
        (folder / uri).write_bytes(content)
    for uri, path in renderer.signed_copies():  # the documents' PDFs, beside their pages
        (folder / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / uri)
    css = folder / CSS_URI
    css.parent.mkdir(parents=True, exist_ok=True)
    stylesheet = package_files("vinhdanh.mkdocs_plugin").joinpath(CSS_URI)
    css.write_text(stylesheet.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"Wrote {count} pages to {folder}")
    return 0


def run_new(project: Project, args: argparse.Namespace) -> int:
    """Write a new story or record and print its path; on bad input, say why and write nothing."""
    try:
        if args.what == "story":
            if not project.news:
                raise ScaffoldError("the site has no news: add Material's blog plugin to mkdocs.yml")
            path = new_story(project.docs / project.news.posts_dir, args.title)
        else:
            path = new_exemplar(project.exemplars, args.what, args.name, args.unit, load(project.exemplars).catalogue)
    except ScaffoldError as err:
        print(f"vinhdanh new {args.what}: {err}", file=sys.stderr)
        return 1
    print(shown(path))
    return 0


def run_deploy(args: argparse.Namespace) -> int:
    """Print the configuration for the built site; on a problem, say why and print nothing."""
    options = ServerOptions(args.www_dir, args.server_name, args.listen, args.keep)
    try:
        text = configuration(args.server, args.site_dir, options)
    except DeployError as err:
        return report(err.problems)
    sys.stdout.write(text)
    return 0


def add_import_parser(commands: Any) -> None:
    """Add `vinhdanh import FILE [--decision …] [--apply]`."""
    sub = commands.add_parser("import", help="add a decision's honour list from its spreadsheet (a dry run unless "
                              "--apply)")
    sub.add_argument("file", type=Path, help="the annex: .xlsx, .xls, .ods, or .csv/.txt (UTF-8 or UTF-16)")
    for name, example in (("decision", "412/QĐ-VKSTC"), ("date", "2026-01-15"), ("title", "cstd-nganh"),
                          ("year", "2025"), ("by", "Viện trưởng VKSND tối cao"), ("movement", "ID")):
        sub.add_argument(f"--{name}", metavar=example.upper() if name == "movement" else None,
                         help=f"e.g. {example!r}" if name != "movement" else "an id from movements.yml")
    sub.add_argument("--apply", action="store_true", help="write the records (without it: show what would change)")


def run_import(project: Project, args: argparse.Namespace) -> int:
    """Import an annex: print the plan, and write it with --apply; nothing is written on any error."""
    from .importer.run import import_annex  # loads the spreadsheet reader only when importing

    options = {name: getattr(args, name) for name in ("decision", "date", "title", "year", "by", "movement")}
    return import_annex(args.file, project, options, args.apply)


def run_edit(project: Project, config_file: Path, port: int, node_modules: Path | None) -> int:
    """Serve the browser editor and the preview until interrupted."""
    from .editor.run import EditError, run

    try:
        return run(project, config_file, port, node_modules)
    except EditError as err:
        print(f"vinhdanh edit: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
