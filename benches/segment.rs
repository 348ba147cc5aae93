//! Segmentation speed per language: `cargo bench --bench segment`. The text is the seg-dev
//! benchmark's `ud` and `news` cases (../shared/bench-data/seg-dev), one paragraph each, repeated to
//! about 4 MB; without that folder the repository's own golden inputs are repeated instead.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tralign::segment::{Segmenter, segment_document};
use tralign::text::ParagraphMode;

const TARGET_BYTES: usize = 4 << 20;

fn corpus(lang: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paragraphs = Vec::new();
    for suite in ["ud", "news"] {
        let path = root.join(format!("../shared/bench-data/seg-dev/{lang}.{suite}.jsonl"));
        let Ok(data) = std::fs::read_to_string(&path) else { continue };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON case");
            paragraphs.push(v["text"].as_str().unwrap_or("").to_string());
        }
    }
    if paragraphs.is_empty() {
        let golden =
            std::fs::read_to_string(root.join(format!("tests/segment/{lang}.txt"))).expect("golden file");
        for block in golden.split("\n===") {
            if let Some((input, _)) = block.split_once("\n---\n") {
                paragraphs.push(input.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n"));
            }
        }
    }
    let one = paragraphs.join("\n\n");
    let mut text = String::with_capacity(TARGET_BYTES + one.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("segment_document");
    group.sample_size(20);
    for lang in ["en", "ru", "es"] {
        let text = corpus(lang);
        let segmenter = Segmenter::new(lang);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(lang, |b| {
            b.iter(|| segment_document(black_box(&text), ParagraphMode::Blank, &segmenter).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
