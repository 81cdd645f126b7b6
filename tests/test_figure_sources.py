"""Walk every figure the widgets build (each figures module's `examples()`): each has a title and a source line
whose ids the catalogue holds."""

import importlib
import pkgutil

import pytest

import widgets.figures
from widgets import loaders
from widgets.figures.common import source_ids_of
from widgets.figures.maps import corridor_map


def corridor_examples():
    return [corridor_map(loaders.load_corridor_segments(), loaders.load_corridor_summary(), loaders.load_countries(),
                         loaders.load_regions(), loaders.load_rivers(), loaders.load_roads(), loaders.load_places(),
                         catalogue=loaders.load_catalogue())]


def all_figures():
    figures = [("maps.corridor_map", f) for f in corridor_examples()]
    for info in pkgutil.iter_modules(widgets.figures.__path__):
        module = importlib.import_module(f"widgets.figures.{info.name}")
        if hasattr(module, "examples"):
            figures += [(f"{info.name}[{i}]", f) for i, f in enumerate(module.examples())]
    return figures


FIGURES = all_figures()


def test_every_chapter_module_contributes():
    names = {name.split("[")[0] for name, _ in FIGURES}
    assert "maps.corridor_map" in names and len(FIGURES) >= 1


@pytest.mark.parametrize("name, fig", FIGURES, ids=[n for n, _ in FIGURES])
def test_figure_has_title_and_known_sources(name, fig):
    catalogue = loaders.load_catalogue()
    ids = source_ids_of(fig)
    assert ids, f"{name}: no source ids"
    unknown = [i for i in ids if not catalogue.knows(i)]
    assert not unknown, f"{name}: ids not in the catalogue: {unknown}"
    assert fig.layout.title.text, f"{name}: no title"
    footers = [a for a in fig.layout.annotations if a.name == "source-line"]
    assert footers and footers[0].text.startswith(("Source", "Data")), f"{name}: no source line drawn"
