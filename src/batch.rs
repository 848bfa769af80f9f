//! `claimdiff batch`: JSON Lines in, one JSON line out per input line, errors per line.
//!
//! Input line: `{"id": any, "old": TEXT, "new": TEXT}` where TEXT is a string (segmented as
//! usual) or an array of strings (taken as the sentences). Output line: `{"id", ...the
//! comparison JSON}` or, for a bad line, `{"id", "line", "error"}`.

use serde::Serialize;
use serde_json::Value;

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
            Some(Value::String(s)) => Ok(Document::new(s.clone(), &opts.segment)),
            Some(Value::Array(items)) => {
                let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                parts.map(|p| Document::from_sentences(&p)).ok_or_else(|| {
                    format!("field `{name}` must be a string or an array of strings")
                })
            }
            Some(_) => Err(format!(
                "field `{name}` must be a string or an array of strings"
            )),
            None => Err(format!("missing field `{name}`")),
        }
    };
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
