//! One file per subcommand; each turns parsed arguments into library calls and writes the result.
//! Shared here: reading documents, choosing languages and segmenters, warnings on stderr.

pub mod align;
pub mod batch;
pub mod check;
pub mod convert;
pub mod segment;

use anyhow::{Context, Result};
use tralign::segment::Segmenter;
use tralign::text::{self, Document, ParagraphMode};

use crate::cli::{InputArgs, ParagraphsArg};

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
