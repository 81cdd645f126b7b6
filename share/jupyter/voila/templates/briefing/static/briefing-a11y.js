/* Job: keyboard access the widgets lack. ipywidgets' accordion headers ("Show the numbers") are plain divs that only
 * take mouse clicks: they become buttons (tabindex, role, aria-expanded, Enter and Space).
 */
(function (B) {
  "use strict";

  function keyboardHeader(header) {
    const collapse = header.closest(".jupyter-widget-Collapse");
    const sync = () => header.setAttribute("aria-expanded",
      String(!!collapse && collapse.classList.contains("jupyter-widget-Collapse-open")));
    header.setAttribute("tabindex", "0");
    header.setAttribute("role", "button");
    sync();
    header.addEventListener("click", () => requestAnimationFrame(sync));
    header.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      header.click();
    });
  }

  function update() {
    document.querySelectorAll(".jupyter-widget-Collapse-header:not([tabindex])").forEach(keyboardHeader);
  }

  B.a11y = { update };
})(window.Briefing = window.Briefing || {});
