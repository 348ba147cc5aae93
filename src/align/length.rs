//! The length model of Gale & Church (1993): the length of a translation, in characters, is roughly
//! proportional to the length of its source, with a variance that grows with length. A bead's cost
//! is −log P(|δ| ≥ observed), δ = (l_b/c − l_a) / √(s²·(l_a + l_b/c)/2) (symmetric in the two sides,
//! lengths measured in units of side a), up to [`TAIL_FROM`] deviations; beyond, it grows linearly
//! rather than quadratically (a heavier tail than the normal's). Lengths are counted without
//! whitespace; the ratio c and the variance s² are estimated from the documents being aligned
//! (c from their total lengths, s² from the confident 1-1 units of a first pass).

/// The estimated parameters of the length model for one document pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LengthModel {
    /// Expected length of side b per character of side a.
    pub ratio: f64,
    /// Variance per character.
    pub variance: f64,
}

/// Gale & Church's variance for German/English/French (per character).
pub(crate) const DEFAULT_VARIANCE: f64 = 6.8;

impl LengthModel {
    /// Ratio from the two documents' total lengths; the variance given (or Gale & Church's default).
    pub fn from_totals(total_a: f64, total_b: f64, variance: Option<f64>) -> Self {
        let ratio = if total_a > 0.0 && total_b > 0.0 { (total_b / total_a).clamp(0.2, 5.0) } else { 1.0 };
        LengthModel { ratio, variance: variance.unwrap_or(DEFAULT_VARIANCE) }
    }

    /// The cost (in nats) of pairing `la` characters with `lb` characters.
    #[inline]
    pub fn cost(&self, la: f64, lb: f64) -> f64 {
        let lb = lb / self.ratio;
        let mean = (la + lb) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (lb - la) / (self.variance * mean).sqrt();
        two_tail_table().cost(delta.abs())
    }
}

/// Deviations beyond which the length cost grows linearly, along the normal tail's tangent there,
/// instead of as z²/2. Real translations condense or expand a passage now and then (a quotation
/// shortened, an abbreviation spelled out), and under the normal tail one such bead cost so much
/// that the search left a sentence alone rather than pair it: in `tico19__PubMed_7` the Russian
/// writes out "Western and traditional Chinese medicine" where the English has `WM+TCM`, and the
/// Russian sentence stood alone while the next one took two English sentences; in
/// `ntrex__dailymail.co.uk.298630` a pair became 1-0 + 0-1. (A Russian quotation condensed to two
/// thirds in `ntrex__nytimes.184853` is still merged with its neighbour.) On rues-dev (`run.sh rues`,
/// link F1): 2.25 gave clean ru-en +.0013, omit ru-en +.0009, ru-es +.0006, merge ru-en +.0009,
/// three-way +.0008, en-es unchanged, Text+Berg unchanged; 2.0 and below gained more on ru-en
/// but cost omit en-es .0006 (1.5: Text+Berg strict −.006); 2.5 and 3.5 gained less.
const TAIL_FROM: f64 = 2.25;

/// Step of the tabulated cost, in standard deviations.
const TABLE_STEP: f64 = 1.0 / 128.0;
/// Steps tabulated: deviations up to [`TAIL_FROM`].
const TABLE_STEPS: usize = (TAIL_FROM * 128.0) as usize;

/// [`neg_log_two_tail`] sampled every [`TABLE_STEP`] on [0, TAIL_FROM], read with linear
/// interpolation: the search asks for it for every bead shape of every cell, and the closed form
/// (a ten-term polynomial and a logarithm) was most of a bead's cost. The cost is convex and its
/// second derivative stays under 1, so the interpolation error is below step²/8 ≈ 8·10⁻⁶ nats,
/// under the f32 rounding of the path costs the search adds it to. Beyond, the tangent line.
struct TwoTailTable {
    values: Vec<f64>,
    /// The cost at [`TAIL_FROM`] and its slope there.
    tail: (f64, f64),
}

impl TwoTailTable {
    fn new() -> Self {
        // One entry past the end, so that interpolation just below TAIL_FROM stays in bounds.
        let values = (0..=TABLE_STEPS + 1).map(|k| neg_log_two_tail(k as f64 * TABLE_STEP)).collect();
        let h = 1e-4;
        let slope = (neg_log_two_tail(TAIL_FROM + h) - neg_log_two_tail(TAIL_FROM - h)) / (2.0 * h);
        TwoTailTable { values, tail: (neg_log_two_tail(TAIL_FROM), slope) }
    }

    #[inline]
    fn cost(&self, z: f64) -> f64 {
        if z.is_nan() || z >= TAIL_FROM {
            return self.tail.0 + self.tail.1 * (z - TAIL_FROM);
        }
        let x = z * (1.0 / TABLE_STEP);
        let k = x as usize;
        let f = x - k as f64;
        self.values[k] + f * (self.values[k + 1] - self.values[k])
    }
}

fn two_tail_table() -> &'static TwoTailTable {
    static TABLE: std::sync::OnceLock<TwoTailTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(TwoTailTable::new)
}

/// −ln(2·(1 − Φ(z))) = −ln erfc(z/√2) for z ≥ 0, computed without underflow (the Chebyshev fit of
/// erfc with relative error below 1.2e−7, in log form).
pub(crate) fn neg_log_two_tail(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    // erfc(x) = t·exp(−x² + poly)
    -(t.ln()) + x * x - poly
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_tail_matches_known_values() {
        assert!(neg_log_two_tail(0.0).abs() < 1e-6);
        // P(|Z| >= 1.96) = 0.05
        assert!((neg_log_two_tail(1.96) - (-(0.05f64).ln())).abs() < 1e-3);
        assert!(neg_log_two_tail(40.0).is_finite());
    }

    #[test]
    fn table_matches_closed_form_then_grows_linearly() {
        let table = two_tail_table();
        // Inside the table (z < TAIL_FROM), off the sampling grid.
        for k in 0..300 {
            let z = k as f64 * 0.00731;
            assert!((table.cost(z) - neg_log_two_tail(z)).abs() < 2e-5, "z = {z}");
        }
        // Beyond: continuous at TAIL_FROM, increasing, linear, and below the normal tail.
        let at = table.cost(TAIL_FROM);
        assert!((table.cost(TAIL_FROM - 1e-9) - at).abs() < 1e-4);
        let slope = table.cost(TAIL_FROM + 1.0) - at;
        for z in [2.5, 3.0, 5.0, 12.0, 40.0] {
            assert!(table.cost(z + 0.01) > table.cost(z), "z = {z}");
            assert!((table.cost(z) - (at + slope * (z - TAIL_FROM))).abs() < 1e-9, "z = {z}");
            assert!(table.cost(z) < neg_log_two_tail(z), "z = {z}");
        }
        // The tangent: the slope is the normal tail's there (≈ 2.5 nats per deviation at 2.25).
        let h = 1e-3;
        let normal = (neg_log_two_tail(TAIL_FROM + h) - neg_log_two_tail(TAIL_FROM)) / h;
        assert!((slope - normal).abs() < 0.01, "slope {slope} against {normal}");
    }

    #[test]
    fn proportional_lengths_cost_little() {
        let m = LengthModel::from_totals(1000.0, 1200.0, None);
        assert!(m.cost(100.0, 120.0) < 0.01);
        assert!(m.cost(100.0, 300.0) > 5.0);
    }
}
