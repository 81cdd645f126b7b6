"""The server's half of the reader's language choice (widgets/voila_app.py): a page address without `lang`, from a
reader whose cookie chose French, is sent on to the same address with lang=fr (the kernel reads the address)."""

from __future__ import annotations

import pytest

from widgets.voila_app import JINJA_FILTERS, language_address


@pytest.mark.parametrize(("query", "cookie", "expected"), [
    ("", "fr", "/voila/render/01_threat.ipynb?lang=fr"),
    ("fuel.stock_days=9&present=1", "fr", "/voila/render/01_threat.ipynb?fuel.stock_days=9&present=1&lang=fr"),
    ("lang=en", "fr", None),  # the address wins
    ("lang=", "fr", None),  # named, even empty: the page itself says what an unknown value means
    ("", "en", None),  # English needs no lang
    ("", None, None),
    ("", "de", None),  # not a language of the briefing
    ("", "fr&x=1", None),
])
def test_language_address(query: str, cookie: str | None, expected: str | None) -> None:
    assert language_address("/voila/render/01_threat.ipynb", query, cookie) == expected


def test_the_template_filter_is_importable() -> None:
    from traitlets.utils.importstring import import_item

    assert callable(import_item(JINJA_FILTERS["briefing_translations"]))
