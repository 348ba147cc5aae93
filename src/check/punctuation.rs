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

/// Brackets that must balance. Quotes are paired by [`unbalanced_quotes`].
const BRACKETS: [(char, char); 2] = [('(', ')'), ('[', ']')];

/// A unit's quotes as the search for a quotation's other end sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    /// Quote marks that do not pair up in the unit.
    Loose,
    /// Paired quotes of a kind that cannot stand inside a longer quotation of the same marks:
    /// straight quotes or English `“…”` (inner quotes are `'…'` and `‘…’` there). The search stops
    /// here.
    Closed,
    /// No quotes, or paired guillemets or `„…“`, which do stand inside a longer quotation
    /// (`…тренировки прошли на «ура».`): the search passes over the unit.
    Passed,
}

fn quote_state(t: &str) -> QuoteState {
    if !unbalanced(t).quotes.is_empty() {
        QuoteState::Loose
    } else if t.contains('"') || (t.contains('“') && !t.contains('„')) {
        QuoteState::Closed
    } else {
        QuoteState::Passed
    }
}

/// Whether the first unit of `units` that is not passed over has loose quotes.
fn loose_nearest<'a>(mut units: impl Iterator<Item = &'a QuoteState>) -> bool {
    units.find(|s| **s != QuoteState::Passed) == Some(&QuoteState::Loose)
}

/// Per unit of one side (`None`: the side is absent there): whether its unbalanced quotes are part
/// of a quotation that spans units — the nearest unit before or after it that is not passed over
/// has loose quotes too (a quotation opened there and closed here, or the other way round; a
/// quotation of a letter can run over dozens of sentences). A quote mark a translator left out
/// leaves its unit the only loose one around.
pub fn quote_spans(sides: &[Option<&str>]) -> Vec<bool> {
    let states: Vec<QuoteState> = sides.iter().map(|s| s.map_or(QuoteState::Passed, quote_state)).collect();
    (0..sides.len())
        .map(|k| {
            states[k] == QuoteState::Loose
                && (loose_nearest(states[..k].iter().rev()) || loose_nearest(states[k + 1..].iter()))
        })
        .collect()
}

/// The marks of a text that do not pair up there.
struct Unbalanced {
    brackets: Vec<Range<usize>>,
    quotes: Vec<Range<usize>>,
}

fn unbalanced(s: &str) -> Unbalanced {
    let chars: Vec<char> = s.chars().collect();
    let mut brackets = Vec::new();
    for (open, close) in BRACKETS {
        let mut stack = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                brackets.push(i..i + 1);
            }
        }
        brackets.extend(stack.into_iter().map(|i| i..i + 1));
    }
    let mut quotes = unbalanced_quotes(&chars);
    let straight: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '"').map(|(i, _)| i).collect();
    if straight.len() % 2 == 1 {
        quotes.extend(straight.iter().map(|&i| i..i + 1));
    }
    brackets.sort_by_key(|r| r.start);
    quotes.sort_by_key(|r| r.start);
    Unbalanced { brackets, quotes }
}

