//! One file per subcommand; each turns parsed arguments into library calls and writes the result.
//! Shared here: reading and segmenting documents, choosing languages and segmenters, building the
//! aligner's configuration and model from the flags, warnings on stderr.

pub mod align;
pub mod batch;
pub mod check;
pub mod convert;
pub mod segment;

use anyhow::{Context, Result, bail};
use tralign::align::{AlignConfig, AlignInput, Alignment, Model, align_documents_with, rejoin};
use tralign::segment::{Segmenter, Sentence, segment_document, sentences_from_lines, soft_pieces};
use tralign::text::{self, Document, ParagraphMode};

use crate::cli::{AlignerArgs, InputArgs, ParagraphsArg, SearchArgs};

/// Prints a warning or note on stderr, the one way commands talk to the user besides their output.
pub fn warn(msg: impl std::fmt::Display) {
    eprintln!("tralign: {msg}");
}

impl InputArgs {
    pub fn paragraph_mode(&self) -> ParagraphMode {
        match self.paragraphs {
            ParagraphsArg::Blank => ParagraphMode::Blank,
            ParagraphsArg::Line => ParagraphMode::Line,
        }
    }

    /// Reads and decodes one input (`-` is standard input) with the `--encoding` override.
    pub fn read(&self, path: &str) -> Result<Document> {
        let forced = self.encoding.as_deref().map(text::decode::encoding_for_label).transpose()?;
        Ok(text::read_document(path, forced)?)
    }

    /// The segmenter for `lang`, with the user's `--abbrev` list added; notes a fallback to the
    /// generic rules for languages without their own.
    pub fn segmenter(&self, lang: &str) -> Result<Segmenter> {
        let mut s = Segmenter::new(lang);
        if !s.has_language_rules() {
            warn(format_args!("note: no segmentation rules for '{lang}'; using the generic rules"));
        }
        if let Some(path) = &self.abbrev {
            let list = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the --abbrev file", path.display()))?;
            s.add_abbreviations(&list);
        }
        Ok(s)
    }
}

/// Prints the warnings a TM reader or writer returned, one line each, naming the file.
pub fn warn_tm(file: &str, warnings: &[tralign::tm::Warning]) {
    let file = if file == "-" { "<stdin>" } else { file };
    for w in warnings {
        warn(format_args!("warning: {file}: {w}"));
    }
}

/// The library's form for a command-line form name.
pub fn tm_format(f: crate::cli::TmFormat) -> tralign::tm::Format {
    use crate::cli::TmFormat as C;
    use tralign::tm::Format as F;
    match f {
        C::Tmx => F::Tmx,
        C::TmxJson => F::TmxJson,
        C::Jsonl => F::Jsonl,
        C::HfJsonl => F::HfJsonl,
        C::Tsv => F::Tsv,
    }
}

/// The language of a document: the explicit code, else the file name, else a guess (reported).
pub fn resolve_lang(explicit: Option<&str>, doc: &Document) -> String {
    if let Some(l) = explicit {
        return l.trim().to_ascii_lowercase();
    }
    if let Some(l) = tralign::lang::lang_from_path(&doc.name) {
        return l;
    }
    let (code, why) = tralign::lang::guess_lang(&doc.text);
    let name = if doc.name == "-" { "<stdin>" } else { doc.name.as_str() };
    warn(format_args!("note: {name}: language guessed as '{code}' ({why}); name it with --lang/--langs"));
    code
}

/// Documents read for aligning: per file (in order) its language, decoded text and sentences, and
/// the pieces the aligner sees (the sentences cut at their soft boundaries).
pub struct Documents {
    pub langs: Vec<String>,
    pub docs: Vec<Document>,
    pub sentences: Vec<Vec<Sentence>>,
    pieces: Vec<Vec<Sentence>>,
}

impl Documents {
    /// Aligns the documents: the aligner works on the pieces, and the pieces that share a unit are
    /// joined back, so `sentences` become the sentences of the returned alignment.
    pub fn align(&mut self, config: &AlignConfig, model: &Model) -> Alignment {
        let inputs: Vec<AlignInput<'_>> =
            self.langs.iter().zip(&self.pieces).map(|(l, s)| AlignInput { lang: l, sentences: s }).collect();
        let pieced = align_documents_with(&inputs, config, model);
        let pieces: Vec<&[Sentence]> = self.pieces.iter().map(Vec::as_slice).collect();
        let (alignment, sentences) = rejoin(&pieced, &pieces, &self.sentence_refs());
        self.sentences = sentences;
        alignment
    }

