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
/// Cost of a unit with sentences of one language only: more than a contradicted two-pair candidate
/// weighs (2 − [`CONTRADICTED`], or 2.1 − 0.5 with a pivot), so that a sentence one of its two pairs
/// leaves alone and the other pairs with a neighbour stays in the neighbour's unit. The pair that
/// does not hold the language always "agrees" with both cuts around such a sentence, so at 1.5 the
/// split and the whole unit tied, and ties went to the split: on rues-dev ru+en+es, 1.5 → 1.75 moved
/// link F1 clean .9889 → .9908, omit .9789 → .9809, merge .9873 → .9890, and the check's false
/// omissions on clean 29 → 15 (2.0 and 2.5 gave the same link F1).
const ONE_SIDED: f64 = 1.75;
/// Cost of a unit lacking one language of three: enough that a single dissenting pair cannot carve
/// one out of a unit (two candidates agreed by two pairs each, less this and `ONE_SIDED`, gain
/// nothing), while a true omission, whose cuts all three pairs agree on, still pays.
const PARTIAL: f64 = 1.0;

/// Builds three-way beads. `pair(x, y)` aligns documents x and y (x < y); `parts(x, y, stretches)`
/// aligns each stretch (sentence ranges of x and of y) of that pair on its own. The hub (the pivot,
/// else document 0) is aligned in full with the two others; their pair only where the hub's two
/// alignments leave it open (see [`derived_pair`]).
pub(crate) fn align_three(
    sizes: &[usize],
    mut pair: impl FnMut(usize, usize) -> Vec<PairBead>,
    parts: impl FnOnce(usize, usize, &[(Range<usize>, Range<usize>)]) -> Vec<Vec<PairBead>>,
    pivot: Option<usize>,
) -> Vec<Bead> {
    let (n0, n1, n2) = (sizes[0], sizes[1], sizes[2]);
    let hub = pivot.map_or(0, |p| p.min(2));
    let (x, y) = match hub {
        0 => (1, 2),
        1 => (0, 2),
        _ => (0, 1),
    };
    // The hub's pairs, with the hub as side a.
    let from_hub = |other: usize, pair: &mut dyn FnMut(usize, usize) -> Vec<PairBead>| {
        if hub < other { pair(hub, other) } else { flipped(pair(other, hub)) }
    };
    let (hx, hy) = (from_hub(x, &mut pair), from_hub(y, &mut pair));
    let xy = derived_pair(&hx, &hy, (sizes[x], sizes[y]), |stretches| parts(x, y, stretches));
    // Pairs: 0 = (doc 0, doc 1), 1 = (doc 0, doc 2), 2 = (doc 1, doc 2).
    let (p01, p02, p12) = match hub {
        0 => (hx, hy, xy),
        1 => (flipped(hx), xy, hy),
        _ => (xy, flipped(hx), flipped(hy)),
    };
    let pairs = [p01, p02, p12];
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

/// A pair alignment with its two sides swapped.
fn flipped(beads: Vec<PairBead>) -> Vec<PairBead> {
    beads.into_iter().map(|b| PairBead { a: b.b, b: b.a, score: b.score }).collect()
}

/// Lowest confidence of a hub's 1-1 bead for it to carry over to the third pair.
const CARRIED_MIN_SCORE: f64 = 0.5;

/// The third pair (documents x and y) from the hub's alignments with each (`hx`, `hy`: the hub as
/// side a). Where both link one hub sentence one to one, within a run of such sentences (the one
/// before and the one after linked so too, or a document's edge), the x and y sentences they link
/// are a 1-1 bead of the third pair, with the lower of the two confidences; `parts` aligns the
/// stretches in between, each on its own, and their beads are put in place.
///
/// Aligning the third pair in full only to be outvoted where the hub's pairs agree cost a third of
/// the three-way search. On rues-dev (ru+en+es, link F1) the result is the same to the third decimal
/// on clean, omit and merge; a sentence at the edge of a run is left to the search, since carrying
/// it over as well lowered omit by .002 (an omission next to a confident bead shifts the third pair).
pub(crate) fn derived_pair(
    hx: &[PairBead],
    hy: &[PairBead],
    (nx, ny): (usize, usize),
    parts: impl FnOnce(&[(Range<usize>, Range<usize>)]) -> Vec<Vec<PairBead>>,
) -> Vec<PairBead> {
    // Hub sentences linked 1-1 in both pairs, in order: (x sentence, y sentence, confidence). A pair
    // alignment lists its beads in the order of both sides, so one walk over the two finds them.
    fn one_to_one(p: &[PairBead]) -> impl Iterator<Item = &PairBead> {
        p.iter().filter(|b| b.a.len() == 1 && b.b.len() == 1 && b.score >= CARRIED_MIN_SCORE)
    }
    let (mut ox, mut oy) = (one_to_one(hx).peekable(), one_to_one(hy).peekable());
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    while let (Some(bx), Some(by)) = (ox.peek(), oy.peek()) {
        let (hx, hy) = (bx.a.start, by.a.start);
        if hx == hy {
            links.push((bx.b.start, by.b.start, bx.score.min(by.score)));
        }
        if hx <= hy {
            ox.next();
        }
        if hy <= hx {
            oy.next();
        }
    }
    // Both pairs are monotone, so the links are too; keep only what is (whatever the caller gave).
    let mut at = (0, 0);
    links.retain(|&(j, k, _)| {
        let ok = j >= at.0 && k >= at.1;
        if ok {
            at = (j + 1, k + 1);
        }
        ok
    });
    // joined[t]: link t starts where link t-1 (or the documents' start) ends; joined[len]: the
    // documents end where the last link does.
    let joined: Vec<bool> = (0..=links.len())
        .map(|t| {
            let prev = if t == 0 { (0, 0) } else { (links[t - 1].0 + 1, links[t - 1].1 + 1) };
            let here = if t == links.len() { (nx, ny) } else { (links[t].0, links[t].1) };
            prev == here
        })
        .collect();
    let mut stretches: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    // The beads in order: a carried bead, or the index of a stretch.
    let mut order: Vec<Result<PairBead, usize>> = Vec::new();
    let mut at = (0, 0);
    for (t, &(j, k, score)) in links.iter().enumerate() {
        if !(joined[t] && joined[t + 1]) {
            continue;
        }
        if (j, k) != at {
            order.push(Err(stretches.len()));
            stretches.push((at.0..j, at.1..k));
        }
        order.push(Ok(PairBead { a: j..j + 1, b: k..k + 1, score }));
        at = (j + 1, k + 1);
    }
    if at != (nx, ny) {
        order.push(Err(stretches.len()));
        stretches.push((at.0..nx, at.1..ny));
    }
    let aligned = if stretches.is_empty() { Vec::new() } else { parts(&stretches) };
    let mut out = Vec::with_capacity(order.len());
    for o in order {
        match o {
            Ok(bead) => out.push(bead),
            Err(g) => {
                let (ra, rb) = &stretches[g];
                out.extend(aligned[g].iter().map(|b| PairBead {
                    a: b.a.start + ra.start..b.a.end + ra.start,
                    b: b.b.start + rb.start..b.b.end + rb.start,
                    score: b.score,
                }));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(a: Range<usize>, b: Range<usize>, score: f64) -> PairBead {
        PairBead { a, b, score }
    }

    /// The beads of `whole` inside each stretch, numbered from the stretch's start, as the search
    /// of the stretches would give them.
    fn in_stretches(whole: &[PairBead], stretches: &[(Range<usize>, Range<usize>)]) -> Vec<Vec<PairBead>> {
        stretches
            .iter()
            .map(|(ra, rb)| {
                whole
                    .iter()
                    .filter(|b| {
                        ra.start <= b.a.start
                            && b.a.end <= ra.end
                            && rb.start <= b.b.start
                            && b.b.end <= rb.end
                    })
                    .map(|b| {
                        bead(
                            b.a.start - ra.start..b.a.end - ra.start,
                            b.b.start - rb.start..b.b.end - rb.start,
                            b.score,
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn key(beads: &[PairBead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads.iter().map(|b| (b.a.clone(), b.b.clone())).collect()
    }

    #[test]
    fn derived_pair_carries_runs_of_one_to_one_links_and_searches_the_rest() {
        // Hub sentences 0..8; x has 7 (hub 4 and 5 are one x sentence), y has 8.
        let hx = [
            bead(0..1, 0..1, 0.9),
            bead(1..2, 1..2, 0.8),
            bead(2..3, 2..3, 0.9),
            bead(3..4, 3..4, 0.9),
            bead(4..6, 4..5, 0.9),
            bead(6..7, 5..6, 0.9),
            bead(7..8, 6..7, 0.95),
        ];
        // Hub 2 is linked with too little confidence to carry over.
        let hy: Vec<PairBead> =
            (0..8).map(|i| bead(i..i + 1, i..i + 1, if i == 2 { 0.3 } else { 0.9 })).collect();
        let mut asked = Vec::new();
        let out = derived_pair(&hx, &hy, (7, 8), |stretches| {
            asked = stretches.to_vec();
            // x 1..6 against y 1..7 (numbered from the stretch): five 1-1 beads, then y alone.
            let mut local: Vec<PairBead> = (0..5).map(|i| bead(i..i + 1, i..i + 1, 0.7)).collect();
            local.push(bead(5..5, 5..6, 0.1));
            vec![local]
        });
        // Only hub 0 (at the start) and hub 7 (at the end) are inside runs: hub 1 is followed by
        // the doubtful hub 2, hub 3 by the 2-1, hub 6 preceded by it.
        assert_eq!(asked, vec![(1..6, 1..7)]);
        let mut want = vec![(0..1, 0..1)];
        want.extend((1..6).map(|i| (i..i + 1, i..i + 1)));
        want.extend([(6..6, 6..7), (6..7, 7..8)]);
        assert_eq!(key(&out), want);
        assert_eq!(out[0].score, 0.9);
        assert_eq!(out[7].score, 0.9, "the lower confidence of the two links");
        assert_eq!(out[3].score, 0.7, "the stretch's own confidence");
    }

    #[test]
    fn derived_pair_asks_nothing_when_every_link_carries_over() {
        let hx: Vec<PairBead> = (0..5).map(|i| bead(i..i + 1, i..i + 1, 0.9)).collect();
        let out = derived_pair(&hx, &hx, (5, 5), |_| panic!("nothing left to align"));
        assert_eq!(key(&out), (0..5).map(|i| (i..i + 1, i..i + 1)).collect::<Vec<_>>());
    }

    #[test]
    fn a_sentence_one_pair_leaves_alone_stays_with_its_neighbour() {
        // Spanish says in two sentences what Russian and English say in one (units 1-1-1, 1-1-2,
        // 1-1-1). ru-es leaves the first Spanish sentence alone, en-es pairs both: the pair that
        // does not hold Spanish cannot tell, so one pair against one keeps the unit whole.
        let ru_en: Vec<PairBead> = (0..3).map(|i| bead(i..i + 1, i..i + 1, 0.95)).collect();
        let ru_es = vec![
            bead(0..1, 0..1, 0.95),
            bead(1..1, 1..2, 0.1),
            bead(1..2, 2..3, 0.9),
            bead(2..3, 3..4, 0.95),
        ];
        let units = |en_es: Vec<PairBead>| -> Vec<Vec<Range<usize>>> {
            align_three(
                &[3, 3, 4],
                |x, y| if (x, y) == (0, 1) { ru_en.clone() } else { ru_es.clone() },
                |_, _, stretches| in_stretches(&en_es, stretches),
                None,
            )
            .into_iter()
            .map(|b| b.sents)
            .collect()
        };
        let en_es = vec![bead(0..1, 0..1, 0.95), bead(1..2, 1..3, 0.9), bead(2..3, 3..4, 0.95)];
        assert_eq!(
            units(en_es),
            vec![vec![0..1, 0..1, 0..1], vec![1..2, 1..2, 1..3], vec![2..3, 2..3, 3..4]]
        );
        // Both pairs of Spanish leave it alone: a sentence Spanish added.
        let en_es = vec![
            bead(0..1, 0..1, 0.95),
            bead(1..1, 1..2, 0.1),
            bead(1..2, 2..3, 0.9),
            bead(2..3, 3..4, 0.95),
        ];
        assert_eq!(
            units(en_es),
            vec![
                vec![0..1, 0..1, 0..1],
                vec![1..1, 1..1, 1..2],
                vec![1..2, 1..2, 2..3],
                vec![2..3, 2..3, 3..4]
            ]
        );
    }

    /// The pair (x, y) of a three-way alignment, as the pair search would give it: one bead per
    /// unit holding both, a null bead per sentence of a unit holding one.
    fn project(truth: &[Vec<Range<usize>>], x: usize, y: usize) -> Vec<PairBead> {
        let mut out = Vec::new();
        for u in truth {
            let (a, b) = (u[x].clone(), u[y].clone());
            if !a.is_empty() && !b.is_empty() {
                out.push(bead(a, b, 0.9));
            } else {
                a.clone().for_each(|i| out.push(bead(i..i + 1, b.start..b.start, 0.1)));
                b.clone().for_each(|j| out.push(bead(a.start..a.start, j..j + 1, 0.1)));
            }
        }
        out
    }

    #[test]
    fn any_hub_gives_the_units_its_pairs_agree_on() {
        // Units: 2-1-1, 1-0-1 (a sentence missing from doc 1), 1-1-1 ×4, 1-1-2, 1-1-1 ×2, 1-2-1,
        // 1-1-1 ×3: the documents' numbering drifts apart early, so a pair read the wrong way round
        // links the wrong sentences.
        let mut sizes = [0usize; 3];
        let mut truth: Vec<Vec<Range<usize>>> = Vec::new();
        let shapes = [[2, 1, 1], [1, 0, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 2], [1, 1, 1]];
        for shape in shapes.into_iter().chain([[1, 1, 1], [1, 2, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]) {
            truth.push((0..3).map(|d| sizes[d]..sizes[d] + shape[d]).collect());
            (0..3).for_each(|d| sizes[d] += shape[d]);
        }
        for pivot in [None, Some(0), Some(1), Some(2)] {
            let mut stretched = 0;
            let beads = align_three(
                &sizes,
                |x, y| project(&truth, x, y),
                |x, y, stretches| {
                    let hub = pivot.unwrap_or(0);
                    assert!(x < y && x != hub && y != hub, "pivot {pivot:?}: the third pair is ({x}, {y})");
                    stretched += stretches.len();
                    let whole = project(&truth, x, y);
                    // Stretches lie between the pair's true cuts: the links carried were the right ones.
                    let cut = |a: usize, b: usize| {
                        (a, b) == (0, 0) || whole.iter().any(|w| (w.a.end, w.b.end) == (a, b))
                    };
                    for (ra, rb) in stretches {
                        assert!(
                            cut(ra.start, rb.start) && cut(ra.end, rb.end),
                            "pivot {pivot:?}: {ra:?} {rb:?}"
                        );
                    }
                    in_stretches(&whole, stretches)
                },
                pivot,
            );
            let got: Vec<Vec<Range<usize>>> = beads.into_iter().map(|b| b.sents).collect();
            assert_eq!(got, truth, "pivot {pivot:?}");
            assert!(stretched > 0, "pivot {pivot:?}: the units around the odd ones are searched");
        }
    }
}
