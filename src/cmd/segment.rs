//! `tralign segment`: one document → sentences, as lines or JSON Lines with offsets; and the stream
//! mode (`--jsonl`) that reads `{"id","text"}` records and answers `{"id","sentences"}` per line.

use std::io::{BufRead, Write};

use anyhow::{Result, anyhow};
use serde::Serialize;
use tralign::segment::segment_document;

use crate::cli::{SegmentArgs, SegmentFormat};

#[derive(Serialize)]
struct SentenceRecord<'a> {
    para: usize,
    sent: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(args: SegmentArgs) -> Result<i32> {
    if args.jsonl {
        return stream(&args);
    }
    let path = args.file.as_deref().unwrap_or("-");
    let doc = args.input.read(path)?;
    let lang = super::resolve_lang(args.lang.as_deref(), &doc);
    let segmenter = args.input.segmenter(&lang)?;
    let sentences = segment_document(&doc.text, args.input.paragraph_mode(), &segmenter);
    let mut out = Vec::with_capacity(doc.text.len() + sentences.len() * 64);
    let mut sent_in_para = 0;
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 && sentences[i - 1].para != s.para {
            sent_in_para = 0;
        }
        match args.format {
            SegmentFormat::Text => {
                // A sentence with an inner line break stays on one output line.
                out.extend(
                    s.text
                        .split(['\r', '\n'])
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_bytes(),
                );
            }
            SegmentFormat::Jsonl => {
                let rec = SentenceRecord {
                    para: s.para,
                    sent: sent_in_para,
                    start: s.start,
                    end: s.end,
                    text: &s.text,
                };
                serde_json::to_writer(&mut out, &rec)?;
            }
        }
        out.push(b'\n');
        sent_in_para += 1;
    }
    tralign::io::write_output(args.output.as_deref(), &out)?;
    Ok(0)
}

#[derive(serde::Deserialize)]
struct StreamIn {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct StreamOut<'a> {
    id: &'a serde_json::Value,
    sentences: Vec<&'a str>,
}

fn stream(args: &SegmentArgs) -> Result<i32> {
    let lang = args.lang.clone().ok_or_else(|| {
        anyhow!("stream mode (--jsonl) needs --lang: there is no file name to take it from")
    })?;
    let segmenter = args.input.segmenter(&lang)?;
    let mode = args.input.paragraph_mode();
    let stdin = std::io::stdin().lock();
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| tralign::Error::io_write(p, e))?,
        )),
        _ => Box::new(std::io::stdout().lock()),
    };
    for (n, line) in stdin.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: StreamIn = serde_json::from_str(&line)
            .map_err(|e| anyhow!("<stdin>:{}: not a {{\"id\", \"text\"}} JSON object: {e}", n + 1))?;
        let sentences = segment_document(&rec.text, mode, &segmenter);
        let reply = StreamOut { id: &rec.id, sentences: sentences.iter().map(|s| s.text.as_str()).collect() };
        serde_json::to_writer(&mut out, &reply)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(0)
}
