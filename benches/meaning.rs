//! Meaning signal speed: sentence vectors, pair scores, and the first-use parse of the table.
//! Issue #12's target: over 100,000 sentence pairs a second.

use claimdiff::meaning::MeaningTable;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Real sentences (news, essays, fables; tests/data/README.md gives their sources).
const SENTENCES: &str = include_str!("../tests/data/meaning_sentences.txt");

fn bench(c: &mut Criterion) {
    let Some(table) = MeaningTable::get() else {
        eprintln!("meaning bench: no table, skipped");
        return;
    };
    let texts: Vec<&str> = SENTENCES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let vecs: Vec<_> = texts.iter().map(|t| table.sentence(t)).collect();
    let mut group = c.benchmark_group("meaning");
    group.throughput(Throughput::Elements(texts.len() as u64));
    // A fresh thread each time: its word cache is empty, so every word is tokenised.
    group.bench_function("sentence vectors, cold word cache", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        texts
                            .iter()
                            .map(|t| table.sentence(std::hint::black_box(t)).len())
                            .sum::<usize>()
                    })
                    .join()
                    .unwrap_or(0)
            })
        })
    });
    // The same thread again and again: words come from its cache, as in `batch` and long
    // documents.
    group.bench_function("sentence vectors, warm word cache", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| table.sentence(std::hint::black_box(t)).len())
                .sum::<usize>()
        })
    });
    // Every sentence against the next ten: pairs of unrelated and of related sentences
    // (the fixture holds old/new versions side by side).
    let n = vecs.len();
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (1..=10).map(move |d| (i, (i + d) % n)))
        .collect();
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("pair similarity", |b| {
        b.iter(|| {
            pairs
                .iter()
                .map(|&(i, j)| table.similarity(std::hint::black_box(&vecs[i]), &vecs[j]))
                .sum::<f32>()
        })
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse table (first use)", |b| {
        b.iter(|| {
            MeaningTable::parse(
                std::hint::black_box(claimdiff::meaning::TABLE_BYTES),
                claimdiff::meaning::CHAR_CLASSES,
            )
            .is_ok()
        })
    });
    // The alternative to `include_bytes!`: reading the table from a file at start. Its cost
    // comes on top of the parse above; with `include_bytes!` the rows stay in the binary's
    // read-only pages and only the ones used are paged in.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/meaning/table.bin");
    group.bench_function("read table file (the alternative)", |b| {
        b.iter(|| std::fs::read(std::hint::black_box(path)).map_or(0, |v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
