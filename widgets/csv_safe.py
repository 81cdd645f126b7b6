"""CSV text for a reader's spreadsheet: cells a spreadsheet would run as formulas are neutralised.

The one rule every CSV the briefing writes from Python follows (the figure downloads are written by the template's
JavaScript with the same rule). OWASP's guidance on CSV injection: a cell whose text begins with `=`, `+`, `-`,
`@`, a tab or a carriage return is read by Excel, LibreOffice or Google Sheets as a formula, which can fetch
addresses or run commands; prefixing such a cell with a single quote makes the spreadsheet show it as text.
A cell that is a plain number (`-12.5`, `+3`, `1e-5`) is left alone so that numbers stay numeric.
Every cell holding a line break (`\\n` or a bare `\\r`) is quoted: the rows end in `\\r\\n` (RFC 4180), and Python's
csv module quotes a cell that contains a character of the line terminator, so a bare `\\r` cannot split a row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number, as a spreadsheet reads it: not "inf", "nan" or "1+1", which it would not take as one.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """`value` as it may go into a CSV cell: text a spreadsheet would run gets a leading single quote."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # numbers (and empty cells) are written as numbers
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def comment_line(text: str) -> str:
    """One `# …` header line: control characters (a line break in a file name) cannot start a new row."""
    return "# " + re.sub(r"[\x00-\x1f\x7f]", " ", text)


def rows_to_csv(header: Sequence[str], rows: Iterable[Sequence[object]], comments: Sequence[str] = ()) -> str:
    """CSV text: `comments` as `#` lines, then the header and the rows, every cell through `safe_cell`."""
    out = io.StringIO()
    for line in comments:
        out.write(comment_line(line) + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()


def frame_to_csv(frame: pd.DataFrame, comments: Sequence[str] = ()) -> str:
    """A DataFrame as safe CSV text (index left out; missing values as empty cells; floats as Python prints them)."""
    def plain(v: object) -> object:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
            return ""
        return v.item() if hasattr(v, "item") else v  # numpy scalars to Python numbers

    rows = ([plain(v) for v in row] for row in frame.itertuples(index=False, name=None))
    return rows_to_csv([str(c) for c in frame.columns], rows, comments)
