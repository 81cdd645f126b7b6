"""Pure analysis functions: tables in, tables or numbers (with their source ids) out. No plotly, no widgets."""
