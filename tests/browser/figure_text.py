"""Text boxes of the plotly figures drawn on a page, and the pairs that overlap (issue 13: no text collides).

Each figure's texts are read from its SVG as a reader sees them: the title, axis titles, tick labels, the legend (as
one box), annotations (subplot titles, notes, the source line) and the data labels of charts; the marks (bars,
points) count against texts and the legend only. Map labels are left to the figure tests
(tests/test_figure_maps.py: widgets/figures/map_finish.py places the map's names).
"""

from __future__ import annotations

from playwright.sync_api import Page

# Two texts closer than 2 px collide (touching texts read as one word: "Abidjanunknown"); a text and a mark collide
# when they overlap by more than 1.5 px (a text box is taller than its glyphs, and plotly sets labels just clear of
# their marker).
TEXT_GAP_PX, MARK_OVERLAP_PX = 2.0, 1.5

_BOXES_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map((gd, index) => {
  const boxes = [];
  const visible = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) !== 0; };
  const add = (el, kind, label) => {
    if (!el || !visible(el)) return;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return;
    const text = (label ?? el.textContent ?? '').trim();
    if (!text && kind !== 'legend') return;
    boxes.push({kind, text: text.slice(0, 60), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  };
  gd.querySelectorAll('.infolayer .gtitle').forEach((el) => add(el, 'title'));
  gd.querySelectorAll('.infolayer [class$="title"]:not(.gtitle):not(.legendtitletext) text, .infolayer text[class$="title"]:not(.gtitle):not(.legendtitletext)')
    .forEach((el) => add(el, 'axis title'));
  // A tick label of several lines (a category's name and date) is not thinned by plotly as numbers are: its
  // neighbours are compared with it ('label lines' × 'label lines').
  gd.querySelectorAll('.xtick text, .ytick text, [class*="tick"] > text').forEach((el) =>
    add(el, el.querySelectorAll('tspan.line').length > 1 ? 'label lines' : 'tick'));
  gd.querySelectorAll('.infolayer .legend').forEach((el) => {
    const bg = el.querySelector('.bg'); add(bg || el, 'legend', 'legend');
  });
  gd.querySelectorAll('.annotation .annotation-text-g text, .annotation text').forEach((el) => add(el, 'annotation'));
  // Data labels of charts (bar values, text points), and the marks (bars, points) a legend must not cover.
  gd.querySelectorAll('.cartesianlayer .textpoint text, .cartesianlayer .bartext').forEach((el) => add(el, 'data label'));
  gd.querySelectorAll('.cartesianlayer .scatterlayer .point').forEach((el) => add(el, 'marker', 'marker'));
  gd.querySelectorAll('.cartesianlayer .barlayer .point').forEach((el) => add(el, 'bar', 'bar'));
  const title = (gd.layout && gd.layout.title && gd.layout.title.text) || '';
  const svg = gd.querySelector('.main-svg');
  const f = svg ? svg.getBoundingClientRect() : null;
  const frame = f ? {x0: f.left, y0: f.top, x1: f.right, y1: f.bottom} : null;
  return {index, title: title.replace(/<[^>]+>/g, ' ').slice(0, 80), boxes, frame};
})
"""


def figure_boxes(page: Page) -> list[dict]:
    """Every figure on the page with its text boxes (in page pixels)."""
    figures = page.evaluate(_BOXES_JS)
    for fig in figures:  # one element may be matched by two selectors: keep each box once
        seen, unique = set(), []
        for b in fig["boxes"]:
            key = (round(b["x0"]), round(b["y0"]), round(b["x1"]), round(b["y1"]), b["text"])
            if key not in seen:
                seen.add(key)
                unique.append(b)
        fig["boxes"] = unique
    return figures


def _overlap(a: dict, b: dict) -> bool:
    depth = MARK_OVERLAP_PX if {a["kind"], b["kind"]} & MARKS else -TEXT_GAP_PX
    return (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > depth
            and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > depth)


MARKS = {"marker", "bar"}


def _compared(a: str, b: str) -> bool:
    """Which kinds of box may not overlap: any two texts (but two one-line ticks: plotly thins them itself; nor a
    tick and a several-line label); a legend and a
    mark (it hides data); a data label and a point marker (the value sits on its own point). A bar under its own
    value (a label inside the bar) is intended."""
    kinds = {a, b}
    if a == b and a in {"tick", *MARKS} or kinds == {"tick", "label lines"}:
        return False
    if kinds & MARKS:
        return "legend" in kinds or kinds == {"data label", "marker"}
    return True


def collisions(figures: list[dict]) -> list[str]:
    """'figure title: kind "text" × kind "text"' for every pair of overlapping text boxes within one figure.
    What is compared with what: see _compared."""
    found = []
    for fig in figures:
        boxes = fig["boxes"]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if not _compared(a["kind"], b["kind"]):
                    continue
                if _overlap(a, b):
                    found.append(f'figure {fig["index"]} ({fig["title"]}): {a["kind"]} "{a["text"]}" × '
                                 f'{b["kind"]} "{b["text"]}"')
    return found


# A text box may reach this far past the figure's edge before its glyphs are cut: the box holds the font's full
# ascent, ~3 px above the capitals of a 17 px title (looked at: corridors' two-line titles, light theme).
CROP_PX = 4.0


def cropped(figures: list[dict]) -> list[str]:
    """'figure title: kind "text" cut at the bottom' for every text drawn partly outside its figure (a source footer
    that grew past the figure's height loses its last lines: projector theme, 4 Dec 2026)."""
    found = []
    for fig in figures:
        frame = fig.get("frame")
        if not frame:
            continue
        for b in fig["boxes"]:
            if b["kind"] in MARKS:
                continue
            sides = [side for side, out in (("top", frame["y0"] - b["y0"]), ("bottom", b["y1"] - frame["y1"]),
                                            ("left", frame["x0"] - b["x0"]), ("right", b["x1"] - frame["x1"]))
                     if out > CROP_PX]
            if sides:
                found.append(f'figure {fig["index"]} ({fig["title"]}): {b["kind"]} "{b["text"]}" cut at the '
                             + " and ".join(sides))
    return found
