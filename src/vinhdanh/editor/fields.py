"""Decap CMS fields made from vinhdanh's schema: one source of truth for the rules and the forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..records import schema as s
from ..records.fields import PlainText, post_date
from .records import SEARCH_KEY, UNIT_KEY

CHOICE_LABELS = {
    "title": "Danh hiệu thi đua", "award": "Hình thức khen thưởng",
    "individual": "Cá nhân", "collective": "Tập thể", "both": "Cá nhân và tập thể",
    "nha-nuoc": "Nhà nước", "chinh-phu": "Chính phủ", "nganh": "Ngành", "co-so": "Cơ sở", "toan-quoc": "Toàn quốc",
    "annual": "Hằng năm", "thematic": "Theo đợt, chuyên đề",
}
"""How the editor shows the words of `one_of` choices."""
MULTILINE = {"summary", "citation", "description"}
ITEM_LABELS = {"honours": "khen thưởng", "initiatives": "sáng kiến"}
"""What the editor's "Thêm …" button of a list adds."""
IMAGES = {"photo", "image"}
PRIVATE_FIELDS = [
    {"name": "birth_date", "label": "Ngày sinh", "widget": "datetime", "date_format": "YYYY-MM-DD",
     "time_format": False, "required": False},
    {"name": "phone", "label": "Điện thoại", "widget": "string", "required": False},
    {"name": "note", "label": "Ghi chú", "widget": "text", "required": False},
]
"""What the private section offers; other keys already in a record's `private:` are kept as they are."""
MARKDOWN = {"widget": "markdown", "editor_components": ["image"], "modes": ["rich_text", "raw"],
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list",
                        "numbered-list"]}
"""Markdown as the press team writes it: no code blocks; photos with caption and credit."""
ID_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Chỉ chữ thường không dấu, số và dấu '-', ví dụ vksnd-tinh-bac-ninh"]
PERIOD_PATTERN = ["^[0-9]{4}( ?[-–] ?[0-9]{4})?$", "Ghi một năm (2020) hoặc một giai đoạn (2016-2020)"]


def relation(collection: str, multiple: bool = False) -> dict[str, Any]:
    """Return a relation widget choosing records of collection by name."""
    if collection in ("units", "titles", "movements"):
        names = [f"{collection}.*.name"] + ([f"{collection}.*.short"] if collection == "units" else [])
        out: dict[str, Any] = {"widget": "relation", "collection": collection, "file": collection,
                               "value_field": f"{collection}.*.id", "search_fields": names,
                               "display_fields": [f"{collection}.*.name"]}
    else:  # a person or collective: with the unit, to tell namesakes apart; found with or without marks
        out = {"widget": "relation", "collection": collection, "value_field": "{{slug}}",
               "search_fields": ["name", SEARCH_KEY], "display_fields": [f"{{{{name}}}} · {{{{{UNIT_KEY}}}}}"]}
    return out | ({"multiple": True} if multiple else {})


RELATIONS = {"unit": "units", "parent": "units", "successor": "units", "title": "titles", "movement": "movements",
             "members": "people"}
"""Fields that hold ids of other records, and the collection they come from."""


def decap_field(name: str, field: s.Field, **extra: Any) -> dict[str, Any]:
    """Return the Decap field for one schema field; extra overrides (a label, a default)."""
    if not field.label:
        raise ValueError(f"the field {name!r} has no label: give it one in the schema (Field.label)")
    out: dict[str, Any] = {"name": name, "label": field.label, "required": field.required}
    if field.help:
        out["hint"] = field.help
    if "widget" not in extra:  # the collection chooses the widget (authors from the news' list, say)
        out |= widget(name, field.check)
    if out.get("widget") == "object" and not field.required:
        # Decap would require the parts of an optional group even when it is left empty; the save's
        # check still refuses a group filled in without its required part (a cover without its image).
        out["fields"] = [{**part, "required": False} for part in out["fields"]]
    return out | extra


def widget(name: str, check: s.Check) -> dict[str, Any]:
    """Return the widget settings that express check."""
    if isinstance(check, s.ListOf):
        return _list_widget(name, check.item)
    if isinstance(check, s.MappingOf):
        return {"widget": "object", "collapsed": False, "fields": fields_of(check.fields)}
    if isinstance(check, s.OneOf):
        return {"widget": "select", "options": [{"label": CHOICE_LABELS[c], "value": c} for c in check.choices]}
    if isinstance(check, PlainText):
        bad = " ".join(check.forbidden)
        return {"widget": "text" if name in MULTILINE else "string",
                "pattern": [f"^[^{''.join(check.forbidden)}]*$", f"Không dùng các ký tự {bad} (ngoặc kép viết “ ”)"]}
    return _scalar_widget(name, check)


def _scalar_widget(name: str, check: s.Check) -> dict[str, Any]:
    if check is s.identifier:
        return relation(RELATIONS[name]) if name in RELATIONS else {"widget": "string", "pattern": ID_PATTERN}
    if check is s.text:
        if name in IMAGES:
            return {"widget": "image", "choose_url": False}  # photos are files of the site, never links
        if name == "story":
            return MARKDOWN
        return {"widget": "text" if name in MULTILINE else "string"}
    if check is s.date:
        return {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False}
    if check is post_date:
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm:ss", "date_format": "YYYY-MM-DD",
                "time_format": "HH:mm", "default": "{{now}}"}
    if check is s.year:
        return {"widget": "number", "value_type": "int", "min": s.FIRST_YEAR, "max": dt.date.today().year + 1}
    if check is s.year_or_period:
        return {"widget": "string", "pattern": PERIOD_PATTERN}
    if check is s.integer:
        return {"widget": "number", "value_type": "int"}
    if check is s.boolean:
        return {"widget": "boolean"}
    if check is s.anything and name == "private":
        return {"widget": "object", "collapsed": True, "fields": PRIVATE_FIELDS}
    raise ValueError(f"no editor widget for the field {name!r}: teach vinhdanh.editor.fields its check")


def _list_widget(name: str, item: s.Check) -> dict[str, Any]:
    if item is s.identifier:
        return relation(RELATIONS[name], multiple=True)
    if isinstance(item, s.MappingOf):
        first, second = list(item.fields)[:2]
        return {"widget": "list", "collapsed": True, "summary": f"{{{{fields.{first}}}}} – {{{{fields.{second}}}}}",
                "label_singular": ITEM_LABELS.get(name, "mục"), "fields": fields_of(item.fields)}
    return {"widget": "list", "field": {"name": "item", "label": "Mục", **widget(name, item)}}


def fields_of(fields: dict[str, s.Field], order: list[str] | None = None,
              overrides: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Return the Decap fields of a schema mapping, in order (the schema's when none is given)."""
    names = order or list(fields)
    overrides = overrides or {}
    return [decap_field(name, fields[name], **overrides.get(name, {})) for name in names]
