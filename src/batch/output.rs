//! The files batch writes per set, one per output format: `OUTDIR/ID.EXT`. Each format is one variant
//! here, its name, its file extension and one arm in [`OutputFormat::render`]; the conversion itself
//! lives in [`crate::tm`].

use std::fmt;
use std::str::FromStr;

use crate::align::Alignment;
use crate::segment::Sentence;
use crate::tm::{self, TmOptions};

/// A form of translation memory batch can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputFormat {
    /// TMX-style JSON (`ID.tmx.json`), the canonical form.
    TmxJson,
    /// The ladder `[i]:[j]:score` of a two-language set (`ID.ladder`); sets of three languages get none.
    Ladder,
}

impl OutputFormat {
    /// Every format, in the order names are listed in `--help`.
    pub const ALL: &'static [OutputFormat] = &[OutputFormat::TmxJson, OutputFormat::Ladder];

    /// What `--format` writes when it is not given.
    pub const DEFAULT: &'static [OutputFormat] = &[OutputFormat::TmxJson];

    /// The name on the command line and in summary.json.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::TmxJson => "tmx-json",
            OutputFormat::Ladder => "ladder",
        }
    }

    /// The output file's extension, with its leading dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::TmxJson => ".tmx.json",
            OutputFormat::Ladder => ".ladder",
        }
    }

    /// Whether this format can show a set of `langs` languages.
    pub fn applies_to(self, langs: usize) -> bool {
        match self {
            OutputFormat::Ladder => langs == 2,
            _ => true,
        }
    }

    /// The file's bytes for one aligned set; `docs[i]` are the sentences of `alignment.langs[i]`.
    pub fn render(self, alignment: &Alignment, docs: &[&[Sentence]], opts: &TmOptions) -> Vec<u8> {
        match self {
            OutputFormat::TmxJson => {
                let doc = tm::tm_from_alignment(alignment, docs, opts);
                // Sized once: pretty TMX-JSON is about twice the text plus ~500 bytes a sentence.
                let text: usize = docs.iter().flat_map(|d| d.iter()).map(|s| 2 * s.text.len() + 500).sum();
                let mut v = Vec::with_capacity(text + 1024);
                serde_json::to_writer_pretty(&mut v, &doc).expect("a TM always serialises");
                v.push(b'\n');
                v
            }
            OutputFormat::Ladder => tm::ladder::write_ladder(alignment).into_bytes(),
        }
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutputFormat::ALL.iter().copied().find(|f| f.name() == s).ok_or_else(|| {
            let names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format '{s}'; choose from {}", names.join(", "))
        })
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
