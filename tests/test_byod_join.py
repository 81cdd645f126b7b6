"""Uploaded events in the threat explorer: mapped onto the register, joined to every view, removable, escaped,
never written to disk."""

from __future__ import annotations

import builtins
from pathlib import Path

import pandas as pd
import pytest

from widgets import loaders as L
from widgets.analysis import threat as A
from widgets.byod import load_upload
from widgets.byod.join import OUTSIDE_MALI, combine, corridors_of_points, filtered_csv, is_yours, to_register
from widgets.figures import threat as F

FIXTURES = Path(__file__).parent / "fixtures" / "byod"


@pytest.fixture(scope="module")
def window_events():
    result = load_upload((FIXTURES / "acled_window.csv").read_bytes(), "2026-01-25-acled-window.csv")
    assert result.events is not None, result.problems
    return to_register(result.events, L.load_regions(), L.load_corridor_segments(), "acled-window.csv")


def test_uploaded_rows_get_register_ids_regions_and_corridors(window_events):
    events, points = window_events
    assert list(events["event_id"]) == ["ACLED:SYNW1", "ACLED:SYNW2", "ACLED:SYNW3", "ACLED:SYNW4"]
    # Regions from the bundled pre-2023 layer, not from the file; a point in Burkina Faso is outside Mali.
    assert list(events["admin1"]) == ["Kayes", "Kayes", OUTSIDE_MALI, "Sikasso"]
    assert events.loc[0, "corridor"] == "Dakar–Kayes–Bamako"  # Kayes town lies on the Dakar road
    assert events.loc[1, "corridor"] == "Nouakchott–Nioro–Bamako"
    assert set(events["event_type"]) == {"ACLED: Battles", "ACLED: Violence against civilians"}
    assert set(events["origin"]) == {"your data"} and set(events["date_precision"]) == {"day"}
    assert list(points["event_id"]) == list(events["event_id"])
    assert A.incidents(events).shape[0] == 4  # every uploaded row counts as a dated incident


def test_corridor_snapping_uses_kilometres_not_degrees():
    segments = L.load_corridor_segments()
    # Kayes (on the road) and a point ~1 degree north of it in the Sahara margin (> 100 km from any corridor).
    out = corridors_of_points(pd.Series([-11.4456, -11.4456]), pd.Series([14.4469, 15.6]), segments)
    assert out.loc[0, "snap_km"] < 5 and out.loc[1, "snap_km"] > 30
    assert out.loc[1, "corridor"] == "none"


def test_combine_and_choice(window_events):
    bundled = L.load_events()
    events, _ = window_events
    assert combine(bundled, None, "both") is bundled
    both = combine(bundled, events, "both")
    assert len(both) == len(bundled) + len(events) and is_yours(both).sum() == len(events)
    assert combine(bundled, events, "yours") is events and combine(bundled, events, "register") is bundled
    with pytest.raises(ValueError):
        combine(bundled, events, "everything")


def test_filtered_download_holds_only_your_rows_with_the_citation(window_events):
    events, _ = window_events
    both = combine(L.load_events(), events, "both")
    text = filtered_csv(both, "ACLED: cite as ...", "acled-window.csv")
    lines = text.splitlines()
    assert lines[0].startswith("# Your uploaded events (acled-window.csv)") and "4 rows" in lines[0]
    assert lines[1] == "# ACLED: cite as ..."
    body = pd.read_csv(__import__("io").StringIO(text), comment="#")
    assert list(body["event_id"]) == ["SYNW1", "SYNW2", "SYNW3", "SYNW4"]  # the producer's own ids back
    assert not any(str(i).startswith("E0") for i in body["event_id"])


def test_figures_draw_your_data_apart_and_escape_markup(window_events):
    events, points = window_events
    bundled = L.load_events()
    both = combine(bundled, events, "both")
    start, end = pd.Timestamp("2025-12-01"), pd.Timestamp("2026-01-31")
    selected = A.select(both, start, end)
    fig = F.timeline(bundled, catalogue=L.load_catalogue())
    F.restyle_timeline(fig, both, set(selected["event_id"]), start, end)
    yours = next(t for t in fig.data if t.name == F.YOURS_TRACE)
    assert len(yours.x) == 4 and yours.showlegend
    assert "ACLED: Battles" in fig.layout.yaxis.categoryarray
    hostile = load_upload((FIXTURES / "acled_hostile.csv").read_bytes(), "hostile.csv")
    hostile_events, hostile_points = to_register(hostile.events, L.load_regions(), L.load_corridor_segments(),
                                                 "hostile.csv")
    towns = A.located_towns(hostile_points, hostile_events)
    hover = " ".join(F._town_hover(towns))
    assert "<script" not in hover and "&lt;script&gt;" in hover and "javascript:" in hover  # shown as text
    assert "<a " not in hover


