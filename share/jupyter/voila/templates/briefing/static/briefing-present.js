/* Job: presentation mode (the Present button, or ?present=1 in the address). Slides are made of the page's own
 * cells (or parts of a tall widget box), shown and hidden, never re-created, so figures and sliders stay live.
 * Each slide is laid out 1,060 px wide and scaled to fill the screen above the control bar and beside the speaker
 * notes; markdown prose moves to the notes on a slide with a figure; an end marker follows the last slide.
 * Arrows, Page Up/Down, Space, Home and End move; N toggles the notes; Escape leaves. The slide is kept in the
 * address (?present=1&slide=3), so a reload or a shared link reopens it.
 */
(function (B) {
  "use strict";
  const BUDGET = 880;    // px at the design width: taller slides are cut where they can be (briefing-slides.js)
  const MAX_SCALE = 2;   // a short slide is enlarged at most this much
  const state = { active: false, pending: false, index: 0, slides: [], hosts: new Map(), end: null,
                  notesWindow: null, signature: "", observer: null, entered: false,
                  wanted: null }; // the address's slide, kept until the reader moves (the page may still be growing)

  function active() { return state.active; }

  function clearMarks() {
    document.querySelectorAll("[data-briefing-slide], [data-briefing-host]").forEach((el) => {
      el.removeAttribute("data-briefing-slide");
      el.removeAttribute("data-briefing-host");
      el.classList.remove("briefing-current", "briefing-text-slide", "briefing-scroll-part");
    });
    if (state.end) { state.end.remove(); state.end = null; }
  }

  // What changes the cut into slides: cells shown, figures and widget outputs drawn.
  function signature(main) {
    return [main.querySelectorAll(".jp-Cell:not(.jp-mod-noOutputs.jp-mod-noInput)").length,
            main.querySelectorAll(".js-plotly-plot").length, main.querySelectorAll(".jp-OutputArea-output").length,
            main.querySelectorAll(".widget-box").length].join("/");
  }

  function endSlide() {
    const { chapters } = B.config();
    const at = B.nav.here();
    const chapter = chapters[at];
    const next = at >= 0 ? chapters[at + 1] : null;
    const el = B.element;
    return el("div", { class: "briefing-end-slide", role: "note" },
      el("p", { class: "briefing-end-title" },
         chapter ? B.t("present.end.title", { title: B.nav.title(chapter) }) : B.t("present.end")),
      next ? el("p", {}, B.t("present.end.next"),
                el("a", { href: `${next.href}?present=1` }, `${B.nav.title(next)} →`)) : "",
      el("p", { class: "briefing-end-hint" }, B.t("present.end.hint")));
  }

  // Cut the page into slides (measured with every part shown at the design width), mark each part with its slide.
  function layout() {
    const main = B.main();
    if (!main) return;
    clearMarks();
    const wrapper = B.slides.wrapperOf(main);
    B.root.classList.add("briefing-measuring");
    wrapper.style.transform = "none";
    const { parts, hosts, info } = B.slides.measure(main, BUDGET);
    const plan = B.slides.plan(info, BUDGET);
    B.root.classList.remove("briefing-measuring");
    state.slides = plan.map((items) => items.map((k) => parts[k]));
    state.hosts = hosts;
    plan.forEach((items, i) => {
      const text = !items.some((k) => info[k].figure);
      items.forEach((k) => {
        parts[k].setAttribute("data-briefing-slide", String(i));
        parts[k].classList.toggle("briefing-text-slide", text);
        const host = hosts.get(parts[k]);
        if (host) host.setAttribute("data-briefing-host", "");
      });
    });
    state.end = endSlide();
    state.end.setAttribute("data-briefing-slide", String(plan.length));
    wrapper.append(state.end);
    B.lang.relink(state.end);
    state.signature = signature(main);
  }

  function notesOf(slide) {
    const parts = [];
    (slide || []).forEach((el) => B.slides.proseOf(el)
      .forEach((p) => { const t = (p.textContent || "").replace(/\s+/g, " ").trim(); if (t) parts.push(t); }));
    return parts;
  }

  function chrome() {
    if (document.getElementById("briefing-present-bar")) return;
    const el = B.element;
    const counter = el("span", { class: "briefing-slide-counter", "aria-live": "polite" });
    const prev = el("button", { type: "button", class: "briefing-slide-prev", title: B.t("present.prev.title") }, "←");
    const next = el("button", { type: "button", class: "briefing-slide-next", title: B.t("present.next.title") }, "→");
    const notes = el("button", { type: "button", class: "briefing-notes-toggle", "aria-expanded": "false",
                                 "aria-controls": "briefing-notes", title: B.t("present.notes.title") },
                      B.t("present.notes"));
    const win = el("button", { type: "button", class: "briefing-notes-window",
                               title: B.t("present.notes_window.title") }, B.t("present.notes_window"));
    const exit = el("button", { type: "button", class: "briefing-present-exit", title: B.t("present.exit.title") }, B.t("present.exit"));
    prev.addEventListener("click", () => go(-1));
    next.addEventListener("click", () => go(1));
    notes.addEventListener("click", () => toggleNotes());
    win.addEventListener("click", () => openNotesWindow());
    exit.addEventListener("click", () => leave());
    const bar = el("div", { id: "briefing-present-bar", class: "briefing-present-bar", role: "toolbar",
                            "aria-label": B.t("present.toolbar") }, prev, counter, next, notes, win, exit);
    const pane = el("aside", { id: "briefing-notes", class: "briefing-notes", "aria-label": B.t("notes.heading") });
    pane.hidden = true;
    document.body.append(bar, pane);
  }

  // The screen area left for the slide: above the control bar, left of (or above) the open notes pane.
  function area() {
    const bar = document.getElementById("briefing-present-bar");
    const pane = document.getElementById("briefing-notes");
    let width = window.innerWidth;
    let height = window.innerHeight - (bar ? bar.getBoundingClientRect().height : 0);
    if (pane && !pane.hidden) {
      const box = pane.getBoundingClientRect();
      if (box.left > window.innerWidth / 2) width = box.left;
      else height = Math.min(height, box.top);
    }
    return { width: Math.floor(width), height: Math.floor(height) };
  }

  function refit() {
    if (!state.active) return;
    const main = B.main();
    if (!main) return;
    const wrapper = B.slides.wrapperOf(main);
    const box = area();
    B.root.style.setProperty("--briefing-slide-area-w", `${box.width}px`);
    B.root.style.setProperty("--briefing-slide-area-h", `${box.height}px`);
    // scrollHeight counts a part whose content overflows a fixed-height box (a tall table in a widget).
    const f = B.slides.fit(box, B.slides.DESIGN_WIDTH, Math.max(wrapper.offsetHeight, wrapper.scrollHeight), MAX_SCALE);
    wrapper.style.width = `${B.slides.DESIGN_WIDTH}px`;
    wrapper.style.transformOrigin = "0 0";
    wrapper.style.transform = `translate(${f.x}px, ${f.y}px) scale(${f.scale.toFixed(4)})`;
    B.root.setAttribute("data-briefing-slide-scale", f.scale.toFixed(3));
  }

  function counterText(count) {
    return state.index < count ? B.t("present.counter", { n: state.index + 1, count }) : B.t("present.end");
  }

  function show(index) {
    const count = state.slides.length;
    state.index = Math.max(0, Math.min(index, count)); // `count` is the end marker
    const current = new Set(state.slides[state.index] || []);
    state.slides.forEach((slide) => slide.forEach((el) => el.classList.toggle("briefing-current", current.has(el))));
    new Set(state.hosts.values()).forEach((host) => host.classList.toggle("briefing-current",
      [...current].some((el) => state.hosts.get(el) === host)));
    if (state.end) state.end.classList.toggle("briefing-current", state.index === count);
    const counter = document.querySelector(".briefing-slide-counter");
    if (counter) counter.textContent = counterText(count);
    const notes = notesOf(state.slides[state.index]);
    const pane = document.getElementById("briefing-notes");
    if (pane) {
      pane.replaceChildren(B.element("h2", {}, B.t("notes.heading")),
        ...(notes.length ? notes.map((t) => B.element("p", {}, t)) : [B.element("p", {}, B.t("notes.none"))]));
    }
    syncNotesWindow(notes);
    B.address.write({ present: true, slide: state.index });
    const main = B.main();
    if (main) main.scrollTop = 0;
    refit();
    resizeFigures();
  }

  function enter() {
    if (document.getElementById("loading") || !B.main() ||
        document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) {
      state.pending = true; // ?present=1 while the page still runs: start once the cells are there
      return;
    }
    state.pending = false;
    B.root.classList.add("briefing-presenting");
    chrome();
    layout();
    if (!state.slides.length) { leave(); return; }
    state.active = true;
    if (!state.entered) state.wanted = B.address.read().slide;
    state.entered = true;
    show(state.wanted !== null ? state.wanted : state.index);
    if (window.ResizeObserver && !state.observer) {
      state.observer = new ResizeObserver(() => refit());
      state.observer.observe(B.slides.wrapperOf(B.main()));
    }
    const next = document.querySelector(".briefing-slide-next");
    if (next) next.focus();
  }

  function leave() {
    state.active = false;
    state.wanted = null;
    state.pending = false;
    B.root.classList.remove("briefing-presenting", "briefing-notes-open");
    B.root.removeAttribute("data-briefing-slide-scale");
    if (state.observer) { state.observer.disconnect(); state.observer = null; }
    clearMarks();
    const main = B.main();
    if (main) {
      const wrapper = B.slides.wrapperOf(main);
      ["width", "transform", "transformOrigin"].forEach((k) => { wrapper.style[k] = ""; });
    }
    ["briefing-present-bar", "briefing-notes"].forEach((id) => { const el = document.getElementById(id); if (el) el.remove(); });
    B.address.write({ present: false });
    resizeFigures();
    const button = document.querySelector(".briefing-present-button");
    if (button) button.focus();
  }

  // New cells or outputs arrived (or a figure was decorated): cut again if what is on the page changed.
  function refresh() {
    if (!state.active) return;
    const main = B.main();
    if (!main || signature(main) === state.signature) return;
    layout();
    show(state.wanted !== null ? state.wanted : state.index);
  }

  function go(step) { if (state.active) { state.wanted = null; show(state.index + step); } }

  function toggleNotes(force) {
    const pane = document.getElementById("briefing-notes");
    if (!pane) return;
    pane.hidden = force === undefined ? !pane.hidden : !force;
    B.root.classList.toggle("briefing-notes-open", !pane.hidden);
    const button = document.querySelector(".briefing-notes-toggle");
    if (button) button.setAttribute("aria-expanded", String(!pane.hidden));
    refit();
    resizeFigures();
  }

  // The notes window is a blank same-origin window this page writes into: no second page to load, nothing to sync
  // but its text.
  function openNotesWindow() {
    const win = window.open("", "briefing-notes", "width=520,height=640");
    if (!win) return;
    state.notesWindow = win;
    win.document.title = B.t("notes.heading");
    win.document.documentElement.lang = B.lang.current();
    syncNotesWindow(notesOf(state.slides[state.index]));
  }
  function syncNotesWindow(notes) {
    const win = state.notesWindow;
    if (!win || win.closed) return;
    const body = win.document.body;
    body.style.cssText = "font: 20px/1.5 system-ui, sans-serif; margin: 1.5em; max-width: 40em";
    body.replaceChildren(win.document.createElement("h1"));
    const count = state.slides.length;
    body.firstChild.textContent = counterText(count);
    (notes.length ? notes : [B.t("notes.none")]).forEach((t) => {
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
      B.pageFigures().forEach((gd) => { if (gd.offsetParent !== null) window.Plotly.Plots.resize(gd); });
    });
  }

  function typing(target) {
    return target && target.closest &&
      target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true], [role=slider], " +
                     "[role=listbox], [role=combobox], .widget-slider, .widget-dropdown");
  }

  function onKey(event) {
    if (!state.active || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key === "Escape") { leave(); event.preventDefault(); return; } // works from any control
    if (typing(event.target)) return; // sliders, dropdowns and text fields keep their own keys
    if ((key === " " || key === "Enter") && event.target.closest && event.target.closest("button, a")) return;
    if (["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"].includes(key)) go(1);
    else if (["ArrowLeft", "ArrowUp", "PageUp"].includes(key)) go(-1);
    else if (key === "Home") { state.wanted = null; show(0); }
    else if (key === "End") { state.wanted = null; show(state.slides.length); }
    else if (key === "n" || key === "N") toggleNotes();
    else return;
    event.preventDefault();
  }

  // Called on every batch of page changes: start a pending presentation once the cells are there, or follow them.
  function update() {
    if (state.pending) enter();
    else refresh();
  }

  function mount() {
    document.addEventListener("keydown", onKey);
    window.addEventListener("resize", () => refit());
    if (B.address.read().present) state.pending = true;
  }

  B.present = { active, enter, leave, refresh, refit, update, mount, go, show,
                slideCount: () => state.slides.length, index: () => state.index };
})(window.Briefing = window.Briefing || {});
