/* Job: what sits under each figure: its alt text (role="img", aria-label from layout.meta.alt) and the PNG, SVG and
 * CSV download buttons. Images are drawn in the light theme at the built sizes; the CSV comes from briefing-csv.js.
 */
(function (B) {
  "use strict";

  function meta(gd) {
    const m = (gd.layout && gd.layout.meta) || {};
    return (m && typeof m === "object" && !Array.isArray(m)) ? m : {};
  }
  function title(gd) {
    const t = gd.layout && gd.layout.title;
    return meta(gd).title || B.plainText(typeof t === "string" ? t : t && t.text) || B.t("figure.untitled");
  }
  function slug(gd) {
    const given = meta(gd).slug;
    if (given) return given;
    return B.plainText(title(gd)).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "figure";
  }
  function altText(gd) {
    const m = meta(gd);
    if (m.alt) return m.alt;
    const shown = (gd.data || []).filter((t) => !(t.meta && t.meta.csv === false) && t.visible !== false);
    return B.tn("figure.alt", shown.length, { title: B.plainText(title(gd)) }) + (m.source_line ? ` ${m.source_line}` : "");
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

  // The page's edition stamp (edition, data cut-off, currency), set by the page header (widgets/ui/edition.py):
  // every image and CSV taken from the page carries it.
  function editionLine() {
    const stamp = document.querySelector(".edition-stamp[data-line]");
    return stamp ? stamp.getAttribute("data-line") : "";
  }

  // The stamp as one more line under the figure's source line, the image grown to hold it.
  function stamped(figure) {
    const line = editionLine();
    if (!line) return figure;
    const layout = figure.layout;
    layout.margin = Object.assign({}, layout.margin);
    layout.margin.b = (layout.margin.b || 80) + 18;
    if (layout.height) layout.height += 18;
    layout.annotations = [...(layout.annotations || []), {
      text: line, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "top", showarrow: false,
      yshift: -(layout.margin.b - 22), align: "left", font: { size: 10, color: "#444" }, name: "edition-stamp" }];
    return figure;
  }

  function download(gd, format) {
    if (format === "csv") {
      saveText(B.csv.figure(gd), `${slug(gd)}.csv`, "text/csv;charset=utf-8");
      return;
    }
    const figure = stamped(B.figures.light(gd));
    window.Plotly.downloadImage(figure, { format, filename: slug(gd), width: figure.layout.width || (gd._fullLayout || {}).width,
                                          height: figure.layout.height || (gd._fullLayout || {}).height,
                                          scale: format === "png" ? 2 : 1 });
  }

  // The toolbar goes right under its figure: under the output row for a static figure (the row is a flex row),
  // under the figure itself inside a widget box. A panel that re-lays its children out may move it: put it back.
  function placeTools(gd) {
    const tools = gd.__briefingTools;
    const row = gd.parentElement && gd.parentElement.classList.contains("jp-OutputArea-child") ? gd.parentElement : gd;
    if (tools && row.nextElementSibling !== tools) row.insertAdjacentElement("afterend", tools);
    if (tools) B.sources.attach(gd, tools); // the full list of sources, under the buttons
  }

  function decorate(gd) {
    gd.setAttribute("role", "img");
    gd.setAttribute("aria-label", altText(gd));
    if (gd.__briefingDecorated) return;
    gd.__briefingDecorated = true;
    const tools = B.element("div", { class: "briefing-figure-tools", role: "group",
                                     "aria-label": B.t("download.group", { title: B.plainText(title(gd)) }) },
                              B.t("download.label"));
    ["png", "svg", "csv"].forEach((format, i) => {
      if (i) tools.append(" · ");
      const button = B.element("button", { type: "button", class: `briefing-download briefing-download-${format}`,
        title: format === "csv" ? B.t("download.csv.title")
          : B.t("download.image.title", { format: format.toUpperCase() }) }, format.toUpperCase());
      button.addEventListener("click", () => download(gd, format));
      tools.append(button);
    });
    gd.__briefingTools = tools;
    placeTools(gd);
    if (typeof gd.on === "function") {
      gd.on("plotly_afterplot", () => {
        gd.setAttribute("aria-label", altText(gd));
        placeTools(gd);
        if (!B.figures.busy(gd)) requestAnimationFrame(() => B.figures.theme(gd));
      });
    }
    B.figures.theme(gd);
    if (B.present.active()) B.present.refresh();
  }

  // Called on every batch of page changes: decorate new figures, keep toolbars in place.
  function update() {
    B.pageFigures().forEach((gd) => {
      if (!gd.__briefingDecorated && gd._fullLayout && gd.querySelector(".main-svg")) decorate(gd);
      else if (gd.__briefingDecorated) placeTools(gd);
    });
  }

  B.downloads = { meta, title, slug, altText, download, update, editionLine, stamped };
})(window.Briefing = window.Briefing || {});
