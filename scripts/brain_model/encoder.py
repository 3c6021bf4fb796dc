"""Round 12's experiment (docs/brain-understanding.md): a pretrained encoder's sentence
vector beside the classifier's n-grams. Measured leave-one-author-out and not shipped, so
all of it lives here, none in agent/brain.

The table. The `wordllama` package (MIT; the `brain-encoder` dependency group, which
`make setup` leaves out: `uv sync --frozen --group brain-encoder`) ships static token embeddings
inside its wheel: "l2_supercat", 32,000 Llama-2 tokenizer pieces × 256 dimensions, which
its authors distilled from the token embeddings of several large language models sharing
that tokenizer and trained as a context-free sentence encoder (the mean of the pieces'
vectors); the dimensions are ordered Matryoshka-style, so the first ones carry the most.
`table` keeps the first DIMS dimensions of the pieces the brain's own words can be cut into
(lower-case letters, digits, apostrophes, "$", with or without the word-start mark "▁"),
int8 with one float32 scale per dimension. Nothing is downloaded: the weights and the
vocabulary are read from the installed package's files. Layout: a JSON header line
{"dims", "pieces"}, float32 scales, int8 rows piece-major; gzip'd reproducibly.

`Encoder` cuts a message's words (agent.brain.features.tokens: lower case, digits folded
to 0) into the table's pieces greedily, longest first from the word's start, and gives
the mean of their vectors, L2-normalised (plain Python, as the brain would run it).

The head. A second logistic regression on that vector alone, trained on the classifier's
own rows, whose probabilities are mixed into the n-gram classifier's:
p = (1 - mix) p_ngrams + mix p_head (`Head`; layout: a JSON header line {"labels",
"dims", "mix"}, float32 weights dimension-major, float32 biases). `install` puts a head
into the running brain (evaluate.py --head), so the full brain is scored with it.

    python -m scripts.brain_model.encoder [--dims 128] [--out PATH]      # the table
    python -m scripts.brain_model.encoder --head [--dev r1,...] --out PATH  # a head
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
import re
import sys
from array import array
from functools import lru_cache
from operator import add, mul
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from agent.brain import learned
from agent.brain.features import tokens
from scripts.brain_model.corpus import AUTHORS, SEED, build
from scripts.brain_model.train import reproducible_gzip

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / ".pam" / "encoder" / "encoder-128.bin.gz"
DIMS = 128  # 64, 128 and 256 measured
HEAD_C = 10.0  # chosen leave-one-author-out on the classifier alone (encoder_head.py)
MIX = 0.2  # likewise
WORD_START = "\u2581"  # the tokenizer's mark of a piece that starts a word
_PIECE = re.compile(r"▁?[a-z0-9'$]+|▁")


def package_files() -> tuple[Path, Path]:
    """The installed wordllama's weights and tokenizer config, found without importing it
    (its inference module configures the root logger on import)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("wordllama is not installed (uv sync --frozen --group brain-encoder)")
    root = Path(next(iter(spec.submodule_search_locations)))
    return (
        root / "weights" / "l2_supercat_256.safetensors",
        root / "tokenizers" / "l2_supercat_tokenizer_config.json",
    )


def table(dims: int = DIMS) -> bytes:
    weights, tokenizer = package_files()
    vocab: dict[str, int] = json.loads(tokenizer.read_text())["model"]["vocab"]
    pieces = sorted(p for p in vocab if _PIECE.fullmatch(p))
    from safetensors import safe_open  # with wordllama, in the brain-encoder group only

    with safe_open(str(weights), framework="np") as f:
        matrix = f.get_tensor("embedding.weight")
    rows = matrix[[vocab[p] for p in pieces], :dims].astype(np.float64)
    scale = np.abs(rows).max(axis=0) / 127.0
    quantised = np.round(rows / scale).astype(np.int8)
    header = json.dumps({"dims": dims, "pieces": pieces}, ensure_ascii=False).encode() + b"\n"
    return reproducible_gzip(header + scale.astype("<f4").tobytes() + quantised.tobytes())


