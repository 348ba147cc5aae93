//! Per-sentence features, computed once per document before any search (hunalign and Vecalign do
//! the same): the length in non-whitespace characters, the paragraph, a punctuation signature,
//! string-cue ids (numbers, names, identical tokens, cognate prefixes) and word ids for the lexicon.
//! The search only ever compares small sorted id lists, so no cell of the DP allocates.

use std::hash::Hasher;

use super::AlignInput;
use super::lexicon::{IdHasher, IdMap, Model};
use crate::segment::Sentence;
use crate::text::is_alphanumeric;
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
#[derive(Debug, Clone)]
pub(crate) struct Arena<T> {
    /// Where each row starts, and one more: where the last ends (so never empty).
    off: Vec<u32>,
    data: Vec<T>,
}

impl<T: Copy> Default for Arena<T> {
    /// No rows (as [`Arena::new`]; a derived default would lack the first offset).
    fn default() -> Self {
        Arena::new()
    }
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

    /// The values of rows `r`, concatenated.
    pub fn rows_values(&self, r: std::ops::Range<usize>) -> &[T] {
        &self.data[self.off[r.start] as usize..self.off[r.end] as usize]
    }

    /// Every row's values, concatenated.
    pub fn values(&self) -> &[T] {
        &self.data
    }
}

/// What the features need of each word form and cue string, kept per thread across alignment calls
/// (a batch collection repeats its word forms from set to set): each surface form is folded,
/// transliterated and keyed once per thread instead of once per document, and each key string gets a
/// thread-wide id.
///
/// The ids an alignment call hands out are still numbered by first use within the call (the search
/// sorts cue ids, and sums cue weights in that order), through a per-call remap of the thread-wide
/// ids: the features, and so the alignment, do not depend on what the thread aligned before.
#[derive(Default)]
pub(crate) struct FormCache {
    /// Surface word form → what it contributes (thread-wide ids): forms of up to `SHORT_FORM`
    /// bytes under an inline key (a lookup reads one table slot, not a string elsewhere on the heap:
    /// the table outgrows the caches, and the lookups were bound by memory latency), longer ones
    /// under their string.
    short_forms: ShortForms,
    forms: IdMap<Box<str>, FormInfo>,
    /// Cue key strings (all kinds share one numbering, as the per-call ids do) and folded words.
    keys: IdMap<Box<str>, u32>,
    folded: IdMap<Box<str>, u32>,
    folded_text: Vec<Box<str>>,
    /// Per thread-wide key id: (call stamp, call-local id); likewise per folded word (doc stamp).
    key_remap: Vec<(u32, u32)>,
    word_remap: Vec<(u32, u32)>,
    call: u32,
    call_keys: u32,
    doc: u32,
    /// Model vocabulary ids of folded words, per (language, model stamp), most recent last.
    vocab: Vec<VocabIds>,
}

/// Word forms of up to [`SHORT_FORM`] bytes → what they contribute: an open-addressing table
/// (linear probing) of inline keys, so that a sentence's slots can be read ahead of its lookups
/// ([`ShortForms::touch`]). The table outgrows the caches, and a lookup that waits for its slot
/// waits for memory: read ahead, a sentence's lookups wait together.
#[derive(Default)]
struct ShortForms {
    slots: Vec<FormSlot>,
    len: usize,
}

#[derive(Clone, Copy)]
struct FormSlot {
    /// Zero-padded form; all zero in an empty slot (a word is never empty and holds no NUL).
    key: [u8; SHORT_FORM],
    info: FormInfo,
}

const EMPTY_SLOT: FormSlot =
    FormSlot { key: [0; SHORT_FORM], info: FormInfo { word: NO_WORD, cues: [0; 4], n_cues: 0 } };

/// A form's inline key and its hash.
type ShortKey = ([u8; SHORT_FORM], u64);

impl ShortForms {
    /// The zero-padded inline key of a form that fits one (words hold no NUL, so the padding keeps
    /// distinct forms distinct).
    fn key(w: &str) -> Option<[u8; SHORT_FORM]> {
        (w.len() <= SHORT_FORM && !w.is_empty()).then(|| {
            let mut key = [0u8; SHORT_FORM];
            key[..w.len()].copy_from_slice(w.as_bytes());
            key
        })
    }

    fn hash(key: &[u8; SHORT_FORM]) -> u64 {
        let mut h = IdHasher::default();
        h.write(key);
        h.finish()
    }

