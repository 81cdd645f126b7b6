"""The words of the template's scripts (static/briefing-strings.js): every language has every id with the same
placeholders, the English is the English the pages showed before the table existed, and the French is typeset."""

from __future__ import annotations

import json
import re

import pytest

from widgets.figures.theme import THEMES
from widgets.paths import TEMPLATE_STATIC, TEMPLATES
from widgets.ui.page import CHAPTERS

PREFIX = "window.BRIEFING_STRINGS = "
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def table(text: str | None = None) -> dict[str, dict[str, str]]:
    text = text if text is not None else (TEMPLATE_STATIC / "briefing-strings.js").read_text(encoding="utf-8")
    body = text[text.index(PREFIX) + len(PREFIX):].rstrip().removesuffix(";")
    return json.loads(body)


def mismatches(strings: dict[str, dict[str, str]]) -> list[str]:
    """Ids missing from a language, or whose placeholders differ from the English."""
    english = strings["en"]
    found = []
    for lang, words in strings.items():
        found += [f"{lang}: missing {k}" for k in english.keys() - words.keys()]
        found += [f"{lang}: unknown {k}" for k in words.keys() - english.keys()]
        found += [f"{lang}: {k} has {sorted(set(PLACEHOLDER.findall(v)))}, English "
                  f"{sorted(set(PLACEHOLDER.findall(english[k])))}"
                  for k, v in words.items() if k in english and
                  set(PLACEHOLDER.findall(v)) != set(PLACEHOLDER.findall(english[k]))]
    return found


def test_every_language_has_every_id_with_the_same_placeholders() -> None:
    strings = table()
    assert set(strings) == {"en", "fr"}
    assert mismatches(strings) == []


def test_a_translation_that_drops_a_placeholder_is_caught() -> None:
    strings = {"en": {"present.counter": "Slide {n} of {count}", "nav.skip": "Skip to content"},
               "fr": {"present.counter": "Diapositive {n}"}}
    assert mismatches(strings) == ["fr: missing nav.skip",
                                   "fr: present.counter has ['n'], English ['count', 'n']"]


def test_every_id_the_scripts_ask_for_is_in_the_table() -> None:
    english = table()["en"]
    asked = set()
    for path in TEMPLATE_STATIC.glob("*.js"):
        asked |= set(re.findall(r"\bt\(\s*\"([\w.]+)\"", path.read_text(encoding="utf-8")))
        asked |= {f"{k}.{form}" for k in re.findall(r"\btn\(\s*\"([\w.]+)\"", path.read_text(encoding="utf-8"))
                  for form in ("one", "other")}
    assert asked, "no B.t(...) call found: the pattern is out of date"
    assert sorted(asked - english.keys()) == []


def test_english_is_what_the_config_and_the_pages_say() -> None:
    english = table()["en"]
    for name, title in CHAPTERS:
        assert english[f"chapter.{name.removesuffix('.ipynb')}"] == title
    for name, theme in THEMES.items():
        assert english[f"theme.{name}"] == theme.label
    assert english["loading.running"] == "Loading the briefing: running the analysis…"


def test_every_chapter_and_theme_has_french_words() -> None:
    french = table()["fr"]
    assert {f"chapter.{n.removesuffix('.ipynb')}" for n, _ in CHAPTERS} <= french.keys()
    assert {f"theme.{n}" for n in THEMES} <= french.keys()


@pytest.mark.parametrize("bad", ["Source : x", "« x »", "Étape 1 sur 2 ; fin", "Prêt ?"])
def test_french_typography_rule_catches_plain_spaces(bad: str) -> None:
    assert plain_spaces(bad)


def plain_spaces(text: str) -> list[str]:
    """A plain space where French sets a no-break one: before : ; ? ! » %, after «."""
    return re.findall(r" [:;?!»%]|« ", text)


def test_french_sets_no_break_spaces() -> None:
    french = table()["fr"]
    assert {k: v for k, v in french.items() if plain_spaces(v)} == {}


def test_the_template_loading_message_is_the_tables() -> None:
    """The template writes the loading message in every language (no flash before the scripts run)."""
    template = (TEMPLATES / "voila" / "templates" / "briefing" / "index.html.j2").read_text(encoding="utf-8")
    for lang, words in table().items():
        shown = re.search(rf'class="briefing-loading-message" data-briefing-lang="{lang}"[^>]*>([^<]*)<', template)
        assert shown, f"no {lang} loading message in the template"
        assert shown.group(1).replace("&nbsp;", "\u00a0") == words["loading.running"]
