//! Translation memories: the unit model and its forms. The canonical form is TMX-style JSON
//! (`tmx-json`), a 1:1 image of TMX 1.4b (header attributes, props, notes, tu/tuv/seg), defined here
//! with serde; the other writers and readers (TMX, JSON Lines, TSV …) convert from and to it.
//! Every tuv that tralign writes carries `x-offsets` (one half-open char range per sentence into the
//! decoded input), `x-sentences` (first-last sentence index, half-open) and `x-paragraph`.
//!
//! The forms, one module each, all converting from and to [`TmxDocument`]:
//! - `tmx-json` ([`json`]): the document as one pretty-printed JSON object;
//! - `jsonl` ([`jsonl`]): a `{"type":"header",…}` line, then one self-contained `{"type":"tu",…}` per line;
//! - `tmx` ([`tmx`]): TMX 1.4b XML, valid against the LISA DTD (Level 1: plain text);
//! - `hf-jsonl` ([`hf`]): `{"id","translation":{lang:text},"score"}`, Hugging Face translation records;
//! - `tsv` ([`tsv`]): one column per language and a score, backslash escapes.
//!
//! Readers return `(TmxDocument, Vec<Warning>)` and writers `(String, Vec<Warning>)`: whatever a
//! reader had to repair or a writer had to change is reported as data, never printed here.

pub mod format;
pub mod hf;
pub mod json;
pub mod jsonl;
pub mod ladder;
pub mod tmx;
pub mod tsv;
pub mod warning;

pub use format::{
    Format, PairPolicy, doc_langs, pair_document, pair_path, read_tm, retain_aligned, write_tm,
};
pub use warning::{Warning, Warnings};

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::align::{AlignConfig, Alignment};
use crate::segment::Sentence;

/// A `<prop type="…">text</prop>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prop {
    /// The prop's type: the ones tralign writes are static names (batch makes millions of props, so
    /// they are not copied), the ones read from a file are owned.
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    pub text: String,
    #[serde(rename = "lang", default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(rename = "o-encoding", default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
}

impl Prop {
    pub fn new(kind: impl Into<Cow<'static, str>>, text: impl Into<String>) -> Self {
        Prop { kind: kind.into(), text: text.into(), lang: None, o_encoding: None }
    }
}

/// A `<note>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    #[serde(rename = "lang", default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(rename = "o-encoding", default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
}

/// The TMX `<header>`: the required attributes, the optional ones, props and notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub creationtool: String,
    pub creationtoolversion: String,
    pub segtype: String,
    #[serde(rename = "o-tmf")]
    pub o_tmf: String,
    pub adminlang: String,
    pub srclang: String,
    pub datatype: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationdate: Option<String>,
    #[serde(rename = "o-encoding", default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changedate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changeid: Option<String>,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// `<ude>` user-defined encodings (rare; kept so TMX round-trips lose nothing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub udes: Vec<Ude>,
}

/// A `<ude name base>` with its `<map>`s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ude {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    #[serde(default)]
    pub maps: Vec<UdeMap>,
}

/// A `<map unicode code ent subst/>` of a [`Ude`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UdeMap {
    pub unicode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subst: Option<String>,
}

/// The optional TMX attributes that `<tu>` and `<tuv>` share (TMX 1.4b §3), kept for lossless
/// round-trips of other tools' files; tralign's own units leave them all out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitAttrs {
    #[serde(rename = "o-encoding", default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usagecount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastusagedate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationtool: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationtoolversion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changedate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changeid: Option<String>,
    #[serde(rename = "o-tmf", default, skip_serializing_if = "Option::is_none")]
    pub o_tmf: Option<String>,
}

impl UnitAttrs {
    /// The attributes in DTD order as (TMX name, value), the present ones only.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("o-encoding", &self.o_encoding),
            ("datatype", &self.datatype),
            ("usagecount", &self.usagecount),
            ("lastusagedate", &self.lastusagedate),
            ("creationtool", &self.creationtool),
            ("creationtoolversion", &self.creationtoolversion),
            ("creationid", &self.creationid),
            ("changedate", &self.changedate),
            ("changeid", &self.changeid),
            ("o-tmf", &self.o_tmf),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }

    /// Sets the attribute of this TMX name; false when it is not one of them.
    pub fn set(&mut self, name: &str, value: String) -> bool {
        let slot = match name {
            "o-encoding" => &mut self.o_encoding,
            "datatype" => &mut self.datatype,
            "usagecount" => &mut self.usagecount,
            "lastusagedate" => &mut self.lastusagedate,
            "creationtool" => &mut self.creationtool,
            "creationtoolversion" => &mut self.creationtoolversion,
            "creationid" => &mut self.creationid,
            "changedate" => &mut self.changedate,
            "changeid" => &mut self.changeid,
            "o-tmf" => &mut self.o_tmf,
            _ => return false,
        };
        *slot = Some(value);
        true
    }
}

/// A `<tuv>`: one language's side of a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tuv {
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationdate: Option<String>,
    #[serde(flatten)]
    pub attrs: UnitAttrs,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub seg: String,
}

impl Tuv {
    /// The text of the prop of this type, if present.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props.iter().find(|p| p.kind == kind).map(|p| p.text.as_str())
    }
}

/// A `<tu>`: one translation unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tu {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub srclang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationdate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segtype: Option<String>,
    #[serde(flatten)]
    pub attrs: UnitAttrs,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub tuv: Vec<Tuv>,
}

impl Tu {
    /// The text of the prop of this type, if present.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props.iter().find(|p| p.kind == kind).map(|p| p.text.as_str())
    }
}

