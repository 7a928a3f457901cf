//! Named actions and the keys bound to them: the table the keymap and the help overlay read.
//!
//! Every bindable action has a name (used in the `[keys]` table of the configuration), a
//! help line, default keys (the reader's historical keys) and the modes it applies in. The
//! same key can mean different things in different modes (`enter` opens an article, accepts
//! the filter, or picks a person), so a key may be bound to several actions as long as no two
//! of them apply in the same mode. Keys that type a character are ignored while typing into a
//! filter, except that Ctrl/Alt keys still work there.
//!
//! A key the user binds is taken away from the defaults of every other action sharing a mode
//! with it, so `bookmark = ["m"]` plus `quit = ["b"]` needs no extra line to free `b`.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyCode;

use super::keys::KeySpec;
use crate::vocab::{Action, Focus, Mode};

/// Modes an action applies in, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Modes(u8);

impl Modes {
    /// Browsing the article list.
    pub const LIST: Modes = Modes(1);
    /// Reading an article.
    pub const READER: Modes = Modes(2);
    /// Browsing people.
    pub const PEOPLE: Modes = Modes(4);
    /// Typing into the article filter.
    pub const FILTER: Modes = Modes(8);
    /// Typing into the people filter.
    pub const PEOPLE_FILTER: Modes = Modes(16);
    /// An overlay: the help, the files that failed.
    pub const OVERLAY: Modes = Modes(32);
    /// Typing a search of the open article.
    pub const FIND: Modes = Modes(64);
    /// Both article panes.
    pub const ARTICLES: Modes = Modes(1 | 2);
    /// Every browsing mode.
    pub const BROWSE: Modes = Modes(1 | 2 | 4);
    /// Every text input: both filters and the article search.
    pub const TYPING: Modes = Modes(8 | 16 | 64);
    /// Everywhere.
    pub const ALL: Modes = Modes(127);

    /// The bit of one mode.
    pub fn of(mode: Mode) -> Modes {
        match mode {
            Mode::Browse(Focus::List) => Modes::LIST,
            Mode::Browse(Focus::Reader) => Modes::READER,
            Mode::People => Modes::PEOPLE,
            Mode::Filter => Modes::FILTER,
            Mode::PeopleFilter => Modes::PEOPLE_FILTER,
            Mode::Find => Modes::FIND,
            Mode::Overlay => Modes::OVERLAY,
        }
    }

    /// Both sets together.
    pub const fn or(self, other: Modes) -> Modes {
        Modes(self.0 | other.0)
    }

    /// True when the sets share a mode.
    pub fn meets(self, other: Modes) -> bool {
        self.0 & other.0 != 0
    }
}

/// One bindable action: its configuration name, help text, modes and default keys.
#[derive(Clone, Copy, Debug)]
pub struct BindableAction {
    /// Name in the `[keys]` table.
    pub name: &'static str,
    /// One line for the help overlay and the default file.
    pub help: &'static str,
    /// Where it applies.
    pub modes: Modes,
    /// The action it produces.
    pub action: fn() -> Action,
    /// Keys bound when the configuration says nothing.
    pub default: &'static [KeySpec],
}

/// Shorthand for a plain named key.
const fn k(code: KeyCode) -> KeySpec {
    KeySpec::plain(code)
}

