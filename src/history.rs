//! Histories: follow each claim (sentence) through N versions of a document.
//!
//! [`history`] compares each pair of consecutive versions with [`crate::compare`] (the same
//! aligner, classifier and claim detectors as `claimdiff OLD NEW`) and links the units of the
//! steps into chains, one chain per claim:
//!
//! - a sentence of the first version starts a claim ([`EventKind::Appeared`] at version 0);
//! - an unchanged unit carries the claim on without an event; a reworded, moved or split
//!   unit carries it on with an [`EventKind::Changed`] event holding the unit's kind, its
//!   claim tags and both texts;
//! - a merged unit carries on the oldest of its claims; the others end with
//!   [`EventKind::Merged`] (naming the claim they went into);
//! - a claim none of whose sentences reach the next version ends with
//!   [`EventKind::Removed`];
//! - an added sentence is first matched against the claims removed at an earlier step (a
//!   claim that comes back, [`EventKind::Returned`], tagged against its last text); when
//!   none is alike enough it starts a new claim ([`EventKind::Appeared`]).
//!
//! ```
//! use claimdiff::history::{EventKind, history_texts};
//! use claimdiff::Options;
//!
//! let versions = [
//!     "The council met. More than 60 people came.",
//!     "The council met. Nearly 70 people came.",
//!     "The council met.",
//! ];
//! let h = history_texts(&versions, &Options::default());
//! let people = &h.claims[1];
//! let kinds: Vec<EventKind> = people.events.iter().map(|e| e.kind).collect();
//! assert_eq!(kinds, [EventKind::Appeared, EventKind::Changed, EventKind::Removed]);
//! assert!(h.claims[0].is_unchanged());
//! ```

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::align::AlignOptions;
use crate::claims::compare_sentences;
use crate::lang::Lang;
use crate::similarity::{Analyzer, SparseVec, Vectors, cosine, join};
use crate::text::same_modulo_whitespace;
use crate::{ChangeKind, ClaimChange, ClaimType, Comparison, Document, Options, compare};

/// What happened to a claim at one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The claim is first seen (at version 0 for every sentence of the first version).
    Appeared,
    /// The claim was reworded, moved or split (see [`Event::change`]), or lost part of its
    /// sentences (`change` = removed).
    Changed,
    /// Merged with other claims into one sentence that carries on another claim
    /// ([`Event::into`]); this claim ends here.
    Merged,
    /// None of the claim's sentences is in this version.
    Removed,
    /// A claim removed at an earlier version is back.
    Returned,
}

impl EventKind {
    /// The lower-case name used in JSON and on the terminal.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Appeared => "appeared",
            EventKind::Changed => "changed",
            EventKind::Merged => "merged",
            EventKind::Removed => "removed",
            EventKind::Returned => "returned",
        }
    }
}

/// One event in a claim's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The version (0-based) at which the event is seen: the newer side of the step.
    pub version: usize,
    /// What happened.
    pub kind: EventKind,
    /// For [`EventKind::Changed`]: the kind of the unit (reworded, moved, split, merged
    /// for the claim a merge carried on, removed when part of the claim's sentences went).
    pub change: Option<ChangeKind>,
    /// The claim's text before the event (none for [`EventKind::Appeared`]); for a
    /// returned claim, its text when it was last seen.
    pub before: Option<String>,
    /// The claim's text after the event (none for removed and merged; for
    /// [`EventKind::Appeared`], its first text).
    pub after: Option<String>,
    /// Typed claim changes between `before` and `after` (for changed and returned).
    pub claim_changes: Vec<ClaimChange>,
    /// Whether the wording changed in substance (see [`crate::Change::substantive`]).
    pub substantive: bool,
    /// How alike `before` and `after` are (`0..1`), when both exist.
    pub similarity: Option<f32>,
    /// For [`EventKind::Merged`]: the claim this one was merged into.
    pub into: Option<usize>,
}

impl Event {
    /// Whether it is a claim's appearance in the first version (every claim of version 0
    /// has one; the views fold it into the claim's heading).
    pub fn is_first_appearance(&self) -> bool {
        self.kind == EventKind::Appeared && self.version == 0
    }

