//! Bytes → text. UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are recognised exactly;
//! other bytes that are not valid UTF-8 are given to chardetng, which picks among the legacy
//! encodings these languages are still found in (Windows-1251, KOI8-R, IBM866, Windows-1252/Latin-1 …).
//! The user can name the encoding (`--encoding`). Binary data (NUL bytes, many control characters)
//! and bytes that do not decode are errors that name the file and say what to do; never a panic.

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;

use super::Document;
use crate::error::{Error, ErrorKind, Result};

/// The outcome of decoding: the text and the WHATWG name of the encoding that produced it.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Looks up an encoding by any of its WHATWG labels (`cp1251`, `koi8-r`, `utf-16le`, `latin1`, `866` …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        Error::new(
            ErrorKind::Usage,
            format!(
                "unknown encoding '{label}'; use a WHATWG label such as utf-8, utf-16le, windows-1251, koi8-r, ibm866, windows-1252"
            ),
        )
    })
}

/// Decodes `bytes`, by `forced` when given, else by BOM, UTF-8 validity and detection.
pub fn decode_bytes(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded> {
    if let Some(enc) = forced {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(Error::new(
                ErrorKind::Decode,
                format!("the bytes are not valid {}; check the file or name another --encoding", enc.name()),
            ));
        }
        return finish(text.into_owned(), enc.name());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::new(
                ErrorKind::Decode,
                format!(
                    "the file starts with a {} byte-order mark but its bytes do not decode; \
                     re-save it as UTF-8 or name the right --encoding",
                    enc.name()
                ),
            ));
        }
        return finish(text.into_owned(), enc.name());
    }
    if bytes.contains(&0) {
        return Err(binary_error());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), "UTF-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    // chardetng reports KOI8-U for KOI8 text; KOI8-R is what Russian files use.
    if enc == encoding_rs::KOI8_U {
        enc = encoding_rs::KOI8_R;
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::new(
            ErrorKind::Decode,
            "the bytes are neither UTF-8 nor a recognisable legacy encoding; \
             convert the file to UTF-8 or name its --encoding",
        ));
    }
    finish(text.into_owned(), enc.name())
}

fn binary_error() -> Error {
    Error::new(
        ErrorKind::Decode,
        "this looks like a binary file, not text (it holds NUL or control bytes); \
         give tralign plain-text files (export .docx/.pdf to .txt first), or name the --encoding \
         if it is UTF-16 without a byte-order mark",
    )
}

/// How many of the first 65,536 characters of `text` are control characters other than tab, line
/// feed, carriage return, form feed and next line, and how many characters that is. Counted on the
/// UTF-8 bytes (every document of a batch passes here twice, and decoding characters cost more
/// than the rest of reading): C0 controls are one byte below 0x20 or 0x7F, C1 controls (U+0080 to
/// U+009F) are 0xC2 then 0x80–0x9F, and a character starts at every byte but continuation bytes.
fn controls_among_first_chars(text: &str) -> (usize, usize) {
    const COUNTED: usize = 1 << 16;
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    // The bytes of the first COUNTED characters (all of them when there are no more bytes).
    let end = if bytes.len() <= COUNTED {
        bytes.len()
    } else {
        text.char_indices().nth(COUNTED).map_or(bytes.len(), |(i, _)| i)
    };
    let b = &bytes[..end];
    let is_control = |i: usize| match b[i] {
        b'\t' | b'\n' | b'\r' | 0x0c => false,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n) && n != 0x85),
        _ => false,
    };
    let (mut controls, mut continuations) = (0usize, 0usize);
    // Eight bytes at a time; a chunk with a byte below 0x20, or perhaps 0x7F or 0xC2, byte by byte.
    let chunks = b.chunks_exact(8);
    let rest = chunks.remainder().len();
    for (k, chunk) in chunks.enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        continuations += (x & !(x << 1) & HI).count_ones() as usize;
        // Exact for bytes below 0x80 (no carry crosses a byte); then a has-zero test, which may
        // flag a byte it should not (only sending the chunk to the exact test).
        let below_space = !(((x & !HI) + 0x6060_6060_6060_6060) | x) & HI;
        let has = |v: u64| (v.wrapping_sub(LO) & !v & HI) != 0;
        if below_space != 0 || has(x ^ (0x7f * LO)) || has(x ^ (0xc2 * LO)) {
            controls += (8 * k..8 * k + 8).filter(|&i| is_control(i)).count();
        }
    }
    let tail = b.len() - rest;
    continuations += b[tail..].iter().filter(|&&x| x & 0xC0 == 0x80).count();
    controls += (tail..b.len()).filter(|&i| is_control(i)).count();
    (controls, b.len() - continuations)
}

