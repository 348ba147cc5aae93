//! The UAX #29 base (Unicode Standard Annex #29, "Sentence Boundaries", as implemented by the
//! `unicode-segmentation` crate): the boundaries that the language rules in `rules` start from.
//!
//! Running `unicode-segmentation`'s sentence iterator over all text is too slow for our speed goal
//! (its SB8 look-ahead restarts at every character after a period). But the sentence rules are
//! local: a boundary can only follow a sentence terminator (SATerm, then Close* Sp*) or a paragraph
//! separator (SB4), and what decides it is the character before the terminator (SB7) and the text
//! after the spaces up to the next letter or terminator (SB6, SB8, SB8a). So the scanner finds the
//! candidates itself, cheaply — a byte table (`CANDIDATE`) picks out every byte that can start an
//! SATerm or separator, and `sa_term` confirms it — and `boundary_between` asks the iterator
//! about a bounded window around each candidate: from the start of the word holding the terminator
//! to the first letter or terminator after the spaces. The tests check both halves against the
//! iterator itself: `sa_term` over every code point, and the windowed boundaries over generated text.

use unicode_segmentation::UnicodeSegmentation;

/// Bytes the window reaches back from a terminator (to the start of its word, at most this far).
const BACK: usize = 32;
/// Bytes the SB8 look-ahead may reach beyond the spaces before the window stops anyway.
const AHEAD: usize = 64;

/// SATerm (STerm and ATerm) code point ranges, from `unicode-segmentation` 1.13.3 (Unicode 17.0).
/// The test `sa_term_matches_unicode_segmentation` checks this against the crate.
static SA_TERM: [(u32, u32); 88] = [
    (0x21, 0x21),
    (0x2E, 0x2E),
    (0x3F, 0x3F),
    (0x589, 0x589),
    (0x61D, 0x61F),
    (0x6D4, 0x6D4),
    (0x700, 0x702),
    (0x7F9, 0x7F9),
    (0x837, 0x837),
    (0x839, 0x839),
    (0x83D, 0x83E),
    (0x964, 0x965),
    (0x104A, 0x104B),
    (0x1362, 0x1362),
    (0x1367, 0x1368),
    (0x166E, 0x166E),
    (0x1735, 0x1736),
    (0x17D4, 0x17D5),
    (0x1803, 0x1803),
    (0x1809, 0x1809),
    (0x1944, 0x1945),
    (0x1AA8, 0x1AAB),
    (0x1B4E, 0x1B4F),
    (0x1B5A, 0x1B5B),
    (0x1B5E, 0x1B5F),
    (0x1B7D, 0x1B7F),
    (0x1C3B, 0x1C3C),
    (0x1C7E, 0x1C7F),
    (0x2024, 0x2024),
    (0x203C, 0x203D),
    (0x2047, 0x2049),
    (0x2CF9, 0x2CFB),
    (0x2E2E, 0x2E2E),
    (0x2E3C, 0x2E3C),
    (0x2E53, 0x2E54),
    (0x3002, 0x3002),
    (0xA4FF, 0xA4FF),
    (0xA60E, 0xA60F),
    (0xA6F3, 0xA6F3),
    (0xA6F7, 0xA6F7),
    (0xA876, 0xA877),
    (0xA8CE, 0xA8CF),
    (0xA92F, 0xA92F),
    (0xA9C8, 0xA9C9),
    (0xAA5D, 0xAA5F),
    (0xAAF0, 0xAAF1),
    (0xABEB, 0xABEB),
    (0xFE12, 0xFE12),
    (0xFE15, 0xFE16),
    (0xFE52, 0xFE52),
    (0xFE56, 0xFE57),
    (0xFF01, 0xFF01),
    (0xFF0E, 0xFF0E),
    (0xFF1F, 0xFF1F),
    (0xFF61, 0xFF61),
    (0x10A56, 0x10A57),
    (0x10F55, 0x10F59),
    (0x10F86, 0x10F89),
    (0x11047, 0x11048),
    (0x110BE, 0x110C1),
    (0x11141, 0x11143),
    (0x111C5, 0x111C6),
    (0x111CD, 0x111CD),
    (0x111DE, 0x111DF),
    (0x11238, 0x11239),
    (0x1123B, 0x1123C),
    (0x112A9, 0x112A9),
    (0x113D4, 0x113D5),
    (0x1144B, 0x1144C),
    (0x115C2, 0x115C3),
    (0x115C9, 0x115D7),
    (0x11641, 0x11642),
    (0x1173C, 0x1173E),
    (0x11944, 0x11944),
    (0x11946, 0x11946),
    (0x11A42, 0x11A43),
    (0x11A9B, 0x11A9C),
    (0x11C41, 0x11C42),
    (0x11EF7, 0x11EF8),
    (0x11F43, 0x11F44),
    (0x16A6E, 0x16A6F),
    (0x16AF5, 0x16AF5),
    (0x16B37, 0x16B38),
    (0x16B44, 0x16B44),
    (0x16D6E, 0x16D6F),
    (0x16E98, 0x16E98),
    (0x1BC9F, 0x1BC9F),
    (0x1DA88, 0x1DA88),
];

