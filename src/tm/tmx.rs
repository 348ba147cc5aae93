//! TMX 1.4b (LISA OSCAR, <https://www.gala-global.org/tmx-14b>): the writer and a lenient reader.
//!
//! The writer produces Level 1 TMX (plain text segments) that validates against the official DTD
//! (`tmx14.dtd`): `<tmx version="1.4">`, every required header attribute, `xml:lang` on every tuv
//! (never the deprecated `lang=`), props before notes before the seg, as the DTD orders them.
//! Escaping: `&`, `<`, `>` in text; `&`, `<`, `>`, `"`, tab, LF and CR in attributes; a CR in text
//! is written as `&#13;` so that XML end-of-line handling does not turn it into LF. Characters that
//! XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) cannot be written at all,
//! not even as references: each is replaced by U+FFFD (one char for one, so `x-offsets` still
//! count right) and the writer returns a `forbidden-char` warning with the count. Language codes are
//! written as BCP 47 (`en_US` → `en-US`, warned).
//!
//! The reader accepts what real files do: TMX 1.1/1.2 (`lang=` instead of `xml:lang`, OmegaT),
//! headers missing required attributes, `o-tmf="UTF-8"`, inline markup (`<bpt> <ept> <ph> <it>
//! <hi> <ut> <sub>`: their text content is kept, the markup is not), UTF-16 and legacy encodings
//! (bytes go through [`crate::text::decode`], guided by the XML declaration). Each kind of
//! deviation gives one counted [`Warning`]; nothing is dropped silently. Broken XML and files
//! that are not TMX are errors with the line.

use std::borrow::Cow;
use std::collections::BTreeSet;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::{Header, Note, Prop, TmxDocument, Tu, Tuv, Ude, UdeMap, UnitAttrs, Warning, Warnings};
use crate::error::{Error, ErrorKind, Result};

/// The values the DTD allows for `segtype`.
pub const SEGTYPES: [&str; 4] = ["block", "paragraph", "sentence", "phrase"];

/// What the writer puts in place of a character XML 1.0 forbids.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for the characters XML 1.0 does not allow in a document, even as `&#…;` references:
/// C0 controls other than tab, LF and CR, and the non-characters U+FFFE and U+FFFF.
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}')
}

/// A language code as BCP 47 wants it: `_` → `-` (Java/POSIX locales such as OmegaT's `en_US`).
/// Returns the code and whether it still is not well-formed (subtags of 1–8 letters or digits).
pub fn bcp47(code: &str) -> (Cow<'_, str>, bool) {
    // Borrowed when already well formed (the usual case: one per tuv written).
    let fixed: Cow<'_, str> = if code.contains('_') || code.trim().len() != code.len() {
        code.trim().replace('_', "-").into()
    } else {
        code.into()
    };
    let ok = fixed == "*all*"
        || (!fixed.is_empty()
            && fixed
                .split('-')
                .all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric())));
    (fixed, !ok)
}

// ---------------------------------------------------------------------------------------------
// Writer

struct TmxWriter {
    out: String,
    forbidden: usize,
    forbidden_chars: BTreeSet<u32>,
    warnings: Warnings,
}

impl TmxWriter {
    fn text(&mut self, s: &str) {
        // Runs of ordinary characters are copied whole; only the few that need escaping stop the
        // copy. They are all ASCII or U+FFFE/U+FFFF, so a byte that is not one of these ASCII
        // characters nor 0xEF (the lead byte of U+FFFE/U+FFFF) starts nothing to escape, and the
        // bytes can be scanned without decoding characters (every seg passes here).
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut k = 0;
        while k < bytes.len() {
            let b = bytes[k];
            if !(b < 0x20 || b == b'&' || b == b'<' || b == b'>' || b == 0xEF) {
                k += 1;
                continue;
            }
            // An ASCII byte or a lead byte: a character starts here.
            let c = s[k..].chars().next().unwrap_or(' ');
            let escaped = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => "&#13;",
                c if is_xml_forbidden(c) => "",
                _ => {
                    k += c.len_utf8();
                    continue;
                }
            };
            self.out.push_str(&s[run..k]);
            run = k + c.len_utf8();
            if escaped.is_empty() {
                self.forbid(c);
            } else {
                self.out.push_str(escaped);
            }
            k = run;
        }
        self.out.push_str(&s[run..]);
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        for c in value.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' => self.out.push_str("&quot;"),
                '\t' => self.out.push_str("&#9;"),
                '\n' => self.out.push_str("&#10;"),
                '\r' => self.out.push_str("&#13;"),
                c if is_xml_forbidden(c) => self.forbid(c),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn forbid(&mut self, c: char) {
        self.out.push(REPLACEMENT);
        self.forbidden += 1;
        self.forbidden_chars.insert(c as u32);
    }

