//! Keys and mouse events to actions: a pure lookup in the effective bindings, per mode.
//!
//! The same key means different things in different modes (`j` types a `j` in the filter and
//! moves down elsewhere, `Tab` cycles the scope while typing and switches panes otherwise), so
//! the mode is an explicit input, and the bindings (defaults or the configuration file's) are
//! the other; nothing here looks at the rest of the state. Which action applies in which mode
//! is declared once, in [`crate::config::bindings::COMMANDS`].

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind,
};

use crate::config::{Bindings, KeySpec};
use crate::vocab::{Action, Mode};

/// The actions for one terminal event in `mode` (none for an event that means nothing here).
pub fn map_event(event: &Event, mode: Mode, bindings: &Bindings) -> Vec<Action> {
    match event {
        Event::Key(key) => map_key(*key, mode, bindings).into_iter().collect(),
        Event::Mouse(m) => map_mouse(*m).into_iter().collect(),
        Event::Resize(w, h) => vec![Action::Resize(*w, *h)],
        Event::Paste(text) if mode != Mode::Overlay => vec![Action::Paste(text.clone())],
        _ => Vec::new(),
    }
}

/// The action for `key` in `mode` under `bindings`, if any.
///
/// While typing, a key bound to nothing types its character; elsewhere it does nothing (in
/// an overlay too: only its keys close it, so a stray key never loses the place).
pub fn map_key(key: KeyEvent, mode: Mode, bindings: &Bindings) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let spec = KeySpec::of_event(key);
    if let Some(action) = bindings.lookup(spec, mode) {
        // In a popup a plain quit key (`q`) closes the popup, as in a pager; Ctrl-C still quits.
        if mode == Mode::Overlay && matches!(action, Action::Quit) && spec.types_text() {
            return Some(Action::CloseOverlay);
        }
        return Some(action);
    }
    match (mode, spec.code) {
        (Mode::Filter | Mode::PeopleFilter | Mode::Find, KeyCode::Char(c)) if spec.types_text() => {
            Some(Action::Insert(c))
        }
        // An unbound digit while browsing is a count for the next movement (`5j`).
        (Mode::Browse(_) | Mode::People | Mode::Overlay, KeyCode::Char(c))
            if spec.types_text() && c.is_ascii_digit() =>
        {
            c.to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Action::Digit)
        }
        _ => None,
    }
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
    use crate::vocab::Focus;
    use ratatui::crossterm::event::KeyModifiers;

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
            Mode::Overlay,
        ] {
            assert!(
                matches!(
                    map_key(ctrl_c, mode, &Bindings::default()),
                    Some(Action::Quit)
                ),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn letters_type_in_the_filter_but_move_when_browsing() {
        assert!(matches!(
            map_key(key(KeyCode::Char('j')), Mode::Filter, &Bindings::default()),
            Some(Action::Insert('j'))
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('q')), Mode::Filter, &Bindings::default()),
            Some(Action::Insert('q'))
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Char('吕')),
                Mode::PeopleFilter,
                &Bindings::default()
            ),
            Some(Action::Insert('吕'))
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Char('j')),
                Mode::Browse(Focus::List),
                &Bindings::default()
            ),
            Some(Action::Down)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('q')), Mode::People, &Bindings::default()),
            Some(Action::Quit)
        ));
    }

    #[test]
    fn tab_cycles_scope_in_filter_and_switches_panes_otherwise() {
        assert!(matches!(
            map_key(key(KeyCode::Tab), Mode::Filter, &Bindings::default()),
            Some(Action::CycleScope)
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Tab),
                Mode::Browse(Focus::List),
                &Bindings::default()
            ),
            Some(Action::FocusNext)
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Char('h')),
                Mode::Browse(Focus::Reader),
                &Bindings::default()
            ),
            Some(Action::FocusList)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Tab), Mode::People, &Bindings::default()),
            Some(Action::FocusNext)
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::BackTab),
                Mode::Browse(Focus::Reader),
                &Bindings::default()
            ),
            Some(Action::FocusPrev)
        ));
    }

    #[test]
    fn esc_leaves_then_clears() {
        assert!(matches!(
            map_key(key(KeyCode::Esc), Mode::Filter, &Bindings::default()),
            Some(Action::LeaveInput)
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Esc),
                Mode::Browse(Focus::List),
                &Bindings::default()
            ),
            Some(Action::ClearFilter)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Esc), Mode::People, &Bindings::default()),
            Some(Action::ClosePeople)
        ));
    }

    #[test]
    fn space_pages_only_in_the_reader() {
        assert!(matches!(
            map_key(
                key(KeyCode::Char(' ')),
                Mode::Browse(Focus::Reader),
                &Bindings::default()
            ),
            Some(Action::PageDownOrNext)
        ));
        assert_eq!(
            name(map_key(
                key(KeyCode::Char(' ')),
                Mode::Browse(Focus::List),
                &Bindings::default()
            )),
            "None"
        );
        assert!(matches!(
            map_key(key(KeyCode::Char(' ')), Mode::Filter, &Bindings::default()),
            Some(Action::Insert(' '))
        ));
    }

    #[test]
    fn enter_opens_accepts_or_chooses() {
        assert!(matches!(
            map_key(
                key(KeyCode::Enter),
                Mode::Browse(Focus::List),
                &Bindings::default()
            ),
            Some(Action::Open)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::Filter, &Bindings::default()),
            Some(Action::Accept)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Enter), Mode::People, &Bindings::default()),
            Some(Action::ChoosePerson)
        ));
        assert!(matches!(
            map_key(
                key(KeyCode::Enter),
                Mode::PeopleFilter,
                &Bindings::default()
            ),
            Some(Action::ChoosePerson)
        ));
    }

    #[test]
    fn only_its_keys_close_an_overlay_and_releases_are_ignored() {
        let b = Bindings::default();
        assert_eq!(
            name(map_key(key(KeyCode::Char('x')), Mode::Overlay, &b)),
            "None"
        );
        for (code, want) in [
            (KeyCode::Esc, "Some(CloseOverlay)"),
            (KeyCode::Char('q'), "Some(CloseOverlay)"),
            (KeyCode::Char('?'), "Some(ToggleHelp)"),
            (KeyCode::Char('j'), "Some(Down)"),
            (KeyCode::Char(' '), "Some(PageDownOrNext)"),
            (KeyCode::Char('G'), "Some(Bottom)"),
        ] {
            assert_eq!(
                name(map_key(key(code), Mode::Overlay, &b)),
                want,
                "{code:?}"
            );
        }
        let mut release = key(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(
            name(map_key(
                release,
                Mode::Browse(Focus::List),
                &Bindings::default()
            )),
            "None"
        );
    }

    #[test]
    fn readline_keys_edit_the_filter_and_ctrl_n_p_move_the_list() {
        let b = Bindings::default();
        let ev = |code, m| KeyEvent::new(code, m);
        let cases = [
            (
                ev(KeyCode::Char('w'), KeyModifiers::CONTROL),
                "DeleteWordBack",
            ),
            (
                ev(KeyCode::Char('u'), KeyModifiers::CONTROL),
                "DeleteToStart",
            ),
            (ev(KeyCode::Char('k'), KeyModifiers::CONTROL), "DeleteToEnd"),
            (ev(KeyCode::Char('a'), KeyModifiers::CONTROL), "CursorHome"),
            (ev(KeyCode::Char('e'), KeyModifiers::CONTROL), "CursorEnd"),
            (ev(KeyCode::Home, KeyModifiers::NONE), "CursorHome"),
            (ev(KeyCode::End, KeyModifiers::NONE), "CursorEnd"),
            (ev(KeyCode::Char('b'), KeyModifiers::ALT), "WordLeft"),
            (ev(KeyCode::Char('f'), KeyModifiers::ALT), "WordRight"),
            (ev(KeyCode::Char('n'), KeyModifiers::CONTROL), "Down"),
            (ev(KeyCode::Char('p'), KeyModifiers::CONTROL), "Up"),
        ];
        for mode in [Mode::Filter, Mode::PeopleFilter] {
            for (key, want) in cases {
                assert_eq!(
                    name(map_key(key, mode, &b)),
                    format!("Some({want})"),
                    "{key:?}"
                );
            }
        }
    }

    #[test]
    fn a_paste_is_one_action_with_its_text() {
        let paste = Event::Paste("示范区\rlp".into());
        let actions = map_event(&paste, Mode::Browse(Focus::List), &Bindings::default());
        assert!(matches!(actions.as_slice(), [Action::Paste(t)] if t == "示范区\rlp"));
        assert!(map_event(&paste, Mode::Overlay, &Bindings::default()).is_empty());
    }

    #[test]
    fn slash_filters_from_the_list_and_searches_the_article_in_the_reader() {
        let b = Bindings::default();
        let slash = key(KeyCode::Char('/'));
        assert_eq!(
            name(map_key(slash, Mode::Browse(Focus::List), &b)),
            "Some(EditFilter)"
        );
        assert_eq!(
            name(map_key(slash, Mode::Browse(Focus::Reader), &b)),
            "Some(EditFind)"
        );
        assert_eq!(name(map_key(slash, Mode::People, &b)), "Some(EditFilter)");
        // Typing the search: characters are text, enter jumps, esc cancels.
        assert_eq!(
            name(map_key(key(KeyCode::Char('n')), Mode::Find, &b)),
            "Some(Insert('n'))"
        );
        assert_eq!(
            name(map_key(key(KeyCode::Enter), Mode::Find, &b)),
            "Some(Accept)"
        );
        assert_eq!(
            name(map_key(key(KeyCode::Esc), Mode::Find, &b)),
            "Some(LeaveInput)"
        );
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            name(map_key(ctrl_w, Mode::Find, &b)),
            "Some(DeleteWordBack)"
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(name(map_key(ctrl_c, Mode::Find, &b)), "Some(Quit)");
        // A rebound search key moves in the reader only.
        let c =
            crate::config::Config::parse("[keys]\nfind = [\"f\"]\n", "config.toml").expect("valid");
        assert_eq!(
            name(map_key(
                key(KeyCode::Char('f')),
                Mode::Browse(Focus::Reader),
                &c.keys
            )),
            "Some(EditFind)"
        );
        assert_eq!(
            name(map_key(slash, Mode::Browse(Focus::Reader), &c.keys)),
            "None"
        );
        assert_eq!(
            name(map_key(slash, Mode::Browse(Focus::List), &c.keys)),
            "Some(EditFilter)"
        );
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

    #[test]
    fn b_bookmarks_while_browsing_and_types_while_filtering() {
        let b = Bindings::default();
        assert!(matches!(
            map_key(key(KeyCode::Char('b')), Mode::Browse(Focus::Reader), &b),
            Some(Action::ToggleBookmark)
        ));
        assert!(matches!(
            map_key(key(KeyCode::Char('b')), Mode::Filter, &b),
            Some(Action::Insert('b'))
        ));
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(name(map_key(ctrl_x, Mode::Filter, &b)), "None");
    }

    #[test]
    fn digits_are_counts_when_browsing_and_text_when_typing() {
        let five = key(KeyCode::Char('5'));
        let b = Bindings::default();
        assert!(matches!(
            map_key(five, Mode::Browse(Focus::List), &b),
            Some(Action::Digit(5))
        ));
        assert!(matches!(
            map_key(five, Mode::Filter, &b),
            Some(Action::Insert('5'))
        ));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert!(matches!(
            map_key(ctrl_d, Mode::Browse(Focus::Reader), &b),
            Some(Action::HalfPage(true))
        ));
        let space = key(KeyCode::Char(' '));
        assert!(matches!(
            map_key(space, Mode::Browse(Focus::Reader), &b),
            Some(Action::PageDownOrNext)
        ));
    }

    #[test]
    fn a_custom_binding_changes_what_a_key_does() {
        let c = crate::config::Config::parse(
            "[keys]\nquit = [\"x\", \"ctrl-q\"]\nbookmark = [\"m\"]\n",
            "config.toml",
        )
        .expect("valid");
        let list = Mode::Browse(Focus::List);
        let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(matches!(
            map_key(key('x'), list, &c.keys),
            Some(Action::Quit)
        ));
        assert!(map_key(key('q'), list, &c.keys).is_none());
        assert!(matches!(
            map_key(key('m'), list, &c.keys),
            Some(Action::ToggleBookmark)
        ));
        assert!(map_key(key('b'), list, &c.keys).is_none());
        // Ctrl keys of quit work while typing; the plain one types.
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert!(matches!(
            map_key(ctrl_q, Mode::Filter, &c.keys),
            Some(Action::Quit)
        ));
        assert!(matches!(
            map_key(key('x'), Mode::Filter, &c.keys),
            Some(Action::Insert('x'))
        ));
    }
}