    fn new(version: usize, kind: EventKind) -> Self {
        Self {
            version,
            kind,
            change: None,
            before: None,
            after: None,
            claim_changes: Vec::new(),
            substantive: false,
            similarity: None,
            into: None,
        }
    }
}

/// One claim followed through the versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Its number: claims are numbered in order of first appearance (version, then place).
    pub id: usize,
    /// Its timeline, in version order; the first event is always [`EventKind::Appeared`].
    pub events: Vec<Event>,
    /// Per version, the indexes of its sentences in that version (empty when absent).
    pub sentences: Vec<Vec<usize>>,
    /// Per version, its text there (its sentences joined by a space), `None` when absent.
    pub texts: Vec<Option<String>>,
}

impl Claim {
    /// The version it first appears in.
    pub fn first_version(&self) -> usize {
        self.events.first().map_or(0, |e| e.version)
    }

    /// Its text in the version it first appears in (empty if that text is missing).
    pub fn first_text(&self) -> &str {
        self.texts
            .get(self.first_version())
            .and_then(Option::as_deref)
            .unwrap_or("")
    }

    /// Whether it is in the first version and in every later one with the same text: no
    /// event but its appearance at version 0.
    pub fn is_unchanged(&self) -> bool {
        self.events.len() == 1 && self.first_version() == 0
    }

    /// Whether it is in the last version.
    pub fn is_present(&self) -> bool {
        self.texts.last().is_some_and(Option::is_some)
    }

    /// Its last text (in the last version it is in).
    pub fn last_text(&self) -> &str {
        self.texts
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or("", String::as_str)
    }

    /// Whether one of its events has a claim change of one of `types`.
    pub fn has_claim_type(&self, types: &[ClaimType]) -> bool {
        self.events
            .iter()
            .flat_map(|e| &e.claim_changes)
            .any(|cc| types.contains(&cc.kind))
    }
}

/// Counts over a history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStats {
    /// Number of versions.
    pub versions: usize,
    /// Number of claims (chains).
    pub claims: usize,
    /// Claims with no event but their appearance at version 0.
    pub unchanged: usize,
    /// Claims changed at least once.
    pub changed: usize,
    /// Claims that first appear after version 0.
    pub added: usize,
    /// Claims removed (or merged away) at least once.
    pub removed: usize,
    /// Claims that came back after a removal.
    pub returned: usize,
    /// Claims in the last version.
    pub present: usize,
}

/// The result of [`history`]: the versions and the claims followed through them.
#[derive(Debug, Clone)]
pub struct History {
    /// The versions, oldest first.
    pub versions: Vec<Document>,
    /// Every claim, numbered in order of first appearance. Every sentence of every
    /// version belongs to exactly one claim.
    pub claims: Vec<Claim>,
    /// How many claims [`History::retain_claim_types`] left out (0 before filtering).
    pub left_out: usize,
}

impl History {
    /// Counts of claims by what happened to them.
    pub fn stats(&self) -> HistoryStats {
        let mut s = HistoryStats {
            versions: self.versions.len(),
            claims: self.claims.len(),
            ..HistoryStats::default()
        };
        for c in &self.claims {
            let has = |k: EventKind| c.events.iter().any(|e| e.kind == k);
            s.unchanged += usize::from(c.is_unchanged());
            s.changed += usize::from(has(EventKind::Changed));
            s.added += usize::from(c.first_version() > 0);
            s.removed += usize::from(has(EventKind::Removed) || has(EventKind::Merged));
            s.returned += usize::from(has(EventKind::Returned));
            s.present += usize::from(c.is_present());
        }
        s
    }

    /// Whether any claim has an event after its appearance at version 0 (exit status 1).
    pub fn has_differences(&self) -> bool {
        self.claims.iter().any(|c| !c.is_unchanged())
    }

    /// Keep only the claims with a claim change of one of `types` (for `--only`).
    pub fn retain_claim_types(&mut self, types: &[ClaimType]) {
        let before = self.claims.len();
        self.claims.retain(|c| c.has_claim_type(types));
        self.left_out += before - self.claims.len();
    }
}

