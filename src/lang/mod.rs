//! Language packs: everything claimdiff knows about one language, chosen once.
//!
//! A [`Lang`] names a language; its pack (`Lang::pack`, crate-internal) bundles what every
//! stage reads for it: the segmentation rules (abbreviations, titles, sentence openers), the
//! stemmer and function words of the similarity, the claim lexicons and number words of
//! `src/data/<code>/`, the function-word tables of the claim detectors, and whether a
//! meaning table exists. The stages ask the pack; none keeps its own list of languages.
//!
//! The language is chosen once, in [`crate::SegmentOptions::lang`]: a [`crate::Document`]
//! records the language it was segmented in, and alignment, claim detection and check
//! read it from there, so a text cannot be segmented in one language and stemmed in
//! another. Adding a language: see `docs/adding_a_language.md`.

use std::sync::OnceLock;

use rust_stemmers::Algorithm;

use crate::claims::{Lexicon, PhraseList, lexicon, list, rules};

/// A language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// English (the default; the rules are tuned on English golden rules).
    #[default]
    English,
    /// German: `z.B.`, `usw.`, `Nr.`, ordinals (`am 3. Oktober`), „…“ quotes.
    German,
    /// French: `M.`, `Mme.`, `cf.`, « … » quotes with spaces inside.
    French,
    /// Spanish: `Sr.`, `Sra.`, `Dra.`, `p. ej.`, ¿…? and ¡…!.
    Spanish,
}

/// Everything about one language (see the module documentation).
pub(crate) struct Language {
    /// The language this pack is for.
    pub(crate) lang: Lang,
    /// The ISO 639-1 code: the `--lang` value and the data folder `src/data/<code>/`.
    pub(crate) code: &'static str,
    /// The English name, for messages and `--help`.
    pub(crate) name: &'static str,
    /// The Snowball stemmer of the similarity.
    pub(crate) stemmer: Algorithm,
    /// `src/data/<code>/stopwords.txt`: function words of the similarity.
    pub(crate) stopwords: &'static str,
    /// `src/data/<code>/speech_verbs.txt`: reporting verbs (check mode's evidence filter).
    pub(crate) speech_verbs: &'static str,
    /// Abbreviations, titles and sentence openers of the segmenter.
    pub(crate) segment: &'static crate::segment::LangRules,
    /// Function-word tables of the claim detectors.
    pub(crate) claims: &'static crate::claims::rules::Rules,
    /// Whether the meaning table (English WordPiece vocabulary) applies.
    pub(crate) meaning: bool,
    /// Builds the claim lexicon from `src/data/<code>/` (read once, see [`Language::lexicon`]).
    build_lexicon: fn() -> Lexicon,
    lexicon: OnceLock<Lexicon>,
}

impl Language {
    /// The claim lexicons and number words, parsed on first use.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(self.build_lexicon)
    }
}

/// One registry line: the variant, the code (its data folder), the name, the stemmer, the
/// segmentation rules, the claim tables and whether the meaning table applies.
macro_rules! language {
    ($lang:ident, $code:literal, $name:literal, $stemmer:ident, $segment:path, $claims:path, meaning: $meaning:literal) => {
        Language {
            lang: Lang::$lang,
            code: $code,
            name: $name,
            stemmer: Algorithm::$stemmer,
            stopwords: include_str!(concat!("../data/", $code, "/stopwords.txt")),
            speech_verbs: include_str!(concat!("../data/", $code, "/speech_verbs.txt")),
            segment: &$segment,
            claims: &$claims,
            meaning: $meaning,
            build_lexicon: || lexicon!(Lang::$lang, $code),
            lexicon: OnceLock::new(),
        }
    };
}

/// The registry: one line per language, in [`Lang`] order (a unit test checks the order).
static LANGUAGES: [Language; 4] = [
    language!(English, "en", "English", English, crate::segment::RULES_EN, crate::claims::rules::EN, meaning: true),
    language!(German, "de", "German", German, crate::segment::RULES_DE, crate::claims::rules::DE, meaning: false),
    language!(French, "fr", "French", French, crate::segment::RULES_FR, crate::claims::rules::FR, meaning: false),
    language!(Spanish, "es", "Spanish", Spanish, crate::segment::RULES_ES, crate::claims::rules::ES, meaning: false),
];

impl Lang {
    /// Every language, in registry order.
    pub const ALL: [Lang; 4] = [Lang::English, Lang::German, Lang::French, Lang::Spanish];

    /// Its pack.
    pub(crate) fn pack(self) -> &'static Language {
        // `LANGUAGES` is in variant order, one entry per variant (the test below checks it).
        LANGUAGES.get(self as usize).unwrap_or(&LANGUAGES[0])
    }

    /// The ISO 639-1 code (`en`, `de`, `fr`, `es`): the `--lang` value.
    pub fn code(self) -> &'static str {
        self.pack().code
    }

    /// The English name (`English`, `German`...).
    pub fn name(self) -> &'static str {
        self.pack().name
    }

    /// The language of a code (`en`, any case), if claimdiff has a pack for it.
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGUAGES
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(code.trim()))
            .map(|l| l.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_lang_order_and_codes_round_trip() {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!(LANGUAGES[i].lang, *lang);
            assert_eq!(lang.pack().lang, *lang);
            assert_eq!(Lang::from_code(lang.code()), Some(*lang));
            assert_eq!(Lang::from_code(&lang.code().to_uppercase()), Some(*lang));
        }
        assert_eq!(Lang::from_code("xx"), None);
    }

    #[test]
    fn a_document_carries_the_language_it_was_segmented_in() {
        let seg = crate::SegmentOptions {
            lang: Lang::French,
            ..crate::SegmentOptions::default()
        };
        let doc = crate::Document::new("M. Dupont est venu. Il pleut.".into(), &seg);
        assert_eq!(doc.lang, Lang::French);
        // `M.` is a French title: no sentence ends after it.
        assert_eq!(doc.len(), 2);
        let cut = crate::Document::from_sentences(&["Hola."]);
        assert_eq!(cut.lang, Lang::English);
        assert_eq!(cut.in_lang(Lang::Spanish).lang, Lang::Spanish);
    }

    #[test]
    fn every_pack_loads_its_data() {
        for lang in Lang::ALL {
            let pack = lang.pack();
            assert!(!pack.stopwords.trim().is_empty(), "{}", pack.code);
            assert!(!pack.speech_verbs.trim().is_empty(), "{}", pack.code);
            assert_eq!(pack.lexicon().lang, lang);
            assert!(std::ptr::eq(pack.lexicon().rules, pack.claims));
        }
    }
}
