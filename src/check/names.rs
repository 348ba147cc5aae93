//! `names`: proper names and acronyms present on one side and missing on the other.
//!
//! Candidates are capitalised words that do not start a sentence, and acronyms (2–6 capitals,
//! `U.S.`/`EE.UU.` with their dots taken out). A candidate is found on the other side through the
//! table in `names.txt` (ООН/UN/ONU, США/US/EE.UU., Россия/Russia/Rusia …: one line per name, easy to
//! extend), else by a fuzzy match of transliterated keys against every word there (Лавров ~ Lavrov,
//! Жанейро ~ Janeiro, Верещагина ~ Vereshchagin, Билла ~ Bill: a shared stem, a Russian case
//! ending, or Jaro-Winkler ≥ 0.88).
//!
//! Not candidates: currencies (US$, USD, the США of "долларов США"), which belong to an amount,
//! month names, which belong to a date (the numbers check compares both), and,
//! across languages, an acronym the document gives with its expansion ("personal protective
//! equipment (PPE)"), wherever it comes back: the other side often says the expansion alone.
//!
//! Languages capitalise differently (English capitalises titles and institutions that the other side
//! translates: Supreme Court / Верховный суд), so across languages an unmatched candidate is reported
//! only when the other *document* has the name somewhere ([`NameVocab`]): then it is a name replaced
//! in this unit (both sides have one unmatched) or an acronym left out, not a translated common
//! noun or a name said as "he" or "the country". In same-language mode every unmatched
//! candidate is reported.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use super::{CheckId, Draft, PairView};
use crate::text::months::month_number;
use crate::text::normalize;

/// A name-like word of a side: its text, its comparison key, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct NameCandidate {
    pub text: String,
    pub key: String,
    pub span: Range<usize>,
    pub acronym: bool,
    /// An acronym that follows its own expansion in parentheses ("personal protective equipment
    /// (PPE)"): the other side may well give the expansion alone.
    pub defined: bool,
}

/// A word of a side prepared for matching: its comparison key and its original form.
struct Word {
    text: String,
    key: String,
}

const TABLE_TEXT: &str = include_str!("names.txt");

/// One form of a name in the table: the text, whether it is a stem (`*`), whether it is in capitals.
type Form = (String, bool, bool);

fn table() -> &'static [Vec<Form>] {
    static T: OnceLock<Vec<Vec<Form>>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE_TEXT
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.split('|')
                    .map(|f| {
                        let f = f.trim();
                        let caps = f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase);
                        match f.strip_suffix('*') {
                            Some(s) => (s.to_lowercase(), true, caps),
                            None if caps => (f.to_string(), false, true),
                            None => (f.to_lowercase(), false, false),
                        }
                    })
                    .collect()
            })
            .collect()
    })
}

/// Whether `word` (`lower`: the same in lower case) is `form` of the table.
fn form_matches(form: &Form, word: &str, lower: &str) -> bool {
    let (f, stem, caps) = form;
    if *caps && !stem {
        return word == f;
    }
    if *stem { lower.starts_with(f.as_str()) } else { lower == f }
}

/// The table groups a word belongs to.
fn groups_of(word: &str) -> Vec<usize> {
    // Lower-cased once for the whole table: every word of a checked document passes here.
    let lower = word.to_lowercase();
    table()
        .iter()
        .enumerate()
        .filter(|(_, g)| g.iter().any(|f| form_matches(f, word, &lower)))
        .map(|(i, _)| i)
        .collect()
}

/// `s` with every `from` replaced by `to`, as `str::replace`, but only copied when `from` occurs
/// (rarely: name keys are made for every word of a checked document).
fn replace_in(s: &mut String, from: &str, to: &str) {
    // A plain scan: the patterns are a few bytes and the words short, where `str::contains` spends
    // more on setting up its searcher than on searching.
    let (hay, needle) = (s.as_bytes(), from.as_bytes());
    let found = hay.len() >= needle.len()
        && (0..=hay.len() - needle.len()).any(|i| hay[i] == needle[0] && hay[i..].starts_with(needle));
    if found {
        *s = s.replace(from, to);
    }
}