/// The text of sentences `indexes` of `doc`, joined by a space.
fn joined(doc: &Document, indexes: &[usize]) -> String {
    let parts: Vec<&str> = indexes
        .iter()
        .filter(|&&i| i < doc.len())
        .map(|&i| doc.sentence_text(i))
        .collect();
    parts.join(" ")
}

/// Follow every claim through `versions` (oldest first). Consecutive versions are compared
/// with [`compare`] (in parallel); fewer than two versions give claims with no change.
pub fn history(versions: Vec<Document>, opts: &AlignOptions) -> History {
    let steps: Vec<Comparison> = versions
        .par_windows(2)
        .map(|w| match w {
            [a, b] => compare(a.clone(), b.clone(), opts),
            // `par_windows(2)` gives pairs only; an empty comparison keeps this total.
            _ => compare(Document::default(), Document::default(), opts),
        })
        .collect();
    link(versions, &steps, opts)
}

/// [`history`] of plain texts, segmented with `opts.segment`.
pub fn history_texts<S: AsRef<str>>(versions: &[S], opts: &Options) -> History {
    let docs = versions
        .iter()
        .map(|t| Document::new(t.as_ref().to_owned(), &opts.segment))
        .collect();
    history(docs, &opts.align)
}

/// A claim being built.
struct Chain {
    events: Vec<Event>,
    /// The last version it was seen in (while it is gone, for matching a return).
    last_seen: usize,
    /// Whether it ended by a merge (it cannot come back: its text lives on in another).
    merged: bool,
}

