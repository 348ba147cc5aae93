//! The language data behind the rules: abbreviations (each with the way it behaves before the next
//! word) and the words that commonly open a sentence. The lists are plain text files in
//! `abbrev/`, compiled in with `include_str!`; users add their own with `--abbrev FILE` in the
//! same format (entries outside any section count as `[abbrev]`).

use std::collections::{HashMap, HashSet};

const GENERIC: &str = include_str!("abbrev/generic.txt");
const EN: &str = include_str!("abbrev/en.txt");
const RU: &str = include_str!("abbrev/ru.txt");
const ES: &str = include_str!("abbrev/es.txt");

/// How an abbreviation followed by a period behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Never ends a sentence: a title or prefix before a name (`Mr.`, `ул.`, `Sra.`).
    Prefix,
    /// Stays with a following number (`No. 5`, `p. 55`, `ст. 318`); otherwise like `Abbrev`.
    Number,
    /// A number sign that is also a common word (`no`): stays with a following number (`No. 5`,
    /// `No. IX`), and ends a sentence before a capital (`Hell no. Thats …`, `No. Keys?`, `Y no.
    /// Pero …`: in every such place of seg-dev en and es).
    Sign,
    /// Ends a sentence before a capitalised word only if that word commonly opens sentences
    /// (`U.S. Government` stays, `in the U.S. The` splits).
    Abbrev,
    /// Often ends a sentence (`т.д.`, `руб.`): a boundary before any capital, none before a number.
    Final,
    /// A year mark (`г.`): after "<short preposition> <number>" it never ends a sentence
    /// (`в 2024 г. Россия`), elsewhere it behaves like `Final`.
    Year,
    /// `им.` (имени, "named after"), which is also a common pronoun: stays before what can follow
    /// the abbreviation — a name (a capital followed by lower case, not a common sentence opener),
    /// an initial or a number (`им. Ленина`, `им. М. В. Ломоносова`) — and ends a sentence before
    /// anything else (`доверять им. По итогам`, `заражения им. XY12 может`).
    Name,
    /// A time of day (`p.m.`): ends a sentence before a capital or a number (`at 6 p.m. Travelers
    /// …`, `7 p.m. 7 a.m. is …`), except at the end of a short time phrase that opens the sentence
    /// with one of the `[fronted]` words (`By 9 p.m. Mr. Smith was home`, `At 11:58 p.m. PDT …`).
    Time,
    /// A company or place (`Inc.`, `Corp.`, `Ill.`), which ends sentences far more often than it
    /// precedes a capital: a boundary before a clause — a common sentence opener, a title (`Mr.`),
    /// or a capitalised word followed by a lower-case one (`… Du Pont Co. Made of …`, `… Corp.
    /// Georgia-Pacific owns …`) — and none before a name or title in capitals (`UAL Corp. Chairman
    /// Lee`, `Corp. (ASCAP)`).
    Company,
}

/// Abbreviations and sentence starters for one language.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    abbrevs: HashMap<String, AbbrevKind>,
    starters: HashSet<String>,
    fronted: HashSet<String>,
    /// Pronouns (lower case): capitalised inside a sentence in some styles (`говорит Ему`), so a
    /// capital on them is no sign of a lost period.
    pronouns: HashSet<String>,
    /// Last words of multi-word entries (`al` of `et al`); the whole entry is a key of `abbrevs`.
    phrase_ends: HashSet<String>,
}

#[derive(Clone, Copy)]
enum Section {
    Kind(AbbrevKind),
    Starters,
    Fronted,
    Pronouns,
}

impl Lexicon {
    /// The built-in lists for `lang` (the generic list is shared by every language).
    pub fn for_language(lang: &str) -> Self {
        let mut lx = Lexicon::default();
        lx.add_list(GENERIC);
        match lang {
            "en" => lx.add_list(EN),
            "ru" => lx.add_list(RU),
            "es" => lx.add_list(ES),
            _ => {}
        }
        lx
    }

