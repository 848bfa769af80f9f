//! The library's error type.

/// What can go wrong turning bytes into a comparable text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input holds a NUL byte: it is probably not text.
    #[error("binary file (NUL byte at offset {offset}); use --text to compare it as text")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte {offset}; use --lossy to replace bad bytes")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input starts with a UTF-16 byte-order mark but is not valid UTF-16.
    #[error("invalid UTF-16 ({detail})")]
    InvalidUtf16 {
        /// What is wrong.
        detail: String,
    },
    /// The input is larger than the configured limit.
    #[error("input is {size} bytes, more than the limit of {max} bytes (see --max-bytes)")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A stream (standard input, a device, a pipe, a file that grew while it was read) gave
    /// more bytes than the configured limit; reading stopped there, so its size is unknown.
    #[error("input is more than the limit of {max} bytes (see --max-bytes)")]
    OverLimit {
        /// The limit in bytes.
        max: usize,
    },
}
