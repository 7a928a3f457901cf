//! Keys and mouse events to actions: a pure table per mode, tested without a terminal.
//!
//! The same key means different things in different modes (`j` types a `j` in the filter and
//! moves down elsewhere, `Tab` cycles the scope while typing and switches panes otherwise), so
//! the mode is an explicit input and nothing here looks at the rest of the state.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::{Focus, Mode};

/// Every key binding, for the help overlay: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "move selection / scroll reader"),
    ("PgDn PgUp", "page down / up (space in reader)"),
    ("g G Home End", "first / last"),
    ("Tab h l ← →", "switch list ↔ reader"),
    ("Enter", "open article in reader"),
    ("n N", "next / previous article"),
    ("/", "filter (live); @name = people"),
    ("Tab (filter)", "scope: all → headline → person"),
    ("Enter (filter)", "jump to the list"),
    ("Esc", "leave filter; again: clear it"),
    ("Ctrl-U", "clear the input"),
    ("p", "people; Enter shows their articles"),
    ("?", "this help"),
    ("q  Ctrl-C", "quit"),
];

/// The action for `key` in `mode`, if any.
pub fn map_key(key: KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(Action::ToggleHelp),
        Mode::Filter | Mode::PeopleFilter => typing(key, ctrl, mode == Mode::Filter),
        Mode::Browse(focus) => browse(key, focus),
        Mode::People => people(key),
    }
}

/// Keys while typing into a filter; `articles` is false for the people filter.
fn typing(key: KeyEvent, ctrl: bool, articles: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('u') if ctrl => Action::ClearInput,
        KeyCode::Char('a') if ctrl => Action::CursorHome,
        KeyCode::Char('e') if ctrl => Action::CursorEnd,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Action::Insert(c),
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home => Action::CursorHome,
        KeyCode::End => Action::CursorEnd,
        KeyCode::Tab if articles => Action::CycleScope,
        KeyCode::Esc => Action::LeaveInput,
        KeyCode::Enter if articles => Action::Accept,
        KeyCode::Enter => Action::ChoosePerson,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        _ => return None,
    })
}

/// Moves shared by the article panes and the people list.
fn motion(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('/') => Action::EditFilter,
        _ => return None,
    })
}

/// Keys while browsing articles.
fn browse(key: KeyEvent, focus: Focus) -> Option<Action> {
    if let Some(a) = motion(key.code) {
        return Some(a);
    }
    Some(match key.code {
        KeyCode::Char(' ') if focus == Focus::Reader => Action::PageDown,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::Char('l') | KeyCode::Right => Action::FocusNext,
        KeyCode::Char('h') | KeyCode::Left => Action::FocusPrev,
        KeyCode::Enter => Action::Open,
        KeyCode::Char('n') => Action::NextArticle,
        KeyCode::Char('N') => Action::PrevArticle,
        KeyCode::Char('p') => Action::OpenPeople,
        KeyCode::Esc => Action::ClearFilter,
        _ => return None,
    })
}

/// Keys while browsing people.
fn people(key: KeyEvent) -> Option<Action> {
    if let Some(a) = motion(key.code) {
        return Some(a);
    }
    Some(match key.code {
        KeyCode::Enter => Action::ChoosePerson,
        KeyCode::Esc | KeyCode::Char('p') => Action::ClosePeople,
        _ => return None,
    })
}

/// The action for a mouse event, if any (wheel scrolls, left click selects).
pub fn map_mouse(ev: MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn name(a: Option<Action>) -> String {
        format!("{a:?}")
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Browse(Focus::List),
            Mode::Filter,
            Mode::People,
            Mode::PeopleFilter,
            Mode::Help,
        ] {
            assert!(
                matches!(map_key(ctrl_c, mode), Some(Action::Quit)),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn letters_type_in_the_filter_but_move_when_browsing() {
        assert!(matches!(
            map_key(key(KeyCode::Char('j')), Mode::Filter),
            Some(Action::Insert('j'))
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('q')), Mode::Filter),
            Some(Action::Insert('q'))
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('吕')), Mode::PeopleFilter),
            Some(Action::Insert('吕'))
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('j')), Mode::Browse(Focus::List)),
            Some(Action::Down)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('q')), Mode::People),
            Some(Action::Quit)
        ));
    }

    #[test]
    fn tab_cycles_scope_in_filter_and_switches_panes_otherwise() {
        assert!(matches!(
            map_key(key(KeyCode::Tab), Mode::Filter),
            Some(Action::CycleScope)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Tab), Mode::Browse(Focus::List)),
            Some(Action::FocusNext)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('h')), Mode::Browse(Focus::Reader)),
            Some(Action::FocusPrev)
        ));
    }

    #[test]
    fn esc_leaves_then_clears() {
        assert!(matches!(
            map_key(key(KeyCode::Esc), Mode::Filter),
            Some(Action::LeaveInput)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Esc), Mode::Browse(Focus::List)),
            Some(Action::ClearFilter)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Esc), Mode::People),
            Some(Action::ClosePeople)
        ));
    }

    #[test]
    fn space_pages_only_in_the_reader() {
        assert!(matches!(
            map_key(key(KeyCode::Char(' ')), Mode::Browse(Focus::Reader)),
            Some(Action::PageDown)
        ));
        assert_eq!(
            name(map_key(key(KeyCode::Char(' ')), Mode::Browse(Focus::List))),
            "None"
        );
        assert!(matches!(
            map_key(key(KeyCode::Char(' ')), Mode::Filter),
            Some(Action::Insert(' '))
        ));
    }

    #[test]
    fn enter_opens_accepts_or_chooses() {
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::Browse(Focus::List)),
            Some(Action::Open)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::Filter),
            Some(Action::Accept)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::People),
            Some(Action::ChoosePerson)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::PeopleFilter),
            Some(Action::ChoosePerson)
        ));
    }

    #[test]
    fn any_key_closes_help_and_releases_are_ignored() {
        assert!(matches!(
            map_key(key(KeyCode::Char('x')), Mode::Help),
            Some(Action::ToggleHelp)
        ));
        let mut release = key(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(name(map_key(release, Mode::Browse(Focus::List))), "None");
    }

    #[test]
    fn mouse_wheel_and_click() {
        let ev = |kind| MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        };
        assert!(matches!(
            map_mouse(ev(MouseEventKind::ScrollDown)),
            Some(Action::Wheel { down: true, .. })
        ));
        assert!(matches!(
            map_mouse(ev(MouseEventKind::Down(
                ratatui::crossterm::event::MouseButton::Left
            ))),
            Some(Action::Click { column: 3, row: 4 })
        ));
        assert_eq!(name(map_mouse(ev(MouseEventKind::Moved))), "None");
    }
}