/// A comparison key that lets spellings of one name across scripts meet: transliterated, folded,
/// with letter groups that transliterations render differently made one.
pub fn name_key(word: &str) -> String {
    // Тьерра is Tierra: a soft sign before a vowel is heard as i.
    let mut word = word.to_string();
    for (from, to) in [("ье", "ие"), ("ьё", "ио"), ("ью", "ию"), ("ья", "ия")] {
        replace_in(&mut word, from, to);
    }
    let mut s = normalize::transliterate(&word);
    // Russian writes an English W as У (Уоррен = Warren, Уильям = William).
    if s.starts_with('u') && s[1..].starts_with(['a', 'e', 'i', 'o']) && word.starts_with(['У', 'у']) {
        s.replace_range(0..1, "v");
    }
    for (from, to) in [
        ("dzh", "j"),
        ("shch", "sh"),
        ("sch", "sh"),
        ("zh", "j"),
        ("kh", "h"),
        ("ts", "c"),
        ("qu", "k"),
        ("gu", "g"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("c", "k"),
        ("x", "ks"),
        ("w", "v"),
        ("y", "i"),
        ("ei", "e"),
        ("-", ""),
        ("'", ""),
        ("’", ""),
    ] {
        replace_in(&mut s, from, to);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The consonants of a key after its first letter (Стив ~ Steve: stv).
fn skeleton(k: &str) -> String {
    k.chars()
        .enumerate()
        .filter(|(i, c)| *i == 0 || !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        .map(|(_, c)| c)
        .collect()
}

/// Whether the word at `start..end` stands next to a word for a currency (долларов США, долл. США,
/// US dollars, U.S. dollars).
fn next_to_currency_word(chars: &[char], start: usize, end: usize) -> bool {
    let word_at = |from: usize, forward: bool| -> String {
        let mut k = from;
        if forward {
            // Past the spaces, and the period of a dotted acronym (`U.S. dollars`).
            while k < chars.len() && matches!(chars[k], ' ' | '.') {
                k += 1;
            }
            chars[k..].iter().take_while(|c| c.is_alphabetic()).collect::<String>()
        } else {
            // Back past the spaces, and the period of an abbreviation (`долл. США`).
            while k > 0 && matches!(chars[k - 1], ' ' | '.') {
                k -= 1;
            }
            let mut w: Vec<char> =
                chars[..k].iter().rev().take_while(|c| c.is_alphabetic()).copied().collect();
            w.reverse();
            w.into_iter().collect()
        }
    };
    [word_at(start, false), word_at(end, true)].iter().any(|w| {
        let w = w.to_lowercase();
        ["долл", "dollar", "dólar", "dolar", "евро", "euro"].iter().any(|c| w.starts_with(c))
    })
}

/// Currency codes: written as acronyms, but units of an amount, not names.
const CURRENCIES: [&str; 12] =
    ["USD", "EUR", "GBP", "RUB", "RUR", "JPY", "CNY", "CHF", "CAD", "AUD", "MXN", "ARS"];

/// The endings Russian declension adds to a name, as they read in a name key.
const CASE_ENDINGS: [&str; 9] = ["a", "u", "e", "i", "om", "oi", "em", "im", "ie"];

fn keys_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (sa, sb) = (skeleton(a), skeleton(b));
    if sa.chars().count() >= 3 && sa == sb {
        return true;
    }
    let (na, nb) = (a.chars().count(), b.chars().count());
    let need = 3.max(na.min(nb).saturating_sub(2));
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // A short name and the same name with a Russian case ending (Bill ~ Билла: bil ~ bila).
    let ending = common == na.min(nb) && na.min(nb) >= 3 && {
        let longer = if na > nb { a } else { b };
        let rest: String = longer.chars().skip(common).collect();
        CASE_ENDINGS.contains(&rest.as_str())
    };
    ending || (common >= need && na.min(nb) >= 4) || (na.min(nb) >= 5 && strsim::jaro_winkler(a, b) >= 0.88)
}

fn dotted_acronym(chars: &[char], i: usize) -> Option<(usize, String)> {
    // U.S., EE.UU., U.K.: capitals and dots, at least two dotted groups.
    let mut j = i;
    let mut out = String::new();
    let mut groups = 0;
    loop {
        let s = j;
        while j < chars.len() && chars[j].is_uppercase() && j - s < 3 {
            j += 1;
        }
        if s == j || chars.get(j) != Some(&'.') {
            j = s;
            break;
        }
        out.extend(&chars[s..j]);
        j += 1;
        groups += 1;
        if matches!(chars.get(j), Some(' ' | '\u{a0}'))
            && chars.get(j + 1).is_some_and(|c| c.is_uppercase())
            && chars.get(j + 2).is_some_and(|c| c.is_uppercase() || *c == '.')
        {
            j += 1; // EE. UU.
        }
    }
    let end = if matches!(chars.get(j.wrapping_sub(1)), Some(' ' | '\u{a0}')) { j - 1 } else { j };
    (groups >= 2 && !chars.get(j).is_some_and(|c| c.is_alphabetic())).then_some((end, out))
}

/// [`name_key`] remembered per word: a document repeats its words, and every word of every side is
/// keyed (its key is its most expensive part).
#[derive(Debug, Default)]
pub struct KeyMemo(HashMap<String, String>);

impl KeyMemo {
    fn key(&mut self, word: &str) -> String {
        if let Some(k) = self.0.get(word) {
            return k.clone();
        }
        let k = name_key(word);
        self.0.insert(word.to_string(), k.clone());
        k
    }

    /// Computes the keys of `words` not seen before, so that [`KeyMemo::get`] can lend them.
    pub(crate) fn add<'w>(&mut self, words: impl Iterator<Item = &'w String>) {
        for w in words {
            if !self.0.contains_key(w) {
                self.0.insert(w.clone(), name_key(w));
            }
        }
    }

    /// The key of a word already [`KeyMemo::add`]ed.
    pub(crate) fn get(&self, word: &str) -> &str {
        &self.0[word]
    }
}

/// The name candidates of a text and all its words (for matching).
fn scan(text: &str, memo: &mut KeyMemo) -> (Vec<NameCandidate>, Vec<Word>) {
    let chars: Vec<char> = text.chars().collect();
    let all_caps_text = !chars.iter().any(|c| c.is_lowercase());
    let mut cands = Vec::new();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((end, acr)) = dotted_acronym(&chars, i)
            && (i == 0 || !chars[i - 1].is_alphabetic())
        {
            words.push(Word { key: memo.key(&acr), text: acr.clone() });
            // `U.S. dollars`: a currency, part of an amount. `С.В. Лавров`: a person's initials
            // (Russian acronyms take no periods; Latin ones do, `U.S. Army`, so those stay).
            let span = &chars[i..end];
            let initials = span.iter().any(|&c| crate::text::normalize::is_cyrillic(c))
                && span.windows(2).all(|w| !(w[0].is_uppercase() && w[1].is_uppercase()));
            if !initials && !next_to_currency_word(&chars, i, end) {
                let defined = defined_before(&chars, i, &acr);
                cands.push(NameCandidate {
                    key: memo.key(&acr),
                    text: acr,
                    span: i..end,
                    acronym: true,
                    defined,
                });
            }
            i = end;
            continue;
        }
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i = super::word_end(&chars, start);
        let w: String = chars[start..i].iter().collect();
        for part in w.split('-').filter(|p| !p.is_empty()) {
            words.push(Word { key: memo.key(part), text: part.to_string() });
        }
        words.push(Word { key: memo.key(&w), text: w.clone() });
        let mut letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let mut upper = letters.iter().filter(|c| c.is_uppercase()).count();
        // An English plural or possessive acronym (`NCEs`, `ITV's`) is the acronym, as the other
        // side writes it.
        let plural_acronym = letters.len() >= 3 && upper + 1 == letters.len() && w.ends_with('s');
        let w = if plural_acronym {
            letters.pop();
            upper = letters.len();
            let acr = w[..w.len() - 1].trim_end_matches(['\'', '’']).to_string();
            words.push(Word { key: memo.key(&acr), text: acr.clone() });
            acr
        } else {
            w
        };
        // A currency (US$, USD, EUR) is part of an amount, which the numbers check compares; looked
        // for only in words shaped like an acronym (every word of a document passes here).
        // Nor is a Roman numeral (`II Мировая война`, `III Саммит`: the other side may say "Second",
        // "Third"), or a word of shouted text (`ТОЛЬКО НЕ ЭТО`, `OTRA PERSONA NEGRA`).
        let acronym = !all_caps_text
            && (2..=6).contains(&letters.len())
            && upper == letters.len()
            && !(chars.get(i) == Some(&'$')
                || CURRENCIES.contains(&w.as_str())
                || next_to_currency_word(&chars, start, i))
            && !is_roman_numeral(&w)
            && !shouted(&chars, start, i);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase) && upper < letters.len();
        let initial = sentence_initial(&chars, start) || is_function_word(&w);
        // A month is part of a date, which the numbers check compares (April ~ апреля ~ abril).
        let month = capitalised && month_number(&w.to_lowercase(), true).is_some();
        if acronym || (capitalised && !initial && !month && letters.len() >= 3) {
            let defined = acronym && defined_before(&chars, start, &w);
            cands.push(NameCandidate { key: memo.key(&w), text: w, span: start..i, acronym, defined });
        }
    }
    (cands, words)
}

