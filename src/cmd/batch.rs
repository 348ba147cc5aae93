//! `tralign batch`: a folder (or manifest) of document sets → one TM per set and a summary, with a
//! progress bar on stderr (hidden when stderr is not a terminal) and a table of the results.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tralign::batch::{
    self, BatchConfig, BatchReport, Event, OutputFormat, Pass, SetRun, SetStatus, collection_from_dir,
    collection_from_manifest,
};

use crate::cli::BatchArgs;

/// Per-set lines in the stderr summary up to this many sets (more with --verbose).
const TABLE_ROWS: usize = 50;

pub fn run(args: BatchArgs) -> Result<i32> {
    let started = Instant::now();
    let date = super::align::creation_date(args.date.as_deref())?;
    let collection = match &args.manifest {
        Some(m) => collection_from_manifest(m)?,
        None => collection_from_dir(&args.dir)?,
    };
    let abbreviations = match &args.input.abbrev {
        Some(p) => Some((
            p.display().to_string(),
            std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read the --abbrev file", p.display()))?,
        )),
        None => None,
    };
    let formats: Vec<OutputFormat> = if args.format.is_empty() {
        OutputFormat::DEFAULT.to_vec()
    } else {
        OutputFormat::ALL.iter().copied().filter(|f| args.format.contains(f)).collect()
    };
    let config = BatchConfig {
        out_dir: args.output.clone(),
        formats,
        align: args.search.config(None),
        langs: args.langs.clone().unwrap_or_default().iter().map(|l| l.trim().to_ascii_lowercase()).collect(),
        min_score: args.min_score,
        keep_unaligned: args.keep_unaligned,
        creationdate: Some(date),
        force: args.force,
        jobs: args.jobs.map(usize::from),
        shard: args.shard,
        paragraphs: args.input.paragraph_mode(),
        encoding: args
            .input
            .encoding
            .as_deref()
            .map(tralign::text::decode::encoding_for_label)
            .transpose()?,
        abbreviations,
        qa: args.qa,
    };

    let bar = Bar::new();
    let report = batch::run_batch(collection, &config, &|e| bar.event(e));
    bar.finish();
    let report = report?;
    eprint!("{}", summary_table(&report, &config, args.verbose, started.elapsed()));
    Ok(if report.any_failed() { 2 } else { 0 })
}

/// The progress bar of the current pass, and the log lines printed above it.
struct Bar {
    current: Mutex<ProgressBar>,
}

impl Bar {
    fn new() -> Self {
        Bar { current: Mutex::new(ProgressBar::hidden()) }
    }

    fn bar(&self) -> ProgressBar {
        self.current.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A log line that does not tear the bar (plain stderr when the bar is hidden).
    fn println(&self, line: String) {
        let bar = self.bar();
        if bar.is_hidden() { eprintln!("{line}") } else { bar.println(line) }
    }

    fn event(&self, event: &Event) {
        match *event {
            Event::Planned { sets, to_align, up_to_date } => {
                if up_to_date > 0 {
                    self.println(format!(
                        "tralign: {sets} sets: {to_align} to align, {up_to_date} up to date (--force aligns them again)"
                    ));
                }
            }
            Event::PassStarted { pass, sets } => {
                let bar = ProgressBar::with_draw_target(Some(sets as u64), ProgressDrawTarget::stderr());
                let label = match pass {
                    Pass::Learn => "pass 1/2 (learn)",
                    Pass::Align => "pass 2/2 (align)",
                };
                bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix} [{bar:30}] {pos}/{len} sets  {rate}  ETA {eta}  {wide_msg}",
                    )
                    .expect("a valid template")
                    .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} sets/s", state.per_sec());
                    })
                    .progress_chars("=> "),
                );
                bar.set_prefix(label);
                let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
                current.finish_and_clear();
                *current = bar;
            }
            Event::SetDone { id, .. } => {
                let bar = self.bar();
                bar.set_message(id.to_string());
                bar.inc(1);
            }
            Event::SetFailed { id, message } => self.println(format!("tralign: error: set {id}: {message}")),
            Event::SetSkipped { id, message } => {
                self.println(format!("tralign: skipped set {id}: {message}"))
            }
            Event::Note(message) => self.println(format!("tralign: {message}")),
        }
    }

    fn finish(&self) {
        self.bar().finish_and_clear();
    }
}

