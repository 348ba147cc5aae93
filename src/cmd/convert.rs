//! `tralign convert IN -o OUT`: one translation memory from one form into another (tmx, tmx-json,
//! jsonl, hf-jsonl, tsv). Forms come from the file names unless --from/--to say; what a reader
//! repaired or a writer changed is printed as warnings; the output is written atomically.

use std::path::Path;

use anyhow::{Result, bail};
use tralign::tm::{self, Format};

use crate::cli::ConvertArgs;

pub fn run(args: ConvertArgs) -> Result<i32> {
    let to_stdout = args.output.as_deref().is_none_or(|o| o == Path::new("-"));
    let to = match (args.to.map(super::tm_format), args.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(o)) if !to_stdout => match Format::from_path(o) {
            Some(f) => f,
            None => bail!(
                "cannot tell the output form from {}: name it .tmx, .tmx.json, .jsonl, .hf.jsonl or .tsv, or pass --to",
                o.display()
            ),
        },
        _ => bail!(
            "writing to standard output: name the output form with --to tmx|tmx-json|jsonl|hf-jsonl|tsv"
        ),
    };
    if args.input == "-" && args.from.is_none() {
        bail!("reading standard input: name the input form with --from tmx|tmx-json|jsonl|hf-jsonl|tsv");
    }
    let (mut doc, warnings, from) = tm::format::read_tm_file(&args.input, args.from.map(super::tm_format))?;
    super::warn_tm(&args.input, &warnings);
    if doc.header.creationdate.is_none() {
        let explicit = args.date.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some();
        if explicit {
            doc.header.creationdate = Some(super::align::creation_date(args.date.as_deref())?);
        }
    } else if args.date.is_some() {
        super::warn(format_args!(
            "note: {}: the TM has its own creationdate ({}); --date is for inputs without one",
            args.input,
            doc.header.creationdate.as_deref().unwrap_or_default()
        ));
    }
    if matches!(to, Format::Tsv | Format::HfJsonl) && !matches!(from, Format::Tsv | Format::HfJsonl) {
        let extra = doc
            .body
            .iter()
            .map(|tu| {
                tu.props.iter().filter(|p| p.kind != "x-align-score").count()
                    + tu.notes.len()
                    + tu.tuv.iter().map(|v| v.props.len() + v.notes.len()).sum::<usize>()
            })
            .sum::<usize>();
        if extra > 0 {
            super::warn(format_args!(
                "note: {to} keeps the text and the score of each unit; {extra} other prop(s) and note(s) are not carried"
            ));
        }
    }
    let (text, warnings) = tm::write_tm(&doc, to);
    let out_name = args.output.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "-".into());
    super::warn_tm(&out_name, &warnings);
    let out = if to_stdout { None } else { args.output.as_deref() };
    tralign::io::write_output(out, text.as_bytes())?;
    Ok(0)
}
