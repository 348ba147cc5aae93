//! Similarity cues between the two sides of a bead that need no training: shared numbers
//! (normalised), names compared on a consonant skeleton of their Latin transliteration
//! (Лавров ~ Lavrov, БРИКС ~ BRICS), identical tokens, cognate prefixes, and punctuation signatures
//! (?, !, trailing colon, quotes, brackets). In the spirit of hunalign's identical-token and number
//! heuristics, but log-linear and capped: each cue id counts once per bead side, however many
//! sentences of the bead repeat it, so merging sentences never inflates the evidence.

use std::ops::Range;

use super::features::{CUE_COGNATE, CUE_NAME, CUE_NUMBER, CUE_TOKEN, cue_kind};
use super::search::Units;

/// Weights of the string cues (rewards per matched id, penalties per unmatched number or
/// punctuation class).
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
    fn of_kind(&self, kind: u32) -> f64 {
        match kind {
            CUE_NUMBER => self.number,
            CUE_NAME => self.name,
            CUE_TOKEN => self.token,
            CUE_COGNATE => self.cognate,
            _ => 0.0,
        }
    }
}

fn in_any(units: &Units, r: &Range<usize>, id: u32) -> bool {
    r.clone().any(|k| units.cues.get(k).binary_search(&id).is_ok())
}

/// One side's contribution: matched ids (each once) rewarded, unmatched numbers penalised.
fn side_score(x: &Units, rx: &Range<usize>, y: &Units, ry: &Range<usize>, w: &CueWeights, reward: bool) -> f64 {
    let mut s = 0.0;
    for k in rx.clone() {
        for &id in x.cues.get(k) {
            if (rx.start..k).any(|p| x.cues.get(p).binary_search(&id).is_ok()) {
                continue;
            }
            let kind = cue_kind(id);
            if in_any(y, ry, id) {
                if reward {
                    s += w.of_kind(kind);
                }
            } else if kind == CUE_NUMBER {
                s -= w.number_missing;
            }
        }
    }
    s
}

/// The cue score of the bead `a[ra] ~ b[rb]` (higher is more similar); both sides non-empty.
pub(crate) fn bead_cue_score(a: &Units, ra: Range<usize>, b: &Units, rb: Range<usize>, w: &CueWeights) -> f64 {
    let mut s = side_score(a, &ra, b, &rb, w, true) + side_score(b, &rb, a, &ra, w, false);
    let pa = ra.clone().fold(0u16, |m, k| m | a.punct[k]);
    let pb = rb.clone().fold(0u16, |m, k| m | b.punct[k]);
    s += w.punct_match * f64::from((pa & pb).count_ones());
    s -= w.punct_mismatch * f64::from((pa ^ pb).count_ones());
    s
}
