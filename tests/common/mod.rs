//! Support shared by the integration tests: the reference scorer, screen helpers and random
//! page text.
#![allow(dead_code)]

pub mod pages;
pub mod scoring;
pub mod screen;
