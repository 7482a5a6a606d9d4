"""Markdown extension: an image alone in its paragraph becomes a figure with caption and credit.

The press team writes `![Đồng chí … phát biểu](anh-1.jpg "Ảnh: Thiên Thanh")`: the alt
text is the caption, the title the photo credit. Add `vinhdanh.mkdocs_plugin.figures` to a site's
`markdown_extensions` (the vinhdanh plugin does).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class FigureTreeprocessor(Treeprocessor):
    """Turn lone images into <figure> with a <figcaption>: "caption — Ảnh: credit"."""

    def run(self, root: etree.Element) -> None:
        for paragraph in root.iter("p"):
            if len(paragraph) != 1 or (paragraph.text or "").strip():
                continue
            image = paragraph[0]
            if image.tag != "img" or (image.tail or "").strip():
                continue
            paragraph.tag = "figure"
            image.tail = None
            image.set("loading", "lazy")
            caption = (image.get("alt") or "").strip()
            credit = (image.attrib.pop("title", "") or "").strip()
            if caption or credit:
                figcaption = etree.SubElement(paragraph, "figcaption")
                figcaption.text = " — ".join(part for part in (caption, credit) if part)


class FiguresExtension(Extension):
    """Register the figure tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(FigureTreeprocessor(md), "vinhdanh_figures", 5)


def makeExtension(**kwargs: object) -> FiguresExtension:  # noqa: N802 - Python-Markdown's name
    """Return the extension, as Python-Markdown expects of a module named in markdown_extensions."""
    return FiguresExtension(**kwargs)
