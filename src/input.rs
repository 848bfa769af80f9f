//! Bytes -> text: encoding detection (UTF-8, UTF-8 with BOM, UTF-16 with BOM), binary and
//! size checks.

use std::io::{self, Read};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Default for [`DecodeOptions::max_bytes`]: 256 MiB. Peak memory is about 8x the input,
/// so this keeps one comparison within a few GiB.
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024 * 1024;

/// How input bytes are turned into text.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// Accept NUL bytes (otherwise the input is refused as binary). Default: false.
    pub allow_binary: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing it. Default: false.
    pub lossy: bool,
    /// Refuse inputs larger than this many bytes. Default: [`DEFAULT_MAX_BYTES`].
    pub max_bytes: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            allow_binary: false,
            lossy: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The encoding an input was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without byte-order mark.
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark (the mark is not part of the text).
    Utf8Bom,
    /// UTF-16 little-endian with byte-order mark.
    Utf16le,
    /// UTF-16 big-endian with byte-order mark.
    Utf16be,
}

/// A decoded input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (without byte-order mark). Sentence spans index into it.
    pub text: String,
    /// The encoding found.
    pub encoding: Encoding,
    /// How many invalid sequences were replaced (only with `lossy`).
    pub replaced: usize,
}

/// Decode `bytes` as text.
pub fn decode(bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, Error> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            max: opts.max_bytes,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes, Encoding::Utf16le, opts);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes, Encoding::Utf16be, opts);
    }
    let (body, encoding) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, Encoding::Utf8Bom),
        None => (bytes, Encoding::Utf8),
    };
    if !opts.allow_binary
        && let Some(offset) = memchr_nul(body)
    {
        return Err(Error::Binary {
            offset: offset + (bytes.len() - body.len()),
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding,
            replaced: 0,
        }),
        Err(e) if !opts.lossy => Err(Error::InvalidUtf8 {
            offset: e.valid_up_to() + (bytes.len() - body.len()),
        }),
        Err(_) => {
            let mut replaced = 0;
            let mut text = String::with_capacity(body.len());
            for chunk in body.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push('\u{FFFD}');
                    replaced += 1;
                }
            }
            Ok(Decoded {
                text,
                encoding,
                replaced,
            })
        }
    }
}

/// Read all of `reader`, but never more than `max + 1` bytes: the memory taken is bounded by
/// the limit whatever the source (a device such as `/dev/zero`, endless standard input, a file
/// that grows while it is read). `size_hint` (a regular file's length) sizes the buffer once
/// instead of growing it by doubling. The outer error is an I/O error of `reader`; the inner
/// one is [`Error::OverLimit`] when there was more than `max` bytes.
pub fn read_limited(
    reader: impl Read,
    max: usize,
    size_hint: Option<u64>,
) -> io::Result<Result<Vec<u8>, Error>> {
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let hint = size_hint.map_or(0, |h| h.min(cap));
    // The hint is a guess (the file may shrink or grow): reading still stops at `cap`.
    let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    reader.take(cap).read_to_end(&mut buf)?;
    if buf.len() > max {
        return Ok(Err(Error::OverLimit { max }));
    }
    Ok(Ok(buf))
}

