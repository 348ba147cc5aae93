//! Translation QA: aligned units → findings. Each check is a small function over one unit (and, for
//! the statistical ones, precomputed per-document figures) that returns drafts — which check, why,
//! and which pieces of which sides differ; [`check_units`] turns drafts into [`Finding`]s with the
//! unit number, the severity, the sides' text and document char offsets.
//!
//! The checks (ids as the CLI and JSON name them):
//! - `omission` / `addition` / `low-confidence` ([`omission`]): a side with no counterpart, or a unit
//!   the aligner was unsure of;
//! - `numbers` ([`numbers`]): numbers, dates, percentages and amounts, compared after normalisation;
//! - `names` ([`names`]): proper names and acronyms, compared after transliteration and a table;
//! - `length` ([`length`]): a length ratio that is an outlier for this document pair (median/MAD);
//! - `untranslated` ([`untranslated`]): the target repeats the source, or is in the wrong script or
//!   language;
//! - `punctuation` ([`punctuation`]): questions, unbalanced quotes/brackets, final marks;
//! - `similarity` ([`same_language`]): an original against its back-translation (same language):
//!   word similarity below a threshold or a negation on one side only, with a word diff.
//!
//! Units come from an alignment and its sentences ([`units_from_alignment`]) or from a TM
//! ([`units_from_tm`], anything a reader turns into a [`TmxDocument`]).

pub mod diff;
pub mod length;
pub mod names;
pub mod numbers;
pub mod omission;
pub mod punctuation;
pub mod same_language;
mod units;
pub mod untranslated;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::tm::{Prop, TmxDocument};
pub use units::{Unit, UnitSide, units_from_alignment, units_from_tm};

/// How serious a finding is; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The id of a check (what `--allow` takes and JSON's `check` says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CheckId {
    Omission,
    Addition,
    LowConfidence,
    Numbers,
    Names,
    Length,
    Untranslated,
    Punctuation,
    Similarity,
}

impl CheckId {
    pub const ALL: [CheckId; 9] = [
        CheckId::Omission,
        CheckId::Addition,
        CheckId::LowConfidence,
        CheckId::Numbers,
        CheckId::Names,
        CheckId::Length,
        CheckId::Untranslated,
        CheckId::Punctuation,
        CheckId::Similarity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Omission => "omission",
            CheckId::Addition => "addition",
            CheckId::LowConfidence => "low-confidence",
            CheckId::Numbers => "numbers",
            CheckId::Names => "names",
            CheckId::Length => "length",
            CheckId::Untranslated => "untranslated",
            CheckId::Punctuation => "punctuation",
            CheckId::Similarity => "similarity",
        }
    }

    /// The severity findings of this check carry.
    pub fn severity(self) -> Severity {
        match self {
            CheckId::Omission | CheckId::Addition | CheckId::Numbers | CheckId::Untranslated => {
                Severity::Error
            }
            CheckId::LowConfidence | CheckId::Names | CheckId::Length | CheckId::Similarity => {
                Severity::Warning
            }
            CheckId::Punctuation => Severity::Info,
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CheckId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| {
            let ids: Vec<&str> = CheckId::ALL.iter().map(|c| c.as_str()).collect();
            format!("unknown check '{s}'; the checks are {}", ids.join(", "))
        })
    }
}

impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A map from side label (language code) to a value, serialised as a JSON object in side order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SideMap<T>(pub Vec<(String, T)>);

impl<T> SideMap<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for SideMap<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One problem found in one unit. `offsets` are half-open char ranges into each side's document
/// (into the segment text when a TM carries no `x-offsets`); `marks` are the same pieces as char
/// ranges into `text`, for display. Sides the finding does not involve are absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// 1-based unit number (the tuid of the TM `align` writes).
    pub unit: usize,
    pub check: CheckId,
    pub severity: Severity,
    pub reason: String,
    pub offsets: SideMap<Vec<[usize; 2]>>,
    pub text: SideMap<String>,
    #[serde(skip)]
    pub marks: SideMap<Vec<Range<usize>>>,
}

/// What a check function returns: the check, the reason, which sides it concerns and the pieces
/// (side index, char range into the side's text) that differ. An empty `marks` for a side means
/// "the whole side is concerned" only for omission-like checks; others mark what they mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub check: CheckId,
    pub reason: String,
    pub sides: Vec<usize>,
    pub marks: Vec<(usize, Range<usize>)>,
}

impl Draft {
    pub fn new(check: CheckId, reason: impl Into<String>, sides: Vec<usize>) -> Self {
        Draft { check, reason: reason.into(), sides, marks: Vec::new() }
    }

    pub fn mark(mut self, side: usize, range: Range<usize>) -> Self {
        self.marks.push((side, range));
        self
    }

    /// Marks every range of `ranges` in side `side`.
    pub fn marks(mut self, side: usize, ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        self.marks.extend(ranges.into_iter().map(|r| (side, r)));
        self
    }
}

