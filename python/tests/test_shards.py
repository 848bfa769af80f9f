"""A sharded corpus on a real Dask cluster (worker processes) gives, byte for byte, the
output of one `claimdiff batch` over the whole corpus (docs/scaling.md)."""

from __future__ import annotations

import logging

import pytest

from conftest import corpus

distributed = pytest.importorskip("distributed")

from claimdiff import shards  # noqa: E402


def _write_shards(tmp_path, lines, sizes):
    paths, at = [], 0
    for k, size in enumerate(sizes):
        path = tmp_path / f"shard-{k:02}.jsonl"
        chunk = lines[at : at + size]
        at += size
        text = "".join(line + "\n" for line in chunk)
        if k == len(sizes) - 1:
            text = text.rstrip("\n")  # a last line without its newline
        path.write_bytes(text.encode())
        paths.append(path)
    assert at == len(lines)
    return paths


def test_dask_cluster_output_is_byte_identical_to_one_batch(cli, tmp_path):
    lines = corpus(1000)
    # Unequal shards, one of them empty, boundaries on blank and bad lines.
    paths = _write_shards(tmp_path, lines, [3, 250, 0, 97, 400, 250])
    whole = "\n".join(lines).encode()
    code, expected = cli(["batch", "--jobs", "2"], stdin=whole)
    assert code == 2 and expected.count(b"\n") == 900  # 100 blank lines give no output
    assert shards.line_counts(paths) == [3, 250, 0, 97, 400, 250]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster, distributed.Client(cluster) as client:
        got = b"".join(shards.run_dask(paths, client, jobs=1))
        assert len(client.scheduler_info()["workers"]) == 2
    assert got == expected


def test_default_scheduler_and_options(cli, tmp_path):
    lines = corpus(60)
    paths = _write_shards(tmp_path, lines, [20, 20, 20])
    whole = "".join(line + "\n" for line in lines).encode()
    _, expected = cli(["batch", "--split", "lines", "--lang", "de"], stdin=whole)
    got = b"".join(shards.run_dask(paths, split="lines", lang="de"))
    assert got == expected
