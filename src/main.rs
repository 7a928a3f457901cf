//! The `papertui` binary: parse the command line, run, map errors to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: loading a corpus makes millions of small
/// allocations from several threads at once, where glibc's malloc spent a sixth of the
/// parse and most of a reopen growing its arenas. Transparent huge pages are left off
/// (`no_thp`): they sped nothing up here and cost resident memory. The 2.x line (`v2`) holds
/// 15–30 MB less than 3.x at the peak of a cold load of 100k articles, at the same speed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = papertui::cli::Cli::parse();
    match papertui::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            papertui::say::say(format!("{error:#}"));
            ExitCode::from(2)
        }
    }
}
