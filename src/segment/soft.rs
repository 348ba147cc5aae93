//! Soft boundaries: places inside a sentence where the text may end one translation unit and start
//! the next although its punctuation does not say so for sure. The segmenter does not split there —
//! on its own, a split would be wrong more often than right — but the aligner may: it aligns the
//! pieces, and rejoins the pieces that land in the same unit (see `align::rejoin`), so a piece only
//! stands alone where the other language agrees with the split.
//!
//! Six signs, each common in real documents and rare inside a sentence of running prose:
//! - a label and a colon before a capital (`On pranking the Pope: Jobs recounts …`), or before any
//!   word when the label is the sentence's first few words (`Eurozone: the rates are climbing`);
//! - a terminator before a capital after a number or an acronym, where the segmenter's rules kept
//!   the sentence whole (`… (ref. 33). Физические …`, `пистолет ТТ. Ему …`);
//! - a terminator before a lower-case word, after a word that is not an abbreviation
//!   (`(other variants of the same virus). the two types …`, `reunions... these communities`);
//! - a capitalised common sentence opener right after a lower-case word, where a period was lost
//!   (`… with unions and employers He will have …`, `… Конгресса В августе …`);
//! - a closing quote right before a capital with no terminator (`…вакцина» Профессор …`);
//! - a semicolon before a capitalised common opener, where older and legal styles join what a
//!   translation often writes as two sentences (`… que me envió; Y el que me ve …`).

use super::lexicon::Lexicon;
use crate::text::{is_alphabetic, is_alphanumeric};

/// Closing quotes and brackets that may stand between a terminator and the next word.
fn closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
}

/// Opening quotes that may stand before the first word of a piece.
fn opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '“' | '‘' | '„' | '(' | '¿' | '¡')
}

fn terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// A word of `text` with its byte range, split at whitespace.
struct Word<'t> {
    start: usize,
    text: &'t str,
}

fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    text.split_whitespace()
        .map(move |w| Word { start: w.as_ptr() as usize - text.as_ptr() as usize, text: w })
}

/// `word` in lower case, written into `buf` (one buffer for a sentence's words, not a string
/// each). As `str::to_lowercase`, whose one context rule (a final capital sigma) is left to it.
fn lower<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else if word.contains('Σ') {
        buf.push_str(&word.to_lowercase());
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    buf
}

/// The word's letters and digits, without the punctuation around it.
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !is_alphanumeric(c))
}

/// The first letter of a word after its opening quotes, if the word starts with a letter there.
fn first_letter(word: &str) -> Option<char> {
    word.chars().find(|&c| !opener(c)).filter(|&c| is_alphabetic(c))
}

/// Most words a label before a colon may have to stand as a piece before a lower-case word.
const LABEL_WORDS: usize = 4;

/// Whether `word` (after its opening quotes) is a common sentence opener written with a capital
/// and the rest in lower case, and not a pronoun (which some styles capitalise anywhere).
fn capitalised_starter(word: &str, lx: &Lexicon, buf: &mut String) -> bool {
    let w = core(word);
    if !w.chars().next().is_some_and(char::is_uppercase) || !w.chars().skip(1).all(char::is_lowercase) {
        return false;
    }
    let lower = lower(w, buf);
    lx.is_starter(lower) && !lx.is_pronoun(lower)
}

