//! Inputs shared by the benches: a deterministic synthetic book (no files, no network) and,
//! when `scripts/bench` has built them, the real 1 MB pair from its input folder.

// Each bench uses only a part of this module.
#![allow(dead_code)]

use std::path::PathBuf;

/// Words of the synthetic text: common function words and a longer tail of content words.
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "not",
    "this",
    "had",
    "are",
    "but",
    "from",
    "or",
    "have",
    "council",
    "river",
    "report",
    "budget",
    "village",
    "measure",
    "winter",
    "harvest",
    "road",
    "doctor",
    "letter",
    "station",
    "promise",
    "engine",
    "market",
    "bridge",
    "teacher",
    "storm",
    "garden",
    "question",
    "answer",
    "number",
    "kernel",
    "driver",
    "memory",
    "device",
    "module",
    "argued",
    "said",
    "found",
    "built",
    "closed",
    "opened",
    "reported",
    "claimed",
    "wrote",
    "quickly",
    "never",
    "always",
    "perhaps",
    "certainly",
    "42",
    "1,000",
    "3.5",
    "Mr.",
    "U.S.",
];

/// A small deterministic generator (64-bit LCG), so every run benches the same text.
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One sentence of 6 to 30 words, capitalised, ending with `.`, `?` or `!`.
pub fn sentence(rng: &mut Lcg) -> String {
    let len = 6 + rng.below(25);
    let mut s = String::new();
    for k in 0..len {
        let w = WORDS[rng.below(WORDS.len())];
        if k == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if k + 1 < len && rng.below(12) == 0 {
            s.push(',');
        }
    }
    s.push(['.', '.', '.', '?', '!'][rng.below(5)]);
    s
}

/// Paragraphs of sentences (one paragraph per line, blank line between) of about `bytes`.
pub fn book(bytes: usize, seed: u64) -> Vec<Vec<String>> {
    let mut rng = Lcg::new(seed);
    let (mut paras, mut size) = (Vec::new(), 0);
    while size < bytes {
        let para: Vec<String> = (0..1 + rng.below(8)).map(|_| sentence(&mut rng)).collect();
        size += para.iter().map(|s| s.len() + 1).sum::<usize>() + 1;
        paras.push(para);
    }
    paras
}

/// The text of paragraphs.
pub fn join(paras: &[Vec<String>]) -> String {
    paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A pair of versions of a synthetic book of about `bytes`: in the new one, 5% of sentences
/// are edited (1.25% each deleted, inserted, reworded, moved to another paragraph).
pub fn pair(bytes: usize) -> (String, String) {
    let old = book(bytes, 7);
    let mut rng = Lcg::new(11);
    let mut new = old.clone();
    let mut moved = Vec::new();
    for para in &mut new {
        let mut out = Vec::with_capacity(para.len());
        for s in para.drain(..) {
            match rng.below(80) {
                0 => {}
                1 => {
                    out.push(s);
                    out.push(sentence(&mut rng));
                }
                2 => out.push(s.replacen(' ', " never ", 1)),
                3 => moved.push(s),
                _ => out.push(s),
            }
        }
        *para = out;
    }
    let n = new.len();
    for (k, s) in moved.into_iter().enumerate() {
        new[(k * 7919) % n].push(s);
    }
    (join(&old), join(&new))
}

/// The 1 MB pair of `scripts/bench` (`a1.txt`, `b1.txt`) when its input folder exists:
/// `$CLAIMDIFF_BENCH_INPUTS`, else `target/bench-inputs`. `None` (and a note) otherwise.
pub fn real_pair() -> Option<(String, String)> {
    let dir = std::env::var_os("CLAIMDIFF_BENCH_INPUTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-inputs"));
    match (
        std::fs::read_to_string(dir.join("a1.txt")),
        std::fs::read_to_string(dir.join("b1.txt")),
    ) {
        (Ok(a), Ok(b)) => Some((a, b)),
        _ => {
            eprintln!(
                "note: no 1 MB pair in {} (run scripts/bench to make it); benching synthetic input only",
                dir.display()
            );
            None
        }
    }
}
