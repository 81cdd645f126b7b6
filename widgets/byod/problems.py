"""What the upload checks report: one `Problem` per thing wrong, in plain words naming its row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from widgets import fmt
from widgets.i18n import _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the upload. `row` is the 1-based data row (None: the whole file)."""

    row: int | None
    column: str | None
    message: str
    severity: str = "error"  # "error" (the row or file cannot be used) or "note" (used, but worth knowing)


class Stop(Exception):
    """The file cannot be read any further (its problem is already recorded)."""


def show(value: object, limit: int = 40) -> str:
    """A user's value quoted inside one of our messages: shortened, on one line, and with no markup characters,
    so a message never carries a tag (the cell itself is kept untouched)."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(value)).replace("<", "‹").replace(">", "›")
    return "'" + (text if len(text) <= limit else text[:limit] + "…") + "'"


def where(row: int | None, column: str | None) -> str:
    if row is None:
        return _("Column {column}").format(column=show(column)) if column else _("The file")
    if column:
        return _("Row {row}, column {column}").format(row=row, column=show(column))
    return _("Row {row}").format(row=row)


def rows_list(rows: list[int], limit: int = 10) -> str:
    """'rows 2, 5 and 9' or 'rows 2, 5, 9 … and 120 more'."""
    shown = [fmt.number(r) for r in rows[:limit]]
    if len(rows) > limit:
        return _("rows {rows} and {n} more").format(rows=", ".join(shown), n=fmt.number(len(rows) - limit))
    if len(shown) == 1:
        return _("row {row}").format(row=shown[0])
    return _("rows {rows} and {last}").format(rows=", ".join(shown[:-1]), last=shown[-1])
