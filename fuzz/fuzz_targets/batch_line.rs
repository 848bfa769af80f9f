//! Fuzz target `batch_line`: see `claimdiff_fuzz::batch_line` for the input layout and the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff_fuzz::batch_line(data));
