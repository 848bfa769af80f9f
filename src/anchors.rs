//! Exact anchors: sentences whose normalised text is the same on both sides and that stay in
//! order, found the patience way (keys unique on both sides first, then recursively between
//! them), with ties between equally long chains decided by the sentences themselves, so that
//! swapping OLD and NEW finds the same anchors.
//!
//! `similar`'s patience diff takes the first of two equal choices in its own scan order: for
//! `A B` -> `B A` it keeps `A` in place one way and `B` the other, and everything aligned
//! around the anchors follows that choice. Here the heaviest chain wins, weighed by
//! (anchors, bytes of text kept in place, a hash of the keys): the same numbers whichever
//! side is called old.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the key sequences and ranges inside them, and Fenwick-tree slots bounded by the range width"
)]

use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// Deeper than this, a range is diffed by Myers instead of recursing (bounds the stack).
const MAX_DEPTH: u32 = 64;

/// The weight of one anchor or a chain of them, compared in this order: more anchors, less
/// drift (an anchor's distance from the diagonal, `|i/n - j/m|` in millionths, negated: of
/// two equally long chains the one whose sentences kept their relative place stays, the
/// one that jumped is the move), more bytes kept in place, then the hash sum (only to make
/// exact ties independent of order).
type Weight = (u32, i64, u64, u64);

fn add(a: Weight, b: Weight) -> Weight {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3.wrapping_add(b.3))
}

/// A key's intrinsic weight: its length and a hash of its text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KeyInfo {
    /// Bytes of the normalised sentence.
    pub len: u32,
    /// FNV-1a hash of the normalised sentence (stable across runs and platforms).
    pub hash: u32,
}

impl KeyInfo {
    /// The info of a normalised key.
    pub(crate) fn of(key: &str) -> Self {
        let mut h: u32 = 0x811c_9dc5;
        for b in key.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
        KeyInfo {
            len: u32::try_from(key.len()).unwrap_or(u32::MAX),
            hash: h,
        }
    }
}

/// Equal runs and the gaps between them, in order, covering both sides completely.
/// `old` and `new` are interned keys; `info[k]` describes key `k`.
pub(crate) fn anchor_ops(
    old: &[u32],
    new: &[u32],
    info: &[KeyInfo],
    deadline: Instant,
) -> Vec<DiffOp> {
    let mut equal: Vec<(usize, usize)> = Vec::new();
    let ctx = Ctx {
        old,
        new,
        info,
        deadline,
    };
    ctx.find(0..old.len(), 0..new.len(), 0, &mut equal);
    to_ops(&equal, old.len(), new.len())
}

/// A key of a set of anchored pairs that is the same with the sides swapped: more anchors
/// first, then the sorted `(i + j, |i - j|, hash of the sentence)` of the pairs (pairs
/// nearest the start and the diagonal first; the sentences' text decides between chains
/// that sit alike, as in `A A B B` -> `B B A A`).
fn side_free_key(
    pairs: &[(usize, usize)],
    keys: &[u32],
    info: &[KeyInfo],
) -> (std::cmp::Reverse<usize>, Vec<(usize, usize, u32)>) {
    let mut at: Vec<(usize, usize, u32)> = pairs
        .iter()
        .map(|&(i, j)| {
            let hash = keys
                .get(i)
                .and_then(|&k| info.get(k as usize))
                .map_or(0, |ki| ki.hash);
            (i + j, i.abs_diff(j), hash)
        })
        .collect();
    at.sort_unstable();
    (std::cmp::Reverse(pairs.len()), at)
}

struct Ctx<'a> {
    old: &'a [u32],
    new: &'a [u32],
    info: &'a [KeyInfo],
    deadline: Instant,
}

