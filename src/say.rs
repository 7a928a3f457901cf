//! Messages on stderr that never panic: after a hang-up stderr is gone, and `eprintln!`
//! panics when writing fails, which would end the program before it has saved anything.

use std::fmt::Display;
use std::io::{self, Write};

/// Writes `papertui: <message>` and a newline on stderr, ignoring failure.
pub fn say(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "papertui: {message}");
}