/// The typographic quotes of a text that do not pair up, read with one stack as nested quotations
/// are written: `«…»`, `“…”` and the low-high `„…“` (Russian inner quotes, German) or `„…”`
/// (Polish), so that the `“` closing a `„` is no opening mark. A closing mark whose opening mark is
/// further down the stack closes it and leaves the marks above it unpaired.
///
/// One convention is no error: when an inner `«…»` ends where the outer one does, Russian writes
/// one `»` for both (`«Я помню… люди говорили: «Это конец», — рассказывает он.`). So an outer `«`
/// left open counts as closed when the last inner `«…»` it held (not one straight after it:
/// `««Книга»` is a doubled mark) closes where a quotation ends, before the author's words or at the
/// end, and nothing else stays unpaired.
fn unbalanced_quotes(chars: &[char]) -> Vec<Range<usize>> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut stray = Vec::new();
    // Where a `«` opened at depth 2 inside the bottom `«` was closed again.
    let mut inner_guillemets_closed = None;
    let close = |stack: &mut Vec<(usize, char)>, stray: &mut Vec<usize>, i: usize, opens: &[char]| match stack
        .iter()
        .rposition(|(_, o)| opens.contains(o))
    {
        Some(k) => {
            stray.extend(stack.drain(k + 1..).map(|(j, _)| j));
            stack.pop();
        }
        None => stray.push(i),
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '«' | '„' => stack.push((i, c)),
            '“' if stack.last().is_some_and(|&(_, o)| o == '„') => {
                stack.pop();
            }
            '“' => stack.push((i, c)),
            '”' => close(&mut stack, &mut stray, i, &['“', '„']),
            '»' => {
                if let [(o, '«'), (inner, '«')] = stack[..]
                    && inner > o + 1
                {
                    inner_guillemets_closed = Some(i);
                }
                close(&mut stack, &mut stray, i, &['«']);
            }
            _ => {}
        }
    }
    // The shared mark ends the quotation: only punctuation follows it, up to the text's end or a
    // dash that starts the words of the author (`», — сказал он`).
    let ends_quotation = |i: usize| {
        let rest =
            chars[i + 1..].iter().find(|c| !c.is_whitespace() && !matches!(c, ',' | '.' | '!' | '?' | '…'));
        matches!(rest, None | Some('—' | '–' | '-'))
    };
    if stray.is_empty()
        && inner_guillemets_closed.is_some_and(ends_quotation)
        && matches!(stack[..], [(_, '«')])
    {
        stack.clear();
    }
    stray.extend(stack.into_iter().map(|(j, _)| j));
    stray.into_iter().map(|i| i..i + 1).collect()
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
    fn low_high_quotes_pair_as_written() {
        // Russian inner quotes and German quotes open low and close with the mark English opens
        // with.
        assert!(
            reasons(
                "Он сказал: «Я крикнул: „Акула!“», — и ушёл.",
                "He said: \"I yelled: 'Shark!'\" and left."
            )
            .is_empty()
        );
        assert!(reasons("Er sagte: „Wir kommen.“", "Il a dit : « Nous venons. »").is_empty());
        assert!(reasons("Powiedział: „Tak”.", "He said \"yes\".").is_empty());
        assert_eq!(
            reasons("Er sagte: „Wir kommen.", "He said: \"We come.\""),
            ["unbalanced quotes or brackets in en"]
        );
        assert_eq!(
            reasons("He said “no“ twice.", "Dijo «no» dos veces."),
            ["unbalanced quotes or brackets in en"]
        );
    }

    #[test]
    fn one_closing_guillemet_for_two_is_the_russian_convention() {
        let en = "\"People said, 'This is the end,'\" he recalls.";
        assert!(reasons(en, "«Люди говорили: «Это конец», — вспоминает он.").is_empty());
        assert!(reasons(en, "«Люди говорили: «Это конец» и «Не конец», — вспоминает он.").is_empty());
        assert!(reasons("He said: \"It reads 'Stop.'\"", "Он сказал: «Там написано «Стоп».").is_empty());
        // A doubled opening mark, or a quote closed nowhere, is still reported.
        assert_eq!(reasons(en, "Книга ««Сверхдержавы» вышла."), ["unbalanced quotes or brackets in es"]);
        assert_eq!(
            reasons(en, "«Люди говорили: «Это конец» (в 2009 году), — вспоминает он."),
            ["unbalanced quotes or brackets in es"]
        );
        assert_eq!(
            reasons(en, "«Люди говорили: «Это конец, — вспоминает он."),
            ["unbalanced quotes or brackets in es"]
        );
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
        // Russian quotes a quotation inside one with the same guillemets; a unit between whose
        // quotes pair up stays inside the long quotation. English closes its quotes before
        // quoting anew, so a unit with paired straight quotes ends the search.
        let ru = [
            Some("«Мы вошли в игру с надеждой."),
            Some("Тренировки прошли на «ура»."),
            Some("Надеемся на успех»."),
            Some("Он сказал \"нет\"."),
            Some("Она сказала «да."),
        ];
        assert_eq!(quote_spans(&ru), [true, false, true, false, false]);
        // A bracket is never part of a spanning quotation.
        assert_eq!(
            reasons_spanning("He said \"(twice.", "Dijo (dos veces).", true),
            ["unbalanced quotes or brackets in en"]
        );
    }
}
