//! `claimdiff batch`: JSON Lines in, one JSON line out per input line, errors per line.
//!
//! Input line: `{"id": any, "old": TEXT, "new": TEXT}` where TEXT is a string (segmented as
//! usual) or an array of strings (taken as the sentences). An optional `"format"` field
//! (`"prose"`, `"markdown"` or `"lines"`) sets how that line's strings are segmented, in
//! place of `--split` (records have no file name to tell Markdown by). Output line: `{"id", ...the
//! comparison JSON}` or, for a bad line, `{"id", "line", "error"}`.
//!
//! A line with a `statement` field is a check instead (`claimdiff check`):
//! `{"id", "statement": TEXT, "against": [TEXT, ...]}`, each TEXT a string or an array of
//! strings as above (a lone TEXT for `against` is one report). Output: `{"id", ...the check
//! JSON}`; the outcome is `Different` when a statement sentence is disputed or unaddressed.
//!
//! [`run`] streams a whole input: it reads a chunk of lines, compares the chunk's pairs in
//! parallel (rayon), writes their output lines in input order, then reads the next chunk, so
//! memory is bounded by the chunk, not by the file.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::check::{CheckOptions, check};
use crate::error::Error;
use crate::input::DecodeOptions;
use crate::render::check::JsonCheck;
use crate::render::json::JsonReport;
use crate::segment::{SegmentOptions, SplitMode};
use crate::{Document, Options, compare};

/// Lines read per job before a chunk is processed: enough to keep every thread busy while
/// one slow pair finishes, small enough that a chunk of ArgRewrite-sized pairs (a few KB
/// each) stays within a few MB.
pub const LINES_PER_JOB: usize = 256;
/// A chunk also ends once it holds this many bytes of input, so that long lines (whole books
/// per side) do not pile up: memory stays near `CHUNK_BYTES` plus the pairs in flight.
const CHUNK_BYTES: usize = 16 * 1024 * 1024;
/// Bytes a line may hold beyond `--max-bytes`: the id, the keys and the quotes, so that a
/// small limit still accepts a line such as `{"id": "a-long-id", "old": "0123456789", ...}`.
/// A line is refused as a whole when longer (see [`line_limit`]): reading it stops there, so
/// one line never takes more memory than about `--max-bytes`, and each side's text, shorter
/// than the line, is within the limit too (an array's text can still exceed it: its checks
/// are in [`process_bytes`]). A pair of two large sides needs a `--max-bytes` above their sum.
const LINE_OVERHEAD: usize = 64 * 1024;
/// At most this many jobs per core: a larger `--jobs` is lowered to it. More threads than
/// cores only adds memory (a pair in flight each) and start-up time (`--jobs 10000` started
/// 10,000 threads); a few per core still overlaps a slow pair with the others.
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The longest line [`run`] reads for a `--max-bytes` of `max_bytes`: `max_bytes` plus
/// `LINE_OVERHEAD` (64 KiB).
pub fn line_limit(max_bytes: usize) -> usize {
    max_bytes.saturating_add(LINE_OVERHEAD)
}

/// The jobs [`run`] uses for `requested` (0: one per core): at most
/// [`MAX_JOBS_PER_CORE`] per core.
pub fn effective_jobs(requested: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if requested == 0 {
        cores
    } else {
        requested.min(cores.saturating_mul(MAX_JOBS_PER_CORE))
    }
}

/// A line's `id` as the output gives it: the exact text of the input (an integer above
/// 2^64, `1.50` or `1e400` stay as written), or a parsed value (`null` when there is none).
#[derive(Serialize, Clone, Copy)]
#[serde(untagged)]
enum Id<'a> {
    Raw(&'a RawValue),
    Value(&'a Value),
}

/// The fields of an input line that are parsed (the others are only skipped over).
const PARSED_FIELDS: [&str; 5] = ["old", "new", "statement", "against", "format"];

static NULL: Value = Value::Null;
const NO_ID: Id<'static> = Id::Value(&NULL);

/// What became of one input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The pair has no differences.
    Same,
    /// The pair differs.
    Different,
    /// The line could not be processed (its output is an error object).
    Error,
}

#[derive(Serialize)]
struct Output<'a> {
    id: Id<'a>,
    #[serde(flatten)]
    report: JsonReport,
}

#[derive(Serialize)]
struct ErrorOutput<'a> {
    id: Id<'a>,
    line: usize,
    error: String,
}

