//! The costs and limits a reading of the page is scored and searched by.

/// Weight of the headline's share of words found in a story's lead.
pub(super) const W_LEAD: f32 = 3.0;
/// Weight of the headline's share of words found anywhere in a story's body.
pub(super) const W_BODY: f32 = 2.0;
/// What attaching any headline to a story is worth before its words are compared.
pub(super) const ATTACH_BASE: f32 = 0.0;
/// Cost of a news story without a headline.
pub(super) const NO_HEADLINE: f32 = 1.5;
/// Cost of a headline on a caption or a brief, which carry none.
pub(super) const HEADLINE_ON_ITEM: f32 = 3.0;
/// Cost of ending a story where nothing on the page says one ends.
pub(super) const SPLIT_BASE: f32 = 2.5;
/// Cost of a story opening with words that refer back to text before it.
pub(super) const ANAPHORIC_START: f32 = 1.5;
/// Cost of a story opening in the middle of a sentence (with punctuation or a particle).
pub(super) const MID_SENTENCE_START: f32 = 3.0;
/// Cost of a story whose text stops in the middle of a sentence.
pub(super) const UNFINISHED: f32 = 2.5;
/// Headline strength at which reading a piece as a headline costs nothing; weaker pieces
/// pay the difference.
pub(super) const HEAD_PIVOT: f32 = 1.0;
/// Change of column width (in cells) that says the text is another story's.
pub(super) const COLUMN_CHANGE: u16 = 3;
/// Cost of cutting between two columns of vertical text, as if they were two headlines.
pub(super) const VERTICAL_CUT: f32 = 2.0;
/// Most pieces in one headline block (kicker, a title wrapped over a blank, subtitle).
pub(super) const MAX_GROUP: usize = 4;
/// States kept per position.
pub(super) const BEAM: usize = 24;
/// States further than this below the best one at a position are dropped: no later evidence
/// is worth that much.
pub(super) const BEAM_MARGIN: f32 = 8.0;
/// A reading that wins by less than this leaves a doubt.
pub(super) const DOUBT_MARGIN: f32 = 0.75;
