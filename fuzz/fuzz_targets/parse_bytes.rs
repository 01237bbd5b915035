//! Fuzz target: any bytes given to `parse_bytes` must either be refused with
//! a `DecodeError` or give an `Issue` that serialises to JSON — never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((issue, encoding)) = gazette_parse::parse_bytes(data) {
        assert!(!encoding.is_empty(), "empty encoding name");
        if let Err(error) = serde_json::to_string(&issue) {
            panic!("the parsed issue does not serialise to JSON: {error}");
        }
    }
});
