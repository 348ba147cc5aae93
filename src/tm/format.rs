//! Choosing a form and moving a whole TM between forms: names and file extensions, reading any
//! form from bytes, writing any form, and the per-pair and unaligned-unit selections that `align`
//! and `convert` apply before writing.
//!
//! Extensions (the longest match wins): `.tmx` → tmx, `.tmx.json` or `.json` → tmx-json,
//! `.hf.jsonl` → hf-jsonl, `.jsonl` → jsonl, `.tsv` → tsv. Per-pair files are named from the main
//! output by putting the pair before that extension: `tm.tmx` → `tm.en-ru.tmx`, `tm.hf.jsonl` →
//! `tm.en-ru.hf.jsonl`, `tm` → `tm.en-ru.tmx` (the canonical extension is added).

use std::path::{Path, PathBuf};

use super::{Prop, TmxDocument, Warning, hf, json, jsonl, tmx, tsv};
use crate::error::{Error, ErrorKind, Result};

/// A translation-memory form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Tmx,
    TmxJson,
    Jsonl,
    HfJsonl,
    Tsv,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Tmx, Format::TmxJson, Format::Jsonl, Format::HfJsonl, Format::Tsv];

    /// The name used on the command line (`--format`, `--to`, `--from`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::TmxJson => "tmx-json",
            Format::Jsonl => "jsonl",
            Format::HfJsonl => "hf-jsonl",
            Format::Tsv => "tsv",
        }
    }

    /// The extension tralign gives files of this form.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tmx => ".tmx",
            Format::TmxJson => ".tmx.json",
            Format::Jsonl => ".jsonl",
            Format::HfJsonl => ".hf.jsonl",
            Format::Tsv => ".tsv",
        }
    }

    /// Every extension recognised for this form, longest first.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Tmx => &[".tmx"],
            Format::TmxJson => &[".tmx.json", ".json"],
            Format::Jsonl => &[".jsonl"],
            Format::HfJsonl => &[".hf.jsonl"],
            Format::Tsv => &[".tsv"],
        }
    }

    /// The form a file name names, and the length of the extension that says so.
    fn match_name(name: &str) -> Option<(Format, usize)> {
        let lower = name.to_ascii_lowercase();
        Format::ALL
            .iter()
            .flat_map(|f| f.extensions().iter().map(move |e| (*f, *e)))
            .filter(|(_, e)| lower.ends_with(e) && lower.len() > e.len())
            .max_by_key(|(_, e)| e.len())
            .map(|(f, e)| (f, e.len()))
    }

    /// The form a path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        Format::match_name(name).map(|(f, _)| f)
    }

    /// True for the JSON forms (tmx-json, jsonl, hf-jsonl).
    pub fn is_json(self) -> bool {
        matches!(self, Format::TmxJson | Format::Jsonl | Format::HfJsonl)
    }

    /// Guesses the form from the content, for files whose name does not say it.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 16)]);
        let head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if head.starts_with('<') || bytes.starts_with(b"\xff\xfe<") || bytes.starts_with(b"\xfe\xff\0<") {
            return Some(Format::Tmx);
        }
        match jsonl::sniff_json_lines(head) {
            Some("jsonl") => return Some(Format::Jsonl),
            Some(_) => return Some(Format::HfJsonl),
            None => {}
        }
        if head.starts_with('{') {
            return Some(Format::TmxJson);
        }
        head.lines().next().filter(|l| l.contains('\t')).map(|_| Format::Tsv)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a TM in `format` from raw bytes. TMX goes through the XML-aware decoding (declaration,
/// UTF-16); the other forms are text in UTF-8 (a BOM is allowed) or what the decode layer detects.
pub fn read_tm(bytes: &[u8], format: Format) -> Result<(TmxDocument, Vec<Warning>)> {
    if format == Format::Tmx {
        return tmx::read_tmx(bytes);
    }
    // These forms are UTF-8 by definition (JSON escapes controls, TSV may carry them raw), so
    // valid UTF-8 is taken as it is; anything else goes through the project's detection.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(crate::text::decode_bytes(bytes, None)?.text),
    };
    match format {
        Format::Tmx => unreachable!(),
        Format::TmxJson => json::read_tmx_json(&text),
        Format::Jsonl => jsonl::read_jsonl(&text),
        Format::HfJsonl => hf::read_hf_jsonl(&text),
        Format::Tsv => tsv::read_tsv(&text),
    }
}

