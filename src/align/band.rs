//! The cells the search visits: a band of columns per row around a path found before (the
//! coarser level's, projected; or, for short documents whose paragraphs correspond, the diagonals
//! of the paragraph blocks), and its widening where the path found runs along the band's edge.
//! Every band is monotone and each row overlaps the one before, so every cell inside is reachable;
//! its cells are numbered row by row for the level's cell cache.

use super::search::Units;

/// The cells searched at one level: for each row i (0..=n) the columns lo[i]..=hi[i].
pub(super) struct Band {
    pub(super) lo: Vec<usize>,
    pub(super) hi: Vec<usize>,
    /// Where each row's cells start in a level's cell cache.
    pub(super) start: Vec<usize>,
    pub(super) cells: usize,
}

impl Band {
    pub(super) fn new(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut start = Vec::with_capacity(lo.len());
        let mut cells = 0;
        for i in 0..lo.len() {
            start.push(cells);
            cells += hi[i] + 1 - lo[i];
        }
        Band { lo, hi, start, cells }
    }

    pub(super) fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1])
    }

    #[inline]
    pub(super) fn idx(&self, i: usize, j: usize) -> Option<usize> {
        if j >= self.lo[i] && j <= self.hi[i] { Some(self.start[i] + j - self.lo[i]) } else { None }
    }

    /// This band with every row reaching `reach` columns further left and as far right as the row
    /// `reach` below it: every point (i-p, j-q) with p, q ≤ reach and (i, j) in this band.
    pub(super) fn widened(&self, reach: usize) -> Band {
        let n = self.lo.len() - 1;
        let lo = self.lo.iter().map(|&l| l.saturating_sub(reach)).collect();
        let hi = (0..=n).map(|i| self.hi[(i + reach).min(n)]).collect();
        Band::new(lo, hi)
    }

    /// The band (sizes n, m) around the diagonals of the blocks between consecutive points of
    /// `path`: in each block, the cells within `half` columns of the line from its first corner to
    /// its last, then `margin` columns more on each side.
    fn around_diagonals(path: &[(usize, usize)], n: usize, m: usize, half: f64, margin: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for w in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            for i in i0..=i1 {
                let (l, h) = if i1 > i0 {
                    let centre = j0 as f64 + (i - i0) as f64 * (j1 - j0) as f64 / (i1 - i0) as f64;
                    (
                        (centre - half).floor().max(j0 as f64) as usize,
                        (centre + half).ceil().min(j1 as f64) as usize,
                    )
                } else {
                    (j0, j1)
                };
                lo[i] = lo[i].min(l);
                hi[i] = hi[i].max(h);
            }
        }
        Band::from_rows(lo, hi, m, 0, margin)
    }

    /// The band from each row's first and last column (`usize::MAX` / 0 for a row no block
    /// reached), made monotone, widened by `rows` rows up and down and `cols` columns left and
    /// right, with every row overlapping its predecessor so that every cell is reachable with 1-0 /
    /// 0-1 steps.
    fn from_rows(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize, rows: usize, cols: usize) -> Band {
        let n = lo.len() - 1;
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        let mut lo2: Vec<usize> = (0..=n).map(|i| lo[i.saturating_sub(rows)].saturating_sub(cols)).collect();
        let hi2: Vec<usize> = (0..=n).map(|i| (hi[(i + rows).min(n)] + cols).min(m)).collect();
        for i in 1..=n {
            lo2[i] = lo2[i].min(hi2[i - 1]);
        }
        Band::new(lo2, hi2)
    }

    /// The band of a finer level (sizes n, m) around `path` (points of the coarser level, whose
    /// unit k covers finer units 2k, 2k+1).
    pub(super) fn around(path: &[(usize, usize)], n: usize, m: usize, band: usize) -> Band {
        Band::around_scaled(path, 2, n, m, band)
    }

    /// The band (sizes n, m) around the blocks between consecutive points of `path`, given in
    /// units of `scale` cells.
    fn around_scaled(path: &[(usize, usize)], scale: usize, n: usize, m: usize, band: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for w in path.windows(2) {
            let (i0, j0) = ((scale * w[0].0).min(n), (scale * w[0].1).min(m));
            let (i1, j1) = ((scale * w[1].0).min(n), (scale * w[1].1).min(m));
            for i in i0..=i1 {
                lo[i] = lo[i].min(j0);
                hi[i] = hi[i].max(j1);
            }
        }
        Band::from_rows(lo, hi, m, band, band)
    }
}

