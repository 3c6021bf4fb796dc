"""The social domain's actions (see TOOLS.md)."""
