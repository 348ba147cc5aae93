//! What a batch run reports: per set the sentences per language, units, bead shapes, mean and lowest
//! confidence and the units below `--min-score`, and totals over the collection. This is the model of
//! `OUTDIR/summary.json`, which holds no timings and no absolute paths, so that the same inputs and
//! settings always give the same bytes (and a committed output folder can be checked).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::align::Alignment;

/// The settings a run's outputs depend on. A later run whose settings differ (other than the
/// creation date) aligns every set again instead of trusting earlier outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub formats: Vec<String>,
    /// The preferred language order (`--langs`, or the manifest's header).
    pub langs: Vec<String>,
    pub max_bead: usize,
    pub hard_anchors: bool,
    /// `--gap-cost`, when not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_cost: Option<f64>,
    pub min_score: f64,
    #[serde(default)]
    pub keep_unaligned: bool,
    pub paragraphs: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbrev: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationdate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The sets were checked too (`--qa`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub qa: bool,
}

impl Settings {
    /// Whether outputs written under `self` are valid under `other` (everything equal but the date).
    pub fn same_outputs_as(&self, other: &Settings) -> bool {
        let strip = |s: &Settings| Settings { creationdate: None, ..s.clone() };
        strip(self) == strip(other)
    }
}

/// What happened to a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetStatus {
    /// Its outputs are in OUTDIR (written by this run or, when up to date, an earlier one).
    Aligned,
    /// Something was wrong with it (`error` says what); it has no new outputs.
    Failed,
    /// Fewer than two languages: nothing to align.
    Skipped,
}

/// One document of a set as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub lang: String,
    pub path: String,
    /// The encoding it was decoded from (`UTF-8`, `windows-1251` …), once read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Its number of sentences, once segmented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<usize>,
}

/// Figures of an alignment (or of a whole collection).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AlignmentStats {
    pub units: usize,
    /// Units per bead shape (`1-1-1`, `2-1-1`, `1-0-1` …).
    pub shapes: BTreeMap<String, usize>,
    /// Mean confidence over units (0 when there are none), 4 decimals.
    pub mean_score: f64,
    /// Lowest confidence (1 when there are no units), 4 decimals.
    pub lowest_score: f64,
    /// Units whose confidence is below `--min-score`.
    pub below_min_score: usize,
    /// Findings per check (`--qa` only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub findings: BTreeMap<String, usize>,
}

impl AlignmentStats {
    /// The figures of one alignment.
    pub fn of(alignment: &Alignment, min_score: f64) -> Self {
        let mut stats = AlignmentStats { lowest_score: 1.0, ..Default::default() };
        let mut sum = 0.0;
        for bead in &alignment.beads {
            *stats.shapes.entry(bead.shape()).or_default() += 1;
            sum += bead.score;
            stats.lowest_score = stats.lowest_score.min(bead.score);
            stats.below_min_score += usize::from(bead.score < min_score);
        }
        stats.units = alignment.beads.len();
        stats.mean_score = if stats.units == 0 { 0.0 } else { round4(sum / stats.units as f64) };
        stats.lowest_score = round4(stats.lowest_score);
        stats
    }

