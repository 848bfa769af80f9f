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

use std::collections::HashSet;

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
    scores: [f32; 4],
}

const NAMES: [&str; 4] = [
    "TF-IDF cosine",
    "meaning, static weights",
    "meaning, document IDF",
    "TF-IDF + meaning (IDF), mean",
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
            for o in idx(0) {
                for n in idx(1) {
                    gold.insert((o, n));
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
                let m = table.similarity(&idf_old[o], &idf_new[n]);
                out.push(Pair {
                    doc,
                    old: o,
                    new: n,
                    gold: gold.contains(&(o, n)),
                    identical: ot.split_whitespace().eq(nt.split_whitespace()),
                    scores: [t, s, m, (t + m) / 2.0],
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
/// counterpart is a gold partner: for each such old sentence, the argmax over the new
/// sentences of its document, and the other way round (ties: the first by index).
fn best_is_gold(pairs: &[&Pair], score: impl Fn(&Pair) -> f32) -> f64 {
    use std::collections::HashMap;
    /// Per sentence: best score, best is gold, has a gold partner, some gold partner identical.
    type Best = (f32, bool, bool, bool);
    // Keyed by (doc, is a new sentence, index).
    let mut best: HashMap<(usize, bool, usize), Best> = HashMap::new();
    for p in pairs {
        let s = score(p);
        for key in [(p.doc, false, p.old), (p.doc, true, p.new)] {
            let e = best.entry(key).or_insert((f32::MIN, false, false, false));
            // Pairs come in index order on both sides, so a strict > keeps the first of ties.
            if s > e.0 {
                e.0 = s;
                e.1 = p.gold;
            }
            e.2 |= p.gold;
            e.3 |= p.gold && p.identical;
        }
    }
    let (mut hit, mut n) = (0usize, 0usize);
    for &(_, is_gold, has_gold, identical) in best.values() {
        if has_gold && !identical {
            n += 1;
            hit += usize::from(is_gold);
        }
    }
    hit as f64 / n.max(1) as f64
}

/// Best weight of TF-IDF in the weighted mean on `train`, by changed-pair AUC.
fn tune(train: &[&Pair]) -> f32 {
    let mut best = (f64::MIN, 0.5);
    for step in 0..=20 {
        let w = step as f32 / 20.0;
        let (pos, neg) = split(train, |p| w * p.scores[0] + (1.0 - w) * p.scores[2], true);
        let a = auc(&pos, &neg);
        if a > best.0 {
            best = (a, w);
        }
    }
    best.1
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: meaning_eval NAME=FILE.jsonl ...");
        std::process::exit(2);
    }
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
            "| score | AUC, all gold | AUC, changed gold | best match is gold (changed) | median of changed gold | 99th pct of non-pairs |"
        );
        println!("| --- | --- | --- | --- | --- | --- |");
        let row = |label: &str, f: &dyn Fn(&Pair) -> f32| {
            let (pa, na) = split(&all, f, false);
            let (pc, _) = split(&all, f, true);
            println!(
                "| {label} | {:.3} | {:.3} | {:.3} | {:.2} | {:.2} |",
                auc(&pa, &na),
                auc(&pc, &na),
                best_is_gold(&all, f),
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
    }
}
