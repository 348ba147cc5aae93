//! How good `tralign check` is, measured on the shared rues-dev benchmark (ru/en/es, human
//! translations) and asserted with floors just under the measured figures:
//!
//! - `omission` + `addition` on `rues-dev/omit` (every dropped unit is a true omission; gold.json
//!   `omissions`, plus `absent_in_source`), end to end: segment, align, check; pairs ru-en, en-es,
//!   ru-es (two documents, as `tralign check a b`), and all three at once (`tralign check ru en es`,
//!   where the third language is evidence). A finding's side is right when it covers at least half
//!   of an omitted unit (or the unit covers at least half of it) in a language that still has the
//!   unit; each side of a finding is one prediction.
//! - `numbers` on the *numbers set*: the clean documents with one digit of one number changed in 5 %
//!   of the units (seeded, regenerated into a temp dir by [`numbers_set::generate`]), judged on the
//!   gold units so the figure is the check's own; per (unit, pair) involving the changed language.
//! - false findings on `rues-dev/clean`: numbers on gold units, and omission/addition end to end.
//!
//! Run `cargo test --release --test check_eval -- --nocapture` to see the table. To write the numbers
//! set somewhere to look at: `TRALIGN_NUMBERS_SET=/tmp/numbers cargo test --release --test check_eval
//! write_numbers_set -- --ignored`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tralign::align::{AlignConfig, AlignInput, align_documents, rejoin};
use tralign::batch::{BatchConfig, OutputFormat, collection_from_dir, run_batch};
use tralign::check::{CheckConfig, CheckId, Finding, Unit, UnitSide, check_units, units_from_alignment};
use tralign::segment::{Segmenter, Sentence, segment_document, soft_pieces};
use tralign::text::ParagraphMode;
use tralign::tm::Format;

const BENCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench-data");
const PAIRS: [(&str, &str); 3] = [("ru", "en"), ("en", "es"), ("ru", "es")];
/// The pairs as language sets, for the end-to-end omission evaluation.
const PAIR_SETS: [&[&str]; 3] = [&["ru", "en"], &["en", "es"], &["ru", "es"]];
const THREE: [&[&str]; 1] = [&["ru", "en", "es"]];

fn rues(variant: &str) -> PathBuf {
    let dir = Path::new(BENCH).join("rues-dev").join(variant);
    assert!(
        dir.is_dir(),
        "{} is missing: the check evaluation needs the shared rues-dev benchmark (see \
         /work/shared/bench-data/rues-dev/README.md)",
        dir.display()
    );
    dir
}

struct Doc {
    id: String,
    texts: HashMap<String, String>,
    gold: Value,
}

fn read_docs(dir: &Path) -> Vec<Doc> {
    let mut ids: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    ids.sort();
    ids.into_iter()
        .filter(|p| p.join("gold.json").is_file())
        .map(|p| {
            let texts = ["ru", "en", "es"]
                .iter()
                .map(|l| (l.to_string(), std::fs::read_to_string(p.join(format!("{l}.txt"))).unwrap()))
                .collect();
            let gold = serde_json::from_str(&std::fs::read_to_string(p.join("gold.json")).unwrap()).unwrap();
            Doc { id: p.file_name().unwrap().to_string_lossy().into_owned(), texts, gold }
        })
        .collect()
}

fn span(unit: &Value, lang: &str) -> Option<(usize, usize)> {
    let s = unit.get(lang)?.as_array()?;
    Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize))
}

fn only(checks: &[CheckId]) -> CheckConfig {
    CheckConfig {
        allow: CheckId::ALL.into_iter().filter(|c| !checks.contains(c)).collect(),
        ..CheckConfig::default()
    }
}

