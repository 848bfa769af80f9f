//! Small text utilities shared by the stages: normalised keys, tokens with byte spans.

use std::ops::Range;

/// The kind of a token produced by [`tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters, digits and joiners inside a word (`don't`, `3.5`, `U.S.`).
    Word,
    /// A run of whitespace.
    Space,
    /// A single other character (punctuation, symbol, control).
    Punct,
}

/// A token: its kind and its byte range in the text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What sort of token this is.
    pub kind: TokenKind,
    /// Byte range in the tokenised text.
    pub span: Range<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that join two word characters into one word: `don't`, `3.5`, `1,000`,
/// `e-mail`, `U.S`. Before: `3` `.` `5`; after: `3.5`.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '.' | ',' | '-' | '‐' | '_')
}

/// `end` moved on to the end of the grapheme cluster it falls in, if it falls inside one
/// (before a combining mark, a skin-tone modifier, a joiner and what it joins): a token
/// never splits a cluster. Only a non-ASCII character can continue a cluster, so ASCII
/// text costs one comparison.
fn cluster_end(text: &str, end: usize) -> usize {
    use unicode_segmentation::GraphemeCursor;
    if text.as_bytes().get(end).is_none_or(u8::is_ascii) {
        return end;
    }
    let mut cursor = GraphemeCursor::new(end, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(false) => match cursor.next_boundary(text, 0) {
            Ok(Some(next)) => next,
            _ => end,
        },
        _ => end,
    }
}

/// Cut `text` into words, whitespace runs and single punctuation characters, each made of
/// whole grapheme clusters (`café` with a combining accent is one word, `👍🏽` and a ZWJ
/// family are one token each).
///
/// The tokens cover the text exactly: their spans are contiguous from 0 to `text.len()`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let (kind, end) = if is_word_char(c) {
            let mut end = start + c.len_utf8();
            loop {
                match iter.peek().copied() {
                    Some((i, d)) if is_word_char(d) || cluster_end(text, i) > i => {
                        end = i + d.len_utf8();
                        iter.next();
                    }
                    Some((i, d)) if is_joiner(d) => {
                        // Only join when a word character follows the joiner.
                        let next = text[i + d.len_utf8()..].chars().next();
                        if next.is_some_and(is_word_char) {
                            end = i + d.len_utf8();
                            iter.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            (TokenKind::Word, end)
        } else if c.is_whitespace() {
            let mut end = start + c.len_utf8();
            while let Some((i, d)) = iter.peek().copied() {
                if !d.is_whitespace() {
                    break;
                }
                end = i + d.len_utf8();
                iter.next();
            }
            (TokenKind::Space, end)
        } else {
            (TokenKind::Punct, start + c.len_utf8())
        };
        let end = cluster_end(text, end);
        while iter.next_if(|&(i, _)| i < end).is_some() {}
        out.push(Token {
            kind,
            span: start..end,
        });
    }
    out
}

/// Map typographic variants to one form: curly quotes to straight, dashes to `-`,
/// ellipsis to `...`, non-breaking and other spaces to a plain space.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        _ => return None,
    })
}

/// The key two sentences must share to count as identical: whitespace collapsed to one
/// space, quote and dash styles folded (see [`fold_char`]), ends trimmed.
///
/// `“It is false,”  he said` and `"It is false," he said` have the same key.
pub fn normalized_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Whitespace-insensitive equality: the texts are equal once every run of whitespace is
/// collapsed to one space and the ends are trimmed.
pub fn same_modulo_whitespace(a: &str, b: &str) -> bool {
    // Equal texts (most anchored pairs) need no splitting.
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| &text[t.span])
            .collect()
    }

    #[test]
    fn tokens_cover_text() {
        let text = "He said: “It’s 3.5% of $1,000.” Don't—stop.";
        let toks = tokens(text);
        let mut pos = 0;
        for t in &toks {
            assert_eq!(t.span.start, pos);
            pos = t.span.end;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn no_token_splits_a_grapheme_cluster() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let text = format!("The cafe\u{301}s, 👍🏽 and {family} e\u{301}.");
        let slices: Vec<&str> = tokens(&text).into_iter().map(|t| &text[t.span]).collect();
        assert!(slices.contains(&"cafe\u{301}s"), "{slices:?}");
        assert!(slices.contains(&"👍🏽"), "{slices:?}");
        assert!(slices.contains(&family), "{slices:?}");
        assert!(slices.contains(&"e\u{301}"), "{slices:?}");
        assert_eq!(slices.concat(), text);
    }

    #[test]
    fn joiners_keep_words_whole() {
        assert_eq!(
            words("It’s 3.5 or 1,000 e-mails, U.S. end."),
            vec!["It’s", "3.5", "or", "1,000", "e-mails", "U.S", "end"]
        );
    }

    #[test]
    fn key_folds_quotes_dashes_space() {
        assert_eq!(
            normalized_key("  “It is false,”\n said  Wang — twice… "),
            "\"It is false,\" said Wang - twice..."
        );
    }

    #[test]
    fn whitespace_equality() {
        assert!(same_modulo_whitespace("a  b\nc", " a b c "));
        assert!(!same_modulo_whitespace("a b", "a  c"));
    }
}
