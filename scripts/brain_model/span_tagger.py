"""The argument-span tagger (span_model.py): its training data, its training (an
averaged perceptron in plain Python, seeded: same data, same bytes), and the experiment
that decides whether the brain uses it (leave-one-author-out folds against the rules).

Training data: every user turn of the tuning sets and of the chosen development authors
whose expected call asks for a span slot (span_model.ROLES) with a value that is a run of the
message's own words (aligned token by token, ignoring case); a turn whose asserted value
is not in its words (respelt, expanded) teaches nothing. With `--corpus`, the generated
templates of scripts/brain_model (templates.py) too, filled from the lexicon with the
filled places and groups marked.

    python -m scripts.brain_model.span_tagger --out PATH [--dev r1,r2a] [--corpus] [--epochs N]
        # one artefact (default: spans.bin.gz here; the brain ships none)
    python -m scripts.brain_model.span_tagger --failures CAPTURE_DIR [--prefix old-cap]
        # args failures by (tool, arg) of the captured turns
    python -m scripts.brain_model.span_tagger --groups CAPTURE_DIR [--prefix old-cap]
        # the group argument read as an existing group's name in the words, against the rules
    python -m scripts.brain_model.span_tagger --folds CAPTURE_DIR [--corpus] [--forward] \
        [--out-table MD]
        # leave one author out against cap-base-<author>.json (span_capture.py, today's
        # rules), or --forward: each round against old-cap-<author>.json (the rules of the
        # commit it landed at), the tagger trained on the rounds before it
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.brain_model import lexicon as L
from scripts.brain_model.corpus import SEED, _fill, author
from scripts.brain_model.span_model import ROLES, Tagger, allowed, can_follow, features, keys, spans
from scripts.brain_model.span_model import tokenize as split
from scripts.brain_model.templates import T

ROOT = Path(__file__).resolve().parents[2]
OUT = Path("spans.bin.gz")  # not shipped: the brain does not use the tagger
ALL = ("r1", "r2a", "r2b", "r3a", "r3b", "r4a", "r4b", "r5a", "r5b")
EPOCHS = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 8
PER_TEMPLATE = 12
# The template slots that are a role's value, per tool (templates.py); tools whose
# template values are not what an author would assert (a make that is make and model
# in one) are left out.
CORPUS_SLOTS = {
    "plan_trip": {"town": "origin", "town2": "destination"},
    "weather_forecast": {"town": "place"},
    "find_places": {"town": "place"},
    "log_fuel": {"town": "place"},
    "create_post": {"group": "group"},
    "get_feed": {"group": "group"},
    "join_group": {"group": "group"},
    "create_group": {"group": "gname"},
}


@dataclass
class Example:
    who: str  # author, "tuning" or "corpus"
    where: str  # conversation id and turn
    text: str
    tool: str
    tags: list[str]


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def align(text: str, tool: str, args: dict[str, Any]) -> list[str] | None:
    """BIO tags of `text`'s tokens for the asserted span args of `tool`, or None when an
    asserted value is not a run of the message's words."""
    tokens = [t.text.lower() for t in split(text)]
    tags = ["O"] * len(tokens)
    for arg, role in ROLES[tool].items():
        value = args.get(arg)
        if not isinstance(value, str) or not value.strip():
            continue
        want = [t.text.lower() for t in split(value)]
        at = next(
            (
                i
                for i in range(len(tokens) - len(want) + 1)
                if tokens[i : i + len(want)] == want
                and all(x == "O" for x in tags[i : i + len(want)])
            ),
            None,
        )
        if at is None or not want:
            return None
        tags[at] = f"B-{role}"
        for k in range(at + 1, at + len(want)):
            tags[k] = f"I-{role}"
    return tags


def _turns(path: Path) -> Iterable[tuple[str, int, str, list[dict[str, Any]]]]:
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        convo = json.loads(line)
        for number, turn in enumerate(convo["turns"], start=1):
            text, expect = turn.get("user"), turn.get("expect") or {}
            if text and expect.get("tools"):
                yield convo["id"], number, text, expect["tools"]