/// The human summary: a line per set (up to [`TABLE_ROWS`], or all with --verbose), then totals.
fn summary_table(report: &BatchReport, config: &BatchConfig, verbose: bool, wall: Duration) -> String {
    let summary = &report.summary;
    let langs: Vec<&String> = {
        let mut l: Vec<&String> =
            summary.sets.iter().flat_map(|s| s.documents.iter().map(|d| &d.lang)).collect();
        l.sort();
        l.dedup();
        l
    };
    let below = format!("<{}", config.min_score);
    let width = summary.sets.iter().map(|s| s.id.chars().count()).max().unwrap_or(0).clamp(5, 40);
    let mut out = String::new();
    let mut header = format!("{:<width$}", "set");
    for l in &langs {
        let _ = write!(header, " {l:>5}");
    }
    let _ =
        write!(header, " {:>6} {:>5} {:>6} {:>6} {:>10}  shapes", "units", "mean", "lowest", below, "time");
    let show_all = verbose || summary.sets.len() <= TABLE_ROWS;
    if show_all {
        let _ = writeln!(out, "{header}");
    }
    for (set, (run, time)) in summary.sets.iter().zip(&report.runs) {
        if !show_all && *run != SetRun::Failed {
            continue;
        }
        let mut line = format!("{:<width$}", set.id);
        match (&set.status, &set.stats) {
            (SetStatus::Aligned, Some(stats)) => {
                for l in &langs {
                    let n = set.documents.iter().find(|d| &d.lang == *l).and_then(|d| d.sentences);
                    let _ = write!(line, " {:>5}", n.map_or("-".to_string(), |n| n.to_string()));
                }
                let time =
                    if *run == SetRun::UpToDate { "up to date".to_string() } else { format_time(*time) };
                let shapes: Vec<String> = stats.shapes.iter().map(|(s, n)| format!("{s}:{n}")).collect();
                let _ = write!(
                    line,
                    " {:>6} {:>5.2} {:>6.2} {:>6} {:>10}  {}",
                    stats.units,
                    stats.mean_score,
                    stats.lowest_score,
                    stats.below_min_score,
                    time,
                    shapes.join(" ")
                );
            }
            (SetStatus::Skipped, _) => {
                let _ = write!(line, "  skipped: {}", set.message.as_deref().unwrap_or(""));
            }
            _ => {
                let _ = write!(line, "  FAILED: {}", set.message.as_deref().unwrap_or(""));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    let t = &summary.totals;
    let count = |r: SetRun| report.runs.iter().filter(|(x, _)| *x == r).count();
    let _ = writeln!(
        out,
        "total: {} sets: {} aligned, {} up to date, {} failed, {} skipped in {}",
        t.sets,
        count(SetRun::Aligned),
        count(SetRun::UpToDate),
        t.failed,
        t.skipped,
        format_time(wall)
    );
    let sentences: Vec<String> = t.sentences.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let shapes: Vec<String> = t.stats.shapes.iter().map(|(s, n)| format!("{s}:{n}")).collect();
    let _ = writeln!(
        out,
        "       sentences {}; {} units, mean confidence {:.2}, lowest {:.2}, {} below {}; shapes {}",
        sentences.join(", "),
        t.stats.units,
        t.stats.mean_score,
        t.stats.lowest_score,
        t.stats.below_min_score,
        config.min_score,
        shapes.join(" ")
    );
    if config.qa {
        let findings: Vec<String> = t.stats.findings.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let findings = if findings.is_empty() { "none".to_string() } else { findings.join(", ") };
        let _ = writeln!(out, "       findings (--qa): {findings}; per set in ID.qa.jsonl and summary.json");
    }
    let _ = writeln!(
        out,
        "       outputs in {}, figures per set in {}",
        config.out_dir.display(),
        report.summary_path.display()
    );
    out
}

fn format_time(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 { format!("{:.2} s", d.as_secs_f64()) } else { format!("{} ms", d.as_millis()) }
}
