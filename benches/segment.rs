//! Segmentation speed on a 600 KB book (issue #3's target: at most 50 ms).

mod common;

use claimdiff::{SegmentOptions, segment};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let opts = SegmentOptions::default();
    let mut group = c.benchmark_group("segment");
    group.sample_size(20);
    let book = common::join(&common::book(600_000, 3));
    group.throughput(Throughput::Bytes(book.len() as u64));
    group.bench_function("synthetic 600 KB", |b| {
        b.iter(|| segment(std::hint::black_box(&book), &opts))
    });
    if let Some((old, _)) = common::real_pair() {
        group.throughput(Throughput::Bytes(old.len() as u64));
        group.bench_function("bench a1.txt", |b| {
            b.iter(|| segment(std::hint::black_box(&old), &opts))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
