"""The chapters' key judgements and watch lists, read from the editorial register (data/raw/curated/judgements.csv).

The words are data, catalogued and checked by the build like any source: every id they cite exists. A text may
hold placeholders in braces: `{G039}` is filled with that figure's value as the register gives it and its id
("42.2 t [G039]"); any other name (`{sources_end}`) with a value the chapter computes and passes in. So numbers
still come from the register or a tested computation, never from the text.
"""

from __future__ import annotations

import re
import string

import pandas as pd

from widgets.analysis.register import row, value_with_unit
from widgets.vocabulary import Judgement
from widgets.register_text import translate  # the register's own French (gettext domain "register")

FIGURE_ID = re.compile(r"^[GCHT]\d{3}$")


class MissingValue(KeyError):
    """A placeholder of an editorial text has no value: the chapter did not compute it and it is no figure id."""


def placeholders(text: str) -> list[str]:
    """The names in braces in a text, in order ('{G039} and {sources_end}' → ['G039', 'sources_end'])."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def fill(text: str, values: dict[str, str], figures: pd.DataFrame | None = None) -> str:
    """The text with each placeholder replaced: a figure id by its value and id, any other name from `values`."""
    filled = {}
    for name in placeholders(text):
        if name in values:
            filled[name] = values[name]
        elif FIGURE_ID.match(name) and figures is not None:
            filled[name] = f"{value_with_unit(row(figures, name))} [{name}]"
        else:
            raise MissingValue(f"no value for {{{name}}} in {text[:60]!r}…")
    return text.format_map(filled)


def _items(table: pd.DataFrame, chapter: str, kind: str) -> pd.DataFrame:
    items = table[(table["chapter"] == chapter) & (table["kind"] == kind)]
    if items.empty:
        raise LookupError(f"the editorial register holds no {kind} for {chapter}")
    return items


def judgements(table: pd.DataFrame, chapter: str, values: dict[str, str] | None = None,
               figures: pd.DataFrame | None = None) -> list[Judgement]:
    """The chapter's key judgements, in register order, placeholders filled."""
    values = values or {}
    return [Judgement(fill(translate(r.text), values, figures), r.confidence,
                      fill(translate(r.evidence), values, figures))
            for r in _items(table, chapter, "judgement").itertuples()]


def watch(table: pd.DataFrame, chapter: str, values: dict[str, str] | None = None,
          figures: pd.DataFrame | None = None) -> list[str]:
    """The chapter's watch list, in register order, placeholders filled."""
    values = values or {}
    return [fill(translate(r.text), values, figures) for r in _items(table, chapter, "watch").itertuples()]
