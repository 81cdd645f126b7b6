"""Uploaded events on the corridors chapter: given to road links by the chapter's own rule, counted per corridor,
drawn apart with their source line, removable, escaped, never written to disk."""

from __future__ import annotations

import builtins
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from widgets.analysis import corridors_chapter as A
from widgets.byod import load_upload
from widgets.byod.join import to_register
from widgets.byod.links import CHUNK, assign_uploaded_links, at_point, corridor_counts, per_corridor
from widgets.figures import corridors_chapter as F
from widgets.figures.common import YOURS_SOURCE, set_extra_source
from widgets.figures.corridors_yours import YOURS_TRACE, pressure_with_your_data

FIXTURES = Path(__file__).parent / "fixtures" / "byod"


@pytest.fixture(scope="module")
def d():
    return F.chapter_data()


@pytest.fixture(scope="module")
def bamako(d):
    spot = d["places"][d["places"]["name"] == A.HUB].geometry.iloc[0]
    return spot.x, spot.y


def _events(lon: list[float], lat: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"event_id": [f"ACLED:T{i}" for i in range(len(lon))], "lon": lon, "lat": lat,
                         "date_start": pd.Timestamp("2025-10-01"), "place": "synthetic"})


def test_vectorised_assignment_matches_the_chapter_rule_on_the_bundled_incidents(d, bamako):
    """The upload path and the chapter's own loop give the same links, corridors and distances."""
    located = d["incidents"][d["incidents"]["lon"].notna()]
    hub = at_point(located["lon"], located["lat"], *bamako)
    assert hub.equals(d["hub"].reindex(located.index))
    fast = assign_uploaded_links(located, d["links"], hub).set_index("event_id").sort_index()
    slow = d["assigned"].set_index("event_id").sort_index()
    assert list(fast.index) == list(slow.index) and len(fast) == 15  # 14 in edition 1; E078 in edition 2
    assert (fast["links"] == slow["links"]).all() and (fast["corridor_ids"] == slow["corridor_ids"]).all()
    assert np.allclose(fast["snap_km"].astype(float), slow["snap_km"].astype(float))


def test_capital_far_points_and_kilometres(d, bamako):
    kayes = d["places"][d["places"]["name"] == "Kayes"].geometry.iloc[0]
    # Bamako itself; Kayes (on the Dakar road); ~1.1 degrees north of Kayes (> 100 km from every link).
    events = _events([bamako[0], kayes.x, kayes.x], [bamako[1], kayes.y, kayes.y + 1.1])
    hub = at_point(events["lon"], events["lat"], *bamako)
    assert list(hub) == [True, False, False]
    got = assign_uploaded_links(events, d["links"], hub)
    assert list(got["event_id"]) == ["ACLED:T1"] and float(got["snap_km"].iloc[0]) < 5
    assert per_corridor(got, d["summary"])["Dakar–Kayes–Bamako"] == 1


def test_chunks_give_the_same_answer_as_one_pass(d, bamako):
    kayes = d["places"][d["places"]["name"] == "Kayes"].geometry.iloc[0]
    n = CHUNK + 7  # crosses a chunk boundary
    rng = np.random.default_rng(3)
    lon = list(kayes.x + rng.uniform(-1.5, 1.5, n))
    lat = list(kayes.y + rng.uniform(-1.0, 1.0, n))
    events = _events(lon, lat)
    hub = at_point(events["lon"], events["lat"], *bamako)
    whole = assign_uploaded_links(events, d["links"], hub)
    tail = assign_uploaded_links(events.iloc[CHUNK:], d["links"], hub.iloc[CHUNK:])
    assert 0 < len(whole) < n
    assert whole[whole["event_id"].isin(tail["event_id"])].reset_index(drop=True).equals(tail.reset_index(drop=True))


def test_a_shared_road_counts_for_every_corridor_using_it(d):
    counts = corridor_counts(d["assigned"], d["assigned"].iloc[0:0], d["summary"])
    # The two Abidjan routes share their links in this network: the same incidents count for both.
    abidjan = counts.set_index("corridor").loc[["Abidjan–Sikasso–Bamako", "Abidjan–Bougouni–Bamako"]]
    assert abidjan.iloc[0, 0] == abidjan.iloc[1, 0] > 0
    assert counts["register incidents (town point)"].sum() > len(d["assigned"])  # overlaps, as the note says
    assert list(counts.iloc[:, 1]) == list(d["by_corridor"]["snapped_by_town_point"].iloc[:len(counts)])


