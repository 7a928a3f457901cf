//! The `papertui` binary: parse the command line, run, map errors to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: loading a corpus makes millions of small
/// allocations from several threads at once, where glibc's malloc spent a sixth of the
/// parse and most of a reopen growing its arenas. Transparent huge pages are left off
/// (`no_thp`): they sped nothing up here and cost resident memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = papertui::cli::Cli::parse();
    match papertui::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("papertui: {error:#}");
            ExitCode::from(2)
        }
    }
}