/// Segment, align and check two or three languages of a document end to end, as `tralign check`
/// does with two or three documents: the aligner sees the sentences cut at soft boundaries, and the
/// pieces that share a unit are joined back.
fn check_end_to_end(doc: &Doc, langs: &[&str], config: &CheckConfig) -> Vec<Finding> {
    let segmenters: Vec<Segmenter> = langs.iter().map(|l| Segmenter::new(l)).collect();
    let sents: Vec<Vec<Sentence>> = langs
        .iter()
        .zip(&segmenters)
        .map(|(l, seg)| segment_document(&doc.texts[*l], ParagraphMode::Blank, seg))
        .collect();
    let pieces: Vec<Vec<Sentence>> =
        sents.iter().zip(&segmenters).map(|(s, seg)| soft_pieces(s, seg)).collect();
    let inputs: Vec<AlignInput<'_>> =
        langs.iter().zip(&pieces).map(|(l, s)| AlignInput { lang: l, sentences: s }).collect();
    let pieced = align_documents(&inputs, &AlignConfig::default());
    let piece_refs: Vec<&[Sentence]> = pieces.iter().map(Vec::as_slice).collect();
    let sent_refs: Vec<&[Sentence]> = sents.iter().map(Vec::as_slice).collect();
    let (alignment, sents) = rejoin(&pieced, &piece_refs, &sent_refs);
    let refs: Vec<&[Sentence]> = sents.iter().map(Vec::as_slice).collect();
    let units = units_from_alignment(&alignment, &refs);
    check_units(&alignment.langs, &units, config)
}

/// The gold units of a document as check units for one pair (units present on both sides).
fn gold_units(doc: &Doc, a: &str, b: &str) -> Vec<(String, Unit)> {
    let chars: HashMap<&str, Vec<char>> =
        [a, b].iter().map(|l| (*l, doc.texts[*l].chars().collect::<Vec<char>>())).collect();
    let mut out = Vec::new();
    for u in doc.gold["units"].as_array().unwrap() {
        let (Some(sa), Some(sb)) = (span(u, a), span(u, b)) else { continue };
        let side = |l: &str, (s, e): (usize, usize)| {
            let t: String = chars[l][s..e].iter().collect();
            Some(UnitSide::from_sentences([(t.as_str(), s)]))
        };
        let unit = Unit { number: out.len() + 1, sides: vec![side(a, sa), side(b, sb)], score: None };
        out.push((u["id"].as_str().unwrap().to_string(), unit));
    }
    out
}

fn overlap(x: (usize, usize), y: (usize, usize)) -> usize {
    x.1.min(y.1).saturating_sub(x.0.max(y.0))
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    tp_pred: usize,
    pred: usize,
    hit_gold: usize,
    gold: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.pred == 0 { 1.0 } else { self.tp_pred as f64 / self.pred as f64 }
    }
    fn recall(&self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.hit_gold as f64 / self.gold as f64 }
    }
}

/// Omission + addition, end to end, on one variant, each document checked with the languages of
/// every set of `sets` on its own, as `tralign check a b [c]` does.
fn omission_score(variant: &str, sets: &[&[&str]]) -> (Score, usize) {
    let config = only(&[CheckId::Omission, CheckId::Addition]);
    score_findings(variant, sets, &|doc, langs| {
        check_end_to_end(doc, langs, &config).iter().map(|f| serde_json::to_value(f).unwrap()).collect()
    })
}

/// Omission + addition, end to end, on one variant checked as one collection, as `tralign batch
/// --qa` does: the lexicon is learned over all the documents, and each document is aligned with it
/// and checked. The findings are read back from the `ID.qa.jsonl` files the batch writes.
fn batch_omission_score(variant: &str, sets: &[&[&str]]) -> (Score, usize) {
    batch_omission_score_with(variant, sets, &AlignConfig::default())
}

