/* Job: every source of a figure one click away. The footer under a chart names publishers in words; a native
 * <details> under the chart's download buttons lists each cited source in full (id, title, publisher, date, link),
 * read from layout.meta.sources (widgets/figures/meta.py). Keyboard-reachable as any <details>; redrawn when a
 * figure's sources change (an analyst's upload, a scenario redraw).
 */
(function (B) {
  "use strict";

  function signature(sources) {
    return sources.map((s) => s.id).join(" ");
  }

  // The <details> for a list of sources, or null when the figure cites none (a dataset-only figure) (pure).
  function list(sources, title) {
    if (!Array.isArray(sources) || !sources.length) return null;
    const n = sources.length;
    const details = B.element("details", { class: "briefing-sources" });
    details.append(B.element("summary", { "aria-label": B.t("sources.label", { n, title }) },
                             n === 1 ? B.t("sources.one") : B.t("sources.many", { n })));
    const items = B.element("ol", { class: "briefing-sources-list" });
    sources.forEach((s) => {
      const item = B.element("li", { "data-source-id": s.id });
      item.append(B.element("span", { class: "briefing-source-id" }, `[${s.id}]`), " ",
                  B.element("cite", {}, s.title || B.t("sources.untitled")),
                  `. ${s.publisher || B.t("sources.no_publisher")}, `, `${s.published || B.t("sources.undated")}.`);
      if (/^https?:\/\//i.test(s.url || "")) {
        item.append(" ", B.element("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.url));
      } else {
        item.append(` ${B.t("sources.no_address")}`);
      }
      items.append(item);
    });
    details.append(items);
    return details;
  }

  // Put (or refresh) the list right after `anchor` (the figure's download buttons).
  function attach(gd, anchor) {
    const sources = (B.downloads.meta(gd).sources) || [];
    const sig = signature(Array.isArray(sources) ? sources : []);
    let details = gd.__briefingSources;
    if (!details || details.__signature !== sig) {
      const fresh = list(sources, B.plainText(B.downloads.title(gd)));
      if (details) details.remove();
      details = fresh;
      if (details) details.__signature = sig;
      gd.__briefingSources = details;
    }
    if (details && anchor && anchor.nextElementSibling !== details) anchor.insertAdjacentElement("afterend", details);
  }

  B.sources = { list, attach };
})(window.Briefing = window.Briefing || {});
