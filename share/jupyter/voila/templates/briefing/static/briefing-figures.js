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
    const words = String(text).split(/<br\s*\/?>|\s+/i).filter(Boolean);
    const lines = [];
    let line = "";
    words.forEach((w) => {
      if (line && (line + " " + w).length > chars) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
    });
    if (line) lines.push(line);
    return lines.join("<br>");
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
    fontSizes(full, "", [], 0).forEach(([path, size]) => {
      const value = want(gd.layout, path, size, (built) => enlarged(built, rule));
      put(layout, path, value);
      if (rule && /^title\.font\.size$/.test(path)) grownTop += (enlarged(size, rule) - size) * 1.3;
      if (rule && /^xaxis\.(tickfont|title\.font)\.size$/.test(path)) grownBottom += (enlarged(size, rule) - size) * 1.3;
    });
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
                        (built) => rewrap(built, Math.floor(width / (enlarged(builtSize, rule) * 0.56))));
      const builtText = remember(gd.layout, `annotations[${i}].text`).built;
      const lines = (t) => String(t).split(/<br\s*\/?>/i).length;
      if (rule) footerGrowth = lines(rewrap(builtText, Math.floor(width / (enlarged(builtSize, rule) * 0.56)))) *
        enlarged(builtSize, rule) * 1.3 - lines(builtText) * 16;
      put(layout, `annotations[${i}].text`, text);
      put(layout, `annotations[${i}].xshift`, want(gd.layout, `annotations[${i}].xshift`, note.xshift,
                                                    () => 10 - plotLeft));
      const shift = full.annotations[i] ? full.annotations[i].yshift || 0 : 0;
      put(layout, `annotations[${i}].yshift`, want(gd.layout, `annotations[${i}].yshift`, shift,
                                                    (built) => built - Math.round(grownBottom)));
    });
    const bottom = Math.round(grownBottom + Math.max(0, footerGrowth));
    const top = Math.round(grownTop);
    const margin = full.margin || {};
    put(layout, "margin.t", want(gd.layout, "margin.t", margin.t, (built) => built + top));
    put(layout, "margin.b", want(gd.layout, "margin.b", margin.b, (built) => built + bottom));
    if (full.height) put(layout, "height", want(gd.layout, "height", full.height, (built) => built + top + bottom));
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
    Promise.resolve(window.Plotly.redraw(gd)).catch(() => null).then(() => busy.delete(gd));
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

  B.figures = { theme, light, busy: (gd) => busy.has(gd), pending: () => busy.size, setPath, enlarged, rewrap,
                 fontSizes, legendRows };
})(window.Briefing = window.Briefing || {});