def conversation_examples(paths: Iterable[Path], who: str | None = None) -> list[Example]:
    out = []
    for path in paths:
        name = who or author(path)
        for cid, number, text, tools in _turns(path):
            for call in tools:
                if call["name"] not in ROLES:
                    continue
                asked = {
                    a: v for a, v in (call.get("args") or {}).items() if a in ROLES[call["name"]]
                }
                if not asked:
                    continue
                tags = align(text, call["name"], asked)
                if tags is not None:
                    out.append(Example(name, f"{cid}#{number}", text, call["name"], tags))
    return out


def dev_paths(authors: Collection[str]) -> list[Path]:
    return [
        p
        for p in sorted((ROOT / "evals" / "dev").glob("*.jsonl"))
        if author(p) in authors and not p.name.startswith("r6")
    ]


def tuning_paths() -> list[Path]:
    return sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))


def _group_fill(rng: random.Random) -> tuple[str, int, int]:
    name = rng.choice(L.GROUPS)
    name = rng.choice([name, name.lower()])
    form = rng.choice(["{}", "the {} group", "{}"])
    start = form.index("{}")
    return form.format(name), start, start + len(name)


def corpus_examples() -> list[Example]:
    """The generated templates of the span tools, each slot that is a role marked."""
    rng = random.Random(SEED)  # noqa: S311 - a reproducible corpus
    out = []
    for key, templates in T.items():
        tool = key.split(":")[0]
        slots = CORPUS_SLOTS.get(tool)
        if not slots:
            continue
        for template in templates:
            if not any(f"{{{s}}}" in template for s in slots):
                continue
            for _ in range(PER_TEMPLATE):
                text, marks = "", []
                pieces = re.split(r"(\{\w+\})", template)
                for piece in pieces:
                    slot = piece[1:-1] if piece.startswith("{") else None
                    if slot is None:
                        text += piece
                        continue
                    if slot == "group":
                        value, a, b = _group_fill(rng)
                    else:
                        value = _fill(slot, rng)
                        a, b = 0, len(value)
                    if slot in slots:
                        marks.append((len(text) + a, len(text) + b, slots[slot]))
                    text += value
                lead = rng.choice(L.FILLERS)
                text = lead + text + rng.choice(L.TAILS)
                marks = [(a + len(lead), b + len(lead), r) for a, b, r in marks]
                tags = []
                for token in split(text):
                    role = next(
                        (r for a, b, r in marks if a <= token.start and token.end <= b), None
                    )
                    begin = any(a == token.start for a, _, _ in marks)
                    tags.append("O" if role is None else f"{'B' if begin else 'I'}-{role}")
                out.append(Example("corpus", key, text, tool, tags))
    return out


def train(examples: list[Example], epochs: int = EPOCHS) -> dict[str, dict[int, float]]:
    """Averaged perceptron, greedy left to right with the tag before as a feature."""
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    totals: dict[str, dict[int, float]] = defaultdict(dict)  # step-weighted updates
    rng = random.Random(SEED)  # noqa: S311
    prepared = []
    for ex in examples:
        words = [t.text for t in split(ex.text)]
        feats = [keys(names, ex.tool) for names in features(words)]
        prepared.append((ex.tool, feats, ex.tags))
    prev_keys: dict[tuple[str, str], list[int]] = {}
    step = 1
    order = list(range(len(prepared)))
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            tool, feats, gold = prepared[index]
            choices = allowed(tool)
            prev = "O"
            for i, base in enumerate(feats):
                pk = prev_keys.setdefault((prev, tool), keys([f"prev={prev}"], tool))
                fs = base + pk
                best, best_score = "O", float("-inf")
                for tag in choices:
                    if not can_follow(prev, tag):
                        continue
                    table = weights[tag]
                    score = sum(table.get(k, 0.0) for k in fs)
                    if score > best_score:
                        best, best_score = tag, score
                truth = gold[i]
                if best != truth:
                    for tag, sign in ((truth, 1.0), (best, -1.0)):
                        table, total = weights[tag], totals[tag]
                        for k in fs:
                            table[k] = table.get(k, 0.0) + sign
                            total[k] = total.get(k, 0.0) + sign * step
                prev = truth  # teacher forcing: the gold tag before
            step += 1
    averaged: dict[str, dict[int, float]] = {}
    for tag in sorted(weights):
        averaged[tag] = {k: w - totals[tag].get(k, 0.0) / step for k, w in weights[tag].items()}
    return averaged


