"""Scenario models: pure functions, parameters in → DataFrame out. No widgets, no files."""