/// Rejects text that is mostly control characters (a binary file that happened to decode).
fn finish(text: String, encoding: &'static str) -> Result<Decoded> {
    let (controls, total) = controls_among_first_chars(&text);
    if controls > 0 && controls * 50 > total {
        return Err(binary_error());
    }
    Ok(Decoded { text, encoding })
}

/// Reads and decodes a file, or standard input for `-`; errors carry the path.
pub fn read_document(path: &str, forced: Option<&'static Encoding>) -> Result<Document> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
        buf
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(Error::new(ErrorKind::Io, "is a folder, not a text file").with_path(p));
        }
        std::fs::read(p).map_err(|e| Error::io(p, e))?
    };
    let decoded = decode_bytes(&bytes, forced).map_err(|e| e.with_path(path))?;
    Ok(Document { name: path.to_string(), text: decoded.text, encoding: decoded.encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode_bytes("Привет".as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Привет", "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Hola".as_bytes());
        assert_eq!(decode_bytes(&b, None).unwrap().text, "Hola");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Да, sí".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_bytes(&le, None).unwrap().text, "Да, sí");
        assert_eq!(decode_bytes(&be, None).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn legacy_cyrillic_is_detected() {
        let text = "Министр иностранных дел России провёл переговоры с коллегой из Боливии. \
                    Стороны обсудили сотрудничество в области энергетики и образования.";
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R, encoding_rs::IBM866] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode_bytes(&bytes, None).unwrap();
            assert_eq!(d.text, text, "{}", enc.name());
            assert_eq!(d.encoding, enc.name());
        }
    }

    #[test]
    fn latin1_spanish_is_detected() {
        let text = "La cooperación entre ambos países avanza. ¿Qué opina el señor ministro?";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode_bytes(&bytes, None).unwrap().text, text);
    }

    proptest::proptest! {
        /// The byte scan counts what counting characters would.
        #[test]
        fn control_characters_counted_on_bytes_as_on_characters(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\0', '\u{20}'),
                    proptest::char::range('\u{7e}', '\u{a0}'),
                    proptest::sample::select(vec!['a', 'Я', '«', '€', '😀', '\u{85}']),
                ],
                0..400,
            ),
            filler in 0usize..400,
        ) {
            // Filler puts some texts past the 65,536 characters counted.
            let text: String = parts
                .iter()
                .flat_map(|&c| std::iter::once(c).chain(std::iter::repeat_n('ж', filler)))
                .collect();
            let (mut controls, mut total) = (0usize, 0usize);
            for c in text.chars().take(1 << 16) {
                total += 1;
                let allowed = matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\u{85}');
                controls += usize::from(c.is_control() && !allowed);
            }
            proptest::prop_assert_eq!(controls_among_first_chars(&text), (controls, total));
        }
    }

    #[test]
    fn binary_and_bad_forced_encoding_are_errors() {
        let e = decode_bytes(b"PK\x03\x04\x00\x00binary", None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        let e = decode_bytes(&[0xC0, 0xC1, 0x41], Some(encoding_rs::UTF_8)).unwrap_err();
        assert!(e.to_string().contains("--encoding"));
    }
}
