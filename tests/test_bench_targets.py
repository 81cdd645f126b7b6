"""The bench's target table (tests/bench_targets.py) gives each of issue 14's targets the right verdict."""

from __future__ import annotations

from dataclasses import replace

from tests.bench_targets import Level, RunFigures, rows, table

MET = RunFigures(
    first_figure_ratio={"01_threat": 0.75, "03_gold": 0.5}, kernel_cpu_s={"01_threat": 1.0},
    kernel_mb={"02_corridors": 150}, transfer_mb={"02_corridors": 4.0}, cached_share={"02_corridors": 0.1},
    slider_s={"fuel": 0.1}, upload_s=2.5, upload_reference_s=2.0,
    levels=[Level(20, 0, 0, 25.0, 40.0), Level(40, 0, 12, 60.0, 90.0)])


def verdicts(run: RunFigures) -> list[str]:
    return [r.verdict for r in rows(run)]


def test_values_at_the_limits_meet_every_target() -> None:
    assert verdicts(MET) == ["✓"] * 9
    assert table(MET).endswith("9 met, 0 missed, 0 not measured in this run")


def test_the_worst_chapter_decides() -> None:
    run = replace(MET, first_figure_ratio={"00_overview": 0.4, "02_corridors": 0.76},
                  kernel_cpu_s={"03_gold": 0.2, "02_corridors": 1.01}, kernel_mb={"01_threat": 151},
                  transfer_mb={"05_methods_and_sources": 4.2}, cached_share={"03_gold": 0.5}, slider_s={"gold": 0.11},
                  upload_s=2.6)
    assert verdicts(run) == ["✗", "✗", "✗", "✓", "✓", "✗", "✗", "✗", "✗"]
    assert "0.76x (02_corridors)" in rows(run)[0].measured


def test_a_failed_load_misses_the_room_target_even_when_fast() -> None:
    run = replace(MET, levels=[Level(20, 1, 0, 5.0, 6.0), Level(40, 1, 0, 5.0, 6.0)])
    assert verdicts(run)[3:5] == ["✗", "✗"]


def test_a_busy_page_counts_as_handled_but_times_still_count() -> None:
    run = replace(MET, levels=[Level(20, 0, 0, 25.1, 30.0), Level(40, 0, 39, None, None)])
    assert verdicts(run)[3:5] == ["✗", "✓"]


def test_what_was_not_measured_says_so() -> None:
    run = RunFigures({}, {}, {}, {}, {}, {}, [])
    assert verdicts(run) == ["not measured"] * 9
