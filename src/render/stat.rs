//! `--stat`: counts per kind of change, then claim changes per type.

use std::io::{self, Write};

use super::Render;
use crate::{ChangeKind, ClaimType, Comparison};

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
        writeln!(out, "claims     {}", claims.join(", "))
    }
}
