//! Text -> sentences: lossless byte spans, paragraphs, abbreviations.
//!
//! The scanner walks the text once, token by token (a token is a maximal run
//! of non-whitespace), and decides at every whitespace gap whether a sentence
//! ends there. Sentences therefore always start and end on a token boundary,
//! never contain leading or trailing whitespace, and the gaps between them
//! are whitespace only. A bounded lookahead (a few tokens) keeps it linear.

use serde::Serialize;
use std::collections::VecDeque;

mod markdown;

/// One sentence: a byte range into the original text.
///
/// Three nested ranges, equal except in Markdown: `start..end` is the span, kept for the
/// lossless rebuild (the text between spans is whitespace); `text_start..text_end` is the
/// unit's text as written, without whole lines of markup a reader never sees as text (the
/// fences and build fields of front matter, lines of bare HTML tags, attribute lists,
/// link reference definitions); `text_start..compared_end` is the text that is compared,
/// without a heading's trailing anchor (`## Scope {#scope}` is compared as `## Scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Sentence {
    /// Byte offset of the first byte of the sentence.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 0-based paragraph number (paragraphs are separated by blank lines).
    pub paragraph: usize,
    /// Byte offset of the first byte of the unit's text (`start <= text_start`).
    pub text_start: usize,
    /// Byte offset one past the unit's text (`text_end <= end`).
    pub text_end: usize,
    /// Byte offset one past the compared text (`text_start <= compared_end <= text_end`).
    pub compared_end: usize,
}

impl Sentence {
    /// A sentence whose text and compared text are its whole span.
    pub fn new(start: usize, end: usize, paragraph: usize) -> Self {
        Sentence {
            start,
            end,
            paragraph,
            text_start: start,
            text_end: end,
            compared_end: end,
        }
    }

    /// The same sentence moved by `offset` bytes and `paragraphs` paragraphs (a sentence of
    /// a slice placed back in the whole text).
    pub(crate) fn shifted(self, offset: usize, paragraphs: usize) -> Self {
        Sentence {
            start: self.start + offset,
            end: self.end + offset,
            paragraph: self.paragraph + paragraphs,
            text_start: self.text_start + offset,
            text_end: self.text_end + offset,
            compared_end: self.compared_end + offset,
        }
    }
}

/// How text is cut into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SplitMode {
    /// Prose rules: punctuation, abbreviations, quotes, paragraphs, list items.
    #[default]
    Prose,
    /// Every non-empty line is one sentence (input already segmented).
    Lines,
    /// Markdown: headings, list items, table rows and block quotes stand apart, code blocks
    /// are kept whole, prose inside paragraphs and items is cut by the prose rules.
    Markdown,
}

impl SplitMode {
    /// The mode a file's name suggests: [`SplitMode::Markdown`] for `.md` and `.markdown`
    /// (any case), else [`SplitMode::Prose`].
    pub fn for_path(path: &std::path::Path) -> Self {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            SplitMode::Markdown
        } else {
            SplitMode::Prose
        }
    }
}

/// Options for [`segment`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct SegmentOptions {
    /// Prose, one sentence per line, or Markdown. Default: prose.
    pub split: SplitMode,
    /// Language-specific abbreviations etc. Default: English.
    pub lang: Lang,
}

pub use crate::lang::Lang;

/// Cut `text` into sentences.
///
/// The result is sorted, non-overlapping and lossless: every non-whitespace
/// character of `text` lies in exactly one sentence, and no sentence starts or
/// ends with whitespace. Runs in linear time.
pub fn segment(text: &str, opts: &SegmentOptions) -> Vec<Sentence> {
    match opts.split {
        SplitMode::Markdown => markdown::segment(text, opts),
        SplitMode::Prose | SplitMode::Lines => Segmenter::new(text, opts).run(),
    }
}

// ---------------------------------------------------------------------------
// Character classes and word lists
// ---------------------------------------------------------------------------

/// Characters that can end a sentence.
const TERMINATORS: &[char] = &[
    '.', '!', '?', '…', '‽', '⁇', '⁈', '⁉', '。', '！', '？', '｡',
];

/// Characters that may follow a terminator and still belong to the sentence:
/// `great."`, `engineer.)`, `end.”`, German `Hallo.“`, French `fin.»`, and closing
/// Markdown emphasis (`**as is.**`, `_first._`), so that inline markup is transparent to the
/// sentence end.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '“', '‘', '»', '«', '›', '‹', ')', ']', '}', '）', '］', '」', '』', '*',
    '_',
];

/// Closers that can never open anything; a token made only of these (French
/// `Bonjour. »`) attaches to the sentence before it.
const PURE_CLOSERS: &[char] = &['”', '’', '»', ')', ']', '}', '）', '］', '」', '』'];

/// Characters that may precede the first letter of a word: quotes, brackets,
/// Spanish inverted marks, markdown emphasis.
const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '„', '‚', '«', '‹', '»', '›', '(', '[', '{', '（', '［', '「', '『', '¿',
    '¡', '*', '_',
];

/// Question/exclamation marks (any of these in a stop makes it a "strong" stop).
const QUESTION_MARKS: &[char] = &['!', '?', '‽', '⁇', '⁈', '⁉', '！', '？'];

/// Bullets that start a list item when they stand alone at the start of a line.
const LINE_BULLETS: &[char] = &[
    '-', '*', '+', '•', '–', '⁃', '◦', '▪', '‣', '●', '○', '■', '□', '►', '▶', '➢', '✓', '✔', '·',
];

/// Bullets that start a list item anywhere: alone (`item • next`) or glued to
/// the item (`⁃9. The first item ⁃10. The second item`).
const INLINE_BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●', '■', '►', '▶', '➢'];

/// Abbreviations that precede a name and so do not end a sentence before a
/// capital: `Mr. Smith`, `Mt. Fuji`, `St. Michael's`, `Smith vs. Jones`,
/// unless a pronoun or article follows ([`PRONOUN_STARTERS`]).
const PREPOSITIVE_EN: &[&str] = &[
    "mr", "mrs", "ms", "mx", "messrs", "mmes", "dr", "drs", "prof", "st", "mt", "ft", "sen",
    "sens", "rep", "reps", "gov", "gen", "col", "capt", "cpt", "lt", "maj", "sgt", "cpl", "pvt",
    "adm", "cmdr", "brig", "rev", "hon", "pres", "supt", "insp", "det", "atty", "msgr", "fr", "vs",
    "cf", "viz", "e.g", "i.e",
];

/// Prepositive abbreviations that stay glued even before an article
/// (`Smith vs. The State`, `e.g. The Beatles`).
const ALWAYS_GLUED_EN: &[&str] = &["vs", "cf", "viz", "e.g", "i.e"];

/// Words that cannot be a name after a title: `I saw the Dr. He said ...`
/// ends after `Dr.`, `Main St. The shop ...` after `St.`.
const PRONOUN_STARTERS: &[&str] = &[
    "He", "Her", "His", "I", "It", "Its", "My", "Our", "She", "That", "The", "Their", "There",
    "These", "They", "This", "Those", "We", "You", "Your",
];

/// Other English abbreviations. After these a capital letter starts a new
/// sentence (`... & Co. It closed.`), but a digit or lower-case word does not
/// (`p. 55`, `No. 5`, `Co. at noon`).
const ABBREVIATIONS_EN: &[&str] = &[
    "adj", "adv", "al", "approx", "apr", "art", "assn", "asst", "aug", "ave", "bldg", "blvd",
    "bros", "ca", "cal", "calif", "ch", "chap", "co", "conn", "corp", "ct", "dec", "dept", "dist",
    "ed", "eds", "eq", "eqs", "esp", "esq", "est", "etc", "ext", "feb", "fig", "figs", "fla",
    "fri", "hr", "hrs", "hwy", "inc", "jan", "jr", "jul", "jun", "lb", "lbs", "ltd", "mar", "max",
    "min", "mfg", "mich", "mins", "mln", "mo", "mon", "n°", "nº", "no", "nos", "nov", "nr", "oct",
    "op", "oz", "p", "pg", "pgs", "pp", "para", "pl", "pt", "rd", "ref", "sec", "secs", "sep",
    "sept", "sr", "sq", "tbsp", "tel", "thu", "thurs", "tsp", "tue", "tues", "univ", "ver", "vol",
    "vols", "wk", "yr", "yrs",
];

/// Words that typically open an English sentence. After an ambiguous stop
/// (`U.S.`, a single initial) a capital word from this list means a new
/// sentence: `I live in the U.S. How about you?` but `the U.S. Government`.
const STARTERS_EN: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Being",
    "But",
    "Did",
    "Do",
    "Does",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Millions",
    "More",
    "My",
    "No",
    "Now",
    "Our",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "Yes",
    "You",
    "Your",
];

/// Letters a lower-case word needs before `. ` + lower-case word counts as a sentence
/// end (shorter ones are too often unlisted abbreviations: `ca.`, `cf.`, `pp.`).
const LOWER_BREAK_MIN_LETTERS: usize = 3;

/// German prepositive abbreviations (never end a sentence).
const PREPOSITIVE_DE: &[&str] = &[
    "hr", "hrn", "fr", "frl", "dr", "prof", "st", "nr", "z.b", "d.h", "u.a", "v.a", "vgl", "s",
    "bzw", "ca", "evtl", "ggf", "inkl", "zzgl", "sog", "abb",
];

/// Other German abbreviations. German capitalises nouns, so after these only a
/// typical sentence opener (from [`STARTERS_DE`]) starts a new sentence.
const ABBREVIATIONS_DE: &[&str] = &[
    "usw", "etc", "hrsg", "tab", "kap", "jh", "mio", "mrd", "ff", "geb", "gest", "str", "o.ä",
    "s.o", "s.u", "u.ä", "bd", "aufl", "ebd", "anm", "jan", "febr", "feb", "apr", "aug", "sept",
    "okt", "nov", "dez", "bspw", "gem", "max", "min", "std", "tel", "u.s.w", "z.t", "z.zt", "u.u",
];

/// Typical German sentence openers (see [`ABBREVIATIONS_DE`]).
const STARTERS_DE: &[&str] = &[
    "Aber", "Als", "Am", "Auch", "Auf", "Bei", "Da", "Damit", "Danach", "Dann", "Das", "Dass",
    "Dem", "Den", "Der", "Deshalb", "Die", "Dies", "Diese", "Dieser", "Doch", "Du", "Ein", "Eine",
    "Er", "Es", "Für", "Heute", "Hier", "Ich", "Ihr", "Im", "In", "Jetzt", "Man", "Mit", "Nach",
    "Nun", "Sie", "So", "Und", "Was", "Wenn", "Wie", "Wir", "Wo", "Zu",
];

