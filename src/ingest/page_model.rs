//! The page model: which pieces are body text and which are headlines, where each story starts
//! and ends, and which story each headline belongs to — decided for the whole page at once.
//!
//! A line-by-line cascade lets one odd line split an article or send a headline to the wrong
//! story. Here every reading of the page is scored and the best one is found by dynamic
//! programming over the pieces (a semi-Markov model: a headline is a run of pieces, a story a
//! run of body pieces). A reading is the sum of:
//! - **headline evidence** ([`Strength`]): a headline-shaped piece read as body costs what
//!   its shape, width against the neighbouring columns and context say about it;
//! - **story boundaries**: a story may only end where a sentence or a credit ends; an opener
//!   (`本报讯`, `●`, an arrow) or a credit forces a boundary; elsewhere a boundary costs less
//!   when the column width changes, the next text opens with a date, or furniture stands
//!   between;
//! - **headline attachment**: each story takes at most one headline block, printed before or
//!   after it, scored by the share of the headline's words found in the story's lead and body
//!   ([`Overlap`]): a headline repeats its lead's words. A news story without a headline, and
//!   a headline of nothing, cost something; a caption or a brief with a headline costs more.
//!
//! So a headline between two stories goes where its words are, two headlines around one run of
//! text split it where a story can end, and a short body line that could be a headline stays
//! body when no story wants it. `又讯` opens a further story under the headline of the story
//! before it. Where the best reading wins by a small margin, the stories it concerns carry a
//! [`Doubts`] mark.

pub use crate::model::Doubts;

use super::overlap::Overlap;
use super::pieces::{Layout, Piece, label_like};

/// One story as the model reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// Indices of its body pieces, in order.
    pub body: Vec<usize>,
    /// Its headline block: an inclusive range of pieces.
    pub headline: Option<(usize, usize)>,
    /// Whether the headline block is printed before the body.
    pub headline_before: bool,
    /// Index of the piece whose gap holds the story's signature (the piece count for the end
    /// of the page).
    pub signature_at: Option<usize>,
    /// Where the model was unsure.
    pub doubts: Doubts,
}

/// The best reading of a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The stories in body order.
    pub stories: Vec<Story>,
    /// Headline-shaped pieces that belong to no story: banners and labels, kept as furniture.
    pub orphans: Vec<usize>,
}

mod beam;
mod costs;
mod evidence;
mod read_back;
mod state;
mod weights;

use evidence::{
    PAGE_TOP_ORPHAN, column_after, column_before, next_to_brief, orphan_cost, strength,
};

/// Read a page: the best plan of stories, headlines and furniture for its pieces.
pub fn plan(layout: &Layout) -> Plan {
    let pieces = &layout.pieces;
    if pieces.is_empty() || u32::try_from(pieces.len()).is_err() {
        return Plan {
            stories: Vec::new(),
            orphans: (0..pieces.len()).collect(),
        };
    }
    let model = Model::new(layout);
    let (path, margins) = model.best_path();
    model.read_back(&path, &margins)
}

/// Scores of one page's readings.
struct Model<'a> {
    pieces: &'a [Piece],
    layout: &'a Layout,
    overlap: Overlap,
    strength: Vec<f32>,
    /// Cost of setting each piece aside as furniture.
    orphan: Vec<f32>,
    /// Column width of the body text ending at each piece (see [`column_before`]).
    columns_before: Vec<Option<u16>>,
    /// Column width of the body text starting at each piece (see [`column_after`]).
    columns_after: Vec<Option<u16>>,
}

impl<'a> Model<'a> {
    fn new(layout: &'a Layout) -> Self {
        let pieces = &layout.pieces[..];
        let strength: Vec<f32> = (0..pieces.len()).map(|i| strength(pieces, i)).collect();
        let first_text = pieces.iter().position(|p| !p.headline_shaped());
        let orphan = (0..pieces.len())
            .map(|i| {
                if !pieces[i].headline_shaped() {
                    return 0.0;
                }
                let label_like = pieces[i].lines.len() == 1
                    && label_like(&pieces[i].lines[0])
                    && next_to_brief(pieces, i);
                let page_top = first_text.is_none_or(|f| i < f);
                if label_like {
                    0.2
                } else if page_top {
                    // Banners and section titles head the page.
                    PAGE_TOP_ORPHAN * orphan_cost(&pieces[i])
                } else {
                    orphan_cost(&pieces[i])
                }
            })
            .collect();
        Model {
            pieces,
            layout,
            overlap: Overlap::new(pieces),
            strength,
            orphan,
            columns_before: (0..pieces.len())
                .map(|i| column_before(pieces, i))
                .collect(),
            columns_after: (0..pieces.len()).map(|i| column_after(pieces, i)).collect(),
        }
    }

    fn n(&self) -> usize {
        self.pieces.len()
    }
}

#[cfg(test)]
mod tests;
