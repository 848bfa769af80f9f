//! Rendering speed of one comparison, terminal and JSON, into memory.

mod common;

use claimdiff::render::terminal::Context;
use claimdiff::render::{Json, Render, Terminal};
use claimdiff::{Options, compare_texts};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let (old, new) = common::real_pair().unwrap_or_else(|| common::pair(1_000_000));
    let cmp = compare_texts(&old, &new, &Options::default());
    let renderers: [(&str, Box<dyn Render>); 2] = [
        (
            "terminal",
            Box::new(Terminal {
                color: false,
                context: Context::Lines(1),
                width: None,
            }),
        ),
        (
            "json",
            Box::new(Json {
                pretty: false,
                old_path: None,
                new_path: None,
            }),
        ),
    ];
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    group.throughput(Throughput::Bytes((old.len() + new.len()) as u64));
    for (name, r) in &renderers {
        let mut out = Vec::with_capacity(1 << 20);
        group.bench_function(*name, |b| {
            b.iter(|| {
                out.clear();
                r.render(std::hint::black_box(&cmp), &mut out)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