/// Every bindable action, in help order. Earlier entries win when a mode repeats a key.
pub const COMMANDS: &[BindableAction] = &[
    BindableAction {
        name: "close_overlay",
        help: "close the help or the list of failures (so does q)",
        modes: Modes::OVERLAY,
        action: || Action::CloseOverlay,
        default: &[k(KeyCode::Esc), k(KeyCode::Enter)],
    },
    BindableAction {
        name: "quit",
        help: "quit (Ctrl/Alt keys work everywhere)",
        modes: Modes::ALL,
        action: || Action::Quit,
        default: &[KeySpec::char('q'), KeySpec::ctrl('c')],
    },
    BindableAction {
        name: "help",
        help: "this help: keys, marks, mouse",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::ToggleHelp,
        default: &[KeySpec::char('?')],
    },
    BindableAction {
        name: "up",
        help: "move selection / scroll reader up",
        modes: Modes::BROWSE.or(Modes::TYPING).or(Modes::OVERLAY),
        action: || Action::Up,
        default: &[KeySpec::char('k'), k(KeyCode::Up), KeySpec::ctrl('p')],
    },
    BindableAction {
        name: "down",
        help: "move selection / scroll reader down",
        modes: Modes::BROWSE.or(Modes::TYPING).or(Modes::OVERLAY),
        action: || Action::Down,
        default: &[KeySpec::char('j'), k(KeyCode::Down), KeySpec::ctrl('n')],
    },
    BindableAction {
        name: "page_up",
        help: "one page up",
        modes: Modes::BROWSE.or(Modes::TYPING).or(Modes::OVERLAY),
        action: || Action::PageUp,
        default: &[k(KeyCode::PageUp)],
    },
    BindableAction {
        name: "page_down",
        help: "one page down",
        modes: Modes::BROWSE.or(Modes::TYPING).or(Modes::OVERLAY),
        action: || Action::PageDown,
        default: &[k(KeyCode::PageDown)],
    },
    BindableAction {
        name: "reader_page_down",
        help: "one page down in the reader; at the end, the next article",
        modes: Modes::READER.or(Modes::OVERLAY),
        action: || Action::PageDownOrNext,
        default: &[KeySpec::char(' ')],
    },
    BindableAction {
        name: "top",
        help: "first row / top of the article",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::Top,
        default: &[KeySpec::char('g'), k(KeyCode::Home)],
    },
    BindableAction {
        name: "bottom",
        help: "last row / end of the article",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::Bottom,
        default: &[KeySpec::char('G'), k(KeyCode::End)],
    },
    BindableAction {
        name: "focus_next",
        help: "next pane (list ⇄ reader, people ⇄ chart)",
        modes: Modes::ARTICLES.or(Modes::PEOPLE),
        action: || Action::FocusNext,
        default: &[k(KeyCode::Tab)],
    },
    BindableAction {
        name: "focus_prev",
        help: "previous pane",
        modes: Modes::ARTICLES.or(Modes::PEOPLE),
        action: || Action::FocusPrev,
        default: &[k(KeyCode::BackTab)],
    },
    BindableAction {
        name: "focus_reader",
        help: "go to the reader",
        modes: Modes::ARTICLES,
        action: || Action::FocusReader,
        default: &[KeySpec::char('l'), k(KeyCode::Right)],
    },
    BindableAction {
        name: "focus_list",
        help: "go to the list",
        modes: Modes::ARTICLES,
        action: || Action::FocusList,
        default: &[KeySpec::char('h'), k(KeyCode::Left)],
    },
    BindableAction {
        name: "open",
        help: "open the article in the reader",
        modes: Modes::ARTICLES,
        action: || Action::Open,
        default: &[k(KeyCode::Enter)],
    },
    BindableAction {
        name: "next_article",
        help: "next article (in the reader: the next match first)",
        modes: Modes::ARTICLES,
        action: || Action::NextArticle,
        default: &[KeySpec::char('n')],
    },
    BindableAction {
        name: "prev_article",
        help: "previous article (in the reader: the previous match first)",
        modes: Modes::ARTICLES,
        action: || Action::PrevArticle,
        default: &[KeySpec::char('N')],
    },
    BindableAction {
        name: "bookmark",
        help: "bookmark / unbookmark the article",
        modes: Modes::ARTICLES,
        action: || Action::ToggleBookmark,
        default: &[KeySpec::char('b')],
    },
    BindableAction {
        name: "half_page_down",
        help: "half a page down (as in less and vim)",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::HalfPage(true),
        default: &[KeySpec::ctrl('d')],
    },
    BindableAction {
        name: "half_page_up",
        help: "half a page up",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::HalfPage(false),
        default: &[KeySpec::ctrl('u')],
    },
    BindableAction {
        name: "page_forward",
        help: "one page down (as PgDn)",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::PageDown,
        default: &[KeySpec::ctrl('f')],
    },
    BindableAction {
        name: "page_back",
        help: "one page up (as PgUp)",
        modes: Modes::BROWSE.or(Modes::OVERLAY),
        action: || Action::PageUp,
        default: &[KeySpec::ctrl('b')],
    },
    BindableAction {
        name: "sort",
        help: "sort the list: relevance → date → region → kind",
        modes: Modes::ARTICLES,
        action: || Action::CycleSort,
        default: &[KeySpec::char('s')],
    },
    BindableAction {
        name: "next_day",
        help: "to the next day with articles",
        modes: Modes::ARTICLES,
        action: || Action::JumpDate {
            forward: true,
            month: false,
        },
        default: &[KeySpec::char(']')],
    },
    BindableAction {
        name: "prev_day",
        help: "to the previous day with articles",
        modes: Modes::ARTICLES,
        action: || Action::JumpDate {
            forward: false,
            month: false,
        },
        default: &[KeySpec::char('[')],
    },
    BindableAction {
        name: "next_month",
        help: "to the next month with articles",
        modes: Modes::ARTICLES,
        action: || Action::JumpDate {
            forward: true,
            month: true,
        },
        default: &[KeySpec::char('}')],
    },
    BindableAction {
        name: "prev_month",
        help: "to the previous month with articles",
        modes: Modes::ARTICLES,
        action: || Action::JumpDate {
            forward: false,
            month: true,
        },
        default: &[KeySpec::char('{')],
    },
    BindableAction {
        name: "toggle_read",
        help: "mark the article read / unread",
        modes: Modes::ARTICLES,
        action: || Action::ToggleRead,
        default: &[KeySpec::char('m')],
    },
    BindableAction {
        name: "next_unread",
        help: "next unread article",
        modes: Modes::ARTICLES,
        action: || Action::NextUnread,
        default: &[KeySpec::char('u')],
    },
    BindableAction {
        name: "unread_only",
        help: "show only unread articles / all",
        modes: Modes::ARTICLES,
        action: || Action::ToggleUnreadOnly,
        default: &[KeySpec::char('U')],
    },
    BindableAction {
        name: "pager",
        help: "open the article in $PAGER (less)",
        modes: Modes::ARTICLES,
        action: || Action::OpenPager,
        default: &[KeySpec::char('o')],
    },
    BindableAction {
        name: "copy",
        help: "copy the article to the clipboard (OSC 52)",
        modes: Modes::ARTICLES,
        action: || Action::Copy,
        default: &[KeySpec::char('y')],
    },
    BindableAction {
        name: "failures",
        help: "the files that could not be read, and why",
        modes: Modes::BROWSE,
        action: || Action::ShowFailures,
        default: &[KeySpec::char('!')],
    },
    BindableAction {
        name: "filter",
        help: "filter (live); @name = people",
        modes: Modes::LIST.or(Modes::PEOPLE),
        action: || Action::EditFilter,
        default: &[KeySpec::char('/')],
    },
    BindableAction {
        name: "find",
        help: "in the reader: search the article's text (as less's /); enter jumps to the \
               first match from the top line on, n N step, esc clears",
        modes: Modes::READER,
        action: || Action::EditFind,
        default: &[KeySpec::char('/')],
    },
    BindableAction {
        name: "clear_filter",
        help: "clear the filter and the person (in the reader, first end an article search)",
        modes: Modes::ARTICLES,
        action: || Action::ClearFilter,
        default: &[k(KeyCode::Esc)],
    },
    BindableAction {
        name: "people",
        help: "people; then their articles",
        modes: Modes::ARTICLES,
        action: || Action::OpenPeople,
        default: &[KeySpec::char('p')],
    },
    BindableAction {
        name: "close_people",
        help: "back from people to articles",
        modes: Modes::PEOPLE,
        action: || Action::ClosePeople,
        default: &[k(KeyCode::Esc), KeySpec::char('p')],
    },
    BindableAction {
        name: "choose_person",
        help: "show the person's articles",
        modes: Modes::PEOPLE.or(Modes::PEOPLE_FILTER),
        action: || Action::ChoosePerson,
        default: &[k(KeyCode::Enter)],
    },
    BindableAction {
        name: "scope",
        help: "filter scope: all → headline → person → bookmarked",
        modes: Modes::FILTER,
        action: || Action::CycleScope,
        default: &[k(KeyCode::Tab)],
    },
    BindableAction {
        name: "accept",
        help: "filter: jump to the list; article search: jump to the match",
        modes: Modes::FILTER.or(Modes::FIND),
        action: || Action::Accept,
        default: &[k(KeyCode::Enter)],
    },
    BindableAction {
        name: "leave_input",
        help: "filter: stop typing (filter stays); article search: cancel it",
        modes: Modes::TYPING,
        action: || Action::LeaveInput,
        default: &[k(KeyCode::Esc)],
    },
    BindableAction {
        name: "clear_input",
        help: "filter: clear the input",
        modes: Modes::TYPING,
        action: || Action::ClearInput,
        default: &[],
    },
    BindableAction {
        name: "delete_word",
        help: "filter: delete the word before the cursor",
        modes: Modes::TYPING,
        action: || Action::DeleteWordBack,
        default: &[KeySpec::ctrl('w'), KeySpec::alt(KeyCode::Backspace)],
    },
    BindableAction {
        name: "delete_to_start",
        help: "filter: delete to the start",
        modes: Modes::TYPING,
        action: || Action::DeleteToStart,
        default: &[KeySpec::ctrl('u')],
    },
    BindableAction {
        name: "delete_to_end",
        help: "filter: delete to the end",
        modes: Modes::TYPING,
        action: || Action::DeleteToEnd,
        default: &[KeySpec::ctrl('k')],
    },
    BindableAction {
        name: "word_left",
        help: "filter: cursor one word left",
        modes: Modes::TYPING,
        action: || Action::WordLeft,
        default: &[
            KeySpec::alt(KeyCode::Char('b')),
            KeySpec::ctrl_key(KeyCode::Left),
        ],
    },
    BindableAction {
        name: "word_right",
        help: "filter: cursor one word right",
        modes: Modes::TYPING,
        action: || Action::WordRight,
        default: &[
            KeySpec::alt(KeyCode::Char('f')),
            KeySpec::ctrl_key(KeyCode::Right),
        ],
    },
    BindableAction {
        name: "line_start",
        help: "filter: cursor to start",
        modes: Modes::TYPING,
        action: || Action::CursorHome,
        default: &[KeySpec::ctrl('a'), k(KeyCode::Home)],
    },
    BindableAction {
        name: "line_end",
        help: "filter: cursor to end",
        modes: Modes::TYPING,
        action: || Action::CursorEnd,
        default: &[KeySpec::ctrl('e'), k(KeyCode::End)],
    },
    BindableAction {
        name: "cursor_left",
        help: "filter: cursor left",
        modes: Modes::TYPING,
        action: || Action::CursorLeft,
        default: &[k(KeyCode::Left)],
    },
    BindableAction {
        name: "cursor_right",
        help: "filter: cursor right",
        modes: Modes::TYPING,
        action: || Action::CursorRight,
        default: &[k(KeyCode::Right)],
    },
    BindableAction {
        name: "delete_back",
        help: "filter: delete before the cursor",
        modes: Modes::TYPING,
        action: || Action::Backspace,
        default: &[k(KeyCode::Backspace), KeySpec::ctrl('h')],
    },
    BindableAction {
        name: "delete",
        help: "filter: delete under the cursor",
        modes: Modes::TYPING,
        action: || Action::Delete,
        default: &[k(KeyCode::Delete)],
    },
];

