/* Job: start the reader's side of the page. The other briefing-*.js files each do one job (see briefing-core.js for
 * the contract with the template and the exporter); this one applies the stored theme and language before the body
 * is painted, mounts the bar as soon as <body> exists, and watches the page as Voilà fills it. Loaded last.
 */
(function (B) {
  "use strict";
  if (window.BriefingApp) return;
  B.plotlyGuard.install();
  B.theme.applyStored();
  B.lang.applyStored();

  let scheduled = false;
  function onMutations() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      B.status.update();
      B.a11y.update();
      B.downloads.update();
      B.present.update();
      B.lang.relink(B.main());
    });
  }

  let mounted = false;
  function mount() {
    if (mounted || !document.body) return;
    mounted = true;
    B.nav.mount();
    B.status.update();
    B.present.mount();
    new MutationObserver(onMutations).observe(document.body, { childList: true, subtree: true });
    onMutations();
  }

  window.BriefingApp = { mount, setTheme: B.theme.set, setLanguage: B.lang.set, enterPresentation: B.present.enter,
                         leavePresentation: B.present.leave, config: B.config(), lightFigure: B.figures.light,
                         slug: B.downloads.slug, altText: B.downloads.altText };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})(window.Briefing = window.Briefing || {});
