//! Classified lines → pieces: the runs of text lines that the page model labels as a whole,
//! with the layout features it scores them by.
//!
//! A piece is a run of text lines with no blank line inside. Runs are cut where the page
//! itself says something ends or begins: before a story's opening line (`本报讯`, `●`, an
//! arrow), after a line closed by a credit, around a vertical headline, and where one or two
//! headline-shaped lines touch body lines of a visibly different width (a headline printed
//! right above or below its text, without a blank line). Page furniture (headers, column
//! labels, decoration, signatures) is set apart with the piece it precedes, so that nothing
//! of the page is lost.
//!
//! Widths are measured in display cells without layout spaces (`方 向 ， 合 理` is as wide
//! as `方向，合理`), so that a justified line compares with its column.

mod cut;
mod openers;
mod piece;
mod shape;

pub use cut::layout;
pub use piece::{Credit, Furniture, FurnitureKind, Gap, Layout, Piece, Shape};
pub use shape::{ink_width, label_like};

#[cfg(test)]
mod tests;