/// The names of every bindable action, for error messages.
pub fn command_names() -> Vec<&'static str> {
    COMMANDS.iter().map(|c| c.name).collect()
}

/// The command called `name`.
pub fn command(name: &str) -> Option<&'static BindableAction> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The effective keys of every command, indexed like [`COMMANDS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bindings {
    keys: Vec<Vec<KeySpec>>,
}

impl Default for Bindings {
    fn default() -> Bindings {
        Bindings {
            keys: COMMANDS.iter().map(|c| c.default.to_vec()).collect(),
        }
    }
}

/// Two of the user's own bindings give one key two meanings in one mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The key.
    pub key: KeySpec,
    /// The action bound first.
    pub first: &'static str,
    /// The action bound second (the one to report the line of).
    pub second: &'static str,
}

/// Bindings that leave a mode with no way to quit: what is wrong, and the commands whose
/// keys would fix it (the first the user bound is the line to report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuitTrap {
    /// What is wrong and how to fix it.
    pub message: &'static str,
    /// The commands concerned, the most direct first.
    pub commands: &'static [&'static str],
}

impl Bindings {
    /// The defaults with `user`'s bindings (action name → keys) put in place.
    ///
    /// A key the user binds is removed from the defaults of actions that share a mode with
    /// the user's action; two user bindings of one key in one mode are a [`Conflict`].
    pub fn with(user: &BTreeMap<&'static str, Vec<KeySpec>>) -> Result<Bindings, Conflict> {
        let mut b = Bindings::default();
        let index = |name: &str| COMMANDS.iter().position(|c| c.name == name);
        let users: Vec<(usize, &Vec<KeySpec>)> = user
            .iter()
            .filter_map(|(name, keys)| index(name).map(|i| (i, keys)))
            .collect();
        for &(i, keys) in &users {
            b.keys[i] = keys.clone();
        }
        for (n, &(i, keys)) in users.iter().enumerate() {
            for key in keys {
                for (j, cmd) in COMMANDS.iter().enumerate() {
                    if j == i || !cmd.modes.meets(COMMANDS[i].modes) {
                        continue;
                    }
                    if users[..n].iter().any(|&(u, ks)| u == j && ks.contains(key)) {
                        return Err(Conflict {
                            key: *key,
                            first: cmd.name,
                            second: COMMANDS[i].name,
                        });
                    }
                    if !users.iter().any(|&(u, _)| u == j) {
                        b.keys[j].retain(|k| k != key);
                    }
                }
            }
        }
        Ok(b)
    }

