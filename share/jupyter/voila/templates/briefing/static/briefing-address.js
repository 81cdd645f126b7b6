/* Job: what the page address says about the chrome (presentation mode, the slide), read and written without
 * touching the scenario parameters the kernel reads from the same address. Pure functions over URL strings, plus
 * one writer that replaces the current history entry (no new entry per slide).
 */
(function (B) {
  "use strict";
  const PRESENT = "present";
  const SLIDE = "slide";

  // {present: bool, slide: 0-based index or null} from a query string ("?present=1&slide=3").
  function parse(search) {
    const params = new URLSearchParams(search || "");
    const raw = params.get(SLIDE);
    const slide = raw !== null && /^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) - 1 : null;
    return { present: params.get(PRESENT) === "1", slide };
  }

  // The address `href` with the presentation state set (present=false removes both keys); other keys untouched.
  function withState(href, state) {
    const url = new URL(href);
    if (state.present) {
      url.searchParams.set(PRESENT, "1");
      if (state.slide !== null && state.slide !== undefined) url.searchParams.set(SLIDE, String(state.slide + 1));
      else url.searchParams.delete(SLIDE);
    } else {
      url.searchParams.delete(PRESENT);
      url.searchParams.delete(SLIDE);
    }
    return url.toString();
  }

  function write(state) {
    const next = withState(window.location.href, state);
    if (next !== window.location.href) window.history.replaceState(window.history.state, "", next);
  }

  B.address = { parse, withState, write, read: () => parse(window.location.search) };
})(window.Briefing = window.Briefing || {});
