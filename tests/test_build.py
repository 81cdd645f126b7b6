"""The data build: deterministic, skipped when inputs are unchanged, stopped by a broken input."""

import shutil

import pytest

from tests import sandbox as tests_sandbox

from widgets import build, contracts, paths


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of data/ and the build's paths pointed at it, so a test can break inputs safely."""
    return tests_sandbox.make(tmp_path, monkeypatch)


def recatalogue(root, key):
    """Record a deliberately changed file's new checksum, as a maintainer would."""
    import hashlib
    import tomllib

    catalogue = root / "data" / "catalogue.toml"
    entry = tomllib.loads(catalogue.read_text())["datasets"][key]
    digest = hashlib.sha256((root / entry["path"]).read_bytes()).hexdigest()
    catalogue.write_text(catalogue.read_text().replace(entry["sha256"], digest))


def test_build_is_deterministic_and_skips_when_unchanged(sandbox, capsys):
    assert build.main(force=True) == 0
    first = (sandbox / "data/processed/manifest.json").read_text()
    assert build.main(force=True) == 0
    assert (sandbox / "data/processed/manifest.json").read_text() == first
    capsys.readouterr()
    assert build.main() == 0
    assert "up to date" in capsys.readouterr().out


def test_build_log_prints_length_differences(sandbox):
    assert build.main(force=True) == 0
    log = (sandbox / "data/processed/build_log.txt").read_text()
    assert "length check Dakar–Kayes–Bamako" in log and "C090" in log and "C041" in log


def test_changed_file_without_new_checksum_stops_the_build(sandbox, capsys):
    events = sandbox / "data/raw/facts/events.csv"
    events.write_text(events.read_text() + "\n")
    assert build.main(force=True) == 1
    assert "re-catalogue the file" in capsys.readouterr().out


def test_unknown_source_stops_the_build_with_a_clear_message(sandbox, capsys):
    events = sandbox / "data/raw/facts/events.csv"
    events.write_text(events.read_text().replace("S086;S087;S072", "S086;S999", 1))
    recatalogue(sandbox, "events")
    assert build.main(force=True) == 1
    out = capsys.readouterr().out
    assert "citations" in out and "event E001: cites unknown source S999" in out


def test_duplicate_id_and_bad_date_stop_the_build(sandbox):
    events = sandbox / "data/raw/facts/events.csv"
    text = events.read_text().replace("E002,2025-07-02", "E001,2025-13-02", 1)
    events.write_text(text)
    recatalogue(sandbox, "events")
    with pytest.raises(contracts.ContractError) as err:
        build.build(log=lambda _: None)
    assert "event_id" in str(err.value) and "E001" in str(err.value)


def test_unknown_gazetteer_place_stops_the_build(sandbox):
    places = sandbox / "data/raw/curated/event_places.csv"
    places.write_text(places.read_text().replace("E002,Kayes;Nioro du Sahel", "E002,Kayes;Atlantis", 1))
    recatalogue(sandbox, "event_places")
    with pytest.raises(contracts.ContractError, match="place 'Atlantis' is not in the gazetteer"):
        build.build(log=lambda _: None)


def test_event_outside_the_evidence_window_stops_the_build(sandbox):
    events = sandbox / "data/raw/facts/events.csv"
    events.write_text(events.read_text().replace("E001,2025-07-01", "E001,2027-07-01", 1))
    recatalogue(sandbox, "events")
    with pytest.raises(contracts.ContractError, match="outside"):
        build.build(log=lambda _: None)


def test_place_outside_its_country_stops_the_build(sandbox):
    places = sandbox / "data/raw/geodata/places.csv"
    # Move Bamako's point into the Atlantic.
    places.write_text(places.read_text().replace("Bamako,MLI,Bamako,12.650015,-8.000039",
                                                 "Bamako,MLI,Bamako,12.650015,-25.000039", 1))
    recatalogue(sandbox, "places")
    with pytest.raises(contracts.ContractError, match="Bamako: .* km outside MLI"):
        build.build(log=lambda _: None)
