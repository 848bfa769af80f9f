//! `--format html`: one self-contained page with a summary and the two texts side by side.
//!
//! ```text
//! ┌ summary: files, [x] 7 reworded  [x] 1 moved ... (filters), claim changes per type ┐
//! │    old                                   │ new                                     │
//! │ ~  More than <del>60</del> came.          │ More than <ins>70</ins> came. [number]  │
//! │ >  ↑ moved from ¶6 · old text             │ new text                                │  (at its new place)
//! │ ~  one old sentence                       │ new sentence 1 / new sentence 2         │  (split)
//! │    old text, dimmed                       │ ↓ moved to ¶2                           │  (where it left)
//! └──────────────────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! Rows follow the reading order of the JSON (new order, a removed sentence at its old
//! place). A moved sentence has a second, marked row at its old place; the markers of the two
//! rows link to each other. Every row of a change carries `data-kind="KIND"` (the origin row
//! of a move `data-of="moved"`), so the rows of a kind can be counted and filtered.
//! Everything taken from the input goes through [`page::text`] (escaped, hidden characters
//! shown). The page shell, base CSS and JS live in [`page`], for other reports to reuse.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own change and sentence lists"
)]

use std::collections::HashMap;
use std::io::{self, Write};

use crate::classify::Change;
use crate::{ChangeKind, ClaimChange, ClaimType, Comparison, Document, Stats};

use super::Render;
use super::view::layout::{Row, layout};
use super::view::markup::Markup;
use super::view::words::{claim_text, joined_note, left_out_line, plural};
use super::view::{Cut, segments};

pub mod check;
pub mod page;

pub use page::Page;
use page::{filter, tag, text};

/// HTML report renderer.
#[derive(Debug, Clone, Default)]
pub struct Html {
    /// Name of the old file, shown in the summary and the title.
    pub old_path: Option<String>,
    /// Name of the new file, shown in the summary and the title.
    pub new_path: Option<String>,
}

/// CSS of the diff view, added to [`page::BASE_CSS`].
const DIFF_CSS: &str = include_str!("html/diff.css");

/// The symbol shown in the first column for each kind (as in the terminal view).
fn symbol(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Unchanged => "",
        ChangeKind::Reworded | ChangeKind::Split | ChangeKind::Merged => "~",
        ChangeKind::Moved => "&gt;",
        ChangeKind::Added => "+",
        ChangeKind::Removed => "−",
    }
}

/// The sentences of one side of a change, one `<div class="s">` each.
fn side_html(cmp: &Comparison, change: &Change, old_side: bool) -> String {
    let (indexes, cut) = if old_side {
        (&change.old, Cut::Old)
    } else {
        (&change.new, Cut::New)
    };
    indexes
        .iter()
        .map(|&i| {
            let html = Markup::Html.sentence(&segments(cmp, change, i, cut));
            format!("<div class=\"s\">{html}</div>")
        })
        .collect()
}

/// A claim change as a tag: `number More than 60 → Nearly 70`, `negation added: "not"`.
fn claim_tag(cc: &ClaimChange) -> Option<String> {
    let what = claim_text(cc, text, ("“", "”"))?;
    Some(tag(
        &format!("t-{}", cc.kind.name()),
        "",
        &cc.label(),
        &what,
    ))
}

impl Html {
    fn names(&self) -> (String, String) {
        (
            self.old_path.clone().unwrap_or_else(|| "old".to_owned()),
            self.new_path.clone().unwrap_or_else(|| "new".to_owned()),
        )
    }