/// Whether `next` may open a piece after the soft boundary ending `prev`; `label` says whether the
/// words up to `prev` may be a label (the sentence's first few words, not opening like a clause).
fn soft_between(prev: &str, next: &str, label: bool, lx: &Lexicon, buf: &mut String) -> bool {
    // Most words start with a lower-case letter (a–z, а–я) after a word without `:` or a final
    // mark: no boundary, and none of the Unicode lookups below is needed to say so.
    if matches!(next.chars().next(), Some('a'..='z' | 'а'..='я')) {
        let trimmed = prev.trim_end_matches(closer);
        if !trimmed.ends_with(':') && !trimmed.ends_with(terminator) {
            return false;
        }
    }
    let Some(first) = first_letter(next) else { return false };
    let last = prev.chars().next_back().unwrap_or(' ');
    let trimmed = prev.trim_end_matches(closer);
    let closed = trimmed.len() < prev.len();
    if first.is_uppercase() {
        if trimmed.ends_with(':') {
            // A label: a colon before a capital, not a time or a ratio.
            return !core(next).chars().all(|c| c.is_ascii_digit());
        }
        if trimmed.ends_with(';') {
            // A capitalised common opener after a semicolon: a clause the writer joined to the
            // sentence that a translation may well start anew (`… que me envió; Y el que me ve …`).
            return capitalised_starter(next, lx, buf);
        }
        if trimmed.ends_with(terminator) {
            // The rules kept a number or an acronym with what follows; a piece may still end there,
            // but not inside an abbreviation written with a space (`EE. UU.`, listed as `ee.uu`).
            let c = core(trimmed);
            let number = !c.is_empty() && c.chars().all(|c| c.is_ascii_digit());
            let acronym = c.chars().count() >= 2 && c.chars().all(char::is_uppercase);
            return number || (acronym && !spaced_abbreviation(c, next, lx, buf));
        }
        if closed && !trimmed.ends_with([',', ';']) {
            // A quotation that closed without its terminator.
            return prev.chars().filter(|&c| is_alphabetic(c)).count() >= 2;
        }
        // A lost period: a capitalised common opener right after a lower-case word (not a pronoun,
        // which some styles capitalise anywhere).
        if !last.is_lowercase() {
            return false;
        }
        // A one-letter opener ("В августе") must stand alone: one with punctuation attached is a
        // letter naming something ("класса В, наказуемое …", "пункт А.").
        let opener_word = core(next);
        let letters = opener_word.chars().count();
        let long_enough =
            letters >= 2 || (!opener_word.is_ascii() && next.trim_start_matches(opener) == opener_word);
        return long_enough && capitalised_starter(next, lx, buf);
    }
    if first.is_lowercase() && trimmed.ends_with(':') {
        return label;
    }
    if first.is_lowercase() && trimmed.ends_with(terminator) {
        // A terminator before a lower-case word: unless the word before it is an abbreviation or
        // an initial, or the terminator is part of a run like "т.е." or "e.g.".
        let key = lower(core(prev), buf);
        let letters = key.chars().filter(|&c| is_alphabetic(c)).count();
        let inner_period = core(prev).contains('.');
        return (closed || letters >= 3 || trimmed.ends_with('…') || trimmed.ends_with("..."))
            && !inner_period
            && lx.abbrev(key).is_none();
    }
    false
}

/// Whether `first` (an acronym before its period) and the word `next` are one abbreviation written
/// with a space, listed without it (`EE. UU.` as `ee.uu`).
fn spaced_abbreviation(first: &str, next: &str, lx: &Lexicon, buf: &mut String) -> bool {
    if !next.ends_with('.') {
        return false;
    }
    let key = format!("{}.{}", first.to_lowercase(), lower(core(next), buf));
    lx.abbrev(&key).is_some()
}

/// Byte offsets into `sentence` where a soft boundary lets a new piece start (ascending, never 0).
pub fn soft_breaks(sentence: &str, lx: &Lexicon) -> Vec<usize> {
    soft_breaks_with(sentence, lx, &mut String::new())
}

