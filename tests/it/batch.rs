//! End-to-end tests of `claimdiff batch` at scale: the same bytes out whatever `--jobs`,
//! sharded runs concatenate to a single run (docs/scaling.md), and the input flags apply
//! per line.

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn batch(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let out = Command::cargo_bin("claimdiff")
        .expect("binary built")
        .current_dir(root())
        .arg("batch")
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// JSON Lines built from the seed pairs: each pair whole, then cut into slices of
/// paragraphs, 600 lines in all (more than one chunk of input at two jobs); with `bad`, some
/// are broken JSON and some blank.
fn corpus(bad: bool) -> String {
    let mut pairs = Vec::new();
    for name in ["statement", "figures", "policy"] {
        let read = |f: String| std::fs::read_to_string(root().join("seeds").join(f)).unwrap();
        let (old, new) = (read(format!("{name}.txt")), read(format!("{name}.new.txt")));
        let (op, np): (Vec<&str>, Vec<&str>) =
            (old.split("\n\n").collect(), new.split("\n\n").collect());
        pairs.push((old.clone(), new.clone()));
        for k in 0..op.len().min(np.len()) {
            pairs.push((op[k].to_owned(), np[k].to_owned()));
        }
    }
    let mut lines = String::new();
    for k in 0..600 {
        let (old, new) = &pairs[k % pairs.len()];
        let line = match k % 97 {
            13 if bad => "{\"id\": \"broken\", \"old\": ".to_owned(),
            29 if bad => String::new(),
            _ => serde_json::json!({"id": k, "old": old, "new": new}).to_string(),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    lines
}

#[test]
fn output_is_byte_identical_for_any_number_of_jobs() {
    let input = corpus(true);
    let (code, one, err) = batch(&["--jobs", "1"], input.as_bytes());
    assert_eq!(code, 2, "the broken lines make it exit 2: {err}");
    let blank = input.lines().filter(|l| l.is_empty()).count();
    assert!(blank > 0);
    let lines = String::from_utf8_lossy(&one).lines().count();
    assert_eq!(lines, 600 - blank, "one line out per non-blank line in");
    for jobs in ["2", "8"] {
        let (c, out, _) = batch(&["--jobs", jobs], input.as_bytes());
        assert_eq!(c, code);
        assert!(out == one, "--jobs {jobs} changed the output");
    }
}

#[test]
fn sharded_runs_concatenate_to_a_single_run() {
    // Without bad lines: an error object's `line` counts from the start of its shard.
    let input = corpus(false);
    let (_, whole, _) = batch(&[], input.as_bytes());
    // Split the input into 3 shards of whole lines, as `split -n l/3` does, run each on its
    // own (from a file, as a worker would), and concatenate the outputs in shard order.
    let dir = TempDir::new().unwrap();
    let lines: Vec<&str> = input.split_inclusive('\n').collect();
    let mut joined = Vec::new();
    for (k, shard) in lines.chunks(lines.len().div_ceil(3)).enumerate() {
        let path = dir.path().join(format!("shard{k}.jsonl"));
        std::fs::write(&path, shard.concat()).unwrap();
        let (_, out, _) = batch(&[path.to_str().unwrap()], b"");
        joined.extend(out);
    }
    assert!(joined == whole, "sharded output differs from a single run");
}

#[test]
fn input_flags_apply_per_line() {
    let line = |old: &str| format!("{{\"id\": 1, \"old\": {old}, \"new\": \"Same.\"}}\n");
    let first = |out: &[u8]| -> serde_json::Value {
        serde_json::from_slice(out.split(|&b| b == b'\n').next().unwrap()).unwrap()
    };
    // --max-bytes: per side, not per line.
    let (code, out, _) = batch(&["--max-bytes", "5"], line("\"Same.\"").as_bytes());
    assert_eq!(code, 0);
    assert_eq!(first(&out)["stats"]["unchanged"], 1);
    let (code, out, err) = batch(&["--max-bytes", "5"], line("\"Longer.\"").as_bytes());
    assert_eq!(code, 2);
    assert!(err.ends_with("(see their error objects)\n"), "{err}");
    let v = first(&out);
    assert_eq!(v["line"], 1);
    assert_eq!(
        v["error"],
        "field `old`: input is 7 bytes, more than the limit of 5 bytes (see --max-bytes)"
    );
    // NUL characters: refused unless --text.
    let nul = line("\"Sa\\u0000me.\"");
    let v = first(&batch(&[], nul.as_bytes()).1);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .starts_with("field `old`: binary"),
        "{v}"
    );
    let v = first(&batch(&["--text"], nul.as_bytes()).1);
    assert_eq!(v["old"]["sentences"][0]["text"], "Sa\u{0}me.", "{v}");
    // Invalid UTF-8: an error object unless --lossy.
    let mut bad = line("\"Same.\"").into_bytes();
    bad.insert(19, 0xFF);
    let v = first(&batch(&[], &bad).1);
    assert_eq!(
        v["error"],
        "invalid UTF-8 at byte 19; use --lossy to replace bad bytes"
    );
    let v = first(&batch(&["--lossy"], &bad).1);
    assert_eq!(v["old"]["sentences"][0]["text"], "S\u{FFFD}ame.");
}

#[test]
fn jobs_must_be_positive() {
    let (code, out, err) = batch(&["--jobs", "0"], b"");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--jobs"), "{err}");
}

/// The sentence texts of the new side of each output line.
fn new_sentences(stdout: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["new"]["sentences"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| s["text"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn per_record_format_and_split_for_all_records() {
    let text = "# Terms\nWe may change them.\n| a | b |\n|---|---|";
    let line = |format: Option<&str>| {
        let mut v = serde_json::json!({"id": 1, "old": text, "new": text});
        if let Some(f) = format {
            v["format"] = serde_json::json!(f);
        }
        v.to_string()
    };
    let input = [
        line(None),
        line(Some("markdown")),
        line(Some("lines")),
        line(Some("prose")),
    ]
    .join("\n");
    let (code, out, err) = batch(&[], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let got = new_sentences(&out);
    let md = ["# Terms", "We may change them.", "| a | b |", "|---|---|"];
    let lines = md;
    assert_eq!(
        got[0],
        ["# Terms", "We may change them.", "| a | b |\n|---|---|"]
    );
    assert_eq!(got[1], md);
    assert_eq!(got[2], lines);
    assert_eq!(got[3], got[0]);
    // `--split markdown` applies to every record without a format; a format still wins.
    let (code, out, err) = batch(&["--split", "markdown"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let got = new_sentences(&out);
    assert_eq!(got[0], md);
    assert_eq!(
        got[3],
        ["# Terms", "We may change them.", "| a | b |\n|---|---|"]
    );
    // A bad format is an error line naming the field; the run goes on (exit 2 at the end).
    let bad = format!("{}\n{}", line(Some("html")), line(None));
    let (code, out, _) = batch(&[], bad.as_bytes());
    assert_eq!(code, 2);
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out).lines().next().unwrap()).unwrap();
    assert!(
        first["error"].as_str().unwrap().contains("field `format`"),
        "{first}"
    );
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 2);
}