/// Process one input line (`line_no` is 1-based) with the default input checks. Returns the
/// output line (without the final newline) and its outcome. Blank lines give `None`.
pub fn process_line(line: &str, line_no: usize, opts: &Options) -> Option<(String, Outcome)> {
    process_text(line, line_no, opts, &DecodeOptions::default())
}

/// Process the raw bytes of one input line (without its newline) as `claimdiff batch` does:
/// invalid UTF-8 is an error line unless `decode.lossy` (then it is replaced with U+FFFD);
/// each side longer than `decode.max_bytes` or holding a NUL character (unless
/// `decode.allow_binary`) is an error line too.
pub fn process_bytes(
    bytes: &[u8],
    line_no: usize,
    opts: &Options,
    decode: &DecodeOptions,
) -> Option<(String, Outcome)> {
    match std::str::from_utf8(bytes) {
        Ok(text) => process_text(text, line_no, opts, decode),
        Err(e) if !decode.lossy => {
            let err = Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            };
            Some(error_line(NO_ID, line_no, err.to_string()))
        }
        Err(_) => process_text(&String::from_utf8_lossy(bytes), line_no, opts, decode),
    }
}

/// The input checks of one side: its size (for an array, the size of the text it stands
/// for: its strings joined by `\n`, so a million empty strings count 999,999 bytes) and NULs.
fn check_side(name: &str, parts: &[&str], decode: &DecodeOptions) -> Result<(), String> {
    let size: usize = parts.iter().map(|p| p.len()).sum::<usize>() + parts.len().saturating_sub(1);
    let err = if size > decode.max_bytes {
        Some(Error::TooLarge {
            size,
            max: decode.max_bytes,
        })
    } else if decode.allow_binary {
        None
    } else {
        let mut before = 0;
        parts.iter().find_map(|p| match p.find('\0') {
            Some(k) => Some(Error::Binary { offset: before + k }),
            None => {
                before += p.len();
                None
            }
        })
    };
    err.map_or(Ok(()), |e| Err(format!("field `{name}`: {e}")))
}

fn process_text(
    line: &str,
    line_no: usize,
    opts: &Options,
    decode: &DecodeOptions,
) -> Option<(String, Outcome)> {
    if line.trim().is_empty() {
        return None;
    }
    // Fields as written; only the text fields are parsed further, so the id is copied
    // exactly (an integer above 2^64, `1.50`, `1e400`) and other fields are never parsed.
    let fields: BTreeMap<String, &RawValue> = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            return Some(error_line(NO_ID, line_no, "expected a JSON object".into()));
        }
        Err(e) => return Some(error_line(NO_ID, line_no, format!("invalid JSON: {e}"))),
    };
    let id = fields.get("id").map_or(NO_ID, |raw| Id::Raw(raw));
    let mut obj = serde_json::Map::new();
    for name in PARSED_FIELDS {
        if let Some(raw) = fields.get(name) {
            match serde_json::from_str::<Value>(raw.get()) {
                Ok(v) => obj.insert(name.to_owned(), v),
                Err(e) => {
                    let e = format!("field `{name}`: invalid JSON: {e}");
                    return Some(error_line(id, line_no, e));
                }
            };
        }
    }
    let obj = &obj;
    let seg = match record_format(obj.get("format"), &opts.segment) {
        Ok(seg) => seg,
        Err(e) => return Some(error_line(id, line_no, e)),
    };
    let side = |name: &str| -> Result<Document, String> {
        match obj.get(name) {
            Some(v) => text_field(name, v, &seg, decode),
            None => Err(format!("missing field `{name}`")),
        }
    };
    if obj.contains_key("statement") {
        return Some(check_line(obj, id, line_no, &seg, decode, side));
    }
    let (old, new) = match (side("old"), side("new")) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return Some(error_line(id, line_no, e)),
    };
    let cmp = compare(old, new, &opts.align);
    let outcome = if cmp.has_differences() {
        Outcome::Different
    } else {
        Outcome::Same
    };
    let out = Output {
        id,
        report: JsonReport::new(&cmp, None, None),
    };
    match crate::render::json::to_string(&out) {
        Ok(s) => Some((s, outcome)),
        Err(e) => Some(error_line(id, line_no, format!("cannot write JSON: {e}"))),
    }
}

