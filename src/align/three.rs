//! Three-language units from pairwise alignments. Each non-pivot document is aligned to the pivot;
//! units that share pivot sentences merge (a pivot sentence is in exactly one unit, so the result is
//! monotone and complete); the sentences neither pairing linked to the pivot — omissions in the
//! pivot, typically — are settled by the third pair's alignment. With no `--pivot`, every language
//! is tried as the pivot and the one whose result agrees best with its third pair wins.

use std::collections::HashMap;
use std::ops::Range;

use super::Bead;
use super::search::PairBead;

/// Builds three-way beads. `pair(x, y)` aligns documents x and y (x < y).
pub(crate) fn align_three(
    sizes: &[usize],
    pair: impl Fn(usize, usize) -> Vec<PairBead>,
    pivot: Option<usize>,
) -> Vec<Bead> {
    let all = [pair(0, 1), pair(0, 2), pair(1, 2)];
    let get = |x: usize, y: usize| -> Vec<PairBead> {
        let k = match (x.min(y), x.max(y)) {
            (0, 1) => 0,
            (0, 2) => 1,
            _ => 2,
        };
        if x < y {
            all[k].clone()
        } else {
            all[k].iter().map(|b| PairBead { a: b.b.clone(), b: b.a.clone(), score: b.score }).collect()
        }
    };
    let candidates: Vec<usize> = match pivot {
        Some(p) => vec![p.min(2)],
        None => vec![0, 1, 2],
    };
    let mut best: Option<(f64, Vec<Bead>)> = None;
    for p in candidates {
        let (x, y) = match p {
            0 => (1, 2),
            1 => (0, 2),
            _ => (0, 1),
        };
        let beads = merge(sizes, p, x, y, &get(p, x), &get(p, y), &get(x, y));
        let agreement = agreement(&beads, x, y, &get(x, y));
        if best.as_ref().is_none_or(|(a, _)| agreement > *a) {
            best = Some((agreement, beads));
        }
    }
    best.map(|(_, b)| b).unwrap_or_default()
}

/// How well a three-way result agrees with the third pair's own alignment: the confidence-weighted
/// size of the x-y beads that are exactly the x and y sides of a three-way bead (a three-way bead
/// that lumps several x-y beads together agrees with none of them).
fn agreement(beads: &[Bead], x: usize, y: usize, xy: &[PairBead]) -> f64 {
    let key = |a: &Range<usize>, b: &Range<usize>| {
        let k = |r: &Range<usize>| if r.is_empty() { (usize::MAX, usize::MAX) } else { (r.start, r.end) };
        (k(a), k(b))
    };
    let pair: HashMap<_, f64> = xy.iter().map(|b| (key(&b.a, &b.b), b.score)).collect();
    beads
        .iter()
        .filter_map(|b| {
            let (rx, ry) = (&b.sents[x], &b.sents[y]);
            pair.get(&key(rx, ry)).map(|s| (rx.len() + ry.len()) as f64 * s)
        })
        .sum()
}

fn hull(r: &mut Option<Range<usize>>, add: &Range<usize>) {
    if add.is_empty() {
        return;
    }
    *r = Some(match r.take() {
        None => add.clone(),
        Some(c) => c.start.min(add.start)..c.end.max(add.end),
    });
}

fn bead3(
    p: usize,
    x: usize,
    y: usize,
    rp: Range<usize>,
    rx: Range<usize>,
    ry: Range<usize>,
    score: f64,
) -> Bead {
    let mut sents = vec![0..0; 3];
    sents[p] = rp;
    sents[x] = rx;
    sents[y] = ry;
    Bead { sents, score }
}

