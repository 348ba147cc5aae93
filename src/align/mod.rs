//! Sentences of two or three documents → aligned units ("beads"). This is the interface the rest of
//! tralign builds on; the model and search behind it live in this module's children:
//!
//! - `features`: per-sentence features computed once (lengths, cue ids, word ids);
//! - `length`: the Gale & Church (1993) length model, parameters estimated from the documents;
//! - `cues`: numbers, names (transliterated), identical tokens, cognates, punctuation;
//! - `lexicon`: the [`Model`], IBM Model 1 lexicons per language pair (Moore 2002, hunalign);
//! - `search`: banded dynamic programming over a coarse-to-fine pyramid (Vecalign 2019);
//! - `band`: the cells each level of the search visits, and their widening where its path hugs an edge;
//! - `second_look`: the search's close calls about an untranslated sentence, weighed again on words;
//! - `three`: three-language units from the three pairwise alignments by majority vote on cuts;
//! - `rejoin`: pieces of sentences cut at soft boundaries joined back where they share a unit.
//!
//! An [`Alignment`] is monotone and complete: every sentence of every input is in exactly one bead,
//! in document order.

use std::ops::Range;

use crate::segment::Sentence;

mod band;
mod cues;
mod features;
mod length;
mod lexicon;
mod rejoin;
mod search;
mod second_look;
mod three;

pub use cues::CueWeights;
pub use lexicon::Model;
pub(crate) use lexicon::{IdHasher, IdMap};
pub use rejoin::rejoin;
pub use search::Params;

use features::{DocFeatures, docs_features};
use search::{MatchableIds, PairBead, SearchSetup, Units, align_units};

/// One aligned unit: for each language (in [`Alignment::langs`] order) the half-open range of
/// sentence indices it holds (empty for a language missing from the unit), and a confidence in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub sents: Vec<Range<usize>>,
    pub score: f64,
}

impl Bead {
    /// The bead's shape as TMX-JSON writes it: sentence counts joined by `-` (e.g. `2-1-1`).
    pub fn shape(&self) -> String {
        use std::fmt::Write;
        // One string per call (batch asks twice per bead: summary and TM).
        let mut s = String::with_capacity(2 * self.sents.len());
        for (k, r) in self.sents.iter().enumerate() {
            if k > 0 {
                s.push('-');
            }
            let _ = write!(s, "{}", r.len());
        }
        s
    }
}

/// The result of aligning documents: language codes in input order and the beads in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub langs: Vec<String>,
    pub beads: Vec<Bead>,
}

/// Options of the aligner (the `align` command's flags).
#[derive(Debug, Clone)]
pub struct AlignConfig {
    /// Largest number of sentences on one side of a bead (default 5: 1-4/4-1, 2-3 and the like
    /// help on literary text; 1-3/3-1 shapes need at least 3).
    pub max_bead: usize,
    /// Paragraph boundaries may not be crossed by a bead.
    pub hard_anchors: bool,
    /// The pivot language index for three-way alignment (`None`: choose automatically).
    pub pivot: Option<usize>,
    /// The cost model's numbers (tuned defaults).
    pub params: Params,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig { max_bead: 5, hard_anchors: false, pivot: None, params: Params::default() }
    }
}

impl AlignConfig {
    /// The cost of a one-language unit (`--gap-cost`), when it is not the default one.
    pub fn custom_gap_cost(&self) -> Option<f64> {
        Some(self.params.null_cost).filter(|&c| c != Params::default().null_cost)
    }
}

/// One input document as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct AlignInput<'a> {
    pub lang: &'a str,
    pub sentences: &'a [Sentence],
}

/// One document's units in the model's vocabulary, before any pair: what every pair it is in
/// shares (lengths, paragraphs, cues and their totals, word ids, soft starts). A document of
/// three is in two pairs, and this part is built once.
fn doc_units(
    doc: &AlignInput<'_>,
    f: &DocFeatures,
    vocab: &[Option<u32>],
    params: &Params,
) -> Units<'static> {
    let mut u = Units {
        len: f.len.clone(),
        para: f.para.clone(),
        punct: f.punct.clone(),
        cues: f.cues.clone(),
        ..Units::default()
    };
    let mut toks = Vec::new();
    for k in 0..f.word_ids.rows() {
        toks.clear();
        toks.extend(f.word_ids.get(k).iter().filter_map(|&w| vocab[w as usize]));
        toks.sort_unstable();
        toks.dedup();
        u.toks.push(&toks);
    }
    if doc.sentences.iter().any(|s| s.soft) {
        u.soft =
            doc.sentences.iter().map(|s| if s.soft { params.soft_boundary as f32 } else { 0.0 }).collect();
    }
    u.finish();
    u.finish_cues(&params.cues);
    u
}

