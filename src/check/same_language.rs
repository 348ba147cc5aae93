//! Same-language mode: an original against its back-translation (or two versions of one text).
//! Sentences are paired by word similarity (a small monotone dynamic programme with 1-1, 1-2, 2-1,
//! 1-0 and 0-1 steps — wording overlap is the right cue here, not the cross-language length model),
//! and each unit gets `similarity`: the share of the two sides' words the other side has, order
//! aside and other forms of a word counted as the word (see [`super::diff`]: a back-translation
//! reorders freely, and a sentence said in another order keeps its meaning), with a word diff
//! marking what only one side has; a finding when it falls below `--min-similarity`, or when a
//! negation is on one side only. Numbers and names are compared by their own checks, which in one
//! language are exact.

use std::collections::HashMap;

use crate::align::{Alignment, Bead};
use crate::segment::Sentence;

use super::diff::{WordDiff, word_diff};
use super::{CheckConfig, CheckId, Draft, PairView, words};

fn word_keys(s: &str) -> Vec<String> {
    words(s).into_iter().map(|(_, w)| w.to_lowercase()).collect()
}

/// Word similarity of two texts in [0, 1] ([`WordDiff::similarity`]).
pub fn similarity(a: &str, b: &str) -> f64 {
    word_diff(a, b).similarity()
}

