//! Output of `claimdiff check`: the terminal view and the versioned JSON of a [`CheckReport`].
//!
//! ```text
//! partial     The detention of Uyghurs constitutes crimes against humanity, she said.  (0.71)
//!   ↳ report.txt, paragraph 2, sentence 3 (similarity 0.52): ... may constitute ...
//!     shared: detention, Uyghurs, crimes, humanity  [hedge: statement none, report "may"]
//! unaddressed More than one million people have been held in the camps.  (0.93)
//!   quoted “genocide”: not in the reports
//!
//! omitted (report findings no statement sentence draws on):
//!   report.txt, paragraph 5, sentence 10: The findings were based on a review ...
//!
//! 9 statement sentences: 5 supported, 2 partial, 2 unaddressed; ...
//! ```
//!
//! Shared words are highlighted in the evidence when coloured. All document text passes
//! through [`terminal_safe`], as in the diff view.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the check report's own sentence and evidence lists"
)]

use std::io::{self, Write};

use colored::Color;
use serde::{Deserialize, Serialize};

use super::json::{JsonClaimChange, JsonDocument, round4};
use super::terminal_safe;
use super::view::markup::{ADDED, DIM, MOVED, Markup, REMOVED, REWORDED, Style, fg};
use super::view::words::{check_summary_line, flag_sides, place, report_name, shown_evidence};
use super::view::{escape, marked};
use crate::check::{CHECK_JSON_VERSION, CheckReport, CheckSummary, Claim, FlagType, Verdict};

pub use super::html::check::CheckHtml;

/// The check as JSON (`docs/json.md`, "Check mode").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonCheck {
    /// Schema version of the check JSON ([`CHECK_JSON_VERSION`]; the diff JSON has its own,
    /// [`JSON_VERSION`](super::json::JSON_VERSION)).
    pub version: u32,
    /// Always `"check"`: tells this output from the diff JSON.
    pub mode: String,
    /// The statement.
    pub statement: JsonDocument,
    /// The reports, in the order given.
    pub reports: Vec<JsonDocument>,
    /// One per statement sentence, in statement order.
    pub claims: Vec<JsonClaim>,
    /// Report sentences no statement sentence draws on, in report order.
    pub omitted: Vec<JsonPlace>,
    /// Counts.
    pub summary: CheckSummary,
}

/// The check of one statement sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonClaim {
    /// Statement sentence index.
    pub sentence: usize,
    /// `supported`, `partial`, `disputed` or `unaddressed` (read also as the old
    /// `matched`, `reworded` and `unsupported`).
    pub verdict: Verdict,
    /// How sure the verdict is, 0.5 to 1 (4 decimals; see `Claim::confidence`).
    #[serde(default)]
    pub confidence: f64,
    /// The best report sentences, counterparts first, most similar first.
    pub evidence: Vec<JsonEvidence>,
    /// Disagreements with the counterparts.
    pub flags: Vec<JsonFlag>,
    /// Words the sentence quotes as the report's, looked up in the reports.
    #[serde(default)]
    pub quotes: Vec<JsonQuote>,
}

/// Quoted words looked up in the reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonQuote {
    /// The words, without their quotation marks.
    pub text: String,
    /// `[start, end]` of the words in the statement's text.
    pub statement_span: [usize; 2],
    /// Where the reports contain them word for word; empty when they do not.
    pub found: Vec<JsonQuoteHit>,
}

/// One place where quoted words occur.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonQuoteHit {
    /// Report index (into `reports`).
    pub report: usize,
    /// Sentence index in that report.
    pub sentence: usize,
    /// `[start, end]` of the words in that report's text.
    pub span: [usize; 2],
}

/// A report sentence: which report, which sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonPlace {
    /// Report index (into `reports`).
    pub report: usize,
    /// Sentence index in that report.
    pub sentence: usize,
}