/// The segmentation of one record: `given` (from `--split`), or the record's `"format"`
/// field (`"prose"`, `"markdown"`, `"lines"`) when it has one.
fn record_format(format: Option<&Value>, given: &SegmentOptions) -> Result<SegmentOptions, String> {
    const FORMAT: &str = "field `format` must be \"prose\", \"markdown\" or \"lines\"";
    let split = match format {
        None | Some(Value::Null) => return Ok(given.clone()),
        Some(Value::String(f)) => match f.as_str() {
            "prose" => SplitMode::Prose,
            "markdown" => SplitMode::Markdown,
            "lines" => SplitMode::Lines,
            _ => return Err(FORMAT.to_owned()),
        },
        Some(_) => return Err(FORMAT.to_owned()),
    };
    Ok(SegmentOptions {
        split,
        lang: given.lang,
    })
}

/// A text given as a string (segmented with `seg`) or an array of strings (the sentences),
/// after the input checks of [`check_side`]; `name` is the field, for messages.
fn text_field(
    name: &str,
    v: &Value,
    seg: &SegmentOptions,
    decode: &DecodeOptions,
) -> Result<Document, String> {
    match v {
        Value::String(s) => {
            check_side(name, &[s], decode)?;
            Ok(Document::new(s.clone(), seg))
        }
        Value::Array(items) => {
            let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            let parts = parts
                .ok_or_else(|| format!("field `{name}` must be a string or an array of strings"))?;
            check_side(name, &parts, decode)?;
            Ok(Document::from_sentences(&parts).in_lang(seg.lang))
        }
        _ => Err(format!(
            "field `{name}` must be a string or an array of strings"
        )),
    }
}

/// A check line: `{"id", "statement": TEXT, "against": [TEXT, ...]}` (or one TEXT).
fn check_line(
    obj: &serde_json::Map<String, Value>,
    id: Id<'_>,
    line_no: usize,
    seg: &SegmentOptions,
    decode: &DecodeOptions,
    side: impl Fn(&str) -> Result<Document, String>,
) -> (String, Outcome) {
    let statement = match side("statement") {
        Ok(d) => d,
        Err(e) => return error_line(id, line_no, e),
    };
    const AGAINST: &str =
        "field `against` must be a string, an array of strings, or an array of those";
    let reports = match obj.get("against") {
        None => return error_line(id, line_no, "missing field `against`".into()),
        Some(Value::String(_)) => side("against").map(|d| vec![d]),
        // An array of texts; an array whose items are all strings is a list of reports,
        // each a text to segment, unless wrapped once more (`[["s1", "s2"]]`).
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|v| match v {
                Value::String(_) | Value::Array(_) => text_field("against", v, seg, decode),
                _ => Err(AGAINST.to_owned()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                if e.contains("must be") {
                    AGAINST.to_owned()
                } else {
                    e
                }
            }),
        Some(_) => Err(AGAINST.to_owned()),
    };
    let reports = match reports {
        Ok(r) => r,
        Err(e) => return error_line(id, line_no, e),
    };
    let result = check(statement, reports, &CheckOptions::default());
    let outcome = if result.all_supported() {
        Outcome::Same
    } else {
        Outcome::Different
    };
    #[derive(Serialize)]
    struct CheckOutput<'a> {
        id: Id<'a>,
        #[serde(flatten)]
        report: JsonCheck,
    }
    let out = CheckOutput {
        id,
        report: JsonCheck::new(&result, None, &[]),
    };
    match crate::render::json::to_string(&out) {
        Ok(s) => (s, outcome),
        Err(e) => error_line(id, line_no, format!("cannot write JSON: {e}")),
    }
}

/// How [`run`] reads and compares.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct BatchOptions {
    /// Segmentation and alignment options.
    pub options: Options,
    /// Per-line input checks (`--max-bytes` per side, `--text`, `--lossy`).
    pub decode: DecodeOptions,
    /// Pairs compared at the same time. Default (0): one per core; at most
    /// [`MAX_JOBS_PER_CORE`] per core (a larger value is lowered, see [`effective_jobs`]).
    pub jobs: usize,
}

/// Counts of what [`run`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pairs without differences.
    pub same: usize,
    /// Pairs with differences.
    pub different: usize,
    /// Lines that gave an error object.
    pub errors: usize,
}