/// Thresholds and silenced checks (the `check` command's flags).
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// Checks whose findings are dropped (`--allow`).
    pub allow: Vec<CheckId>,
    /// Units whose aligner score is below this are `low-confidence`.
    pub min_score: f64,
    /// A unit is a `length` outlier when |log-ratio − median| > this many robust standard
    /// deviations (1.4826 · MAD) of the document pair.
    pub length_z: f64,
    /// Same-language mode: units whose word similarity is below this are `similarity` findings.
    pub min_similarity: f64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { allow: Vec::new(), min_score: 0.25, length_z: 4.5, min_similarity: 0.4 }
    }
}

impl CheckConfig {
    fn enabled(&self, id: CheckId) -> bool {
        !self.allow.contains(&id)
    }
}

/// Per-document figures the statistical checks need, computed once before the unit loop.
#[derive(Debug, Clone)]
pub struct DocStats {
    /// For each pair of side indices (i < j): the length model of that pair.
    pub length: Vec<((usize, usize), length::LengthStats)>,
    /// For each side: the names its whole document mentions.
    pub names: Vec<names::NameVocab>,

    /// For each side, per unit: whether its unbalanced quotes belong to a quotation spanning units.
    pub quote_spans: Vec<Vec<bool>>,
}

impl DocStats {
    /// `memo`: name keys already computed (the pairwise names check needs them again).
    pub fn compute(units: &[Unit], n_sides: usize, memo: &mut names::KeyMemo) -> Self {
        let mut out = Vec::new();
        for (i, j) in pairs(n_sides) {
            out.push(((i, j), length::LengthStats::compute(units, i, j)));
        }
        let names = (0..n_sides)
            .map(|i| {
                names::NameVocab::of_texts(
                    units.iter().filter_map(|u| u.sides[i].as_ref()).map(|s| s.text.as_str()),
                    memo,
                )
            })
            .collect();
        let quote_spans = (0..n_sides)
            .map(|i| {
                let sides: Vec<Option<&str>> =
                    units.iter().map(|u| u.sides[i].as_ref().map(|s| s.text.as_str())).collect();
                punctuation::quote_spans(&sides)
            })
            .collect();
        DocStats { length: out, names, quote_spans }
    }

    pub fn length_of(&self, pair: (usize, usize)) -> Option<&length::LengthStats> {
        self.length.iter().find(|(p, _)| *p == pair).map(|(_, s)| s)
    }
}

fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

/// The labels of the sides: the language codes, with `#2`, `#3` added to repeats (same-language mode:
/// `en`, `en#2`).
pub fn side_labels(langs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in langs {
        let n = out.iter().filter(|o| o.split('#').next() == Some(l.as_str())).count();
        out.push(if n == 0 { l.clone() } else { format!("{l}#{}", n + 1) });
    }
    out
}

/// Whether all sides are in one language (an original against its back-translation).
pub fn is_same_language(langs: &[String]) -> bool {
    langs.len() >= 2 && langs.iter().all(|l| l == &langs[0])
}

/// Runs every enabled check over every unit; findings come in unit order.
pub fn check_units(langs: &[String], units: &[Unit], config: &CheckConfig) -> Vec<Finding> {
    let labels = side_labels(langs);
    let mut memo = names::KeyMemo::default();
    let stats = DocStats::compute(units, langs.len(), &mut memo);
    let same_only = is_same_language(langs);
    let mut omissions = omission::check_all(units, &labels, config);
    let mut out = Vec::new();
    for (k, unit) in units.iter().enumerate() {
        let mut drafts = std::mem::take(&mut omissions[k]);
        for (i, j) in pairs(langs.len()) {
            let (Some(a), Some(b)) = (&unit.sides[i], &unit.sides[j]) else { continue };
            let pair = PairView {
                i,
                j,
                a,
                b,
                lang_a: &langs[i],
                lang_b: &langs[j],
                label_a: &labels[i],
                label_b: &labels[j],
            };
            drafts.extend(numbers::check(&pair));
            drafts.extend(names::check(&pair, &stats.names[i], &stats.names[j], &mut memo));
            drafts.extend(punctuation::check(&pair, stats.quote_spans[i][k], stats.quote_spans[j][k]));
            // Two sides in one language (an original and its back-translation, or two translations
            // of a third side) are compared as versions of one text, never as a missed translation.
            if langs[i] == langs[j] {
                drafts.extend(same_language::check(&pair, config));
            } else {
                if let Some(s) = stats.length_of((i, j)) {
                    drafts.extend(length::check(&pair, s, config));
                }
                drafts.extend(untranslated::check_pair(&pair));
            }
        }
        if !same_only {
            for (i, side) in unit.sides.iter().enumerate() {
                if let Some(s) = side {
                    drafts.extend(untranslated::check_script(i, s, &langs[i]));
                }
            }
        }
        for d in drafts {
            if config.enabled(d.check) {
                out.push(finish(unit, &labels, d));
            }
        }
    }
    out
}