/// A whole translation memory in TMX-style JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TmxDocument {
    pub format: String,
    pub format_version: String,
    pub tmx_version: String,
    pub header: Header,
    pub body: Vec<Tu>,
}

impl TmxDocument {
    /// A TM of the current tmx-json version from a header and units.
    pub fn new(header: Header, body: Vec<Tu>) -> Self {
        TmxDocument {
            format: "tmx-json".into(),
            format_version: "0.1".into(),
            tmx_version: "1.4".into(),
            header,
            body,
        }
    }

    /// A TM read from a form without a header of its own (TSV, hf-jsonl): tralign's default header,
    /// the language order recorded, and the first language as srclang when there are two.
    pub fn for_langs(langs: &[String], body: Vec<Tu>) -> Self {
        let mut header = tmx::default_header();
        if langs.len() == 2 {
            header.srclang = langs[0].clone();
        }
        header.props.push(Prop::new("x-align-lang-order", langs.join(",")));
        TmxDocument::new(header, body)
    }
}

/// The header props that record the aligner's settings: `x-align-max-bead`,
/// `x-align-hard-anchors`, and `x-align-gap-cost` when the cost of a one-language unit is not the
/// default one.
pub fn settings_props(config: &AlignConfig) -> Vec<Prop> {
    let mut props = vec![
        Prop::new("x-align-max-bead", config.max_bead.to_string()),
        Prop::new("x-align-hard-anchors", config.hard_anchors.to_string()),
    ];
    if let Some(cost) = config.custom_gap_cost() {
        props.push(Prop::new("x-align-gap-cost", cost.to_string()));
    }
    props
}

/// What goes into the header besides the alignment itself.
#[derive(Debug, Clone, Default)]
pub struct TmOptions {
    /// `YYYYMMDDThhmmssZ`; `None` leaves creationdate out.
    pub creationdate: Option<String>,
    /// Extra header props (the aligner's settings, …).
    pub props: Vec<Prop>,
    /// Prefix of tuids (`NAME:`); units are numbered from 1.
    pub tuid_prefix: String,
    /// The input file of each language, recorded as `x-document` on each tuv when non-empty.
    pub documents: Vec<String>,
}

/// Builds the TMX-style JSON of an alignment; `docs[i]` are the sentences of `alignment.langs[i]`.
pub fn tm_from_alignment(alignment: &Alignment, docs: &[&[Sentence]], opts: &TmOptions) -> TmxDocument {
    let srclang = if alignment.langs.len() == 2 { alignment.langs[0].clone() } else { "*all*".to_string() };
    let mut props = vec![Prop::new("x-align-lang-order", alignment.langs.join(","))];
    props.extend(opts.props.iter().cloned());
    let header = Header {
        creationtool: "tralign".into(),
        creationtoolversion: env!("CARGO_PKG_VERSION").into(),
        segtype: "sentence".into(),
        o_tmf: "tralign".into(),
        adminlang: "en".into(),
        srclang,
        datatype: "plaintext".into(),
        creationdate: opts.creationdate.clone(),
        o_encoding: None,
        creationid: None,
        changedate: None,
        changeid: None,
        props,
        notes: vec![],
        udes: vec![],
    };
    // Each string is written once into its own buffer (no per-sentence strings joined afterwards):
    // batch builds millions of these props.
    use std::fmt::Write;
    let mut body = Vec::with_capacity(alignment.beads.len());
    for (n, bead) in alignment.beads.iter().enumerate() {
        let mut tuv = Vec::with_capacity(bead.sents.len());
        for (li, range) in bead.sents.iter().enumerate() {
            if range.is_empty() {
                continue;
            }
            let sents = &docs[li][range.clone()];
            let mut seg = String::with_capacity(sents.iter().map(|s| s.text.len() + 1).sum());
            let mut offsets = String::with_capacity(sents.len() * 12);
            let mut paras = String::new();
            let mut last_para = None;
            for (k, s) in sents.iter().enumerate() {
                if k > 0 {
                    seg.push(' ');
                    offsets.push(',');
                }
                seg.push_str(&s.text);
                let _ = write!(offsets, "{}-{}", s.start, s.end);
                // Consecutive repeats are written once (as `dedup` did).
                if last_para != Some(s.para) {
                    if last_para.is_some() {
                        paras.push(',');
                    }
                    let _ = write!(paras, "{}", s.para);
                    last_para = Some(s.para);
                }
            }
            let mut tprops = Vec::with_capacity(4);
            if let Some(d) = opts.documents.get(li).filter(|d| !d.is_empty()) {
                tprops.push(Prop::new("x-document", d.clone()));
            }
            tprops.push(Prop::new("x-offsets", offsets));
            tprops.push(Prop::new("x-sentences", format!("{}-{}", range.start, range.end)));
            tprops.push(Prop::new("x-paragraph", paras));
            tuv.push(Tuv { lang: alignment.langs[li].clone(), props: tprops, seg, ..Tuv::default() });
        }
        body.push(Tu {
            tuid: Some(format!("{}{}", opts.tuid_prefix, n + 1)),
            props: vec![
                Prop::new("x-align-bead", bead.shape()),
                Prop::new("x-align-score", format!("{:.4}", bead.score)),
            ],
            tuv,
            ..Tu::default()
        });
    }
    TmxDocument::new(header, body)
}

/// Formats Unix seconds as a TMX date, `YYYYMMDDThhmmssZ` (UTC).
pub fn tmx_date(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm), proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Whether `s` is a TMX date (`YYYYMMDDThhmmssZ`).
pub fn is_tmx_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_dates() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(1_714_137_000), "20240426T131000Z");
        assert!(is_tmx_date(&tmx_date(951_782_400)));
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert!(!is_tmx_date("2024-04-26"));
    }
}