    /// Why nothing would quit in some mode, or None when every mode has a way to quit.
    ///
    /// Quit needs a key; and since keys that type a character are text while typing into a
    /// filter, one of quit's keys, or one of the keys that leave the input (accept too, for
    /// the article filter), must type no character. The help overlay closes on any key.
    pub fn quit_trap(&self) -> Option<QuitTrap> {
        if self.keys_of("quit").is_empty() {
            return Some(QuitTrap {
                message: "quit has no key, so nothing would end the reader",
                commands: &["quit"],
            });
        }
        let typed_only = |name: &str| self.keys_of(name).iter().all(|k| k.types_text());
        if !typed_only("quit") || !typed_only("leave_input") {
            return None;
        }
        if typed_only("accept") {
            return Some(QuitTrap {
                message: "no key quits or leaves the filter while typing into it (keys that \
                          type a character are text there): bind quit, leave_input or accept \
                          to a key such as esc or ctrl-q",
                commands: &["quit", "leave_input", "accept"],
            });
        }
        Some(QuitTrap {
            message: "no key quits or leaves the people filter while typing into it (keys that \
                      type a character are text there): bind quit or leave_input to a key \
                      such as esc or ctrl-q",
            commands: &["quit", "leave_input"],
        })
    }

    /// The keys of the command called `name`.
    pub fn keys_of(&self, name: &str) -> &[KeySpec] {
        COMMANDS
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.keys.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The first key of `name` as text (for hints), or `"?"` when unbound.
    pub fn first_key(&self, name: &str) -> String {
        self.keys_of(name)
            .first()
            .map_or_else(|| "-".to_owned(), KeySpec::to_string)
    }

    /// Every command with its keys, in help order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static BindableAction, &[KeySpec])> {
        COMMANDS.iter().zip(self.keys.iter().map(Vec::as_slice))
    }