/// [`batch_omission_score`] with the given alignment settings (`--gap-cost` and the like).
fn batch_omission_score_with(variant: &str, sets: &[&[&str]], align: &AlignConfig) -> (Score, usize) {
    let mut found: HashMap<(String, String), Vec<Value>> = HashMap::new();
    for &langs in sets {
        let name = langs.join("-");
        // Tests run in parallel: each setting has folders of its own.
        let out = temp_dir(&format!("qa-{variant}-{name}-gap{}", align.params.null_cost));
        let config = BatchConfig {
            formats: vec![OutputFormat::Tm(Format::Jsonl)],
            langs: langs.iter().map(|l| l.to_string()).collect(),
            creationdate: Some("20250314T000000Z".into()),
            force: true,
            qa: true,
            align: align.clone(),
            ..BatchConfig::new(&out)
        };
        let report = run_batch(collection_from_dir(&rues(variant)).unwrap(), &config, &|_| {}).unwrap();
        assert!(!report.any_failed(), "a set of {variant} failed in batch");
        for set in &report.summary.sets {
            let text = std::fs::read_to_string(out.join(format!("{}.qa.jsonl", set.id))).unwrap();
            let findings = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            found.insert((name.clone(), set.id.clone()), findings);
        }
        let _ = std::fs::remove_dir_all(&out);
    }
    score_findings(variant, sets, &|doc, langs| {
        found.get(&(langs.join("-"), doc.id.clone())).cloned().unwrap_or_default()
    })
}

/// Scores the omission and addition findings `check` gives for each document and set of languages
/// (findings as `check --format json` writes them) against the units dropped in the gold. A
/// finding's side is right when it covers at least half of an omitted unit (or the unit covers at
/// least half of it) in a language that still has the unit; each side of a finding is one
/// prediction. Returns the score and the number of gold units involved.
fn score_findings(
    variant: &str,
    sets: &[&[&str]],
    check: &dyn Fn(&Doc, &[&str]) -> Vec<Value>,
) -> (Score, usize) {
    let mut score = Score::default();
    let mut units = 0;
    for doc in read_docs(&rues(variant)) {
        let gold_units = doc.gold["units"].as_array().unwrap();
        let by_id: HashMap<&str, &Value> =
            gold_units.iter().map(|u| (u["id"].as_str().unwrap(), u)).collect();
        let mut dropped: Vec<(String, String)> = Vec::new();
        for key in ["omissions", "absent_in_source"] {
            for o in doc.gold[key].as_array().into_iter().flatten() {
                if let (Some(l), Some(u)) = (o["lang"].as_str(), o["unit"].as_str()) {
                    dropped.push((l.to_string(), u.to_string()));
                }
            }
        }
        for &langs in sets {
            let name = langs.join("-");
            units += gold_units.iter().filter(|u| langs.iter().any(|l| span(u, l).is_some())).count();
            let gold: Vec<(&str, (usize, usize))> = dropped
                .iter()
                .filter(|(l, _)| langs.contains(&l.as_str()))
                .flat_map(|(l, u)| {
                    let unit = by_id[u.as_str()];
                    langs.iter().filter(move |o| **o != l).filter_map(move |o| Some((*o, span(unit, o)?)))
                })
                .collect();
            let findings: Vec<Value> = check(&doc, langs)
                .into_iter()
                .filter(|f| matches!(f["check"].as_str(), Some("omission" | "addition")))
                .collect();
            let sides = |f: &Value| -> Vec<(String, Vec<(usize, usize)>)> {
                f["offsets"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(l, r)| {
                        let spans = r.as_array().into_iter().flatten();
                        let spans =
                            spans.map(|x| (x[0].as_u64().unwrap() as usize, x[1].as_u64().unwrap() as usize));
                        (l.clone(), spans.collect())
                    })
                    .collect()
            };
            let preds: Vec<(String, Vec<(usize, usize)>)> = findings.iter().flat_map(sides).collect();
            let hits = |g: &(&str, (usize, usize)), p: &(String, Vec<(usize, usize)>)| {
                let len_p: usize = p.1.iter().map(|x| x.1 - x.0).sum();
                let ov: usize = p.1.iter().map(|x| overlap(*x, g.1)).sum();
                g.0 == p.0 && ov > 0 && (2 * ov >= g.1.1 - g.1.0 || 2 * ov >= len_p)
            };
            if std::env::var_os("TRALIGN_EVAL_VERBOSE").is_some() {
                let snippet = |l: &str, (s, e): (usize, usize)| -> String {
                    doc.texts[l].chars().skip(s).take((e - s).min(160)).collect()
                };
                for g in gold.iter().filter(|g| !preds.iter().any(|p| hits(g, p))) {
                    println!("MISSED {variant} {} {name} [{}] {}", doc.id, g.0, snippet(g.0, g.1));
                }
                for f in &findings {
                    if sides(f).iter().any(|p| !gold.iter().any(|g| hits(g, p))) {
                        println!(
                            "FALSE {variant} {} {name} unit {}: {}\n    {}",
                            doc.id, f["unit"], f["reason"], f["text"]
                        );
                    }
                }
            }
            score.gold += gold.len();
            score.hit_gold += gold.iter().filter(|g| preds.iter().any(|p| hits(g, p))).count();
            score.pred += preds.len();
            score.tp_pred += preds.iter().filter(|p| gold.iter().any(|g| hits(g, p))).count();
        }
    }
    (score, units)
}

