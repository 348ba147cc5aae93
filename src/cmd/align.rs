//! `tralign align`: two or three documents → one alignment, written as a translation memory (any
//! form of `tm`, plus per-pair files with `--pairs`) or a ladder.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use tralign::check;
use tralign::tm::{self, Format, PairPolicy, TmOptions};

use crate::cli::{AlignArgs, AlignFormat};

pub fn run(args: AlignArgs) -> Result<i32> {
    let mut documents = super::read_documents(&args.files, &args.aligner, &args.input)?;
    let langs = documents.langs.clone();
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
    let config = args.aligner.config(&langs)?;
    let model = args.aligner.model(&langs)?;
    let mut alignment = documents.align(&config, &model);
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
        props: tm::settings_props(&config),
        tuid_prefix: String::new(),
        documents: args.files.clone(),
    };
    let refs = documents.sentence_refs();
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