    fn lang_attr(&mut self, name: &str, code: &str) {
        let (fixed, bad) = bcp47(code);
        if fixed != code {
            self.warnings
                .add("lang-code", None, || format!("language code '{code}' written as BCP 47 '{fixed}'"));
        }
        if bad {
            self.warnings.add("lang-code-invalid", None, || {
                format!("language code '{fixed}' is not a BCP 47 tag (e.g. en, ru, es-ES); written as is")
            });
        }
        self.attr(name, &fixed);
    }

    fn props(&mut self, indent: &str, props: &[Prop]) {
        for p in props {
            self.out.push_str(indent);
            self.out.push_str("<prop");
            self.attr("type", &p.kind);
            if let Some(l) = &p.lang {
                self.lang_attr("xml:lang", l);
            }
            if let Some(e) = &p.o_encoding {
                self.attr("o-encoding", e);
            }
            self.out.push('>');
            self.text(&p.text);
            self.out.push_str("</prop>\n");
        }
    }

    fn notes(&mut self, indent: &str, notes: &[Note]) {
        for n in notes {
            self.out.push_str(indent);
            self.out.push_str("<note");
            if let Some(l) = &n.lang {
                self.lang_attr("xml:lang", l);
            }
            if let Some(e) = &n.o_encoding {
                self.attr("o-encoding", e);
            }
            self.out.push('>');
            self.text(&n.text);
            self.out.push_str("</note>\n");
        }
    }

    fn unit_attrs(&mut self, attrs: &UnitAttrs) {
        for (k, v) in attrs.pairs() {
            self.attr(k, v);
        }
    }

    fn header(&mut self, h: &Header) {
        self.out.push_str("  <header");
        self.attr("creationtool", &h.creationtool);
        self.attr("creationtoolversion", &h.creationtoolversion);
        let segtype = if SEGTYPES.contains(&h.segtype.as_str()) {
            h.segtype.as_str()
        } else {
            self.warnings.add("segtype", None, || {
                format!(
                    "header segtype '{}' is not one of block, paragraph, sentence, phrase; wrote 'sentence'",
                    h.segtype
                )
            });
            "sentence"
        };
        self.attr("segtype", segtype);
        self.attr("o-tmf", &h.o_tmf);
        self.lang_attr("adminlang", &h.adminlang);
        self.lang_attr("srclang", &h.srclang);
        self.attr("datatype", &h.datatype);
        for (k, v) in [
            ("o-encoding", &h.o_encoding),
            ("creationdate", &h.creationdate),
            ("creationid", &h.creationid),
            ("changedate", &h.changedate),
            ("changeid", &h.changeid),
        ] {
            if let Some(v) = v {
                self.attr(k, v);
            }
        }
        self.out.push_str(">\n");
        self.props("    ", &h.props);
        self.notes("    ", &h.notes);
        for u in &h.udes {
            if u.maps.is_empty() {
                self.warnings.add("empty-ude", None, || {
                    format!("<ude name=\"{}\"> has no <map>; left out (the DTD needs one)", u.name)
                });
                continue;
            }
            self.out.push_str("    <ude");
            self.attr("name", &u.name);
            if let Some(b) = &u.base {
                self.attr("base", b);
            }
            self.out.push_str(">\n");
            for m in &u.maps {
                self.out.push_str("      <map");
                self.attr("unicode", &m.unicode);
                for (k, v) in [("code", &m.code), ("ent", &m.ent), ("subst", &m.subst)] {
                    if let Some(v) = v {
                        self.attr(k, v);
                    }
                }
                self.out.push_str("/>\n");
            }
            self.out.push_str("    </ude>\n");
        }
        self.out.push_str("  </header>\n");
    }

    fn tu(&mut self, tu: &Tu) {
        if tu.tuv.is_empty() {
            self.warnings.add("empty-unit", None, || {
                format!(
                    "unit {} has no language variant; left out (TMX needs at least one <tuv>)",
                    tu.tuid.as_deref().unwrap_or("without tuid")
                )
            });
            return;
        }
        self.out.push_str("    <tu");
        if let Some(id) = &tu.tuid {
            self.attr("tuid", id);
        }
        if let Some(l) = &tu.srclang {
            self.lang_attr("srclang", l);
        }
        if let Some(d) = &tu.creationdate {
            self.attr("creationdate", d);
        }
        if let Some(s) = &tu.segtype {
            if SEGTYPES.contains(&s.as_str()) {
                self.attr("segtype", s);
            } else {
                self.warnings.add("segtype", None, || {
                    format!("unit segtype '{s}' is not one of block, paragraph, sentence, phrase; left out")
                });
            }
        }
        self.unit_attrs(&tu.attrs);
        self.out.push_str(">\n");
        self.props("      ", &tu.props);
        self.notes("      ", &tu.notes);
        for v in &tu.tuv {
            self.out.push_str("      <tuv");
            self.lang_attr("xml:lang", &v.lang);
            if let Some(d) = &v.creationdate {
                self.attr("creationdate", d);
            }
            self.unit_attrs(&v.attrs);
            self.out.push_str(">\n");
            self.props("        ", &v.props);
            self.notes("        ", &v.notes);
            self.out.push_str("        <seg>");
            self.text(&v.seg);
            self.out.push_str("</seg>\n      </tuv>\n");
        }
        self.out.push_str("    </tu>\n");
    }
}