    fn mask(&self) -> usize {
        self.slots.len().wrapping_sub(1)
    }

    /// Reads the slot a key with hash `h` starts probing at, so that it is in the cache when it is
    /// looked up.
    fn touch(&self, h: u64) {
        if let Some(slot) = self.slots.get(h as usize & self.mask()) {
            std::hint::black_box(slot.key[0]);
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: &[u8; SHORT_FORM], h: u64) -> Result<usize, usize> {
        let mask = self.mask();
        let mut i = h as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == *key {
                return Ok(i);
            }
            if slot.key[0] == 0 {
                return Err(i);
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, key: &[u8; SHORT_FORM], h: u64) -> Option<FormInfo> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(key, h).ok().map(|i| self.slots[i].info)
    }

    fn insert(&mut self, key: [u8; SHORT_FORM], h: u64, info: FormInfo) {
        // At most 7/10 full: linear probes stay short.
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            let grown = vec![EMPTY_SLOT; (self.slots.len() * 2).max(1024)];
            let old = std::mem::replace(&mut self.slots, grown);
            for s in old.into_iter().filter(|s| s.key[0] != 0) {
                let i = self.find(&s.key, Self::hash(&s.key)).expect_err("keys are distinct");
                self.slots[i] = s;
            }
        }
        match self.find(&key, h) {
            Ok(i) => self.slots[i].info = info,
            Err(i) => {
                self.slots[i] = FormSlot { key, info };
                self.len += 1;
            }
        }
    }
}

/// Per folded word (thread-wide id): 0 not looked up yet, 1 not in the vocabulary, k + 2 id k.
struct VocabIds {
    lang: String,
    stamp: u64,
    ids: Vec<u32>,
}

/// Vocabularies remembered per thread (a batch aligns with one model; a document set has three
/// languages).
const VOCAB_CACHES: usize = 6;

/// A word form's contribution: its folded word (`NO_WORD` for a bare number) and up to four cues
/// (kind << 30 | thread-wide key id): name, cognate prefix and skeleton, identical token.
#[derive(Clone, Copy)]
struct FormInfo {
    word: u32,
    cues: [u32; 4],
    n_cues: u8,
}

const NO_WORD: u32 = u32::MAX;

/// Longest form (in UTF-8 bytes) kept under an inline key: 12 Cyrillic letters, 24 Latin ones.
const SHORT_FORM: usize = 24;

/// Shortest word (in characters) whose consonant skeleton is a cognate cue.
const COGNATE_SKELETON_MIN: usize = 7;

/// Forms (and cue keys: numbers add keys without forms) remembered per thread before the cache
/// starts again, between calls: about two hundred bytes a form with its keys, folded word and
/// vocabulary ids, so some 50 MB a thread at most. The benchmark collection has 49,000 forms.
const FORM_CACHE_MAX: usize = 1 << 18;
const KEY_CACHE_MAX: usize = 1 << 19;

thread_local! {
    static FORMS: std::cell::RefCell<FormCache> = std::cell::RefCell::new(FormCache::default());
}

impl FormCache {
    fn key(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.keys.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.insert(key.into(), id);
        self.key_remap.push((0, 0));
        id
    }

    /// The id of thread-wide key `gid` in this call, as `kind`.
    fn cue_id(&mut self, kind: u32, gid: u32) -> u32 {
        let slot = &mut self.key_remap[gid as usize];
        if slot.0 != self.call {
            *slot = (self.call, self.call_keys);
            self.call_keys += 1;
        }
        (kind << 30) | (slot.1 & 0x3fff_ffff)
    }

    /// What form `w` contributes; `short` is its inline key and hash, when it has one
    /// ([`ShortForms::key`]).
    fn form(&mut self, w: &str, short: Option<ShortKey>) -> FormInfo {
        let known = match &short {
            Some((key, h)) => self.short_forms.get(key, *h),
            None => self.forms.get(w).copied(),
        };
        if let Some(info) = known {
            return info;
        }
        let info = self.new_form(w);
        match short {
            Some((key, h)) => self.short_forms.insert(key, h, info),
            None => {
                self.forms.insert(w.into(), info);
            }
        }
        info
    }

