"""`python -m evals run` and `python -m evals record` (`make evals`): the harness's own
command line, outside the `pam` product command. Heavy imports wait until a command runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from evals.dataset import Conversation
    from evals.replay.sources import Source
    from evals.results import SuiteResult

eval_app = typer.Typer(help="Eval suites on recorded conversations.", no_args_is_help=True)

Files = Annotated[list[Path], typer.Argument(help="JSONL datasets.", exists=True, dir_okay=False)]
Repeat = Annotated[int, typer.Option(min=1, help="Runs per conversation (pass^k).")]
JsonOut = Annotated[Path | None, typer.Option("--json", help="Write the results as JSON.")]
ReportOut = Annotated[Path | None, typer.Option(help="Write a Markdown report.")]
Concurrency = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Conversations run at once (default: 1 for the in-process offline brain, whose"
        " turns are CPU-bound, so latency stays honest; 4 for openai: models).",
    ),
]
Scratch = Annotated[
    bool, typer.Option(help="Run in a scratch database created (and dropped) on the server.")
]
WeatherUrl = Annotated[
    str | None,
    typer.Option(
        help="Forecast service for weather_forecast (e.g. Open-Meteo's); default: the"
        " recorded forecast (evals/datasets/weather/forecast.json) served locally.",
    ),
]
Cassettes = Annotated[
    Path | None, typer.Option(help="Cassette folder (default: cassettes/<dataset> beside it).")
]


def fail(message: str) -> NoReturn:
    typer.echo(f"pam: {message}", err=True)
    raise typer.Exit(code=1)


def _load(files: list[Path]) -> list[Conversation]:
    from evals.dataset import DatasetError, load_datasets

    try:
        return load_datasets(files)
    except DatasetError as exc:
        fail(str(exc))


def _go(
    files: list[Path],
    model: str,
    repeat: int,
    concurrency: int | None,
    scratch: bool,
    source: Source | None,
    weather_url: str | None,
    perturb_seed: int | None = None,
    styles: str | None = None,
    style_seed: int = 0,
) -> SuiteResult:
    from evals.session import ModelLoadError, run_session
    from tools.db.pool import DatabaseError

    if model != "offline" and not model.startswith("openai:"):
        fail(f"unknown model {model!r}: use offline or openai:<model>")
    conversations = _load(files)
    if perturb_seed is not None:
        from evals.perturb import perturb

        conversations = [perturb(c, perturb_seed) for c in conversations]
    if styles:
        from evals.styles import StyleError, parse_styles, restyle

        try:
            names = parse_styles(styles)
        except StyleError as exc:
            fail(str(exc))
        conversations = [restyle(c, names, style_seed) for c in conversations]
    try:
        return run_session(
            conversations,
            [str(f) for f in files],
            model_name=model,
            repeat=repeat,
            concurrency=concurrency or (1 if model == "offline" else 4),
            scratch=scratch,
            source=source,
            weather_url=weather_url,
        )
    except (DatabaseError, ModelLoadError) as exc:
        fail(str(exc))


@eval_app.command("run")
def run(
    files: Files,
    model: Annotated[str, typer.Option(help="offline or openai:<model>.")] = "offline",
    repeat: Repeat = 1,
    json_path: JsonOut = None,
    report: ReportOut = None,
    min_pass: Annotated[float, typer.Option(min=0, max=1, help="Exit 1 under this rate.")] = 0.0,
    concurrency: Concurrency = None,
    scratch_db: Scratch = True,
    replay: Annotated[
        bool, typer.Option(help="Answer openai: requests from cassettes, in this process.")
    ] = False,
    cassettes: Cassettes = None,
    weather_url: WeatherUrl = None,
    perturb: Annotated[
        int | None,
        typer.Option(help="Re-write every user message with this seed (evals/perturb.py)."),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            help="Re-write every user message in these styles of writing, e.g. caps,emoji"
            " (evals/styles.py)."
        ),
    ] = None,
    style_seed: Annotated[int, typer.Option(help="The seed of --style.")] = 0,
    variant: Annotated[
        list[str] | None,
        typer.Option(
            help="An experiment arm, <model> or <model>/<prompt> (offline, openai:<m>,"
            " replay:brain, replay:sloppy); twice or more: one comparison report"
            " (evals/variants.py)."
        ),
    ] = None,
) -> None:
    """Run datasets through the graph and score them (EVALS.md)."""
    from evals.publish import publish

    if variant:
        from evals.session import cassette_dir

        recorded = None
        if replay:
            recorded = [cassettes] if cassettes else [cassette_dir(f) for f in files]
        _compare(files, variant, repeat, concurrency, recorded, scratch_db, json_path, report)
        return
    source = None
    if replay:
        from evals.replay.cassettes import CassetteStore
        from evals.replay.sources import CassetteSource
        from evals.session import cassette_dir

        if not model.startswith("openai:"):
            fail("--replay answers OpenAI requests: use --model openai:<name>")
        dirs = [cassettes] if cassettes else [cassette_dir(f) for f in files]
        source = CassetteSource(CassetteStore(dirs))
    suite = _go(
        files,
        model,
        repeat,
        concurrency,
        scratch_db,
        source,
        weather_url,
        perturb,
        style,
        style_seed,
    )
    if publish(suite, json_path, report) < min_pass:
        typer.echo(f"pam: conversation pass rate is under --min-pass {min_pass}", err=True)
        raise typer.Exit(code=1)


def _compare(
    files: list[Path],
    specs: list[str],
    repeat: int,
    concurrency: int | None,
    cassettes: list[Path] | None,
    scratch: bool,
    json_path: Path | None,
    report: Path | None,
) -> None:
    import json

    from evals.session import ModelLoadError
    from evals.variants import VariantError, comparison, comparison_report, parse_variant
    from evals.variants import run_variant as run_arm
    from tools.db.pool import DatabaseError

    try:
        arms = [parse_variant(spec) for spec in specs]
    except VariantError as exc:
        fail(str(exc))
    try:
        suites = [
            run_arm(
                a,
                files,
                repeat=repeat,
                concurrency=concurrency,
                cassettes=cassettes,
                scratch=scratch,
            )
            for a in arms
        ]
    except (DatabaseError, ModelLoadError) as exc:
        fail(str(exc))
    text = comparison_report(suites, files)
    if report:
        report.write_text(text)
    if json_path:
        json_path.write_text(json.dumps(comparison(suites), indent=2) + "\n")
    typer.echo(text)


@eval_app.command("record")
def record(
    files: Files,
    model: Annotated[str, typer.Option(help="openai:<model>, at OPENAI_BASE_URL.")],
    cassettes: Cassettes = None,
    brain: Annotated[
        bool, typer.Option(help="Record PAM's offline brain over the OpenAI wire format.")
    ] = False,
    json_path: JsonOut = None,
    report: ReportOut = None,
    concurrency: Concurrency = None,
    scratch_db: Scratch = True,
    weather_url: WeatherUrl = None,
) -> None:
    """Run datasets against a live model through a recording proxy; save cassettes."""
    import os

    from evals.publish import publish
    from evals.replay.brain import BrainUpstream
    from evals.replay.cassettes import CassetteStore
    from evals.replay.sources import LiveSource, OpenAIUpstream, Upstream
    from evals.results import SuiteResult
    from evals.session import cassette_dir

    if not model.startswith("openai:"):
        fail("record needs --model openai:<name>")
    upstream: Upstream
    if brain:
        try:
            upstream = BrainUpstream()
        except ImportError as exc:
            fail(f"the offline brain is not available: {exc}")
    else:
        base_url = os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        upstream = OpenAIUpstream(base_url, os.environ.get("OPENAI_API_KEY"))
    whole = SuiteResult(model=model, files=[str(f) for f in files], repeat=1, runs=[])
    for path in files:  # one proxy per dataset: each records into its own folder
        store = CassetteStore([], write_dir=cassettes or cassette_dir(path))
        live = LiveSource(upstream, store)
        suite = _go([path], model, 1, concurrency, scratch_db, live, weather_url)
        whole.runs += suite.runs
        whole.notes += suite.notes
        typer.echo(f"{path}: {len(store.exchanges)} cassettes in {store.write_dir}")
    publish(whole, json_path, report)