    /// Adds another alignment's figures (means weighted by units).
    pub fn add(&mut self, other: &AlignmentStats) {
        let units = self.units + other.units;
        if units > 0 {
            let sum = self.mean_score * self.units as f64 + other.mean_score * other.units as f64;
            self.mean_score = round4(sum / units as f64);
        }
        if other.units > 0 {
            self.lowest_score =
                if self.units == 0 { other.lowest_score } else { self.lowest_score.min(other.lowest_score) };
        }
        self.units = units;
        for (shape, n) in &other.shapes {
            *self.shapes.entry(shape.clone()).or_default() += n;
        }
        self.below_min_score += other.below_min_score;
        for (check, n) in &other.findings {
            *self.findings.entry(check.clone()).or_default() += n;
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One set in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetSummary {
    pub id: String,
    pub status: SetStatus,
    pub documents: Vec<DocumentSummary>,
    /// The alignment's figures (aligned sets only).
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub stats: Option<AlignmentStats>,
    /// Output files, relative to OUTDIR.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Why the set failed or was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Totals over the sets of a run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub sets: usize,
    pub aligned: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Sentences per language over the aligned sets.
    pub sentences: BTreeMap<String, usize>,
    #[serde(flatten)]
    pub stats: AlignmentStats,
}

impl Totals {
    /// Adds up `sets`.
    pub fn of(sets: &[SetSummary]) -> Self {
        let mut t = Totals {
            stats: AlignmentStats { lowest_score: 1.0, ..Default::default() },
            ..Default::default()
        };
        for s in sets {
            t.sets += 1;
            match s.status {
                SetStatus::Aligned => t.aligned += 1,
                SetStatus::Failed => t.failed += 1,
                SetStatus::Skipped => t.skipped += 1,
            }
            if let Some(stats) = &s.stats {
                t.stats.add(stats);
                for d in &s.documents {
                    *t.sentences.entry(d.lang.clone()).or_default() += d.sentences.unwrap_or(0);
                }
            }
        }
        t
    }
}

/// `OUTDIR/summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub format: String,
    pub settings: Settings,
    pub totals: Totals,
    pub sets: Vec<SetSummary>,
}

impl Summary {
    /// The `format` field's value.
    pub const FORMAT: &'static str = "tralign-batch-summary-1";

    pub fn new(settings: Settings, sets: Vec<SetSummary>) -> Self {
        Summary { format: Self::FORMAT.into(), settings, totals: Totals::of(&sets), sets }
    }

    /// The JSON bytes (pretty, final newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).expect("a summary always serialises");
        v.push(b'\n');
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    fn alignment(scores: &[f64]) -> Alignment {
        Alignment {
            langs: vec!["en".into(), "ru".into()],
            beads: scores
                .iter()
                .enumerate()
                .map(|(i, &score)| Bead { sents: vec![i..i + 1, i..i + 1], score })
                .collect(),
        }
    }

    #[test]
    fn stats_of_an_alignment_and_their_sum() {
        let a = AlignmentStats::of(&alignment(&[0.9, 0.3, 0.6]), 0.5);
        assert_eq!((a.units, a.mean_score, a.lowest_score, a.below_min_score), (3, 0.6, 0.3, 1));
        assert_eq!(a.shapes.get("1-1"), Some(&3));
        let mut total = AlignmentStats { lowest_score: 1.0, ..Default::default() };
        total.add(&a);
        total.add(&AlignmentStats::of(&alignment(&[1.0]), 0.5));
        assert_eq!(
            (total.units, total.mean_score, total.lowest_score, total.below_min_score),
            (4, 0.7, 0.3, 1)
        );
    }

    #[test]
    fn summary_round_trips() {
        let settings = Settings {
            formats: vec!["tmx-json".into()],
            langs: vec![],
            max_bead: 3,
            hard_anchors: false,
            gap_cost: Some(3.5),
            min_score: 0.5,
            keep_unaligned: false,
            paragraphs: "blank".into(),
            encoding: None,
            abbrev: None,
            creationdate: Some("20250101T000000Z".into()),
            shard: None,
            qa: true,
        };
        let mut stats = AlignmentStats::of(&alignment(&[0.9, 0.3, 0.6]), 0.5);
        stats.findings.insert("omission".into(), 2);
        let set = SetSummary {
            id: "x".into(),
            status: SetStatus::Aligned,
            documents: vec![DocumentSummary {
                lang: "en".into(),
                path: "pairs/x.en.txt".into(),
                encoding: Some("UTF-8".into()),
                sentences: Some(3),
            }],
            stats: Some(stats),
            outputs: vec!["x.tmx.json".into()],
            message: None,
        };
        let s = Summary::new(settings.clone(), vec![set]);
        let back: Summary = serde_json::from_slice(&s.to_json()).unwrap();
        assert_eq!(back, s);
        let later = Settings { creationdate: Some("20260101T000000Z".into()), ..settings.clone() };
        assert!(settings.same_outputs_as(&later));
        assert!(!settings.same_outputs_as(&Settings { max_bead: 2, ..settings.clone() }));
        assert!(!settings.same_outputs_as(&Settings { qa: false, ..settings.clone() }));
        assert_eq!(s.totals.stats.findings["omission"], 2);
    }
}