/// Whether `w` is a Roman numeral of the letters I, V and X alone (1 to 39; `CD`, `DC`, `MD` are
/// more often acronyms).
fn is_roman_numeral(w: &str) -> bool {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = w.len() - w.trim_start_matches('X').len();
    tens <= 3 && !w.is_empty() && UNITS.contains(&&w[tens..])
}

/// Whether the word at `start..end` is one of three or more words in capitals in a row (with only
/// spaces between): shouted text or a capitalised heading inside a sentence, not acronyms. A list
/// of acronyms (`NATO, the EU and the UN`, `BRICS, SCO, CSTO`) has commas or words between them.
fn shouted(chars: &[char], start: usize, end: usize) -> bool {
    let caps_word = |s: usize, e: usize| {
        let letters = chars[s..e].iter().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && chars[s..e].iter().all(|c| !c.is_lowercase())
    };
    let gap = |c: &char| matches!(c, ' ' | '\u{a0}');
    // How many words in capitals follow one another beside the word, to the left or the right.
    let beside = |left: bool| {
        let (mut s, mut e) = (start, end);
        let mut n = 0;
        loop {
            let (ws, we) = if left {
                let we = (0..s).rev().find(|&j| !gap(&chars[j])).map_or(0, |j| j + 1);
                let ws = (0..we).rev().find(|&j| !chars[j].is_alphanumeric()).map_or(0, |j| j + 1);
                (ws, we)
            } else {
                let ws = (e..chars.len()).find(|&j| !gap(&chars[j])).unwrap_or(chars.len());
                let we = (ws..chars.len()).find(|&j| !chars[j].is_alphanumeric()).unwrap_or(chars.len());
                (ws, we)
            };
            let separated = if left { we < s } else { ws > e };
            if !separated || ws == we || !caps_word(ws, we) {
                return n;
            }
            n += 1;
            (s, e) = (ws, we);
        }
    };
    1 + beside(true) + beside(false) >= 3
}

