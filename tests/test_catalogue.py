import re
from datetime import date

import pandas as pd
import pytest

from widgets import loaders
from widgets.catalogue import Catalogue, UnknownId


def tiny_catalogue(retrieved: str = "2026-01-01", cadence: int = 30, published: str = "") -> Catalogue:
    datasets = pd.DataFrame({"title": ["Roads"], "attribution": ["Roads: © OpenStreetMap contributors"],
                             "retrieved": [retrieved], "published": [published], "cadence_days": [cadence],
                             "cadence": ["monthly"], "sha256": ["0" * 64]}, index=["roads"])
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


def test_source_line_names_publishers_in_words_beyond_the_named_ones():
    """Issue 13, item 6: a long source line reads as publishers, not as a list of ids ("3 more (S003, …)")."""
    line = tiny_catalogue().source_line(["S001", "S002", "S003", "S004", "S005", "roads"], max_named=2)
    assert line == ("Sources: Reuters, RFI and 3 more publishers (5 sources) · "
                    "Data: Roads: © OpenStreetMap contributors")
    assert not re.search(r"\bS00\d", line)
    listed = tiny_catalogue().source_line(["S001", "S002", "S003"], max_named=2, list_ids=True)
    assert listed == "Sources: Reuters, RFI and 1 more publisher (3 sources: S001, S002, S003)"


def test_source_line_ranks_publishers_by_their_number_of_sources():
    cat = tiny_catalogue()
    cat.sources.loc["S004", "publisher"] = cat.sources.loc["S005", "publisher"] = "AFP"
    assert cat.source_line(["S001", "S002", "S003", "S004", "S005"], max_named=2) == \
        "Sources: AFP, Reuters and 2 more publishers (5 sources)"
    assert cat.source_line(["S001", "S004", "S005"], max_named=2) == "Sources: AFP and Reuters (3 sources)"


def test_source_list_gives_every_source_in_full():
    listed = tiny_catalogue().source_list(["S003", "C001", "roads"])
    assert listed == [{"id": "S003", "title": "c", "publisher": "AP", "published": "undated", "url": "http://x"},
                      {"id": "S002", "title": "b", "publisher": "RFI", "published": "Sep 2025", "url": "http://x"}]


def test_source_line_rejects_unknown_ids():
    with pytest.raises(UnknownId):
        tiny_catalogue().source_line(["S001", "nonsense"])


@pytest.mark.parametrize("today, status", [(date(2026, 1, 31), "current"), (date(2026, 3, 15), "ageing"),
                                           (date(2026, 4, 2), "stale")])
def test_freshness_by_content_age_not_retrieval(today, status):
    """A file retrieved yesterday whose newest fact is old is not current (the January-record defect)."""
    retrieved_late = tiny_catalogue(retrieved=today.isoformat(), cadence=30)
    table = retrieved_late.freshness(today, {"roads": date(2026, 1, 1)})
    assert table.loc[0, "status"] == status and table.loc[0, "basis"] == "newest dated fact in the register"


def test_freshness_falls_back_to_publication_then_retrieval_date():
    published = tiny_catalogue(retrieved="2026-11-01", published="2024", cadence=365).freshness(date(2026, 11, 2), {})
    assert published.loc[0, "content_date"] == date(2024, 1, 1) and published.loc[0, "status"] == "ageing"
    retrieved = tiny_catalogue(retrieved="2026-11-01", cadence=365).freshness(date(2026, 11, 2), {})
    assert retrieved.loc[0, "basis"].startswith("retrieval date") and retrieved.loc[0, "status"] == "current"


def test_real_catalogue_covers_every_raw_file_and_source():
    cat = loaders.load_catalogue()
    assert {"events", "figures", "roads", "countries", "regions", "places", "rivers"} <= set(cat.datasets.index)
    for column in ["title", "producer", "retrieved", "licence", "transforms", "sha256", "attribution"]:
        assert (cat.datasets[column].astype(str).str.len() > 0).all(), column
    assert cat.knows("S000") and cat.knows("F-S001") and cat.knows("G074")
    assert len(cat.sources) == 269  # 247 in edition 1, 22 added by edition 2
