//! Fuzz target `segmenter`: see `claimdiff_fuzz::segmenter` for the input layout and the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff_fuzz::segmenter(data));