/// One side of a pair: the document's units (`doc_units`) reading their words' translations into
/// the other language from the model, and whether the model has a lexicon for the pair.
fn pair_units<'m>(
    base: Units<'static>,
    lang: &str,
    other: &str,
    model: &'m Model,
    parts: &[Range<usize>],
) -> (Units<'m>, bool) {
    let use_lexicon = model.has_lexicon(lang, other);
    let table = model.translation_table(lang, other).filter(|_| use_lexicon);
    if let Some(table) = table {
        // The lists the search reads, all asked for at once (they fit the caches; the table does not).
        parts.iter().for_each(|r| table.touch(base.toks.rows_values(r.clone())));
    }
    (Units { trans: table, ..base }, use_lexicon)
}

/// The documents' units (`doc_units`) and their names and tokens by unit
/// (`Units::matchable_ids_by_unit`), handed to the pairs each document is in: a copy to every pair
/// but the last, which takes them (a long document's units are much of an alignment's memory).
struct DocUnits {
    units: Vec<Option<Units<'static>>>,
    /// Pairs still to come per document.
    uses: Vec<usize>,
    ids: Vec<MatchableIds>,
}

impl DocUnits {
    fn new(
        docs: &[AlignInput<'_>],
        feats: &[DocFeatures],
        vocabs: &[Vec<Option<u32>>],
        params: &Params,
    ) -> Self {
        let units: Vec<Units<'static>> =
            (0..docs.len()).map(|k| doc_units(&docs[k], &feats[k], &vocabs[k], params)).collect();
        let ids = units.iter().map(Units::matchable_ids_by_unit).collect();
        // Each document is in as many pairs as there are other documents.
        let uses = vec![docs.len().saturating_sub(1); docs.len()];
        DocUnits { units: units.into_iter().map(Some).collect(), uses, ids }
    }

    /// Document k's units for one more pair.
    fn take(&mut self, k: usize) -> Units<'static> {
        self.uses[k] = self.uses[k].saturating_sub(1);
        let held = if self.uses[k] == 0 { self.units[k].take() } else { self.units[k].clone() };
        held.expect("a document's units are taken by its last pair only")
    }
}

fn many_paragraphs(f: &DocFeatures) -> bool {
    f.para.first() != f.para.last()
}

