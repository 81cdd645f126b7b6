"""ipywidgets components: the only code that knows ipywidgets (models and figures know nothing of them)."""