    /// Adds entries in the list format: one per line, `#` starts a comment, `[section]` lines
    /// switch the kind (`[starters]`, `[fronted]` and `[pronouns]` hold plain words). A trailing period is
    /// optional. A multi-word entry (`et al.`) is keyed by the whole phrase (see `phrase`) and, if
    /// that word has no entry of its own, by its last word, the one the period follows.
    pub fn add_list(&mut self, list: &str) {
        let mut section = Section::Kind(AbbrevKind::Abbrev);
        for line in list.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name.trim() {
                    "prefix" => Section::Kind(AbbrevKind::Prefix),
                    "number" => Section::Kind(AbbrevKind::Number),
                    "sign" => Section::Kind(AbbrevKind::Sign),
                    "final" => Section::Kind(AbbrevKind::Final),
                    "year" => Section::Kind(AbbrevKind::Year),
                    "time" => Section::Kind(AbbrevKind::Time),
                    "company" => Section::Kind(AbbrevKind::Company),
                    "name" => Section::Kind(AbbrevKind::Name),
                    "starters" => Section::Starters,
                    "fronted" => Section::Fronted,
                    "pronouns" => Section::Pronouns,
                    _ => Section::Kind(AbbrevKind::Abbrev),
                };
                continue;
            }
            let word = line.split_whitespace().last().unwrap_or("");
            let key = word.strip_suffix('.').unwrap_or(word).to_lowercase();
            if key.is_empty() {
                continue;
            }
            match section {
                Section::Kind(kind) => {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    if words.len() > 1 {
                        // `et al`: the phrase has its own kind; alone, the last word keeps its
                        // own entry or, if it has none, takes the phrase's.
                        let phrase = words.join(" ").to_lowercase();
                        let phrase = phrase.strip_suffix('.').unwrap_or(&phrase).to_string();
                        self.abbrevs.insert(phrase, kind);
                        self.phrase_ends.insert(key.clone());
                        self.abbrevs.entry(key).or_insert(kind);
                    } else {
                        self.abbrevs.insert(key, kind);
                    }
                }
                Section::Starters => {
                    self.starters.insert(key);
                }
                Section::Fronted => {
                    self.fronted.insert(key);
                }
                Section::Pronouns => {
                    self.pronouns.insert(key);
                }
            }
        }
    }

    /// The kind of a lower-case abbreviation key (without its final period), if listed.
    pub fn abbrev(&self, key: &str) -> Option<AbbrevKind> {
        self.abbrevs.get(key).copied()
    }

    /// The kind of a two-word entry (`et al`), given its lower-case words; `None` unless listed.
    pub fn phrase(&self, first: &str, last: &str) -> Option<AbbrevKind> {
        if !self.phrase_ends.contains(last) {
            return None;
        }
        self.abbrevs.get(&format!("{first} {last}")).copied()
    }

    /// `phrase` with the first word as written (lower-cased here, only if `last` ends a phrase).
    pub(crate) fn phrase_of(&self, first: &str, last: &str) -> Option<AbbrevKind> {
        if !self.phrase_ends.contains(last) {
            return None;
        }
        self.phrase(&first.to_lowercase(), last)
    }

    /// Whether a lower-case word opens a fronted time phrase (`at`, `by`: `By 9 p.m. Mr. Smith …`).
    pub fn is_fronted(&self, word: &str) -> bool {
        self.fronted.contains(word)
    }

    /// Whether a lower-case word is a pronoun (`[pronouns]`).
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
    }

    /// Whether a lower-case word commonly opens a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_defaults() {
        let mut lx = Lexicon::default();
        lx.add_list("approx.\n[prefix]\nMr.  # title\n\n[starters]\nThe\n[number]\net al.");
        assert_eq!(lx.abbrev("approx"), Some(AbbrevKind::Abbrev));
        assert_eq!(lx.abbrev("mr"), Some(AbbrevKind::Prefix));
        assert_eq!(lx.abbrev("al"), Some(AbbrevKind::Number));
        assert_eq!(lx.phrase("et", "al"), Some(AbbrevKind::Number));
        assert_eq!(lx.phrase("ut", "al"), None);
        assert!(lx.is_starter("the"));
        assert_eq!(lx.abbrev("the"), None);
    }

    #[test]
    fn built_in_lists_load() {
        assert_eq!(Lexicon::for_language("ru").abbrev("т.е"), Some(AbbrevKind::Prefix));
        assert_eq!(Lexicon::for_language("es").abbrev("ee.uu"), Some(AbbrevKind::Abbrev));
        assert_eq!(Lexicon::for_language("en").abbrev("mr"), Some(AbbrevKind::Prefix));
        assert_eq!(Lexicon::for_language("en").abbrev("no"), Some(AbbrevKind::Sign));
        assert_eq!(Lexicon::for_language("de").abbrev("z.b"), Some(AbbrevKind::Abbrev));
    }
}
