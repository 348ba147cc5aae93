//! Finding the document sets of a collection: in a folder (files `NAME.LANG.EXT` grouped by `NAME`,
//! and sub-folders of `LANG.EXT` files, one set per folder) or in a manifest (TSV). Discovery only
//! lists what it finds; whether a set can be aligned (two or three distinct languages, a usable id)
//! is decided later by [`DocumentSet::check`], so that every problem is reported per set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// One document of a set: its language code and where it is (as found, relative paths stay relative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetDocument {
    pub lang: String,
    pub path: PathBuf,
}

/// A set of documents that are versions of one text in different languages, named by `id` (the
/// `NAME` of `NAME.LANG.EXT`, the folder name, or the manifest's first column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSet {
    pub id: String,
    pub docs: Vec<SetDocument>,
}

/// Why a set cannot be aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetProblem {
    /// Fewer than two languages: nothing to align with (reported, not an error).
    TooFewLanguages,
    /// Something the user has to fix (an error): two files for one language, more than three
    /// languages, an id that cannot name an output file, an id used twice.
    Invalid(String),
}

impl DocumentSet {
    /// Orders the documents by language (the codes of `preferred` first, in that order, then the others
    /// alphabetically) and checks the set can be aligned: two or three distinct languages, an id that
    /// is a plain file name.
    pub fn check(&mut self, preferred: &[String]) -> std::result::Result<(), SetProblem> {
        let rank = |l: &str| preferred.iter().position(|p| p == l).unwrap_or(preferred.len());
        self.docs.sort_by(|a, b| (rank(&a.lang), &a.lang, &a.path).cmp(&(rank(&b.lang), &b.lang, &b.path)));
        if let Some(w) = self.docs.windows(2).find(|w| w[0].lang == w[1].lang) {
            return Err(SetProblem::Invalid(format!(
                "two files for language '{}': {} and {}; keep one of them",
                w[0].lang,
                w[0].path.display(),
                w[1].path.display()
            )));
        }
        if let Some(why) = id_problem(&self.id) {
            return Err(SetProblem::Invalid(why));
        }
        match self.docs.len() {
            0 | 1 => Err(SetProblem::TooFewLanguages),
            2 | 3 => Ok(()),
            n => Err(SetProblem::Invalid(format!(
                "{n} languages ({}); the aligner takes two or three: choose them with --langs",
                self.langs().join(", ")
            ))),
        }
    }

    /// The language codes of the set, in document order.
    pub fn langs(&self) -> Vec<String> {
        self.docs.iter().map(|d| d.lang.clone()).collect()
    }
}

/// Why a set id cannot name output files (`OUTDIR/ID.tmx.json`), if it cannot.
fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the set id is empty; give every manifest row an id".into());
    }
    if id.starts_with('.') || id.contains(['/', '\\']) || id.chars().any(char::is_control) {
        return Some(format!(
            "the set id '{id}' cannot name an output file; use letters, digits, '-', '_' (no '/', no leading '.')"
        ));
    }
    None
}

/// The language code of a file name `NAME.LANG.EXT` (returns `(NAME, LANG)`) or, with `name_allowed =
/// false`, `LANG.EXT` (returns `("", LANG)`). `LANG` is 2–3 ASCII letters, lower-cased.
fn split_name(file_name: &str, with_name: bool) -> Option<(String, String)> {
    if file_name.starts_with('.') || is_tralign_output(file_name) {
        return None;
    }
    let (stem, ext) = file_name.rsplit_once('.')?;
    if ext.is_empty() {
        return None;
    }
    let (name, lang) = if with_name { stem.rsplit_once('.')? } else { ("", stem) };
    if with_name && name.is_empty() {
        return None;
    }
    let ok = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic());
    ok.then(|| (name.to_string(), lang.to_ascii_lowercase()))
}

/// Files tralign batch writes itself, never taken as input (so OUTDIR may equal DIR).
fn is_tralign_output(file_name: &str) -> bool {
    file_name.starts_with("summary")
        && file_name.ends_with(".json")
        && file_name.chars().filter(|&c| c == '.').count() <= 2
        || super::OutputFormat::ALL.iter().any(|f| file_name.ends_with(f.extension()))
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<(String, PathBuf, bool)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        // Follow symbolic links: a set may link to documents kept elsewhere.
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        out.push((name, path, meta.is_dir()));
    }
    out.sort();
    Ok(out)
}

/// Finds the sets in `dir`: files `NAME.LANG.EXT` grouped by `NAME`, and each sub-folder that holds
/// `LANG.EXT` files (id = the folder's name). Other files (README.md, notes) and folders without such
/// files are ignored quietly, as are hidden files and tralign's own outputs. Sets come sorted by id;
/// two sets with the same id (a group and a folder) are both returned, and the run reports the clash.
pub fn discover_sets(dir: &Path) -> Result<Vec<DocumentSet>> {
    if !dir.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            "is not a folder; give the folder that holds the document sets, or --manifest FILE",
        )
        .with_path(dir));
    }
    let mut by_name: BTreeMap<String, Vec<SetDocument>> = BTreeMap::new();
    let mut folder_sets = Vec::new();
    for (name, path, is_dir) in read_dir_sorted(dir)? {
        if is_dir {
            if name.starts_with('.') {
                continue;
            }
            let mut docs = Vec::new();
            for (inner, inner_path, inner_is_dir) in read_dir_sorted(&path)? {
                if inner_is_dir {
                    continue;
                }
                if let Some((_, lang)) = split_name(&inner, false) {
                    docs.push(SetDocument { lang, path: inner_path });
                }
            }
            if !docs.is_empty() {
                folder_sets.push(DocumentSet { id: name, docs });
            }
        } else if let Some((set, lang)) = split_name(&name, true) {
            by_name.entry(set).or_default().push(SetDocument { lang, path });
        }
    }
    let mut sets: Vec<DocumentSet> = by_name.into_iter().map(|(id, docs)| DocumentSet { id, docs }).collect();
    sets.extend(folder_sets);
    sets.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(sets)
}

