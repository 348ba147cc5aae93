//! `tralign align --format …` and `--pairs`: every TMX validates against the DTD, translate-toolkit
//! reads the pair files, the other forms carry the same units, and output is deterministic.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

const EN: &str = "pairs/press-conference.en.txt";
const RU: &str = "pairs/press-conference.ru.txt";
const ES: &str = "pairs/press-conference.es.txt";

/// The units of a tmx-json file as `lang → seg` maps, in order.
fn units(doc: &Value) -> Vec<Vec<(String, String)>> {
    doc["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tu| {
            tu["tuv"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| (v["lang"].as_str().unwrap().to_string(), v["seg"].as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

fn seg<'a>(unit: &'a [(String, String)], lang: &str) -> Option<&'a str> {
    unit.iter().find(|(l, s)| l == lang && !s.trim().is_empty()).map(|(_, s)| s.as_str())
}

#[test]
fn three_language_tmx_and_pairs_validate_against_the_dtd() {
    let d = tmp("tm_three_valid");
    let out = d.join("tm.tmx");
    run_ok(&["align", EN, RU, ES, "-o", s(&out), "--pairs"]);
    let names = ["tm.tmx", "tm.en-ru.tmx", "tm.en-es.tmx", "tm.ru-es.tmx"];
    for n in names {
        assert_valid_tmx(&d.join(n));
    }
    let main = read(&out);
    assert!(main.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"));
    let header = main.lines().nth(2).unwrap();
    for attr in [
        "creationtool=\"tralign\"",
        "creationtoolversion=\"",
        "segtype=\"sentence\"",
        "o-tmf=\"tralign\"",
        "adminlang=\"en\"",
        "srclang=\"*all*\"",
        "datatype=\"plaintext\"",
        "creationdate=\"20240426T131000Z\"",
    ] {
        assert!(header.contains(attr), "{attr} missing in {header}");
    }
    assert!(!main.contains(" lang=\""), "deprecated lang= written");
    assert!(read(&d.join("tm.en-ru.tmx")).contains("srclang=\"en\""));
    assert!(read(&d.join("tm.ru-es.tmx")).contains("srclang=\"ru\""));
    // Nothing but the four files (no temporary leftovers).
    let mut listed: Vec<String> =
        std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    listed.sort();
    let mut want: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    want.sort();
    assert_eq!(listed, want);
}

#[test]
fn translate_toolkit_reads_the_pair_files() {
    let py = venv_python();
    let d = tmp("tm_translate_toolkit");
    let json_out = d.join("tm.tmx.json");
    run_ok(&["align", EN, RU, ES, "-o", s(&json_out)]);
    run_ok(&["align", EN, RU, ES, "-o", s(&d.join("tm.tmx")), "--pairs"]);
    let expected = units(&json(&read(&json_out)));
    for target in ["ru", "es"] {
        let file = d.join(format!("tm.en-{target}.tmx"));
        let script = Path::new(MANIFEST).join("tests/cli/tt_read.py");
        let out =
            std::process::Command::new(&py).arg(&script).arg(&file).args(["en", target]).output().unwrap();
        assert!(
            out.status.success(),
            "translate-toolkit failed on {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let seen = json(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(seen["sourcelanguage"], "en");
        let want: Vec<(&str, &str)> =
            expected.iter().filter_map(|u| Some((seg(u, "en")?, seg(u, target)?))).collect();
        let got = seen["units"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "units of en-{target}");
        assert!(want.len() > 10, "the press conference should give many en-{target} units");
        for (g, (en, tr)) in got.iter().zip(&want) {
            assert_eq!(g["source"], *en);
            assert_eq!(g["en"], *en);
            assert_eq!(g[target], *tr);
        }
    }
}

#[test]
fn output_is_deterministic_and_date_is_fixed() {
    let d = tmp("tm_deterministic");
    for f in ["tmx", "tmx-json", "jsonl", "hf-jsonl", "tsv"] {
        let a = run_ok(&["align", EN, RU, "--format", f]).stdout;
        let b = run_ok(&["align", EN, RU, "--format", f]).stdout;
        assert_eq!(a, b, "{f} differs between runs");
        assert!(!a.is_empty());
    }
    let dated = run_ok(&["align", EN, RU, "--format", "tmx", "--date", "20000229T000000Z"]).stdout;
    assert!(String::from_utf8(dated).unwrap().contains("creationdate=\"20000229T000000Z\""));
    // The format follows -o's extension when --format is not given.
    run_ok(&["align", EN, RU, "-o", s(&d.join("x.tmx"))]);
    assert!(read(&d.join("x.tmx")).starts_with("<?xml"));
    run_ok(&["align", EN, RU, "-o", s(&d.join("x.tsv"))]);
    assert!(read(&d.join("x.tsv")).starts_with("en\tru\tscore\n"));
}

#[test]
fn json_lines_hf_and_tsv_carry_the_same_units() {
    let d = tmp("tm_same_units");
    let j = d.join("tm.tmx.json");
    run_ok(&["align", EN, RU, ES, "-o", s(&j)]);
    let doc = json(&read(&j));
    let expected = units(&doc);

    // jsonl: header line, then one tu per line with the same content as tmx-json.
    let jl = d.join("tm.jsonl");
    run_ok(&["align", EN, RU, ES, "-o", s(&jl)]);
    let text = read(&jl);
    let lines: Vec<Value> = text.lines().map(json).collect();
    assert_eq!(lines[0]["type"], "header");
    assert_eq!(lines[0]["format"], "tmx-jsonl");
    assert_eq!(lines[0]["srclang"], "*all*");
    assert_eq!(lines[0]["props"], doc["header"]["props"]);
    assert_eq!(lines.len() - 1, expected.len());
    for (rec, tu) in lines[1..].iter().zip(doc["body"].as_array().unwrap()) {
        assert_eq!(rec["type"], "tu");
        let mut rec = rec.clone();
        rec.as_object_mut().unwrap().remove("type");
        assert_eq!(&rec, tu);
    }

    // hf-jsonl: every language key in file order, null where a unit has none, score a number.
    let hf = d.join("tm.hf.jsonl");
    run_ok(&["align", EN, RU, ES, "-o", s(&hf)]);
    let recs: Vec<Value> = read(&hf).lines().map(json).collect();
    assert_eq!(recs.len(), expected.len());
    for ((rec, unit), tu) in recs.iter().zip(&expected).zip(doc["body"].as_array().unwrap()) {
        let keys: Vec<&String> = rec["translation"].as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3);
        for lang in ["en", "ru", "es"] {
            match seg(unit, lang) {
                Some(t) => assert_eq!(rec["translation"][lang], t),
                None => assert!(rec["translation"][lang].is_null() || rec["translation"][lang] == ""),
            }
        }
        let score: f64 = tu["props"][1]["text"].as_str().unwrap().parse().unwrap();
        assert_eq!(rec["score"].as_f64().unwrap(), score);
        assert_eq!(rec["id"], tu["tuid"]);
    }
    let first = read(&hf).lines().next().unwrap().to_string();
    assert!(first.find("\"en\"").unwrap() < first.find("\"ru\"").unwrap(), "keys not in file order: {first}");

    // tsv: header row, one row per unit with at least two languages, no raw tab or newline in cells.
    let tsv = d.join("tm.tsv");
    run_ok(&["align", EN, RU, ES, "-o", s(&tsv)]);
    let text = read(&tsv);
    let mut rows = text.lines();
    assert_eq!(rows.next(), Some("en\tru\tes\tscore"));
    let aligned: Vec<&Vec<(String, String)>> = expected
        .iter()
        .filter(|u| ["en", "ru", "es"].iter().filter(|l| seg(u, l).is_some()).count() >= 2)
        .collect();
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), aligned.len());
    for (row, unit) in rows.iter().zip(&aligned) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells.len(), 4, "{row}");
        assert_eq!(cells[0], seg(unit, "en").unwrap_or("").replace('\\', "\\\\"));
    }
}