/// [`soft_breaks`] with a buffer for lower-cased words that the caller keeps across sentences.
pub(crate) fn soft_breaks_with(sentence: &str, lx: &Lexicon, buf: &mut String) -> Vec<usize> {
    let mut out = Vec::new();
    let mut ws = words(sentence);
    let Some(mut prev) = ws.next() else { return out };
    let clause = lx.is_starter(lower(core(prev.text), buf));
    for (n, w) in ws.enumerate() {
        if soft_between(prev.text, w.text, !clause && n < LABEL_WORDS, lx, buf) {
            out.push(w.start);
        }
        prev = w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(lang: &str, s: &'a str) -> Vec<&'a str> {
        let lx = Lexicon::for_language(lang);
        let mut out = Vec::new();
        let mut at = 0;
        for b in soft_breaks(s, &lx) {
            out.push(s[at..b].trim_end());
            at = b;
        }
        out.push(&s[at..]);
        out
    }

    #[test]
    fn labels_lost_periods_and_lower_case_after_terminators() {
        assert_eq!(
            pieces("en", "On pranking the Pope: Jobs recounts the story."),
            ["On pranking the Pope:", "Jobs recounts the story."]
        );
        assert_eq!(
            pieces("en", "They met unions and employers He will form a cabinet."),
            ["They met unions and employers", "He will form a cabinet."]
        );
        assert_eq!(
            pieces("ru", "Вирус (два варианта одного вируса). два типа коронавируса."),
            ["Вирус (два варианта одного вируса).", "два типа коронавируса."]
        );
        assert_eq!(
            pieces("ru", "События обогнали Конгресса В августе Триполи сдался."),
            ["События обогнали Конгресса", "В августе Триполи сдался."]
        );
        assert_eq!(pieces("es", "Zona del euro: los tipos crecen."), ["Zona del euro:", "los tipos crecen."]);
        assert_eq!(
            pieces("ru", "Это видно (ссылка 33). Физические свойства."),
            ["Это видно (ссылка 33).", "Физические свойства."]
        );
        assert_eq!(
            pieces("ru", "Он покупает пистолет ТТ. Ему выписывают."),
            ["Он покупает пистолет ТТ.", "Ему выписывают."]
        );
        // An abbreviation written with a space is one word: no piece starts inside it, but one may
        // start after it.
        assert_eq!(
            pieces("es", "El comercio entre EE. UU. y China, dijo el embajador de EE. UU. Trump lo negó."),
            ["El comercio entre EE. UU. y China, dijo el embajador de EE. UU.", "Trump lo negó."]
        );
        assert_eq!(
            pieces("ru", "появилась очень перспективная вакцина» Профессор объяснил."),
            ["появилась очень перспективная вакцина»", "Профессор объяснил."]
        );
        assert_eq!(
            pieces("es", "No cree en mí, sino en el que me envió; Y el que me ve, ve al que me envió."),
            ["No cree en mí, sino en el que me envió;", "Y el que me ve, ve al que me envió."]
        );
        assert_eq!(
            pieces("es", "Y creyeron en él; Porque veían las señales que hacía."),
            ["Y creyeron en él;", "Porque veían las señales que hacía."]
        );
        assert_eq!(
            pieces("en", "He touched his tongue; And looking up to heaven, he sighed."),
            ["He touched his tongue;", "And looking up to heaven, he sighed."]
        );
    }

    #[test]
    fn ordinary_sentences_have_none() {
        for (lang, s) in [
            ("en", "The meeting starts at 10:30 and ends at noon."),
            ("en", "He said: \"we will see\", and left."),
            ("en", "Prices rose e.g. in the U.S. and in Canada."),
            ("en", "The president of the United States spoke to Congress."),
            ("en", "He took vitamin A and left."),
            ("en", "The reasons are many, as he said: the costs rose and prices fell."),
            ("ru", "В 2024 г. Россия выросла на ст. 5 и т. д."),
            ("ru", "Пришёл т. е. А. С. Пушкин и все встали."),
            ("ru", "Компания «Газпром», по данным источника, выросла."),
            ("es", "Llegó a la Ciudad de México con su familia."),
            ("ru", "Он сказал ученикам Своим Я есмь путь."),
            ("ru", "Ему предъявлено обвинение в преступлении класса В, наказуемом штрафом."),
            ("ru", "Об этом говорится в пункте А. Статьи 5."),
            // After a semicolon: a name, a pronoun, a lower-case word.
            ("en", "Prices rose in Germany; Venezuela and Bolivia saw falls."),
            ("en", "He was tired; I was not."),
            ("ru", "Он устал; и все ушли домой."),
            ("en", "Sales grew; AND fell."),
        ] {
            assert_eq!(pieces(lang, s), [s], "{s}");
        }
    }
}
