//! `tralign check`: documents (aligned here, as `align` does) or a TM → QA findings, written as a
//! human report (differing pieces marked, colours on a terminal unless NO_COLOR) or JSON Lines.
//! Exit code 1 when a finding at or above `--fail-on` exists.

use std::fmt::Write as _;
use std::io::IsTerminal;

use anyhow::{Result, bail};
use tralign::check::{
    self, CheckConfig, CheckId, Finding, Severity, Unit, same_language, units_from_alignment, units_from_tm,
};

use crate::cli::{CheckArgs, CheckFormat, SeverityArg};

pub fn run(args: CheckArgs) -> Result<i32> {
    let config = CheckConfig {
        allow: args.allow.clone(),
        min_score: args.min_score,
        length_z: args.length_z,
        min_similarity: args.min_similarity,
    };
    let (langs, units) = if args.files.len() == 1 { read_tm_units(&args)? } else { align_units(&args)? };
    let findings = check::check_units(&langs, &units, &config);
    let mut out = String::new();
    match args.format {
        CheckFormat::Json => {
            for f in &findings {
                out.push_str(&serde_json::to_string(f)?);
                out.push('\n');
            }
        }
        CheckFormat::Human => {
            let color =
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            out = render_report(&findings, units.len(), color);
        }
    }
    tralign::io::write_output(None, out.as_bytes())?;
    let fail_on = match args.fail_on {
        SeverityArg::Info => Severity::Info,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
    };
    Ok(i32::from(findings.iter().any(|f| f.severity >= fail_on)))
}

/// One TM file (any form `tm` reads: tmx, tmx-json, jsonl, hf-jsonl, tsv) → languages and units.
fn read_tm_units(args: &CheckArgs) -> Result<(Vec<String>, Vec<Unit>)> {
    let path = &args.files[0];
    let (tm, warnings, _) = tralign::tm::format::read_tm_file(path, None)?;
    super::warn_tm(path, &warnings);
    let (mut langs, units) = units_from_tm(&tm);
    if let Some(forced) = &args.aligner.langs {
        if forced.len() != langs.len() {
            bail!(
                "--langs names {} languages but {path} holds {} ({})",
                forced.len(),
                langs.len(),
                langs.join(",")
            );
        }
        langs = forced.clone();
    }
    if langs.len() < 2 {
        bail!("{path}: the TM holds fewer than two languages; nothing to compare");
    }
    Ok((langs, units))
}

/// Two or three documents → segmented, aligned (same-language pairs by wording) → units.
fn align_units(args: &CheckArgs) -> Result<(Vec<String>, Vec<Unit>)> {
    let mut documents = super::read_documents(&args.files, &args.aligner, &args.input)?;
    let langs = documents.langs.clone();
    let alignment = if langs.len() == 2 && check::is_same_language(&langs) {
        let s = &documents.sentences;
        same_language::align_same_language(&langs[0], &s[0], &s[1])
    } else {
        let config = args.aligner.config(&langs)?;
        let model = args.aligner.model(&langs)?;
        documents.align(&config, &model)
    };
    Ok((langs, units_from_alignment(&alignment, &documents.sentence_refs())))
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// The human report: each finding with the sides' text (differing pieces marked: reverse video on a
/// terminal, ⟦…⟧ otherwise), then a table of findings per check and severity.
pub fn render_report(findings: &[Finding], n_units: usize, color: bool) -> String {
    let mut out = String::new();
    let width =
        findings.iter().flat_map(|f| f.text.0.iter().map(|(l, _)| l.chars().count())).max().unwrap_or(2);
    for f in findings {
        let sev = f.severity.as_str();
        if color {
            let style = severity_style(f.severity);
            let _ = writeln!(out, "{BOLD}unit {}{RESET}  {} {style}{sev}{RESET}", f.unit, f.check);
        } else {
            let _ = writeln!(out, "unit {}  {} {sev}", f.unit, f.check);
        }
        let _ = writeln!(out, "  {}", f.reason);
        for (lang, text) in &f.text.0 {
            let marks = f.marks.get(lang).map(Vec::as_slice).unwrap_or(&[]);
            let _ = writeln!(out, "  {lang:<width$}  {}", mark_text(text, marks, color));
        }
        out.push('\n');
    }
    out.push_str(&summary_table(findings, n_units));
    out
}

fn mark_text(text: &str, marks: &[std::ops::Range<usize>], color: bool) -> String {
    let (open, close) = if color { ("\x1b[7m", RESET) } else { ("⟦", "⟧") };
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    for (i, c) in text.chars().enumerate() {
        if marks.iter().any(|r| r.start == i && !r.is_empty()) {
            out.push_str(open);
        }
        out.push(if c == '\n' { ' ' } else { c });
        if marks.iter().any(|r| r.end == i + 1 && !r.is_empty()) {
            out.push_str(close);
        }
    }
    out
}

fn summary_table(findings: &[Finding], n_units: usize) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        let _ = writeln!(out, "no findings in {n_units} units");
        return out;
    }
    let sevs = [Severity::Error, Severity::Warning, Severity::Info];
    let _ = writeln!(out, "{:<16}{:>8}{:>8}{:>8}", "check", "error", "warning", "info");
    let count = |c: Option<CheckId>, s: Severity| {
        findings.iter().filter(|f| c.is_none_or(|c| f.check == c) && f.severity == s).count()
    };
    for c in CheckId::ALL {
        if findings.iter().any(|f| f.check == c) {
            let n: Vec<usize> = sevs.iter().map(|&s| count(Some(c), s)).collect();
            let _ = writeln!(out, "{:<16}{:>8}{:>8}{:>8}", c.as_str(), n[0], n[1], n[2]);
        }
    }
    let n: Vec<usize> = sevs.iter().map(|&s| count(None, s)).collect();
    let _ = writeln!(out, "{:<16}{:>8}{:>8}{:>8}", "total", n[0], n[1], n[2]);
    let _ = writeln!(out, "{} findings in {n_units} units", findings.len());
    out
}
