//! `tralign convert`: every pair of forms, lossless TMX ↔ tmx-json, lenient reading of real-world
//! TMX (OmegaT 1.1, UTF-16, inline tags, the shared invalid sample) with warnings, and clear
//! errors with file and line for bad input, never a half-written output.

use std::path::{Path, PathBuf};

use crate::support::*;

const EN: &str = "pairs/harbour-news.en.txt";
const RU: &str = "pairs/harbour-news.ru.txt";
const ES: &str = "pairs/harbour-news.es.txt";

fn fixture(name: &str) -> PathBuf {
    Path::new(MANIFEST).join("tests/cli/fixtures").join(name)
}

fn shared(name: &str) -> String {
    let p = Path::new(SHARED_TMX).join(name);
    assert!(
        p.is_file(),
        "{} is missing: the tests need shared/bench-data/tmx beside the repository",
        p.display()
    );
    p.to_str().unwrap().to_string()
}

#[test]
fn tmx_to_tmx_json_and_back_is_lossless() {
    let d = tmp("conv_lossless");
    let tmx = d.join("a.tmx");
    let json_direct = d.join("direct.tmx.json");
    run_ok(&["align", EN, RU, ES, "-o", s(&tmx), "--keep-unaligned"]);
    run_ok(&["align", EN, RU, ES, "-o", s(&json_direct)]);
    let j = d.join("b.tmx.json");
    let out = run_ok(&["convert", s(&tmx), "-o", s(&j)]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // align → tmx → convert → tmx-json gives exactly what align writes as tmx-json.
    assert_eq!(read(&j), read(&json_direct));
    let tmx2 = d.join("c.tmx");
    run_ok(&["convert", s(&j), "-o", s(&tmx2)]);
    assert_eq!(read(&tmx2), read(&tmx));

    // A TMX from another tool, with every header attribute, tu/tuv attributes, props and notes.
    let sample = shared("sample-3lang.tmx");
    let sj = d.join("sample.tmx.json");
    run_ok(&["convert", &sample, "-o", s(&sj)]);
    let doc = json(&read(&sj));
    assert_eq!(doc["header"]["creationtool"], "rualign-sample");
    assert_eq!(doc["header"]["creationdate"], "20250101T120000Z");
    assert_eq!(doc["body"][1]["notes"][0]["text"], "Two English sentences merged into one TU.");
    assert_eq!(doc["body"][1]["tuv"][0]["props"][0]["type"], "x-offsets");
    assert_eq!(doc["body"][1]["tuv"][2]["lang"], "es-ES");
    assert_eq!(doc["body"][0]["tuv"][0]["seg"], "Prices rose by 5 % in 2024 & \"fell\" <later>.");
    let st = d.join("sample.tmx");
    run_ok(&["convert", s(&sj), "-o", s(&st)]);
    assert_valid_tmx(&st);
    let sj2 = d.join("sample2.tmx.json");
    run_ok(&["convert", s(&st), "-o", s(&sj2)]);
    assert_eq!(read(&sj2), read(&sj));
}

#[test]
fn the_shared_json_samples_convert_to_valid_tmx_and_agree() {
    let d = tmp("conv_samples");
    let from_json = d.join("from-json.tmx");
    let from_jsonl = d.join("from-jsonl.tmx");
    run_ok(&["convert", &shared("sample-3lang.tmx.json"), "-o", s(&from_json)]);
    run_ok(&["convert", &shared("sample-3lang.tmx.jsonl"), "-o", s(&from_jsonl)]);
    assert_valid_tmx(&from_json);
    assert_eq!(read(&from_json), read(&from_jsonl), "the .json and .jsonl samples hold the same data");
    let text = read(&from_json);
    assert!(text.contains("srclang=\"*all*\""));
    assert!(text.contains("<seg>Prices rose by 5 % in 2024 &amp; \"fell\" &lt;later&gt;.</seg>"));
    let back = d.join("back.tmx.json");
    run_ok(&["convert", s(&from_json), "-o", s(&back)]);
    assert_eq!(json(&read(&back)), json(&read(Path::new(&shared("sample-3lang.tmx.json")))));
}

/// A TSV with its score column as numbers (hf-jsonl writes 0.5 where the TMX prop says 0.5000).
fn norm_tsv(text: &str) -> Vec<(String, Option<f64>)> {
    text.lines()
        .skip(1)
        .map(|row| {
            let (cells, score) = row.rsplit_once('\t').unwrap();
            (cells.to_string(), score.parse().ok())
        })
        .collect()
}

#[test]
fn every_form_converts_to_every_other() {
    let d = tmp("conv_matrix");
    let base = d.join("base.tmx.json");
    run_ok(&["align", EN, RU, "-o", s(&base)]);
    let forms = [
        ("tmx", "x.tmx"),
        ("tmx-json", "x.tmx.json"),
        ("jsonl", "x.jsonl"),
        ("hf-jsonl", "x.hf.jsonl"),
        ("tsv", "x.tsv"),
    ];
    // The texts and scores of the aligned units, as a TSV sees them, must survive any path.
    let reference = d.join("ref.tsv");
    run_ok(&["convert", s(&base), "-o", s(&reference)]);
    for (from, fname) in forms {
        let src = d.join(format!("src-{fname}"));
        run_ok(&["convert", s(&base), "-o", s(&src), "--to", from]);
        for (to, tname) in forms {
            let dst = d.join(format!("{from}-to-{tname}"));
            run_ok(&["convert", s(&src), "-o", s(&dst)]);
            if to == "tmx" {
                assert_valid_tmx(&dst);
            }
            let tsv = d.join(format!("{from}-to-{to}.check.tsv"));
            run_ok(&["convert", s(&dst), "-o", s(&tsv)]);
            assert_eq!(norm_tsv(&read(&tsv)), norm_tsv(&read(&reference)), "{from} → {to}");
        }
    }
    // Lossless pairs among the full forms.
    let jl = d.join("full.jsonl");
    let j2 = d.join("full2.tmx.json");
    run_ok(&["convert", s(&base), "-o", s(&jl)]);
    run_ok(&["convert", s(&jl), "-o", s(&j2)]);
    assert_eq!(read(&j2), read(&base));
    // stdout with --to, stdin with --from.
    let out = run_ok(&["convert", s(&jl), "--to", "hf-jsonl"]).stdout;
    assert_eq!(String::from_utf8(out).unwrap(), read(&d.join("src-x.hf.jsonl")));
    let mut child = tralign()
        .args(["convert", "-", "--from", "jsonl", "--to", "tmx-json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), read(&jl).as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), read(&base));
    let err = run_err(&["convert", s(&jl)]);
    assert!(err.contains("--to"), "{err}");
}

#[test]
fn omegat_tmx11_is_read_with_one_warning_per_deviation() {
    let d = tmp("conv_omegat");
    let out_path = d.join("o.tmx");
    let src = fixture("omegat-1.1.tmx");
    let out = run_ok(&["convert", s(&src), "-o", s(&out_path)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for want in [
        "line 3: a TMX 1.1 file; read as TMX 1.4",
        "the header lacks required attributes; used adminlang=\"en\" srclang=\"*all*\"",
        "o-tmf=\"UTF-8\" names an encoding",
        "line 9: <tuv lang=…> (TMX 1.1–1.2) read as xml:lang; TMX 1.4 files use xml:lang (4 times)",
        "line 19: inline markup (<bpt>, <ept>, <ph>) flattened to its text content",
    ] {
        assert!(stderr.contains(want), "missing warning {want:?} in:\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), 5, "one line per kind of deviation:\n{stderr}");
    assert_valid_tmx(&out_path);
    let j = d.join("o.tmx.json");
    run_ok(&["convert", s(&out_path), "-o", s(&j)]);
    let doc = json(&read(&j));
    assert_eq!(doc["header"]["creationtool"], "OmegaT");
    assert_eq!(doc["header"]["props"][0]["text"], "pump-manual");
    assert_eq!(doc["body"][0]["tuv"][0]["lang"], "EN-US");
    assert_eq!(doc["body"][0]["tuv"][0]["changeid"], "anna");
    assert_eq!(doc["body"][0]["tuv"][0]["seg"], "The pump starts & stops.");
    assert_eq!(doc["body"][1]["tuid"], "7");
    assert_eq!(doc["body"][1]["notes"][0]["text"], "From the 2023 edition.");
    assert_eq!(doc["body"][1]["tuv"][0]["seg"], "Press <b>Start</b> {0}.");
    assert_eq!(doc["body"][1]["tuv"][1]["seg"], "Нажмите <b>Пуск</b> {0}.");

    // The same file in UTF-16 (with and without BOM) reads the same.
    let text = read(&src).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    for (name, bom) in [("le.tmx", true), ("nobom.tmx", false)] {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        let j16 = d.join(format!("{name}.tmx.json"));
        run_ok(&["convert", s(&p), "-o", s(&j16)]);
        assert_eq!(json(&read(&j16))["body"], json(&read(&j))["body"], "{name}");
    }
}

#[test]
fn the_shared_invalid_sample_is_repaired_with_warnings() {
    let d = tmp("conv_invalid_sample");
    let out_path = d.join("fixed.tmx");
    let out = run_ok(&["convert", &shared("invalid-sample.tmx"), "-o", s(&out_path)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("srclang=\"*all*\""), "{stderr}");
    assert!(stderr.contains("read as xml:lang"), "{stderr}");
    assert!(stderr.contains("segtype 'sentences' is not one of"), "{stderr}");
    assert_valid_tmx(&out_path);
}

#[test]
fn bad_input_is_a_clear_error_and_writes_nothing() {
    let d = tmp("conv_bad");
    let out = d.join("out.tmx.json");
    std::fs::write(&out, "old").unwrap();
    let broken = d.join("broken.tmx");
    std::fs::write(
        &broken,
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu>\n</body></tmx>\n",
    )
    .unwrap();
    let err = run_err(&["convert", s(&broken), "-o", s(&out)]);
    assert!(
        err.contains(&format!("{}:5: not well-formed XML: </tuv> closes <seg>", broken.display())),
        "{err}"
    );
    let cut = d.join("cut.tmx");
    std::fs::write(&cut, "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu>\n").unwrap();
    let err = run_err(&["convert", s(&cut), "-o", s(&out)]);
    assert!(err.contains("ends inside <tu> opened at line 4"), "{err}");
    let no_lang = d.join("nolang.tmx");
    std::fs::write(
        &no_lang,
        "<tmx version=\"1.4\"><header/><body>\n<tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    let err = run_err(&["convert", s(&no_lang), "-o", s(&out)]);
    assert!(err.contains(&format!("{}:3: a <tuv> without xml:lang", no_lang.display())), "{err}");
    let html = d.join("page.tmx");
    std::fs::write(&html, "<!DOCTYPE html>\n<html><body>hi</body></html>").unwrap();
    let err = run_err(&["convert", s(&html), "-o", s(&out)]);
    assert!(err.contains("not a TMX file: the root element is <html>"), "{err}");

    let other_json = d.join("other.json");
    std::fs::write(&other_json, "{\n  \"format\": \"tmx-json\",\n  \"header\": {},\n  \"body\": []\n}\n")
        .unwrap();
    let err = run_err(&["convert", s(&other_json), "-o", s(&d.join("x.tmx"))]);
    assert!(
        err.contains(&format!("{}:3: not tmx-json: missing field `creationtool`", other_json.display())),
        "{err}"
    );
    let bad_jsonl = d.join("bad.jsonl");
    std::fs::write(&bad_jsonl, "{\"type\":\"tu\",\"tuv\":[]}\n").unwrap();
    let err = run_err(&["convert", s(&bad_jsonl), "-o", s(&d.join("x.tmx"))]);
    assert!(err.contains(&format!("{}:1: not tmx JSON Lines", bad_jsonl.display())), "{err}");
    let tmx_as_json = d.join("tm.json");
    std::fs::copy(fixture("omegat-1.1.tmx"), &tmx_as_json).unwrap();
    let err = run_err(&["convert", s(&tmx_as_json), "-o", s(&d.join("x.tmx"))]);
    assert!(err.contains(":1: not tmx-json"), "{err}");

    // Nothing was written or replaced, and no temporary file is left behind.
    assert_eq!(read(&out), "old");
    assert!(!d.join("x.tmx").exists());
    assert!(
        std::fs::read_dir(&d).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains(".tmp-"))
    );
}
