"""The wins domain's actions (see TOOLS.md)."""
