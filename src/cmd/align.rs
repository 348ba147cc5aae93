//! `tralign align`: two or three documents → one alignment, written as TMX-style JSON or a ladder.

use anyhow::{Context, Result, bail};
use tralign::align::{AlignConfig, AlignInput, Model, align_documents_with};
use tralign::segment::{Sentence, segment_document, sentences_from_lines};
use tralign::tm::{self, Prop, TmOptions};

use crate::cli::{AlignArgs, AlignFormat};

pub fn run(args: AlignArgs) -> Result<i32> {
    if let Some(langs) = &args.langs
        && langs.len() != args.files.len()
    {
        bail!(
            "--langs names {} languages for {} files; give one code per file, in order (e.g. --langs ru,en)",
            langs.len(),
            args.files.len()
        );
    }
    let mut langs = Vec::new();
    let mut docs = Vec::new();
    let mut sentences: Vec<Vec<Sentence>> = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        let doc = args.input.read(path)?;
        let lang = super::resolve_lang(args.langs.as_ref().map(|l| l[i].as_str()), &doc);
        let sents = if args.presegmented {
            sentences_from_lines(&doc.text)
        } else {
            segment_document(&doc.text, args.input.paragraph_mode(), &args.input.segmenter(&lang)?)
        };
        langs.push(lang);
        sentences.push(sents);
        docs.push(doc);
    }
    if args.format == AlignFormat::Ladder && langs.len() != 2 {
        bail!("--format ladder shows two languages; give two files, or use --format tmx-json");
    }
    let pivot = match &args.pivot {
        None => None,
        Some(p) => match langs.iter().position(|l| l == p) {
            Some(i) => Some(i),
            None => bail!("--pivot {p} is not one of the languages ({})", langs.join(", ")),
        },
    };
    for (i, s) in sentences.iter().enumerate() {
        if s.is_empty() && sentences.iter().any(|o| !o.is_empty()) {
            super::warn(format_args!(
                "warning: {} has no sentences; every sentence of the other documents becomes a unit of its own",
                docs[i].name
            ));
        }
    }
    let config = AlignConfig {
        max_bead: usize::from(args.max_bead),
        hard_anchors: args.hard_anchors,
        pivot,
        ..AlignConfig::default()
    };
    let mut model = Model::new();
    if let Some(path) = &args.dict {
        let text = std::fs::read_to_string(path)
            .map_err(|e| tralign::Error::io(path, e))
            .with_context(|| format!("reading --dict {}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let cols = line.split('\t').count();
            if !line.trim().is_empty() && !line.starts_with('#') && cols < langs.len() {
                bail!(
                    "--dict {} line {}: expected {} tab-separated words (one per input language, in file order), got {cols}",
                    path.display(),
                    n + 1,
                    langs.len()
                );
            }
        }
        for x in 0..langs.len() {
            for y in x + 1..langs.len() {
                let columns: String = text
                    .lines()
                    .filter_map(|l| {
                        let cols: Vec<&str> = l.split('\t').collect();
                        (cols.len() > y).then(|| format!("{}\t{}\n", cols[x], cols[y]))
                    })
                    .collect();
                model
                    .add_dictionary(&langs[x], &langs[y], &columns)
                    .map_err(|e| e.with_path(path))
                    .with_context(|| format!("reading --dict {}", path.display()))?;
            }
        }
    }
    let inputs: Vec<AlignInput> =
        langs.iter().zip(&sentences).map(|(l, s)| AlignInput { lang: l, sentences: s }).collect();
    let mut alignment = align_documents_with(&inputs, &config, &model);
    if let Some(min) = args.min_score {
        alignment.beads.retain(|b| b.score >= min);
    }
    let bytes = match args.format {
        AlignFormat::Ladder => tm::ladder::write_ladder(&alignment).into_bytes(),
        AlignFormat::TmxJson => {
            let opts = TmOptions {
                creationdate: Some(creation_date(args.date.as_deref())?),
                props: vec![
                    Prop::new("x-align-max-bead", args.max_bead.to_string()),
                    Prop::new("x-align-hard-anchors", args.hard_anchors.to_string()),
                ],
                tuid_prefix: String::new(),
                documents: args.files.clone(),
            };
            let refs: Vec<&[Sentence]> = sentences.iter().map(Vec::as_slice).collect();
            let doc = tm::tm_from_alignment(&alignment, &refs, &opts);
            let mut v = serde_json::to_vec_pretty(&doc)?;
            v.push(b'\n');
            v
        }
    };
    tralign::io::write_output(args.output.as_deref(), &bytes)?;
    Ok(0)
}

/// The TM creation date: `--date`, else `SOURCE_DATE_EPOCH`, else now.
pub fn creation_date(explicit: Option<&str>) -> Result<String> {
    if let Some(d) = explicit {
        if !tm::is_tmx_date(d) {
            bail!("--date {d}: write it as YYYYMMDDThhmmssZ, e.g. 20240426T120000Z");
        }
        return Ok(d.to_string());
    }
    if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = v
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("SOURCE_DATE_EPOCH={v} is not a number of seconds"))?;
        return Ok(tm::tmx_date(secs));
    }
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Ok(tm::tmx_date(now as i64))
}
