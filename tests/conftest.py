"""Shared fixtures: the processed data is built once (make test runs `make data` first; this guards a bare pytest)."""

import pytest

from widgets import build


@pytest.fixture(scope="session", autouse=True)
def processed_data():
    assert build.main() == 0, "the data build failed: see the message above"
