//! Text → paragraphs. By default a paragraph is a run of non-blank lines (a line holding only
//! whitespace is blank); with `ParagraphMode::Line` every non-blank line is one. LF, CRLF and CR line
//! ends are all accepted. Paragraphs are byte ranges into the text, trimmed of surrounding whitespace,
//! so nothing is copied and offsets stay those of the user's file.

use std::ops::Range;

/// How paragraph boundaries are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphMode {
    /// Blank lines separate paragraphs (the default).
    #[default]
    Blank,
    /// Every line is a paragraph (pre-split files).
    Line,
}

/// One paragraph: its byte range in the document (whitespace-trimmed, never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub bytes: Range<usize>,
}

/// Splits `text` into non-empty paragraphs, in order.
pub fn split_paragraphs(text: &str, mode: ParagraphMode) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines(text) {
        let s = &text[line.clone()];
        let trimmed = s.trim();
        if trimmed.is_empty() {
            if let Some(p) = current.take() {
                out.push(Paragraph { bytes: p });
            }
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let start = line.start + lead;
        let end = start + trimmed.len();
        match (&mut current, mode) {
            (Some(p), ParagraphMode::Blank) => p.end = end,
            (cur, _) => {
                if let Some(p) = cur.take() {
                    out.push(Paragraph { bytes: p });
                }
                *cur = Some(start..end);
            }
        }
    }
    if let Some(p) = current {
        out.push(Paragraph { bytes: p });
    }
    out
}

/// Byte ranges of the lines of `text`, without their terminators (LF, CRLF or CR).
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() && bytes[pos] != b'\n' && bytes[pos] != b'\r' {
            pos += 1;
        }
        let end = pos;
        if pos < bytes.len() {
            if bytes[pos] == b'\r' && pos + 1 < bytes.len() && bytes[pos + 1] == b'\n' {
                pos += 2;
            } else {
                pos += 1;
            }
        }
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str, m: ParagraphMode) -> Vec<&str> {
        split_paragraphs(t, m).into_iter().map(|p| &t[p.bytes]).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs_with_any_line_end() {
        let t = "One.\r\nStill one.\r\n\r\nTwo.\rTwo b.\r\r  \n\nThree.";
        assert_eq!(texts(t, ParagraphMode::Blank), ["One.\r\nStill one.", "Two.\rTwo b.", "Three."]);
    }

    #[test]
    fn line_mode_makes_each_line_a_paragraph() {
        assert_eq!(texts("a\nb\n\n c \n", ParagraphMode::Line), ["a", "b", "c"]);
        assert!(split_paragraphs("", ParagraphMode::Blank).is_empty());
        assert!(split_paragraphs("\n \n", ParagraphMode::Line).is_empty());
    }
}
