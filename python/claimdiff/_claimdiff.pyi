"""Type stubs of the native module (python/src/lib.rs); use the wrappers in claimdiff."""

from typing import Sequence, Union

JSON_VERSION: int

def compare_json(
    old: Union[str, list[str]],
    new: Union[str, list[str]],
    *,
    split: str = "prose",
    lang: str = "en",
    moves: bool = True,
    ignore_cosmetic: bool = False,
    only: Sequence[str] | None = None,
    pair_min: float | None = None,
    move_min: float | None = None,
    pair_floor: float | None = None,
    min_confidence: float | None = None,
    meaning: bool = False,
) -> str:
    """The JSON report of ``claimdiff OLD NEW --format json`` (documents without paths)."""

def check_json(
    statement: Union[str, list[str]],
    reports: Union[str, list[Union[str, list[str]]]],
    *,
    split: str = "prose",
    lang: str = "en",
    evidence: int = 2,
) -> str:
    """The JSON of ``claimdiff check --format json`` (documents without paths)."""

class Batcher:
    """Runs batch records (JSON lines) on a thread pool with one set of options."""

    def __init__(
        self,
        *,
        jobs: int = 0,
        split: str = "prose",
        lang: str = "en",
        moves: bool = True,
        pair_min: float | None = None,
        move_min: float | None = None,
        pair_floor: float | None = None,
        min_confidence: float | None = None,
        meaning: bool = False,
        max_bytes: int | None = None,
        allow_binary: bool = False,
        lossy: bool = False,
    ) -> None: ...
    @property
    def chunk(self) -> int:
        """Records per ``run`` that keep every thread busy (256 per thread)."""
    def run(self, lines: list[Union[str, bytes]], first_line: int) -> list[str | None]:
        """The ``claimdiff batch`` output line of each line (None for a blank line), in
        order; ``first_line`` is the 1-based number of the first, for error objects. The
        GIL is released while the lines are processed."""
