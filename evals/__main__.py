"""`python -m evals`: the eval suite's command line (the product's `pam` does not carry it)."""

from evals.cli import eval_app

eval_app(prog_name="python -m evals")