#[test]
fn pairs_leave_out_one_sided_units_unless_kept() {
    let d = tmp("tm_pairs_unaligned");
    let j = d.join("tm.tmx.json");
    run_ok(&["align", EN, RU, ES, "-o", s(&j), "--pairs"]);
    let all = units(&json(&read(&j)));
    let both = |a: &str, b: &str| all.iter().filter(|u| seg(u, a).is_some() && seg(u, b).is_some()).count();
    let any = |a: &str, b: &str| all.iter().filter(|u| seg(u, a).is_some() || seg(u, b).is_some()).count();
    for (a, b) in [("en", "ru"), ("en", "es"), ("ru", "es")] {
        let pair = json(&read(&d.join(format!("tm.{a}-{b}.tmx.json"))));
        assert_eq!(pair["header"]["srclang"], a);
        assert_eq!(pair["header"]["props"][0]["text"], format!("{a},{b}"));
        let got = units(&pair);
        assert_eq!(got.len(), both(a, b), "{a}-{b}");
        assert!(got.iter().all(|u| u.len() == 2 && u[0].0 == a && u[1].0 == b));
    }
    run_ok(&["align", EN, RU, ES, "-o", s(&j), "--pairs", "--keep-unaligned"]);
    for (a, b) in [("en", "ru"), ("en", "es"), ("ru", "es")] {
        let pair = json(&read(&d.join(format!("tm.{a}-{b}.tmx.json"))));
        assert_eq!(units(&pair).len(), any(a, b), "{a}-{b} with --keep-unaligned");
    }
    // --pairs needs a file to name the pairs after.
    let err = run_err(&["align", EN, RU, ES, "--pairs", "--format", "tmx", "-o", "-"]);
    assert!(err.contains("--pairs writes several files"), "{err}");
}

#[test]
fn tricky_characters_survive_align_tmx_convert() {
    let d = tmp("tm_tricky");
    let en = d.join("t.en.txt");
    let ru = d.join("t.ru.txt");
    std::fs::write(&en, "Fish & \"chips\" <cost> 5 €\u{a0}now 😀.\n\nShe said \u{5e9}\u{5dc}\u{5d5}\u{5dd} and \u{645}\u{631}\u{62d}\u{628}\u{627}\u{b} twice.\n").unwrap();
    std::fs::write(&ru, "Рыба & «чипсы» <цена> 5 €\u{a0}сейчас 😀.\n\nОна сказала \u{5e9}\u{5dc}\u{5d5}\u{5dd} и \u{645}\u{631}\u{62d}\u{628}\u{627}\u{b} дважды.\n").unwrap();
    let tmx = d.join("t.tmx");
    let out = tralign().args(["align", s(&en), s(&ru), "-o", s(&tmx), "--keep-unaligned"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("character(s) that XML 1.0 forbids (U+000B) replaced by U+FFFD"), "{stderr}");
    assert_valid_tmx(&tmx);
    let direct = d.join("direct.tmx.json");
    run_ok(&["align", s(&en), s(&ru), "-o", s(&direct)]);
    let back = d.join("back.tmx.json");
    let conv = run_ok(&["convert", s(&tmx), "-o", s(&back)]);
    assert!(conv.stderr.is_empty(), "{}", String::from_utf8_lossy(&conv.stderr));
    assert_eq!(read(&back), read(&direct).replace('\u{b}', "\u{fffd}").replace("\\u000b", "\u{fffd}"));
    assert!(read(&back).contains("Fish & \\\"chips\\\" <cost> 5 €\u{a0}now 😀."));
}
