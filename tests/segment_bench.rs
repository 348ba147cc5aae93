//! Quality floors on the seg-dev benchmark (`../shared/bench-data/seg-dev`), scored in process the
//! way `bench/seg/score.py` does: whitespace-normalised sentences, boundary F1 over the `ud` and
//! `news` suites together ("corpus"), exact-match case accuracy over `rules`. The floors sit just
//! under the scores reached, so a rule change that loses quality fails here.

use std::collections::BTreeSet;
use std::path::Path;

use tralign::segment::{Segmenter, segment_document};
use tralign::text::ParagraphMode;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench-data/seg-dev");

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonws_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Non-whitespace offsets of the sentence ends, the last one excluded.
fn boundaries(sents: &[String]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut n = 0;
    for s in sents {
        n += nonws_len(s);
        out.insert(n);
    }
    out.remove(&n);
    out
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    cases: usize,
    ok: usize,
}

impl Tally {
    fn f1(&self) -> f64 {
        let p = if self.tp + self.fp > 0 { self.tp as f64 / (self.tp + self.fp) as f64 } else { 1.0 };
        let r = if self.tp + self.fn_ > 0 { self.tp as f64 / (self.tp + self.fn_) as f64 } else { 1.0 };
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }

    fn acc(&self) -> f64 {
        self.ok as f64 / self.cases.max(1) as f64
    }
}

fn score(lang: &str, suites: &[&str]) -> Tally {
    let dir = Path::new(DATA);
    assert!(
        dir.is_dir(),
        "the seg-dev benchmark folder is absent: expected {} (a checkout beside ../shared/bench-data)",
        dir.display()
    );
    let segmenter = Segmenter::new(lang);
    let mut t = Tally::default();
    for suite in suites {
        let path = dir.join(format!("{lang}.{suite}.jsonl"));
        let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON case");
            let text = case["text"].as_str().expect("text");
            let gold: Vec<String> = case["sentences"]
                .as_array()
                .expect("sentences")
                .iter()
                .map(|s| norm_ws(s.as_str().unwrap_or("")))
                .filter(|s| !s.is_empty())
                .collect();
            let pred: Vec<String> = segment_document(text, ParagraphMode::Blank, &segmenter)
                .iter()
                .map(|s| norm_ws(&s.text))
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(pred.iter().map(|s| nonws_len(s)).sum::<usize>(), nonws_len(text), "characters lost");
            let (g, p) = (boundaries(&gold), boundaries(&pred));
            let tp = g.intersection(&p).count();
            t.tp += tp;
            t.fp += p.len() - tp;
            t.fn_ += g.len() - tp;
            t.cases += 1;
            t.ok += usize::from(gold == pred);
        }
    }
    t
}

fn check(lang: &str, corpus_floor: f64, rules_floor: f64) {
    let corpus = score(lang, &["ud", "news"]).f1();
    let rules = score(lang, &["rules"]).acc();
    eprintln!("{lang}: corpus F1 {corpus:.5}, rules accuracy {rules:.4}");
    assert!(corpus >= corpus_floor, "{lang} corpus F1 {corpus:.4} fell below {corpus_floor}");
    assert!(rules >= rules_floor, "{lang} rules accuracy {rules:.4} fell below {rules_floor}");
}

#[test]
fn seg_dev_en() {
    check("en", 0.994, 0.905);
}

#[test]
fn seg_dev_ru() {
    check("ru", 0.990, 0.95);
}

#[test]
fn seg_dev_es() {
    check("es", 0.998, 0.97);
}
