//! `omission`, `addition`, `low-confidence`: what the alignment itself says. The first side is the
//! source: a sentence present there with no counterpart in another side is an omission in that side;
//! one missing from the source but present elsewhere is an addition. A unit the aligner scored below
//! `--min-score` is `low-confidence` (its pairing may be wrong, so its other findings may be too).
//!
//! An aligner leaves a sentence unaligned for two reasons: the translation really lacks it, or the
//! two sides were split or paired differently around it. So a one-sided unit is an omission only
//! when the evidence says so, and a unit that holds an omitted sentence is found too:
//!
//! - three languages: a unit present in two and missing in the third is judged as with two, side
//!   by side: that two translations agree the sentence exists does not make it missing from the
//!   third when a neighbour of the third accounts for it (on rues-dev `omit`, trusting the two
//!   cost 1.5 points of precision and gained 0.2 of recall);
//! - a one-sided unit needs substance (a few words, not a stray fragment), and no neighbour may
//!   explain it: a neighbour one-sided the other way means a pair the aligner split in two; when the
//!   neighbouring unit's other side translates it (shared words in a lexicon
//!   learned from the document's confident units, names, numbers, cognates) or its length only fits
//!   with it, the aligner split or paired differently and the unit is `low-confidence`; when the
//!   neighbour's other side translates the unaligned sentence *better* than the sentence it was
//!   paired with, that sentence is the omission (the aligner took the wrong one of two);
//! - a unit with several sentences on one side whose edge sentence is unexplained (the unit's length
//!   only fits without it and the other side shares nothing with it) absorbed an omitted sentence.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::length::LengthStats;
use super::{CheckConfig, CheckId, Draft, Unit, UnitSide, names, words};
use crate::align::{IdHasher, IdMap};
use crate::text::normalize::fold;

/// The omission-like drafts of every unit (index = unit position): they look at neighbours, so
/// they are computed for the whole document at once.
pub fn check_all(units: &[Unit], labels: &[String], config: &CheckConfig) -> Vec<Vec<Draft>> {
    let n = labels.len();
    let mut out: Vec<Vec<Draft>> = vec![Vec::new(); units.len()];
    let mut ev = Evidence::new(units, n);
    for k in 0..units.len() {
        let unit = &units[k];
        let present: Vec<usize> = (0..n).filter(|&i| unit.sides[i].is_some()).collect();
        let missing: Vec<usize> = (0..n).filter(|&i| unit.sides[i].is_none()).collect();
        if present.is_empty() {
            continue;
        }
        if missing.is_empty() {
            let absorbed = absorbed_sentences(units, k, &mut ev);
            for (side, range, other) in &absorbed {
                out[k].push(omission_draft(labels, *side, &[*other], Some(range.clone())));
            }
            if absorbed.is_empty()
                && let Some(score) = unit.score
                && score < config.min_score
            {
                out[k].push(low_confidence(score, config, present));
            }
            continue;
        }
        // With three languages too, each present side is judged against each missing one: two
        // languages agreeing that a sentence exists does not make it missing from the third when a
        // neighbour of the third accounts for it.
        let mut verdict = Verdict::Omission;
        for &p in &present {
            for &q in &missing {
                match judge_orphan(units, k, p, q, &mut ev) {
                    Verdict::Omission => {}
                    v => verdict = v,
                }
            }
        }
        match verdict {
            Verdict::Omission => {
                let names: Vec<&str> = present.iter().map(|&i| labels[i].as_str()).collect();
                let miss: Vec<&str> = missing.iter().map(|&i| labels[i].as_str()).collect();
                let d = if unit.sides[0].is_some() {
                    Draft::new(
                        CheckId::Omission,
                        format!(
                            "{} has no counterpart in {}: left out of the translation",
                            names.join("+"),
                            miss.join("+")
                        ),
                        present,
                    )
                } else {
                    Draft::new(
                        CheckId::Addition,
                        format!(
                            "{} has no counterpart in {}: added in translation",
                            names.join("+"),
                            labels[0]
                        ),
                        present,
                    )
                };
                out[k].push(d);
            }
            Verdict::Explained => out[k].push(Draft::new(
                CheckId::LowConfidence,
                "unaligned, but a neighbouring unit accounts for it (split or paired differently); \
                 check the pairing"
                    .to_string(),
                present,
            )),
            Verdict::Short => out[k].push(Draft::new(
                CheckId::LowConfidence,
                "unaligned, and too short to tell whether the other side lacks it (a label, a \
                 dateline, a one-word reply); check it"
                    .to_string(),
                present,
            )),
            Verdict::Swapped { unit: j, side, other } => {
                let range = units[j].sides[side].as_ref().map(|s| 0..s.char_len()).unwrap_or(0..0);
                out[j].push(omission_draft(labels, side, &[other], Some(range)));
                out[k].push(Draft::new(
                    CheckId::LowConfidence,
                    format!(
                        "left unaligned, but it is what unit {} of {} translates; that unit's {} has no counterpart",
                        units[j].number, labels[other], labels[side]
                    ),
                    present,
                ));
            }
        }
    }
    out
}

