//! `tmx-json`: the canonical form, the whole [`TmxDocument`] as one pretty-printed JSON object
//! (`{"format":"tmx-json","format_version","tmx_version","header","body"}`), the shape the
//! aligner writes and the benchmark scripts read (`bench/rues/from_tmxjson.py`).

use super::{TmxDocument, Warning};
use crate::error::{Error, ErrorKind, Result};

/// Writes `doc` as pretty-printed JSON with a final newline (byte-identical to what `align` wrote
/// before the other forms existed).
pub fn write_tmx_json(doc: &TmxDocument) -> (String, Vec<Warning>) {
    let mut s = serde_json::to_string_pretty(doc).expect("a TmxDocument always serialises");
    s.push('\n');
    (s, Vec::new())
}

/// Reads a `tmx-json` document; anything else (other JSON, JSON Lines, not JSON) is an error with
/// the line and what is wrong.
pub fn read_tmx_json(text: &str) -> Result<(TmxDocument, Vec<Warning>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: TmxDocument = serde_json::from_str(text).map_err(|e| {
        if let Some(kind) = super::jsonl::sniff_json_lines(text) {
            return Error::new(
                ErrorKind::Parse,
                format!(
                    "not tmx-json: this is JSON Lines ({kind} records, one per line); \
                     pass --from {kind} or name the file {}",
                    if kind == "jsonl" { ".jsonl" } else { ".hf.jsonl" }
                ),
            )
            .with_line(2);
        }
        let hint = if e.is_syntax() || e.is_eof() {
            ""
        } else {
            "; a tmx-json file is {\"format\":\"tmx-json\",\"format_version\",\"tmx_version\",\"header\":{…},\"body\":[…]}"
        };
        Error::new(ErrorKind::Parse, format!("not tmx-json: {}{hint}", strip_position(&e))).with_line(e.line())
    })?;
    if doc.format != "tmx-json" {
        return Err(Error::new(
            ErrorKind::Parse,
            format!("not tmx-json: \"format\" is \"{}\", expected \"tmx-json\"", doc.format),
        )
        .with_line(1));
    }
    Ok((doc, Vec::new()))
}

/// serde_json's message without its own " at line L column C" (the error carries the line).
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &s[..i], e.column()),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_other_json_with_line() {
        let e = read_tmx_json("{\n  \"format\": \"tmx-json\",\n  \"header\": 3\n}").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.starts_with("not tmx-json: invalid type"), "{e}");
        let e = read_tmx_json("[1, 2]").unwrap_err();
        assert!(e.message.contains("not tmx-json"), "{e}");
        let e = read_tmx_json(
            "{\"id\":\"1\",\"translation\":{\"en\":\"a\"}}\n{\"id\":\"2\",\"translation\":{}}\n",
        )
        .unwrap_err();
        assert!(e.message.contains("JSON Lines (hf-jsonl records"), "{e}");
    }
}
