//! The learned lexicon: word-translation probabilities per language pair, trained with IBM Model 1
//! (Brown et al. 1993) in both directions on the confident 1-1 units of a first pass, the way Moore
//! (2002) and hunalign bootstrap a lexicon from a length-based alignment; learned from a collection
//! or a book-length document, it knows words by their Snowball stems. User dictionaries (`--dict`)
//! join as fixed high-probability entries. A [`Model`] is plain data (Send + Sync) so that one
//! trained model can serve many parallel alignments.

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{Error, ErrorKind};

use super::features::words;
use super::{AlignInput, Alignment};
use crate::text::normalize::fold;

/// A small multiplicative hasher for integer keys and words (the EM loop hashes word-pair keys
/// millions of times, and every word of every sentence is looked up; SipHash would dominate).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    /// The product's high bits are the well-mixed ones, and the hash table indexes buckets by the
    /// low bits: rotate them down (as rustc-hash does). Without it a word-pair key's bucket
    /// depends only on its low word, and every pair with the same target word probes one chain.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    /// Eight bytes a step (words and cue strings are hashed per sentence).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("chunks of eight")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Units whose confidence is at least this become training material.
const TRAIN_MIN_SCORE: f64 = 0.5;
/// EM iterations (the prototype found more iterations hurt).
const EM_ITERATIONS: usize = 4;
/// Translations kept per word, and the smallest probability kept.
const KEEP_PER_WORD: usize = 8;
const KEEP_MIN_PROB: f32 = 0.04;
/// Probability given to a user dictionary entry.
const DICT_PROB: f32 = 0.6;
/// Training units from which on a language pair's lexicon counts as broadly trained (a collection,
/// or a book-length document), with two consequences:
///
/// - once the pair with the most units has this many, the lexicon learns stems rather than word
///   forms, so the forms of a word pool their evidence (`batch --qa` over rues-dev `omit`, 4,000
///   units a pair: omission recall .918 → .929; one document of 12,900 sentences, `benches/long.sh
///   3`: link F1 up to +.002); with few units, a stem shared by the topic words of a short document
///   covers every sentence (one rues-dev document, 20–100 units: recall .901 → .877; Text+Berg dev,
///   468 sentences: strict F1 .894 → .890);
/// - the pair's search takes a wider second look ([`Model::broadly_trained`]).
///
/// The sizes measured were 468 sentences (stems hurt) and 4,300 (stems helped); the threshold lies
/// between them, not at a tuned point.
pub(crate) const BROAD_TRAINING_UNITS: usize = 2000;
/// Longest sentence (in words) used for training.
const TRAIN_MAX_WORDS: usize = 50;

/// One training unit of a language pair: the word ids of side a and of side b.
type TrainingUnit = (Vec<u32>, Vec<u32>);

/// One language's word list: folded word (or, once [`Model::train`] has rekeyed it, stem) → id.
#[derive(Debug, Clone, Default)]
struct Vocab {
    ids: IdMap<String, u32>,
    /// The stemmer whose stems the keys are, once rekeyed (word forms before).
    stems: Option<Algorithm>,
}

impl Vocab {
    /// The key under which this vocabulary knows folded word `w`.
    fn key<'a>(&self, w: &'a str) -> Cow<'a, str> {
        match self.stems {
            Some(algorithm) => Stemmer::create(algorithm).stem(w),
            None => Cow::Borrowed(w),
        }
    }

    fn intern(&mut self, w: &str) -> u32 {
        let w = self.key(w);
        if let Some(&id) = self.ids.get(w.as_ref()) {
            return id;
        }
        let n = self.ids.len() as u32;
        self.ids.insert(w.into_owned(), n);
        n
    }

    fn get(&self, w: &str) -> Option<u32> {
        self.ids.get(self.key(w).as_ref()).copied()
    }

    /// Rekeys the vocabulary by the stems of `algorithm`; returns each old id's new one.
    fn stem_keys(&mut self, algorithm: Algorithm) -> Vec<u32> {
        let stemmer = Stemmer::create(algorithm);
        let mut forms: Vec<(&String, u32)> = self.ids.iter().map(|(w, &id)| (w, id)).collect();
        forms.sort_unstable_by_key(|&(_, id)| id);
        let mut ids: IdMap<String, u32> = IdMap::default();
        let mut map = vec![0; forms.len()];
        for (w, id) in forms {
            let next = ids.len() as u32;
            map[id as usize] = *ids.entry(stemmer.stem(w).into_owned()).or_insert(next);
        }
        self.ids = ids;
        self.stems = Some(algorithm);
        map
    }
}