/// `numbers` on gold units of a document set; `changed` lists (doc, unit, lang) that were changed.
fn numbers_score(dir: &Path, changed: &BTreeSet<(String, String, String)>) -> (Score, usize) {
    let mut score = Score::default();
    let mut units = 0;
    let config = only(&[CheckId::Numbers]);
    for doc in read_docs(dir) {
        for (a, b) in PAIRS {
            let gu = gold_units(&doc, a, b);
            units += gu.len();
            let langs = vec![a.to_string(), b.to_string()];
            let just_units: Vec<Unit> = gu.iter().map(|(_, u)| u.clone()).collect();
            let findings = check_units(&langs, &just_units, &config);
            if std::env::var_os("TRALIGN_EVAL_VERBOSE").is_some() && changed.is_empty() {
                for f in &findings {
                    println!("{} {}-{} unit {}: {}\n    {:?}", doc.id, a, b, f.unit, f.reason, f.text.0);
                }
            }
            let flagged: BTreeSet<usize> = findings.iter().map(|f| f.unit).collect();
            for (k, (id, _)) in gu.iter().enumerate() {
                let is_gold =
                    [a, b].iter().any(|l| changed.contains(&(doc.id.clone(), id.clone(), l.to_string())));
                let is_pred = flagged.contains(&(k + 1));
                if is_gold && !is_pred && std::env::var_os("TRALIGN_EVAL_VERBOSE").is_some() {
                    println!("MISSED {} {a}-{b} {id}: {:?}", doc.id, gu[k].1.sides);
                }
                score.gold += usize::from(is_gold);
                score.pred += usize::from(is_pred);
                score.hit_gold += usize::from(is_gold && is_pred);
                score.tp_pred += usize::from(is_gold && is_pred);
            }
        }
    }
    (score, units)
}

mod numbers_set {
    //! The numbers evaluation set: rues-dev/clean with one digit of one number changed in 5 % of the
    //! units (at least one per document that has numbers), in one language drawn per unit. Seeded
    //! (FNV-1a of `numbers-v1` and the doc id → splitmix64), so every run writes the same set.
    //! A digit is replaced by another digit, so every gold span stays valid.

    use super::*;

    pub const SEED: &str = "numbers-v1";

    /// The languages of one unit that hold numbers, with the char ranges of their digit runs.
    type NumberSides = Vec<(String, Vec<(usize, usize)>)>;

    struct Rng(u64);

    impl Rng {
        fn new(doc_id: &str) -> Self {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in SEED.bytes().chain([0]).chain(doc_id.bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            Rng(h)
        }
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Digit runs (numbers) in `chars[s..e]` not glued to a preceding letter: their char ranges.
    fn number_runs(chars: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = s;
        while i < e {
            if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
                let st = i;
                while i < e && chars[i].is_ascii_digit() {
                    i += 1;
                }
                out.push((st, i));
            } else {
                i += 1;
            }
        }
        out
    }

