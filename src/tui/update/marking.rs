//! Read marks and bookmarks of the selected article.

use super::filter::refilter;
use crate::tui::app::App;

/// Marks the selected article read, or unread when it is read (it then stays unread while
/// it is shown).
pub(super) fn toggle_read(app: &mut App) {
    let Some(id) = app.selected_article() else {
        return;
    };
    if app.marks.is_read(id) {
        app.marks.mark_unread(id);
        app.kept_unread = Some(id);
    } else {
        app.marks.mark_read(id);
    }
    app.marks_changed = true;
}

/// Bookmarks or unbookmarks the selected article.
///
/// In the bookmarked scope an unbookmarked article leaves the set at once; the selection
/// moves to its neighbour instead of jumping to the top.
pub(super) fn toggle_bookmark(app: &mut App) {
    let Some(id) = app.selected_article() else {
        return;
    };
    let now = app.marks.toggle_bookmark(id);
    app.marks_changed = true;
    if app.scope.bookmarked_only() && !now {
        let i = app.list.selected;
        app.pending_select = app
            .set_get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|j| app.set_get(j)));
        app.results = None;
        refilter(app);
    }
}
