//! Fuzz target: configuration text → `Config::parse`.
//!
//! The promise: any text gives a configuration or an error, never a panic, and an error that
//! names a line names one of the file's lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papertui::config::{Config, ConfigError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(ConfigError::Invalid {
        line: Some(line), ..
    }) = Config::parse(text, "config.toml")
    {
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        assert!((1..=lines).contains(&line), "line {line} of {lines}");
    }
});
