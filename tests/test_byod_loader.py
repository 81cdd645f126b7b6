"""Bring-your-own-data loader: both layouts load, and every class of bad input ends in a specific problem."""

from dataclasses import FrozenInstanceError
from pathlib import Path

import pandas as pd
import pytest

from widgets.byod import MAX_BYTES, load_upload
from widgets.byod.loader import UploadResult

FIXTURES = Path(__file__).parent / "fixtures" / "byod"
ACLED = (FIXTURES / "acled_synthetic.csv").read_bytes()
UCDP = (FIXTURES / "ucdp_synthetic.csv").read_bytes()


def edit(content: bytes, old: str, new: str) -> bytes:
    text = content.decode("utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def messages(result: UploadResult) -> str:
    return "\n".join(p.message for p in result.problems)


def only_error(result: UploadResult):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


# ---- good files ----------------------------------------------------------------------------------------

def test_acled_maps_onto_the_event_schema():
    result = load_upload(ACLED, "2025-01-01-2025-12-31-Mali.csv")
    assert result.problems == [] and result.layout == "ACLED"
    events = result.events
    assert list(events.columns) == ["event_id", "date_start", "date_end", "event_type", "actor", "target", "place",
                                    "admin1", "country", "lat", "lon", "fatalities", "summary", "source", "origin",
                                    "producer"]
    assert list(events["event_id"]) == ["SYN1", "SYN2", "SYN3", "SYN4"]
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])
    assert events.loc[2, "date_start"] == pd.Timestamp("2025-10-14")  # "14 October 2025" form
    assert events.loc[2, "place"] == "Ségou"
    assert events.loc[1, "fatalities"] == 3 and events.loc[0, "lon"] == pytest.approx(-11.4456)
    assert set(events["origin"]) == {"your data"} and set(events["producer"]) == {"ACLED"}
    assert all("synthetic test row" in s for s in events["summary"])
    assert "Armed Conflict Location & Event Data (ACLED)" in result.citation
    assert "2025-12-31" in result.citation


def test_ucdp_maps_onto_the_event_schema():
    result = load_upload(UCDP, "ged_synthetic.csv")
    assert result.problems == [] and result.layout == "UCDP GED"
    events = result.events
    assert list(events["event_type"]) == ["state-based violence", "non-state violence", "one-sided violence"]
    assert events.loc[1, "date_end"] == pd.Timestamp("2025-09-21")
    assert list(events["fatalities"]) == [2, 0, 5] and set(events["producer"]) == {"UCDP GED"}
    assert events.loc[0, "actor"] == "Synthetic Government" and events.loc[0, "target"] == "Synthetic Armed Group A"
    assert "Uppsala Conflict Data Program" in result.citation and "does not give it" in result.citation


def test_result_is_frozen_and_citation_has_no_number_of_ours():
    result = load_upload(ACLED, "export.csv")
    with pytest.raises(FrozenInstanceError):
        result.layout = "x"
    assert not any(ch.isdigit() for ch in result.citation)
    assert not any(ch.isdigit() for ch in load_upload(UCDP, "export.csv").citation)


# ---- bad input classes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("content, what", [
    (b"PK\x03\x04" + bytes(200), "an Excel workbook or a zip archive"),
    (b"%PDF-1.7\n" + bytes(50), "a PDF document"),
])
def test_not_a_csv(content, what):
    error = only_error(load_upload(content, "upload.xlsx"))
    assert error.row is None and error.message.startswith(f"This is not a CSV file: it looks like {what}.")


def test_binary_noise():
    result = load_upload(bytes(range(256)) * 20, "noise.csv")
    assert result.events is None
    assert only_error(result).message.startswith("This does not look like a CSV text file: it contains binary data")


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_windows_and_old_mac_line_endings(newline):
    result = load_upload(UCDP.replace(b"\n", newline), "crlf.csv")
    assert result.problems == [] and len(result.events) == 3


def test_utf8_bom_is_accepted_silently():
    result = load_upload(b"\xef\xbb\xbf" + ACLED, "bom.csv")
    assert result.problems == [] and len(result.events) == 4


def test_latin1_is_read_with_a_note():
    result = load_upload((FIXTURES / "acled_latin1.csv").read_bytes(), "latin1.csv")
    assert result.errors == [] and result.events.loc[2, "place"] == "Ségou"
    assert result.notes[0].message.startswith("The file is not valid UTF-8 (first bad byte at position")
    assert "it was read as Latin-1 instead" in result.notes[0].message