    /// The sentences of each document, as slices.
    pub fn sentence_refs(&self) -> Vec<&[Sentence]> {
        self.sentences.iter().map(Vec::as_slice).collect()
    }
}

/// Reads, decodes and segments the documents `align` and `check` take (one per language, in
/// order): languages from `--langs` (one per file), else the file names, else guessed; sentences
/// from the segmenter, or one per line with `--presegmented`. Warns about a document without
/// sentences.
pub fn read_documents(files: &[String], aligner: &AlignerArgs, input: &InputArgs) -> Result<Documents> {
    if let Some(langs) = &aligner.langs
        && langs.len() != files.len()
    {
        bail!(
            "--langs names {} languages for {} files; give one code per file, in order (e.g. --langs ru,en)",
            langs.len(),
            files.len()
        );
    }
    let mut out =
        Documents { langs: Vec::new(), docs: Vec::new(), sentences: Vec::new(), pieces: Vec::new() };
    for (i, path) in files.iter().enumerate() {
        let doc = input.read(path)?;
        let lang = resolve_lang(aligner.langs.as_ref().map(|l| l[i].as_str()), &doc);
        let (sents, pieces) = if aligner.presegmented {
            let s = sentences_from_lines(&doc.text);
            (s.clone(), s)
        } else {
            let segmenter = input.segmenter(&lang)?;
            let s = segment_document(&doc.text, input.paragraph_mode(), &segmenter);
            let pieces = soft_pieces(&s, &segmenter);
            (s, pieces)
        };
        out.langs.push(lang);
        out.sentences.push(sents);
        out.pieces.push(pieces);
        out.docs.push(doc);
    }
    for (i, s) in out.sentences.iter().enumerate() {
        if s.is_empty() && out.sentences.iter().any(|o| !o.is_empty()) {
            warn(format_args!(
                "warning: {} has no sentences; every sentence of the other documents becomes a unit of its own",
                out.docs[i].name
            ));
        }
    }
    Ok(out)
}

impl SearchArgs {
    /// The aligner configuration for these flags, with the given pivot (index into the languages).
    pub fn config(&self, pivot: Option<usize>) -> AlignConfig {
        let mut config = AlignConfig {
            max_bead: usize::from(self.max_bead),
            hard_anchors: self.hard_anchors,
            pivot,
            ..AlignConfig::default()
        };
        if let Some(cost) = self.gap_cost {
            config.params.null_cost = cost;
        }
        config
    }
}

impl AlignerArgs {
    /// The aligner configuration for documents in `langs` (`--pivot` must name one of them).
    pub fn config(&self, langs: &[String]) -> Result<AlignConfig> {
        let pivot = match &self.pivot {
            None => None,
            Some(p) => match langs.iter().position(|l| l == p) {
                Some(i) => Some(i),
                None => bail!("--pivot {p} is not one of the languages ({})", langs.join(", ")),
            },
        };
        Ok(self.search.config(pivot))
    }

    /// The model the aligner starts from: empty, or the `--dict` word list for every pair of `langs`
    /// (its columns are the languages in file order).
    pub fn model(&self, langs: &[String]) -> Result<Model> {
        let mut model = Model::new();
        let Some(path) = &self.dict else { return Ok(model) };
        let text = std::fs::read_to_string(path)
            .map_err(|e| tralign::Error::io(path, e))
            .with_context(|| format!("reading --dict {}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let cols = line.split('\t').count();
            if !line.trim().is_empty() && !line.starts_with('#') && cols < langs.len() {
                bail!(
                    "--dict {} line {}: expected {} tab-separated words (one per input language, in file order), got {cols}",
                    path.display(),
                    n + 1,
                    langs.len()
                );
            }
        }
        for x in 0..langs.len() {
            for y in x + 1..langs.len() {
                let columns: String = text
                    .lines()
                    .filter_map(|l| {
                        let cols: Vec<&str> = l.split('\t').collect();
                        (cols.len() > y).then(|| format!("{}\t{}\n", cols[x], cols[y]))
                    })
                    .collect();
                model
                    .add_dictionary(&langs[x], &langs[y], &columns)
                    .map_err(|e| e.with_path(path))
                    .with_context(|| format!("reading --dict {}", path.display()))?;
            }
        }
        Ok(model)
    }
}