    /// The action `key` is bound to in `mode`, if any.
    ///
    /// While typing, a key that types a character never matches.
    pub fn lookup(&self, key: KeySpec, mode: Mode) -> Option<Action> {
        let here = Modes::of(mode);
        if key.types_text() && here.meets(Modes::TYPING) {
            return None;
        }
        self.iter()
            .find(|(cmd, keys)| cmd.modes.meets(here) && keys.contains(&key))
            .map(|(cmd, _)| (cmd.action)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflict_in_any_mode() {
        let all = [
            Modes::LIST,
            Modes::READER,
            Modes::PEOPLE,
            Modes::FILTER,
            Modes::PEOPLE_FILTER,
            Modes::FIND,
        ];
        for mode in all {
            let mut seen: Vec<(KeySpec, &str)> = Vec::new();
            for c in COMMANDS.iter().filter(|c| c.modes.meets(mode)) {
                for k in c.default {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                        panic!("{k} bound to {other} and {} in {mode:?}", c.name);
                    }
                    seen.push((*k, c.name));
                }
            }
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names = command_names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
    }

    #[test]
    fn a_user_key_leaves_the_defaults_of_other_actions() {
        let user = BTreeMap::from([("quit", vec![KeySpec::char('b')])]);
        let b = Bindings::with(&user).expect("no conflict");
        assert_eq!(b.keys_of("quit"), &[KeySpec::char('b')]);
        assert!(b.keys_of("bookmark").is_empty());
        let list = Mode::Browse(Focus::List);
        assert!(matches!(
            b.lookup(KeySpec::char('b'), list),
            Some(Action::Quit)
        ));
        assert!(b.lookup(KeySpec::char('q'), list).is_none());
    }

    #[test]
    fn two_user_bindings_of_one_key_conflict() {
        let user = BTreeMap::from([
            ("bookmark", vec![KeySpec::char('x')]),
            ("open", vec![KeySpec::char('x')]),
        ]);
        let c = Bindings::with(&user).expect_err("conflict");
        assert_eq!(c.key, KeySpec::char('x'));
        // Different modes do not conflict.
        let user = BTreeMap::from([
            ("close_people", vec![KeySpec::char('x')]),
            ("open", vec![KeySpec::char('x')]),
        ]);
        assert!(Bindings::with(&user).is_ok());
    }

    #[test]
    fn bindings_that_leave_no_way_to_quit_are_a_trap() {
        let trap = |user: &[(&'static str, &[KeySpec])]| {
            let user = user.iter().map(|&(n, k)| (n, k.to_vec())).collect();
            Bindings::with(&user).expect("no conflict").quit_trap()
        };
        assert_eq!(trap(&[]), None);
        assert_eq!(
            trap(&[("quit", &[])]).map(|t| t.commands),
            Some(&["quit"][..])
        );
        // Both default quit keys taken by another action.
        let taken = [KeySpec::char('q'), KeySpec::ctrl('c')];
        assert!(trap(&[("help", &taken)]).is_some());
        // Only a character: quits when browsing, but not while typing unless esc leaves.
        assert_eq!(trap(&[("quit", &[KeySpec::char('x')])]), None);
        let typed = [("quit", &[KeySpec::char('x')][..]), ("leave_input", &[])];
        assert_eq!(
            trap(&typed).map(|t| t.commands),
            Some(&["quit", "leave_input"][..])
        );
        let typed = [
            ("quit", &[KeySpec::char('x')][..]),
            ("leave_input", &[]),
            ("accept", &[]),
        ];
        assert_eq!(
            trap(&typed).map(|t| t.commands),
            Some(&["quit", "leave_input", "accept"][..])
        );
    }
}
