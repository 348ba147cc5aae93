//! The search: dynamic programming over beads (Gale & Church 1993) restricted to a band around a path
//! found at a coarser resolution, recursively, as Vecalign (Thompson & Koehn 2019) does: the sentences
//! of both documents are merged pairwise into blocks, level after level, until a few hundred blocks
//! remain (a few dozen for short documents); that small problem is solved in full, and each finer
//! level searches only a band of cells around the projection of the coarser path. Time and memory are linear in the document
//! length; no n×m matrix is ever built. A long omission is a long horizontal or vertical stretch of
//! the coarse path, and the band follows it. Short documents whose paragraphs correspond one to one
//! skip the coarse levels: the band is built around the diagonals of the paragraph blocks instead.
//!
//! The finest coarse level (blocks of two sentences) is scored with the lexicon as sentences are:
//! on length, numbers and names alone its path drifted further than a narrow sentence-level band
//! reaches on long documents (one long document joined from the rues clean documents: ru-en link
//! F1 .982 at a band of 4, .992 at a band of 2 with the lexicon there; see `benches/long.sh`).
//! Coarser levels gained little from it and would cost memory.
//!
//! A bead's cost = shape prior + Gale-Church length cost − lexical coverage − string cues +
//! paragraph penalties; 1-0/0-1 beads cost a constant, and runs of them are cheaper per sentence
//! (k-0 shapes, later written out as k units of 1-0). The final path gets a second look where it
//! won by a hair with a sentence the other side does not translate (module `second_look`); the bands
//! themselves, and their widening where a path runs along an edge, are module `band`'s.

use std::ops::Range;

use super::band::{Band, EDGE_ROUNDS, paragraph_band, widened_at_edges};
use super::cues::{CueWeights, cue_totals, matchable, pair_cues, punct_score, telling};
use super::features::{Arena, CUE_NAME, CUE_NUMBER, cue_kind};
use super::length::LengthModel;
use super::lexicon::TransTable;
use super::second_look::second_look;

/// The features of one side at one resolution (sentences, or blocks of sentences).
#[derive(Debug, Clone, Default)]
pub(crate) struct Units<'m> {
    pub len: Vec<f32>,
    /// Paragraph index per unit (`usize::MAX` at coarse levels: no paragraph terms there).
    pub para: Vec<usize>,
    pub punct: Vec<u16>,
    pub cues: Arena<u32>,
    /// Sorted distinct word ids (this side's vocabulary).
    pub toks: Arena<u32>,
    /// Where this side's words' translations into the other side's vocabulary are read (a unit's
    /// translations are the lists of its `toks`: see [`TransOf`]); none without a lexicon, and at
    /// the coarse levels.
    pub trans: Option<&'m TransTable>,
    /// Prefix sums of `len`.
    pub prefix: Vec<f64>,
    /// Per unit: total weight of its cues and its number of telling ids: numbers (set by
    /// `finish_cues`), and names and tokens that the other document has (added by
    /// `count_matchable`).
    pub cue_total: Vec<(f32, f32)>,
    /// Per unit: the cue ids it shares with the previous unit (so that a cue repeated by
    /// consecutive sentences of one bead side counts once).
    pub dup: Arena<u32>,
    /// Per unit: the cost of a bead starting there (non-zero where the unit is a piece that starts at
    /// a soft boundary inside a sentence; empty at coarse levels).
    pub soft: Vec<f32>,
    /// Per unit: the names and tokens among its telling ids (see `count_matchable`); empty until
    /// then, and at coarse levels.
    pub matchable: Vec<f32>,
}

/// The key number in a cue id (its kind is in the two bits above).
const KEY_BITS: u32 = 0x3fff_ffff;

/// A document's names and tokens with the units holding them ([`Units::matchable_ids_by_unit`]),
/// grouped by key number: the ids of an alignment call are numbered densely from 0, so a key's
/// entries are found by indexing, not by a binary search over the document's.
#[derive(Debug, Clone, Default)]
pub(crate) struct MatchableIds {
    /// (id, unit), sorted by key number, then id, then unit.
    entries: Vec<(u32, u32)>,
    /// Per key number, where its entries start (and one more: where the last ends).
    first: Vec<u32>,
}

impl MatchableIds {
    /// The entries of ids with the key number of `id` (of any kind).
    fn of_key(&self, id: u32) -> &[(u32, u32)] {
        let k = (id & KEY_BITS) as usize;
        match (self.first.get(k), self.first.get(k + 1)) {
            (Some(&from), Some(&to)) => &self.entries[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// How far (in units) from a unit's place on the diagonal the other document must hold one of its
/// names or tokens for the bead to miss it. The whole document was first: on long documents
/// (`benches/long.sh 3`), where every common name and token occurs somewhere, three-way link F1
/// fell .987 → .983; 10 and 20 measured the same on rues-dev and Text+Berg.
const MATCHABLE_WINDOW: usize = 20;

impl Units<'_> {
    pub fn n(&self) -> usize {
        self.len.len()
    }

    /// Units `r` as a side of their own (what a search of that stretch alone reads): every per-unit
    /// feature copied, the prefix sums restarted.
    pub fn slice(&self, r: Range<usize>) -> Self {
        let arena = |x: &Arena<u32>| {
            let mut out = Arena::new();
            r.clone().for_each(|k| out.push(x.get(k)));
            out
        };
        let mut u = Units {
            len: self.len[r.clone()].to_vec(),
            para: self.para[r.clone()].to_vec(),
            punct: self.punct[r.clone()].to_vec(),
            cues: arena(&self.cues),
            toks: arena(&self.toks),
            trans: self.trans,
            cue_total: self.cue_total[r.clone()].to_vec(),
            dup: arena(&self.dup),
            soft: self.soft.get(r.clone()).map_or_else(Vec::new, <[f32]>::to_vec),
            matchable: self.matchable.get(r.clone()).map_or_else(Vec::new, <[f32]>::to_vec),
            ..Units::default()
        };
        u.finish();
        u
    }

    pub fn finish(&mut self) {
        self.prefix = std::iter::once(0.0)
            .chain(self.len.iter().scan(0.0, |acc, &l| {
                *acc += f64::from(l);
                Some(*acc)
            }))
            .collect();
    }

    pub(super) fn len_of(&self, r: &Range<usize>) -> f64 {
        self.prefix[r.end] - self.prefix[r.start]
    }

    /// How many sentences a bead side of units `r` holds: pieces of one sentence (cut at soft
    /// boundaries: the units whose start costs something, see `soft`) count once.
    #[inline]
    pub(super) fn sentences(&self, r: &Range<usize>) -> usize {
        if r.len() < 2 {
            return r.len();
        }
        let inner = self.soft.get(r.start + 1..r.end).unwrap_or_default();
        r.len() - inner.iter().filter(|&&c| c > 0.0).count()
    }

    /// The cost of a bead side starting at unit `i`.
    pub(super) fn soft_start(&self, i: usize) -> f64 {
        self.soft.get(i).map_or(0.0, |&c| f64::from(c))
    }

    pub(super) fn para_start(&self, i: usize) -> bool {
        i == 0 || i >= self.n() || self.para[i] != self.para[i - 1]
    }

    /// Computes `cue_total` with the given weights.
    pub fn finish_cues(&mut self, w: &CueWeights) {
        self.cue_total = (0..self.n()).map(|k| cue_totals(self.cues.get(k), w)).collect();
        self.dup = Arena::new();
        let mut buf = Vec::new();
        for k in 0..self.n() {
            buf.clear();
            if k > 0 {
                let prev = self.cues.get(k - 1);
                buf.extend(self.cues.get(k).iter().filter(|id| prev.binary_search(id).is_ok()));
            }
            self.dup.push(&buf);
        }
    }

    /// Counts among each unit's telling ids, besides its numbers, the names and identical tokens
    /// (`CUE_NAME`, `CUE_TOKEN`) that the other document of the pair holds near the unit's
    /// position (within [`MATCHABLE_WINDOW`] units of the diagonal): a bead side that lacks one
    /// pays for it as for a missing number. One that the other document never has there (a
    /// transliteration the skeleton does not catch, a name the translator left out) is no
    /// evidence, and costs nothing.
    /// On rues-dev `omit` this moved sentences paired with their neighbour's translation back to
    /// their own (ru-en link F1 .984 → .987, three-way .973 → .975), and Text+Berg strict F1 .886 →
    /// .894. `theirs` is the other document's [`Units::matchable_ids_by_unit`], and `m` its number
    /// of units.
    ///
    /// Only the units in `ranges` are counted (the others count none): a search of those stretches
    /// alone reads no others.
    pub fn count_matchable(&mut self, theirs: &MatchableIds, m: usize, ranges: &[Range<usize>]) {
        let n = self.n().max(1);
        self.matchable = vec![0.0; self.n()];
        for k in ranges.iter().flat_map(Clone::clone) {
            let c = self.matchable_ids(k, k * m / n, theirs);
            self.matchable[k] = c;
            self.cue_total[k].1 += c;
        }
    }

    /// This side's names and tokens with the units holding them, sorted: what
    /// [`Units::count_matchable`] of the other side of a pair looks for (built once per document,
    /// for every pair it is in).
    pub fn matchable_ids_by_unit(&self) -> MatchableIds {
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for j in 0..self.n() {
            let mine = self.cues.get(j).iter().filter(|&&id| matchable(cue_kind(id)));
            entries.extend(mine.map(|&id| (id, j as u32)));
        }
        entries.sort_unstable_by_key(|&(id, j)| (id & KEY_BITS, id, j));
        let keys = entries.last().map_or(0, |&(id, _)| (id & KEY_BITS) as usize + 1);
        let mut first = vec![0u32; keys + 1];
        entries.iter().for_each(|&(id, _)| first[(id & KEY_BITS) as usize + 1] += 1);
        (1..=keys).for_each(|k| first[k] += first[k - 1]);
        MatchableIds { entries, first }
    }

    /// Whether names and tokens count among the telling ids (at the sentence level, once
    /// `count_matchable` ran).
    fn words_telling(&self) -> bool {
        !self.matchable.is_empty()
    }

    /// How many distinct names and tokens of unit `k` the other document (`theirs`: its ids and
    /// units, sorted) has near `expected` (the unit's place there on the diagonal), leaving out
    /// those of its neighbours too: a name repeated by the next sentence is often a pronoun in the
    /// translation ("You can watch Trump's rally online" → "Puede verlo online"), and counting it
    /// merged such sentences into their neighbours.
    fn matchable_ids(&self, k: usize, expected: usize, theirs: &MatchableIds) -> f32 {
        let lo = expected.saturating_sub(MATCHABLE_WINDOW) as u32;
        let hi = expected.saturating_add(MATCHABLE_WINDOW).min(u32::MAX as usize) as u32;
        let has = |id: u32| theirs.of_key(id).iter().any(|&(i, j)| i == id && (lo..=hi).contains(&j));
        let near = |id: &u32| {
            (k > 0 && self.cues.get(k - 1).binary_search(id).is_ok())
                || (k + 1 < self.n() && self.cues.get(k + 1).binary_search(id).is_ok())
        };
        self.cues.get(k).iter().filter(|&&id| matchable(cue_kind(id)) && has(id) && !near(&id)).count() as f32
    }

    /// Blocks of two consecutive units: length, punctuation, numbers and names, and with `lexicon`
    /// the words of both units (their translations are read from the units themselves, through
    /// [`TransOf`], instead of being copied: they are most of the memory of a long alignment).
    fn downsample(&self, lexicon: bool) -> Units<'static> {
        let n = self.n();
        let mut out = Units {
            len: Vec::with_capacity(n.div_ceil(2)),
            para: Vec::with_capacity(n.div_ceil(2)),
            punct: Vec::with_capacity(n.div_ceil(2)),
            ..Units::default()
        };
        let mut buf_u = Vec::new();
        let mut k = 0;
        while k < n {
            let e = (k + 2).min(n);
            out.len.push(self.len[k..e].iter().sum());
            out.para.push(usize::MAX);
            out.punct.push(self.punct[k..e].iter().fold(0, |m, &p| m | p));
            buf_u.clear();
            // Blocks keep only their numbers and names: rare, telling ids, and short lists keep the
            // coarse levels cheap.
            (k..e).for_each(|q| {
                buf_u.extend(
                    self.cues.get(q).iter().filter(|&&id| matches!(cue_kind(id), CUE_NUMBER | CUE_NAME)),
                )
            });
            buf_u.sort_unstable();
            buf_u.dedup();
            out.cues.push(&buf_u);
            buf_u.clear();
            if lexicon {
                (k..e).for_each(|q| buf_u.extend_from_slice(self.toks.get(q)));
                buf_u.sort_unstable();
                buf_u.dedup();
            }
            out.toks.push(&buf_u);
            k = e;
        }
        out.finish();
        out.cue_total = self
            .cue_total
            .chunks(2)
            .map(|c| c.iter().fold((0.0, 0.0), |s, x| (s.0 + x.0, s.1 + x.1)))
            .collect();
        // Names and tokens are telling at the sentence level only: at coarse levels a block holds
        // the names of many sentences, blocks of the two documents never end at corresponding
        // sentences, and unmatched names everywhere drove the coarse path of long documents off
        // (link F1 .99 → .85 on rues-dev joined end to end).
        for (b, c) in self.matchable.chunks(2).enumerate() {
            out.cue_total[b].1 -= c.iter().sum::<f32>();
        }
        (0..out.n()).for_each(|_| out.dup.push(&[]));
        out
    }
}

/// The translation lists of one side's units at one level: the units' own, or at the finest
/// coarse level those of the two sentences of each block. A unit's lists are those of its words,
/// one per word, read from the model's table (a target word in several lists counts at its highest
/// probability: every reader takes the maximum), so no union is built per unit.
#[derive(Clone, Copy)]
pub(super) struct TransOf<'u> {
    table: Option<&'u TransTable>,
    toks: &'u Arena<u32>,
    /// Units of `toks` per unit of the level: 1 or 2.
    block: usize,
}

impl<'u> TransOf<'u> {
    pub(super) fn own(units: &'u Units<'_>) -> Self {
        TransOf { table: units.trans, toks: &units.toks, block: 1 }
    }

