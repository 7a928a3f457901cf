//! The `papertui` binary: parse the command line, run, map errors to an exit code.

use std::process::ExitCode;

use clap::Parser;

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