/// Whether the acronym `acr` at `start` follows its expansion in parentheses: `… words (ACR)`, the
/// words' initials spelling the acronym (function words such as "and", "of", "de" may be skipped).
fn defined_before(chars: &[char], start: usize, acr: &str) -> bool {
    let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let mut k = start;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    if k == 0 || chars[k - 1] != '(' {
        return false;
    }
    let before: String = chars[..k - 1].iter().collect();
    let words: Vec<&str> = before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // Match the letters from the last one back, each against the next word back; a word that does
    // not start with the letter may be skipped only if it is short (a function word).
    let mut need = letters.iter().rev().peekable();
    for w in words.iter().rev().take(letters.len() * 2 + 2) {
        let Some(&&c) = need.peek() else { break };
        let first = w.chars().next().and_then(|f| f.to_lowercase().next());
        if first == Some(c) {
            need.next();
        } else if w.chars().count() > 3 {
            return false;
        }
    }
    need.peek().is_none()
}

/// Pronouns and other function words that some texts capitalise (Его, Себя, Сам in the Synodal Bible;
/// Él in Spanish ones): never names.
fn is_function_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "он",
        "его",
        "ему",
        "него",
        "нему",
        "ним",
        "нём",
        "нем",
        "им",
        "сам",
        "самого",
        "самому",
        "себя",
        "себе",
        "собой",
        "сей",
        "сего",
        "сему",
        "сим",
        "тот",
        "того",
        "тем",
        "том",
        "который",
        "которого",
        "которому",
        "которым",
        "ты",
        "тебя",
        "тебе",
        "тобой",
        "твой",
        "твоего",
        "мой",
        "моего",
        "я",
        "меня",
        "мне",
        "вы",
        "вас",
        "вам",
        "ваш",
        "вашего",
        "ваши",
        "вашей",
        "él",
        "ella",
        "tú",
        "usted",
        "ustedes",
        "he",
        "him",
        "his",
        "himself",
        "thou",
        "thee",
        "thy",
        "you",
        "your",
        "otra",
        "otro",
    ];
    WORDS.contains(&w.to_lowercase().as_str())
}

