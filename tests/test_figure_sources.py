"""Walk every figure the widgets build (each figures module's `examples()`): each has a title and a source line
whose ids the catalogue holds, and the full metadata contract (layout.meta: alt, slug, cut-off, CSV header) that the
page's downloads and the static export read."""

import importlib
import pkgutil
import re
from collections import Counter

import pytest

import widgets.figures
from widgets import fmt, loaders
from widgets.figures import meta as M
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


def _drawn(trace) -> int:
    """Points a trace draws (None and NaN are gaps)."""
    arrays = [getattr(trace, k, None) for k in ("x", "y", "lon", "lat", "values")]
    return max((sum(not M._gap(v) for v in a) for a in arrays if a is not None and not isinstance(a, str)),
               default=0)


def _length(trace) -> int:
    arrays = [getattr(trace, k, None) for k in ("x", "y", "lon", "lat", "values")]
    return max((len(a) for a in arrays if a is not None and not isinstance(a, str)), default=0)


@pytest.mark.parametrize("name, fig", FIGURES, ids=[n for n, _ in FIGURES])
def test_figure_carries_the_metadata_contract(name, fig):
    meta = fig.layout.meta
    assert {"title", "source_line", "cutoff", "cutoff_text", "alt", "slug", "csv_header"} <= set(meta), name
    assert meta["title"] == M.plain_text(fig.layout.title.text) and "<" not in meta["title"], name
    assert re.fullmatch(r"[a-z0-9-]+", meta["slug"]) and meta["slug"] != "figure", f"{name}: {meta['slug']}"
    # Cut-off: an ISO day or None, and its wording drawn in the footer.
    assert meta["cutoff"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["cutoff"]), name
    # A figure states its own date, never a second "data cut-off" (the page has one; issue 12).
    assert meta["cutoff_text"].startswith(("Latest source cited: ", "Latest dataset cited: "))
    assert "cut-off" not in meta["cutoff_text"].lower()
    footer = next(a for a in fig.layout.annotations if a.name == "source-line")
    assert meta["cutoff_text"] in footer.text.replace("<br>", " "), f"{name}: cut-off not in the footer"
    # CSV header: the source line and every cited id, one line each, no markup.
    header = meta["csv_header"]
    assert meta["source_line"] in header and meta["title"] in header and meta["cutoff_text"] in header, name
    words = set(re.findall(r"[\w-]+", " ".join(header)))
    missing = [i for i in source_ids_of(fig) if i not in words]
    assert not missing, f"{name}: cited ids missing from the CSV header: {missing}"
    assert not any("\n" in line for line in header)
    # Data traces: each draws something or is an empty slot the page fills in place; legend keys and other
    # placeholders ([None]) must be marked background.
    data = [t for t in fig.data if not M.is_background(t)]
    placeholders = [t.name for t in data if _length(t) and not _drawn(t)]
    assert not placeholders, f"{name}: traces without data not marked background: {placeholders}"
    drawn = [t for t in data if _drawn(t)]
    assert drawn, f"{name}: no data trace"
    # Alt text: short, and it states something from the data (a series name or a count of points).
    alt = meta["alt"]
    assert alt and len(alt) <= M.ALT_MAX, f"{name}: {alt!r}"
    names = [M.plain_text(t.name)[:15] for t in drawn if t.name]
    counts = {fmt.number(_drawn(t)) for t in drawn} | {fmt.number(sum(_drawn(t) for t in drawn))}
    assert any(n in alt for n in names) or any(re.search(rf"\b{re.escape(c)} ", alt) for c in counts), \
        f"{name}: alt text names nothing from the data: {alt!r}"


def test_slugs_are_unique_within_each_chapter_module():
    for module in {n.split("[")[0] for n, _ in FIGURES}:
        slugs = Counter(f.layout.meta["slug"] for n, f in FIGURES if n.split("[")[0] == module)
        assert all(c == 1 for c in slugs.values()), f"{module}: repeated slugs {slugs}"