/// Two sides of one unit, as the pairwise checks see them.
#[derive(Debug, Clone, Copy)]
pub struct PairView<'a> {
    pub i: usize,
    pub j: usize,
    pub a: &'a UnitSide,
    pub b: &'a UnitSide,
    pub lang_a: &'a str,
    pub lang_b: &'a str,
    /// How findings name the sides (the language, `en#2` for a second side in the same language).
    pub label_a: &'a str,
    pub label_b: &'a str,
}

fn finish(unit: &Unit, labels: &[String], d: Draft) -> Finding {
    let mut offsets = Vec::new();
    let mut text = Vec::new();
    let mut marks = Vec::new();
    for &s in &d.sides {
        let Some(side) = &unit.sides[s] else { continue };
        let mut m: Vec<Range<usize>> =
            d.marks.iter().filter(|(k, _)| *k == s).map(|(_, r)| r.clone()).collect();
        m.sort_by_key(|r| (r.start, r.end));
        m.dedup();
        let doc: Vec<[usize; 2]> = if m.is_empty() {
            side.doc_ranges(0..side.char_len())
        } else {
            m.iter().flat_map(|r| side.doc_ranges(r.clone())).collect()
        };
        offsets.push((labels[s].clone(), doc));
        text.push((labels[s].clone(), side.text.clone()));
        marks.push((labels[s].clone(), m));
    }
    Finding {
        unit: unit.number,
        check: d.check,
        severity: d.check.severity(),
        reason: d.reason,
        offsets: SideMap(offsets),
        text: SideMap(text),
        marks: SideMap(marks),
    }
}

/// Adds the findings to a TM as `x-qa` props of their tu (`check severity: reason`), matched by unit
/// number (the tu's position, 1-based).
pub fn annotate_tm(doc: &mut TmxDocument, findings: &[Finding]) {
    for f in findings {
        if let Some(tu) = f.unit.checked_sub(1).and_then(|i| doc.body.get_mut(i)) {
            tu.props.push(Prop::new("x-qa", format!("{} {}: {}", f.check, f.severity.as_str(), f.reason)));
        }
    }
}

/// Words of a text with their char ranges: maximal runs of letters, digits and inner `'`/`’`/`-`.
pub fn words(s: &str) -> Vec<(Range<usize>, String)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i = word_end(&chars, start);
        out.push((start..i, chars[start..i].iter().collect()));
    }
    out
}

/// Where the word starting at `chars[start]` (a letter or digit) ends: after the maximal run of
/// letters, digits and inner `'`/`’`/`-` (ones followed by a letter or digit). The one definition of
/// a word that [`words`] and the names scanner share.
pub(crate) fn word_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while i < chars.len()
        && (chars[i].is_alphanumeric()
            || (matches!(chars[i], '\'' | '’' | '-')
                && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_disambiguate_repeated_languages() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(side_labels(&l(&["ru", "en"])), ["ru", "en"]);
        assert_eq!(side_labels(&l(&["en", "en"])), ["en", "en#2"]);
        assert!(is_same_language(&l(&["en", "en"])));
    }

    #[test]
    fn two_translations_into_one_language_are_versions_not_untranslated() {
        let langs: Vec<String> = ["en", "ru", "ru"].iter().map(|s| s.to_string()).collect();
        let side = |t: &str| Some(UnitSide::from_sentences([(t, 0)]));
        let same = "Члены комитета обсудили новые правила выборов.";
        let unit = |ru2: &str| Unit {
            number: 1,
            sides: vec![
                side("Members of the committee discussed the new election rules."),
                side(same),
                side(ru2),
            ],
            score: None,
        };
        let config = CheckConfig::default();
        let found = |u: Unit| check_units(&langs, &[u], &config);
        // The two Russian versions agree: nothing to report between them.
        assert!(found(unit(same)).is_empty(), "{:?}", found(unit(same)));
        // They disagree: a similarity finding between ru and ru#2, as in same-language mode.
        let f = found(unit("Никто ничего не обсуждал."));
        assert!(
            f.iter().any(|f| f.check == CheckId::Similarity && f.text.0.iter().any(|(l, _)| l == "ru#2")),
            "{f:?}"
        );
    }

    #[test]
    fn check_ids_round_trip() {
        for c in CheckId::ALL {
            assert_eq!(c.as_str().parse::<CheckId>(), Ok(c));
        }
        assert!("typo".parse::<CheckId>().unwrap_err().contains("numbers"));
    }

    #[test]
    fn words_keep_inner_hyphens() {
        let w: Vec<String> = words("Рио-де-Жанейро, don't (x)").into_iter().map(|(_, w)| w).collect();
        assert_eq!(w, ["Рио-де-Жанейро", "don't", "x"]);
    }
}
