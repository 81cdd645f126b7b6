"""`make export`: the briefing as static, self-contained HTML files (one per chapter, one for the whole briefing)
and a PDF, readable with no kernel and no network. See widgets/export/__main__.py."""
