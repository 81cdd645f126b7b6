/* Job: which reading theme (light, dark, projector) the page shows: chosen from the stored choice, applied to
 * <html data-briefing-theme>, kept in localStorage for the next visit, and passed on to every drawn figure.
 */
(function (B) {
  "use strict";
  const THEME_KEY = "briefing-theme";

  // The theme to show for a stored value: the stored one if it still exists, else the default (pure).
  function resolve(stored, names, fallback) {
    return names.includes(stored) ? stored : fallback;
  }

  function names() {
    return B.config().themes.map((t) => t.name);
  }

  function stored() {
    try {
      return resolve(window.localStorage.getItem(THEME_KEY), names(), B.config().defaultTheme);
    } catch (e) {
      return B.config().defaultTheme; // storage disabled (private mode, file://): the default theme
    }
  }

  function current() {
    return B.root.getAttribute("data-briefing-theme") || B.config().defaultTheme;
  }

  function set(name) {
    if (!names().includes(name)) return;
    B.root.setAttribute("data-briefing-theme", name);
    try { window.localStorage.setItem(THEME_KEY, name); } catch (e) { /* not persisted; still applied */ }
    const select = document.getElementById("briefing-theme");
    if (select && select.value !== name) select.value = name;
    B.pageFigures().forEach((gd) => B.figures.theme(gd));
    if (B.present && B.present.active()) B.present.refit();
  }

  // Before the body is painted, so the page never flashes in the wrong theme.
  function applyStored() {
    B.root.setAttribute("data-briefing-theme", stored());
  }

  B.theme = { resolve, stored, current, set, applyStored, byName: (n) => B.config().themes.find((t) => t.name === n) };
})(window.Briefing = window.Briefing || {});
