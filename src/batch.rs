//! `claimdiff batch`: JSON Lines in, one JSON line out per input line, errors per line.
//!
//! Input line: `{"id": any, "old": TEXT, "new": TEXT}` where TEXT is a string (segmented as
//! usual) or an array of strings (taken as the sentences). Output line: `{"id", ...the
//! comparison JSON}` or, for a bad line, `{"id", "line", "error"}`.
//!
//! A line with a `statement` field is a check instead (`claimdiff check`):
//! `{"id", "statement": TEXT, "against": [TEXT, ...]}`, each TEXT a string or an array of
//! strings as above (a lone TEXT for `against` is one report). Output: `{"id", ...the check
//! JSON}`; the outcome is `Different` when a statement sentence is unsupported.

use serde::Serialize;
use serde_json::Value;

use crate::check::{CheckOptions, check};
use crate::render::check::JsonCheck;
use crate::render::json::JsonReport;
use crate::{Document, Options, compare};

/// What became of one input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    id: &'a Value,
    #[serde(flatten)]
    report: JsonReport,
}

#[derive(Serialize)]
struct ErrorOutput<'a> {
    id: &'a Value,
    line: usize,
    error: String,
}

/// Process one input line (`line_no` is 1-based). Returns the output line (without the
/// final newline) and its outcome. Blank lines give `None`.
pub fn process_line(line: &str, line_no: usize, opts: &Options) -> Option<(String, Outcome)> {
    if line.trim().is_empty() {
        return None;
    }
    let null = Value::Null;
    let parsed: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Some(error_line(&null, line_no, format!("invalid JSON: {e}"))),
    };
    let Some(obj) = parsed.as_object() else {
        return Some(error_line(&null, line_no, "expected a JSON object".into()));
    };
    let id = obj.get("id").unwrap_or(&null);
    let side = |name: &str| -> Result<Document, String> {
        match obj.get(name) {
            Some(v) => text_field(v, opts)
                .ok_or_else(|| format!("field `{name}` must be a string or an array of strings")),
            None => Err(format!("missing field `{name}`")),
        }
    };
    if obj.contains_key("statement") {
        return Some(check_line(obj, id, line_no, opts, side));
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
    match serde_json::to_string(&out) {
        Ok(s) => Some((s, outcome)),
        Err(e) => Some(error_line(id, line_no, format!("cannot write JSON: {e}"))),
    }
}

/// A text given as a string (segmented with `opts`) or an array of strings (the sentences).
fn text_field(v: &Value, opts: &Options) -> Option<Document> {
    match v {
        Value::String(s) => Some(Document::new(s.clone(), &opts.segment)),
        Value::Array(items) => {
            let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            parts.map(|p| Document::from_sentences(&p))
        }
        _ => None,
    }
}

/// A check line: `{"id", "statement": TEXT, "against": [TEXT, ...]}` (or one TEXT).
fn check_line(
    obj: &serde_json::Map<String, Value>,
    id: &Value,
    line_no: usize,
    opts: &Options,
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
            .map(|v| text_field(v, opts))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| AGAINST.to_owned()),
        Some(_) => Err(AGAINST.to_owned()),
    };
    let reports = match reports {
        Ok(r) => r,
        Err(e) => return error_line(id, line_no, e),
    };
    let result = check(
        statement,
        reports,
        &CheckOptions {
            lang: opts.align.lang,
            ..CheckOptions::default()
        },
    );
    let outcome = if result.all_supported() {
        Outcome::Same
    } else {
        Outcome::Different
    };
    #[derive(Serialize)]
    struct CheckOutput<'a> {
        id: &'a Value,
        #[serde(flatten)]
        report: JsonCheck,
    }
    let out = CheckOutput {
        id,
        report: JsonCheck::new(&result, None, &[]),
    };
    match serde_json::to_string(&out) {
        Ok(s) => (s, outcome),
        Err(e) => error_line(id, line_no, format!("cannot write JSON: {e}")),
    }
}

fn error_line(id: &Value, line: usize, error: String) -> (String, Outcome) {
    let out = ErrorOutput { id, line, error };
    let text = serde_json::to_string(&out).unwrap_or_else(|_| {
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
        assert_eq!(v["claims"][0]["verdict"], "matched");
        assert_eq!(v["claims"][1]["verdict"], "unsupported");
        assert_eq!(v["reports"][1]["sentences"].as_array().unwrap().len(), 2);
        let (v, o) = run(r#"{"id": 1, "statement": "Rain fell.", "against": "Rain fell."}"#);
        assert_eq!(
            (o, v["summary"]["matched"].as_u64()),
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
}
