//! `punctuation`: a question on one side only; quotes or brackets balanced on one side and not on
//! the other; a final mark that differs in kind (`.` vs `!` vs `:` vs `;`). Each side is judged
//! against the other, so a quote that legitimately spans two units (open in one, closed in the next)
//! is not reported when both sides do it; nor when one side does it, and the other closes and
//! reopens its quotes sentence by sentence, as languages' conventions differ ([`quote_spans`]).

use std::ops::Range;

use super::{CheckId, Draft, PairView};

fn question_marks(s: &str) -> Vec<Range<usize>> {
    s.chars().enumerate().filter(|(_, c)| matches!(c, '?' | '？' | '¿')).map(|(i, _)| i..i + 1).collect()
}

/// Pairs that must balance; `"` counts as balanced when it appears an even number of times.
const PAIRS: [(char, char); 5] = [('(', ')'), ('[', ']'), ('«', '»'), ('“', '”'), ('„', '“')];

/// Per unit of one side (`None`: the side is absent there): whether its unbalanced quotes are part
/// of a quotation that spans units — the nearest unit before or after it that holds quote marks is
/// unbalanced too (a quotation opened here and closed there). A quote mark a translator left out
/// leaves its unit the only unbalanced one around.
pub fn quote_spans(sides: &[Option<&str>]) -> Vec<bool> {
    let unbalanced: Vec<Option<bool>> = sides
        .iter()
        .map(|s| s.filter(|t| t.chars().any(is_quote)).map(|t| !unbalanced(t).quotes.is_empty()))
        .collect();
    (0..sides.len())
        .map(|k| {
            if unbalanced[k] != Some(true) {
                return false;
            }
            let before = unbalanced[..k].iter().rev().find_map(|u| *u);
            let after = unbalanced[k + 1..].iter().find_map(|u| *u);
            before == Some(true) || after == Some(true)
        })
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// The marks of a text that do not pair up there.
struct Unbalanced {
    brackets: Vec<Range<usize>>,
    quotes: Vec<Range<usize>>,
}

fn unbalanced(s: &str) -> Unbalanced {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Unbalanced { brackets: Vec::new(), quotes: Vec::new() };
    for (open, close) in PAIRS {
        if open == '„' {
            continue; // „…“ shares its closing mark with “…”; counted through “ alone would mislead.
        }
        let mut stack = Vec::new();
        let mut stray = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                stray.push(i);
            }
        }
        let kind = if is_quote(open) { &mut out.quotes } else { &mut out.brackets };
        kind.extend(stack.into_iter().chain(stray).map(|i| i..i + 1));
    }
    let straight: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '"').map(|(i, _)| i).collect();
    if straight.len() % 2 == 1 {
        out.quotes.extend(straight.iter().map(|&i| i..i + 1));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FinalMark {
    Stop,
    Exclamation,
    Question,
    Colon,
    Semicolon,
}

fn final_mark(s: &str) -> Option<(FinalMark, usize)> {
    let chars: Vec<char> = s.chars().collect();
    let i = chars
        .iter()
        .rposition(|c| !c.is_whitespace() && !matches!(c, '"' | '»' | '”' | '’' | '\'' | ')' | ']'))?;
    let m = match chars[i] {
        '.' | '…' => FinalMark::Stop,
        '!' => FinalMark::Exclamation,
        '?' => FinalMark::Question,
        ':' => FinalMark::Colon,
        ';' => FinalMark::Semicolon,
        _ => return None,
    };
    Some((m, i))
}

/// `spans_a`, `spans_b`: whether each side's unbalanced quotes are a quotation spanning units (see
/// [`quote_spans`]), which is not reported.
pub fn check(p: &PairView<'_>, spans_a: bool, spans_b: bool) -> Vec<Draft> {
    let (a, b) = (&p.a.text, &p.b.text);
    let mut out = Vec::new();
    let (qa, qb) = (question_marks(a), question_marks(b));
    if qa.is_empty() != qb.is_empty() {
        let (lang, other) = if qb.is_empty() { (p.label_a, p.label_b) } else { (p.label_b, p.label_a) };
        let mut d = Draft::new(
            CheckId::Punctuation,
            format!("{lang} asks a question, {other} does not"),
            vec![p.i, p.j],
        );
        d = d.marks(p.i, qa).marks(p.j, qb);
        out.push(d);
    }
    // The marks that do not pair up in the unit, less the quotes of a quotation spanning units.
    let unbalanced_here = |s: &str, spans: bool| {
        let Unbalanced { mut brackets, quotes } = unbalanced(s);
        if !spans {
            brackets.extend(quotes);
        }
        brackets
    };
    let (ua, ub) = (unbalanced_here(a, spans_a), unbalanced_here(b, spans_b));
    if ua.is_empty() != ub.is_empty() {
        let lang = if ub.is_empty() { p.label_a } else { p.label_b };
        let mut d = Draft::new(
            CheckId::Punctuation,
            format!("unbalanced quotes or brackets in {lang}"),
            vec![p.i, p.j],
        );
        d = d.marks(p.i, ua).marks(p.j, ub);
        out.push(d);
    }
    if let (Some((ma, ia)), Some((mb, ib))) = (final_mark(a), final_mark(b))
        && ma != mb
        && ma != FinalMark::Question
        && mb != FinalMark::Question
    {
        let show = |s: &str, i: usize| s.chars().nth(i).unwrap_or(' ');
        out.push(
            Draft::new(
                CheckId::Punctuation,
                format!(
                    "final mark differs: {} '{}' vs {} '{}'",
                    p.label_a,
                    show(a, ia),
                    p.label_b,
                    show(b, ib)
                ),
                vec![p.i, p.j],
            )
            .mark(p.i, ia..ia + 1)
            .mark(p.j, ib..ib + 1),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::UnitSide;

    fn reasons(a: &str, b: &str) -> Vec<String> {
        reasons_spanning(a, b, false)
    }

    /// As [`reasons`], with the first side's quotes marked as a quotation spanning units or not.
    fn reasons_spanning(a: &str, b: &str, spans_a: bool) -> Vec<String> {
        let (a, b) = (UnitSide::plain(a), UnitSide::plain(b));
        check(
            &PairView { i: 0, j: 1, a: &a, b: &b, lang_a: "en", lang_b: "es", label_a: "en", label_b: "es" },
            spans_a,
            false,
        )
        .into_iter()
        .map(|d| d.reason)
        .collect()
    }

    #[test]
    fn questions_brackets_and_final_marks() {
        assert!(reasons("Is that true?", "¿Es verdad?").is_empty());
        assert_eq!(reasons("Is that true?", "Es verdad."), ["en asks a question, es does not"]);
        assert_eq!(
            reasons("He said (twice) no.", "Dijo (dos veces no."),
            ["unbalanced quotes or brackets in es"]
        );
        assert!(reasons("He said «no", "Dijo «no").is_empty());
        assert_eq!(reasons("Stop!", "Para."), ["final mark differs: en '!' vs es '.'"]);
        assert!(reasons("Ladies and gentlemen,", "Señoras y señores:").is_empty());
    }

    #[test]
    fn a_quotation_spanning_units_is_not_an_unbalanced_quote() {
        // English opens a quotation in one sentence and closes it in the next; the last unit's
        // quote is closed nowhere near it.
        let en = [
            Some("He said: \"We will come."),
            Some("We promise.\""),
            None,
            Some("Then \"no\" came."),
            Some("She said \"yes."),
        ];
        assert_eq!(quote_spans(&en), [true, true, false, false, false]);
        assert!(reasons_spanning("He said: \"We will come.", "Dijo: «Vendremos».", true).is_empty());
        assert_eq!(
            reasons_spanning("She said \"yes.", "Dijo «sí».", false),
            ["unbalanced quotes or brackets in en"]
        );
        // A bracket is never part of a spanning quotation.
        assert_eq!(
            reasons_spanning("He said \"(twice.", "Dijo (dos veces).", true),
            ["unbalanced quotes or brackets in en"]
        );
    }
}
