//! Taking over the terminal and handing it back, also when the terminal has gone away.
//!
//! ratatui's `init`/`restore` report a failed restore with `eprintln!`, and its `Terminal`
//! reports a failure to show the cursor the same way when dropped. After a hang-up (the
//! terminal window closed) both fail with `EIO`, and `eprintln!` to a dead stderr panics: in
//! a drop or in the panic hook that aborts the process before the reading state is saved.
//! So the terminal is set up here with crossterm directly, every step of the restore is
//! tried on its own and its error ignored (there is nobody left to tell), and the ratatui
//! `Terminal` is never dropped. The panic hook installed here restores the same way before
//! the standard hook prints the message (which ignores a dead stderr).
//!
//! [`check`] says, before anything is loaded, whether there is a terminal to draw on at all.

use std::io::{self, IsTerminal, Stdout, stdout};
use std::mem::ManuallyDrop;
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The reader's terminal.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The reader cannot run: there is no terminal to draw on or to read keys from.
#[derive(Debug, thiserror::Error)]
#[error(
    "the reader needs a terminal ({0}); without one, print the articles with \
     `papertui export [PATHS…]` (`--person NAME` for one person's, `--bookmarked` for your \
     bookmarks) or the people with `papertui people [PATHS…]`"
)]
pub struct NoTerminal(&'static str);

/// Whether the reader can run here: the screen goes to standard output, and keys come from
/// standard input or, when that is redirected, from the controlling terminal.
pub fn check() -> Result<(), NoTerminal> {
    if !io::stdout().is_terminal() {
        return Err(NoTerminal("standard output is not one"));
    }
    if !io::stdin().is_terminal() && !controlling_terminal() {
        return Err(NoTerminal(
            "standard input is not one, and there is no /dev/tty",
        ));
    }
    Ok(())
}

/// Whether the process has a controlling terminal to read keys from.
fn controlling_terminal() -> bool {
    #[cfg(unix)]
    {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The terminal, taken over (raw mode, alternate screen, mouse capture, bracketed paste: a paste
/// arrives as one event of text, so its line breaks and letters are not keys) until dropped.
pub struct Screen {
    terminal: ManuallyDrop<Term>,
}

impl Screen {
    /// Takes over the terminal; on failure, what was already done is undone.
    pub fn enter() -> io::Result<Screen> {
        install_panic_hook();
        match take() {
            Ok(terminal) => Ok(Screen {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(error) => {
                leave();
                Err(error)
            }
        }
    }

    /// The terminal to draw on.
    pub fn terminal(&mut self) -> &mut Term {
        &mut self.terminal
    }

    /// Hands the terminal back for a while (to a pager), as when dropped.
    pub fn suspend(&mut self) {
        leave();
    }

    /// Takes the terminal back after [`Screen::suspend`]; the next frame draws every cell.
    pub fn resume(&mut self) -> io::Result<()> {
        let terminal = take()?;
        // Clearing directly avoids `Terminal::clear`, which asks the terminal for its cursor.
        execute!(stdout(), Clear(ClearType::All))?;
        // The old `Terminal` is forgotten, never dropped (see the module documentation).
        let _forgotten = std::mem::replace(&mut self.terminal, ManuallyDrop::new(terminal));
        Ok(())
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste, and a fresh `Terminal`.
fn take() -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

impl Drop for Screen {
    fn drop(&mut self) {
        // Not dropped: a `Terminal` whose cursor cannot be shown prints to stderr as it goes.
        leave();
    }
}

/// Hands the terminal back, each step on its own, ignoring errors (`EIO` after a hang-up).
fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    // Raw mode first: it has more side effects than the alternate screen.
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Restores the terminal before a panic's message is printed (once per process).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}
