//! Property tests: any segment text (markup characters, quotes, emoji, NBSP, RTL, controls) comes
//! back from every form exactly — except in TMX, where the characters XML 1.0 forbids come back as
//! U+FFFD, as documented, and are counted in a warning.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use tralign::tm::tmx::is_xml_forbidden;
use tralign::tm::{self, Format, Prop, TmxDocument, Tu, Tuv};

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '<', '>', '&', '"', '\'', ';', '#', '\\', ']', '\t', '\n', '\r', ' ', '\u{a0}', '😀', '€',
            '\u{5d0}', '\u{627}', '\u{200f}', '\u{200e}', '\u{1}', '\u{b}', '\u{c}', '\u{1f}', '\u{7f}',
            '\u{85}', '\u{2028}', '\u{fffe}', '\u{ffff}', '\u{feff}', 'ё', 'ñ',
        ]),
        3 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

fn seg() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 1..24).prop_map(|v| v.into_iter().collect())
}

fn document() -> impl Strategy<Value = TmxDocument> {
    prop::collection::vec((seg(), seg(), seg(), 0.0f64..1.0), 1..5).prop_map(|units| {
        let mut header = tm::tmx::default_header();
        header.props.push(Prop::new("x-align-lang-order", "en,ar"));
        header.notes.push(tm::Note { text: "note <&> \"q\"".into(), lang: None, o_encoding: None });
        header.srclang = "en".into();
        let body = units
            .into_iter()
            .enumerate()
            .map(|(i, (a, b, p, score))| Tu {
                tuid: Some(format!("u{i}")),
                props: vec![Prop::new("x-align-score", format!("{score:.4}")), Prop::new("x-note", p)],
                tuv: vec![
                    Tuv { lang: "en".into(), seg: a, ..Tuv::default() },
                    Tuv { lang: "ar".into(), seg: b, ..Tuv::default() },
                ],
                ..Tu::default()
            })
            .collect();
        TmxDocument::new(header, body)
    })
}

fn sanitised(s: &str) -> String {
    s.chars().map(|c| if is_xml_forbidden(c) { '\u{fffd}' } else { c }).collect()
}

fn segs(doc: &TmxDocument) -> Vec<Vec<(String, String)>> {
    doc.body.iter().map(|t| t.tuv.iter().map(|v| (v.lang.clone(), v.seg.clone())).collect()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_forms_round_trip_exactly(doc in document()) {
        for f in [Format::TmxJson, Format::Jsonl] {
            let (text, w) = tm::write_tm(&doc, f);
            prop_assert!(w.is_empty());
            let (back, w) = tm::read_tm(text.as_bytes(), f).unwrap();
            prop_assert!(w.is_empty());
            prop_assert_eq!(&back, &doc);
        }
        for f in [Format::HfJsonl, Format::Tsv] {
            let (text, _) = tm::write_tm(&doc, f);
            let (back, _) = tm::read_tm(text.as_bytes(), f).unwrap();
            prop_assert_eq!(segs(&back), segs(&doc), "{}", f);
            for (b, d) in back.body.iter().zip(&doc.body) {
                let (x, y): (f64, f64) = (b.prop("x-align-score").unwrap().parse().unwrap(), d.prop("x-align-score").unwrap().parse().unwrap());
                prop_assert_eq!(x, y);
            }
        }
    }

    #[test]
    fn tmx_round_trips_with_forbidden_chars_replaced(doc in document()) {
        let (xml, warnings) = tm::write_tm(&doc, Format::Tmx);
        prop_assert!(!xml.chars().any(is_xml_forbidden));
        let forbidden: usize = doc.body.iter()
            .flat_map(|t| t.tuv.iter().map(|v| v.seg.as_str()).chain(t.props.iter().map(|p| p.text.as_str())))
            .map(|s| s.chars().filter(|c| is_xml_forbidden(*c)).count())
            .sum();
        let counted = warnings.iter().find(|w| w.kind == "forbidden-char").map(|w| w.message.clone());
        if forbidden == 0 {
            prop_assert!(counted.is_none());
        } else {
            let want = format!("{forbidden} character(s)");
            prop_assert!(counted.unwrap().starts_with(&want));
        }
        let (back, w) = tm::read_tm(xml.as_bytes(), Format::Tmx).unwrap();
        prop_assert!(w.is_empty(), "{:?}", w);
        let mut want = doc.clone();
        for t in &mut want.body {
            for v in &mut t.tuv { v.seg = sanitised(&v.seg); }
            for p in &mut t.props { p.text = sanitised(&p.text); }
        }
        prop_assert_eq!(&back, &want);
        // Writing what was read gives the same bytes.
        prop_assert_eq!(tm::write_tm(&back, Format::Tmx).0, xml);
    }
}

#[test]
fn a_tmx_full_of_tricky_text_validates() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let d = crate::support::tmp("props_tricky_valid");
    for i in 0..5 {
        let doc = document().new_tree(&mut runner).unwrap().current();
        let (xml, _) = tm::write_tm(&doc, Format::Tmx);
        let p = d.join(format!("t{i}.tmx"));
        std::fs::write(&p, xml).unwrap();
        crate::support::assert_valid_tmx(&p);
    }
}
