//! Pieces back into sentences. The aligner may work on sentences cut at their soft boundaries
//! (`segment::soft_pieces`): a piece then stands alone only where the alignment put it in a unit of
//! its own. Here the pieces of one sentence that share a unit become one sentence again — its text
//! is the original's, cut only where units part. A piece never stands alone in a unit lacking a
//! language: two one-language units that hold neighbouring pieces of one sentence (an omission found
//! piece by piece) become one, and a unit lacking a language whose pieces all go on in a neighbour
//! unit joins it.

use std::ops::Range;

use super::{Alignment, Bead};
use crate::segment::Sentence;

/// For each piece, the index of the sentence that holds it (pieces and sentences in order).
fn origins(pieces: &[Sentence], sentences: &[Sentence]) -> Vec<usize> {
    let mut o = 0;
    pieces
        .iter()
        .map(|p| {
            while o + 1 < sentences.len() && sentences[o].end <= p.start {
                o += 1;
            }
            o
        })
        .collect()
}

/// The language of a unit with sentences in one language only.
fn one_sided(b: &Bead) -> Option<usize> {
    let mut langs = b.sents.iter().enumerate().filter(|(_, r)| !r.is_empty());
    let (d, _) = langs.next()?;
    langs.next().is_none().then_some(d)
}

/// Units holding only consecutive pieces of one sentence, in one language, merged.
fn merge_one_sided(beads: &[Bead], origin: &[Vec<usize>]) -> Vec<Bead> {
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    for b in beads {
        if let (Some(prev), Some(d)) = (out.last_mut(), one_sided(b))
            && one_sided(prev) == Some(d)
            && origin[d][prev.sents[d].end - 1] == origin[d][b.sents[d].start]
        {
            prev.sents[d].end = b.sents[d].end;
            prev.score = prev.score.min(b.score);
            continue;
        }
        out.push(b.clone());
    }
    out
}

/// Whether every language of `b` that has sentences starts (`at_start`) or ends its side with a
/// piece of the sentence that `other`'s side goes on with; and `b` lacks a language (else it is a
/// unit in its own right).
fn continues(b: &Bead, other: &Bead, at_start: bool, origin: &[Vec<usize>]) -> bool {
    let present: Vec<usize> = (0..b.sents.len()).filter(|&d| !b.sents[d].is_empty()).collect();
    present.len() < b.sents.len()
        && !present.is_empty()
        && present.iter().all(|&d| {
            let (r, o) = (&b.sents[d], &other.sents[d]);
            !o.is_empty()
                && if at_start {
                    origin[d][o.end - 1] == origin[d][r.start]
                } else {
                    origin[d][r.end - 1] == origin[d][o.start]
                }
        })
}

/// Units lacking a language whose pieces all belong to sentences that go on in a neighbouring
/// unit, joined to that unit (a label cut off at its colon in two languages but not the third).
fn attach_orphans(beads: Vec<Bead>, origin: &[Vec<usize>]) -> Vec<Bead> {
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    let mut pending: Option<Vec<usize>> = None; // starts of an orphan to prepend to the next unit
    for (t, b) in beads.iter().enumerate() {
        let mut b = b.clone();
        if let Some(starts) = pending.take() {
            b.sents.iter_mut().zip(starts).for_each(|(r, s)| r.start = s);
        }
        if let Some(prev) = out.last_mut()
            && continues(&b, prev, true, origin)
        {
            prev.sents.iter_mut().zip(&b.sents).for_each(|(p, r)| p.end = r.end);
            continue;
        }
        if let Some(next) = beads.get(t + 1)
            && continues(&b, next, false, origin)
            && next.sents.iter().all(|r| !r.is_empty())
        {
            pending = Some(b.sents.iter().map(|r| r.start).collect());
            continue;
        }
        out.push(b);
    }
    out
}

/// One sentence from pieces `run` of sentence `whole`: the whole sentence when it holds all of them.
fn joined(pieces: &[Sentence], run: Range<usize>, whole: &Sentence) -> Sentence {
    let (first, last) = (&pieces[run.start], &pieces[run.end - 1]);
    if first.start <= whole.start && last.end >= whole.end {
        return whole.clone();
    }
    let text: String =
        whole.text.chars().skip(first.start - whole.start).take(last.end - first.start).collect();
    Sentence { para: whole.para, start: first.start, end: last.end, text, soft: first.soft }
}

