//! Sentences of two or three documents → aligned units ("beads"). This is the interface the rest of
//! tralign builds on; the model and search behind it live in this module's children.
//!
//! An [`Alignment`] is monotone and complete: every sentence of every input is in exactly one bead,
//! in document order.

use std::ops::Range;

use crate::segment::Sentence;

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
        self.sents.iter().map(|r| r.len().to_string()).collect::<Vec<_>>().join("-")
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
    /// Largest number of sentences on one side of a bead (default 3 here; 1-3/3-1 shapes need it).
    pub max_bead: usize,
    /// Paragraph boundaries may not be crossed by a bead.
    pub hard_anchors: bool,
    /// The pivot language index for three-way alignment (`None`: choose automatically).
    pub pivot: Option<usize>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig { max_bead: 3, hard_anchors: false, pivot: None }
    }
}

/// One input document as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct AlignInput<'a> {
    pub lang: &'a str,
    pub sentences: &'a [Sentence],
}

/// What the aligner has learned beyond one document: word-translation lexicons per language pair,
/// learned from confident units of a first pass (over one document or a whole collection) and from
/// user dictionaries (`--dict`). An empty model is valid (length and string cues only).
#[derive(Debug, Clone, Default)]
pub struct Model {}

impl Model {
    /// An empty model.
    pub fn new() -> Self {
        Model::default()
    }

    /// Adds a user's bilingual word list (tab-separated `word<TAB>translation` lines) for the pair
    /// `(lang_a, lang_b)`. Errors name the line.
    pub fn add_dictionary(&mut self, _lang_a: &str, _lang_b: &str, _text: &str) -> crate::Result<()> {
        Ok(())
    }

    /// Records the confident units of a first-pass alignment of `docs` as training material.
    pub fn add_training(&mut self, _docs: &[AlignInput<'_>], _alignment: &Alignment) {}

    /// Learns the lexicons from all the training material added so far.
    pub fn train(&mut self) {}
}

/// Aligns two or three documents with a given model (no learning).
/// PLACEHOLDER: pairs sentences 1-1 in order, the rest 1-0/0-1.
pub fn align_with_model(docs: &[AlignInput<'_>], _config: &AlignConfig, _model: &Model) -> Alignment {
    let n = docs.iter().map(|d| d.sentences.len()).max().unwrap_or(0);
    let beads = (0..n)
        .map(|i| Bead {
            sents: docs
                .iter()
                .map(|d| {
                    let k = d.sentences.len();
                    if i < k { i..i + 1 } else { k..k }
                })
                .collect(),
            score: 0.5,
        })
        .collect();
    Alignment { langs: docs.iter().map(|d| d.lang.to_string()).collect(), beads }
}

/// Aligns two or three documents: a first pass, a lexicon learned from its confident units (plus
/// `base`'s dictionaries and lexicons), and a second pass with it.
pub fn align_documents_with(docs: &[AlignInput<'_>], config: &AlignConfig, base: &Model) -> Alignment {
    let first = align_with_model(docs, config, base);
    let mut model = base.clone();
    model.add_training(docs, &first);
    model.train();
    align_with_model(docs, config, &model)
}

/// Aligns two or three documents with nothing learned beforehand.
pub fn align_documents(docs: &[AlignInput<'_>], config: &AlignConfig) -> Alignment {
    align_documents_with(docs, config, &Model::new())
}
