//! papertui: a terminal reader for Chinese newspaper page dumps.
//!
//! Raw text extracted from page PDFs is turned into clean articles ([`ingest`]), held in an
//! in-memory [`store`] with indexes, searched with fuzzy matching ([`search`]) and read in a
//! ratatui terminal interface ([`tui`]). The parsing library knows nothing of the terminal.

pub mod ingest;
pub mod input;
pub mod model;
pub mod sample;
pub mod text;
