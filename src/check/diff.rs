//! A word-level difference of two texts in one language, order aside: which words the two sides
//! share, and the char ranges of those only one side has, for highlighting. A back-translation
//! reorders freely ("Today we held talks with my colleague" / "Today my colleague and I held
//! talks"), so a word that only moved is not a difference; nor is a word in another inflection of
//! its stem (cooperating / cooperation, переговоры / переговоров).
//!
//! Words are paired in three rounds, each among the words the rounds before left: the longest
//! common subsequence of the lower-cased words (so that the marks read as an edit where the order
//! is kept), then equal words anywhere (moved), then near words: both of at least
//! [`NEAR_MIN_CHARS`] letters, without digits, sharing their first [`NEAR_PREFIX`] letters, with a
//! Jaro-Winkler similarity (`strsim`) of at least [`NEAR_MIN_SIMILARITY`]. The shared prefix keeps
//! a negating or opposite prefix apart (possible / impossible, согласны / несогласны, import /
//! export), which Jaro-Winkler alone rates close.

use std::collections::HashMap;
use std::ops::Range;

use super::words;

/// Shortest words paired as other forms of one stem.
const NEAR_MIN_CHARS: usize = 5;
/// Letters two near words must share at their start.
const NEAR_PREFIX: usize = 4;
/// Largest table (cells) of the longest-common-subsequence round.
const LCS_MAX_CELLS: usize = 1 << 22;
/// Least Jaro-Winkler similarity of two near words (cooperating / cooperation .96, переговоры /
/// переговоров .94, studying / study .93; billion / million, which the prefix keeps apart, .91).
const NEAR_MIN_SIMILARITY: f64 = 0.9;

/// The words of two texts paired as described in the module comment.
#[derive(Debug, Clone, PartialEq)]
pub struct WordDiff {
    /// Char ranges of the words only the first text has.
    pub only_a: Vec<Range<usize>>,
    /// Char ranges of the words only the second text has.
    pub only_b: Vec<Range<usize>>,
    /// Words paired (each pair counted once).
    pub shared: usize,
    /// Words of each text.
    pub words: (usize, usize),
}

impl WordDiff {
    /// The share of the two texts' words that the other has: 2 × pairs / all words (Dice), in
    /// [0, 1]; 1 for two texts without words.
    pub fn similarity(&self) -> f64 {
        let all = self.words.0 + self.words.1;
        if all == 0 { 1.0 } else { 2.0 * self.shared as f64 / all as f64 }
    }
}

fn near(a: &str, b: &str) -> Option<f64> {
    let letters = |w: &str| w.chars().count() >= NEAR_MIN_CHARS && !w.chars().any(|c| c.is_numeric());
    if !letters(a) || !letters(b) || !a.chars().take(NEAR_PREFIX).eq(b.chars().take(NEAR_PREFIX)) {
        return None;
    }
    let s = strsim::jaro_winkler(a, b);
    (s >= NEAR_MIN_SIMILARITY).then_some(s)
}

