/* The reader's side of the briefing: navigation bar, loading message, themes, presentation mode, keyboard help
 * and per-figure downloads. Plain JavaScript, no framework, nothing fetched from outside the page's own server.
 *
 * CONTRACT (for the Voilà template and for the static exporter)
 * -------------------------------------------------------------
 * Load order: optional page config, then briefing-config.js (generated), then this file.
 *   window.BRIEFING_DEFAULTS   written by briefing-config.js (scripts/make_template_assets.py); never edit by hand.
 *   window.BRIEFING_CONFIG     optional, set by the page BEFORE this file loads; its keys win over the defaults:
 *     mode:      "voila" (served) | "export" (static HTML file, no kernel)
 *     chapters:  [{id: "01_threat", title: "1 · The threat", href: "01_threat.html"}, ...] in reading order;
 *                href is used as is (relative links), so an export points them at its own files.
 *     current:   id of this page's chapter; default: the chapter whose href or id matches the URL's last segment.
 *     main:      CSS selector of the element holding the cells (skip link, presentation); default "#rendered_cells".
 *     themes, defaultTheme: from the generated defaults (normally not overridden).
 * The script mounts itself as soon as <body> exists (the Voilà template also calls BriefingApp.mount() right
 * after <body>, so the bar and the loading message show from the first streamed bytes). mount() is idempotent.
 *
 * Exposed: window.BriefingApp = {mount, setTheme, enterPresentation, leavePresentation, config}
 *          window.briefingFigureCsv(gd) → CSV text of a plotly graph div as displayed (see the figure contract).
 *
 * Figures: plotly's JupyterLab renderer (and the FigureWidget bundle) set window.Plotly when they load plotly.js,
 * and a graph div only exists once one of them has, so this script uses window.Plotly from there instead of
 * serving a second 4.6 MB copy. An exported page loads plotly.js itself, which sets window.Plotly the same way.
 */
