//! `--stat`: counts per kind of change, then claim changes per type.

use std::io::{self, Write};

use super::Render;
use crate::{ChangeKind, ClaimType, Comparison};

/// The widest line `--stat` writes: the 80 columns of a default terminal, so the claims
/// line never wraps there (with six claim types and two-digit counts it took 81).
const LINE_WIDTH: usize = 80;

/// Counts per kind, one per line (and `cosmetic` when cosmetic rewordings were ignored),
/// the sentence totals, then claim changes per type on one line.
#[derive(Debug, Clone, Default)]
pub struct Stat;

impl Render for Stat {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let stats = cmp.stats();
        for kind in ChangeKind::ALL {
            writeln!(out, "{:<10} {:>6}", kind.name(), stats.count(kind))?;
        }
        if stats.cosmetic > 0 {
            writeln!(out, "{:<10} {:>6}", "cosmetic", stats.cosmetic)?;
        }
        writeln!(
            out,
            "sentences  {:>6} old, {} new",
            stats.old_sentences, stats.new_sentences
        )?;
        let claims: Vec<String> = ClaimType::ALL
            .iter()
            .map(|t| format!("{} {}", stats.claim_changes.count(*t), t.name()))
            .collect();
        // Broken before `LINE_WIDTH`, continued under the first count.
        let mut line = String::from("claims    ");
        let mut used = line.len();
        for (i, part) in claims.iter().enumerate() {
            let part = if i + 1 < claims.len() {
                format!(" {part},")
            } else {
                format!(" {part}")
            };
            let w = part.chars().count();
            if used + w > LINE_WIDTH && i > 0 {
                line.push_str("\n          ");
                used = 10;
            }
            line.push_str(&part);
            used += w;
        }
        writeln!(out, "{line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::to_string;
    use crate::{Options, compare_texts};

    #[test]
    fn no_line_is_wider_than_80_columns() {
        let old: String = (0..120)
            .map(|i| format!("It cost {i} dollars in 2001. "))
            .collect();
        let new: String = (0..120)
            .map(|i| format!("It cost {} dollars in 2002. ", i + 7))
            .collect();
        let out = to_string(&Stat, &compare_texts(&old, &new, &Options::default()));
        assert!(
            out.lines().all(|l| l.chars().count() <= LINE_WIDTH),
            "{out}"
        );
        assert!(out.contains("claims     "), "{out}");
        let claims = &out[out.find("claims").unwrap_or(0)..];
        for t in ClaimType::ALL {
            assert!(claims.contains(t.name()), "{out}");
        }
    }
}