def pack(weights: dict[str, dict[int, float]]) -> bytes:
    """Per tag: its buckets ascending (int32) and int8 weights; then one float32 scale per
    tag. gzip'd with no name and time 0: same weights, same bytes."""
    tags = sorted(weights)
    parts, rows, scales = [], [], []
    for tag in tags:
        table = weights[tag]
        top = max((abs(v) for v in table.values()), default=0.0) or 1.0
        scale = top / 127.0
        kept = sorted((k, round(v / scale)) for k, v in table.items() if round(v / scale) != 0)
        rows.append(len(kept))
        scales.append(scale)
        parts.append(array("i", [k for k, _ in kept]).tobytes())
        parts.append(array("b", [q for _, q in kept]).tobytes())
    header = json.dumps({"tags": tags, "rows": rows}).encode() + b"\n"
    body = header + b"".join(parts) + array("f", scales).tobytes()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(body)
    return buffer.getvalue()


def build(dev: Collection[str], corpus: bool) -> bytes:
    examples = conversation_examples(tuning_paths(), "tuning")
    examples += conversation_examples(dev_paths(dev))
    if corpus:
        examples += corpus_examples()
    return pack(train(examples))


def _option(name: str) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


# ---- the experiment: leave one author out, rules vs tagger vs rules with the tagger


def _rules_value(got: list[dict[str, Any]], tool: str, arg: str, want: str) -> str | None:
    values: list[str] = [
        v
        for c in got
        if c["name"] == tool
        if isinstance(v := c["args"].get(arg), str) and v.strip()
    ]
    if not values:
        return None
    return next((v for v in values if _norm(v) == want), values[0])


def _beyond(
    scored: list[tuple[Any, str, float]], text: str, rules: str | None, found: str | None
) -> float | None:
    """The tagger's least margin on the words of the rules' value outside its own span,
    when its span lies inside the rules' value (None otherwise)."""
    if rules is None or found is None or _norm(found) == _norm(rules):
        return None
    if _norm(found) not in _norm(rules):
        return None
    at = text.lower().find(rules.lower())
    if at < 0:
        return None
    inner = text.lower().find(found.lower(), at)
    margins = [
        m
        for t, g, m in scored
        if at <= t.start < at + len(rules) and not (inner <= t.start < inner + len(found))
    ]
    return min(margins) if margins else None


