"""The page chrome in French (issue 17): the page's language comes from its address, the parts a page builds read
in French under `fmt.using("fr")`, English stays byte for byte what it was, and the server's own pages follow the
request's language. Needs the compiled catalogue (`make data`)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from widgets import fmt, i18n, i18n_server, kernel_limit, reading_copy
from widgets.byod import MAX_BYTES
from widgets.byod.problems import Problem, rows_list, where
from widgets.currency import Currency, Cutoff
from widgets.editions.stamp import Stamp
from widgets.ui import page, url_state
from widgets.ui.upload import UploadBox, intro

NBSP = "\u00a0"
STAMP = Stamp(edition=2, published=date(2026, 1, 29),
              currency=Currency(Cutoff(day=date(2026, 1, 20), fact_id="E075", kind="event"), today=date(2026, 1, 29),
                                cadence_days=30, cadence="reviewed monthly while the crisis lasts"))
JUDGEMENT = page.Judgement(statement="The blockade will probably hold.", confidence="moderate", evidence="E001; C031")


@pytest.fixture(autouse=True)
def fresh_catalogue():
    i18n.reload()
    yield
    fmt.set_language("en")


def test_english_parts_are_byte_for_byte_as_before():
    """Written out as the pages showed them before the French edition."""
    assert page.judgements([JUDGEMENT]).data == (
        '<section class="judgements"><h3>Key judgements</h3><ul><li><strong>The blockade will probably hold.</strong> '
        '<span class="confidence" style="color:#E69F00">(moderate confidence)</span><br><span class="evidence">'
        'Evidence: E001; C031</span></li></ul></section>')
    assert page.takeaways(["One."]).data == (
        '<section class="takeaways"><h3>Key takeaways</h3><ul><li>One.</li></ul></section>')
    assert STAMP.line() == ("Edition 2 (29 Jan 2026) · data cut-off 20 Jan 2026 (E075) · current: 9 days old on "
                            "29 Jan 2026")
    assert STAMP.currency.sentence() == ("The newest event in this briefing is from 20 Jan 2026, 9 days ago; the "
                                         "record is within its review cycle.")
    assert 'Contents: <a href="00_overview.ipynb">Overview</a> · <strong>1 · The threat</strong>' in \
        page.nav("01_threat.ipynb").value
    assert where(3, "lat") == "Row 3, column 'lat'" and rows_list([2, 5, 9]) == "rows 2, 5 and 9"
    assert page.table_view(pd.DataFrame({"a": [1]})).get_title(0) == "Show the numbers"


def test_the_chrome_reads_in_french():
    with fmt.using("fr"):
        header = page.header("The threat: JNIM and the blockade of Mali", "Regional spillover", STAMP).data
        judged = page.judgements([JUDGEMENT]).data
        nav = page.nav("01_threat.ipynb").value
        fold = page.table_view(pd.DataFrame({"a": [1]}), title="Show the events with no map point")
        problems = UploadBox.problems_html([Problem(3, "lat", where(3, "lat"))])
        box = intro("the timeline, the filters, the map and the change flags")
    assert f"<h1>La menace{NBSP}: le JNIM et le blocus du Mali</h1>" in header
    assert "Les répercussions régionales" in header and f"Arrêt des données{NBSP}: 20 janv. 2026" in header
    assert "(confiance modérée)" in judged and "Jugements clés" in judged
    assert f"Éléments{NBSP}: E001; C031" in judged
    assert f"Sommaire{NBSP}:" in nav and "<strong>1 · La menace</strong>" in nav and ">Méthodes</a>" in nav
    assert fold.get_title(0) == "Afficher les événements sans point sur la carte"
    assert "Erreur\u00a0: Ligne 3, colonne &#x27;lat&#x27;" in problems
    assert "la chronologie, les filtres, la carte" in box and f"{MAX_BYTES // 2**20}{NBSP}Mo" in box


def test_counts_and_dates_take_french_forms_and_plurals():
    with fmt.using("fr"):
        assert STAMP.line() == (f"Édition 2 (29 janv. 2026) · arrêt des données 20 janv. 2026 (E075) · "
                                f"à jour{NBSP}: "
                                f"9 jours d’ancienneté au 29 janv. 2026")
        one_day = Stamp(2, date(2026, 1, 21), Currency(STAMP.currency.cutoff, date(2026, 1, 21), 30, "monthly"))
        assert "il y a 1 jour" in one_day.currency.sentence()
        assert rows_list(list(range(1, 13))) == "lignes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 et 2 autres"


@pytest.mark.parametrize("query, language, told", [
    ("lang=fr", "fr", False), ("lang=en", "en", False), ("", "en", False), ("fuel.x=1&lang=FR", "fr", False),
    ("lang=de", "en", True), ("lang=%3Cb%3E", "en", True)])
def test_the_page_language_comes_from_the_address(query, language, told):
    chosen, message = url_state.page_language(query)
    assert chosen == language and (message is not None) == told
    if told:
        assert "English" in message and "<b>" not in page.note(message, "warning").data  # escaped on the page


def test_setup_sets_the_language_for_the_rest_of_the_page(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    page.setup()  # outside IPython: no cells to guard, the language is still read
    assert fmt.language() == "fr" and page.takeaways([]).data.count("Points clés") == 1


def test_the_server_pages_follow_the_request():
    assert i18n_server.query_language("lang=fr") == "fr"
    assert i18n_server.choose("../../etc", "xx", None) == "en" and i18n_server.choose(None, "fr") == "fr"
    busy = kernel_limit.busy_message("lang=fr")
    assert busy.startswith("Serveur occupé") and busy.encode("latin-1")  # it rides in the HTTP status line
    assert kernel_limit.busy_message("lang=zz") == kernel_limit.BUSY == kernel_limit.busy_message("")
    french = reading_copy.notice_page("Titre", "Message", "/voila/render/01_threat.ipynb?lang=fr", False, "fr")
    assert '<html lang="fr">' in french and "Retour à la note en ligne" in french
    assert "Back to the live briefing" in reading_copy.notice_page("T", "M", "/", False)
