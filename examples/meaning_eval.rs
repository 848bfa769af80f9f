//! What the meaning signal separates, without the aligner: ROC AUC of gold sentence pairs
//! against every other old x new pair of the same documents, for the lexical TF-IDF cosine,
//! the meaning signal and their combinations (`scripts/eval_meaning` runs this).
//!
//! ```sh
//! cargo run --release --example meaning_eval -- NAME=FILE.jsonl [NAME=FILE.jsonl ...]
//! ```
//!
//! Each file holds one document pair a line with `old`, `new` (sentence arrays) and `gold`
//! (`[[old idx...], [new idx...], label]`), the format of the shared evaluation sets. A
//! pair is positive when some gold unit holds both sentences. "changed" counts only the
//! positive pairs whose texts differ (identical pairs are easy for every score). The
//! weighted mean `w * tfidf + (1 - w) * meaning` is tuned on the even-numbered documents
//! and scored on the odd ones, and the other way round (two-fold cross-validation).

use std::collections::{HashMap, HashSet};

use claimdiff::Lang;
use claimdiff::meaning::MeaningTable;
use claimdiff::similarity::{Analyzer, Vectors, cosine};

/// One old x new pair of a document: its scores and whether it is gold.
struct Pair {
    doc: usize,
    old: usize,
    new: usize,
    gold: bool,
    identical: bool,
    /// In a gold unit of several old sentences and one new (a merge): `Some(true)`; of one
    /// old and several new (a split): `Some(false)`.
    merge: Option<bool>,
    scores: [f32; 5],
    /// Meaning coverage of the old sentence in the new one, and of the new in the old.
    cover: (f32, f32),
}

const NAMES: [&str; 5] = [
    "TF-IDF cosine",
    "meaning, static weights",
    "meaning, document IDF",
    "TF-IDF + meaning (IDF), mean",
    "`combine` (shipped weight)",
];

/// ROC AUC (Mann-Whitney, ties count half) of `pos` scores over `neg` scores.
fn auc(pos: &[f32], neg: &[f32]) -> f64 {
    if pos.is_empty() || neg.is_empty() {
        return f64::NAN;
    }
    let mut all: Vec<(f32, bool)> = pos.iter().map(|&s| (s, true)).collect();
    all.extend(neg.iter().map(|&s| (s, false)));
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum = 0.0f64;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j].0 == all[i].0 {
            j += 1;
        }
        let mid = (i + j + 1) as f64 / 2.0;
        rank_sum += mid * all[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let (p, n) = (pos.len() as f64, neg.len() as f64);
    (rank_sum - p * (p + 1.0) / 2.0) / (p * n)
}

fn quantile(v: &[f32], q: f64) -> f32 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f32::NAN;
    }
    v[((v.len() - 1) as f64 * q).round() as usize]
}

fn load(path: &str) -> Result<Vec<Pair>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let table = MeaningTable::get().ok_or("meaning table missing")?;
    let analyzer = Analyzer::new(Lang::English);
    let mut out = Vec::new();
    for (doc, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}: line {}: {e}", doc + 1))?;
        let side = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| s.as_str().unwrap_or("").to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let (old, new) = (side("old"), side("new"));
        let mut gold = HashSet::new();
        let mut parts: HashMap<(usize, usize), bool> = HashMap::new();
        for unit in v["gold"].as_array().into_iter().flatten() {
            let idx = |k: usize| -> Vec<usize> {
                unit[k]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_u64())
                            .map(|x| x as usize)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (os, ns) = (idx(0), idx(1));
            for &o in &os {
                for &n in &ns {
                    gold.insert((o, n));
                    if os.len() > 1 || ns.len() > 1 {
                        parts.insert((o, n), os.len() > 1);
                    }
                }
            }
        }
        let lex = Vectors::build(
            &analyzer,
            old.iter().map(String::as_str),
            new.iter().map(String::as_str),
        );
        let stat_old: Vec<_> = old.iter().map(|s| table.sentence(s)).collect();
        let stat_new: Vec<_> = new.iter().map(|s| table.sentence(s)).collect();
        let (idf_old, idf_new) = table.documents(
            old.iter().map(String::as_str),
            new.iter().map(String::as_str),
        );
        for (o, ot) in old.iter().enumerate() {
            for (n, nt) in new.iter().enumerate() {
                let t = cosine(&lex.old[o], &lex.new[n]);
                let s = table.similarity(&stat_old[o], &stat_new[n]);
                let cover = table.coverages(&idf_old[o], &idf_new[n]);
                let m = (cover.0 + cover.1) / 2.0;
                out.push(Pair {
                    merge: parts.get(&(o, n)).copied(),
                    cover,
                    doc,
                    old: o,
                    new: n,
                    gold: gold.contains(&(o, n)),
                    identical: ot.split_whitespace().eq(nt.split_whitespace()),
                    scores: [t, s, m, (t + m) / 2.0, claimdiff::meaning::combine(t, m)],
                });
            }
        }
    }
    Ok(out)
}

