//! The second look: after the search, the decisions it took by a hair about a sentence the other
//! side may not translate are weighed again on the words of the sentences involved (the wrong one
//! of two neighbours left alone; an untranslated sentence merged at a bead's edge). Runs on the
//! sentence-level path of a pair search, with that level's cost model and cell cache.

use std::ops::Range;

use super::search::{Level, SearchSetup, bead_cost};

/// Fewest characters (without whitespace) an absorbed sentence needs for [`second_look`] to judge
/// it: a short one (a label, a dateline, "Naturally.") carries too few words to tell.
const EDGE_MIN_CHARS: f64 = 25.0;
/// Largest share of an absorbed edge sentence's words the other side of its bead may translate.
const EDGE_MAX_COVERAGE: f64 = 0.1;
/// Longest run of 1-1 beads beside a lone sentence that [`second_look`] shifts by one.
const SHIFT_MAX_RUN: usize = 3;
/// Most pieces (at soft boundaries) of a lone sentence that [`second_look`] moves.
const LONE_MAX_PIECES: usize = 3;

/// A second look at the decisions the search took by a hair, with the words of the sentences
/// involved. The lexical score rewards the words a bead translates but does not charge those it
/// leaves untranslated, so a sentence the other language left out costs little more merged into a
/// neighbour's bead (a shape prior, a little dilution) or paired with its neighbour's counterpart
/// than left alone, and where the lengths favour that, it wins by a hair. So:
///
/// - a lone sentence (1-0 beads holding one whole sentence, in up to [`LONE_MAX_PIECES`] pieces)
///   next to a 1-1 bead whose other side it translates better than the sentence paired there (by
///   the lexicon's coverage, both ways), where that pairing won by less than
///   [`SearchSetup::second_look_margin`], trades places with that sentence (the search took the
///   wrong one of two); so does a run of up to [`SHIFT_MAX_RUN`] such 1-1 beads, each pair moved
///   one sentence over;
/// - a whole sentence at the start or end of the longer side of a bead, which the other side barely
///   translates (under [`EDGE_MAX_COVERAGE`] of its words) and which the bead without it plus a 1-0
///   bead would have cost less than that margin more, stands alone.
///
/// Measured before the rules existed, on rues-dev `omit` (the three pairs, each document alone): of
/// the 662 lone sentences next to a 1-1 bead, 14 stood beside the sentence that was really
/// omitted; 4 of those met the first rule and none of the 648 others did. Of the 1,965 edge
/// sentences of 5+ words, 29 were omitted ones; 10 of those met the second rule's limits, and 1 of
/// the others did. On `clean`, the first rule's limits held none, the second's held 2 sentences and
/// 1 that the translation really lacks.
pub(super) fn second_look(
    lvl: &Level<'_>,
    setup: &SearchSetup<'_>,
    path: Vec<(Range<usize>, Range<usize>)>,
) -> Vec<(Range<usize>, Range<usize>)> {
    // A bead as its two sides.
    type Bead2 = [Range<usize>; 2];
    let p = setup.params;
    let cost = |b: &Bead2| {
        let prior = p.shape_cost[b[0].len()][b[1].len()];
        bead_cost(lvl, setup, b[0].clone(), b[1].clone(), prior, false).map_or(f64::INFINITY, |c| c.total)
    };
    let units = [lvl.a, lvl.b];
    // A whole sentence of side `s`: it starts at a hard boundary and so does what follows it.
    let whole = |s: usize, i: usize| units[s].soft_start(i) == 0.0 && units[s].soft_start(i + 1) == 0.0;
    // The share of the words the lexicon knows of sentences `own` of side `s` that `other`
    // translates.
    let share = |s: usize, own: Range<usize>, other: Range<usize>| {
        let (mut covered, mut known) = (0.0f32, 0usize);
        for i in own {
            known += units[s].toks.get(i).len();
            for j in other.clone() {
                covered += if s == 0 {
                    lvl.pair_cell(i, j, false, false).cov_ba
                } else {
                    lvl.pair_cell(j, i, false, false).cov_ab
                };
            }
        }
        f64::from(covered) / known.max(1) as f64
    };
    let mut beads: Vec<Bead2> = path.into_iter().map(|(a, b)| [a, b]).collect();
    // The wrong one of two: a lone sentence (one whole sentence, maybe in pieces, in one or more
    // 1-0 beads) and the 1-1 beads of a run beside it, paired one step over: the run's parts of side
    // `s` in order, the lone one first or last, pair with the other side's y0, y0 + 1, … but for the
    // part at `lone_at`, which stands alone.
    let null_on = |b: &Bead2, s: usize| !b[s].is_empty() && b[1 - s].is_empty();
    let one_one = |b: &Bead2| b[0].len() == 1 && b[1].len() == 1;
    let config = |s: usize, parts: &[Range<usize>], y0: usize, lone_at: usize| {
        let (mut c, mut sh, mut y) = (0.0, 0.0, y0);
        for (t, part) in parts.iter().enumerate() {
            if t == lone_at {
                c += p.null_cost + (part.len() - 1) as f64 * p.null_run_cost;
                continue;
            }
            let mut b = [y..y + 1, y..y + 1];
            b[s] = part.clone();
            c += cost(&b);
            // Both ways, as the search's lexical score: a short sentence whose few words the other
            // side translates covers less of that side than the sentence that translates it all.
            sh += share(s, part.clone(), y..y + 1) + share(1 - s, y..y + 1, part.clone());
            y += 1;
        }
        (c, sh)
    };
    let arrange = |s: usize, parts: Vec<Range<usize>>, y0: usize, lone_at: usize| {
        let mut y = y0;
        let mut out = Vec::with_capacity(parts.len());
        for (t, part) in parts.into_iter().enumerate() {
            let mut b = [y..y, y..y];
            b[s] = part;
            if t != lone_at {
                b[1 - s] = y..y + 1;
                y += 1;
            }
            out.push(b);
        }
        out
    };
    let mut k = 0;
    while k < beads.len() {
        let Some(s) = (0..2).find(|&s| null_on(&beads[k], s)) else {
            k += 1;
            continue;
        };
        let mut k2 = k;
        while beads.get(k2 + 1).is_some_and(|b| null_on(b, s)) {
            k2 += 1;
        }
        let z = beads[k][s].start..beads[k2][s].end;
        let soft = |i: usize| units[s].soft_start(i) > 0.0;
        if z.len() > LONE_MAX_PIECES || soft(z.start) || soft(z.end) || !(z.start + 1..z.end).all(soft) {
            k = k2 + 1;
            continue;
        }
        // (margin, the beads replaced, the beads that replace them)
        let mut best: Option<(f64, Range<usize>, Vec<Bead2>)> = None;
        for r in 1..=SHIFT_MAX_RUN {
            for null_first in [true, false] {
                let run_start = if null_first { Some(k2 + 1) } else { k.checked_sub(r) };
                let Some(lo) = run_start else { continue };
                let Some(run) = beads.get(lo..lo + r) else { continue };
                if !run.iter().all(|b| one_one(b) && whole(s, b[s].start)) {
                    continue;
                }
                let mut parts: Vec<Range<usize>> = run.iter().map(|b| b[s].clone()).collect();
                let (now_at, then_at) = if null_first { (0, r) } else { (r, 0) };
                parts.insert(now_at, z.clone());
                let y0 = run[0][1 - s].start;
                let (now, now_share) = config(s, &parts, y0, now_at);
                let (then, then_share) = config(s, &parts, y0, then_at);
                let margin = then - now;
                if margin < setup.second_look_margin
                    && then_share > now_share
                    && best.as_ref().is_none_or(|(m, ..)| margin < *m)
                {
                    let replaced = if null_first { k..k2 + r + 1 } else { k - r..k2 + 1 };
                    best = Some((margin, replaced, arrange(s, parts, y0, then_at)));
                }
            }
        }
        let Some((_, replaced, shifted)) = best else {
            k = k2 + 1;
            continue;
        };
        k = replaced.start + shifted.len();
        beads.splice(replaced, shifted);
    }
    // Untranslated edge sentences: the bead becomes the sentence alone and the rest, in order.
    let mut out = Vec::with_capacity(beads.len());
    for b in beads {
        let s = usize::from(b[1].len() > b[0].len());
        let mut best: Option<(f64, [Bead2; 2])> = None;
        if !b[1 - s].is_empty() && b[0].len() != b[1].len() {
            let full = cost(&b);
            let (long, other) = (b[s].clone(), b[1 - s].clone());
            for i in [long.start, long.end - 1] {
                if !whole(s, i) || units[s].len_of(&(i..i + 1)) < EDGE_MIN_CHARS {
                    continue;
                }
                let (mut rest, mut alone) = (b.clone(), b.clone());
                alone[s] = i..i + 1;
                let first = i == long.start;
                rest[s] = if first { long.start + 1..long.end } else { long.start..long.end - 1 };
                let at = if first { other.start } else { other.end };
                alone[1 - s] = at..at;
                let margin = cost(&rest) + p.null_cost - full;
                if margin < setup.second_look_margin
                    && share(s, i..i + 1, other.clone()) < EDGE_MAX_COVERAGE
                    && best.as_ref().is_none_or(|(m, _)| margin < *m)
                {
                    best = Some((margin, if first { [alone, rest] } else { [rest, alone] }));
                }
            }
        }
        match best {
            Some((_, split)) => out.extend(split.map(|[a, b]| (a, b))),
            None => out.push((b[0].clone(), b[1].clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::length::LengthModel;
    use crate::align::search::test_units::{full_level, identity_units};
    use crate::align::search::{Params, Units};

    /// Sentences of given lengths and words, each word translating the same id on the other side.
    fn sentences(spec: &[(f32, &[u32])]) -> Units<'static> {
        identity_units(spec, &[])
    }

    /// [`second_look`] of `path` over sentences `a` and `b`.
    fn looked_again(
        a: &Units,
        b: &Units,
        path: &[(Range<usize>, Range<usize>)],
    ) -> Vec<(Range<usize>, Range<usize>)> {
        looked_again_within(a, b, path, Params::default().second_look_margin)
    }

    /// The same, reconsidering choices won by less than `margin`.
    fn looked_again_within(
        a: &Units,
        b: &Units,
        path: &[(Range<usize>, Range<usize>)],
        margin: f64,
    ) -> Vec<(Range<usize>, Range<usize>)> {
        let params = Params::default();
        let setup = SearchSetup {
            params: &params,
            length: LengthModel::from_totals(100.0, 100.0, None),
            max_bead: 5,
            hard_anchors: false,
            use_paragraphs: false,
            cross_paragraphs: false,
            use_lexicon: true,
            second_look_margin: margin,
        };
        second_look(&full_level(a, b, &params), &setup, path.to_vec())
    }

    #[test]
    fn an_untranslated_sentence_merged_at_a_beads_edge_stands_alone() {
        let translated: &[u32] = &[1, 2, 3, 4, 5];
        let b = sentences(&[(50.0, translated)]);
        let merged = [(0..2, 0..1)];
        // The second sentence shares no word with the other side, and the bead fits worse with it.
        let a = sentences(&[(50.0, translated), (40.0, &[20, 21, 22, 23, 24])]);
        assert_eq!(looked_again(&a, &b, &merged), [(0..1, 0..1), (1..2, 1..1)]);
        // The same lengths, but the other side translates it: the bead stays.
        let a = sentences(&[(50.0, translated), (40.0, &[1, 2, 3, 4, 6])]);
        assert_eq!(looked_again(&a, &b, &merged), merged);
        // Too short to judge.
        let a = sentences(&[(50.0, translated), (20.0, &[20, 21, 22, 23, 24])]);
        assert_eq!(looked_again(&a, &b, &merged), merged);
        // The same on the other side, at the bead's start.
        let b2 = sentences(&[(40.0, &[20, 21, 22, 23, 24]), (50.0, translated)]);
        let a2 = sentences(&[(50.0, translated)]);
        assert_eq!(looked_again(&a2, &b2, &[(0..1, 0..2)]), [(0..0, 0..1), (0..1, 1..2)]);
    }

    #[test]
    fn a_broadly_trained_lexicon_overrules_wider_margins() {
        let translated: &[u32] = &[1, 2, 3, 4, 5];
        let a = sentences(&[(50.0, translated), (40.0, &[20, 21, 22, 23, 24])]);
        let merged = [(0..2, 0..1)];
        let apart = [(0..1, 0..1), (1..2, 1..1)];
        // The other side is long enough that the bead fits a good deal better with the untranslated
        // sentence than without it: only the wider margin takes a second look.
        let b = sentences(&[(70.0, translated)]);
        let params = Params::default();
        assert_eq!(looked_again_within(&a, &b, &merged, params.second_look_margin), merged);
        assert_eq!(looked_again_within(&a, &b, &merged, params.second_look_margin_broad), apart);
        // Longer still, the lengths outweigh the words for either.
        let b = sentences(&[(90.0, translated)]);
        assert_eq!(looked_again_within(&a, &b, &merged, params.second_look_margin_broad), merged);
    }

    #[test]
    fn a_lone_sentence_that_translates_its_neighbours_partner_trades_places() {
        let b = sentences(&[(50.0, &[1, 2, 3, 4, 5])]);
        let untranslated: &[u32] = &[20, 21, 22, 23, 24];
        // The lone sentence after the pair is what the other side translates.
        let a = sentences(&[(50.0, untranslated), (50.0, &[1, 2, 3, 4, 5])]);
        let path = [(0..1, 0..1), (1..2, 1..1)];
        assert_eq!(looked_again(&a, &b, &path), [(0..1, 0..0), (1..2, 0..1)]);
        // Before it.
        let a = sentences(&[(50.0, &[1, 2, 3, 4, 5]), (50.0, untranslated)]);
        let path = [(0..1, 0..0), (1..2, 0..1)];
        assert_eq!(looked_again(&a, &b, &path), [(0..1, 0..1), (1..2, 1..1)]);
        // The pairing the search chose is the better one: it stays.
        let path = [(0..1, 0..1), (1..2, 1..1)];
        assert_eq!(looked_again(&a, &b, &path), path);
        // A lone sentence in two pieces (the second one starts at a soft boundary) moves as a whole.
        let mut a = sentences(&[(50.0, untranslated), (25.0, &[1, 2, 3]), (25.0, &[4, 5])]);
        a.soft = vec![0.0, 0.0, 1.5];
        let path = [(0..1, 0..1), (1..3, 1..1)];
        assert_eq!(looked_again(&a, &b, &path), [(0..1, 0..0), (1..3, 0..1)]);
        // A run of two pairs, each one sentence off: all move over.
        let b = sentences(&[(50.0, &[1, 2, 3, 4, 5]), (50.0, &[6, 7, 8, 9, 10])]);
        let a = sentences(&[(50.0, untranslated), (50.0, &[1, 2, 3, 4, 5]), (50.0, &[6, 7, 8, 9, 10])]);
        let path = [(0..1, 0..1), (1..2, 1..2), (2..3, 2..2)];
        assert_eq!(looked_again(&a, &b, &path), [(0..1, 0..0), (1..2, 0..1), (2..3, 1..2)]);
        // The paired sentence's few words are all translated by the other side, the lone one's all
        // but one; but only the lone one translates all of the other side: it takes the pair.
        let b = sentences(&[(50.0, &[1, 2, 3, 4, 5, 6, 7, 8])]);
        let a = sentences(&[(50.0, &[1, 2]), (50.0, &[1, 2, 3, 4, 5, 6, 7, 8, 30])]);
        let path = [(0..1, 0..1), (1..2, 1..1)];
        assert_eq!(looked_again(&a, &b, &path), [(0..1, 0..0), (1..2, 0..1)]);
    }
}