/// Rejoins the pieces of each document (`pieces[d]`, cut from `sentences[d]`) that share a unit of
/// `alignment` (made over the pieces). Returns the alignment over the rejoined sentences, and those
/// sentences per document. Documents that were not cut come back unchanged.
pub fn rejoin(
    alignment: &Alignment,
    pieces: &[&[Sentence]],
    sentences: &[&[Sentence]],
) -> (Alignment, Vec<Vec<Sentence>>) {
    let origin: Vec<Vec<usize>> = pieces.iter().zip(sentences).map(|(p, s)| origins(p, s)).collect();
    let mut beads = attach_orphans(merge_one_sided(&alignment.beads, &origin), &origin);
    let mut out: Vec<Vec<Sentence>> = vec![Vec::new(); pieces.len()];
    for b in &mut beads {
        for (d, range) in b.sents.iter_mut().enumerate() {
            let start = out[d].len();
            let mut k = range.start;
            while k < range.end {
                let mut e = k + 1;
                while e < range.end && origin[d][e] == origin[d][k] {
                    e += 1;
                }
                out[d].push(joined(pieces[d], k..e, &sentences[d][origin[d][k]]));
                k = e;
            }
            *range = start..out[d].len();
        }
    }
    (Alignment { langs: alignment.langs.clone(), beads }, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Segmenter, soft_pieces};

    fn sentence(start: usize, text: &str) -> Sentence {
        Sentence { para: 0, start, end: start + text.chars().count(), text: text.into(), soft: false }
    }

    fn bead(sents: Vec<Range<usize>>) -> Bead {
        Bead { sents, score: 0.9 }
    }

    #[test]
    fn pieces_sharing_a_unit_become_the_sentence_again() {
        let en = [sentence(0, "On the Pope: Jobs told it."), sentence(27, "Then he left.")];
        let pieces = soft_pieces(&en, &Segmenter::new("en"));
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["On the Pope:", "Jobs told it.", "Then he left."]
        );
        assert!(pieces[1].soft && !pieces[2].soft);
        assert_eq!((pieces[1].start, pieces[1].end), (13, 26));
        let ru = [sentence(0, "О папе:"), sentence(8, "Джобс рассказал."), sentence(25, "Потом ушёл.")];

        // The pieces kept apart where the other side splits too.
        let apart = Alignment {
            langs: vec!["en".into(), "ru".into()],
            beads: vec![bead(vec![0..1, 0..1]), bead(vec![1..2, 1..2]), bead(vec![2..3, 2..3])],
        };
        let (a, s) = rejoin(&apart, &[&pieces, &ru], &[&en, &ru]);
        assert_eq!(a, apart);
        assert_eq!(s[0], pieces);

        // Joined where the two pieces share a unit: the original sentence, with its text.
        let together = Alignment {
            langs: apart.langs.clone(),
            beads: vec![bead(vec![0..2, 0..2]), bead(vec![2..3, 2..3])],
        };
        let (a, s) = rejoin(&together, &[&pieces, &ru], &[&en, &ru]);
        assert_eq!(
            a.beads.iter().map(|b| b.sents.clone()).collect::<Vec<_>>(),
            [vec![0..1, 0..2], vec![1..2, 2..3]]
        );
        assert_eq!(s[0], en);
    }

    #[test]
    fn a_piece_alone_joins_the_unit_with_the_rest_of_its_sentence() {
        let en = [sentence(0, "On the Pope: Jobs told it."), sentence(27, "Then he left.")];
        let pieces = soft_pieces(&en, &Segmenter::new("en"));
        let ru = [sentence(0, "Джобс рассказал о папе."), sentence(24, "Потом ушёл.")];
        for beads in [
            vec![bead(vec![0..1, 0..0]), bead(vec![1..2, 0..1]), bead(vec![2..3, 1..2])],
            vec![bead(vec![0..1, 0..1]), bead(vec![1..2, 1..1]), bead(vec![2..3, 1..2])],
        ] {
            let al = Alignment { langs: vec!["en".into(), "ru".into()], beads };
            let (a, s) = rejoin(&al, &[&pieces, &ru], &[&en, &ru]);
            assert_eq!(
                a.beads.iter().map(|b| b.sents.clone()).collect::<Vec<_>>(),
                [vec![0..1, 0..1], vec![1..2, 1..2]]
            );
            assert_eq!(s[0], en);
        }
    }

    #[test]
    fn a_label_cut_in_two_languages_of_three_joins_its_sentence() {
        let ru = [sentence(0, "Служители отвечали: Никогда человек не говорил так.")];
        let en = [sentence(0, "The officers answered, Never man spake like this man.")];
        let es = [sentence(0, "Los ministriles respondieron: Nunca ha hablado hombre así.")];
        let (pr, pe) = (soft_pieces(&ru, &Segmenter::new("ru")), soft_pieces(&es, &Segmenter::new("es")));
        assert_eq!((pr.len(), pe.len()), (2, 2));
        let al = Alignment {
            langs: vec!["ru".into(), "en".into(), "es".into()],
            beads: vec![bead(vec![0..1, 0..0, 0..1]), bead(vec![1..2, 0..1, 1..2])],
        };
        let (a, s) = rejoin(&al, &[&pr, &en, &pe], &[&ru, &en, &es]);
        assert_eq!(a.beads.iter().map(|b| b.sents.clone()).collect::<Vec<_>>(), [vec![0..1, 0..1, 0..1]]);
        assert_eq!((s[0].as_slice(), s[2].as_slice()), (&ru[..], &es[..]));
    }

    #[test]
    fn an_omitted_sentence_in_pieces_is_one_unit() {
        let en = [sentence(0, "Eurozone: Rates climb."), sentence(23, "Markets waver.")];
        let pieces = soft_pieces(&en, &Segmenter::new("en"));
        assert_eq!(pieces.len(), 3);
        let ru = [sentence(0, "Рынки колеблются.")];
        let al = Alignment {
            langs: vec!["en".into(), "ru".into()],
            beads: vec![bead(vec![0..1, 0..0]), bead(vec![1..2, 0..0]), bead(vec![2..3, 0..1])],
        };
        let (a, s) = rejoin(&al, &[&pieces, &ru], &[&en, &ru]);
        assert_eq!(
            a.beads.iter().map(|b| b.sents.clone()).collect::<Vec<_>>(),
            [vec![0..1, 0..0], vec![1..2, 0..1]]
        );
        assert_eq!(s[0], en);
    }

    /// Sentences of one document cut into pieces: `cuts[k]` is how many pieces sentence k has.
    fn pieced(cuts: &[usize]) -> (Vec<Sentence>, Vec<Sentence>) {
        let (mut sentences, mut pieces) = (Vec::new(), Vec::new());
        let mut pos = 0;
        for (k, &n) in cuts.iter().enumerate() {
            let words: Vec<String> = (0..n).map(|p| format!("w{k}p{p}")).collect();
            let whole = sentence(pos, &words.join(" "));
            let mut at = pos;
            for (p, w) in words.iter().enumerate() {
                let mut piece = sentence(at, w);
                piece.soft = p > 0;
                at = piece.end + 1;
                pieces.push(piece);
            }
            pos = whole.end + 1;
            sentences.push(whole);
        }
        (sentences, pieces)
    }

    /// A complete monotone alignment of two documents of `n` and `m` units, from bead shapes.
    fn beads_of(n: usize, m: usize, shapes: &[(usize, usize)]) -> Vec<Bead> {
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        for &(a, b) in shapes {
            let (a, b) = (a.min(n - i), b.min(m - j));
            if a + b > 0 {
                out.push(bead(vec![i..i + a, j..j + b]));
                (i, j) = (i + a, j + b);
            }
        }
        if i < n || j < m {
            out.push(bead(vec![i..n, j..m]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn rejoined_sentences_cover_the_originals_in_order(
            cuts_a in proptest::collection::vec(1usize..4, 1..8),
            cuts_b in proptest::collection::vec(1usize..4, 1..8),
            shapes in proptest::collection::vec((0usize..3, 0usize..3), 0..20),
        ) {
            let (sa, pa) = pieced(&cuts_a);
            let (sb, pb) = pieced(&cuts_b);
            let al = Alignment { langs: vec!["en".into(), "ru".into()], beads: beads_of(pa.len(), pb.len(), &shapes) };
            let (out, docs) = rejoin(&al, &[&pa, &pb], &[&sa, &sb]);
            for (d, (doc, whole)) in docs.iter().zip([&sa, &sb]).enumerate() {
                // Every unit holds a contiguous run of the new sentences, in order, all of them.
                let mut next = 0;
                for b in &out.beads {
                    proptest::prop_assert_eq!(b.sents[d].start, next);
                    next = b.sents[d].end;
                }
                proptest::prop_assert_eq!(next, doc.len());
                // The new sentences tile the originals: same text where whole, a char slice where cut.
                let mut k = 0;
                for s in whole.iter() {
                    let mut at = s.start;
                    while k < doc.len() && doc[k].start < s.end {
                        proptest::prop_assert!(doc[k].start >= at);
                        let offset = doc[k].start - s.start;
                        let slice: String = s.text.chars().skip(offset).take(doc[k].end - doc[k].start).collect();
                        proptest::prop_assert_eq!(&doc[k].text, &slice);
                        at = doc[k].end;
                        k += 1;
                    }
                    proptest::prop_assert_eq!(at, s.end);
                }
                proptest::prop_assert_eq!(k, doc.len());
            }
        }
    }
}
