//! Which rows a view shows and in what order: the context around changes, and the places
//! of moved sentences in the two-column views.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own change and sentence lists"
)]

use std::collections::HashMap;

use crate::classify::Change;
use crate::{ChangeKind, Comparison};

/// How many unchanged sentences to show around each change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Context {
    /// Up to N unchanged sentences before and after each change.
    Lines(usize),
    /// Every sentence.
    All,
}

impl Default for Context {
    /// One sentence of context on each side: enough to place a change in prose.
    fn default() -> Self {
        Context::Lines(1)
    }
}

/// Which changes a view with `context` shows: every change, and unchanged units within the context.
pub fn visible(changes: &[Change], context: Context) -> Vec<bool> {
    let n = changes.len();
    let radius = match context {
        Context::All => return vec![true; n],
        Context::Lines(r) => r,
    };
    let mut show = vec![false; n];
    for (k, c) in changes.iter().enumerate() {
        if c.kind != ChangeKind::Unchanged {
            let lo = k.saturating_sub(radius);
            let hi = (k + radius + 1).min(n);
            show[lo..hi].iter_mut().for_each(|s| *s = true);
        }
    }
    show
}

/// A row of a two-column view (the HTML report, side by side): a change at its place, or
/// where a moved sentence left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// Change `k` of `Comparison::changes`.
    Change(usize),
    /// The old place of moved change `k`.
    Origin(usize),
}

/// The rows in page order: every change in the order of `changes`, and for each moved
/// change an origin row right after the row that holds the old sentence before it (at the
/// start when there is none).
pub fn layout(cmp: &Comparison) -> Vec<Row> {
    let mut holder: Vec<Option<usize>> = vec![None; cmp.old.len()];
    for (k, c) in cmp.changes.iter().enumerate() {
        for &o in &c.old {
            if let Some(slot) = holder.get_mut(o) {
                *slot = Some(k);
            }
        }
    }
    // Where the old text of change k sits on the page.
    let old_row = |k: usize| {
        if cmp.changes[k].kind == ChangeKind::Moved {
            Row::Origin(k)
        } else {
            Row::Change(k)
        }
    };
    let mut after: HashMap<Option<Row>, Vec<usize>> = HashMap::new();
    for (k, c) in cmp.changes.iter().enumerate() {
        if c.kind != ChangeKind::Moved {
            continue;
        }
        let first = c.old.first().copied().unwrap_or(0);
        let anchor = (0..first).rev().find_map(|p| holder[p]).map(old_row);
        after.entry(anchor).or_default().push(k);
    }
    let mut rows = Vec::with_capacity(cmp.changes.len() + after.len());
    // Depth-first: the origin rows placed after `row`, each followed by those placed after it
    // (a long run of moved sentences chains; an explicit stack keeps deep chains safe).
    let place = |row: Option<Row>, rows: &mut Vec<Row>| {
        let mut stack: Vec<usize> = after
            .get(&row)
            .into_iter()
            .flatten()
            .rev()
            .copied()
            .collect();
        while let Some(m) = stack.pop() {
            rows.push(Row::Origin(m));
            stack.extend(after.get(&Some(Row::Origin(m))).into_iter().flatten().rev());
        }
    };
    place(None, &mut rows);
    for (k, c) in cmp.changes.iter().enumerate() {
        rows.push(Row::Change(k));
        if c.kind != ChangeKind::Moved {
            place(Some(Row::Change(k)), &mut rows);
        }
    }
    rows
}
