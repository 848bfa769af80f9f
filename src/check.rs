//! Check a statement against the report(s) it refers to: for each statement sentence, its
//! counterparts in the reports, a verdict, and the claims on which the two sides disagree.
//!
//! Unlike two versions of one text, a statement and its report share no order and little
//! wording, so nothing is aligned in sequence. Instead:
//!
//! 1. Every sentence of the statement and of all the reports becomes a TF-IDF vector over
//!    one vocabulary ([`Vectors`]; document frequency over all of them).
//! 2. The report sentences go into a [`TermIndex`]. For each statement sentence the index
//!    proposes the [`CANDIDATES`] report sentences that share the most weight in rarer terms;
//!    only those get an exact [`support`] score (the geometric mean of the cosine and the
//!    share of the statement sentence's term weight the report sentence covers). Cost: statement terms times [`MAX_POSTINGS`], never
//!    statement size times report size.
//! 3. The best score gives the verdict ([`Verdict`]): `matched` (same key, or score at
//!    least [`MATCHED_MIN`]), `reworded` ([`REWORDED_MIN`]), `partial` ([`PARTIAL_MIN`]) or
//!    `unsupported`. A matched or reworded pair whose claims disagree on a negation or a
//!    number is only `partial`. A sentence with no counterpart of its own between two
//!    neighbours that have counterparts close together in one report takes the report
//!    sentence between those that supports it best (the order pass, `partial`; see
//!    [`ORDER_SPAN`]).
//! 4. Each counterpart (evidence scoring at least [`PARTIAL_MIN`], or chosen by the order
//!    pass) gets its claim changes ([`claims::claim_changes`], report as old side,
//!    statement as new side); the changes of type negation, number, modality and
//!    attribution become [`Flag`]s.
//! 5. Report sentences that no statement sentence draws on are `omitted`.
//!
//! ```
//! use claimdiff::check::{CheckOptions, Verdict, check};
//! use claimdiff::{Document, SegmentOptions};
//!
//! let seg = SegmentOptions::default();
//! let report = Document::new(
//!     "The office found that 40 schools were closed. Rain fell in March.".into(),
//!     &seg,
//! );
//! let statement = Document::new(
//!     "The office found that 40 schools were closed. Bananas are yellow.".into(),
//!     &seg,
//! );
//! let result = check(statement, vec![report], &CheckOptions::default());
//! assert_eq!(result.claims[0].verdict, Verdict::Matched);
//! assert_eq!(result.claims[1].verdict, Verdict::Unsupported);
//! assert!(!result.all_supported());
//! ```

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are sentence positions of the statement and reports and positions in candidate lists built from them"
)]

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::claims::{self, ClaimChange, ClaimType};
use crate::document::Document;
use crate::segment::Lang;
use crate::similarity::{Analyzer, SparseVec, TermIndex, Vectors, cosine};
use crate::text::normalized_key;

