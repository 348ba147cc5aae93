//! Same-language mode: an original against its back-translation (or two versions of one text).
//! Sentences are paired by word similarity (a small monotone dynamic programme with 1-1, 1-2, 2-1,
//! 1-0 and 0-1 steps — wording overlap is the right cue here, not the cross-language length model),
//! and each unit gets `similarity`: the share of the two sides' words the other side has, order
//! aside and other forms of a word counted as the word (see [`super::diff`]: a back-translation
//! reorders freely, and a sentence said in another order keeps its meaning), with a word diff
//! marking what only one side has; a finding when it falls below `--min-similarity`, or when a
//! negation is on one side only. Numbers and names are compared by their own checks, which in one
//! language are exact.

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

/// Content overlap used for pairing: Dice coefficient of the sets of word stems (first 5 letters).
fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count() + b.iter().filter(|w| a.contains(w)).count();
    shared as f64 / (a.len() + b.len()) as f64
}

fn stems(s: &str) -> Vec<String> {
    let mut v: Vec<String> = word_keys(s).into_iter().map(|w| w.chars().take(5).collect()).collect();
    v.sort();
    v.dedup();
    v
}

/// Pairs the sentences of two same-language documents (1-1, 1-2, 2-1, 1-0, 0-1).
pub fn align_same_language(lang: &str, a: &[Sentence], b: &[Sentence]) -> Alignment {
    const SKIP: f64 = 0.55;
    const MERGE: f64 = 0.3;
    let sa: Vec<Vec<String>> = a.iter().map(|s| stems(&s.text)).collect();
    let sb: Vec<Vec<String>> = b.iter().map(|s| stems(&s.text)).collect();
    let join = |v: &[Vec<String>]| {
        let mut all: Vec<String> = v.concat();
        all.sort();
        all.dedup();
        all
    };
    let (n, m) = (a.len(), b.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i][j];
            if here.is_infinite() {
                continue;
            }
            let mut step = |di: usize, dj: usize, c: f64| {
                let (ni, nj) = (i + di, j + dj);
                if ni <= n && nj <= m && here + c < cost[ni][nj] {
                    cost[ni][nj] = here + c;
                    back[ni][nj] = (di, dj);
                }
            };
            step(1, 0, SKIP);
            step(0, 1, SKIP);
            if i < n && j < m {
                step(1, 1, 1.0 - overlap(&sa[i], &sb[j]));
                if i + 1 < n {
                    step(2, 1, 1.0 - overlap(&join(&sa[i..i + 2]), &sb[j]) + MERGE);
                }
                if j + 1 < m {
                    step(1, 2, 1.0 - overlap(&sa[i], &join(&sb[j..j + 2])) + MERGE);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        let score =
            if di > 0 && dj > 0 { overlap(&join(&sa[i - di..i]), &join(&sb[j - dj..j])) } else { 0.0 };
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
    fn pairs_sentences_by_wording() {
        let a = sentences_from_lines("Trade grew by a fifth.\nWe met in Moscow.\nThe talks went well.\n");
        let b =
            sentences_from_lines("Trade grew by a fifth last year.\nThe talks in Moscow went very well.\n");
        let al = align_same_language("en", &a, &b);
        let shapes: Vec<String> = al.beads.iter().map(Bead::shape).collect();
        assert_eq!(shapes, ["1-1", "2-1"]);
    }
}