    fn blocks(units: &'u Units<'_>) -> Self {
        TransOf { table: units.trans, toks: &units.toks, block: 2 }
    }

    /// The lists of unit k's words (none without a table).
    #[inline]
    fn get(&self, k: usize) -> impl Iterator<Item = &'u [(u32, f32)]> + Clone + use<'u> {
        let (first, second): (&[u32], &[u32]) = match self.table {
            None => (&[], &[]),
            Some(_) if self.block == 1 => (self.toks.get(k), &[]),
            Some(_) => {
                let first = 2 * k;
                let second = if first + 1 < self.toks.rows() { self.toks.get(first + 1) } else { &[] };
                (self.toks.get(first), second)
            }
        };
        let table = self.table;
        first.iter().chain(second).map(move |&t| table.map_or(&[][..], |tb| tb.get(t)))
    }

    /// One past the largest word id they may translate to.
    fn id_bound(&self) -> usize {
        self.table.map_or(0, TransTable::target_bound)
    }
}

/// Σ over the words of `toks` of the highest of their translation probabilities in `lists` (each
/// sorted; a word absent from every list adds 0.0, which changes no sum): how well one unit, or
/// several together, cover the words, each word once. Used for cells outside the band.
fn coverage_max<'a>(lists: impl Iterator<Item = &'a [(u32, f32)]> + Clone, toks: &[u32]) -> f32 {
    let mut s = 0.0f32;
    for &w in toks {
        let mut p = 0.0f32;
        for list in lists.clone() {
            if let Ok(i) = list.binary_search_by_key(&w, |e| e.0) {
                p = p.max(list[i].1);
            }
        }
        s += p;
    }
    s
}

/// Every number that shapes the search. `Default` holds the tuned values.
#[derive(Debug, Clone)]
pub struct Params {
    /// Cost of a 1-0 or 0-1 bead.
    pub null_cost: f64,
    /// Cost of each further sentence of a run of 1-0 (or 0-1) beads.
    pub null_run_cost: f64,
    /// Prior cost of the shapes with both sides non-empty, indexed `[a][b]` (a, b ≤ 5).
    pub shape_cost: [[f64; 6]; 6],
    /// Weight of the Gale-Church cost.
    pub length_weight: f64,
    /// Reward per covered word (probability-weighted) of the lexicon.
    pub lexical_weight: f64,
    /// Lexical cost per word of a sentence and per e-fold of the number of sentences on the other
    /// side of its bead (pieces counted as `Level::dilution_logs` says): IBM-1 divides a word's
    /// probability among all words of the other side, so merging in a sentence that explains
    /// nothing must cost something.
    pub lexical_dilution: f64,
    /// Cost when a bead starts a paragraph on one side and not on the other.
    pub para_mismatch: f64,
    /// Cost per paragraph boundary inside a bead side. Higher than a null bead's cost: a headline
    /// or a paragraph's last sentence merged into the next paragraph's first one was, on rues-dev
    /// `omit`, mostly a sentence the other language left out (3.0 → 6.0: check recall .847 → .853,
    /// three-way link F1 .974 → .975; Text+Berg unchanged).
    pub para_cross: f64,
    /// Cost of a bead side that starts at a soft boundary inside a sentence (a piece kept apart
    /// from the piece before it).
    pub soft_boundary: f64,
    /// Largest margin (cost units) by which the path's choice may have beaten the alternative for
    /// the second look to reconsider it with the lexicon's word evidence.
    pub second_look_margin: f64,
    /// The same, for a pair whose lexicon was learned from a collection or a book-length document
    /// (see `lexicon::BROAD_TRAINING_UNITS`): its word evidence may overrule more. Measured with
    /// `batch --qa` over rues-dev `omit` (margin 1 / 2 / 2.5 / 3): pairs P .940 / .944 / .940 /
    /// .936, R .929 / .938 / .938 / .940; ru+en+es P .952 / .961 / .961 / .951, R .931 / .944 /
    /// .948 / .944; false findings on clean 25 / 25 / 27 / 28. With one short document's lexicon
    /// the same widening only trades precision for recall (2: pairs .932 / .901 → .918 / .899).
    pub second_look_margin_broad: f64,
    pub cues: CueWeights,
}

