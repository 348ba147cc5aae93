//! The unit the checks look at: per side the text (its sentences joined by one space) and where each
//! piece of that text lies in the side's document, so findings can report document char offsets.
//! Built from an alignment and its sentences, or from a TM (`x-offsets` props when present).

use std::ops::Range;

use crate::align::Alignment;
use crate::segment::Sentence;
use crate::tm::{TmxDocument, Tu};

/// One side of a unit: its text and the document position of each piece.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSide {
    pub text: String,
    /// (char offset in `text`, char offset in the document, length in chars), in order.
    pieces: Vec<(usize, usize, usize)>,
    char_len: usize,
}

impl UnitSide {
    /// A side whose offsets are relative to its own text (a TM without `x-offsets`).
    pub fn plain(text: &str) -> Self {
        let n = text.chars().count();
        UnitSide { text: text.to_string(), pieces: vec![(0, 0, n)], char_len: n }
    }

    /// A side made of sentences (joined by one space), each at its document offset.
    pub fn from_sentences<'a>(sents: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let mut text = String::new();
        let mut pieces = Vec::new();
        let mut pos = 0;
        for (s, doc_start) in sents {
            if !text.is_empty() {
                text.push(' ');
                pos += 1;
            }
            let n = s.chars().count();
            text.push_str(s);
            pieces.push((pos, doc_start, n));
            pos += n;
        }
        UnitSide { text, pieces, char_len: pos }
    }

    /// The char ranges in `text` of the pieces the side is made of (its sentences, for a side built
    /// from an alignment), in order.
    pub fn piece_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.pieces.iter().map(|&(t, _, n)| t..t + n)
    }

    /// Length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The document ranges a char range of the text covers (one per piece it touches; the joining
    /// spaces belong to no document range).
    pub fn doc_ranges(&self, r: Range<usize>) -> Vec<[usize; 2]> {
        let mut out = Vec::new();
        for &(t, d, n) in &self.pieces {
            let s = r.start.max(t);
            let e = r.end.min(t + n);
            if s < e {
                out.push([d + s - t, d + e - t]);
            }
        }
        if out.is_empty()
            && let Some(&(t, d, n)) = self.pieces.iter().find(|(t, _, n)| r.start <= t + n)
        {
            let p = d + r.start.clamp(t, t + n) - t;
            out.push([p, p]);
        }
        out
    }
}

/// An aligned unit: 1-based number, one optional side per language, the aligner's confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub number: usize,
    pub sides: Vec<Option<UnitSide>>,
    pub score: Option<f64>,
}

/// The units of an alignment; `docs[i]` are the sentences of `alignment.langs[i]`.
pub fn units_from_alignment(alignment: &Alignment, docs: &[&[Sentence]]) -> Vec<Unit> {
    alignment
        .beads
        .iter()
        .enumerate()
        .map(|(n, bead)| Unit {
            number: n + 1,
            sides: bead
                .sents
                .iter()
                .zip(docs)
                .map(|(r, sents)| {
                    (!r.is_empty()).then(|| {
                        UnitSide::from_sentences(sents[r.clone()].iter().map(|s| (s.text.as_str(), s.start)))
                    })
                })
                .collect(),
            score: Some(bead.score),
        })
        .collect()
}

/// The primary language subtag of a language tag, in lower case (`es-ES` → `es`).
fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase()
}

/// The TM's languages as columns: the tags in order, with a regional variant joining an earlier
/// tag of the same language (`es-ES` with `es`, `en-us` with `en-US`) when no tu holds both — CAT
/// tools write one language under several tags in one TM. Two variants one tu holds both of (a
/// TM of en-US against en-GB) stay two languages.
fn language_columns(tags: &[String], tus: &[Tu]) -> Vec<Vec<String>> {
    let holds = |tu: &Tu, tag: &str| tu.tuv.iter().any(|v| v.lang.eq_ignore_ascii_case(tag));
    let mut columns: Vec<Vec<String>> = Vec::new();
    for tag in tags {
        let joins = columns.iter_mut().find(|col| {
            !col.iter().any(|t| t.eq_ignore_ascii_case(tag))
                && primary_subtag(&col[0]) == primary_subtag(tag)
                && !tus.iter().any(|tu| holds(tu, tag) && col.iter().any(|t| holds(tu, t)))
        });
        match joins {
            Some(col) => col.push(tag.clone()),
            None => columns.push(vec![tag.clone()]),
        }
    }
    columns
}

