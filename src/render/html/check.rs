//! `claimdiff check --format html`: one self-contained page with the claims of a statement,
//! their evidence, and the report sentences they draw on or leave out.
//!
//! ```text
//! ┌ summary: files, [x] 2 partial [x] 13 unsupported ... (filters), report: [x] 3 reflected ┐
//! │          [x] 11 omitted, flags per type                                                  │
//! │ verdict  │ statement                          │ evidence                                 │
//! │ partial  │ The <mark>detention</mark> ...     │ [report.txt, paragraph 2, sentence 3]    │
//! │          │                                    │ similarity 0.66 · ... <mark>detention    │
//! │          │                                    │ [hedge] statement none, report “may”     │
//! ├ report.txt ─────────────────────────────────────────────────────────────────────────────┤
//! │ 3        │ According to the office, ...       │ [statement sentence 2 · partial]          │
//! │ 4        │ The findings were based on ...     │ omitted                                   │
//! └──────────────────────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! Statement rows come in statement order, each with `id="sI"` and `data-kind="VERDICT"`, so
//! the rows of a verdict can be counted and filtered (the shell's filters). Below them every
//! report sentence, in report order, with `id="rK-J"` and `data-of="reflected"` or
//! `data-of="omitted"`: the evidence links to it, and it links back to the statement
//! sentences that cite it (the shell's partner links). Everything taken from the input goes
//! through [`text`] (escaped, hidden characters shown).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the check report's own sentence and evidence lists"
)]

use std::io::{self, Write};

use super::page::{self, Page, filter, grid_start, tag, text};
use crate::Document;
use crate::check::{CheckReport, CheckSummary, Claim, Evidence, FlagType, Verdict};
use crate::render::view::markup::Markup;
use crate::render::view::words::{
    flag_sides, place, plural, position, report_name, shown_evidence,
};

/// CSS of the check view, added to [`super::page::BASE_CSS`].
const CHECK_CSS: &str = include_str!("check.css");

/// HTML report of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckHtml {
    /// Name of the statement file, shown in the summary and the title.
    pub statement_path: Option<String>,
    /// Names of the reports, in order; `report N` (1-based) when missing.
    pub report_paths: Vec<Option<String>>,
    /// Show the omitted report sentences when the page opens (their filter ticked). Hidden,
    /// they are still on the page (the filter shows them). Default: false (the CLI turns it
    /// on).
    pub omitted: bool,
}

/// The id of report `k`'s sentence `j`: the target of evidence links.
fn report_id(k: usize, j: usize) -> String {
    format!("r{k}-{j}")
}

/// Sentence `i` of `doc` as HTML, the byte ranges `spans` marked `<mark>`.
fn marked(doc: &Document, i: usize, spans: &[(usize, usize)]) -> String {
    Markup::Html.sentence(&crate::render::view::marked(doc, i, spans))
}

/// `15 sentences`.
fn sentences(n: usize) -> String {
    format!("{n} sentence{}", plural(n))
}

/// How many flags of type `t` the claims raise.
fn flag_count(check: &CheckReport, t: FlagType) -> usize {
    check
        .claims
        .iter()
        .flat_map(|c| &c.flags)
        .filter(|f| f.kind == t)
        .count()
}

impl CheckHtml {
    fn statement_name(&self) -> String {
        self.statement_path
            .clone()
            .unwrap_or_else(|| "statement".to_owned())
    }

