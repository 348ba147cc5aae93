//! Per-sentence features, computed once per document before any search (hunalign and Vecalign do
//! the same): the length in non-whitespace characters, the paragraph, a punctuation signature,
//! string-cue ids (numbers, names, identical tokens, cognate prefixes) and word ids for the lexicon.
//! The search only ever compares small sorted id lists, so no cell of the DP allocates.

use super::lexicon::IdMap;
use crate::segment::Sentence;
use crate::text::normalize::{fold, numbers, transliterate};

/// Kinds of string cue; the kind lives in the top two bits of a cue id.
pub(crate) const CUE_NUMBER: u32 = 0;
pub(crate) const CUE_NAME: u32 = 1;
pub(crate) const CUE_TOKEN: u32 = 2;
pub(crate) const CUE_COGNATE: u32 = 3;

pub(crate) fn cue_kind(id: u32) -> u32 {
    id >> 30
}

/// Variable-length rows of `T` in one flat vector (no allocation per row).
#[derive(Debug, Clone, Default)]
pub(crate) struct Arena<T> {
    off: Vec<u32>,
    data: Vec<T>,
}

impl<T: Copy> Arena<T> {
    pub fn new() -> Self {
        Arena { off: vec![0], data: Vec::new() }
    }

    pub fn push(&mut self, row: &[T]) {
        self.data.extend_from_slice(row);
        self.off.push(self.data.len() as u32);
    }

    pub fn get(&self, i: usize) -> &[T] {
        &self.data[self.off[i] as usize..self.off[i + 1] as usize]
    }

    pub fn rows(&self) -> usize {
        self.off.len() - 1
    }

    /// Every row's values, concatenated.
    pub fn values(&self) -> &[T] {
        &self.data
    }
}

/// Interns cue strings shared by all documents of one alignment call.
#[derive(Default)]
pub(crate) struct CueInterner {
    ids: IdMap<String, u32>,
}

impl CueInterner {
    fn id(&mut self, kind: u32, key: &str) -> u32 {
        let local = match self.ids.get(key) {
            Some(&id) => id,
            None => {
                let n = self.ids.len() as u32;
                self.ids.insert(key.to_string(), n);
                n
            }
        };
        (kind << 30) | (local & 0x3fff_ffff)
    }
}

/// The language-independent features of one document.
pub(crate) struct DocFeatures {
    /// Length of each sentence in non-whitespace characters.
    pub len: Vec<f32>,
    /// Paragraph index of each sentence.
    pub para: Vec<usize>,
    /// Punctuation signature bits of each sentence.
    pub punct: Vec<u16>,
    /// Sorted distinct cue ids of each sentence.
    pub cues: Arena<u32>,
    /// Folded words of each sentence (document-local ids into `words`).
    pub word_ids: Arena<u32>,
    /// The distinct folded words of the document.
    pub words: Vec<String>,
}

/// Words of a sentence: maximal runs of letters and digits (an apostrophe or hyphen between letters
/// ends a word).
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// `char::is_alphanumeric`, with the basic Cyrillic letters answered without the Unicode table
/// lookup (Russian text is most of what the aligner reads outside ASCII).
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0410}'..='\u{044F}').contains(&c) || c == 'ё' || c == 'Ё' {
        true
    } else {
        c.is_alphanumeric()
    }
}

fn punct_signature(text: &str) -> u16 {
    let mut bits = 0u16;
    for c in text.chars() {
        bits |= match c {
            '?' | '¿' => 1,
            '!' | '¡' => 2,
            ':' => 8,
            '"' | '«' | '»' | '“' | '”' | '„' => 16,
            '(' | ')' | '[' | ']' => 32,
            ';' => 64,
            '…' => 128,
            _ => 0,
        };
    }
    if text.trim_end().ends_with(':') {
        bits |= 4;
    }
    if text.contains("...") {
        bits |= 128;
    }
    bits
}

/// A rough consonant skeleton of a transliterated name, so that spellings of one name in different
/// languages meet (lavrov ~ lavrov, briks ~ brics, boliviya ~ bolivia, zhaneyro ~ janeiro).
pub(crate) fn name_skeleton(translit: &str) -> String {
    // In this order (a later rule may apply to what an earlier one left); most names need none, so
    // each rule copies the string only when it applies.
    const RULES: [(&str, &str); 8] = [
        ("zh", "j"),
        ("kh", "h"),
        ("sch", "s"),
        ("sh", "s"),
        ("ch", "c"),
        ("ph", "f"),
        ("th", "t"),
        ("ts", "c"),
    ];
    let mut s = std::borrow::Cow::Borrowed(translit);
    for (from, to) in RULES {
        if s.contains(from) {
            s = std::borrow::Cow::Owned(s.replace(from, to));
        }
    }
    let mut out = String::new();
    let mut last = '\0';
    for (k, c) in s.chars().enumerate() {
        if !c.is_alphanumeric() {
            continue;
        }
        let c = match c {
            'c' | 'k' | 'q' => 'k',
            'j' | 'y' | 'i' => 'i',
            'w' | 'v' => 'v',
            'z' | 's' => 's',
            'x' => 'k',
            c => c,
        };
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        if k > 0 && vowel {
            continue;
        }
        if c != last {
            out.push(c);
            last = c;
        }
        if out.len() >= 5 {
            break;
        }
    }
    out
}