/// [`decode`] for bytes the caller owns: valid UTF-8 becomes the text without a copy, so a
/// file is held once, not twice, while it is decoded.
pub fn decode_vec(mut bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Decoded, Error> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 || bytes.len() > opts.max_bytes || opts.lossy {
        return decode(&bytes, opts);
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let skip = if bom { 3 } else { 0 };
    if !opts.allow_binary
        && let Some(offset) = memchr_nul(bytes.get(skip..).unwrap_or_default())
    {
        return Err(Error::Binary {
            offset: offset + skip,
        });
    }
    bytes.drain(..skip);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
            replaced: 0,
        }),
        Err(e) => Err(Error::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to() + skip,
        }),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn decode_utf16(
    body: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: Encoding,
    opts: &DecodeOptions,
) -> Result<Decoded, Error> {
    if !body.len().is_multiple_of(2) && !opts.lossy {
        return Err(Error::InvalidUtf16 {
            detail: format!("odd number of bytes ({})", body.len() + 2),
        });
    }
    let units = body.chunks_exact(2).map(|c| {
        unit([
            c.first().copied().unwrap_or(0),
            c.get(1).copied().unwrap_or(0),
        ])
    });
    let mut text = String::with_capacity(body.len());
    let mut replaced = 0;
    let mut unit_index = 0; // 16-bit units decoded so far, for byte offsets
    for r in char::decode_utf16(units) {
        let width = r.as_ref().map_or(1, |c| c.len_utf16());
        match r {
            Ok('\0') if !opts.allow_binary => {
                return Err(Error::Binary {
                    offset: 2 + 2 * unit_index,
                });
            }
            Ok(c) => text.push(c),
            Err(e) if !opts.lossy => {
                return Err(Error::InvalidUtf16 {
                    detail: format!("unpaired surrogate {:#06x}", e.unpaired_surrogate()),
                });
            }
            Err(_) => {
                text.push('\u{FFFD}');
                replaced += 1;
            }
        }
        unit_index += width;
    }
    if !body.len().is_multiple_of(2) {
        // A trailing odd byte (only reached with `lossy`) is one more invalid sequence.
        text.push('\u{FFFD}');
        replaced += 1;
    }
    Ok(Decoded {
        text,
        encoding,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_bom() {
        let d = decode(b"Hi.", &DecodeOptions::default()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hi.", Encoding::Utf8));
        let d = decode(b"\xEF\xBB\xBFHi.", &DecodeOptions::default()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hi.", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE, b'H', 0, b'i', 0].to_vec();
        assert_eq!(decode(&le, &DecodeOptions::default()).unwrap().text, "Hi");
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'H', 0, b'i'].to_vec();
        let d = decode(&be, &DecodeOptions::default()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hi", Encoding::Utf16be));
    }

    #[test]
    fn utf16_offsets_count_bytes_and_odd_bytes_are_replaced() {
        // 😀 takes two 16-bit units: the NUL after it is at byte 2 + 4 = 6.
        let mut le = vec![0xFF, 0xFE];
        for u in "😀\0".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&le, &DecodeOptions::default()),
            Err(Error::Binary { offset: 6 })
        );
        let lossy = DecodeOptions {
            lossy: true,
            ..DecodeOptions::default()
        };
        let d = decode(&[0xFF, 0xFE, b'H', 0, b'i'], &lossy).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("H\u{FFFD}", 1));
    }

    #[test]
    fn refusals() {
        let o = DecodeOptions::default();
        assert_eq!(decode(b"ab\0c", &o), Err(Error::Binary { offset: 2 }));
        assert_eq!(
            decode(b"ab\xFFc", &o),
            Err(Error::InvalidUtf8 { offset: 2 })
        );
        let small = DecodeOptions {
            max_bytes: 2,
            ..o.clone()
        };
        assert_eq!(
            decode(b"abc", &small),
            Err(Error::TooLarge { size: 3, max: 2 })
        );
    }

    proptest::proptest! {
        /// `decode_vec` and `decode` agree on every input and option.
        #[test]
        fn decode_vec_agrees_with_decode(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(vec![0u8, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, b'a']),
            ], 0..12),
            flags in 0u8..8,
        ) {
            let opts = DecodeOptions {
                allow_binary: flags & 1 != 0,
                lossy: flags & 2 != 0,
                max_bytes: if flags & 4 != 0 { 5 } else { 100 },
            };
            proptest::prop_assert_eq!(decode_vec(bytes.clone(), &opts), decode(&bytes, &opts));
        }
    }

    #[test]
    fn reading_stops_after_the_limit() {
        // An endless reader: read_limited must stop at max + 1 bytes.
        let endless = io::repeat(b'a');
        assert_eq!(
            read_limited(endless, 10, None).unwrap(),
            Err(Error::OverLimit { max: 10 })
        );
        let got = read_limited(&b"0123456789"[..], 10, Some(3))
            .unwrap()
            .unwrap();
        assert_eq!(got, b"0123456789");
        let got = read_limited(&b""[..], 0, Some(u64::MAX)).unwrap().unwrap();
        assert!(got.is_empty());
        assert_eq!(
            read_limited(&b"ab"[..], 1, Some(1 << 40)).unwrap(),
            Err(Error::OverLimit { max: 1 })
        );
    }

    #[test]
    fn lossy_and_text_modes() {
        let o = DecodeOptions {
            lossy: true,
            allow_binary: true,
            ..DecodeOptions::default()
        };
        let d = decode(b"a\xFF\0b", &o).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("a\u{FFFD}\0b", 1));
    }
}