/// Compare every line of `input` and write one output line per non-blank input line to
/// `out`, in input order whatever the number of jobs. `progress(lines, bytes)` is called
/// after each chunk with the totals read so far. Errors are I/O errors of `input` or `out`
/// (a bad line is not an error: it gives an error object).
pub fn run(
    mut input: impl BufRead,
    out: &mut dyn Write,
    opts: &BatchOptions,
    mut progress: impl FnMut(u64, u64),
) -> io::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(effective_jobs(opts.jobs))
        .build()
        .map_err(io::Error::other)?;
    let chunk_lines = LINES_PER_JOB * pool.current_num_threads();
    let limit = line_limit(opts.decode.max_bytes);
    let take = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut summary = Summary::default();
    let (mut line_no, mut bytes_read) = (0usize, 0u64);
    // A line is its bytes, or `Err` when it is longer than `limit` (its start is dropped).
    let mut chunk: Vec<(usize, Result<Vec<u8>, ()>)> = Vec::with_capacity(chunk_lines);
    loop {
        chunk.clear();
        let mut chunk_bytes = 0;
        let mut too_long = false;
        while chunk.len() < chunk_lines && chunk_bytes < CHUNK_BYTES {
            let mut line = Vec::new();
            let n = Read::take(&mut input, take).read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            line_no += 1;
            bytes_read += n as u64;
            chunk_bytes += n;
            if line.last() == Some(&b'\n') {
                line.pop();
            } else if line.len() > limit {
                // Write what came before at once: the rest of this line may never end.
                chunk.push((line_no, Err(())));
                too_long = true;
                break;
            }
            chunk.push((line_no, Ok(line)));
        }
        if chunk.is_empty() {
            break;
        }
        let work = |(no, line): &(usize, Result<Vec<u8>, ()>)| match line {
            Ok(bytes) => process_bytes(bytes, *no, &opts.options, &opts.decode),
            Err(()) => Some(error_line(
                NO_ID,
                *no,
                format!("line is longer than the limit of {limit} bytes (--max-bytes + 64 KiB)"),
            )),
        };
        let results: Vec<Option<(String, Outcome)>> = if pool.current_num_threads() == 1 {
            chunk.iter().map(work).collect()
        } else {
            pool.install(|| chunk.par_iter().map(work).collect())
        };
        for (json, outcome) in results.into_iter().flatten() {
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
            match outcome {
                Outcome::Same => summary.same += 1,
                Outcome::Different => summary.different += 1,
                Outcome::Error => summary.errors += 1,
            }
        }
        if too_long {
            out.flush()?;
            bytes_read += skip_line(&mut input)?;
        }
        progress(line_no as u64, bytes_read);
    }
    Ok(summary)
}

/// Read and drop the rest of a line (through its `\n`) in constant memory; the bytes read.
fn skip_line(input: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        let (used, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        input.consume(used);
        skipped += used as u64;
        if done {
            return Ok(skipped);
        }
    }
}

