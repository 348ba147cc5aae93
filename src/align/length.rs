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
    pub fn cost(&self, la: f64, lb: f64) -> f64 {
        let lb = lb / self.ratio;
        let mean = (la + lb) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (lb - la) / (self.variance * mean).sqrt();
        neg_log_two_tail(delta.abs())
    }
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
    fn proportional_lengths_cost_little() {
        let m = LengthModel::from_totals(1000.0, 1200.0, None);
        assert!(m.cost(100.0, 120.0) < 0.01);
        assert!(m.cost(100.0, 300.0) > 5.0);
    }
}
