//! Small per-language tables of function words that the claim detectors read (articles,
//! auxiliaries, connectors), beside the word lists of `src/data/<lang>/`.
//!
//! The English tables are the ones the detectors were tuned with; the German, French and
//! Spanish ones hold the same kinds of words. Before (English table for German text):
//! `sagte der Sprecher` had no speaker (`der` is no English speaker word); after: the
//! speaker is `der Sprecher`.

use crate::segment::Lang;

/// The function-word tables of one language.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Articles, possessives and pronouns a speaker may contain (`the`, `his`, `she`).
    pub speaker_function_words: &'static [&'static str],
    /// Words between a speaker and its verb (`Wang also said`, `Wang hat gesagt`).
    pub between: &'static [&'static str],
    /// Words after which a speaker may start a clause (`that`, `dass`, `que`).
    pub clause_start: &'static [&'static str],
    /// Words before which a reporting-verb form is a noun (`the claims`).
    pub verb_noun_before: &'static [&'static str],
    /// Auxiliaries that make a following reporting verb passive (`was asked`, `wurde
    /// gefragt`): its subject is not the source.
    pub passive: &'static [&'static str],
    /// Articles: a leading one is not part of a speaker's key or a name.
    pub articles: &'static [&'static str],
    /// Words after which a lone capitalised word may be a common noun (`the Dolphin`,
    /// German `die Regierung`).
    pub determiners: &'static [&'static str],
    /// Lower-case words that join capitalised words into one name (`Bank of England`).
    pub connectors: &'static [&'static str],
    /// Capitalised words that are never names (besides the day names below; months come
    /// from the number words).
    pub not_names: &'static [&'static str],
    /// Day names (lower case): never names, and in English a date whose change is reported
    /// (`Monday` -> `Tuesday`, see `number.rs`).
    pub weekdays: &'static [&'static str],
    /// Elided articles and pronouns split off the front of a word (French `l'ONU` ->
    /// `l'` + `ONU`, `n'est` -> `n'` + `est`).
    pub elisions: &'static [&'static str],
    /// The word that joins tens and units (`treinta y dos`, `vingt et un`).
    pub number_and: &'static [&'static str],
    /// Indefinite articles that count one before a scale (`eine Million`, `un millón`).
    pub one_before_scale: &'static [&'static str],
    /// Whether `so` and `far` are degree words in their intensifying uses (`so many`,
    /// `far more`; see `intensity.rs`): English. German `so` is mostly "thus".
    pub so_far_degree: bool,
    /// German capitalises every noun: a lone capitalised word is a name only after one
    /// of [`Rules::titles`] (see `entity.rs`).
    pub nouns_capitalised: bool,
    /// Negators after which later negators of the same clause restate the negation
    /// (negative concord: Spanish `no ... nada`).
    pub concord_heads: &'static [&'static str],
    /// The particle before a verb whose negation follows it (French `ne`, `n'`).
    pub ne: &'static [&'static str],
    /// Words that negate only after [`Rules::ne`] (French `plus`: `ne ... plus`).
    pub after_ne: &'static [&'static str],
    /// Titles before a surname (`Frau Merkel`), for `nouns_capitalised` languages.
    pub titles: &'static [&'static str],
}

/// Every language with claim rules (and word lists under `src/data/<lang>/`): the
/// languages a claim change of unknown language is read in (`ClaimChange::is_hedge`).
pub(crate) const LANGS: [Lang; 4] = [Lang::English, Lang::German, Lang::French, Lang::Spanish];

/// The tables for `lang`.
pub(crate) fn rules(lang: Lang) -> &'static Rules {
    lang.pack().claims
}

/// The tables of one language (its language pack, `crate::lang`).
pub(crate) static EN: Rules = Rules {
    speaker_function_words: &[
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "he", "she", "they",
        "it", "we", "i", "you",
    ],
    between: &[
        "also",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "later",
        "previously",
    ],
    clause_start: &[
        "that", "and", "but", "while", "as", "because", "although", "when", "so",
    ],
    verb_noun_before: &[
        "the", "a", "an", "these", "those", "its", "their", "his", "her", "our", "many", "some",
    ],
    passive: &["was", "were", "is", "are", "be", "been", "being"],
    articles: &["the", "a", "an"],
    determiners: &["the", "a", "an"],
    connectors: &["of", "for", "the", "and", "de", "on", "du", "von"],
    not_names: &[
        "i",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mr",
    ],
    weekdays: &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ],
    elisions: &[],
    number_and: &[],
    one_before_scale: &[],
    so_far_degree: true,
    nouns_capitalised: false,
    titles: &[],
    ne: &[],
    after_ne: &[],
    concord_heads: &[],
};

