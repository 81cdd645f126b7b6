/* Job: the page's language (English, French) and the words the scripts show in it.
 *
 * The address decides: ?lang=fr or ?lang=en wins and is kept (localStorage "briefing-lang", and a cookie
 * "briefing_lang" that the server reads to send a reader's next page address-less visit to ?lang=…, see
 * widgets/voila_app.py). The kernel computes in one language, the one it reads in the address: so changing the menu
 * reloads the page with the new ?lang=, every other address parameter (scenario, slide) kept, and links between
 * chapters carry lang. <html lang> is set before the body is painted; the narrative is rendered in every language
 * by the template, and CSS shows the one matching <html lang> (briefing.css), so French never flashes English.
 * A static export is in one language: the exporter writes it in <html lang>, and the page keeps it.
 */
(function (B) {
  "use strict";
  const KEY = "briefing-lang";
  const COOKIE = "briefing_lang";
  const PARAM = "lang";
  const DEFAULT = "en";
  const NAMES = { en: "English", fr: "Français" }; // each language named in itself

  function languages() { return Object.keys(window.BRIEFING_STRINGS || { en: {} }); }

  // The language for an address and a stored choice (pure): a known ?lang= wins; an unknown one means English (the
  // kernel does the same, widgets/ui); no ?lang=: the stored choice if known, else English.
  function resolve(search, stored, known) {
    const given = new URLSearchParams(search || "").get(PARAM);
    if (given !== null) return known.includes(given) ? given : DEFAULT;
    return known.includes(stored) ? stored : DEFAULT;
  }

  // The address `href` with lang=`lang`, every other parameter and the fragment kept (pure).
  function withLang(href, lang) {
    const url = new URL(href, "http://x/"); // a relative link stays relative below
    url.searchParams.set(PARAM, lang);
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return url.toString();
    const path = href.split(/[?#]/)[0];
    return `${path}${url.search}${url.hash}`;
  }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function keep(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage disabled: the address still says it */ }
    document.cookie = `${COOKIE}=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  }

  function current() {
    const lang = B.root.getAttribute("lang");
    return languages().includes(lang) ? lang : DEFAULT;
  }

  // Before the body is painted. Served: from the address or the stored choice (kept). Exported: the file's own.
  function applyStored() {
    if (B.config().mode !== "voila") return;
    const search = window.location.search;
    const lang = resolve(search, stored(), languages());
    B.root.setAttribute("lang", lang);
    const given = new URLSearchParams(search).get(PARAM);
    if (given === lang) keep(lang);
    // No ?lang= but another language stored (the server's cookie redirect missed: cookie cleared): the kernel
    // would compute in English, so ask again with the language in the address.
    if (given === null && lang !== DEFAULT) window.location.replace(withLang(window.location.href, lang));
  }

  function set(lang) {
    if (!languages().includes(lang) || lang === current()) return;
    keep(lang);
    window.location.assign(withLang(window.location.href, lang));
  }

  // The words of `id` in the page's language, placeholders filled: t("present.counter", {n: 2, count: 9}).
  function t(id, values) {
    const table = window.BRIEFING_STRINGS || {};
    const words = ((table[current()] || {})[id]) ?? ((table[DEFAULT] || {})[id]) ?? id;
    return words.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  }

  // The form of `id` for the count `n` (`id.one` / `id.other`, by the language's plural rules).
  function tn(id, n, values) {
    const form = new Intl.PluralRules(current()).select(n) === "one" ? "one" : "other";
    return t(`${id}.${form}`, Object.assign({ n }, values));
  }

  // Links to the briefing's chapters carry the language (served pages; English keeps its links as written).
  function relink(root) {
    if (B.config().mode !== "voila" || current() === DEFAULT) return;
    const lang = current();
    const chapters = B.config().chapters.map((c) => c.href);
    (root || document).querySelectorAll("a[href]").forEach((a) => {
      const href = a.getAttribute("href");
      const path = href.split(/[?#]/)[0].split("/").pop();
      if (!chapters.includes(path) || /^[a-z][a-z0-9+.-]*:/i.test(href)) return;
      if (new URLSearchParams(href.split("#")[0].split("?")[1] || "").get(PARAM) === lang) return;
      a.setAttribute("href", withLang(href, lang));
    });
  }

  // The language menu (served pages only: an export is one language).
  function menu() {
    if (B.config().mode !== "voila") return "";
    const select = B.element("select", { id: "briefing-lang", title: t("language.label").trim() });
    languages().forEach((l) => select.append(B.element("option", { value: l, lang: l }, NAMES[l] || l)));
    select.value = current();
    select.addEventListener("change", () => set(select.value));
    return B.element("span", { class: "briefing-lang" },
      B.element("label", { class: "briefing-lang-label", for: "briefing-lang" }, t("language.label")), select);
  }

  B.lang = { resolve, withLang, current, applyStored, set, relink, menu, languages, KEY, COOKIE };
  B.t = t;
  B.tn = tn;
})(window.Briefing = window.Briefing || {});