impl Default for Params {
    fn default() -> Self {
        let mut shape_cost = [[f64::INFINITY; 6]; 6];
        let table = [
            ((1, 1), 0.0),
            ((1, 2), 2.6),
            ((2, 1), 2.6),
            ((2, 2), 4.8),
            ((1, 3), 4.6),
            ((3, 1), 4.6),
            ((2, 3), 6.5),
            ((3, 2), 6.5),
            ((1, 4), 6.5),
            ((4, 1), 6.5),
            ((3, 3), 9.0),
            ((1, 5), 8.5),
            ((5, 1), 8.5),
            ((2, 4), 9.0),
            ((4, 2), 9.0),
        ];
        for ((a, b), c) in table {
            shape_cost[a][b] = c;
        }
        Params {
            null_cost: 4.5,
            null_run_cost: 2.5,
            shape_cost,
            length_weight: 1.0,
            lexical_weight: 1.2,
            lexical_dilution: 0.2,
            para_mismatch: 4.0,
            para_cross: 6.0,
            soft_boundary: 1.5,
            second_look_margin: 1.0,
            second_look_margin_broad: 2.5,
            cues: CueWeights::default(),
        }
    }
}

/// Settings of one search (beyond the cost parameters).
pub(crate) struct SearchSetup<'p> {
    pub params: &'p Params,
    pub length: LengthModel,
    pub max_bead: usize,
    pub hard_anchors: bool,
    /// Paragraphs correspond: a bead that starts a paragraph on one side only costs
    /// `para_mismatch`, and short documents take the paragraph band.
    pub use_paragraphs: bool,
    /// A paragraph boundary inside a bead side costs `para_cross` (or, with hard anchors, is not
    /// allowed). Also when only one side has paragraphs: a translation rarely joins across one,
    /// whatever the other side's layout, and a headline whose translation was left out would
    /// otherwise join the lead of the next paragraph.
    pub cross_paragraphs: bool,
    pub use_lexicon: bool,
    /// `Params::second_look_margin`, or its `_broad` value for a broadly trained lexicon.
    pub second_look_margin: f64,
}

/// One bead of a pair alignment: sentence ranges of both sides, and a confidence.
#[derive(Debug, Clone)]
pub(crate) struct PairBead {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub score: f64,
}

/// Confidence of a sentence the search leaves without counterpart (a 1-0 or 0-1 bead).
pub(crate) const NULL_SCORE: f64 = 0.1;

/// Largest side (in units) of the problem solved in full at the top of the pyramid.
const TOP_SIZE: usize = 300;
/// Half-width of the band around the projected coarse path, in units of the finer level (rows
/// and columns: a band of 2 spans about ±4 columns around the path): at the sentence level, and at
/// the coarser levels (whose errors cost more).
const BAND_FINE: usize = 2;
const BAND_COARSE: usize = 8;
/// Documents of at most TOP_SIZE sentences (most of a batch collection's) are not searched in full
/// either: their pyramid goes up to SMALL_TOP units, and the sentence level gets the band
/// BAND_SMALL. A 60×60 pair searches about a fifth of its 3,600 cells; on the rues and Text+Berg
/// benchmarks the alignments are those of a full search.
const SMALL_TOP: usize = 40;
const BAND_SMALL: usize = 3;

/// Largest side of a two-sided bead at the coarse levels.
const COARSE_MAX_SIDE: usize = 2;

/// The shapes tried: (a, b, prior); 0-k / k-0 are runs of null beads.
fn shapes(setup: &SearchSetup<'_>, coarse: bool) -> Vec<(usize, usize, f64)> {
    let p = setup.params;
    let mut out = Vec::new();
    let max = if coarse { COARSE_MAX_SIDE } else { setup.max_bead.clamp(1, 5) };
    for a in 0..=max {
        for b in 0..=max {
            if a + b == 0 {
                continue;
            }
            if a == 0 || b == 0 {
                let k = (a + b) as f64;
                if k > 3.0 {
                    continue;
                }
                out.push((a, b, p.null_cost + (k - 1.0) * p.null_run_cost));
            } else if coarse {
                if a + b <= 3 {
                    out.push((a, b, if a == b { 0.0 } else { 2.0 }));
                }
            } else if p.shape_cost[a][b].is_finite() {
                out.push((a, b, p.shape_cost[a][b]));
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, Default)]
struct CueCell {
    shared: f32,
    /// Telling ids (numbers; names and tokens at the sentence level) shared.
    telling: f32,
    repeat_a: f32,
    repeat_b: f32,
}

fn cue_cell(a: &Units, i: usize, b: &Units, j: usize, w: &CueWeights) -> CueCell {
    let words = a.words_telling();
    let (shared, telling) = pair_cues(a.cues.get(i), b.cues.get(j), w, words);
    if shared == 0.0 {
        return CueCell::default();
    }
    CueCell {
        shared,
        telling,
        repeat_a: pair_cues(a.dup.get(i), b.cues.get(j), w, words).0,
        repeat_b: pair_cues(a.cues.get(i), b.dup.get(j), w, words).0,
    }
}

thread_local! {
    static CUE_MARKS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`cue_cell`] for every cell of a band, row by row: a's unit's cue ids (and the ones it repeats
/// from its predecessor) are marked once per row in a table indexed by id, so a cell reads b's ids
/// only, instead of merging lists (long ones at coarse levels). Matches are visited in increasing
/// id, as `pair_cues` visits them, so every sum is the merge's, bit for bit. The table (one per
/// thread, zero between rows) holds per id a bit per cue kind: interned ids of different kinds can
/// share their low bits.
fn cue_cells(a: &Units, b: &Units, band: &Band, cells: &mut [PairCell], w: &CueWeights, from: usize) {
    let words = a.words_telling();
    let local = |id: u32| (id & 0x3fff_ffff) as usize;
    let bound = a.cues.values().iter().chain(b.cues.values()).map(|&id| local(id) + 1).max().unwrap_or(0);
    CUE_MARKS.with(|table| {
        let mut marks = table.borrow_mut();
        if marks.len() < bound {
            marks.resize(bound, 0);
        }
        let sum = |ids: &[u32], marks: &[u8], bit: u8| -> (f64, f32) {
            let (mut weight, mut shared_telling) = (0.0f64, 0.0f32);
            for &id in ids {
                let kind = cue_kind(id);
                if marks[local(id)] & (bit << kind) != 0 {
                    weight += w.of_kind(kind);
                    if telling(kind, words) {
                        shared_telling += 1.0;
                    }
                }
            }
            (weight, shared_telling)
        };
        for i in from.max(1)..=a.n() {
            let cues = a.cues.get(i - 1);
            cues.iter().for_each(|&id| marks[local(id)] |= 1 << cue_kind(id));
            a.dup.get(i - 1).iter().for_each(|&id| marks[local(id)] |= 16 << cue_kind(id));
            for j in band.lo[i].max(1)..=band.hi[i] {
                let bc = b.cues.get(j - 1);
                let (shared, telling) = sum(bc, &marks, 1);
                let shared = shared as f32;
                cells[band.start[i] + j - band.lo[i]].cue = if shared == 0.0 {
                    CueCell::default()
                } else {
                    CueCell {
                        shared,
                        telling,
                        repeat_a: sum(bc, &marks, 16).0 as f32,
                        repeat_b: sum(b.dup.get(j - 1), &marks, 1).0 as f32,
                    }
                };
            }
            // A unit's repeated ids are among its ids: clearing these clears both marks.
            cues.iter().for_each(|&id| marks[local(id)] = 0);
        }
    })
}

/// What two units of one band cell share: string cues and lexical coverage both ways.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PairCell {
    cue: CueCell,
    /// Coverage of b's unit by a's unit, and the reverse (zero without a lexicon).
    pub(super) cov_ab: f32,
    pub(super) cov_ba: f32,
    /// Coverage of b's unit j by a's units i and i+1 together (each word once, at its better
    /// translation), and of a's unit i by b's units j and j+1 (zero at the last unit of a side).
    cov2_ab: f32,
    cov2_ba: f32,
}

/// Paragraph starts counted along one side: `counts[k]` = number of units 1..=k that start a
/// paragraph (so a bead side's inner boundaries are a difference of two counts).
fn para_start_counts(u: &Units) -> Vec<u32> {
    (0..u.n())
        .scan(0u32, |acc, k| {
            *acc += u32::from(k > 0 && u.para_start(k));
            Some(*acc)
        })
        .collect()
}

pub(super) struct Level<'u> {
    pub(super) a: &'u Units<'u>,
    pub(super) b: &'u Units<'u>,
    /// The translation lists of a's and b's units.
    ta: TransOf<'u>,
    tb: TransOf<'u>,
    /// The points the DP searches.
    dp: Band,
    /// The points whose cells are cached: the DP band widened by the reach of the widest bead, so
    /// that every cell of a bead ending in the DP band is cached.
    band: Band,
    /// Per cell (i, j), for units i-1 and j-1: shared cues and lexical coverage.
    cells: Vec<PairCell>,
    use_lexicon: bool,
    weights: CueWeights,
    /// Lexical cost per word and per e-fold of the other side's sentence count.
    dilution: f64,
    /// `ln k` for bead sides of k units.
    ln_len: [f64; 6],
    para_a: Vec<u32>,
    para_b: Vec<u32>,
}

impl Level<'_> {
    /// The shared cues and coverage of units i and j: from the band's cache, or computed when the
    /// cell lies outside the band (the neighbour coverages only where asked: `with_next_a` for
    /// `cov2_ab`, `with_next_b` for `cov2_ba`).
    #[inline]
    pub(super) fn pair_cell(&self, i: usize, j: usize, with_next_a: bool, with_next_b: bool) -> PairCell {
        if let Some(c) = self.band.idx(i + 1, j + 1) {
            return self.cells[c];
        }
        let (a, b) = (self.a, self.b);
        let mut cell = PairCell { cue: cue_cell(a, i, b, j, &self.weights), ..PairCell::default() };
        if !self.use_lexicon {
            return cell;
        }
        cell.cov_ab = coverage_max(self.ta.get(i), b.toks.get(j));
        cell.cov_ba = coverage_max(self.tb.get(j), a.toks.get(i));
        if with_next_a {
            cell.cov2_ab = coverage_max(self.ta.get(i).chain(self.ta.get(i + 1)), b.toks.get(j));
        }
        if with_next_b {
            cell.cov2_ba = coverage_max(self.tb.get(j).chain(self.tb.get(j + 1)), a.toks.get(i));
        }
        cell
    }

    /// Paragraph boundaries strictly inside the two sides of a bead.
    fn crossings(&self, ra: &Range<usize>, rb: &Range<usize>) -> u32 {
        self.para_a[ra.end - 1] - self.para_a[ra.start] + self.para_b[rb.end - 1] - self.para_b[rb.start]
    }

    /// The e-folds of the counts that dilute a bead's lexical score: each side's words by the
    /// other side's number of units, except that pieces of one sentence (cut at soft boundaries)
    /// count once when the other side is a single unit: together they are one translation of it, and
    /// a sentence whose counterpart the segmenter cut at a `!` or a colon should not lose part of
    /// its score to a split the other language does not have. Beside several units, pieces count
    /// each: a split both languages share should win over the bead that joins it (counting
    /// sentences there too cost rues-dev three-way link F1 .0025).
    #[inline]
    fn dilution_logs(&self, ra: &Range<usize>, rb: &Range<usize>) -> (f64, f64) {
        let count =
            |u: &Units, r: &Range<usize>, other: usize| if other == 1 { u.sentences(r) } else { r.len() };
        (self.ln_len[count(self.a, ra, rb.len())], self.ln_len[count(self.b, rb, ra.len())])
    }

    /// Cue and lexical evidence of a bead (both sides non-empty), from one pass over its cells.
    ///
    /// Cues: the weight of the cue ids the two sides share, each once per side
    /// (inclusion-exclusion over consecutive sentences that repeat an id); minus the telling ids of
    /// each sentence that the other side lacks; plus the punctuation agreement of the two sides.
    ///
    /// Lexicon: per sentence, the coverage of its words by the other side, each word once at its
    /// best translation there, capped at its number of words (IBM-1-style sum over tokens, both
    /// directions, averaged); zero without a lexicon. Over several sentences of the other side the
    /// coverage is taken by inclusion-exclusion over neighbours (pairs of neighbours together, less
    /// the inner sentences alone), exact when only neighbours translate the same words: summing
    /// each sentence's coverage instead counted a topic word once per sentence, and made 3-3 beads
    /// out of three good 1-1 units.
    fn evidence(&self, ra: &Range<usize>, rb: &Range<usize>) -> (f64, f64) {
        let w = &self.weights;
        let mut matched_nums = [0.0f32; 6];
        let mut row = [0.0f32; 6];
        let (mut shared, mut miss) = (0.0f64, 0.0f64);
        let (mut fwd, mut bwd) = (0.0f64, 0.0f64);
        let (ln_a, ln_b) = self.dilution_logs(ra, rb);
        // Per row of the bead: where its cells start in the band's cache, when all of them are in
        // the band (the usual case), so the loop below reads them without a band lookup each.
        let mut base = [usize::MAX; 6];
        for (p, i) in ra.clone().enumerate() {
            let band = &self.band;
            if rb.start + 1 >= band.lo[i + 1] && rb.end <= band.hi[i + 1] {
                base[p] = band.start[i + 1] + rb.start + 1 - band.lo[i + 1];
            }
        }
        for j in rb.clone() {
            let mut nn = 0.0f32;
            let mut s = 0.0f32;
            for (p, i) in ra.clone().enumerate() {
                let cell = if base[p] != usize::MAX {
                    self.cells[base[p] + (j - rb.start)]
                } else {
                    self.pair_cell(i, j, i + 1 < ra.end, j + 1 < rb.end)
                };
                let c = cell.cue;
                shared += f64::from(c.shared);
                if i > ra.start {
                    shared -= f64::from(c.repeat_a);
                }
                if j > rb.start {
                    shared -= f64::from(c.repeat_b);
                }
                nn += c.telling;
                matched_nums[p] += c.telling;
                s += neighbours_union(ra, i, cell.cov_ab, cell.cov2_ab);
                row[p] += neighbours_union(rb, j, cell.cov_ba, cell.cov2_ba);
            }
            miss += f64::from((self.b.cue_total[j].1 - nn).max(0.0));
            if self.use_lexicon {
                let nt = self.b.toks.get(j).len() as f32;
                fwd += f64::from(s.min(nt)) - self.dilution * f64::from(nt) * ln_a;
            }
        }
        for (p, i) in ra.clone().enumerate() {
            miss += f64::from((self.a.cue_total[i].1 - matched_nums[p]).max(0.0));
            if self.use_lexicon {
                let nt = self.a.toks.get(i).len() as f32;
                bwd += f64::from(row[p].min(nt)) - self.dilution * f64::from(nt) * ln_b;
            }
        }
        let pa = ra.clone().fold(0u16, |m, k| m | self.a.punct[k]);
        let pb = rb.clone().fold(0u16, |m, k| m | self.b.punct[k]);
        let cues = shared.max(0.0) - w.number_missing * miss + punct_score(pa, pb, w);
        let lexical = if self.use_lexicon { 0.5 * (fwd + bwd) } else { 0.0 };
        (cues, lexical)
    }
}