/// Most times the sentence-level search of a long document is repeated in a band widened where its
/// path ran along the band's edge. On `benches/long.sh 3` (rues-dev joined, 12,876 units), a one-row
/// change in the Russian segmentation once moved the coarse path far enough that the sentence level
/// lost 220 units of the merge variant's ru-en (link F1 .989 → .965); with the widening it is .990,
/// the other cells equal or up to +.002 but omit ru+en+es −.001. A round searches again only from
/// the first row it widens on (the search's table and cell cache of the rows before are kept): on
/// 100k × 110k sentences (`benches/align.sh`), where the one round widens rows 98,891–99,247, that
/// took the run from 4.1–4.2 s of CPU back to 3.4–3.5 s; a round of the whole level cost about a
/// fifth more time.
pub(super) const EDGE_ROUNDS: usize = 3;
/// Columns added on each side of the path, and rows before and after a stretch, in the first round;
/// doubled in each next round.
const EDGE_WIDEN: usize = 24;
/// Rows within which two points on the band's edge make a stretch (one alone is usually a tight
/// but right band).
const EDGE_STRETCH: usize = 8;

/// The band widened around the stretches where `path` runs along its edge (points on the band's
/// first or last column of their row, away from the document's edges), or `None` if it does not.
pub(super) fn widened_at_edges(
    band: &Band,
    path: &[(usize, usize)],
    n: usize,
    m: usize,
    round: usize,
) -> Option<Band> {
    let widen = EDGE_WIDEN << round;
    let edge: Vec<usize> = path
        .iter()
        .filter(|&&(i, j)| (j == band.lo[i] && band.lo[i] > 0) || (j == band.hi[i] && band.hi[i] < m))
        .map(|&(i, _)| i)
        .collect();
    // A stretch, not a point: a path may touch the edge once where the band is tight and right.
    // `edge` is in path order, so a point's nearest fellows are its neighbours in the list.
    let touches: Vec<usize> = (0..edge.len())
        .filter(|&t| {
            let close = |u: usize| edge[u].abs_diff(edge[t]) <= EDGE_STRETCH;
            (t > 0 && close(t - 1)) || (t + 1 < edge.len() && close(t + 1))
        })
        .map(|t| edge[t])
        .collect();
    if touches.is_empty() {
        return None;
    }
    let mut lo = band.lo.clone();
    let mut hi = band.hi.clone();
    let mut near = vec![false; n + 1];
    for &i in &touches {
        near[i.saturating_sub(widen)..=(i + widen).min(n)].fill(true);
    }
    for &(i, j) in path {
        if near[i] {
            lo[i] = lo[i].min(j.saturating_sub(widen));
            hi[i] = hi[i].max((j + widen).min(m));
        }
    }
    Some(Band::from_rows(lo, hi, m, 0, 0))
}

/// Largest |log| of a paragraph pair's length ratio (over the documents') for the paragraphs to be
/// taken as corresponding, and the characters added to both lengths first (short paragraphs vary
/// more). Tight enough that a paragraph break set two sentences later in one language (same number
/// of paragraphs, blocks no longer matching beyond the margin) sends the pair to the coarse search:
/// on the rues documents 97 % of clean pairs pass and 73 % of those with omissions.
const PARA_MAX_LOG_RATIO: f64 = 0.35;
const PARA_SLACK: f64 = 40.0;
/// Columns searched beyond each paragraph block's part of the band: beads across a paragraph
/// boundary are rare and pay the paragraph penalties. A margin of 3 (the coarse path's) gave the same
/// rues scores to the third decimal (but one, .001 apart) and the same output on the 1,000-set batch
/// bench, at 17 % more instructions (callgrind, `align` of one bench set: 116 M against 99 M).
const PARA_MARGIN: usize = 1;
/// Columns searched on each side of a paragraph block's diagonal (the line from its first corner to
/// its last): the whole block was searched before, then one more row and column all round, ≈ 11
/// cells a row on the batch bench's sets; this band holds ≈ 8. With 3 the rues link F1 of every
/// pair and of ru+en+es is the same to the fourth decimal on clean, omit and merge, and 1 set of
/// the 1,000-set bench changes (11 units), at 7.5 % fewer instructions on 400 sets; with 2, omit
/// loses up to .0007.
const PARA_HALF_WIDTH: f64 = 3.0;
/// Most cells per row a paragraph band may hold (long paragraphs make wide blocks; the band around
/// a coarse path holds about 16 a row).
const PARA_MAX_CELLS_PER_ROW: usize = 24;

