//! `--stat`: counts per kind of change.

use std::io::{self, Write};

use super::Render;
use crate::{ChangeKind, Comparison};

/// Counts per kind, one per line, then the sentence totals.
#[derive(Debug, Clone, Default)]
pub struct Stat;

impl Render for Stat {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let stats = cmp.stats();
        for kind in ChangeKind::ALL {
            writeln!(out, "{:<10} {:>6}", kind.name(), stats.count(kind))?;
        }
        writeln!(
            out,
            "sentences  {:>6} old, {} new",
            stats.old_sentences, stats.new_sentences
        )
    }
}
