//! `hf-jsonl`: one `{"id": …, "translation": {"en": …, "ru": …, "es": …}, "score": …}` per line,
//! the record shape of Hugging Face translation datasets (`datasets.Translation`). Every record has
//! every language of the document, in the document's order, `null` where a unit has no text in
//! that language; `id` is the tuid (else the unit's 1-based number), `score` the `x-align-score`
//! prop as a number (`null` without one). Props other than the score and notes are not carried.

use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use super::{Prop, TmxDocument, Tu, Tuv, Warning, Warnings, doc_langs};
use crate::error::{Error, ErrorKind, Result};

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("strings always serialise")
}

/// Writes one record per unit.
pub fn write_hf_jsonl(doc: &TmxDocument) -> (String, Vec<Warning>) {
    let langs = doc_langs(doc);
    let mut warnings = Warnings::new();
    let mut out = String::new();
    for (i, tu) in doc.body.iter().enumerate() {
        let id = tu.tuid.clone().unwrap_or_else(|| (i + 1).to_string());
        out.push_str("{\"id\":");
        out.push_str(&json_str(&id));
        out.push_str(",\"translation\":{");
        for (k, lang) in langs.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&json_str(lang));
            out.push(':');
            let mut sides = tu.tuv.iter().filter(|v| &v.lang == lang);
            match sides.next() {
                Some(v) => out.push_str(&json_str(&v.seg)),
                None => out.push_str("null"),
            }
            if sides.next().is_some() {
                warnings.add("duplicate-lang", None, || {
                    format!("unit {id} has more than one {lang} variant; the record keeps the first")
                });
            }
        }
        out.push_str("},\"score\":");
        match tu.prop("x-align-score").and_then(|s| s.trim().parse::<f64>().ok()) {
            Some(s) if s.is_finite() => out.push_str(&serde_json::Number::from_f64(s).unwrap().to_string()),
            _ => out.push_str("null"),
        }
        out.push_str("}\n");
    }
    (out, warnings.into_vec())
}

/// A JSON object read as an ordered list of (key, text or null).
struct Ordered(Vec<(String, Option<String>)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of language code → text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some((k, t)) = m.next_entry::<String, Option<String>>()? {
                    v.push((k, t));
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    translation: Ordered,
    #[serde(default)]
    score: Option<serde_json::Number>,
}

/// Reads Hugging Face translation records into units; languages in the order they first appear.
pub fn read_hf_jsonl(text: &str) -> Result<(TmxDocument, Vec<Warning>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut langs: Vec<String> = Vec::new();
    let mut body = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(line).map_err(|e| {
            Error::new(
                ErrorKind::Parse,
                format!(
                    "not a Hugging Face translation record ({{\"id\",\"translation\":{{lang:text}},\"score\"}}): {}",
                    super::json::strip_position(&e)
                ),
            )
            .with_line(i + 1)
        })?;
        let mut tu = Tu {
            tuid: rec.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            }),
            ..Tu::default()
        };
        if let Some(s) = rec.score {
            tu.props.push(Prop::new("x-align-score", s.to_string()));
        }
        for (lang, seg) in rec.translation.0 {
            if !langs.contains(&lang) {
                langs.push(lang.clone());
            }
            if let Some(seg) = seg {
                tu.tuv.push(Tuv { lang, seg, ..Tuv::default() });
            }
        }
        body.push(tu);
    }
    Ok((TmxDocument::for_langs(&langs, body), Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_language_order_and_nulls() {
        let text = "{\"id\":\"a1\",\"translation\":{\"ru\":\"Да\",\"en\":\"Yes\"},\"score\":0.5}\n\
                    {\"id\":2,\"translation\":{\"ru\":null,\"en\":\"No\"},\"score\":null}\n";
        let (doc, _) = read_hf_jsonl(text).unwrap();
        assert_eq!(doc_langs(&doc), ["ru", "en"]);
        assert_eq!(doc.header.srclang, "ru");
        assert_eq!(doc.body[1].tuid.as_deref(), Some("2"));
        assert_eq!(doc.body[1].tuv.len(), 1);
        let (back, _) = write_hf_jsonl(&doc);
        assert_eq!(
            back,
            "{\"id\":\"a1\",\"translation\":{\"ru\":\"Да\",\"en\":\"Yes\"},\"score\":0.5}\n\
             {\"id\":\"2\",\"translation\":{\"ru\":null,\"en\":\"No\"},\"score\":null}\n"
        );
        let e = read_hf_jsonl("{\"id\":1}\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("missing field `translation`"), "{e}");
    }
}
