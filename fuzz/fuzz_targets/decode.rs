//! Fuzz target `decode`: see `claimdiff_fuzz::decode` for the input layout and the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff_fuzz::decode(data));
