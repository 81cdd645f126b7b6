import math

import pytest

from widgets.ui.url_state import UrlState, parse_query, restore_numbers

DEFAULTS = {"stock": 3.0, "share": 0.2, "ok": 0.1}
BOUNDS = {"stock": (0, 60), "share": (0, 1), "ok": (0, 1)}


def test_parse_query_keeps_only_the_panel_prefix():
    assert parse_query("?fuel.stock=3&gold.price=10&x=1&fuel.=2", "fuel.") == {"stock": "3"}


def test_restore_numbers_clamps_and_reports():
    values, problems = restore_numbers({"stock": "-5", "share": "abc", "other": "1", "ok": "0.5"}, DEFAULTS, BOUNDS)
    assert values == {"stock": 0.0, "share": 0.2, "ok": 0.5}
    assert problems == ["stock: -5 in the address is outside 0–60; 0 is used",
                        "share: 'abc' in the address is not a number; the default 0.2 is used",
                        "ignored unknown parameter 'other' in the address"]


@pytest.mark.parametrize("text", ["NaN", "nan", "-nan", "inf", "-Infinity", "1e999", "", " ", "0x10", "1,5"])
def test_not_finite_numbers_get_the_default_and_one_message(text):
    values, problems = restore_numbers({"stock": text}, DEFAULTS, BOUNDS)
    assert values["stock"] == 3.0 and all(math.isfinite(v) for v in values.values())
    assert problems == [f"stock: {text!r} in the address is not a number; the default 3 is used"]


def test_long_values_and_keys_are_shortened_in_messages():
    long = "9" * 10_000
    _values, problems = restore_numbers({"stock": "x" * 10_000, "y" * 10_000: "1", "share": long}, DEFAULTS, BOUNDS)
    assert len(problems) == 3 and all(len(p) < 120 for p in problems), problems
    assert "…" in problems[0] and "…" in problems[1]


def test_widget_carries_state_and_writes_the_address_when_drawn():
    widget = UrlState(prefix="fuel.", state={"fuel.stock": "3"})
    assert widget.state == {"fuel.stock": "3"} and "replaceState" in widget._esm
    render = widget._esm[widget._esm.index("function render"):]
    assert "\n  apply();" in render, "the address is rewritten only after a change, not when the panel is drawn"


def test_a_preheated_kernel_waits_for_its_request_once_then_reads_the_address(monkeypatch):
    """Under `widgets.serve --preheat` the page runs before its reader asks: the address is only known once Voilà
    has handed the request over, so the first read waits for it (and only the first)."""
    import voila.utils

    from widgets.ui import url_state

    calls = []

    def handed_over(url=None):
        calls.append(url)
        monkeypatch.setenv("QUERY_STRING", "fuel.stock=7")

    monkeypatch.setattr(voila.utils, "wait_for_request", handed_over)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("QUERY_STRING", "")  # setenv, so that the teardown restores both
    monkeypatch.setenv(url_state.REQUEST_SEEN, "")
    assert url_state.page_query() == "fuel.stock=7"
    assert url_state.page_query() == "fuel.stock=7" and len(calls) == 1