/// French prepositive abbreviations: `M. Dupont`, `Mme. Curie`.
const PREPOSITIVE_FR: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste", "cf", "n°",
    "nº", "no", "av", "bd",
];

/// Other French abbreviations.
const ABBREVIATIONS_FR: &[&str] = &[
    "etc", "p", "pp", "éd", "env", "ex", "chap", "vol", "janv", "févr", "avr", "juil", "sept",
    "oct", "nov", "déc", "c.-à-d", "j.-c", "ibid", "op", "cit", "fig",
];

/// Typical French sentence openers.
const STARTERS_FR: &[&str] = &[
    "Alors", "Au", "Aux", "Ce", "Ces", "Cette", "Dans", "Des", "Donc", "Elle", "Elles", "En", "Et",
    "Il", "Ils", "Je", "La", "Le", "Les", "Mais", "Nous", "On", "Par", "Pour", "Puis", "Quand",
    "Selon", "Si", "Tu", "Un", "Une", "Vous",
];

/// Spanish prepositive abbreviations: `Sr. García`, `Dra. López`.
const PREPOSITIVE_ES: &[&str] = &[
    "sr", "sra", "srta", "sres", "sras", "dr", "dra", "dres", "d", "dña", "lic", "ing", "prof",
    "profa", "ud", "uds", "av", "avda", "núm", "n°", "nº", "pág", "págs", "p", "ej", "st", "sto",
    "sta",
];

/// Other Spanish abbreviations.
const ABBREVIATIONS_ES: &[&str] = &[
    "etc", "pp", "art", "cap", "vol", "aprox", "cía", "s.a", "s.l", "ene", "feb", "abr", "ago",
    "sept", "oct", "nov", "dic", "fig", "ej",
];

/// Typical Spanish sentence openers.
const STARTERS_ES: &[&str] = &[
    "Con", "Cuando", "Después", "El", "Ella", "Ellos", "En", "Es", "Esta", "Este", "Esto", "Hay",
    "La", "Las", "Los", "Luego", "No", "Para", "Pero", "Por", "Si", "Sin", "Un", "Una", "Y", "Yo",
    "Él",
];

/// Names that end in `!`: the `!` only ends a sentence before a typical opener
/// (`Yahoo! Research` vs `I work at Yahoo! It is fun.`).
const EXCLAMATION_NAMES: &[&str] = &["yahoo", "jeopardy", "yum", "wham", "oklahoma"];

/// Time zones written after `a.m.`/`p.m.` (`2 p.m. EDT`): they never open a sentence.
const TIME_ZONES: &[&str] = &[
    "AEST", "BST", "CDT", "CEST", "CET", "CST", "EDT", "EST", "ET", "GMT", "HKT", "IST", "JST",
    "MDT", "MST", "PDT", "PST", "PT", "UTC",
];

/// Longest agency name in a dateline's brackets (`(AP)`, `(Reuters)`, `(Bloomberg)`).
const MAX_AGENCY_BYTES: usize = 12;

/// Lower-case Roman numerals accepted as list enumerators (`iv. ...`).
const ROMANS: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
];

/// Longest word (in bytes) looked up in the abbreviation lists; longer words
/// are never abbreviations, which keeps the lookups O(1) per token.
const MAX_ABBREV_BYTES: usize = 24;

/// Longest body of an enumerator (`123.`, `viii)`), in bytes.
const MAX_ENUM_BYTES: usize = 4;

/// Most levels in a section number read as an enumerator (`4.2.1.` has 3): deeper
/// numbering does not occur in the policies and specifications read; a longer dotted
/// run of numbers is more likely a version or an address.
const MAX_SECTION_LEVELS: usize = 5;

/// Most digits in one level of a section number (`12.3.` yes, `2024.1.` no: a year).
const MAX_SECTION_DIGITS: usize = 3;

/// A time (`a.m.`/`p.m.`) within this many tokens of the sentence start opens
/// the sentence rather than ending it: `At 5 a.m. Mr. Smith went ...`.
const MAX_TIME_PREFIX_TOKENS: usize = 3;

/// A stop inside a quotation does not end the sentence when the quotation closes
/// within this many tokens and a lower-case word follows it:
/// `She said: "No! Never." and left.` is one sentence. Quoted speech is short;
/// the bound keeps the lookahead linear.
const MAX_QUOTE_LOOKAHEAD: usize = 12;

/// In Markdown, a stop inside link text (`[Terms. Section 3](url)`) or a code span
/// (`` `make. install` ``) does not end the sentence when the link text or span closes
/// within this many tokens. Link texts and code spans are short (the longest in the
/// realrev files is 9 tokens); the bound keeps the lookahead linear.
const MAX_SPAN_LOOKAHEAD: usize = 16;

/// Double quotes that open a quotation at the start of a token (`"`, `“`, German `„`,
/// French `«`).
const QUOTE_OPENERS: &[char] = &['"', '“', '„', '«'];

/// Double quotes that close a quotation at the end of a token (German closes with `“`).
const QUOTE_CLOSERS: &[char] = &['"', '”', '“', '»'];

/// The segmentation rules of English (its language pack, `crate::lang`).
pub(crate) static RULES_EN: LangRules = LangRules {
    prepositive: PREPOSITIVE_EN,
    abbreviations: ABBREVIATIONS_EN,
    starters: STARTERS_EN,
    capitalised_nouns: false,
};

/// The segmentation rules of German (its language pack, `crate::lang`).
pub(crate) static RULES_DE: LangRules = LangRules {
    prepositive: PREPOSITIVE_DE,
    abbreviations: ABBREVIATIONS_DE,
    starters: STARTERS_DE,
    capitalised_nouns: true,
};

/// The segmentation rules of French (its language pack, `crate::lang`).
pub(crate) static RULES_FR: LangRules = LangRules {
    prepositive: PREPOSITIVE_FR,
    abbreviations: ABBREVIATIONS_FR,
    starters: STARTERS_FR,
    capitalised_nouns: false,
};

/// The segmentation rules of Spanish (its language pack, `crate::lang`).
pub(crate) static RULES_ES: LangRules = LangRules {
    prepositive: PREPOSITIVE_ES,
    abbreviations: ABBREVIATIONS_ES,
    starters: STARTERS_ES,
    capitalised_nouns: false,
};

/// The abbreviation and opener lists of one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LangRules {
    /// Never end a sentence after these (except before a typical opener in German).
    prepositive: &'static [&'static str],
    /// Known abbreviations: no break before a digit or lower-case word.
    abbreviations: &'static [&'static str],
    /// Typical sentence openers (always including English).
    starters: &'static [&'static str],
    /// Capitalised nouns are common (German): after an abbreviation or an
    /// ordinal only a typical opener starts a new sentence.
    capitalised_nouns: bool,
}

impl LangRules {
    /// The rules of `lang`, from its language pack (`crate::lang`).
    fn of(lang: Lang) -> Self {
        *lang.pack().segment
    }

    /// The language's titles plus the English ones (`Mr.` appears everywhere).
    fn is_prepositive(&self, word: &str) -> bool {
        in_list_ci(word, self.prepositive) || in_list_ci(word, PREPOSITIVE_EN)
    }

    /// Any known abbreviation, single letter (`p.`, `E.`), dotted acronym
    /// (`U.S.`) or number sign (`N°.`).
    fn is_abbreviation(&self, word: &str) -> bool {
        self.is_prepositive(word)
            || in_list_ci(word, self.abbreviations)
            || in_list_ci(word, ABBREVIATIONS_EN)
            || is_single_letter(word).is_some()
            || is_dotted_acronym(word)
            || word.ends_with(['°', 'º'])
    }

    fn is_starter(&self, word: &str) -> bool {
        let w = alpha_prefix(word);
        !w.is_empty() && (self.starters.contains(&w) || STARTERS_EN.contains(&w))
    }
}

/// Case-insensitive membership of `word` in a lower-case `list`.
fn in_list_ci(word: &str, list: &[&str]) -> bool {
    if word.is_empty() || word.len() > MAX_ABBREV_BYTES {
        return false;
    }
    // Lower-case the word once (as `eq_lowercase` does, char by char) and compare whole
    // strings, rather than lower-casing it again against every entry of the list.
    let mut buf = [0u8; 4 * MAX_ABBREV_BYTES];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return list.iter().any(|a| eq_lowercase(word, a));
        }
        let Some(slot) = buf.get_mut(len..len + n) else {
            return list.iter().any(|a| eq_lowercase(word, a));
        };
        c.encode_utf8(slot);
        len += n;
    }
    buf.get(..len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .is_some_and(|lower| list.contains(&lower))
}

