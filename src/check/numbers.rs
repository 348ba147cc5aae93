//! `numbers`: numbers, dates, percentages and amounts that differ between two sides.
//!
//! Each side's numbers are read with their char spans and normalised with the shared
//! [`crate::text::normalize::numbers`] (1,000 = 1 000 = 1.000; 3,14 = 3.14). On top of it, for
//! comparison only, a number may stand for several values: an ambiguous `1,250` / `1.250` is both
//! 1250 and 1.25; a scale word multiplies (`1,25 млрд` = `1,250 million` = `1.250 millones`); a dotted
//! date is day, month, year, and a month name is its number (`26.04.2024` = `26 April 2024` =
//! `26 апреля 2024 г.` = `26 de abril de 2024`); `3 p.m.` is also 15; `1990s` is also 90. Two numbers
//! match when they share a value; a number is excused when the other side spells it as a word
//! (`two`, `две`, `dos` …, the tables in `number_words.txt`). Numbers are compared as sets: a value
//! repeated on one side is not a difference. `:00` minutes and a bare `1` (often "a"/"one") are never
//! reported by themselves; a month name or a whole number below 20 (not a percentage) only when the
//! other side has an unmatched number too (a changed number leaves traces on both sides; a missing
//! small one is usually idiom: "a decade" for 10 years).

use std::ops::Range;
use std::sync::OnceLock;

use super::{CheckId, Draft, PairView};
use crate::text::months::month_number;
use crate::text::normalize;

/// One number of a side: what it looked like, the values it may stand for, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberToken {
    /// The normalised form (`1250`, `3.14`, `26`); month names give their number.
    pub key: String,
    pub values: Vec<f64>,
    /// Values in other units (pounds → kg, miles → km, °F → °C …), matched within 5 %.
    pub approx: Vec<f64>,
    /// Char range in the side's text.
    pub span: Range<usize>,
    /// Reported only through a difference on the other side, never by itself.
    pub soft: bool,
    /// A whole number below 20 that is not a percentage: reported only when the other side has an
    /// unmatched number too.
    pub small: bool,
    /// Unmatched, it makes the other side's small numbers worth reporting (not month names, not
    /// digits glued to words).
    pub evidence: bool,
    /// A score or range `a-b` / `a:b`: its two numbers.
    pub parts: Option<(f64, f64)>,
}

