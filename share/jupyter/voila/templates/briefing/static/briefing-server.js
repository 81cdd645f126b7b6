/* Job: what the page says about the server that serves it (served pages only; a no-op in the static export):
 * 1. a "Reading copy (no server)" link in the navigation bar, to this chapter in the static export that the app
 *    serves at <base>/reading-copy/ (widgets/reading_copy.py), for readers who only read;
 * 2. a message when the page has lost its kernel's server (a stopped backend behind the proxy, a restarted app,
 *    a culled kernel): figures already drawn stay, but the controls no longer answer, and a reload starts a new
 *    kernel (behind haproxy, on a server that is up). Voilà itself shows nothing when that happens.
 * Loaded in <head>, before Voilà's own script, so that the kernel's websocket is created through the wrapper below.
 */
(function () {
  "use strict";
  if (window.BriefingServer) return;
  const exported = () => document.body && document.body.hasAttribute("data-briefing-export");
  const LOST_AFTER_MS = 4000; // Voilà reconnects by itself after a blip: say nothing unless it stays down
  const CHANNELS = /\/api\/kernels\/[^/?]+\/channels/;
  // The words in the page's language (briefing-lang.js), English if that file is missing.
  const t = (id, fallback) => (window.Briefing && window.Briefing.t ? window.Briefing.t(id) : fallback);

  // ---------------------------------------------------------------- 1. reading copy link
  function readingCopyHref() {
    const base = (document.body.dataset.baseUrl || "/voila/").replace(/voila\/$/, "");
    const page = window.location.pathname.match(/\/voila\/render\/(?:.*\/)?([^/]+)\.ipynb$/);
    const href = `${base}reading-copy/${page ? encodeURIComponent(page[1]) + ".html" : "briefing.html"}`;
    const lang = document.documentElement.getAttribute("lang");
    return lang && lang !== "en" ? `${href}?lang=${encodeURIComponent(lang)}` : href; // the copy in the same language
  }

  function addReadingCopyLink() {
    if (exported()) return true; // the export is the reading copy
    const bar = document.getElementById("briefing-bar");
    if (!bar) return false;
    if (bar.querySelector(".briefing-reading-copy")) return true;
    const link = document.createElement("a");
    link.className = "briefing-reading-copy";
    link.href = readingCopyHref();
    link.textContent = t("server.reading_copy", "Reading copy (no server)");
    link.title = t("server.reading_copy.title",
                   "This chapter as a static page: it opens without a kernel, can be saved and read offline");
    (bar.querySelector(".briefing-bar-tools") || bar).append(link);
    return true;
  }

  function whenBarExists() {
    if (addReadingCopyLink()) return;
    const observer = new MutationObserver(() => { if (addReadingCopyLink()) observer.disconnect(); });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }

  // ---------------------------------------------------------------- 2. connection lost
  let leaving = false;
  let lostTimer = null;
  const open = new Set();
  window.addEventListener("pagehide", () => { leaving = true; });
  window.addEventListener("beforeunload", () => { leaving = true; });

  function showLost() {
    if (leaving || open.size || exported() || document.getElementById("briefing-connection-lost")) return;
    const note = document.createElement("div");
    note.id = "briefing-connection-lost";
    note.setAttribute("role", "alert");
    Object.assign(note.style, {
      position: "fixed", left: "50%", bottom: "16px", transform: "translateX(-50%)", zIndex: 10000,
      maxWidth: "40em", padding: "10px 16px", borderRadius: "6px", border: "1px solid var(--briefing-rule, #999)",
      background: "var(--briefing-warning-bg, #fff4e5)", color: "var(--briefing-ink, #1f2328)",
      boxShadow: "0 2px 8px rgba(0, 0, 0, 0.25)", font: "inherit",
    });
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = t("server.reload", "Reload the page");
    reload.addEventListener("click", () => window.location.reload());
    note.append(t("server.lost", "The connection to the server was lost: the figures shown stay, but the sliders, "
                + "filters and uploads no longer answer. "), reload);
    document.body.append(note);
  }

  function hideLost() {
    const note = document.getElementById("briefing-connection-lost");
    if (note) note.remove();
  }

  function track(socket) {
    socket.addEventListener("open", () => {
      open.add(socket);
      clearTimeout(lostTimer);
      lostTimer = null;
      hideLost();
    });
    socket.addEventListener("close", () => {
      open.delete(socket);
      // Not restarted by each failed reconnection attempt (they come faster than LOST_AFTER_MS).
      if (leaving || open.size || lostTimer) return;
      lostTimer = setTimeout(() => { lostTimer = null; showLost(); }, LOST_AFTER_MS);
    });
  }

  const Native = window.WebSocket;
  if (Native) {
    // A subclass, so that everything else about the socket (constants, binaryType, protocols) is the browser's.
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        if (CHANNELS.test(String(url))) track(this);
      }
    };
  }

  window.BriefingServer = { readingCopyHref, showLost };
  if (document.body) whenBarExists();
  else { // <body> appears long before DOMContentLoaded while Voilà streams the page: look for the bar then
    const early = new MutationObserver(() => { if (document.body) { early.disconnect(); whenBarExists(); } });
    early.observe(document.documentElement, { childList: true });
  }
})();
