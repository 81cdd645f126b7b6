"""Hostile and careless files through the upload loader (issue 16, items 2-6): values read otherwise than written
are named, ids are compared as people mean them, every left-out row is counted, a bad row does not take the rows
after it, and characters that are not text or that reorder text are removed with a note. Every file is written
here, small."""

from __future__ import annotations

import pytest

from widgets.byod import load_upload
from widgets.byod.loader import UploadResult

HEADER = "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,fatalities,notes"


def row(i: int, *, event_id: str | None = None, lat: str = "14.4469", lon: str = "-11.4456", deaths: str = "0",
        actor: str = "Synthetic Group", notes: str = "synthetic test row") -> str:
    return (f"{event_id if event_id is not None else f'H{i}'},2025-12-{1 + i % 28:02d},Battles,{actor},Kayes,{lat},"
            f"{lon},{deaths},{notes}")


def csv_bytes(rows: list[str], newline: str = "\n") -> bytes:
    return (newline.join([HEADER, *rows]) + newline).encode("utf-8")


def messages(result: UploadResult) -> list[str]:
    return [p.message for p in result.problems]


# ---- values read otherwise than written (item 3) ------------------------------------------------------

def test_thousands_separator_in_a_count_is_read_and_named():
    result = load_upload(csv_bytes([row(1, deaths='"1,000"'), row(2, deaths='"12,500"'), row(3)]), "t.csv")
    assert result.errors == [] and list(result.events["fatalities"]) == [1000, 12500, 0]
    assert messages(result) == ["Column 'fatalities': 2 values written with commas between thousands: rows 1 and 2; "
                                "e.g. '1,000' on row 1 was read as 1000 (the commas taken for thousands "
                                "separators)."]


def test_decimal_comma_in_a_coordinate_is_read_and_named():
    result = load_upload(csv_bytes([row(1, lat='"14,4469"'), row(2)]), "d.csv")
    assert result.errors == [] and result.events.loc[0, "lat"] == pytest.approx(14.4469)
    assert messages(result) == ["Column 'latitude': '14,4469' on row 1 was read as 14.4469 (the comma taken for a "
                                "decimal point)."]


def test_a_comma_that_puts_a_coordinate_outside_the_area_is_explained():
    result = load_upload(csv_bytes([row(1, lat='"1,445"'), row(2)]), "c.csv")
    assert [p.message for p in result.errors] == [
        "Row 1, column 'latitude': the value '1,445' is outside the West Africa area this briefing maps (latitude "
        "4 to 25.5) (read as 1.445, taking the comma for a decimal comma; if it separates thousands or two "
        "numbers, correct the cell)."]


def test_ids_differing_only_by_case_or_spaces_are_duplicates():
    result = load_upload(csv_bytes([row(1, event_id="SAME"), row(2, event_id="same"), row(3, event_id='" SAME "'),
                                    row(4, event_id="OTHER")]), "ids.csv")
    assert result.events is None and result.rows_left_out == 2
    assert [(p.row, p.message) for p in result.errors] == [
        (2, "Row 2, column 'event_id_cnty': the id 'same' is duplicated (row 1 has 'SAME'; ids are compared without "
            "surrounding spaces and regardless of case); each event needs its own id."),
        (3, "Row 3, column 'event_id_cnty': the id ' SAME ' is duplicated (row 1 has 'SAME'; ids are compared "
            "without surrounding spaces and regardless of case); each event needs its own id.")]
    kept = load_upload(csv_bytes([row(1, event_id=" SAME "), row(2)]), "ids.csv")
    assert list(kept.events["event_id"]) == ["SAME", "H2"]  # kept without the spaces


# ---- rows lost (items 4 and 5) ------------------------------------------------------------------------

def test_an_unclosed_quote_costs_its_row_only_and_says_what_it_swallowed():
    rows = [row(i) for i in range(1, 21)]
    rows[2] = row(3, notes='"an unclosed quote')
    content = csv_bytes(rows)
    result = load_upload(content, "q.csv")
    assert result.events is None and result.rows_left_out == 1
    assert messages(result) == ['Row 3 opens a quote mark (") that is not closed where the row ends, so the 17 '
                                "lines after it were read into one of its cells; row 3 was left out and those "
                                "lines were read again as rows of their own."]
    kept = load_upload(content, "q.csv", keep_valid_rows=True)
    assert len(kept.events) == 19 and "H3" not in set(kept.events["event_id"])


def test_an_unclosed_quote_longer_than_the_field_limit_also_recovers():
    rows = [row(1, notes='"never closed'), *[row(i, notes="n" * 9_000) for i in range(2, 21)]]
    result = load_upload(csv_bytes(rows), "q.csv", keep_valid_rows=True)
    assert result.rows_left_out == 1 and len(result.events) == 19, messages(result)