/// Bytes that can start an SATerm or a paragraph separator (and so a UAX #29 boundary): ASCII
/// `.!?\n\r`, and the UTF-8 lead bytes of the blocks that hold the other terminators and NEL, LS, PS.
/// Cyrillic (D0 D1) and accented Latin (C3) never trigger, which keeps the scan fast.
pub(crate) static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = [
        b'.', b'!', b'?', b'\n', b'\r', 0xC2, 0xD6, 0xD8, 0xDB, 0xDC, 0xDF, 0xE0, 0xE1, 0xE2, 0xE3, 0xEA,
        0xEF, 0xF0,
    ];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Whether `c` is a UAX #29 SATerm: a full stop (ATerm) or another sentence terminator (STerm).
#[inline]
pub(crate) fn sa_term(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return matches!(c, 0x21 | 0x2E | 0x3F);
    }
    SA_TERM
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A UAX #29 ATerm: the full stops `.` `․` `﹒` `．` (the others SATerms are STerm).
#[inline]
pub(crate) fn a_term(c: char) -> bool {
    matches!(c, '.' | '\u{2024}' | '\u{FE52}' | '\u{FF0E}')
}

/// UAX #29 ParaSep: CR, LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
#[inline]
pub(crate) fn para_sep(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// SContinue punctuation (comma, colon, semicolon and their kin, but not the dashes): after a
/// terminator they continue the sentence (SB8a), `Fig. ??`, `"Stop!", he said`.
#[inline]
pub(crate) fn continues(c: char) -> bool {
    matches!(
        c,
        ',' | ':'
            | ';'
            | '\u{37E}'
            | '\u{55D}'
            | '\u{60C}'
            | '\u{60D}'
            | '\u{7F8}'
            | '\u{1802}'
            | '\u{1808}'
            | '、'
            | '︐'
            | '︑'
            | '︓'
            | '︔'
            | '︱'
            | '︲'
            | '﹐'
            | '﹑'
            | '﹔'
            | '﹕'
            | '﹘'
            | '﹣'
            | '，'
            | '：'
            | '；'
            | '､'
    )
}

/// Whether UAX #29 puts a sentence boundary between a terminator and the next word: anywhere
/// after `term` and before the first letter at or after `to`, where `term` is the byte
/// offset of an SATerm (or another terminator) and `to` the start of the next word after it
/// (`to` may equal the end of the terminator's cluster when no space follows). Decided by
/// `unicode-segmentation` on a window from the start of the terminator's word (at most `BACK`
/// bytes back) to the first letter, terminator or separator after `to` (at most `AHEAD` bytes on).
pub(crate) fn boundary_between(text: &str, term: usize, to: usize) -> bool {
    to < text.len() && window_breaks(text, term, to).next().is_some()
}

/// The UAX #29 boundaries after `term` in its window (which ends just past the first letter at or
/// after `to`), from `unicode-segmentation` run on the window.
fn window_breaks(text: &str, term: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let start = window_start(text, term);
    let (stop, end) = window_end(text, to);
    text[start..end]
        .split_sentence_bound_indices()
        .map(move |(p, _)| start + p)
        .skip_while(move |&p| p <= term)
        .take_while(move |&p| p <= stop)
}

/// The start of the word holding the byte `term` (at most `BACK` bytes back, on a char boundary).
fn window_start(text: &str, term: usize) -> usize {
    let mut start = term;
    for (p, c) in text[..term].char_indices().rev() {
        if c.is_whitespace() || term - p > BACK {
            break;
        }
        start = p;
    }
    start
}

/// Where the first letter, terminator or separator at or after `to` starts (SB8 looks that far;
/// boundaries after it belong to later candidates), and the window end just past it and the marks
/// that may follow it (Extend and Format characters belong to the letter before them, SB5). At
/// most `AHEAD` bytes on.
fn window_end(text: &str, to: usize) -> (usize, usize) {
    let mut it = text[to..].char_indices();
    for (p, c) in it.by_ref() {
        if p > AHEAD {
            return (to + p, to + p);
        }
        if c.is_alphabetic() || sa_term(c) || para_sep(c) {
            let stop = to + p;
            let mut end = stop + c.len_utf8();
            for (q, d) in it.by_ref().take(3) {
                if d.is_ascii() || d.is_whitespace() {
                    break;
                }
                end = to + q + d.len_utf8();
            }
            return (stop, end);
        }
    }
    (text.len(), text.len())
}

/// The UAX #29 boundaries of `text` (byte offsets, start and end of text left out), found the
/// way the segmenter finds them: candidates from `CANDIDATE` and `sa_term`, each decided by
/// `boundary_between` on its window. Equal to `unicode-segmentation`'s own boundaries (tested).
pub fn base_boundaries(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !CANDIDATE[b[i] as usize] {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let next = i + c.len_utf8();
        if para_sep(c) {
            // SB3, SB4: a boundary after every separator, CR LF counting as one.
            if !(c == '\r' && b.get(next) == Some(&b'\n')) && next < n {
                out.push(next);
            }
        } else if sa_term(c) {
            // The cluster (closing punctuation and the like), the spaces, the next word.
            let mut j = next;
            for (p, d) in text[next..].char_indices().take(16) {
                if d.is_whitespace() || d.is_alphanumeric() || sa_term(d) {
                    break;
                }
                j = next + p + d.len_utf8();
            }
            let mut k = j;
            for (p, d) in text[j..].char_indices() {
                if !d.is_whitespace() || para_sep(d) {
                    break;
                }
                k = j + p + d.len_utf8();
            }
            let mut to = k;
            if let Some(d) = text[k..].chars().next().filter(|&d| para_sep(d)) {
                to = k + d.len_utf8();
                if d == '\r' && b.get(to) == Some(&b'\n') {
                    to += 1;
                }
            }
            out.extend(window_breaks(text, i, to).filter(|&p| p < n));
        }
        i = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices().map(|(p, _)| p).filter(|&p| p > 0).collect()
    }

    /// Every code point: `sa_term` agrees with the crate. Probe: `Ab<c> Cd` has a boundary
    /// before `Cd` exactly when `c` is an SATerm or a separator.
    #[test]
    fn sa_term_matches_unicode_segmentation() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let probe = format!("Ab{c} Cd");
            let split = probe.split_sentence_bound_indices().count() > 1;
            assert_eq!(split, sa_term(c) || para_sep(c), "U+{:04X}", c as u32);
            if sa_term(c) || para_sep(c) {
                let mut buf = [0u8; 4];
                assert!(CANDIDATE[c.encode_utf8(&mut buf).as_bytes()[0] as usize], "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn windows_match_the_whole_text_iterator() {
        for text in [
            "Hello world. This is U.S. news. 3.14 is pi. etc. 5 of them. He said \"Stop!\" she said.",
            "Wait... Really?! Yes.) (No.) Fine, e.g. here. A.B. C. d.E f.G",
            "Тест. Привет! «Стой!» Все. Это 1.5 раза? да.\nНовая строка\r\nи ещё.\u{2029}Конец",
            "end.\n\nNext line. \n x",
            "。テスト。ok．Next！？",
        ] {
            assert_eq!(base_boundaries(text), reference(text), "{text:?}");
        }
    }

    fn generated_text() -> impl Strategy<Value = String> {
        let pattern = "([a-zA-Zа-яА-Я0-9]{1,6}|[ .!?,;:\"'()«»\\-—…\n\r\t*]|\u{301}|\u{AD}|\u{2029}|。|．|\u{A0}){0,60}";
        proptest::string::string_regex(pattern).expect("a valid pattern")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn base_boundaries_equal_unicode_segmentation(text in generated_text()) {
            prop_assert_eq!(base_boundaries(&text), reference(&text));
        }
    }
}