/// The evidence of every bead ending at one cell, indexed `[a][b]` by the bead's side lengths,
/// and the sums it is built from (scratch space, reused from cell to cell: every entry read was
/// written for the current cell).
struct Window {
    cues: [[f64; 6]; 6],
    lex: [[f64; 6]; 6],
    /// The corner's cells: [p][q] is unit ie-1-p of a against unit je-1-q of b.
    cell: [[PairCell; 5]; 5],
    /// Per row count a and column q: the coverage of b's unit by a's rows, the numbers they
    /// match, the shared cue weight less a's repeats inside the bead side, and b's repeats
    /// (subtracted for every column but the bead's first).
    col_cov: [[f32; 5]; 6],
    col_num: [[f32; 5]; 6],
    col_shared: [[f64; 5]; 6],
    col_rep_b: [[f64; 5]; 6],
    /// Per column count b and row count p + 1: what a's rows 0..=p miss of their telling ids among
    /// the first b columns, and their lexical coverage (undiluted), summed over those rows.
    row_miss: [[f64; 5]; 6],
    row_bwd: [[f64; 5]; 6],
}

impl Default for Window {
    fn default() -> Self {
        Window {
            cues: [[0.0; 6]; 6],
            lex: [[0.0; 6]; 6],
            cell: [[PairCell::default(); 5]; 5],
            col_cov: [[0.0; 5]; 6],
            col_num: [[0.0; 5]; 6],
            col_shared: [[0.0; 5]; 6],
            col_rep_b: [[0.0; 5]; 6],
            row_miss: [[0.0; 5]; 6],
            row_bwd: [[0.0; 5]; 6],
        }
    }
}

