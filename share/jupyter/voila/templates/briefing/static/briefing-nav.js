/* Job: the navigation bar at the top of every page (chapters, previous/next, the theme and language menus, the
 * Present button, the loading status line), the "Skip to content" link, and the page's offset below the bar.
 */
(function (B) {
  "use strict";

  // Index of this page's chapter in `chapters`, from the config's `current` or the address's last segment (pure).
  function chapterIndex(chapters, current, pathname) {
    if (current) return chapters.findIndex((c) => c.id === current);
    const last = decodeURIComponent(String(pathname || "").split("/").pop() || "");
    return chapters.findIndex((c) => c.href === last || c.id === last.replace(/\.[^.]+$/, ""));
  }

  function here() {
    const config = B.config();
    return chapterIndex(config.chapters, config.current, window.location.pathname);
  }

  // A chapter's title in the page's language (the config's title when the table has none).
  function title(chapter) {
    const words = B.t(`chapter.${chapter.id}`);
    return words === `chapter.${chapter.id}` ? chapter.title : words;
  }

  function buildBar() {
    const { chapters, themes } = B.config();
    const at = here();
    const el = B.element;
    const list = el("ol", { class: "briefing-chapters" });
    chapters.forEach((c, i) => {
      list.append(el("li", {}, el("a", { href: c.href, "aria-current": i === at ? "page" : null }, title(c))));
    });
    const prev = at > 0 ? chapters[at - 1] : null;
    const next = at >= 0 && at + 1 < chapters.length ? chapters[at + 1] : null;
    const steps = el("span", { class: "briefing-steps" },
      prev ? el("a", { href: prev.href, rel: "prev", class: "briefing-prev",
                       title: B.t("nav.previous.title", { title: title(prev) }) }, B.t("nav.previous")) : "",
      next ? el("a", { href: next.href, rel: "next", class: "briefing-next",
                       title: B.t("nav.next.title", { title: title(next) }) }, B.t("nav.next")) : "");
    const select = el("select", { id: "briefing-theme", title: B.t("theme.label").trim() });
    themes.forEach((t) => select.append(el("option", { value: t.name },
      B.t(`theme.${t.name}`) === `theme.${t.name}` ? t.label : B.t(`theme.${t.name}`))));
    select.value = B.theme.current();
    select.addEventListener("change", () => B.theme.set(select.value));
    const present = el("button", { type: "button", class: "briefing-present-button",
                                   title: B.t("present.button.title") }, B.t("present.button"));
    present.addEventListener("click", () => B.present.enter());
    const tools = el("div", { class: "briefing-bar-tools" }, steps,
      el("label", { class: "briefing-theme-label", for: "briefing-theme" }, B.t("theme.label")), select, B.lang.menu(),
      present);
    const status = el("p", { id: "briefing-status", role: "status", class: "briefing-status" });
    return el("header", { class: "briefing-bar", id: "briefing-bar" }, el("nav", { "aria-label": B.t("chapters.label") }, list),
              tools, status);
  }

  function skipLink() {
    const link = B.element("a", { class: "briefing-skip", href: B.config().main }, B.t("nav.skip"));
    link.addEventListener("click", (event) => {
      const main = B.main();
      if (!main) return;
      event.preventDefault();
      if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
      main.focus();
    });
    return link;
  }

  // The bar is fixed; the page below it (Voilà's lab shell, or the export's body) starts under it, however tall the
  // bar gets (a narrow window, or the status line showing).
  function trackBarHeight(bar) {
    const update = () => {
      const h = `${Math.ceil(bar.getBoundingClientRect().height)}px`;
      if (B.root.style.getPropertyValue("--briefing-bar-h") !== h) {
        B.root.style.setProperty("--briefing-bar-h", h);
        window.dispatchEvent(new Event("resize")); // the lab shell lays its panels out again
      }
    };
    update();
    if (window.ResizeObserver) new ResizeObserver(update).observe(bar);
  }

  function mount() {
    const bar = buildBar();
    document.body.prepend(skipLink(), bar);
    B.lang.relink(bar);
    trackBarHeight(bar);
  }

  B.nav = { chapterIndex, here, mount, title };
})(window.Briefing = window.Briefing || {});
