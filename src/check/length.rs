//! `length`: a unit whose length ratio is an outlier for this document pair. The ratio is taken as
//! log((non-space chars of A + 10) / (… of B + 10)) — the +10 keeps short units from swinging — and
//! compared with the document's own median and MAD (robust statistics: a few bad units do not move
//! them), so languages that run longer and translators who expand do not trip a fixed ratio.

use super::{CheckConfig, CheckId, Draft, PairView, Unit, UnitSide};

/// The length model of one document pair.
#[derive(Debug, Clone, PartialEq)]
pub struct LengthStats {
    pub median: f64,
    /// 1.4826 · MAD (a standard deviation for normal data), floored so a uniform document still has
    /// a scale.
    pub scale: f64,
    /// Units the figures come from; fewer than 8 and the check stays silent.
    pub n: usize,
}

fn log_ratio(a: &UnitSide, b: &UnitSide) -> f64 {
    let len = |s: &UnitSide| s.text.chars().filter(|c| !c.is_whitespace()).count() as f64;
    ((len(a) + 10.0) / (len(b) + 10.0)).ln()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

impl LengthStats {
    pub fn compute(units: &[Unit], i: usize, j: usize) -> Self {
        let mut x: Vec<f64> = units
            .iter()
            .filter_map(|u| match (&u.sides[i], &u.sides[j]) {
                (Some(a), Some(b)) => Some(log_ratio(a, b)),
                _ => None,
            })
            .collect();
        let n = x.len();
        let med = median(&mut x);
        let mut dev: Vec<f64> = x.iter().map(|v| (v - med).abs()).collect();
        let mad = median(&mut dev);
        LengthStats { median: med, scale: (1.4826 * mad).max(0.08), n }
    }
}

pub fn check(p: &PairView<'_>, stats: &LengthStats, config: &CheckConfig) -> Vec<Draft> {
    if stats.n < 8 {
        return vec![];
    }
    let x = log_ratio(p.a, p.b);
    let z = (x - stats.median) / stats.scale;
    if z.abs() <= config.length_z {
        return vec![];
    }
    let (longer, shorter) = if z > 0.0 { (p.label_a, p.label_b) } else { (p.label_b, p.label_a) };
    vec![Draft::new(
        CheckId::Length,
        format!(
            "{longer} is {:.1}× as long as {shorter} relative to this document's usual ratio \
             ({:.1} robust deviations): something may be added or left out",
            (x - stats.median).abs().exp(),
            z.abs()
        ),
        vec![p.i, p.j],
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outliers_stand_out_from_the_document_ratio() {
        let mut units: Vec<Unit> = (0..20)
            .map(|k| Unit {
                number: k + 1,
                sides: vec![
                    Some(UnitSide::plain(&"слово ".repeat(5 + k % 3))),
                    Some(UnitSide::plain(&"word ".repeat(5 + k % 3))),
                ],
                score: None,
            })
            .collect();
        units[7].sides[1] = Some(UnitSide::plain("Yes."));
        let stats = LengthStats::compute(&units, 0, 1);
        let c = CheckConfig::default();
        let view = |u: &Unit| {
            let (Some(a), Some(b)) = (&u.sides[0], &u.sides[1]) else { unreachable!() };
            check(
                &PairView { i: 0, j: 1, a, b, lang_a: "ru", lang_b: "en", label_a: "ru", label_b: "en" },
                &stats,
                &c,
            )
        };
        assert_eq!(view(&units[7]).len(), 1);
        assert!(units.iter().enumerate().filter(|(k, _)| *k != 7).all(|(_, u)| view(u).is_empty()));
    }
}