(function () {
  "use strict";
  if (window.BriefingApp) return;

  const config = Object.assign({ mode: "voila", chapters: [], themes: [], defaultTheme: "light",
                                 main: "#rendered_cells" },
                               window.BRIEFING_DEFAULTS || {}, window.BRIEFING_CONFIG || {});
  const THEME_KEY = "briefing-theme";
  const themeNames = config.themes.map((t) => t.name);
  const root = document.documentElement;

  // ---------------------------------------------------------------- theme (set before the body is painted)
  function storedTheme() {
    try {
      const name = window.localStorage.getItem(THEME_KEY);
      return themeNames.includes(name) ? name : config.defaultTheme;
    } catch (e) {
      return config.defaultTheme; // storage disabled (private mode, file://): the default theme
    }
  }
  root.setAttribute("data-briefing-theme", storedTheme());

  function currentTheme() {
    return root.getAttribute("data-briefing-theme") || config.defaultTheme;
  }

  function setTheme(name) {
    if (!themeNames.includes(name)) return;
    root.setAttribute("data-briefing-theme", name);
    try { window.localStorage.setItem(THEME_KEY, name); } catch (e) { /* not persisted; still applied */ }
    const select = document.getElementById("briefing-theme");
    if (select && select.value !== name) select.value = name;
    pageFigures().forEach((gd) => themeFigure(gd));
  }

  // The page's figures only: plotly's image export draws hidden copies in <body>, which must stay as they are.
  function pageFigures() {
    const main = document.querySelector(config.main);
    return main ? [...main.querySelectorAll(".js-plotly-plot")] : [];
  }

  // ---------------------------------------------------------------- colours
  // One spelling per colour ('white', '#FFF', 'rgb(255, 255, 255)' → '#ffffff'), so the theme maps match.
  const canonicalCache = new Map();
  const probe = document.createElement("canvas").getContext("2d");
  function canonical(colour) {
    if (typeof colour !== "string") return colour;
    let hit = canonicalCache.get(colour);
    if (hit === undefined) {
      probe.fillStyle = "#010203"; // a sentinel: an invalid colour leaves fillStyle unchanged
      probe.fillStyle = colour;
      hit = probe.fillStyle === "#010203" && colour.trim().toLowerCase() !== "#010203" ? colour
        : probe.fillStyle.replace(/\s+/g, "").replace(/^rgba\((\d+),(\d+),(\d+),([\d.]+)\)$/, "rgba($1,$2,$3,$4)");
      canonicalCache.set(colour, hit);
    }
    return hit;
  }
  const toTheme = {}; // theme name → {light colour: shown colour}
  const toLight = {}; // any themed colour → its light colour (the generator checks this is unambiguous)
  config.themes.forEach((t) => {
    toTheme[t.name] = {};
    Object.entries(t.figure || {}).forEach(([light, shown]) => {
      toTheme[t.name][canonical(light)] = canonical(shown);
      toLight[canonical(shown)] = canonical(light);
    });
  });
  function recolour(value, theme) {
    if (typeof value !== "string") return value;
    const c = canonical(value);
    const light = toLight[c] || c;
    const shown = theme === null ? light : (toTheme[theme][light] || light);
    return shown === c ? value : shown;
  }

  const COLOUR_KEY = /colou?r$/i;
  // Text drawn on top of bars and tiles keeps its colour: the marks under it do not change with the theme.
  const TEXT_ON_MARKS = new Set(["bar", "funnel", "heatmap", "histogram", "pie", "treemap", "sunburst", "waterfall"]);

  // Changes {path: colour} to bring `obj` to `theme` (null = light). Only the neutral colours and black listed in
  // the theme maps change (per-point arrays too, e.g. labels chosen to contrast with a fill); arrays of objects
  // (annotations, shapes) are walked.
  function colourChanges(obj, theme, prefix, out, skip, depth) {
    if (!obj || typeof obj !== "object" || depth > 6) return out;
    for (const key of Object.keys(obj)) {
      if (key.startsWith("_") || key === "template" || key === "meta" || (skip && skip.has(key))) continue;
      const value = obj[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === "string" && COLOUR_KEY.test(key)) {
        const shown = recolour(value, theme);
        if (shown !== value) out[path] = shown;
      } else if ((key === "colorway" || COLOUR_KEY.test(key)) && Array.isArray(value) &&
                 value.every((v) => typeof v === "string" || v === null)) {
        const shown = value.map((v) => recolour(v, theme));
        if (shown.some((v, i) => v !== value[i])) out[path] = shown;
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item && typeof item === "object" && !Array.isArray(item)) {
            const index = item._index !== undefined ? item._index : i;
            colourChanges(item, theme, `${path}[${index}]`, out, null, depth + 1);
          }
        });
      } else if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
        colourChanges(value, theme, path, out, null, depth + 1);
      }
    }
    return out;
  }

  function traceChanges(trace, theme) {
    const skip = TEXT_ON_MARKS.has(trace.type || "scatter") ? new Set(["textfont", "insidetextfont"]) : null;
    return colourChanges(trace, theme, "", {}, skip, 0);
  }

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

  // Recolour a drawn figure in place and redraw it. The figure's input (gd.data, gd.layout) is changed directly
  // rather than through relayout/restyle, so a FigureWidget does not echo the theme back to the kernel; the
  // resolved layout (_fullLayout) is read so that colours coming from the template and plotly's defaults are seen.
  const busy = new WeakSet();
  function themeFigure(gd) {
    if (!window.Plotly || !gd._fullLayout || !gd.data || busy.has(gd)) return;
    const theme = currentTheme();
    const layout = colourChanges(gd._fullLayout, theme, "", {}, null, 0);
    const traces = gd.data.map((trace) => traceChanges(trace, theme));
    if (!Object.keys(layout).length && traces.every((t) => !Object.keys(t).length)) return;
    Object.entries(layout).forEach(([path, value]) => setPath(gd.layout, path, value));
    traces.forEach((changes, i) => Object.entries(changes).forEach(([path, value]) => setPath(gd.data[i], path, value)));
    busy.add(gd);
    Promise.resolve(window.Plotly.redraw(gd)).catch(() => null).then(() => busy.delete(gd));
  }

  // The figure as a plain object in the light theme, for downloads (they print well).
  function lightFigure(gd) {
    const clone = (x) => JSON.parse(JSON.stringify(x, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
    const layout = clone(gd.layout);
    const data = gd.data.map((t) => clone(t));
    Object.entries(colourChanges(layout, null, "", {}, null, 0)).forEach(([p, v]) => setPath(layout, p, v));
    data.forEach((t) => Object.entries(traceChanges(t, null)).forEach(([p, v]) => setPath(t, p, v)));
    return { data, layout };
  }

  // ---------------------------------------------------------------- figure metadata, alt text, downloads
  function meta(gd) {
    const m = (gd.layout && gd.layout.meta) || {};
    return (m && typeof m === "object" && !Array.isArray(m)) ? m : {};
  }
  function plainText(html) {
    const div = document.createElement("div");
    div.innerHTML = String(html || "").replace(/<br\s*\/?>/gi, " ");
    return (div.textContent || "").replace(/\s+/g, " ").trim();
  }
  function figureTitle(gd) {
    const title = gd.layout && gd.layout.title;
    return meta(gd).title || plainText(typeof title === "string" ? title : title && title.text) || "figure";
  }
  function slug(gd) {
    const given = meta(gd).slug;
    if (given) return given;
    return plainText(figureTitle(gd)).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "figure";
  }
  function altText(gd) {
    const m = meta(gd);
    if (m.alt) return m.alt;
    const shown = (gd.data || []).filter((t) => !(t.meta && t.meta.csv === false) && t.visible !== false);
    return `Chart: ${plainText(figureTitle(gd))}. ${shown.length} data series.` +
      (m.source_line ? ` ${m.source_line}` : "");
  }

  // Arrays of a trace as plain arrays (plotly may hold typed arrays, or the {dtype, bdata} spec of the kernel).
  const DTYPES = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
                   u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray };
  function values(trace, full, key) {
    let v = trace[key];
    if (v && typeof v === "object" && v.bdata && DTYPES[v.dtype]) {
      v = full && full[key] !== undefined ? full[key] : decode(v);
    }
    if (ArrayBuffer.isView(v)) v = Array.from(v);
    return v;
  }
  function decode(spec) {
    const bytes = Uint8Array.from(atob(spec.bdata), (c) => c.charCodeAt(0));
    return Array.from(new DTYPES[spec.dtype](bytes.buffer));
  }
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  const CSV_KEYS = ["x", "y", "lat", "lon", "text", "labels", "values", "z"];

  // CSV of the figure as displayed: "# " metadata lines, a header row, one row per point (figure contract).
  function briefingFigureCsv(gd) {
    const m = meta(gd);
    const header = Array.isArray(m.csv_header) && m.csv_header.length ? m.csv_header
      : [plainText(figureTitle(gd)), m.source_line ? `Source: ${m.source_line}` : "Source: not recorded",
         "Rows: the data displayed in the chart when it was downloaded."];
    const traces = (gd.data || []).map((t, i) => [t, (gd._fullData || []).find((f) => f.index === i)])
      .filter(([t]) => !(t.meta && t.meta.csv === false));
    const columns = CSV_KEYS.filter((k) => traces.some(([t, f]) => Array.isArray(values(t, f, k))));
    const rows = [["series", ...columns]];
    traces.forEach(([trace, full], i) => {
      const cols = {};
      columns.forEach((k) => { cols[k] = values(trace, full, k); });
      let z = cols.z;
      const grid = Array.isArray(z) && z.some((row) => Array.isArray(row));
      if (grid) { // a heatmap: one row per cell, with its x and y
        z.forEach((row, r) => (row || []).forEach((cell, c) => rows.push([trace.name || `trace ${i}`, ...columns.map(
          (k) => (k === "z" ? cell : k === "x" ? (cols.x || [])[c] : k === "y" ? (cols.y || [])[r] : "")) ])));
        return;
      }
      const n = Math.max(0, ...columns.map((k) => (Array.isArray(cols[k]) ? cols[k].length : 0)));
      for (let p = 0; p < n; p++) {
        const row = columns.map((k) => (Array.isArray(cols[k]) ? cols[k][p] : (k === "text" ? cols[k] : "")));
        if (row.every((v) => v === null || v === undefined || v === "")) continue; // gaps between line parts
        rows.push([trace.name || `trace ${i}`, ...row]);
      }
    });
    return header.map((line) => `# ${String(line).replace(/[\r\n]+/g, " ")}`).join("\r\n") + "\r\n" +
      rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  function saveText(text, filename, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  function download(gd, format) {
    if (format === "csv") {
      saveText(briefingFigureCsv(gd), `${slug(gd)}.csv`, "text/csv;charset=utf-8");
      return;
    }
    const figure = lightFigure(gd);
    const size = gd._fullLayout || {};
    window.Plotly.downloadImage(figure, { format, filename: slug(gd), width: size.width, height: size.height,
                                          scale: format === "png" ? 2 : 1 });
  }

  // The toolbar goes right under its figure: under the output row for a static figure (the row is a flex row),
  // under the figure itself inside a widget box. A panel that re-lays its children out may move it: put it back.
  function placeTools(gd) {
    const tools = gd.__briefingTools;
    const row = gd.parentElement && gd.parentElement.classList.contains("jp-OutputArea-child") ? gd.parentElement : gd;
    if (tools && row.nextElementSibling !== tools) row.insertAdjacentElement("afterend", tools);
  }

  function decorate(gd) {
    gd.setAttribute("role", "img");
    gd.setAttribute("aria-label", altText(gd));
    if (gd.__briefingDecorated) return;
    gd.__briefingDecorated = true;
    const tools = document.createElement("div");
    tools.className = "briefing-figure-tools";
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", `Download: ${plainText(figureTitle(gd))}`);
    tools.append("Download ");
    ["png", "svg", "csv"].forEach((format, i) => {
      if (i) tools.append(" · ");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `briefing-download briefing-download-${format}`;
      button.textContent = format.toUpperCase();
      button.title = format === "csv" ? "The data shown in this chart, with its sources" :
        `This chart as ${format.toUpperCase()} (light theme)`;
      button.addEventListener("click", () => download(gd, format));
      tools.append(button);
    });
    gd.__briefingTools = tools;
    placeTools(gd);
    if (typeof gd.on === "function") {
      gd.on("plotly_afterplot", () => {
        gd.setAttribute("aria-label", altText(gd));
        if (!busy.has(gd)) requestAnimationFrame(() => themeFigure(gd));
      });
    }
    themeFigure(gd);
    if (presentation.active) presentation.layout();
  }

  // ---------------------------------------------------------------- navigation bar, skip link, loading status
  function chapterIndex() {
    if (config.current) return config.chapters.findIndex((c) => c.id === config.current);
    const last = decodeURIComponent(window.location.pathname.split("/").pop() || "");
    return config.chapters.findIndex((c) => c.href === last || c.id === last.replace(/\.[^.]+$/, ""));
  }

  function element(tag, attrs, ...children) {
    const el = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) el.setAttribute(k, v); });
    children.forEach((c) => el.append(c));
    return el;
  }

  function buildBar() {
    const here = chapterIndex();
    const list = element("ol", { class: "briefing-chapters" });
    config.chapters.forEach((c, i) => {
      list.append(element("li", {}, element("a", { href: c.href, "aria-current": i === here ? "page" : null }, c.title)));
    });
    const prev = here > 0 ? config.chapters[here - 1] : null;
    const next = here >= 0 && here + 1 < config.chapters.length ? config.chapters[here + 1] : null;
    const steps = element("span", { class: "briefing-steps" },
      prev ? element("a", { href: prev.href, rel: "prev", class: "briefing-prev", title: `Previous: ${prev.title}` },
                     "← Previous") : "",
      next ? element("a", { href: next.href, rel: "next", class: "briefing-next", title: `Next: ${next.title}` },
                     "Next →") : "");
    const select = element("select", { id: "briefing-theme" });
    config.themes.forEach((t) => select.append(element("option", { value: t.name }, t.label)));
    select.value = currentTheme();
    select.addEventListener("change", () => setTheme(select.value));
    const present = element("button", { type: "button", class: "briefing-present-button",
                                         title: "Present this chapter one idea per slide (arrow keys, Esc)" }, "Present");
    present.addEventListener("click", () => enterPresentation());
    const tools = element("div", { class: "briefing-bar-tools" }, steps,
      element("label", { class: "briefing-theme-label", for: "briefing-theme" }, "Theme "), select, present);
    const status = element("p", { id: "briefing-status", role: "status", class: "briefing-status" });
    const bar = element("header", { class: "briefing-bar", id: "briefing-bar" },
      element("nav", { "aria-label": "Chapters" }, list), tools, status);
    return bar;
  }

  function skipLink() {
    const link = element("a", { class: "briefing-skip", href: config.main }, "Skip to content");
    link.addEventListener("click", (event) => {
      const main = document.querySelector(config.main);
      if (!main) return;
      event.preventDefault();
      if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
      main.focus();
    });
    return link;
  }

  // The bar is fixed; the page below it (Voilà's lab shell, or the export's body) starts under it.
  function trackBarHeight(bar) {
    const update = () => {
      const h = `${Math.ceil(bar.getBoundingClientRect().height)}px`;
      if (root.style.getPropertyValue("--briefing-bar-h") !== h) {
        root.style.setProperty("--briefing-bar-h", h);
        window.dispatchEvent(new Event("resize")); // the lab shell lays its panels out again
      }
    };
    update();
    if (window.ResizeObserver) new ResizeObserver(update).observe(bar);
  }

  // Between Voilà's own loading message (#loading, removed once the cells ran) and the first drawn figure, the
  // bar's status line says what is happening, so there is never a blank or silent page.
  function updateStatus() {
    const status = document.getElementById("briefing-status");
    if (!status) return;
    const loading = document.getElementById("loading");
    const pending = document.querySelector('script[type="application/vnd.voila.cell-output+json"]') ||
      [...document.querySelectorAll(".jp-OutputArea-output.lm-Panel")].some((o) => o.childElementCount === 0);
    const figure = document.querySelector(".js-plotly-plot .main-svg");
    let text = "";
    if (config.mode === "voila" && !figure && (loading || pending)) {
      text = loading ? "Loading the briefing: running the analysis…" : "Loading the briefing: drawing the figures…";
    }
    if (status.textContent !== text) status.textContent = text;
    status.hidden = !text;
  }

  // ---------------------------------------------------------------- watching the page as Voilà fills it
  let scheduled = false;
  function onMutations() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      updateStatus();
      document.querySelectorAll(".jupyter-widget-Collapse-header:not([tabindex])").forEach(keyboardHeader);
      pageFigures().forEach((gd) => {
        if (!gd.__briefingDecorated && gd._fullLayout && gd.querySelector(".main-svg")) decorate(gd);
        else if (gd.__briefingDecorated) placeTools(gd);
      });
      if (presentation.pending && !document.getElementById("loading") && !document.querySelector(
        'script[type="application/vnd.voila.cell-output+json"]')) {
        presentation.pending = false;
        enterPresentation();
      } else if (presentation.active) {
        presentation.refresh();
      }
    });
  }

  // ipywidgets' accordion headers are plain divs that only take mouse clicks: make them buttons for the keyboard.
  function keyboardHeader(header) {
    const collapse = header.closest(".jupyter-widget-Collapse");
    const sync = () => header.setAttribute("aria-expanded",
      String(!!collapse && collapse.classList.contains("jupyter-widget-Collapse-open")));
    header.setAttribute("tabindex", "0");
    header.setAttribute("role", "button");
    sync();
    header.addEventListener("click", () => requestAnimationFrame(sync));
    header.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      header.click();
    });
  }

  // ---------------------------------------------------------------- presentation mode
  // Slides are made of the page's own cells, shown and hidden (never re-created), so figures and sliders stay live.
  // A slide starts at a markdown cell with an h1/h2, and at an h3 or a figure when the slide already has a figure.
  // On a slide, markdown prose (paragraphs, lists, quotes) is hidden and goes to the speaker notes instead.
  const presentation = { active: false, pending: false, index: 0, slides: [], notesWindow: null };

  function cellsOf(main) {
    const wrapper = main.firstElementChild && !main.firstElementChild.matches(".jp-Cell") ? main.firstElementChild : main;
    return [...wrapper.children].filter((c) => c.querySelector(".jp-Cell") || c.matches(".jp-Cell"));
  }
  function hasFigure(cell) {
    return !!cell.querySelector(".js-plotly-plot, .jupyter-widgets .widget-slider, [data-mime-type*='plotly']");
  }
  function isVisibleCell(cell) {
    const c = cell.matches(".jp-Cell") ? cell : cell.querySelector(".jp-Cell");
    return c && !(c.classList.contains("jp-mod-noOutputs") && c.classList.contains("jp-mod-noInput"));
  }

  function splitSlides() {
    const main = document.querySelector(config.main);
    const slides = [];
    let slide = null;
    let figure = false;
    (main ? cellsOf(main) : []).filter(isVisibleCell).forEach((cell) => {
      const heading = cell.querySelector(".jp-MarkdownCell :is(h1, h2)");
      const subheading = cell.querySelector(".jp-MarkdownCell h3");
      const fig = hasFigure(cell);
      if (!slide || heading || ((fig || subheading) && figure)) {
        slide = [];
        slides.push(slide);
        figure = false;
      }
      slide.push(cell);
      figure = figure || fig;
    });
    return slides;
  }

  function notesOf(slide) {
    const parts = [];
    slide.forEach((cell) => cell.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown > :not(h1,h2,h3,h4,h5,h6)")
      .forEach((el) => { const t = el.innerText.trim(); if (t) parts.push(t); }));
    return parts;
  }

  function presentationChrome() {
    let bar = document.getElementById("briefing-present-bar");
    if (bar) return bar;
    const counter = element("span", { class: "briefing-slide-counter", "aria-live": "polite" });
    const prev = element("button", { type: "button", class: "briefing-slide-prev", title: "Previous slide (←)" }, "←");
    const next = element("button", { type: "button", class: "briefing-slide-next", title: "Next slide (→, Space)" }, "→");
    const notes = element("button", { type: "button", class: "briefing-notes-toggle", "aria-expanded": "false",
                                      "aria-controls": "briefing-notes", title: "Speaker notes (N)" }, "Notes");
    const win = element("button", { type: "button", class: "briefing-notes-window",
                                     title: "Speaker notes in a separate window" }, "Notes window");
    const exit = element("button", { type: "button", class: "briefing-present-exit", title: "Leave (Esc)" }, "Exit");
    prev.addEventListener("click", () => go(-1));
    next.addEventListener("click", () => go(1));
    notes.addEventListener("click", () => toggleNotes());
    win.addEventListener("click", () => openNotesWindow());
    exit.addEventListener("click", () => leavePresentation());
    bar = element("div", { id: "briefing-present-bar", class: "briefing-present-bar", role: "toolbar",
                           "aria-label": "Presentation" }, prev, counter, next, notes, win, exit);
    const pane = element("aside", { id: "briefing-notes", class: "briefing-notes", "aria-label": "Speaker notes" });
    pane.hidden = true;
    document.body.append(bar, pane);
    return bar;
  }

  function enterPresentation() {
    if (document.getElementById("loading") || !document.querySelector(config.main)) {
      presentation.pending = true; // ?present=1 while the page still runs: start once the cells are there
      return;
    }
    presentation.slides = splitSlides();
    if (!presentation.slides.length) return;
    presentation.active = true;
    root.classList.add("briefing-presenting");
    presentationChrome();
    const url = new URL(window.location.href);
    if (url.searchParams.get("present") !== "1") {
      url.searchParams.set("present", "1");
      window.history.replaceState(window.history.state, "", url);
    }
    show(Math.min(presentation.index, presentation.slides.length - 1));
    const next = document.querySelector(".briefing-slide-next");
    if (next) next.focus();
  }

  function leavePresentation() {
    if (!presentation.active) return;
    presentation.active = false;
    root.classList.remove("briefing-presenting");
    document.querySelectorAll("[data-briefing-slide]").forEach((c) => {
      c.removeAttribute("data-briefing-slide");
      c.classList.remove("briefing-current");
    });
    ["briefing-present-bar", "briefing-notes"].forEach((id) => { const el = document.getElementById(id); if (el) el.remove(); });
    const url = new URL(window.location.href);
    url.searchParams.delete("present");
    window.history.replaceState(window.history.state, "", url);
    resizeFigures();
    const button = document.querySelector(".briefing-present-button");
    if (button) button.focus();
  }

  function show(index) {
    const slides = presentation.slides;
    presentation.index = Math.max(0, Math.min(index, slides.length - 1));
    slides.forEach((slide, i) => slide.forEach((cell) => {
      cell.setAttribute("data-briefing-slide", String(i));
      cell.classList.toggle("briefing-current", i === presentation.index);
    }));
    const counter = document.querySelector(".briefing-slide-counter");
    if (counter) counter.textContent = `Slide ${presentation.index + 1} of ${slides.length}`;
    const notes = notesOf(slides[presentation.index]);
    const pane = document.getElementById("briefing-notes");
    if (pane) {
      pane.replaceChildren(element("h2", {}, "Speaker notes"),
        ...(notes.length ? notes.map((t) => element("p", {}, t)) : [element("p", {}, "No notes for this slide.")]));
    }
    syncNotesWindow(notes);
    const main = document.querySelector(config.main);
    if (main) main.scrollTop = 0;
    resizeFigures();
  }

  presentation.refresh = () => { // new cells or outputs arrived: re-split, keep the slide
    const slides = splitSlides();
    if (slides.length !== presentation.slides.length || slides.some((s, i) => s.length !== presentation.slides[i].length)) {
      presentation.slides = slides;
      show(presentation.index);
    }
  };
  presentation.layout = () => presentation.refresh();

  function go(step) { if (presentation.active) show(presentation.index + step); }

  function toggleNotes(force) {
    const pane = document.getElementById("briefing-notes");
    if (!pane) return;
    pane.hidden = force === undefined ? !pane.hidden : !force;
    const button = document.querySelector(".briefing-notes-toggle");
    if (button) button.setAttribute("aria-expanded", String(!pane.hidden));
  }

  // The notes window is a blank same-origin window this page writes into: no second page to load, nothing to sync
  // but its text.
  function openNotesWindow() {
    const win = window.open("", "briefing-notes", "width=520,height=640");
    if (!win) return;
    presentation.notesWindow = win;
    win.document.title = "Speaker notes";
    syncNotesWindow(notesOf(presentation.slides[presentation.index] || []));
  }
  function syncNotesWindow(notes) {
    const win = presentation.notesWindow;
    if (!win || win.closed) return;
    const body = win.document.body;
    body.style.cssText = "font: 20px/1.5 system-ui, sans-serif; margin: 1.5em; max-width: 40em";
    body.replaceChildren(win.document.createElement("h1"));
    body.firstChild.textContent = `Slide ${presentation.index + 1} of ${presentation.slides.length}`;
    (notes.length ? notes : ["No notes for this slide."]).forEach((t) => {
      const p = win.document.createElement("p");
      p.textContent = t;
      body.append(p);
    });
  }

  // Figures shown again after display:none need their size recomputed.
  function resizeFigures() {
    requestAnimationFrame(() => {
      window.dispatchEvent(new Event("resize"));
      if (!window.Plotly) return;
      pageFigures().forEach((gd) => {
        if (gd.offsetParent !== null) window.Plotly.Plots.resize(gd);
      });
    });
  }

  function typing(target) {
    return target && target.closest &&
      target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true], [role=slider], " +
                     "[role=listbox], [role=combobox], .widget-slider, .widget-dropdown");
  }

  document.addEventListener("keydown", (event) => {
    if (!presentation.active || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key === "Escape") { leavePresentation(); event.preventDefault(); return; } // works from any control
    if (typing(event.target)) return; // sliders, dropdowns and text fields keep their own keys
    if ((key === " " || key === "Enter") && event.target.closest && event.target.closest("button, a")) return;
    if (["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"].includes(key)) go(1);
    else if (["ArrowLeft", "ArrowUp", "PageUp"].includes(key)) go(-1);
    else if (key === "Home") show(0);
    else if (key === "End") show(presentation.slides.length - 1);
    else if (key === "n" || key === "N") toggleNotes();
    else return;
    event.preventDefault();
  });

  // ---------------------------------------------------------------- mount
  let mounted = false;
  function mount() {
    if (mounted || !document.body) return;
    mounted = true;
    const bar = buildBar();
    document.body.prepend(skipLink(), bar);
    trackBarHeight(bar);
    updateStatus();
    new MutationObserver(onMutations).observe(document.body, { childList: true, subtree: true });
    if (new URLSearchParams(window.location.search).get("present") === "1") presentation.pending = true;
    onMutations();
  }

  window.briefingFigureCsv = briefingFigureCsv;
  window.BriefingApp = { mount, setTheme, enterPresentation, leavePresentation, config,
                         lightFigure, slug, altText };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
