//! End-to-end tests of the real binary in a pseudo-terminal, read back through a VT100 emulator.
//!
//! Each test starts `papertui` on a fresh pty, types as a user would, and waits for what the
//! screen must show with a deadline loop (never a fixed sleep), so a loaded machine only makes
//! them slower. Every test ends by checking that the terminal was handed back: the alternate
//! screen left after it was entered, the cursor shown again, and the line discipline's echo and
//! canonical flags as they were before the program started. If no pty can be opened at all (a
//! sandbox without `/dev/ptmx`), the tests print why and pass without checking anything.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, SlavePty};
use portable_pty::{PtySystem, native_pty_system};

/// How long any one screen condition may take on a loaded two-core machine.
const DEADLINE: Duration = Duration::from_secs(60);
/// How often conditions are checked while waiting.
const POLL: Duration = Duration::from_millis(20);

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";

/// What the reader thread has seen: the raw bytes and the emulated screen.
struct Seen {
    raw: Vec<u8>,
    parser: vt100::Parser,
    eof: bool,
}

/// The binary running on a pty, its output read continuously by a background thread.
struct Session {
    master: Box<dyn MasterPty + Send>,
    /// Kept open so the line discipline's settings can still be read after the child exits.
    slave: Option<Box<dyn SlavePty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    seen: Arc<Mutex<Seen>>,
    /// The line discipline's local flags before the program ran.
    flags_before: Option<String>,
    _home: tempfile::TempDir,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("nonzero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Opens a pty, or says why not (the caller then skips).
fn open_pty(cols: u16, rows: u16) -> Option<portable_pty::PtyPair> {
    let system: Box<dyn PtySystem + Send> = native_pty_system();
    match system.openpty(size(cols, rows)) {
        Ok(pair) => Some(pair),
        Err(error) => {
            eprintln!("skipping: cannot open a pseudo-terminal here: {error:#}");
            None
        }
    }
}

/// The echo and canonical-mode flags of the pty, as text (for comparing before and after).
fn local_flags(master: &dyn MasterPty) -> Option<String> {
    master.get_termios().map(|t| format!("{:?}", t.local_flags))
}

impl Session {
    /// Starts the binary at `cols`×`rows` with extra environment; `None` when no pty exists.
    fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Option<Self> {
        Self::start_with(cols, rows, env, &[])
    }

    /// [`Session::start`] with command-line arguments.
    fn start_with(cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Option<Self> {
        Self::start_program(cols, rows, env, env!("CARGO_BIN_EXE_papertui"), args)
    }

    /// Starts `program` with `args` on a fresh pty (a shell running papertui, say).
    fn start_program(
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        program: &str,
        args: &[&str],
    ) -> Option<Self> {
        let pair = open_pty(cols, rows)?;
        let flags_before = local_flags(pair.master.as_ref());
        let home = tempfile::tempdir().expect("temporary home");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home.path());
        // A private home: saved state, configuration or caches of the user never leak in.
        for var in [
            "HOME",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
        ] {
            cmd.env(var, home.path());
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn papertui");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let seen = Arc::new(Mutex::new(Seen {
            raw: Vec::new(),
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            eof: false,
        }));
        let sink = Arc::clone(&seen);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut seen = sink.lock().expect("lock");
                        seen.raw.extend_from_slice(&buf[..n]);
                        seen.parser.process(&buf[..n]);
                    }
                }
            }
            sink.lock().expect("lock").eof = true;
        });
        Some(Self {
            master: pair.master,
            slave: Some(pair.slave),
            child,
            writer,
            seen,
            flags_before,
            _home: home,
        })
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().expect("lock")
    }

    /// Sends bytes to the program as typed input, in one write.
    fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.writer.write_all(bytes.as_ref()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// The emulated screen, one string per row.
    fn rows(&self) -> Vec<String> {
        let seen = self.seen();
        let (_, cols) = seen.parser.screen().size();
        seen.parser.screen().rows(0, cols.get()).collect()
    }

    /// The screen as text, for failure messages.
    fn dump(&self) -> String {
        self.rows().join("\n")
    }

    /// Waits until `cond` holds for the screen; panics with the screen after the deadline.
    fn wait_screen(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if cond(self.seen().parser.screen()) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{}",
                self.dump()
            );
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    fn wait_text(&self, text: &str) {
        self.wait_screen(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// Waits for the program's first full frame (alternate screen entered, border drawn).
    fn wait_ready(&self) {
        self.wait_screen("the first frame", |s| {
            s.alternate_screen() && s.contents().contains('┐')
        });
    }

    /// Waits until the sample is loaded and its full-text index is ready: the status bar
    /// no longer says it is indexing.
    fn wait_index_ready(&self) {
        self.wait_screen("the index ready", |screen| {
            let text = screen.contents();
            text.contains("51/51 articles") && !text.contains("indexing text")
        });
    }

    /// Waits until the filter input shows exactly `query`, no search is running, and `cond`
    /// holds: the screen then shows the results of that query and nothing older.
    fn wait_query(&self, query: &str, cond: impl Fn(&str) -> bool) {
        let want = format!("/ {query}");
        self.wait_screen(&format!("the results of {query:?}"), |screen| {
            let text = screen.contents();
            filter_input(screen) == want && !text.contains("searching…") && cond(&text)
        });
    }

    /// Waits until every key sent so far has been handled (in the filter input, which this
    /// leaves empty): types a marker no test types otherwise and waits for it to show.
    fn sync_input(&mut self) {
        self.send("\x15zz");
        self.wait_query("zz", |_| true);
        self.send("\x15");
    }

    /// Waits until the reader is browsing (not editing the filter), so that the next key is
    /// not read together with an `Esc` as an Alt-modified key.
    fn wait_browsing(&self) {
        self.wait_screen("browsing mode", |screen| {
            screen.contents().trim_end().ends_with("q quit")
        });
    }

    /// Waits until the box borders line up (a frame may be caught half drawn).
    fn wait_borders_aligned(&self) {
        let start = Instant::now();
        loop {
            let problem = border_problem(self.seen().parser.screen());
            let Some(problem) = problem else {
                return;
            };
            assert!(start.elapsed() < DEADLINE, "{problem}:\n{}", self.dump());
            thread::sleep(POLL);
        }
    }

    /// Resizes the pty and the emulated screen together.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.seen().parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// Waits for the child to exit; panics with the screen after the deadline.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "papertui did not exit; screen:\n{}",
                self.dump()
            );
            thread::sleep(POLL);
        }
    }

    /// Waits until the raw output contains `needle` after the last enter-alternate-screen
    /// sequence (a pager or a suspension leaves the alternate screen and enters it again).
    fn wait_raw_after_enter(&self, needle: &[u8], what: &str) {
        let start = Instant::now();
        loop {
            {
                let seen = self.seen();
                if let Some(enter) = rfind(&seen.raw, ENTER_ALT_SCREEN)
                    && find(&seen.raw[enter..], needle).is_some()
                {
                    return;
                }
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} after entering the alternate screen; output tail:\n{:?}",
                tail(&self.seen().raw)
            );
            thread::sleep(POLL);
        }
    }

    /// Checks that the program handed the terminal back: alternate screen left, cursor shown,
    /// echo and canonical mode as before.
    fn assert_restored(&mut self) {
        self.wait_raw_after_enter(LEAVE_ALT_SCREEN, "leave-alternate-screen sequence");
        let seen = self.seen();
        assert!(
            !seen.parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(
            !seen.parser.screen().hide_cursor(),
            "the cursor is still hidden"
        );
        drop(seen);
        let after = local_flags(self.master.as_ref());
        assert_eq!(
            after, self.flags_before,
            "the line discipline's local flags (echo, canonical mode) were not restored"
        );
        // Closing our end of the slave lets the reader see the end of the output.
        self.slave = None;
        let start = Instant::now();
        while !self.seen().eof && start.elapsed() < DEADLINE {
            thread::sleep(POLL);
        }
    }

    /// Everything written after the program entered the alternate screen, as lossy text.
    fn text_after_enter(&self) -> String {
        let seen = self.seen();
        let from = find(&seen.raw, ENTER_ALT_SCREEN).unwrap_or(0);
        String::from_utf8_lossy(&seen.raw[from..]).into_owned()
    }

    /// Quits with `q` from browsing, then checks a clean exit and a restored terminal.
    fn quit_cleanly(&mut self) {
        self.wait_browsing();
        self.send("q");
        let status = self.wait_exit();
        assert!(status.success(), "exit status {status:?}");
        self.assert_restored();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the last `needle` starts in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn tail(raw: &[u8]) -> String {
    let from = raw.len().saturating_sub(400);
    String::from_utf8_lossy(&raw[from..]).into_owned()
}

/// The text of the filter input row (the second row, inside the filter box).
fn filter_input(screen: &vt100::Screen) -> String {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .nth(1)
        .unwrap_or_default()
        .trim_matches(|c: char| c == '│' || c.is_whitespace())
        .to_owned()
}

/// Characters that may stand on a box's right edge: the border, a junction, a scrollbar.
fn is_right_edge(s: &str) -> bool {
    matches!(s, "│" | "┤" | "║" | "█")
}

/// Characters that may end a bordered row.
fn ends_border(s: &str) -> bool {
    is_right_edge(s) || matches!(s, "┐" | "┘" | "╮" | "╯")
}

/// What is wrong with the borders, if anything: every row ending in a border must end it in the
/// same column, and every box's right edge (a `┐` with its `┘` below) must be unbroken. A wide
/// glyph measured wrong pushes the border right or leaves a gap.
fn border_problem(screen: &vt100::Screen) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let cell = |r: u16, c: u16| {
        screen
            .cell(r, c)
            .map(|cell| cell.contents().to_owned())
            .unwrap_or_default()
    };
    let mut ends = Vec::new();
    for r in 0..rows {
        let last = (0..cols).rev().find(|&c| !cell(r, c).trim().is_empty());
        if let Some(c) = last
            && ends_border(&cell(r, c))
        {
            ends.push((r, c));
        }
    }
    let &(_, first) = ends.first()?;
    if let Some((r, c)) = ends.iter().find(|&&(_, c)| c != first) {
        return Some(format!(
            "row {r} ends its border in column {c}, not {first}"
        ));
    }
    for top in 0..rows {
        for c in 0..cols {
            if cell(top, c) != "┐" {
                continue;
            }
            let Some(bottom) = (top + 1..rows).find(|&r| cell(r, c) == "┘") else {
                return Some(format!(
                    "the box corner at row {top}, column {c} has no bottom"
                ));
            };
            if let Some(r) = (top + 1..bottom).find(|&r| !is_right_edge(&cell(r, c))) {
                return Some(format!(
                    "right edge broken at row {r}, column {c} (found {:?})",
                    cell(r, c)
                ));
            }
        }
    }
    None
}

#[test]
fn chinese_search_then_quit_restores_the_terminal() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    s.send("/李建超");
    s.wait_query("李建超", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作") && !text.contains("孟州市跻身")
    });
    s.wait_borders_aligned();

    // Esc leaves the filter input keeping the filter; a second Esc clears it.
    s.send("\x1b");
    s.wait_browsing();
    s.send("\x1b");
    s.wait_text("孟州市跻身");
    s.send("/吕沛");
    s.wait_query("吕沛", |text| {
        text.contains("示范区") && !text.contains("李建超调研黄龙山片区项目推进工作")
    });
    s.wait_borders_aligned();
    s.send("\x1b");
    s.quit_cleanly();
}