const SEPARATORS: [char; 6] = [',', '.', ' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// The numbers of a text (digits, and month names as their numbers).
pub fn extract(text: &str) -> Vec<NumberToken> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<NumberToken> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Digits glued to a word (G20, IL6, Table1.1, BBC2) may match but are never reported.
        let glued = i > 0 && chars[i - 1].is_alphabetic();
        let start = i;
        let mut seps = Vec::new();
        loop {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < chars.len() && SEPARATORS.contains(&chars[i]) && chars[i + 1].is_ascii_digit() {
                seps.push(chars[i]);
                i += 1;
            } else {
                break;
            }
        }
        let mut run: String = chars[start..i].iter().collect();
        // A clock time 4:40 is one number, 4.40 (as 4.40 am is written in English).
        let clock = seps.is_empty()
            && run.len() <= 2
            && chars.get(i) == Some(&':')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2).is_some_and(char::is_ascii_digit)
            && !chars.get(i + 3).is_some_and(char::is_ascii_digit);
        if clock {
            run = format!("{run}.{}{}", chars[i + 1], chars[i + 2]);
            seps.push('.');
            i += 3;
        }
        let after = Follow::read(&chars, i);
        let after_colon = start > 0 && chars[start - 1] == ':';
        // 2019-20, 1957–58: the second year of a range written short.
        let range_head = (start >= 5
            && matches!(chars[start - 1], '-' | '–' | '—' | '/')
            && chars[start - 5..start - 1].iter().all(char::is_ascii_digit))
        .then(|| chars[start - 5..start - 3].iter().collect::<String>());
        for key in normalize::numbers(&run) {
            let parts: Vec<&str> = key.split('.').collect();
            if parts.len() == 3 {
                // A dotted date: day, month, year, each a number of its own.
                for p in parts {
                    let v: f64 = p.parse().unwrap_or(f64::NAN);
                    out.push(token(v.to_string(), vec![v], start..i, glued));
                }
                continue;
            }
            let Ok(v) = key.parse::<f64>() else { continue };
            let mut values = vec![v];
            // One `,`/`.` before exactly three digits: thousands in one language, decimals in another.
            if let [sep @ (',' | '.')] = seps.as_slice() {
                let tail = run.rsplit(*sep).next().unwrap_or("");
                if tail.len() == 3 {
                    let head = &run[..run.len() - 4];
                    for alt in [format!("{head}.{tail}"), format!("{head}{tail}")] {
                        if let Ok(a) = alt.parse::<f64>() {
                            values.push(a);
                        }
                    }
                }
            }
            for scale in after.scales() {
                let scaled: Vec<f64> = values.iter().map(|v| v * scale).collect();
                values.extend(scaled);
            }
            if after.pm && v < 12.0 {
                values.push(v + 12.0);
            }
            if after.decade && seps.is_empty() && v % 10.0 == 0.0 {
                // the 1980s = the '80s = los años 80 = 1980-е
                if v >= 1000.0 {
                    values.push(v % 100.0);
                } else if v < 100.0 {
                    values.extend([1900.0 + v, 2000.0 + v]);
                }
            }
            if v < 100.0 && seps.is_empty() && decade_before(&chars, start) {
                values.extend([1900.0 + v, 2000.0 + v]);
            }
            if let Some(head) = &range_head
                && run.len() == 2
                && let Ok(full) = format!("{head}{run}").parse::<f64>()
            {
                values.push(full);
            }
            let mut soft = glued || (after_colon && v == 0.0) || (v == 1.0 && seps.is_empty());
            soft |= run == "24" && chars.get(i) == Some(&'/') && chars.get(i + 1) == Some(&'7'); // 24/7
            soft |= run == "7" && start >= 3 && chars[start - 3..start].iter().collect::<String>() == "24/";
            soft |= v == 100.0 && after.percent; // "100 percent certain" is often just "certain"
            let approx: Vec<f64> = after.conversions().iter().map(|f| f(v)).collect();
            let small = v < 20.0
                && v.fract() == 0.0
                && !after.percent
                && seps.is_empty()
                && after.scales().is_empty();
            out.push(NumberToken {
                key,
                values,
                approx,
                span: start..i,
                soft,
                small,
                evidence: !glued,
                parts: None,
            });
        }
        // A score or a pair (2-1, 5:3) is also one number, so 2-1 ≠ 2-2 though both have a 2.
        if run.len() <= 2 && seps.is_empty() && matches!(chars.get(i), Some('-' | ':' | '–')) {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_ascii_digit() && j - i <= 3 {
                j += 1;
            }
            if (2..=3).contains(&(j - i)) && !chars.get(j).is_some_and(char::is_ascii_digit) {
                let b: String = chars[i + 1..j].iter().collect();
                if let (Ok(x), Ok(y)) = (run.parse::<f64>(), b.parse::<f64>()) {
                    let key = format!("{run}-{b}");
                    let values = vec![-(1.0 + x * 1000.0 + y)]; // negative: no plain number looks like it
                    out.push(NumberToken {
                        key,
                        values,
                        approx: vec![],
                        span: start..j,
                        soft: glued,
                        small: true,
                        evidence: !glued,
                        parts: Some((x, y)),
                    });
                }
            }
        }
    }
    for (span, month) in month_names(&chars) {
        // A month alone on one side proves little ("in March" / "this month"); two different
        // months do.
        let mut t = token(month.to_string(), vec![f64::from(month)], span, false);
        t.small = true;
        out.push(t);
    }
    out
}

fn token(key: String, values: Vec<f64>, span: Range<usize>, soft: bool) -> NumberToken {
    NumberToken { key, values, approx: Vec::new(), span, soft, small: false, evidence: !soft, parts: None }
}

/// What follows a number: a scale word, `p.m.`, a decade `s`.
#[derive(Debug, Default)]
struct Follow {
    words: Vec<String>,
    pm: bool,
    percent: bool,
    /// `1980s`, `'80s`, `80-е`, `1980-х`: a decade.
    decade: bool,
}

/// `los años 80`, `la década de 1950`: a decade named before the number.
fn decade_before(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(12)..start].iter().collect::<String>().to_lowercase();
    before.ends_with("años ") || before.ends_with("década de ") || before.ends_with("decade of ")
}