/// The Snowball stemmer of a language (by its primary subtag), if there is one.
fn stemmer(lang: &str) -> Option<Algorithm> {
    let primary = lang.split(['-', '_', '#']).next().unwrap_or(lang).to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(algorithm)
}

/// Translation tables of one language pair `(a, b)`: for each word id of `a`, its likely
/// translations in `b` (sorted by id), and the reverse.
#[derive(Debug, Clone, Default)]
struct PairLexicon {
    a_to_b: IdMap<u32, Vec<(u32, f32)>>,
    b_to_a: IdMap<u32, Vec<(u32, f32)>>,
    /// The same lists laid out flat for reading (see [`TransTable`]), rebuilt after every change.
    flat_ab: TransTable,
    flat_ba: TransTable,
}

impl PairLexicon {
    fn freeze(&mut self) {
        self.flat_ab = TransTable::from_map(&self.a_to_b);
        self.flat_ba = TransTable::from_map(&self.b_to_a);
    }
}

/// Translation lists indexed by source word id, in one flat array: the aligner reads the lists of
/// every word of every sentence of a pair, and a lookup here is two adjacent offsets and the list,
/// where a hash map costs a probe and a pointer to follow (a batch collection's tables outgrow the
/// caches, so each of those is a miss).
#[derive(Debug, Clone, Default)]
pub(crate) struct TransTable {
    off: Vec<u32>,
    data: Vec<(u32, f32)>,
    /// One past the largest target id in `data`.
    bound: usize,
}

impl TransTable {
    pub(crate) fn from_map(map: &IdMap<u32, Vec<(u32, f32)>>) -> Self {
        let n = map.keys().max().map_or(0, |&k| k as usize + 1);
        let mut off = Vec::with_capacity(n + 1);
        let mut data = Vec::with_capacity(map.values().map(Vec::len).sum());
        off.push(0);
        for id in 0..n as u32 {
            if let Some(list) = map.get(&id) {
                data.extend_from_slice(list);
            }
            off.push(data.len() as u32);
        }
        let bound = data.iter().map(|e| e.0 as usize + 1).max().unwrap_or(0);
        TransTable { off, data, bound }
    }

    /// Reads the start of the lists of `ids` (the words of a document): the lists are spread over a
    /// table far larger than the caches, and these reads do not depend on one another, so their
    /// misses overlap instead of following one another as they do in the aligner's loop over each
    /// sentence, where every list is used before the next is read.
    pub(crate) fn touch(&self, ids: &[u32]) {
        let mut x = 0u32;
        for &id in ids {
            if let Some(&start) = self.off.get(id as usize)
                && let Some(entry) = self.data.get(start as usize)
            {
                x ^= entry.0;
            }
        }
        std::hint::black_box(x);
    }

    /// One past the largest word id the lists translate to.
    pub(crate) fn target_bound(&self) -> usize {
        self.bound
    }

    /// The translations of word `id` (sorted by target id; empty for a word without any).
    #[inline]
    pub(crate) fn get(&self, id: u32) -> &[(u32, f32)] {
        let i = id as usize;
        if i + 1 >= self.off.len() {
            return &[];
        }
        &self.data[self.off[i] as usize..self.off[i + 1] as usize]
    }
}