/// `word` lower-cased equals `lower` (char by char, no allocation).
fn eq_lowercase(word: &str, lower: &str) -> bool {
    let mut w = word.chars().flat_map(char::to_lowercase);
    let mut l = lower.chars();
    loop {
        match (w.next(), l.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// The leading alphabetic part of a word: `I'm` -> `I`, `They,` -> `They`.
fn alpha_prefix(word: &str) -> &str {
    let end = word
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(word.len(), |(i, _)| i);
    word.get(..end).unwrap_or("")
}

/// `Some(c)` if `word` is exactly one alphabetic character.
fn is_single_letter(word: &str) -> Option<char> {
    let mut it = word.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    }
}

/// Dotted acronyms and abbreviations: `U.S`, `e.g`, `a.m`, `Ph.D`, `c.-à-d`
/// (the final period is already stripped). Every dot-separated piece is one
/// or two letters (hyphens allowed), so `example.com` is not one.
fn is_dotted_acronym(word: &str) -> bool {
    if word.len() > MAX_ABBREV_BYTES || !word.contains('.') {
        return false;
    }
    word.split('.').all(|piece| {
        let letters = piece.chars().filter(|&c| c != '-').count();
        (1..=2).contains(&letters) && piece.chars().all(|c| c.is_alphabetic() || c == '-')
    })
}

fn is_am_pm(word: &str) -> bool {
    eq_lowercase(word, "a.m") || eq_lowercase(word, "p.m")
}

/// A token made of one `.` plus closers: the pieces of a spaced ellipsis
/// (`. . .`, `. . .”`).
fn is_single_dot(tok: &str) -> bool {
    tok.len() <= 8
        && tok.starts_with('.')
        && tok
            .get(1..)
            .is_some_and(|r| r.chars().all(|c| CLOSERS.contains(&c)))
}

/// A token of stops and closers only (`??`, `!`, `…”`): it cannot open a
/// sentence, so it joins the one before (`As shown in Fig. ??`).
fn is_bare_stop(tok: &str) -> bool {
    !tok.is_empty()
        && tok
            .chars()
            .all(|c| TERMINATORS.contains(&c) || CLOSERS.contains(&c))
        && tok.chars().any(|c| TERMINATORS.contains(&c))
}

/// A token made only of closing brackets/quotes (French `»`).
fn is_pure_closers(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| PURE_CLOSERS.contains(&c))
}

/// Whether `tok` ends a quotation: a closing double quote in its tail, maybe before a
/// comma (`Never."`, `false,”`, `Hallo.“`, `»`).
fn closes_quote(tok: &str) -> bool {
    split_tail(tok.trim_end_matches([',', ';', ':']))
        .1
        .contains(QUOTE_CLOSERS)
}

/// Whether a quotation is open after `tok`, given whether one was open before it.
/// `"No!` opens one, `Never."` closes it, `"Yes."` opens and closes.
fn quote_open_after(open: bool, tok: &str) -> bool {
    if closes_quote(tok) {
        return false;
    }
    open || tok
        .trim_start_matches(['(', '[', '¿', '¡'])
        .starts_with(QUOTE_OPENERS)
}

/// Markdown link texts and code spans open so far in a sentence.
#[derive(Debug, Clone, Copy, Default)]
struct InlineSpans {
    /// Unclosed `[` (capped: link texts rarely nest).
    brackets: u8,
    /// An odd number of backticks seen: a code span is open.
    code: bool,
}

impl InlineSpans {
    /// Account for the brackets and backticks of `tok`.
    fn update(&mut self, tok: &str) {
        for c in tok.chars() {
            match c {
                '`' => self.code = !self.code,
                '[' if !self.code => self.brackets = self.brackets.saturating_add(1).min(4),
                ']' if !self.code => self.brackets = self.brackets.saturating_sub(1),
                _ => {}
            }
        }
    }

    /// The character that closes the innermost open span, if one is open.
    fn open(self) -> Option<char> {
        if self.code {
            Some('`')
        } else if self.brackets > 0 {
            Some(']')
        } else {
            None
        }
    }
}

/// A dash standing alone as a token: `—`, `–`, `-`, `--`.
fn is_dash(tok: &str) -> bool {
    matches!(tok, "—" | "–" | "-" | "--" | "―")
}

/// A token of symbols only, no letter, digit, quote or bracket (`🙏`, `✨`): it cannot open
/// a sentence, so it stays with the one before (`... a better place. 🙏`).
fn is_symbols(tok: &str) -> bool {
    !tok.is_empty()
        && tok.chars().all(|c| {
            !c.is_alphanumeric()
                && !c.is_ascii()
                && !c.is_whitespace()
                && !OPENERS.contains(&c)
                && !CLOSERS.contains(&c)
                && !TERMINATORS.contains(&c)
                && !LINE_BULLETS.contains(&c)
                && !INLINE_BULLETS.contains(&c)
                && !matches!(c, '—' | '–' | '―' | '§' | '¶' | '©' | '®')
        })
}

/// A symbol that can open a line of its own but never continues a sentence from the line
/// before: `©`, `®`, `℗`, `§`, `¶`, `†` (a credit line, a section sign, a footnote mark).
fn is_line_symbol(c: char) -> bool {
    matches!(c, '©' | '®' | '℗' | '§' | '¶' | '†' | '‡')
}

/// Longest label of a Markdown footnote reference (`[^note-3]`) looked through after a stop.
/// Labels in the policies and drafts read are numbers or a word or two; a longer bracket is
/// more likely text.
const MAX_FOOTNOTE_LABEL: usize = 16;

/// Drop trailing citation marks: `end.[12]` -> `end.` (Wikipedia style), `days.[^1]` ->
/// `days.` (a Markdown footnote reference).
fn strip_citations(mut tok: &str) -> &str {
    while let Some(rest) = tok.strip_suffix(']') {
        let digits = rest.trim_end_matches(|c: char| c.is_ascii_digit());
        let n = rest.len() - digits.len();
        if let Some(before) = digits.strip_suffix('[').filter(|_| (1..=3).contains(&n)) {
            tok = before;
            continue;
        }
        let label = rest.trim_end_matches(|c: char| c.is_alphanumeric() || c == '-' || c == '_');
        let m = rest.len() - label.len();
        match label.strip_suffix("[^") {
            Some(before) if (1..=MAX_FOOTNOTE_LABEL).contains(&m) => tok = before,
            _ => break,
        }
    }
    tok
}

/// Split a token into the word and its trailing run of terminators and
/// closers: `engineer.)` -> (`engineer`, `.)`), `[...]"` -> (`[`, `...]"`).
fn split_tail(tok: &str) -> (&str, &str) {
    let tok = strip_citations(tok);
    let cut = tok
        .char_indices()
        .rev()
        .find(|&(_, c)| !TERMINATORS.contains(&c) && !CLOSERS.contains(&c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (tok.get(..cut).unwrap_or(""), tok.get(cut..).unwrap_or(""))
}

/// What kind of stop a token's tail is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// No terminator: `word`, `word,` `China,”`.
    None,
    /// One period (or a stray `..`): `end.`, `U.S.`, `great."`.
    Period,
    /// Three dots: `...`, `…`.
    Ellipsis,
    /// Four or more dots (a period plus an ellipsis): `that....`.
    Long,
    /// Contains `?` or `!`: `Hello?!`, `collapsed.?`, `Yahoo!`.
    Question,
}

fn stop_kind(tail: &str) -> Stop {
    let mut dots = 0usize;
    for c in tail.chars() {
        if QUESTION_MARKS.contains(&c) {
            return Stop::Question;
        }
        match c {
            '.' | '。' | '｡' => dots += 1,
            '…' => dots += 3,
            _ => {}
        }
    }
    match dots {
        0 => Stop::None,
        1 | 2 => Stop::Period,
        3 => Stop::Ellipsis,
        _ => Stop::Long,
    }
}

/// How the token after a gap begins, ignoring opening quotes and brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    Upper,
    Lower,
    Digit,
    /// Punctuation, symbols, caseless scripts.
    Other,
}

/// Classify the start of `tok` and return the word after its openers.
fn opening(tok: &str) -> (Opening, &str) {
    let word = tok.trim_start_matches(OPENERS);
    let kind = match word.chars().next() {
        Some(c) if c.is_uppercase() => Opening::Upper,
        Some(c) if c.is_lowercase() => Opening::Lower,
        Some(c) if c.is_numeric() => Opening::Digit,
        _ => Opening::Other,
    };
    (kind, word)
}

/// A token that "ends with a stop" for list purposes: `done.` or `Steps:`.
fn ends_clause(tok: &str) -> bool {
    tok.ends_with(':') || stop_kind(split_tail(tok).1) != Stop::None
}

// ---------------------------------------------------------------------------
// List items
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnumKind {
    Number,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// A multi-level section number (`4.2.1.`); its value is the last level.
    Section,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delim {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
    /// `(1)`
    Parens,
}

/// A list enumerator such as `2.)`, `(b)` or `iv.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Enumerator {
    kind: EnumKind,
    delim: Delim,
    value: u32,
}

impl Enumerator {
    /// `self` is the item right after `prev` in the same list style.
    fn follows(&self, prev: Option<Enumerator>) -> bool {
        prev.is_some_and(|p| {
            p.kind == self.kind
                && p.delim == self.delim
                && p.value.checked_add(1) == Some(self.value)
        })
    }
}

/// Possible readings of a token as an enumerator (`i.` is a letter or a
/// Roman numeral, hence two). Leading emphasis is markup (`**4.2.1.`, `_a)`).
fn parse_enumerator(tok: &str) -> [Option<Enumerator>; 2] {
    let mut out = [None, None];
    let tok = tok.trim_start_matches(['*', '_']);
    if let Some(e) = parse_section(tok) {
        out[0] = Some(e);
        return out;
    }
    let (body, delim) = if let Some(b) = tok.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        (b, Delim::Parens)
    } else if let Some(b) = tok.strip_suffix(".)") {
        (b, Delim::DotParen)
    } else if let Some(b) = tok.strip_suffix(')') {
        (b, Delim::Paren)
    } else if let Some(b) = tok.strip_suffix('.') {
        (b, Delim::Dot)
    } else {
        return out;
    };
    if body.is_empty() || body.len() > MAX_ENUM_BYTES {
        return out;
    }
    if body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(value) = body.parse::<u32>() {
            out[0] = Some(Enumerator {
                kind: EnumKind::Number,
                delim,
                value,
            });
        }
        return out;
    }
    if let Some(c) = is_single_letter(body).filter(char::is_ascii_alphabetic) {
        let kind = if c.is_ascii_lowercase() {
            EnumKind::LowerAlpha
        } else {
            EnumKind::UpperAlpha
        };
        let value = u32::from(c.to_ascii_lowercase()) - u32::from('a') + 1;
        out[0] = Some(Enumerator { kind, delim, value });
    }
    let lower = body.bytes().all(|b| b.is_ascii_lowercase());
    let upper = body.bytes().all(|b| b.is_ascii_uppercase());
    if lower || upper {
        let pos = ROMANS.iter().position(|r| r.eq_ignore_ascii_case(body));
        if let Some(pos) = pos.and_then(|p| u32::try_from(p).ok()) {
            let kind = if lower {
                EnumKind::LowerRoman
            } else {
                EnumKind::UpperRoman
            };
            let roman = Some(Enumerator {
                kind,
                delim,
                value: pos + 1,
            });
            if out[0].is_none() {
                out[0] = roman;
            } else {
                out[1] = roman;
            }
        }
    }
    out
}

/// A multi-level section number with a final stop: `4.2.1.`, `3.1.` (2 to
/// [`MAX_SECTION_LEVELS`] levels of 1 to [`MAX_SECTION_DIGITS`] digits, the first not 0, so
/// `0.5.` and `2024.1.` are not).
fn parse_section(tok: &str) -> Option<Enumerator> {
    let body = tok.strip_suffix('.')?;
    let mut levels = 0usize;
    let mut value = 0u32;
    for (k, part) in body.split('.').enumerate() {
        if part.is_empty()
            || part.len() > MAX_SECTION_DIGITS
            || !part.bytes().all(|b| b.is_ascii_digit())
            || (k == 0 && part.starts_with('0'))
        {
            return None;
        }
        value = part.parse().ok()?;
        levels += 1;
        if levels > MAX_SECTION_LEVELS {
            return None;
        }
    }
    (levels >= 2).then_some(Enumerator {
        kind: EnumKind::Section,
        delim: Delim::Dot,
        value,
    })
}

/// The list role of a token.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    /// A new list item begins at this token: break before it.
    starts: bool,
    /// A bullet or enumerator: never break right after it (`1. The first`).
    marker: bool,
    /// A standalone bullet (the enumerator after it is part of the same item).
    bullet: bool,
}

