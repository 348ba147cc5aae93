//! The files batch writes per set, one per output format: `OUTDIR/ID.EXT`. Every translation-memory
//! form of [`crate::tm`] (tmx-json, tmx, jsonl, hf-jsonl, tsv) plus the ladder; a new form is one
//! entry in [`OutputFormat::ALL`] and, if it is not a TM form, one arm in [`OutputFormat::render`].

use std::fmt;
use std::str::FromStr;

use crate::align::Alignment;
use crate::tm::{self, Format, TmxDocument, Warning};

/// A form batch can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// A translation-memory form (`ID.tmx.json`, `ID.tmx`, `ID.jsonl`, `ID.hf.jsonl`, `ID.tsv`).
    Tm(Format),
    /// The ladder `[i]:[j]:score` of a two-language set (`ID.ladder`); sets of three languages get none.
    Ladder,
}

impl OutputFormat {
    /// Every format, in the order they are listed and written.
    pub const ALL: &'static [OutputFormat] = &[
        OutputFormat::Tm(Format::TmxJson),
        OutputFormat::Tm(Format::Tmx),
        OutputFormat::Tm(Format::Jsonl),
        OutputFormat::Tm(Format::HfJsonl),
        OutputFormat::Tm(Format::Tsv),
        OutputFormat::Ladder,
    ];

    /// What `--format` writes when it is not given.
    pub const DEFAULT: &'static [OutputFormat] =
        &[OutputFormat::Tm(Format::TmxJson), OutputFormat::Tm(Format::Tmx)];

    /// The name on the command line and in summary.json.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Tm(f) => f.name(),
            OutputFormat::Ladder => "ladder",
        }
    }

    /// The output file's extension, with its leading dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Tm(f) => f.extension(),
            OutputFormat::Ladder => ".ladder",
        }
    }

    /// Whether this format can show a set of `langs` languages.
    pub fn applies_to(self, langs: usize) -> bool {
        match self {
            OutputFormat::Ladder => langs == 2,
            OutputFormat::Tm(_) => true,
        }
    }

    /// The file's bytes for one aligned set, and what the writer had to change. `doc` is the set's
    /// TM (built once for all forms). As with `tralign align`, TMX and TSV leave out units with text
    /// in one language only unless `keep_unaligned`; the JSON forms keep every unit.
    pub fn render(
        self,
        alignment: &Alignment,
        doc: &TmxDocument,
        keep_unaligned: bool,
    ) -> (Vec<u8>, Vec<Warning>) {
        if self.keeps_every_unit(keep_unaligned) {
            self.render_shown(alignment, doc)
        } else {
            let mut aligned_only = doc.clone();
            tm::retain_aligned(&mut aligned_only);
            self.render_shown(alignment, &aligned_only)
        }
    }

    /// Whether this form shows every unit of the set's TM; if not, only the units
    /// [`tm::retain_aligned`] keeps.
    pub fn keeps_every_unit(self, keep_unaligned: bool) -> bool {
        match self {
            OutputFormat::Tm(f) => f.is_json() || keep_unaligned,
            OutputFormat::Ladder => true,
        }
    }

    /// [`OutputFormat::render`] of a TM already reduced to the units this form shows (see
    /// [`OutputFormat::keeps_every_unit`]): a caller rendering several forms reduces the TM once, in
    /// place, instead of copying it per form.
    pub fn render_shown(self, alignment: &Alignment, shown: &TmxDocument) -> (Vec<u8>, Vec<Warning>) {
        match self {
            OutputFormat::Tm(f) => {
                let (text, warnings) = tm::write_tm(shown, f);
                (text.into_bytes(), warnings)
            }
            OutputFormat::Ladder => (tm::ladder::write_ladder(alignment).into_bytes(), vec![]),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_extensions_differ() {
        for f in OutputFormat::ALL {
            assert_eq!(f.name().parse::<OutputFormat>(), Ok(*f));
        }
        let mut ext: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.extension()).collect();
        ext.sort();
        ext.dedup();
        assert_eq!(ext.len(), OutputFormat::ALL.len());
        assert!("xml".parse::<OutputFormat>().unwrap_err().contains("tmx-json"));
    }
}
