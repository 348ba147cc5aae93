//! Similarity cues between the two sides of a bead that need no training: shared numbers
//! (normalised), names compared on a consonant skeleton of their Latin transliteration
//! (Лавров ~ Lavrov, БРИКС ~ BRICS), identical tokens, cognate prefixes, and punctuation signatures
//! (?, !, trailing colon, quotes, brackets). In the spirit of hunalign's identical-token and number
//! heuristics, but log-linear and capped: each cue id counts once per sentence, and what a sentence
//! matches across the other side of its bead is capped by its own cues, so merging sentences that
//! repeat a number or a quote never inflates the evidence. Numbers, names and identical tokens are
//! *telling*: one that the other side of its bead lacks costs something (a name or token only when
//! the other document has it near by: then it was carried over, and its sentence is elsewhere).
//! Shared cues are computed once per sentence pair of the search band (a linear merge of sorted id
//! lists), never per DP cell.

use super::features::{CUE_COGNATE, CUE_NAME, CUE_NUMBER, CUE_TOKEN, cue_kind};

/// Weights of the string cues (rewards per matched id, penalties per unmatched telling id —
/// `number_missing`, for numbers, names and tokens — or punctuation class).
#[derive(Debug, Clone, Copy)]
pub struct CueWeights {
    pub number: f64,
    pub name: f64,
    pub token: f64,
    pub cognate: f64,
    pub number_missing: f64,
    pub punct_match: f64,
    pub punct_mismatch: f64,
}

impl Default for CueWeights {
    fn default() -> Self {
        CueWeights {
            number: 2.0,
            name: 1.0,
            token: 1.0,
            cognate: 0.4,
            number_missing: 0.7,
            punct_match: 0.4,
            punct_mismatch: 0.6,
        }
    }
}

impl CueWeights {
    pub(crate) fn of_kind(&self, kind: u32) -> f64 {
        match kind {
            CUE_NUMBER => self.number,
            CUE_NAME => self.name,
            CUE_TOKEN => self.token,
            CUE_COGNATE => self.cognate,
            _ => 0.0,
        }
    }
}

/// Whether a cue kind is telling only where the other document holds the id (names, identical
/// tokens), unlike numbers, which are telling everywhere.
pub(crate) fn matchable(kind: u32) -> bool {
    matches!(kind, CUE_NAME | CUE_TOKEN)
}

/// Whether a shared cue of this kind counts as a telling match: numbers, and with `words` names and
/// tokens (at the sentence level).
pub(crate) fn telling(kind: u32, words: bool) -> bool {
    kind == CUE_NUMBER || (words && matchable(kind))
}

/// The weight of a sentence's own cues (the most it can match) and its count of numbers.
pub(crate) fn cue_totals(ids: &[u32], w: &CueWeights) -> (f32, f32) {
    let total = ids.iter().map(|&id| w.of_kind(cue_kind(id))).sum::<f64>();
    let nums = ids.iter().filter(|&&id| cue_kind(id) == CUE_NUMBER).count();
    (total as f32, nums as f32)
}

/// What two units share: the weight of the cue ids in both (each once) and how many of them are
/// telling (numbers, and with `words` names and tokens). Both lists sorted; linear merge.
pub(crate) fn pair_cues(a: &[u32], b: &[u32], w: &CueWeights, words: bool) -> (f32, f32) {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut nums) = (0.0f64, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let kind = cue_kind(a[i]);
                shared += w.of_kind(kind);
                if telling(kind, words) {
                    nums += 1.0;
                }
                i += 1;
                j += 1;
            }
        }
    }
    (shared as f32, nums)
}

/// The punctuation part of a bead's cue score: classes present on both sides rewarded, classes on
/// one side only penalised.
pub(crate) fn punct_score(pa: u16, pb: u16, w: &CueWeights) -> f64 {
    w.punct_match * f64::from((pa & pb).count_ones()) - w.punct_mismatch * f64::from((pa ^ pb).count_ones())
}
