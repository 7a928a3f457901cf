//! Serde for long strings: read back as bytes and checked with a vectorised UTF-8 validator.
//!
//! `#[serde(deserialize_with = "crate::fast_str::deserialize")]` on a `String` field written
//! as a plain string. The encoding is that of a plain
//! string (postcard writes strings and bytes alike), so the field's format does not change;
//! only the check on reading is faster than `std`'s, which matters for the index arenas that
//! hold every headline, key and name of a corpus.

use serde::de::{self, Deserializer, Visitor};

/// Reads a string written as a plain `String` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_bytes(Utf8Visitor)
}

/// Accepts bytes that are valid UTF-8, and strings.
struct Utf8Visitor;

impl Visitor<'_> for Utf8Visitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a UTF-8 string")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<String, E> {
        simdutf8::basic::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| E::custom("string is not UTF-8"))
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<String, E> {
        match simdutf8::basic::from_utf8(&bytes) {
            Ok(_) => String::from_utf8(bytes).map_err(|_| E::custom("string is not UTF-8")),
            Err(_) => Err(E::custom("string is not UTF-8")),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Fast(#[serde(deserialize_with = "super::deserialize")] String);

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Plain(String);

    #[test]
    fn same_encoding_as_a_plain_string_and_invalid_bytes_are_refused() {
        for text in ["", "孟州市召开专题会议", "mixed 文字 ü \u{10FFFF}"] {
            let fast = postcard::to_stdvec(&Fast(text.into())).expect("encode");
            let plain = postcard::to_stdvec(&Plain(text.into())).expect("encode");
            assert_eq!(fast, plain);
            let back: Fast = postcard::from_bytes(&plain).expect("decode");
            assert_eq!(back.0, text);
        }
        let bad = serde_bytes_like(&[0xE5, 0xAD]);
        assert!(postcard::from_bytes::<Fast>(&bad).is_err());
        assert!(postcard::from_bytes::<Plain>(&bad).is_err());
    }

    /// Bytes encoded the way postcard encodes a byte string: length, then the bytes.
    fn serde_bytes_like(bytes: &[u8]) -> Vec<u8> {
        let mut out = vec![u8::try_from(bytes.len()).expect("short")];
        out.extend_from_slice(bytes);
        out
    }
}
