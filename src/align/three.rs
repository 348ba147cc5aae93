//! Three-language units from the three pairwise alignments, by majority vote over cut points.
//!
//! A pair alignment is a monotone path of cut points (i, j): the places where one unit ends and the
//! next begins. A three-way alignment is a monotone path of cut triples (i, j, k). A triple is a
//! candidate when at least two of the three pair alignments cut there — (i, j) in the first pair,
//! (i, k) in the second, (j, k) in the third — and the result is the heaviest monotone chain of
//! candidates (weight: the number of pairs that agree). So a unit is split wherever two pairs agree
//! on a finer split, even if the third lumped the sentences together; taking the union of the pivot
//! pairs instead (every sentence linked to one pivot unit in one three-way unit) chains one pair's
//! 2-2 or 3-3 bead into a 3-3-3 unit, and the three-way link score punishes that cubically.
//!
//! Omissions come out right by the same vote: a sentence missing from one language is a 1-0 in the
//! two pairs that include that language, whose cuts agree with the third pair's. Two guards keep a
//! single dissenting pair from splitting a good unit: a candidate that the third pair contradicts
//! (its cut separates sentences that pair linked, rather than splitting one of its 2-2 beads
//! inside) weighs less, and a unit lacking a language costs extra (more when it has one only).
//!
//! A `pivot` only breaks ties: the two pairs that include it weigh slightly more.

use std::collections::HashMap;
use std::ops::Range;

use super::Bead;
use super::search::PairBead;

/// The cut points of one pair alignment, each with the confidence of the bead that ends there.
fn cuts(beads: &[PairBead]) -> HashMap<(usize, usize), f64> {
    let mut out = HashMap::with_capacity(beads.len() + 1);
    out.insert((0, 0), 1.0);
    for b in beads {
        out.insert((b.a.end, b.b.end), b.score);
    }
    out
}

/// Per position a of the first side (0..=n): when a falls strictly inside a bead whose two sides
/// both hold at least two sentences, the positions of the second side strictly inside that bead.
fn inside(beads: &[PairBead], n: usize) -> Vec<Option<Range<usize>>> {
    let mut out = vec![None; n + 1];
    for b in beads {
        if b.a.len() >= 2 && b.b.len() >= 2 {
            (b.a.start + 1..b.a.end).for_each(|a| out[a] = Some(b.b.start + 1..b.b.end));
        }
    }
    out
}

/// Weight lost by a two-pair candidate that the third pair contradicts.
const CONTRADICTED: f64 = 0.5;
/// Cost of a unit with sentences of one language only.
const ONE_SIDED: f64 = 1.5;
/// Cost of a unit lacking one language of three: enough that a single dissenting pair cannot carve
/// one out of a unit (two candidates agreed by two pairs each, less this and `ONE_SIDED`, gain
/// nothing), while a true omission, whose cuts all three pairs agree on, still pays.
const PARTIAL: f64 = 1.0;