impl Level<'_> {
    /// [`Level::evidence`] of every bead (a, b) with `need[a][b]` that ends at point (ie, je), from
    /// one pass over the cells those beads cover. The beads share their cells (the 1-1's cell is in
    /// every bead ending there), and a 5×5 corner holds all of them; the sums of
    /// `evidence` are built along it incrementally, a row or a column at a time (a sentence's
    /// coverage by a range of sentences, by inclusion-exclusion over neighbours, grows by the new
    /// first sentence with its successor, less that successor alone), so a cell of the DP reads
    /// each cell of the corner once instead of once per bead (15 cells instead of 70 for the
    /// default shapes). The values are `evidence`'s up to the rounding of the order of the sums.
    fn evidence_window(&self, ie: usize, je: usize, need: &[[bool; 6]; 6], out: &mut Window) {
        // rows[q]: how many rows above (ie, je) the beads need in column je-1-q; cols likewise.
        let (mut rows, mut cols) = ([0usize; 6], [0usize; 6]);
        for (a, row) in need.iter().enumerate() {
            for (b, &x) in row.iter().enumerate() {
                if x {
                    (0..b).for_each(|q| rows[q] = rows[q].max(a));
                    (0..a).for_each(|p| cols[p] = cols[p].max(b));
                }
            }
        }
        let (max_a, max_b) =
            (cols.iter().filter(|&&c| c > 0).count(), rows.iter().filter(|&&r| r > 0).count());
        if max_a == 0 {
            return;
        }
        let Window { cell, col_cov, col_num, col_shared, col_rep_b, row_miss, row_bwd, .. } = out;
        for (p, c) in cell.iter_mut().enumerate().take(max_a) {
            let i = ie - 1 - p;
            let width = cols[p];
            let band = &self.band;
            if je + 1 - width >= band.lo[i + 1] && je <= band.hi[i + 1] {
                let base = band.start[i + 1] + je - band.lo[i + 1];
                (0..width).for_each(|q| c[q] = self.cells[base - q]);
            } else {
                (0..width).for_each(|q| c[q] = self.pair_cell(i, je - 1 - q, p > 0, q > 0));
            }
        }
        let w = &self.weights;
        // Per row count p + 1: the words of a's rows 0..=p (the lexical terms below are summed
        // undiluted, and diluted once per bead by the counts `dilution_logs` gives).
        let mut row_nt = [0.0f64; 6];
        for q in 0..max_b {
            let (mut num, mut shared, mut rep_b) = (0.0f32, 0.0f64, 0.0f64);
            let mut two = 0.0f32;
            let mut inner = 0.0f32;
            for a in 1..=rows[q] {
                let c = &cell[a - 1][q];
                num += c.cue.telling;
                shared += f64::from(c.cue.shared);
                if a > 1 {
                    // The previous first row is inside the bead side now.
                    shared -= f64::from(cell[a - 2][q].cue.repeat_a);
                }
                rep_b += f64::from(c.cue.repeat_b);
                col_cov[a][q] = if a == 1 {
                    c.cov_ab
                } else {
                    two += c.cov2_ab;
                    if a > 2 {
                        inner += cell[a - 2][q].cov_ab;
                    }
                    two - inner
                };
                col_num[a][q] = num;
                col_shared[a][q] = shared;
                col_rep_b[a][q] = rep_b;
            }
        }
        let (a_units, b_units) = (self.a, self.b);
        for p in 0..max_a {
            let (mut num, mut two, mut inner) = (0.0f32, 0.0f32, 0.0f32);
            let i = ie - 1 - p;
            let nt = a_units.toks.get(i).len() as f32;
            row_nt[p] = f64::from(nt) + if p == 0 { 0.0 } else { row_nt[p - 1] };
            for b in 1..=cols[p] {
                let c = &cell[p][b - 1];
                num += c.cue.telling;
                let cov = if b == 1 {
                    c.cov_ba
                } else {
                    two += c.cov2_ba;
                    if b > 2 {
                        inner += cell[p][b - 2].cov_ba;
                    }
                    two - inner
                };
                // Summed over the bead's rows p = 0, 1, … in that order (`cols` only shrinks as p
                // grows, so row p - 1 has every column row p has).
                let (miss, bwd) = if p == 0 { (0.0, 0.0) } else { (row_miss[b][p - 1], row_bwd[b][p - 1]) };
                row_miss[b][p] = miss + f64::from((a_units.cue_total[i].1 - num).max(0.0));
                row_bwd[b][p] = if self.use_lexicon { bwd + f64::from(cov.min(nt)) } else { 0.0 };
            }
        }
        let mut pa = 0u16;
        for a in 1..=max_a {
            pa |= a_units.punct[ie - a];
            let mut pb = 0u16;
            let (mut shared, mut miss_b, mut fwd, mut nt_b) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
            for b in 1..=max_b {
                let q = b - 1;
                let j = je - b;
                pb |= b_units.punct[j];
                if a > rows[q] {
                    // No bead of a rows needs this column (nor a later one).
                    break;
                }
                if b > 1 {
                    shared -= col_rep_b[a][q - 1];
                }
                shared += col_shared[a][q];
                miss_b += f64::from((b_units.cue_total[j].1 - col_num[a][q]).max(0.0));
                if self.use_lexicon {
                    let nt = b_units.toks.get(j).len() as f32;
                    fwd += f64::from(col_cov[a][q].min(nt));
                    nt_b += f64::from(nt);
                }
                if !need[a][b] {
                    continue;
                }
                let (miss_a, bwd) = (row_miss[b][a - 1], row_bwd[b][a - 1]);
                out.cues[a][b] =
                    shared.max(0.0) - w.number_missing * (miss_a + miss_b) + punct_score(pa, pb, w);
                out.lex[a][b] = if self.use_lexicon {
                    let (ln_a, ln_b) = self.dilution_logs(&(ie - a..ie), &(je - b..je));
                    0.5 * (fwd - self.dilution * nt_b * ln_a + bwd - self.dilution * row_nt[a - 1] * ln_b)
                } else {
                    0.0
                };
            }
        }
    }
}

/// The share of unit `t` of `r` in the coverage of one sentence by all of `r`, by
/// inclusion-exclusion over neighbours: `one` is its coverage alone, `two` with its successor.
#[inline]
fn neighbours_union(r: &Range<usize>, t: usize, one: f32, two: f32) -> f32 {
    if r.len() == 1 {
        return one;
    }
    let with_next = if t + 1 < r.end { two } else { 0.0 };
    let inner = if t > r.start && t + 1 < r.end { one } else { 0.0 };
    with_next - inner
}

/// Everything known about one bead's cost, for the confidence.
pub(super) struct BeadCost {
    pub(super) total: f64,
}

pub(super) fn bead_cost(
    lvl: &Level<'_>,
    setup: &SearchSetup<'_>,
    ra: Range<usize>,
    rb: Range<usize>,
    prior: f64,
    coarse: bool,
) -> Option<BeadCost> {
    bead_cost_with(lvl, setup, ra, rb, prior, coarse, |ra, rb| lvl.evidence(ra, rb))
}

/// [`bead_cost`] with the bead's evidence from `evidence` (called only for beads with two sides).
fn bead_cost_with(
    lvl: &Level<'_>,
    setup: &SearchSetup<'_>,
    ra: Range<usize>,
    rb: Range<usize>,
    prior: f64,
    coarse: bool,
    evidence: impl FnOnce(&Range<usize>, &Range<usize>) -> (f64, f64),
) -> Option<BeadCost> {
    let p = setup.params;
    let soft = |u: &Units, r: &Range<usize>| if r.is_empty() { 0.0 } else { u.soft_start(r.start) };
    let mut cost = prior + soft(lvl.a, &ra) + soft(lvl.b, &rb);
    if ra.is_empty() || rb.is_empty() {
        return Some(BeadCost { total: cost });
    }
    if setup.cross_paragraphs && !coarse {
        let crossings = lvl.crossings(&ra, &rb);
        if crossings > 0 {
            if setup.hard_anchors {
                return None;
            }
            cost += p.para_cross * f64::from(crossings);
        }
    }
    let (la, lb) = (lvl.a.len_of(&ra), lvl.b.len_of(&rb));
    cost += p.length_weight * setup.length.cost(la, lb);
    let (cues, lexical) = evidence(&ra, &rb);
    if setup.use_lexicon {
        cost -= p.lexical_weight * lexical;
    }
    cost -= cues;
    Some(BeadCost { total: cost })
}

/// Runs the DP over one band; returns the path of points (0,0) … (n,m) and the shapes used.
fn run_level(lvl: &Level<'_>, setup: &SearchSetup<'_>, coarse: bool) -> Vec<(usize, usize)> {
    run_level_from(lvl, setup, coarse, &mut DpTable::default(), 0)
}

/// The search's cost and choice (a shape index; `u8::MAX`: none) per cell of a level's DP band.
#[derive(Default)]
struct DpTable {
    cost: Vec<f32>,
    back: Vec<u8>,
}

