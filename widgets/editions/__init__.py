"""Editions of the briefing: the register as it stood at each publication, the changelog, updates and diffs.

Storage (plain files in the repository, documented in the README):
- data/editions/editions.csv — one row per edition: number, date, data cut-off, analyst, summary, batch checksum and
  a checksum of its register snapshot;
- data/editions/changelog.csv — append-only: one row per added / revised / withdrawn register row (or corrected
  page), with the analyst's one-line reason;
- data/editions/<n>/ — the register files as edition n published them (facts/*.csv, curated/*.csv), so any edition
  can be rebuilt and compared. data/raw holds the current edition; the build refuses if it differs from the newest
  snapshot (nothing changes the register except `make update`).
"""
