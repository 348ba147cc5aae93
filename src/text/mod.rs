//! Text input: decoding files of any common encoding into one `String` (`decode`), cutting it into
//! paragraphs (`paragraphs`), and the offset bookkeeping every later stage reports in
//! (`Offsets`: Unicode scalar positions into the decoded text, before any normalisation); and
//! small language facts the later stages share (`months`).

pub mod decode;
pub mod months;
pub mod normalize;
pub mod paragraphs;

pub use decode::{Decoded, decode_bytes, read_document};
pub use paragraphs::{Paragraph, ParagraphMode, split_paragraphs};

/// A decoded input document: where it came from, the text exactly as decoded (line ends kept), and
/// which encoding was used.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (`-` for standard input).
    pub name: String,
    pub text: String,
    pub encoding: &'static str,
}

/// Converts byte offsets into a string to char (Unicode scalar) offsets, for ascending queries in
/// amortised O(1): it walks forward from the last answer, and restarts only when asked to go back.
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter { text, byte: 0, chars: 0 }
    }

    /// Char offset of byte offset `byte` (which must be on a char boundary).
    pub fn char_at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// `char::is_alphanumeric`, with the basic Cyrillic letters answered without the Unicode table
/// lookup (Russian text is most of what tralign reads outside ASCII).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { is_basic_cyrillic(c) || c.is_alphanumeric() }
}

/// `char::is_alphabetic`, likewise.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { is_basic_cyrillic(c) || c.is_alphabetic() }
}

#[inline]
fn is_basic_cyrillic(c: char) -> bool {
    ('\u{0410}'..='\u{044F}').contains(&c) || c == 'ё' || c == 'Ё'
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_letter_tests_agree_with_the_unicode_ones() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