/// One evidence item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEvidence {
    /// Report index (into `reports`).
    pub report: usize,
    /// Sentence index in that report.
    pub sentence: usize,
    /// 0-based paragraph of that sentence.
    pub paragraph: usize,
    /// How well it supports the statement sentence ([`crate::check::support`]; 0..1,
    /// 4 decimals).
    pub similarity: f64,
    /// Content words both sentences share, as written in the report sentence.
    pub shared: Vec<String>,
    /// Claim changes from the report sentence (`old`, spans in the report text) to the
    /// statement sentence (`new`, spans in the statement text).
    pub claim_changes: Vec<JsonClaimChange>,
}

/// One flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFlag {
    /// `negation`, `number`, `hedge`, `scare_quotes` or `attribution`.
    #[serde(rename = "type")]
    pub kind: FlagType,
    /// Index into the claim's `evidence`.
    pub evidence: usize,
    /// The phrase on the statement side, or null.
    pub statement: Option<String>,
    /// The phrase on the report side, or null.
    pub report: Option<String>,
    /// `[start, end]` of `statement` in the statement's text, or null.
    #[serde(default)]
    pub statement_span: Option<[usize; 2]>,
    /// `[start, end]` of `report` in the text of the evidence's report, or null.
    #[serde(default)]
    pub report_span: Option<[usize; 2]>,
}

impl JsonCheck {
    /// The schema form of a check; `paths` name the statement and the reports when known.
    pub fn new(
        check: &CheckReport,
        statement_path: Option<&str>,
        report_paths: &[Option<String>],
    ) -> Self {
        let claims = check
            .claims
            .iter()
            .map(|c| JsonClaim {
                sentence: c.sentence,
                verdict: c.verdict,
                confidence: round4(c.confidence),
                quotes: c
                    .quotes
                    .iter()
                    .map(|q| JsonQuote {
                        text: q.text.clone(),
                        statement_span: [q.statement_span.0, q.statement_span.1],
                        found: q
                            .found
                            .iter()
                            .map(|h| JsonQuoteHit {
                                report: h.report,
                                sentence: h.sentence,
                                span: [h.span.0, h.span.1],
                            })
                            .collect(),
                    })
                    .collect(),
                evidence: c
                    .evidence
                    .iter()
                    .map(|e| JsonEvidence {
                        report: e.report,
                        sentence: e.sentence,
                        paragraph: check.reports[e.report].sentences[e.sentence].paragraph,
                        similarity: round4(e.similarity),
                        shared: e.shared.clone(),
                        claim_changes: e.claim_changes.iter().map(JsonClaimChange::from).collect(),
                    })
                    .collect(),
                flags: c
                    .flags
                    .iter()
                    .map(|f| JsonFlag {
                        kind: f.kind,
                        evidence: f.evidence,
                        statement: f.statement.clone(),
                        report: f.report.clone(),
                        statement_span: f.statement_span.map(|(a, b)| [a, b]),
                        report_span: f.report_span.map(|(a, b)| [a, b]),
                    })
                    .collect(),
            })
            .collect();
        Self {
            version: CHECK_JSON_VERSION,
            mode: "check".to_owned(),
            statement: JsonDocument::from_document(&check.statement, statement_path),
            reports: check
                .reports
                .iter()
                .enumerate()
                .map(|(k, d)| {
                    JsonDocument::from_document(d, report_paths.get(k).and_then(|p| p.as_deref()))
                })
                .collect(),
            claims,
            omitted: check
                .omitted
                .iter()
                .map(|&(report, sentence)| JsonPlace { report, sentence })
                .collect(),
            summary: check.summary(),
        }
    }
}

/// Writes a check as one line of JSON.
#[derive(Debug, Clone, Default)]
pub struct CheckJson {
    /// Path shown for the statement.
    pub statement_path: Option<String>,
    /// Paths shown for the reports, in order.
    pub report_paths: Vec<Option<String>>,
}

impl CheckJson {
    /// Write `check` to `out`, then a newline.
    pub fn render(&self, check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
        let json = JsonCheck::new(check, self.statement_path.as_deref(), &self.report_paths);
        super::json::to_writer(&mut *out, &json, false).map_err(io::Error::from)?;
        out.write_all(b"\n")
    }
}