#[test]
fn a_fast_esc_esc_in_one_read_is_two_escapes() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    s.send("/李建超");
    s.wait_query("李建超", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作") && !text.contains("孟州市跻身")
    });
    // Both bytes in one write, as a quick double press arrives: the first Esc leaves the
    // filter input, the second clears the filter.
    s.send("\x1b\x1b");
    s.wait_browsing();
    s.wait_text("孟州市跻身");
    s.quit_cleanly();
}

/// Copies the sample pages (`assets/*.txt`) into `dir`, for tests that need them as files.
fn copy_sample_pages(dir: &std::path::Path) {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for entry in std::fs::read_dir(&assets).expect("assets") {
        let path = entry.expect("asset").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, dir.join(name)).expect("copy page");
        }
    }
}

#[test]
fn a_reopened_corpus_shows_bodies_read_back_from_the_cache() {
    let pages = tempfile::tempdir().expect("pages dir");
    let cache = tempfile::tempdir().expect("cache dir");
    copy_sample_pages(pages.path());
    let dir = pages.path().to_str().expect("UTF-8 temp path");
    let env = [("PAPERTUI_CACHE_DIR", cache.path().to_str().expect("UTF-8"))];
    let entries = || {
        std::fs::read_dir(cache.path())
            .map(|d| d.count())
            .unwrap_or(0)
    };
    // The first run parses and writes the cache entry, at the latest when it quits.
    let Some(mut first) = Session::start_with(120, 40, &env, &[dir]) else {
        return;
    };
    first.wait_ready();
    first.wait_text("李建超调研黄龙山片区项目推进工作");
    // The list shows articles before people are found; the entry is written once all are in.
    first.wait_text("51/51 articles");
    first.quit_cleanly();
    drop(first);
    assert!(entries() >= 1, "no cache entry written");

    let Some(mut s) = Session::start_with(120, 40, &env, &[dir]) else {
        return;
    };
    s.wait_ready();
    s.send("/黄龙山");
    s.wait_query("黄龙山", |text| text.contains("1/51 articles"));
    s.send("\r");
    s.send("\r");
    s.wait_text("近日，山阳区委书记李建超带领");
    // `q` quits from the reader pane. An `Esc` first could be read together with the `q` as
    // Alt-q: the reader pane's key hints end in `q quit` as the list's do, so nothing on
    // screen says when the `Esc` alone has been read.
    s.quit_cleanly();
}