/// What the aligner has learned beyond one document: word-translation lexicons per language pair,
/// learned from confident units of a first pass (over one document or a whole collection) and from
/// user dictionaries (`--dict`). An empty model is valid (length and string cues only).
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Who this model is: the same for clones, new after every change (for caches of its ids).
    stamp: Stamp,
    vocabs: IdMap<String, Vocab>,
    /// Keyed by the ordered pair of language codes as given (`(a, b)` with a <= b).
    lexicons: HashMap<(String, String), PairLexicon>,
    training: HashMap<(String, String), Vec<TrainingUnit>>,
    dictionaries: HashMap<(String, String), Vec<(u32, u32)>>,
    /// Squared standardised length residuals of the training units (Gale-Church, side a units).
    residuals: HashMap<(String, String), Vec<f64>>,
    /// The per-character length variance learned from them.
    variances: HashMap<(String, String), f64>,
}

/// A process-wide unique number, drawn at creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(u64);

impl Default for Stamp {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Stamp(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

fn pair_key(a: &str, b: &str) -> ((String, String), bool) {
    if a <= b { ((a.to_string(), b.to_string()), false) } else { ((b.to_string(), a.to_string()), true) }
}

/// Whether `key` is the pair `(a, b)` in either order (a lookup without building a key).
fn is_pair(key: &(String, String), a: &str, b: &str) -> bool {
    (key.0 == a && key.1 == b) || (key.0 == b && key.1 == a)
}

impl Model {
    /// An empty model.
    pub fn new() -> Self {
        Model::default()
    }

    /// Whether the model knows any translation for the pair (in either order).
    pub fn has_lexicon(&self, lang_a: &str, lang_b: &str) -> bool {
        let (key, _) = pair_key(lang_a, lang_b);
        self.lexicons.get(&key).is_some_and(|l| !l.a_to_b.is_empty())
    }

    fn word_ids(&mut self, lang: &str, text: &str) -> Vec<u32> {
        let vocab = self.vocabs.entry(lang.to_string()).or_default();
        words(text)
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .map(|w| vocab.intern(&fold(w)))
            .collect()
    }

    /// Adds a user's bilingual word list (tab-separated `word<TAB>translation` lines) for the pair
    /// `(lang_a, lang_b)`. Errors name the line.
    pub fn add_dictionary(&mut self, lang_a: &str, lang_b: &str, text: &str) -> crate::Result<()> {
        self.stamp = Stamp::default();
        let (key, swap) = pair_key(lang_a, lang_b);
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((wa, wb)) = line.split_once('\t') else {
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!(
                        "dictionary: expected `word<TAB>translation`, got {line:?}; separate the two words with a tab"
                    ),
                )
                .with_line(n + 1));
            };
            let ia = self.word_ids(lang_a, wa);
            let ib = self.word_ids(lang_b, wb);
            for &x in &ia {
                for &y in &ib {
                    entries.push(if swap { (y, x) } else { (x, y) });
                }
            }
        }
        self.dictionaries.entry(key.clone()).or_default().extend(entries);
        self.rebuild_dictionary_entries(&key);
        Ok(())
    }

    fn rebuild_dictionary_entries(&mut self, key: &(String, String)) {
        let Some(dict) = self.dictionaries.get(key) else { return };
        let lex = self.lexicons.entry(key.clone()).or_default();
        for &(x, y) in dict {
            upsert(lex.a_to_b.entry(x).or_default(), y, DICT_PROB);
            upsert(lex.b_to_a.entry(y).or_default(), x, DICT_PROB);
        }
        lex.freeze();
    }

    /// Records the confident units of a first-pass alignment of `docs` as training material: for
    /// every pair of languages, the units with exactly one sentence on both sides and a confidence of
    /// at least 0.5.
    pub fn add_training(&mut self, docs: &[AlignInput<'_>], alignment: &Alignment) {
        self.stamp = Stamp::default();
        // A sentence is in up to two pairs: its words are looked up once (on first use, so the
        // vocabulary grows in the same order), and each document's length is summed once.
        let mut ids: Vec<Vec<Option<Vec<u32>>>> =
            docs.iter().map(|d| vec![None; d.sentences.len()]).collect();
        let totals: Vec<f64> =
            docs.iter().map(|d| d.sentences.iter().map(|s| nonspace_len(&s.text)).sum()).collect();
        for x in 0..docs.len() {
            for y in x + 1..docs.len() {
                let (key, swap) = pair_key(docs[x].lang, docs[y].lang);
                let mut pairs = Vec::new();
                let mut lens = Vec::new();
                for bead in &alignment.beads {
                    let (rx, ry) = (&bead.sents[x], &bead.sents[y]);
                    if rx.len() != 1 || ry.len() != 1 || bead.score < TRAIN_MIN_SCORE {
                        continue;
                    }
                    let lx = nonspace_len(&docs[x].sentences[rx.start].text);
                    let ly = nonspace_len(&docs[y].sentences[ry.start].text);
                    lens.push(if swap { (ly, lx) } else { (lx, ly) });
                    let wx = self.training_words(&docs[x], rx.start, &mut ids[x]);
                    let wy = self.training_words(&docs[y], ry.start, &mut ids[y]);
                    if wx.is_empty() || wy.is_empty() {
                        continue;
                    }
                    pairs.push(if swap { (wy, wx) } else { (wx, wy) });
                }
                let (tx, ty) = (totals[x], totals[y]);
                let ratio = if swap { tx / ty.max(1.0) } else { ty / tx.max(1.0) };
                let res = self.residuals.entry(key.clone()).or_default();
                for (la, lb) in lens {
                    let lb = lb / ratio.max(1e-3);
                    let mean = (la + lb) / 2.0;
                    if mean > 0.0 {
                        res.push((lb - la) * (lb - la) / mean);
                    }
                }
                self.training.entry(key).or_default().extend(pairs);
            }
        }
    }

    /// The first [`TRAIN_MAX_WORDS`] word ids of sentence `k` of `doc`, through the document's
    /// cache.
    fn training_words(&mut self, doc: &AlignInput<'_>, k: usize, cache: &mut [Option<Vec<u32>>]) -> Vec<u32> {
        let ids = cache[k].get_or_insert_with(|| {
            let mut w = self.word_ids(doc.lang, &doc.sentences[k].text);
            w.truncate(TRAIN_MAX_WORDS);
            w
        });
        ids.clone()
    }

    /// Learns the lexicons from all the training material added so far (IBM Model 1, both
    /// directions, a few EM iterations), then adds the dictionary entries back on top.
    pub fn train(&mut self) {
        self.stamp = Stamp::default();
        if self.training.values().map(Vec::len).max().unwrap_or(0) >= BROAD_TRAINING_UNITS {
            self.stem_vocabularies();
        }
        for (key, res) in &self.residuals {
            if res.len() >= 8 {
                let mut r = res.clone();
                r.sort_by(f64::total_cmp);
                self.variances.insert(key.clone(), (r[r.len() / 2] / 0.455).clamp(1.0, 40.0));
            }
        }
        // The language pairs are trained side by side (three for ru+en+es), each direction too.
        let mut keys: Vec<&(String, String)> = self.training.keys().collect();
        keys.sort();
        let trained: Vec<((String, String), PairLexicon)> = keys
            .into_par_iter()
            .map(|key| {
                let co = cooccurrence(&self.training[key]);
                let (a_to_b, b_to_a) = rayon::join(|| ibm1(&co, false), || ibm1(&co, true));
                let mut lex = PairLexicon { a_to_b, b_to_a, ..PairLexicon::default() };
                lex.freeze();
                (key.clone(), lex)
            })
            .collect();
        for (key, lex) in trained {
            self.lexicons.insert(key.clone(), lex);
            self.rebuild_dictionary_entries(&key);
        }
    }

    /// The Gale-Church variance per character learned for the pair, in units of `from`'s characters,
    /// given the expected length ratio `to`/`from` of the documents at hand.
    pub(crate) fn variance(&self, from: &str, to: &str, ratio: f64) -> Option<f64> {
        let (key, swap) = pair_key(from, to);
        let v = *self.variances.get(&key)?;
        Some(if swap { v / ratio.max(1e-3) } else { v })
    }

    /// Whether the lexicon of the pair was learned from at least [`BROAD_TRAINING_UNITS`] units.
    pub(crate) fn broadly_trained(&self, lang_a: &str, lang_b: &str) -> bool {
        let (key, _) = pair_key(lang_a, lang_b);
        self.training.get(&key).is_some_and(|units| units.len() >= BROAD_TRAINING_UNITS)
    }

    /// Rekeys every vocabulary whose language has a stemmer by stems, and renumbers the training
    /// material and the dictionary entries to match.
    fn stem_vocabularies(&mut self) {
        let mut maps: HashMap<String, Vec<u32>> = HashMap::new();
        for (lang, vocab) in &mut self.vocabs {
            if vocab.stems.is_none()
                && let Some(algorithm) = stemmer(lang)
            {
                maps.insert(lang.clone(), vocab.stem_keys(algorithm));
            }
        }
        if maps.is_empty() {
            return;
        }
        let renumber = |id: &mut u32, lang: &str| {
            if let Some(map) = maps.get(lang) {
                *id = map[*id as usize];
            }
        };
        for ((la, lb), units) in &mut self.training {
            for (wa, wb) in units.iter_mut() {
                wa.iter_mut().for_each(|x| renumber(x, la));
                wb.iter_mut().for_each(|y| renumber(y, lb));
            }
        }
        for ((la, lb), entries) in &mut self.dictionaries {
            for (x, y) in entries.iter_mut() {
                renumber(x, la);
                renumber(y, lb);
            }
            entries.sort_unstable();
            entries.dedup();
        }
        // Lexicons of the old ids: those learned are learned again by `train`, those of dictionaries
        // alone are built again here.
        let stale: Vec<(String, String)> = self
            .lexicons
            .keys()
            .filter(|(a, b)| maps.contains_key(a) || maps.contains_key(b))
            .cloned()
            .collect();
        for key in stale {
            self.lexicons.remove(&key);
            self.rebuild_dictionary_entries(&key);
        }
    }

    /// A number identifying this model's contents: equal for clones, new after every change.
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp.0
    }

    /// The id of `word` (already folded) in `lang`'s vocabulary.
    pub(crate) fn vocab_id(&self, lang: &str, folded: &str) -> Option<u32> {
        self.vocabs.get(lang).and_then(|v| v.get(folded))
    }

    /// The ids of `words` (already folded) in `lang`'s vocabulary (uncached: what the features'
    /// per-thread cache is checked against).
    #[cfg(test)]
    pub(crate) fn vocab_ids(&self, lang: &str, words: &[String]) -> Vec<Option<u32>> {
        match self.vocabs.get(lang) {
            Some(v) => words.iter().map(|w| v.get(w)).collect(),
            None => vec![None; words.len()],
        }
    }

    /// The translation lists of `from`'s words into `to` (by word id), if the pair has a lexicon.
    pub(crate) fn translation_table(&self, from: &str, to: &str) -> Option<&TransTable> {
        let (key, lex) = self.lexicons.iter().find(|(key, _)| is_pair(key, from, to))?;
        Some(if key.0 == from { &lex.flat_ab } else { &lex.flat_ba })
    }

    /// The translations of word `id` of `from` into `to`.
    #[cfg(test)]
    pub(crate) fn translations(&self, from: &str, to: &str, id: u32) -> &[(u32, f32)] {
        self.translation_table(from, to).map_or(&[], |t| t.get(id))
    }
}