/// Aligns stretches of documents `x` and `y` of `docs`, from their units: each of `parts`
/// (sentence ranges of x and of y; `None`: the whole documents) on its own, with the length model,
/// lexicon and cues of the whole pair. Beads are numbered from each part's start.
fn align_pair(
    docs: &[AlignInput<'_>],
    feats: &[DocFeatures],
    bases: &mut DocUnits,
    (x, y): (usize, usize),
    parts: Option<&[(Range<usize>, Range<usize>)]>,
    config: &AlignConfig,
    model: &Model,
) -> Vec<Vec<PairBead>> {
    let (lx, ly) = (docs[x].lang, docs[y].lang);
    let (bx, by) = (bases.take(x), bases.take(y));
    let (nx, ny) = (bx.n(), by.n());
    let (in_x, in_y): (Vec<Range<usize>>, Vec<Range<usize>>) = match parts {
        Some(parts) => parts.iter().cloned().unzip(),
        None => (std::iter::once(0..nx).collect(), std::iter::once(0..ny).collect()),
    };
    let (mut ux, lex_x) = pair_units(bx, lx, ly, model, &in_x);
    let (mut uy, _) = pair_units(by, ly, lx, model, &in_y);
    ux.count_matchable(&bases.ids[y], ny, &in_x);
    uy.count_matchable(&bases.ids[x], nx, &in_y);
    let (tx, ty) = (ux.prefix.last().copied().unwrap_or(0.0), uy.prefix.last().copied().unwrap_or(0.0));
    let ratio = length::LengthModel::from_totals(tx, ty, None).ratio;
    let length = length::LengthModel::from_totals(tx, ty, model.variance(lx, ly, ratio));
    let setup = SearchSetup {
        params: &config.params,
        length,
        max_bead: config.max_bead,
        hard_anchors: config.hard_anchors,
        use_paragraphs: many_paragraphs(&feats[x]) && many_paragraphs(&feats[y]),
        cross_paragraphs: many_paragraphs(&feats[x]) || many_paragraphs(&feats[y]),
        use_lexicon: lex_x,
        second_look_margin: if model.broadly_trained(lx, ly) {
            config.params.second_look_margin_broad
        } else {
            config.params.second_look_margin
        },
    };
    let Some(parts) = parts else {
        return vec![align_units(&ux, &uy, &setup)];
    };
    let part = |(ra, rb): &(Range<usize>, Range<usize>)| {
        if ra.is_empty() || rb.is_empty() {
            // Sentences of one side only: null beads, with the search's confidence for them.
            let (n, m) = (ra.len(), rb.len());
            let xs = (0..n).map(|i| PairBead { a: i..i + 1, b: 0..0, score: search::NULL_SCORE });
            xs.chain((0..m).map(|j| PairBead { a: n..n, b: j..j + 1, score: search::NULL_SCORE })).collect()
        } else if ra.len() == ux.n() && rb.len() == uy.n() {
            align_units(&ux, &uy, &setup)
        } else {
            align_units(&ux.slice(ra.clone()), &uy.slice(rb.clone()), &setup)
        }
    };
    parts.iter().map(part).collect()
}

/// Aligns two or three documents with a given model (no learning).
pub fn align_with_model(docs: &[AlignInput<'_>], config: &AlignConfig, model: &Model) -> Alignment {
    let langs = docs.iter().map(|d| d.lang.to_string()).collect();
    // Each document's words in the model's vocabulary, looked up once for the pairs it is in.
    let (feats, vocabs): (Vec<DocFeatures>, Vec<Vec<Option<u32>>>) = docs_features(docs, model);
    let mut bases = DocUnits::new(if docs.len() < 2 { &[] } else { docs }, &feats, &vocabs, &config.params);
    let beads = match docs.len() {
        0 => Vec::new(),
        1 => (0..docs[0].sentences.len())
            .map(|i| Bead { sents: std::iter::once(i..i + 1).collect(), score: 1.0 })
            .collect(),
        2 => align_pair(docs, &feats, &mut bases, (0, 1), None, config, model)
            .concat()
            .into_iter()
            .map(|b| Bead { sents: vec![b.a, b.b], score: b.score })
            .collect(),
        _ => {
            let sizes: Vec<usize> = docs.iter().map(|d| d.sentences.len()).collect();
            let bases = std::cell::RefCell::new(bases);
            let pair = |x: usize, y: usize| {
                align_pair(docs, &feats, &mut bases.borrow_mut(), (x, y), None, config, model).concat()
            };
            let parts = |x: usize, y: usize, parts: &[(Range<usize>, Range<usize>)]| {
                align_pair(docs, &feats, &mut bases.borrow_mut(), (x, y), Some(parts), config, model)
            };
            three::align_three(&sizes[..3], pair, parts, config.pivot)
        }
    };
    Alignment { langs, beads }
}

/// Longest document (in sentences) the first pass of [`align_documents_with`] reads in full.
const FIRST_PASS_MAX: usize = 8_000;

/// Aligns two or three documents: a first pass, a lexicon learned from its confident units (plus
/// `base`'s dictionaries and lexicons), and a second pass with it.
pub fn align_documents_with(docs: &[AlignInput<'_>], config: &AlignConfig, base: &Model) -> Alignment {
    // The first pass only has to find confident 1-1 units to learn from: small beads suffice and
    // halve its cost.
    // On long documents, the first pass sees a proportional prefix of each: a few thousand confident
    // units are all the lexicon needs, and the final pass stays the only full-length search.
    let quick = AlignConfig { max_bead: config.max_bead.min(2), ..config.clone() };
    let longest = docs.iter().map(|d| d.sentences.len()).max().unwrap_or(0);
    let sample: Vec<AlignInput<'_>> = docs
        .iter()
        .map(|d| {
            let n = d.sentences.len();
            let keep = if longest > FIRST_PASS_MAX { (n * FIRST_PASS_MAX).div_ceil(longest) } else { n };
            AlignInput { lang: d.lang, sentences: &d.sentences[..keep.min(n)] }
        })
        .collect();
    let first = align_with_model(&sample, &quick, base);
    let mut model = base.clone();
    model.add_training(&sample, &first);
    model.train();
    align_with_model(docs, config, &model)
}

/// Aligns two or three documents with nothing learned beforehand.
pub fn align_documents(docs: &[AlignInput<'_>], config: &AlignConfig) -> Alignment {
    align_documents_with(docs, config, &Model::new())
}
