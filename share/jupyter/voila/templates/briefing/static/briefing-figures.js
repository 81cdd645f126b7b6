/* Job: bring a drawn figure to the page's theme and back. Colours come from briefing-recolour.js; a theme with a
 * `figureText` rule (the projector) also enlarges every text of the figure (title, axes, legend, labels, source
 * footer) to at least its minimum size, rewraps the source footer to the figure's width and grows the margins it
 * needs. The values a figure was built with are remembered per layout object, so the light look (other themes,
 * downloads) is exactly the built one.
 */
(function (B) {
  "use strict";
  const busy = new Set(); // figures being redrawn (released when plotly is done)
  const builtValues = new WeakMap(); // gd.layout or a trace object → {path: {raw, built}}
  const TRACE_FONTS = new Set(["textfont", "insidetextfont", "outsidetextfont"]);
  const FOOTER = "source-line"; // widgets/figures/common.py names the source footer annotation so
  // What the estimates above missed, measured on the drawn figure (settle): px more above the plot, below it, and
  // between the x axes and the footer; per layout object, so a new figure from the kernel starts afresh.
  const measured = new WeakMap();
  const builtPlotHeight = new WeakMap(); // gd.layout → the plot's height as built (kept apart: downloads restore
                                         // builtValues' paths into the layout)
  const fittedTitles = new WeakMap(); // gd.layout → {given, fitted}: a title rewrapped for the projector, and as given
  const SETTLE_PASSES = 3;

  // Set "a.b[2].c" in a plain object, creating what is missing.
  function setPath(obj, path, value) {
    const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let here = obj;
    parts.slice(0, -1).forEach((part, i) => {
      if (here[part] === undefined || here[part] === null) here[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      here = here[part];
    });
    here[parts[parts.length - 1]] = value;
  }
  function getPath(obj, path) {
    return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce((here, part) => (here == null ? undefined : here[part]), obj);
  }

  // Every font size of a resolved layout: [[path, size], ...] ("xaxis.tickfont.size", "annotations[2].font.size").
  function fontSizes(obj, prefix, out, depth) {
    if (!obj || typeof obj !== "object" || depth > 5) return out;
    for (const key of Object.keys(obj)) {
      if (key.startsWith("_") || key === "template" || key === "meta") continue;
      const value = obj[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (/font$/i.test(key) && value && typeof value === "object") {
        if (typeof value.size === "number" || Array.isArray(value.size)) out.push([`${path}.size`, value.size]);
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item && typeof item === "object" && !Array.isArray(item)) {
            fontSizes(item, `${path}[${item._index !== undefined ? item._index : i}]`, out, depth + 1);
          }
        });
      } else if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
        fontSizes(value, path, out, depth + 1);
      }
    }
    return out;
  }

  // The size a text gets under a figureText rule {scale, min} (pure).
  function enlarged(size, rule) {
    if (Array.isArray(size)) return size.map((s) => enlarged(s, rule));
    if (typeof size !== "number") return size;
    return Math.max(Math.round(size * rule.scale), rule.min);
  }

  // Words of `text` (lines joined by <br>) in lines of at most `chars` characters (pure).
  function rewrap(text, chars) {
    const words = String(text).split(/<br\s*\/?>|[ \t\n]+/i).filter(Boolean);
    const lines = [];
    let line = "";
    words.forEach((w) => {
      if (line && (line + " " + w).length > chars) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  // The footer rewrapped paragraph by paragraph (sources, note, cut-off: layout.meta, widgets/figures/common.py), so
  // the note still starts on a line of its own; the built text as one paragraph when it is not made of them (pure).
  function rewrapFooter(text, chars, meta) {
    const words = (t) => String(t).split(/<br\s*\/?>|[ \t\n]+/i).filter(Boolean).join(" ");
    const paragraphs = meta ? [meta.source_line, meta.note, meta.cutoff_text].filter(Boolean) : [];
    if (paragraphs.length && words(paragraphs.join(" ")) === words(text)) {
      return paragraphs.map((p) => rewrap(p, chars)).join("<br>");
    }
    return rewrap(text, chars);
  }

  // Rows a horizontal legend takes at a font size within `width` px (pure). An entry is its symbol (~40 px) and its
  // name (~0.55 em a character); entries flow left to right and wrap as plotly's do.
  function legendRows(names, size, width) {
    let rows = 1;
    let used = 0;
    names.forEach((name) => {
      const w = 40 + String(name).length * size * 0.55;
      if (used && used + w > width) { rows += 1; used = 0; }
      used += w;
    });
    return names.length ? rows : 0;
  }

  // Remember, once per object, the value a path had as built: raw (possibly unset) and resolved.
  function remember(owner, path, raw, built) {
    let record = builtValues.get(owner);
    if (!record) { record = {}; builtValues.set(owner, record); }
    if (!(path in record)) record[path] = { raw, built };
    return record[path];
  }

  // How much the largest data label of a chart grows under a rule (1 when it has none).
  function dataLabelScale(gd, rule) {
    let scale = 1;
    (gd._fullData || []).forEach((t) => {
      const trace = gd.data[t.index];
      if (!trace || !t.text || (!(t.mode || "").includes("text") && t.type !== "bar")) return;
      const size = (t.textfont && t.textfont.size) || 12;
      const built = remember(trace, "textfont.size", getPath(trace, "textfont.size"), size).built;
      const sizes = Array.isArray(built) ? built : [built];
      sizes.forEach((s) => { if (typeof s === "number" && s > 0) scale = Math.max(scale, enlarged(s, rule) / s); });
    });
    return scale;
  }

  // Boxes (client px) of a drawn figure's parts that the estimates place: the figure, title, legend, footer and the
  // lowest x-axis text (or legend under the plot) above the footer.
  function drawnBoxes(gd) {
    const svg = gd.querySelector(".main-svg");
    if (!svg) return null;
    const box = (el) => (el ? el.getBoundingClientRect() : null);
    const index = (gd.layout.annotations || []).findIndex((a) => a && a.name === FOOTER);
    const footer = index >= 0 ? box(gd.querySelector(`.annotation[data-index="${index}"]`)) : null;
    const legendEl = gd.querySelector(".infolayer .legend");
    const xTexts = [...gd.querySelectorAll(".infolayer text, .xaxislayer-above text, .cartesianlayer text")]
      .filter((el) => /^x\d*(title|tick)$/.test(el.getAttribute("class") || "") ||
                      /^x\d*tick$/.test(el.parentNode && el.parentNode.getAttribute ? el.parentNode.getAttribute("class") || "" : ""))
      .map(box).filter((r) => r && r.height > 0 && (!footer || r.top < footer.top + 1));
    const legend = legendEl ? box(legendEl.querySelector(".bg") || legendEl) : null;
    const lg = gd._fullLayout.legend;
    if (legend && lg && lg.y < 0 && (!footer || legend.top < footer.top)) xTexts.push(legend);  // a legend under the plot
    return { figure: box(svg), title: box(gd.querySelector(".infolayer .gtitle")), footer, legend,
             axisBottom: xTexts.length ? Math.max(...xTexts.map((r) => r.bottom)) : null };
  }

  // What a themed figure still lacks once drawn: the footer under the x axes and inside the figure, the title clear
  // of a legend above the plot. Returns true when it asked for a redraw.
  function settle(gd, rule) {
    if (!rule || !gd.layout) return false;
    const fix = measured.get(gd.layout) || { top: 0, bottom: 0, footer: 0, titlePad: 0, passes: 0 };
    if (fix.passes >= SETTLE_PASSES) return false;
    const b = drawnBoxes(gd);
    if (!b) return false;
    const GAP = 6;
    const more = { top: 0, bottom: 0, footer: 0, titlePad: 0 };
    // A title of several lines at the projector's size rises above the figure's top edge: lower it.
    if (b.title && b.title.top < b.figure.top + 2) more.titlePad = b.figure.top + 4 - b.title.top;
    if (b.footer && b.axisBottom !== null && b.axisBottom + GAP > b.footer.top) more.footer = b.axisBottom + GAP - b.footer.top;
    // The figure grows by the footer's shift as well (textChanges), so only what overflows now is added here.
    if (b.footer && b.footer.bottom + GAP > b.figure.bottom) more.bottom = b.footer.bottom + GAP - b.figure.bottom;
    const lg = gd._fullLayout.legend;
    const legendAbove = lg && (lg.y > 1 || (lg.y >= 1 && lg.yanchor === "bottom"));
    if (b.title && b.legend && legendAbove && b.title.bottom + GAP > b.legend.top &&
        b.title.left < b.legend.right && b.legend.left < b.title.right) more.top = b.title.bottom + GAP - b.legend.top;
    if (more.top < 1 && more.bottom < 1 && more.footer < 1 && more.titlePad < 1) return false;
    measured.set(gd.layout, { top: fix.top + Math.ceil(Math.max(0, more.top)),
                              bottom: fix.bottom + Math.ceil(Math.max(0, more.bottom)),
                              footer: fix.footer + Math.ceil(Math.max(0, more.footer)),
                              titlePad: fix.titlePad + Math.ceil(more.titlePad), passes: fix.passes + 1 });
    return true;
  }

  // {layout: {path: value}, traces: [{path: value}]} that give the figure its theme's text sizes (or its built ones).
  function textChanges(gd, rule) {
    const layout = {};
    const traces = gd.data.map(() => ({}));
    const full = gd._fullLayout;
    const want = (owner, path, resolved, target) => {
      const was = remember(owner, path, getPath(owner, path), resolved);
      const value = rule ? target(was.built) : was.raw;
      if (JSON.stringify(getPath(owner, path)) !== JSON.stringify(value)) return value;
      return undefined;
    };
    const put = (out, path, value) => { if (value !== undefined) out[path] = value; };
    let grownTop = 0;
    let grownBottom = 0;
    const fix = (rule && measured.get(gd.layout)) || { top: 0, bottom: 0, footer: 0, titlePad: 0 };
    const axisGrowth = {};  // per x axis: its tick labels and title grow (the bottom axes of subplots side by side)
    fontSizes(full, "", [], 0).forEach(([path, size]) => {
      const value = want(gd.layout, path, size, (built) => enlarged(built, rule));
      put(layout, path, value);
      const builtSize = remember(gd.layout, path).built;
      if (rule && /^title\.font\.size$/.test(path)) grownTop += (enlarged(builtSize, rule) - builtSize) * 1.3;
      const axis = /^(xaxis\d*)\.(tickfont|title\.font)\.size$/.exec(path);
      if (rule && axis) axisGrowth[axis[1]] = (axisGrowth[axis[1]] || 0) + (enlarged(builtSize, rule) - builtSize) * 1.3;
    });
    grownBottom += Math.max(0, ...Object.values(axisGrowth));
    // A horizontal legend under the plot (the maps') or over it grows with its text and may take more rows: what it
    // grows by pushes the source footer down (or the title up), as the axis labels do.
    const legend = full.legend;
    if (rule && full.showlegend !== false && legend && legend.orientation === "h" && (legend.y < 0 || legend.y > 1)) {
      const names = (gd._fullData || []).filter((t) => t.showlegend !== false && t.visible !== false && t.name)
        .map((t) => t.name);
      const built = ((builtValues.get(gd.layout) || {})["legend.font.size"] || { built: legend.font.size }).built;
      const width = (full._size && full._size.w) || (full.width || 1000);
      const height = (size) => legendRows(names, size, width) * (size + 20);  // a row: its text and plotly's gaps
      const growth = Math.max(0, height(enlarged(built, rule)) - height(built)) + 10;
      if (legend.y < 0) grownBottom += growth; else grownTop += growth;
    }
    Object.keys(full).filter((k) => /^[xy]axis\d*$/.test(k)).forEach((axis) => {
      put(layout, `${axis}.automargin`, want(gd.layout, `${axis}.automargin`, full[axis].automargin, () => true));
    });
    // The source footer: moved to the figure's left edge (it is anchored to the plot area, which automargin moves),
    // rewrapped to the figure's width at its new size, and below the grown axis labels.
    const width = (full.width || 1000) - 20;
    const plotLeft = (full._size && full._size.l) || (full.margin && full.margin.l) || 0;
    let footerGrowth = 0;
    (gd.layout.annotations || []).forEach((note, i) => {
      if (!note || note.name !== FOOTER) return;
      const builtSize = remember(gd.layout, `annotations[${i}].font.size`, undefined,
                                 (full.annotations[i] && full.annotations[i].font.size) || 11).built;
      const text = want(gd.layout, `annotations[${i}].text`, note.text,
                        (built) => rewrapFooter(built, Math.floor(width / (enlarged(builtSize, rule) * 0.56)),
                                                gd.layout.meta));
      const builtText = remember(gd.layout, `annotations[${i}].text`).built;
      const lines = (t) => String(t).split(/<br\s*\/?>/i).length;
      if (rule) footerGrowth = lines(rewrapFooter(builtText, Math.floor(width / (enlarged(builtSize, rule) * 0.56)),
                                                  gd.layout.meta)) *
        enlarged(builtSize, rule) * 1.3 - lines(builtText) * 16;
      put(layout, `annotations[${i}].text`, text);
      put(layout, `annotations[${i}].xshift`, want(gd.layout, `annotations[${i}].xshift`, note.xshift,
                                                    () => 10 - plotLeft));
      const shift = full.annotations[i] ? full.annotations[i].yshift || 0 : 0;
      put(layout, `annotations[${i}].yshift`, want(gd.layout, `annotations[${i}].yshift`, shift,
                                                    (built) => built - Math.round(grownBottom + fix.footer)));
    });
    // Charts marked as having labels in tight rows: the plot grows with its labels (others keep their height, so a
    // slide need not shrink them).
    const grows = gd.layout.meta && gd.layout.meta.grow_with_labels;  // widgets/figures/common.py grow_with_labels
    const labelScale = rule && grows ? dataLabelScale(gd, rule) : 1;
    if (!builtPlotHeight.has(gd.layout)) builtPlotHeight.set(gd.layout, (full._size && full._size.h) || 0);
    const plotH = builtPlotHeight.get(gd.layout);
    const stretch = Math.round(plotH * (Math.min(labelScale, 1.5) - 1));
    const bottom = Math.round(grownBottom + Math.max(0, footerGrowth) + fix.bottom + fix.footer);
    let top = Math.round(grownTop + fix.top + fix.titlePad);
    if (full.title && full.title.pad) {
      put(layout, "title.pad.t", want(gd.layout, "title.pad.t", full.title.pad.t, (built) => built + fix.titlePad));
    }
    // The title, rewrapped only when a line of it no longer fits the figure's width at its new size (French runs
    // 15-20 % longer than the English the builders wrapped for); each added line lowers the plot by a line. The
    // title as given is kept, not the one built: a slider or a preset button may have changed it since.
    if (full.title && full.title.text && full.title.font) {
      const count = (t) => String(t).split(/<br\s*\/?>/i).length;
      const current = String(getPath(gd.layout, "title.text") ?? full.title.text);
      const seen = fittedTitles.get(gd.layout);
      const given = seen && current === seen.fitted ? seen.given : current;
      if (rule) {
        const size = enlarged(remember(gd.layout, "title.font.size", getPath(gd.layout, "title.font.size"),
                                       full.title.font.size).built, rule);
        const chars = Math.floor(width / (size * 0.6));  // a title's characters run ~0.6 em
        const fitted = given.split(/<br\s*\/?>/i).some((l) => l.length > chars) ? rewrap(given, chars) : given;
        if (fitted !== current) layout["title.text"] = fitted;
        fittedTitles.set(gd.layout, { given, fitted });
        top += Math.round((count(fitted) - count(given)) * size * 1.3);
      } else if (given !== current) {
        layout["title.text"] = given;
        fittedTitles.delete(gd.layout);
      }
    }
    const margin = full.margin || {};
    put(layout, "margin.t", want(gd.layout, "margin.t", margin.t, (built) => built + top));
    put(layout, "margin.b", want(gd.layout, "margin.b", margin.b, (built) => built + bottom));
    if (full.height) {
      put(layout, "height", want(gd.layout, "height", full.height, (built) => built + top + bottom + stretch));
    }
    gd.data.forEach((trace, i) => {
      const fullTrace = (gd._fullData || []).find((f) => f.index === i) || {};
      Object.keys(fullTrace).filter((k) => TRACE_FONTS.has(k) && fullTrace[k] && fullTrace[k].size !== undefined)
        .forEach((k) => put(traces[i], `${k}.size`, want(trace, `${k}.size`, fullTrace[k].size,
                                                          (built) => enlarged(built, rule))));
    });
    return { layout, traces };
  }

  function ruleOf(themeName) {
    const theme = B.theme.byName(themeName);
    return theme && theme.figureText ? theme.figureText : null;
  }

  // Theme a drawn figure in place and redraw it. Its input (gd.data, gd.layout) is changed directly rather than
  // through relayout/restyle, so a widget's figure does not echo the theme back to the kernel; the resolved layout
  // (_fullLayout) is read so that colours and sizes coming from the template and plotly's defaults are seen.
  function theme(gd) {
    if (!window.Plotly || !gd._fullLayout || !gd.data || busy.has(gd)) return;
    const name = B.theme.current();
    const layout = B.recolour.layoutChanges(gd._fullLayout, name);
    const traces = gd.data.map((trace) => B.recolour.traceChanges(trace, name));
    const text = textChanges(gd, ruleOf(name));
    Object.assign(layout, text.layout);
    traces.forEach((t, i) => Object.assign(t, text.traces[i]));
    if (!Object.keys(layout).length && traces.every((t) => !Object.keys(t).length)) return;
    Object.entries(layout).forEach(([path, value]) => setPath(gd.layout, path, value));
    traces.forEach((changes, i) => Object.entries(changes).forEach(([path, value]) => setPath(gd.data[i], path, value)));
    busy.add(gd);
    Promise.resolve(window.Plotly.redraw(gd)).catch(() => null).then(() => {
      busy.delete(gd);
      if (settle(gd, ruleOf(name))) theme(gd);
    });
  }

  // The figure as a plain object in the light theme and at its built sizes, for downloads (they print well).
  function light(gd) {
    const clone = (x) => JSON.parse(JSON.stringify(x, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
    const layout = clone(gd.layout);
    const data = gd.data.map((t) => clone(t));
    Object.entries(builtValues.get(gd.layout) || {}).forEach(([p, v]) => setPath(layout, p, v.raw));
    gd.data.forEach((t, i) => Object.entries(builtValues.get(t) || {}).forEach(([p, v]) => setPath(data[i], p, v.raw)));
    Object.entries(B.recolour.layoutChanges(layout, null)).forEach(([p, v]) => setPath(layout, p, v));
    data.forEach((t) => Object.entries(B.recolour.traceChanges(t, null)).forEach(([p, v]) => setPath(t, p, v)));
    return { data, layout };
  }

  B.figures = { theme, light, busy: (gd) => busy.has(gd), pending: () => busy.size, setPath, enlarged, rewrap, rewrapFooter,
                 fontSizes, legendRows, drawnBoxes };
})(window.Briefing = window.Briefing || {});
