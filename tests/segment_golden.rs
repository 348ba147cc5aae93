//! Golden segmentation cases in `tests/segment/<lang>.txt` (`generic.txt` runs as German): each case
//! is the input, a line `---`, one expected sentence per line (inner line breaks become spaces) and a
//! line `===`. Lines starting with `#` outside a case are comments.

use std::path::Path;

use tralign::segment::{Segmenter, segment_document};
use tralign::text::ParagraphMode;

fn run_file(lang: &str, file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/segment").join(file);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let segmenter = Segmenter::new(lang);
    let mut failures = Vec::new();
    let mut cases = 0;
    for block in data.split("\n===") {
        let block = block.trim_start_matches('\n');
        let body: String = block.lines().skip_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
        let Some((input, expected)) = body.split_once("\n---\n") else { continue };
        cases += 1;
        let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        let got: Vec<String> = segment_document(input, ParagraphMode::Blank, &segmenter)
            .into_iter()
            .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if got != expected {
            failures.push(format!("input:    {input:?}\nexpected: {expected:#?}\ngot:      {got:#?}"));
        }
    }
    assert!(cases > 0, "{}: no cases found", path.display());
    assert!(
        failures.is_empty(),
        "{}: {} of {cases} cases differ:\n{}",
        file,
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn golden_en() {
    run_file("en", "en.txt");
}

#[test]
fn golden_ru() {
    run_file("ru", "ru.txt");
}

#[test]
fn golden_es() {
    run_file("es", "es.txt");
}

#[test]
fn golden_generic() {
    run_file("de", "generic.txt");
}