    fn summary(
        &self,
        check: &CheckReport,
        s: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "<section class=\"summary\" id=\"summary\">")?;
        writeln!(out, "<h1>claimdiff check</h1>")?;
        let reports: Vec<String> = check
            .reports
            .iter()
            .enumerate()
            .map(|(k, d)| {
                format!(
                    "<code>{}</code> ({})",
                    text(&report_name(&self.report_paths, k)),
                    sentences(d.len())
                )
            })
            .collect();
        writeln!(
            out,
            "<p class=\"files\"><code>{}</code> ({}) against {}</p>",
            text(&self.statement_name()),
            sentences(s.statement_sentences),
            reports.join(", ")
        )?;
        page::line_start(out, "verdicts", Some("show verdicts"))?;
        for v in Verdict::ALL {
            let name = v.name();
            let dot = format!("v-{name}");
            writeln!(out, "{}", filter(name, name, s.count(v), &dot, true))?;
        }
        writeln!(
            out,
            "<span class=\"muted\" data-addressed=\"{0}\">{0} of {1} addressed by the reports</span></div>",
            s.statement_sentences - s.unaddressed,
            s.statement_sentences
        )?;
        page::line_start(out, "report", Some("show report sentences"))?;
        writeln!(
            out,
            "{}",
            filter("reflected", "reflected", s.reflected, "r-reflected", true)
        )?;
        writeln!(
            out,
            "{}",
            filter("omitted", "omitted", s.omitted, "r-omitted", self.omitted)
        )?;
        writeln!(
            out,
            "<span class=\"muted\">of {} finding{} ({} report sentence{})</span></div>",
            s.findings,
            plural(s.findings),
            s.report_sentences,
            plural(s.report_sentences)
        )?;
        page::line_start(out, "flags", None)?;
        if s.flags == 0 {
            writeln!(out, "<span class=\"muted\">none</span>")?;
        }
        for t in FlagType::ALL {
            let n = flag_count(check, t);
            if n > 0 {
                let name = t.name();
                let attrs = format!(" data-flags-of=\"{name}\"");
                writeln!(
                    out,
                    "{}",
                    tag(&format!("f-{name}"), &attrs, name, &n.to_string())
                )?;
            }
        }
        writeln!(out, "</div>")?;
        if s.statement_sentences == 0 {
            writeln!(out, "<p>The statement has no sentences.</p>")?;
        }
        writeln!(out, "</section>")
    }

    /// One evidence item of claim `c`: where (a link to the report sentence), how similar,
    /// the report sentence with the shared words marked, and its flags as tags.
    fn evidence(&self, check: &CheckReport, c: &Claim, e: usize, ev: &Evidence) -> String {
        let id = report_id(ev.report, ev.sentence);
        let nearest = if c.verdict == Verdict::Unaddressed {
            "nearest, "
        } else {
            ""
        };
        let flags: String = c
            .flags
            .iter()
            .filter(|f| f.evidence == e)
            .map(|f| {
                let name = f.kind.name();
                tag(
                    &format!("f-{name}"),
                    "",
                    name,
                    &flag_sides(f, "“", "”", text),
                )
            })
            .collect();
        let flags = if flags.is_empty() {
            flags
        } else {
            format!("<div class=\"tags\">{flags}</div>")
        };
        format!(
            "<div class=\"e\"><a href=\"#{id}\" data-partner=\"{id}\">{}</a> <span class=\"sim\">{nearest}similarity {:.2}</span><div class=\"rs\">{}</div>{flags}</div>",
            text(&place(check, &self.report_paths, ev.report, ev.sentence)),
            ev.similarity,
            marked(&check.reports[ev.report], ev.sentence, &ev.shared_spans)
        )
    }

    /// The row of claim `c`; `starts_para` when its sentence opens a new paragraph.
    fn claim_row(
        &self,
        check: &CheckReport,
        c: &Claim,
        starts_para: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let shown = &c.evidence[..shown_evidence(c)];
        let spans: Vec<(usize, usize)> = shown
            .iter()
            .flat_map(|ev| ev.statement_spans.iter().copied())
            .collect();
        let mut evidence: String = shown
            .iter()
            .enumerate()
            .map(|(e, ev)| self.evidence(check, c, e, ev))
            .collect();
        if evidence.is_empty() {
            evidence.push_str("<span class=\"muted\">no report sentence shares a word</span>");
        }
        let name = c.verdict.name();
        let quotes: String = c
            .quotes
            .iter()
            .map(|q| {
                let place = match q.found.first() {
                    Some(h) => {
                        let id = report_id(h.report, h.sentence);
                        format!(
                            "in <a href=\"#{id}\" data-partner=\"{id}\">{}</a>",
                            text(&place(check, &self.report_paths, h.report, h.sentence))
                        )
                    }
                    None => "not in the reports".to_owned(),
                };
                format!(
                    "<div class=\"quote{}\">quoted “{}”: {place}</div>",
                    if q.found.is_empty() { " missing" } else { "" },
                    text(&q.text)
                )
            })
            .collect();
        writeln!(
            out,
            "<tr id=\"s{}\" class=\"v-{name}{}\" data-kind=\"{name}\"><td class=\"v\"><span class=\"verdict\">{name}</span><span class=\"conf\">{:.2}</span></td><td class=\"st\">{}{quotes}</td><td class=\"ev\">{evidence}</td></tr>",
            c.sentence,
            if starts_para { " para" } else { "" },
            c.confidence,
            marked(&check.statement, c.sentence, &spans)
        )
    }

    /// The sentences of report `k` in report order, each with the statement sentences that
    /// cite it (`cited[j]`) or marked omitted.
    fn report_table(
        &self,
        check: &CheckReport,
        k: usize,
        cited: &[Vec<usize>],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let doc = &check.reports[k];
        let name = format!("report: {}", text(&report_name(&self.report_paths, k)));
        grid_start(out, "report", &["n", "", "by"], &["#", &name, "cited by"])?;
        let mut last_para = None;
        for (j, s) in doc.sentences.iter().enumerate() {
            let omitted = check.omitted.binary_search(&(k, j)).is_ok();
            let drawn = check.reflected.get(k).and_then(|r| r.get(j)) == Some(&true);
            let finding = check.findings.get(k).and_then(|r| r.get(j)) == Some(&true);
            let of = if omitted {
                "omitted"
            } else if drawn {
                "reflected"
            } else {
                "other"
            };
            let starts_para = last_para.is_some_and(|p| p != s.paragraph);
            last_para = Some(s.paragraph);
            let mut by: Vec<String> = cited[j]
                .iter()
                .map(|&i| {
                    format!(
                        "<a href=\"#s{i}\" data-partner=\"s{i}\">statement sentence {} · {}</a>",
                        i + 1,
                        check.claims[i].verdict.name()
                    )
                })
                .collect();
            if omitted {
                by.push("<span class=\"note\">omitted</span>".to_owned());
            } else if !drawn {
                by.push(if finding {
                    "<span class=\"note\">the same finding as one listed</span>".to_owned()
                } else {
                    "<span class=\"note\">not a finding (heading, metadata)</span>".to_owned()
                });
            } else if by.is_empty() {
                by.push(
                    "<span class=\"note\">drawn on beyond the evidence shown</span>".to_owned(),
                );
            }
            let by = by.join(" ");
            writeln!(
                out,
                "<tr id=\"{}\" class=\"{of}{}\" data-of=\"{of}\"{}><td class=\"n\" title=\"{}\">{}</td><td class=\"rs\">{}</td><td class=\"by\">{by}</td></tr>",
                report_id(k, j),
                if starts_para { " para" } else { "" },
                if omitted && !self.omitted {
                    " hidden"
                } else {
                    ""
                },
                position(doc, j),
                j + 1,
                text(doc.sentence_text(j))
            )?;
        }
        writeln!(out, "</tbody></table>")
    }

    /// Write `check` to `out` as one HTML page.
    pub fn render(&self, check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
        let summary = check.summary();
        let names: Vec<String> = (0..check.reports.len())
            .map(|k| report_name(&self.report_paths, k))
            .collect();
        let title = format!(
            "claimdiff check: {} against {}",
            self.statement_name(),
            names.join(", ")
        );
        // cited[k][j]: the statement sentences whose shown evidence is sentence j of report k.
        let mut cited: Vec<Vec<Vec<usize>>> = check
            .reports
            .iter()
            .map(|d| vec![Vec::new(); d.len()])
            .collect();
        for c in &check.claims {
            for ev in &c.evidence[..shown_evidence(c)] {
                let by = &mut cited[ev.report][ev.sentence];
                if by.last() != Some(&c.sentence) {
                    by.push(c.sentence);
                }
            }
        }
        let page = Page {
            title: &title,
            css: CHECK_CSS,
            script: "",
        };
        page.write(out, &mut |out| {
            self.summary(check, &summary, out)?;
            let statement = format!("statement: {}", text(&self.statement_name()));
            grid_start(
                out,
                "check",
                &["v", "", ""],
                &["verdict", &statement, "evidence"],
            )?;
            let mut last_para = None;
            for c in &check.claims {
                let p = check.statement.sentences[c.sentence].paragraph;
                let starts_para = last_para.is_some_and(|l| l != p);
                last_para = Some(p);
                self.claim_row(check, c, starts_para, out)?;
            }
            writeln!(out, "</tbody></table>")?;
            writeln!(out, "<h2 id=\"reports\">Report sentences</h2>")?;
            for (k, by) in cited.iter().enumerate() {
                self.report_table(check, k, by, out)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SegmentOptions;
    use crate::check::{CheckOptions, check};

    const REPORT: &str = "The review found that 40 grants were misused.\n\n\
        Officials may have broken procurement rules. Rain fell on the city all week.";

    fn run(statement: &str, report: &str) -> CheckReport {
        let seg = SegmentOptions::default();
        check(
            Document::new(statement.to_owned(), &seg),
            vec![Document::new(report.to_owned(), &seg)],
            &CheckOptions::default(),
        )
    }

    fn render(c: &CheckReport, omitted: bool) -> String {
        let mut buf = Vec::new();
        CheckHtml {
            statement_path: Some("s.txt".into()),
            report_paths: vec![Some("r.txt".into())],
            omitted,
        }
        .render(c, &mut buf)
        .unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn one_row_per_claim_and_counts_match_the_summary() {
        let c = run(
            "The review found that 70 grants were misused. Officials broke procurement rules. \
             Bananas are yellow.",
            REPORT,
        );
        let html = render(&c, true);
        let s = c.summary();
        for v in Verdict::ALL {
            let name = v.name();
            assert_eq!(
                html.matches(&format!("data-kind=\"{name}\"")).count(),
                s.count(v),
                "{name}"
            );
            assert!(html.contains(&format!(
                "data-filter=\"{name}\" checked><span class=\"dot v-{name}\"></span><b>{}</b>",
                s.count(v)
            )));
        }
        assert_eq!(s.unaddressed, 1, "{s:?}");
        assert_eq!(
            html.matches("data-of=\"omitted\"").count()
                + html.matches("data-of=\"reflected\"").count()
                + html.matches("data-of=\"other\"").count(),
            s.report_sentences
        );
        assert!(html.contains(&format!(
            "data-filter=\"omitted\" checked><span class=\"dot r-omitted\"></span><b>{}</b>",
            s.omitted
        )));
        assert!(html.contains("data-flags-of=\"number\""), "{html}");
    }

    #[test]
    fn evidence_links_to_the_report_sentence_which_links_back() {
        let c = run("The review found that 70 grants were misused.", REPORT);
        let html = render(&c, true);
        assert!(
            html.contains(
                "<a href=\"#r0-0\" data-partner=\"r0-0\">r.txt, paragraph 1, sentence 1</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<tr id=\"r0-0\" class=\"reflected\" data-of=\"reflected\">"));
        assert!(
            html.contains(
                "<a href=\"#s0\" data-partner=\"s0\">statement sentence 1 · disputed</a>"
            )
        );
        // Every partner link has a target.
        for part in html.split("data-partner=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            assert!(html.contains(&format!(" id=\"{id}\"")), "dangling {id}");
        }
        // The paragraph break of the report shows; the second paragraph's rows are omitted.
        assert!(html.contains("<tr id=\"r0-1\" class=\"omitted para\" data-of=\"omitted\">"));
    }

    #[test]
    fn shared_words_are_marked_on_both_sides_and_flags_are_tags() {
        let c = run("The review found that 70 grants were misused.", REPORT);
        let html = render(&c, true);
        let row = html
            .lines()
            .find(|l| l.starts_with("<tr id=\"s0\""))
            .unwrap();
        assert!(
            row.contains("<td class=\"st\">The <mark>review</mark> <mark>found</mark> that 70 <mark>grants</mark> were <mark>misused</mark>.</td>"),
            "{row}"
        );
        assert!(
            row.contains("<div class=\"rs\">The <mark>review</mark> <mark>found</mark> that 40")
        );
        assert!(
            row.contains("<span class=\"tag f-number\"><span class=\"type\">number</span>statement “70”, report “40”</span>"),
            "{row}"
        );
        assert!(row.contains("similarity "));
    }

    #[test]
    fn unaddressed_shows_only_the_nearest_report_sentence() {
        let c = run(
            "Procurement of ripe bananas with aliens in deep space happened yesterday evening.",
            REPORT,
        );
        assert_eq!(c.claims[0].verdict, Verdict::Unaddressed, "{:?}", c.claims);
        let html = render(&c, true);
        assert!(html.contains("nearest, similarity"), "{html}");
        let row = html
            .lines()
            .find(|l| l.starts_with("<tr id=\"s0\""))
            .unwrap();
        assert_eq!(row.matches("<div class=\"e\">").count(), 1);
        let c = run("Bananas are yellow.", REPORT);
        assert!(render(&c, true).contains("no report sentence shares a word"));
    }

    #[test]
    fn no_omitted_hides_them_with_their_filter_unticked() {
        let c = run("The review found that 40 grants were misused.", REPORT);
        let html = render(&c, false);
        assert!(html.contains("<input type=\"checkbox\" data-filter=\"omitted\"><span"));
        assert!(html.contains("class=\"omitted para\" data-of=\"omitted\" hidden>"));
        assert!(!html.contains("data-of=\"reflected\" hidden"));
    }

    #[test]
    fn input_text_is_escaped_everywhere() {
        let nasty =
            "The <script>alert(1)</script> & \"q\" 'a' </style> x\u{202E}y review found grants.";
        let c = run(nasty, &format!("{nasty}\n\nOther <b>bold</b> text."));
        let mut buf = Vec::new();
        CheckHtml {
            statement_path: Some("<i>s</i>\u{202E}.txt".into()),
            report_paths: vec![Some("r&\"q\".txt".into())],
            omitted: true,
        }
        .render(&c, &mut buf)
        .unwrap();
        let html = String::from_utf8(buf).unwrap();
        assert_eq!(html.matches("<script").count(), 1, "only the page's script");
        assert_eq!(
            html.matches("</style>").count(),
            1,
            "only the page's style end"
        );
        assert!(!html.contains("<b>bold") && !html.contains("<i>s"));
        assert!(
            !html.contains('\u{202E}'),
            "bidi override shown, not applied"
        );
        assert!(html.contains("<span class=\"esc\">&lt;U+202E&gt;</span>"));
        assert!(html.contains("&amp; &quot;q&quot; &#39;a&#39; &lt;/style&gt;"));
        assert!(html.contains("r&amp;&quot;q&quot;.txt"));
    }

    #[test]
    fn empty_statement_says_so() {
        let c = run("", REPORT);
        let html = render(&c, true);
        assert!(html.contains("<p>The statement has no sentences.</p>"));
        assert_eq!(html.matches("data-of=\"omitted\"").count(), 3);
    }
}