/// Writes `doc` as TMX 1.4b. The same document always gives the same bytes.
pub fn write_tmx(doc: &TmxDocument) -> (String, Vec<Warning>) {
    // About 45 bytes of markup per prop, 70 per variant and 160 per unit besides their text (measured on
    // `aligned/`, 10 % over): the document is written into one allocation, never grown and copied.
    let variant = |v: &Tuv| v.seg.len() + v.props.iter().map(|p| p.text.len() + 45).sum::<usize>() + 70;
    let size: usize = doc.body.iter().map(|t| 160 + t.tuv.iter().map(variant).sum::<usize>()).sum();
    let mut w = TmxWriter {
        out: String::with_capacity(size + 1024),
        forbidden: 0,
        forbidden_chars: BTreeSet::new(),
        warnings: Warnings::new(),
    };
    w.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.out.push_str("<tmx version=\"1.4\">\n");
    w.header(&doc.header);
    w.out.push_str("  <body>\n");
    for tu in &doc.body {
        w.tu(tu);
    }
    w.out.push_str("  </body>\n</tmx>\n");
    if w.forbidden > 0 {
        let list: Vec<String> = w.forbidden_chars.iter().map(|c| format!("U+{c:04X}")).collect();
        let n = w.forbidden;
        w.warnings.add("forbidden-char", None, || {
            format!(
                "{n} character(s) that XML 1.0 forbids ({}) replaced by U+FFFD in the TMX; \
                 the JSON forms keep them",
                list.join(", ")
            )
        });
    }
    (w.out, w.warnings.into_vec())
}

// ---------------------------------------------------------------------------------------------
// Reader

/// Decodes the bytes of an XML file: a BOM wins, then UTF-16 without BOM (`<\0` / `\0<`), then
/// the encoding the XML declaration names, then the project's detection (UTF-8, legacy encodings).
pub fn decode_xml(bytes: &[u8], warnings: &mut Warnings) -> Result<String> {
    use crate::text::decode::{decode_bytes, encoding_for_label};
    let mut forced = None;
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        if bytes.starts_with(b"<\0") {
            forced = Some(encoding_rs::UTF_16LE);
        } else if bytes.starts_with(b"\0<") {
            forced = Some(encoding_rs::UTF_16BE);
        } else if let Some(label) = declared_encoding(bytes) {
            match encoding_for_label(&label) {
                Ok(enc) if enc == encoding_rs::UTF_8 || label.to_ascii_lowercase().starts_with("utf-16") => {}
                Ok(enc) => forced = Some(enc),
                Err(_) => warnings.add("xml-encoding", Some(1), || {
                    format!("the XML declaration names an unknown encoding '{label}'; detected it instead")
                }),
            }
        }
    }
    let decoded = decode_bytes(bytes, forced)?;
    if forced.is_none()
        && decoded.encoding != "UTF-8"
        && !decoded.encoding.starts_with("UTF-16")
        && declared_encoding(bytes).is_some_and(|l| l.eq_ignore_ascii_case("utf-8"))
    {
        warnings.add("xml-encoding", Some(1), || {
            format!("the file says it is UTF-8 but is not; decoded as {}", decoded.encoding)
        });
    }
    let mut text = decoded.text;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// The `encoding="…"` of an ASCII-compatible XML declaration, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].to_string())
}

/// Reads TMX from raw bytes (any encoding [`decode_xml`] recognises).
pub fn read_tmx(bytes: &[u8]) -> Result<(TmxDocument, Vec<Warning>)> {
    let mut warnings = Warnings::new();
    let text = decode_xml(bytes, &mut warnings)?;
    let (doc, more) = read_tmx_str(&text)?;
    warnings.extend(more);
    Ok((doc, warnings.into_vec()))
}

/// Reads TMX from decoded text.
pub fn read_tmx_str(text: &str) -> Result<(TmxDocument, Vec<Warning>)> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    let mut p = Parser {
        reader,
        text,
        line_byte: 0,
        line_no: 1,
        warnings: Warnings::new(),
        inline_tags: BTreeSet::new(),
        inline_count: 0,
        inline_line: None,
        open: Vec::new(),
    };
    let doc = p.document()?;
    if p.inline_count > 0 {
        let tags: Vec<String> = p.inline_tags.iter().map(|t| format!("<{t}>")).collect();
        let n = p.inline_count;
        let line = p.inline_line;
        p.warnings.add_n("inline-markup", n, line, || {
            format!(
                "inline markup ({}) flattened to its text content: tralign writes Level 1 TMX (plain text)",
                tags.join(", ")
            )
        });
    }
    Ok((doc, p.warnings.into_vec()))
}