impl Ctx<'_> {
    /// Push the anchored pairs of `o` x `n`, in order.
    fn find(&self, o: Range<usize>, n: Range<usize>, depth: u32, out: &mut Vec<(usize, usize)>) {
        let (mut o, mut n) = (o, n);
        // Common prefix and suffix.
        while o.start < o.end && n.start < n.end && self.old[o.start] == self.new[n.start] {
            out.push((o.start, n.start));
            o.start += 1;
            n.start += 1;
        }
        let mut tail = Vec::new();
        while o.start < o.end && n.start < n.end && self.old[o.end - 1] == self.new[n.end - 1] {
            o.end -= 1;
            n.end -= 1;
            tail.push((o.end, n.end));
        }
        if !o.is_empty() && !n.is_empty() {
            self.middle(o, n, depth, out);
        }
        out.extend(tail.into_iter().rev());
    }

    /// The part between common prefix and suffix: unique keys, else Myers.
    fn middle(&self, o: Range<usize>, n: Range<usize>, depth: u32, out: &mut Vec<(usize, usize)>) {
        let chain = if depth < MAX_DEPTH {
            self.unique_chain(o.clone(), n.clone())
        } else {
            Vec::new()
        };
        if chain.is_empty() {
            self.myers(o, n, out);
            return;
        }
        let (mut po, mut pn) = (o.start, n.start);
        for &(i, j) in &chain {
            self.find(po..i, pn..j, depth + 1, out);
            out.push((i, j));
            po = i + 1;
            pn = j + 1;
        }
        self.find(po..o.end, pn..n.end, depth + 1, out);
    }

    /// The heaviest in-order chain of keys that occur once in `o` and once in `n`.
    fn unique_chain(&self, o: Range<usize>, n: Range<usize>) -> Vec<(usize, usize)> {
        // key -> (count old, count new, last index old, last index new)
        let mut seen: HashMap<u32, (u32, u32, usize, usize)> = HashMap::new();
        for i in o.clone() {
            let e = seen.entry(self.old[i]).or_insert((0, 0, 0, 0));
            e.0 += 1;
            e.2 = i;
        }
        for j in n.clone() {
            if let Some(e) = seen.get_mut(&self.new[j]) {
                e.1 += 1;
                e.3 = j;
            }
        }
        let mut matches: Vec<(usize, usize, Weight)> = seen
            .iter()
            .filter(|(_, e)| e.0 == 1 && e.1 == 1)
            .map(|(&k, e)| {
                let ki = self
                    .info
                    .get(k as usize)
                    .copied()
                    .unwrap_or(KeyInfo { len: 0, hash: 0 });
                (
                    e.2,
                    e.3,
                    (
                        1,
                        -self.drift(e.2, e.3),
                        u64::from(ki.len),
                        u64::from(ki.hash),
                    ),
                )
            })
            .collect();
        if matches.is_empty() {
            return Vec::new();
        }
        matches.sort_unstable_by_key(|m| m.0);
        heaviest_chain(&matches, n.start, n.len())
    }

    /// How far old sentence `i` and new sentence `j` are from the diagonal of the whole
    /// comparison, in millionths (the same number with the sides swapped).
    fn drift(&self, i: usize, j: usize) -> i64 {
        let (n, m) = (self.old.len().max(1) as f64, self.new.len().max(1) as f64);
        ((i as f64 / n - j as f64 / m).abs() * 1e6) as i64
    }

    /// Equal pairs of a Myers diff of the range (used where no key is unique). Myers takes
    /// the first of equal choices in its own scan order: the range is diffed both ways round
    /// and the answer with the smaller [`side_free_key`] is kept, so that swapping OLD and
    /// NEW gives the mirror image (`A A B B` -> `B B A A` keeps the same run in place).
    fn myers(&self, o: Range<usize>, n: Range<usize>, out: &mut Vec<(usize, usize)>) {
        let pairs = |a: &[u32], b: &[u32], sa: usize, sb: usize| -> Vec<(usize, usize)> {
            let mut v = Vec::new();
            for op in capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(self.deadline)) {
                if let DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } = op
                {
                    v.extend((0..len).map(|k| (sa + old_index + k, sb + new_index + k)));
                }
            }
            v
        };
        let (a, b) = (&self.old[o.clone()], &self.new[n.clone()]);
        let fwd = pairs(a, b, o.start, n.start);
        let mut bwd: Vec<(usize, usize)> = pairs(b, a, n.start, o.start)
            .into_iter()
            .map(|(j, i)| (i, j))
            .collect();
        bwd.sort_unstable();
        if side_free_key(&bwd, self.old, self.info) < side_free_key(&fwd, self.old, self.info) {
            out.extend(bwd);
        } else {
            out.extend(fwd);
        }
    }
}

/// The heaviest chain increasing in both indexes among `matches` (sorted by old index; new
/// indexes distinct, in `base..base + width`), by a Fenwick tree of prefix maxima over the
/// new index: O(m log m).
fn heaviest_chain(
    matches: &[(usize, usize, Weight)],
    base: usize,
    width: usize,
) -> Vec<(usize, usize)> {
    // tree[x] = best (weight, match index) ending at a new index in x's range.
    let mut tree: Vec<Option<(Weight, usize)>> = vec![None; width + 1];
    let mut prev: Vec<Option<usize>> = vec![None; matches.len()];
    let mut best: Vec<Weight> = vec![(0, 0, 0, 0); matches.len()];
    let better = |a: Option<(Weight, usize)>, b: Option<(Weight, usize)>| match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    };
    for (k, &(_, j, w)) in matches.iter().enumerate() {
        let pos = j - base; // 0-based; query strictly smaller new indexes: 1..=pos
        let mut q = pos;
        let mut top: Option<(Weight, usize)> = None;
        while q > 0 {
            top = better(top, tree[q]);
            q &= q - 1;
        }
        best[k] = top.map_or(w, |(tw, _)| add(tw, w));
        prev[k] = top.map(|(_, i)| i);
        let mut u = pos + 1;
        while u <= width {
            tree[u] = better(tree[u], Some((best[k], k)));
            u += u & u.wrapping_neg();
        }
    }
    let mut end = 0;
    for k in 1..best.len() {
        if best[k] > best[end] {
            end = k;
        }
    }
    let mut chain = Vec::new();
    let mut cur = Some(end);
    while let Some(k) = cur {
        chain.push((matches[k].0, matches[k].1));
        cur = prev[k];
    }
    chain.reverse();
    chain
}

