"""`python -m evals.replay --cassettes DIR [--brain [--record]] [--host H] --port P`

Without --brain: answer from the cassettes under DIR (404 for anything else).
With --brain: answer with PAM's offline brain; with --record too, save each exchange as a
cassette in DIR. With --log FILE: append every request (and its answer) to FILE as JSON
Lines, to see exactly what PAM sends a model.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import uvicorn

from evals.replay.app import create_app
from evals.replay.brain import BrainUpstream
from evals.replay.capture import CapturingSource
from evals.replay.cassettes import CassetteStore
from evals.replay.sources import CassetteSource, LiveSource, Source


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.replay", description=__doc__)
    parser.add_argument("--cassettes", type=Path, required=True, help="cassette directory")
    parser.add_argument("--brain", action="store_true", help="answer with the offline brain")
    parser.add_argument("--record", action="store_true", help="with --brain: save cassettes")
    parser.add_argument("--log", type=Path, help="append every request to this JSONL file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    if args.record and not args.brain:
        parser.error(
            "--record needs --brain (to record a real model, use `python -m evals record`)"
        )
    source: Source
    if args.brain:
        store = CassetteStore([], write_dir=args.cassettes) if args.record else None
        source = LiveSource(BrainUpstream(), store)
    else:
        store = CassetteStore([args.cassettes])
        if not store.exchanges:
            parser.error(f"no cassettes under {args.cassettes}")
        source = CassetteSource(store)
    if args.log:
        source = CapturingSource(source, args.log)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(source), host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
