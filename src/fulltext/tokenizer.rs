//! The bigram tokenizer: every pair of adjacent characters of the normalised text, at the
//! position of its first character.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// One character as it is indexed and searched: lowercase (when that is one character) and
/// full-width ASCII as ASCII. One character always gives one, so positions in the normalised
/// text are positions in the original.
pub fn normalize_char(c: char) -> char {
    let c = match u32::from(c) {
        // Full-width forms of `!` to `~`.
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Chinese characters have no case: spare them the lookup of a lowercase form.
    if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// True when no character but itself normalises to any of the normalised characters `chars`,
/// so the normalised text holds them exactly where the text itself does and a byte search of
/// the text finds them: neither ASCII (full-width forms and capitals normalise to it), nor
/// lowercase (capitals normalise to it), nor the space (the ideographic space does). Chinese
/// characters, most of all.
pub fn found_as_written(chars: &[char]) -> bool {
    chars
        .iter()
        .all(|c| !c.is_ascii() && !c.is_lowercase() && *c != ' ')
}

/// `text` with every character normalised by [`normalize_char`].
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// Cuts text into overlapping character bigrams of normalised characters.
///
/// Pairs holding a line break are left out: lines are separate fields of an article.
#[derive(Clone, Debug, Default)]
pub struct BigramTokenizer;

/// The tokens of one text.
pub struct BigramStream<'a> {
    /// Byte offset and normalised character of each character of the text.
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
    position: usize,
    token: Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream {
            chars: text.char_indices().peekable(),
            text,
            position: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((from, first)) = self.chars.next() else {
                return false;
            };
            let Some(&(at, second)) = self.chars.peek() else {
                return false;
            };
            let position = self.position;
            self.position += 1;
            if first == '\n' || second == '\n' {
                continue;
            }
            self.token.text.clear();
            self.token.text.push(normalize_char(first));
            self.token.text.push(normalize_char(second));
            self.token.offset_from = from;
            self.token.offset_to = at + second.len_utf8();
            self.token.position = position;
            self.token.position_length = 1;
            debug_assert!(self.token.offset_to <= self.text.len());
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
