//! Command-line types (clap derive). The doc comments here are the `--help` text; no logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// tralign — align parallel documents (Russian, English, Spanish, any language) sentence by sentence
/// into translation memories.
///
/// Typical runs:
///   tralign segment doc.ru.txt                      one sentence per line
///   tralign align doc.ru.txt doc.en.txt -o tm.json  two-language TM (TMX-style JSON)
///   tralign align doc.ru.txt doc.en.txt doc.es.txt  three-language units
///
/// Exit codes: 0 success, 1 checks found problems, 2 error.
#[derive(Debug, Parser)]
#[command(name = "tralign", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a document into sentences (one per line, or JSON Lines with offsets).
    Segment(SegmentArgs),
    /// Align two or three versions of a document into translation units.
    Align(AlignArgs),
}

/// Options every command that reads documents shares.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Encoding of the input files (utf-8, utf-16le, windows-1251, koi8-r, ibm866, windows-1252 …).
    /// Default: detected (BOM, UTF-8 validity, then a legacy-encoding detector).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// How paragraphs are marked: `blank` (blank lines, default) or `line` (every line is one).
    #[arg(long, value_enum, default_value_t = ParagraphsArg::Blank, value_name = "MODE")]
    pub paragraphs: ParagraphsArg,

    /// A file of extra abbreviations (one per line, e.g. `approx.`), added to the built-in list of
    /// every language.
    #[arg(long, value_name = "FILE")]
    pub abbrev: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParagraphsArg {
    Blank,
    Line,
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The document to split (`-` or nothing: standard input).
    #[arg(value_name = "FILE")]
    pub file: Option<String>,

    /// Language code (ru, en, es, or any ISO 639-1 code for the generic rules).
    /// Default: from the file name (doc.ru.txt, ru.txt), else guessed from the text.
    #[arg(long, short = 'l', value_name = "LANG")]
    pub lang: Option<String>,

    /// Output form: `text` (one sentence per line) or `jsonl`
    /// ({"para","sent","start","end","text"} per sentence, char offsets).
    #[arg(long, short = 'f', value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,

    /// Stream mode: read JSON Lines {"id": …, "text": …} on stdin and write
    /// {"id": …, "sentences": [...]} per line, in order, flushing each line.
    #[arg(long, conflicts_with_all = ["file", "format"])]
    pub jsonl: bool,

    /// Write to FILE instead of standard output (written atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Two or three documents, one per language.
    #[arg(value_name = "FILE", num_args = 2..=3, required = true)]
    pub files: Vec<String>,

    /// Languages of the files in order, comma-separated (e.g. ru,en,es).
    /// Default: from the file names (doc.ru.txt, ru.txt), else guessed from the text.
    #[arg(long, value_name = "L1,L2[,L3]", value_delimiter = ',')]
    pub langs: Option<Vec<String>>,

    /// The files are already split: one sentence per line; a blank line or a line `<p>` marks a
    /// paragraph (hunalign and Vecalign input).
    #[arg(long)]
    pub presegmented: bool,

    /// Output form: tmx-json (TMX-style JSON, default) or ladder (`[i, j]:[k]:score`, two languages).
    #[arg(long, short = 'f', value_enum, default_value_t = AlignFormat::TmxJson)]
    pub format: AlignFormat,

    /// Write to FILE instead of standard output (written atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Widest bead side (sentences of one language in one unit), 1–5. The default allows up to 1-5,
    /// 2-4 and 3-3 units, which OCR-era and literary translations need; 2 or 3 is stricter.
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub max_bead: u8,

    /// Drop units whose confidence is below this (0–1).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,

    /// Never let a unit cross a paragraph boundary.
    #[arg(long)]
    pub hard_anchors: bool,

    /// A bilingual word list to start the lexicon from: one entry per line, the words of the input
    /// files' languages in the files' order, separated by tabs (`слово<TAB>word`).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,

    /// Pivot language for three-way alignment (default: chosen automatically).
    #[arg(long, value_name = "LANG")]
    pub pivot: Option<String>,

    /// Creation date written into the TM header (YYYYMMDDThhmmssZ); default: SOURCE_DATE_EPOCH or now.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    TmxJson,
    Ladder,
}
