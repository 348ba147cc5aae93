//! `jsonl`: the same content as `tmx-json`, as JSON Lines for streaming large corpora. Line 1 is
//! `{"type":"header","format":"tmx-jsonl","format_version","tmx_version", …header attributes,
//! "props","notes"}`; every further line is one self-contained `{"type":"tu", …}` unit with the
//! fields of a tmx-json `tu`. (Shape: `shared/bench-data/tmx/sample-3lang.tmx.jsonl`.)

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Header, TmxDocument, Tu, Warning};
use crate::error::{Error, ErrorKind, Result};

#[derive(Serialize)]
struct HeaderRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    format: &'static str,
    format_version: &'a str,
    tmx_version: &'a str,
    #[serde(flatten)]
    header: &'a Header,
}

#[derive(Serialize)]
struct TuRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    tu: &'a Tu,
}

/// Writes the header line and one line per unit, each ending in `\n`.
pub fn write_jsonl(doc: &TmxDocument) -> (String, Vec<Warning>) {
    let mut out = String::new();
    let header = HeaderRecord {
        kind: "header",
        format: "tmx-jsonl",
        format_version: &doc.format_version,
        tmx_version: &doc.tmx_version,
        header: &doc.header,
    };
    out.push_str(&serde_json::to_string(&header).expect("a header always serialises"));
    out.push('\n');
    for tu in &doc.body {
        out.push_str(&serde_json::to_string(&TuRecord { kind: "tu", tu }).expect("a unit always serialises"));
        out.push('\n');
    }
    (out, Vec::new())
}

/// Reads tmx JSON Lines: a header record first, then `tu` records; blank lines are skipped.
pub fn read_jsonl(text: &str) -> Result<(TmxDocument, Vec<Warning>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc: Option<TmxDocument> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut rec: Map<String, Value> = serde_json::from_str(line).map_err(|e| {
            Error::new(ErrorKind::Parse, format!("not a JSON object: {}", super::json::strip_position(&e)))
                .with_line(n)
        })?;
        let kind = rec.remove("type");
        match (&mut doc, kind.as_ref().and_then(Value::as_str)) {
            (None, Some("header")) => {
                let format = take_string(&mut rec, "format").unwrap_or_default();
                if format != "tmx-jsonl" {
                    return Err(Error::new(
                        ErrorKind::Parse,
                        format!("not tmx JSON Lines: the header's \"format\" is \"{format}\", expected \"tmx-jsonl\""),
                    )
                    .with_line(n));
                }
                let format_version = take_string(&mut rec, "format_version").unwrap_or_else(|| "0.1".into());
                let tmx_version = take_string(&mut rec, "tmx_version").unwrap_or_else(|| "1.4".into());
                let header: Header = serde_json::from_value(Value::Object(rec)).map_err(|e| {
                    Error::new(ErrorKind::Parse, format!("bad header record: {e}")).with_line(n)
                })?;
                doc = Some(TmxDocument {
                    format: "tmx-json".into(),
                    format_version,
                    tmx_version,
                    header,
                    body: Vec::new(),
                });
            }
            (None, _) => {
                let hint = if rec.contains_key("translation") {
                    "; this looks like Hugging Face records: pass --from hf-jsonl or name the file .hf.jsonl"
                } else {
                    ""
                };
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!("not tmx JSON Lines: the first record must be {{\"type\":\"header\",…}}{hint}"),
                )
                .with_line(n));
            }
            (Some(d), Some("tu")) => {
                let tu: Tu = serde_json::from_value(Value::Object(rec))
                    .map_err(|e| Error::new(ErrorKind::Parse, format!("bad tu record: {e}")).with_line(n))?;
                d.body.push(tu);
            }
            (Some(_), other) => {
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!(
                        "a record of type {} where a unit ({{\"type\":\"tu\",…}}) belongs",
                        other.map(|s| format!("\"{s}\"")).unwrap_or_else(|| "(none)".into())
                    ),
                )
                .with_line(n));
            }
        }
    }
    doc.map(|d| (d, Vec::new())).ok_or_else(|| {
        Error::new(ErrorKind::Parse, "empty file: tmx JSON Lines start with a {\"type\":\"header\",…} line")
    })
}

fn take_string(rec: &mut Map<String, Value>, key: &str) -> Option<String> {
    match rec.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Which JSON Lines form `text` looks like, from its first non-blank line: `jsonl` (a record with
/// `"type"`), `hf-jsonl` (a record with `"translation"`), or `None`.
pub fn sniff_json_lines(text: &str) -> Option<&'static str> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let rec: Map<String, Value> = serde_json::from_str(first).ok()?;
    if rec.get("type").and_then(Value::as_str).is_some_and(|t| t == "header" || t == "tu") {
        Some("jsonl")
    } else if rec.get("translation").is_some_and(Value::is_object) {
        Some("hf-jsonl")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let e = read_jsonl("{\"type\":\"header\",\"format\":\"tmx-jsonl\",\"creationtool\":\"x\"}\n")
            .unwrap_err();
        assert!(e.message.contains("bad header record: missing field"), "{e}");
        let ok = "{\"type\":\"header\",\"format\":\"tmx-jsonl\",\"creationtool\":\"t\",\"creationtoolversion\":\"1\",\"segtype\":\"sentence\",\"o-tmf\":\"t\",\"adminlang\":\"en\",\"srclang\":\"en\",\"datatype\":\"plaintext\"}\n";
        let e = read_jsonl(&format!("{ok}{{\"type\":\"tu\",\"tuv\":[{{\"lang\":\"en\"}}]}}\n")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("missing field `seg`"), "{e}");
        let e = read_jsonl(&format!("{ok}\n\nnot json\n")).unwrap_err();
        assert_eq!(e.line, Some(4));
        let e = read_jsonl("{\"id\":\"1\",\"translation\":{\"en\":\"a\"}}\n").unwrap_err();
        assert!(e.message.contains("--from hf-jsonl"), "{e}");
    }
}