/// Least support score ([`support`]) for `matched`: near-identical wording. Sentences with
/// the same normalised key are matched whatever their score. Not tuned: on
/// `tests/data/check.jsonl` two of the three gold `matched` pairs score .85 and .83 (a clause
/// dropped or added around the same words) while a `reworded` and a `partial` pair score .98
/// and .96, so the score alone does not separate them; 0.9 keeps `matched` for near-verbatim
/// wording.
pub const MATCHED_MIN: f32 = 0.9;
/// Least support score for `reworded`: the same claim in other words. Tuned on
/// `tests/data/check.jsonl` for verdict accuracy, keeping `partial` a band of at least 0.1:
/// 0.18 / 0.20 / 0.25 / 0.30 / 0.35 / 0.40 gave .590 / .577 / .564 / .526 / .513 / .487
/// (lower is better only because gold `reworded` outnumbers `partial` two to one).
pub const REWORDED_MIN: f32 = 0.25;
/// Least support score for `partial` (below it: `unsupported`, unless the order pass finds
/// a counterpart). Tuned on `tests/data/check.jsonl` for `unsupported` precision first
/// (target .90), then recall: a statement shares its topic words ("assessment", "Xinjiang")
/// with every sentence of its report, which gives unrelated sentences scores up to about
/// .2; heavy paraphrase (the Aesop retellings) falls that low too. 0.12 / 0.13 / 0.14 /
/// 0.15 / 0.16 gave precision .933 / .941 / .941 / .850 / .818 and recall .636 / .727 /
/// .727 / .773 / .818 (docs/quality.md).
pub const PARTIAL_MIN: f32 = 0.14;
/// The order pass: a statement sentence with no counterpart of its own (best score below
/// [`PARTIAL_MIN`]) whose two neighbours in the statement have their best matches in the
/// same report, in order and at most this many sentences apart, takes the report sentence
/// between them that supports it best (score at least [`ORDER_MIN`]) as a `partial`
/// counterpart. A statement that follows its report's order locally is supported there even
/// in other words (retellings, summaries). Not tuned (3 covers the 1-3 sentence steps of the
/// data). Without the pass, `unsupported` precision on `tests/data/check.jsonl` is .800
/// instead of .941.
pub const ORDER_SPAN: usize = 3;
/// Least support score for a report sentence chosen by the order pass: some shared word.
/// Tuned on `tests/data/check.jsonl`: 0.05 / 0.08 / 0.10 gave `unsupported` precision .941 /
/// .889 / .842.
pub const ORDER_MIN: f32 = 0.05;
/// Least support score for a neighbour's best match to count as its place in the report
/// for the order pass. Lower than [`PARTIAL_MIN`] because paraphrased neighbours of a
/// paraphrase are weak matches themselves; 0.08, 0.10 and 0.12 gave the same scores.
pub const ORDER_ANCHOR_MIN: f32 = 0.1;
/// How many report sentences the index proposes per statement sentence for an exact score.
/// Larger than any `--evidence` in ordinary use; 16 exact scores per sentence are cheap.
pub const CANDIDATES: usize = 16;
/// A term found in more report sentences than this proposes no candidates (it still
/// counts in the exact score). Bounds the work per statement sentence on long reports;
/// higher than the aligner's 64 because a statement is checked against a whole report,
/// where topic words recur more.
pub const MAX_POSTINGS: usize = 256;

/// What the report says about one statement sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A report sentence says the same, in near-identical words.
    Matched,
    /// A report sentence says it in other words.
    Reworded,
    /// A report sentence shares part of the claim (some key terms, not the whole), or says
    /// it with another number or polarity.
    Partial,
    /// No counterpart in the reports.
    Unsupported,
}

impl Verdict {
    /// Every verdict, in display order.
    pub const ALL: [Verdict; 4] = [
        Verdict::Matched,
        Verdict::Reworded,
        Verdict::Partial,
        Verdict::Unsupported,
    ];

    /// The lower-case name used in JSON and on the terminal.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Matched => "matched",
            Verdict::Reworded => "reworded",
            Verdict::Partial => "partial",
            Verdict::Unsupported => "unsupported",
        }
    }
}

/// On what a statement sentence and its counterpart disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagType {
    /// One side negates what the other asserts ("did not find X" vs "found X").
    Negation,
    /// A number, amount or date differs.
    Number,
    /// Certainty differs ("may constitute" vs "constitutes"), or one side hedges.
    Hedge,
    /// The statement distances itself from a term: scare quotes or "so-called".
    ScareQuotes,
    /// Who says it differs.
    Attribution,
}

impl FlagType {
    /// Every flag type, in display order.
    pub const ALL: [FlagType; 5] = [
        FlagType::Negation,
        FlagType::Number,
        FlagType::Hedge,
        FlagType::ScareQuotes,
        FlagType::Attribution,
    ];

