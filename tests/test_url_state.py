from widgets.ui.url_state import UrlState, parse_query, restore_numbers


def test_parse_query_keeps_only_the_panel_prefix():
    assert parse_query("?fuel.stock=3&gold.price=10&x=1&fuel.=2", "fuel.") == {"stock": "3"}


def test_restore_numbers_clamps_and_reports():
    values, problems = restore_numbers({"stock": "-5", "share": "abc", "other": "1", "ok": "0.5"},
                                       {"stock": 3.0, "share": 0.2, "ok": 0.1},
                                       {"stock": (0, 60), "share": (0, 1), "ok": (0, 1)})
    assert values == {"stock": 0.0, "share": 0.2, "ok": 0.5}
    assert len(problems) == 3 and any("clamped" in p for p in problems)


def test_widget_carries_state():
    widget = UrlState(prefix="fuel.", state={"fuel.stock": "3"})
    assert widget.state == {"fuel.stock": "3"} and "replaceState" in widget._esm
