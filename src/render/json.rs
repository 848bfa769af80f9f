//! The JSON output: a versioned contract, documented in `docs/json.md`.
//!
//! These serde types are the schema. They are separate from the library's own types so
//! that the library can change without changing what users parse, and they derive
//! `Deserialize` so that tests (and users) read the output back.

use std::io;

use serde::{Deserialize, Serialize};

use super::Render;
use crate::classify::EditOp;
use crate::{ChangeKind, ClaimChange, ClaimType, Comparison, Document, Stats};

/// Version of the JSON schema. Bumped on any change that could break a reader; adding a
/// field is not such a change.
pub const JSON_VERSION: u32 = 1;

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    /// Schema version ([`JSON_VERSION`]).
    pub version: u32,
    /// The old text.
    pub old: JsonDocument,
    /// The new text.
    pub new: JsonDocument,
    /// Changes in reading order; every sentence index of each side is in exactly one.
    pub changes: Vec<JsonChange>,
    /// Counts per kind.
    pub stats: Stats,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    /// The file name as given on the command line, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The sentences in text order.
    pub sentences: Vec<JsonSentence>,
    /// Text after the last sentence (whitespace), so that the text can be rebuilt.
    pub trailing: String,
    /// For a text extracted from HTML or .docx: its blocks (byte spans into the text, kind,
    /// and where each came from); absent for text read as it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<crate::extract::Block>,
}

impl JsonDocument {
    /// The text exactly as read: each sentence's `space_before`, `markup_before`, `text`
    /// and `markup_after` in turn, then `trailing`.
    pub fn rebuild(&self) -> String {
        let mut out = String::new();
        for s in &self.sentences {
            out.push_str(&s.space_before);
            out.push_str(&s.markup_before);
            out.push_str(&s.text);
            out.push_str(&s.markup_after);
        }
        out.push_str(&self.trailing);
        out
    }
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSentence {
    /// Byte offset of its first byte in the text (markup included).
    pub start: usize,
    /// Byte offset one past its last byte (markup included).
    pub end: usize,
    /// 0-based paragraph number.
    pub paragraph: usize,
    /// The unit's text, exactly as in the input: the span from `start` to `end` without
    /// `markup_before` and `markup_after`. The text compared is this text, except that a
    /// Markdown heading's trailing anchor (` {#scope}`) is not compared.
    pub text: String,
    /// Markdown markup at the start of the span that is shown but not compared (front-matter
    /// fence, attribute list, bare HTML tags); omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub markup_before: String,
    /// Markup at the end of the span that is shown but not compared (closing fence,
    /// `</aside>`, link reference definitions); omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub markup_after: String,
    /// The text between the previous sentence (or the start) and this one.
    pub space_before: String,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonChange {
    /// What happened.
    pub kind: ChangeKind,
    /// Old sentence indexes.
    pub old: Vec<usize>,
    /// New sentence indexes.
    pub new: Vec<usize>,
    /// How alike the two sides are (0..1, 4 decimals); null for added and removed.
    pub similarity: Option<f64>,
    /// How likely the pairing is right (0..1, 4 decimals; calibrated on the dev sets, see
    /// docs/json.md); null for added and removed.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Word-level edits from old to new text; empty when the texts are byte-identical.
    pub edits: Vec<JsonEdit>,
    /// Whether a rewording changed in substance (not only whitespace, punctuation, case,
    /// quote style, spelling variant, contraction). False for unchanged, added, removed.
    #[serde(default)]
    pub substantive: bool,
    /// Typed claim changes of units that pair sentences; empty for the others.
    #[serde(default)]
    pub claim_changes: Vec<JsonClaimChange>,
}

/// One typed claim change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonClaimChange {
    /// `number`, `negation`, `modality`, `attribution`, `entity` or `intensity`.
    #[serde(rename = "type")]
    pub kind: ClaimType,
    /// The old phrase, or null when it was added.
    pub old: Option<String>,
    /// The new phrase, or null when it was removed.
    pub new: Option<String>,
    /// `[start, end]` of `old` in the old text, or null.
    pub old_span: Option<[usize; 2]>,
    /// `[start, end]` of `new` in the new text, or null.
    pub new_span: Option<[usize; 2]>,
    /// Why a change of this type (`hedge`, `quote`, `antonym`); absent when the type
    /// says it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<&ClaimChange> for JsonClaimChange {
    fn from(cc: &ClaimChange) -> Self {
        Self {
            kind: cc.kind,
            old: cc.old.clone(),
            new: cc.new.clone(),
            old_span: cc.old_span.map(|(s, t)| [s, t]),
            new_span: cc.new_span.map(|(s, t)| [s, t]),
            reason: cc.reason.clone(),
        }
    }
}

/// One word-level edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEdit {
    /// `equal`, `delete` or `insert`.
    pub op: EditOp,
    /// The text kept, deleted or inserted.
    pub text: String,
    /// `[start, end]` in the old text (`equal` and `delete`).
    pub old_span: Option<[usize; 2]>,
    /// `[start, end]` in the new text (`equal` and `insert`).
    pub new_span: Option<[usize; 2]>,
}

pub(crate) fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

impl JsonDocument {
    /// The schema form of a document.
    pub fn from_document(doc: &Document, path: Option<&str>) -> Self {
        let mut pos = 0;
        let sentences = doc
            .sentences
            .iter()
            .map(|s| {
                let space_before = doc.text[pos..s.start].to_owned();
                pos = s.end;
                JsonSentence {
                    start: s.start,
                    end: s.end,
                    paragraph: s.paragraph,
                    text: doc.text[s.text_start..s.text_end].to_owned(),
                    markup_before: doc.text[s.start..s.text_start].to_owned(),
                    markup_after: doc.text[s.text_end..s.end].to_owned(),
                    space_before,
                }
            })
            .collect();
        Self {
            path: path.map(str::to_owned),
            sentences,
            trailing: doc.text[pos..].to_owned(),
            blocks: doc.blocks.clone(),
        }
    }
}

