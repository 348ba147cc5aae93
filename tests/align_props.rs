//! Property tests of the aligner's invariants: whatever the input, the alignment is monotone and
//! complete (every sentence of every document in exactly one unit, in order), scores are in [0, 1],
//! and nothing panics.

use proptest::prelude::*;
use tralign::align::{AlignConfig, AlignInput, Alignment, align_documents};
use tralign::segment::Sentence;

fn sentences(texts: &[(String, bool)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let (mut para, mut pos) = (0, 0);
    for (k, (t, new_para)) in texts.iter().enumerate() {
        if *new_para && k > 0 {
            para += 1;
        }
        let n = t.chars().count();
        out.push(Sentence { para, start: pos, end: pos + n, text: t.clone(), soft: false });
        pos += n + 1;
    }
    out
}

fn check(al: &Alignment, sizes: &[usize]) {
    let mut next = vec![0usize; sizes.len()];
    for b in &al.beads {
        assert_eq!(b.sents.len(), sizes.len());
        assert!(b.sents.iter().any(|r| !r.is_empty()), "empty unit");
        assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
        for (k, r) in b.sents.iter().enumerate() {
            if !r.is_empty() {
                assert_eq!(r.start, next[k], "language {k}: gap or overlap at sentence {}", next[k]);
                next[k] = r.end;
            }
        }
    }
    assert_eq!(next, sizes, "not every sentence is in a unit");
}

fn doc() -> impl Strategy<Value = Vec<(String, bool)>> {
    prop::collection::vec(
        (
            prop_oneof![
                "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,12}[.?!]",
                "[А-Я][а-я]{1,8}( [а-я]{1,8}){0,10}\\.",
                "[0-9]{1,4}( [a-z]{1,5}){0,3}",
                "\"[A-Za-z ]{0,20}\"",
            ],
            prop::bool::weighted(0.2),
        ),
        0..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn two_documents_align_monotone_and_complete(a in doc(), b in doc(), hard in any::<bool>(), max_bead in 1usize..5) {
        let (sa, sb) = (sentences(&a), sentences(&b));
        let config = AlignConfig { max_bead, hard_anchors: hard, ..AlignConfig::default() };
        let al = align_documents(&[AlignInput { lang: "en", sentences: &sa }, AlignInput { lang: "ru", sentences: &sb }], &config);
        check(&al, &[sa.len(), sb.len()]);
    }

    #[test]
    fn three_documents_align_monotone_and_complete(a in doc(), b in doc(), c in doc(), pivot in prop::option::of(0usize..3)) {
        let (sa, sb, sc) = (sentences(&a), sentences(&b), sentences(&c));
        let config = AlignConfig { pivot, ..AlignConfig::default() };
        let al = align_documents(
            &[AlignInput { lang: "ru", sentences: &sa }, AlignInput { lang: "en", sentences: &sb }, AlignInput { lang: "es", sentences: &sc }],
            &config,
        );
        check(&al, &[sa.len(), sb.len(), sc.len()]);
    }
}

#[test]
fn long_documents_take_the_banded_path_and_stay_complete() {
    // Above the size solved in full, with a long omission in the middle of one side.
    let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
    let make = |n: usize, skip: std::ops::Range<usize>| {
        let texts: Vec<(String, bool)> = (0..n)
            .filter(|i| !skip.contains(i))
            .map(|i| {
                let len = 3 + (i * 7) % 11;
                let t: Vec<&str> = (0..len).map(|k| words[(i + k) % words.len()]).collect();
                (format!("{} {i}.", t.join(" ")), i % 5 == 0)
            })
            .collect();
        sentences(&texts)
    };
    let a = make(1500, 0..0);
    let b = make(1500, 700..736);
    let al = align_documents(
        &[AlignInput { lang: "en", sentences: &a }, AlignInput { lang: "en", sentences: &b }],
        &AlignConfig::default(),
    );
    check(&al, &[a.len(), b.len()]);
    let ones = al.beads.iter().filter(|b| b.sents[0].len() == 1 && b.sents[1].len() == 1).count();
    assert!(ones >= 1400, "only {ones} 1-1 units");
}

#[test]
fn identical_documents_align_one_to_one_with_high_scores() {
    let texts: Vec<(String, bool)> = (0..30)
        .map(|i| {
            (
                format!("Sentence number {i} talks about the weather in Paris and {} other things.", i * 3),
                i % 4 == 0,
            )
        })
        .collect();
    let s = sentences(&texts);
    let al = align_documents(
        &[AlignInput { lang: "fr", sentences: &s }, AlignInput { lang: "fr", sentences: &s }],
        &AlignConfig::default(),
    );
    assert_eq!(al.beads.len(), 30);
    for (k, b) in al.beads.iter().enumerate() {
        assert_eq!(b.sents, vec![k..k + 1, k..k + 1]);
        assert!(b.score > 0.9, "unit {k} score {}", b.score);
    }
}

#[test]
fn empty_against_non_empty_gives_single_language_units() {
    let s = sentences(&[("One.".into(), false), ("Two.".into(), false)]);
    let al = align_documents(
        &[AlignInput { lang: "en", sentences: &[] }, AlignInput { lang: "de", sentences: &s }],
        &AlignConfig::default(),
    );
    check(&al, &[0, 2]);
    assert!(al.beads.iter().all(|b| b.sents[0].is_empty()));
}