#[test]
fn sigterm_restores_the_terminal() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    let pid = s.child.process_id().expect("child pid");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -TERM failed");
    let status = s.wait_exit();
    assert!(
        status.signal().is_some(),
        "the reader ends by the signal once the terminal is restored: {status:?}"
    );
    s.assert_restored();
}

/// Asserts `message` was printed after the alternate screen was left, readable on the normal
/// screen.
fn assert_printed_after_restore(s: &Session, message: &str) {
    let out = s.text_after_enter();
    let (_, after) = out.split_once("\x1b[?1049l").expect("leave sequence");
    assert!(
        after.contains(message),
        "{message:?} must follow the restore:\n{out:?}"
    );
}

#[test]
fn panic_restores_the_terminal_and_reports_the_message() {
    let Some(mut s) = Session::start(120, 40, &[("PAPERTUI_TEST_PANIC", "1")]) else {
        return;
    };
    let status = s.wait_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    s.assert_restored();
    assert_printed_after_restore(&s, "panicking on purpose");
}

#[test]
fn error_exit_restores_the_terminal_and_reports_the_error() {
    let Some(mut s) = Session::start(120, 40, &[("PAPERTUI_TEST_ERROR", "1")]) else {
        return;
    };
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    s.assert_restored();
    assert_printed_after_restore(&s, "failing on purpose");
}

