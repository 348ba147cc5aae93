//! Command-line types (clap derive). The doc comments here are the `--help` text; no logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tralign::batch::{OutputFormat, Shard};

/// tralign — align parallel documents (Russian, English, Spanish, any language) sentence by sentence
/// into translation memories.
///
/// Typical runs:
///   tralign segment doc.ru.txt                      one sentence per line
///   tralign align doc.ru.txt doc.en.txt -o tm.json  two-language TM (TMX-style JSON)
///   tralign align doc.ru.txt doc.en.txt doc.es.txt  three-language units
///   tralign check doc.ru.txt doc.en.txt             translation QA findings
///   tralign batch pairs/ -o aligned/                every set of a folder, in parallel
///   tralign align a.en.txt a.ru.txt a.es.txt -o tm.tmx --pairs   TMX + tm.en-ru.tmx, tm.en-es.tmx, tm.ru-es.tmx
///   tralign convert tm.tmx -o tm.tsv                 between tmx, tmx-json, jsonl, hf-jsonl, tsv
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
    /// Translation QA: align (or read a TM) and report omissions, changed numbers and names, length
    /// outliers, untranslated text, punctuation; two files in one language compare an original with
    /// its back-translation. Exit code 1 when findings at or above --fail-on exist. Many document
    /// sets: `tralign batch --qa` checks each with a lexicon learned over all of them.
    Check(CheckArgs),
    /// Align every document set of a folder (or a manifest) into OUTDIR, in parallel, with one
    /// lexicon learned over the whole collection; with --qa, check every set too.
    Batch(BatchArgs),
    /// Convert a translation memory between tmx, tmx-json, jsonl, hf-jsonl and tsv.
    Convert(ConvertArgs),
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

/// How `align` and `check` read and align documents: languages, pre-split input, the search
/// options and the aligner's starting knowledge. [`AlignerArgs::config`] turns them into an
/// `AlignConfig`.
#[derive(Debug, Args, Clone)]
pub struct AlignerArgs {
    /// Languages of the files in order, comma-separated (e.g. ru,en,es).
    /// Default: from the file names (doc.ru.txt, ru.txt), else guessed from the text.
    #[arg(long, value_name = "L1,L2[,L3]", value_delimiter = ',')]
    pub langs: Option<Vec<String>>,

    /// The files are already split: one sentence per line; a blank line or a line `<p>` marks a
    /// paragraph (hunalign and Vecalign input).
    #[arg(long)]
    pub presegmented: bool,

    /// Pivot language for three-way alignment (default: chosen automatically).
    #[arg(long, value_name = "LANG")]
    pub pivot: Option<String>,

    /// A bilingual word list to start the lexicon from: one entry per line, the words of the input
    /// files' languages in the files' order, separated by tabs (`слово<TAB>word`).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,

    #[command(flatten)]
    pub search: SearchArgs,
}

/// The aligner's search options every aligning command shares (`align`, `check`, `batch`);
/// [`SearchArgs::config`] builds the `AlignConfig`.
#[derive(Debug, Args, Clone)]
pub struct SearchArgs {
    /// Widest bead side (sentences of one language in one unit), 1–5. The default allows up to 1-5,
    /// 2-4 and 3-3 units, which OCR-era and literary translations need; 2 or 3 is stricter.
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub max_bead: u8,

    /// Never let a unit cross a paragraph boundary.
    #[arg(long)]
    pub hard_anchors: bool,

    /// Cost of leaving a sentence without a counterpart (a one-language unit, which `check` reports
    /// as an omission or addition), against pairing it with a neighbour's or merging it into a
    /// neighbour's unit. Lower finds more omissions, and more false ones; higher keeps loose
    /// translations together. Default 4.5. On the rues benchmark (news, Bible, COVID texts with
    /// sentences dropped), `check` of two documents finds 90 % of dropped sentences at 4.5
    /// (precision 93 %); `batch --qa` over the collection with three languages finds 95 % at 4.5
    /// (precision 96 %) and 96 % at 4.0 (precision 95 %).
    #[arg(long, value_name = "COST", value_parser = parse_gap_cost)]
    pub gap_cost: Option<f64>,
}