/// Reads a manifest: tab-separated, a header row naming the languages, then one row per set.
///
/// ```text
/// id          ru              en              es
/// bolivia     ru/bolivia.txt  en/bolivia.txt  es/bolivia.txt
/// leaflet     leaflet-ru.txt  leaflet-en.txt
/// ```
///
/// The header's first cell is free (e.g. `id`); the others are language codes. In each row the first
/// cell is the set id and the others are paths for those languages, relative to the manifest's
/// folder; an empty or missing cell means the set lacks that language. Blank lines and lines starting
/// with `#` are skipped. Returns the sets (sorted by id) and the header's languages, in order.
pub fn read_manifest(path: &Path) -> Result<(Vec<DocumentSet>, Vec<String>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = crate::text::decode_bytes(&bytes, None).map_err(|e| e.with_path(path))?.text;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut langs: Option<Vec<String>> = None;
    let mut sets = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(header) = &langs else {
            let codes: Vec<String> = cells[1..].iter().map(|c| c.to_ascii_lowercase()).collect();
            let bad = codes
                .iter()
                .find(|c| !(2..=3).contains(&c.len()) || !c.chars().all(|x| x.is_ascii_alphabetic()));
            if codes.len() < 2 || bad.is_some() {
                return Err(Error::new(
                    ErrorKind::Parse,
                    "the first row must name the languages, tab-separated: id<TAB>ru<TAB>en[<TAB>es …] \
                     (ISO codes of 2–3 letters)",
                )
                .with_path(path)
                .with_line(n + 1));
            }
            langs = Some(codes);
            continue;
        };
        if cells.len() > header.len() + 1 {
            return Err(Error::new(
                ErrorKind::Parse,
                format!(
                    "{} cells but the header names {} languages; one id and one path per language, tab-separated",
                    cells.len(),
                    header.len()
                ),
            )
            .with_path(path)
            .with_line(n + 1));
        }
        let docs = header
            .iter()
            .zip(&cells[1..])
            .filter(|(_, p)| !p.is_empty())
            .map(|(lang, p)| SetDocument { lang: lang.clone(), path: base.join(p) })
            .collect();
        sets.push(DocumentSet { id: cells[0].to_string(), docs });
    }
    let Some(langs) = langs else {
        return Err(Error::new(
            ErrorKind::Parse,
            "the manifest is empty; write a header row id<TAB>ru<TAB>en …",
        )
        .with_path(path));
    };
    sets.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((sets, langs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(split_name("lavrov-bolivia.ru.txt", true), Some(("lavrov-bolivia".into(), "ru".into())));
        assert_eq!(split_name("a.b.EN.md", true), Some(("a.b".into(), "en".into())));
        assert_eq!(split_name("README.md", true), None);
        assert_eq!(split_name("notes.txt", true), None);
        assert_eq!(split_name(".x.ru.txt", true), None);
        assert_eq!(split_name("doc.russian.txt", true), None);
        assert_eq!(split_name("doc.tmx.json", true), None);
        assert_eq!(split_name("summary.json", true), None);
        assert_eq!(split_name("es.txt", false), Some((String::new(), "es".into())));
        assert_eq!(split_name("es.txt", true), None);
    }

    #[test]
    fn check_orders_languages_and_finds_problems() {
        let doc = |l: &str| SetDocument { lang: l.into(), path: format!("x.{l}.txt").into() };
        let mut s = DocumentSet { id: "x".into(), docs: vec![doc("ru"), doc("es"), doc("en")] };
        assert_eq!(s.check(&[]), Ok(()));
        assert_eq!(s.langs(), ["en", "es", "ru"]);
        assert_eq!(s.check(&["ru".into(), "en".into()]), Ok(()));
        assert_eq!(s.langs(), ["ru", "en", "es"]);
        let mut one = DocumentSet { id: "y".into(), docs: vec![doc("en")] };
        assert_eq!(one.check(&[]), Err(SetProblem::TooFewLanguages));
        let mut dup = DocumentSet { id: "z".into(), docs: vec![doc("en"), doc("en"), doc("ru")] };
        assert!(matches!(dup.check(&[]), Err(SetProblem::Invalid(m)) if m.contains("two files")));
        let mut four = DocumentSet { id: "w".into(), docs: ["de", "en", "es", "ru"].map(doc).to_vec() };
        assert!(matches!(four.check(&[]), Err(SetProblem::Invalid(m)) if m.contains("--langs")));
        let mut bad_id = DocumentSet { id: "../up".into(), docs: vec![doc("en"), doc("ru")] };
        assert!(matches!(bad_id.check(&[]), Err(SetProblem::Invalid(_))));
    }
}
