//! Which language a document is in: named by the user, taken from the file name (`doc.ru.txt`,
//! `ru.txt`), or guessed from the script and a few very common words. Codes are ISO 639-1 (`ru`, `en`,
//! `es`, `de` …) everywhere in tralign.

use std::path::Path;

/// The language code in a file name: `NAME.LANG.EXT` or `LANG.EXT` (2–3 ASCII letters).
pub fn lang_from_path(path: &str) -> Option<String> {
    let name = Path::new(path).file_name()?.to_str()?;
    let parts: Vec<&str> = name.split('.').collect();
    let candidate = match parts.len() {
        0 | 1 => return None,
        2 => parts[0],
        n => parts[n - 2],
    };
    let ok = (2..=3).contains(&candidate.len()) && candidate.chars().all(|c| c.is_ascii_alphabetic());
    ok.then(|| candidate.to_ascii_lowercase())
}

const EN: &[&str] = &["the", "and", "of", "to", "is", "in", "that", "we", "with", "for", "are", "this"];
const ES: &[&str] = &["el", "la", "de", "que", "y", "los", "las", "en", "del", "por", "con", "una"];
const DE: &[&str] = &["der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "auf", "sich", "den"];
const FR: &[&str] = &["le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas", "sur", "du"];
const RU: &[&str] = &["и", "в", "не", "на", "что", "с", "по", "это", "как", "мы", "для", "из"];
const UK: &[&str] = &["і", "та", "що", "це", "як", "від", "які", "його", "був"];

/// Guesses the language of `text` from its script and common words (looks at the first 64 KiB).
/// Returns a code and a short reason to show the user.
pub fn guess_lang(text: &str) -> (String, &'static str) {
    let sample: String = text.chars().take(65536).collect();
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in sample.chars() {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            lat += 1;
        }
    }
    let words: Vec<String> = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let score = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    if cyr > lat {
        if score(UK) > score(RU) {
            return ("uk".into(), "Cyrillic script, Ukrainian function words");
        }
        return ("ru".into(), "Cyrillic script");
    }
    if lat == 0 {
        return ("und".into(), "no Latin or Cyrillic letters");
    }
    let cands = [("en", EN), ("es", ES), ("de", DE), ("fr", FR)];
    let best = cands.iter().max_by_key(|(_, l)| score(l)).map(|(c, _)| *c).unwrap_or("en");
    (best.to_string(), "Latin script, common words")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_file_names() {
        assert_eq!(lang_from_path("pairs/doc.ru.txt").as_deref(), Some("ru"));
        assert_eq!(lang_from_path("/x/es.txt").as_deref(), Some("es"));
        assert_eq!(lang_from_path("report.txt"), None);
        assert_eq!(lang_from_path("notes"), None);
    }

    #[test]
    fn guesses_from_script_and_words() {
        assert_eq!(guess_lang("Мы провели переговоры.").0, "ru");
        assert_eq!(guess_lang("We held talks with the minister and the delegation.").0, "en");
        assert_eq!(guess_lang("La reunión de los ministros en la capital.").0, "es");
    }
}