    /// What a form not seen before contributes.
    fn new_form(&mut self, w: &str) -> FormInfo {
        let mut info = FormInfo { word: NO_WORD, cues: [0; 4], n_cues: 0 };
        let has_digit = w.chars().any(|c| c.is_ascii_digit());
        // Bare numbers are number cues already; keep them out of the word list.
        if !(has_digit && w.chars().all(|c| c.is_ascii_digit())) {
            let mut cue = |cache: &mut FormCache, kind: u32, key: &str| {
                info.cues[info.n_cues as usize] = (kind << 30) | cache.key(key);
                info.n_cues += 1;
            };
            let folded = fold(w);
            let nchars = folded.chars().count();
            let first_upper = w.chars().next().is_some_and(char::is_uppercase);
            if first_upper || nchars >= 6 {
                let t = transliterate(w);
                if first_upper {
                    let sk = name_skeleton(&t);
                    if sk.len() >= 2 {
                        cue(self, CUE_NAME, &sk);
                    }
                }
                if nchars >= 6 {
                    let prefix: String = t.chars().take(5).collect();
                    cue(self, CUE_COGNATE, &prefix);
                }
                if nchars >= COGNATE_SKELETON_MIN {
                    // Across scripts, transliterated spellings part early (бюрократический ~
                    // byurokraticheskiy ~ bureaucratic); their consonant skeletons meet.
                    let sk = name_skeleton(&t.to_lowercase());
                    if sk.len() >= 5 {
                        cue(self, CUE_COGNATE, &format!("~{sk}"));
                    }
                }
            }
            if nchars >= 5 || (has_digit && nchars >= 2) {
                cue(self, CUE_TOKEN, &folded);
            }
            info.word = match self.folded.get(folded.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.folded_text.len() as u32;
                    self.folded_text.push(folded.as_str().into());
                    self.folded.insert(folded.into(), id);
                    self.word_remap.push((0, 0));
                    id
                }
            };
        }
        info
    }

    /// Starts an alignment call: fresh call-local numbering (and, past the size limit, a fresh cache).
    fn begin_call(&mut self) {
        let full =
            self.short_forms.len + self.forms.len() > FORM_CACHE_MAX || self.keys.len() > KEY_CACHE_MAX;
        if full || self.call == u32::MAX {
            *self = FormCache::default();
        }
        self.call += 1;
        self.call_keys = 0;
    }

    /// Computes the features of one document's sentences.
    fn doc_features(&mut self, sentences: &[Sentence]) -> DocFeatures {
        if self.doc == u32::MAX {
            self.word_remap.iter_mut().for_each(|s| *s = (0, 0));
            self.doc = 0;
        }
        self.doc += 1;
        let mut f = DocFeatures {
            len: Vec::with_capacity(sentences.len()),
            para: Vec::with_capacity(sentences.len()),
            punct: Vec::with_capacity(sentences.len()),
            cues: Arena::new(),
            word_ids: Arena::new(),
            word_gids: Vec::new(),
        };
        let mut cues = Vec::new();
        let mut ids = Vec::new();
        let mut sentence_words: Vec<(&str, Option<ShortKey>)> = Vec::new();
        let mut infos: Vec<FormInfo> = Vec::new();
        for s in sentences {
            let text = s.text.as_str();
            f.len.push(text.chars().filter(|c| !c.is_whitespace()).count() as f32);
            f.para.push(s.para);
            f.punct.push(punct_signature(text));
            cues.clear();
            ids.clear();
            for n in numbers(text) {
                let gid = self.key(&n);
                cues.push(self.cue_id(CUE_NUMBER, gid));
            }
            // The sentence's forms are looked up after all their slots were asked for, and their
            // cue and word remaps likewise: the lookups wait for memory together.
            sentence_words.clear();
            sentence_words
                .extend(words(text).map(|w| (w, ShortForms::key(w).map(|k| (k, ShortForms::hash(&k))))));
            // A tight loop, so that the reads are in flight together.
            for (_, short) in &sentence_words {
                if let Some((_, h)) = short {
                    self.short_forms.touch(*h);
                }
            }
            infos.clear();
            infos.extend(sentence_words.iter().map(|&(w, short)| self.form(w, short)));
            for info in &infos {
                for &c in &info.cues[..info.n_cues as usize] {
                    if let Some(slot) = self.key_remap.get((c & 0x3fff_ffff) as usize) {
                        std::hint::black_box(slot.0);
                    }
                }
                if let Some(slot) = self.word_remap.get(info.word as usize) {
                    std::hint::black_box(slot.0);
                }
            }
            for info in &infos {
                for &c in &info.cues[..info.n_cues as usize] {
                    cues.push(self.cue_id(c >> 30, c & 0x3fff_ffff));
                }
                if info.word != NO_WORD {
                    let word = info.word;
                    let slot = &mut self.word_remap[word as usize];
                    if slot.0 != self.doc {
                        *slot = (self.doc, f.word_gids.len() as u32);
                        f.word_gids.push(word);
                    }
                    ids.push(slot.1);
                }
            }
            cues.sort_unstable();
            cues.dedup();
            f.cues.push(&cues);
            f.word_ids.push(&ids);
        }
        f
    }
}

