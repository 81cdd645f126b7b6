/* Job: cut a chapter into slides, and size a slide to the screen. The plan and the fit are pure functions of plain
 * numbers (tested from the browser tests); the DOM side only measures the page's parts and hands them over.
 *
 * A part is a cell, or, for a cell too tall for one slide that holds a widget box (the threat explorer), each child
 * of that box. A slide starts at an h1/h2 heading; at an h3, a figure or a part that would overflow when the slide
 * already has a figure or is full. Then thin slides (no figure and only headings, controls or one short paragraph)
 * merge into their neighbour, so no slide is empty, a bare heading or a lone button. The "what changed" panel
 * (`own`) has a slide to itself, so it is not shrunk to fit beside other parts.
 */
(function (B) {
  "use strict";
  const DESIGN_WIDTH = 1060; // px: the slide is laid out this wide (figures are built 1,000 px wide), then scaled
  const SHORT_TEXT = 320;    // characters: a slide with no figure and less text than this is too thin to stand alone
  const LEAD_IN = 100;       // px: a widget part this short (a control row, a count) leads into the figure after it
  const SCROLL_PART = 720;   // px: a table taller than a slide (the source catalogue) scrolls inside a box this high

  // parts: [{heading: 0-3, figure, control, markdown, text (characters), height (px at DESIGN_WIDTH)}]; budget: px.
  // Returns slides as arrays of part indices, in order, every part in exactly one slide.
  function plan(parts, budget) {
    const slides = [];
    let cur = null;
    const substantial = (k) => parts[k].figure || (!parts[k].heading && !parts[k].control && parts[k].height > LEAD_IN);
    // Short widget parts before a figure (its controls, a count) go to the figure's slide.
    const leadIn = (k) => !parts[k].markdown && !parts[k].figure && !parts[k].heading && parts[k].height <= LEAD_IN;
    parts.forEach((part, i) => {
      const full = cur && cur.height + part.height > budget && cur.items.some(substantial);
      const top = part.heading === 1 || part.heading === 2;
      const section = part.heading === 3 && cur && cur.items.some(substantial) && cur.height > budget / 2;
      const alone = part.own || (cur && cur.own); // the "what changed" panel: a slide of its own, at full size
      if (!cur || top || section || alone || (cur.figure && (part.figure || part.heading === 3)) || full) {
        const moved = []; // a slide never ends on a heading, nor on the controls of the figure that follows
        const tail = () => cur.items[cur.items.length - 1];
        while (cur && !top && !part.own && cur.items.length > 1 &&
               (parts[tail()].heading === 3 || (part.figure && leadIn(tail())))) moved.unshift(cur.items.pop());
        if (cur) cur.height -= moved.reduce((h, k) => h + parts[k].height, 0);
        cur = { items: moved, height: moved.reduce((h, k) => h + parts[k].height, 0), figure: false, own: false };
        slides.push(cur);
      }
      cur.items.push(i);
      cur.height += part.height;
      cur.figure = cur.figure || part.figure;
      cur.own = cur.own || !!part.own;
    });
    let lists = slides.map((s) => s.items);
    const thin = (items) => !items.some((k) => parts[k].figure) &&
      items.reduce((n, k) => n + (parts[k].control ? 0 : parts[k].text), 0) < SHORT_TEXT;
    for (let guard = 0; guard < parts.length && lists.length > 1; guard++) {
      const at = lists.findIndex(thin);
      if (at < 0) break;
      if (at + 1 < lists.length) lists[at + 1] = lists[at].concat(lists[at + 1]);
      else lists[at - 1] = lists[at - 1].concat(lists[at]);
      lists = lists.filter((_, k) => k !== at);
    }
    return lists;
  }

  // Scale and offset that fit a slide of natural size (width × height) inside the area (pure): never larger than
  // maxScale, centred across, a small margin at the top.
  function fit(area, width, height, maxScale) {
    const margin = 0.03;
    const scale = Math.max(0.05, Math.min(maxScale, area.width * (1 - 2 * margin) / width,
                                          area.height * (1 - 2 * margin) / Math.max(1, height)));
    return { scale, x: Math.round((area.width - width * scale) / 2), y: Math.round(area.height * margin) };
  }

  // ---------------------------------------------------------------- the page's parts
  function wrapperOf(main) {
    return main.firstElementChild && !main.firstElementChild.matches(".jp-Cell") ? main.firstElementChild : main;
  }
  // A chapter's cells: Voilà's cell wrappers, or the static export's blocks (widgets/export/html.py).
  const EXPORT_CELL = ".output, .markdown, .briefing-figure";
  function cellsOf(main) {
    return [...wrapperOf(main).children].filter((c) => c.querySelector(".jp-Cell") || c.matches(`.jp-Cell, ${EXPORT_CELL}`));
  }
  function isVisibleCell(cell) {
    if (cell.matches(EXPORT_CELL)) return true;
    const c = cell.matches(".jp-Cell") ? cell : cell.querySelector(".jp-Cell");
    return c && !(c.classList.contains("jp-mod-noOutputs") && c.classList.contains("jp-mod-noInput"));
  }
  // The rendered markdown of a part (the part itself in the export), whose prose goes to the speaker notes. A
  // translated cell holds one block per language (data-briefing-lang, the template): only the page's counts.
  const MARKDOWN = ".jp-MarkdownCell .jp-RenderedMarkdown, .markdown.jp-RenderedMarkdown";
  function markdownOf(el) {
    const lang = B.lang.current();
    return (el.matches(MARKDOWN) ? [el] : [...el.querySelectorAll(MARKDOWN)])
      .filter((md) => !md.hasAttribute("data-briefing-lang") || md.getAttribute("data-briefing-lang") === lang);
  }
  function proseOf(el) {
    return markdownOf(el).flatMap((md) => [...md.children].filter((c) => !/^H[1-6]$/.test(c.tagName)));
  }
  // The widget box a tall cell can be cut along (its children become parts), if any.
  function boxOf(el) {
    const box = el.matches(".widget-box") ? el : el.querySelector(".jp-OutputArea-output > .widget-box");
    if (!box) return null;
    const kids = [...box.children].filter((c) => c.offsetHeight > 0);
    return kids.length > 1 ? box : null;
  }

  function describe(el) {
    const has = (tag) => el.matches(tag) || !!el.querySelector(tag);
    const figure = el.matches(".js-plotly-plot") || !!el.querySelector(".js-plotly-plot");
    const markdown = markdownOf(el).length > 0;
    // Markdown: textContent counts the prose the slide CSS hides (a text-only slide shows it again). Outputs: only
    // the text shown (not a folded table). Voilà's progress scripts do not count.
    const scripts = [...el.querySelectorAll("script")].reduce((n, s) => n + (markdown ? s.textContent : s.getClientRects().length
      ? s.innerText : "").length, 0);
    const shown = markdown ? markdownOf(el).map((md) => md.textContent).join(" ") : el.innerText;
    const text = Math.max(0, (shown || "").replace(/\s+/g, " ").trim().length - scripts);
    const height = el.offsetHeight;
    const control = !figure && !markdown && height <= 80 && !el.querySelector("table") &&
      !!el.querySelector("button, input, select, .widget-slider");
    return { heading: has("h1") ? 1 : has("h2") ? 2 : has("h3") ? 3 : 0, figure, control, markdown, text, height };
  }

  // Measure every part with the slide CSS applied and nothing hidden; returns {parts: [element], hosts, info}.
  function measure(main, budget) {
    const parts = [];
    const hosts = new Map(); // part element → the cell it was cut from
    const cut = (el, host, depth) => {
      const box = depth < 3 && el.offsetHeight > budget ? boxOf(el) : null;
      if (!box) { parts.push(el); if (host) hosts.set(el, host); return; }
      [...box.children].filter((c) => c.offsetHeight > 0).forEach((c) => cut(c, host || el, depth + 1));
    };
    cellsOf(main).filter(isVisibleCell).forEach((cell) => cut(cell, null, 0));
    const info = parts.map(describe);
    parts.forEach((el, k) => {
      // A table taller than any slide, and the "what changed" panel (its length follows the edition), scroll in
      // their own box on a slide.
      const changes = !info[k].figure && (el.closest(".what-changed") || el.querySelector(".what-changed"));
      if ((info[k].height > budget && !info[k].figure && el.querySelector("table")) || changes) {
        el.classList.add("briefing-scroll-part");
        info[k].height = SCROLL_PART;
        info[k].own = !!changes; // with the takeaways above it, the slide was shrunk to ~8 px text (4 Dec 2026)
      }
    });
    return { parts, hosts, info };
  }

  B.slides = { DESIGN_WIDTH, plan, fit, measure, wrapperOf, describe, proseOf };
})(window.Briefing = window.Briefing || {});
