"""The briefing's importable package: data loaders, geodata helpers, models, figure builders and UI panels."""
