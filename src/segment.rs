//! Text -> sentences: lossless byte spans, paragraphs, abbreviations. (temporary stub)
use serde::Serialize;

/// One sentence: a byte range into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Sentence {
    /// Byte offset of the first byte of the sentence.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 0-based paragraph number (paragraphs are separated by blank lines).
    pub paragraph: usize,
}

/// How text is cut into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitMode {
    /// Prose rules.
    #[default]
    Prose,
    /// Every non-empty line is one sentence.
    Lines,
}

/// Options for [`segment`].
#[derive(Debug, Clone, Default)]
pub struct SegmentOptions {
    /// Prose or one sentence per line.
    pub split: SplitMode,
    /// Language.
    pub lang: Lang,
}

/// Language for abbreviation lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    English,
    /// German.
    German,
    /// French.
    French,
    /// Spanish.
    Spanish,
}

/// Cut `text` into sentences.
pub fn segment(text: &str, opts: &SegmentOptions) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut pos = 0;
    let mut saw_text = false;
    for block in text.split_inclusive('\n') {
        let trimmed = block.trim();
        if trimmed.is_empty() {
            if saw_text {
                para += 1;
                saw_text = false;
            }
        } else {
            let lead = block.len() - block.trim_start().len();
            let mut s = pos + lead;
            let body = block.trim_end();
            let bytes = body.as_bytes();
            let mut i = lead;
            while i < bytes.len() {
                let c = bytes[i];
                if opts.split == SplitMode::Prose
                    && matches!(c, b'.' | b'?' | b'!')
                    && i + 1 < bytes.len()
                    && bytes[i + 1] == b' '
                {
                    out.push(Sentence {
                        start: s,
                        end: pos + i + 1,
                        paragraph: para,
                    });
                    let mut k = i + 1;
                    while k < bytes.len() && bytes[k] == b' ' {
                        k += 1;
                    }
                    s = pos + k;
                    i = k;
                    continue;
                }
                i += 1;
            }
            out.push(Sentence {
                start: s,
                end: pos + body.len(),
                paragraph: para,
            });
            saw_text = true;
        }
        pos += block.len();
    }
    out
}