impl JsonReport {
    /// The schema form of a comparison.
    pub fn new(cmp: &Comparison, old_path: Option<&str>, new_path: Option<&str>) -> Self {
        let changes = cmp
            .changes
            .iter()
            .map(|c| JsonChange {
                kind: c.kind,
                old: c.old.clone(),
                new: c.new.clone(),
                similarity: c.similarity.map(round4),
                confidence: c.confidence.map(round4),
                edits: c
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        op: e.op,
                        text: e.text(&cmp.old, &cmp.new).to_owned(),
                        old_span: e.old.map(|(s, t)| [s, t]),
                        new_span: e.new.map(|(s, t)| [s, t]),
                    })
                    .collect(),
                substantive: c.substantive,
                claim_changes: c.claim_changes.iter().map(JsonClaimChange::from).collect(),
            })
            .collect();
        Self {
            version: JSON_VERSION,
            old: JsonDocument::from_document(&cmp.old, old_path),
            new: JsonDocument::from_document(&cmp.new, new_path),
            changes,
            stats: cmp.stats(),
        }
    }
}

/// JSON renderer: one object, pretty-printed or on one line.
#[derive(Debug, Clone, Default)]
pub struct Json {
    /// Indent the output. Default: false (one line).
    pub pretty: bool,
    /// Path shown for the old side.
    pub old_path: Option<String>,
    /// Path shown for the new side.
    pub new_path: Option<String>,
}

impl Render for Json {
    fn render(&self, cmp: &Comparison, out: &mut dyn io::Write) -> io::Result<()> {
        let report = JsonReport::new(cmp, self.old_path.as_deref(), self.new_path.as_deref());
        to_writer(&mut *out, &report, self.pretty).map_err(io::Error::from)?;
        out.write_all(b"\n")
    }
}

/// Write `value` as JSON, compact or `pretty`, with the escapes of [`SafeFormatter`]: every
/// JSON output of claimdiff goes through here, so none carries a raw C1 or format control.
pub fn to_writer<W: io::Write + ?Sized, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let f = SafeFormatter(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    } else {
        let f = SafeFormatter(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    }
}

/// [`to_writer`] (compact) to a `String`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut buf = Vec::new();
    to_writer(&mut buf, value, false)?;
    // The formatter writes only UTF-8 (the input strings and ASCII escapes).
    String::from_utf8(buf).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// A serde_json formatter that writes, besides serde_json's own escapes (quotes,
/// backslashes, C0 controls), DEL and the C1 controls U+007F..U+009F, every Unicode format
/// character (category Cf: bidi controls, zero-width and tag characters) and U+2028/U+2029
/// as `\uXXXX` (astral ones as a surrogate pair, `\udb40\udc41`). The JSON means the same
/// text; only its bytes can no longer fool a terminal or viewer it is printed in. Raw
/// fragments (batch ids copied as written) get the same escapes: in valid JSON such
/// characters can only be inside strings, where the escape means the same character.
#[derive(Debug, Clone)]
pub struct SafeFormatter<F>(pub F);

/// Write `text` with [`super::json_escapes`] characters as `\uXXXX`.
fn write_escaped<W: io::Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    // Every character `json_escapes` is at or above U+007F, so ASCII below DEL is written
    // as it is without looking at each character (most text; ~5% of a batch's CPU).
    if text.bytes().all(|b| b < 0x7F) {
        return out.write_all(text.as_bytes());
    }
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if super::json_escapes(c) {
            out.write_all(text.get(start..i).unwrap_or_default().as_bytes())?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(out, "\\u{u:04x}")?;
            }
            start = i + c.len_utf8();
        }
    }
    out.write_all(text.get(start..).unwrap_or_default().as_bytes())
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_escaped(out, fragment)
    }
    fn write_raw_fragment<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_escaped(out, fragment)
    }
    fn begin_array<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_array(out)
    }
    fn end_array<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array(out)
    }
    fn begin_array_value<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(out, first)
    }
    fn end_array_value<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array_value(out)
    }
    fn begin_object<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object(out)
    }
    fn end_object<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object(out)
    }
    fn begin_object_key<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(out, first)
    }
    fn end_object_key<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_key(out)
    }
    fn begin_object_value<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object_value(out)
    }
    fn end_object_value<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_value(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, compare_texts};

    #[test]
    fn c1_and_format_controls_are_escaped_and_mean_the_same() {
        let text = "a\u{85}b\u{9B}c\u{202E}d\u{E0041}e\u{2028}f\u{1b}g é中";
        let out = to_string(&text).unwrap();
        assert_eq!(
            out,
            "\"a\\u0085b\\u009bc\\u202ed\\udb40\\udc41e\\u2028f\\u001bg é中\""
        );
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
        let pretty = {
            let mut buf = Vec::new();
            to_writer(&mut buf, &serde_json::json!({"k": [text]}), true).unwrap();
            String::from_utf8(buf).unwrap()
        };
        assert!(pretty.contains("\n  \"k\": [\n    \"a\\u0085"), "{pretty}");
    }

    #[test]
    fn round_trips_and_rebuilds() {
        let old = "  First one.  Second one.\n\nThird.\n";
        let new = "First one. Second two.\n";
        let cmp = compare_texts(old, new, &Options::default());
        let text = super::super::to_string(&Json::default(), &cmp);
        let back: JsonReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back.version, JSON_VERSION);
        assert_eq!(back.old.rebuild(), old);
        assert_eq!(back.new.rebuild(), new);
        assert_eq!(back, JsonReport::new(&cmp, None, None));
    }
}