/// Content overlap used for pairing: Dice coefficient of two sets of word stems (sorted ids).
fn overlap(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Each sentence's word stems (first 5 letters, lower case) as sorted distinct ids, and the same
/// for each sentence joined with the next (`[k]`: sentences k and k + 1).
fn stem_sets(sentences: &[Sentence], ids: &mut HashMap<String, u32>) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
    let one: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            let mut v: Vec<u32> = word_keys(&s.text)
                .into_iter()
                .map(|w| {
                    let stem: String = w.chars().take(5).collect();
                    let next = ids.len() as u32;
                    *ids.entry(stem).or_insert(next)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let two = one
        .windows(2)
        .map(|w| {
            let mut v = [w[0].as_slice(), w[1].as_slice()].concat();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    (one, two)
}

/// Sentence pairs up to which the pairing searches every cell; longer documents search a band
/// around the diagonal (see [`align_same_language`]).
const FULL_CELLS: usize = 1 << 22;
/// Sentences the band reaches beyond the two documents' difference in length on each side of the
/// diagonal.
const BAND_MARGIN: usize = 256;
/// Most cells of a band (≈ 9 bytes each): a band this wide for its rows is narrowed to fit, down
/// to [`BAND_MARGIN`] on each side of the diagonal.
const BAND_MAX_CELLS: usize = 1 << 25;

/// Pairs the sentences of two same-language documents (1-1, 1-2, 2-1, 1-0, 0-1) by the overlap of
/// their word stems, a monotone dynamic programme. Up to [`FULL_CELLS`] cells it searches them
/// all; beyond (thousands of sentences a side), the cells within the documents' difference in
/// sentences plus [`BAND_MARGIN`] of the diagonal, which holds the path of any one block left out
/// or added, as long as that fits in [`BAND_MAX_CELLS`] (a 13,000-sentence document with a
/// 1,000-sentence gap does; beyond, the band narrows and a longer gap may be paired wrongly): time
/// and memory grow linearly with the documents.
pub fn align_same_language(lang: &str, a: &[Sentence], b: &[Sentence]) -> Alignment {
    const SKIP: f64 = 0.55;
    const MERGE: f64 = 0.3;
    let mut ids = HashMap::new();
    let (sa, sa2) = stem_sets(a, &mut ids);
    let (sb, sb2) = stem_sets(b, &mut ids);
    let (n, m) = (a.len(), b.len());
    // The columns searched in each row: lo[i]..=hi[i], both non-decreasing, lo[0] = 0, hi[n] = m.
    let (lo, hi): (Vec<usize>, Vec<usize>) = if (n + 1).saturating_mul(m + 1) <= FULL_CELLS {
        ((0..=n).map(|_| 0).collect(), (0..=n).map(|_| m).collect())
    } else {
        let w = (n.abs_diff(m) + BAND_MARGIN).min((BAND_MAX_CELLS / (2 * (n + 1))).max(BAND_MARGIN));
        (0..=n)
            .map(|i| {
                let centre = (i * m).checked_div(n).unwrap_or(0);
                (centre.saturating_sub(w), (centre + w).min(m))
            })
            .unzip()
    };
    let mut start = Vec::with_capacity(n + 2);
    start.push(0usize);
    for i in 0..=n {
        start.push(start[i] + hi[i] + 1 - lo[i]);
    }
    let cell = |i: usize, j: usize| (j >= lo[i] && j <= hi[i]).then(|| start[i] + j - lo[i]);
    let cells = start[n + 1];
    let mut cost = vec![f64::INFINITY; cells];
    let mut back = vec![0u8; cells];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in lo[i]..=hi[i] {
            let here = cost[start[i] + j - lo[i]];
            if here.is_infinite() {
                continue;
            }
            let mut step = |di: usize, dj: usize, c: f64| {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    return;
                }
                if let Some(k) = cell(ni, nj)
                    && here + c < cost[k]
                {
                    cost[k] = here + c;
                    back[k] = (3 * di + dj) as u8;
                }
            };
            step(1, 0, SKIP);
            step(0, 1, SKIP);
            if i < n && j < m {
                step(1, 1, 1.0 - overlap(&sa[i], &sb[j]));
                if i + 1 < n {
                    step(2, 1, 1.0 - overlap(&sa2[i], &sb[j]) + MERGE);
                }
                if j + 1 < m {
                    step(1, 2, 1.0 - overlap(&sa[i], &sb2[j]) + MERGE);
                }
            }
        }
    }
    // The stems of a bead side of `d` sentences ending at `end`.
    fn side<'v>(one: &'v [Vec<u32>], two: &'v [Vec<u32>], end: usize, d: usize) -> &'v [u32] {
        if d == 2 { &two[end - 2] } else { &one[end - 1] }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        // Every cell of the band is reachable (its rows overlap), so the walk ends at (0, 0); were
        // it ever cut short, the sentences left would still each get a unit of their own.
        let step = cell(i, j).map_or((0, 0), |k| (usize::from(back[k] / 3), usize::from(back[k] % 3)));
        let (di, dj) = if step == (0, 0) { (usize::from(i > 0), usize::from(i == 0)) } else { step };
        let score =
            if di > 0 && dj > 0 { overlap(side(&sa, &sa2, i, di), side(&sb, &sb2, j, dj)) } else { 0.0 };
        beads.push(Bead { sents: vec![i - di..i, j - dj..j], score });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    Alignment { langs: vec![lang.to_string(), lang.to_string()], beads }
}

const NEGATIONS: [&str; 12] =
    ["not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "without", "cannot", "нет", "не"];

fn is_negation(w: &str) -> bool {
    let w = w.to_lowercase();
    NEGATIONS.contains(&w.as_str())
        || w.ends_with("n't")
        || w.ends_with("n’t")
        || matches!(w.as_str(), "ни" | "nunca" | "nadie" | "nada")
}

pub fn check(p: &PairView<'_>, config: &CheckConfig) -> Vec<Draft> {
    let (a, b) = (&p.a.text, &p.b.text);
    let diff = word_diff(a, b);
    let sim = diff.similarity();
    let WordDiff { only_a, only_b, .. } = diff;
    let mut out = Vec::new();
    let slice =
        |s: &str, r: &std::ops::Range<usize>| s.chars().skip(r.start).take(r.len()).collect::<String>();
    let neg_a: Vec<_> = only_a.iter().filter(|r| is_negation(&slice(a, r))).cloned().collect();
    let neg_b: Vec<_> = only_b.iter().filter(|r| is_negation(&slice(b, r))).cloned().collect();
    let count = |s: &str| words(s).iter().filter(|(_, w)| is_negation(w)).count();
    if count(a) != count(b) && (!neg_a.is_empty() || !neg_b.is_empty()) {
        let (lang, words_shown) = if count(a) > count(b) {
            (p.label_a, neg_a.iter().map(|r| slice(a, r)).collect::<Vec<_>>())
        } else {
            (p.label_b, neg_b.iter().map(|r| slice(b, r)).collect::<Vec<_>>())
        };
        let mut d = Draft::new(
            CheckId::Similarity,
            format!("negation only in {lang} ('{}'): the meaning may be reversed", words_shown.join("', '")),
            vec![p.i, p.j],
        );
        d = d.marks(p.i, neg_a).marks(p.j, neg_b);
        out.push(d);
    }
    if sim < config.min_similarity {
        let mut d = Draft::new(
            CheckId::Similarity,
            format!(
                "word similarity {sim:.2} is below {:.2}: check that the meaning is kept",
                config.min_similarity
            ),
            vec![p.i, p.j],
        );
        d = d.marks(p.i, only_a).marks(p.j, only_b);
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences_from_lines;

    #[test]
    fn similarity_and_negation() {
        assert!((similarity("We agreed on it.", "We agreed on it.") - 1.0).abs() < 1e-9);
        assert!(similarity("We agreed on it.", "They rejected everything else entirely.") < 0.2);
        let (a, b) = (
            super::super::UnitSide::plain("We agreed on it."),
            super::super::UnitSide::plain("We did not agree on it."),
        );
        let p =
            PairView { i: 0, j: 1, a: &a, b: &b, lang_a: "en", lang_b: "en", label_a: "en", label_b: "en#2" };
        let d = check(&p, &CheckConfig::default());
        assert!(d[0].reason.starts_with("negation only in en#2 ('not')"), "{d:?}");
    }

    #[test]
    fn a_reordered_sentence_keeps_its_similarity_a_rewritten_one_does_not() {
        let reordered = similarity(
            "Today we held friendly talks with my colleague.",
            "Today my colleague and I held friendly talks.",
        );
        assert!((reordered - 0.75).abs() < 1e-9, "{reordered}");
        let rewritten = similarity("The talks were successful.", "The negotiations collapsed.");
        assert!(rewritten < CheckConfig::default().min_similarity, "{rewritten}");
    }

    #[test]
    fn long_documents_are_paired_in_a_band_that_holds_a_left_out_block() {
        // 2,600 × 2,480 sentences: more cells than the full search takes, so the band is used.
        let text = |k: usize| format!("A{k} b{k} c{k}, and d{k}.\n");
        let a: String = (0..2600).map(text).collect();
        let b: String = (0..2600).filter(|k| !(1000..1120).contains(k)).map(text).collect();
        let (a, b) = (sentences_from_lines(&a), sentences_from_lines(&b));
        assert!((a.len() + 1) * (b.len() + 1) > FULL_CELLS);
        let al = align_same_language("en", &a, &b);
        let shapes: Vec<String> = al.beads.iter().map(Bead::shape).collect();
        assert_eq!(shapes.iter().filter(|s| *s == "1-0").count(), 120);
        assert_eq!(shapes.iter().filter(|s| *s == "1-1").count(), 2480);
        // Complete and in order: every sentence of both sides once.
        let (mut i, mut j) = (0, 0);
        for bead in &al.beads {
            assert_eq!((bead.sents[0].start, bead.sents[1].start), (i, j));
            (i, j) = (bead.sents[0].end, bead.sents[1].end);
        }
        assert_eq!((i, j), (a.len(), b.len()));
    }

    #[test]
    fn pairs_sentences_by_wording() {
        let a = sentences_from_lines("Trade grew by a fifth.\nWe met in Moscow.\nThe talks went well.\n");
        let b =
            sentences_from_lines("Trade grew by a fifth last year.\nThe talks in Moscow went very well.\n");
        let al = align_same_language("en", &a, &b);
        let shapes: Vec<String> = al.beads.iter().map(Bead::shape).collect();
        assert_eq!(shapes, ["1-1", "2-1"]);
    }
}
