//! papertui: a terminal reader for Chinese newspaper page dumps.
//!
//! Raw text extracted from page PDFs is turned into clean articles ([`ingest`]), the people in
//! them are found ([`people`]), the articles are held in an in-memory [`store`] with indexes,
//! searched with fuzzy and pinyin matching ([`search`]), exported ([`export`]) and read in a
//! ratatui terminal interface ([`tui`]), whose key bindings ([`config`]) and saved state
//! ([`state`]) speak the words of [`vocab`]. A parsed corpus is kept in an on-disk [`cache`] so
//! reopening it skips parsing. The parsing library knows nothing of the terminal.

#![warn(missing_docs)]

// The pipeline, bottom up: each module uses only those listed before it (`tests/layers.rs`).

// Small tools every layer may use.
pub mod escape;
mod fast_str;
pub mod regular;
pub mod sample;
pub mod say;
pub mod text;

// The data: articles and their parts.
pub mod model;

// bytes ─decode─▶ page text ─ingest─▶ articles.
pub mod ingest;
pub mod plausible;

pub mod input;

pub mod large_page;

// articles ─people─▶ articles with their people.
pub mod people;

// ─▶ store ─search─▶ results.
pub mod store;

pub mod search;

// A whole load: the on-disk cache, the corpus loader, its progress.
pub mod cache;

pub mod corpus;

pub mod progress;

// Full-text search of the article text, and the query language over all fields.
pub mod fulltext;

pub mod query;

// Output for scripts.
pub mod export;

// The reader: its words, key bindings, saved state, and the terminal interface.
pub mod vocab;

pub mod config;
pub mod state;

pub mod tui;

// The command line.
pub mod cli;

pub mod commands;
