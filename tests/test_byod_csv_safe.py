"""Downloads of the reader's own events: nothing a spreadsheet would run, numbers still numbers, one event per row
(issue 16, item 1). The file is written here, in memory: an ACLED export whose text cells are formulas."""

import csv
import io
import re

import pandas as pd
import pytest

from widgets import loaders as L
from widgets.byod import load_upload
from widgets.byod.join import filtered_csv, to_register
from widgets.csv_safe import frame_to_csv, rows_to_csv, safe_cell

HEADER = ("event_id_cnty,event_date,event_type,actor1,actor2,location,latitude,longitude,fatalities,notes\r\n")
ROWS = [
    '"=HYPERLINK(""http://example.invalid"",""x"")",2025-12-01,Battles,"=HYPERLINK(""http://example.invalid"",""x"")",'
    '+cmd,-2+3,14.4469,-11.4456,0,@SUM(A1)',
    'TAB1,2025-12-02,Battles,"\rCR actor","\tTAB target",place,14.5400,-9.1921,2,"one\rtwo"',
    "-5,2025-12-03,Battles,-12.5,+3,plain,14.4469,-11.4456,0,ok",
]
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")  # the numbers this file holds
FORMULA_CELLS = ['=HYPERLINK("http://example.invalid","x")', "+cmd", "-2+3", "@SUM(A1)", "\tTAB target", "\rCR actor"]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-inf", "'-inf"), ("-", "'-"),
    ("-12.5", "-12.5"), ("+3", "+3"), ("-1e-5", "-1e-5"), ("Kayes", "Kayes"), ("a=b", "a=b"), (-11.4, -11.4),
    (3, 3), ("", ""),
])
def test_safe_cell_rule(value, expected):
    assert safe_cell(value) == expected


def test_a_bare_carriage_return_is_quoted_so_a_row_stays_one_row():
    text = rows_to_csv(["id", "summary"], [["A", "one\rtwo"], ["B", "three\nfour"]])
    assert '"one\rtwo"' in text and '"three\nfour"' in text
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["id", "summary"], ["A", "one\rtwo"],
                                                              ["B", "three\nfour"]]


def test_comment_lines_cannot_start_a_row():
    text = rows_to_csv(["a"], [["1"]], comments=["file\n=cmd().csv"])
    assert text.splitlines()[0] == "# file =cmd().csv"


def test_frame_keeps_numbers_numeric():
    text = frame_to_csv(pd.DataFrame({"lon": [-11.4456], "n": [3], "t": ["=x"], "gap": [None]}))
    assert text.splitlines()[1] == "-11.4456,3,'=x,"


@pytest.fixture(scope="module")
def download():
    result = load_upload((HEADER + "\r\n".join(ROWS) + "\r\n").encode(), "formulas.csv")
    assert result.events is not None and len(result.events) == 3, result.problems
    events, _ = to_register(result.events, L.load_regions(), L.load_corridor_segments(), "formulas.csv")
    return filtered_csv(events, "ACLED: cite as ...", "formulas.csv")


def test_downloaded_events_carry_no_live_formula(download):
    rows = list(csv.reader(io.StringIO(download, newline="")))
    body = [r for r in rows if r and not r[0].startswith("#")]
    header, data = body[0], body[1:]
    assert len(data) == 3, "an event was split over several rows"
    for row in data:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or NUMBER.fullmatch(cell), row
    cells = {c for row in data for c in row}
    for formula in FORMULA_CELLS:
        assert "'" + formula in cells, formula  # kept readable, as text
    assert "one\rtwo" in cells
    first = dict(zip(header, data[0]))
    assert first["lon"] == "-11.4456" and first["fatalities"] == "0"  # numbers stay numbers
    third = dict(zip(header, data[2]))
    assert third["event_id"] == "-5" and third["actor"] == "-12.5" and third["target"] == "+3"