/// `--gap-cost`: a positive number, at most 50.
fn parse_gap_cost(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(c) if c > 0.0 && c <= 50.0 => Ok(c),
        Ok(_) => Err("give a cost above 0 and at most 50 (the default is 4.5)".into()),
        Err(_) => Err(format!("`{s}` is not a number; give a cost such as 3.5 (the default is 4.5)")),
    }
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Two or three documents, one per language.
    #[arg(value_name = "FILE", num_args = 2..=3, required = true)]
    pub files: Vec<String>,

    /// Output form: tmx-json (TMX-style JSON), tmx (TMX 1.4b), jsonl (tmx-json as JSON Lines),
    /// hf-jsonl (Hugging Face translation records), tsv (one column per language + score), or
    /// ladder (`[i, j]:[k]:score`, two languages).
    /// Default: from the -o extension (.tmx, .tmx.json/.json, .jsonl, .hf.jsonl, .tsv), else tmx-json.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<AlignFormat>,

    /// Write to FILE instead of standard output (written atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write one file per language pair beside -o (three languages: en-ru, en-es, ru-es in
    /// file order), named OUT's stem + `.L1-L2` + extension (tm.tmx → tm.en-ru.tmx); the first
    /// language of each pair is its source. Units with one side empty are left out.
    #[arg(long, requires = "output")]
    pub pairs: bool,

    /// Keep units with text in only one language in every output (by default TMX, TSV and the
    /// per-pair files leave them out; the main JSON outputs always keep them).
    #[arg(long)]
    pub keep_unaligned: bool,

    /// Drop units whose confidence is below this (0–1).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,

    /// Creation date written into the TM header (YYYYMMDDThhmmssZ); default: SOURCE_DATE_EPOCH or now.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Run the QA checks (`tralign check`, default thresholds) and record their findings as `x-qa`
    /// props of the units (tmx-json output).
    #[arg(long)]
    pub qa: bool,

    #[command(flatten)]
    pub aligner: AlignerArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    TmxJson,
    Tmx,
    Jsonl,
    HfJsonl,
    Tsv,
    Ladder,
}

/// `tralign batch`. A set is the files `NAME.LANG.EXT` of DIR that share NAME (`lavrov.ru.txt`,
/// `lavrov.en.txt`, `lavrov.es.txt`), or a sub-folder of DIR holding `LANG.EXT` files; other files are
/// ignored. Per set, OUTDIR gets `NAME.tmx.json` and `NAME.tmx` (or the --format files); OUTDIR/summary.json
/// lists every set with its figures. Sets whose outputs are newer than their inputs are skipped
/// (--force aligns them again). Exit code 2 when any set failed; the others are still written.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct BatchArgs {
    /// Folder of document sets.
    #[arg(value_name = "DIR", default_value = "pairs", conflicts_with = "manifest")]
    pub dir: PathBuf,

    /// Output folder (created when missing).
    #[arg(long, short = 'o', value_name = "OUTDIR", default_value = "aligned")]
    pub output: PathBuf,

    /// Take the sets from a tab-separated manifest instead of DIR: a header row
    /// `id<TAB>ru<TAB>en<TAB>es` naming the languages, then one row per set: its id, then one path
    /// per language (relative to the manifest's folder; empty when the set lacks that language).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// Output form, repeatable: tmx-json (`ID.tmx.json`), tmx (`ID.tmx`), jsonl (`ID.jsonl`),
    /// hf-jsonl (`ID.hf.jsonl`), tsv (`ID.tsv`), ladder (`ID.ladder`, two-language sets only).
    /// Default: tmx-json and tmx.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Vec<OutputFormat>,

    /// Keep units with text in only one language in TMX and TSV too (the JSON forms always keep them).
    #[arg(long)]
    pub keep_unaligned: bool,

    /// Languages to align, in the order units list them (e.g. ru,en,es); others are left out.
    /// Default: all, in the manifest's order, else alphabetical.
    #[arg(long, value_name = "L1,L2[,L3]", value_delimiter = ',')]
    pub langs: Option<Vec<String>>,

    /// Units with a confidence below this are counted in the summary as ones to review; batch keeps
    /// them in the TMs (each unit carries its x-align-score) so every sentence stays covered.
    #[arg(long, value_name = "SCORE", default_value_t = 0.5)]
    pub min_score: f64,

    #[command(flatten)]
    pub search: SearchArgs,

    /// Creation date written into every TM header (YYYYMMDDThhmmssZ); default: SOURCE_DATE_EPOCH or
    /// now. Give it to make the outputs reproducible.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Align every set, even those whose outputs are newer than their inputs.
    #[arg(long)]
    pub force: bool,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Process only the k-th of N shards: the sets whose id hashes (FNV-1a 64) to k-1 modulo N. A set
    /// stays in its shard whatever other sets exist. The summary becomes summary.K-of-N.json.
    #[arg(long, value_name = "k/N")]
    pub shard: Option<Shard>,

    /// Print a line per set in the summary on stderr even for large collections (default: up to 50).
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// Check every set too: the checks of `tralign check` (default thresholds) on the alignment made
    /// with the lexicon learned over the whole collection, which finds more of the sentences a
    /// translation left out than checking each set alone. Findings go to `ID.qa.jsonl` (JSON Lines, as
    /// `check --format json`), into the TMs as `x-qa` props, and per check into summary.json.
    #[arg(long)]
    pub qa: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