fn nonspace_len(s: &str) -> f64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as f64
}

fn upsert(list: &mut Vec<(u32, f32)>, id: u32, p: f32) {
    match list.binary_search_by_key(&id, |e| e.0) {
        Ok(k) => list[k].1 = list[k].1.max(p),
        Err(k) => list.insert(k, (id, p)),
    }
}

/// The training units of one language pair with their word-pair cells laid out once: for each
/// unit, an |a|×|b| block of indices into the table of distinct co-occurring word pairs, so the EM
/// iterations are array passes with no hashing.
struct Cooccurrence {
    /// (words of a, words of b, offset of the unit's block in `cell`).
    units: Vec<(Vec<u32>, Vec<u32>, usize)>,
    cell: Vec<u32>,
    /// For each distinct pair: its a word and b word.
    a_of: Vec<u32>,
    b_of: Vec<u32>,
    vocab_a: usize,
    vocab_b: usize,
}

/// At most this many training units per language pair are used (evenly spread over the material);
/// the lexicon saturates long before, and memory stays bounded.
const TRAIN_MAX_UNITS: usize = 3_000;

fn cooccurrence(corpus: &[(Vec<u32>, Vec<u32>)]) -> Cooccurrence {
    let step = corpus.len().div_ceil(TRAIN_MAX_UNITS).max(1);
    let mut ids: IdMap<u64, u32> = IdMap::default();
    let mut co = Cooccurrence {
        units: Vec::new(),
        cell: Vec::new(),
        a_of: Vec::new(),
        b_of: Vec::new(),
        vocab_a: 0,
        vocab_b: 0,
    };
    for (a, b) in corpus.iter().step_by(step) {
        let off = co.cell.len();
        for &e in a {
            co.vocab_a = co.vocab_a.max(e as usize + 1);
            for &f in b {
                co.vocab_b = co.vocab_b.max(f as usize + 1);
                let n = co.a_of.len() as u32;
                let k = *ids.entry((u64::from(e) << 32) | u64::from(f)).or_insert(n);
                if k == n {
                    co.a_of.push(e);
                    co.b_of.push(f);
                }
                co.cell.push(k);
            }
        }
        co.units.push((a.clone(), b.clone(), off));
    }
    co
}