    /// The lower-case name used in JSON and on the terminal.
    pub fn name(self) -> &'static str {
        match self {
            FlagType::Negation => "negation",
            FlagType::Number => "number",
            FlagType::Hedge => "hedge",
            FlagType::ScareQuotes => "scare_quotes",
            FlagType::Attribution => "attribution",
        }
    }

    /// The flag a claim change raises, if any: negation, number and attribution map to
    /// themselves; a modality change is `scare_quotes` when it is a distancing hedge on the
    /// statement side (`so-called`, a quoted term), otherwise `hedge`. Entity and intensity
    /// changes raise no flag (they stay in the evidence's claim changes).
    pub fn of(change: &ClaimChange) -> Option<FlagType> {
        match change.kind {
            ClaimType::Negation => Some(FlagType::Negation),
            ClaimType::Number => Some(FlagType::Number),
            ClaimType::Attribution => Some(FlagType::Attribution),
            ClaimType::Modality => {
                let distancing = change.is_hedge()
                    && change.new.as_deref().is_some_and(|t| {
                        let lower = t.to_lowercase();
                        DISTANCING.iter().any(|d| lower.contains(d))
                            || crate::claims::modality::is_quoted(t)
                    });
                Some(if distancing {
                    FlagType::ScareQuotes
                } else {
                    FlagType::Hedge
                })
            }
            ClaimType::Entity | ClaimType::Intensity => None,
        }
    }
}

/// Hedges that distance the writer from a term (flagged `scare_quotes`, like quotation
/// marks around it), in the languages of `--lang`: `so-called`, German `sogenannt`,
/// French `soi-disant` and `prétendu`, Spanish `supuesto` and `presunto`.
const DISTANCING: [&str; 7] = [
    "so-called",
    "so called",
    "sogenannt",
    "soi-disant",
    "prétendu",
    "supuest",
    "presunt",
];

/// How a check is run.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Language of the stemmer, function words and claim word lists. Default: English.
    pub lang: Lang,
    /// How many report sentences to give as evidence per statement sentence (at most
    /// [`CANDIDATES`] are scored, so more gives no more). Default: 2.
    pub evidence: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            lang: Lang::English,
            evidence: 2,
        }
    }
}

/// A report sentence offered as evidence for a statement sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Which report (index into [`CheckReport::reports`]).
    pub report: usize,
    /// Sentence index in that report.
    pub sentence: usize,
    /// How well it supports the statement sentence: [`support`] (`0..=1`; 1 for the same
    /// key).
    pub similarity: f32,
    /// Content words the two sentences share, as written in the report sentence, each once,
    /// in report order.
    pub shared: Vec<String>,
    /// Byte ranges in the report text of every occurrence of a shared word.
    pub shared_spans: Vec<(usize, usize)>,
    /// Byte ranges in the statement text of every occurrence of a shared word (the same
    /// terms as [`Evidence::shared_spans`], on the statement side).
    pub statement_spans: Vec<(usize, usize)>,
    /// Claim changes from the report sentence (old) to the statement sentence (new), spans
    /// into the report and statement texts. Empty unless the pair counts as a counterpart
    /// (score at least [`PARTIAL_MIN`], or chosen by the order pass).
    pub claim_changes: Vec<ClaimChange>,
}

/// A disagreement between a statement sentence and one of its counterparts.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// What they disagree on.
    pub kind: FlagType,
    /// Which evidence item (index into [`Claim::evidence`]).
    pub evidence: usize,
    /// The phrase on the statement side, or `None` when only the report has it.
    pub statement: Option<String>,
    /// The phrase on the report side, or `None` when only the statement has it.
    pub report: Option<String>,
    /// Byte range of `statement` in the statement's text.
    pub statement_span: Option<(usize, usize)>,
    /// Byte range of `report` in the report's text.
    pub report_span: Option<(usize, usize)>,
}

/// The check of one statement sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Statement sentence index.
    pub sentence: usize,
    /// What the reports say about it.
    pub verdict: Verdict,
    /// The best report sentences, most similar first (at most [`CheckOptions::evidence`];
    /// also for `unsupported` sentences, as the nearest there is).
    pub evidence: Vec<Evidence>,
    /// Disagreements with the counterparts (evidence with claim changes).
    pub flags: Vec<Flag>,
}

