//! Text input: decoding files of any common encoding into one `String` (`decode`), cutting it into
//! paragraphs (`paragraphs`), and the offset bookkeeping every later stage reports in
//! (`Offsets`: Unicode scalar positions into the decoded text, before any normalisation).

pub mod decode;
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
