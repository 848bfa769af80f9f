//! Fuzz target `json_render`: see `claimdiff_fuzz::json_render` for the input layout and the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff_fuzz::json_render(data));
