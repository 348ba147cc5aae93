//! Paragraph → sentences. The base is the UAX #29 sentence-boundary algorithm
//! (`unicode-segmentation`); language rules on top decide which of its boundaries to keep
//! (abbreviations, initials, numbers, list items, ellipses, closing quotes, Spanish ¿ ¡, dialogue
//! dashes, URLs) and where to add ones it misses. Sentences never cross a paragraph boundary.

mod lexicon;
mod rules;

use std::ops::Range;

use serde::Serialize;

pub use lexicon::{AbbrevKind, Lexicon};

use crate::text::{CharCounter, ParagraphMode, split_paragraphs};

/// One sentence of a document: the original text, where it is (char offsets into the decoded text,
/// half-open) and which paragraph holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// 0-based paragraph index in the document.
    pub para: usize,
    /// Char (Unicode scalar) offset of the first character.
    pub start: usize,
    /// Char offset one past the last character.
    pub end: usize,
    /// The sentence exactly as written (inner line breaks included).
    pub text: String,
}

/// A sentence splitter for one language.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: String,
    lexicon: Lexicon,
}

impl Segmenter {
    /// The splitter for an ISO 639-1 code; unknown codes get the generic rules.
    pub fn new(lang: &str) -> Self {
        let lang = lang.to_ascii_lowercase();
        let lexicon = Lexicon::for_language(&lang);
        Segmenter { lang, lexicon }
    }

    /// The language code this splitter was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether this language has rules of its own (else the generic rules apply).
    pub fn has_language_rules(&self) -> bool {
        matches!(self.lang.as_str(), "en" | "ru" | "es")
    }

    /// Adds a user's abbreviations, one per line (`#` starts a comment; a final period is
    /// optional). Entries count as `[abbrev]` unless a `[prefix]`, `[number]`, `[final]`, `[year]`
    /// or `[starters]` line comes before them (the format of the built-in lists).
    pub fn add_abbreviations(&mut self, list: &str) {
        self.lexicon.add_list(list);
    }

    /// Splits one paragraph into sentences: byte ranges into `text`, trimmed, non-empty, in order.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        rules::split_paragraph(text, &self.lexicon, &mut out);
        out
    }
}

/// Splits a whole document into paragraphs, then sentences.
pub fn segment_document(text: &str, mode: ParagraphMode, segmenter: &Segmenter) -> Vec<Sentence> {
    let mut counter = CharCounter::new(text);
    let mut out = Vec::new();
    for (p, para) in split_paragraphs(text, mode).into_iter().enumerate() {
        let ptext = &text[para.bytes.clone()];
        for r in segmenter.split(ptext) {
            let (bs, be) = (para.bytes.start + r.start, para.bytes.start + r.end);
            let start = counter.char_at(bs);
            let end = counter.char_at(be);
            out.push(Sentence { para: p, start, end, text: text[bs..be].to_string() });
        }
    }
    out
}

/// Pre-segmented text: one sentence per line; a blank line or a line `<p>` starts a new paragraph.
pub fn sentences_from_lines(text: &str) -> Vec<Sentence> {
    let mut counter = CharCounter::new(text);
    let mut out = Vec::new();
    let mut para = 0;
    let mut pending_break = false;
    for line in crate::text::paragraphs::lines(text) {
        let s = &text[line.clone()];
        let t = s.trim();
        if t.is_empty() || t == "<p>" {
            pending_break = true;
            continue;
        }
        if pending_break && !out.is_empty() {
            para += 1;
        }
        pending_break = false;
        let bs = line.start + (s.len() - s.trim_start().len());
        let be = bs + t.len();
        let start = counter.char_at(bs);
        let end = counter.char_at(be);
        out.push(Sentence { para, start, end, text: t.to_string() });
    }
    out
}
