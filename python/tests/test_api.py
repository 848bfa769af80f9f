"""claimdiff.compare / check / batch: results, errors, and sameness with the command line."""

from __future__ import annotations

import itertools
import json
import threading
import time

import pytest

import claimdiff
from conftest import corpus

OLD = "The council met on Monday. More than 60 people came. It rained."
NEW = "The council met on Monday. Nearly 70 people came. It rained."


def test_compare_gives_the_json_structure():
    r = claimdiff.compare(OLD, NEW)
    assert r["version"] == claimdiff.JSON_VERSION == 1
    assert set(r) == {"version", "old", "new", "changes", "stats"}
    assert r["old"].get("path") is None
    kinds = [c["kind"] for c in r["changes"]]
    assert kinds == ["unchanged", "reworded", "unchanged"]
    types = [cc["type"] for cc in r["changes"][1]["claim_changes"]]
    assert "number" in types, r["changes"][1]
    assert r["stats"]["old_sentences"] == 3 and r["stats"]["new_sentences"] == 3
    assert r["stats"]["claim_changes"]["number"] >= 1


def test_compare_rebuilds_the_texts():
    r = claimdiff.compare(OLD, NEW)
    for side, text in (("old", OLD), ("new", NEW)):
        doc = r[side]
        rebuilt = "".join(s["space_before"] + s["text"] for s in doc["sentences"]) + doc["trailing"]
        assert rebuilt == text


def test_compare_options():
    same = claimdiff.compare(["A cat.", "A dog."], ("A dog.", "A cat."), moves=False)
    assert "moved" not in [c["kind"] for c in same["changes"]]
    assert claimdiff.compare("a\nb", "a\nc", split="lines")["stats"]["old_sentences"] == 2
    only = claimdiff.compare(OLD, NEW, only=["negation"])
    assert all(c["kind"] == "unchanged" for c in only["changes"])
    r = claimdiff.compare("Die Sitzung war am Montag.", "Die Sitzung war am Dienstag.", lang="de")
    assert r["changes"][0]["kind"] == "reworded"


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: claimdiff.compare(3, "a"), TypeError, "old must be a str or a list of str, not int"),
        (lambda: claimdiff.compare("a", ["b", 2]), TypeError, "new[1] must be a str, not int"),
        (lambda: claimdiff.compare("a", "b", split="x"), ValueError, 'split must be "prose"'),
        (lambda: claimdiff.compare("a", "b", lang="xx"), ValueError, 'lang must be one of "en"'),
        (lambda: claimdiff.compare("a", "b", only=["colour"]), ValueError, 'unknown claim type "colour"'),
        (lambda: claimdiff.compare("a", "b", pair_min=2.0), ValueError, "pair_min must be between 0 and 1"),
        (lambda: claimdiff.check("a", []), ValueError, "reports must not be empty"),
        (lambda: claimdiff.check("a", 5), TypeError, "reports must be a str or a list"),
        (lambda: claimdiff.check("a", "b", evidence=0), ValueError, "evidence must be between 1 and 16"),
        (lambda: list(claimdiff.batch([5])), TypeError, "record 0 must be a dict or a JSON line"),
        (lambda: list(claimdiff.batch([{"old": {1, 2}}])), TypeError, "record 0: cannot be written as JSON"),
        (lambda: claimdiff.batch([], on_error="skip"), ValueError, 'on_error must be "yield" or "raise"'),
        (lambda: claimdiff.batch([], jobs=-1), ValueError, "jobs must be 0"),
    ],
)
def test_bad_input_raises_clear_errors(call, error, message):
    with pytest.raises(error) as e:
        call()
    assert message in str(e.value)


def test_check():
    r = claimdiff.check(
        ["Rain fell in March.", "Bananas are yellow."],
        [["Rain fell in March."], "Snow fell in May. Wind blew."],
    )
    assert r["mode"] == "check"
    assert [c["verdict"] for c in r["claims"]] == ["supported", "unaddressed"]
    assert len(r["reports"]) == 2 and len(r["reports"][1]["sentences"]) == 2
    one = claimdiff.check("Rain fell on 12 days.", "Rain fell on 10 days.", evidence=1)
    assert one["claims"][0]["verdict"] == "disputed"
    assert len(one["claims"][0]["evidence"]) == 1


