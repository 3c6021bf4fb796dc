"""The wheels domain's actions (see TOOLS.md)."""