/// Pairs the words of `a` and `b` (see the module comment).
pub fn word_diff(a: &str, b: &str) -> WordDiff {
    let wa = words(a);
    let wb = words(b);
    let ka: Vec<String> = wa.iter().map(|(_, w)| w.to_lowercase()).collect();
    let kb: Vec<String> = wb.iter().map(|(_, w)| w.to_lowercase()).collect();
    let (n, m) = (ka.len(), kb.len());
    let (mut paired_a, mut paired_b) = (vec![false; n], vec![false; m]);
    // Round 1: the longest common subsequence. lcs[i][j]: its length over ka[i..] and kb[j..].
    // Units are sentences, so n·m is small; a unit of thousands of words a side (a text without
    // sentence punctuation) skips this round, which only orders the marks, not what they mark.
    if (n + 1).saturating_mul(m + 1) <= LCS_MAX_CELLS {
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] =
                    if ka[i] == kb[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ka[i] == kb[j] {
                paired_a[i] = true;
                paired_b[j] = true;
                i += 1;
                j += 1;
            } else if lcs[i + 1][j] >= lcs[i][j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    // Round 2: equal words that moved, in order of occurrence.
    let mut left_b: HashMap<&str, Vec<usize>> = HashMap::new();
    for j in (0..m).rev().filter(|&j| !paired_b[j]) {
        left_b.entry(kb[j].as_str()).or_default().push(j);
    }
    for i in 0..n {
        if paired_a[i] {
            continue;
        }
        if let Some(j) = left_b.get_mut(ka[i].as_str()).and_then(Vec::pop) {
            paired_a[i] = true;
            paired_b[j] = true;
        }
    }
    // Round 3: near words, the closest pairs first; only words with the same first letters meet.
    let prefix = |w: &str| -> String { w.chars().take(NEAR_PREFIX).collect() };
    let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
    for j in (0..m).filter(|&j| !paired_b[j]) {
        by_prefix.entry(prefix(&kb[j])).or_default().push(j);
    }
    let mut close: Vec<(f64, usize, usize)> = Vec::new();
    let mut budget = LCS_MAX_CELLS;
    'rows: for i in (0..n).filter(|&i| !paired_a[i]) {
        for &j in by_prefix.get(&prefix(&ka[i])).into_iter().flatten() {
            // Thousands of unpaired words sharing their first letters (a huge unit of codes or
            // numbered names) would be compared each with each: the round stops at the budget.
            if budget == 0 {
                break 'rows;
            }
            budget -= 1;
            if let Some(s) = near(&ka[i], &kb[j]) {
                close.push((s, i, j));
            }
        }
    }
    close.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (_, i, j) in close {
        if !paired_a[i] && !paired_b[j] {
            paired_a[i] = true;
            paired_b[j] = true;
        }
    }
    let unpaired = |w: &[(Range<usize>, String)], paired: &[bool]| -> Vec<Range<usize>> {
        w.iter().zip(paired).filter(|(_, p)| !**p).map(|(w, _)| w.0.clone()).collect()
    };
    WordDiff {
        only_a: unpaired(&wa, &paired_a),
        only_b: unpaired(&wb, &paired_b),
        shared: paired_a.iter().filter(|p| **p).count(),
        words: (n, m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges.iter().map(|r| text.chars().skip(r.start).take(r.len()).collect()).collect()
    }

    #[test]
    fn marks_changed_words() {
        let d = word_diff("We have agreed on it.", "We have not agreed on this.");
        assert_eq!(d.only_a, vec![18..20]);
        assert_eq!(d.only_b, [8..11, 22..26]);
        assert_eq!((d.shared, d.words), (4, (5, 6)));
        assert!((d.similarity() - 8.0 / 11.0).abs() < 1e-9);
    }

    #[test]
    fn moved_words_and_other_forms_of_a_word_are_no_difference() {
        let (a, b) = (
            "Our positions coincide or are close on most of them.",
            "On most of them our positions do not coincide.",
        );
        let d = word_diff(a, b);
        assert_eq!(marked(a, &d.only_a), ["or", "are", "close"]);
        assert_eq!(marked(b, &d.only_b), ["do", "not"]);
        let (a, b) =
            ("Переговоры о сотрудничестве прошли успешно.", "Итоги переговоров по сотрудничеству успешны.");
        let d = word_diff(a, b);
        assert_eq!(marked(a, &d.only_a), ["о", "прошли"]);
        assert_eq!(marked(b, &d.only_b), ["Итоги", "по"]);
        // An opposite prefix, another number, another word of the same length: differences.
        for (a, b) in [
            ("possible", "impossible"),
            ("согласны", "несогласны"),
            ("import", "export"),
            ("billion", "million"),
            ("2024", "2025"),
        ] {
            let d = word_diff(a, b);
            assert_eq!((d.only_a.len(), d.only_b.len(), d.shared), (1, 1, 0), "{a} / {b}");
        }
        assert_eq!(word_diff("", "").similarity(), 1.0);
    }

    #[test]
    fn a_unit_of_thousands_of_words_is_compared_without_the_ordered_round() {
        let a: String = (0..2100).map(|k| format!("w{k} ")).collect();
        let b: String = (0..2100).rev().map(|k| format!("w{k} ")).collect::<String>() + "extra";
        const { assert!(2101 * 2102 > LCS_MAX_CELLS) };
        let d = word_diff(&a, &b);
        assert_eq!((d.shared, d.only_a.len()), (2100, 0));
        assert_eq!(marked(&b, &d.only_b), ["extra"]);
    }
}
