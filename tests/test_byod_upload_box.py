"""The upload control's words (issue 16, items 4 and 5): every left-out row counted, and no dead end after
'Use the valid rows'. The control is driven as the page drives it, with files written here."""

from __future__ import annotations

import re

from widgets.ui.upload import LISTED, UploadBox

HEADER = "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,fatalities,notes"


def row(i: int, lat: str = "14.4469", notes: str = "synthetic test row") -> str:
    return f"H{i},2025-12-{1 + i % 28:02d},Battles,Synthetic Group,Kayes,{lat},-11.4456,0,{notes}"


def box() -> tuple[UploadBox, list]:
    shown: list = []
    upload = UploadBox(lambda result, name: shown.append(len(result.events)), lambda: shown.append(None))
    return upload, shown


def text(upload: UploadBox) -> str:
    return re.sub(r"<[^>]+>", " ", upload.status.value)


def test_a_huge_first_row_is_no_dead_end():
    content = "\n".join([HEADER, row(1, notes="x" * 5_000_000), *[row(i) for i in range(2, 21)]]).encode()
    upload, shown = box()
    upload.receive("huge.csv", content)
    assert upload.keep.layout.display == "" and "choose 'Use the valid rows'" in text(upload)
    upload._on_keep(None)
    assert shown[-1] == 19 and upload.keep.layout.display == "none"
    assert "19 events from" in text(upload) and "1 row with errors was left out, as you chose" in text(upload)
    assert "Use the valid rows" not in text(upload)


def test_after_use_the_valid_rows_the_page_never_asks_for_it_again():
    content = "\n".join([HEADER, row(1, lat="north"), row(2, lat="south")]).encode()
    upload, _shown = box()
    upload.receive("bad.csv", content)
    assert "2 rows have errors" in text(upload) and upload.keep.layout.display == ""
    upload._on_keep(None)
    assert upload.keep.layout.display == "none"
    assert "Use the valid rows" not in text(upload) and "No row of it could be used" in text(upload)


def test_left_out_rows_and_problems_are_counted_exactly_past_the_listed_ones():
    content = "\n".join([HEADER, *[row(i, lat="north") for i in range(1, 1_001)],
                         *[row(i) for i in range(1_001, 1_006)]]).encode()
    upload, _shown = box()
    upload.receive("many.csv", content)
    assert "1,000 rows have errors" in text(upload)
    assert f"…and {1_000 - LISTED:,} more, not listed here." in text(upload)
    upload._on_keep(None)
    assert "5 events from" in text(upload) and "1,000 rows with errors were left out" in text(upload)


def test_direction_controls_leave_the_file_name_shown():
    upload, _shown = box()
    upload.receive("report\u202evsc.csv", "\n".join([HEADER, row(1)]).encode())
    assert "\u202e" not in upload.status.value and "reportvsc.csv" in upload.status.value
