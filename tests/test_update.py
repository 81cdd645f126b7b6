"""`make update`: a good batch publishes the next edition; any problem refuses it with nothing changed."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests import sandbox as tests_sandbox
from widgets import build, paths
from widgets.editions import recatalogue, register, update

REPO = Path(__file__).resolve().parents[1]
SHIPPED_BATCH = paths.EDITIONS / "batches" / "2026-12-03"
EVENT_HEADER = ("event_id,date_start,date_end,date_precision,place,admin1,country,corridor,event_type,actor,target,"
                "trucks_destroyed,trucks_destroyed_low,trucks_destroyed_high,fatalities_low,fatalities_high,abducted,"
                "summary,source_ids,confidence")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", "2026-12-03")
    return tests_sandbox.make(tmp_path, monkeypatch)


def fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under the folders with its sha256: to prove that a refusal changed nothing."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def reset_to_edition_1(root: Path) -> None:
    """The sandbox as it stood before edition 2: raw register = edition 1's snapshot, one row in each table."""
    for key, path in paths.register_files().items():
        shutil.copy(paths.edition_snapshot(1)[key], path)
    shutil.rmtree(paths.EDITIONS / "2")
    for table in (paths.EDITIONS_TABLE, paths.CHANGELOG):
        frame = register.read_csv(table)
        frame[frame["edition"] == "1"].to_csv(table, index=False, lineterminator="\n")
    toml = paths.CATALOGUE.read_text(encoding="utf-8")
    for key in [*paths.REGISTER_KEYS, "editions", "changelog"]:
        target = paths.RAW_FILES.get(key) or (paths.EDITIONS_TABLE if key == "editions" else paths.CHANGELOG)
        toml = recatalogue.set_fields(toml, key, {"sha256": hashlib.sha256(target.read_bytes()).hexdigest()})
    paths.CATALOGUE.write_text(toml, encoding="utf-8")


