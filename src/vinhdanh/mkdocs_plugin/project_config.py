"""Adapter: a Project as mkdocs.yml describes it, read through MkDocs itself.

The blog plugin's own settings give the news folders and the draft rules, so that they are
written once, in the blog's section of mkdocs.yml.
"""

from __future__ import annotations

import atexit
import dataclasses
import posixpath
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ..project import Project
from ..records.settings import Settings, read_settings
from ..records.stories import NewsRules


class ConfigError(Exception):
    """mkdocs.yml cannot be read; the message says why."""


def project_from_config(config: MkDocsConfig, options: Any, serving: bool = False) -> Project:
    """Return the Project of a loaded MkDocs configuration and the vinhdanh plugin's options."""
    config_file = Path(config.config_file_path)
    root = config_file.parent
    return Project(root=root, exemplars=root / options.exemplars, docs=Path(config.docs_dir),
                   overrides=root / options.overrides, news=news_rules(config, serving),
                   strict=options.strict, directory_urls=config.use_directory_urls,
                   theme=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
                   settings=read_settings(config_file, dict(options), Path(config.docs_dir)))


def blog_plugin(config: MkDocsConfig) -> Any:
    """Return Material's blog plugin (its first instance), or None where the site has no blog."""
    return next((plugin for name, plugin in config.plugins.items()
                 if name.split(" #")[0] == "material/blog" and plugin.config.enabled), None)


def give_blog_authors(blog: Any, settings: Settings) -> None:
    """Give Material's blog the authors of the settings, as it would have read them from its authors file."""
    if blog is None or settings.authors is None or not blog.config.authors:
        return
    from material.plugins.blog.author import Authors

    authors = Authors()
    authors.load_dict({"authors": {a.id: {k: v for k, v in dataclasses.asdict(a).items() if k != "id" and v is not None}
                                   for a in settings.authors}})
    authors.validate()  # checked already (settings.py): this makes the blog's own objects
    blog.authors = authors.authors


def news_rules(config: MkDocsConfig, serving: bool = False) -> NewsRules | None:
    """Return the blog's folders and draft rules, or None where the site has no blog."""
    plugin = blog_plugin(config)
    if plugin is None:
        return None
    blog = plugin.config
    root = posixpath.normpath(blog.blog_dir)
    return NewsRules(
        blog_dir=root,
        posts_dir=posixpath.normpath(blog.post_dir.format(blog=root)),
        authors_file=posixpath.normpath(blog.authors_file.format(blog=root)),
        future_is_draft=blog.draft_if_future_date,
        drafts_shown=blog.draft or (serving and blog.draft_on_serve),
    )


def load_project(config_file: Path) -> Project:
    """Read config_file as `mkdocs build` would; return the site's Project."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: file not found; run the command in the site's folder or give "
                          "the file with -f")
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as err:
        raise ConfigError(f"{config_file}: {err}") from None
    # The blog plugin makes a temporary folder when it is loaded, and MkDocs keeps the plugin for
    # later builds in the same process: remove the folder when the process ends.
    if (temp := getattr(blog_plugin(config), "temp_dir", None)) is not None:
        atexit.register(shutil.rmtree, temp, True)
    plugin = config.plugins.get("vinhdanh")
    if plugin is None:
        raise ConfigError(f"{config_file}: the vinhdanh plugin is not listed under 'plugins:'; add '- vinhdanh'")
    return project_from_config(config, plugin.config)