/// Counts over a check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckSummary {
    /// Sentences in the statement.
    pub statement_sentences: usize,
    /// Statement sentences with a counterpart (matched, reworded or partial).
    pub supported: usize,
    /// Statement sentences matched.
    pub matched: usize,
    /// Statement sentences reworded.
    pub reworded: usize,
    /// Statement sentences partially supported.
    pub partial: usize,
    /// Statement sentences without a counterpart.
    pub unsupported: usize,
    /// Sentences in all reports.
    pub report_sentences: usize,
    /// Report sentences some statement sentence draws on.
    pub reflected: usize,
    /// Report sentences no statement sentence draws on.
    pub omitted: usize,
    /// Flags raised, over all claims.
    pub flags: usize,
}

/// The result of checking a statement against reports.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The statement.
    pub statement: Document,
    /// The reports, in the order given.
    pub reports: Vec<Document>,
    /// One claim per statement sentence, in statement order.
    pub claims: Vec<Claim>,
    /// Report sentences no statement sentence draws on, as `(report, sentence)`, in report
    /// order.
    pub omitted: Vec<(usize, usize)>,
}

impl CheckSummary {
    /// The number of statement sentences with verdict `v`.
    pub fn count(&self, v: Verdict) -> usize {
        match v {
            Verdict::Matched => self.matched,
            Verdict::Reworded => self.reworded,
            Verdict::Partial => self.partial,
            Verdict::Unsupported => self.unsupported,
        }
    }
}

impl CheckReport {
    /// Counts of verdicts and of reflected report sentences.
    pub fn summary(&self) -> CheckSummary {
        let mut s = CheckSummary {
            statement_sentences: self.statement.len(),
            report_sentences: self.reports.iter().map(Document::len).sum(),
            omitted: self.omitted.len(),
            ..CheckSummary::default()
        };
        s.reflected = s.report_sentences - s.omitted;
        for c in &self.claims {
            match c.verdict {
                Verdict::Matched => s.matched += 1,
                Verdict::Reworded => s.reworded += 1,
                Verdict::Partial => s.partial += 1,
                Verdict::Unsupported => s.unsupported += 1,
            }
            s.flags += c.flags.len();
        }
        s.supported = s.matched + s.reworded + s.partial;
        s
    }

    /// Whether every statement sentence has a counterpart (the CLI's exit status 0).
    pub fn all_supported(&self) -> bool {
        self.claims
            .iter()
            .all(|c| c.verdict != Verdict::Unsupported)
    }
}

/// Check every sentence of `statement` against the sentences of `reports`.
pub fn check(statement: Document, reports: Vec<Document>, opts: &CheckOptions) -> CheckReport {
    let analyzer = Analyzer::new(opts.lang);
    // Every report sentence, as (report, sentence), in report order.
    let places: Vec<(usize, usize)> = reports
        .iter()
        .enumerate()
        .flat_map(|(k, d)| (0..d.len()).map(move |i| (k, i)))
        .collect();
    let vectors = Vectors::build(
        &analyzer,
        (0..statement.len()).map(|i| statement.sentence_text(i)),
        places.iter().map(|&(k, i)| reports[k].sentence_text(i)),
    );
    let keys: Vec<String> = places
        .iter()
        .map(|&(k, i)| normalized_key(reports[k].sentence_text(i)))
        .collect();
    let index = TermIndex::new(&vectors.new, MAX_POSTINGS);
    let mut searcher = index.searcher();
    let mut reflected = vec![false; places.len()];
    let mut claims = Vec::with_capacity(statement.len());
    let mut ranked: Vec<Vec<(usize, f32)>> = (0..statement.len())
        .map(|i| {
            rank(
                &vectors.old[i],
                &normalized_key(statement.sentence_text(i)),
                &vectors.new,
                &keys,
                searcher.candidates(&vectors.old[i], CANDIDATES),
            )
        })
        .collect();
    let by_order = order_support(&mut ranked, &vectors, &places);
    for (i, ranked) in ranked.iter().enumerate() {
        for &(g, s) in ranked {
            if s >= PARTIAL_MIN || (by_order[i] && g == ranked[0].0) {
                reflected[g] = true;
            }
        }
        let best = ranked.first().map_or(0.0, |r| r.1);
        // The best pair decides the verdict even when no evidence is to be shown.
        let mut evidence: Vec<Evidence> = ranked
            .iter()
            .take(opts.evidence.max(1))
            .enumerate()
            .map(|(r, &(g, s))| {
                let (k, j) = places[g];
                let counterpart = s >= PARTIAL_MIN || (by_order[i] && r == 0);
                let pair = Pair {
                    statement: &statement,
                    i,
                    report: &reports[k],
                    k,
                    j,
                };
                evidence_pair(&analyzer, opts.lang, &pair, s, counterpart)
            })
            .collect();
        let mut flags: Vec<Flag> = evidence
            .iter()
            .enumerate()
            .flat_map(|(e, ev)| {
                ev.claim_changes.iter().filter_map(move |cc| {
                    Some(Flag {
                        kind: FlagType::of(cc)?,
                        evidence: e,
                        statement: cc.new.clone(),
                        report: cc.old.clone(),
                        statement_span: cc.new_span,
                        report_span: cc.old_span,
                    })
                })
            })
            .collect();
        let mut verdict = verdict_of(best);
        if by_order[i] {
            verdict = Verdict::Partial;
        }
        // A counterpart that says the opposite or gives another number supports only part
        // of the claim, however close the wording. Before: "found 70" vs report "found 40"
        // (near-identical) -> matched; after: partial.
        if matches!(verdict, Verdict::Matched | Verdict::Reworded)
            && flags.iter().any(|f| f.evidence == 0 && overstates(f))
        {
            verdict = Verdict::Partial;
        }
        evidence.truncate(opts.evidence);
        flags.retain(|f| f.evidence < opts.evidence);
        claims.push(Claim {
            sentence: i,
            verdict,
            evidence,
            flags,
        });
    }
    let omitted = places
        .iter()
        .zip(&reflected)
        .filter(|(_, r)| !**r)
        .map(|(p, _)| *p)
        .collect();
    CheckReport {
        statement,
        reports,
        claims,
        omitted,
    }
}

