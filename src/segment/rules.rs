//! The boundary scanner: one left-to-right pass over a paragraph that stops at the UAX #29
//! candidates (sentence terminators and separators, `uax29::CANDIDATE`) and at enumeration marks,
//! and decides each terminator from a small, bounded window of context: the language rules first
//! (the token before the period, the first word after it), and where they have nothing to say, the
//! UAX #29 base (`uax29::boundary_between`, the `unicode-segmentation` iterator on the window).
//! The rules differ from UAX #29 where the languages say so:
//! - a terminator followed by a lower-case word does not end a sentence (`"Here!" she said`,
//!   `— Как? — спросил он`; a dash, quote or bracket before that word does not count), except
//!   after a bare `?`, and after a period that follows a plain word of four or more letters when
//!   the next word is a common sentence opener (informal text: `call me. i am home`); in a
//!   paragraph written in lower case as a rule (`lower_case_style`, judged once, when first needed)
//!   any lower-case word opens a sentence after `.`, `!` or `?`;
//! - a period after an abbreviation, initial, list number or URL is judged by `Lexicon`, also when
//!   space-tokenised text puts it apart (`Mr . Robinson`); after an ordinary word a period before a
//!   number or symbol ends the sentence (`150 лет. 31 мая`, UAX #29's SB8 would join them);
//! - `…`, `...` and `. . .` are terminators, and a sentence may open with a dash (dialogue);
//! - `no.Not` and `slowly...But` split when the word before is in lower case (`Яндекс.Маркет`,
//!   `Привет.Тест` are names);
//! - an enumeration (`a) … b) …`, `(a) … (b) …`, `• 9. … • 10. …`) splits before each item;
//! - a lone quote or dash after a terminator and before punctuation closes it, with a period
//!   after it (`Dad ! '' .`, `верю! ``.`, `¿Por qué? - -.`);
//! - footnote marks (`.10`, `[1]`) and omission marks (`[...]`) stay with the sentence before
//!   them, and so do emoji, ASCII smileys and hashtags that end the line; emoji before more text
//!   open the next sentence (`повезло. 😁 все рядом`);
//! - a date alone before a dash-led line is a chronology label (`6 de julio. - Barak …`), and a
//!   period before a slash belongs to a unit (`13 чел. / км2`);
//! - a period inside a parenthesis that closes a few characters on ends a clause of the aside
//!   (`(депутат Думы от Чечни. - "Ъ").`), not the sentence;
//! - a line break inside a paragraph is a boundary only after a heading-like line (see `line_break`).
//!
//! Cost: every byte is looked at once or twice through a 256-entry table; the context windows are
//! bounded, so the whole pass is linear in the paragraph and allocates only its output.

use std::ops::Range;

use super::lexicon::{AbbrevKind, Lexicon};
use super::uax29::{self, CANDIDATE};

/// Longest token (bytes) looked at before a period; longer ones are never abbreviations.
const MAX_TOKEN: usize = 64;
/// Opening quotes, brackets and dashes skipped (chars) when looking for the next word.
const MAX_OPENERS: usize = 8;
/// A line without final punctuation at most this long (chars) is a heading of its own.
const HEADING_CHARS: usize = 60;

/// Bytes the scanner stops at: the UAX #29 candidates (`uax29::CANDIDATE`: terminators and
/// separators) plus `)` and `•` (E2, already a candidate) for enumerations.
static TRIGGER: [bool; 256] = {
    let mut t = CANDIDATE;
    t[b')' as usize] = true;
    t
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// One period (ATerm in UAX #29): needs the abbreviation rules.
    Period,
    /// `?`, `!` and their kin (STerm).
    Strong,
    /// `…`, `..`, `...`, `. . .`.
    Ellipsis,
}

/// What the next word starts with, after spaces and opening punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Lower,
    Upper,
    Digit,
    Other,
    End,
}

fn terminator(c: char) -> Option<Term> {
    match c {
        '.' => Some(Term::Period),
        '…' => Some(Term::Ellipsis),
        c if c.is_ascii() && c != '!' && c != '?' => None,
        c if uax29::a_term(c) => Some(Term::Period),
        c if uax29::sa_term(c) => Some(Term::Strong),
        _ => None,
    }
}

/// Terminators of scripts written without spaces: a boundary needs no space after them.
fn dense_terminator(c: char) -> bool {
    matches!(c, '。' | '．' | '！' | '？' | '｡')
}

fn closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '”'
            | '’'
            | '“'
            | '‘'
            | '›'
            | '`'
            | '」'
            | '』'
            | '）'
            | '］'
            | '〉'
            | '》'
            | '】'
    )
}

fn opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '‹'
            | '`'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '-'
            | '–'
            | '—'
            | '―'
    )
}

fn bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●' | '·' | '*' | '-' | '–' | '—' | '―')
}

/// Bytes after a terminator within which a parenthesis it stands in must close for the terminator
/// to end a clause of the aside only (`(… от Чечни. - "Ъ")`).
const ASIDE_REST: usize = 32;
/// Bytes before a terminator searched for the opening bracket of an aside.
const ASIDE_BACK: usize = 400;