    fn summary(&self, cmp: &Comparison, stats: &Stats, out: &mut dyn Write) -> io::Result<()> {
        let (old, new) = self.names();
        writeln!(out, "<section class=\"summary\" id=\"summary\">")?;
        writeln!(out, "<h1>claimdiff report</h1>")?;
        writeln!(
            out,
            "<p class=\"files\"><code>{}</code> ({} sentence{}) → <code>{}</code> ({} sentence{})</p>",
            text(&old),
            stats.old_sentences,
            plural(stats.old_sentences),
            text(&new),
            stats.new_sentences,
            plural(stats.new_sentences)
        )?;
        page::line_start(out, "changes", Some("show kinds"))?;
        for kind in ChangeKind::ALL {
            let name = kind.name();
            let dot = format!("k-{name}");
            writeln!(out, "{}", filter(name, name, stats.count(kind), &dot, true))?;
        }
        if stats.cosmetic > 0 {
            writeln!(
                out,
                "<span class=\"muted\">({} cosmetic rewording{} shown as unchanged)</span>",
                stats.cosmetic,
                plural(stats.cosmetic)
            )?;
        }
        writeln!(out, "</div>")?;
        page::line_start(out, "claim changes", None)?;
        let total: usize = ClaimType::ALL
            .iter()
            .map(|t| stats.claim_changes.count(*t))
            .sum();
        if total == 0 {
            writeln!(out, "<span class=\"muted\">none</span>")?;
        }
        for t in ClaimType::ALL {
            let n = stats.claim_changes.count(t);
            if n > 0 {
                let name = t.name();
                let attrs = format!(" data-claims-of=\"{name}\"");
                let count = n.to_string();
                writeln!(out, "{}", tag(&format!("t-{name}"), &attrs, name, &count))?;
            }
        }
        writeln!(out, "</div>")?;
        match left_out_line(cmp) {
            Some(line) => writeln!(out, "<p class=\"left-out\">{}</p>", text(&line))?,
            None if !cmp.has_differences() => writeln!(out, "<p>No differences.</p>")?,
            None => {}
        }
        writeln!(out, "</section>")
    }

    /// Write row `at` of `rows`; `pos` gives each row's index, `starts_para` whether the row
    /// opens a new paragraph of the new text.
    fn row(
        &self,
        cmp: &Comparison,
        rows: &[Row],
        pos: &HashMap<Row, usize>,
        at: usize,
        starts_para: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let (k, origin) = match rows[at] {
            Row::Change(k) => (k, false),
            Row::Origin(k) => (k, true),
        };
        let c = &cmp.changes[k];
        let (old_para, new_para) = (paragraph(&cmp.old, &c.old), paragraph(&cmp.new, &c.new));
        let name = c.kind.name();
        // The arrow points to where the partner row is on the page.
        let arrow = |partner: Row| {
            if pos.get(&partner).is_some_and(|&p| p > at) {
                "↓"
            } else {
                "↑"
            }
        };
        if origin {
            return writeln!(
                out,
                "<tr id=\"o{k}\" class=\"origin\" data-of=\"{name}\"><td class=\"m\" title=\"moved away\">{}</td><td class=\"old\">{}</td><td class=\"new\"><a href=\"#c{k}\" data-partner=\"c{k}\">{} moved to ¶{}</a></td></tr>",
                symbol(c.kind),
                side_html(cmp, c, true),
                arrow(Row::Change(k)),
                new_para.map_or(0, |p| p + 1)
            );
        }
        let mut old_cell = String::new();
        if c.kind == ChangeKind::Moved {
            old_cell.push_str(&format!(
                "<a href=\"#o{k}\" data-partner=\"o{k}\">{} moved from ¶{}</a>",
                arrow(Row::Origin(k)),
                old_para.map_or(0, |p| p + 1)
            ));
        }
        if matches!(c.kind, ChangeKind::Split | ChangeKind::Merged) {
            old_cell.push_str(&format!("<span class=\"note\">{}</span>", joined_note(c)));
        }
        old_cell.push_str(&side_html(cmp, c, true));
        let mut new_cell = side_html(cmp, c, false);
        let mut tags: String = c.claim_changes.iter().filter_map(claim_tag).collect();
        if c.kind == ChangeKind::Reworded && !c.substantive {
            tags.push_str("<span class=\"tag cosmetic\">cosmetic only</span>");
        }
        if !tags.is_empty() {
            new_cell.push_str(&format!("<div class=\"tags\">{tags}</div>"));
        }
        let mut title = match c.similarity {
            Some(s) if c.kind != ChangeKind::Unchanged => format!("{name}, similarity {s:.2}"),
            _ => name.to_owned(),
        };
        let unsure = super::unsure(c);
        if let Some(x) = unsure {
            title.push_str(&format!(", unsure pairing (confidence {x:.2})"));
        }
        writeln!(
            out,
            "<tr id=\"c{k}\" class=\"k-{name}{}{}\" data-kind=\"{name}\"><td class=\"m\" title=\"{title}\">{}</td><td class=\"old\">{old_cell}</td><td class=\"new\">{new_cell}</td></tr>",
            if starts_para { " para" } else { "" },
            if unsure.is_some() { " unsure" } else { "" },
            symbol(c.kind),
        )
    }
}