/// Reads a TM file (`-`: standard input) in `format`, else the form its name or content says;
/// errors carry the path.
pub fn read_tm_file(path: &str, format: Option<Format>) -> Result<(TmxDocument, Vec<Warning>, Format)> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map_err(|e| Error::io(path, e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let format = format.or_else(|| Format::from_path(Path::new(path))).or_else(|| Format::sniff(&bytes));
    let Some(format) = format else {
        return Err(Error::new(
            ErrorKind::Usage,
            "cannot tell the form of this file from its name or content; name it with --from tmx|tmx-json|jsonl|hf-jsonl|tsv",
        )
        .with_path(path));
    };
    let (doc, warnings) = read_tm(&bytes, format).map_err(|e| e.with_path(path))?;
    Ok((doc, warnings, format))
}

/// Writes `doc` in `format`.
pub fn write_tm(doc: &TmxDocument, format: Format) -> (String, Vec<Warning>) {
    match format {
        Format::Tmx => tmx::write_tmx(doc),
        Format::TmxJson => json::write_tmx_json(doc),
        Format::Jsonl => jsonl::write_jsonl(doc),
        Format::HfJsonl => hf::write_hf_jsonl(doc),
        Format::Tsv => tsv::write_tsv(doc),
    }
}

/// The languages of a TM in order: the header's `x-align-lang-order` first (tralign's file order),
/// then any other language in the order it first appears.
pub fn doc_langs(doc: &TmxDocument) -> Vec<String> {
    let mut langs: Vec<String> = Vec::new();
    if let Some(p) = doc.header.props.iter().find(|p| p.kind == "x-align-lang-order") {
        langs.extend(p.text.split(',').map(str::trim).filter(|l| !l.is_empty()).map(String::from));
    }
    for tu in &doc.body {
        for v in &tu.tuv {
            if !langs.contains(&v.lang) {
                langs.push(v.lang.clone());
            }
        }
    }
    langs
}

/// Which units an output keeps when some of its languages have no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairPolicy {
    /// Keep every unit.
    KeepAll,
    /// Keep only units with text in at least two of the output's languages.
    AlignedOnly,
}

/// Counts how many languages of `langs` have text (a non-blank seg) in `tu`.
fn sides_with_text(tu: &super::Tu, langs: &[String]) -> usize {
    langs.iter().filter(|l| tu.tuv.iter().any(|v| &v.lang == *l && !v.seg.trim().is_empty())).count()
}

/// Leaves out the units with text in fewer than two languages (a 1-0 unit, or a pair with one
/// side empty); returns how many were left out.
pub fn retain_aligned(doc: &mut TmxDocument) -> usize {
    let langs = doc_langs(doc);
    let before = doc.body.len();
    doc.body.retain(|tu| sides_with_text(tu, &langs) >= 2);
    before - doc.body.len()
}

/// The `a`–`b` part of a multilingual TM: each unit keeps its `a` and `b` variants (in that order),
/// the header names `a` as source language and `a,b` as language order. With
/// [`PairPolicy::AlignedOnly`] units lacking either side are left out; units with neither always are.
pub fn pair_document(doc: &TmxDocument, a: &str, b: &str, policy: PairPolicy) -> TmxDocument {
    let mut header = doc.header.clone();
    header.srclang = a.to_string();
    header.props.retain(|p| p.kind != "x-align-lang-order");
    header.props.insert(0, Prop::new("x-align-lang-order", format!("{a},{b}")));
    let langs = [a.to_string(), b.to_string()];
    let body = doc
        .body
        .iter()
        .filter_map(|tu| {
            let mut tuv: Vec<_> = tu.tuv.iter().filter(|v| v.lang == a).cloned().collect();
            tuv.extend(tu.tuv.iter().filter(|v| v.lang == b).cloned());
            let mut unit = super::Tu { tuv, ..tu.clone() };
            unit.tuv.retain(|v| !v.seg.trim().is_empty());
            let sides = sides_with_text(&unit, &langs);
            let keep = match policy {
                PairPolicy::KeepAll => sides >= 1,
                PairPolicy::AlignedOnly => sides == 2,
            };
            keep.then_some(unit)
        })
        .collect();
    TmxDocument {
        format: doc.format.clone(),
        format_version: doc.format_version.clone(),
        tmx_version: doc.tmx_version.clone(),
        header,
        body,
    }
}

