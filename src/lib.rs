//! papertui: a terminal reader for Chinese newspaper page dumps.
//!
//! Raw text extracted from page PDFs is turned into clean articles ([`ingest`]), the people in
//! them are found ([`people`]), the articles are held in an in-memory [`store`] with indexes,
//! searched with fuzzy and pinyin matching ([`search`]), exported ([`export`]) and read in a
//! ratatui terminal interface ([`tui`]). A parsed corpus is kept in an on-disk [`cache`] so
//! reopening it skips parsing. The parsing library knows nothing of the terminal.

pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod escape;
pub mod export;
mod fast_str;
pub mod fulltext;
pub mod ingest;
pub mod input;
pub mod large_page;
pub mod model;
pub mod people;
pub mod plausible;
pub mod progress;
pub mod query;
pub mod regular;
pub mod sample;
pub mod say;
pub mod search;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