/// For a short document pair whose paragraphs correspond one to one (as many on both sides, and
/// each pair's lengths in the documents' ratio), the band around the paragraph blocks' diagonals
/// (`PARA_HALF_WIDTH`, widened by `PARA_MARGIN`): what the coarse levels would find, without
/// searching them. Sentences of a paragraph pair still align freely near its diagonal (and beads may
/// still cross a boundary within the band's margin, at the paragraph penalties). `None` when the
/// paragraphs do not correspond, or the band would be wide.
pub(super) fn paragraph_band(a: &Units, b: &Units, ratio: f64) -> Option<Band> {
    let starts = |u: &Units| -> Vec<usize> { (0..u.n()).filter(|&i| u.para_start(i)).collect() };
    let (sa, sb) = (starts(a), starts(b));
    if sa.len() != sb.len() || sa.len() < 2 {
        return None;
    }
    let (n, m) = (a.n(), b.n());
    let mut points = Vec::with_capacity(sa.len() + 1);
    for k in 0..sa.len() {
        let (ea, eb) = (sa.get(k + 1).copied().unwrap_or(n), sb.get(k + 1).copied().unwrap_or(m));
        let la = a.prefix[ea] - a.prefix[sa[k]];
        let lb = b.prefix[eb] - b.prefix[sb[k]];
        if ((lb + PARA_SLACK) / (la * ratio + PARA_SLACK)).ln().abs() > PARA_MAX_LOG_RATIO {
            return None;
        }
        points.push((sa[k], sb[k]));
    }
    points.push((n, m));
    let band = Band::around_diagonals(&points, n, m, PARA_HALF_WIDTH, PARA_MARGIN);
    (band.cells <= PARA_MAX_CELLS_PER_ROW * (n + 1)).then_some(band)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_along_the_band_edge_gets_a_wider_band_there() {
        // A 200 × 200 diagonal band of half-width 2; the true path runs 10 columns right of the
        // diagonal from row 100 on, so the path found hugs the band's right edge there.
        let (n, m) = (200, 200);
        let diagonal: Vec<(usize, usize)> = (0..=n).map(|i| (i, i)).collect();
        let band = Band::around_scaled(&diagonal, 1, n, m, 2);
        let hugging: Vec<(usize, usize)> =
            (0..=n).map(|i| (i, if (100..190).contains(&i) { band.hi[i] } else { i })).collect();
        let wider = widened_at_edges(&band, &hugging, n, m, 0).expect("the path runs along the edge");
        for i in 100..190 {
            assert!(wider.idx(i, i + 10).is_some(), "row {i}: the true path is inside the wider band");
        }
        assert!(wider.idx(20, 40).is_none(), "rows far from the stretch keep their band");
        assert!(wider.cells < 4 * band.cells, "widened only around the stretch");
        // A second round reaches twice as far.
        let again = widened_at_edges(&band, &hugging, n, m, 1).unwrap();
        assert!(again.idx(150, 150 + 40).is_some() && wider.idx(150, 150 + 40).is_none());
        // A path on the diagonal, or touching the edge at one row only, is left alone.
        assert!(widened_at_edges(&band, &diagonal, n, m, 0).is_none());
        let once: Vec<(usize, usize)> = (0..=n).map(|i| (i, if i == 50 { band.hi[i] } else { i })).collect();
        assert!(widened_at_edges(&band, &once, n, m, 0).is_none());
    }

    #[test]
    fn a_paragraph_band_follows_each_blocks_diagonal() {
        // Blocks 0..10 × 0..10, 10..14 × 10..20 (one side's paragraph twice as long), 14..30 × 20..30.
        let points = [(0, 0), (10, 10), (14, 20), (30, 30)];
        let (n, m) = (30, 30);
        let band = Band::around_diagonals(&points, n, m, 3.0, 1);
        let whole = Band::around_scaled(&points, 1, n, m, 1);
        for w in points.windows(2) {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            for i in i0..=i1 {
                let centre =
                    (j0 as f64 + (i - i0) as f64 * (j1 - j0) as f64 / (i1 - i0) as f64).round() as usize;
                assert!(band.idx(i, centre).is_some(), "({i}, {centre}) on the diagonal of {:?}", w);
            }
        }
        for i in 1..=n {
            assert!(band.lo[i] >= band.lo[i - 1] && band.hi[i] >= band.hi[i - 1], "row {i} is monotone");
            assert!(band.lo[i] <= band.hi[i - 1], "row {i} overlaps the row before");
            assert!(
                band.lo[i] >= whole.lo[i] && band.hi[i] <= whole.hi[i],
                "row {i} inside the blocks' band"
            );
        }
        // Inside the long first block, a row holds the diagonal cell, 3 on each side and the margin.
        assert_eq!((band.lo[5], band.hi[5]), (1, 9));
        assert!(band.cells * 3 < whole.cells * 2, "{} cells against {}", band.cells, whole.cells);
    }

    /// Units of the given lengths, each list a paragraph (all a paragraph band reads).
    fn paragraphs(lens: &[&[f32]]) -> Units<'static> {
        let n = lens.iter().map(|p| p.len()).sum();
        let mut u = Units {
            len: lens.iter().flat_map(|p| p.iter().copied()).collect(),
            para: lens.iter().enumerate().flat_map(|(k, p)| std::iter::repeat_n(k, p.len())).collect(),
            punct: vec![0; n],
            ..Units::default()
        };
        u.finish();
        u
    }

    #[test]
    fn corresponding_paragraphs_give_the_band_around_their_blocks() {
        let a = paragraphs(&[&[50.0, 60.0], &[40.0, 80.0, 30.0], &[70.0]]);
        // The translation splits the second paragraph's last sentence in two and is 20 % longer.
        let b = paragraphs(&[&[60.0, 72.0], &[48.0, 96.0, 18.0, 18.0], &[84.0]]);
        let band = paragraph_band(&a, &b, 1.2).expect("paragraphs correspond");
        // Every cell of every paragraph block is searched, with the margin around it.
        for (rows, cols) in [(0..=2, 0..=2), (2..=5, 2..=6), (5..=6, 6..=7)] {
            for i in rows.clone() {
                for j in cols.clone() {
                    assert!(band.idx(i, j).is_some(), "({i}, {j})");
                }
            }
        }
        // Far from the blocks, nothing is searched.
        let four: &[f32] = &[50.0, 60.0, 40.0, 80.0];
        let long = paragraphs(&[four; 6]);
        let band = paragraph_band(&long, &long, 1.0).expect("paragraphs correspond");
        assert!(band.idx(24, 0).is_none() && band.idx(0, 24).is_none() && band.idx(12, 2).is_none());
        assert!(band.idx(12, 12).is_some() && band.idx(13, 16).is_some());
        // As many paragraphs, but the second pair's lengths disagree: no band from them.
        let c = paragraphs(&[&[60.0, 72.0], &[20.0], &[84.0, 96.0, 48.0, 18.0, 18.0]]);
        assert!(paragraph_band(&a, &c, 1.2).is_none());
        // A paragraph break two sentences later in the translation: as many paragraphs, but the
        // blocks no longer match beyond the margin, and the lengths say so.
        let five: &[f32] = &[60.0; 5];
        let moved = paragraphs(&[&[72.0; 3], &[72.0; 7]]);
        assert!(paragraph_band(&paragraphs(&[five, five]), &moved, 1.2).is_none());
        // A paragraph fewer.
        let d = paragraphs(&[&[60.0, 72.0, 48.0, 96.0, 36.0], &[84.0]]);
        assert!(paragraph_band(&a, &d, 1.2).is_none());
    }
}