/// Link the units of the steps into chains.
fn link(versions: Vec<Document>, steps: &[Comparison], opts: &AlignOptions) -> History {
    let lang = versions.first().map_or_else(Lang::default, |d| d.lang);
    let analyzer = Analyzer::new(lang);
    let mut chains: Vec<Chain> = Vec::new();
    // owners[v][s]: the chain of sentence s of version v.
    let mut owners: Vec<Vec<usize>> = Vec::with_capacity(versions.len());
    let Some(first) = versions.first() else {
        return History {
            versions,
            claims: Vec::new(),
            left_out: 0,
        };
    };
    owners.push(
        (0..first.len())
            .map(|s| {
                let mut e = Event::new(0, EventKind::Appeared);
                e.after = Some(first.sentence_text(s).to_owned());
                chains.push(Chain {
                    events: vec![e],
                    last_seen: 0,
                    merged: false,
                });
                chains.len() - 1
            })
            .collect(),
    );
    for (k, step) in steps.iter().enumerate() {
        let v = k + 1;
        let (Some(old_doc), Some(new_doc), Some(old_owner)) =
            (versions.get(k), versions.get(v), owners.get(k))
        else {
            break;
        };
        let mut new_owner: Vec<Option<usize>> = vec![None; new_doc.len()];
        let mut alive = vec![false; chains.len()];
        let mut merged_away = vec![false; chains.len()];
        let mut part_removed: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut added: Vec<usize> = Vec::new();
        for c in &step.changes {
            if c.old.is_empty() {
                added.extend(&c.new);
                continue;
            }
            let mut owned: Vec<usize> = c
                .old
                .iter()
                .filter_map(|&i| old_owner.get(i).copied())
                .collect();
            owned.sort_unstable();
            owned.dedup();
            if c.new.is_empty() {
                for &o in &owned {
                    part_removed.push((o, c.old.clone()));
                }
                continue;
            }
            let Some(&primary) = owned.first() else {
                continue;
            };
            for &j in &c.new {
                if let Some(slot) = new_owner.get_mut(j) {
                    *slot = Some(primary);
                }
            }
            if let Some(a) = alive.get_mut(primary) {
                *a = true;
            }
            for &o in owned.iter().skip(1) {
                if let Some(m) = merged_away.get_mut(o) {
                    *m = true;
                }
                if let Some(chain) = chains.get_mut(o) {
                    let mut e = Event::new(v, EventKind::Merged);
                    e.before = Some(joined(old_doc, &c.old));
                    e.into = Some(primary);
                    chain.events.push(e);
                    chain.merged = true;
                    chain.last_seen = k;
                }
            }
            if c.kind != ChangeKind::Unchanged
                && let Some(chain) = chains.get_mut(primary)
            {
                let mut e = Event::new(v, EventKind::Changed);
                e.change = Some(c.kind);
                e.before = Some(joined(old_doc, &c.old));
                e.after = Some(joined(new_doc, &c.new));
                e.claim_changes = c.claim_changes.clone();
                e.substantive = c.substantive;
                e.similarity = c.similarity;
                chain.events.push(e);
            }
        }
        // Removed units: the claim ends, unless other sentences of it live on.
        let old_members = members(old_owner);
        for (o, old) in part_removed {
            let (is_alive, is_merged) = (
                alive.get(o).copied().unwrap_or(false),
                merged_away.get(o).copied().unwrap_or(false),
            );
            let Some(chain) = chains.get_mut(o) else {
                continue;
            };
            if is_merged {
                continue;
            }
            if is_alive {
                let mut e = Event::new(v, EventKind::Changed);
                e.change = Some(ChangeKind::Removed);
                e.before = Some(joined(old_doc, &old));
                e.substantive = true;
                chain.events.push(e);
            } else if chain.events.last().map(|e| (e.version, e.kind))
                != Some((v, EventKind::Removed))
            {
                let mut e = Event::new(v, EventKind::Removed);
                let all = old_members.get(&o).map_or(&[][..], Vec::as_slice);
                e.before = Some(joined(old_doc, all));
                chain.events.push(e);
                chain.last_seen = k;
            }
        }
        // Added sentences: a claim back from an earlier removal, or a new claim.
        let returns = match_returns(
            &chains,
            &owners,
            &versions,
            (k, new_doc),
            &added,
            (&analyzer, opts.move_min),
        );
        for j in added {
            let returned = returns.iter().find(|(a, _, _)| *a == j);
            let id = match returned {
                Some(&(_, id, similarity)) => {
                    let before = owners
                        .get(chains.get(id).map_or(0, |c| c.last_seen))
                        .zip(versions.get(chains.get(id).map_or(0, |c| c.last_seen)))
                        .map(|(own, doc)| joined(doc, &old_owner_sentences(own, id)));
                    let after = new_doc.sentence_text(j).to_owned();
                    let mut e = Event::new(v, EventKind::Returned);
                    if let Some(b) = &before {
                        let (ccs, substantive) = compare_sentences(b, &after, lang);
                        e.claim_changes = ccs;
                        e.substantive = substantive && !same_modulo_whitespace(b, &after);
                    }
                    e.before = before;
                    e.after = Some(after);
                    e.similarity = Some(similarity);
                    if let Some(chain) = chains.get_mut(id) {
                        chain.events.push(e);
                    }
                    id
                }
                None => {
                    let mut e = Event::new(v, EventKind::Appeared);
                    e.after = Some(new_doc.sentence_text(j).to_owned());
                    chains.push(Chain {
                        events: vec![e],
                        last_seen: v,
                        merged: false,
                    });
                    chains.len() - 1
                }
            };
            if let Some(slot) = new_owner.get_mut(j) {
                *slot = Some(id);
            }
        }
        owners.push(
            new_owner
                .into_iter()
                .map(|o| {
                    o.unwrap_or_else(|| {
                        // Unreachable with a complete alignment (every sentence in one
                        // unit); a claim of its own keeps the invariant regardless.
                        chains.push(Chain {
                            events: vec![Event::new(v, EventKind::Appeared)],
                            last_seen: v,
                            merged: false,
                        });
                        chains.len() - 1
                    })
                })
                .collect(),
        );
    }
    finish(versions, chains, &owners)
}

/// Each chain's sentences in a version whose owners are `own`.
fn members(own: &[usize]) -> HashMap<usize, Vec<usize>> {
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for (s, &c) in own.iter().enumerate() {
        out.entry(c).or_default().push(s);
    }
    out
}

/// The sentences of version `own` owned by chain `id`.
fn old_owner_sentences(own: &[usize], id: usize) -> Vec<usize> {
    (0..own.len())
        .filter(|&s| own.get(s) == Some(&id))
        .collect()
}