fn sentence_initial(chars: &[char], start: usize) -> bool {
    let prev = chars[..start].iter().rev().find(|c| {
        !c.is_whitespace() && !matches!(c, '«' | '"' | '“' | '(' | '¿' | '¡' | '—' | '–' | '-' | '\'')
    });
    let Some(&prev) = prev else { return true };
    if prev == '.' {
        // After an initial (Н.А.Верещагин, J. Smith) the sentence goes on.
        let before: Vec<&char> =
            chars[..start].iter().rev().skip_while(|c| **c != '.').skip(1).take(2).collect();
        if before.first().is_some_and(|c| c.is_uppercase())
            && before.get(1).is_none_or(|c| !c.is_alphabetic())
        {
            return false;
        }
    }
    matches!(prev, '.' | '!' | '?' | ':' | ';' | '…')
}

fn found(c: &NameCandidate, other: &[Word]) -> bool {
    let parts: Vec<&str> = c.text.split('-').filter(|p| p.chars().count() >= 3).collect();
    if parts.len() > 1 && groups_of(&c.text).is_empty() {
        // Рио-де-Жанейро ~ Río de Janeiro: every long part is somewhere on the other side.
        return parts.iter().all(|p| {
            let part = NameCandidate {
                text: p.to_string(),
                key: name_key(p),
                span: 0..0,
                acronym: false,
                defined: false,
            };
            found(&part, other)
        }) || other.iter().any(|w| keys_match(&c.key, &w.key));
    }
    let groups = groups_of(&c.text);
    if !groups.is_empty() {
        return other.iter().any(|w| groups_of(&w.text).iter().any(|g| groups.contains(g)))
            || other.iter().any(|w| keys_match(&c.key, &w.key));
    }
    if c.acronym {
        return other.iter().any(|w| w.key == c.key || keys_match(&c.key, &w.key));
    }
    other.iter().any(|w| keys_match(&c.key, &w.key))
}

/// The candidates of each side that the other side does not contain.
pub fn unmatched(a: &str, b: &str) -> (Vec<NameCandidate>, Vec<NameCandidate>) {
    unmatched_with(a, b, &mut KeyMemo::default())
}

fn unmatched_with(a: &str, b: &str, memo: &mut KeyMemo) -> (Vec<NameCandidate>, Vec<NameCandidate>) {
    let (ca, wa) = scan(a, memo);
    let (cb, wb) = scan(b, memo);
    let (ia, ib) = (initials(a), initials(b));
    let left = ca.into_iter().filter(|c| !found(c, &wb) && !given_as_initial(c, a, &ib)).collect();
    let right = cb.into_iter().filter(|c| !found(c, &wa) && !given_as_initial(c, b, &ia)).collect();
    (left, right)
}

/// The first letters (of their name keys) of the initials in `text`: a capital letter alone before
/// a period (`Н.А.Верещагин`, `С. В. Лавров`, `J. R. R. Tolkien`).
fn initials(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let alone = i == 0 || !chars[i - 1].is_alphabetic();
        if c.is_uppercase() && alone && chars.get(i + 1) == Some(&'.') {
            out.extend(name_key(&c.to_string()).chars().next());
        }
    }
    out
}

/// Whether a first name (`Nikolai`, a capitalised word before another capitalised word) is what
/// the other side writes as an initial (`Н.А.Верещагин`): Russian official style gives initials
/// where English and Spanish give the first name.
fn given_as_initial(c: &NameCandidate, text: &str, other_initials: &[char]) -> bool {
    if c.acronym || other_initials.is_empty() {
        return false;
    }
    let next = text.chars().skip(c.span.end).find(|ch| *ch != ' ');
    next.is_some_and(char::is_uppercase) && c.key.chars().next().is_some_and(|k| other_initials.contains(&k))
}

