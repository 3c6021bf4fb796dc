"""The production secret's entropy floor (server/auth_policy.py), measured: zxcvbn's
estimate for random secrets as people make them (`openssl rand`, `secrets`, uuid4) and
for weak ones seen in the wild (published examples, repeated characters, words padded
to 32 characters). The floor must sit between the weakest random and the strongest weak.

    python -m bench.secret_entropy   # writes bench/results/secret-entropy.{md,json}
"""

from __future__ import annotations

import json
import secrets
import string
import uuid
from pathlib import Path

from server.auth_policy import KNOWN_EXAMPLE_SECRETS, SECRET_FLOOR_BITS, secret_bits

RESULTS = Path(__file__).parent / "results"
SAMPLES = 200


def random_secrets() -> dict[str, list[str]]:
    alnum = string.ascii_letters + string.digits
    return {
        "token_urlsafe(32)": [secrets.token_urlsafe(32) for _ in range(SAMPLES)],
        "token_hex(16) (32 chars)": [secrets.token_hex(16) for _ in range(SAMPLES)],
        "base64 of 24 bytes": [secrets.token_urlsafe(24) for _ in range(SAMPLES)],
        "32 random alphanumerics": [
            "".join(secrets.choice(alnum) for _ in range(32)) for _ in range(SAMPLES)
        ],
        "uuid4": [str(uuid.uuid4()) for _ in range(SAMPLES)],
    }


def weak_secrets() -> dict[str, list[str]]:
    words = ["password", "secret", "supabase", "letmein", "changeme", "qwerty", "admin"]
    return {
        "one character repeated, 32-64": [c * n for c in "a x0-" for n in (32, 48, 64)],
        "a word padded to 32+": [(w * 8)[:32] for w in words] + [w + "1" * 32 for w in words],
        "keyboard and sequence runs": [
            "abcdefghijklmnopqrstuvwxyz012345",
            "qwertyuiopasdfghjklzxcvbnm123456",
            "01234567890123456789012345678901",
        ],
    }


def listed_or_phrases() -> dict[str, list[str]]:
    """Reported, not part of the separation: published examples are refused by name,
    and made-up phrases score like random strings (an estimate cannot know them)."""
    return {
        "published examples (long ones)": sorted(s for s in KNOWN_EXAMPLE_SECRETS if len(s) >= 32),
        "made-up phrases": [
            "my-super-secret-password-for-jwt",
            "this-is-my-jwt-secret-for-pam-app",
        ],
    }


def measure() -> dict[str, object]:
    def rows(groups: dict[str, list[str]]) -> list[dict[str, object]]:
        out = []
        for name, values in groups.items():
            bits = sorted(secret_bits(v) for v in values)
            out.append({"kind": name, "n": len(bits), "min_bits": bits[0], "max_bits": bits[-1]})
        return out

    random_rows, weak_rows = rows(random_secrets()), rows(weak_secrets())
    other_rows = rows(listed_or_phrases())
    weakest_random = min(float(r["min_bits"]) for r in random_rows)  # type: ignore[arg-type]
    strongest_weak = max(float(r["max_bits"]) for r in weak_rows)  # type: ignore[arg-type]
    return {
        "floor_bits": SECRET_FLOOR_BITS,
        "weakest_random_bits": weakest_random,
        "strongest_weak_bits": strongest_weak,
        "floor_separates": strongest_weak < SECRET_FLOOR_BITS <= weakest_random,
        "random": random_rows,
        "weak": weak_rows,
        "listed_or_phrases": other_rows,
    }


def write(result: dict[str, object]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "secret-entropy.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Secret entropy floor (zxcvbn estimate, bits)",
        "",
        f"Floor: {result['floor_bits']} bits. Weakest random secret: "
        f"{float(result['weakest_random_bits']):.1f}; strongest weak secret: "  # type: ignore[arg-type]
        f"{float(result['strongest_weak_bits']):.1f}. Separates: {result['floor_separates']}.",  # type: ignore[arg-type]
        "",
        "| secret | kind | n | min bits | max bits |",
        "|---|---|---|---|---|",
    ]
    for group in ("random", "weak", "listed_or_phrases"):
        for row in result[group]:  # type: ignore[attr-defined]
            lines.append(
                f"| {group} | {row['kind']} | {row['n']} | {row['min_bits']:.1f} | "
                f"{row['max_bits']:.1f} |"
            )
    (RESULTS / "secret-entropy.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    result = measure()
    write(result)
    print((RESULTS / "secret-entropy.md").read_text())


if __name__ == "__main__":
    main()
