"""The news under the plugin: stories' photos published resized, the blog's order and times, the feed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..project import Project
from ..records.photos import RASTER_SUFFIXES, PhotoSet, photo_problem, sized_uri
from ..records.stories import Story
from ..text import VIETNAM, format_date, format_datetime
from ..views.feed import FeedEntry, atom_feed

log = get_plugin_logger(__name__)


def publish_news_images(files: Files, config: MkDocsConfig, project: Project, stories: dict[str, Story],
                        now: dt.datetime) -> dict[str, PhotoSet]:
    """Publish the news folder's photos stripped and resized; hold back those only unpublished stories show.

    A draft's photos may show what is not announced yet; every other image (author
    avatars, say) is published.
    """
    published: dict[str, PhotoSet] = {}
    news = project.news
    if not news:
        return published
    shown = {image for story in stories.values() if news.is_shown(story, now) for image in story.images}
    held = {image for story in stories.values() for image in story.images} - shown
    for file in list(files):
        if not (file.src_uri.startswith(news.blog_dir + "/") and file.abs_src_path
                and Path(file.src_uri).suffix.lower() in RASTER_SUFFIXES):
            continue
        files.remove(file)
        if file.src_uri in held:
            continue
        if problem := photo_problem(Path(file.abs_src_path)):
            log.info(f"{file.src_uri}: left out of the site: {problem}")
            continue
        photos = project.photo_cache().photo(Path(file.abs_src_path))
        files.append(File.generated(config, file.src_uri, abs_src_path=str(photos.largest.path)))
        for rendition in photos.renditions[:-1]:
            files.append(File.generated(config, sized_uri(file.src_uri, rendition.width),
                                        abs_src_path=str(rendition.path)))
        published[file.src_uri] = photos
    return published


def leave_out_unshown_stories(files: Files, config: MkDocsConfig, project: Project, stories: dict[str, Story],
                              now: dt.datetime, serving: bool) -> None:
    """Leave out the stories not shown yet (drafts, future ones); under `mkdocs serve`, refresh the listing."""
    news = project.news
    if not news:
        return
    for uri, story in stories.items():
        if not news.is_shown(story, now) and (file := files.get_file_from_path(uri)):
            files.remove(file)
    if serving and (listing := files.get_file_from_path(f"{news.blog_dir}/index.md")):
        # Its file does not change when a story does: `serve --dirty` must still rebuild the listing,
        # so a fresh copy stands in for it (on disk: the blog copies it for each page of the listing).
        folder = project.cache / "listing"
        (folder / listing.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (folder / listing.src_uri).write_text(listing.content_string, encoding="utf-8")
        files.remove(listing)
        files.append(File(listing.src_uri, str(folder), config.site_dir, config.use_directory_urls,
                          inclusion=listing.inclusion))


def order_posts(blog: Any, stories: dict[str, Story]) -> None:
    """Give the blog each story's time as written (Vietnam time without a zone), and sort its listings by it."""
    posts = getattr(getattr(blog, "blog", None), "posts", None)
    if not posts:
        return
    for post in posts:
        story = stories.get(post.file.src_uri)
        if story:  # the blog reads a time without a zone as UTC
            post.config.date["created"] = post.config.date.created = story.date
    order = lambda post: (post.config.pin, post.config.date.created)  # noqa: E731 - the blog's own order
    posts.sort(key=order, reverse=True)
    for view in blog._resolve_views(blog.blog):  # archive and category pages
        view.posts.sort(key=order, reverse=True)


def write_feed(entries: list[FeedEntry], config: MkDocsConfig, feed_uri: str) -> None:
    """Write the Atom feed of the news into the built site."""
    site_url = config.site_url or ""
    feed = atom_feed(entries, config.site_name, site_url or "/", urljoin(site_url, feed_uri))
    path = Path(config.site_dir) / feed_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(feed)


def shown_date(value: dt.date) -> str:
    """Return dd/mm/yyyy, with HH:MM in Vietnam time when the story gave a time (not midnight)."""
    if not isinstance(value, dt.datetime):
        return format_date(value)
    local = value.astimezone(VIETNAM)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return format_date(local.date())
    return format_datetime(local)