/// What a distinct word form contributes to its sentence: its word id (none for a bare number) and
/// up to three cue ids (name, cognate prefix, identical token).
#[derive(Clone, Copy)]
struct WordInfo {
    id: Option<u32>,
    cues: [u32; 3],
    n_cues: u8,
}

/// The features of one word form, seen for the first time in this document.
fn word_info(
    w: &str,
    local: &mut IdMap<String, u32>,
    words_v: &mut Vec<String>,
    interner: &mut CueInterner,
) -> WordInfo {
    let mut info = WordInfo { id: None, cues: [0; 3], n_cues: 0 };
    let mut cue = |id: u32| {
        info.cues[info.n_cues as usize] = id;
        info.n_cues += 1;
    };
    let has_digit = w.chars().any(|c| c.is_ascii_digit());
    if has_digit && w.chars().all(|c| c.is_ascii_digit()) {
        // Bare numbers are number cues already; keep them out of the word list.
        return info;
    }
    let folded = fold(w);
    let nchars = folded.chars().count();
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if first_upper || nchars >= 6 {
        let t = transliterate(w);
        if first_upper {
            let sk = name_skeleton(&t);
            if sk.len() >= 2 {
                cue(interner.id(CUE_NAME, &sk));
            }
        }
        if nchars >= 6 {
            let prefix: String = t.chars().take(5).collect();
            cue(interner.id(CUE_COGNATE, &prefix));
        }
    }
    if nchars >= 5 || (has_digit && nchars >= 2) {
        cue(interner.id(CUE_TOKEN, &folded));
    }
    let n = local.len() as u32;
    info.id = Some(*local.entry(folded).or_insert_with_key(|k| {
        words_v.push(k.clone());
        n
    }));
    info
}

/// Computes the features of one document's sentences.
///
/// Word forms repeat (a long document has a few percent distinct ones), so each form is folded,
/// transliterated and interned once, at its first occurrence (which keeps every id what a pass
/// over all occurrences would give), and looked up by its text afterwards.
pub(crate) fn doc_features(sentences: &[Sentence], interner: &mut CueInterner) -> DocFeatures {
    let mut local: IdMap<String, u32> = IdMap::default();
    let mut seen: IdMap<&str, WordInfo> = IdMap::default();
    let mut words_v = Vec::new();
    let mut f = DocFeatures {
        len: Vec::with_capacity(sentences.len()),
        para: Vec::with_capacity(sentences.len()),
        punct: Vec::with_capacity(sentences.len()),
        cues: Arena::new(),
        word_ids: Arena::new(),
        words: Vec::new(),
    };
    let mut cues = Vec::new();
    let mut ids = Vec::new();
    for s in sentences {
        let text = s.text.as_str();
        f.len.push(text.chars().filter(|c| !c.is_whitespace()).count() as f32);
        f.para.push(s.para);
        f.punct.push(punct_signature(text));
        cues.clear();
        ids.clear();
        for n in numbers(text) {
            cues.push(interner.id(CUE_NUMBER, &n));
        }
        for w in words(text) {
            let info = match seen.get(w) {
                Some(info) => *info,
                None => {
                    let info = word_info(w, &mut local, &mut words_v, interner);
                    seen.insert(w, info);
                    info
                }
            };
            cues.extend_from_slice(&info.cues[..info.n_cues as usize]);
            ids.extend(info.id);
        }
        cues.sort_unstable();
        cues.dedup();
        f.cues.push(&cues);
        f.word_ids.push(&ids);
    }
    f.words = words_v;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumerics() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn names_meet_across_scripts() {
        for (a, b) in [
            ("Лавров", "Lavrov"),
            ("Газпром", "Gazprom"),
            ("БРИКС", "BRICS"),
            ("Боливия", "Bolivia"),
            ("Жанейро", "Janeiro"),
        ] {
            assert_eq!(name_skeleton(&transliterate(a)), name_skeleton(&transliterate(b)), "{a} {b}");
        }
    }
}