/// Builds three-way beads. `pair(x, y)` aligns documents x and y (x < y).
pub(crate) fn align_three(
    sizes: &[usize],
    mut pair: impl FnMut(usize, usize) -> Vec<PairBead>,
    pivot: Option<usize>,
) -> Vec<Bead> {
    let (n0, n1, n2) = (sizes[0], sizes[1], sizes[2]);
    // Pairs: 0 = (doc 0, doc 1), 1 = (doc 0, doc 2), 2 = (doc 1, doc 2).
    let pairs = [pair(0, 1), pair(0, 2), pair(1, 2)];
    let c = [cuts(&pairs[0]), cuts(&pairs[1]), cuts(&pairs[2])];
    let inner = [inside(&pairs[0], n0), inside(&pairs[1], n0), inside(&pairs[2], n1)];
    let w = match pivot.map(|p| p.min(2)) {
        Some(0) => [1.05, 1.05, 1.0],
        Some(1) => [1.05, 1.0, 1.05],
        Some(_) => [1.0, 1.05, 1.05],
        None => [1.0; 3],
    };
    // Index each pair's cuts by either coordinate to join pairs on the shared document.
    let by = |m: &HashMap<(usize, usize), f64>, first: bool| {
        let mut idx: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(a, b) in m.keys() {
            if first { idx.entry(a).or_default().push(b) } else { idx.entry(b).or_default().push(a) }
        }
        idx
    };
    let (c01_by0, c02_by0) = (by(&c[0], true), by(&c[1], true));
    let (c01_by1, c12_by1) = (by(&c[0], false), by(&c[2], true));
    let c02_by2 = by(&c[1], false);
    let mut cand: Vec<(usize, usize, usize)> = vec![(0, 0, 0), (n0, n1, n2)];
    for (&i, js) in &c01_by0 {
        if let Some(ks) = c02_by0.get(&i) {
            js.iter().for_each(|&j| ks.iter().for_each(|&k| cand.push((i, j, k))));
        }
    }
    for (&j, is) in &c01_by1 {
        if let Some(ks) = c12_by1.get(&j) {
            is.iter().for_each(|&i| ks.iter().for_each(|&k| cand.push((i, j, k))));
        }
    }
    // Join pairs 1 and 2 on document 2's coordinate.
    let mut c12_by2: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(j, k) in c[2].keys() {
        c12_by2.entry(k).or_default().push(j);
    }
    for (&k, is) in &c02_by2 {
        if let Some(js) = c12_by2.get(&k) {
            is.iter().for_each(|&i| js.iter().for_each(|&j| cand.push((i, j, k))));
        }
    }
    // The pair that does not cut at a candidate may still agree with it: the cut only splits one of
    // its beads strictly inside on both sides (a 2-2 into two 1-1s). Otherwise it contradicts the
    // cut (a 1-1 split into 1-0 + 0-1, a 1-2 into 1-1 + 0-1) and the candidate weighs less.
    let agrees = |p: usize, a: usize, b: usize| {
        c[p].contains_key(&(a, b))
            || inner[p].get(a).is_some_and(|r| r.as_ref().is_some_and(|r| r.contains(&b)))
    };
    cand.retain(|&(i, j, k)| i <= n0 && j <= n1 && k <= n2);
    cand.sort_unstable_by_key(|&(i, j, k)| (i + j + k, i, j, k));
    cand.dedup();
    let support = |&(i, j, k): &(usize, usize, usize)| -> (f64, f64, usize) {
        let mut s = 0.0;
        let mut conf = 0.0;
        let mut cnt = 0;
        for (p, key) in [(0, (i, j)), (1, (i, k)), (2, (j, k))] {
            if let Some(&sc) = c[p].get(&key) {
                s += w[p];
                conf += sc;
                cnt += 1;
            }
        }
        if cnt == 2 && !(agrees(0, i, j) && agrees(1, i, k) && agrees(2, j, k)) {
            s -= CONTRADICTED;
        }
        (s, conf, cnt)
    };
    // Heaviest monotone chain from (0,0,0) to (n0,n1,n2). Candidates are sorted by coordinate sum,
    // so predecessors come first; the nearest ones are nearly always the right ones, so the scan
    // back is short, and it goes on only until some predecessor is found.
    const WINDOW: usize = 64;
    let nc = cand.len();
    let mut best = vec![f64::NEG_INFINITY; nc];
    let mut back = vec![usize::MAX; nc];
    best[0] = 0.0;
    for t in 1..nc {
        let (ti, tj, tk) = cand[t];
        let (wt, _, _) = support(&cand[t]);
        let mut found = 0;
        for u in (0..t).rev() {
            let (ui, uj, uk) = cand[u];
            if ui <= ti && uj <= tj && uk <= tk && (ui, uj, uk) != (ti, tj, tk) && best[u].is_finite() {
                // A unit of one language only must be worth it: otherwise a 1-1-1 unit with one
                // dissenting pair would split into 1-0-0 + 0-1-1 for the extra candidate.
                let langs = [ui < ti, uj < tj, uk < tk].iter().filter(|&&x| x).count();
                let v = best[u] + wt
                    - match langs {
                        0 | 1 => ONE_SIDED,
                        2 => PARTIAL,
                        _ => 0.0,
                    };
                if v > best[t] {
                    best[t] = v;
                    back[t] = u;
                }
                found += 1;
            }
            if found > 0 && t - u >= WINDOW {
                break;
            }
        }
    }
    let mut chain = vec![nc - 1];
    while let Some(&t) = chain.last() {
        if t == 0 {
            break;
        }
        chain.push(back[t]);
    }
    chain.reverse();
    let mut out = Vec::with_capacity(chain.len());
    for win in chain.windows(2) {
        let (a, b) = (cand[win[0]], cand[win[1]]);
        let sents: Vec<Range<usize>> = vec![a.0..b.0, a.1..b.1, a.2..b.2];
        let (_, conf, cnt) = support(&b);
        let mut score = if cnt > 0 { conf / cnt as f64 } else { 0.1 };
        if sents.iter().any(|r| r.is_empty()) {
            score = score.min(0.3);
        }
        if sents.iter().filter(|r| !r.is_empty()).count() <= 1 {
            score = score.min(0.1);
        }
        out.push(Bead { sents, score: score.clamp(0.0, 1.0) });
    }
    out
}
