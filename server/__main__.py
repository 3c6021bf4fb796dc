"""`python -m server` is `pam`."""

from server.cli import app

app()