impl Follow {
    fn read(chars: &[char], mut i: usize) -> Follow {
        let decade = chars.get(i) == Some(&'s')
            || (chars.get(i) == Some(&'\'') && chars.get(i + 1) == Some(&'s'))
            || (chars.get(i) == Some(&'-')
                && chars.get(i + 1).is_some_and(|c| matches!(c, 'е' | 'х' | 'ы' | 'м')));
        let mut f = Follow { percent: chars.get(i) == Some(&'%'), decade, ..Follow::default() };
        let mut words = Vec::new();
        while words.len() < 3 {
            while i < chars.len() && matches!(chars[i], ' ' | '\u{a0}' | '\u{202f}' | '-') {
                i += 1;
            }
            let s = i;
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '.') {
                i += 1;
            }
            if s == i {
                break;
            }
            words.push(chars[s..i].iter().collect::<String>().to_lowercase());
        }
        f.pm = words.first().is_some_and(|w| matches!(w.as_str(), "p.m." | "pm" | "p.m"));
        f.percent |= words.first().is_some_and(|w| {
            w.starts_with("percent") || w.starts_with("процент") || w == "por" || w == "per"
        });
        f.words = words;
        f
    }

    /// Conversions to the metric unit a translation may use instead.
    fn conversions(&self) -> Vec<fn(f64) -> f64> {
        let Some(w) = self.words.first() else { return vec![] };
        if self.words.get(1).is_some_and(|n| n == "de") {
            return vec![]; // Spanish "miles de …" is thousands, not miles
        }
        let w = w.trim_end_matches('.');
        match w {
            "pound" | "pounds" | "lb" | "lbs" => vec![|v| v * 0.4536],
            "mile" | "miles" | "mph" => vec![|v| v * 1.609],
            "foot" | "feet" | "ft" => vec![|v| v * 0.3048],
            "inch" | "inches" | "in" => vec![|v| v * 2.54],
            "gallon" | "gallons" => vec![|v| v * 3.785],
            "ounce" | "ounces" | "oz" => vec![|v| v * 28.35],
            "acre" | "acres" => vec![|v| v * 0.4047],
            "degrees" | "degree" | "°f" | "f" => vec![|v| (v - 32.0) * 5.0 / 9.0],
            _ => vec![],
        }
    }

    /// The multipliers the words after a number may mean (`mil millones` is 1e9).
    fn scales(&self) -> Vec<f64> {
        let w: Vec<&str> = self.words.iter().map(|w| w.trim_end_matches('.')).collect();
        let scale = |w: &str| -> Option<f64> {
            // Russian inflects the scale word, also inside adjectives (25-тысячная толпа).
            for (stem, v) in [("тысяч", 1e3), ("миллион", 1e6), ("миллиард", 1e9), ("триллион", 1e12)]
            {
                if w.starts_with(stem) {
                    return Some(v);
                }
            }
            Some(match w {
                "thousand" | "thousands" | "тыс" | "тысяча" | "тысячи" | "тысяч" | "mil" => {
                    1e3
                }
                "million" | "millions" | "mln" | "m" | "млн" | "миллион" | "миллиона" | "миллионов"
                | "millón" | "millones" | "mill" => 1e6,
                "billion" | "billions" | "bn" | "млрд" | "миллиард" | "миллиарда" | "миллиардов" => {
                    1e9
                }
                "trillion"
                | "trillions"
                | "трлн"
                | "триллион"
                | "триллиона"
                | "триллионов"
                | "billón"
                | "billones" => 1e12,
                _ => return None,
            })
        };
        match w.as_slice() {
            ["mil" | "miles", "millones" | "millón", ..] | ["miles", "de", "millones", ..] => vec![1e9],
            [first, ..] => scale(first).into_iter().collect(),
            [] => vec![],
        }
    }
}

/// Month names (en, ru, es) with their char spans and numbers.
fn month_names(chars: &[char]) -> Vec<(Range<usize>, u8)> {
    let text: String = chars.iter().collect();
    let mut out = Vec::new();
    for (span, w) in super::words(&text) {
        let lower = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let m = month_number(&lower, capital);
        if let Some(m) = m {
            out.push((span, m));
        }
    }
    out
}

/// Number words of en, ru and es: `word<TAB>value`, `stem*<TAB>value` for Russian inflections.
const NUMBER_WORDS: &str = include_str!("number_words.txt");

fn number_word_table() -> &'static [(String, bool, f64)] {
    static TABLE: OnceLock<Vec<(String, bool, f64)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        NUMBER_WORDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                let v: f64 = v.trim().parse().ok()?;
                let (stem, prefix) = match w.strip_suffix('*') {
                    Some(s) => (s, true),
                    None => (w, false),
                };
                Some((stem.to_string(), prefix, v))
            })
            .collect()
    })
}

