"""Shared helpers: the claimdiff binary (for comparisons with the command line) and corpora."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _binary() -> str | None:
    given = os.environ.get("CLAIMDIFF_BIN")
    if given:
        return given
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "claimdiff"
        if path.exists():
            return str(path)
    return shutil.which("claimdiff")


@pytest.fixture(scope="session")
def cli():
    """Run the claimdiff binary: cli(args, stdin=None) -> (exit code, stdout bytes).
    Skips when there is none (set CLAIMDIFF_BIN, or build it with cargo)."""
    binary = _binary()
    if binary is None:
        if os.environ.get("CLAIMDIFF_REQUIRE_BIN"):
            pytest.fail("no claimdiff binary (CLAIMDIFF_BIN) and CLAIMDIFF_REQUIRE_BIN is set")
        pytest.skip("no claimdiff binary: set CLAIMDIFF_BIN or run cargo build")

    def run(args, stdin: bytes | None = None):
        done = subprocess.run(
            [binary, *args], input=stdin, capture_output=True, check=False, timeout=600
        )
        assert done.returncode in (0, 1, 2), done.stderr.decode()
        return done.returncode, done.stdout

    return run


def corpus(n: int) -> list[str]:
    """n JSON lines of every kind batch reads: pairs (strings and sentence lists, all
    formats), checks, a bad line, a blank line, ids of several types."""
    lines = []
    for k in range(n):
        r = k % 10
        if r == 3:
            lines.append("{not json")
        elif r == 6:
            lines.append("   ")
        elif r == 8:
            lines.append(
                json.dumps(
                    {
                        "id": f"check-{k}",
                        "statement": f"Rain fell on {k} days in March. Bananas are blue.",
                        "against": [f"Rain fell on {k + k % 2} days in March.", "Snow fell."],
                    }
                )
            )
        elif r == 9:
            lines.append(json.dumps({"id": k, "old": ["One.", f"Two {k}."], "new": "One. Two!"}))
        else:
            old = f"The council met on Monday. More than {k} people came. It rained."
            new = (
                f"The council met on Monday. Nearly {k + r} people came. It rained. "
                "The mayor did not attend."
            )
            rec = {"id": 1.5 if r == 0 else f"pair-{k}", "old": old, "new": new}
            if r == 5:
                rec["format"] = "lines"
            lines.append(json.dumps(rec, ensure_ascii=r != 4) + ("\r" if r == 7 else ""))
    return lines
