"""The you domain's actions (see TOOLS.md)."""