#[test]
fn one_by_one_terminal_and_rapid_resizes_while_typing() {
    let Some(mut s) = Session::start(1, 1, &[]) else {
        return;
    };
    s.wait_screen("the alternate screen", vt100::Screen::alternate_screen);
    s.send("/");
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 3),
        (5, 2),
        (20, 4),
        (0, 0),
        (80, 24),
        (3, 40),
    ];
    for (i, ch) in "李建超吕沛示范区abc".chars().cycle().take(60).enumerate() {
        let (cols, rows) = sizes[i % sizes.len()];
        let step = u16::try_from(i).expect("small");
        s.resize(cols + step % 7, rows + step % 3);
        s.send(ch.to_string());
    }
    // Still alive and drawing: settle at a real size and search afresh.
    s.resize(120, 40);
    s.sync_input();
    s.send("李建超");
    s.wait_query("李建超", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作")
    });
    s.wait_borders_aligned();
    s.send("\x1b");
    s.quit_cleanly();
}

#[test]
fn burst_of_a_thousand_keys_in_one_write() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    let browse = ['j', 'k', 'n', 'N', 'g', 'G', '\t', 'l', 'h', ' ', 'j', 'j'];
    let typing = [
        '李', '建', 'a', '\u{7f}', '超', '示', '1', '\u{7f}', '范', '区',
    ];
    let mut burst = String::new();
    burst.extend(browse.iter().cycle().take(500));
    // The browsing keys end in the reader, where `/` searches the article: a search typed
    // and entered, then back to the list (`h`), whose `/` is the filter.
    burst.push('/');
    burst.extend(typing.iter().cycle().take(200));
    burst.push_str("\rh/");
    burst.extend(typing.iter().cycle().take(296));
    assert_eq!(burst.chars().count(), 1000);
    s.send(burst.as_bytes());
    // Responsive afterwards: every key handled, then a fresh search gives its result.
    s.sync_input();
    s.send("李建超");
    s.wait_query("李建超", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作")
    });
    s.wait_borders_aligned();
    s.send("\x1b");
    s.quit_cleanly();
}

/// The state file of the embedded sample corpus in the data directory `data`.
fn sample_state_file(data: &std::path::Path) -> std::path::PathBuf {
    let names = papertui::sample::SAMPLE_PAGES.iter().map(|p| p.name);
    papertui::state::StateDir::new(data).path(papertui::state::CorpusId::of(names))
}

#[test]
fn a_fifo_in_place_of_the_state_file_is_moved_aside_and_the_reader_works() {
    let data = tempfile::tempdir().expect("data dir");
    let state = sample_state_file(data.path());
    let made = Command::new("mkfifo")
        .arg(&state)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let env = [("PAPERTUI_DATA_DIR", data.path().to_str().expect("UTF-8"))];
    let Some(mut s) = Session::start(120, 40, &env) else {
        return;
    };
    s.wait_ready();
    // Reading the FIFO would freeze the reader in raw mode; it is moved aside instead.
    s.wait_text("is a FIFO");
    s.quit_after_notice();
    let saved = std::fs::metadata(&state).expect("state saved in its place");
    assert!(saved.is_file());
}

impl Session {
    /// Quits with `q` while a notice hides the key hints, then checks a clean exit and a
    /// restored terminal.
    fn quit_after_notice(&mut self) {
        self.send("q");
        let status = self.wait_exit();
        assert!(status.success(), "exit status {status:?}");
        self.assert_restored();
    }
}

#[test]
fn a_hundred_thousand_character_saved_filter_leaves_the_reader_responsive() {
    let data = tempfile::tempdir().expect("data dir");
    let names = papertui::sample::SAMPLE_PAGES.iter().map(|p| p.name);
    let state = papertui::state::SavedState {
        filter: Some(papertui::state::SavedFilter {
            text: "李建超".repeat(33_334),
            ..papertui::state::SavedFilter::default()
        }),
        ..papertui::state::SavedState::default()
    };
    papertui::state::StateDir::new(data.path())
        .save(papertui::state::CorpusId::of(names), &state)
        .expect("save state");
    let env = [("PAPERTUI_DATA_DIR", data.path().to_str().expect("UTF-8"))];
    let Some(mut s) = Session::start(120, 40, &env) else {
        return;
    };
    s.wait_ready();
    s.wait_text(" 0/51 ");
    // Measuring the input's width from the start for every character froze this frame.
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn ten_thousand_typed_characters_leave_the_reader_responsive() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    s.send("/");
    s.send("吕沛".repeat(5_000));
    s.sync_input();
    s.send("李建超");
    s.wait_query("李建超", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作")
    });
    s.send("\x1b");
    s.quit_cleanly();
}

