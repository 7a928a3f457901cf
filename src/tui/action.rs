//! Everything the user (or the search worker) can ask of the reader, as plain values.
//!
//! Keys and mouse events are translated into an [`Action`] by the keymap; [`super::update`]
//! applies it to the state. Keeping this a closed, documented enum makes the help overlay, the
//! keymap tests and the update tests speak the same language.

use std::sync::Arc;

use crate::corpus::Progress;
use crate::search::Catalog;
use crate::search::Results;

/// One thing to do to the application state.
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
    /// Stop editing and jump to the list.
    Accept,
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
    /// The search worker finished the search with this generation.
    SearchDone(u64, Arc<Results>),
    /// The background load has come this far.
    LoadProgress(Progress),
    /// The background load built a store of the articles so far; `true` when it is the last.
    StoreLoaded(Arc<Catalog>, bool),
    /// Files of the load that could not be read, each as `path: reason` (sent before the final
    /// store).
    LoadFailures(Vec<String>),
    /// Show the files that could not be loaded.
    ShowFailures,
    /// The saved reading state of the loaded corpus (bookmarks, read marks, filter, selection)
    /// and a notice about it, applied once the final store is in.
    StateRestored(Box<crate::state::SavedState>, Option<String>),
}