/// Merges the pivot alignments p-x and p-y; fills the gaps with the x-y alignment.
fn merge(
    sizes: &[usize],
    p: usize,
    x: usize,
    y: usize,
    px: &[PairBead],
    py: &[PairBead],
    xy: &[PairBead],
) -> Vec<Bead> {
    let np = sizes[p];
    // Pivot sentence k and k+1 are in one unit when one pair bead holds both.
    let mut joined = vec![false; np.saturating_sub(1)];
    for b in px.iter().chain(py) {
        if b.a.len() > 1 {
            joined[b.a.start..b.a.end - 1].iter_mut().for_each(|j| *j = true);
        }
    }
    // Components: pivot ranges.
    let mut comps: Vec<Range<usize>> = Vec::new();
    let mut s = 0;
    for k in 0..np {
        if joined.get(k).is_none_or(|j| !j) {
            comps.push(s..k + 1);
            s = k + 1;
        }
    }
    // For each component, hull of the x and y sentences linked to it, and scores.
    let mut cx: Vec<Option<Range<usize>>> = vec![None; comps.len()];
    let mut cy: Vec<Option<Range<usize>>> = vec![None; comps.len()];
    let mut score = vec![(0.0f64, 0usize); comps.len()];
    let mut comp_of = vec![0usize; np];
    for (c, r) in comps.iter().enumerate() {
        r.clone().for_each(|k| comp_of[k] = c);
    }
    for (side, beads) in [(&mut cx, px), (&mut cy, py)] {
        for b in beads {
            if b.a.is_empty() {
                continue;
            }
            let c = comp_of[b.a.start];
            hull(&mut side[c], &b.b);
            score[c].0 += b.score;
            score[c].1 += 1;
        }
    }
    // Make the hulls monotone (a crossing would come from inconsistent pair alignments).
    let mut out = Vec::new();
    let (mut next_x, mut next_y) = (0usize, 0usize);
    for c in 0..comps.len() {
        let rx = cx[c].clone().map(|r| r.start.max(next_x)..r.end.max(next_x));
        let ry = cy[c].clone().map(|r| r.start.max(next_y)..r.end.max(next_y));
        let gx = next_x..rx.as_ref().map_or(next_x, |r| r.start);
        let gy = next_y..ry.as_ref().map_or(next_y, |r| r.start);
        // The gap before the component: x-only and y-only sentences. If the component has no x
        // (or y) side, its gap continues to the next component; handled by leaving next_x as is.
        if rx.is_some() || ry.is_some() {
            let gx = if rx.is_some() { gx } else { next_x..next_x };
            let gy = if ry.is_some() { gy } else { next_y..next_y };
            fill_gap(&mut out, p, x, y, comps[c].start, gx.clone(), gy.clone(), xy);
            next_x = gx.end;
            next_y = gy.end;
        }
        let rx = rx.unwrap_or(next_x..next_x);
        let ry = ry.unwrap_or(next_y..next_y);
        next_x = rx.end;
        next_y = ry.end;
        let (sum, cnt) = score[c];
        let sc = if cnt > 0 { sum / cnt as f64 } else { 0.1 };
        let sc = if rx.is_empty() || ry.is_empty() { sc.min(0.3) } else { sc };
        out.push(bead3(p, x, y, comps[c].clone(), rx, ry, sc));
    }
    let end_p = np;
    fill_gap(&mut out, p, x, y, end_p, next_x..sizes[x], next_y..sizes[y], xy);
    out
}

/// Units for the x-only sentences `gx` and y-only sentences `gy` between two pivot units: the x-y
/// beads that lie inside the gap, and single-language units for the rest.
#[allow(clippy::too_many_arguments)]
fn fill_gap(
    out: &mut Vec<Bead>,
    p: usize,
    x: usize,
    y: usize,
    at_p: usize,
    gx: Range<usize>,
    gy: Range<usize>,
    xy: &[PairBead],
) {
    let (mut i, mut j) = (gx.start, gy.start);
    let empty = at_p..at_p;
    for b in xy {
        if b.a.is_empty() || b.b.is_empty() {
            continue;
        }
        if b.a.start >= i && b.a.end <= gx.end && b.b.start >= j && b.b.end <= gy.end {
            for k in i..b.a.start {
                out.push(bead3(p, x, y, empty.clone(), k..k + 1, j..j, 0.1));
            }
            for k in j..b.b.start {
                out.push(bead3(p, x, y, empty.clone(), b.a.start..b.a.start, k..k + 1, 0.1));
            }
            out.push(bead3(p, x, y, empty.clone(), b.a.clone(), b.b.clone(), b.score.min(0.5)));
            i = b.a.end;
            j = b.b.end;
        }
    }
    for k in i..gx.end {
        out.push(bead3(p, x, y, empty.clone(), k..k + 1, j..j, 0.1));
    }
    for k in j..gy.end {
        out.push(bead3(p, x, y, empty.clone(), gx.end..gx.end, k..k + 1, 0.1));
    }
}