    /// Writes the set under `out` (one folder per document: ru/en/es.txt, gold.json) and returns
    /// the changed (doc, unit, lang).
    pub fn generate(out: &Path) -> BTreeSet<(String, String, String)> {
        let mut changed = BTreeSet::new();
        for doc in read_docs(&rues("clean")) {
            let mut rng = Rng::new(&doc.id);
            let mut chars: HashMap<String, Vec<char>> =
                doc.texts.iter().map(|(l, t)| (l.clone(), t.chars().collect())).collect();
            let units = doc.gold["units"].as_array().unwrap();
            // (unit index, lang, number runs) for every unit side that has a number.
            let mut candidates: Vec<(usize, NumberSides)> = Vec::new();
            for (k, u) in units.iter().enumerate() {
                let sides: NumberSides = ["ru", "en", "es"]
                    .iter()
                    .filter_map(|l| {
                        let (s, e) = span(u, l)?;
                        let runs = number_runs(&chars[*l], s, e);
                        (!runs.is_empty()).then(|| (l.to_string(), runs))
                    })
                    .collect();
                if !sides.is_empty() {
                    candidates.push((k, sides));
                }
            }
            let want = ((units.len() as f64 * 0.05).round() as usize).max(1).min(candidates.len());
            for _ in 0..want {
                let (k, sides) = candidates.swap_remove(rng.below(candidates.len()));
                let (lang, runs) = &sides[rng.below(sides.len())];
                let (s, e) = runs[rng.below(runs.len())];
                let pos = s + rng.below(e - s);
                let text = chars.get_mut(lang).unwrap();
                let old = text[pos].to_digit(10).unwrap();
                let lowest = u32::from(pos == s && e - s > 1);
                let mut new = old;
                while new == old {
                    new = lowest + rng.below((10 - lowest) as usize) as u32;
                }
                text[pos] = char::from_digit(new, 10).unwrap();
                changed.insert((doc.id.clone(), units[k]["id"].as_str().unwrap().to_string(), lang.clone()));
            }
            let dir = out.join(&doc.id);
            std::fs::create_dir_all(&dir).unwrap();
            for (l, c) in &chars {
                std::fs::write(dir.join(format!("{l}.txt")), c.iter().collect::<String>()).unwrap();
            }
            std::fs::write(dir.join("gold.json"), serde_json::to_string(&doc.gold).unwrap()).unwrap();
        }
        let list: Vec<Value> =
            changed.iter().map(|(d, u, l)| serde_json::json!({"doc_id": d, "unit": u, "lang": l})).collect();
        std::fs::write(out.join("changes.json"), serde_json::to_string_pretty(&list).unwrap()).unwrap();
        changed
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tralign-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
#[ignore = "writes the numbers set to $TRALIGN_NUMBERS_SET for inspection"]
fn write_numbers_set() {
    let out = PathBuf::from(std::env::var("TRALIGN_NUMBERS_SET").expect("set TRALIGN_NUMBERS_SET=DIR"));
    let changed = numbers_set::generate(&out);
    println!("{} changes written to {}", changed.len(), out.display());
}

fn row(name: &str, s: Score) {
    println!(
        "{name:<44} precision {:.3} ({}/{})  recall {:.3} ({}/{})",
        s.precision(),
        s.tp_pred,
        s.pred,
        s.recall(),
        s.hit_gold,
        s.gold
    );
}

/// Prints the false findings of `clean` per 100 of its `units` under `name` and returns their number.
fn false_findings(name: &str, clean: Score, units: usize) -> usize {
    let n = clean.pred - clean.tp_pred;
    println!("{name}: {n} false findings in {units} units = {:.2} per 100", 100.0 * n as f64 / units as f64);
    n
}

#[test]
fn numbers_check_finds_changed_numbers() {
    let dir = temp_dir("numbers-set");
    let changed = numbers_set::generate(&dir);
    let (s, units) = numbers_score(&dir, &changed);
    row("numbers, numbers set (gold units)", s);
    let (clean, clean_units) = numbers_score(&rues("clean"), &BTreeSet::new());
    println!(
        "numbers, clean (gold units): {} false findings in {} units = {:.2} per 100",
        clean.pred,
        clean_units,
        100.0 * clean.pred as f64 / clean_units as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(units > 1000 && s.gold > 50, "the numbers set is too small: {s:?}");
    // Floors just under the measured figures (P .955, R .990, 0.19 per 100 clean units).
    assert!(s.precision() >= 0.952, "numbers precision {:.3} fell below 0.952", s.precision());
    assert!(s.recall() >= 0.985, "numbers recall {:.3} fell below 0.985", s.recall());
    assert!(
        clean.pred * 500 < clean_units,
        "numbers: {} false findings in {clean_units} clean units",
        clean.pred
    );
}

#[test]
fn omission_check_finds_dropped_units() {
    let (omit, _) = omission_score("omit", &PAIR_SETS);
    row("omission+addition, omit (end to end)", omit);
    let (clean, units) = omission_score("clean", &PAIR_SETS);
    row("omission+addition, clean (end to end)", clean);
    let false_clean = false_findings("omission+addition, clean", clean, units);
    // Floors just under the measured figures with the real aligner (P .932, R .901, 0.12 false
    // findings per 100 clean units). The target is .95 / .95: not reached yet (README).
    assert!(omit.precision() >= 0.928, "omission precision {:.3} fell below 0.928", omit.precision());
    assert!(omit.recall() >= 0.897, "omission recall {:.3} fell below 0.897", omit.recall());
    assert!(
        false_clean * 500 < units,
        "{false_clean} false omissions in {units} clean units (limit: 0.2 per 100)"
    );
}

#[test]
fn batch_check_finds_dropped_units() {
    let (omit, _) = batch_omission_score("omit", &PAIR_SETS);
    row("omission+addition, omit (batch --qa)", omit);
    let (three, _) = batch_omission_score("omit", &THREE);
    row("omission+addition, omit, ru+en+es (batch --qa)", three);
    let (clean, units) = batch_omission_score("clean", &PAIR_SETS);
    row("omission+addition, clean (batch --qa)", clean);
    let false_clean = false_findings("omission+addition, clean (batch --qa)", clean, units);
    // Floors about a point under the measured figures: pairs P .940, R .938; three-way P .961, R
    // .948; 0.21 false findings per 100 clean units. These rows move by about a point with any change
    // that reaches the lexicon learned over the collection, even one that touches none of the
    // documents scored (EM iterations 4 → 5 alone: pairs .917 / .907 → .921 / .905, three-way .920 /
    // .927 → .930 / .922; the paragraph-crossing cost with one side in one paragraph, which changes
    // the alignment of one rues-dev document, moved three-way .946 / .925 → .941 / .912 through
    // documents it does not align differently). The lexicon learned over the collection, on stems, and
    // the wider second look it earns (pairs .933 / .918 and three-way .948 / .920 on word forms with
    // the narrow look) lift recall above the one-document check's (.901 pairs, .927 three-way). The
    // issue's .95 / .95 is not reached yet.
    assert!(omit.precision() >= 0.93, "batch omission precision {:.3} fell below 0.93", omit.precision());
    assert!(omit.recall() >= 0.928, "batch omission recall {:.3} fell below 0.928", omit.recall());
    assert!(
        three.precision() >= 0.951,
        "batch three-way omission precision {:.3} fell below 0.951",
        three.precision()
    );
    assert!(
        three.recall() >= 0.938,
        "batch three-way omission recall {:.3} fell below 0.938",
        three.recall()
    );
    assert!(
        false_clean * 400 < units,
        "{false_clean} false omissions in {units} clean units (limit: 0.25 per 100)"
    );
}

/// The setting README recommends for checking a delivery with three languages against a collection:
/// `tralign batch DIR --qa --gap-cost 4.0`.
#[test]
fn batch_check_with_a_lower_gap_cost_finds_dropped_units() {
    let mut align = AlignConfig::default();
    align.params.null_cost = 4.0;
    let (omit, _) = batch_omission_score_with("omit", &PAIR_SETS, &align);
    row("omission+addition, omit (batch --qa --gap-cost 4.0)", omit);
    let (three, _) = batch_omission_score_with("omit", &THREE, &align);
    row("omission+addition, omit, ru+en+es (batch --qa --gap-cost 4.0)", three);
    let (clean, units) = batch_omission_score_with("clean", &PAIR_SETS, &align);
    let false_clean = false_findings("omission+addition, clean (batch --qa --gap-cost 4.0)", clean, units);
    // Floors about a point under the measured figures: three-way P .951, R .955 (the issue's
    // .95 / .95); pairs P .933, R .948; 0.25 false findings per 100 clean units. Like every batch
    // row, these move by about a point with any change that reaches the collection's lexicon.
    assert!(
        three.precision() >= 0.941 && three.recall() >= 0.945,
        "batch three-way omission at gap cost 4.0: P {:.3} R {:.3}, floors .941 / .945",
        three.precision(),
        three.recall()
    );
    assert!(
        omit.precision() >= 0.923 && omit.recall() >= 0.938,
        "batch omission at gap cost 4.0: P {:.3} R {:.3}, floors .923 / .938",
        omit.precision(),
        omit.recall()
    );
    assert!(
        false_clean * 300 < units,
        "{false_clean} false omissions in {units} clean units (limit: 0.33 per 100)"
    );
}

#[test]
fn three_way_check_finds_dropped_units() {
    let (omit, _) = omission_score("omit", &THREE);
    row("omission+addition, omit, ru+en+es (end to end)", omit);
    let (clean, units) = omission_score("clean", &THREE);
    row("omission+addition, clean, ru+en+es (end to end)", clean);
    let false_clean = false_findings("omission+addition, clean, ru+en+es", clean, units);
    // Floors just under the measured figures (P .946, R .927, 0.37 false findings per 100 units).
    assert!(
        omit.precision() >= 0.935,
        "three-way omission precision {:.3} fell below 0.935",
        omit.precision()
    );
    assert!(omit.recall() >= 0.922, "three-way omission recall {:.3} fell below 0.922", omit.recall());
    assert!(
        false_clean * 100 < units * 45 / 100,
        "{false_clean} false three-way omissions in {units} clean units (limit: 0.45 per 100)"
    );
}

#[test]
fn clean_documents_raise_few_findings() {
    // Every check but the alignment-based ones, on the gold units of the clean documents, where
    // translations are as published: what each check reports there is (nearly all) noise.
    let config = CheckConfig {
        allow: vec![CheckId::Omission, CheckId::Addition, CheckId::LowConfidence],
        ..CheckConfig::default()
    };
    let mut per_check: HashMap<CheckId, usize> = HashMap::new();
    let mut units = 0;
    for doc in read_docs(&rues("clean")) {
        for (a, b) in PAIRS {
            let gu: Vec<Unit> = gold_units(&doc, a, b).into_iter().map(|(_, u)| u).collect();
            units += gu.len();
            let langs = vec![a.to_string(), b.to_string()];
            for f in check_units(&langs, &gu, &config) {
                if std::env::var("TRALIGN_EVAL_SHOW").is_ok_and(|c| c == f.check.as_str()) {
                    println!("SHOW {} {a}-{b}: {}", doc.id, f.reason);
                    println!("   {}", serde_json::to_string(&f.text).unwrap());
                }
                *per_check.entry(f.check).or_default() += 1;
            }
        }
    }
    let mut errors = 0;
    for c in CheckId::ALL {
        let n = per_check.get(&c).copied().unwrap_or(0);
        if c.severity() == tralign::check::Severity::Error {
            errors += n;
        }
        println!(
            "clean (gold units) {:<14} {n:>5} findings in {units} units = {:.2} per 100",
            c.as_str(),
            100.0 * n as f64 / units as f64
        );
    }
    assert!(errors * 100 < units, "{errors} error-level findings in {units} clean units (limit: 1 per 100)");
    // The warnings and notes most often raised on published translations, held under what they were
    // brought down to (names 0.68, punctuation 1.03 per 100 units).
    for (check, limit) in [(CheckId::Names, 0.75), (CheckId::Punctuation, 1.1)] {
        let n = per_check.get(&check).copied().unwrap_or(0);
        let rate = 100.0 * n as f64 / units as f64;
        assert!(
            rate < limit,
            "{} findings on clean units: {rate:.2} per 100 (limit {limit})",
            check.as_str()
        );
    }
}