def _without_paths(report):
    for key in ("old", "new", "statement"):
        if key in report:
            report[key].pop("path", None)
    for doc in report.get("reports", []):
        doc.pop("path", None)
    return report


def test_compare_and_check_match_the_command_line(cli, tmp_path):
    (tmp_path / "old.txt").write_text(OLD)
    (tmp_path / "new.txt").write_text(NEW)
    _, out = cli(["--format", "json", str(tmp_path / "old.txt"), str(tmp_path / "new.txt")])
    assert _without_paths(json.loads(out)) == _without_paths(claimdiff.compare(OLD, NEW))
    _, out = cli(["check", str(tmp_path / "new.txt"), "--against", str(tmp_path / "old.txt"), "--format", "json"])
    assert _without_paths(json.loads(out)) == _without_paths(claimdiff.check(NEW, OLD))


def test_batch_is_byte_identical_to_the_command_line(cli):
    lines = corpus(120)
    stdin = "".join(line + "\n" for line in lines).encode()
    code, out = cli(["batch", "--jobs", "2"], stdin=stdin)
    assert code == 2  # a bad line
    mine = [o for o in claimdiff.batch(lines, raw=True, jobs=2) if o is not None]
    assert "".join(o + "\n" for o in mine).encode() == out
    # dicts give the same results as their JSON lines
    records = [json.loads(line) for line in lines if line.strip() and line != "{not json"]
    as_dicts = list(claimdiff.batch(records))
    assert [r["id"] for r in as_dicts] == [r["id"] for r in records]
    assert "error" not in as_dicts[0]


def test_batch_order_errors_and_blank_lines():
    lines = corpus(700)  # more than one chunk
    one = list(claimdiff.batch(lines, raw=True, jobs=1))
    assert len(one) == len(lines)
    assert one == list(claimdiff.batch(iter(lines), raw=True, jobs=3))
    assert [o is None for o in one] == [not line.strip() for line in lines]
    bad = json.loads(one[3])
    assert bad == {"id": None, "line": 4, "error": bad["error"]}
    assert bad["error"].startswith("invalid JSON")
    shifted = json.loads(next(itertools.islice(claimdiff.batch(lines, raw=True, first_line=101), 3, None)))
    assert shifted["line"] == 104
    dicts = list(claimdiff.batch(lines[:10]))
    assert dicts[0]["id"] == 1.5 and dicts[1]["id"] == "pair-1"
    assert dicts[8]["mode"] == "check"
    with pytest.raises(claimdiff.BatchRecordError) as e:
        list(claimdiff.batch(lines, on_error="raise"))
    assert e.value.index == 3 and "invalid JSON" in str(e.value)


def test_batch_reads_lazily():
    def endless():
        for k in itertools.count():
            yield {"id": k, "old": "A cat sat.", "new": f"A cat sat {k} times."}

    first = list(itertools.islice(claimdiff.batch(endless(), jobs=1), 3))
    assert [r["id"] for r in first] == [0, 1, 2]
    assert first[2]["changes"][0]["kind"] == "reworded"


def _big_pair():
    old = " ".join(f"Sentence {k} says that {k % 97} people came on day {k % 31}." for k in range(30000))
    new = old.replace("people came", "people did not come", 3000)
    return old, new


def test_the_gil_is_released():
    # The worker thread notes the time and enters compare; this thread notes when it runs
    # again. Were the GIL held during the comparison, that could only be once it ended (a
    # waiting thread gets the GIL back right after the call, before the worker notes its
    # end); released, it is at once. Three tries, as a loaded machine may keep this thread
    # off the CPU for a whole comparison.
    old, new = _big_pair()
    tries = []
    for _ in range(3):
        started = threading.Event()
        times = {}

        def work():
            started.set()
            times["start"] = time.perf_counter()
            claimdiff.compare(old, new)
            times["end"] = time.perf_counter()

        thread = threading.Thread(target=work)
        thread.start()
        started.wait()
        resumed = time.perf_counter()
        thread.join()
        took = times["end"] - times["start"]
        tries.append((resumed - times["start"], took))
        if took > 0.05 and 0 < resumed - times["start"] < took / 2:
            break
    else:
        raise AssertionError(f"this thread waited for the comparison: {tries}")