#[test]
fn quitting_during_a_load_that_never_ends_exits_at_once() {
    let Some(mut s) = Session::start(120, 40, &[("PAPERTUI_TEST_STALL_LOAD", "1")]) else {
        return;
    };
    s.wait_screen("the loading screen", vt100::Screen::alternate_screen);
    s.wait_borders_aligned();
    s.send("q");
    // Waiting for the load to end would wait forever.
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn a_signal_during_a_load_that_never_ends_ends_the_process() {
    let Some(mut s) = Session::start(120, 40, &[("PAPERTUI_TEST_STALL_LOAD", "1")]) else {
        return;
    };
    s.wait_screen("the loading screen", vt100::Screen::alternate_screen);
    let pid = s.child.process_id().expect("child pid");
    let killed = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -INT failed");
    let status = s.wait_exit();
    assert!(status.signal().is_some(), "ends by the signal: {status:?}");
    s.assert_restored();
}

/// Runs `script` (with `$0` the binary) in `sh` on a pty, and returns its exit code and
/// everything it printed.
fn run_in_shell(script: &str, env: &[(&str, &str)]) -> Option<(u32, String)> {
    let bin = env!("CARGO_BIN_EXE_papertui");
    let mut s = Session::start_program(120, 40, env, "sh", &["-c", script, bin])?;
    let status = s.wait_exit();
    s.slave = None;
    let start = Instant::now();
    while !s.seen().eof && start.elapsed() < DEADLINE {
        thread::sleep(POLL);
    }
    let printed = String::from_utf8_lossy(&s.seen().raw).into_owned();
    Some((status.exit_code(), printed))
}

/// Asserts the no-terminal message: what is wrong, where to go instead, no panic.
fn assert_needs_a_terminal(code: u32, printed: &str) {
    assert_eq!(code, 2, "{printed}");
    assert!(printed.contains("the reader needs a terminal"), "{printed}");
    assert!(
        printed.contains("papertui export") && printed.contains("papertui people"),
        "{printed}"
    );
    assert!(!printed.contains("panicked"), "{printed}");
    assert!(
        !printed.contains("\x1b[?1049h"),
        "the screen was touched: {printed:?}"
    );
}

#[test]
fn without_a_controlling_terminal_the_reader_says_what_to_use_instead() {
    // setsid: no controlling terminal; stdin from /dev/null; stdout still the pty.
    let Some((code, printed)) = run_in_shell("exec setsid -w \"$0\" </dev/null", &[]) else {
        return;
    };
    assert_needs_a_terminal(code, &printed);
}

#[test]
fn with_standard_output_redirected_the_reader_says_what_to_use_instead() {
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("screen.txt");
    let script = format!("exec \"$0\" > '{}'", file.display());
    let Some((code, printed)) = run_in_shell(&script, &[]) else {
        return;
    };
    assert_needs_a_terminal(code, &printed);
    let written = std::fs::read(&file).expect("redirected output");
    assert!(
        written.is_empty(),
        "the screen went to the file: {written:?}"
    );
}

/// A papertui on a pseudo-terminal that the test can hang up, as closing a terminal window
/// does: the master side is closed (the program's terminal I/O then fails with `EIO`) and
/// `SIGHUP` is sent.
struct Hangable {
    master: Option<std::fs::File>,
    child: std::process::Child,
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Hangable {
    fn start(cols: u16, rows: u16, env: &[(&str, &str)], home: &std::path::Path) -> Self {
        use rustix::fs::{OFlags, fcntl_setfl};
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use std::os::unix::fs::OpenOptionsExt;
        // Close-on-exec: a master inherited by the child would never let the terminal close.
        let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
        let master = openpt(flags).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let winsize = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&master, winsize).expect("window size");
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(name.to_str().expect("pty name"))
            .expect("open the pty's slave side");
        let master = std::fs::File::from(master);
        // Non-blocking, so the reading thread can stop and let go of its descriptor.
        fcntl_setfl(&master, OFlags::NONBLOCK).expect("non-blocking");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_papertui"));
        cmd.current_dir(home)
            .stdin(slave.try_clone().expect("dup"))
            .stdout(slave.try_clone().expect("dup"))
            .stderr(slave)
            .env("TERM", "xterm-256color")
            .env("RUST_BACKTRACE", "0")
            .env_remove("NO_COLOR");
        for var in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"] {
            cmd.env(var, home);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = cmd.spawn().expect("spawn papertui");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut source = master.try_clone().expect("dup master");
        let (sink, stopped) = (Arc::clone(&parser), Arc::clone(&stop));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                match source.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().expect("lock").process(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        thread::sleep(POLL);
                    }
                    Err(_) => break,
                }
            }
        });
        Self {
            master: Some(master),
            child,
            parser,
            stop,
            reader: Some(reader),
        }
    }

    fn send(&mut self, bytes: &str) {
        let master = self.master.as_mut().expect("not hung up yet");
        master.write_all(bytes.as_bytes()).expect("type");
    }

    fn wait_text(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |contents| contents.contains(text));
    }

    /// Waits until the filter is being edited and shows `text`: the key hints of browsing no
    /// longer end the screen (a frame caught half drawn may show the new filter text above
    /// the old hints).
    fn wait_editing(&self, text: &str) {
        self.wait_until(&format!("editing {text:?}"), |contents| {
            contents.contains(text) && !contents.trim_end().ends_with("q quit")
        });
    }

    /// Waits until the reader is browsing (not editing the filter): the key hints end the
    /// screen.
    fn wait_browsing(&self) {
        self.wait_until("browsing mode", |contents| {
            contents.trim_end().ends_with("q quit")
        });
    }

    /// Waits until `ready` holds for the screen's text; panics with the screen after the
    /// deadline.
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let contents = self.parser.lock().expect("lock").screen().contents();
            if ready(&contents) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}:\n{contents}"
            );
            thread::sleep(POLL);
        }
    }

    /// Closes the terminal: the master side goes away, then `SIGHUP`. Returns how the
    /// program ended.
    fn hang_up(&mut self) -> std::process::ExitStatus {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.master = None;
        let _ = Command::new("kill")
            .args(["-HUP", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "papertui did not end after the hang-up"
            );
            thread::sleep(POLL);
        }
    }
}

