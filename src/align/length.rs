//! The length model of Gale & Church (1993): the length of a translation, in characters, is roughly
//! proportional to the length of its source, with a variance that grows with length. A bead's cost
//! is −log P(|δ| ≥ observed), δ = (l_b/c − l_a) / √(s²·(l_a + l_b/c)/2) (symmetric in the two sides,
//! lengths measured in units of side a). Lengths are counted without
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

/// Step of the tabulated tail cost, in standard deviations.
const TABLE_STEP: f64 = 1.0 / 128.0;
/// Steps tabulated: deviations up to TABLE_MAX = 12.
const TABLE_STEPS: usize = 12 * 128;
const TABLE_MAX: f64 = TABLE_STEPS as f64 * TABLE_STEP;

/// [`neg_log_two_tail`] sampled every [`TABLE_STEP`] on [0, TABLE_MAX], read with linear
/// interpolation: the search asks for it for every bead shape of every cell, and the closed form
/// (a ten-term polynomial and a logarithm) was most of a bead's cost. The cost is convex and its
/// second derivative stays under 1, so the interpolation error is below step²/8 ≈ 8·10⁻⁶ nats,
/// under the f32 rounding of the path costs the search adds it to.
struct TwoTailTable {
    values: Vec<f64>,
}

impl TwoTailTable {
    fn new() -> Self {
        // One entry past the end, so that interpolation just below TABLE_MAX stays in bounds.
        let values = (0..=TABLE_STEPS + 1).map(|k| neg_log_two_tail(k as f64 * TABLE_STEP)).collect();
        TwoTailTable { values }
    }

    /// Beyond the table (beads no alignment wants: the cost is over 70 nats there) the tail
    /// grows as z²/2 + ln z; the last entry plus that growth, with ln's tangent, stays continuous
    /// and increasing.
    #[inline]
    fn cost(&self, z: f64) -> f64 {
        if z.is_nan() || z >= TABLE_MAX {
            return self.values[TABLE_STEPS]
                + 0.5 * (z * z - TABLE_MAX * TABLE_MAX)
                + (z - TABLE_MAX) / TABLE_MAX;
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
    fn table_matches_closed_form() {
        let table = two_tail_table();
        // Inside the table (z < 12), off the sampling grid.
        for k in 0..1600 {
            let z = k as f64 * 0.00731;
            assert!((table.cost(z) - neg_log_two_tail(z)).abs() < 2e-5, "z = {z}");
        }
        // Beyond the table: close to the closed form and increasing.
        for z in [12.0, 12.5, 20.0, 40.0] {
            assert!((table.cost(z) - neg_log_two_tail(z)).abs() < 0.01 * neg_log_two_tail(z), "z = {z}");
            assert!(table.cost(z + 0.01) > table.cost(z));
        }
    }

    #[test]
    fn proportional_lengths_cost_little() {
        let m = LengthModel::from_totals(1000.0, 1200.0, None);
        assert!(m.cost(100.0, 120.0) < 0.01);
        assert!(m.cost(100.0, 300.0) > 5.0);
    }
}