/// The name vocabulary of a whole document: the comparison keys of all its words, sorted, and the
/// table groups it mentions.
#[derive(Debug, Clone, Default)]
pub struct NameVocab {
    keys: Vec<String>,
    groups: Vec<usize>,
    /// Acronyms the document gives with their expansion somewhere (sorted).
    defined: Vec<String>,
}

impl NameVocab {
    pub fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>, memo: &mut KeyMemo) -> Self {
        let mut v = NameVocab::default();
        // A document repeats its words: each key once before sorting.
        let mut keys: HashSet<String> = HashSet::new();
        for t in texts {
            let (cands, words) = scan(t, memo);
            v.defined.extend(cands.into_iter().filter(|c| c.defined).map(|c| c.text));
            for w in words {
                v.groups.extend(groups_of(&w.text));
                keys.insert(w.key);
            }
        }
        v.keys = keys.into_iter().collect();
        v.defined.sort();
        v.defined.dedup();
        v.keys.sort();
        v.keys.dedup();
        v.groups.sort();
        v.groups.dedup();
        v
    }

    /// Whether the document gives this acronym with its expansion somewhere.
    fn defines(&self, c: &NameCandidate) -> bool {
        c.defined || (c.acronym && self.defined.binary_search(&c.text).is_ok())
    }

    /// Whether the document has this name somewhere (fuzzy, as within a unit).
    fn knows(&self, c: &NameCandidate) -> bool {
        if groups_of(&c.text).iter().any(|g| self.groups.binary_search(g).is_ok()) {
            return true;
        }
        let n = c.key.chars().count();
        let stem: String = c.key.chars().take(3.max(n.saturating_sub(2)).min(n)).collect();
        let from = self.keys.partition_point(|k| k.as_str() < stem.as_str());
        let prefixed = self.keys[from..].iter().take_while(|k| k.starts_with(stem.as_str()));
        let mut prefixed = prefixed;
        prefixed.any(|k| keys_match(&c.key, k))
    }
}

