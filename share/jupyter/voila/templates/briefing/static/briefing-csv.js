/* Job: a figure's data as CSV, as displayed: "# " metadata lines (title, sources, licence, cut-off), a header row,
 * one row per point (a map: per marked point or event, its lines and areas left out). Cells a spreadsheet would run as a formula (leading = + - @, tab, carriage return: OWASP's
 * list) get a leading single quote, real numbers stay numbers, and every cell holding a comma, a quote or a line
 * break is quoted (RFC 4180). Pure functions of the figure object.
 */
(function (B) {
  "use strict";
  const CSV_KEYS = ["x", "y", "lat", "lon", "text", "labels", "values", "z"];
  const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  const FORMULA_START = /^[=+\-@\t\r]/;

  function cell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
    let text = typeof value === "object" ? JSON.stringify(value) : String(value);
    if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  // Arrays of a trace as plain arrays (plotly may hold typed arrays, or the {dtype, bdata} spec of the kernel).
  const DTYPES = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
                   u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray };
  function decode(spec) {
    const bytes = Uint8Array.from(atob(spec.bdata), (c) => c.charCodeAt(0));
    return Array.from(new DTYPES[spec.dtype](bytes.buffer));
  }
  function values(trace, full, key) {
    let v = trace[key];
    if (v && typeof v === "object" && v.bdata && DTYPES[v.dtype]) {
      v = full && full[key] !== undefined ? full[key] : decode(v);
    }
    if (ArrayBuffer.isView(v)) v = Array.from(v);
    return v;
  }

  // A map's lines and shaded areas (roads, corridors, borders, regions) are geometry, not data: its CSV holds the
  // points it marks (widgets/figures/map_rows.py).
  function isGeometry(trace) {
    return trace.type === "scattergeo" && (trace.fill === "toself" || !/markers|text/.test(trace.mode || "markers"));
  }
  const EVENT_FIELDS = ["event_id", "date", "event_type", "place"];
  // Plotly rich text as plain text, parsed inertly (an uploaded place name never runs or loads anything) (pure).
  function plainText(html) {
    const doc = new DOMParser().parseFromString(String(html).replace(/<br\s*\/?>/gi, "; "), "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  }

  // A point drawn with no marker (size 0: the tail of an arrow) and no label marks nothing.
  function hidden(trace, p) {
    const size = trace.marker ? trace.marker.size : undefined;
    const text = Array.isArray(trace.text) ? trace.text[p] : trace.text;
    return (Array.isArray(size) ? size[p] : size) === 0 && !text;
  }

  // A map's rows: one per marked point (its label and hover text as details), or one per event when the trace lists
  // the events each point stands for (meta.csv_events) (pure).
  function mapRows(traces) {
    const withEvents = traces.some(([t]) => t.meta && Array.isArray(t.meta.csv_events));
    const rows = [["series", "lat", "lon", "label", "details", ...(withEvents ? EVENT_FIELDS : [])]];
    const plain = (v) => (typeof v === "string" ? plainText(v) : v);
    traces.forEach(([trace, full], i) => {
      const lat = values(trace, full, "lat") || [];
      const lon = values(trace, full, "lon") || [];
      const at = (key, p) => { const v = values(trace, full, key); return Array.isArray(v) ? v[p] : v; };
      const events = trace.meta && Array.isArray(trace.meta.csv_events) ? trace.meta.csv_events : null;
      for (let p = 0; p < Math.max(lat.length, lon.length); p++) {
        if (lat[p] === null || lat[p] === undefined || lon[p] === null || lon[p] === undefined) continue;
        if (hidden(trace, p)) continue;
        const point = [trace.name || `trace ${i}`, lat[p], lon[p], plain(at("text", p))];
        const listed = events && Array.isArray(events[p]) ? events[p] : [];
        if (listed.length) listed.forEach((event) => rows.push([...point, "", ...EVENT_FIELDS.map((_, k) => event[k])]));
        else rows.push([...point, plain(at("hovertext", p)), ...(withEvents ? EVENT_FIELDS.map(() => "") : [])]);
      }
    });
    return rows;
  }

  function figure(gd) {
    const m = B.downloads.meta(gd);
    const header = Array.isArray(m.csv_header) && m.csv_header.length ? m.csv_header
      : [B.plainText(B.downloads.title(gd)), m.source_line ? B.t("csv.source", { line: m.source_line }) : B.t("csv.no_source"),
         B.t("csv.rows")];
    const traces = (gd.data || []).map((t, i) => [t, (gd._fullData || []).find((f) => f.index === i)])
      .filter(([t]) => !(t.meta && t.meta.csv === false));
    const map = traces.some(([t]) => t.type === "scattergeo");
    const columns = CSV_KEYS.filter((k) => traces.some(([t, f]) => Array.isArray(values(t, f, k))));
    const rows = map ? mapRows(traces.filter(([t]) => !isGeometry(t))) : [["series", ...columns]];
    if (!map) traces.forEach(([trace, full], i) => {
      const cols = {};
      columns.forEach((k) => { cols[k] = values(trace, full, k); });
      const z = cols.z;
      if (Array.isArray(z) && z.some((row) => Array.isArray(row))) { // a heatmap: one row per cell, with its x and y
        z.forEach((row, r) => (row || []).forEach((value, c) => rows.push([trace.name || `trace ${i}`, ...columns.map(
          (k) => (k === "z" ? value : k === "x" ? (cols.x || [])[c] : k === "y" ? (cols.y || [])[r] : "")) ])));
        return;
      }
      const n = Math.max(0, ...columns.map((k) => (Array.isArray(cols[k]) ? cols[k].length : 0)));
      for (let p = 0; p < n; p++) {
        const row = columns.map((k) => (Array.isArray(cols[k]) ? cols[k][p] : (k === "text" ? cols[k] : "")));
        if (row.every((v) => v === null || v === undefined || v === "")) continue; // gaps between line parts
        rows.push([trace.name || `trace ${i}`, ...row]);
      }
    });
    const edition = B.downloads && B.downloads.editionLine ? B.downloads.editionLine() : "";
    const lines = edition ? [...header, edition] : header;
    return lines.map((line) => `# ${String(line).replace(/[\r\n]+/g, " ")}`).join("\r\n") + "\r\n" +
      rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  B.csv = { cell, figure, isGeometry, mapRows };
  window.briefingFigureCsv = figure;
})(window.Briefing = window.Briefing || {});