fn split(pairs: &[&Pair], score: impl Fn(&Pair) -> f32, changed: bool) -> (Vec<f32>, Vec<f32>) {
    let pos = pairs
        .iter()
        .filter(|p| p.gold && !(changed && p.identical))
        .map(|p| score(p))
        .collect();
    let neg = pairs.iter().filter(|p| !p.gold).map(|p| score(p)).collect();
    (pos, neg)
}

/// Share of the sentences with a changed gold partner (none identical) whose best-scoring
/// counterpart is a gold partner (for each such old sentence, the argmax over the new
/// sentences of its document, and the other way round; ties: the first by index).
fn best_is_gold(pairs: &[&Pair], score: impl Fn(&Pair) -> f32) -> f64 {
    gold_in_top(pairs, score, 1)
}

/// As [`best_is_gold`], with a gold partner among the `k` best-scoring counterparts.
fn gold_in_top(pairs: &[&Pair], score: impl Fn(&Pair) -> f32, k: usize) -> f64 {
    /// Per sentence: (score, index of the counterpart, is gold) of every counterpart, and
    /// whether some gold partner is identical.
    type Row = (Vec<(f32, usize, bool)>, bool);
    // Keyed by (doc, is a new sentence, index).
    let mut rows: HashMap<(usize, bool, usize), Row> = HashMap::new();
    for p in pairs {
        let s = score(p);
        for (key, other) in [
            ((p.doc, false, p.old), p.new),
            ((p.doc, true, p.new), p.old),
        ] {
            let e = rows.entry(key).or_default();
            e.0.push((s, other, p.gold));
            e.1 |= p.gold && p.identical;
        }
    }
    let (mut hit, mut n) = (0usize, 0usize);
    for (mut cands, identical) in rows.into_values() {
        if identical || !cands.iter().any(|c| c.2) {
            continue;
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        n += 1;
        hit += usize::from(cands.iter().take(k).any(|c| c.2));
    }
    hit as f64 / n.max(1) as f64
}

/// Best weight of TF-IDF in the weighted mean on `train`, by changed-pair AUC.
fn tune(train: &[&Pair]) -> f32 {
    tune_macro(&[train.to_vec()])
}

/// Best weight of TF-IDF by the mean over `sets` of each set's changed-pair AUC (pooling
/// sets would compare one set's gold pairs with another's non-pairs).
fn tune_macro(sets: &[Vec<&Pair>]) -> f32 {
    let mut best = (f64::MIN, 0.5);
    for step in 0..=20 {
        let w = step as f32 / 20.0;
        let mean = sets
            .iter()
            .map(|set| {
                let (pos, neg) = split(set, |p| w * p.scores[0] + (1.0 - w) * p.scores[2], true);
                auc(&pos, &neg)
            })
            .sum::<f64>()
            / sets.len().max(1) as f64;
        if mean > best.0 {
            best = (mean, w);
        }
    }
    best.1
}

/// A score of a pair, by reference.
type Score<'a> = dyn Fn(&Pair) -> f32 + 'a;

/// The parts of merges (several old sentences, one new) and splits (one old, several new)
/// against all non-pairs: TF-IDF, the symmetric meaning score, and the coverage of the part
/// in the whole (old in new for merges, new in old for splits).
fn parts_table(all: &[&Pair]) {
    for (merge, what, dir) in [
        (true, "merge", "old in new"),
        (false, "split", "new in old"),
    ] {
        let pos: Vec<&&Pair> = all.iter().filter(|p| p.merge == Some(merge)).collect();
        if pos.is_empty() {
            continue;
        }
        let neg: Vec<&&Pair> = all.iter().filter(|p| !p.gold).collect();
        let cov = |p: &Pair| if merge { p.cover.0 } else { p.cover.1 };
        let scores: [(&str, &Score); 3] = [
            ("TF-IDF", &|p: &Pair| p.scores[0]),
            ("meaning (both ways)", &|p: &Pair| p.scores[2]),
            ("meaning coverage of the part", &cov),
        ];
        let cells: Vec<String> = scores
            .iter()
            .map(|(label, f)| {
                let a = auc(
                    &pos.iter().map(|p| f(p)).collect::<Vec<_>>(),
                    &neg.iter().map(|p| f(p)).collect::<Vec<_>>(),
                );
                format!("{label} {a:.3}")
            })
            .collect();
        println!(
            "\n{} gold {what} pairs (part vs whole; coverage {dir}), AUC against all non-pairs: {}",
            pos.len(),
            cells.join(", ")
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: meaning_eval NAME=FILE.jsonl ...");
        std::process::exit(2);
    }
    let mut sets: Vec<(String, Vec<Pair>)> = Vec::new();
    for arg in &args {
        let (name, path) = arg.split_once('=').unwrap_or((arg.as_str(), arg.as_str()));
        let pairs = match load(path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("claimdiff meaning_eval: {e}");
                std::process::exit(2);
            }
        };
        let all: Vec<&Pair> = pairs.iter().collect();
        let docs = pairs.iter().map(|p| p.doc).max().map_or(0, |d| d + 1);
        let gold = all.iter().filter(|p| p.gold).count();
        let changed = all.iter().filter(|p| p.gold && !p.identical).count();
        println!(
            "\n### {name}: {docs} document pairs, {gold} gold pairs ({changed} changed), {} non-pairs\n",
            all.len() - gold
        );
        println!(
            "| score | AUC, all gold | AUC, changed gold | best match is gold (changed) | gold in top 5 | median of changed gold | 99th pct of non-pairs |"
        );
        println!("| --- | --- | --- | --- | --- | --- | --- |");
        let row = |label: &str, f: &dyn Fn(&Pair) -> f32| {
            let (pa, na) = split(&all, f, false);
            let (pc, _) = split(&all, f, true);
            println!(
                "| {label} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} | {:.2} |",
                auc(&pa, &na),
                auc(&pc, &na),
                best_is_gold(&all, f),
                gold_in_top(&all, f, 5),
                quantile(&pc, 0.5),
                quantile(&na, 0.99)
            );
        };
        for (k, label) in NAMES.iter().enumerate() {
            row(label, &|p: &Pair| p.scores[k]);
        }
        row("max(TF-IDF, meaning IDF)", &|p: &Pair| {
            p.scores[0].max(p.scores[2])
        });
        row("TF-IDF + (1 - TF-IDF) * meaning IDF * 0.35", &|p: &Pair| {
            p.scores[0] + (1.0 - p.scores[0]) * p.scores[2] * 0.35
        });
        row("TF-IDF + (1 - TF-IDF) * meaning IDF^4", &|p: &Pair| {
            p.scores[0] + (1.0 - p.scores[0]) * p.scores[2].powi(4)
        });
        row("TF-IDF x meaning IDF (product)", &|p: &Pair| {
            p.scores[0] * p.scores[2]
        });
        // Two-fold cross-validation of the weight: tune on even documents, score odd ones,
        // and the other way round; the held-out scores are pooled.
        let (even, odd): (Vec<&Pair>, Vec<&Pair>) =
            all.iter().partition(|p| p.doc.is_multiple_of(2));
        let (we, wo) = (tune(&even), tune(&odd));
        let held = |p: &Pair| {
            let w = if p.doc.is_multiple_of(2) { wo } else { we };
            w * p.scores[0] + (1.0 - w) * p.scores[2]
        };
        row(
            &format!("w*TF-IDF + (1-w)*meaning IDF, w cross-validated (w = {we:.2} / {wo:.2})"),
            &held,
        );
        let wall = tune(&all);
        row(
            &format!("same, w tuned on all (dev; w = {wall:.2})"),
            &|p: &Pair| wall * p.scores[0] + (1.0 - wall) * p.scores[2],
        );
        parts_table(&all);
        sets.push((name.to_owned(), pairs));
    }
    if sets.len() < 2 {
        return;
    }
    // Leave one set out: the weight tuned on all the other sets (mean AUC), scored on the
    // set left out; then the shipped `meaning::combine` (weight TFIDF_WEIGHT).
    println!("\n### Combination weight across sets\n");
    println!(
        "| set left out | w tuned on the others | AUC, changed gold | best is gold | with `combine` (w = {:.2}): AUC / best is gold |",
        claimdiff::meaning::TFIDF_WEIGHT
    );
    println!("| --- | --- | --- | --- | --- |");
    for (k, (name, pairs)) in sets.iter().enumerate() {
        let others: Vec<Vec<&Pair>> = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, (_, p))| p.iter().collect())
            .collect();
        let w = tune_macro(&others);
        let held: Vec<&Pair> = pairs.iter().collect();
        let f = |p: &Pair| w * p.scores[0] + (1.0 - w) * p.scores[2];
        let (pc, na) = split(&held, f, true);
        let g = |p: &Pair| claimdiff::meaning::combine(p.scores[0], p.scores[2]);
        let (gc, gn) = split(&held, g, true);
        println!(
            "| {name} | {w:.2} | {:.3} | {:.3} | {:.3} / {:.3} |",
            auc(&pc, &na),
            best_is_gold(&held, f),
            auc(&gc, &gn),
            best_is_gold(&held, g)
        );
    }
    let all: Vec<Vec<&Pair>> = sets.iter().map(|(_, p)| p.iter().collect()).collect();
    println!(
        "\nw tuned on all sets (mean of their AUCs): {:.2}",
        tune_macro(&all)
    );
}