@pytest.fixture(scope="module")
def window(d):
    result = load_upload((FIXTURES / "acled_window.csv").read_bytes(), "acled-window.csv")
    yours, _ = to_register(result.events, d["regions"], d["segments"], "acled-window.csv")
    return yours


def test_map_counts_the_chosen_data_and_carries_your_source_line(d, window, bamako):
    hub = at_point(window["lon"], window["lat"], *bamako)
    assigned = assign_uploaded_links(window, d["links"], hub)
    line = "Your data: acled-window.csv — ACLED: cite as ..."
    both = pressure_with_your_data(d, window, assigned, "both", line)
    mine = next(t for t in both.data if t.name == YOURS_TRACE)
    assert len(mine.lon) > 0 and mine.showlegend
    assert f"{len(d['assigned'])} register incidents and {len(assigned)} of your events" in both.layout.title.text
    assert any(a.name == YOURS_SOURCE and "acled-window.csv" in a.text for a in both.layout.annotations)
    assert line in both.layout.meta["csv_header"]  # the CSV download names the analyst's data too
    only = pressure_with_your_data(d, window, assigned, "yours", line)
    assert not any(t.name == "Town an incident is placed at" for t in only.data)
    assert "register incidents" not in only.layout.title.text
    register = pressure_with_your_data(d, window, assigned, "register", line)
    assert len(next(t for t in register.data if t.name == YOURS_TRACE).lon) == 0
    assert not any(h.startswith("Your data") for h in register.layout.meta["csv_header"])
    with pytest.raises(ValueError):
        pressure_with_your_data(d, window, assigned, "everything", line)


def test_source_line_is_added_once_and_removed(d):
    fig = F.figure("incidents", d)
    header = list(fig.layout.meta["csv_header"])
    set_extra_source(fig, "Your data: a.csv — cite")
    set_extra_source(fig, "Your data: b.csv — cite")
    assert [h for h in fig.layout.meta["csv_header"] if h.startswith("Your data")] == ["Your data: b.csv — cite"]
    set_extra_source(fig, "")
    assert list(fig.layout.meta["csv_header"]) == header


def test_panel_joins_filters_downloads_removes_and_never_writes(d, monkeypatch):
    from widgets.ui.corridor_upload import CorridorUploadPanel

    def no_writes(file, mode="r", *args, **kwargs):
        if any(flag in str(mode) for flag in "wax+"):
            raise AssertionError(f"the upload tried to write {file!r}")
        return real_open(file, mode, *args, **kwargs)

    real_open = builtins.open
    panel = CorridorUploadPanel(lambda: d)
    assert panel.view.layout.display == "none" and "Add your own data" in panel.upload.status.value
    monkeypatch.setattr(builtins, "open", no_writes)
    panel.upload.receive("acled-window.csv", (FIXTURES / "acled_window.csv").read_bytes())
    assert panel.view.layout.display == "" and panel.view.figure["data"]
    assert "Your events: 4." in panel.summary.value and "your events (within 30 km)" in panel.table.value
    assert ("ACLED: Battles", "ACLED: Battles") in panel.event_type.options
    panel.event_type.value = "ACLED: Battles"
    assert "Your events of this type: 3." in panel.summary.value
    panel.upload.prepare.click()
    assert "Save 3 events" in panel.upload.download.value
    panel.upload.remove.click()
    assert panel.yours is None and panel.view.layout.display == "none" and panel.table.value == ""
    assert "Your data was removed" in panel.upload.status.value


def test_panel_escapes_hostile_text(d):
    from widgets.ui.corridor_upload import CorridorUploadPanel

    panel = CorridorUploadPanel(lambda: d)
    panel.upload.receive("hostile.csv", (FIXTURES / "acled_hostile.csv").read_bytes())
    assert panel.yours is not None
    hover = " ".join(" ".join(t.get("hovertext") or []) for t in panel.view.figure["data"]
                     if t.get("name") == YOURS_TRACE)
    assert "&lt;script&gt;" in hover and "<script" not in hover and "<a " not in hover
    for value in (panel.summary.value, panel.table.value, panel.upload.status.value):
        assert "<script" not in value and "<img" not in value