/// Writes a check for a person at a terminal.
#[derive(Debug, Clone, Default)]
pub struct CheckTerminal {
    /// Emit ANSI colours. Default: false.
    pub color: bool,
    /// List the omitted report sentences. Default: false (the CLI turns it on).
    pub omitted: bool,
    /// Names shown for the reports, in order; `report N` (1-based) when missing.
    pub report_paths: Vec<Option<String>>,
}

const MATCHED: Style = fg(Color::Green);
const PARTIAL: Style = fg(Color::Yellow);
const DISPUTED: Style = REMOVED;

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Supported => MATCHED,
        Verdict::Partial => PARTIAL,
        Verdict::Disputed => DISPUTED,
        Verdict::Unaddressed => MOVED,
    }
}

impl CheckTerminal {
    /// Write `check` to `out`.
    pub fn render(&self, check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
        let p = Markup::terminal(self.color);
        for c in &check.claims {
            self.claim(p, check, c, out)?;
        }
        if self.omitted && !check.omitted.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                p.paint(
                    "omitted (report findings no statement sentence draws on):",
                    ADDED
                )
            )?;
            for &(k, j) in &check.omitted {
                let text = terminal_safe(check.reports[k].sentence_text(j));
                writeln!(out, "  {}: {text}", self.place(check, k, j))?;
            }
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.paint(&check_summary_line(&check.summary()), DIM)
        )
    }

    /// [`place`], made safe for the terminal.
    fn place(&self, check: &CheckReport, k: usize, j: usize) -> String {
        terminal_safe(&place(check, &self.report_paths, k, j))
    }

    fn claim(
        &self,
        p: Markup,
        check: &CheckReport,
        c: &Claim,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let label = format!("{:<11}", c.verdict.name());
        let text = terminal_safe(check.statement.sentence_text(c.sentence));
        let conf = format!("({:.2})", c.confidence);
        writeln!(
            out,
            "{} {text}  {}",
            p.paint(&label, verdict_style(c.verdict)),
            p.paint(&conf, DIM)
        )?;
        for q in &c.quotes {
            let place = match q.found.first() {
                Some(h) => format!("in {}", self.place(check, h.report, h.sentence)),
                None => "not in the reports".to_owned(),
            };
            let line = format!("  quoted “{}”: {place}", terminal_safe(&q.text));
            let style = if q.found.is_empty() { REMOVED } else { DIM };
            writeln!(out, "{}", p.paint(&line, style))?;
        }
        let shown = shown_evidence(c);
        for (e, ev) in c.evidence.iter().take(shown).enumerate() {
            let head = format!(
                "  ↳ {} ({}similarity {:.2}):",
                self.place(check, ev.report, ev.sentence),
                if c.verdict == Verdict::Unaddressed {
                    "nearest, "
                } else {
                    ""
                },
                ev.similarity
            );
            let body = highlighted(p, check, ev.report, ev.sentence, &ev.shared_spans);
            writeln!(out, "{} {body}", p.paint(&head, DIM))?;
            let mut notes = Vec::new();
            if !ev.shared.is_empty() {
                let words: Vec<String> = ev.shared.iter().map(|w| terminal_safe(w)).collect();
                notes.push(format!("shared: {}", words.join(", ")));
            }
            for f in c.flags.iter().filter(|f| f.evidence == e) {
                let tag = format!(
                    "[{}: {}]",
                    f.kind.name(),
                    flag_sides(f, "\"", "\"", terminal_safe)
                );
                notes.push(p.paint(&tag, REWORDED).into_owned());
            }
            if !notes.is_empty() {
                writeln!(out, "    {}", notes.join("  "))?;
            }
        }
        Ok(())
    }
}

/// Report sentence `j` of report `k`, escaped, with the shared words (absolute `spans`)
/// highlighted when colour is on.
fn highlighted(
    p: Markup,
    check: &CheckReport,
    k: usize,
    j: usize,
    spans: &[(usize, usize)],
) -> String {
    let doc = &check.reports[k];
    if !p.color() {
        return terminal_safe(doc.sentence_text(j));
    }
    p.sentence(&marked(doc, j, spans))
}

