"""The argument values the offline brain passes today, turn by turn: the eval runner over
some development conversations, written as one JSON record per user turn (the message,
the expected calls, the calls made). The tagger experiment (span_tagger.py) reads these
as the rules' arm and aligns the expected values to the message's words.

    python -m scripts.brain_model.span_capture --json OUT FILE...
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.dataset import load_datasets
from evals.session import run_session


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    suite = run_session(
        load_datasets(args.files),
        [str(f) for f in args.files],
        model_name="offline",
        repeat=1,
        concurrency=1,
        scratch=True,
    )
    out = []
    for run in suite.runs:
        for turn in run.turns:
            if not turn.said or turn.expect.tools is None:
                continue
            out.append(
                {
                    "id": run.conversation.id,
                    "turn": turn.number,
                    "said": turn.said,
                    "ran": turn.observed.ran,
                    "expect": [{"name": t.name, "args": t.args or {}} for t in turn.expect.tools],
                    "got": [{"name": c.name, "args": c.args} for c in turn.observed.tools],
                    "args_ok": turn.score.args,
                }
            )
    args.json.write_text(json.dumps(out, default=str) + "\n")


if __name__ == "__main__":
    main()