def test_utf16_is_read_with_a_note():
    result = load_upload(ACLED.decode("utf-8").encode("utf-16"), "unicode.txt")
    assert result.errors == [] and len(result.events) == 4
    assert "read as UTF-16" in result.notes[0].message


@pytest.mark.parametrize("delim, words", [(";", "semicolons (;)"), ("\t", "tabs")])
def test_other_delimiters_are_detected_and_named(delim, words):
    content = (FIXTURES / "acled_semicolon.csv").read_bytes()
    if delim == "\t":
        content = content.replace(b";", b"\t")
    result = load_upload(content, "semi.csv")
    assert result.errors == [] and len(result.events) == 4
    assert result.notes[0].message == f"The columns are separated by {words}, not commas; the file was read that way."


def test_missing_required_columns_named_with_closest_layout():
    text = ACLED.decode().replace("event_date", "date_of_event").replace("latitude", "lat")
    error = only_error(load_upload(text.encode(), "m.csv"))
    assert error.message == ("Required columns are missing: event_date, latitude. The file is closest to the ACLED "
                             "layout, which needs event_id_cnty, event_date, event_type, actor1, latitude, "
                             "longitude, fatalities.")
    text = UCDP.decode().replace("best,", "deaths,")
    assert "closest to the UCDP GED layout" in only_error(load_upload(text.encode(), "m.csv")).message


def test_unknown_header():
    error = only_error(load_upload(b"name,age\nann,3\n", "people.csv"))
    assert error.message.startswith("The header row has none of the ACLED or UCDP GED column names (it starts: "
                                    "'name', 'age').")


def test_unparseable_date():
    result = load_upload(edit(ACLED, "2025-09-20", "20/09/25"), "d.csv")
    assert result.events is None
    error = only_error(result)
    assert (error.row, error.column) == (2, "event_date")
    assert error.message == ("Row 2, column 'event_date': the value '20/09/25' is not a date that can be read "
                             "(expected a date such as 2025-09-14 or 14 September 2025, between 1900 and 2100).")


def test_ucdp_end_before_start():
    error = only_error(load_upload(edit(UCDP, "2025-09-21 00:00:00.000", "2025-09-01"), "d.csv"))
    assert error.row == 2 and error.message == ("Row 2: the event ends before it starts (date_end is earlier than "
                                                "date_start).")


def test_ucdp_unreadable_date_is_not_also_called_out_of_order():
    result = load_upload(edit(UCDP, "2025-09-21 00:00:00.000", "2025-02-30"), "d.csv")
    assert [(p.row, p.column) for p in result.errors] == [(2, "date_end")]


def test_coordinates_out_of_range():
    error = only_error(load_upload(edit(ACLED, "14.4469", "94.4469"), "c.csv"))
    assert (error.row, error.column) == (1, "latitude")
    assert error.message == ("Row 1, column 'latitude': the value '94.4469' is not a possible latitude (it must be "
                             "between -90 and 90).")
    error = only_error(load_upload(edit(ACLED, "-9.5900", "-190"), "c.csv"))
    assert error.message == ("Row 2, column 'longitude': the value '-190' is not a possible longitude (it must be "
                             "between -180 and 180).")


def test_coordinates_outside_west_africa():
    error = only_error(load_upload(edit(ACLED, "-5.6665", "36.8"), "c.csv"))  # a point in East Africa
    assert (error.row, error.column) == (4, "longitude")
    assert error.message == ("Row 4, column 'longitude': the value '36.8' is outside the West Africa area this "
                             "briefing maps (longitude -18 to 4.5).")


def test_coordinates_not_numbers_or_empty():
    result = load_upload(edit(edit(ACLED, "14.4469", "north"), "-9.5900", ""), "c.csv")
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (1, "latitude", "Row 1, column 'latitude': the value 'north' is not a number."),
        (2, "longitude", "Row 2, column 'longitude': the value is empty, but a value is needed."),
    ]


def test_duplicated_ids():
    error = only_error(load_upload(edit(ACLED, "SYN3,", "SYN1,"), "dup.csv"))
    assert (error.row, error.column) == (3, "event_id_cnty")
    assert error.message == ("Row 3, column 'event_id_cnty': the id 'SYN1' is duplicated (it already appears on row "
                             "1); each event needs its own id.")


