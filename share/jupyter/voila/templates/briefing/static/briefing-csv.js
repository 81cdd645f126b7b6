/* Job: a figure's data as CSV, as displayed: "# " metadata lines (title, sources, licence, cut-off), a header row,
 * one row per point. Cells a spreadsheet would run as a formula (leading = + - @, tab, carriage return: OWASP's
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

  function figure(gd) {
    const m = B.downloads.meta(gd);
    const header = Array.isArray(m.csv_header) && m.csv_header.length ? m.csv_header
      : [B.plainText(B.downloads.title(gd)), m.source_line ? `Source: ${m.source_line}` : "Source: not recorded",
         "Rows: the data displayed in the chart when it was downloaded."];
    const traces = (gd.data || []).map((t, i) => [t, (gd._fullData || []).find((f) => f.index === i)])
      .filter(([t]) => !(t.meta && t.meta.csv === false));
    const columns = CSV_KEYS.filter((k) => traces.some(([t, f]) => Array.isArray(values(t, f, k))));
    const rows = [["series", ...columns]];
    traces.forEach(([trace, full], i) => {
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

  B.csv = { cell, figure };
  window.briefingFigureCsv = figure;
})(window.Briefing = window.Briefing || {});
