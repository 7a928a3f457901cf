//! The words the app, its key bindings and its saved state share: what the user can ask
//! ([`Action`]), which pane has the keyboard ([`Focus`]), what the keys mean ([`Mode`]) and
//! what the article filter matches ([`FilterScope`]).
//!
//! Plain values only, and nothing of the terminal reader, the configuration or the saved state:
//! the keymap, the key bindings of the configuration, the update of the reader and the state
//! file all speak these words, so they sit below all of them. Answers that come back from
//! background work (a search, the load) are not words of the user's and live with the reader.
//! The actions a key can be bound to ([`crate::config::COMMANDS`]) carry nothing, or a value
//! fixed by their binding (a direction); the others carry what the terminal reported: a typed
//! character, a paste, a size, where the pointer was.
//!
//! The search module only knows which fields to match ([`Scope`]); restricting the set to
//! bookmarked articles is the reader's business, so that scope is [`FilterScope`] here and
//! maps to [`Scope::All`] for the text part of the filter.

use serde::{Deserialize, Serialize};

use crate::search::Scope;

/// One thing the user asks of the reader: a key, a mouse event, a paste or a resize.
#[derive(Clone, Debug)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Move the selection (list, people) or scroll the reader one line up.
    Up,
    /// Move the selection (list, people) or scroll the reader one line down.
    Down,
    /// One page up in the focused pane.
    PageUp,
    /// One page down in the focused pane.
    PageDown,
    /// Half a page down (`true`) or up in the focused pane (Ctrl-D / Ctrl-U).
    HalfPage(bool),
    /// One page down in the reader; at the end of the article, the next article (space).
    PageDownOrNext,
    /// A digit of a count for the next movement (`5j`).
    Digit(u8),
    /// The next sort order of the list.
    CycleSort,
    /// To the next (`forward`) or previous day, or month, that has articles.
    JumpDate {
        /// Later dates.
        forward: bool,
        /// By month rather than by day.
        month: bool,
    },
    /// Mark the selected article read, or unread when it is read.
    ToggleRead,
    /// The next unread article of the list.
    NextUnread,
    /// Show only unread articles, or all again.
    ToggleUnreadOnly,
    /// Show the article in `$PAGER`.
    OpenPager,
    /// Copy the article's text to the clipboard (OSC 52).
    Copy,
    /// To the first row / top of the article.
    Top,
    /// To the last row / end of the article.
    Bottom,
    /// Focus the next visible pane, cycling (Tab): list ⇄ reader, people ⇄ person.
    FocusNext,
    /// Focus the previous visible pane, cycling (BackTab).
    FocusPrev,
    /// Focus the article list.
    FocusList,
    /// Focus the reader.
    FocusReader,
    /// Open the selected article in the reader (focus the reader).
    Open,
    /// Next article of the filtered set (from the reader).
    NextArticle,
    /// Previous article of the filtered set (from the reader).
    PrevArticle,
    /// Start editing the filter of the current view (articles or people).
    EditFilter,
    /// Insert a character at the cursor of the input being edited.
    Insert(char),
    /// Text pasted into the terminal (bracketed paste): typed into the current input as text,
    /// never run as keys; outside an input it opens the filter first.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Move the input cursor one character left.
    CursorLeft,
    /// Move the input cursor one character right.
    CursorRight,
    /// Move the input cursor to the start.
    CursorHome,
    /// Move the input cursor to the end.
    CursorEnd,
    /// Delete the word before the cursor (Ctrl-W).
    DeleteWordBack,
    /// Delete from the start of the input to the cursor (Ctrl-U).
    DeleteToStart,
    /// Delete from the cursor to the end of the input (Ctrl-K).
    DeleteToEnd,
    /// Move the input cursor to the start of the previous word (Alt-B).
    WordLeft,
    /// Move the input cursor past the end of the next word (Alt-F).
    WordRight,
    /// Clear the input being edited.
    ClearInput,
    /// Cycle the filter scope: all → headline → person → bookmarked.
    CycleScope,
    /// Stop editing the input (the filter stays applied).
    LeaveInput,
    /// Clear the article filter and the person restriction.
    ClearFilter,
    /// Stop editing and jump to the list; in the reader's search, jump to the first match.
    Accept,
    /// Start a search of the open article's text (in the reader).
    EditFind,
    /// Bookmark the selected article, or remove its bookmark.
    ToggleBookmark,
    /// Open the people view.
    OpenPeople,
    /// Close the people view.
    ClosePeople,
    /// Restrict the article list to the selected person and go back to it.
    ChoosePerson,
    /// Show or hide the help (keys, marks, mouse).
    ToggleHelp,
    /// Close the open overlay.
    CloseOverlay,
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Mouse wheel at a cell: `down` scrolls towards the end.
    Wheel {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// True for wheel-down.
        down: bool,
    },
    /// Left click at a cell.
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// Show the files that could not be loaded.
    ShowFailures,
}

/// Which of the two article panes has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The article reader.
    Reader,
}

/// What the keys currently mean; the keymap's only input besides the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Browsing articles with focus on a pane.
    Browse(Focus),
    /// Typing into the article filter.
    Filter,
    /// Browsing people.
    People,
    /// Typing into the people filter.
    PeopleFilter,
    /// Typing a search of the open article's text (the reader's `/`).
    Find,
    /// An overlay (the help, the files that failed) is open and has the keyboard.
    Overlay,
}

/// What the article filter matches, and over which articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterScope {
    /// Every field, every article.
    #[default]
    All,
    /// Headlines only.
    Headline,
    /// People only.
    Person,
    /// Every field, bookmarked articles only.
    Bookmarked,
}

impl FilterScope {
    /// Every scope, in Tab order.
    pub const ALL: [FilterScope; 4] = [
        FilterScope::All,
        FilterScope::Headline,
        FilterScope::Person,
        FilterScope::Bookmarked,
    ];

    /// The next scope in the Tab cycle.
    pub fn next(self) -> FilterScope {
        match self {
            FilterScope::All => FilterScope::Headline,
            FilterScope::Headline => FilterScope::Person,
            FilterScope::Person => FilterScope::Bookmarked,
            FilterScope::Bookmarked => FilterScope::All,
        }
    }

    /// Name shown in the filter pane and written in configuration and state files.
    pub fn label(self) -> &'static str {
        match self {
            FilterScope::All => "all",
            FilterScope::Headline => "headline",
            FilterScope::Person => "person",
            FilterScope::Bookmarked => "bookmarked",
        }
    }

    /// The fields the filter text is matched against.
    pub fn search_scope(self) -> Scope {
        match self {
            FilterScope::All | FilterScope::Bookmarked => Scope::All,
            FilterScope::Headline => Scope::Headline,
            FilterScope::Person => Scope::Person,
        }
    }

    /// True when only bookmarked articles are in the set.
    pub fn bookmarked_only(self) -> bool {
        self == FilterScope::Bookmarked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cycles_through_every_scope() {
        let mut s = FilterScope::All;
        for expected in FilterScope::ALL.iter().cycle().skip(1).take(4) {
            s = s.next();
            assert_eq!(s, *expected);
        }
        assert_eq!(s, FilterScope::All);
        assert_eq!(FilterScope::Bookmarked.search_scope(), Scope::All);
    }
}
