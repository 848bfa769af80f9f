//! Fuzz target `compare`: see `claimdiff_fuzz::compare` for the input layout and the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff_fuzz::compare(data));