/// The second pass: a statement sentence with no counterpart of its own, whose two
/// neighbours in the statement both have one in the same report, close together (at most
/// [`ORDER_SPAN`] sentences apart, in order), takes the report sentence between them that
/// supports it best, if its score is at least [`ORDER_MIN`]: a statement that follows its
/// report's order locally is supported there even in other words. Its evidence is put
/// first; the returned flags say which sentences were supported this way (their verdict is
/// `partial`).
///
/// Before: a retelling's "But the Mouse's chance came, after all." (no report sentence
/// scores [`PARTIAL_MIN`]) between sentences matched to report sentences 6 and 8; after:
/// partial, evidence 7.
fn order_support(
    ranked: &mut [Vec<(usize, f32)>],
    vectors: &Vectors,
    places: &[(usize, usize)],
) -> Vec<bool> {
    let best = |r: &[(usize, f32)]| r.first().filter(|x| x.1 >= ORDER_ANCHOR_MIN).map(|x| x.0);
    let anchors: Vec<Option<usize>> = ranked.iter().map(|r| best(r)).collect();
    let mut out = vec![false; ranked.len()];
    for i in 1..ranked.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (anchors[i - 1], anchors[i + 1]) else {
            continue;
        };
        if ranked[i].first().is_some_and(|x| x.1 >= PARTIAL_MIN) {
            continue;
        };
        if a > b || b - a > ORDER_SPAN || places[a].0 != places[b].0 {
            continue;
        }
        let pick = (a..=b)
            .map(|g| (g, support(&vectors.old[i], &vectors.new[g])))
            .filter(|&(_, c)| c >= ORDER_MIN)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((g, c)) = pick {
            ranked[i].retain(|x| x.0 != g);
            ranked[i].insert(0, (g, c));
            out[i] = true;
        }
    }
    out
}

/// Whether a flag on the best pair means the statement says the opposite of the report or
/// gives another number. A hedge only the report has ("may constitute" -> "constitutes")
/// also overstates, but counting it lowered verdict accuracy on `tests/data/check.jsonl`
/// from .590 to .564 (the hedge detector also fires on "shows", "confirms"), so it is only
/// flagged.
fn overstates(f: &Flag) -> bool {
    matches!(f.kind, FlagType::Negation | FlagType::Number)
}