/// Where a token stands, for list detection.
#[derive(Debug, Clone, Copy)]
struct ItemContext {
    /// First token on its line.
    line_start: bool,
    /// First token of its paragraph.
    para_first: bool,
    /// The previous token ends with a stop or a colon.
    after_clause: bool,
    /// The previous token is a standalone bullet (`• 9. ...`).
    after_bullet: bool,
}

/// Decide whether `tok` starts a list item or is a list marker, updating the
/// last seen enumerator.
///
/// Heuristics:
/// - a bullet alone at a line start, or `•`/`⁃` anywhere: `a\n- b` -> `a` | `- b`;
/// - an enumerator at a line start: `one\n2) two` -> `one` | `2) two`
///   (a capital with a period, `A.`/`IV.`, only after a stop/colon or at a
///   paragraph start, since `by\nA. Smith` is more likely an initial);
/// - an enumerator inside a line only if it continues the previous one:
///   `1. The first item 2. The second item` -> two items, `at 2. Then` is not.
fn classify_item(tok: &str, ctx: ItemContext, last: &mut Option<Enumerator>) -> Item {
    let mut chars = tok.chars();
    let Some(first) = chars.next() else {
        return Item::default();
    };
    let rest = chars.as_str();
    if rest.is_empty()
        && (INLINE_BULLETS.contains(&first) || (ctx.line_start && LINE_BULLETS.contains(&first)))
    {
        return Item {
            starts: true,
            marker: true,
            bullet: true,
        };
    }
    if INLINE_BULLETS.contains(&first) {
        // A bullet glued to its item: `⁃9.` or `•Item`.
        let found = pick_enumerator(parse_enumerator(rest), *last, true);
        if found.is_some() {
            *last = found;
        }
        return Item {
            starts: true,
            marker: found.is_some(),
            bullet: false,
        };
    }
    let candidates = parse_enumerator(tok);
    if ctx.after_bullet {
        let found = pick_enumerator(candidates, *last, true);
        if found.is_some() {
            *last = found;
        }
        return Item {
            starts: false,
            marker: found.is_some(),
            bullet: false,
        };
    }
    if let Some(e) = candidates.into_iter().flatten().find(|e| e.follows(*last)) {
        *last = Some(e);
        return Item {
            starts: true,
            marker: true,
            bullet: false,
        };
    }
    // `We need: 1. Eggs 2. Milk`, `Do this. a) Mix`: a first item after a colon or a
    // stop opens an inline list (not a capital with a period: `said no. A. Smith`).
    if !ctx.line_start
        && ctx.after_clause
        && let Some(e) = candidates.into_iter().flatten().find(|e| {
            e.value == 1
                && e.kind != EnumKind::Section
                && !(matches!(e.kind, EnumKind::UpperAlpha | EnumKind::UpperRoman)
                    && e.delim == Delim::Dot)
        })
    {
        *last = Some(e);
        return Item {
            starts: true,
            marker: true,
            bullet: false,
        };
    }
    if ctx.line_start
        && let Some(e) = pick_enumerator(candidates, *last, true)
    {
        // A capital or a section number with a period only where an item can begin:
        // `by\nA. Smith` is an initial, `rose to\n2.5. Analysts` a decimal.
        let capital_dot = matches!(
            e.kind,
            EnumKind::UpperAlpha | EnumKind::UpperRoman | EnumKind::Section
        ) && e.delim == Delim::Dot;
        if !capital_dot || ctx.para_first || ctx.after_clause {
            *last = Some(e);
            return Item {
                starts: true,
                marker: true,
                bullet: false,
            };
        }
    }
    Item::default()
}

/// Choose among the readings of an enumerator: the one continuing the list,
/// else (if `fresh` lists may start) Roman `i`/`I` over letter `i`, else the
/// first reading.
fn pick_enumerator(
    cands: [Option<Enumerator>; 2],
    last: Option<Enumerator>,
    fresh: bool,
) -> Option<Enumerator> {
    if let Some(e) = cands.into_iter().flatten().find(|e| e.follows(last)) {
        return Some(e);
    }
    if !fresh {
        return None;
    }
    let roman_one = cands
        .into_iter()
        .flatten()
        .find(|e| matches!(e.kind, EnumKind::LowerRoman | EnumKind::UpperRoman) && e.value == 1);
    roman_one.or(cands[0])
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// A maximal run of non-whitespace, with the line breaks in the gap before it.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Line breaks in the whitespace before the token, capped at 2 (2 means a
    /// blank line, i.e. a paragraph break). `\r\n` counts once.
    breaks: u8,
}

/// Streaming tokenizer with a small lookahead buffer.
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    ahead: VecDeque<Token>,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Tokens {
            text,
            pos: 0,
            ahead: VecDeque::new(),
        }
    }

    fn scan(&mut self) -> Option<Token> {
        let rest = self.text.get(self.pos..)?;
        let mut breaks = 0u8;
        let mut after_cr = false;
        let mut start = None;
        for (i, c) in rest.char_indices() {
            if !c.is_whitespace() {
                start = Some(self.pos + i);
                break;
            }
            match c {
                '\r' => {
                    breaks = breaks.saturating_add(1).min(2);
                    after_cr = true;
                }
                '\n' => {
                    if !after_cr {
                        breaks = breaks.saturating_add(1).min(2);
                    }
                    after_cr = false;
                }
                _ => after_cr = false,
            }
        }
        let Some(start) = start else {
            self.pos = self.text.len();
            return None;
        };
        let tail = self.text.get(start..)?;
        let end = tail
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(self.text.len(), |(i, _)| start + i);
        self.pos = end;
        Some(Token { start, end, breaks })
    }

    fn next_token(&mut self) -> Option<Token> {
        self.ahead.pop_front().or_else(|| self.scan())
    }

    /// The `k`-th token after the last one returned (0-based).
    fn peek(&mut self, k: usize) -> Option<Token> {
        while self.ahead.len() <= k {
            let t = self.scan()?;
            self.ahead.push_back(t);
        }
        self.ahead.get(k).copied()
    }
}

// ---------------------------------------------------------------------------
// The segmenter
// ---------------------------------------------------------------------------

struct Segmenter<'a> {
    text: &'a str,
    split: SplitMode,
    rules: LangRules,
    toks: Tokens<'a>,
    widths: LineWidths,
}

/// A paragraph whose lines are all at most this many characters long, and where no sentence
/// ends inside a line, is not hard-wrapped prose (text is wrapped at 60-80 columns), so each
/// of its lines that ends without a stop stands alone: a headline over a byline over a date
/// line. Lines of news headers and
/// Markdown title blocks seen in the realrev and evaldata dev files are under 50; 50 is the
/// narrowest common wrap width.
const STANDALONE_SHORT_PARAGRAPH: usize = 50;

/// Words after which a line is a wrapped sentence, never a standalone line (`... inspired
/// by` / `Mozilla's code`): articles, conjunctions, prepositions.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "our",
    "than", "that", "the", "their", "to", "via", "was", "were", "which", "who", "with", "your",
];

/// Line widths, to tell a line that stands alone from a hard-wrapped one: a line is
/// hard-wrapped when the next line's first word would not have fitted on it. Measured on
/// demand, for the few lines that end without a stop before a capital; the paragraph last
/// measured is kept, so each paragraph is read at most once (lookups move forward).
#[derive(Debug, Default)]
struct LineWidths {
    /// The paragraph last measured.
    para: Option<ParaWidths>,
}

/// The widths of one paragraph (a run of non-blank lines).
#[derive(Debug, Clone, Copy)]
struct ParaWidths {
    /// First byte of the paragraph.
    start: usize,
    /// One past its last byte.
    end: usize,
    /// The longest line, in characters without trailing whitespace.
    max: usize,
    /// The second longest line.
    second: usize,
    /// A sentence ends inside a line (`held. Crews`): running prose, not a block of headers.
    inner_stop: bool,
}

/// The byte range of the line holding `pos` (lines end at `\n`; a `\r` before it is
/// trailing whitespace).
fn line_at(text: &str, pos: usize) -> (usize, usize) {
    let start = text
        .get(..pos)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |k| k + 1);
    let end = text
        .get(pos..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |k| pos + k);
    (start, end)
}

/// Characters of `line` without trailing whitespace.
fn line_width(line: &str) -> usize {
    line.trim_end().chars().count()
}

/// Whether `line` ends a sentence inside it: a stop, a space, then a capital (`held. Crews`).
fn has_inner_stop(line: &str) -> bool {
    let b = line.as_bytes();
    line.match_indices(['.', '?', '!']).any(|(k, _)| {
        b.get(k + 1) == Some(&b' ') && b.get(k + 2).is_some_and(u8::is_ascii_uppercase)
    })
}

impl ParaWidths {
    /// Measure the paragraph holding the non-blank line `start..end`.
    fn around(text: &str, start: usize, end: usize) -> Self {
        let mut p = ParaWidths {
            start,
            end,
            max: 0,
            second: 0,
            inner_stop: false,
        };
        p.add(text.get(start..end).unwrap_or(""));
        // Lines before, up to a blank line.
        while p.start > 0 {
            let (s, e) = line_at(text, p.start - 1);
            let line = text.get(s..e).unwrap_or("");
            if line.trim().is_empty() {
                break;
            }
            p.add(line);
            p.start = s;
        }
        // Lines after, up to a blank line.
        while p.end < text.len() {
            let (s, e) = line_at(text, p.end + 1);
            let line = text.get(s..e).unwrap_or("");
            if line.trim().is_empty() {
                break;
            }
            p.add(line);
            p.end = e;
        }
        p
    }

    fn add(&mut self, line: &str) {
        let w = line_width(line);
        if w > self.max {
            (self.max, self.second) = (w, self.max);
        } else if w > self.second {
            self.second = w;
        }
        self.inner_stop |= has_inner_stop(line);
    }
}

impl LineWidths {
    /// Does the line holding byte `pos` of `text` stand alone before a line opening with a
    /// word of `next_word` characters? Yes when its paragraph is a block of short lines with
    /// no sentence ending inside a line, or when that word would have fitted within the
    /// paragraph's other lines (so no wrap put it there).
    fn stands_alone(&mut self, text: &str, pos: usize, next_word: usize) -> bool {
        let (chars, other, p) = self.measure(text, pos);
        (p.max <= STANDALONE_SHORT_PARAGRAPH && !p.inner_stop) || chars + 1 + next_word <= other
    }

    /// Would a word of `next_word` characters have fitted on the line holding byte `pos`,
    /// within the width of its paragraph's other lines (so no wrap broke the line there)?
    fn not_wrapped(&mut self, text: &str, pos: usize, next_word: usize) -> bool {
        let (chars, other, _) = self.measure(text, pos);
        chars + 1 + next_word <= other
    }

