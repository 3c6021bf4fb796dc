"""PAM's offline eval suite (`python -m evals`): recorded conversations in EVALS.md's JSONL
format run through the real graph and database, scored per turn and on the final state,
with a JSON summary, a Markdown report, and an OpenAI-compatible replay server
(`evals.replay`) for running the `openai:` path with no network. See evals/README.md."""