/// A removed claim comes back when an added sentence is as alike to its last text as a
/// far-away sentence must be to pair as moved (`move_min`, [`AlignOptions::move_min`]):
/// coming back after versions is a move in time, and the aligner's threshold for a move was
/// tuned on the dev sets (docs/tuning.md); no threshold of its own.
///
/// Returns `(added sentence, chain, similarity)`, each added sentence and chain at most
/// once, best pairs first.
fn match_returns(
    chains: &[Chain],
    owners: &[Vec<usize>],
    versions: &[Document],
    (k, new_doc): (usize, &Document),
    added: &[usize],
    (analyzer, move_min): (&Analyzer, f32),
) -> Vec<(usize, usize, f32)> {
    // Claims gone before this step (removed at an earlier version, not merged away), with
    // the version they were last seen in.
    let gone: Vec<(usize, usize)> = chains
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            !c.merged
                && c.last_seen < k
                && c.events
                    .last()
                    .is_some_and(|e| e.kind == EventKind::Removed)
        })
        .map(|(id, c)| (id, c.last_seen))
        .collect();
    if gone.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let new_texts: Vec<&str> = (0..new_doc.len())
        .map(|i| new_doc.sentence_text(i))
        .collect();
    // Term weights as the aligner has them: document frequencies over the two whole
    // versions compared (the one the claim was last seen in, and this one), not over the few
    // sentences being matched, whose shared words would all weigh alike.
    let mut similarity: Vec<Vec<f32>> = vec![vec![0.0; gone.len()]; added.len()];
    let mut seen_versions: Vec<usize> = gone.iter().map(|&(_, v)| v).collect();
    seen_versions.sort_unstable();
    seen_versions.dedup();
    for v in seen_versions {
        let (Some(doc), Some(own)) = (versions.get(v), owners.get(v)) else {
            continue;
        };
        let own_members = members(own);
        let old_texts: Vec<&str> = (0..doc.len()).map(|i| doc.sentence_text(i)).collect();
        let vectors = Vectors::build(
            analyzer,
            old_texts.iter().copied(),
            new_texts.iter().copied(),
        );
        for (g, &(id, _)) in gone.iter().enumerate().filter(|(_, (_, last))| *last == v) {
            let claim_vec = own_members
                .get(&id)
                .into_iter()
                .flatten()
                .filter_map(|&s| vectors.old.get(s))
                .fold(SparseVec::default(), |acc, x| join(&acc, x));
            for (a, &j) in added.iter().enumerate() {
                if let (Some(av), Some(slot)) = (
                    vectors.new.get(j),
                    similarity.get_mut(a).and_then(|row| row.get_mut(g)),
                ) {
                    *slot = cosine(&claim_vec, av);
                }
            }
        }
    }
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (a, row) in similarity.iter().enumerate() {
        for (g, &sim) in row.iter().enumerate() {
            if sim >= move_min {
                pairs.push((sim, a, g));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_a, mut used_g) = (vec![false; added.len()], vec![false; gone.len()]);
    let mut out = Vec::new();
    for (sim, a, g) in pairs {
        if used_a.get(a).copied().unwrap_or(true) || used_g.get(g).copied().unwrap_or(true) {
            continue;
        }
        if let (Some(ua), Some(ug), Some(&j), Some(&(id, _))) = (
            used_a.get_mut(a),
            used_g.get_mut(g),
            added.get(a),
            gone.get(g),
        ) {
            *ua = true;
            *ug = true;
            out.push((j, id, sim));
        }
    }
    out
}

/// Number the chains by first appearance and give each its sentences and texts.
fn finish(versions: Vec<Document>, chains: Vec<Chain>, owners: &[Vec<usize>]) -> History {
    let n = versions.len();
    let mut sentences: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); n]; chains.len()];
    for (v, own) in owners.iter().enumerate() {
        for (s, &c) in own.iter().enumerate() {
            if let Some(slot) = sentences.get_mut(c).and_then(|per| per.get_mut(v)) {
                slot.push(s);
            }
        }
    }
    // Order: first version, then first sentence there.
    let mut order: Vec<usize> = (0..chains.len()).collect();
    let key = |c: usize| {
        let first = chains
            .get(c)
            .and_then(|ch| ch.events.first())
            .map_or(0, |e| e.version);
        let place = sentences
            .get(c)
            .and_then(|per| per.get(first))
            .and_then(|s| s.first().copied())
            .unwrap_or(usize::MAX);
        (first, place, c)
    };
    order.sort_by_key(|&c| key(c));
    let mut renumber = vec![0; chains.len()];
    for (new_id, &old_id) in order.iter().enumerate() {
        if let Some(slot) = renumber.get_mut(old_id) {
            *slot = new_id;
        }
    }
    let mut by_id: Vec<Option<Chain>> = chains.into_iter().map(Some).collect();
    let mut claims = Vec::with_capacity(order.len());
    for (new_id, &old_id) in order.iter().enumerate() {
        let Some(chain) = by_id.get_mut(old_id).and_then(Option::take) else {
            continue;
        };
        let per = sentences.get(old_id).cloned().unwrap_or_default();
        let texts = per
            .iter()
            .zip(&versions)
            .map(|(s, doc)| (!s.is_empty()).then(|| joined(doc, s)))
            .collect();
        let mut events = chain.events;
        for e in &mut events {
            if let Some(into) = e.into {
                e.into = renumber.get(into).copied();
            }
        }
        claims.push(Claim {
            id: new_id,
            events,
            sentences: per,
            texts,
        });
    }
    History {
        versions,
        claims,
        left_out: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(c: &Claim) -> Vec<(usize, EventKind)> {
        c.events.iter().map(|e| (e.version, e.kind)).collect()
    }

    fn h(versions: &[&str]) -> History {
        history_texts(versions, &Options::default())
    }

    #[test]
    fn same_text_everywhere_has_no_event() {
        let t = "The council met on Monday. More than 60 people came. It rained.";
        let hist = h(&[t, t, t, t]);
        assert_eq!(hist.claims.len(), 3);
        assert!(hist.claims.iter().all(Claim::is_unchanged));
        assert!(!hist.has_differences());
        assert_eq!(hist.stats().unchanged, 3);
        assert!(
            hist.claims
                .iter()
                .all(|c| c.texts.iter().all(Option::is_some))
        );
    }

    #[test]
    fn a_change_carries_the_claim_on_with_its_tags() {
        let hist = h(&[
            "The council met on Monday. More than 60 people came. It rained.",
            "The council met on Monday. Nearly 70 people came. It rained.",
            "The council met on Monday. Nearly 70 people came. It rained.",
        ]);
        assert_eq!(hist.claims.len(), 3);
        let people = &hist.claims[1];
        assert_eq!(
            kinds(people),
            [(0, EventKind::Appeared), (1, EventKind::Changed)]
        );
        let e = &people.events[1];
        assert_eq!(e.change, Some(ChangeKind::Reworded));
        assert_eq!(e.before.as_deref(), Some("More than 60 people came."));
        assert_eq!(e.after.as_deref(), Some("Nearly 70 people came."));
        assert!(e.claim_changes.iter().any(|c| c.kind == ClaimType::Number));
        assert_eq!(people.texts[2].as_deref(), Some("Nearly 70 people came."));
        assert!(hist.claims[0].is_unchanged() && hist.claims[2].is_unchanged());
    }

    #[test]
    fn removed_then_back_is_one_claim() {
        let hist = h(&[
            "The council met on Monday. The mayor resigned after the vote. It rained.",
            "The council met on Monday. It rained.",
            "The council met on Monday. It rained. Residents planted trees in the park.",
            "The council met on Monday. The mayor resigned after the vote. It rained.",
        ]);
        let mayor = hist
            .claims
            .iter()
            .find(|c| c.texts[0].as_deref() == Some("The mayor resigned after the vote."))
            .unwrap();
        assert_eq!(
            kinds(mayor),
            [
                (0, EventKind::Appeared),
                (1, EventKind::Removed),
                (3, EventKind::Returned)
            ]
        );
        assert_eq!(mayor.texts[1], None);
        assert!(mayor.texts[3].is_some());
        let trees = hist.claims.iter().find(|c| c.first_version() == 2).unwrap();
        assert_eq!(
            kinds(trees),
            [(2, EventKind::Appeared), (3, EventKind::Removed)]
        );
        assert_eq!(hist.stats().returned, 1);
    }

    #[test]
    fn a_merge_keeps_the_older_claim_and_ends_the_other() {
        let merged = "The council met on Monday in the old town hall and voted on the new budget for the schools. Rain fell.";
        let hist = h(&[
            "The council met on Monday in the old town hall. It voted on the new budget for the schools. Rain fell.",
            merged,
            merged,
        ]);
        assert_eq!(hist.claims.len(), 3);
        let (first, second) = (&hist.claims[0], &hist.claims[1]);
        assert_eq!(
            kinds(first),
            [(0, EventKind::Appeared), (1, EventKind::Changed)]
        );
        assert_eq!(first.events[1].change, Some(ChangeKind::Merged));
        assert_eq!(
            kinds(second),
            [(0, EventKind::Appeared), (1, EventKind::Merged)]
        );
        assert_eq!(second.events[1].into, Some(0));
        assert_eq!(second.texts[1], None);
        assert!(
            first.texts[2]
                .as_deref()
                .is_some_and(|t| t.contains("and voted"))
        );
        let s = hist.stats();
        assert_eq!((s.changed, s.removed, s.present), (1, 1, 2));
    }

    #[test]
    fn a_split_claim_goes_on_in_both_sentences() {
        let hist = h(&[
            "The council met on Monday in the old town hall and voted on the new budget for the schools. Rain fell.",
            "The council met on Monday in the old town hall. It voted on the new budget for the schools. Rain fell.",
            "The council met on Monday in the old town hall. It voted on the new budget for the schools. Rain fell.",
        ]);
        let claim = &hist.claims[0];
        assert_eq!(
            kinds(claim),
            [(0, EventKind::Appeared), (1, EventKind::Changed)]
        );
        assert_eq!(claim.events[1].change, Some(ChangeKind::Split));
        assert_eq!(claim.sentences[1], [0, 1]);
        assert_eq!(claim.sentences[2], [0, 1]);
        assert_eq!(hist.claims.len(), 2);
    }

    #[test]
    fn an_unrelated_new_sentence_is_a_new_claim() {
        let hist = h(&[
            "The council met on Monday. The mayor resigned after the vote.",
            "The council met on Monday.",
            "The council met on Monday. Snow is expected in the mountains tomorrow.",
        ]);
        assert_eq!(hist.claims.len(), 3);
        assert_eq!(hist.stats().returned, 0);
        assert_eq!(hist.claims[2].first_version(), 2);
    }

    #[test]
    fn every_sentence_belongs_to_one_claim() {
        let hist = h(&[
            "A one. B two. C three.",
            "A one. C three. D four. E five.",
            "E five. A one uno.",
        ]);
        for (v, doc) in hist.versions.iter().enumerate() {
            let mut seen = vec![0; doc.len()];
            for c in &hist.claims {
                for &s in &c.sentences[v] {
                    seen[s] += 1;
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "version {v}: {seen:?}");
        }
        let ids: Vec<usize> = hist.claims.iter().map(|c| c.id).collect();
        assert_eq!(ids, (0..hist.claims.len()).collect::<Vec<_>>());
    }

    #[test]
    fn only_keeps_claims_with_the_type() {
        let mut hist = h(&[
            "The council met on Monday. More than 60 people came.",
            "The council met on Tuesday. Nearly 70 people came.",
        ]);
        hist.retain_claim_types(&[ClaimType::Number]);
        assert!(
            hist.claims
                .iter()
                .all(|c| c.has_claim_type(&[ClaimType::Number]))
        );
        assert_eq!(hist.claims.len() + hist.left_out, 2);
    }

    #[test]
    fn one_version_or_none() {
        assert!(h(&[]).claims.is_empty());
        let one = h(&["It rained. It snowed."]);
        assert_eq!(one.claims.len(), 2);
        assert!(!one.has_differences());
    }
}
