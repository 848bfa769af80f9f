//! A text and its sentences: the input of every later stage.

use crate::extract::{Block, Extracted};
use crate::lang::Lang;
use crate::segment::{SegmentOptions, Sentence, segment};

/// A text with its sentences as byte spans into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The full text, exactly as read (after decoding).
    pub text: String,
    /// Sentences in text order; gaps between them are whitespace only.
    pub sentences: Vec<Sentence>,
    /// Where the text came from, block by block, when it was extracted from HTML or a
    /// .docx file (see [`crate::extract`]); empty for text read as it is.
    pub blocks: Vec<Block>,
    /// The language the text is in ([`SegmentOptions::lang`] when segmented): alignment,
    /// claim detection and check read it from here, so one text is never segmented in
    /// one language and stemmed in another.
    pub lang: Lang,
}

impl Document {
    /// Segment `text` into sentences with `opts`.
    pub fn new(text: String, opts: &SegmentOptions) -> Self {
        let sentences = segment(&text, opts);
        Self {
            text,
            sentences,
            blocks: Vec::new(),
            lang: opts.lang,
        }
    }

    /// Segment an extracted document's text with `opts`, keeping its blocks.
    pub fn from_extracted(extracted: Extracted, opts: &SegmentOptions) -> Self {
        let sentences = segment(&extracted.text, opts);
        Self {
            text: extracted.text,
            sentences,
            blocks: extracted.blocks,
            lang: opts.lang,
        }
    }

    /// A document from sentences that are already cut: the text is the sentences joined by
    /// `\n`, and each given string is one sentence (even if empty or multi-line). Its
    /// language is English; [`Document::in_lang`] sets another.
    pub fn from_sentences<S: AsRef<str>>(parts: &[S]) -> Self {
        let mut text = String::new();
        let mut sentences = Vec::with_capacity(parts.len());
        for (k, part) in parts.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(part.as_ref());
            sentences.push(Sentence::new(start, text.len(), 0));
        }
        Self {
            text,
            sentences,
            blocks: Vec::new(),
            lang: Lang::default(),
        }
    }

    /// The same document, in `lang` (for [`Document::from_sentences`]).
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// The compared text of sentence `i` (its span without the markup kept out of the
    /// comparison, see [`Sentence`]).
    ///
    /// # Panics
    /// If `i` is out of range.
    #[allow(
        clippy::indexing_slicing,
        reason = "documented: an index out of range panics, as slice indexing does"
    )]
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.text[s.text_start..s.compared_end]
    }

    /// The byte range from the start of the first to the end of the last of `indexes`
    /// (which must be sorted and non-empty), or `None` for an empty list.
    pub fn span_of(&self, indexes: &[usize]) -> Option<(usize, usize)> {
        let first = self.sentences.get(*indexes.first()?)?;
        let last = self.sentences.get(*indexes.last()?)?;
        Some((first.start, last.end))
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether the document has no sentence.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Rebuild the text from the sentences and the gaps between them. Equal to
    /// [`Document::text`] by construction; tests use it to prove nothing is lost.
    pub fn rebuild(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut pos = 0;
        for s in &self.sentences {
            out.push_str(&self.text[pos..s.start]);
            out.push_str(&self.text[s.start..s.end]);
            pos = s.end;
        }
        out.push_str(&self.text[pos..]);
        out
    }
}
