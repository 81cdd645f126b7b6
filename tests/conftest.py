"""Shared fixtures: the processed data is built once (make test runs `make data` first; this guards a bare pytest)."""

import pytest

from widgets import build


@pytest.fixture(scope="session", autouse=True)
def processed_data():
    assert build.main() == 0, "the data build failed: see the message above"


# ---- the suite's time by area, printed at the end of every run (README "Tests" quotes a run) ----------------------

AREAS = [  # (area, test-file prefixes); first match wins, the rest is "unit"
    ("browser (headless Chromium)", ("tests/browser/",)),
    ("notebooks executed", ("tests/test_notebooks.py",)),
    ("upload fuzz (300 files)", ("tests/test_byod_fuzz.py",)),
    ("scale-out (real Voilà behind haproxy)", ("tests/test_scaleout.py",)),
]
_seconds: dict[str, float] = {}
_counts: dict[str, int] = {}


def area_of(nodeid: str) -> str:
    return next((name for name, prefixes in AREAS if nodeid.startswith(prefixes)), "unit")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    area = area_of(report.nodeid)
    _seconds[area] = _seconds.get(area, 0.0) + report.duration  # setup + call + teardown
    if report.when == "call":
        _counts[area] = _counts.get(area, 0) + 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _seconds:
        return
    terminalreporter.section("time by area")
    for area in [name for name, _ in AREAS] + ["unit"]:
        if area in _seconds:
            terminalreporter.write_line(f"{area:<42}{_counts.get(area, 0):>6} tests{_seconds[area] / 60:>8.1f} min")