impl Drop for Hangable {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn closing_the_terminal_saves_the_last_bookmark_and_the_filter() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    let env = [("PAPERTUI_DATA_DIR", data.to_str().expect("UTF-8"))];
    let mut s = Hangable::start(120, 40, &env, home.path());
    s.wait_text(" 51/51 ");
    let names = papertui::sample::SAMPLE_PAGES.iter().map(|p| p.name);
    let state = papertui::state::StateDir::new(&data);
    let corpus = papertui::state::CorpusId::of(names);
    // The first bookmark is saved at once.
    s.send("b");
    let start = Instant::now();
    while state.load(corpus).state.bookmarks.is_empty() {
        assert!(
            start.elapsed() < DEADLINE,
            "the first bookmark was never saved"
        );
        thread::sleep(POLL);
    }
    // The second waits two seconds after the first, and the filter (applied with Enter) is
    // saved only on the way out: both are lost unless the way out after a hang-up saves them.
    s.send("j");
    s.send("b");
    s.send("/会议");
    s.wait_editing("/ 会议");
    s.send("\r");
    s.wait_browsing();
    let status = s.hang_up();
    eprintln!("after the hang-up: {status:?}");
    let saved = state.load(corpus);
    assert!(saved.notice.is_none(), "{:?}", saved.notice);
    assert_eq!(saved.state.bookmarks.len(), 2, "{:?}", saved.state);
    let filter = saved.state.filter.map(|f| f.text).unwrap_or_default();
    assert_eq!(filter, "会议");
}

/// Two readers on the sample corpus sharing one data directory: the first bookmarks the first
/// article, the second the second one; `first_to_quit` quits first. Returns the bookmarks
/// saved in the end.
fn two_readers_bookmark_and_quit(first_to_quit: usize) -> Option<Vec<String>> {
    let data = tempfile::tempdir().expect("data dir");
    let env = [("PAPERTUI_DATA_DIR", data.path().to_str().expect("UTF-8"))];
    let mut readers = [
        Session::start(120, 40, &env)?,
        Session::start(120, 40, &env)?,
    ];
    for r in &readers {
        r.wait_text(" 51/51 ");
    }
    let names = papertui::sample::SAMPLE_PAGES.iter().map(|p| p.name);
    let state = papertui::state::StateDir::new(data.path());
    let corpus = papertui::state::CorpusId::of(names);
    let saved = || state.load(corpus).state.bookmarks;
    let wait_saved = |n: usize| {
        let start = Instant::now();
        while saved().len() < n {
            assert!(start.elapsed() < DEADLINE, "{n} bookmarks never saved");
            thread::sleep(POLL);
        }
    };
    readers[0].send("b");
    wait_saved(1);
    readers[1].send("jb");
    wait_saved(2);
    let order = [first_to_quit, 1 - first_to_quit];
    for i in order {
        readers[i].quit_cleanly();
    }
    Some(saved().into_iter().collect())
}

#[test]
fn two_readers_on_one_corpus_keep_both_bookmarks_whichever_quits_last() {
    let first = papertui::sample::SAMPLE_PAGES.first().map(|p| p.name);
    let first = first.expect("a sample page");
    let wanted = [format!("{first}#0"), format!("{first}#1")];
    for first_to_quit in [0, 1] {
        let Some(saved) = two_readers_bookmark_and_quit(first_to_quit) else {
            return;
        };
        assert_eq!(saved, wanted, "reader {first_to_quit} quit first");
    }
}

#[test]
fn a_damaged_body_shown_in_the_reader_has_the_entry_rebuilt_at_the_next_start() {
    let pages = tempfile::tempdir().expect("pages dir");
    let cache_dir = tempfile::tempdir().expect("cache dir");
    copy_sample_pages(pages.path());
    let dir = pages.path().to_str().expect("UTF-8 temp path");
    let cache_env = cache_dir.path().to_str().expect("UTF-8");
    let people = || {
        let out = Command::new(env!("CARGO_BIN_EXE_papertui"))
            .args(["people", dir])
            .env("PAPERTUI_CACHE_DIR", cache_env)
            .output()
            .expect("run papertui people");
        assert!(out.status.success(), "{out:?}");
    };
    people();
    let (files, _) = papertui::input::collect_files(&[pages.path().to_path_buf()]);
    let fingerprint = papertui::cache::Fingerprint::of(&files);
    let cache = papertui::cache::Cache::at(cache_dir.path());
    let entry = cache.entry_path(&fingerprint);
    let mut bytes = std::fs::read(&entry).expect("cache entry");
    let body = "近日，山阳区委书记李建超带领".as_bytes();
    let at = find(&bytes, body).expect("the body in the entry");
    bytes[at + 4] ^= 0x01;
    std::fs::write(&entry, &bytes).expect("damage the entry");

    let env = [("PAPERTUI_CACHE_DIR", cache_env)];
    let Some(mut s) = Session::start_with(120, 40, &env, &[dir]) else {
        return;
    };
    s.wait_ready();
    // The index, missing the damaged body, is kept in memory and says so in a notice long
    // enough to push `q quit` off the status bar: wait for it, so the keys below clear it.
    s.wait_text("text index built in memory, not saved");
    s.send("/黄龙山");
    s.wait_query("黄龙山", |text| text.contains("1/51 articles"));
    s.send("\r");
    s.send("\r");
    s.wait_text("parsed again at the next start");
    // `q` quits from the reader pane. An `Esc` first could be read together with the `q` as
    // Alt-q: the reader pane's key hints end in `q quit` as the list's do, so nothing on
    // screen says when the `Esc` alone has been read.
    s.quit_cleanly();
    assert!(
        !entry.exists(),
        "the damaged entry is marked for rebuilding"
    );
    // The next start, of any command, writes a sound entry.
    people();
    let bodies = papertui::cache::Bodies::Read;
    assert!(cache.load(&fingerprint, bodies, &|_| {}).is_ok(), "rebuilt");
}