/// The values of the number words of a text (`two`, `двух`, `dos`, `first`, `первый` …), of
/// compounds (`fifty-eight`, `сорока восьми`, `treinta y cinco` = tens + units) and of Roman numerals
/// (`siglo XIX`).
pub fn number_words(text: &str) -> Vec<f64> {
    let table = number_word_table();
    let mut out = Vec::new();
    let mut prev: Option<f64> = None;
    for (_, w) in super::words(text) {
        if w.chars().count() >= 2 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
            out.extend(roman(&w));
        }
        let lower = w.to_lowercase();
        if lower == "y" || lower == "and" {
            continue; // treinta y cinco, hundred and five
        }
        let mut this = None;
        for part in lower.split('-') {
            let mut value = fused_tens_and_units(part, table);
            if let Some(v) = value {
                // Not also the tens alone: `сорокашестилетний` is no forty.
                out.push(v);
            } else {
                for (stem, prefix, v) in table {
                    if (*prefix && part.starts_with(stem.as_str())) || part == stem {
                        out.push(*v);
                        value = Some(*v);
                    }
                }
            }
            if let (Some(p), Some(v)) = (prev.or(this), value)
                && p >= 20.0
                && p % 10.0 == 0.0
                && v < 10.0
            {
                out.push(p + v);
            }
            this = value.or(this);
            prev = None;
        }
        prev = this;
    }
    out
}