/// [`run_level`] from row `from` on: the rows before it hold the values of an earlier search of a
/// band that agrees with this one on them (each row's values depend on the rows before it only).
fn run_level_from(
    lvl: &Level<'_>,
    setup: &SearchSetup<'_>,
    coarse: bool,
    table: &mut DpTable,
    from: usize,
) -> Vec<(usize, usize)> {
    let (n, m) = (lvl.a.n(), lvl.b.n());
    let shapes = shapes(setup, coarse);
    let band = &lvl.dp;
    let kept = band.start.get(from).copied().unwrap_or(band.cells);
    table.cost.truncate(kept);
    table.cost.resize(band.cells, f32::INFINITY);
    table.back.truncate(kept);
    table.back.resize(band.cells, u8::MAX);
    let DpTable { cost, back } = table;
    if from == 0 {
        cost[0] = 0.0;
    }
    let p = setup.params;
    let mut window = Window::default();
    let mut starts = vec![usize::MAX; shapes.len()];
    // Bounding a bead's cost below (see the loop) needs the length, soft-start and paragraph terms
    // to be costs, never rewards: true of the tuned parameters, checked for any others.
    let prunable =
        p.length_weight >= 0.0 && p.soft_boundary >= 0.0 && p.para_cross >= 0.0 && p.para_mismatch >= 0.0;
    for i in from..=n {
        for j in band.lo[i]..=band.hi[i] {
            let c = band.start[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            let mut best_s = u8::MAX;
            // Where each shape's bead would start (`usize::MAX`: outside the band), and the
            // evidence of every two-sided bead that can end here, in one pass.
            let mut need = [[false; 6]; 6];
            for (s, &(a, b, _)) in shapes.iter().enumerate() {
                starts[s] =
                    if a <= i && b <= j { band.idx(i - a, j - b).unwrap_or(usize::MAX) } else { usize::MAX };
                if a > 0 && b > 0 && starts[s] != usize::MAX {
                    need[a][b] = cost[starts[s]].is_finite();
                }
            }
            lvl.evidence_window(i, j, &need, &mut window);
            for (s, &(a, b, prior)) in shapes.iter().enumerate() {
                let pc = starts[s];
                if pc == usize::MAX {
                    continue;
                }
                let base = cost[pc];
                if !base.is_finite() {
                    continue;
                }
                if prunable && a > 0 && b > 0 {
                    // What the bead would cost without its terms that cannot be negative (length,
                    // soft starts, paragraph penalties): when that is no better than the best bead
                    // so far, the bead cannot be chosen (shapes come in a fixed order and only a
                    // strictly lower cost replaces the best), so its length cost is not computed.
                    // Each floating-point step is monotone, so the bound holds as computed.
                    let mut bound = prior;
                    if setup.use_lexicon {
                        bound -= p.lexical_weight * window.lex[a][b];
                    }
                    bound -= window.cues[a][b];
                    if base + bound as f32 >= best {
                        continue;
                    }
                }
                let ev = |_: &Range<usize>, _: &Range<usize>| (window.cues[a][b], window.lex[a][b]);
                let Some(bc) = bead_cost_with(lvl, setup, i - a..i, j - b..j, prior, coarse, ev) else {
                    continue;
                };
                let mut total = bc.total;
                if setup.use_paragraphs && !coarse && a > 0 && b > 0 {
                    let after_null = back[pc] != u8::MAX && {
                        let (pa, pb, _) = shapes[back[pc] as usize];
                        pa == 0 || pb == 0
                    };
                    if !after_null && lvl.a.para_start(i - a) != lvl.b.para_start(j - b) {
                        total += p.para_mismatch;
                    }
                }
                let v = base + total as f32;
                if v < best {
                    best = v;
                    best_s = s as u8;
                }
            }
            cost[c] = best;
            back[c] = best_s;
        }
    }
    // Backtrace.
    let mut path = vec![(n, m)];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let c = band.idx(i, j).expect("path stays in band");
        let s = back[c];
        let (a, b) = if s == u8::MAX {
            // Unreachable cell (cannot happen: 1-0 and 0-1 connect every band); step back safely.
            if i > 0 { (1, 0) } else { (0, 1) }
        } else {
            let (a, b, _) = shapes[s as usize];
            (a, b)
        };
        i -= a;
        j -= b;
        path.push((i, j));
    }
    path.reverse();
    path
}

pub(super) fn make_level<'u>(
    (a, ta): (&'u Units, TransOf<'u>),
    (b, tb): (&'u Units, TransOf<'u>),
    dp: Band,
    max_side: usize,
    use_lexicon: bool,
    params: &Params,
) -> Level<'u> {
    let band = dp.widened(max_side.saturating_sub(1));
    let cells = cached_cells((a, ta), (b, tb), &band, use_lexicon, params, Vec::new(), 0);
    let mut ln_len = [0.0; 6];
    for (k, l) in ln_len.iter_mut().enumerate().skip(1) {
        *l = (k as f64).ln();
    }
    Level {
        a,
        b,
        ta,
        tb,
        dp,
        band,
        cells,
        use_lexicon,
        weights: params.cues,
        dilution: params.lexical_dilution,
        ln_len,
        para_a: para_start_counts(a),
        para_b: para_start_counts(b),
    }
}

/// The cells of `band` from row `from` on, put after the first rows' cells in `cells` (the cells
/// of the rows before `from`, or none).
fn cached_cells(
    (a, ta): (&Units, TransOf<'_>),
    (b, tb): (&Units, TransOf<'_>),
    band: &Band,
    use_lexicon: bool,
    params: &Params,
    mut cells: Vec<PairCell>,
    from: usize,
) -> Vec<PairCell> {
    cells.truncate(band.start.get(from).copied().unwrap_or(band.cells));
    cells.resize(band.cells, PairCell::default());
    cue_cells(a, b, band, &mut cells, &params.cues, from);
    if use_lexicon {
        coverage_ab(a, ta, b, band, &mut cells, from);
        coverage_ba(a, b, tb, band, &mut cells, from);
    }
    cells
}

impl<'u> Level<'u> {
    /// This level for the wider band `dp` of the same rows (`max_side` as it was made with): the
    /// cached cells of the rows before the first one whose cache row changes are kept, not
    /// computed again (they are the same), and the cache is taken over, not copied (peak memory).
    fn widened_to(self, dp: Band, max_side: usize, params: &Params) -> Level<'u> {
        let band = dp.widened(max_side.saturating_sub(1));
        let from = first_difference(&self.band, &band);
        let cells = cached_cells(
            (self.a, self.ta),
            (self.b, self.tb),
            &band,
            self.use_lexicon,
            params,
            self.cells,
            from,
        );
        Level { dp, band, cells, ..self }
    }
}

/// The first row whose columns differ between two bands of the same rows (one past the last row
/// when none does): every row before it holds the same cells at the same places.
fn first_difference(x: &Band, y: &Band) -> usize {
    (0..x.lo.len()).find(|&i| x.lo[i] != y.lo[i] || x.hi[i] != y.hi[i]).unwrap_or(x.lo.len())
}

/// One past the largest word id in `toks` and in what `trans` translates to.
fn id_bound(toks: &Arena<u32>, trans: TransOf<'_>) -> usize {
    toks.values().iter().max().map_or(0, |&w| w as usize + 1).max(trans.id_bound())
}

/// [`coverage_max`] summed by scattering the translations into a dense table: the words of the
/// covered unit are read in increasing id, as the merge adds them (words absent add 0.0, which
/// changes no sum), so the values are the merge's, bit for bit, at a cost per cell of the covered
/// unit's length instead of both lists' lengths.
///
/// The table spans the model's whole vocabulary, which grows with a batch collection, so each
/// thread keeps one, all zeros between uses, instead of allocating and zeroing one per level.
struct Scatter<'t> {
    prob: &'t mut [f32],
}

thread_local! {
    static SCATTER: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's zeroed table of at least `len` entries.
fn with_scatter<R>(len: usize, f: impl FnOnce(&mut Scatter<'_>) -> R) -> R {
    SCATTER.with(|cell| {
        let mut table = cell.borrow_mut();
        if table.len() < len {
            table.resize(len, 0.0);
        }
        f(&mut Scatter { prob: &mut table[..len] })
    })
}

impl Scatter<'_> {
    /// Raises each word's probability to its translation probability in `lists`, if higher (the
    /// table is zero between uses, and probabilities are positive).
    fn raise<'a>(&mut self, lists: impl Iterator<Item = &'a [(u32, f32)]>) {
        lists.flatten().for_each(|&(w, p)| {
            let x = &mut self.prob[w as usize];
            *x = x.max(p);
        });
    }

    fn clear<'a>(&mut self, lists: impl Iterator<Item = &'a [(u32, f32)]>) {
        lists.flatten().for_each(|&(w, _)| self.prob[w as usize] = 0.0);
    }

    fn coverage(&self, toks: &[u32]) -> f32 {
        toks.iter().fold(0.0, |s, &w| s + self.prob[w as usize])
    }
}

/// `cov_ab` and `cov2_ab` of every band cell, row by row (a's unit's translations scattered once
/// per row, then raised by its successor's).
fn coverage_ab(a: &Units, ta: TransOf<'_>, b: &Units, band: &Band, cells: &mut [PairCell], from: usize) {
    with_scatter(id_bound(&b.toks, ta), |dense| {
        for i in from.max(1)..=a.n() {
            let trans = ta.get(i - 1);
            dense.raise(trans.clone());
            let row = band.lo[i].max(1)..=band.hi[i];
            for j in row.clone() {
                cells[band.start[i] + j - band.lo[i]].cov_ab = dense.coverage(b.toks.get(j - 1));
            }
            if i < a.n() {
                let next = ta.get(i);
                dense.raise(next.clone());
                for j in row {
                    cells[band.start[i] + j - band.lo[i]].cov2_ab = dense.coverage(b.toks.get(j - 1));
                }
                dense.clear(next);
            }
            dense.clear(trans);
        }
    })
}

/// `cov_ba` of every band cell, column by column (b's unit's translations scattered once per
/// column). Band rows start and end at non-decreasing columns, so a column's rows are a range
/// that only moves forward.
fn coverage_ba(a: &Units, b: &Units, tb: TransOf<'_>, band: &Band, cells: &mut [PairCell], from: usize) {
    let n = a.n();
    with_scatter(id_bound(&a.toks, tb), |dense| {
        let (mut first, mut last) = (1, 1);
        for j in 1..=b.n() {
            while first <= n && band.hi[first] < j {
                first += 1;
            }
            last = last.max(first);
            while last < n && band.lo[last + 1] <= j {
                last += 1;
            }
            // Rows before `from` are filled already.
            let rows = first.max(from)..=last.min(n);
            if rows.is_empty() {
                continue;
            }
            let trans = tb.get(j - 1);
            dense.raise(trans.clone());
            for i in rows.clone() {
                if let Some(c) = band.idx(i, j) {
                    cells[c].cov_ba = dense.coverage(a.toks.get(i - 1));
                }
            }
            if j < b.n() {
                let next = tb.get(j);
                dense.raise(next.clone());
                for i in rows {
                    if let Some(c) = band.idx(i, j) {
                        cells[c].cov2_ba = dense.coverage(a.toks.get(i - 1));
                    }
                }
                dense.clear(next);
            }
            dense.clear(trans);
        }
    })
}