def test_a_huge_cell_does_not_block_the_rows_after_it():
    rows = [row(1, notes="x" * 5_000_000), *[row(i) for i in range(2, 21)]]
    content = csv_bytes(rows)
    result = load_upload(content, "huge.csv")
    assert result.events is None and result.rows_left_out == 1
    assert messages(result) == ["Row 1 cannot be read as CSV (a cell is longer than 131,072 characters); it was "
                                "left out and the lines after it were read on."]
    kept = load_upload(content, "huge.csv", keep_valid_rows=True)
    assert list(kept.events["event_id"]) == [f"H{i}" for i in range(2, 21)]


def test_every_left_out_row_is_counted_past_the_listed_problems():
    rows = [row(i, lat="north") for i in range(1, 1_001)] + [row(i) for i in range(1_001, 1_011)]
    result = load_upload(csv_bytes(rows), "many.csv", keep_valid_rows=True)
    assert result.rows_left_out == 1_000 and result.total_problems == 1_000 and len(result.events) == 10
    assert result.problems[-1].message == "…and 800 more errors, not listed one by one."


def test_row_limit_as_well_as_bytes():
    rows = [row(i) for i in range(1, 7)]
    assert len(load_upload(csv_bytes(rows[:5]), "r.csv", max_rows=5).events) == 5
    result = load_upload(csv_bytes(rows), "r.csv", max_rows=5)
    assert result.events is None and messages(result) == [
        "The file has more than 5 rows of events, the limit for uploads (a country-year export has a few thousand). "
        "Export a smaller date range or area."]


# ---- encodings and characters (item 6) ----------------------------------------------------------------

@pytest.mark.parametrize("codec, order", [("utf-16-le", "LE"), ("utf-16-be", "BE")])
def test_utf16_without_byte_order_mark_is_read_with_a_note(codec, order):
    text = csv_bytes([row(1, actor="Ségou Group"), row(2)]).decode("utf-8")
    result = load_upload(text.encode(codec), "unicode.csv")
    assert result.errors == [] and result.events.loc[0, "actor"] == "Ségou Group"
    assert messages(result) == [f"The file was read as UTF-16 text ({order}) although it has no byte-order mark; "
                                "check that names look right, or save it again as CSV (UTF-8)."]


def test_broken_utf16_without_byte_order_mark_is_named_with_the_fix():
    content = csv_bytes([row(1)]).decode("utf-8").encode("utf-16-le")[:-1] + b"\x00\xd8"  # a lone surrogate
    assert messages(load_upload(content, "u.csv")) == [
        "The file looks like UTF-16 text without a byte-order mark, but it is not valid UTF-16. Save it again as "
        "CSV (UTF-8) and upload that."]


def test_binary_data_message_says_how_to_fix_it():
    message = load_upload(bytes(range(256)) * 20, "noise.csv").errors[0].message
    assert message.endswith("Upload the CSV export itself; if it is one, save it again as CSV (UTF-8).")


def test_direction_controls_are_removed_from_cells_and_file_name():
    rlo = "\u202e"
    result = load_upload(csv_bytes([row(1, actor=f"Group {rlo}A.N{rlo}"), row(2)]), f"report{rlo}vsc.exe")
    assert result.errors == [] and result.events.loc[0, "actor"] == "Group A.N"
    assert messages(result) == [
        "The file name held control or direction control characters; they were removed: 'reportvsc.exe'.",
        "The file held 2 direction control characters (such as a right-to-left override, which makes a name "
        "display in another order than it is written), the first on line 2; they were removed."]
    assert rlo not in result.citation


def test_nul_bytes_after_the_first_characters_are_removed_with_a_note():
    rows = [row(i, notes="n" * 1_000) for i in range(1, 120)]
    rows.append(row(120, actor="Nul\x00Group"))
    content = csv_bytes(rows)
    assert content.index(b"\x00") > 100_000
    result = load_upload(content, "nul.csv")
    assert result.errors == [] and len(result.events) == 120
    assert not result.events["actor"].str.contains("\x00").any()
    assert result.events.loc[119, "actor"] == "NulGroup"
    assert messages(result) == ["The file held 1 control characters that are not text (such as NUL bytes), which "
                                "would be carried into downloads and tables, the first on line 121; they were "
                                "removed."]


def test_a_cell_that_really_spans_lines_is_kept_whole():
    result = load_upload(csv_bytes([row(1, notes='"line one\nline two, still the note"'), row(2)]), "m.csv")
    assert result.problems == [] and result.events.loc[0, "summary"] == "line one\nline two, still the note"