/// Emoji and pictographs, which trail the sentence they decorate.
fn pictograph(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2800..=0x28FF | 0x2900..=0x2BFF
        | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

fn roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn roman_lower(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// What a whitespace-delimited token after a sentence's end is to the sentence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trailer {
    /// A footnote mark (`[12]`) or an omission mark (`[...]`, `(…)`): always the sentence's.
    Mark,
    /// Emoji and pictographs, or hashtags (`#рыбалка`, `#a#b`): the sentence's where they end the
    /// line.
    Tail,
    None,
}

/// The token starting at `k` (up to whitespace): where it ends, and what it is.
fn trailer_token(text: &str, k: usize) -> (usize, Trailer) {
    let t = text[k..].find(char::is_whitespace).map_or(text.len(), |w| k + w);
    let tok = &text[k..t];
    let footnote = tok.len() >= 3
        && tok.starts_with('[')
        && tok.ends_with(']')
        && tok[1..tok.len() - 1].bytes().all(|c| c.is_ascii_digit());
    // An omission mark closes the quotation it cuts short: `… for all! [...]`.
    let omitted = matches!(tok, "[...]" | "[…]" | "(...)" | "(…)");
    let hashtags = tok.starts_with('#')
        && tok.chars().all(|c| c == '#' || c == '_' || c.is_alphanumeric() || pictograph(c));
    let kind = if footnote || omitted {
        Trailer::Mark
    } else if hashtags || emoticon(tok) || tok.chars().all(pictograph) {
        Trailer::Tail
    } else {
        Trailer::None
    };
    (t, kind)
}

/// A smiley written in ASCII (`:)`, `:-(`, `;P`, `:'(`, `^_^`, `xD`), which trails a sentence as an
/// emoji does (`I love her. :)`: 5 of the 6 in seg-dev English end the sentence before them; the
/// one `=)` of the Russian part stands alone, so `=` eyes are left out).
fn emoticon(tok: &str) -> bool {
    if matches!(tok, "^_^" | "^^" | "xD" | "XD") {
        return true;
    }
    let b = tok.as_bytes();
    let (eyes, rest) = match b.split_first() {
        Some((e, r)) => (*e, r),
        None => return false,
    };
    let rest = rest.strip_prefix(b"-").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    matches!(eyes, b':' | b';')
        && !rest.is_empty()
        && rest.len() <= 2
        && rest
            .iter()
            .all(|c| matches!(c, b')' | b'(' | b'D' | b'P' | b'p' | b'O' | b'o' | b'/' | b'|' | b'*' | b'3'))
}

/// Whether `rest` starts with a web address (`http://`, `https://`, `www.`).
fn web_address(rest: &str) -> bool {
    rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")
}

/// If the tokens from `k` on are trailers up to the end of the text or of the line: where the last
/// of them ends.
fn trailers_to_line_end(text: &str, mut k: usize) -> Option<usize> {
    loop {
        let (t, kind) = trailer_token(text, k);
        if kind == Trailer::None {
            return None;
        }
        let next = skip_ws(text, t);
        if next >= text.len() || text[t..next].contains('\n') {
            return Some(t);
        }
        k = next;
    }
}

#[inline]
fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n' || b[i] == b'\r' {
            i += 1;
        } else if b[i] < 0x80 {
            break;
        } else {
            match char_at(text, i) {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// One paragraph's scan state.
struct Scan<'a> {
    text: &'a str,
    lx: &'a Lexicon,
    out: &'a mut Vec<Range<usize>>,
    /// Start of the current sentence (first non-space byte).
    sent_start: usize,
    /// Start of the current line.
    line_start: usize,
    /// Scratch for lower-casing keys (reused; no allocation per lookup).
    key: String,
    /// The last item marker of an enumeration (`a)`, `(2)`, `b.`) and where its token starts.
    list: Option<(Marker, usize)>,
    /// The paragraph is written without capitals at sentence starts (see [`lower_case_style`]);
    /// worked out on first need (a period before a lower-case word is rare in most text).
    lower_style: Option<bool>,
}

/// Whether a paragraph opens its sentences in lower case as a rule (informal writing: `max and jen
/// are looking for you. call them …`): it starts with a lower-case letter and no sentence after a
/// plain word starts with a capital, or more of them start in lower case than with a capital.
fn lower_case_style(text: &str) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'.' | b'!' | b'?')
            && text[..i].chars().rev().take(2).filter(|c| c.is_lowercase()).count() == 2
        {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            if j < b.len() && b[j] == b' ' {
                let k = skip_ws(text, j);
                match char_at(text, k) {
                    Some(c) if c.is_lowercase() => lower += 1,
                    Some(c) if c.is_uppercase() => upper += 1,
                    _ => {}
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    let first_lower = text.trim_start().chars().next().is_some_and(char::is_lowercase);
    (first_lower && upper == 0 && lower >= 1) || (lower >= 2 && lower > upper)
}

/// An enumeration item marker: a number or a lower-case letter in one of the styles `x.`, `x)`,
/// `(x)` and `x.)`. Consecutive markers of one style (`a)` then `b)`) make an enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    letter: bool,
    value: u32,
    style: u8,
}

impl Marker {
    fn parse(tok: &str) -> Option<Marker> {
        let (inner, style) = if let Some(t) = tok.strip_prefix('(') {
            (t.strip_suffix(')')?, 2)
        } else if let Some(t) = tok.strip_suffix(".)") {
            (t, 3)
        } else if let Some(t) = tok.strip_suffix(')') {
            (t, 1)
        } else {
            (tok.strip_suffix('.')?, 0)
        };
        if !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|c| c.is_ascii_digit()) {
            return Some(Marker { letter: false, value: inner.parse().ok()?, style });
        }
        let mut cs = inner.chars();
        let c = cs.next()?;
        (cs.next().is_none() && c.is_lowercase()).then_some(Marker { letter: true, value: c as u32, style })
    }

    fn follows(self, prev: Marker) -> bool {
        self.letter == prev.letter && self.style == prev.style && self.value == prev.value + 1
    }
}

/// Splits one paragraph into trimmed, non-empty byte ranges, appended to `out`.
pub(crate) fn split_paragraph(text: &str, lx: &Lexicon, out: &mut Vec<Range<usize>>) {
    let mut scan = Scan {
        text,
        lx,
        out,
        sent_start: skip_ws(text, 0),
        line_start: 0,
        key: String::new(),
        list: None,
        lower_style: None,
    };
    scan.run();
}

