"""claimdiff: compare texts sentence by sentence and claim by claim.

The functions return the structures of ``claimdiff --format json`` as dicts and lists (the
schema is docs/json.md, version ``JSON_VERSION``): the native module writes the JSON with the
command line's own serde structures and this module parses it, so both are always the same.

>>> import claimdiff
>>> r = claimdiff.compare("The council met. More than 60 people came.",
...                       "The council met. Nearly 70 people came.")
>>> [c["kind"] for c in r["changes"]]
['unchanged', 'reworded']
"""

from __future__ import annotations

import itertools
import json
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union

from . import _claimdiff

__all__ = ["compare", "check", "batch", "BatchRecordError", "JSON_VERSION"]

#: The version of the JSON schema (docs/json.md) that the dicts follow.
JSON_VERSION: int = _claimdiff.JSON_VERSION

Text = Union[str, Sequence[str]]


class BatchRecordError(ValueError):
    """A record of :func:`batch` could not be processed (with ``on_error="raise"``)."""

    def __init__(self, index: int, record_id: Any, message: str) -> None:
        super().__init__(f"record {index} (id {record_id!r}): {message}")
        #: 0-based position of the record in the iterable.
        self.index = index
        #: The record's ``id`` (None when it has none).
        self.record_id = record_id
        #: The error, as the ``error`` field of ``claimdiff batch`` gives it.
        self.message = message


def _text(value: Any) -> Any:
    # Tuples and other sequences of str are taken as lists of sentences.
    if isinstance(value, (str, list)):
        return value
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return list(value)
    return value


def compare(
    old: Text,
    new: Text,
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
) -> dict[str, Any]:
    """Compare two texts; the report of ``claimdiff OLD NEW --format json`` as a dict.

    ``old`` and ``new`` are each a str (cut into sentences by ``split``: ``"prose"``,
    ``"lines"`` or ``"markdown"``) or a list of str (taken as the sentences). The other
    keywords are the command line's options: ``lang`` (``"en"``, ``"de"``, ``"fr"``,
    ``"es"``), ``moves=False`` (``--no-moves``), ``ignore_cosmetic``, ``only`` (claim types
    such as ``["number", "negation"]``), the thresholds ``pair_min``, ``move_min``,
    ``pair_floor``, ``min_confidence`` (0 to 1; None: the tuned default) and ``meaning``.
    The documents have no ``path`` (None). The GIL is released while comparing.

    Raises TypeError for a text of the wrong type, ValueError for a bad option.
    """
    return json.loads(
        _claimdiff.compare_json(
            _text(old),
            _text(new),
            split=split,
            lang=lang,
            moves=moves,
            ignore_cosmetic=ignore_cosmetic,
            only=None if only is None else list(only),
            pair_min=pair_min,
            move_min=move_min,
            pair_floor=pair_floor,
            min_confidence=min_confidence,
            meaning=meaning,
        )
    )


def check(
    statement: Text,
    reports: Union[str, Sequence[Text]],
    *,
    split: str = "prose",
    lang: str = "en",
    evidence: int = 2,
) -> dict[str, Any]:
    """Check a statement against its report(s); ``claimdiff check --format json`` as a dict.

    ``statement`` is a str or a list of sentences. ``reports`` is one report (a str) or a
    list of reports, each a str or a list of sentences; as in ``claimdiff batch``, a list of
    str is several reports (give ``[["s1", "s2"]]`` for one report already cut into
    sentences). ``evidence`` is the number of report sentences given per statement sentence
    (1 to 16). The GIL is released while checking.

    Raises TypeError for an argument of the wrong type, ValueError for a bad option or an
    empty list of reports.
    """
    if not isinstance(reports, str) and isinstance(reports, Sequence):
        reports = [_text(r) for r in reports]
    return json.loads(
        _claimdiff.check_json(
            _text(statement), reports, split=split, lang=lang, evidence=evidence
        )
    )


def _line(record: Any, index: int) -> Union[str, bytes]:
    if isinstance(record, (str, bytes)):
        return record
    if isinstance(record, bytearray):
        return bytes(record)
    if isinstance(record, Mapping):
        try:
            return json.dumps(record, ensure_ascii=False)
        except (TypeError, ValueError) as e:
            raise TypeError(f"record {index}: cannot be written as JSON: {e}") from None
    raise TypeError(
        f"record {index} must be a dict or a JSON line (str), not {type(record).__name__}"
    )


def batch(
    records: Iterable[Union[Mapping[str, Any], str, bytes]],
    *,
    jobs: int = 0,
    raw: bool = False,
    on_error: str = "yield",
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
    first_line: int = 1,
) -> Iterator[Any]:
    """Compare (or check) every record as ``claimdiff batch`` does; yields results in order.

    A record is a dict such as ``{"id": 1, "old": TEXT, "new": TEXT}`` or ``{"id": 2,
    "statement": TEXT, "against": [TEXT, ...]}`` (docs/json.md, "claimdiff batch"), or a JSON
    line (str or bytes) of that form. Yields one result per record, in the order of the
    records: a dict (``{"id", ...the report}``, or ``{"id", "line", "error"}`` for a bad
    record, ``line`` being its 1-based position), or with ``raw=True`` the exact output line
    of ``claimdiff batch`` (a str without the newline). A blank str record yields None
    (``claimdiff batch`` skips blank lines).

    The records are read lazily, a chunk at a time (256 per thread), and each chunk is
    processed on ``jobs`` threads (0: one per core) with the GIL released, so memory follows
    the chunk, not the iterable. ``on_error="raise"`` raises :class:`BatchRecordError` for
    the first bad record instead of yielding its error object. The other keywords are those
    of :func:`compare` and ``claimdiff batch`` (``max_bytes`` per side, ``allow_binary`` for
    ``--text``, ``lossy`` for ``--lossy``). ``first_line`` is the number of the first
    record in error objects: a shard that starts at line N of a corpus gives N, so that its
    output is the same as that part of one ``claimdiff batch`` over the corpus.

    Raises ValueError for a bad option, TypeError for a record that is not a dict or str.
    """
    if on_error not in ("yield", "raise"):
        raise ValueError(f'on_error must be "yield" or "raise", not {on_error!r}')
    if first_line < 1:
        raise ValueError(f"first_line must be 1 or more, not {first_line}")
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, not {jobs}")
    runner = _claimdiff.Batcher(
        jobs=jobs,
        split=split,
        lang=lang,
        moves=moves,
        pair_min=pair_min,
        move_min=move_min,
        pair_floor=pair_floor,
        min_confidence=min_confidence,
        meaning=meaning,
        max_bytes=max_bytes,
        allow_binary=allow_binary,
        lossy=lossy,
    )
    return _batch(iter(records), runner, raw, on_error == "raise", first_line - 1)


def _batch(
    records: Iterator[Any], runner: Any, raw: bool, strict: bool, offset: int
) -> Iterator[Any]:
    start = 0
    while True:
        chunk = [
            _line(r, start + k) for k, r in enumerate(itertools.islice(records, runner.chunk))
        ]
        if not chunk:
            return
        for k, out in enumerate(runner.run(chunk, offset + start + 1)):
            if out is None:
                yield None
                continue
            if strict or not raw:
                value = json.loads(out)
                if strict and "error" in value and "line" in value and len(value) == 3:
                    raise BatchRecordError(start + k, value["id"], value["error"])
                yield out if raw else value
            else:
                yield out
        start += len(chunk)