fn error_line(id: Id<'_>, line: usize, error: String) -> (String, Outcome) {
    let out = ErrorOutput { id, line, error };
    let text = crate::render::json::to_string(&out).unwrap_or_else(|_| {
        format!("{{\"id\":null,\"line\":{line},\"error\":\"unprintable error\"}}")
    });
    (text, Outcome::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> (Value, Outcome) {
        let (s, o) = process_line(line, 7, &Options::default()).unwrap();
        (serde_json::from_str(&s).unwrap(), o)
    }

    #[test]
    fn strings_and_arrays() {
        let (v, o) = run(r#"{"id": "a", "old": "One. Two.", "new": ["One.", "Two!"]}"#);
        assert_eq!(o, Outcome::Different);
        assert_eq!(v["id"], "a");
        assert_eq!(v["version"], 1);
        assert_eq!(v["changes"][1]["kind"], "reworded");
        let (_, o) = run(r#"{"id": 2, "old": ["Same."], "new": "Same."}"#);
        assert_eq!(o, Outcome::Same);
    }

    #[test]
    fn check_lines() {
        let (v, o) = run(
            r#"{"id": "c", "statement": ["Rain fell in March.", "Bananas are yellow."],
                "against": [["Rain fell in March."], "Snow fell in May. Wind blew."]}"#,
        );
        assert_eq!(o, Outcome::Different);
        assert_eq!(
            (v["id"].as_str(), v["mode"].as_str()),
            (Some("c"), Some("check"))
        );
        assert_eq!(v["claims"][0]["verdict"], "supported");
        assert_eq!(v["claims"][1]["verdict"], "unaddressed");
        assert_eq!(v["reports"][1]["sentences"].as_array().unwrap().len(), 2);
        let (v, o) = run(r#"{"id": 1, "statement": "Rain fell.", "against": "Rain fell."}"#);
        assert_eq!(
            (o, v["summary"]["supported"].as_u64()),
            (Outcome::Same, Some(1))
        );
        let (v, o) = run(r#"{"id": 2, "statement": "Rain fell."}"#);
        assert_eq!(
            (o, v["error"].as_str()),
            (Outcome::Error, Some("missing field `against`"))
        );
        let (v, _) = run(r#"{"id": 3, "statement": "Rain.", "against": [3]}"#);
        assert!(v["error"].as_str().unwrap().contains("`against`"));
        let (v, _) = run(r#"{"id": 4, "statement": 5, "against": "Rain."}"#);
        assert!(v["error"].as_str().unwrap().contains("`statement`"));
    }

    #[test]
    fn errors_name_the_line() {
        let (v, o) = run("{not json");
        assert_eq!(o, Outcome::Error);
        assert_eq!(v["line"], 7);
        assert!(v["error"].as_str().unwrap().starts_with("invalid JSON"));
        let (v, _) = run(r#"{"id": "x", "old": 3, "new": "a"}"#);
        assert_eq!(v["id"], "x");
        assert!(v["error"].as_str().unwrap().contains("`old`"));
        let (v, _) = run(r#"{"id": "y", "old": "a"}"#);
        assert_eq!(v["error"], "missing field `new`");
        assert!(process_line("   ", 1, &Options::default()).is_none());
    }

    fn checked(line: &[u8], decode: &DecodeOptions) -> Value {
        let (s, _) = process_bytes(line, 3, &Options::default(), decode).unwrap();
        serde_json::from_str(&s).unwrap()
    }

    #[test]
    fn input_checks_per_line() {
        let strict = DecodeOptions::default();
        let v = checked(b"{\"id\": 1, \"old\": \"a\xFF\", \"new\": \"b\"}", &strict);
        assert!(
            v["error"]
                .as_str()
                .unwrap()
                .starts_with("invalid UTF-8 at byte 19")
        );
        let lossy = DecodeOptions {
            lossy: true,
            ..DecodeOptions::default()
        };
        let v = checked(b"{\"id\": 1, \"old\": \"a\xFF\", \"new\": \"b\"}", &lossy);
        assert_eq!(v["old"]["sentences"][0]["text"], "a\u{FFFD}");
        let nul = br#"{"id": 1, "old": ["x", "a\u0000"], "new": "b"}"#;
        let v = checked(nul, &strict);
        assert!(
            v["error"]
                .as_str()
                .unwrap()
                .starts_with("field `old`: binary")
        );
        assert!(v["error"].as_str().unwrap().contains("offset 2"));
        let text = DecodeOptions {
            allow_binary: true,
            ..DecodeOptions::default()
        };
        assert!(checked(nul, &text).get("error").is_none());
        let small = DecodeOptions {
            max_bytes: 4,
            ..DecodeOptions::default()
        };
        let v = checked(br#"{"id": 1, "old": "abc", "new": "abcde"}"#, &small);
        assert!(
            v["error"]
                .as_str()
                .unwrap()
                .starts_with("field `new`: input is 5 bytes")
        );
    }

    fn run_jobs(input: &str, jobs: usize) -> (Vec<u8>, Summary) {
        let mut out = Vec::new();
        let opts = BatchOptions {
            jobs,
            ..BatchOptions::default()
        };
        let summary = super::run(input.as_bytes(), &mut out, &opts, |_, _| {}).unwrap();
        (out, summary)
    }

    #[test]
    fn run_keeps_input_order_for_any_number_of_jobs() {
        let mut input = String::new();
        for k in 0..1500 {
            let new = if k % 3 == 0 {
                "Same. Text."
            } else {
                "Same. Changed text."
            };
            input.push_str(&format!(
                r#"{{"id": {k}, "old": "Same. Text.", "new": "{new}"}}"#
            ));
            input.push_str(if k % 500 == 7 { "\n{bad\n\n" } else { "\n" });
        }
        let (one, summary) = run_jobs(&input, 1);
        assert_eq!(
            summary,
            Summary {
                same: 500,
                different: 1000,
                errors: 3
            }
        );
        let ids: Vec<Value> = String::from_utf8(one.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
            .filter(|id| !id.is_null())
            .collect();
        assert_eq!(ids, (0..1500).map(Value::from).collect::<Vec<_>>());
        for jobs in [2, 8] {
            assert_eq!(run_jobs(&input, jobs).0, one, "--jobs {jobs}");
        }
    }
}