class Encoder:
    def __init__(self, path: Path) -> None:
        raw = gzip.decompress(path.read_bytes())
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        self.dims: int = header["dims"]
        pieces: list[str] = header["pieces"]
        at = end + 1 + 4 * self.dims
        self.scale = array("f", raw[end + 1 : at]).tolist()
        self.rows = array("b", raw[at : at + len(pieces) * self.dims])
        self.index = {piece: i for i, piece in enumerate(pieces)}
        self.longest = max(map(len, pieces))

    def pieces(self, text: str) -> list[int]:
        found: list[int] = []
        for word in tokens(text):
            rest, at = WORD_START + word, 0
            while at < len(rest):
                for size in range(min(self.longest, len(rest) - at), 0, -1):
                    i = self.index.get(rest[at : at + size])
                    if i is not None:
                        found.append(i)
                        at += size
                        break
                else:
                    at += 1  # a character no piece starts with
        return found

    def vector(self, text: str) -> list[float]:
        """The mean of the pieces' vectors, L2-normalised (zeros with no piece)."""
        dims, rows = self.dims, self.rows
        acc: list[float] = [0.0] * dims
        for i in self.pieces(text):
            acc = list(map(add, acc, rows[i * dims : (i + 1) * dims]))
        vec = list(map(mul, acc, self.scale))
        norm = sum(map(mul, vec, vec)) ** 0.5
        return [v / norm for v in vec] if norm else vec


_SOURCE = [TABLE]


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    path = _SOURCE[0]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(table(DIMS))
    return Encoder(path)


def use_table(path: Path) -> None:
    _SOURCE[0] = path
    encoder.cache_clear()


def dense(text: str) -> list[float]:
    return encoder().vector(text)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def pack_head(labels: list[str], weights: np.ndarray, bias: np.ndarray, mix: float) -> bytes:
    header = {"labels": labels, "dims": int(weights.shape[0]), "mix": mix}
    return reproducible_gzip(
        json.dumps(header).encode()
        + b"\n"
        + np.ascontiguousarray(weights).astype("<f4").tobytes()
        + bias.astype("<f4").tobytes()
    )


def fit_head(x: np.ndarray, labels: list[str], c: float) -> LogisticRegression:
    """A logistic regression on sentence vectors, fitted the same way each time."""
    model = LogisticRegression(C=c, max_iter=300, random_state=SEED)
    with threadpool_limits(limits=1):  # the same sums in the same order: the same bytes
        model.fit(x, labels)
    return model


def train_head(rows: list[tuple[str, str]], c: float = HEAD_C, mix: float = MIX) -> bytes:
    """The head on the sentence vector, trained on the classifier's own rows."""
    x = np.array([dense(text) for _, text in rows], dtype=np.float64)
    model = fit_head(x, [label for label, _ in rows], c)
    return pack_head([str(k) for k in model.classes_], model.coef_.T, model.intercept_, mix)


class Head:
    def __init__(self, path: Path) -> None:
        raw = gzip.decompress(path.read_bytes())
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        self.labels: list[str] = header["labels"]
        self.dims: int = header["dims"]
        self.mix: float = header["mix"]
        width = len(self.labels)
        at = end + 1 + 4 * self.dims * width
        flat = array("f", raw[end + 1 : at]).tolist()
        self.columns = [flat[c::width] for c in range(width)]  # class-major
        self.bias = array("f", raw[at : at + 4 * width]).tolist()

    def probabilities(self, text: str) -> list[float]:
        vec = dense(text)
        scores = [b + sum(map(mul, vec, w)) for b, w in zip(self.bias, self.columns, strict=True)]
        return _softmax(scores)

    def mixed(self, probs: list[float], text: str) -> list[float]:
        mix = self.mix
        return [
            (1 - mix) * p + mix * q for p, q in zip(probs, self.probabilities(text), strict=True)
        ]


def install(path: Path) -> None:
    """Mix the head at `path` into the brain's classifier (the one `learned.use` chose)."""
    head, model = Head(path), learned.classifier()
    if head.labels != model.labels or head.dims != encoder().dims:
        raise ValueError(f"{path.name} does not fit the classifier and the table")
    alone = model.probabilities
    model.probabilities = lambda text: head.mixed(alone(text), text)  # type: ignore[method-assign]
    learned._probabilities.cache_clear()


def head_path(artefact: Path) -> Path:
    """Where encoder_folds.py keeps an artefact's head: beside it."""
    return artefact.with_name(artefact.name.removesuffix(".bin.gz") + ".head.bin.gz")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--head", action="store_true", help="train a head, not the table")
    parser.add_argument("--dev", default=",".join(AUTHORS), help="authors whose turns train")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.head:
        if args.out is None:
            sys.exit("--head needs --out")
        rows = build(ROOT, dev=tuple(a for a in args.dev.split(",") if a))
        packed = train_head(rows)
    else:
        packed = table(args.dims)
    out = args.out or TABLE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(packed)
    print(f"{len(packed)} bytes -> {out}")


if __name__ == "__main__":
    main()