/// Turn anchored pairs (increasing in both) into diff operations: runs of equal pairs, and
/// one `Replace`/`Delete`/`Insert` for each gap between them.
fn to_ops(equal: &[(usize, usize)], old_len: usize, new_len: usize) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut o, mut n) = (0, 0);
    let mut k = 0;
    let gap =
        |ops: &mut Vec<DiffOp>, o: usize, oe: usize, n: usize, ne: usize| match (oe > o, ne > n) {
            (true, true) => ops.push(DiffOp::Replace {
                old_index: o,
                old_len: oe - o,
                new_index: n,
                new_len: ne - n,
            }),
            (true, false) => ops.push(DiffOp::Delete {
                old_index: o,
                old_len: oe - o,
                new_index: n,
            }),
            (false, true) => ops.push(DiffOp::Insert {
                old_index: o,
                new_index: n,
                new_len: ne - n,
            }),
            (false, false) => {}
        };
    while k < equal.len() {
        let (i, j) = equal[k];
        gap(&mut ops, o, i, n, j);
        let mut len = 1;
        while k + len < equal.len() && equal[k + len] == (i + len, j + len) {
            len += 1;
        }
        ops.push(DiffOp::Equal {
            old_index: i,
            new_index: j,
            len,
        });
        o = i + len;
        n = j + len;
        k += len;
    }
    gap(&mut ops, o, old_len, n, new_len);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn pairs(old: &[u32], new: &[u32]) -> Vec<(usize, usize)> {
        let n = old.iter().chain(new).max().map_or(0, |&m| m as usize + 1);
        let info: Vec<KeyInfo> = (0..n).map(|k| KeyInfo::of(&format!("key {k}"))).collect();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut out = Vec::new();
        for op in anchor_ops(old, new, &info, deadline) {
            if let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                out.extend((0..len).map(|k| (old_index + k, new_index + k)));
            }
        }
        out
    }

    fn swapped(p: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut s: Vec<_> = p.iter().map(|&(a, b)| (b, a)).collect();
        s.sort_unstable();
        s
    }

    #[test]
    fn finds_the_longest_in_order_run() {
        assert_eq!(
            pairs(&[1, 2, 3, 4], &[1, 3, 4, 5]),
            [(0, 0), (2, 1), (3, 2)]
        );
        assert_eq!(pairs(&[1, 2], &[3, 4]), []);
        // Repeated keys (no unique ones) still anchor, by Myers.
        assert_eq!(pairs(&[7, 7, 7], &[7, 7]).len(), 2);
    }

    #[test]
    fn a_swap_keeps_the_same_sentence_in_place_both_ways() {
        let (a, b) = (pairs(&[1, 2], &[2, 1]), pairs(&[2, 1], &[1, 2]));
        assert_eq!(a.len(), 1);
        assert_eq!(swapped(&a), b);
        let (a, b) = (pairs(&[1, 2, 3], &[2, 4, 1]), pairs(&[2, 4, 1], &[1, 2, 3]));
        assert_eq!(swapped(&a), b);
    }

    #[test]
    fn ops_cover_both_sides() {
        let info: Vec<KeyInfo> = (0..9).map(|k| KeyInfo::of(&k.to_string())).collect();
        let deadline = Instant::now() + Duration::from_secs(5);
        let ops = anchor_ops(&[1, 2, 3, 8], &[0, 2, 5, 6, 3], &info, deadline);
        let old: usize = ops.iter().map(|op| op.old_range().len()).sum();
        let new: usize = ops.iter().map(|op| op.new_range().len()).sum();
        assert_eq!((old, new), (4, 5));
    }

    #[test]
    fn the_sentence_that_jumped_is_the_one_not_anchored() {
        // 9 jumps from the end to the front; 5 stays in the middle. Either alone is a chain
        // of one; keeping 5 in place leaves 9 as the move.
        let p = pairs(&[1, 2, 3, 4, 5, 6, 9], &[9, 11, 12, 13, 5, 14, 15]);
        assert_eq!(p, [(4, 4)]);
    }
}