impl FormCache {
    /// The words of `f` (made by this cache, in this call) in `model`'s vocabulary of `lang`, each
    /// word looked up once per thread and model.
    fn vocab_ids(&mut self, model: &Model, lang: &str, f: &DocFeatures) -> Vec<Option<u32>> {
        let stamp = model.stamp();
        let slot = match self.vocab.iter().position(|v| v.stamp == stamp && v.lang == lang) {
            Some(k) => k,
            None => {
                if self.vocab.len() >= VOCAB_CACHES {
                    self.vocab.remove(0);
                }
                self.vocab.push(VocabIds { lang: lang.to_string(), stamp, ids: Vec::new() });
                self.vocab.len() - 1
            }
        };
        let cache = &mut self.vocab[slot];
        if cache.ids.len() < self.folded_text.len() {
            cache.ids.resize(self.folded_text.len(), 0);
        }
        f.word_gids
            .iter()
            .map(|&g| {
                let c = &mut cache.ids[g as usize];
                if *c == 0 {
                    *c = model.vocab_id(lang, &self.folded_text[g as usize]).map_or(1, |id| id + 2);
                }
                (*c >= 2).then(|| *c - 2)
            })
            .collect()
    }
}

/// The features of the documents of one alignment call (cue ids are shared by the call's documents,
/// word ids are per document), and each document's words in `model`'s vocabulary of its language.
/// In one call, so that the words are read from the thread's cache that numbered them, never
/// copied out.
pub(crate) fn docs_features(
    docs: &[AlignInput<'_>],
    model: &Model,
) -> (Vec<DocFeatures>, Vec<Vec<Option<u32>>>) {
    FORMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.begin_call();
        let feats: Vec<DocFeatures> = docs.iter().map(|d| cache.doc_features(d.sentences)).collect();
        let vocabs = docs.iter().zip(&feats).map(|(d, f)| cache.vocab_ids(model, d.lang, f)).collect();
        (feats, vocabs)
    })
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
    /// Folded words of each sentence (document-local ids: the document's distinct words in order of
    /// first use).
    pub word_ids: Arena<u32>,
    /// The document's distinct folded words, as ids in the thread's [`FormCache`] of the call.
    word_gids: Vec<u32>,
}