/// Tens and units written as one word, the way Russian builds compound adjectives
/// (`сорокашестилетний` = 46-year-old, `двадцатипятиэтажный`): the word starts with a form of a
/// tens word (its stem and at most two letters of ending) followed at once by a form of a units word.
fn fused_tens_and_units(part: &str, table: &[(String, bool, f64)]) -> Option<f64> {
    if part.chars().count() < 8 {
        return None;
    }
    let is_tens = |v: f64| (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
    for (stem, _, tens) in table.iter().filter(|e| is_tens(e.2)) {
        let Some(rest) = part.strip_prefix(stem.as_str()) else { continue };
        for ending in rest.char_indices().map(|(k, _)| k).take(3) {
            let right = &rest[ending..];
            if let Some((_, _, units)) = table.iter().find(|(u, _, v)| {
                (1.0..10.0).contains(v) && v.fract() == 0.0 && right.starts_with(u.as_str())
            }) {
                return Some(tens + units);
            }
        }
    }
    None
}

fn roman(w: &str) -> Option<f64> {
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let digits: Vec<i32> = w.chars().map(val).collect();
    let mut total = 0;
    for (k, &d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|&n| n > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    (total > 0).then_some(f64::from(total))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.05 * a.abs().max(b.abs()) + 0.5
}

fn matches_any(t: &NumberToken, others: &[NumberToken], words: &[f64]) -> bool {
    if let Some(parts) = &t.parts
        && !others.iter().any(|o| o.parts.is_some())
    {
        // A range written out (10-15 = "10 to 15") matches both ends; a score only another score.
        let has = |x: f64| others.iter().any(|o| o.values.iter().any(|&w| same(x, w))) || words.contains(&x);
        return has(parts.0) && has(parts.1);
    }
    t.values.iter().any(|&v| {
        others.iter().any(|o| o.values.iter().any(|&w| same(v, w)) || o.approx.iter().any(|&w| close(v, w)))
            || words.iter().any(|&w| same(v, w))
    }) || t.approx.iter().any(|&a| {
        others.iter().any(|o| o.values.iter().any(|&w| close(a, w))) || words.iter().any(|&w| close(a, w))
    })
}

/// The numbers of each side that have no match on the other side (soft ones left out).
pub fn unmatched(a: &str, b: &str) -> (Vec<NumberToken>, Vec<NumberToken>) {
    let (na, nb) = (extract(a), extract(b));
    let (wa, wb) = (number_words(a), number_words(b));
    let la: Vec<&NumberToken> = na.iter().filter(|t| !matches_any(t, &nb, &wb)).collect();
    let lb: Vec<&NumberToken> = nb.iter().filter(|t| !matches_any(t, &na, &wa)).collect();
    // A small count missing on one side only is usually idiom ("a decade" for 10 years, "quarter-hour"
    // for 15 minutes, "two metres" for 6 feet); a small number *changed* leaves traces on both sides:
    // an unmatched number, a number word the other side does not have, or a number the other side
    // has fewer times.
    let stray_words = |w: &[f64], other: &[NumberToken], other_w: &[f64]| {
        w.iter().any(|&v| {
            v >= 2.0
                && !other.iter().any(|t| t.values.iter().any(|&x| same(x, v)))
                && !other_w.iter().any(|&x| same(x, v))
        })
    };
    // A number written more often on one side than the other side has it (in digits or words):
    // `COVID-19 … COVID-19` against `COVID-19 … COVID-15`.
    let surplus = |ns: &[NumberToken], other: &[NumberToken], other_w: &[f64]| {
        ns.iter().filter(|t| !t.soft && t.evidence).any(|t| {
            let v = t.values[0];
            let mine = ns.iter().filter(|u| u.key == t.key).count();
            let theirs = other.iter().filter(|o| o.values.iter().any(|&x| same(x, v))).count()
                + other_w.iter().filter(|&&x| same(x, v)).count();
            theirs > 0 && mine > theirs
        })
    };
    let evidence_a = la.iter().any(|t| t.evidence) || stray_words(&wa, &nb, &wb) || surplus(&na, &nb, &wb);
    let evidence_b = lb.iter().any(|t| t.evidence) || stray_words(&wb, &na, &wa) || surplus(&nb, &na, &wa);
    let left = la.into_iter().filter(|t| !t.soft && (!t.small || evidence_b)).cloned().collect();
    let right = lb.into_iter().filter(|t| !t.soft && (!t.small || evidence_a)).cloned().collect();
    (left, right)
}

pub fn check(p: &PairView<'_>) -> Vec<Draft> {
    let (left, right) = unmatched(&p.a.text, &p.b.text);
    if left.is_empty() && right.is_empty() {
        return vec![];
    }
    let list = |ts: &[NumberToken], text: &str| -> String {
        let mut shown: Vec<String> = ts.iter().map(|t| slice(text, t.span.clone())).collect();
        shown.dedup();
        shown.join(", ")
    };
    let reason = match (left.is_empty(), right.is_empty()) {
        (false, false) => format!(
            "numbers differ: {} {} vs {} {}",
            p.label_a,
            list(&left, &p.a.text),
            p.label_b,
            list(&right, &p.b.text)
        ),
        (false, true) => {
            format!("{} {} has no counterpart in {}", p.label_a, list(&left, &p.a.text), p.label_b)
        }
        _ => format!("{} {} has no counterpart in {}", p.label_b, list(&right, &p.b.text), p.label_a),
    };
    let mut d = Draft::new(CheckId::Numbers, reason, vec![p.i, p.j]);
    for t in &left {
        d = d.mark(p.i, t.span.clone());
    }
    for t in &right {
        d = d.mark(p.j, t.span.clone());
    }
    vec![d]
}

fn slice(text: &str, r: Range<usize>) -> String {
    text.chars().skip(r.start).take(r.len()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
        let (l, r) = unmatched(a, b);
        (l.into_iter().map(|t| t.key).collect(), r.into_iter().map(|t| t.key).collect())
    }

    fn agree(a: &str, b: &str) {
        let d = diff(a, b);
        assert!(d.0.is_empty() && d.1.is_empty(), "{a:?} vs {b:?}: {d:?}");
    }

    #[test]
    fn separators_scales_and_dates_are_normalised() {
        agree("It costs 1,000 dollars.", "Стоит 1 000 долларов.");
        agree("It costs 1,000 dollars.", "Cuesta 1.000 dólares.");
        agree("grew by 18.5% to reach 1,250 million dollars", "вырос на 18,5% до 1,25 млрд долларов");
        agree(
            "grew by 18.5% to reach 1,250 million dollars",
            "creció un 18,5 % hasta 1.250 millones de dólares",
        );
        agree("On 26 April 2024 we met.", "26 апреля 2024 г. мы встретились.");
        agree("On 26 April 2024 we met.", "El 26 de abril de 2024 nos reunimos.");
        agree("On 26.04.2024 we met.", "On April 26, 2024 we met.");
        agree("at 3 p.m.", "в 15:00");
        agree("in the 1990s", "в 90-х годах");
        agree("two ships and 3 boats", "2 корабля и три лодки");
        agree("dos barcos", "two ships");
        agree("costs 2 billion", "cuesta 2 mil millones");
        agree("the 2019-20 pandemic", "la pandemia de 2019-2020");
        agree("at 4.40 am", "a las 4:40");
        agree("in the 19th century", "en el siglo XIX");
        agree("Fifty-eight percent", "пятьдесят восемь процентов");
        agree("Treinta y cinco pacientes", "35 patients");
        agree("the 550 pound hog", "el cerdo de casi 250 kilos");
        agree("in the late Eighties", "a finales de los años 80");
        agree("anti-IL6 antibody", "ингибитор интерлейкина-6");
        agree("the 46-year-old candidate", "сорокашестилетний кандидат");
        agree("la estrella de 39 años", "тридцатидевятилетней звезды");
        agree("the candidate, 46, said", "el candidato de cuarenta y seis años");
        agree("veintitrés días", "23 days");
    }

    #[test]
    fn changed_or_missing_numbers_are_reported() {
        assert_eq!(diff("grew by 18.5%", "вырос на 15,8%"), (vec!["18.5".into()], vec!["15.8".into()]));
        assert_eq!(
            diff("On 2 October 1946", "2 октября 1947 г."),
            (vec!["1946".into()], vec!["1947".into()])
        );
        assert_eq!(diff("75 scholarships, compared with 40", "75 стипендий"), (vec!["40".into()], vec![]));
        assert_eq!(diff("within 10 days", "в течение 12 дней"), (vec!["10".into()], vec!["12".into()]));
        agree("10 years later", "a decade later");
        agree("a crowd of 25 000", "25-тысячная толпа");
        agree("from 5-10 days", "от 5 до 10 дней");
        agree("in the early '50s", "al principio de la década de 1950");
        assert_eq!(
            diff("beat Dundee 2-1", "vencer al Dundee por 2-2"),
            (vec!["2-1".into()], vec!["2-2".into()])
        );
        assert_eq!(diff("worked for 12 years", "десять лет проработавший"), (vec!["12".into()], vec![]));
        // A small number changed into one the other side writes elsewhere in the unit.
        assert_eq!(
            diff(
                "symptoms of COVID-19 and SARS are similar, and the outbreak of COVID-19 recalls SARS",
                "los síntomas de la COVID-19 y del SARS, y el brote de COVID-15 recuerda al SARS"
            ),
            (vec![], vec!["15".into()])
        );
        agree("in 2019 and again in 2019", "en 2019 y otra vez ese año");
        assert_eq!(
            diff("18 марта 1020 года", "On 18 March 2020"),
            (vec!["1020".into()], vec!["2020".into()])
        );
        assert_eq!(diff("16,7 миллиарда", "10,7 miles de millones").0, ["16.7"]);
        // A bare month on one side is not a difference by itself.
        agree("In March the talks resumed.", "Переговоры возобновились.");
        // A word that starts with a month's letters is no month.
        agree(
            "Las dos iglesias fueron construidas por congregaciones blancas antes de que Harlem se \
             convirtiese en una metrópolis negra: la Comunidad Metropolitana en\u{a0}1870 y San Martín \
             una década más tarde.",
            "Обе церкви были построены белыми конгрегациями еще до того, как Гарлем стал черным \
             районом: Метрополитен Комьюнити в 1870\u{a0}г., а церковь Св. Мартина\u{a0}— на 10 лет позже.",
        );
        assert_eq!(diff("on 3 March", "3 марта"), (vec![], vec![]));
        assert_eq!(diff("On 26 July", "26 марта"), (vec!["7".into()], vec!["3".into()]));
        assert_eq!(diff("a 40-year-old", "сорокашестилетний").0, ["40"]);
        assert_eq!(diff("On 26 April", "26 мая"), (vec!["4".into()], vec!["5".into()]));
    }

    #[test]
    fn draft_marks_the_numbers() {
        use crate::check::UnitSide;
        let a = UnitSide::plain("Trade grew by 18.5%.");
        let b = UnitSide::plain("Торговля выросла на 15,8%.");
        let p =
            PairView { i: 0, j: 1, a: &a, b: &b, lang_a: "en", lang_b: "ru", label_a: "en", label_b: "ru" };
        let d = check(&p);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].marks, [(0, 14..18), (1, 20..24)]);
        assert!(d[0].reason.contains("18.5") && d[0].reason.contains("15,8"), "{}", d[0].reason);
    }
}
