/* Controls the widget manager wrongly reports as lost: draw them again from the model it does have.
 *
 * Why: under load, Voilà's widget manager (jupyterlab_widgets 3.0.x) prints "Error displaying widget: model not
 * found" in place of a control whose model it holds. Its get_model() polls for the model for 2 s and throws once
 * the 2 s are up without a last look; when one long main-thread task (the page's widget states arriving and
 * being unpacked on a busy machine) spans that deadline, the model is registered during the task but the poll
 * wakes after its deadline, throws, and the renderer, seeing the manager already restored, gives up for good.
 * Measured: 3 of 12 corridors loads with 4 CPU burners on 2 cores, 1 to 10 controls each, every model present.
 *
 * What this does: it notes which widget model each output will show (from Voilà's output scripts, before they
 * are rendered); when an output shows that error, it waits until the manager has the model (up to WAIT_MS),
 * then draws a view of it in place. Only if the model never arrives does the reader get a plain message and a
 * reload button. A recovered output carries data-briefing-recovered and is logged to the console (console.info,
 * "briefing: a control reported lost was drawn again…"), which the browser tests count against the manager's
 * own "widget model not found" errors.
 *
 * Contract: loaded by the Voilà template before the cells stream in; uses window.jupyterapp.widgetManager (set
 * by Voilà once its app has started). window.BriefingWidgets marks the file as loaded, so it runs once.
 */
(function () {
  "use strict";
  if (window.BriefingWidgets) return;

  const MIME = "application/vnd.jupyter.widget-view+json";
  const OUTPUT_SCRIPT = 'script[type="application/vnd.voila.cell-output+json"]:not([data-briefing-seen])';
  const LOST = "Error displaying widget: model not found";
  const WAIT_MS = 30000;
  // The words in the page's language (briefing-lang.js), English if that file is missing.
  const t = (id, fallback) => (window.Briefing && window.Briefing.t ? window.Briefing.t(id) : fallback);

  // Voilà's render-outputs plugin replaces each output script by a renderer attached to the script's parent,
  // so the parent is where the model id can be found again.
  function rememberModels() {
    document.querySelectorAll(OUTPUT_SCRIPT).forEach((script) => {
      script.dataset.briefingSeen = "1";
      if (!script.parentElement || !script.textContent.includes(MIME)) return;
      try {
        const id = JSON.parse(script.textContent).data[MIME].model_id;
        if (id) script.parentElement.dataset.briefingModel = id;
      } catch (error) {
        // Not a widget output after all: nothing to remember.
      }
    });
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function drawAgain(output, id) {
    const started = performance.now();
    let manager = window.jupyterapp && window.jupyterapp.widgetManager;
    while (!(manager && manager.has_model(id))) {
      if (performance.now() - started > WAIT_MS) return false;
      await sleep(250);
      manager = window.jupyterapp && window.jupyterapp.widgetManager;
    }
    const view = await manager.create_view(await manager.get_model(id));
    const widget = view.luminoWidget || view.pWidget;
    output.textContent = "";
    output.classList.remove("jupyter-widgets");
    widget.constructor.attach(widget, output); // Lumino's Widget.attach, inherited by every widget class
    return true;
  }

  function showFailure(output) {
    const note = document.createElement("div");
    note.className = "briefing-widget-failed briefing-note warning";
    note.setAttribute("role", "alert");
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = t("server.reload", "Reload the page");
    reload.addEventListener("click", () => window.location.reload());
    note.append(t("widget.failed", "This control could not be loaded: the server was too busy when the page opened. "),
                reload);
    output.replaceChildren(note);
  }

  function recoverLostWidgets() {
    document.querySelectorAll(".jp-OutputArea-output.jupyter-widgets:not([data-briefing-lost])").forEach((output) => {
      if (output.childElementCount || output.textContent.trim() !== LOST) return;
      output.dataset.briefingLost = "1";
      const id = output.parentElement && output.parentElement.dataset.briefingModel;
      output.textContent = t("widget.loading", "Loading this control…");
      (id ? drawAgain(output, id) : Promise.resolve(false))
        .catch((error) => { console.warn("briefing: a lost control could not be drawn again", error); return false; })
        .then((drawn) => {
          if (!drawn) { showFailure(output); return; }
          output.dataset.briefingRecovered = "1";
          console.info("briefing: a control reported lost was drawn again from its model", id);
        });
    });
  }

  let scheduled = false;
  new MutationObserver(() => {
    rememberModels(); // at once: the scripts must be read before Voilà renders and removes them
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; recoverLostWidgets(); });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.BriefingWidgets = { loaded: true };
})();