impl Session {
    /// The number of bytes the program has written so far.
    fn written(&self) -> usize {
        self.seen().raw.len()
    }

    /// Waits until the program has written nothing for `quiet`, and returns how much it wrote.
    fn wait_quiet(&self, quiet: Duration) -> usize {
        let start = Instant::now();
        let mut last = self.written();
        let mut since = Instant::now();
        loop {
            thread::sleep(POLL);
            let now = self.written();
            if now != last {
                (last, since) = (now, Instant::now());
            } else if since.elapsed() >= quiet {
                return now;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "the program never stopped writing; output tail:\n{:?}",
                tail(&self.seen().raw)
            );
        }
    }
}

#[test]
fn an_idle_reader_writes_nothing_to_the_terminal() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    // Idle once the corpus is loaded and its full-text index is ready.
    s.wait_index_ready();
    let before = s.wait_quiet(Duration::from_millis(300));
    // Long enough for dozens of frames at the old fixed tick; an idle reader draws none.
    thread::sleep(Duration::from_millis(1500));
    let after = s.written();
    assert_eq!(
        after - before,
        0,
        "wrote while idle: {:?}",
        String::from_utf8_lossy(&s.seen().raw[before..])
    );
    // Still awake: the next key is handled and drawn.
    s.send("j");
    let start = Instant::now();
    while s.written() == after {
        assert!(start.elapsed() < DEADLINE, "no frame after a key");
        thread::sleep(POLL);
    }
    s.quit_cleanly();
}

#[test]
fn a_bracketed_paste_is_typed_into_the_filter_not_run_as_keys() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    s.wait_raw_after_enter(b"\x1b[?2004h", "bracketed-paste mode");
    s.send("/");
    // As a terminal sends a paste of `示范区⏎lp`: Enter and `p` must not apply the filter and
    // open People.
    s.send("\x1b[200~示范区\rlp\x1b[201~");
    s.wait_query("示范区 lp", |text| !text.contains("People"));
    s.send("\x1b[200~\rq\x1b[201~");
    s.wait_query("示范区 lp q", |_| true);
    assert!(s.child.try_wait().expect("status").is_none(), "q quit");
    s.send("\x15\x1b");
    s.quit_cleanly();
}

#[test]
fn readline_keys_edit_the_filter() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    s.send("/吕沛 会议");
    s.wait_query("吕沛 会议", |_| true);
    s.send("\x17"); // Ctrl-W: the word before the cursor (the space stays)
    s.wait_query("吕沛", |_| true);
    s.send("示范");
    s.wait_query("吕沛 示范", |_| true);
    s.send("\x1bb"); // Alt-B: to the start of 示范
    s.send("\x0b"); // Ctrl-K: delete to the end
    s.wait_query("吕沛", |_| true);
    s.send("\x01@"); // Ctrl-A, then type at the start
    s.wait_query("@吕沛", |_| true);
    // The text is `@吕沛 ` now, the space kept by Ctrl-W.
    s.send("\x05x\x1b[D\x1b[D\x15"); // Ctrl-E, x, ←, ←, Ctrl-U: delete to the start
    s.wait_query(" x", |_| true);
    s.send("\x15\x05\x15\x1b");
    s.quit_cleanly();
}

/// Runs the binary on `args` in a pty and returns its exit code and everything it wrote, for
/// runs that must end without taking the terminal.
fn run_to_exit(args: &[&str]) -> Option<(u32, String)> {
    let mut s = Session::start_with(80, 24, &[], args)?;
    let status = s.wait_exit();
    s.slave = None;
    let start = Instant::now();
    while !s.seen().eof && start.elapsed() < DEADLINE {
        thread::sleep(POLL);
    }
    let raw = s.seen().raw.clone();
    assert!(
        find(&raw, ENTER_ALT_SCREEN).is_none(),
        "the terminal was taken: {:?}",
        String::from_utf8_lossy(&raw)
    );
    Some((
        status.exit_code(),
        String::from_utf8_lossy(&raw).into_owned(),
    ))
}

#[test]
fn nothing_to_read_is_said_without_taking_the_terminal() {
    let Some((code, out)) = run_to_exit(&["typo.txt"]) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("typo.txt: not found"), "{out}");
    assert!(out.contains("nothing to read"), "{out}");

    let empty = tempfile::tempdir().expect("empty dir");
    let dir = empty.path().to_str().expect("UTF-8 path");
    let Some((code, out)) = run_to_exit(&[dir]) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("nothing to read") && out.contains(dir),
        "{out}"
    );
}