/// A translation-memory form (`--to`, `--from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TmFormat {
    Tmx,
    TmxJson,
    Jsonl,
    HfJsonl,
    Tsv,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The translation memory to read (`-`: standard input, then --from is needed).
    #[arg(value_name = "IN")]
    pub input: String,

    /// Where to write (`-` or nothing: standard output, then --to is needed); written atomically.
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Output form. Default: from OUT's extension (.tmx, .tmx.json/.json, .jsonl, .hf.jsonl, .tsv).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: Option<TmFormat>,

    /// Input form. Default: from IN's extension, else from its content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<TmFormat>,

    /// Creation date for a TM whose input has none (TSV, hf-jsonl), YYYYMMDDThhmmssZ;
    /// default: SOURCE_DATE_EPOCH, else none.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Two or three documents (one per language, as for `align`), or one TM (tmx, tmx-json, jsonl,
    /// hf-jsonl, tsv).
    /// Two documents in the same language: an original against its back-translation. Two of three
    /// in one language (an original and two translations) are compared with each other the same way.
    #[arg(value_name = "FILE", num_args = 1..=3, required = true)]
    pub files: Vec<String>,

    /// Silence a check by id (repeatable or comma-separated): omission, addition, low-confidence,
    /// numbers, names, length, untranslated, punctuation, similarity.
    #[arg(long, value_name = "CHECK", value_delimiter = ',')]
    pub allow: Vec<tralign::check::CheckId>,

    /// Exit with code 1 when a finding of this severity or higher exists: info, warning, error.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error, value_name = "SEVERITY")]
    pub fail_on: SeverityArg,

    /// Output: `human` (a report with the differing pieces marked and a summary table) or `json`
    /// (JSON Lines, one finding per line).
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// `low-confidence`: units the aligner scored below this (0–1).
    #[arg(long, default_value_t = 0.25, value_name = "SCORE")]
    pub min_score: f64,

    /// `length`: units whose length ratio lies more than this many robust deviations (1.4826·MAD)
    /// from the document's median ratio.
    #[arg(long, default_value_t = 4.5, value_name = "Z")]
    pub length_z: f64,

    /// `similarity` (same-language mode): units whose word similarity is below this (0–1): the
    /// share of the two sides' words the other side has, in any order, another form of a word
    /// counting as the word. A free back-translation of a sentence keeps about half or more.
    #[arg(long, default_value_t = 0.4, value_name = "SIM")]
    pub min_similarity: f64,

    #[command(flatten)]
    pub aligner: AlignerArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}
