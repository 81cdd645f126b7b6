"""What a map's CSV holds (widgets.figures.map_rows): one row per mapped event, from the events each marker stands
for; the overview map lists every attack it maps exactly once (issue 13, item 6)."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from widgets.catalogue import Catalogue
from widgets.figures import map_rows as R
from widgets.figures import meta as M
from widgets.figures.common import finish


def events() -> pd.DataFrame:
    return pd.DataFrame({"event_id": ["E2", "E1", "E3"], "event_type": ["convoy_attack", "abduction", "other"],
                         "date_start": pd.to_datetime(["2025-09-02", "2025-09-01", None]),
                         "place": ["Kayes", None, "Nioro"]})


def test_event_records_oldest_first_with_iso_dates_and_plain_types():
    assert R.event_records(events()) == [["E1", "2025-09-01", "abduction", ""],
                                         ["E2", "2025-09-02", "convoy attack", "Kayes"],
                                         ["E3", "", "other", "Nioro"]]
    assert R.event_records(events().iloc[0:0]) == []


def test_csv_events_lists_each_points_events_and_keeps_other_meta():
    frame = events()
    meta = R.csv_events([R.events_of(frame, ["E2", "E1"]), R.events_of(frame, ["E3", "E9"])], {"role": "x"})
    assert meta["role"] == "x"
    assert [[e[0] for e in point] for point in meta["csv_events"]] == [["E1", "E2"], ["E3"]]


def test_a_map_csv_header_says_its_rows_are_the_marked_places_and_events():
    catalogue = Catalogue(datasets=pd.DataFrame({"title": ["Roads"], "attribution": ["OSM"], "published": [""],
                                                 "retrieved": ["2026-01-01"], "licence": ["ODbL"]}, index=["roads"]),
                          sources=pd.DataFrame(columns=["publisher", "published", "title", "url", "terms"]),
                          figures=pd.DataFrame(columns=["source_id"]))
    geo = finish(go.Figure(go.Scattergeo(lon=[1], lat=[2], mode="markers")), title="Map", catalogue=catalogue,
                 source_ids=["roads"])
    chart = finish(go.Figure(go.Bar(x=[1], y=[2])), title="Bars", catalogue=catalogue, source_ids=["roads"])
    assert geo.layout.meta["csv_header"][-1] == M.ROWS_MAP
    assert chart.layout.meta["csv_header"][-1] == M.ROWS_CHART


def test_the_overview_map_lists_every_mapped_attack_once():
    from widgets.figures import overview as O
    fig = O.examples()[0]
    mapped = int(re.search(r"(\d+) of \d+ attacks mapped", fig.layout.title.text).group(1))
    listed = {}
    for trace in fig.data:
        match = re.search(r"\((\d+) located\)$", trace.name or "")
        if match and not trace.name.startswith("New since"):
            per_point = trace.meta["csv_events"]
            assert len(per_point) == len(trace.lon)  # one list per marker
            ids = [e[0] for point in per_point for e in point]
            assert len(ids) == int(match.group(1)), trace.name
            listed.update(dict.fromkeys(ids))
    assert len(listed) == mapped
