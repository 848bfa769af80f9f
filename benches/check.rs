//! `claimdiff check` at scale: a 500-sentence statement against a 20,000-sentence report
//! (target: under 1 s). The texts are built here, deterministically (a fixed linear
//! congruential generator over a synthetic vocabulary with a Zipf-like skew), so the bench
//! needs no data files and no network.
//!
//! Run with `cargo bench --bench check`; criterion prints the median of the samples.

use std::hint::black_box;
use std::time::Duration;

use claimdiff::check::{CheckOptions, check};
use claimdiff::{Document, SegmentOptions};
use criterion::{Criterion, criterion_group, criterion_main};

/// A fixed-seed generator: the same texts on every run and machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ren", "tas", "vu", "qel", "dor", "shi", "pa", "nux", "gre", "bo", "tiv",
    "sen", "har",
];

/// A vocabulary of `n` made-up words of two or three syllables.
fn vocabulary(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut w = String::new();
            let mut k = i + 17;
            for _ in 0..(2 + i % 2) {
                w.push_str(SYLLABLES[k % SYLLABLES.len()]);
                k /= SYLLABLES.len();
            }
            w.push_str(&(i / 4096).to_string()); // keep words distinct past 16^3
            w.retain(|c| c.is_ascii_alphabetic() || c.is_ascii_digit());
            w
        })
        .collect()
}

/// A word index skewed towards the start of the vocabulary (a few common words, a long
/// tail of rare ones), as in prose.
fn skewed(rng: &mut Lcg, n: usize) -> usize {
    let a = rng.below(n);
    let b = rng.below(n);
    let c = rng.below(n);
    a.min(b).min(c)
}

fn sentence(rng: &mut Lcg, vocab: &[String]) -> Vec<String> {
    let len = 12 + rng.below(16);
    (0..len)
        .map(|_| vocab[skewed(rng, vocab.len())].clone())
        .collect()
}

fn text(sentences: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (k, s) in sentences.iter().enumerate() {
        let mut line = s.join(" ");
        line[..1].make_ascii_uppercase();
        out.push_str(&line);
        out.push_str(". ");
        if k % 6 == 5 {
            out.push_str("\n\n");
        }
    }
    out
}

/// The report (20,000 sentences) and the statement (500: half reworded report sentences,
/// half new ones).
fn inputs() -> (Document, Document) {
    let mut rng = Lcg(42);
    let vocab = vocabulary(20_000);
    let report: Vec<Vec<String>> = (0..20_000).map(|_| sentence(&mut rng, &vocab)).collect();
    let statement: Vec<Vec<String>> = (0..500)
        .map(|k| {
            if k % 2 == 0 {
                let mut s = report[rng.below(report.len())].clone();
                for _ in 0..4 {
                    let at = rng.below(s.len());
                    s[at] = vocab[skewed(&mut rng, vocab.len())].clone();
                }
                s
            } else {
                sentence(&mut rng, &vocab)
            }
        })
        .collect();
    let seg = SegmentOptions::default();
    (
        Document::new(text(&statement), &seg),
        Document::new(text(&report), &seg),
    )
}

fn bench_check(c: &mut Criterion) {
    let (statement, report) = inputs();
    assert_eq!((statement.len(), report.len()), (500, 20_000));
    let opts = CheckOptions::default();
    // The index must still find the reworded half (common words are skipped by it).
    let once = check(statement.clone(), vec![report.clone()], &opts).summary();
    assert!(once.supported >= 240, "{once:?}");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("500 x 20000 sentences", |b| {
        b.iter(|| {
            let r = check(
                black_box(statement.clone()),
                vec![black_box(report.clone())],
                &opts,
            );
            black_box(r.claims.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
