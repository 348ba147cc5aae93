//! `tsv`: a header row `lang1<TAB>lang2[<TAB>lang3]<TAB>score`, then one row per unit, for
//! spreadsheets, `cut`/`paste` pipelines and MT training scripts. Inside a cell a backslash, tab,
//! line feed and carriage return are written `\\`, `\t`, `\n` and `\r` (the PostgreSQL `COPY` /
//! Hive text convention), so every unit is exactly one line and the escaping reverses exactly. An
//! empty cell means the unit has no text in that language; `score` is the `x-align-score` prop as
//! written (empty without one). Props other than the score and notes are not carried.

use super::{Prop, TmxDocument, Tu, Tuv, Warning, Warnings, doc_langs};
use crate::error::{Error, ErrorKind, Result};

/// Escapes one cell: `\` → `\\`, tab → `\t`, LF → `\n`, CR → `\r`.
pub fn escape_cell(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Reverses [`escape_cell`]; `Err` names an unknown escape (kept as written by the caller).
pub fn unescape_cell(s: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(s.len());
    let mut bad = None;
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => {
                bad.get_or_insert_with(|| format!("\\{o}"));
                out.push('\\');
                out.push(o);
            }
            None => {
                bad.get_or_insert_with(|| "\\ at the end of a cell".to_string());
                out.push('\\');
            }
        }
    }
    (out, bad)
}

/// Writes the header row and one row per unit.
pub fn write_tsv(doc: &TmxDocument) -> (String, Vec<Warning>) {
    let langs = doc_langs(doc);
    let mut warnings = Warnings::new();
    let mut out = String::new();
    for l in &langs {
        escape_cell(l, &mut out);
        out.push('\t');
    }
    out.push_str("score\n");
    for tu in &doc.body {
        for lang in &langs {
            let mut sides = tu.tuv.iter().filter(|v| &v.lang == lang);
            if let Some(v) = sides.next() {
                escape_cell(&v.seg, &mut out);
            }
            if sides.next().is_some() {
                let id = tu.tuid.clone().unwrap_or_default();
                warnings.add("duplicate-lang", None, || {
                    format!("unit {id} has more than one {lang} variant; the row keeps the first")
                });
            }
            out.push('\t');
        }
        if let Some(s) = tu.prop("x-align-score") {
            escape_cell(s, &mut out);
        }
        out.push('\n');
    }
    (out, warnings.into_vec())
}

/// Reads a TSV with a header row of language codes (and an optional last column `score`).
pub fn read_tsv(text: &str) -> Result<(TmxDocument, Vec<Warning>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut warnings = Warnings::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.is_empty());
    let Some((_, head)) = lines.next() else {
        return Err(Error::new(
            ErrorKind::Parse,
            "empty file: a TSV starts with a header row such as en<TAB>ru<TAB>score",
        ));
    };
    let mut cols: Vec<String> = head.split('\t').map(|c| unescape_cell(c.trim()).0).collect();
    let has_score = cols.last().is_some_and(|c| c.eq_ignore_ascii_case("score"));
    if has_score {
        cols.pop();
    }
    if cols.is_empty() || cols.iter().any(|c| c.is_empty() || c.contains(' ')) {
        return Err(Error::new(
            ErrorKind::Parse,
            format!(
                "the header row should name one language per column and end in score (en<TAB>ru<TAB>score); found {:?}",
                head
            ),
        )
        .with_line(1));
    }
    let width = cols.len() + usize::from(has_score);
    let mut body = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != width {
            return Err(Error::new(
                ErrorKind::Parse,
                format!(
                    "{} columns where the header has {width}; a tab inside a segment must be written \\t",
                    cells.len()
                ),
            )
            .with_line(n));
        }
        let mut tu = Tu::default();
        for (lang, cell) in cols.iter().zip(&cells) {
            if cell.is_empty() {
                continue;
            }
            let (seg, bad) = unescape_cell(cell);
            if let Some(b) = bad {
                warnings
                    .add("tsv-escape", Some(n), || format!("unknown escape {b} in a cell; kept as written"));
            }
            tu.tuv.push(Tuv { lang: lang.clone(), seg, ..Tuv::default() });
        }
        if has_score && !cells[width - 1].is_empty() {
            tu.props.push(Prop::new("x-align-score", unescape_cell(cells[width - 1]).0));
        }
        tu.tuid = Some((body.len() + 1).to_string());
        body.push(tu);
    }
    Ok((TmxDocument::for_langs(&cols, body), warnings.into_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_reverses() {
        for s in ["a\tb", "x\\ny", "line\nbreak\r\n", "\\", "plain"] {
            let mut e = String::new();
            escape_cell(s, &mut e);
            assert!(!e.contains(['\t', '\n', '\r']));
            assert_eq!(unescape_cell(&e), (s.to_string(), None));
        }
        assert_eq!(unescape_cell("a\\qb").1.as_deref(), Some("\\q"));
    }

    #[test]
    fn reads_rows_and_reports_bad_widths() {
        let (doc, w) = read_tsv("en\tru\tscore\nHi\tПривет\t0.9\nAlone\t\t\n").unwrap();
        assert!(w.is_empty());
        assert_eq!(doc.body.len(), 2);
        assert_eq!(doc.body[0].prop("x-align-score"), Some("0.9"));
        assert_eq!(doc.body[1].tuv.len(), 1);
        assert_eq!(doc.header.srclang, "en");
        let e = read_tsv("en\tru\tscore\na\tb\tc\td\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
