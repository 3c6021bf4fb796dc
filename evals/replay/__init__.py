"""An OpenAI-compatible model server that answers from recorded cassettes.

Pointed at by `OPENAI_BASE_URL`, it lets the `openai:` path of PAM (langchain-openai,
streaming and tool calls included) run with no network. Requests are keyed by their
normalised content (`normalise`); answers come from cassettes (`cassettes`), or, when
recording, from a live model: a real OpenAI-compatible server or PAM's offline brain
(`sources`, `brain`). `python -m evals.replay` serves it; `python -m evals record` and
`python -m evals run --replay` start it inside their own process (`server`).
"""