    /// The width of the line holding byte `pos`, the widest other line of its paragraph,
    /// and the paragraph's widths.
    fn measure(&mut self, text: &str, pos: usize) -> (usize, usize, ParaWidths) {
        let (start, end) = line_at(text, pos);
        let chars = line_width(text.get(start..end).unwrap_or(""));
        let p = match self.para {
            Some(p) if p.start <= start && end <= p.end => p,
            _ => {
                let p = ParaWidths::around(text, start, end);
                self.para = Some(p);
                p
            }
        };
        let other = if chars == p.max { p.second } else { p.max };
        (chars, other, p)
    }
}

/// Everything known at one gap between `cur` and `next`.
struct Gap<'t> {
    cur: &'t str,
    cur_item: Item,
    /// The token before `cur`, if it is in the same sentence.
    prev: Option<&'t str>,
    next: &'t str,
    next_item: Item,
    /// Length of the run of spaced dots (`. . .`) ending at `cur` (0: none).
    dot_run: usize,
    /// Tokens in the current sentence, `cur` included.
    tokens_in_sentence: usize,
    /// A quotation opened before or at `cur` is still open after it.
    in_quote: bool,
    /// Markdown: `cur` is inside link text (`[`) or a code span (`` ` ``) still open.
    in_span: Option<char>,
    /// One line break between `cur` and `next`, and the byte where `cur` starts.
    line_end: Option<usize>,
}

impl<'a> Segmenter<'a> {
    fn new(text: &'a str, opts: &SegmentOptions) -> Self {
        Segmenter {
            text,
            split: opts.split,
            rules: LangRules::of(opts.lang),
            toks: Tokens::new(text),
            widths: LineWidths::default(),
        }
    }

