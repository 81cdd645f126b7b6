"""Rewrite the sha256 (and the dates) of catalogue entries in data/catalogue.toml, keeping its comments and layout."""

from __future__ import annotations

import re


def set_fields(toml_text: str, key: str, fields: dict[str, str]) -> str:
    """`toml_text` with the string fields of entry [datasets.<key>] replaced (each field must already exist)."""
    header = re.search(rf"^\[datasets\.{re.escape(key)}\]\s*$", toml_text, flags=re.M)
    if header is None:
        raise KeyError(f"no [datasets.{key}] entry in the catalogue")
    following = re.search(r"^\[", toml_text[header.end():], flags=re.M)
    end = header.end() + following.start() if following else len(toml_text)
    section = toml_text[header.end():end]
    for field, value in fields.items():
        pattern = re.compile(rf'^({re.escape(field)} = )"[^"\n]*"$', flags=re.M)
        if not pattern.search(section):
            raise KeyError(f"[datasets.{key}] has no {field} field")
        section = pattern.sub(lambda m: f'{m.group(1)}"{value}"', section, count=1)
    return toml_text[:header.end()] + section + toml_text[end:]