def write_batch(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    defaults = {"batch.toml": 'analyst = "Test analyst"\nsummary = "A synthetic batch for a test"\n'}
    for name, text in {**defaults, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def csv_text(rows: list[dict], header: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def event(**overrides) -> dict:
    """A synthetic event (not a real incident) that passes every check against the current register."""
    row = dict.fromkeys(EVENT_HEADER.split(","), "")
    row.update(event_id="E901", date_start="2026-03-01", date_precision="day", place="Kayes", admin1="Kayes",
               country="Mali", corridor="Dakar–Kayes–Bamako", event_type="other", actor="synthetic test row",
               summary="synthetic test row: not a real event", source_ids="S001", confidence="low")
    row.update(overrides)
    return row


def good_batch(folder: Path, event_row: dict | None = None, places: str = "Kayes", reason: str = "test row",
               extra: dict[str, str] | None = None) -> Path:
    row = event_row or event()
    return write_batch(folder, {
        "events.csv": csv_text([row], EVENT_HEADER),
        "event_places.csv": f"event_id,place_names,location_precision,based_on,reason\n{row['event_id']},{places},"
                            f"town,Kayes,synthetic\n",
        "changelog.csv": f"action,table,row_id,qualifies,reason\nadded,events,{row['event_id']},,{reason}\n"
                         f"added,event_places,{row['event_id']},,{reason}\n",
        **(extra or {})})


def refused(folder: Path, data_root: Path, capsys) -> str:
    """Run the update, expect a refusal, prove nothing changed; return what it printed."""
    before = fingerprint(data_root / "data", folder)
    assert update.main([str(folder)]) == 1
    assert fingerprint(data_root / "data", folder) == before
    out = capsys.readouterr().out
    assert out.startswith("UPDATE REFUSED — nothing was changed.")
    return out


def test_shipped_batch_makes_edition_2_from_edition_1_and_a_second_run_is_refused(data, capsys):
    reset_to_edition_1(data)
    assert build.main(force=True) == 0
    shipped = paths.EDITIONS / "batches" / SHIPPED_BATCH.name  # the sandbox's copy: applied where it is kept
    assert update.main([str(shipped)]) == 0
    # The rebuilt edition 2 is byte for byte the one the repository publishes.
    for path in [*paths.register_files().values(), *(paths.EDITIONS / "2").rglob("*.csv"), paths.EDITIONS_TABLE,
                 paths.CHANGELOG, paths.CATALOGUE]:
        assert path.read_bytes() == (REPO / path.relative_to(data)).read_bytes(), path
    capsys.readouterr()
    out = refused(shipped, data, capsys)
    assert "already applied as edition 2" in out and "E071 is already in the register" in out


def test_a_good_batch_publishes_the_next_edition_with_its_changelog(data, capsys):
    folder = good_batch(data / "batch", reason="synthetic event for the test")
    assert update.main([str(folder), "--dry-run"]) == 0
    assert "would publish edition 3" in capsys.readouterr().out
    assert not (paths.EDITIONS / "3").exists()
    before_batch = fingerprint(folder)
    assert update.main([str(folder)]) == 0
    assert fingerprint(folder) == before_batch  # the analyst's own files are never touched
    editions = register.read_editions(paths.EDITIONS_TABLE, paths.CHANGELOG)
    assert editions.latest == 3 and editions.row(3)["analyst"] == "Test analyst"
    lines = editions.changelog[editions.changelog["edition"] == 3]
    assert set(lines["row_id"]) == {"E901"} and set(lines["reason"]) == {"synthetic event for the test"}
    assert "E901" in pd.read_csv(paths.RAW_FILES["events"])["event_id"].values
    assert build.main() == 0  # catalogue, snapshots and register agree


def test_a_batch_run_from_outside_the_repository_is_kept_as_applied(data, tmp_path):
    folder = good_batch(tmp_path / "desk" / "2026-12-10", reason="synthetic event for the test")
    assert update.main([str(folder)]) == 0
    kept = paths.EDITIONS / "batches" / "2026-12-10"
    assert fingerprint(kept) == {str(kept / p.name): h for p, h in
                                 ((Path(k), h) for k, h in fingerprint(folder).items())}
    assert register.read_editions(paths.EDITIONS_TABLE, paths.CHANGELOG).row(3)["batch"] == "2026-12-10"


def test_unknown_source_id(data, capsys):
    out = refused(good_batch(data / "b", event(source_ids="S001;S999")), data, capsys)
    assert "events.csv, row 2, column source_ids: unknown source id(s) S999" in out


def test_unused_new_source(data, capsys):
    source = ("source_id,title,publisher,author,url,published,kind,terms,notes\n"
              "S901,Synthetic,Test publisher,,https://example.invalid/a,2026-03-01,news,cite,synthetic\n")
    changelog = ("action,table,row_id,qualifies,reason\nadded,events,E901,,t\nadded,event_places,E901,,t\n"
                 "added,sources_events,S901,,t\n")
    out = refused(good_batch(data / "b", extra={"sources_events.csv": source, "changelog.csv": changelog}), data,
                  capsys)
    assert "sources_events.csv, row 2, column source_id: S901 is cited by no event" in out


def test_duplicated_id_in_the_batch(data, capsys):
    folder = good_batch(data / "b")
    (folder / "events.csv").write_text(csv_text([event(), event(summary="synthetic twin")], EVENT_HEADER))
    out = refused(folder, data, capsys)
    assert "events.csv, row 3, column event_id: E901 appears more than once" in out


def test_added_id_already_in_the_register(data, capsys):
    out = refused(good_batch(data / "b", event(event_id="E001")), data, capsys)
    assert "column row_id: E001 is already in the register: a duplicate id" in out


def test_date_in_the_future(data, capsys):
    out = refused(good_batch(data / "b", event(date_start="2026-12-04")), data, capsys)
    assert "events.csv, row 2, column date_start: 2026-12-04 is in the future (today is 2026-12-03)" in out


def test_date_before_the_evidence_window(data, capsys):
    out = refused(good_batch(data / "b", event(date_start="2024-12-31")), data, capsys)
    assert "2024-12-31 is before the evidence window opens (2025-01-01" in out


def test_place_not_in_the_gazetteer_suggests_the_nearest_names(data, capsys):
    out = refused(good_batch(data / "b", places="Kaye"), data, capsys)
    assert "event_places.csv, row 2, column place_names: 'Kaye' is not in the gazetteer; nearest gazetteer names: " \
           "Kayes" in out


def test_point_outside_the_event_country(data, capsys):
    out = refused(good_batch(data / "b", places="Dakar"), data, capsys)
    assert "Dakar lies in SEN, but event E901 is in Mali (MLI)" in out


def test_new_event_without_a_place_row(data, capsys):
    folder = good_batch(data / "b")
    (folder / "event_places.csv").unlink()
    (folder / "changelog.csv").write_text("action,table,row_id,qualifies,reason\nadded,events,E901,,t\n")
    out = refused(folder, data, capsys)
    assert "events.csv, row 2, column event_id: E901 has no row in event_places.csv" in out


def test_figure_unit_differs_from_earlier_rows_of_its_metric(data, capsys):
    header = "figure_id,topic,metric,value,value_low,value_high,unit,as_of,geography,source_id,confidence,notes"
    figure = f"{header}\nU901,gold,b2gold_mali_production,530769,,,oz,2025,Mali,S001,low,synthetic\n"
    changelog = "action,table,row_id,qualifies,reason\nadded,figures,U901,,t\n"
    out = refused(write_batch(data / "b", {"figures.csv": figure, "changelog.csv": changelog}), data, capsys)
    assert "figures.csv, row 2, column unit: 'oz' differs from the unit of earlier rows of metric " \
           "b2gold_mali_production (tonnes" in out


def test_revision_without_a_reason(data, capsys):
    header = "figure_id,topic,metric,value,value_low,value_high,unit,as_of,geography,source_id,confidence,notes"
    current = pd.read_csv(paths.RAW_FILES["figures"], dtype=str, keep_default_na=False)
    row = current[current["figure_id"] == "G049"].iloc[0].to_dict()
    row["value"] = "17.6"
    figure = csv_text([row], header)
    out = refused(write_batch(data / "b", {"figures.csv": figure,
                                           "changelog.csv": "action,table,row_id,qualifies,reason\n"
                                                            "revised,figures,G049,, \n"}), data, capsys)
    assert "changelog.csv, row 2, column reason: revised G049 without a reason" in out
    out = refused(write_batch(data / "c", {"figures.csv": figure,
                                           "changelog.csv": "action,table,row_id,qualifies,reason\n"}), data, capsys)
    assert "G049 has no changelog line" in out and "a revision without a reason is refused" in out


def test_withdrawing_a_row_that_does_not_exist(data, capsys):
    out = refused(write_batch(data / "b", {"changelog.csv": "action,table,row_id,qualifies,reason\n"
                                                            "withdrawn,figures,G999,,gone\n"}), data, capsys)
    assert "G999 is not in the register's figures" in out


def test_wrong_columns_and_missing_changelog(data, capsys):
    out = refused(write_batch(data / "b", {"events.csv": "event_id,when\nE901,2026-03-01\n"}), data, capsys)
    assert "changelog.csv: missing" in out and "events.csv, row 1, column" in out and "column(s) missing" in out