/// Aligns two sides; returns the beads (1-0/0-1 runs split into single beads) with confidences.
pub(crate) fn align_units(a: &Units, b: &Units, setup: &SearchSetup<'_>) -> Vec<PairBead> {
    let (n, m) = (a.n(), b.n());
    if n == 0 || m == 0 {
        let mut out = Vec::new();
        (0..n).for_each(|i| out.push(PairBead { a: i..i + 1, b: m..m, score: 0.0 }));
        (0..m).for_each(|j| out.push(PairBead { a: n..n, b: j..j + 1, score: 0.0 }));
        return out;
    }
    let small = n.max(m) <= TOP_SIZE;
    let para_band =
        if small && setup.use_paragraphs { paragraph_band(a, b, setup.length.ratio) } else { None };
    let band = match para_band {
        Some(band) => band,
        None => coarse_band(a, b, setup, small),
    };
    let max_side = setup.max_bead.clamp(1, 5);
    let mut lvl = make_level(
        (a, TransOf::own(a)),
        (b, TransOf::own(b)),
        band,
        max_side,
        setup.use_lexicon,
        setup.params,
    );
    let mut table = DpTable::default();
    let mut path = run_level_from(&lvl, setup, false, &mut table, 0);
    // A narrow band follows the coarse levels; where they went wrong the true path leaves it, and
    // the path found runs along its edge. Those stretches are searched again in a wider band: from
    // the first row it widens, as the rows before are the same (the cell cache and the search's
    // table are taken over, not copied, for peak memory).
    for round in 0..if small { 0 } else { EDGE_ROUNDS } {
        let Some(wider) = widened_at_edges(&lvl.dp, &path, n, m, round) else { break };
        let from = first_difference(&lvl.dp, &wider);
        lvl = lvl.widened_to(wider, max_side, setup.params);
        path = run_level_from(&lvl, setup, false, &mut table, from);
    }
    let p = setup.params;
    let mut beads: Vec<(Range<usize>, Range<usize>)> =
        path.windows(2).map(|w| (w[0].0..w[1].0, w[0].1..w[1].1)).collect();
    if setup.use_lexicon {
        beads = second_look(&lvl, setup, beads);
    }
    let mut out = Vec::with_capacity(beads.len());
    for (ra, rb) in beads {
        if ra.is_empty() || rb.is_empty() {
            ra.clone()
                .for_each(|i| out.push(PairBead { a: i..i + 1, b: rb.start..rb.start, score: NULL_SCORE }));
            rb.clone()
                .for_each(|j| out.push(PairBead { a: ra.start..ra.start, b: j..j + 1, score: NULL_SCORE }));
            continue;
        }
        let k = (ra.len() + rb.len()) as f64;
        let prior = p.shape_cost[ra.len()][rb.len()];
        let c =
            bead_cost(&lvl, setup, ra.clone(), rb.clone(), prior, false).map_or(f64::INFINITY, |c| c.total);
        // How much better the bead is than leaving its sentences unaligned, per sentence.
        let gain = (p.null_cost * k - c) / k;
        let score = 1.0 / (1.0 + (-(gain - 1.0)).exp());
        out.push(PairBead { a: ra, b: rb, score });
    }
    out
}

/// The sentence-level band from the pyramid of coarser levels (Vecalign's recursion).
fn coarse_band(a: &Units, b: &Units, setup: &SearchSetup<'_>, small: bool) -> Band {
    let (n, m) = (a.n(), b.n());
    // The pyramid of coarser levels.
    let mut pyramid: Vec<(Units, Units)> = Vec::new();
    {
        let (mut ca, mut cb) = (a, b);
        let top = if small { SMALL_TOP } else { TOP_SIZE };
        while ca.n().max(cb.n()) > top {
            let lex = pyramid.is_empty();
            let next = (ca.downsample(lex), cb.downsample(lex));
            pyramid.push(next);
            let last = pyramid.last().expect("just pushed");
            (ca, cb) = (&last.0, &last.1);
        }
    }
    let mut path: Option<Vec<(usize, usize)>> = None;
    for (level, (ua, ub)) in pyramid.iter().enumerate().rev() {
        let band = match &path {
            None => Band::full(ua.n(), ub.n()),
            Some(p) => Band::around(p, ua.n(), ub.n(), BAND_COARSE),
        };
        // The finest coarse level reads its blocks' translations from the sentences.
        let (ta, tb) = if level == 0 {
            (TransOf::blocks(a), TransOf::blocks(b))
        } else {
            (TransOf::own(ua), TransOf::own(ub))
        };
        let lvl = make_level((ua, ta), (ub, tb), band, COARSE_MAX_SIDE, setup.use_lexicon, setup.params);
        path = Some(run_level(&lvl, setup, true));
    }
    match &path {
        None => Band::full(n, m),
        Some(p) => Band::around(p, n, m, if small { BAND_SMALL } else { BAND_FINE }),
    }
}

/// Builders shared by the tests of the search and of the second look.
#[cfg(test)]
pub(super) mod test_units {
    use super::{Band, Level, Params, TransOf, Units, make_level};
    use crate::align::lexicon::{IdMap, TransTable};