/// Writes a check as GitHub-flavoured Markdown: a table of the statement sentences (verdict
/// with its confidence, the sentence, the best evidence with its flags and quote checks),
/// the omitted findings, and the summary line. All document text is escaped
/// ([`super::markdown::escape`](crate::render::markdown::escape)), line breaks inside a cell become spaces.
#[derive(Debug, Clone, Default)]
pub struct CheckMarkdown {
    /// Path shown for the statement.
    pub statement_path: Option<String>,
    /// Names shown for the reports, in order; `report N` (1-based) when missing.
    pub report_paths: Vec<Option<String>>,
    /// List the omitted report findings.
    pub omitted: bool,
}

/// Text for one Markdown table cell: control characters shown as in the terminal view
/// ([`terminal_safe`]), escaped, line breaks and runs of spaces made one space.
fn md_cell(t: &str) -> String {
    let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
    escape::markdown(&terminal_safe(&one_line))
}

impl CheckMarkdown {
    /// Write `check` to `out`.
    pub fn render(&self, check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
        let cell = md_cell;
        let reports: Vec<String> = (0..check.reports.len())
            .map(|k| format!("`{}`", report_name(&self.report_paths, k).replace('`', "'")))
            .collect();
        writeln!(
            out,
            "### claimdiff check: `{}` against {}\n",
            self.statement_path
                .as_deref()
                .unwrap_or("statement")
                .replace('`', "'"),
            reports.join(", ")
        )?;
        writeln!(out, "| verdict | statement | evidence |")?;
        writeln!(out, "|---|---|---|")?;
        for c in &check.claims {
            let mut evidence: Vec<String> = Vec::new();
            for (e, ev) in c.evidence.iter().take(shown_evidence(c)).enumerate() {
                let mut item = format!(
                    "{} ({}similarity {:.2}): {}",
                    cell(&place(check, &self.report_paths, ev.report, ev.sentence)),
                    if c.verdict == Verdict::Unaddressed {
                        "nearest, "
                    } else {
                        ""
                    },
                    ev.similarity,
                    cell(check.reports[ev.report].sentence_text(ev.sentence))
                );
                for f in c.flags.iter().filter(|f| f.evidence == e) {
                    item.push_str(&format!(
                        " **{}**: {}",
                        f.kind.name(),
                        flag_sides(f, "“", "”", md_cell)
                    ));
                }
                evidence.push(item);
            }
            for q in &c.quotes {
                evidence.push(match q.found.first() {
                    Some(h) => format!(
                        "quoted “{}”: in {}",
                        cell(&q.text),
                        cell(&place(check, &self.report_paths, h.report, h.sentence))
                    ),
                    None => format!("quoted “{}”: **not in the reports**", cell(&q.text)),
                });
            }
            writeln!(
                out,
                "| **{}** {:.2} | {} | {} |",
                c.verdict.name(),
                c.confidence,
                cell(check.statement.sentence_text(c.sentence)),
                evidence.join(" <br> ")
            )?;
        }
        if self.omitted && !check.omitted.is_empty() {
            writeln!(
                out,
                "\n**Omitted** (report findings no statement sentence draws on):\n"
            )?;
            for &(k, j) in &check.omitted {
                writeln!(
                    out,
                    "- {}: {}",
                    cell(&place(check, &self.report_paths, k, j)),
                    cell(check.reports[k].sentence_text(j))
                )?;
            }
        }
        writeln!(out, "\n{}", check_summary_line(&check.summary()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check};
    use crate::{Document, SegmentOptions};

    fn sample() -> CheckReport {
        let seg = SegmentOptions::default();
        check(
            Document::new(
                "The review found that 70 grants were misused. Bananas are \x1b[31myellow.".into(),
                &seg,
            ),
            vec![Document::new(
                "The review found that 40 grants were misused.\n\nRain fell on the city all week."
                    .into(),
                &seg,
            )],
            &CheckOptions::default(),
        )
    }

    fn render(color: bool, omitted: bool) -> String {
        let mut buf = Vec::new();
        CheckTerminal {
            color,
            omitted,
            report_paths: vec![Some("r.txt".into())],
        }
        .render(&sample(), &mut buf)
        .unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn terminal_plain_shows_verdicts_evidence_flags_and_escapes() {
        let out = render(false, true);
        assert!(
            out.contains("r.txt, paragraph 1, sentence 1 (similarity"),
            "{out}"
        );
        assert!(
            out.contains("[number: statement \"70\", report \"40\"]"),
            "{out}"
        );
        assert!(
            out.contains("shared: review, found, grants, misused"),
            "{out}"
        );
        assert!(
            out.contains("unaddressed Bananas are \\x1b[31myellow."),
            "{out}"
        );
        assert!(
            out.contains("r.txt, paragraph 2, sentence 1: Rain fell on the city all week."),
            "{out}"
        );
        assert!(!out.contains('\x1b'), "{out}");
        assert!(!render(false, false).contains("omitted ("));
    }

    #[test]
    fn check_renderers_are_renderers_of_a_check_report() {
        let term = CheckTerminal {
            color: false,
            omitted: true,
            report_paths: vec![Some("r.txt".into())],
        };
        let renderers: [&dyn crate::render::Render<CheckReport>; 2] =
            [&term, &CheckJson::default()];
        let outs: Vec<String> = renderers
            .iter()
            .map(|r| crate::render::to_string(*r, &sample()))
            .collect();
        assert_eq!(outs[0], render(false, true));
        assert!(outs[1].starts_with("{\"version\""), "{}", outs[1]);
    }

    #[test]
    fn terminal_colour_highlights_shared_words() {
        let out = render(true, true);
        assert!(out.contains("\x1b[1;32mreview\x1b[0m"), "{out}");
        // The only raw escape codes are our own styles.
        assert!(!out.contains("\x1b[31myellow"), "{out}");
    }

    #[test]
    fn markdown_is_a_table_with_escaped_text() {
        let mut buf = Vec::new();
        CheckMarkdown {
            statement_path: Some("s.txt".into()),
            report_paths: vec![Some("r.txt".into())],
            omitted: true,
        }
        .render(&sample(), &mut buf)
        .unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(
            md.starts_with("### claimdiff check: `s.txt` against `r.txt`"),
            "{md}"
        );
        assert!(md.contains("| verdict | statement | evidence |"), "{md}");
        assert!(md.contains("| **disputed** "), "{md}");
        assert!(
            md.contains("**number**: statement “70”, report “40”"),
            "{md}"
        );
        assert!(md.contains("| **unaddressed** "), "{md}");
        assert!(md.contains("**Omitted**"), "{md}");
        assert!(!md.contains('\x1b'), "{md}");
        // Every table row has its three cells.
        for line in md.lines().filter(|l| l.starts_with("| **")) {
            assert_eq!(line.matches(" | ").count(), 2, "{line}");
        }
    }

    #[test]
    fn json_round_trips() {
        let c = sample();
        let mut buf = Vec::new();
        CheckJson {
            statement_path: Some("s.txt".into()),
            report_paths: vec![Some("r.txt".into())],
        }
        .render(&c, &mut buf)
        .unwrap();
        let back: JsonCheck = serde_json::from_slice(&buf).unwrap();
        assert_eq!(back.version, CHECK_JSON_VERSION);
        assert_eq!(back.statement.path.as_deref(), Some("s.txt"));
        assert_eq!(back.claims[0].flags[0].kind, FlagType::Number);
        assert_eq!(
            back.omitted,
            [JsonPlace {
                report: 0,
                sentence: 1
            }]
        );
        assert_eq!(back.reports[0].rebuild(), c.reports[0].text);
        assert_eq!(
            back,
            JsonCheck::new(&c, Some("s.txt"), &[Some("r.txt".into())])
        );
    }
}