def fold_rows(capture: Path, tagger: Tagger) -> list[dict[str, Any]]:
    """One row per asserted span value of the captured turns that is in the message."""
    rows = []
    for turn in json.loads(capture.read_text()):
        text = turn["said"]
        for call in turn["expect"]:
            tool = call["name"]
            for arg in ROLES.get(tool, {}):
                value = call["args"].get(arg)
                if value is None and any(c["name"] == tool for c in turn["got"]):
                    # not asserted: what the fallback would add where the rules add nothing
                    rules = _rules_value(turn["got"], tool, arg, "")
                    found = spans(tagger.tag(text, tool), text).get(ROLES[tool][arg])
                    rows.append(
                        {
                            "where": f"{turn['id']}#{turn['turn']}",
                            "slot": f"{tool}.{arg}",
                            "unasserted": True,
                            "rules": rules,
                            "tagger": found,
                            "adds": rules is None and found is not None,
                            "said": text,
                        }
                    )
                    continue
                if not isinstance(value, str) or not value.strip():
                    continue
                want = _norm(value)
                in_text = align(text, tool, {arg: value}) is not None
                called = any(c["name"] == tool for c in turn["got"])
                rules = _rules_value(turn["got"], tool, arg, want)
                scored = tagger.scored(text, tool)
                found = spans([(t, g) for t, g, _ in scored], text).get(ROLES[tool][arg])
                fallback = rules if rules is not None else found
                in_words = rules is not None and _norm(rules) in _norm(text)
                arbiter = rules if in_words or found is None else found
                # the rules' value with words around the tagger's (a preposition, a
                # word of the next clause): the tagger's
                inside = found is not None and rules is not None and _norm(found) != _norm(rules)
                trim = found if inside and _norm(found) in _norm(rules) else fallback
                # how sure the tagger is of the words the rules' value has beyond its span
                beyond = _beyond(scored, text, rules, found)
                rows.append(
                    {
                        "where": f"{turn['id']}#{turn['turn']}",
                        "slot": f"{tool}.{arg}",
                        "want": value,
                        "trim_margin": beyond,
                        "trimmed": trim,
                        "in_text": in_text,
                        "called": called,
                        "rules": rules,
                        "tagger": found,
                        **{
                            k: v is not None and _norm(v) == want
                            for k, v in (
                                ("a", rules),
                                ("b", found),
                                ("c", fallback),
                                ("d", arbiter),
                                ("e", trim),
                            )
                        },
                    }
                )
    return rows


# Round by round: each round's authors tested against the rules as they were when the
# round landed (before anyone tuned on it; span_capture.py run at that commit, files
# old-cap-<author>.json), the tagger trained on the rounds before it only.
FORWARD = {
    "r3a": ("r1", "r2a", "r2b"),
    "r3b": ("r1", "r2a", "r2b"),
    "r4a": ("r1", "r2a", "r2b", "r3a", "r3b"),
    "r4b": ("r1", "r2a", "r2b", "r3a", "r3b"),
    "r5a": ("r1", "r2a", "r2b", "r3a", "r3b", "r4a", "r4b"),
    "r5b": ("r1", "r2a", "r2b", "r3a", "r3b", "r4a", "r4b"),
    "r6a": ALL,  # landed during this experiment: the rules of its start are today's
}


def plan(forward: bool) -> list[tuple[str, tuple[str, ...], str]]:
    """(held-out author, training authors, capture file prefix) of each fold."""
    if forward:
        return [(held, train, "old-cap") for held, train in FORWARD.items()]
    return [(held, tuple(a for a in ALL if a != held), "cap-base") for held in ALL]


GATES = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