/// `vocab_a`/`vocab_b`: the name vocabularies of the two documents. Across languages a candidate is
/// reported only when the other document knows the name (it occurs there in some unit): a
/// capitalised word the other side *translates* (Верховный суд / Supreme Court) never occurs there
/// in a recognisable form, while a name left out or replaced does.
pub fn check(p: &PairView<'_>, vocab_a: &NameVocab, vocab_b: &NameVocab, memo: &mut KeyMemo) -> Vec<Draft> {
    let (mut left, mut right) = unmatched_with(&p.a.text, &p.b.text, memo);
    if p.lang_a != p.lang_b {
        left.retain(|c| vocab_b.knows(c));
        right.retain(|c| vocab_a.knows(c));
        // Translators often say "the country", "he" for a name given just before: a name missing on
        // one side alone is reported only for acronyms; a name *replaced* (both sides) always.
        if left.is_empty() || right.is_empty() {
            left.retain(|c| c.acronym);
            right.retain(|c| c.acronym);
        }
        // An acronym the document gives with its expansion: the other side may say the expansion
        // alone, there and wherever the acronym comes back.
        left.retain(|c| !vocab_a.defines(c));
        right.retain(|c| !vocab_b.defines(c));
    }
    if left.is_empty() && right.is_empty() {
        return vec![];
    }
    let show = |cs: &[NameCandidate]| {
        let mut shown: Vec<&str> = Vec::new();
        for c in cs {
            if !shown.contains(&c.text.as_str()) {
                shown.push(&c.text);
            }
        }
        shown.join(", ")
    };
    let reason = match (left.is_empty(), right.is_empty()) {
        (false, false) => {
            format!("names differ: {} {} vs {} {}", p.label_a, show(&left), p.label_b, show(&right))
        }
        (false, true) => format!("{} {} not found in {}", p.label_a, show(&left), p.label_b),
        _ => format!("{} {} not found in {}", p.label_b, show(&right), p.label_a),
    };
    let mut d = Draft::new(CheckId::Names, reason, vec![p.i, p.j]);
    for c in &left {
        d = d.mark(p.i, c.span.clone());
    }
    for c in &right {
        d = d.mark(p.j, c.span.clone());
    }
    vec![d]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
        let (l, r) = unmatched(a, b);
        (l.into_iter().map(|c| c.text).collect(), r.into_iter().map(|c| c.text).collect())
    }

    #[test]
    fn names_meet_across_scripts_and_tables() {
        let none = (vec![], vec![]);
        assert_eq!(diff("Мы говорили с Лавровым.", "We spoke with Lavrov."), none);
        assert_eq!(diff("Он прилетел в Рио-де-Жанейро.", "He flew to Río de Janeiro."), none);
        assert_eq!(diff("Решение НАТО и ООН.", "La decisión de la OTAN y la ONU."), none);
        assert_eq!(diff("Санкции США.", "Sanctions by the U.S."), none);
        assert_eq!(diff("Las sanciones de EE.UU.", "Sanctions by the US."), none);
        // Electrical acronyms against the words other languages write out.
        let current = [
            ("Напряжение постоянного тока — 550 В.", "The DC voltage is 550 V."),
            ("Линия переменного тока.", "The AC line."),
            ("Разъединитель DC и линия AC.", "El seccionador de CC y la línea de CA."),
        ];
        assert_eq!(name_findings(["ru", "en"], &current[..2]), Vec::<String>::new());
        assert_eq!(name_findings(["ru", "es"], &current[2..]), Vec::<String>::new());
        // A first name against the other side's initial; another first name is still reported.
        assert_eq!(diff("Министр Н.А.Верещагин сказал.", "Minister Nikolai Vereshchagin said."), none);
        assert_eq!(diff("Министр С. В. Лавров сказал.", "Minister Sergey Lavrov said."), none);
        assert_eq!(
            diff("Министр Н.А.Верещагин сказал.", "Minister Pavel Vereshchagin said."),
            (vec![], vec!["Pavel".into()])
        );
        // СССР meets its spelled-out form (the Spanish document knows URSS too); Unión alone is no
        // acronym and so no finding.
        let ussr = [
            ("Учились в СССР и России.", "Estudiaron en la Unión Soviética y en Rusia."),
            ("СССР распался.", "La URSS se disolvió."),
        ];
        assert_eq!(name_findings(["ru", "es"], &ussr), Vec::<String>::new());
        assert_eq!(diff("Las sanciones de EE.\u{a0}UU. y la OTAN", "Sanctions by the US and NATO."), none);
        // Spanish medical acronyms of their own.
        assert_eq!(diff("Vaccines against SARS and MERS.", "Vacunas contra el SRAG y el SROM."), none);
        // The surname in another spelling, the first name as the initial.
        assert_eq!(diff("Встреча с Н.А.Верещагиным.", "Meeting Nikolái Vereschaguin."), none);
    }

    #[test]
    fn plural_acronyms_roman_numerals_and_shouted_words() {
        let nothing = Vec::<String>::new();
        // English plural and possessive acronyms are the acronym.
        let drugs = [
            (
                "Most new drugs (NCEs) fail at ITV's studio.",
                "La mayoría de los fármacos (NCE) fallan en el estudio de ITV.",
            ),
            ("NCE and ITV.", "NCE e ITV."),
        ];
        assert_eq!(name_findings(["en", "es"], &drugs), nothing);
        // Roman numerals are numbers, which the other side may spell out.
        let wars = [("Во II Мировой войне.", "In the Second World War."), ("Фаза II.", "Phase II.")];
        assert_eq!(name_findings(["ru", "en"], &wars), nothing);
        // Shouted text is no run of acronyms; an acronym beside one other is still one.
        let shout = [
            ("«НЕТ, ТОЛЬКО НЕ ЭТО», — написала она.", "\"NO, NOT THAT,\" she wrote."),
            ("ТОЛЬКО и НЕ.", "ТОЛЬКО and НЕ."),
        ];
        assert_eq!(name_findings(["ru", "en"], &shout), nothing);
        let fda = [("Его одобрило FDA США.", "The US FDA approved it."), ("США и FDA.", "The US and FDA.")];
        assert_eq!(name_findings(["ru", "en"], &fda), nothing);
        let fda = [("Его одобрило агентство.", "The US FDA approved it."), ("США и FDA.", "The US and FDA.")];
        assert_eq!(name_findings(["ru", "en"], &fda), ["en US, FDA not found in ru"]);
        // A list of acronyms is no shouting.
        let list = [("Встреча БРИКС.", "A BRICS, SCO, CSTO meeting."), ("ШОС и ОДКБ.", "SCO and CSTO.")];
        assert_eq!(name_findings(["ru", "en"], &list), ["en SCO not found in ru"]);
        assert_eq!(diff("Нью-йоркские законы.", "The NY laws."), (vec![], vec![]));
    }

    /// The `names` findings of two documents given as aligned sentence pairs.
    fn name_findings(langs: [&str; 2], pairs: &[(&str, &str)]) -> Vec<String> {
        use crate::check::{CheckConfig, Unit, UnitSide, check_units};
        let units: Vec<Unit> = pairs
            .iter()
            .enumerate()
            .map(|(k, (a, b))| Unit {
                number: k + 1,
                sides: vec![Some(UnitSide::plain(a)), Some(UnitSide::plain(b))],
                score: Some(0.9),
            })
            .collect();
        let config = CheckConfig {
            allow: CheckId::ALL.into_iter().filter(|c| *c != CheckId::Names).collect(),
            ..CheckConfig::default()
        };
        let langs: Vec<String> = langs.iter().map(|l| l.to_string()).collect();
        check_units(&langs, &units, &config).into_iter().map(|f| f.reason).collect()
    }

    #[test]
    fn an_acronym_given_with_its_expansion_may_be_spelled_out_on_the_other_side() {
        let pairs = [
            (
                "Workers need personal protective equipment (PPE) at the WHO sites.",
                "Los trabajadores necesitan equipos de protección individual en los sitios de la OMS.",
            ),
            ("All types of PPE must fit.", "Todos los equipos de protección deben ajustarse."),
            ("The WHO said so.", "Lo dijo la organización."),
            ("PPE is expensive.", "El PPE es caro."),
        ];
        // The Spanish document knows both acronyms, but only WHO is missing: PPE is given with its
        // expansion in the English document, so neither it nor its later use is reported.
        assert_eq!(name_findings(["en", "es"], &pairs), ["en WHO not found in es"]);
    }

    #[test]
    fn currencies_months_and_case_endings_are_not_names_missing() {
        let none = (vec![], vec![]);
        // США in "долларов США" and US in "US$" are part of an amount, not names.
        assert_eq!(diff("Он дал 5 млн долларов США.", "He gave $5 million."), none);
        assert_eq!(diff("Он дал 5 млн долларов.", "He gave US$5 million."), none);
        // The abbreviated Russian currency, and the dotted English one.
        assert_eq!(diff("Стоимость — 310 млн долл. США.", "Cuesta 310 millones de dólares."), none);
        assert_eq!(diff("It cost 310 million U.S. dollars.", "Cuesta 310 millones de dólares."), none);
        assert_eq!(diff("Санкции U.S. против них.", "Sanciones contra ellos.").0, ["US"]);
        assert_eq!(diff("Санкции США.", "Sanctions."), (vec!["США".into()], vec![]));
        // A month belongs to a date, which the numbers check compares.
        assert_eq!(diff("Experts meet again in April.", "Experts meet again in June."), none);
        assert_eq!(diff("Experts meet again in Paris.", "Experts meet again in Rome.").0, ["Paris"]);
        // Билла is Bill with a Russian case ending; Бильбо is another name.
        assert_eq!(diff("Фонд Билла помог.", "The fund of Bill helped."), none);
        assert_eq!(
            diff("Фонд Бильбо помог.", "The fund of Bill helped."),
            (vec!["Бильбо".into()], vec!["Bill".into()])
        );
    }

    #[test]
    fn a_missing_or_replaced_name_is_reported() {
        assert_eq!(
            diff("Мы говорили с Лавровым.", "We spoke with Shoigu."),
            (vec!["Лавровым".into()], vec!["Shoigu".into()])
        );
        assert_eq!(diff("Решение НАТО.", "The decision."), (vec!["НАТО".into()], vec![]));
        assert_eq!(
            diff("Talks in Puerto Salvia went well.", "Talks in Puerto Santo went well."),
            (vec!["Salvia".into()], vec!["Santo".into()])
        );
    }
}