#[test]
fn files_that_failed_are_said_in_the_reader_and_listed() {
    let pages = tempfile::tempdir().expect("pages dir");
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let good = pages.path().join("good.txt");
    std::fs::copy(assets.join("000_bb5894ed695f9a47.txt"), &good).expect("copy page");
    let bad = pages.path().join("bad.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0]).expect("write binary");
    let dir = pages.path().to_str().expect("UTF-8 path");
    let Some(mut s) = Session::start_with(120, 40, &[], &[dir]) else {
        return;
    };
    s.wait_ready();
    s.wait_text("1 file could not be read");
    s.send("!");
    s.wait_text("Not loaded: 1");
    s.wait_text("bad.txt");
    s.send("\x1b");
    s.wait_screen("the popup closed", |screen| {
        !screen.contents().contains("Not loaded")
    });
    s.send("q");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "a file failed: {status:?}");
    s.assert_restored();
}

#[test]
fn y_copies_the_article_with_osc52_and_o_opens_the_pager() {
    let out = tempfile::tempdir().expect("pager output dir");
    let paged = out.path().join("paged.txt");
    let pager = format!("cat > '{}'", paged.display());
    let Some(mut s) = Session::start(100, 30, &[("PAGER", pager.as_str())]) else {
        return;
    };
    s.wait_ready();
    s.wait_text("51/51 articles");
    s.send("y");
    let start = Instant::now();
    while find(&s.seen().raw, b"\x1b]52;c;").is_none() && start.elapsed() < DEADLINE {
        thread::sleep(POLL);
    }
    assert!(
        find(&s.seen().raw, b"\x1b]52;c;").is_some(),
        "no OSC 52 sequence written"
    );
    s.wait_text("copied");
    s.send("o");
    let start = Instant::now();
    while !std::fs::read_to_string(&paged).is_ok_and(|t| t.contains("山阳区"))
        && start.elapsed() < DEADLINE
    {
        thread::sleep(POLL);
    }
    let text = std::fs::read_to_string(&paged).expect("the pager ran");
    assert!(
        text.starts_with("山阳区召开“四城联创”工作务虚会\n"),
        "{text}"
    );
    s.wait_text("Articles");
    s.quit_cleanly();
}

#[test]
fn a_word_found_only_in_a_body_lists_its_article_with_a_snippet_and_is_highlighted() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    // The full-text index is built after the load; the status bar says so meanwhile.
    s.wait_index_ready();
    // 禀赋 is in the body of this article and in no headline.
    s.send("/禀赋");
    s.wait_query("禀赋", |text| {
        text.contains("李建超调研黄龙山片区项目推进工作")
            && text.contains("1/51 articles")
            && text.contains("[禀赋]")
    });
    s.send("\r");
    s.send("\r");
    // The reader opens at the match and shows it highlighted (reverse video).
    s.wait_screen("the word highlighted in the reader", |screen| {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        (0..rows).any(|r| {
            (0..cols.saturating_sub(2)).any(|c| {
                let cell = |c| screen.cell(r, c);
                let (Some(a), Some(b)) = (cell(c), cell(c + 2)) else {
                    return false;
                };
                a.contents() == "禀" && b.contents() == "赋" && a.inverse() && b.inverse()
            })
        })
    });
    s.quit_cleanly();
}

/// The status bar: the screen's last row.
fn status_bar(screen: &vt100::Screen) -> String {
    let cols = screen.size().1.get();
    screen.rows(0, cols).last().unwrap_or_default()
}

#[test]
fn the_reader_searches_its_article_and_steps_through_the_matches() {
    let Some(mut s) = Session::start(120, 40, &[]) else {
        return;
    };
    s.wait_ready();
    // Once the index is ready, its notice comes and goes with the next key, never between
    // the keys below and what they show.
    s.wait_index_ready();
    // The first article, 山阳区召开“四城联创”工作务虚会: 会议 is in four of its lines at this
    // width (two of them in its first paragraph, two paragraphs begin with it), never in its
    // headline.
    s.send("\r");
    s.wait_screen("the reader", |screen| {
        screen.contents().contains("会议指出") && status_bar(screen).contains("/ find")
    });
    s.send("/");
    s.wait_screen("the search prompt", |screen| {
        status_bar(screen).starts_with('/') && !status_bar(screen).contains("q quit")
    });
    s.send("会议");
    s.wait_screen("the matching lines counted", |screen| {
        let bar = status_bar(screen);
        bar.starts_with("/会议") && bar.contains("4 lines")
    });
    s.send("\r");
    s.wait_screen("the first match", |screen| {
        status_bar(screen).contains("/会议 · 1/4 ")
    });
    s.send("n");
    s.wait_screen("the second match", |screen| {
        status_bar(screen).contains("/会议 · 2/4 ")
    });
    // Esc ends the search: its summary leaves the status bar.
    s.send("\x1b");
    s.wait_screen("the search ended", |screen| {
        !status_bar(screen).contains("/会议")
    });
    s.quit_cleanly();
}
