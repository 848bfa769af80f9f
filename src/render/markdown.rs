//! Markdown output for pull-request comments and notes: a summary table, then the changes.
//!
//! Only markup that GitHub renders is used: tables, lists, `**bold**`, and the `<del>` and
//! `<ins>` tags of its HTML allow-list for deleted and inserted words. Every character of
//! the compared text that Markdown or HTML could read as markup is escaped, so a sentence
//! holding `<script>`, `*`, `_`, `|`, backticks or `[` shows as written.
//!
//! ```text
//! | kind | count |
//! | --- | ---: |
//! | reworded | 1 |
//!
//! - **reworded**: It is <ins>not</ins> legal\. \[negation added: "not"\]
//! ```

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own change and sentence lists"
)]

use std::io::{self, Write};

use super::Render;
use super::view::markup::Markup;
use super::view::words::{left_out_line, no_changes_line, position};
use super::view::{Cut, segments};
use crate::classify::Change;
use crate::{ChangeKind, ClaimType, Comparison};

pub use super::view::escape::markdown as escape;

/// Markdown renderer.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// Names of the two texts for the heading (usually the file names), when given.
    pub labels: Option<(String, String)>,
}

impl Render for Markdown {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let p = Markup::Markdown;
        if let Some((old, new)) = &self.labels {
            writeln!(
                out,
                "### claimdiff: {} → {}\n",
                p.escape(old),
                p.escape(new)
            )?;
        }
        let stats = cmp.stats();
        let left_out = left_out_line(cmp);
        if !cmp.has_differences() {
            // Our own words: nothing to escape.
            let line = left_out.unwrap_or_else(|| no_changes_line(&stats));
            return writeln!(out, "{line}");
        }
        writeln!(out, "| kind | count |\n| --- | ---: |")?;
        for kind in ChangeKind::ALL {
            let n = stats.count(kind);
            if n > 0 {
                writeln!(out, "| {} | {n} |", kind.name())?;
            }
        }
        if stats.cosmetic > 0 {
            writeln!(out, "| cosmetic (ignored) | {} |", stats.cosmetic)?;
        }
        let claims: Vec<(ClaimType, usize)> = ClaimType::ALL
            .iter()
            .map(|&t| (t, stats.claim_changes.count(t)))
            .filter(|&(_, n)| n > 0)
            .collect();
        if !claims.is_empty() {
            writeln!(out, "\n| claim change | count |\n| --- | ---: |")?;
            for (t, n) in claims {
                writeln!(out, "| {} | {n} |", t.name())?;
            }
        }
        writeln!(out)?;
        for c in &cmp.changes {
            if c.kind != ChangeKind::Unchanged {
                change(out, p, cmp, c)?;
            }
        }
        if let Some(line) = left_out {
            writeln!(out, "\n_{line}_")?;
        }
        Ok(())
    }
}

/// One change as a list item (a split or merge with its sentences as a nested list).
fn change(out: &mut dyn Write, p: Markup, cmp: &Comparison, c: &Change) -> io::Result<()> {
    let tags = p.claim_tags(c);
    let name = c.kind.name();
    match c.kind {
        ChangeKind::Unchanged => Ok(()),
        ChangeKind::Removed => {
            let text = p.escape(cmp.old.sentence_text(c.old[0]));
            writeln!(out, "- **{name}**: <del>{text}</del>")
        }
        ChangeKind::Added => {
            let text = p.escape(cmp.new.sentence_text(c.new[0]));
            writeln!(out, "- **{name}**: <ins>{text}</ins>")
        }
        ChangeKind::Reworded => {
            let text = p.sentence(&segments(cmp, c, c.old[0], Cut::Inline));
            writeln!(out, "- **{name}**: {text}{tags}")
        }
        ChangeKind::Moved => {
            let text = p.sentence(&segments(cmp, c, c.old[0], Cut::Inline));
            let from = position(&cmp.old, c.old[0]);
            writeln!(out, "- **{name}** (from {from}): {text}{tags}")
        }
        ChangeKind::Split | ChangeKind::Merged => {
            let (o, n) = (c.old.len(), c.new.len());
            writeln!(out, "- **{name}** {o} → {n}{tags}")?;
            for &i in &c.old {
                let text = p.sentence(&segments(cmp, c, i, Cut::Old));
                writeln!(out, "  - old: {text}")?;
            }
            for &i in &c.new {
                let text = p.sentence(&segments(cmp, c, i, Cut::New));
                writeln!(out, "  - new: {text}")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::to_string;
    use crate::render::view::escape::BREAK;
    use crate::{Options, compare_texts};

    fn render(old: &str, new: &str) -> String {
        to_string(
            &Markdown::default(),
            &compare_texts(old, new, &Options::default()),
        )
    }

    #[test]
    fn escapes_markdown_and_html_in_the_text() {
        assert_eq!(
            escape("<script>*a*_b_|`c`[d](e)"),
            "&lt;script&gt;\\*a\\*\\_b\\_\\|\\`c\\`\\[d\\]\\(e\\)"
        );
        let out = render(
            "We met. It is *fine*.",
            "We met. It is <script>alert(1)</script> | `x` [y](z) _fine_.",
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
            "{out}"
        );
        assert!(
            out.contains("\\| \\`x\\` \\[y\\]\\(z\\) \\_fine\\_"),
            "{out}"
        );
        // The only raw tags are the word markers.
        let tags: Vec<&str> = out
            .match_indices('<')
            .map(|(i, _)| &out[i..i + 4])
            .collect();
        assert!(
            tags.iter()
                .all(|t| ["<del", "<ins", "</de", "</in"].contains(t)),
            "{out}"
        );
    }

    proptest::proptest! {
        /// Escaped text has no raw markup character left, and undoing the escapes gives
        /// the text back.
        #[test]
        fn escape_is_complete_and_reversible(text in "[ -~é中]{0,40}") {
            let out = escape(&text);
            proptest::prop_assert!(!out.contains('<') && !out.contains('>'));
            let mut back = String::new();
            let mut chars = out.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => back.push(chars.next().expect("an escaped character")),
                    _ => back.push(c),
                }
            }
            let back = back.replace(BREAK, "");
            let back = back.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn mentions_references_and_links_get_an_invisible_break() {
        assert_eq!(
            escape("@bob #1 www.x.org a@b.cc https://e.x/y 3.5 GH-7 -2 a.m. e.g. U.S."),
            "\\@&#8203;bob \\#&#8203;1 www\\.&#8203;x\\.&#8203;org a\\@&#8203;b\\.&#8203;cc \
             https\\:&#8203;//e.x/y 3.5 GH\\-&#8203;7 \\-2 a.m. e.g. U.S."
        );
    }

    #[test]
    fn summary_table_and_marked_words() {
        let out = render("It is legal today.", "It is not legal today.");
        assert_eq!(
            out,
            "| kind | count |\n| --- | ---: |\n| reworded | 1 |\n\n\
             | claim change | count |\n| --- | ---: |\n| negation | 1 |\n\n\
             - **reworded**: It is <ins>not</ins> legal today. [negation added: \"not\"]\n"
        );
    }

    #[test]
    fn same_text_says_so() {
        assert_eq!(
            render("A b. C d.", "A b. C d."),
            "no changes: 2 sentences unchanged\n"
        );
    }
}
