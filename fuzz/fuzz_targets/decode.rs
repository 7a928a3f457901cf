//! Fuzz target: bytes → page text, as a page file is decoded (`input::decode_page`).
//!
//! The promises: decoding gives text or an error, never a panic; text has no NUL, no CR and
//! is not blank; the plausibility check only ever refuses text that was read as GB18030;
//! and valid UTF-8 that is taken is taken unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papertui::ingest::decode::{self, DecodeError, GB18030_NAME, UTF8_NAME};
use papertui::input::decode_page;

fuzz_target!(|data: &[u8]| {
    let plain = decode::decode(data);
    match decode_page(data.to_vec()) {
        Ok(page) => {
            assert!(!page.text.contains(['\0', '\r']), "NUL or CR left");
            assert!(!page.text.trim().is_empty(), "blank text taken");
            assert_eq!(plain.as_ref(), Ok(&page));
            if page.encoding == UTF8_NAME
                && !data.starts_with(b"\xEF\xBB\xBF")
                && !data.contains(&b'\r')
            {
                assert_eq!(page.text.as_bytes(), data, "UTF-8 changed");
            }
        }
        Err(error) => match plain {
            Err(plain) => assert_eq!(plain, error),
            Ok(text) => {
                assert_eq!(text.encoding, GB18030_NAME, "refused {}", text.encoding);
                assert!(matches!(error, DecodeError::Undecodable { .. }));
            }
        },
    }
});
