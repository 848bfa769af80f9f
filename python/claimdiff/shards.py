"""Run ``claimdiff batch`` over a sharded corpus on Dask (docs/scaling.md).

A corpus is a list of JSON Lines files (shards) in corpus order. Each shard is one Dask task
that runs :func:`claimdiff.batch` over the shard's lines with the GIL released, numbered from
the shard's first line in the corpus, so that the concatenated outputs are byte-identical
to one ``claimdiff batch`` over the concatenated shards (error objects included).

Dask is not a dependency of the package: ``pip install "dask[distributed]"`` (or the
``dask`` extra) to use this module. Any Dask scheduler works: a ``distributed.Client`` of a
cluster, a ``LocalCluster``, or none (Dask's default threads).
"""

from __future__ import annotations

import os
from typing import Any, Iterator, Sequence

import claimdiff

__all__ = ["line_counts", "run_shard", "run_dask"]


def _lines(data: bytes) -> list[bytes]:
    # As `claimdiff batch` reads them: split at `\n`, a last line without `\n` counts, a
    # trailing `\n` ends the last line (no empty line after it).
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    return parts


def line_counts(paths: Sequence[str | os.PathLike[str]]) -> list[int]:
    """How many lines each shard has (as ``claimdiff batch`` counts them)."""
    counts = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        counts.append(data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0))
    return counts


def run_shard(path: str | os.PathLike[str], first_line: int, **options: Any) -> bytes:
    """The ``claimdiff batch`` output of one shard whose first line is line ``first_line``
    of the corpus; ``options`` are those of :func:`claimdiff.batch`."""
    with open(path, "rb") as f:
        lines = _lines(f.read())
    out = [
        line
        for line in claimdiff.batch(lines, raw=True, first_line=first_line, **options)
        if line is not None
    ]
    return "".join(line + "\n" for line in out).encode("utf-8")


def run_dask(
    paths: Sequence[str | os.PathLike[str]], client: Any = None, **options: Any
) -> Iterator[bytes]:
    """Run every shard as a Dask task; yields the shards' outputs in shard order.

    ``client`` is a ``distributed.Client`` (None: Dask's default scheduler). ``options``
    are those of :func:`claimdiff.batch` (``jobs`` is per task: give 1 when each worker
    thread runs one task). Concatenating what it yields gives the output of one
    ``claimdiff batch`` over the concatenated shards.
    """
    import dask

    paths = [os.fspath(p) for p in paths]
    starts, line = [], 1
    for n in line_counts(paths):
        starts.append(line)
        line += n
    tasks = [
        dask.delayed(run_shard, pure=True)(path, start, **options)
        for path, start in zip(paths, starts)
    ]
    if client is None:
        yield from dask.compute(*tasks)
        return
    futures = client.compute(tasks)
    for future in futures:
        yield future.result()