fn low_confidence(score: f64, config: &CheckConfig, present: Vec<usize>) -> Draft {
    Draft::new(
        CheckId::LowConfidence,
        format!("alignment confidence {score:.2} is below {:.2}; check the pairing", config.min_score),
        present,
    )
}

/// An omission (or, when the source is the side that has it, addition) of side `side` — the whole
/// side, or one sentence of it (`range`, chars of the side's text) — against the sides `others`.
fn omission_draft(labels: &[String], side: usize, others: &[usize], range: Option<Range<usize>>) -> Draft {
    let what = if range.is_some() { "a sentence of " } else { "" };
    let (check, reason) = if side != 0 && others.contains(&0) {
        (
            CheckId::Addition,
            format!("{what}{} has no counterpart in {}: added in translation", labels[side], labels[0]),
        )
    } else {
        let miss: Vec<&str> = others.iter().map(|&i| labels[i].as_str()).collect();
        (
            CheckId::Omission,
            format!(
                "{what}{} has no counterpart in {}: left out of the translation",
                labels[side],
                miss.join("+")
            ),
        )
    };
    let d = Draft::new(check, reason, vec![side]);
    match range {
        Some(r) => d.mark(side, r),
        None => d,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Omission,
    /// A neighbour's other side accounts for the sentence.
    Explained,
    /// Too few words to tell (a label, a dateline, a one-word reply).
    Short,
    /// The sentence of side `side` in unit `unit` is the one without a counterpart in `other`.
    Swapped {
        unit: usize,
        side: usize,
        other: usize,
    },
}

/// Words with letters: at least 2 of them make a sentence worth reporting.
const MIN_WORDS: usize = 2;

fn substance(text: &str) -> usize {
    words(text).iter().filter(|(_, w)| w.chars().any(char::is_alphabetic)).count()
}

/// Share of a sentence's words the other side must translate for it to count as "accounted for".
const ACCOUNTED: f64 = 0.3;

/// Whether the one-sided unit `k` (present in `p`, missing in `q`) is an omission, explained by a
/// neighbour, or the neighbour's sentence is the omitted one.
fn judge_orphan(units: &[Unit], k: usize, p: usize, q: usize, ev: &mut Evidence) -> Verdict {
    let Some(orphan) = &units[k].sides[p] else { return Verdict::Omission };
    let ow = content_words(&orphan.text);
    if substance(&orphan.text) < MIN_WORDS {
        return Verdict::Short;
    }
    let neighbours = [k.checked_sub(1), Some(k + 1)];
    for j in neighbours.into_iter().flatten() {
        let Some(nb) = units.get(j) else { continue };
        if nb.sides[q].is_some() && nb.sides[p].is_none() {
            // A one-sided neighbour on the other side: the aligner split a pair it could not match
            // (two neighbouring omissions in opposite directions are far rarer).
            return Verdict::Explained;
        }
        let (Some(np), Some(nq)) = (&nb.sides[p], &nb.sides[q]) else { continue };
        // How much of the neighbour's other side its own side accounts for, the unaligned sentence
        // alone, and both together.
        let qw = content_words(&nq.text);
        let pw = content_words(&np.text);
        let own = ev.share(q, p, &qw, &pw);
        let by_orphan = ev.share(q, p, &qw, &ow);
        let both: Vec<String> = pw.iter().chain(&ow).cloned().collect();
        let together = ev.share(q, p, &qw, &both);
        if by_orphan >= ACCOUNTED && by_orphan > own + 0.25 && np.piece_ranges().count() == 1 {
            return Verdict::Swapped { unit: j, side: p, other: q };
        }
        if together >= own + 0.2 {
            return Verdict::Explained;
        }
        // Length: the neighbour only fits with the sentence added to its side.
        let stats = ev.length(units, p, q).clone();
        if stats.n >= 8 {
            let z_without = stats.z(p, q, chars(np), chars(nq));
            let z_with = stats.z(p, q, chars(np) + chars(orphan), chars(nq));
            if z_without.abs() > 2.5 && z_with.abs() < 1.0 {
                return Verdict::Explained;
            }
        }
    }
    Verdict::Omission
}

/// Sentences of a two-sided unit that the other side does not account for: (side, char range of the
/// sentence in the side's text, the side lacking it).
fn absorbed_sentences(units: &[Unit], k: usize, ev: &mut Evidence) -> Vec<(usize, Range<usize>, usize)> {
    let mut out = Vec::new();
    let n = units[k].sides.len();
    for p in 0..n {
        for q in 0..n {
            if p == q {
                continue;
            }
            let (Some(sp), Some(sq)) = (&units[k].sides[p], &units[k].sides[q]) else { continue };
            let pieces: Vec<Range<usize>> = sp.piece_ranges().collect();
            if pieces.len() < 2 || pieces.len() <= sq.piece_ranges().count() {
                continue;
            }
            let stats = ev.length(units, p, q).clone();
            if stats.n < 8 {
                continue;
            }
            let qw = content_words(&sq.text);
            let chars_of = |r: &Range<usize>| {
                sp.text.chars().skip(r.start).take(r.len()).filter(|c| !c.is_whitespace()).count()
            };
            let total: usize = pieces.iter().map(chars_of).sum();
            let z_full = stats.z(p, q, total, chars(sq));
            if z_full.abs() <= 2.0 {
                continue;
            }
            for edge in [0, pieces.len() - 1] {
                let r = &pieces[edge];
                let text: String = sp.text.chars().skip(r.start).take(r.len()).collect();
                let sw = content_words(&text);
                if substance(&text) < MIN_WORDS {
                    continue;
                }
                let rest: String = pieces
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != edge)
                    .map(|(_, r)| sp.text.chars().skip(r.start).take(r.len()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" ");
                let z_drop = stats.z(p, q, total - chars_of(r), chars(sq));
                let s_share = ev.share(p, q, &sw, &qw);
                let rest_share = ev.share(p, q, &content_words(&rest), &qw);
                if z_drop.abs() < 1.5 && s_share < 0.15 && rest_share >= s_share + 0.2 {
                    out.push((p, r.clone(), q));
                    break;
                }
            }
        }
    }
    out
}

fn chars(s: &UnitSide) -> usize {
    s.text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Folded words of a text, without the short ones (articles, prepositions).
fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, w)| fold(&w))
        .filter(|w| w.chars().count() >= 3 || w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

impl LengthStats {
    /// How many robust deviations the length ratio of `la` (side `p`) to `lb` (side `q`) non-space
    /// chars lies from the document's median (the stats are for the pair in side order).
    fn z(&self, p: usize, q: usize, la: usize, lb: usize) -> f64 {
        let (a, b) = if p < q { (la, lb) } else { (lb, la) };
        let x = ((a as f64 + 10.0) / (b as f64 + 10.0)).ln();
        (x - self.median) / self.scale
    }
}

/// What the omission check learns from the document: per pair of sides, word pairs that translate
/// each other (co-occurring in the confident units), and the length model.
struct Evidence {
    /// Transliterated name keys of words (see [`names::name_key`]), computed once per word.
    keys: names::KeyMemo,
    /// Per pair of sides `(a, b)` with `a < b`: the word pairs (ids `a << 32 | b`) that translate
    /// each other.
    lexicons: HashMap<(usize, usize), HashSet<u64, BuildHasherDefault<IdHasher>>>,
    /// Per side: each word's id.
    vocab: Vec<HashMap<String, u32>>,
    /// Per side, per id: in how many units the word occurs.
    df: Vec<Vec<usize>>,
    n_units: usize,
    lengths: HashMap<(usize, usize), LengthStats>,
    /// Per side, per unit: the ids of its words, sorted, each once.
    docs: Vec<Vec<Option<Vec<u32>>>>,
}

impl Evidence {
    fn new(units: &[Unit], n: usize) -> Self {
        let mut vocab: Vec<HashMap<String, u32>> = vec![HashMap::new(); n];
        let mut df: Vec<Vec<usize>> = vec![Vec::new(); n];
        let docs: Vec<Vec<Option<Vec<u32>>>> = (0..n)
            .map(|i| {
                units
                    .iter()
                    .map(|u| {
                        let s = u.sides[i].as_ref()?;
                        let mut ids: Vec<u32> = content_words(&s.text)
                            .into_iter()
                            .map(|w| {
                                let next = vocab[i].len() as u32;
                                *vocab[i].entry(w).or_insert(next)
                            })
                            .collect();
                        ids.sort_unstable();
                        ids.dedup();
                        df[i].resize(vocab[i].len(), 0);
                        for &id in &ids {
                            df[i][id as usize] += 1;
                        }
                        Some(ids)
                    })
                    .collect()
            })
            .collect();
        Evidence {
            keys: names::KeyMemo::default(),
            lexicons: HashMap::new(),
            lengths: HashMap::new(),
            vocab,
            docs,
            df,
            n_units: units.len(),
        }
    }

    fn length(&mut self, units: &[Unit], p: usize, q: usize) -> &LengthStats {
        let key = (p.min(q), p.max(q));
        self.lengths.entry(key).or_insert_with(|| LengthStats::compute(units, key.0, key.1))
    }

    /// Word pairs (side `a` word, side `b` word, `a < b`) that occur together in at least two
    /// two-sided units and rarely apart (Dice ≥ 0.5).
    fn lexicon(&mut self, a: usize, b: usize) -> &HashSet<u64, BuildHasherDefault<IdHasher>> {
        let docs = &self.docs;
        let (na, nb) = (self.vocab[a].len(), self.vocab[b].len());
        // Words in more than a fifth of the units (function words) pair with everything.
        let common = (self.n_units / 5).max(3);
        self.lexicons.entry((a, b)).or_insert_with(|| {
            let (mut df_a, mut df_b) = (vec![0usize; na], vec![0usize; nb]);
            let mut co: IdMap<u64, usize> = IdMap::default();
            for (wa, wb) in docs[a].iter().zip(&docs[b]) {
                let (Some(wa), Some(wb)) = (wa, wb) else { continue };
                for &x in wa {
                    df_a[x as usize] += 1;
                    for &y in wb {
                        *co.entry(u64::from(x) << 32 | u64::from(y)).or_default() += 1;
                    }
                }
                for &y in wb {
                    df_b[y as usize] += 1;
                }
            }
            co.into_iter()
                .filter(|&(xy, c)| {
                    let (x, y) = ((xy >> 32) as usize, (xy & 0xffff_ffff) as usize);
                    c >= 2
                        && df_a[x] <= common
                        && df_b[y] <= common
                        && 2.0 * c as f64 / (df_a[x] + df_b[y]) as f64 >= 0.5
                })
                .map(|(xy, _)| xy)
                .collect()
        })
    }

    /// The share of the words of `ws` (side `p`) that `other` (side `q`) translates: the same number,
    /// a lexicon pair, or a cognate (the same transliterated word, or the same first five letters).
    fn share(&mut self, p: usize, q: usize, ws: &[String], other: &[String]) -> f64 {
        if ws.is_empty() {
            return 0.0;
        }
        let n = self.n_units.max(1) as f64;
        self.lexicon(p.min(q), p.max(q));
        self.keys.add(ws.iter().chain(other));
        let (vp, vq) = (&self.vocab[p], &self.vocab[q]);
        let weight = |w: &str| {
            let df = vp.get(w).map_or(1, |&id| self.df[p][id as usize]);
            (n / df.max(1) as f64).ln() + 0.1
        };
        let lex = &self.lexicons[&(p.min(q), p.max(q))];
        let pair = |x: u32, y: u32| {
            if p < q { u64::from(x) << 32 | u64::from(y) } else { u64::from(y) << 32 | u64::from(x) }
        };
        let others: Vec<(&String, &str, Option<u32>)> =
            other.iter().map(|o| (o, self.keys.get(o), vq.get(o).copied())).collect();
        let (mut hit, mut total) = (0.0, 0.0);
        for w in ws {
            let wt = weight(w);
            let key = self.keys.get(w);
            let id = vp.get(w).copied();
            total += wt;
            let found = others.iter().any(|&(o, ok, oid)| {
                o == w
                    || id.zip(oid).is_some_and(|(x, y)| lex.contains(&pair(x, y)))
                    || ok == key
                    || (key.chars().count() >= 5 && ok.chars().take(5).eq(key.chars().take(5)))
            });
            if found {
                hit += wt;
            }
        }
        if total > 0.0 { hit / total } else { 0.0 }
    }
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
        let d = check_all(&[unit(&[Some("Да, мы это сделаем."), None], 0.9)], &labels, &c);
        assert_eq!(d[0][0].check, CheckId::Omission);
        assert_eq!(d[0][0].sides, [0]);
        let d = check_all(&[unit(&[None, Some("Yes, we will do it.")], 0.9)], &labels, &c);
        assert_eq!(d[0][0].check, CheckId::Addition);
        assert_eq!(d[0][0].sides, [1]);
        assert!(check_all(&[unit(&[Some("Да."), Some("Yes.")], 0.9)], &labels, &c)[0].is_empty());
        let d = check_all(&[unit(&[Some("Да."), Some("Yes.")], 0.1)], &labels, &c);
        assert_eq!(d[0][0].check, CheckId::LowConfidence);
    }

    #[test]
    fn a_fragment_without_substance_is_not_an_omission() {
        let labels = vec!["ru".to_string(), "en".to_string()];
        let d = check_all(&[unit(&[Some("— Да."), None], 0.9)], &labels, &CheckConfig::default());
        assert_eq!(d[0][0].check, CheckId::LowConfidence);
        // The reason says why (no neighbour is involved).
        assert!(d[0][0].reason.contains("too short to tell"), "{}", d[0][0].reason);
    }

    #[test]
    fn a_pair_split_in_two_is_not_an_omission_and_an_addition() {
        let labels = vec!["ru".to_string(), "en".to_string()];
        let units = [
            unit(&[Some("Да, мы это сделаем завтра утром."), None], 0.1),
            unit(&[None, Some("Yes, we will do it tomorrow morning.")], 0.1),
        ];
        let d = check_all(&units, &labels, &CheckConfig::default());
        assert_eq!(d[0][0].check, CheckId::LowConfidence);
        assert_eq!(d[1][0].check, CheckId::LowConfidence);
    }

    #[test]
    fn a_three_way_staircase_is_not_an_omission() {
        let labels = vec!["ru".to_string(), "en".to_string(), "es".to_string()];
        let units = [
            unit(
                &[
                    Some("Да, мы это сделаем завтра утром."),
                    Some("Yes, we will do it tomorrow morning."),
                    None,
                ],
                0.3,
            ),
            unit(&[None, None, Some("Sí, lo haremos mañana por la mañana.")], 0.1),
        ];
        let d = check_all(&units, &labels, &CheckConfig::default());
        assert!(d[0].iter().all(|x| x.check == CheckId::LowConfidence), "{:?}", d[0]);
    }

    #[test]
    fn a_unit_two_of_three_languages_hold_is_an_omission_in_the_third() {
        let labels = vec!["ru".to_string(), "en".to_string(), "es".to_string()];
        let units = [unit(
            &[Some("Да, мы это сделаем завтра утром."), Some("Yes, we will do it tomorrow morning."), None],
            0.9,
        )];
        let d = check_all(&units, &labels, &CheckConfig::default());
        assert_eq!(d[0][0].check, CheckId::Omission);
        assert_eq!(d[0][0].sides, [0, 1]);
        // A fragment is not worth reporting, whatever the other two say.
        let d = check_all(&[unit(&[Some("Да."), Some("Yes."), None], 0.9)], &labels, &CheckConfig::default());
        assert_eq!(d[0][0].check, CheckId::LowConfidence);
    }

    #[test]
    fn a_neighbour_of_the_third_language_can_account_for_a_two_language_unit() {
        let labels = vec!["ru".to_string(), "en".to_string(), "es".to_string()];
        // The es of the next unit translates the ru+en sentence too (shared numbers and names):
        // the es sentences were merged, not one left out.
        let units = [
            unit(
                &[Some("В 2019 году Гарсия посетил Мадрид."), Some("In 2019 Garcia visited Madrid."), None],
                0.6,
            ),
            unit(
                &[
                    Some("Там он встретил Лопеса."),
                    Some("There he met Lopez."),
                    Some("En 2019 García visitó Madrid, donde se reunió con López."),
                ],
                0.6,
            ),
        ];
        let d = check_all(&units, &labels, &CheckConfig::default());
        assert!(d[0].iter().all(|x| x.check != CheckId::Omission), "{:?}", d[0]);
    }
}
