from datetime import date

import pandas as pd
import pytest

from widgets import loaders
from widgets.catalogue import Catalogue, UnknownId


def tiny_catalogue(retrieved: str = "2026-01-01", cadence: int = 30) -> Catalogue:
    datasets = pd.DataFrame({"title": ["Roads"], "attribution": ["Roads: © OpenStreetMap contributors"],
                             "retrieved": [retrieved], "cadence_days": [cadence], "cadence": ["monthly"],
                             "sha256": ["0" * 64]}, index=["roads"])
    sources = pd.DataFrame({"publisher": ["Reuters", "RFI", "AP", "BBC", "AFP"],
                            "published": ["2025-09-17", "2025-09", "", "2024", "2025-10-01"],
                            "title": list("abcde"), "kind": ["news"] * 5, "terms": [""] * 5, "url": ["http://x"] * 5,
                            "register": ["events"] * 5}, index=["S001", "S002", "S003", "S004", "S005"])
    figures = pd.DataFrame({"source_id": ["S002"]}, index=["C001"])
    return Catalogue(datasets=datasets, sources=sources, figures=figures)


def test_lookup_by_id():
    cat = tiny_catalogue()
    assert cat.source("S001")["publisher"] == "Reuters"
    assert cat.figure("C001")["source_id"] == "S002"
    assert cat.dataset("roads")["title"] == "Roads"
    with pytest.raises(UnknownId):
        cat.source("S999")


def test_source_line_names_publishers_dates_and_attributions():
    line = tiny_catalogue().source_line(["S001", "C001", "roads"])
    assert line == ("Sources: Reuters, 17 Sep 2025 [S001]; RFI, Sep 2025 [S002] · "
                    "Data: Roads: © OpenStreetMap contributors")


def test_source_line_keeps_every_id_beyond_the_named_ones():
    line = tiny_catalogue().source_line(["S001", "S002", "S003", "S004", "S005"], max_named=2)
    assert "3 more (S003, S004, S005)" in line
    assert "AP, undated [S003]" not in line


def test_source_line_rejects_unknown_ids():
    with pytest.raises(UnknownId):
        tiny_catalogue().source_line(["S001", "nonsense"])


@pytest.mark.parametrize("today, status", [(date(2026, 1, 31), "fresh"), (date(2026, 2, 15), "due"),
                                           (date(2026, 3, 31), "overdue")])
def test_freshness_from_retrieved_date_and_cadence(today, status):
    table = tiny_catalogue(retrieved="2026-01-01", cadence=30).freshness(today)
    assert table.loc[0, "status"] == status


def test_real_catalogue_covers_every_raw_file_and_source():
    cat = loaders.load_catalogue()
    assert {"events", "figures", "roads", "countries", "regions", "places", "rivers"} <= set(cat.datasets.index)
    for column in ["title", "producer", "retrieved", "licence", "transforms", "sha256", "attribution"]:
        assert (cat.datasets[column].astype(str).str.len() > 0).all(), column
    assert cat.knows("S000") and cat.knows("F-S001") and cat.knows("G074")
    assert len(cat.sources) == 247