/// The paragraph of the first of `indexes` in `doc`.
fn paragraph(doc: &Document, indexes: &[usize]) -> Option<usize> {
    indexes.first().map(|&i| doc.sentences[i].paragraph)
}

impl Render for Html {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let stats = cmp.stats();
        let (old, new) = self.names();
        let title = format!("claimdiff: {old} → {new}");
        let rows = layout(cmp);
        let page = Page {
            title: &title,
            css: DIFF_CSS,
            script: "",
        };
        page.write(out, &mut |out| {
            self.summary(cmp, &stats, out)?;
            let heads = [
                String::new(),
                format!("old: {}", text(&old)),
                format!("new: {}", text(&new)),
            ];
            page::grid_start(
                out,
                "diff",
                &["m", "", ""],
                &heads.each_ref().map(String::as_str),
            )?;
            let pos: HashMap<Row, usize> = rows.iter().enumerate().map(|(i, r)| (*r, i)).collect();
            let mut last_para = None;
            for (at, row) in rows.iter().enumerate() {
                let mut starts_para = false;
                if let Row::Change(k) = row
                    && let Some(p) = paragraph(&cmp.new, &cmp.changes[*k].new)
                {
                    starts_para = last_para.is_some_and(|l| l != p);
                    last_para = Some(p);
                }
                self.row(cmp, &rows, &pos, at, starts_para, out)?;
            }
            writeln!(out, "</tbody></table>")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::to_string;
    use crate::{Options, compare_texts};

    fn report(old: &str, new: &str) -> (Comparison, String) {
        let cmp = compare_texts(old, new, &Options::default());
        let html = to_string(&Html::default(), &cmp);
        (cmp, html)
    }

    #[test]
    fn input_text_is_escaped_everywhere() {
        let old = "Fine. <script>alert(1)</script> & \"q\" 'a' </style> x\u{202E}y. End.";
        let new = "Fine. <script>alert(2)</script> & \"q\" 'a' </style> x\u{202E}y. End!";
        let (_, html) = report(old, new);
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert_eq!(
            html.matches("</style>").count(),
            1,
            "only the page's own style end"
        );
        assert!(html.contains("&lt;script&gt;alert("), "{html}");
        assert!(html.contains("&amp; &quot;q&quot; &#39;a&#39; &lt;/style&gt;"));
        assert!(
            !html.contains('\u{202E}'),
            "bidi override shown, not applied"
        );
        assert!(html.contains("<span class=\"esc\">&lt;U+202E&gt;</span>"));
        let html = to_string(
            &Html {
                old_path: Some("<b>old</b>.txt".into()),
                new_path: Some("new\u{202E}.txt".into()),
            },
            &compare_texts(old, new, &Options::default()),
        );
        assert!(!html.contains("<b>old"));
        assert!(!html.contains('\u{202E}'));
    }

    #[test]
    fn scripts_never_write_markup() {
        for js in [page::BASE_JS] {
            for bad in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
            ] {
                assert!(!js.contains(bad), "script uses {bad}");
            }
        }
    }

    #[test]
    fn one_row_per_change_and_counts_match_stats() {
        let old = "Alpha one is here. Beta two is here. Gamma three is here. \
                   Delta four is here. Epsilon five is here. The river flooded the town.";
        let new = "The river flooded the town. Alpha one is here. Beta two is there. \
                   Gamma three is here. Delta four is here. Epsilon five is here. Zeta is new.";
        let (cmp, html) = report(old, new);
        let stats = cmp.stats();
        assert_eq!(stats.moved, 1, "{:?}", cmp.changes);
        for kind in ChangeKind::ALL {
            let rows = html
                .matches(&format!("data-kind=\"{}\"", kind.name()))
                .count();
            assert_eq!(rows, stats.count(kind), "{}", kind.name());
            assert!(html.contains(&format!(
                "data-filter=\"{}\" checked><span class=\"dot k-{0}\"></span><b>{}</b>",
                kind.name(),
                stats.count(kind)
            )));
        }
        assert!(html.contains("<del>here</del>") && html.contains("<ins>there</ins>"));
    }

    #[test]
    fn moved_sentence_has_an_origin_row_at_its_old_place_linked_both_ways() {
        let old = "Alpha one is here. Beta two is here. Gamma three is here. \
                   Delta four is here. Epsilon five is here. The river flooded the town.";
        let new = "The river flooded the town. Alpha one is here. Beta two is here. \
                   Gamma three is here. Delta four is here. Epsilon five is here.";
        let (cmp, html) = report(old, new);
        let k = cmp
            .changes
            .iter()
            .position(|c| c.kind == ChangeKind::Moved)
            .expect("a move");
        assert_eq!(
            layout(&cmp).last(),
            Some(&Row::Origin(k)),
            "origin at the old end"
        );
        let moved = html.find(&format!("<tr id=\"c{k}\"")).unwrap();
        let origin = html.find(&format!("<tr id=\"o{k}\"")).unwrap();
        assert!(moved < origin);
        assert!(html.contains(&format!("data-partner=\"o{k}\">↓ moved from ¶1</a>")));
        assert!(html.contains(&format!("data-partner=\"c{k}\">↑ moved to ¶1</a>")));
    }

    #[test]
    fn a_long_run_of_moved_sentences_keeps_old_order_at_the_old_place() {
        let moved: Vec<String> = (0..1000)
            .map(|i| format!("Moved sentence number {i} talks about topic{i} alone."))
            .collect();
        let stay: Vec<String> = (0..2000)
            .map(|i| format!("Fixed line {i} covers subject{i} here."))
            .collect();
        let old: Vec<&str> = moved.iter().chain(&stay).map(String::as_str).collect();
        let new: Vec<&str> = stay.iter().chain(&moved).map(String::as_str).collect();
        let cmp = crate::compare(
            Document::from_sentences(&old),
            Document::from_sentences(&new),
            &crate::AlignOptions::default(),
        );
        let rows = layout(&cmp);
        let n_moved = cmp.stats().moved;
        assert!(
            n_moved >= moved.len(),
            "one block moves as a long run: {n_moved}"
        );
        assert_eq!(rows.len(), cmp.changes.len() + n_moved);
        // Origin rows come in old order.
        let origins: Vec<usize> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Origin(k) => Some(cmp.changes[*k].old[0]),
                Row::Change(_) => None,
            })
            .collect();
        assert!(origins.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn split_row_has_one_old_cell_against_several_new_sentences() {
        let old =
            "The council approved the budget on Monday after a long debate that lasted hours.";
        let new = "The council approved the budget on Monday. The debate lasted hours.";
        let (cmp, html) = report(old, new);
        assert_eq!(cmp.changes[0].kind, ChangeKind::Split, "{:?}", cmp.changes);
        let row = html
            .lines()
            .find(|l| l.contains("data-kind=\"split\""))
            .unwrap();
        let new_cell = &row[row.find("<td class=\"new\">").unwrap()..];
        let old_cell =
            &row[row.find("<td class=\"old\">").unwrap()..row.find("<td class=\"new\">").unwrap()];
        assert_eq!(old_cell.matches("<div class=\"s\">").count(), 1);
        assert_eq!(new_cell.matches("<div class=\"s\">").count(), 2);
    }
}