const INLINE: [&str; 7] = ["bpt", "ept", "ph", "it", "hi", "ut", "sub"];

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    line_byte: usize,
    line_no: usize,
    warnings: Warnings,
    inline_tags: BTreeSet<String>,
    inline_count: usize,
    inline_line: Option<usize>,
    /// Open elements (name, line), for the message when the file ends inside one.
    open: Vec<(String, usize)>,
}

fn parse_error(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Parse, msg)
}

impl<'a> Parser<'a> {
    /// The 1-based line of byte offset `byte` (amortised: the parser only moves forward).
    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.line_byte {
            self.line_byte = 0;
            self.line_no = 1;
        }
        self.line_no += self.text.as_bytes()[self.line_byte..byte].iter().filter(|&&b| b == b'\n').count();
        self.line_byte = byte;
        self.line_no
    }

    /// The next event and the line it starts on.
    fn next(&mut self) -> Result<(Event<'a>, usize)> {
        let start = self.reader.buffer_position() as usize;
        match self.reader.read_event() {
            Ok(ev) => {
                // Skip the leading whitespace of text so the line is where something is.
                let skip = self.text[start.min(self.text.len())..]
                    .bytes()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                let line = self.line_at(start + skip);
                Ok((ev, line))
            }
            Err(e) => {
                let pos = self.reader.error_position() as usize;
                let line = self.line_at(pos);
                let what = match &e {
                    quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::MismatchedEndTag {
                        expected,
                        found,
                    }) => format!("</{found}> closes <{expected}>; a tag is missing or misspelt"),
                    _ => e.to_string(),
                };
                Err(parse_error(format!("not well-formed XML: {what}; fix the file or re-export it"))
                    .with_line(line))
            }
        }
    }

    fn document(&mut self) -> Result<TmxDocument> {
        loop {
            let (ev, line) = self.next()?;
            match ev {
                Event::Decl(_) | Event::DocType(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.xml10_content().trim().is_empty() => {}
                Event::Start(s) => {
                    let name = elem_name(&s);
                    if name != "tmx" {
                        return Err(parse_error(format!(
                            "not a TMX file: the root element is <{name}>, TMX files start with <tmx>"
                        ))
                        .with_line(line));
                    }
                    return self.tmx(&s, line);
                }
                Event::Eof => {
                    return Err(parse_error(
                        "not a TMX file: no XML element in it (for JSON, JSON Lines or TSV name the format with --from)",
                    ));
                }
                _ => {
                    return Err(parse_error(
                        "not a TMX file: it does not start with an XML element (for JSON, JSON Lines or TSV name the format with --from)",
                    )
                    .with_line(line));
                }
            }
        }
    }

    fn tmx(&mut self, start: &BytesStart, line: usize) -> Result<TmxDocument> {
        let mut version = None;
        for (k, v) in self.attrs(start, line)? {
            if k == "version" {
                version = Some(v);
            } else {
                self.unknown_attr("tmx", &k, line);
            }
        }
        match version.as_deref() {
            Some("1.4") => {}
            Some(v) => {
                let v = v.to_string();
                self.warnings.add("tmx-version", Some(line), || format!("a TMX {v} file; read as TMX 1.4"))
            }
            None => self
                .warnings
                .add("tmx-version", Some(line), || "<tmx> has no version; read as TMX 1.4".to_string()),
        }
        self.open.push(("tmx".into(), line));
        let mut header = None;
        let mut body = Vec::new();
        let mut saw_body = false;
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) => match elem_name(&s).as_str() {
                    "header" => header = Some(self.header(&s, l)?),
                    "body" => {
                        saw_body = true;
                        self.body(l, &mut body)?;
                    }
                    other => self.skip_unknown(other.to_string(), "tmx", l)?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "tmx", l),
            }
        }
        self.open.pop();
        let header = match header {
            Some(h) => h,
            None => {
                self.warnings.add("missing-header", Some(line), || {
                    "the file has no <header>; used tralign's defaults".to_string()
                });
                default_header()
            }
        };
        if !saw_body {
            self.warnings
                .add("missing-body", Some(line), || "the file has no <body>; read no units".to_string());
        }
        Ok(TmxDocument::new(header, body))
    }

    fn header(&mut self, start: &BytesStart, line: usize) -> Result<Header> {
        let mut h = Header::default();
        let mut seen = BTreeSet::new();
        for (k, v) in self.attrs(start, line)? {
            seen.insert(k.clone());
            match k.as_str() {
                "creationtool" => h.creationtool = v,
                "creationtoolversion" => h.creationtoolversion = v,
                "segtype" => h.segtype = v,
                "o-tmf" => h.o_tmf = v,
                "adminlang" => h.adminlang = v,
                "srclang" => h.srclang = v,
                "datatype" => h.datatype = v,
                "o-encoding" => h.o_encoding = Some(v),
                "creationdate" => h.creationdate = Some(v),
                "creationid" => h.creationid = Some(v),
                "changedate" => h.changedate = Some(v),
                "changeid" => h.changeid = Some(v),
                _ => self.unknown_attr("header", &k, line),
            }
        }
        let defaults = default_header();
        let mut missing = Vec::new();
        for (name, slot, default) in [
            ("creationtool", &mut h.creationtool, defaults.creationtool.as_str()),
            ("creationtoolversion", &mut h.creationtoolversion, defaults.creationtoolversion.as_str()),
            ("segtype", &mut h.segtype, defaults.segtype.as_str()),
            ("o-tmf", &mut h.o_tmf, defaults.o_tmf.as_str()),
            ("adminlang", &mut h.adminlang, defaults.adminlang.as_str()),
            ("srclang", &mut h.srclang, defaults.srclang.as_str()),
            ("datatype", &mut h.datatype, defaults.datatype.as_str()),
        ] {
            if !seen.contains(name) {
                *slot = default.to_string();
                missing.push(format!("{name}=\"{default}\""));
            }
        }
        if !missing.is_empty() {
            self.warnings.add("header-missing-attribute", Some(line), || {
                format!("the header lacks required attributes; used {}", missing.join(" "))
            });
        }
        if looks_like_encoding(&h.o_tmf) {
            let v = h.o_tmf.clone();
            self.warnings.add("o-tmf-encoding", Some(line), || {
                format!("header o-tmf=\"{v}\" names an encoding, not a TM format (as OmegaT writes it); kept as is")
            });
        }
        self.open.push(("header".into(), line));
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) => match elem_name(&s).as_str() {
                    "prop" => h.props.push(self.prop(&s, l)?),
                    "note" => h.notes.push(self.note(&s, l)?),
                    "ude" => h.udes.push(self.ude(&s, l)?),
                    other => self.skip_unknown(other.to_string(), "header", l)?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "header", l),
            }
        }
        self.open.pop();
        Ok(h)
    }

    fn ude(&mut self, start: &BytesStart, line: usize) -> Result<Ude> {
        let mut u = Ude::default();
        for (k, v) in self.attrs(start, line)? {
            match k.as_str() {
                "name" => u.name = v,
                "base" => u.base = Some(v),
                _ => self.unknown_attr("ude", &k, line),
            }
        }
        self.open.push(("ude".into(), line));
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) if elem_name(&s) == "map" => {
                    let mut m = UdeMap::default();
                    for (k, v) in self.attrs(&s, l)? {
                        match k.as_str() {
                            "unicode" => m.unicode = v,
                            "code" => m.code = Some(v),
                            "ent" => m.ent = Some(v),
                            "subst" => m.subst = Some(v),
                            _ => self.unknown_attr("map", &k, l),
                        }
                    }
                    self.open.push(("map".into(), l));
                    self.skip_to_end()?;
                    u.maps.push(m);
                }
                Event::Start(s) => self.skip_unknown(elem_name(&s), "ude", l)?,
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "ude", l),
            }
        }
        self.open.pop();
        Ok(u)
    }

    fn body(&mut self, line: usize, out: &mut Vec<Tu>) -> Result<()> {
        self.open.push(("body".into(), line));
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) if elem_name(&s) == "tu" => out.push(self.tu(&s, l)?),
                Event::Start(s) => self.skip_unknown(elem_name(&s), "body", l)?,
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "body", l),
            }
        }
        self.open.pop();
        Ok(())
    }

    fn tu(&mut self, start: &BytesStart, line: usize) -> Result<Tu> {
        let mut tu = Tu::default();
        for (k, v) in self.attrs(start, line)? {
            match k.as_str() {
                "tuid" => tu.tuid = Some(v),
                "srclang" => tu.srclang = Some(v),
                "creationdate" => tu.creationdate = Some(v),
                "segtype" => tu.segtype = Some(v),
                _ => {
                    if !tu.attrs.set(&k, v) {
                        self.unknown_attr("tu", &k, line);
                    }
                }
            }
        }
        self.open.push(("tu".into(), line));
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) => match elem_name(&s).as_str() {
                    "prop" => tu.props.push(self.prop(&s, l)?),
                    "note" => tu.notes.push(self.note(&s, l)?),
                    "tuv" => tu.tuv.push(self.tuv(&s, l)?),
                    other => self.skip_unknown(other.to_string(), "tu", l)?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "tu", l),
            }
        }
        self.open.pop();
        if tu.tuv.is_empty() {
            self.warnings.add("empty-unit", Some(line), || {
                "a <tu> without any <tuv>; kept as a unit with no text".to_string()
            });
        }
        Ok(tu)
    }

    fn tuv(&mut self, start: &BytesStart, line: usize) -> Result<Tuv> {
        let mut tuv = Tuv::default();
        let mut lang = None;
        let mut old_lang = None;
        for (k, v) in self.attrs(start, line)? {
            match k.as_str() {
                "xml:lang" => lang = Some(v),
                "lang" => old_lang = Some(v),
                "creationdate" => tuv.creationdate = Some(v),
                _ => {
                    if !tuv.attrs.set(&k, v) {
                        self.unknown_attr("tuv", &k, line);
                    }
                }
            }
        }
        tuv.lang = match (lang, old_lang) {
            (Some(l), _) => l,
            (None, Some(l)) => {
                self.warnings.add("lang-attribute", Some(line), || {
                    "<tuv lang=…> (TMX 1.1–1.2) read as xml:lang; TMX 1.4 files use xml:lang".to_string()
                });
                l
            }
            (None, None) => {
                return Err(parse_error(
                    "a <tuv> without xml:lang: every language variant must name its language (xml:lang=\"en\")",
                )
                .with_line(line));
            }
        };
        self.open.push(("tuv".into(), line));
        let mut segs = 0;
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) => match elem_name(&s).as_str() {
                    "prop" => tuv.props.push(self.prop(&s, l)?),
                    "note" => tuv.notes.push(self.note(&s, l)?),
                    "seg" => {
                        segs += 1;
                        if segs > 1 {
                            self.warnings.add("several-segs", Some(l), || {
                                "a <tuv> with more than one <seg>; their texts were joined".to_string()
                            });
                        }
                        self.open.push(("seg".into(), l));
                        let text = self.content("seg", true)?;
                        tuv.seg.push_str(&text);
                    }
                    other => self.skip_unknown(other.to_string(), "tuv", l)?,
                },
                Event::End(_) => break,
                Event::Eof => return Err(self.eof_error()),
                ev => self.other(ev, "tuv", l),
            }
        }
        self.open.pop();
        if segs == 0 {
            self.warnings.add("missing-seg", Some(line), || {
                "a <tuv> without <seg>; read as an empty segment".to_string()
            });
        }
        Ok(tuv)
    }

    fn prop(&mut self, start: &BytesStart, line: usize) -> Result<Prop> {
        let mut p = Prop::default();
        let mut has_type = false;
        for (k, v) in self.attrs(start, line)? {
            match k.as_str() {
                "type" => {
                    p.kind = v.into();
                    has_type = true;
                }
                "xml:lang" => p.lang = Some(v),
                "lang" => {
                    self.old_lang_on("prop", line);
                    p.lang = Some(v);
                }
                "o-encoding" => p.o_encoding = Some(v),
                _ => self.unknown_attr("prop", &k, line),
            }
        }
        if !has_type {
            self.warnings.add("prop-without-type", Some(line), || {
                "a <prop> without type; kept with an empty type".to_string()
            });
        }
        self.open.push(("prop".into(), line));
        p.text = self.content("prop", false)?;
        Ok(p)
    }

    fn note(&mut self, start: &BytesStart, line: usize) -> Result<Note> {
        let mut n = Note::default();
        for (k, v) in self.attrs(start, line)? {
            match k.as_str() {
                "xml:lang" => n.lang = Some(v),
                "lang" => {
                    self.old_lang_on("note", line);
                    n.lang = Some(v);
                }
                "o-encoding" => n.o_encoding = Some(v),
                _ => self.unknown_attr("note", &k, line),
            }
        }
        self.open.push(("note".into(), line));
        n.text = self.content("note", false)?;
        Ok(n)
    }

    /// The text inside the element just opened (already on `open`), up to its end tag. In a seg,
    /// inline elements give their text (and are counted); elsewhere a child element is a deviation.
    fn content(&mut self, elem: &str, in_seg: bool) -> Result<String> {
        let mut out = String::new();
        let mut depth = 0usize;
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(c) => out.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => {
                                if is_xml_forbidden(c) {
                                    self.warnings.add("forbidden-char-ref", Some(l), || {
                                        format!(
                                            "character reference &{}; names a character XML 1.0 forbids; kept in the text",
                                            &*r
                                        )
                                    });
                                }
                                out.push(c)
                            }
                            _ => {
                                return Err(
                                    parse_error(format!("bad character reference &{};", &*r)).with_line(l)
                                );
                            }
                        }
                    } else {
                        match &*r {
                            "lt" => out.push('<'),
                            "gt" => out.push('>'),
                            "amp" => out.push('&'),
                            "apos" => out.push('\''),
                            "quot" => out.push('"'),
                            other => {
                                let other = other.to_string();
                                self.warnings.add("unknown-entity", Some(l), || {
                                    format!("unknown entity &{other}; kept as written")
                                });
                                out.push('&');
                                out.push_str(&other);
                                out.push(';');
                            }
                        }
                    }
                }
                Event::Start(s) => {
                    let name = elem_name(&s);
                    if in_seg && INLINE.contains(&name.as_str()) {
                        self.inline_count += 1;
                        self.inline_line.get_or_insert(l);
                        self.inline_tags.insert(name.clone());
                    } else {
                        self.warnings.add("unexpected-element", Some(l), || {
                            format!("<{name}> inside <{elem}> is not TMX; kept its text")
                        });
                    }
                    self.open.push((name, l));
                    depth += 1;
                }
                Event::End(_) => {
                    self.open.pop();
                    if depth == 0 {
                        return Ok(out);
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(self.eof_error()),
                Event::Comment(_) | Event::PI(_) | Event::Empty(_) => {}
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(parse_error("an XML declaration or DOCTYPE inside the document").with_line(l));
                }
            }
        }
    }

    /// Skips an element the reader does not know, with a warning; its content is not read.
    fn skip_unknown(&mut self, name: String, parent: &str, line: usize) -> Result<()> {
        let n = name.clone();
        let parent = parent.to_string();
        self.warnings.add("unknown-element", Some(line), || {
            format!("<{n}> inside <{parent}> is not TMX 1.4; skipped with its content")
        });
        self.open.push((name, line));
        self.skip_to_end()
    }

    /// Reads up to the end tag of the element on top of `open`.
    fn skip_to_end(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            let (ev, l) = self.next()?;
            match ev {
                Event::Start(s) => {
                    self.open.push((elem_name(&s), l));
                    depth += 1;
                }
                Event::End(_) => {
                    self.open.pop();
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(self.eof_error()),
                _ => {}
            }
        }
    }

    /// Text, references or CDATA where only elements belong: whitespace is layout; anything else
    /// is reported.
    fn other(&mut self, ev: Event, parent: &str, line: usize) {
        let stray = match &ev {
            Event::Text(t) => !t.xml10_content().trim().is_empty(),
            Event::CData(_) | Event::GeneralRef(_) => true,
            _ => false,
        };
        if stray {
            let parent = parent.to_string();
            self.warnings.add("stray-text", Some(line), || {
                format!("text directly inside <{parent}>, outside any <seg>, <prop> or <note>; ignored")
            });
        }
    }

    fn eof_error(&mut self) -> Error {
        let (name, line) = self.open.last().cloned().unwrap_or_else(|| ("tmx".into(), 1));
        let end = self.text.len();
        let last = self.line_at(end);
        parse_error(format!(
            "the file ends inside <{name}> opened at line {line}: the XML is cut off or </{name}> is missing"
        ))
        .with_line(last)
    }

    fn attrs(&mut self, start: &BytesStart, line: usize) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for a in start.attributes() {
            let a = a.map_err(|e| parse_error(format!("bad attribute: {e}")).with_line(line))?;
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| parse_error(format!("bad value of attribute {key}: {e}")).with_line(line))?
                .into_owned();
            out.push((key, value));
        }
        Ok(out)
    }

    fn unknown_attr(&mut self, elem: &str, attr: &str, line: usize) {
        let (e, a) = (elem.to_string(), attr.to_string());
        self.warnings.add("unknown-attribute", Some(line), || {
            format!("attribute {a} on <{e}> is not TMX 1.4; dropped")
        });
    }

    fn old_lang_on(&mut self, elem: &str, line: usize) {
        let e = elem.to_string();
        self.warnings.add("lang-attribute", Some(line), || {
            format!("<{e} lang=…> (TMX 1.1–1.2) read as xml:lang; TMX 1.4 files use xml:lang")
        });
    }
}