def test_panel_joins_removes_and_never_writes(monkeypatch):
    from widgets.ui.threat import ThreatPanel, opening_figures

    def no_writes(file, mode="r", *args, **kwargs):
        if any(flag in str(mode) for flag in "wax+"):
            raise AssertionError(f"the upload tried to write {file!r}")
        return real_open(file, mode, *args, **kwargs)

    real_open = builtins.open
    events = L.load_events()
    panel = ThreatPanel(events, L.load_event_points(), opening=opening_figures(
        events, L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
        catalogue=L.load_catalogue(), n_unresolved=0))
    before = panel.count.value
    monkeypatch.setattr(builtins, "open", no_writes)
    content = (FIXTURES / "acled_window.csv").read_bytes()
    panel.upload.receive("2026-01-25-acled-window.csv", content)
    assert panel.yours is not None and len(panel.yours) == 4
    assert "of them come from your data" in panel.count.value
    assert "Your data is shown" in panel.upload.status.value and "Armed Conflict Location" in panel.upload.status.value
    assert ("ACLED: Battles", "ACLED: Battles") in panel.event_type.options
    assert OUTSIDE_MALI in {v for _, v in panel.region.options}
    # The default window is the record's last eight weeks (to March 2026 since edition 2): open the whole record.
    default_window = panel.slider.index
    panel.slider.index = (0, len(panel.weeks) - 1)
    timeline_yours = next(t for t in panel.timeline.data if t.name == F.YOURS_TRACE)
    map_yours = next(t for t in panel.map.data if t.name == F.YOURS_TRACE)
    assert len(timeline_yours.x) == 4 and len(map_yours.lon) == 4  # four distinct places
    panel.slider.index = default_window
    notes = [a.text for a in panel.map.layout.annotations if a.name == F.YOURS_SOURCE]
    assert notes and "2026-01-25-acled-window.csv" in notes[0]
    panel.upload.choice.value = "yours"
    assert panel.count.value.startswith("<p><strong>4 events in the selection")
    panel.event_type.value = "ACLED: Battles"
    assert panel.count.value.startswith("<p><strong>3 events in the selection")
    panel.upload.prepare.click()
    assert "download=" in panel.upload.download.value and "Save 3 events" in panel.upload.download.value
    panel.upload.remove.click()
    assert panel.yours is None and panel.count.value == before
    assert panel.event_type.value == ""  # the uploaded type is no longer a choice
    assert all(v != "ACLED: Battles" for _, v in panel.event_type.options)
    assert len(next(t for t in panel.map.data if t.name == F.YOURS_TRACE).lon) == 0
    notes = [a.text for a in panel.map.layout.annotations if a.name == F.YOURS_SOURCE]
    assert all(n.strip() == "" for n in notes)


def test_panel_rejects_a_bad_file_with_row_messages_and_keeps_valid_rows_on_request():
    from widgets.ui.threat import ThreatPanel, opening_figures

    panel = ThreatPanel(L.load_events(), L.load_event_points(), opening=opening_figures(
        L.load_events(), L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
        catalogue=L.load_catalogue(), n_unresolved=0))
    content = (FIXTURES / "acled_window.csv").read_text(encoding="utf-8").replace("12.37032", "north", 1)
    panel.upload.receive("broken.csv", content.encode("utf-8"))
    assert panel.yours is None
    status = panel.upload.status.value
    assert "was not added" in status and "Row 3, column &#x27;latitude&#x27;" in status
    assert panel.upload.keep.layout.display == ""
    panel.upload.keep.click()
    assert panel.yours is not None and len(panel.yours) == 3
    assert "1 row with errors was left out" in panel.upload.status.value


def test_panel_shows_hostile_text_as_text():
    from widgets.ui.threat import ThreatPanel, opening_figures

    panel = ThreatPanel(L.load_events(), L.load_event_points(), opening=opening_figures(
        L.load_events(), L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
        catalogue=L.load_catalogue(), n_unresolved=0))
    panel.upload.receive("hostile.csv", (FIXTURES / "acled_hostile.csv").read_bytes())
    assert panel.yours is not None
    panel.upload.choice.value = "yours"
    for html_value in (panel.upload.status.value, panel.table.value, panel.map_table.value, panel.count.value):
        assert "<script" not in html_value and "<img" not in html_value and "<b onmouseover" not in html_value
    assert "&lt;script&gt;" in panel.table.value  # the place is shown, as text
    assert "markup" in panel.upload.status.value  # and the reader is told about it


def test_picker_refuses_a_file_over_the_limit_before_it_is_sent():
    from widgets.ui.file_picker import too_big_message
    from widgets.ui.upload import UploadBox

    got = []
    box = UploadBox(lambda result, name: got.append(name), lambda: None)
    # What the browser sends for a file over the limit: its name and size, never its bytes.
    box.upload._receive(box.upload, {"kind": "too_big", "name": "huge.csv", "size": 80 * 1024 * 1024}, [])
    assert got == [] and "huge.csv is 80.0 MB, larger than the 50 MB limit" in box.status.value
    box.upload._receive(box.upload, {"kind": "file", "name": "a.csv", "size": 3}, [memoryview(b"abc")])
    assert got == [] and "a.csv was not added" in box.status.value  # not an export: a message, no crash
    assert "not sent to the server" in too_big_message("x.csv", 10, 1)