/// The tables of one language (its language pack, `crate::lang`).
pub(crate) static DE: Rules = Rules {
    speaker_function_words: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
        "einen", "sein", "seine", "seiner", "ihr", "ihre", "ihrer", "er", "sie", "es", "wir",
        "ich", "man",
    ],
    between: &[
        "auch", "hat", "haben", "hatte", "hatten", "habe", "ist", "sind", "war", "später", "zuvor",
        "bereits",
    ],
    clause_start: &[
        "dass", "und", "aber", "während", "weil", "als", "obwohl", "wenn", "denn",
    ],
    verb_noun_before: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
        "einen", "diese", "dieser", "viele", "einige",
    ],
    passive: &["wurde", "wurden", "worden"],
    articles: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    ],
    determiners: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
        "einen", "kein", "keine", "keinen", "keinem", "keiner", "im", "am", "zum", "zur", "vom",
        "beim", "ins", "ans", "diese", "dieser", "dieses", "diesen", "diesem", "jede", "jeder",
        "jedes", "jeden", "alle", "allen", "viele", "vielen", "einige", "mehrere", "sein", "seine",
        "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "unser", "unsere",
        "mein", "meine", "dein", "deine", "euer", "eure", "welche", "welcher", "solche",
    ],
    // None: German nouns are capitalised, so `Kosten für Häuser` and `Regierung von Olaf
    // Scholz` would join into one name.
    connectors: &[],
    not_names: &["herr", "frau", "ich", "sie"],
    weekdays: &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
    ],
    elisions: &[],
    number_and: &["und"],
    one_before_scale: &["ein", "eine", "einer", "einen", "einem"],
    so_far_degree: false,
    nouns_capitalised: true,
    titles: &[
        "herr",
        "herrn",
        "frau",
        "dr",
        "prof",
        "präsident",
        "präsidentin",
        "kanzler",
        "kanzlerin",
        "minister",
        "ministerin",
        "bürgermeister",
        "bürgermeisterin",
        "sprecher",
        "sprecherin",
    ],
    ne: &[],
    after_ne: &[],
    concord_heads: &[],
};

/// The tables of one language (its language pack, `crate::lang`).
pub(crate) static FR: Rules = Rules {
    speaker_function_words: &[
        "le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", "leurs", "il", "elle",
        "ils", "elles", "on", "nous", "je", "vous",
    ],
    between: &[
        "a",
        "ont",
        "avait",
        "avaient",
        "aussi",
        "également",
        "plus",
        "tard",
    ],
    clause_start: &[
        "que", "qu'", "et", "mais", "alors", "parce", "lorsque", "quand", "car",
    ],
    verb_noun_before: &[
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "ces",
        "ses",
        "leurs",
        "son",
        "sa",
        "plusieurs",
    ],
    passive: &["été", "est", "sont", "était", "fut"],
    articles: &["le", "la", "les", "l'", "un", "une"],
    determiners: &["le", "la", "les", "l'", "un", "une"],
    connectors: &["de", "du", "des", "d'", "la", "l'", "et", "pour"],
    not_names: &["je", "m", "mme"],
    weekdays: &[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    elisions: &[
        "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'",
        "quoiqu'",
    ],
    number_and: &["et"],
    one_before_scale: &["un", "une"],
    so_far_degree: false,
    nouns_capitalised: false,
    titles: &[],
    ne: &["ne", "n'"],
    after_ne: &["plus"],
    concord_heads: &[],
};

/// The tables of one language (its language pack, `crate::lang`).
pub(crate) static ES: Rules = Rules {
    speaker_function_words: &[
        "el", "la", "los", "las", "un", "una", "su", "sus", "él", "ella", "ellos", "ellas",
        "nosotros", "yo", "usted",
    ],
    between: &[
        "también", "ha", "han", "había", "habían", "luego", "después",
    ],
    clause_start: &[
        "que", "y", "pero", "mientras", "porque", "aunque", "cuando", "pues",
    ],
    verb_noun_before: &[
        "el", "la", "los", "las", "un", "una", "unos", "unas", "estos", "estas", "sus", "su",
        "varios", "muchos",
    ],
    passive: &["fue", "fueron", "sido", "es", "son"],
    articles: &["el", "la", "los", "las", "un", "una"],
    determiners: &["el", "la", "los", "las", "un", "una"],
    connectors: &["de", "del", "la", "las", "los", "y", "para"],
    not_names: &["yo"],
    weekdays: &[
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    elisions: &[],
    number_and: &["y"],
    one_before_scale: &["un", "una"],
    so_far_degree: false,
    nouns_capitalised: false,
    titles: &[],
    ne: &[],
    after_ne: &[],
    concord_heads: &["no"],
};