fn elem_name(s: &BytesStart) -> String {
    s.name().as_ref().to_string()
}

fn looks_like_encoding(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    v.starts_with("utf")
        || v.starts_with("iso-8859")
        || v.starts_with("windows-")
        || v.starts_with("cp12")
        || v == "us-ascii"
        || v == "ascii"
}

/// The header tralign gives a TM that comes without one (TSV, Hugging Face records), and the
/// values it fills in for required attributes a TMX header lacks.
pub fn default_header() -> Header {
    Header {
        creationtool: "tralign".into(),
        creationtoolversion: env!("CARGO_PKG_VERSION").into(),
        segtype: "sentence".into(),
        o_tmf: "tralign".into(),
        adminlang: "en".into(),
        srclang: "*all*".into(),
        datatype: "plaintext".into(),
        ..Header::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte scan of `TmxWriter::text` writes what escaping character by character does.
        #[test]
        fn text_escapes_as_character_by_character(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\0', '\u{40}'),
                    proptest::sample::select(vec!['a', 'Я', '«', '€', '😀', '\u{fffe}', '\u{ffff}', '\u{fffd}', '\u{efff}']),
                ],
                0..200,
            ),
        ) {
            let s: String = parts.into_iter().collect();
            let mut w = TmxWriter {
                out: String::new(),
                forbidden: 0,
                forbidden_chars: BTreeSet::new(),
                warnings: Warnings::new(),
            };
            w.text(&s);
            let mut expected = String::new();
            let mut forbidden = 0;
            for c in s.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '\r' => expected.push_str("&#13;"),
                    c if is_xml_forbidden(c) => {
                        expected.push(REPLACEMENT);
                        forbidden += 1;
                    }
                    c => expected.push(c),
                }
            }
            proptest::prop_assert_eq!(&w.out, &expected);
            proptest::prop_assert_eq!(w.forbidden, forbidden);
        }
    }

    fn doc_with(seg: &str) -> TmxDocument {
        TmxDocument {
            format: "tmx-json".into(),
            format_version: "0.1".into(),
            tmx_version: "1.4".into(),
            header: default_header(),
            body: vec![Tu {
                tuid: Some("1".into()),
                tuv: vec![Tuv { lang: "en".into(), seg: seg.into(), ..Tuv::default() }],
                ..Tu::default()
            }],
        }
    }

    #[test]
    fn escapes_text_and_keeps_cr() {
        let (xml, w) = write_tmx(&doc_with("a < b & \"c\" > d\r\ne\tf"));
        assert!(w.is_empty(), "{w:?}");
        assert!(xml.contains("<seg>a &lt; b &amp; \"c\" &gt; d&#13;\ne\tf</seg>"), "{xml}");
        let (back, _) = read_tmx_str(&xml).unwrap();
        assert_eq!(back.body[0].tuv[0].seg, "a < b & \"c\" > d\r\ne\tf");
    }

    #[test]
    fn forbidden_chars_become_replacement_and_are_counted() {
        let (xml, w) = write_tmx(&doc_with("a\u{1}b\u{b}c\u{ffff}"));
        assert!(xml.contains("<seg>a\u{fffd}b\u{fffd}c\u{fffd}</seg>"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].kind, "forbidden-char");
        assert!(w[0].message.starts_with("3 character(s)"), "{}", w[0].message);
        assert!(w[0].message.contains("U+0001, U+000B, U+FFFF"), "{}", w[0].message);
    }

    #[test]
    fn bcp47_codes() {
        assert_eq!(bcp47("en_US"), ("en-US".into(), false));
        assert_eq!(bcp47(" es "), ("es".into(), false));
        assert_eq!(bcp47("*all*"), ("*all*".into(), false));
        assert!(bcp47("english language").1);
    }

    #[test]
    fn lenient_tmx11_with_inline_tags() {
        let xml = r#"<?xml version="1.0"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="UTF-8" segtype="sentence" creationtoolversion="1" datatype="plaintext"/>
<body><tu><tuv lang="EN-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> <ph>{0}</ph></seg></tuv>
<tuv lang="RU"><seg>Нажмите <hi>здесь</hi></seg></tuv></tu></body></tmx>"#;
        let (doc, w) = read_tmx_str(xml).unwrap();
        assert_eq!(doc.body[0].tuv[0].lang, "EN-US");
        assert_eq!(doc.body[0].tuv[0].seg, "Click <b>here</b> {0}");
        assert_eq!(doc.body[0].tuv[1].seg, "Нажмите здесь");
        let kinds: Vec<&str> = w.iter().map(|w| w.kind).collect();
        for k in
            ["tmx-version", "header-missing-attribute", "o-tmf-encoding", "lang-attribute", "inline-markup"]
        {
            assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
        }
        let lang = w.iter().find(|w| w.kind == "lang-attribute").unwrap();
        assert_eq!((lang.count, lang.line), (2, Some(3)));
        assert_eq!(doc.header.srclang, "*all*");
        assert_eq!(doc.header.adminlang, "en");
    }

    #[test]
    fn broken_xml_names_the_line() {
        let xml = "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu>\n</body></tmx>";
        let e = read_tmx_str(xml).unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("</tuv> closes <seg>"), "{e}");
        let e = read_tmx_str("<tmx version=\"1.4\">\n<header/>\n<body>\n<tu>").unwrap_err();
        assert!(e.message.contains("ends inside <tu> opened at line 4"), "{e}");
        let e = read_tmx_str("{\"format\": \"tmx-json\"}").unwrap_err();
        assert!(e.message.contains("not a TMX file"), "{e}");
        let e = read_tmx_str("<html><body/></html>").unwrap_err();
        assert!(e.message.contains("root element is <html>"), "{e}");
    }

    #[test]
    fn utf16_and_declared_legacy_encodings_decode() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"ru\" datatype=\"plaintext\"/><body><tu><tuv xml:lang=\"ru\"><seg>Привет</seg></tuv></tu></body></tmx>";
        let mut le = vec![0xFF, 0xFE];
        for u in xml.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (doc, _) = read_tmx(&le).unwrap();
        assert_eq!(doc.body[0].tuv[0].seg, "Привет");
        let no_bom: Vec<u8> = le[2..].to_vec();
        assert_eq!(read_tmx(&no_bom).unwrap().0.body[0].tuv[0].seg, "Привет");
        let cp = xml.replace("UTF-16", "windows-1251");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&cp);
        assert_eq!(read_tmx(&bytes).unwrap().0.body[0].tuv[0].seg, "Привет");
    }
}