/// IBM Model 1 with a NULL source word, `reverse = false`: t(b-word | a-word); `true`: t(a | b).
/// Returns, per source word, its pruned translations sorted by target id.
fn ibm1(co: &Cooccurrence, reverse: bool) -> IdMap<u32, Vec<(u32, f32)>> {
    let n = co.a_of.len();
    let (src_of, tgt_of) = if reverse { (&co.b_of, &co.a_of) } else { (&co.a_of, &co.b_of) };
    let (n_src, n_tgt) = if reverse { (co.vocab_b, co.vocab_a) } else { (co.vocab_a, co.vocab_b) };
    // Uniform start: the first E step counts co-occurrences.
    let mut t = vec![1.0f32; n];
    let mut t_null = vec![1.0f32; n_tgt];
    let mut count = vec![0.0f32; n];
    let mut total = vec![0.0f32; n_src];
    let mut count_null = vec![0.0f32; n_tgt];
    for _ in 0..EM_ITERATIONS {
        count.iter_mut().for_each(|c| *c = 0.0);
        total.iter_mut().for_each(|c| *c = 0.0);
        count_null.iter_mut().for_each(|c| *c = 0.0);
        for (a, b, off) in &co.units {
            let (na, nb) = (a.len(), b.len());
            let block = &co.cell[*off..off + na * nb];
            // Target words are the columns (b) or the rows (a, when reversed).
            let (n_t, n_s) = if reverse { (na, nb) } else { (nb, na) };
            let at =
                |s: usize, tg: usize| if reverse { block[tg * nb + s] } else { block[s * nb + tg] } as usize;
            for tg in 0..n_t {
                let tw = if reverse { a[tg] } else { b[tg] } as usize;
                let mut z = t_null[tw];
                for s in 0..n_s {
                    z += t[at(s, tg)];
                }
                if z <= 0.0 {
                    continue;
                }
                count_null[tw] += t_null[tw] / z;
                for s in 0..n_s {
                    let k = at(s, tg);
                    let c = t[k] / z;
                    count[k] += c;
                    total[src_of[k] as usize] += c;
                }
            }
        }
        for k in 0..n {
            t[k] = count[k] / total[src_of[k] as usize].max(1e-9);
        }
        let zn: f32 = count_null.iter().sum::<f32>().max(1e-9);
        for (x, c) in t_null.iter_mut().zip(&count_null) {
            *x = c / zn;
        }
    }
    let mut out: IdMap<u32, Vec<(u32, f32)>> = IdMap::default();
    for k in 0..n {
        if t[k] >= KEEP_MIN_PROB {
            out.entry(src_of[k]).or_default().push((tgt_of[k], t[k]));
        }
    }
    for list in out.values_mut() {
        list.sort_by(|x, y| y.1.total_cmp(&x.1));
        list.truncate(KEEP_PER_WORD);
        list.sort_by_key(|x| x.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Model>();
    }

    #[test]
    fn dictionary_entries_become_translations() {
        let mut m = Model::new();
        m.add_dictionary("ru", "en", "газпром\tgazprom\n# comment\n\nдом\thouse\n").unwrap();
        let dom = m.vocab_id("ru", "дом").unwrap();
        let house = m.vocab_id("en", "house").unwrap();
        assert!(m.translations("ru", "en", dom).iter().any(|&(w, p)| w == house && p > 0.5));
        assert!(m.translations("en", "ru", house).iter().any(|&(w, _)| w == dom));
        let err = m.add_dictionary("ru", "en", "дом house\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    /// A model trained on `units` units `дома слово<k>` / `houses word<k>`, with the dictionary
    /// entry `кот` / `cat`.
    fn trained_on(units: usize) -> Model {
        let mut m = Model::new();
        m.add_dictionary("ru", "en", "кот\tcat\n").unwrap();
        let (key, _) = pair_key("en", "ru");
        for k in 0..units {
            let en = m.word_ids("en", &format!("houses word{k}"));
            let ru = m.word_ids("ru", &format!("дома слово{k}"));
            m.training.entry(key.clone()).or_default().push((en, ru));
        }
        m.train();
        m
    }

    #[test]
    fn a_large_collection_teaches_stems_and_a_small_one_word_forms() {
        let large = trained_on(BROAD_TRAINING_UNITS);
        // `домами` and `house` never occur in training; they share the stems of `дома`, `houses`.
        let homes = large.vocab_id("ru", "домами").expect("a form of a known stem");
        assert_eq!(Some(homes), large.vocab_id("ru", "дома"));
        let house = large.vocab_id("en", "house").unwrap();
        assert!(large.translations("ru", "en", homes).iter().any(|&(w, p)| w == house && p > 0.5));
        // The dictionary entry follows the renumbering, and reaches the entry's other forms.
        let cat = large.vocab_id("ru", "кота").expect("the dictionary's stem");
        let cats = large.vocab_id("en", "cats").unwrap();
        assert!(large.translations("ru", "en", cat).iter().any(|&(w, _)| w == cats));

        assert!(large.broadly_trained("ru", "en") && large.broadly_trained("en", "ru"));
        let small = trained_on(BROAD_TRAINING_UNITS / 10);
        assert!(!small.broadly_trained("ru", "en"));
        assert_eq!(small.vocab_id("ru", "домами"), None);
        let homes = small.vocab_id("ru", "дома").unwrap();
        let houses = small.vocab_id("en", "houses").unwrap();
        assert!(small.translations("ru", "en", homes).iter().any(|&(w, p)| w == houses && p > 0.5));
    }

    #[test]
    fn ibm1_learns_a_consistent_pair() {
        let mut corpus = Vec::new();
        for k in 0..20u32 {
            corpus.push((vec![0, 10 + k], vec![0, 100 + k]));
        }
        let co = cooccurrence(&corpus);
        let t = ibm1(&co, false);
        let best = t[&0].iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert_eq!(best.0, 0);
    }
}
