//! `untranslated`: the target repeats the source (identical after folding, or nearly all the same
//! words), or a segment is in the wrong script (Latin in a Russian document) or, between Latin-script
//! languages, reads as another language (function words of en, es, fr, de, it, pt).

use super::{CheckId, Draft, PairView, UnitSide, words};
use crate::text::normalize::{fold, is_cyrillic};

fn folded_words(s: &str) -> Vec<String> {
    words(s).into_iter().map(|(_, w)| fold(&w)).filter(|w| w.chars().any(char::is_alphabetic)).collect()
}

/// Most words a name (a speaker label such as `Marcela Ibarra Quiroga:`) has: a side of this many
/// words or fewer, every one capitalised, is the same in every language and no copy.
const NAME_WORDS: usize = 4;

/// Whether `s` is a short run of capitalised words: a person's or a place's name.
fn is_name(s: &str) -> bool {
    let ws: Vec<String> =
        words(s).into_iter().map(|(_, w)| w).filter(|w| w.chars().any(char::is_alphabetic)).collect();
    ws.len() <= NAME_WORDS
        && ws.iter().all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
}

/// Two sides in different languages that are (almost) the same text.
pub fn check_pair(p: &PairView<'_>) -> Vec<Draft> {
    let (wa, wb) = (folded_words(&p.a.text), folded_words(&p.b.text));
    if wa.len() < 3 || wb.len() < 3 || is_name(&p.b.text) {
        return vec![];
    }
    let shared = wb.iter().filter(|w| w.chars().count() > 1 && wa.contains(w)).count();
    let reason = if wa == wb {
        format!("{} repeats {} word for word: not translated", p.label_b, p.label_a)
    } else if wb.len() >= 4 && shared * 10 >= wb.len() * 8 && wa.len().abs_diff(wb.len()) * 4 <= wb.len() {
        format!(
            "{shared} of {} words of {} are the {} words: probably not translated",
            wb.len(),
            p.label_b,
            p.label_a
        )
    } else {
        return vec![];
    };
    vec![Draft::new(CheckId::Untranslated, reason, vec![p.i, p.j])]
}

const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &["the", "and", "of", "to", "is", "that", "with", "for", "are", "this", "was", "have", "it", "be"],
    ),
    ("es", &["el", "la", "los", "las", "que", "y", "del", "por", "con", "una", "es", "se", "para", "como"]),
    (
        "fr",
        &["le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas", "sur", "du", "au", "avec"],
    ),
    ("de", &["der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "auf", "sich", "den", "zu"]),
    ("it", &["il", "di", "che", "è", "per", "non", "gli", "della", "sono", "nel", "alla", "questo"]),
    ("pt", &["o", "os", "que", "não", "uma", "com", "para", "do", "da", "em", "são", "isso"]),
];

fn cyrillic_language(lang: &str) -> bool {
    matches!(lang, "ru" | "uk" | "be" | "bg" | "sr" | "mk" | "kk" | "ky" | "tg" | "mn")
}

/// One side in the wrong script or the wrong language.
pub fn check_script(i: usize, side: &UnitSide, lang: &str) -> Vec<Draft> {
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in side.text.chars().filter(|c| c.is_alphabetic()) {
        if is_cyrillic(c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            lat += 1;
        }
    }
    let letters = cyr + lat;
    if letters < 12 {
        return vec![];
    }
    let known_latin = FUNCTION_WORDS.iter().any(|(l, _)| *l == lang);
    if cyrillic_language(lang) && lat * 10 > letters * 7 {
        let r = format!("written in Latin script, but {lang} is written in Cyrillic: not translated?");
        return vec![Draft::new(CheckId::Untranslated, r, vec![i])];
    }
    if known_latin && cyr * 10 > letters * 7 {
        let r = format!("written in Cyrillic script, but {lang} is written in Latin: not translated?");
        return vec![Draft::new(CheckId::Untranslated, r, vec![i])];
    }
    if !known_latin || cyr > 0 {
        return vec![];
    }
    let ws: Vec<String> = words(&side.text).into_iter().map(|(_, w)| w.to_lowercase()).collect();
    if ws.len() < 6 {
        return vec![];
    }
    let score = |l: &str| {
        let list = FUNCTION_WORDS.iter().find(|(c, _)| *c == l).map(|(_, w)| *w).unwrap_or(&[]);
        ws.iter().filter(|w| list.contains(&w.as_str())).count()
    };
    let own = score(lang);
    let best = FUNCTION_WORDS.iter().map(|(l, _)| (*l, score(l))).max_by_key(|(_, s)| *s);
    match best {
        Some((other, s)) if other != lang && own == 0 && s >= 3 => {
            vec![Draft::new(CheckId::Untranslated, format!("reads as {other}, not {lang}"), vec![i])]
        }
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `untranslated` drafts of an en side `a` against an es side `b`.
    fn copies(a: &str, b: &str) -> usize {
        let (a, b) = (UnitSide::plain(a), UnitSide::plain(b));
        check_pair(&PairView {
            i: 0,
            j: 1,
            a: &a,
            b: &b,
            lang_a: "en",
            lang_b: "es",
            label_a: "en",
            label_b: "es",
        })
        .len()
    }

    #[test]
    fn copies_and_wrong_scripts_are_found() {
        let a = UnitSide::plain("The plant supplies a third of the country.");
        let c = UnitSide::plain("La central abastece a un tercio del país.");
        assert_eq!(copies(&a.text, &a.text), 1);
        assert_eq!(copies(&a.text, &c.text), 0);
        // A speaker's name is the same in both languages: no copy. A short sentence is.
        assert_eq!(copies("Marcela Ibarra Quiroga:", "Marcela Ibarra Quiroga:"), 0);
        assert_eq!(copies("Marcela spoke first.", "Marcela spoke first."), 1);
        assert_eq!(check_script(1, &a, "ru").len(), 1);
        assert_eq!(check_script(1, &a, "es")[0].reason, "reads as en, not es");
        assert!(check_script(1, &c, "es").is_empty());
        assert!(
            check_script(0, &UnitSide::plain("Станция даёт треть электроэнергии страны."), "ru").is_empty()
        );
    }
}