def test_bad_fatalities():
    error = only_error(load_upload(edit(UCDP, ",2,4,1", ",-2,4,1"), "f.csv"))
    assert error.message == ("Row 1, column 'best': the value '-2' is not a whole number of deaths between 0 and "
                             "100,000.")


@pytest.mark.parametrize("content, message", [
    (b"", "The file is empty."),
    (b"  \r\n\n", "The file is empty."),
])
def test_empty_file(content, message):
    assert only_error(load_upload(content, "e.csv")).message == message


def test_header_only():
    header = ACLED.split(b"\n", 1)[0] + b"\n"
    result = load_upload(header, "h.csv")
    assert result.layout is None and result.events is None
    assert only_error(result).message == "The file has a header row but no data rows."


def test_too_large():
    result = load_upload(ACLED, "big.csv", max_bytes=100)
    assert only_error(result).message.startswith("The file is 0.0 MB, larger than the 0 MB limit for uploads")
    big = ACLED + b"x" * MAX_BYTES
    error = only_error(load_upload(big, "big.csv"))
    assert error.message == ("The file is 50.0 MB, larger than the 50 MB limit for uploads (far more than any "
                             "country-year export). Export a smaller date range or area.")


def test_truncated_row_and_extra_values():
    text = ACLED.decode().rstrip("\n")
    cut = text[: text.rfind(",Sikasso,")]  # the last row loses its tail
    result = load_upload(cut.encode(), "cut.csv")
    error = only_error(result)
    assert error.row == 4 and error.message == ("Row 4 has 14 values but the header has 21 columns (the row may be "
                                                "cut short).")
    extra = edit(ACLED, "Nioro du Sahel", "Nioro, du Sahel")
    assert only_error(load_upload(extra, "x.csv")).message == (
        "Row 2 has 22 values but the header has 21 columns (perhaps a text contains an unquoted comma).")


def test_cell_too_long_for_csv():
    text = ACLED.decode().replace("synthetic test row: not a real event", "x" * 200_000)
    error = only_error(load_upload(text.encode(), "long.csv"))
    assert error.row == 1 and error.message == (
        "Row 1 cannot be read as CSV (a cell is longer than 131,072 characters); it was left out and the lines "
        "after it were read on.")
    kept = load_upload(text.encode(), "long.csv", keep_valid_rows=True)
    assert list(kept.events["event_id"]) == ["SYN2", "SYN3", "SYN4"]


def test_duplicated_column():
    text = ACLED.decode().replace("region,", "latitude,", 1)
    error = only_error(load_upload(text.encode(), "dc.csv"))
    assert error.message == ("These columns appear more than once in the header: latitude. Remove the extra copies "
                             "so each appears once.")


def test_keep_valid_rows():
    bad = edit(edit(ACLED, "14.4469", "94.4469"), "2025-11-02", "someday")
    assert load_upload(bad, "k.csv").events is None
    result = load_upload(bad, "k.csv", keep_valid_rows=True)
    assert list(result.events["event_id"]) == ["SYN2", "SYN3"] and len(result.errors) == 2
    every = edit(edit(edit(edit(bad, "15.2300", "x"), "13.4317", "y"), "x", "x"), "y", "y")
    result = load_upload(every, "k.csv", keep_valid_rows=True)
    assert result.events is None
    assert result.errors[-1].message == "No row could be used: every row has at least one error."


def test_script_in_notes_is_kept_as_text_and_flagged():
    result = load_upload((FIXTURES / "acled_script.csv").read_bytes(), "s.csv", keep_valid_rows=False)
    assert result.errors == [] and len(result.events) == 4
    assert result.events.loc[1, "summary"] == "synthetic test row <script>alert(1)</script>"
    note = result.notes[0]
    assert (note.row, note.column, note.severity) == (2, "notes", "note")
    assert note.message == ("Row 2, column 'notes': contains HTML or script markup ('‹script›'). It is kept as "
                            "plain text and will be shown, never run.")


def test_our_messages_never_carry_markup():
    hostile = edit(edit(ACLED, "2025-09-14", "<b>x</b>"), "SYN2", "<img src=x onerror=alert(1)>")
    result = load_upload(hostile, "<script>.csv")
    for problem in result.problems:
        assert "<" not in problem.message and ">" not in problem.message
    assert "<" not in result.citation


def test_never_raises_for_odd_arguments():
    for content in (None, "text, not bytes", 12):
        result = load_upload(content, None)  # type: ignore[arg-type]
        assert result.events is None and result.errors