/// The languages and units of a TM. Languages: the header's `x-align-lang-order`, else the tuv
/// languages in the order first seen, variants of one language in one column (see
/// [`language_columns`]; the column is named by its first tag). Offsets: each tuv's `x-offsets`
/// when they fit its segment (sentences joined by one space), else positions in the segment.
/// Score: `x-align-score`.
pub fn units_from_tm(doc: &TmxDocument) -> (Vec<String>, Vec<Unit>) {
    let mut langs: Vec<String> = doc
        .header
        .props
        .iter()
        .find(|p| p.kind == "x-align-lang-order")
        .map(|p| p.text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    for tu in &doc.body {
        for tuv in &tu.tuv {
            if !langs.iter().any(|l| l.eq_ignore_ascii_case(&tuv.lang)) {
                langs.push(tuv.lang.clone());
            }
        }
    }
    let columns = language_columns(&langs, &doc.body);
    let langs: Vec<String> = columns.iter().map(|c| c[0].clone()).collect();
    let units = doc
        .body
        .iter()
        .enumerate()
        .map(|(n, tu)| {
            let mut sides: Vec<Option<UnitSide>> = vec![None; langs.len()];
            let mut used = vec![false; langs.len()];
            for tuv in &tu.tuv {
                // Same-language TMs hold the language twice: fill the first free slot.
                let Some(li) = (0..langs.len())
                    .find(|&i| !used[i] && columns[i].iter().any(|t| t.eq_ignore_ascii_case(&tuv.lang)))
                else {
                    continue;
                };
                used[li] = true;
                sides[li] = Some(side_from_tuv(&tuv.seg, tuv.prop("x-offsets")));
            }
            Unit { number: n + 1, sides, score: tu.prop("x-align-score").and_then(|s| s.trim().parse().ok()) }
        })
        .collect();
    (langs, units)
}

fn side_from_tuv(seg: &str, offsets: Option<&str>) -> UnitSide {
    let Some(spec) = offsets else { return UnitSide::plain(seg) };
    let ranges: Option<Vec<(usize, usize)>> = spec
        .split(',')
        .map(|r| {
            let (s, e) = r.trim().split_once('-')?;
            let (s, e): (usize, usize) = (s.parse().ok()?, e.parse().ok()?);
            (s <= e).then_some((s, e))
        })
        .collect();
    let Some(ranges) = ranges else { return UnitSide::plain(seg) };
    let total: usize = ranges.iter().map(|(s, e)| e - s).sum::<usize>() + ranges.len().saturating_sub(1);
    if ranges.is_empty() || total != seg.chars().count() {
        return UnitSide::plain(seg);
    }
    let chars: Vec<char> = seg.chars().collect();
    let mut pos = 0;
    let mut parts = Vec::new();
    for (s, e) in ranges {
        let text: String = chars[pos..pos + (e - s)].iter().collect();
        parts.push((text, s));
        pos += e - s + 1;
    }
    UnitSide::from_sentences(parts.iter().map(|(t, s)| (t.as_str(), *s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ranges_map_to_document_ranges() {
        let side = UnitSide::from_sentences([("Hello there.", 10), ("Bye.", 30)]);
        assert_eq!(side.text, "Hello there. Bye.");
        assert_eq!(side.doc_ranges(0..17), [[10, 22], [30, 34]]);
        assert_eq!(side.doc_ranges(6..11), [[16, 21]]);
        assert_eq!(side.doc_ranges(13..16), [[30, 33]]);
    }

    fn tm(tus: &[&[(&str, &str)]]) -> TmxDocument {
        let body: String = tus
            .iter()
            .map(|tuvs| {
                let tuvs: String =
                    tuvs.iter().map(|(l, t)| format!("<tuv xml:lang=\"{l}\"><seg>{t}</seg></tuv>")).collect();
                format!("<tu>{tuvs}</tu>")
            })
            .collect();
        let text = format!(
            "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" \
             o-tmf=\"t\" adminlang=\"en\" srclang=\"*all*\" datatype=\"plaintext\"/><body>{body}</body></tmx>"
        );
        crate::tm::tmx::read_tmx_str(&text).expect("a valid TMX").0
    }

    #[test]
    fn regional_variants_of_a_language_are_one_language() {
        // CAT tools write `es` in one tu and `es-ES` in the next: one language, each unit whole.
        let doc = tm(&[
            &[("en", "It rained."), ("es", "Llovió.")],
            &[("en", "We left."), ("ES-es", "Nos fuimos.")],
        ]);
        let (langs, units) = units_from_tm(&doc);
        assert_eq!(langs, ["en", "es"]);
        assert!(units.iter().all(|u| u.sides.iter().all(Option::is_some)));
        // A tu that holds two variants keeps them apart (a TM of en-US against en-GB).
        let doc =
            tm(&[&[("en-US", "color"), ("en-GB", "colour")], &[("en-US", "center"), ("en-GB", "centre")]]);
        assert_eq!(units_from_tm(&doc).0, ["en-US", "en-GB"]);
    }

    #[test]
    fn tm_offsets_are_used_when_they_fit() {
        let s = side_from_tuv("Ab. Cd.", Some("5-8,20-23"));
        assert_eq!(s.doc_ranges(4..6), [[20, 22]]);
        let s = side_from_tuv("Ab. Cd.", Some("5-9"));
        assert_eq!(s.doc_ranges(4..6), [[4, 6]]);
    }
}
