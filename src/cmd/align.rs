//! `tralign align`: two or three documents → one alignment, written as a translation memory (any
//! form of `tm`, plus per-pair files with `--pairs`) or a ladder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use tralign::align::{AlignConfig, AlignInput, Model, align_documents_with};
use tralign::check;
use tralign::segment::{Sentence, segment_document, sentences_from_lines};
use tralign::tm::{self, Format, PairPolicy, Prop, TmOptions};

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
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path).map(align_format))
        .unwrap_or(AlignFormat::TmxJson);
    if format == AlignFormat::Ladder && langs.len() != 2 {
        bail!("--format ladder shows two languages; give two files, or use --format tmx-json");
    }
    if args.pairs
        && (format == AlignFormat::Ladder || args.output.as_deref().is_none_or(|o| o == Path::new("-")))
    {
        bail!("--pairs writes several files beside -o OUT: give -o with a file name and a TM --format");
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
    let tm_format = match format {
        AlignFormat::Ladder => {
            let bytes = tm::ladder::write_ladder(&alignment).into_bytes();
            tralign::io::write_output(args.output.as_deref(), &bytes)?;
            return Ok(0);
        }
        AlignFormat::TmxJson => Format::TmxJson,
        AlignFormat::Tmx => Format::Tmx,
        AlignFormat::Jsonl => Format::Jsonl,
        AlignFormat::HfJsonl => Format::HfJsonl,
        AlignFormat::Tsv => Format::Tsv,
    };
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
    let mut doc = tm::tm_from_alignment(&alignment, &refs, &opts);
    if args.qa {
        let units = check::units_from_alignment(&alignment, &refs);
        let findings = check::check_units(&alignment.langs, &units, &check::CheckConfig::default());
        check::annotate_tm(&mut doc, &findings);
    }

    // Render every output before writing any (a rendering problem writes nothing); each file is
    // then written atomically.
    let out_name = args.output.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "-".into());
    let mut outputs: Vec<(Option<PathBuf>, String, Vec<tm::Warning>)> = Vec::new();
    let mut main = doc.clone();
    if !tm_format.is_json() && !args.keep_unaligned {
        let n = tm::retain_aligned(&mut main);
        if n > 0 {
            super::warn(format_args!(
                "note: {out_name}: left out {n} unit(s) with text in one language only (--keep-unaligned keeps them)"
            ));
        }
    }
    let (text, warnings) = tm::write_tm(&main, tm_format);
    outputs.push((args.output.clone(), text, warnings));
    if args.pairs {
        let policy = if args.keep_unaligned { PairPolicy::KeepAll } else { PairPolicy::AlignedOnly };
        let out = args.output.as_deref().expect("checked above");
        for i in 0..langs.len() {
            for j in i + 1..langs.len() {
                let pair = tm::pair_document(&doc, &langs[i], &langs[j], policy);
                let (text, warnings) = tm::write_tm(&pair, tm_format);
                outputs.push((Some(tm::pair_path(out, tm_format, &langs[i], &langs[j])), text, warnings));
            }
        }
    }
    for (path, _, warnings) in &outputs {
        let name = path.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "-".into());
        super::warn_tm(&name, warnings);
    }
    for (path, text, _) in &outputs {
        tralign::io::write_output(path.as_deref(), text.as_bytes())?;
    }
    Ok(0)
}

fn align_format(f: Format) -> AlignFormat {
    match f {
        Format::Tmx => AlignFormat::Tmx,
        Format::TmxJson => AlignFormat::TmxJson,
        Format::Jsonl => AlignFormat::Jsonl,
        Format::HfJsonl => AlignFormat::HfJsonl,
        Format::Tsv => AlignFormat::Tsv,
    }
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
