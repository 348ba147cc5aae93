//! `omission`, `addition`, `low-confidence`: what the alignment itself says. The first side is the
//! source: a unit present there and missing from another side is an omission in that side; a unit
//! missing from the source but present elsewhere is an addition. A unit the aligner scored below
//! `--min-score` is `low-confidence` (its pairing may be wrong, so its other findings may be too).

use super::{CheckConfig, CheckId, Draft, Unit};

pub fn check(unit: &Unit, labels: &[String], config: &CheckConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    let present: Vec<usize> = (0..unit.sides.len()).filter(|&i| unit.sides[i].is_some()).collect();
    let missing: Vec<&str> =
        (0..unit.sides.len()).filter(|&i| unit.sides[i].is_none()).map(|i| labels[i].as_str()).collect();
    if !missing.is_empty() && !present.is_empty() {
        let names: Vec<&str> = present.iter().map(|&i| labels[i].as_str()).collect();
        let d = if unit.sides[0].is_some() {
            Draft::new(
                CheckId::Omission,
                format!(
                    "{} has no counterpart in {}: left out of the translation",
                    names.join("+"),
                    missing.join("+")
                ),
                present,
            )
        } else {
            Draft::new(
                CheckId::Addition,
                format!("{} has no counterpart in {}: added in translation", names.join("+"), labels[0]),
                present,
            )
        };
        out.push(d);
    } else if let Some(score) = unit.score
        && score < config.min_score
    {
        out.push(Draft::new(
            CheckId::LowConfidence,
            format!("alignment confidence {score:.2} is below {:.2}; check the pairing", config.min_score),
            present,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::UnitSide;

    fn unit(sides: &[Option<&str>], score: f64) -> Unit {
        Unit { number: 1, sides: sides.iter().map(|s| s.map(UnitSide::plain)).collect(), score: Some(score) }
    }

    #[test]
    fn one_sided_units_are_omissions_or_additions() {
        let labels = vec!["ru".to_string(), "en".to_string()];
        let c = CheckConfig::default();
        let d = check(&unit(&[Some("Да."), None], 0.9), &labels, &c);
        assert_eq!(d[0].check, CheckId::Omission);
        assert_eq!(d[0].sides, [0]);
        let d = check(&unit(&[None, Some("Yes.")], 0.9), &labels, &c);
        assert_eq!(d[0].check, CheckId::Addition);
        assert_eq!(d[0].sides, [1]);
        assert!(check(&unit(&[Some("Да."), Some("Yes.")], 0.9), &labels, &c).is_empty());
        let d = check(&unit(&[Some("Да."), Some("Yes.")], 0.1), &labels, &c);
        assert_eq!(d[0].check, CheckId::LowConfidence);
    }
}