    fn slice(&self, t: Token) -> &'a str {
        self.text.get(t.start..t.end).unwrap_or("")
    }

    fn run(mut self) -> Vec<Sentence> {
        let mut out = Vec::new();
        let Some(mut cur) = self.toks.next_token() else {
            return out;
        };
        let mut last_enum = None;
        let first_ctx = ItemContext {
            line_start: true,
            para_first: true,
            after_clause: true,
            after_bullet: false,
        };
        let mut cur_item = match self.split {
            SplitMode::Prose | SplitMode::Markdown => {
                classify_item(self.slice(cur), first_ctx, &mut last_enum)
            }
            SplitMode::Lines => Item::default(),
        };
        let mut paragraph = 0usize;
        let mut sent_start = cur.start;
        let mut tokens_in_sentence = 1usize;
        let mut prev: Option<Token> = None;
        let mut dot_run = usize::from(is_single_dot(self.slice(cur)));
        let mut in_quote = quote_open_after(false, self.slice(cur));
        let markdown = self.split == SplitMode::Markdown;
        let mut spans = InlineSpans::default();
        if markdown {
            spans.update(self.slice(cur));
        }

        while let Some(next) = self.toks.next_token() {
            let para_break = next.breaks >= 2;
            let cur_s = self.slice(cur);
            let next_s = self.slice(next);
            let brk = match self.split {
                SplitMode::Lines => {
                    cur_item = Item::default();
                    next.breaks >= 1
                }
                SplitMode::Prose | SplitMode::Markdown => {
                    let ctx = ItemContext {
                        line_start: next.breaks >= 1,
                        para_first: para_break,
                        // The abbreviation look-up only before a possible enumerator.
                        after_clause: ends_clause(cur_s)
                            && (parse_enumerator(next_s).iter().all(Option::is_none)
                                || !self.abbreviation_stop(cur_s)),
                        after_bullet: cur_item.bullet,
                    };
                    let next_item = classify_item(next_s, ctx, &mut last_enum);
                    let gap = Gap {
                        cur: cur_s,
                        cur_item,
                        prev: prev.map(|p| self.slice(p)),
                        next: next_s,
                        next_item,
                        dot_run,
                        tokens_in_sentence,
                        in_quote,
                        in_span: spans.open(),
                        line_end: (next.breaks == 1).then_some(cur.start),
                    };
                    let brk = para_break
                        || (next.breaks == 1 && self.line_stands_alone(&gap, cur.start))
                        || self.prose_break(&gap);
                    cur_item = next_item;
                    brk
                }
            };
            if brk {
                out.push(Sentence::new(sent_start, cur.end, paragraph));
                if para_break {
                    paragraph += 1;
                }
                sent_start = next.start;
                tokens_in_sentence = 0;
                prev = None;
            } else {
                prev = Some(cur);
            }
            dot_run = if !is_single_dot(next_s) {
                0
            } else if para_break {
                1
            } else {
                dot_run.saturating_add(1)
            };
            tokens_in_sentence = tokens_in_sentence.saturating_add(1);
            in_quote = quote_open_after(in_quote && !para_break, next_s);
            if markdown {
                if para_break {
                    spans = InlineSpans::default();
                }
                spans.update(next_s);
            }
            cur = next;
        }
        out.push(Sentence::new(sent_start, cur.end, paragraph));
        out
    }

    /// Does a sentence end in the gap between `g.cur` and `g.next`?
    fn prose_break(&mut self, g: &Gap<'_>) -> bool {
        if g.next_item.starts {
            return true;
        }
        if g.cur_item.marker || is_pure_closers(g.next) {
            return false;
        }
        if is_single_dot(g.next) {
            return g.dot_run == 0 && self.ellipsis_opens_next(g.cur);
        }
        if is_bare_stop(g.next) || is_symbols(g.next) {
            return false;
        }
        if let Some(close) = g.in_span
            && self.span_closes_soon(g.next, close)
        {
            return false;
        }
        let (core, stop) = if g.dot_run > 0 {
            // The end of a spaced ellipsis.
            // `weakened . . . was` / `is . . . I didn't`: three dots continue;
            // `period . . . . Next`: four dots end the sentence;
            // `compounds. . . . The`: the break came before the dots;
            // `pedestrians. . A`: a stray dot after a stop ends the sentence.
            if g.dot_run == 3 {
                return false;
            }
            // One or two spaced dots (`the end . The`) act like a full stop.
            ("", Stop::Long)
        } else {
            // French `Bonjour. » Puis`: look through a closers-only token.
            let tok = match g.prev {
                Some(p) if is_pure_closers(g.cur) => p,
                _ => g.cur,
            };
            let (core, tail) = split_tail(tok);
            (core, stop_kind(tail))
        };
        let (open, word) = opening(g.next);
        if stop == Stop::Question && g.in_quote && self.quote_goes_on_lower(g.next) {
            return false;
        }
        // The cheap test first: the abbreviation look-up runs only before a dash or `(AP)`.
        if stop == Stop::Period
            && self.dateline_goes_on(g.next)
            && self.rules.is_abbreviation(core.trim_start_matches(OPENERS))
        {
            return false;
        }
        match stop {
            Stop::None => false,
            Stop::Question if in_list_ci(core.trim_start_matches(OPENERS), EXCLAMATION_NAMES) => {
                self.rules.is_starter(word)
            }
            // `Hello?! Is that you?` breaks; `"Is it?" he asked.` and
            // `Yahoo! in the accounting department` do not.
            Stop::Question | Stop::Long => open != Opening::Lower,
            // `I mean... Then` breaks; `really ... well`, `[...] (Smith 55)` do not.
            Stop::Ellipsis => open == Opening::Upper && !core.ends_with(['[', '(']),
            Stop::Period => {
                self.period_breaks(core, open, word, g)
                    || self.acronym_ends_line(core, open, word, g)
            }
        }
    }

    /// The case of `compounds. . . . The practice`: a word with its own period,
    /// then exactly three spaced dots, then a capital. The period ends the
    /// sentence and the ellipsis opens the next one. Looks at most 3 tokens
    /// ahead (`g.next` is the first dot).
    fn ellipsis_opens_next(&mut self, cur: &str) -> bool {
        let (core, tail) = split_tail(cur);
        if core.is_empty() || stop_kind(tail) != Stop::Period || is_single_dot(cur) {
            return false;
        }
        let same_para = |t: &Token| t.breaks < 2;
        let (Some(d2), Some(d3), Some(after)) =
            (self.toks.peek(0), self.toks.peek(1), self.toks.peek(2))
        else {
            return false;
        };
        [d2, d3, after].iter().all(same_para)
            && is_single_dot(self.slice(d2))
            && is_single_dot(self.slice(d3))
            && !is_single_dot(self.slice(after))
            && opening(self.slice(after)).0 == Opening::Upper
    }

    /// Inside an open quotation, after a stop: does the quotation close within
    /// [`MAX_QUOTE_LOOKAHEAD`] tokens (`next` included) of the same paragraph, with a
    /// lower-case word right after the closing token? `"No! Never." and left`: yes;
    /// `"No! Never." Then`: no.
    /// A line break after `g.cur` (at byte `pos`) ends a line that stands alone (a
    /// headline, a byline, a date line): it has no stop, does not end on a comma, a colon
    /// (`remove the following sentence:` announces the next line) or a function word, the
    /// next line opens with a capital, a digit or a symbol (a credit line `© Reuters.`), and
    /// the line is not hard-wrapped ([`LineWidths::stands_alone`]).
    fn line_stands_alone(&mut self, g: &Gap<'_>, pos: usize) -> bool {
        if g.cur_item.marker || g.in_quote || g.in_span.is_some() {
            return false;
        }
        let (core, tail) = split_tail(g.cur);
        if stop_kind(tail) != Stop::None
            || core.ends_with([',', ';', ':', '-', '–', '—', '&', '(', '/', '+', '='])
            || in_list_ci(core.trim_start_matches(OPENERS), CONTINUATION_WORDS)
        {
            return false;
        }
        let (open, word) = opening(g.next);
        let symbol = open == Opening::Other && word.chars().next().is_some_and(is_line_symbol);
        if !matches!(open, Opening::Upper | Opening::Digit) && !symbol {
            return false;
        }
        let next_word = word.chars().count();
        self.widths.stands_alone(self.text, pos, next_word)
    }

    /// After an abbreviation, `next` continues a dateline: a dash (`OROVILLE, Calif. — (AP)`)
    /// or an agency in brackets before a dash (`Calif. (AP) — Thousands`).
    fn dateline_goes_on(&mut self, next: &str) -> bool {
        if is_dash(next) {
            return true;
        }
        let agency = next
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .is_some_and(|w| {
                !w.is_empty()
                    && w.len() <= MAX_AGENCY_BYTES
                    && w.starts_with(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic)
            });
        agency
            && self
                .toks
                .peek(0)
                .is_some_and(|t| t.breaks < 2 && is_dash(self.slice(t)))
    }

    /// `cur` ends with a period that belongs to an abbreviation (`Sept.`, `Inc.`), so it is
    /// no clause end before an enumerator: `(Sept. 1)` is a date, not a list.
    fn abbreviation_stop(&self, cur: &str) -> bool {
        let (core, tail) = split_tail(cur);
        let word = core.trim_start_matches(OPENERS);
        stop_kind(tail) == Stop::Period
            && is_single_letter(word).is_none()
            && self.rules.is_abbreviation(word)
    }

    /// Does the open link text or code span close (a token holding `close`: a backtick,
    /// or `](` / `][` for link text, since a bracket not followed by a link target is an
    /// aside such as `[ Ed note: ... ]` whose sentences are cut as usual) at `next` or within
    /// [`MAX_SPAN_LOOKAHEAD`] tokens after it, in the same paragraph?
    fn span_closes_soon(&mut self, next: &str, close: char) -> bool {
        let closes = |tok: &str| {
            if close == ']' {
                tok.contains("](") || tok.contains("][")
            } else {
                tok.contains(close)
            }
        };
        if closes(next) {
            return true;
        }
        if close == ']' && next.contains(']') {
            return false;
        }
        for k in 0..MAX_SPAN_LOOKAHEAD {
            let Some(t) = self.toks.peek(k).filter(|t| t.breaks < 2) else {
                return false;
            };
            let tok = self.slice(t);
            if closes(tok) {
                return true;
            }
            if close == ']' && tok.contains(']') {
                // The bracket closed without a link target.
                return false;
            }
        }
        false
    }

    fn quote_goes_on_lower(&mut self, next: &str) -> bool {
        if next.starts_with(QUOTE_OPENERS) && !closes_quote(next) {
            return false;
        }
        let mut closed = closes_quote(next);
        let mut k = 0;
        while !closed {
            if k >= MAX_QUOTE_LOOKAHEAD {
                return false;
            }
            let Some(t) = self.toks.peek(k).filter(|t| t.breaks < 2) else {
                return false;
            };
            let s = self.slice(t);
            if s.starts_with(QUOTE_OPENERS) && !closes_quote(s) {
                // Another quotation opens: the first one was not closed as expected.
                return false;
            }
            closed = closes_quote(s);
            k += 1;
        }
        self.toks
            .peek(k)
            .filter(|t| t.breaks < 2)
            .is_some_and(|t| opening(self.slice(t)).0 == Opening::Lower)
    }

    /// Does a single period after `core` end the sentence?
    fn period_breaks(&self, core: &str, open: Opening, next_word: &str, g: &Gap<'_>) -> bool {
        let word = core.trim_start_matches(OPENERS);
        let rules = &self.rules;
        match open {
            // `Co. at noon`, `e.g. the`, `approx. two`: a lower-case word continues,
            // unless the period closes an ordinary lower-case word of three letters or
            // more that is no abbreviation (`his wife. then he left`: text written
            // without capitals, or a sentence whose first word was edited away).
            Opening::Lower => {
                // A closing quote or bracket after the period (`"This is great." she
                // said`, `(He worked.) at`) keeps the sentence going.
                g.cur.ends_with('.')
                    && word.chars().count() >= LOWER_BREAK_MIN_LETTERS
                    && word.chars().all(char::is_alphabetic)
                    && word.starts_with(char::is_lowercase)
                    && !rules.is_abbreviation(word)
            }
            // `p. 55`, `No. 5`, `N°. 1026` continue; `$100.00. 5 people` breaks.
            Opening::Digit => !rules.is_abbreviation(word),
            Opening::Upper | Opening::Other => {
                if word.is_empty() {
                    return true;
                }
                // `Mr. Smith`, `Mt. Fuji`, `e.g. Paris`; but `the Dr. He said`.
                if rules.is_prepositive(word) {
                    if rules.capitalised_nouns {
                        return rules.is_starter(next_word);
                    }
                    return !in_list_ci(word, ALWAYS_GLUED_EN)
                        && PRONOUN_STARTERS.contains(&alpha_prefix(next_word));
                }
                // `At 5 a.m. Mr. Smith went` (opens the sentence) vs
                // `He left at 6 P.M. Mr. Smith then ...` (ends it).
                if is_am_pm(word) {
                    // `at 2 p.m. EDT March 21`: a time zone belongs to the time.
                    if TIME_ZONES.contains(&alpha_prefix(next_word)) {
                        return false;
                    }
                    return g.tokens_in_sentence > MAX_TIME_PREFIX_TOKENS;
                }
                // `the U.S. How about you?` vs `the U.S. Government`.
                if is_dotted_acronym(word) {
                    return rules.is_starter(next_word);
                }
                if let Some(letter) = is_single_letter(word).filter(|c| c.is_uppercase()) {
                    return self.initial_breaks(letter, next_word, g);
                }
                // German nouns are capitalised: `bzw. Häuser`, `am 3. Oktober`.
                if rules.capitalised_nouns
                    && (rules.is_abbreviation(word)
                        || (word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit())))
                {
                    return rules.is_starter(next_word);
                }
                // `Jane and co. They`, `& Co. It closed`, `$100.00. It is`.
                true
            }
        }
    }

    /// A dotted acronym at the end of a line that is not hard-wrapped, before a capital:
    /// `... in Washington, D.C.` / `Powell announced ...`. Where a line break is the
    /// writer's, not a wrap's ([`LineWidths::not_wrapped`]), the acronym ends the
    /// sentence even before a name; within a line (`the U.S. Government`) it does not.
    fn acronym_ends_line(
        &mut self,
        core: &str,
        open: Opening,
        next_word: &str,
        g: &Gap<'_>,
    ) -> bool {
        let Some(pos) = g.line_end else {
            return false;
        };
        let word = core.trim_start_matches(OPENERS);
        open == Opening::Upper
            && is_dotted_acronym(word)
            && !is_am_pm(word)
            && !in_list_ci(word, ALWAYS_GLUED_EN)
            && !g.cur_item.marker
            && self
                .widths
                .not_wrapped(self.text, pos, next_word.chars().count())
    }

    /// A single capital letter with a period before a capital word.
    /// `Jonas E. Smith`, `J. R. R. Tolkien`: an initial, no break.
    /// `you and I. Did you`: the pronoun after a lower-case word ends it.
    /// `vitamin C. The`: a typical opener after the letter ends it.
    fn initial_breaks(&self, letter: char, next_word: &str, g: &Gap<'_>) -> bool {
        let (next_core, next_tail) = split_tail(next_word);
        if is_single_letter(next_core).is_some() && stop_kind(next_tail) == Stop::Period {
            return false;
        }
        let prev_lower = g.prev.is_some_and(|p| {
            p.trim_start_matches(OPENERS)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        });
        (letter == 'I' && prev_lower) || self.rules.is_starter(next_word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        texts_with(text, &SegmentOptions::default())
    }

    fn texts_with<'t>(text: &'t str, opts: &SegmentOptions) -> Vec<&'t str> {
        segment(text, opts)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    fn lang(lang: Lang) -> SegmentOptions {
        SegmentOptions {
            lang,
            ..SegmentOptions::default()
        }
    }

    // --- basics -----------------------------------------------------------

    #[test]
    fn empty_and_blank() {
        assert!(texts("").is_empty());
        assert!(texts(" \n\r\n\t ").is_empty());
    }

    #[test]
    fn simple_stops() {
        assert_eq!(
            texts("Hello World. My name is Jonas."),
            ["Hello World.", "My name is Jonas."]
        );
        assert_eq!(
            texts("What is it? It is. Go!  Now"),
            ["What is it?", "It is.", "Go!", "Now"]
        );
    }

    #[test]
    fn lower_case_after_an_ordinary_word_breaks() {
        assert_eq!(
            texts("She was his wife. natural Pharaoh called him."),
            ["She was his wife.", "natural Pharaoh called him."]
        );
        // Abbreviations and short words, quotes and brackets keep the sentence going.
        for t in [
            "It costs approx. two dollars.",
            "See cf. the notes.",
            "Apples, pears etc. and more.",
            "He said \"This is great.\" she said.",
            "Science (He worked.) at the University.",
        ] {
            assert_eq!(texts(t), [t]);
        }
    }

    #[test]
    fn hard_wrap_continues_sentence() {
        assert_eq!(
            texts("This line is\nwrapped here. Next."),
            ["This line is\nwrapped here.", "Next."]
        );
    }

    #[test]
    fn paragraphs_and_headings() {
        let text = "\n\nTitle\n\nFirst one. Second.\r\n \r\nThird\rstill third.\r\rFourth";
        let got = segment(text, &SegmentOptions::default());
        let paras: Vec<usize> = got.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, [0, 1, 1, 2, 3]);
        assert_eq!(
            texts(text),
            [
                "Title",
                "First one.",
                "Second.",
                "Third\rstill third.",
                "Fourth"
            ]
        );
    }

    #[test]
    fn lines_mode() {
        let opts = SegmentOptions {
            split: SplitMode::Lines,
            ..SegmentOptions::default()
        };
        let text = "one. two\n  three  \r\n\n\nfour";
        assert_eq!(texts_with(text, &opts), ["one. two", "three", "four"]);
        let paras: Vec<usize> = segment(text, &opts).iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, [0, 0, 1]);
    }

    // --- abbreviations ----------------------------------------------------

    #[test]
    fn prepositive_titles() {
        assert_eq!(
            texts("I can see Mt. Fuji. Dr. Who is here."),
            ["I can see Mt. Fuji.", "Dr. Who is here."]
        );
        assert_eq!(
            texts("St. Michael's is on 5th st. near it."),
            ["St. Michael's is on 5th st. near it."]
        );
    }

    #[test]
    fn title_before_pronoun_ends_sentence() {
        assert_eq!(
            texts("I saw the Dr. He said no. We left."),
            ["I saw the Dr.", "He said no.", "We left."]
        );
        assert_eq!(
            texts("It is on Main St. The shop is near."),
            ["It is on Main St.", "The shop is near."]
        );
        assert_eq!(
            texts("Smith vs. The State is a case."),
            ["Smith vs. The State is a case."]
        );
    }

    #[test]
    fn abbreviation_before_capital_ends_sentence() {
        assert_eq!(
            texts("Ask Jane and co. They know."),
            ["Ask Jane and co.", "They know."]
        );
        assert_eq!(texts("Pitt & Co. at noon."), ["Pitt & Co. at noon."]);
    }

    #[test]
    fn abbreviation_before_number() {
        assert_eq!(
            texts("Turn to p. 55. See fig. 3 and No. 5."),
            ["Turn to p. 55.", "See fig. 3 and No. 5."]
        );
        assert_eq!(
            texts("It cost $100.00. 5 people paid."),
            ["It cost $100.00.", "5 people paid."]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(
            texts("I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            texts("I work for the U.S. Government here."),
            ["I work for the U.S. Government here."]
        );
        assert_eq!(
            texts("Use e.g. Paris, i.e. a city."),
            ["Use e.g. Paris, i.e. a city."]
        );
    }

    #[test]
    fn am_pm() {
        let t = "At 5 a.m. Mr. Smith went to the bank. He left at 6 P.M. Mr. Smith then left.";
        assert_eq!(
            texts(t),
            [
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left at 6 P.M.",
                "Mr. Smith then left."
            ]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            texts("My name is Jonas E. Smith."),
            ["My name is Jonas E. Smith."]
        );
        assert_eq!(texts("By J. R. R. Tolkien."), ["By J. R. R. Tolkien."]);
        assert_eq!(
            texts("You and I. Did you see Albert I. Jones?"),
            ["You and I.", "Did you see Albert I. Jones?"]
        );
        assert_eq!(
            texts("Take vitamin C. The rest is fine."),
            ["Take vitamin C.", "The rest is fine."]
        );
    }

    #[test]
    fn possessive_and_tokens_with_dots() {
        assert_eq!(
            texts("That is JFK Jr.'s book."),
            ["That is JFK Jr.'s book."]
        );
        assert_eq!(
            texts("Mail Jane.Doe@example.com. See www.a.com/x.html. Pi is 3.14 or 1,000.50 x."),
            [
                "Mail Jane.Doe@example.com.",
                "See www.a.com/x.html.",
                "Pi is 3.14 or 1,000.50 x."
            ]
        );
    }

    #[test]
    fn number_sign() {
        assert_eq!(
            texts("It is at N°. 1026.253.553. That is it."),
            ["It is at N°. 1026.253.553.", "That is it."]
        );
    }

    // --- quotes and brackets ---------------------------------------------

    #[test]
    fn closers_after_stop() {
        assert_eq!(
            texts("He said \"Go.\" She went."),
            ["He said \"Go.\"", "She went."]
        );
        assert_eq!(
            texts("(See above.) Then go. It is “fine.” Yes ‘ok.’ No"),
            [
                "(See above.)",
                "Then go.",
                "It is “fine.”",
                "Yes ‘ok.’",
                "No"
            ]
        );
        assert_eq!(
            texts("Science (He worked.) at the University."),
            ["Science (He worked.) at the University."]
        );
    }

    #[test]
    fn quote_continues_sentence() {
        assert_eq!(
            texts("“It is false,” said Wang. Next."),
            ["“It is false,” said Wang.", "Next."]
        );
        assert_eq!(
            texts("\"Is it?\" he asked. 'Yes.' she said."),
            ["\"Is it?\" he asked.", "'Yes.' she said."]
        );
    }

    #[test]
    fn stops_inside_a_quote_before_a_lower_case_word() {
        assert_eq!(
            texts("She said: \"No! Never.\" and left. Then she ran."),
            ["She said: \"No! Never.\" and left.", "Then she ran."]
        );
        // A full stop inside a quotation ends its sentence, as news style cuts quotes.
        assert_eq!(
            texts("“We will win. We always do,” he said. Next."),
            ["“We will win.", "We always do,” he said.", "Next."]
        );
        // A capital after the quote: the stops inside still end sentences.
        assert_eq!(
            texts("He wrote \"Stop. Now.\" Then he left."),
            ["He wrote \"Stop.", "Now.\"", "Then he left."]
        );
        // A quote that does not close soon enough.
        let long = format!("\"Go! {} end.\" and so on.", "Word ".repeat(20));
        assert_eq!(texts(&long).len(), 2);
    }

    #[test]
    fn standalone_lines() {
        // A headline, a byline and a date line over the lead: each stands alone.
        assert_eq!(
            texts(
                "Council approves budget\nBy Ana Ruiz\nMay 3, 2024\nThe council voted 7-2 on Tuesday to approve the budget for next year."
            ),
            [
                "Council approves budget",
                "By Ana Ruiz",
                "May 3, 2024",
                "The council voted 7-2 on Tuesday to approve the budget for next year."
            ]
        );
        // Hard-wrapped prose: the next word would not have fitted, so the line goes on.
        assert_eq!(
            texts("The report was long and it was written\nMonday by three authors. It is done."),
            [
                "The report was long and it was written\nMonday by three authors.",
                "It is done."
            ]
        );
        // A function word or a comma at the end of the line: a wrapped sentence.
        assert_eq!(
            texts("It was inspired by\nMozilla and others."),
            ["It was inspired by\nMozilla and others."]
        );
        // Narrow wrapped prose (a sentence ends inside a line) is not a block of headers.
        assert_eq!(
            texts("Officials said it would reopen\nMonday if it held. Crews\nworked."),
            [
                "Officials said it would reopen\nMonday if it held.",
                "Crews\nworked."
            ]
        );
    }

    #[test]
    fn datelines_and_time_zones() {
        assert_eq!(
            texts("OROVILLE, Calif. — (AP) — Crews made progress. More later."),
            [
                "OROVILLE, Calif. — (AP) — Crews made progress.",
                "More later."
            ]
        );
        assert_eq!(
            texts("OROVILLE, Calif. (AP) — Crews made progress."),
            ["OROVILLE, Calif. (AP) — Crews made progress."]
        );
        assert_eq!(
            texts("For release at 2 p.m. EDT March 21. It rose."),
            ["For release at 2 p.m. EDT March 21.", "It rose."]
        );
        assert_eq!(
            texts("It starts Monday (Sept. 1) for all. Next."),
            ["It starts Monday (Sept. 1) for all.", "Next."]
        );
    }

    #[test]
    fn emphasis_closes_and_symbols_stay() {
        assert_eq!(
            texts("**It is provided as is.** It has no warranty. _Done._ Yes. 🙏"),
            [
                "**It is provided as is.**",
                "It has no warranty.",
                "_Done._",
                "Yes. 🙏"
            ]
        );
    }

    #[test]
    fn question_exclamation_runs() {
        assert_eq!(
            texts("Hello?! Is that you?? Yes!!"),
            ["Hello?!", "Is that you??", "Yes!!"]
        );
        assert_eq!(
            texts("She works at Yahoo! in sales."),
            ["She works at Yahoo! in sales."]
        );
    }

    #[test]
    fn bare_stops_join_previous_sentence() {
        assert_eq!(
            texts("As shown in Fig. ?? Next."),
            ["As shown in Fig. ??", "Next."]
        );
        assert_eq!(texts("! ! !"), ["! ! !"]);
        assert_eq!(
            texts("It hit pedestrians. . A car came."),
            ["It hit pedestrians. .", "A car came."]
        );
    }

    #[test]
    fn exclamation_names() {
        assert_eq!(
            texts("Mahdian at Yahoo! Research did it."),
            ["Mahdian at Yahoo! Research did it."]
        );
        assert_eq!(
            texts("I work at Yahoo! It is fun."),
            ["I work at Yahoo!", "It is fun."]
        );
    }

    #[test]
    fn stray_period_question() {
        assert_eq!(
            texts("They have already collapsed.? “Of all people,” said Wang."),
            [
                "They have already collapsed.?",
                "“Of all people,” said Wang."
            ]
        );
    }

    #[test]
    fn citations() {
        assert_eq!(
            texts("It is known.[12] Then more."),
            ["It is known.[12]", "Then more."]
        );
    }

    // --- ellipses ---------------------------------------------------------

    #[test]
    fn ellipses() {
        assert_eq!(
            texts("I never meant that.... She left."),
            ["I never meant that....", "She left."]
        );
        assert_eq!(
            texts("I wonder… Then again, no."),
            ["I wonder…", "Then again, no."]
        );
        assert_eq!(
            texts("Well ... what I mean...see . . . I didn't."),
            ["Well ... what I mean...see . . . I didn't."]
        );
        assert_eq!(
            texts("A period . . . . Next one."),
            ["A period . . . .", "Next one."]
        );
        assert_eq!(
            texts("It was \"Bohr [...]\" (Smith 55)."),
            ["It was \"Bohr [...]\" (Smith 55)."]
        );
    }

    #[test]
    fn four_dot_ellipsis_opens_next() {
        assert_eq!(
            texts("Into compounds. . . . The practice was not abandoned. . . ."),
            [
                "Into compounds.",
                ". . . The practice was not abandoned. . . ."
            ]
        );
        assert_eq!(texts("Less complex. . . .”"), ["Less complex. . . .”"]);
    }

    // --- lists ------------------------------------------------------------

    #[test]
    fn bullets_at_line_start() {
        assert_eq!(
            texts("Buy:\n- milk\n- eggs\n* tea\n• cake"),
            ["Buy:", "- milk", "- eggs", "* tea", "• cake"]
        );
        assert_eq!(texts("a well-\nknown - thing"), ["a well-\nknown - thing"]);
    }

    #[test]
    fn enumerators_at_line_start() {
        assert_eq!(
            texts("Steps\n1. Open it\n2) Close it\n(3) Done\na) x\n(b) y\niv. z"),
            [
                "Steps",
                "1. Open it",
                "2) Close it",
                "(3) Done",
                "a) x",
                "(b) y",
                "iv. z"
            ]
        );
        // A letter with a period after a mid-sentence line break is an initial.
        assert_eq!(
            texts("It was written by\nA. Smith in 1990."),
            ["It was written by\nA. Smith in 1990."]
        );
    }

    #[test]
    fn inline_numbered_lists() {
        assert_eq!(
            texts("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            texts("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            texts("1) The first 2) The second"),
            ["1) The first", "2) The second"]
        );
        assert_eq!(
            texts("a. The first b. The second c. The third"),
            ["a. The first", "b. The second", "c. The third"]
        );
        // Not a list: no enumerator before.
        assert_eq!(
            texts("We met at 2. Then we left."),
            ["We met at 2.", "Then we left."]
        );
        // A first item after a colon or a stop opens a list inside the line.
        assert_eq!(
            texts("We need: 1. Eggs 2. Milk 3. Bread. Then go."),
            ["We need:", "1. Eggs", "2. Milk", "3. Bread.", "Then go."]
        );
        assert_eq!(
            texts("Do this. a) Mix it b) Bake it."),
            ["Do this.", "a) Mix it", "b) Bake it."]
        );
        // Not a capital initial after a stop.
        assert_eq!(
            texts("He said no. A. Smith agreed."),
            ["He said no.", "A. Smith agreed."]
        );
    }

    #[test]
    fn inline_bullets() {
        assert_eq!(
            texts("• 9. The first • 10. The second"),
            ["• 9. The first", "• 10. The second"]
        );
        assert_eq!(
            texts("⁃9. The first ⁃10. The second"),
            ["⁃9. The first", "⁃10. The second"]
        );
    }

    // --- languages --------------------------------------------------------

    #[test]
    fn german() {
        let de = lang(Lang::German);
        assert_eq!(
            texts_with(
                "Das ist z.B. gut, bzw. Häuser usw. Das war am 3. Oktober. Er kam.",
                &de
            ),
            [
                "Das ist z.B. gut, bzw. Häuser usw.",
                "Das war am 3. Oktober.",
                "Er kam."
            ]
        );
        assert_eq!(
            texts_with("Er sagte: „Hallo.“ Dann ging er.", &de),
            ["Er sagte: „Hallo.“", "Dann ging er."]
        );
        assert_eq!(
            texts_with("Siehe Nr. 5 und Dr. Müller.", &de),
            ["Siehe Nr. 5 und Dr. Müller."]
        );
    }

    #[test]
    fn french() {
        let fr = lang(Lang::French);
        assert_eq!(
            texts_with(
                "M. Dupont et Mme. Curie. Il dit : « Bonjour. » Puis il part. Quoi ? Rien.",
                &fr
            ),
            [
                "M. Dupont et Mme. Curie.",
                "Il dit : « Bonjour. »",
                "Puis il part.",
                "Quoi ?",
                "Rien."
            ]
        );
    }

    #[test]
    fn spanish() {
        let es = lang(Lang::Spanish);
        assert_eq!(
            texts_with(
                "El Sr. García y la Dra. López, p. ej. hoy. ¿Vienes? ¡Sí!",
                &es
            ),
            [
                "El Sr. García y la Dra. López, p. ej. hoy.",
                "¿Vienes?",
                "¡Sí!"
            ]
        );
    }

    // --- robustness ---------------------------------------------------------

    #[test]
    fn long_inputs_are_linear() {
        let line = "word ".repeat(400_000);
        let got = segment(&line, &SegmentOptions::default());
        assert_eq!(got.len(), 1);
        let dots = ". ".repeat(200_000);
        assert_eq!(segment(&dots, &SegmentOptions::default()).len(), 1);
        let glued = ".".repeat(1_000_000);
        assert_eq!(segment(&glued, &SegmentOptions::default()).len(), 1);
    }

    #[test]
    fn long_runs_of_markup_are_linear() {
        // Unclosed link brackets, quotes, section numbers and emphasis, in every mode: each
        // lookahead is bounded, so these finish at the speed of plain text.
        let md = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        for unit in [
            "[a. B ",
            "\"a. B ",
            "1.1. ",
            "**4.2.1. A. ",
            "( ",
            "] ",
            "© a:\n",
        ] {
            let text = unit.repeat(30_000);
            for opts in [&SegmentOptions::default(), &md] {
                let got = segment(&text, opts);
                assert!(!got.is_empty(), "{unit:?}");
                assert!(got.iter().all(|s| s.start < s.end && s.end <= text.len()));
            }
        }
    }

    #[test]
    fn section_numbers_are_list_markers() {
        // A multi-level section number opens its item; its stop ends nothing.
        assert_eq!(
            texts(
                "Payments are made monthly.\n4.2.1. \"Payment\" means the amount paid. It is final."
            ),
            [
                "Payments are made monthly.",
                "4.2.1. \"Payment\" means the amount paid.",
                "It is final."
            ]
        );
        assert_eq!(
            texts("* **4.3.1. Expenses.** You bear them."),
            ["* **4.3.1. Expenses.**", "You bear them."]
        );
        // Not a section number: a decimal on a wrapped line, a year, a leading zero.
        assert_eq!(
            texts("The index rose to\n2.5. Analysts were surprised."),
            ["The index rose to\n2.5.", "Analysts were surprised."]
        );
        assert!(parse_section("2024.1.").is_none());
        assert!(parse_section("0.5.").is_none());
        assert!(parse_section("1.2.3.4.5.6.").is_none());
        assert_eq!(parse_section("12.3.").map(|e| e.value), Some(3));
    }

    #[test]
    fn dotted_acronym_at_an_unwrapped_line_end() {
        // The line is the writer's (the next word would have fitted): the acronym ends it.
        assert_eq!(
            texts(
                "Jerome Powell spoke on Wednesday in Washington, D.C.\nPowell announced an increase in the federal funds rate of a quarter point."
            ),
            [
                "Jerome Powell spoke on Wednesday in Washington, D.C.",
                "Powell announced an increase in the federal funds rate of a quarter point."
            ]
        );
        // Hard-wrapped: the name would not have fitted, the sentence goes on.
        assert_eq!(
            texts("The budget office of the U.S.\nGovernment agreed to it.\nShort."),
            [
                "The budget office of the U.S.\nGovernment agreed to it.",
                "Short."
            ]
        );
        // Within a line nothing changes.
        assert_eq!(
            texts("The U.S. Government agreed."),
            ["The U.S. Government agreed."]
        );
    }

    #[test]
    fn footnote_references_after_a_stop() {
        assert_eq!(
            texts("Logs are kept 90 days.[^1] Then they are deleted.[^note-2] Done."),
            [
                "Logs are kept 90 days.[^1]",
                "Then they are deleted.[^note-2]",
                "Done."
            ]
        );
        // Not a footnote reference: a caret inside ordinary brackets, no label.
        assert_eq!(texts("It is x.[^] Then y."), ["It is x.[^] Then y."]);
    }

    #[test]
    fn lines_ending_in_a_colon_or_before_a_symbol() {
        // A colon at the end of a line announces the next line.
        assert_eq!(
            texts("Please remove the following sentence:\nAnother appendix gives an overview."),
            ["Please remove the following sentence:\nAnother appendix gives an overview."]
        );
        // A credit line opening with a symbol stands alone, and `a/m` is no article.
        assert_eq!(
            texts(
                "Published 2017-08-01, 07:13 a/m\n© Reuters. Profit tops estimates, the company said."
            ),
            [
                "Published 2017-08-01, 07:13 a/m",
                "© Reuters.",
                "Profit tops estimates, the company said."
            ]
        );
    }

    #[test]
    fn control_chars_do_not_panic() {
        let text = "\0a.\u{1}\u{85} B.\u{2028}C? \u{feff}d\u{0b}\u{0c}é. Ü";
        let got = segment(text, &SegmentOptions::default());
        assert!(!got.is_empty());
    }

    // --- invariants ---------------------------------------------------------

    /// Paragraph number of every byte, by an independent line-based reading:
    /// lines end at `\n`, `\r\n` or lone `\r`; a run of blank lines between
    /// non-blank lines is one break.
    fn reference_paragraphs(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut para_of = vec![0usize; text.len()];
        let mut para = 0usize;
        let mut seen_content = false;
        let mut blank_since_content = false;
        let mut i = 0;
        while i < bytes.len() {
            let mut j = i;
            while j < bytes.len() && bytes[j] != b'\n' && bytes[j] != b'\r' {
                j += 1;
            }
            let mut k = j;
            if k < bytes.len() {
                k += if bytes[k] == b'\r' && bytes.get(k + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            let line = &text[i..j];
            if line.chars().all(char::is_whitespace) {
                if seen_content {
                    blank_since_content = true;
                }
            } else {
                if blank_since_content {
                    para += 1;
                    blank_since_content = false;
                }
                seen_content = true;
            }
            for p in &mut para_of[i..k] {
                *p = para;
            }
            i = k;
        }
        para_of
    }

    fn check_invariants(text: &str, opts: &SegmentOptions) -> Result<(), TestCaseError> {
        let got = segment(text, opts);
        let paras = reference_paragraphs(text);
        let mut pos = 0usize;
        let mut last_para = 0usize;
        for s in &got {
            prop_assert!(
                s.start >= pos && s.start < s.end && s.end <= text.len(),
                "{s:?}"
            );
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let gap = &text[pos..s.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "gap {gap:?}");
            let body = &text[s.start..s.end];
            prop_assert!(!body.starts_with(char::is_whitespace), "{body:?}");
            prop_assert!(!body.ends_with(char::is_whitespace), "{body:?}");
            prop_assert!(s.paragraph >= last_para);
            prop_assert_eq!(s.paragraph, paras[s.start], "paragraph of {:?}", body);
            prop_assert_eq!(
                paras[s.start],
                paras[s.end - 1],
                "spans a break: {:?}",
                body
            );
            last_para = s.paragraph;
            pos = s.end;
        }
        prop_assert!(text[pos..].chars().all(char::is_whitespace));
        if let Some(first) = got.first() {
            prop_assert_eq!(first.paragraph, 0);
        }
        Ok(())
    }

    /// Text built from pieces that exercise the rules.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Mr.", "U.S.", "e.g.", "a.m.", "p.", "5.", "1.)", "(a)", "a)", "iv.", "•", "⁃9.", "-",
            "*", ".", "...", "…", "?!", ".?", "\"", "“", "”", "’", "»", "«", "(", ")", "[...]",
            "I.", "E.", "The", "they", "How", "word", "Word.", "end.", "end?", "end!\"", "3.14",
            "$1.5bn", "co.", "St.", "N°.", "é", "日本", "\0", "\u{1}", " ", "  ", "\t", "\n", "\r",
            "\r\n", "\n\n", " \n \n", "\r\r", "\u{a0}", "\u{2028}", "\u{85}", "[1]",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn invariants_arbitrary(text in any::<String>()) {
            check_invariants(&text, &SegmentOptions::default())?;
            check_invariants(&text, &SegmentOptions { split: SplitMode::Lines, ..SegmentOptions::default() })?;
        }

        #[test]
        fn invariants_tricky(text in tricky_text(), l in 0usize..4) {
            let langs = [Lang::English, Lang::German, Lang::French, Lang::Spanish];
            let lang = langs[l];
            check_invariants(&text, &SegmentOptions { split: SplitMode::Prose, lang })?;
            check_invariants(&text, &SegmentOptions { split: SplitMode::Lines, lang })?;
        }

        #[test]
        fn invariants_ascii_soup(text in "[a-zA-Z0-9 .?!\"'()\n\r\t•-]{0,200}") {
            check_invariants(&text, &SegmentOptions::default())?;
        }

        /// The lower-case-once lookup agrees with comparing against each entry.
        #[test]
        fn in_list_ci_agrees_with_eq_lowercase(word in "[a-zA-ZÀ-ɏİẞ.]{0,30}") {
            for list in [ABBREVIATIONS_EN, &["i̇st", "mr", "ss", "st"][..]] {
                let slow = word.len() <= MAX_ABBREV_BYTES
                    && !word.is_empty()
                    && list.iter().any(|a| eq_lowercase(&word, a));
                prop_assert_eq!(in_list_ci(&word, list), slow);
            }
        }
    }
}
