//! Tuning aid for `claimdiff check` (used by `scripts/eval_check --grid`): reads check
//! lines as `claimdiff batch` does (`{"id", "statement": [sentences], "against":
//! [[sentences], ...]}`, one per line, sentences given) on standard input, and writes one
//! line of check JSON per input line, with the thresholds given as arguments:
//!
//! ```text
//! check_grid FLOOR SUPPORTED DISPUTE TOPIC_SHARE < lines.jsonl
//! ```
//!
//! Not part of the tool: the defaults of `claimdiff check` are the constants of
//! `claimdiff::check`.

use std::io::{self, BufRead, Write};

use claimdiff::Document;
use claimdiff::check::{CheckOptions, Tuning, check};
use claimdiff::render::check::JsonCheck;
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<f32> = std::env::args()
        .skip(1)
        .map(|a| a.parse::<f32>())
        .collect::<Result<_, _>>()?;
    let [floor, supported, dispute, topic_share] = args[..] else {
        return Err("usage: check_grid FLOOR SUPPORTED DISPUTE TOPIC_SHARE < lines.jsonl".into());
    };
    let mut opts = CheckOptions::default();
    opts.tuning = Tuning {
        floor,
        supported,
        dispute,
        topic_share,
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(&line)?;
        let reports = d["against"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| Document::from_sentences(&strings(r)))
                    .collect()
            })
            .unwrap_or_default();
        let result = check(
            Document::from_sentences(&strings(&d["statement"])),
            reports,
            &opts,
        );
        let mut json = serde_json::to_value(JsonCheck::new(&result, None, &[]))?;
        if let Some(obj) = json.as_object_mut() {
            obj.insert("id".into(), d["id"].clone());
        }
        serde_json::to_writer(&mut out, &json)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