/// The file of the `a`–`b` pair beside the main output `out` in `format`: the pair goes before
/// the extension (`tm.tmx` → `tm.en-ru.tmx`); a name without a known extension gets the form's.
pub fn pair_path(out: &Path, format: Format, a: &str, b: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let extra: &[&str] = if format == Format::HfJsonl { &[".jsonl"] } else { &[] };
    let ext_len =
        format.extensions().iter().chain(extra).find(|e| lower.ends_with(*e) && lower.len() > e.len());
    let (stem, ext) = match ext_len {
        Some(e) => (&name[..name.len() - e.len()], &name[name.len() - e.len()..]),
        None => (name.as_str(), format.extension()),
    };
    out.with_file_name(format!("{stem}.{a}-{b}{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/tm.tmx"), Some(Format::Tmx));
        assert_eq!(f("tm.TMX"), Some(Format::Tmx));
        assert_eq!(f("tm.tmx.json"), Some(Format::TmxJson));
        assert_eq!(f("tm.json"), Some(Format::TmxJson));
        assert_eq!(f("tm.jsonl"), Some(Format::Jsonl));
        assert_eq!(f("tm.hf.jsonl"), Some(Format::HfJsonl));
        assert_eq!(f("tm.tsv"), Some(Format::Tsv));
        assert_eq!(f("tm.txt"), None);
        assert_eq!(f(".tmx"), None);
    }

    #[test]
    fn pair_paths() {
        let p = |o: &str, f| pair_path(Path::new(o), f, "en", "ru").to_string_lossy().into_owned();
        assert_eq!(p("out/tm.tmx", Format::Tmx), "out/tm.en-ru.tmx");
        assert_eq!(p("tm.tmx.json", Format::TmxJson), "tm.en-ru.tmx.json");
        assert_eq!(p("tm.json", Format::TmxJson), "tm.en-ru.json");
        assert_eq!(p("tm.hf.jsonl", Format::HfJsonl), "tm.en-ru.hf.jsonl");
        assert_eq!(p("tm.jsonl", Format::HfJsonl), "tm.en-ru.jsonl");
        assert_eq!(p("tm.tmx", Format::Tsv), "tm.tmx.en-ru.tsv");
        assert_eq!(p("tm", Format::Tsv), "tm.en-ru.tsv");
    }

    fn three_way() -> TmxDocument {
        use crate::tm::{Tu, Tuv};
        let tu = |sides: &[(&str, &str)]| Tu {
            tuv: sides
                .iter()
                .map(|(l, s)| Tuv { lang: l.to_string(), seg: s.to_string(), ..Tuv::default() })
                .collect(),
            ..Tu::default()
        };
        let mut header = tmx::default_header();
        header.props.push(Prop::new("x-align-lang-order", "en,ru,es"));
        TmxDocument {
            format: "tmx-json".into(),
            format_version: "0.1".into(),
            tmx_version: "1.4".into(),
            header,
            body: vec![
                tu(&[("en", "A"), ("ru", "А"), ("es", "A")]),
                tu(&[("en", "B"), ("es", "B")]),
                tu(&[("ru", "В")]),
                tu(&[("en", "C"), ("ru", " ")]),
            ],
        }
    }

    #[test]
    fn pairs_and_unaligned_units() {
        let doc = three_way();
        assert_eq!(doc_langs(&doc), ["en", "ru", "es"]);
        let p = pair_document(&doc, "en", "ru", PairPolicy::AlignedOnly);
        assert_eq!(p.header.srclang, "en");
        assert_eq!(p.header.props[0].text, "en,ru");
        assert_eq!(p.body.len(), 1);
        let p = pair_document(&doc, "ru", "es", PairPolicy::KeepAll);
        let sides: Vec<usize> = p.body.iter().map(|t| t.tuv.len()).collect();
        assert_eq!(sides, [2, 1, 1], "units with neither ru nor es text are always left out");
        assert_eq!(p.body[0].tuv[0].lang, "ru");
        let mut all = doc.clone();
        assert_eq!(retain_aligned(&mut all), 2);
        assert_eq!(all.body.len(), 2);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"  <?xml version=\"1.0\"?><tmx/>"), Some(Format::Tmx));
        assert_eq!(Format::sniff(b"{\n  \"format\": \"tmx-json\""), Some(Format::TmxJson));
        assert_eq!(Format::sniff(b"{\"type\":\"header\"}\n{\"type\":\"tu\"}\n"), Some(Format::Jsonl));
        assert_eq!(Format::sniff(b"{\"id\":\"1\",\"translation\":{}}\n"), Some(Format::HfJsonl));
        assert_eq!(Format::sniff(b"en\tru\tscore\n"), Some(Format::Tsv));
        assert_eq!(Format::sniff(b"just text"), None);
    }
}