impl Scan<'_> {
    fn run(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut i = self.sent_start;
        while i < n {
            if !TRIGGER[b[i] as usize] {
                i += 1;
                continue;
            }
            if b[i] == b'\n' || b[i] == b'\r' {
                i = self.line_break(i);
                continue;
            }
            let c = char_at(text, i).unwrap_or(' ');
            match terminator(c) {
                Some(t) => i = self.terminator(i, t),
                None => {
                    if c == ')' {
                        self.enumeration(i);
                    } else if uax29::para_sep(c) {
                        // NEL, LS, PS: explicit separators, a boundary as in UAX #29 (SB4).
                        self.cut(i + c.len_utf8());
                        self.line_start = i + c.len_utf8();
                    } else if matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●')
                        && i > self.sent_start
                        && text[..i].ends_with(char::is_whitespace)
                    {
                        // A bullet inside a line opens an item of an inline list (`• 9. … • 10. …`).
                        self.cut(i);
                    }
                    i += c.len_utf8();
                }
            }
        }
        self.cut(n);
    }

    /// Ends the current sentence at byte `end` (exclusive) and starts the next after the spaces.
    fn cut(&mut self, end: usize) {
        // Never behind the current sentence's start (a scan that resumed inside text already cut).
        if end < self.sent_start {
            return;
        }
        let s = &self.text[self.sent_start..end];
        let t = s.trim_end();
        if !t.is_empty() {
            self.out.push(self.sent_start..self.sent_start + t.len());
        }
        self.sent_start = skip_ws(self.text, end);
    }

    /// Handles the terminator at `i`; returns where scanning resumes.
    fn terminator(&mut self, i: usize, first: Term) -> usize {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        if first == Term::Period {
            self.enumeration(i);
        }
        // The cluster: terminators and closers, with `. . .` as one ellipsis.
        let mut kind = first;
        let mut j = i;
        let mut dense = false;
        let mut closed = false;
        let mut spaced = false;
        let mut question = false;
        if text[i..].starts_with(". . .") {
            kind = Term::Ellipsis;
            j += 5;
        }
        while j < n {
            let Some(c) = char_at(text, j) else { break };
            if let Some(t) = terminator(c) {
                // `?».` and `!?` stay one cluster; two periods make an ellipsis.
                if j > i {
                    kind = match (kind, t) {
                        (Term::Strong, _) | (_, Term::Strong) => Term::Strong,
                        _ => Term::Ellipsis,
                    };
                }
                dense |= dense_terminator(c);
                question |= matches!(c, '?' | '？' | '⁇' | '؟');
                j += c.len_utf8();
            } else if closer(c) {
                closed = true;
                j += c.len_utf8();
            } else if c == ' ' && kind != Term::Period && !closed {
                // `Happy? ...`, `! ! !`, `period . . . .`: spaced terminators stay in the cluster.
                match char_at(text, j + 1) {
                    Some(t) if terminator(t).is_some() => {
                        spaced = true;
                        j += 1;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if j >= n {
            return n;
        }
        let after = char_at(text, j).unwrap_or(' ');
        let mut glued = false;
        let mut detached = false;
        if !after.is_whitespace() {
            // Footnote numbers glued to the end (`cognition (type 2).10 This`).
            if kind == Term::Period && after.is_ascii_digit() {
                let before = text[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphabetic() || c == ')') {
                    let mut d = j;
                    while d < n && d - j < 3 && b[d].is_ascii_digit() {
                        d += 1;
                    }
                    if d < n && (b[d] == b' ' || b[d] == b'\n') && self.next_kind(d).0 == Next::Upper {
                        return self.cut_with_trailers(d).max(d);
                    }
                }
                return j;
            }
            glued = kind != Term::Strong && self.glued_sentence(i, j);
            if !(dense || glued) {
                return j;
            }
        } else if !closed {
            // Space-tokenised text: a lone quote after the terminator and before punctuation
            // closes the sentence (`American Dad ! '' .`, `in the shower. ' , Tim`).
            let q = skip_ws_inline(text, j);
            let mut e = q;
            while e < n && e - q < 4 && matches!(b[e], b'\'' | b'"' | b'`') {
                e += 1;
            }
            if e == q && text[q..].starts_with(['”', '’', '»']) {
                e = q + 3 - usize::from(text[q..].starts_with('»'));
            }
            // So do dashes before punctuation (`¿Por qué tanto tiempo? - -. Ha salido así`, an
            // interview's answer mark; `¿Por qué? -, se pregunta`): a sentence does not open with
            // a dash that a comma or a period follows.
            if e == q {
                let mut d = q;
                while d - q < 8 {
                    if let Some(c) = char_at(text, d).filter(|&c| matches!(c, '-' | '–' | '—')) {
                        d += c.len_utf8();
                    } else if b.get(d) == Some(&b' ') && text[d + 1..].starts_with(['-', '–', '—']) {
                        d += 1;
                    } else {
                        break;
                    }
                }
                if d > q && matches!(b.get(d), Some(b',' | b';' | b'.')) {
                    e = d;
                }
            }
            // Only before punctuation or the end: before a word the quote may as well open.
            let after_quote = skip_ws_inline(text, e);
            let alone = e > q
                && (e >= n || b[e].is_ascii_whitespace() || matches!(b[e], b',' | b';' | b'.'))
                && (after_quote >= n || matches!(b[after_quote], b',' | b';' | b'.'));
            if alone {
                // A period after the quote is the sentence's too (`верю! ``. В …`), not one alone.
                j = if after_quote < n && b[after_quote] == b'.' { after_quote + 1 } else { e };
                closed = true;
                detached = true;
                if j >= n {
                    return n;
                }
            }
        }
        let (next, word_at) = self.next_kind(j);
        let k = skip_ws(text, j);
        let first_after = char_at(text, k).unwrap_or(' ');
        // The language rules first; where they have nothing to say, UAX #29 decides.
        let decision = match next {
            Next::End => return n,
            // Lower case continues the sentence (UAX #29 agrees after a period, SB8; after `!` and
            // `?` it would break: `"Here!" she said`, `— Как? — спросил он`), except informal
            // text: a bare `? lower`, or a common opener after a plain word (`call me. i am home`).
            // A web address after a period or an ellipsis stands on its own (`… worth a visit.
            // http://…`, `www.…`), as in all six such places of seg-dev English.
            Next::Lower if kind != Term::Strong && web_address(&text[word_at..]) => Some(true),
            Next::Lower if kind == Term::Period && !closed => {
                self.lower_start_splits(i, word_at).then_some(true)
            }
            // In a paragraph written in lower case as a rule, `!` and `?` end sentences before
            // lower case too (`awesome place!!! it was worth the ride`).
            Next::Lower
                if kind == Term::Strong
                    && !closed
                    && !self.dash_between(j, word_at)
                    && self.lower_style() =>
            {
                Some(true)
            }
            Next::Lower => {
                let bare_question = kind == Term::Strong
                    && question
                    && !closed
                    && !spaced
                    && !text[..i].ends_with(char::is_whitespace)
                    && !self.dash_between(j, word_at);
                if bare_question { None } else { Some(false) }
            }
            // A slash after the cluster makes it part of a unit (`13 чел. / км2`, `hab. / km²`).
            _ if first_after == '/' && kind == Term::Period => Some(false),
            // A comma or semicolon after the cluster: UAX #29 (SB8a) keeps it whole.
            _ if uax29::continues(first_after) && first_after != ':' && first_after != '：' => None,
            _ => match kind {
                Term::Strong => None,
                Term::Ellipsis => Some(true),
                Term::Period if closed => Some(!self.closed_list_marker(i)),
                Term::Period => self.period_splits(i, next, word_at),
            },
        };
        // A date alone before a dash-led line is the label of a chronology entry (`12 de julio. -
        // El Parlamento …`), not a sentence.
        let decision = if kind == Term::Period
            && next == Next::Upper
            && self.dash_between(j, word_at)
            && self.date_label(i)
        {
            Some(false)
        } else {
            decision
        };
        // Inside a parenthesis that closes a few characters on, with no terminator between, the
        // period ends a clause of the aside, not the sentence (`(депутат Думы от Чечни. - "Ъ").`).
        let decision =
            if decision != Some(false) && self.aside_closes_soon(i, j) { Some(false) } else { decision };
        let split = match decision {
            Some(d) => d,
            // Rules that UAX #29 does not know: `no.Not` (SB7 keeps it whole), a dash that opens
            // dialogue (SB8a would join `Стой! — Он`), a detached closing quote (`? '' Graham`).
            None if glued => true,
            None if detached => !uax29::continues(first_after),
            None if next != Next::Lower && self.dash_between(j, word_at) => true,
            None => uax29::boundary_between(text, i, k),
        };
        if split {
            // Scanning resumes after what the sentence took with it (`[...]` holds periods).
            return self.cut_with_trailers(j).max(j);
        }
        j
    }

    /// Whether the terminator at `i` (its cluster ending at `j`) stands inside a parenthesis the
    /// sentence opened, which closes within [`ASIDE_REST`] bytes with no terminator before it.
    fn aside_closes_soon(&self, i: usize, j: usize) -> bool {
        let text = self.text;
        // Most sentence ends have no closing bracket this close: one byte search rules them out.
        if !text.as_bytes()[j..(j + ASIDE_REST).min(text.len())].contains(&b')') {
            return false;
        }
        for (k, c) in text[j..].char_indices() {
            if k >= ASIDE_REST || matches!(c, '.' | '!' | '?' | '…' | '(' | '\n') {
                return false;
            }
            if c == ')' {
                break;
            }
        }
        // The bracket is looked for at most ASIDE_BACK bytes back, so the scan stays linear.
        let mut from = self.sent_start.max(i.saturating_sub(ASIDE_BACK));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut depth = 0i32;
        for c in text[from..i].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
        }
        depth > 0
    }

    /// An enumeration inside running text (`a) … b) … c) …`, `(a) Hello. (b) Hello.`): when the
    /// item marker whose token holds byte `i` follows the last marker in sequence and style, both
    /// items open sentences. A first marker counts only at the start of a line or sentence or after
    /// a colon, so references such as `paragraphs (1) and (2)` stay whole.
    fn enumeration(&mut self, i: usize) {
        let text = self.text;
        let b = text.as_bytes();
        let mut start = i;
        while start > 0 && i - start < 4 && !b[start - 1].is_ascii_whitespace() {
            start -= 1;
        }
        let mut end = i + 1;
        while end < b.len() && end - i < 3 && !b[end].is_ascii_whitespace() {
            end += 1;
        }
        if end >= b.len()
            || !b[end].is_ascii_whitespace()
            || (start > 0 && !b[start - 1].is_ascii_whitespace())
        {
            return;
        }
        if self.list.is_some_and(|(_, p)| p == start) || !text.is_char_boundary(start) {
            return;
        }
        // `• 3. … • 4. …`: the bullet opens the item, not the number after it.
        if text[..start].trim_end().ends_with(bullet) {
            return;
        }
        let Some(m) = Marker::parse(&text[start..end]) else { return };
        match self.list {
            Some((prev, p)) if m.follows(prev) => {
                if p > self.sent_start {
                    self.cut(p);
                }
                if start > self.sent_start {
                    self.cut(start);
                }
                self.list = Some((m, start));
            }
            _ if self.line_first(start)
                || self.sentence_first(start)
                || text[..start].trim_end().ends_with(':') =>
            {
                self.list = Some((m, start));
            }
            _ => {}
        }
    }

    /// Informal text opens sentences in lower case (`call me. i am home`): after a plain word
    /// (letters only, not a listed abbreviation) a period ends the sentence when the next word is
    /// a common sentence opener of at least two letters or the pronoun `i`, or a word spelt with
    /// a lower-case initial and inner capitals (`… a new vaccine. mRNA vaccines …`). In a paragraph
    /// written in lower case as a rule ([`lower_case_style`]) any word opens a sentence there, and
    /// the plain word may have three letters.
    fn lower_start_splits(&mut self, i: usize, word_at: usize) -> bool {
        let text = self.text;
        let mut letters = 0;
        for c in text[..i].chars().rev() {
            if c.is_whitespace() {
                break;
            }
            if !c.is_alphabetic() || letters > 30 {
                return false;
            }
            letters += 1;
        }
        // Short tokens are too often unlisted abbreviations (`min. para`, `ред. на`), and a quote,
        // bracket or dash before the next word makes it part of a quotation or dialogue.
        let lower_style = self.lower_style();
        let min_letters = if lower_style { 3 } else { 4 };
        if letters < min_letters || word_at != skip_ws(text, i + 1) {
            return false;
        }
        let tok = &text[i - text[..i].chars().rev().take(letters).map(char::len_utf8).sum::<usize>()..i];
        self.key.clear();
        for c in tok.chars() {
            self.key.extend(c.to_lowercase());
        }
        if self.lx.abbrev(&self.key).is_some() {
            return false;
        }
        self.key.clear();
        let mut end = word_at;
        for c in text[word_at..].chars().take(24) {
            if !c.is_alphabetic() {
                break;
            }
            self.key.push(c);
            end += c.len_utf8();
        }
        // A word written with a lower-case first letter and capitals after it (`mRNA`, `иРНК`,
        // `iPhone`) keeps that spelling at the start of a sentence.
        if self.key.chars().skip(1).any(char::is_uppercase) {
            return true;
        }
        if lower_style && !self.key.is_empty() {
            return true;
        }
        let after = text[end..].chars().next().unwrap_or(' ');
        if !(after.is_whitespace() || after == '\'' || after == ',') {
            return false;
        }
        (self.key.chars().count() >= 2 || self.key == "i") && self.lx.is_starter(&self.key)
    }

    /// Whether the paragraph is written in lower case as a rule ([`lower_case_style`], worked out
    /// once).
    fn lower_style(&mut self) -> bool {
        let text = self.text;
        *self.lower_style.get_or_insert_with(|| lower_case_style(text))
    }

    /// Whether the current sentence, up to the period at `i`, is a date alone: numbers, month names
    /// and `de`/`of` (`17 de mayo`, `1999 17 de mayo`, `2000 Enero / Febrero`, `11-25 de julio`).
    fn date_label(&self, i: usize) -> bool {
        let s = &self.text[self.sent_start.min(i)..i];
        let mut month = false;
        let mut words = 0;
        for w in s
            .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '–' | ','))
            .filter(|w| !w.is_empty())
        {
            words += 1;
            if words > 6 {
                return false;
            }
            if w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4 {
                continue;
            }
            let l = w.to_lowercase();
            if matches!(l.as_str(), "de" | "del" | "of") {
                continue;
            }
            if crate::text::months::month_number(&l, true).is_none() {
                return false;
            }
            month = true;
        }
        month
    }

    /// Whether a dash stands between `j` and the next word.
    fn dash_between(&self, j: usize, word_at: usize) -> bool {
        self.text[j..word_at].contains(['-', '–', '—', '―'])
    }

    /// `1.)` at the start of a line or sentence.
    fn closed_list_marker(&self, i: usize) -> bool {
        let text = self.text;
        let start = word_start(&text[..i]).max(i.saturating_sub(8));
        if !text.is_char_boundary(start) {
            return false;
        }
        let tok = text[start..i].trim_start_matches(|c: char| opener(c) || bullet(c));
        (self.line_first(start) || self.sentence_first(start)) && list_marker(tok)
    }

    /// `no.Not`, `slowly...But`, `in 2013.As` — a period or ellipsis between a lower-case word (or
    /// a four-digit year) and a capitalised one, with no space.
    fn glued_sentence(&self, i: usize, j: usize) -> bool {
        let text = self.text;
        let mut it = text[j..].chars();
        let (Some(a), Some(b)) = (it.next(), it.next()) else { return false };
        if !(a.is_uppercase() && b.is_lowercase()) {
            return false;
        }
        let rest = &text[j..];
        let word = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        let word = word.trim_end_matches(|c: char| terminator(c).is_some() || closer(c));
        if word.contains(['@', '/', '.', ':']) {
            return false;
        }
        // A year before the period (`in 2013.As of May`): its sentence ended there.
        let head = &text[..i];
        let year = head.len() >= 4 && head.as_bytes()[i - 4..].iter().all(u8::is_ascii_digit);
        if year && (i == 4 || head[..i - 4].ends_with(char::is_whitespace)) {
            return true;
        }
        let mut letters = 0;
        for c in text[..i].chars().rev() {
            if c.is_whitespace() {
                break;
            }
            if !c.is_alphabetic() || letters > 40 {
                return false;
            }
            letters += 1;
        }
        // A capitalised word before the period makes a compound name (`Яндекс.Маркет`,
        // `Newsfeed.Com`, `Привет.Тест`), not two sentences.
        let word = &text[..i];
        letters >= 2
            && word.chars().next_back().is_some_and(char::is_lowercase)
            && word.chars().rev().nth(letters - 1).is_some_and(char::is_lowercase)
    }

    /// Cuts at `end`, first taking in what trails the sentence: bracketed footnote marks and
    /// omission marks (`[...]`) that follow, and emoji and hashtags that end the line (`Спасибо! 😊`,
    /// `… зимой! #рыбалка #щука`); returns where the sentence now ends. Emoji followed by more text
    /// on the line open the next sentence instead (`Вот тут мне повезло. 😁 все бабушки рядом`,
    /// `… всего дня. ✔ К середине зимы …`), as the Russian social-media text of seg-dev has it in
    /// all 10 such places.
    fn cut_with_trailers(&mut self, mut end: usize) -> usize {
        let text = self.text;
        let n = text.len();
        loop {
            let k = skip_ws(text, end);
            if k >= n {
                end = n;
                break;
            }
            let (t, kind) = trailer_token(text, k);
            match kind {
                Trailer::Mark => end = t,
                // On the sentence's line, up to its end, all at once (each token would rescan the
                // rest of the line); emoji or hashtags on a line of their own are their own.
                Trailer::Tail if !text[end..k].contains('\n') => match trailers_to_line_end(text, k) {
                    Some(line_end) => end = line_end,
                    None => break,
                },
                Trailer::Tail | Trailer::None => break,
            }
        }
        self.cut(end);
        end
    }

    /// The kind of the next word after `j` (spaces, then opening quotes, brackets and dashes
    /// skipped) and the byte where that word starts.
    fn next_kind(&self, j: usize) -> (Next, usize) {
        let text = self.text;
        let mut k = skip_ws(text, j);
        let mut skipped = 0;
        while let Some(c) = char_at(text, k) {
            // Invisible format characters (a zero-width space, a word joiner: `(Fig. \u{200b}(Fig.
            // 3)`) stand before the word, not for it.
            if matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}') {
                k += c.len_utf8();
                continue;
            }
            if opener(c) && skipped < MAX_OPENERS {
                k += c.len_utf8();
                skipped += 1;
                // `— сказал`: spaces after a dash are part of the opening.
                if matches!(c, '-' | '–' | '—' | '―') {
                    k = skip_ws(text, k);
                }
                continue;
            }
            let kind = if c.is_lowercase() {
                Next::Lower
            } else if c.is_uppercase() || titlecase(c) {
                Next::Upper
            } else if c.is_numeric() {
                Next::Digit
            } else {
                Next::Other
            };
            return (kind, k);
        }
        (if skipped == 0 { Next::End } else { Next::Other }, k)
    }

    /// Whether the period at `i` ends a sentence, given the next word (a capital, a digit or
    /// something else; lower case is decided before): `Some` when a rule knows (abbreviations,
    /// initials, list numbers, numbers, URLs), `None` for an ordinary word, where UAX #29 decides.
    fn period_splits(&mut self, i: usize, next: Next, word_at: usize) -> Option<bool> {
        let text = self.text;
        // The token before the period: back to a space, at most MAX_TOKEN bytes.
        let mut start = i;
        for (p, c) in text[..i].char_indices().rev() {
            if c.is_whitespace() {
                break;
            }
            if i - p > MAX_TOKEN {
                return None;
            }
            start = p;
        }
        let raw = &text[start..i];
        let tok = raw.trim_start_matches(|c: char| opener(c) || bullet(c) || c == '§');
        let tok_start = i - tok.len();
        if tok.is_empty() {
            return self.detached_period(i, next, word_at);
        }
        if (self.line_first(start) || self.sentence_first(start)) && list_marker(tok) {
            return Some(false);
        }
        let last = tok.chars().next_back().unwrap_or(' ');
        if last.is_numeric() || tok.contains("://") || tok.contains('@') || tok.starts_with("www.") {
            return Some(true);
        }
        let mut chars = tok.chars();
        let first = chars.next().unwrap_or(' ');
        let single = chars.next().is_none();
        if single && first.is_uppercase() {
            // A letter that ends a listed phrase (`a. C.`, the era mark) behaves as the phrase does.
            self.key.clear();
            self.key.extend(first.to_lowercase());
            if self.phrase_kind(start).is_some() {
                return self.abbreviation_splits(tok, start, tok_start, next, word_at);
            }
            return Some(self.initial_splits(tok_start, next, word_at));
        }
        if let Some(split) = self.abbreviation_splits(tok, start, tok_start, next, word_at) {
            return Some(split);
        }
        // A period after an ordinary word before a number or a symbol (`150 лет. 31 мая …`,
        // `Да. @user привет`); UAX #29 would look on to the next letter (SB8) and join them.
        (next != Next::Upper).then_some(true)
    }

    /// Space-tokenised text puts the period of an abbreviation apart (`Mr . Robinson`,
    /// `U.S. Route 171/U.S . Highway`): the word before the space is judged as if attached.
    fn detached_period(&mut self, i: usize, next: Next, word_at: usize) -> Option<bool> {
        let text = self.text;
        let before = text[..i].trim_end_matches([' ', '\t']);
        if before.len() + 3 < i || before.is_empty() {
            return None;
        }
        let start = word_start(before);
        if before.len() - start > MAX_TOKEN {
            return None;
        }
        let word = &before[start..];
        let tok = word.rsplit('/').next().unwrap_or(word);
        if tok.is_empty() {
            return None;
        }
        let tok_start = before.len() - tok.len();
        self.abbreviation_splits(tok, start, tok_start, next, word_at)
    }

    /// A listed abbreviation or a dotted acronym before the period (`tok`, its whitespace-delimited
    /// word starting at `start`): whether the sentence ends; `None` if `tok` is neither.
    fn abbreviation_splits(
        &mut self,
        tok: &str,
        start: usize,
        tok_start: usize,
        next: Next,
        word_at: usize,
    ) -> Option<bool> {
        self.key.clear();
        for c in tok.chars() {
            self.key.extend(c.to_lowercase());
        }
        if let Some(kind) = self.phrase_kind(start).or_else(|| self.lx.abbrev(&self.key)) {
            // `no.` is also a plain word, and then `I` after it is the pronoun (`Oh, no. I didn't`).
            let common_word = self.lx.is_starter(&self.key);
            return Some(match kind {
                AbbrevKind::Prefix => false,
                AbbrevKind::Number | AbbrevKind::Sign
                    if next == Next::Digit
                        || (self.roman_next(word_at) && !(common_word && self.pronoun_i(word_at))) =>
                {
                    false
                }
                AbbrevKind::Sign if next == Next::Upper => true,
                AbbrevKind::Number | AbbrevKind::Sign | AbbrevKind::Abbrev => {
                    self.starter_splits(next, word_at)
                }
                AbbrevKind::Year if self.year_in_phrase(start, tok_start + tok.len(), word_at) => false,
                // `г.` after a word, not a number, is `город` before the town's name (`в г. Саутси`).
                AbbrevKind::Year if next == Next::Upper && !self.after_number(tok_start) => false,
                AbbrevKind::Final | AbbrevKind::Year => next != Next::Digit,
                AbbrevKind::Time => !self.fronted_time_phrase(tok_start) && !self.zone_follows(word_at),
                AbbrevKind::Name => !self.name_follows(next, word_at),
                AbbrevKind::Company => {
                    self.clause_follows(next, tok_start + tok.len(), word_at)
                        || (next == Next::Upper
                            && skip_ws(self.text, tok_start + tok.len() + 1) == word_at
                            && self.company_follows(word_at))
                }
            });
        }
        if tok.contains('.') {
            // Dotted acronyms not in the lists: `J.C.`, `Л.Н.` are initials, `P.D.T.` an abbreviation.
            let mut initials = true;
            let mut short = true;
            for seg in tok.split('.') {
                let len = seg.chars().count();
                short &= (1..=3).contains(&len) && seg.chars().all(char::is_alphabetic);
                initials &= len == 1 && seg.chars().all(char::is_uppercase);
            }
            if initials {
                return Some(self.initial_splits(tok_start, next, word_at));
            }
            if short {
                return Some(self.starter_splits(next, word_at));
            }
        }
        None
    }

    /// The kind of a two-word entry ending in the token whose lower-case key is in `self.key`
    /// (`et al.`), the first word being the one before `start`.
    fn phrase_kind(&self, start: usize) -> Option<AbbrevKind> {
        let before = self.text[..start].trim_end();
        let first = &before[word_start(before)..];
        if first.is_empty() || first.len() > 16 {
            return None;
        }
        self.lx.phrase_of(first, &self.key)
    }

    /// The pronoun `I` as the next word (`I didn't`, `I am`), not the Roman numeral (`No. I`).
    fn pronoun_i(&self, word_at: usize) -> bool {
        let rest = &self.text[word_at..];
        if !rest.starts_with('I') || !self.lx.is_starter("i") {
            return false;
        }
        let mut cs = rest[1..].chars();
        match cs.next() {
            Some('\'' | '’') => true,
            Some(' ') => cs.next().is_some_and(char::is_lowercase),
            _ => false,
        }
    }

    /// After `им.`: whether what follows can follow the abbreviation — a number, an initial
    /// (`М.`), or a name: a capital followed by lower-case letters that is not a common sentence
    /// opener (`Ленина`; `По`, `Это` open sentences, and `XY12` is no name).
    /// After a company or place abbreviation ([`AbbrevKind::Company`]): whether a clause opens at
    /// `word_at` — a common sentence opener, a title abbreviation (`Mr.`), or a capitalised word
    /// (hyphens and `'s` allowed) followed by one space and a lower-case word, right after the
    /// period (`period`: its byte index) — not after a dash or a quote.
    fn clause_follows(&mut self, next: Next, period: usize, word_at: usize) -> bool {
        if next != Next::Upper {
            return false;
        }
        if self.starter_splits(next, word_at) {
            return true;
        }
        if skip_ws(self.text, period + 1) != word_at {
            return false;
        }
        let rest = &self.text[word_at..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if rest[end..].starts_with('.') {
            self.key.clear();
            self.key.extend(word.chars().flat_map(char::to_lowercase));
            return self.lx.abbrev(&self.key) == Some(AbbrevKind::Prefix);
        }
        // A name: each hyphenated part capitalised, the rest in lower case (`Georgia-Pacific's`),
        // or an acronym with its `'s` (`RJR's`).
        let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"));
        let acronym_s =
            stem.is_some_and(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
        let name = word.split('-').all(|part| {
            let mut cs = part.chars();
            cs.next();
            cs.as_str().chars().filter(|c| c.is_alphabetic()).all(char::is_lowercase)
        });
        // … followed by a lower-case word, or by a comma and one (`Fluor, based in Irvine, …`).
        let after = rest[end..].strip_prefix(',').unwrap_or(&rest[end..]);
        (name || acronym_s)
            && after.starts_with(' ')
            && after[1..].chars().next().is_some_and(char::is_lowercase)
    }

    /// After a company or place abbreviation: whether another company's name follows, right after
    /// the period — up to five capitalised words (or `&`) and a company abbreviation with its
    /// period (`… via Oppenheimer & Co. Fastenal Co., proposed …`, `Rockford, Ill. Rally's Inc.
    /// said …`): two names do not stand side by side inside a sentence.
    fn company_follows(&mut self, word_at: usize) -> bool {
        let mut rest = &self.text[word_at..];
        for k in 0..6 {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&')))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            let after = &rest[end..];
            if after.starts_with('.') {
                self.key.clear();
                self.key.extend(word.chars().flat_map(char::to_lowercase));
                return k > 0 && self.lx.abbrev(&self.key) == Some(AbbrevKind::Company);
            }
            if !(word == "&" || word.chars().next().is_some_and(char::is_uppercase))
                || !after.starts_with(' ')
            {
                return false;
            }
            rest = &after[1..];
        }
        false
    }

    fn name_follows(&mut self, next: Next, word_at: usize) -> bool {
        match next {
            Next::Digit => true,
            Next::Upper => {
                let rest = &self.text[word_at..];
                let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
                let word = &rest[..end];
                let mut cs = word.chars();
                cs.next();
                if cs.as_str().is_empty() {
                    return rest[end..].starts_with('.');
                }
                cs.all(char::is_lowercase) && !self.starter_splits(next, word_at)
            }
            _ => false,
        }
    }

    /// Whether the sentence so far is a short time phrase opened by a `[fronted]` word, ending at
    /// the time mark that starts at `tok_start` (`By 9:00 P.M.`, `On Jan. 5; at 6 a.m.`).
    /// Whether a time zone follows a time (`5 p.m. EST tomorrow`, `10 a.m. (CDT) at …`).
    fn zone_follows(&self, word_at: usize) -> bool {
        const ZONES: [&str; 16] = [
            "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
            "EET", "MSK", "AEST",
        ];
        let rest = &self.text[word_at..];
        let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        ZONES.contains(&&rest[..end])
    }

    fn fronted_time_phrase(&mut self, tok_start: usize) -> bool {
        let text = self.text;
        if tok_start <= self.sent_start || tok_start - self.sent_start > 60 {
            return false;
        }
        let phrase = &text[self.sent_start..tok_start];
        let first = phrase.split_whitespace().next().unwrap_or("");
        if !first.starts_with(char::is_uppercase) || phrase.split_whitespace().count() > 6 {
            return false;
        }
        self.key.clear();
        for c in first.chars().take(12) {
            self.key.extend(c.to_lowercase());
        }
        self.lx.is_fronted(&self.key)
    }

    /// After an initial (`J.`, `Л.`): a boundary only before a common sentence opener, and never
    /// when the initial opens the sentence (`Q. What is it?`) or another initial follows.
    fn initial_splits(&mut self, tok_start: usize, next: Next, word_at: usize) -> bool {
        if tok_start <= self.sent_start || next != Next::Upper {
            return next == Next::Other && tok_start > self.sent_start;
        }
        let text = self.text;
        let mut len = 0;
        let mut end = word_at;
        for c in text[word_at..].chars() {
            if !c.is_alphabetic() {
                break;
            }
            len += 1;
            end += c.len_utf8();
        }
        if len < 2 || text[end..].starts_with('.') {
            return false;
        }
        // After a number the letter is a unit symbol (`13 A. The …`, `230 В. Масса …`), not an initial.
        if text[..tok_start].trim_end().ends_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        // A name keeps one script: a Latin letter before a Cyrillic word (`витамины C и D.
        // Крупные …`, `этапа I. Вирус …`) or the reverse is a label ending the sentence.
        let letter = char_at(text, tok_start).unwrap_or(' ');
        let word = char_at(text, word_at).unwrap_or(' ');
        matches!((script(letter), script(word)), (Some(a), Some(b)) if a != b)
            || self.starter_splits(next, word_at)
    }

    /// Before a capitalised word: a boundary if the word commonly opens sentences.
    fn starter_splits(&mut self, next: Next, word_at: usize) -> bool {
        match next {
            Next::Upper => {
                self.key.clear();
                for c in self.text[word_at..].chars().take(24) {
                    if !c.is_alphabetic() {
                        break;
                    }
                    self.key.extend(c.to_lowercase());
                }
                self.lx.is_starter(&self.key)
            }
            Next::Other => true,
            _ => false,
        }
    }

    /// A Roman numeral as the next word (`cap. IX`, `s. XII`).
    fn roman_next(&self, word_at: usize) -> bool {
        let rest = &self.text[word_at..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        // (Cut at a byte: a numeral is ASCII, so a cut inside a character is no numeral.)
        rest.get(..end.min(8)).is_some_and(roman)
    }

    /// `в 2024 г.`: the year mark after a number after a short lower-case preposition, unless the
    /// phrase closes a clause of three words or more and an opening quote or a common sentence
    /// opener follows (`стать первыми к 2030 г. «Рост …`, `… отчёт за 2023 г. Это …`): a
    /// phrase that opens the sentence or a clause (`в 2024 г. Россия …`, `Итак, в 2024 г. В …`)
    /// stays whole.
    fn year_in_phrase(&mut self, tok_start: usize, period: usize, word_at: usize) -> bool {
        let Some(prep) = self.year_preposition(tok_start) else { return false };
        let clause = &self.text[self.sent_start.min(prep)..prep];
        let clause = clause.rsplit([',', ';', ':', '(', '—', '–']).next().unwrap_or("");
        if clause.split_whitespace().count() < 3 {
            return true;
        }
        let quoted = self.text[period.min(word_at)..word_at].contains(['«', '"', '“', '„']);
        !(quoted || self.starter_splits(Next::Upper, word_at))
    }

    /// Where the short preposition of a `<preposition> <number> г.` phrase starts, if the year
    /// mark at `tok_start` closes one.
    /// Whether the word before the token at `tok_start` holds a digit (`2024 г.`, `1970-х гг.`).
    fn after_number(&self, tok_start: usize) -> bool {
        let before = self.text[..tok_start].trim_end();
        before[word_start(before)..].bytes().any(|c| c.is_ascii_digit())
    }

    fn year_preposition(&self, tok_start: usize) -> Option<usize> {
        let text = self.text;
        let before = text[..tok_start].trim_end();
        let (head, num) = before.rsplit_once(char::is_whitespace)?;
        if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit() || c == b'-' || c == b'/') {
            return None;
        }
        let before = head.trim_end();
        let start = word_start(before);
        let word = &before[start..];
        let chars = word.chars().count();
        ((1..=3).contains(&chars)
            && word.chars().all(char::is_alphabetic)
            && word.chars().skip(1).all(char::is_lowercase))
        .then_some(start)
    }

    /// Whether only bullets and opening brackets stand between the sentence start and `p`.
    fn sentence_first(&self, p: usize) -> bool {
        p >= self.sent_start
            && p - self.sent_start <= 8
            && self.text[self.sent_start..p].chars().all(|c| c.is_whitespace() || bullet(c) || c == '(')
    }

    /// Whether only spaces and bullets stand between the start of the line and `p`.
    fn line_first(&self, p: usize) -> bool {
        if p < self.line_start || p - self.line_start > 24 {
            return p == self.line_start;
        }
        self.text[self.line_start..p].chars().all(|c| c.is_whitespace() || bullet(c) || c == '(')
    }

    /// A line break at `i` (CR, LF or CRLF) inside the paragraph. It is a boundary when the line
    /// after it is blank or opens a list item, bullet or dialogue dash, or when the line before
    /// has no final punctuation and looks like a heading or page furniture: short (at most
    /// `HEADING_CHARS` chars) or without lower-case letters, with the next line not starting in
    /// lower case. Long lines without final punctuation followed by more text are soft-wrapped
    /// prose and joined, as are lines ending in a comma, hyphen or the like.
    fn line_break(&mut self, i: usize) -> usize {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let line_start = self.line_start;
        let content_end = line_start.max(i - (text[..i].len() - text[..i].trim_end().len()));
        // Skip the break and any spaces, noting a blank line and where the next line starts.
        let mut k = i;
        let mut breaks = 0;
        let mut next_line = i;
        while k < n {
            match b[k] {
                b'\n' => {
                    breaks += 1;
                    k += 1;
                    next_line = k;
                }
                b'\r' => {
                    if k + 1 < n && b[k + 1] == b'\n' {
                        k += 1;
                    }
                    breaks += 1;
                    k += 1;
                    next_line = k;
                }
                _ => {
                    let k2 = skip_ws_inline(text, k);
                    if k2 == k {
                        break;
                    }
                    k = k2;
                }
            }
        }
        self.line_start = next_line;
        if k >= n || content_end <= self.sent_start {
            return k;
        }
        let line = &text[line_start..content_end];
        let split = if breaks > 1 || starts_list_item(&text[k..]) {
            true
        } else {
            let last = line.chars().next_back().unwrap_or(' ');
            let first = char_at(text, k).unwrap_or(' ');
            let terminated = line.trim_end_matches(closer).ends_with(|c| terminator(c).is_some());
            let continues = matches!(last, ',' | ';' | '-' | '‐' | '(' | '&' | '/' | '+' | '=');
            let heading =
                line.chars().count() <= HEADING_CHARS || !line.chars().any(char::is_lowercase) || last == ':';
            !terminated && !continues && !first.is_lowercase() && heading
        };
        if split {
            self.cut(content_end);
        }
        k
    }
}

/// Where the last whitespace-delimited word of `s` starts (0 if `s` has no whitespace).
fn word_start(s: &str) -> usize {
    s.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(p, c)| p + c.len_utf8())
}