def gate_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Arm (f): (c), and the tagger's span inside the rules' value when the tagger is at
    least `gate` sure of the words it leaves out (its margin, in weight units)."""
    out = [
        "| (f) trim gated at margin | right | changed from (c): fixed / broken |",
        "|---|---|---|",
    ]
    for gate in GATES:
        fixed = broken = right = 0
        for r in rows:
            use = r["trim_margin"] is not None and r["trim_margin"] >= gate
            ok = r["b"] if use else r["c"]
            right += ok
            fixed += ok and not r["c"]
            broken += r["c"] and not ok
        out.append(f"| {gate:g} | {right} | {fixed} / {broken} |")
    return out


def folds(captures: Path, corpus: bool, table: Path | None, forward: bool = False) -> None:
    all_rows: list[dict[str, Any]] = []
    for held, training, prefix in plan(forward):
        capture = captures / f"{prefix}-{held}.json"
        if not capture.exists():
            print(f"{held}: no capture, skipped")
            continue
        tag = f"{'fwd-' if forward else ''}{held}{'-corpus' if corpus else ''}"
        path = captures / f"fold-{tag}.bin.gz"
        path.write_bytes(build(training, corpus))
        rows = fold_rows(capture, Tagger(path))
        for row in rows:
            row["author"] = held
        all_rows.extend(rows)
        used = [r for r in rows if not r.get("unasserted") and r["in_text"] and r["called"]]
        print(
            held,
            len(used),
            *(sum(r[k] for r in used) for k in "abcde"),
            flush=True,
        )
    (captures / f"rows{'-fwd' if forward else ''}{'-corpus' if corpus else ''}.json").write_text(
        json.dumps(all_rows, indent=0)
    )
    head = [
        "slot",
        "values (in the words, tool called)",
        "(a) rules",
        "(b) tagger",
        "(c) rules, the tagger when they find none",
        "(d) the tagger when the rules' value is not in the words",
        "(e) (c), and the tagger's span when it lies inside the rules' value",
    ]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    by_slot: dict[str, list[dict[str, Any]]] = defaultdict(list)
    adds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in all_rows:
        if row.get("unasserted"):
            adds[row["slot"]][0] += 1
            adds[row["slot"]][1] += row["adds"]
        elif row["in_text"] and row["called"]:
            by_slot[row["slot"]].append(row)
    for slot in sorted(by_slot, key=lambda s: -len(by_slot[s])):
        rs = by_slot[slot]
        lines.append(
            f"| {slot} | {len(rs)} | "
            + " | ".join(str(sum(r[k] for r in rs)) for k in "abcde")
            + " |"
        )
    every = [r for rs in by_slot.values() for r in rs]
    lines.append(
        f"| all | {len(every)} | "
        + " | ".join(str(sum(r[k] for r in every)) for k in "abcde")
        + " |"
    )
    lines += [
        "",
        "| slot | calls made with the arg not asserted | the rules give none,"
        " the tagger adds one |",
        "|---|---|---|",
    ]
    lines += [f"| {slot} | {n} | {added} |" for slot, (n, added) in sorted(adds.items())]
    lines += ["", *gate_lines(every)]
    text = "\n".join(lines) + "\n"
    print(text)
    if table:
        table.write_text(text)


def main() -> None:
    corpus = "--corpus" in sys.argv
    if "--groups" in sys.argv:
        group_match(Path(_option("--groups") or "."), _option("--prefix") or "cap-base")
        return
    if "--failures" in sys.argv:
        failures(Path(_option("--failures") or "."), _option("--prefix") or "cap-base")
        return
    if captures := _option("--folds"):
        out_table = _option("--out-table")
        folds(
            Path(captures), corpus, Path(out_table) if out_table else None, "--forward" in sys.argv
        )
        return
    chosen = _option("--dev")
    dev = ALL if chosen is None else tuple(a for a in chosen.split(",") if a)
    out = Path(_option("--out") or OUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build(dev, corpus))
    print(f"-> {out}")


def failures(captures: Path, prefix: str = "cap-base") -> None:
    """Args failures of the captured turns by (tool, arg): an expected call whose tool was
    called but no such call matches, each asserted arg the nearest call gets wrong."""
    from evals.compare import matches

    count: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    calls = [0, 0, 0]  # expected calls with args; their tool not called; called, args wrong
    for held in dict.fromkeys([*ALL, *FORWARD]):
        capture = captures / f"{prefix}-{held}.json"
        if not capture.exists():
            continue
        for turn in json.loads(capture.read_text()):
            for call in turn["expect"]:
                args = call["args"]
                same = [c for c in turn["got"] if c["name"] == call["name"]]
                for arg in args:
                    count[(call["name"], arg)][0] += 1
                if not args:
                    continue
                calls[0] += 1
                if not same:
                    calls[1] += 1
                    continue
                if any(matches(args, c["args"]) for c in same):
                    continue
                calls[2] += 1
                best = max(
                    same, key=lambda c: sum(matches(v, c["args"].get(a)) for a, v in args.items())
                )
                for arg, value in args.items():
                    if not matches(value, best["args"].get(arg)):
                        count[(call["name"], arg)][1] += 1
                        span = arg in ROLES.get(call["name"], {}) and isinstance(value, str)
                        if span and align(turn["said"], call["name"], {arg: value}) is not None:
                            count[(call["name"], arg)][2] += 1
    span_wrong = sum(v[1] for (t, a), v in count.items() if a in ROLES.get(t, {}))
    span_words = sum(v[2] for v in count.values())
    every = sum(v[1] for v in count.values())
    print(
        f"{calls[0]} expected calls with args: tool not called {calls[1]}, called with wrong"
        f" args {calls[2]}; wrong args {every}, of which span slots {span_wrong}"
        f" ({span_words} with the value in the words)\n"
    )
    print("| tool | arg | asserted | wrong (tool called) | a span slot: value in the words |")
    print("|---|---|---|---|---|")
    for (tool, arg), (n, bad, in_words) in sorted(count.items(), key=lambda kv: -kv[1][1]):
        if bad:
            shown = str(in_words) if arg in ROLES.get(tool, {}) else "-"
            print(f"| {tool} | {arg} | {n} | {bad} | {shown} |")


GROUP_TOOLS = ("join_group", "get_feed", "create_post")


def _fixture_groups() -> dict[str, list[str]]:
    """Conversation id -> the names of the groups in its data (the development files of
    rounds 1–5 and r6a; never r6b)."""
    out = {}
    for path in dev_paths([*ALL, "r6a"]):
        for line in path.read_text().splitlines():
            if line.strip():
                convo = json.loads(line)
                groups = (convo.get("fixtures") or {}).get("groups") or []
                out[convo["id"]] = [g["name"] for g in groups if g.get("name")]
    return out


def group_match(captures: Path, prefix: str) -> None:
    """Design (1) of docs/brain-understanding.md, measured: the group argument as the
    longest existing group's name found among the message's words, against the rules."""
    groups = _fixture_groups()
    right = {"rules": 0, "match": 0, "rules, else match": 0, "match, else rules": 0}
    asked = added = 0
    moved = {arm: [0, 0] for arm in right}  # against the rules: fixed, broken
    for held in dict.fromkeys([*ALL, *FORWARD]):
        capture = captures / f"{prefix}-{held}.json"
        if not capture.exists():
            continue
        for turn in json.loads(capture.read_text()):
            words = f" {' '.join(t.text.lower() for t in split(turn['said']))} "
            names = groups.get(turn["id"], [])
            hits = [n for n in names if f" {' '.join(t.text.lower() for t in split(n))} " in words]
            match = max(hits, key=len) if hits else None
            for call in turn["expect"]:
                if call["name"] not in GROUP_TOOLS:
                    continue
                if not any(c["name"] == call["name"] for c in turn["got"]):
                    continue
                value = call["args"].get("group")
                rules = _rules_value(turn["got"], call["name"], "group", _norm(value or ""))
                if value is None:
                    added += rules is None and match is not None
                    continue
                asked += 1
                want = _norm(value)
                arms = {
                    "rules": rules,
                    "match": match,
                    "rules, else match": rules if rules is not None else match,
                    "match, else rules": match if match is not None else rules,
                }
                base = rules is not None and _norm(rules) == want
                for arm, got in arms.items():
                    ok = got is not None and _norm(got) == want
                    right[arm] += ok
                    moved[arm][0] += ok and not base
                    moved[arm][1] += base and not ok
    print(f"{prefix}: {asked} asserted group values with the tool called")
    for arm in right:
        fixed, broken = moved[arm]
        print(f"  {arm}: {right[arm]} right, against the rules {fixed} fixed / {broken} broken")
    print(f"  a match where no group was asserted and the rules gave none: {added}")


if __name__ == "__main__":
    main()
