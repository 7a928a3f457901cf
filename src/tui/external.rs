//! What the reader hands to the outside: an article shown in `$PAGER`, text put on the
//! clipboard with the OSC 52 escape sequence.

use std::io::Write;
use std::process::{Command, Stdio};

/// The pager when `$PAGER` is unset or empty.
const DEFAULT_PAGER: &str = "less";

/// Shows `text` in `$PAGER` (run by the shell, so it may carry options) on the plain
/// terminal; the caller gives the terminal up before and takes it back after. Returns why the
/// pager could not run, if it could not.
pub fn page(text: &str) -> Result<(), String> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_PAGER.to_owned());
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&pager)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {pager}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager that quits early closes the pipe: that is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let status = child.wait().map_err(|e| format!("{pager}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{pager} ended with {status}"))
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_the_osc52_sequence() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("会议".as_bytes()), "5Lya6K6u");
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }
}