fn skip_ws_inline(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() && c != '\n' && c != '\r' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// `1.`, `12)`, `a.`, `iv)`, `§2.`: the token before the period is a list number.
fn list_marker(tok: &str) -> bool {
    let t = tok.trim_start_matches('§');
    let t = t.strip_suffix(')').unwrap_or(t);
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|c| c.is_ascii_digit()))
        || (t.chars().count() == 1 && t.chars().all(char::is_alphabetic))
        || roman_lower(t)
        || roman(t)
}

/// Whether a line opens with a bullet, a dash, or a list marker followed by a space.
fn starts_list_item(line: &str) -> bool {
    let Some(first) = line.chars().next() else { return false };
    if bullet(first) {
        return true;
    }
    let head = line.split_whitespace().next().unwrap_or("");
    if head.len() > 8 || !line[head.len()..].starts_with(char::is_whitespace) {
        return false;
    }
    let h = head.strip_prefix('(').unwrap_or(head);
    match h.strip_suffix(['.', ')']) {
        Some(inner) => {
            let inner = inner.strip_suffix('.').unwrap_or(inner);
            (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|c| c.is_ascii_digit()))
                || (inner.chars().count() == 1 && inner.chars().all(char::is_lowercase))
                || roman_lower(inner)
                || (h.ends_with(')') && inner.chars().count() == 1 && inner.chars().all(char::is_alphabetic))
        }
        None => false,
    }
}

/// The script of a letter, for the scripts whose names take initials here: 0 Latin, 1 Greek,
/// 2 Cyrillic; `None` for anything else.
fn script(c: char) -> Option<u8> {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Some(0),
        0x370..=0x3FF | 0x1F00..=0x1FFF => Some(1),
        0x400..=0x52F => Some(2),
        _ => None,
    }
}

/// Title-case digraphs (`ǅ`) count as capitals.
fn titlecase(c: char) -> bool {
    matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
}
