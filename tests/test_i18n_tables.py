"""French reader tables: register texts inside analysis tables, the gold figure tables' words, the routing notes."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets import fmt, loaders
from widgets import register_text as R
from widgets.analysis import gold as A
from widgets.analysis import gold_page as P
from widgets.analysis.network_notes import network_note

UNPLACED = "Kolondiéba not in gazetteer; Bougouni named only as the new region"


@pytest.fixture
def french():
    R.reload()
    with fmt.using("fr"):
        yield
    R.reload()


def test_a_stored_tables_register_cells_are_french_and_the_rest_kept(french):
    frame = pd.DataFrame({"id": ["E059"], "why": [UNPLACED], "n": [3], "own": ["Bamako"]})
    shown = R.translate_cells(frame)
    assert shown.loc[0, "why"].startswith("Kolondiéba absent du répertoire toponymique")
    assert shown.loc[0, ["id", "n", "own"]].tolist() == ["E059", 3, "Bamako"]
    assert frame.loc[0, "why"] == UNPLACED  # the analysis' own table is not changed
    with fmt.using("en"):
        assert R.translate_cells(frame).loc[0, "why"] == UNPLACED


def test_the_gold_figure_tables_speak_french(french):
    figures = loaders.load_figures()
    region_names = loaders.load_regions()["name_std"].tolist()
    mines = P.figures_view(A.mine_summary(figures, region_names))
    assert "Exploitant (tel que nommé dans nos sources)" in mines.columns
    assert set(mines["Coordonnées cartographiques"]) == {"absentes de nos sources"}
    outputs = P.figures_view(A.mine_outputs(figures))
    assert "année complète" in set(outputs["Statut"]) and "full year" not in set(outputs["Statut"])
    assert set(outputs["Confiance"]) <= {"faible", "moyenne", "élevée"}
    production = P.production_view(A.production_table(figures))
    assert "Industrielle (ministère des Mines)" in set(production["Série"])


def test_the_routing_notes_speak_french(french):
    note = network_note("same roads as Abidjan–Sikasso–Bamako in the road data (no separate link)")
    assert note == "mêmes routes que Abidjan–Sikasso–Bamako dans les données routières (pas de tronçon distinct)"
    assert network_note("a note of another shape") == "a note of another shape"


def test_a_figures_unit_and_its_basis_are_french(french):
    from widgets.analysis.register import value_with_unit
    figures = loaders.load_figures().set_index("figure_id")
    shown = value_with_unit(figures.loc["H048"])  # 300000 persons (near, mainly Malian)
    assert "personnes" in shown and "surtout des Maliens" in shown and "persons" not in shown
    assert value_with_unit(figures.loc["G038"]).endswith("% du PIB")
    with fmt.using("en"):
        assert value_with_unit(figures.loc["H048"]).endswith("persons (near, mainly Malian)")


def test_every_unit_and_basis_of_the_figures_is_a_shown_register_text():
    texts = R.shown_texts()
    assert "persons" in texts and "near, mainly Malian" in texts
    assert texts["mainly Malian"] == ["figures H048 rest"]  # the overview's words after "about 300,000 persons"
    assert texts["tanker trucks"][0].endswith(" unit")


def test_the_what_changed_panel_gives_new_figures_units_in_french(french):
    from widgets.analysis.register import unit_words as _unit_words
    assert _unit_words("persons (near, mainly Malian)") == "personnes (approximatif, surtout des Maliens)"
    assert _unit_words("vehicles (more than)") == "véhicules (plus de)"


def test_figure_tables_give_units_notes_and_scopes_in_french(french):
    # Seen failing before: spillover's and the corridors' tables showed "persons (more than)", "million litres
    # (more than)", confidence "high"; the strength estimates' scope "Mali (Katiba Macina, JNIM component)"; the
    # gold tables the desk note "Reuters sources; deal pending approval at the time".
    from widgets.analysis import spillover as S
    from widgets.analysis import threat as T
    from widgets.figures import corridors_chapter as C
    figures = loaders.load_figures()
    spill = S.reader_table(S.figure_rows(figures, figures["figure_id"].tolist()))
    assert not spill["unité"].str.contains(r"\((?:more than|about|over)\)").any()
    fuel = C.table("fuel", C.chapter_data())
    assert not fuel["unité"].str.contains("more than|million litres").any()
    assert set(fuel["confiance"]) <= {"élevée", "moyenne", "faible", "modérée"}
    strength = " ".join(T.takeaway_sentences(loaders.load_events(), figures))
    assert "JNIM component" not in strength and "composante du JNIM" in strength
    assert R.translate("Reuters sources; deal pending approval at the time").startswith("sources de Reuters")
    context = T.context_figures(figures)
    assert not context.astype(str).apply(lambda c: c.str.contains("JNIM component")).any().any()


def test_as_of_texts_are_french_whole_with_their_dates_spelled(french):
    # Seen failing before: pages spelled the date and kept the comment, "nov. 2025 (under two weeks to 13 Nov)".
    from widgets.analysis import spillover as S
    from widgets.analysis.overview import as_of_text
    from widgets.analysis.register import as_of_words, figure_row
    figures = loaders.load_figures()
    assert as_of_words("2025-11 (under two weeks to 13 Nov)") == "nov. 2025 (moins de deux semaines jusqu'au 13 nov.)"
    assert as_of_words("2025-10-end") == "fin oct. 2025"
    assert as_of_words("2025-09/10 (week before 9 Oct)").startswith("sept. 2025–oct. 2025 (")
    assert as_of_text(figure_row(figures, "H047")) == as_of_words("2025-11 (under two weeks to 13 Nov)")
    spill = S.reader_table(S.figure_rows(figures, figures["figure_id"].tolist()))
    shown = " ".join(spill["date de référence"].astype(str))
    assert "under two weeks" not in shown and "moins de deux semaines" in shown
    with fmt.using("en"):
        assert as_of_words("2025-11 (under two weeks to 13 Nov)") == "Nov 2025 (under two weeks to 13 Nov)"


def test_the_overviews_figures_give_their_units_in_french(french):
    # Seen failing before: the overview's key points read "4 million persons (H022)", "environ 300 000 persons,
    # mainly Malian (H048)" on the French page.
    from widgets.analysis.overview import figure_value
    from widgets.analysis.register import figure_row
    figures = loaders.load_figures()
    shown = {i: figure_value(figure_row(figures, i)).replace("\u202f", " ") for i in ("H022", "H048", "H050", "H057")}
    assert shown == {"H022": "4 millions de personnes", "H048": "environ 300 000 personnes, surtout des Maliens",
                     "H050": "plus de 300 000 personnes", "H057": "environ 70 000 personnes, surtout du Burkina Faso"}
    with fmt.using("en"):
        assert figure_value(figure_row(figures, "H048")) == "about 300,000 persons, mainly Malian"


def test_every_gold_table_gives_confidence_and_dates_in_french(french):
    # Seen failing before: the weights, Kayes, revenue and timeline tables showed "medium", "high"; figure tables
    # the register's ISO as-of ("2025-01"); the claims table "1 milliards USD".
    figures, sources, events = loaders.load_figures(), loaders.load_sources(), loaders.load_events()
    french_words = {"faible", "moyenne", "élevée"}
    views = [P.weights_view(A.weight_table(figures, sources)), P.revenue_view(A.revenue_table(figures)),
             P.timeline_view(A.timeline(figures, events)), P.kayes_view(A.kayes_estimates(figures), sources)]
    for view in views:
        assert set(view["Confiance"].dropna()) - {""} <= french_words, view["Confiance"].unique()
    assert set(views[0]["De"]) == {"Or", "Ensemble des industries extractives"}
    claims = P.figures_view(A.claims_table(figures))
    assert not claims["Date"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").any()
    assert "1 milliard USD" in set(P.figures_view(A.dispute_money(figures))["Valeur (telle que donnée)"])
