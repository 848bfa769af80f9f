//! Alignment speed (anchors, gaps, moves) on already segmented documents.

mod common;

use claimdiff::{AlignOptions, Document, SegmentOptions, align};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let seg = SegmentOptions::default();
    let opts = AlignOptions::default();
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    let mut inputs = vec![("synthetic 1 MB, 5% edits", common::pair(1_000_000))];
    if let Some(p) = common::real_pair() {
        inputs.push(("bench a1/b1", p));
    }
    for (name, (old, new)) in inputs {
        group.throughput(Throughput::Bytes((old.len() + new.len()) as u64));
        let (old, new) = (Document::new(old, &seg), Document::new(new, &seg));
        group.bench_function(name, |b| {
            b.iter(|| align(std::hint::black_box(&old), &new, &opts))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