    /// Sentences of given lengths and word ids, each word (ids below 40) translating the same id
    /// on the other side; `soft`: the start cost of each (pieces), or empty.
    pub(in crate::align) fn identity_units(spec: &[(f32, &[u32])], soft: &[f32]) -> Units<'static> {
        static IDENTITY: std::sync::OnceLock<TransTable> = std::sync::OnceLock::new();
        let table = IDENTITY.get_or_init(|| {
            let mut map = IdMap::default();
            (0..40u32).for_each(|w| {
                map.insert(w, vec![(w, 0.9)]);
            });
            TransTable::from_map(&map)
        });
        let n = spec.len();
        let mut u = Units {
            len: spec.iter().map(|s| s.0).collect(),
            para: vec![0; n],
            punct: vec![0; n],
            trans: Some(table),
            soft: soft.to_vec(),
            ..Units::default()
        };
        for (_, toks) in spec {
            u.cues.push(&[]);
            u.toks.push(toks);
        }
        u.finish();
        u.finish_cues(&Params::default().cues);
        u
    }

    /// The sentence level of `a` against `b` over the full band, with the lexicon.
    pub(in crate::align) fn full_level<'u>(a: &'u Units, b: &'u Units, params: &Params) -> Level<'u> {
        make_level((a, TransOf::own(a)), (b, TransOf::own(b)), Band::full(a.n(), b.n()), 5, true, params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (the test needs variety, not quality).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: u32) -> u32 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) % u64::from(below)) as u32
        }
    }

    /// Random translation lists for a vocabulary of 40 words (into another of 40), each sorted.
    fn table() -> &'static TransTable {
        static TABLE: std::sync::OnceLock<TransTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut rng = Lcg(11);
            let mut map = super::super::lexicon::IdMap::default();
            for w in 0..40u32 {
                let mut list: Vec<(u32, f32)> =
                    (0..rng.next(5)).map(|_| (rng.next(40), 0.05 + rng.next(90) as f32 / 100.0)).collect();
                list.sort_by_key(|t| t.0);
                list.dedup_by_key(|t| t.0);
                map.insert(w, list);
            }
            TransTable::from_map(&map)
        })
    }

    /// `n` sentences with random lengths, punctuation, cues (numbers, names, tokens from a small
    /// pool, so that neighbours and the other side share some), words and translations.
    fn units(n: usize, rng: &mut Lcg, params: &Params) -> Units<'static> {
        let mut u = Units {
            len: Vec::new(),
            para: vec![0; n],
            punct: Vec::new(),
            trans: Some(table()),
            ..Units::default()
        };
        for _ in 0..n {
            u.len.push(20.0 + rng.next(120) as f32);
            u.punct.push(rng.next(4) as u16);
            let mut cues: Vec<u32> = (0..rng.next(4)).map(|_| (rng.next(3) << 30) | rng.next(12)).collect();
            cues.sort_unstable();
            cues.dedup();
            u.cues.push(&cues);
            let mut toks: Vec<u32> = (0..2 + rng.next(8)).map(|_| rng.next(40)).collect();
            toks.sort_unstable();
            toks.dedup();
            u.toks.push(&toks);
        }
        u.finish();
        u.finish_cues(&params.cues);
        u
    }

    /// Settings for a search of `a` against `b` without paragraphs.
    fn plain_setup<'p>(params: &'p Params, a: &Units, b: &Units, use_lexicon: bool) -> SearchSetup<'p> {
        SearchSetup {
            params,
            length: LengthModel::from_totals(a.prefix[a.n()], b.prefix[b.n()], None),
            max_bead: 5,
            hard_anchors: false,
            use_paragraphs: false,
            cross_paragraphs: false,
            use_lexicon,
            second_look_margin: params.second_look_margin,
        }
    }

    /// A band of ±2 columns around the diagonal.
    fn narrow(n: usize, m: usize) -> Band {
        let mid = |i: usize| i * m / n;
        let lo = (0..=n).map(|i| if i == 0 { 0 } else { mid(i).saturating_sub(2) }).collect();
        let hi = (0..=n).map(|i| if i == n { m } else { (mid(i) + 2).min(m) }).collect();
        Band::new(lo, hi)
    }

    #[test]
    fn a_slice_holds_its_units_features_with_prefix_sums_from_zero() {
        let params = Params::default();
        let mut rng = Lcg(5);
        let mut u = units(30, &mut rng, &params);
        u.soft = (0..30).map(|k| (k % 3) as f32).collect();
        u.matchable = (0..30).map(|k| (k % 2) as f32).collect();
        let s = u.slice(10..17);
        assert_eq!(s.n(), 7);
        for k in 0..7 {
            assert_eq!(s.len[k], u.len[10 + k]);
            assert_eq!(s.para[k], u.para[10 + k]);
            assert_eq!(s.punct[k], u.punct[10 + k]);
            assert_eq!(s.cues.get(k), u.cues.get(10 + k));
            assert_eq!(s.toks.get(k), u.toks.get(10 + k));
            assert_eq!(s.dup.get(k), u.dup.get(10 + k));
            assert_eq!(s.cue_total[k], u.cue_total[10 + k]);
            assert_eq!((s.soft[k], s.matchable[k]), (u.soft[10 + k], u.matchable[10 + k]));
            assert!((s.prefix[k + 1] - (u.prefix[11 + k] - u.prefix[10])).abs() < 1e-9);
        }
        assert_eq!(s.prefix[0], 0.0);
    }

    /// A band widened from some row on is searched again from that row only, on the rows' values
    /// and cached cells of the narrower search: the cells, the search's table and the path are
    /// those of a search of the wider band from scratch.
    #[test]
    fn a_search_widened_from_a_row_on_equals_one_from_scratch() {
        let params = Params::default();
        let mut rng = Lcg(13);
        let mut differing_paths = 0;
        for round in 0..12 {
            let (n, m) = (20 + rng.next(40) as usize, 20 + rng.next(40) as usize);
            let (a, b) = (units(n, &mut rng, &params), units(m, &mut rng, &params));
            let setup = plain_setup(&params, &a, &b, round % 3 != 0);
            let r0 = 1 + rng.next(n as u32 - 1) as usize;
            let wide = rng.next(6) as usize + 2;
            let wider = || {
                let base = narrow(n, m);
                let lo = (0..=n)
                    .map(|i| {
                        if i >= r0 {
                            base.lo[i].saturating_sub(wide).max(base.lo[r0 - 1])
                        } else {
                            base.lo[i]
                        }
                    })
                    .collect();
                let hi =
                    (0..=n).map(|i| if i >= r0 { (base.hi[i] + wide).min(m) } else { base.hi[i] }).collect();
                Band::new(lo, hi)
            };
            let own = |u| (u, TransOf::own(u));
            let level = |band| make_level(own(&a), own(&b), band, 5, setup.use_lexicon, &params);
            let fresh = level(wider());
            let mut fresh_table = DpTable::default();
            let fresh_path = run_level_from(&fresh, &setup, false, &mut fresh_table, 0);

            let narrow_level = level(narrow(n, m));
            let mut table = DpTable::default();
            let narrow_path = run_level_from(&narrow_level, &setup, false, &mut table, 0);
            let from = first_difference(&narrow_level.dp, &wider());
            assert!(from >= r0.saturating_sub(1) && from <= n, "round {round}: from {from}, r0 {r0}");
            let reused = narrow_level.widened_to(wider(), 5, &params);
            let path = run_level_from(&reused, &setup, false, &mut table, from);

            assert_eq!(format!("{:?}", reused.cells), format!("{:?}", fresh.cells), "round {round}: cells");
            assert_eq!(table.back, fresh_table.back, "round {round}: choices");
            let bits = |t: &DpTable| t.cost.iter().map(|c| c.to_bits()).collect::<Vec<u32>>();
            assert_eq!(bits(&table), bits(&fresh_table), "round {round}: costs");
            assert_eq!(path, fresh_path, "round {round}: path");
            differing_paths += usize::from(path != narrow_path);
        }
        // The wider band mattered somewhere (else the test could not tell a stale row).
        assert!(differing_paths > 0);
    }

    /// The bound that skips a bead's length cost may not change the alignment: with it switched
    /// off (a negative soft-boundary cost makes the terms it relies on possibly negative; these units
    /// have no soft starts, so the costs are the same), every path is the same.
    #[test]
    fn skipping_beads_by_their_cost_bound_changes_no_alignment() {
        let params = Params::default();
        let unbounded = Params { soft_boundary: -1.0, ..Params::default() };
        let mut rng = Lcg(11);
        let mut beads = 0;
        for round in 0..30 {
            let (n, m) = (5 + rng.next(70) as usize, 5 + rng.next(70) as usize);
            let (a, b) = (units(n, &mut rng, &params), units(m, &mut rng, &params));
            let setup = |params| plain_setup(params, &a, &b, round % 3 != 0);
            let key = |beads: Vec<PairBead>| beads.into_iter().map(|x| (x.a, x.b)).collect::<Vec<_>>();
            let bounded = key(align_units(&a, &b, &setup(&params)));
            assert_eq!(bounded, key(align_units(&a, &b, &setup(&unbounded))), "round {round}");
            beads += bounded.len();
        }
        assert!(beads > 300);
    }

    #[test]
    fn a_sentence_in_pieces_scores_as_a_whole_against_one_unit() {
        let params = Params::default();
        let build = |toks: &[&[u32]], soft: &[f32]| {
            let spec: Vec<(f32, &[u32])> = toks.iter().map(|t| (30.0, *t)).collect();
            test_units::identity_units(&spec, soft)
        };
        let lexical = |a: &Units, b: &Units, ra: Range<usize>, rb: Range<usize>| {
            test_units::full_level(a, b, &params).evidence(&ra, &rb).1
        };
        let whole = build(&[&[1, 2, 3, 4, 5, 6]], &[0.0]);
        let one = build(&[&[1, 2, 3, 4, 5, 6]], &[0.0]);
        let pieces = build(&[&[1, 2, 3], &[4, 5, 6]], &[0.0, 1.5]);
        let sentences = build(&[&[1, 2, 3], &[4, 5, 6]], &[0.0, 0.0]);
        let against_whole = lexical(&whole, &one, 0..1, 0..1);
        assert!(against_whole > 0.0);
        // Two pieces of one sentence translate the other side's one sentence as the whole does.
        assert!((lexical(&pieces, &one, 0..2, 0..1) - against_whole).abs() < 1e-6);
        assert!((lexical(&one, &pieces, 0..1, 0..2) - against_whole).abs() < 1e-6);
        // Two sentences pay for dividing the other side's six words between them.
        let divided = params.lexical_dilution * 6.0 * 2f64.ln();
        assert!((lexical(&sentences, &one, 0..2, 0..1) - (against_whole - 0.5 * divided)).abs() < 1e-6);
        // Beside a split the other side shares, pieces count as units: the 2-2 bead of pieces is
        // diluted as a 2-2 bead of sentences.
        let both = lexical(&pieces, &pieces, 0..2, 0..2);
        assert!((both - lexical(&sentences, &sentences, 0..2, 0..2)).abs() < 1e-6);
        assert!((both - (against_whole - divided)).abs() < 1e-6);
    }

    #[test]
    fn evidence_window_matches_evidence_of_each_bead() {
        let params = Params::default();
        let mut rng = Lcg(7);
        let mut checked = 0;
        for round in 0..12 {
            let (n, m) = (6 + rng.next(10) as usize, 6 + rng.next(10) as usize);
            let (mut a, mut b) = (units(n, &mut rng, &params), units(m, &mut rng, &params));
            // Some units are pieces of a sentence (their counts dilute the lexicon differently).
            let mut pieces =
                |n: usize| (0..n).map(|k| if k > 0 && rng.next(3) == 0 { 1.5 } else { 0.0 }).collect();
            (a.soft, b.soft) = (pieces(n), pieces(m));
            // A full band caches every cell; a narrow band whose cache is not widened (side 1)
            // leaves the corners of wide beads outside it, computed cell by cell.
            let (dp, side) = if round % 2 == 0 { (Band::full(n, m), 5) } else { (narrow(n, m), 1) };
            let lvl = make_level((&a, TransOf::own(&a)), (&b, TransOf::own(&b)), dp, side, true, &params);
            let mut window = Window::default();
            for i in 1..=n {
                for j in 1..=m {
                    let mut need = [[false; 6]; 6];
                    for (x, row) in need.iter_mut().enumerate().skip(1) {
                        for (y, cell) in row.iter_mut().enumerate().skip(1) {
                            *cell = x <= i && y <= j && params.shape_cost[x][y].is_finite();
                        }
                    }
                    lvl.evidence_window(i, j, &need, &mut window);
                    for (x, row) in need.iter().enumerate() {
                        for (y, _) in row.iter().enumerate().filter(|&(_, &needed)| needed) {
                            let (cues, lex) = lvl.evidence(&(i - x..i), &(j - y..j));
                            let close = |p: f64, q: f64| (p - q).abs() <= 1e-4 * (1.0 + q.abs());
                            assert!(close(window.cues[x][y], cues), "cues {x}-{y} at ({i}, {j})");
                            assert!(close(window.lex[x][y], lex), "lexicon {x}-{y} at ({i}, {j})");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }
}