/// How well report sentence `report` supports statement sentence `query`: the geometric
/// mean of their cosine and of the share of the query's squared term weight that the report
/// sentence contains (its coverage). Cosine alone penalises a report sentence that says the
/// statement's claim and more; coverage alone favours long report sentences. Example (the
/// seeds): "The detention of Uyghurs ... constitutes crimes against humanity, she said."
/// against the report's longer "According to the office, the extent of arbitrary and
/// discriminatory detention of Uyghurs ... may constitute international crimes, in particular
/// crimes against humanity.": cosine .51, coverage .69, support .59. On
/// `tests/data/check.jsonl` ranking by it instead of the cosine raised evidence recall@2
/// from .893 to .929.
pub fn support(query: &SparseVec, report: &SparseVec) -> f32 {
    if query.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0f32);
    while i < query.terms.len() && j < report.terms.len() {
        match query.terms[i].0.cmp(&report.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += query.terms[i].1 * query.terms[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    let coverage = (shared / (query.norm * query.norm)).clamp(0.0, 1.0);
    (cosine(query, report) * coverage).sqrt()
}

/// The verdict of a best support score alone.
fn verdict_of(similarity: f32) -> Verdict {
    if similarity >= MATCHED_MIN {
        Verdict::Matched
    } else if similarity >= REWORDED_MIN {
        Verdict::Reworded
    } else if similarity >= PARTIAL_MIN {
        Verdict::Partial
    } else {
        Verdict::Unsupported
    }
}

/// The candidates with their exact [`support`] score (1 for the same key), best first,
/// ties to the earlier report sentence; candidates with score 0 are dropped.
fn rank(
    query: &SparseVec,
    key: &str,
    report_vecs: &[SparseVec],
    report_keys: &[String],
    candidates: Vec<usize>,
) -> Vec<(usize, f32)> {
    let mut ranked: Vec<(usize, f32)> = candidates
        .into_iter()
        .map(|g| {
            let s = if !key.is_empty() && report_keys[g] == key {
                1.0
            } else {
                support(query, &report_vecs[g])
            };
            (g, s)
        })
        .filter(|&(_, s)| s > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// Statement sentence `i` and sentence `j` of report `k`.
struct Pair<'a> {
    statement: &'a Document,
    i: usize,
    report: &'a Document,
    k: usize,
    j: usize,
}

/// One evidence item; claim changes only when the pair counts as a `counterpart`.
fn evidence_pair(
    analyzer: &Analyzer,
    lang: Lang,
    pair: &Pair<'_>,
    similarity: f32,
    counterpart: bool,
) -> Evidence {
    let Pair {
        statement,
        i,
        report,
        k,
        j,
    } = *pair;
    let s = &statement.sentences[i];
    let r = &report.sentences[j];
    let shared = shared_words(analyzer, statement, i, report, j);
    let claim_changes = if counterpart {
        claims::claim_changes(
            &report.text,
            (r.start, r.end),
            &statement.text,
            (s.start, s.end),
            lang,
        )
        .0
    } else {
        Vec::new()
    };
    Evidence {
        report: k,
        sentence: j,
        similarity,
        shared: shared.words,
        shared_spans: shared.report_spans,
        statement_spans: shared.statement_spans,
        claim_changes,
    }
}

/// The words a statement sentence and a report sentence share (see [`shared_words`]).
struct Shared {
    /// Each shared word once (first spelling in the report sentence, in report order).
    words: Vec<String>,
    /// Absolute byte range of every occurrence in the report text.
    report_spans: Vec<(usize, usize)>,
    /// Absolute byte range of every occurrence in the statement text.
    statement_spans: Vec<(usize, usize)>,
}

/// The content words (not function words) of report sentence `j` whose term also occurs in
/// statement sentence `i`, with the byte ranges of their occurrences on both sides.
fn shared_words(
    analyzer: &Analyzer,
    statement: &Document,
    i: usize,
    report: &Document,
    j: usize,
) -> Shared {
    let content_terms = |doc: &Document, n: usize| {
        let base = doc.sentences[n].start;
        let mut out: Vec<(String, (usize, usize))> = Vec::new();
        analyzer.term_spans(doc.sentence_text(n), |term, factor, span| {
            if factor >= 1.0 {
                out.push((term.to_owned(), (base + span.start, base + span.end)));
            }
        });
        out
    };
    let in_statement = content_terms(statement, i);
    let statement_terms: HashSet<&str> = in_statement.iter().map(|(t, _)| t.as_str()).collect();
    let mut shared = Shared {
        words: Vec::new(),
        report_spans: Vec::new(),
        statement_spans: Vec::new(),
    };
    let mut seen: HashSet<String> = HashSet::new();
    for (term, (a, b)) in content_terms(report, j) {
        if statement_terms.contains(term.as_str()) {
            shared.report_spans.push((a, b));
            if seen.insert(term) {
                shared.words.push(report.text[a..b].to_owned());
            }
        }
    }
    shared.statement_spans = in_statement
        .into_iter()
        .filter(|(t, _)| seen.contains(t))
        .map(|(_, span)| span)
        .collect();
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SegmentOptions;

    fn run(statement: &str, reports: &[&str]) -> CheckReport {
        let seg = SegmentOptions::default();
        check(
            Document::new(statement.to_owned(), &seg),
            reports
                .iter()
                .map(|r| Document::new((*r).to_owned(), &seg))
                .collect(),
            &CheckOptions::default(),
        )
    }

    const REPORT: &str = "The review found that the agency misused 40 grants in 2023. \
        Officials may have broken procurement rules. \
        The auditor said the housing office kept poor records. \
        Bus fares will rise next spring.";

    fn flag_types(c: &Claim) -> Vec<FlagType> {
        c.flags.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn matched_verdict_for_the_same_sentence() {
        let r = run("Officials may have broken procurement rules.", &[REPORT]);
        assert_eq!(r.claims[0].verdict, Verdict::Matched);
        assert_eq!(r.claims[0].evidence[0].sentence, 1);
        assert!(r.claims[0].flags.is_empty());
        assert!(r.all_supported());
    }

    #[test]
    fn reworded_verdict_for_other_words() {
        let r = run(
            "According to the auditor, records at the housing office were poorly kept.",
            &[REPORT],
        );
        assert_eq!(r.claims[0].verdict, Verdict::Reworded, "{:?}", r.claims[0]);
        assert_eq!(r.claims[0].evidence[0].sentence, 2);
    }

    #[test]
    fn partial_verdict_for_some_key_terms() {
        let r = run(
            "The agency misused grants and its director must resign at once.",
            &[REPORT],
        );
        assert_eq!(r.claims[0].verdict, Verdict::Partial, "{:?}", r.claims[0]);
        assert_eq!(r.claims[0].evidence[0].sentence, 0);
    }

    #[test]
    fn unsupported_verdict_and_exit_status() {
        let r = run("Bananas are yellow and grow in warm places.", &[REPORT]);
        assert_eq!(r.claims[0].verdict, Verdict::Unsupported);
        assert!(r.claims[0].flags.is_empty());
        assert!(!r.all_supported());
        assert_eq!(r.summary().unsupported, 1);
    }

    #[test]
    fn negation_flag() {
        let r = run(
            "The review did not find that the agency misused 40 grants in 2023.",
            &[REPORT],
        );
        assert!(flag_types(&r.claims[0]).contains(&FlagType::Negation));
        let f = &r.claims[0].flags[0];
        assert_eq!(f.statement.as_deref(), Some("not"));
        assert_eq!(f.report, None);
    }

    #[test]
    fn number_flag() {
        let r = run(
            "The review found that the agency misused 70 grants in 2023.",
            &[REPORT],
        );
        assert_eq!(flag_types(&r.claims[0]), [FlagType::Number]);
        // Near-identical wording with another number supports only part of the claim.
        assert!(r.claims[0].evidence[0].similarity >= REWORDED_MIN);
        assert_eq!(r.claims[0].verdict, Verdict::Partial);
    }

    #[test]
    fn hedge_flag() {
        let r = run("Officials broke procurement rules.", &[REPORT]);
        assert!(
            flag_types(&r.claims[0]).contains(&FlagType::Hedge),
            "{:?}",
            r.claims[0].flags
        );
    }

    #[test]
    fn scare_quotes_flag() {
        let r = run(
            "The so-called review found that the agency misused 40 grants in 2023.",
            &[REPORT],
        );
        assert!(
            flag_types(&r.claims[0]).contains(&FlagType::ScareQuotes),
            "{:?}",
            r.claims[0].flags
        );
    }

    #[test]
    fn scare_quotes_around_a_term() {
        let r = run(
            "The auditor said the housing office kept “poor” records.",
            &[REPORT],
        );
        let f = r.claims[0]
            .flags
            .iter()
            .find(|f| f.kind == FlagType::ScareQuotes)
            .expect("scare quotes flagged");
        assert_eq!(f.statement.as_deref(), Some("“poor”"));
        let (a, b) = f.statement_span.unwrap();
        assert_eq!(&r.statement.text[a..b], "“poor”");
    }

    #[test]
    fn attribution_flag() {
        let r = run(
            "The mayor said the housing office kept poor records.",
            &[REPORT],
        );
        assert!(
            flag_types(&r.claims[0]).contains(&FlagType::Attribution),
            "{:?}",
            r.claims[0].flags
        );
    }

    #[test]
    fn omitted_and_shared_words() {
        let r = run(
            "Bus fares will rise next spring, officials said.",
            &[REPORT],
        );
        assert_eq!(r.omitted, [(0, 0), (0, 1), (0, 2)]);
        let ev = &r.claims[0].evidence[0];
        assert_eq!(ev.shared, ["Bus", "fares", "rise", "next", "spring"]);
        assert_eq!(
            &r.reports[0].text[ev.shared_spans[0].0..ev.shared_spans[0].1],
            "Bus"
        );
        let on_statement: Vec<&str> = ev
            .statement_spans
            .iter()
            .map(|&(a, b)| &r.statement.text[a..b])
            .collect();
        assert_eq!(on_statement, ["Bus", "fares", "rise", "next", "spring"]);
        let s = r.summary();
        assert_eq!((s.reflected, s.omitted, s.report_sentences), (1, 3, 4));
    }

    #[test]
    fn several_reports_and_evidence_limit() {
        let r = run(
            "Bus fares will rise next spring.",
            &["Rain fell all week.", REPORT],
        );
        assert_eq!(r.claims[0].evidence[0].report, 1);
        assert_eq!(r.claims[0].evidence[0].sentence, 3);
        assert!(r.claims[0].evidence.len() <= 2);
        assert!(r.omitted.contains(&(0, 0)));
        let none = check(
            Document::new("Bus fares will rise.".into(), &SegmentOptions::default()),
            vec![Document::new(REPORT.into(), &SegmentOptions::default())],
            &CheckOptions {
                evidence: 0,
                ..CheckOptions::default()
            },
        );
        assert!(none.claims[0].evidence.is_empty());
        assert_ne!(none.claims[0].verdict, Verdict::Unsupported);
    }

    #[test]
    fn order_pass_supports_a_weak_paraphrase_between_supported_neighbours() {
        let report = "The lion slept in his den. A mouse ran across his face and woke him. \
            The lion grabbed the mouse with his paw. The mouse begged to be spared.";
        let middle = "Awakened, he was furious with the small creature on his face.";
        let alone = run(middle, &[report]);
        assert_eq!(alone.claims[0].verdict, Verdict::Unsupported);
        let r = run(
            &format!(
                "The lion slept in his den. {middle} The lion grabbed the mouse with his paw."
            ),
            &[report],
        );
        assert_eq!(r.claims[1].verdict, Verdict::Partial, "{:?}", r.claims[1]);
        assert_eq!(r.claims[1].evidence[0].sentence, 1);
        assert!(!r.omitted.contains(&(0, 1)));
    }

    #[test]
    fn empty_inputs() {
        let r = run("", &[REPORT]);
        assert!(r.claims.is_empty() && r.all_supported());
        assert_eq!(r.omitted.len(), 4);
        let r = run("Bus fares will rise.", &[""]);
        assert_eq!(r.claims[0].verdict, Verdict::Unsupported);
    }
}