/// Words of a sentence: maximal runs of letters and digits (an apostrophe or hyphen between letters
/// ends a word).
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_alphanumeric(c)).filter(|w| !w.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|t| Sentence { para: 0, start: 0, end: t.chars().count(), text: t.to_string(), soft: false })
            .collect()
    }

    /// The distinct words of `f`, made on this thread by the last call.
    fn word_texts(f: &DocFeatures) -> Vec<String> {
        FORMS.with(|c| f.word_gids.iter().map(|&g| c.borrow().folded_text[g as usize].to_string()).collect())
    }

    fn features(
        docs: &[Vec<Sentence>],
        lang: &str,
        model: &Model,
    ) -> (Vec<DocFeatures>, Vec<Vec<Option<u32>>>) {
        let inputs: Vec<AlignInput<'_>> = docs.iter().map(|d| AlignInput { lang, sentences: d }).collect();
        docs_features(&inputs, model)
    }

    /// Everything the search reads of a document's features: cue ids, word ids, words, punctuation.
    type Snapshot = (Vec<u32>, Vec<u32>, Vec<String>, Vec<u16>);

    fn snapshot(docs: &[Vec<Sentence>]) -> Vec<Snapshot> {
        features(docs, "ru", &Model::new())
            .0
            .into_iter()
            .map(|f| {
                let words = word_texts(&f);
                (f.cues.values().to_vec(), f.word_ids.values().to_vec(), words, f.punct)
            })
            .collect()
    }

    #[test]
    fn features_do_not_depend_on_what_the_thread_saw_before() {
        let docs = vec![
            // A form longer than an inline key (the cache keeps those apart), twice.
            doc(&[
                "Лавров прибыл в Боливию 26 апреля 2024 г.",
                "Переговоры Лаврова длились 3 часа: достопримечательностями, достопримечательностями.",
            ]),
            doc(&["Lavrov arrived in Bolivia on 26 April 2024.", "Lavrov's talks lasted 3 hours."]),
        ];
        let other = vec![doc(&["Bolivia, BRICS and cooperation: 1,000 delegates in La Paz."])];
        let fresh = {
            let docs = docs.clone();
            std::thread::spawn(move || snapshot(&docs)).join().expect("thread")
        };
        let after = std::thread::spawn(move || {
            snapshot(&other);
            (snapshot(&docs), snapshot(&docs))
        })
        .join()
        .expect("thread");
        assert_eq!(after.0, fresh);
        assert_eq!(after.1, fresh);
        // The call numbers its cue ids by first use: Lavrov's name is the first cue of the call
        // (after the numbers 26 and 2024), and both documents share it.
        let name = |f: &Snapshot| f.0.iter().copied().filter(|&id| cue_kind(id) == CUE_NAME).min();
        assert_eq!(name(&fresh[0]), name(&fresh[1]));
        assert_eq!(fresh[0].2[0], "лавров");
        let long = fresh[0].2.iter().filter(|w| w.len() > SHORT_FORM && w.starts_with("достоприм")).count();
        assert_eq!(long, 1, "{:?}", fresh[0].2);
    }

    proptest::proptest! {
        /// The short-form table answers as a hash map does, through its growths (a thousand and more
        /// forms: it starts at 1,024 slots and grows at 7/10), for forms up to the inline key's length
        /// (a full key has no zero padding) and forms that share prefixes.
        #[test]
        fn short_forms_answer_as_a_map(
            forms in proptest::collection::vec("[a-cяё]{1,12}", 1..2500),
            probes in proptest::collection::vec("[a-cяё]{1,12}", 0..200),
        ) {
            let mut table = ShortForms::default();
            let mut map: std::collections::HashMap<String, FormInfo> = Default::default();
            for (k, f) in forms.iter().enumerate() {
                let key = ShortForms::key(f).expect("short");
                let h = ShortForms::hash(&key);
                let info = FormInfo { word: k as u32, cues: [k as u32; 4], n_cues: 1 };
                // The cache inserts a form only after looking it up in vain.
                if table.get(&key, h).is_none() {
                    table.insert(key, h, info);
                    map.insert(f.clone(), info);
                }
            }
            proptest::prop_assert_eq!(table.len, map.len());
            for f in forms.iter().chain(&probes) {
                let key = ShortForms::key(f).expect("short");
                let got = table.get(&key, ShortForms::hash(&key)).map(|i| i.word);
                proptest::prop_assert_eq!(got, map.get(f).map(|i| i.word), "{}", f);
            }
        }
    }

    #[test]
    fn short_form_keys_fill_the_inline_length() {
        let full = "ж".repeat(SHORT_FORM / 2);
        assert!(ShortForms::key(&full).is_some());
        assert!(ShortForms::key(&format!("{full}a")).is_none());
        assert!(ShortForms::key("").is_none());
    }

    #[test]
    fn cached_vocabulary_ids_follow_the_model() {
        let docs = [doc(&["Мир и дружба.", "Мир всем."])];
        let mut model = Model::new();
        let ids = |model: &Model| {
            let (f, vocabs) = features(&docs, "ru", model);
            let words = word_texts(&f[0]);
            assert_eq!(vocabs[0], model.vocab_ids("ru", &words));
            (words, vocabs[0].clone())
        };
        let (words, before) = ids(&model);
        assert_eq!(words, ["мир", "и", "дружба", "всем"]);
        assert!(before.iter().all(Option::is_none));
        // The same model object, changed: the cache must not answer from before.
        model.add_dictionary("ru", "en", "мир\tpeace\nдружба\tfriendship").expect("dictionary");
        let (_, after) = ids(&model);
        assert!(after[0].is_some() && after[2].is_some() && after[1].is_none(), "{after:?}");
        // Twice with one model: the second answer comes from the cache, and is the same.
        assert_eq!(ids(&model).1, after);
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
