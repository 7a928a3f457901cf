//! File names as text that is unique to each name and safe to print: bytes that are not UTF-8
//! and control characters are escaped, as `ls --quoting-style=escape` shows them.
//!
//! A name is bytes, not text: `a\xff.txt` and `a\xfe.txt` are two files, but a lossy
//! conversion makes both `a\u{FFFD}.txt`, so the articles of both would get the same ids. And a
//! name may hold an escape sequence (`x\e]0;…\a.txt`) that would retitle or clear the terminal
//! if printed as it is. So every name shown or used as an article's source goes through
//! [`path`]: a backslash becomes `\\`, the usual control characters `\a \b \t \n \v \f \r`,
//! any other control character (C0, DEL and C1) and every byte that is not part of valid UTF-8
//! become three-digit octal escapes (`\033`, `\377`). The mapping is one-to-one (a backslash is
//! always escaped, so an escape cannot be confused with the characters it is spelt with) and
//! the same name always gives the same text.

use std::fmt;
use std::path::Path;

/// `path` as printable text, unique to its bytes (see the module documentation).
pub fn path(path: &Path) -> String {
    bytes(path.as_os_str().as_encoded_bytes())
}

/// Any bytes (a file name, part of one) as printable text, unique to them.
pub fn bytes(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_char(&mut out, c);
        }
        for &byte in chunk.invalid() {
            push_octal(&mut out, byte);
        }
    }
    out
}

/// `path` for `{}` in a message, escaped as [`path`] does.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(pub &'a Path);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&path(self.0))
    }
}

fn push_char(out: &mut String, c: char) {
    let short = match c {
        '\\' => "\\\\",
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\u{b}' => "\\v",
        '\u{c}' => "\\f",
        '\r' => "\\r",
        c if c.is_control() => {
            let mut utf8 = [0; 4];
            for &byte in c.encode_utf8(&mut utf8).as_bytes() {
                push_octal(out, byte);
            }
            return;
        }
        c => {
            out.push(c);
            return;
        }
    };
    out.push_str(short);
}

fn push_octal(out: &mut String, byte: u8) {
    out.push('\\');
    for shift in [6, 3, 0] {
        out.push(char::from(b'0' + ((byte >> shift) & 7)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_are_octal_escapes_so_names_stay_apart() {
        assert_eq!(bytes(b"a\xff.txt"), "a\\377.txt");
        assert_eq!(bytes(b"a\xfe.txt"), "a\\376.txt");
        assert_eq!(bytes("版面01.txt".as_bytes()), "版面01.txt");
    }

    #[test]
    fn control_characters_and_backslashes_are_escaped() {
        assert_eq!(
            bytes(b"x\x1b]0;t\x07\x1b[2J\n\t\\.txt"),
            "x\\033]0;t\\a\\033[2J\\n\\t\\\\.txt"
        );
        assert_eq!(bytes("c1\u{9b}2J".as_bytes()), "c1\\302\\2332J");
        assert_eq!(bytes(b"del\x7f"), "del\\177");
    }

    #[test]
    fn the_escape_is_one_to_one() {
        // A literal backslash-three-digits and the byte it spells differ.
        assert_ne!(bytes(b"a\\377"), bytes(b"a\xff"));
        let names: [&[u8]; 6] = [
            b"a\xff",
            b"a\xfe",
            b"a\\377",
            b"a\\\\377",
            b"a\x1b",
            b"a\\033",
        ];
        let shown: std::collections::HashSet<String> = names.iter().map(|n| bytes(n)).collect();
        assert_eq!(shown.len(), names.len());
    }

    #[test]
    fn printed_text_has_no_control_characters() {
        let all: Vec<u8> = (0..=255).collect();
        assert!(!bytes(&all).chars().any(char::is_control));
    }
}
