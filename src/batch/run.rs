//! The collection run. A sample of the sets that are not up to date, spread over the collection
//! (all of a small one), is read, segmented and aligned a first time with an empty model (in
//! parallel); the confident units of those first passes train one model, so the lexicon of each
//! language pair is learned across the collection; then every set is aligned with that model and
//! written (in parallel: the worker pool renders, a few writer threads write, so the disk's sync
//! latency does not idle the cores). Sets are independent otherwise: a set that cannot be read or
//! written is reported with its path and the others go on.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use encoding_rs::Encoding;
use rayon::prelude::*;

use super::discover::{DocumentSet, SetDocument, SetProblem};
use super::summary::{AlignmentStats, DocumentSummary, SetStatus, SetSummary, Settings, Summary};
use super::{OutputFormat, Shard};
use crate::align::{AlignConfig, AlignInput, Alignment, Model, align_with_model, rejoin};
use crate::check;
use crate::error::{Error, ErrorKind, Result};
use crate::segment::{Segmenter, Sentence, segment_document, soft_pieces};
use crate::text::{ParagraphMode, read_document};
use crate::tm::{self, TmOptions};

/// Everything a batch run needs besides the sets.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Where the outputs and the summary go (created when missing).
    pub out_dir: PathBuf,
    /// The forms written per set (see [`OutputFormat`]).
    pub formats: Vec<OutputFormat>,
    pub align: AlignConfig,
    /// Languages to align, in the order units list them; empty: all, in the collection's order
    /// (the manifest's header) and else alphabetically.
    pub langs: Vec<String>,
    /// Units below this confidence are counted in the summary (they stay in the outputs).
    pub min_score: f64,
    /// Keep units with text in one language only in TMX and TSV too (the JSON forms always do).
    pub keep_unaligned: bool,
    /// The TM creation date (`YYYYMMDDThhmmssZ`), or none.
    pub creationdate: Option<String>,
    /// Align every set even when its outputs are newer than its inputs.
    pub force: bool,
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Process only this shard of the sets.
    pub shard: Option<Shard>,
    pub paragraphs: ParagraphMode,
    /// Decode every input with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Extra abbreviations for every language: where they came from and the list.
    pub abbreviations: Option<(String, String)>,
    /// Check every set too (the checks of `tralign check`, default thresholds): findings go to
    /// `ID.qa.jsonl`, into the TMs as `x-qa` props, and counted into the summary.
    pub qa: bool,
}

impl BatchConfig {
    /// A configuration with the defaults of `tralign batch`, writing to `out_dir`.
    pub fn new(out_dir: impl Into<PathBuf>) -> Self {
        BatchConfig {
            out_dir: out_dir.into(),
            formats: OutputFormat::DEFAULT.to_vec(),
            align: AlignConfig::default(),
            langs: vec![],
            min_score: 0.5,
            keep_unaligned: false,
            creationdate: None,
            force: false,
            jobs: None,
            shard: None,
            paragraphs: ParagraphMode::Blank,
            encoding: None,
            abbreviations: None,
            qa: false,
        }
    }

    /// The summary's file: `summary.json`, or `summary.K-of-N.json` for a shard, so that the shards
    /// of one collection can share OUTDIR.
    pub fn summary_path(&self) -> PathBuf {
        match self.shard {
            None => self.out_dir.join("summary.json"),
            Some(s) => self.out_dir.join(format!("summary.{}-of-{}.json", s.index, s.count)),
        }
    }

    fn settings(&self, collection_langs: &[String]) -> Settings {
        Settings {
            formats: self.formats.iter().map(|f| f.name().to_string()).collect(),
            langs: self.preferred_langs(collection_langs).to_vec(),
            max_bead: self.align.max_bead,
            hard_anchors: self.align.hard_anchors,
            gap_cost: self.align.custom_gap_cost(),
            min_score: self.min_score,
            keep_unaligned: self.keep_unaligned,
            paragraphs: match self.paragraphs {
                ParagraphMode::Blank => "blank".into(),
                ParagraphMode::Line => "line".into(),
            },
            encoding: self.encoding.map(|e| e.name().to_string()),
            abbrev: self.abbreviations.as_ref().map(|(from, _)| from.clone()),
            creationdate: self.creationdate.clone(),
            shard: self.shard.map(|s| s.to_string()),
            qa: self.qa,
        }
    }

    fn preferred_langs<'a>(&'a self, collection_langs: &'a [String]) -> &'a [String] {
        if self.langs.is_empty() { collection_langs } else { &self.langs }
    }
}

/// The sets to process and the collection's language order (a manifest's header; empty otherwise).
#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub sets: Vec<DocumentSet>,
    pub langs: Vec<String>,
}

/// The two passes over the sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Read, segment, align with the empty model (training material for the collection's lexicon).
    Learn,
    /// Align with the collection's model, write the outputs.
    Align,
}

/// Progress of a run, as it happens (callbacks come from worker threads).
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// The plan: how many sets there are and how many will be aligned (the others are up to date,
    /// skipped or invalid).
    Planned { sets: usize, to_align: usize, up_to_date: usize },
    /// A pass begins over `sets` sets.
    PassStarted { pass: Pass, sets: usize },
    /// One set has been through `pass` (successfully or not).
    SetDone { pass: Pass, id: &'a str },
    /// A set failed; `message` names the file and says what to do.
    SetFailed { id: &'a str, message: &'a str },
    /// A set was skipped (fewer than two languages).
    SetSkipped { id: &'a str, message: &'a str },
    /// Something the user should know that is not about one set.
    Note(&'a str),
}

/// How a set went in this run (the summary says what is in OUTDIR; this says what was done).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetRun {
    Aligned,
    UpToDate,
    Failed,
    Skipped,
}

/// The result of a run: the summary (as written to `summary_path`) and, per set in the same order,
/// what was done and how long it took.
#[derive(Debug, Clone)]
pub struct BatchReport {
    pub summary: Summary,
    pub summary_path: PathBuf,
    pub runs: Vec<(SetRun, Duration)>,
}

impl BatchReport {
    /// Whether any set failed (the binary exits 2).
    pub fn any_failed(&self) -> bool {
        self.runs.iter().any(|(r, _)| *r == SetRun::Failed)
    }
}

/// Loads the sets of a folder (see [`super::discover_sets`]).
pub fn collection_from_dir(dir: &Path) -> Result<Collection> {
    Ok(Collection { sets: super::discover_sets(dir)?, langs: vec![] })
}

/// Loads the sets of a manifest (see [`super::read_manifest`]).
pub fn collection_from_manifest(path: &Path) -> Result<Collection> {
    let (sets, langs) = super::read_manifest(path)?;
    Ok(Collection { sets, langs })
}

/// Aligns a collection into `config.out_dir` (see the module comment), writes the summary, and
/// returns it. Errors are only those that stop the whole run (no worker threads, the summary cannot
/// be written); a set's own problems are in its summary entry.
pub fn run_batch(
    collection: Collection,
    config: &BatchConfig,
    progress: &(dyn Fn(&Event) + Sync),
) -> Result<BatchReport> {
    // Checked before any work: otherwise every set would fail on its first output.
    if config.out_dir.exists() && !config.out_dir.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            "is a file, not a folder; -o names the folder the outputs go in (it is created if missing)",
        )
        .with_path(&config.out_dir));
    }
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = config.jobs {
        builder = builder.num_threads(j.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot start worker threads: {e}; try -j 1")))?;
    pool.install(|| run_in_pool(collection, config, progress))
}

/// A set read and segmented: its sentences, and the pieces the aligner sees (the sentences cut at
/// their soft boundaries).
struct Prepared {
    set: DocumentSet,
    documents: Vec<DocumentSummary>,
    sentences: Vec<Vec<Sentence>>,
    pieces: Vec<Vec<Sentence>>,
}

/// Sets aligned in parallel before their training material goes to the model.
const LEARN_CHUNK: usize = 512;
/// Sets whose first-pass alignment trains the model, at most: every k-th set of a larger collection
/// (spread over all of it). Training reads at most 3,000 units per language pair, evenly sampled
/// (`align::lexicon`), so aligning every set of a large collection a first time only produced
/// material that training skipped; 200 sets of a few dozen sentences give it several times that.
/// The other sets are read in pass 2 only, which reports their unreadable and blank files (reading
/// them in pass 1 as well, only to report those earlier, cost every set a second read).
const LEARN_SETS: usize = 200;

fn run_in_pool(
    collection: Collection,
    config: &BatchConfig,
    progress: &(dyn Fn(&Event) + Sync),
) -> Result<BatchReport> {
    let settings = config.settings(&collection.langs);
    let preferred = config.preferred_langs(&collection.langs).to_vec();
    let summary_path = config.summary_path();
    let previous = previous_sets(&summary_path, &settings, config.force, progress);

    let mut sets: Vec<DocumentSet> = collection.sets;
    if let Some(shard) = config.shard {
        sets.retain(|s| shard.contains(&s.id));
    }
    let mut id_count: HashMap<String, usize> = HashMap::new();
    for s in &sets {
        *id_count.entry(s.id.clone()).or_default() += 1;
    }

    // Plan: each set is invalid, skipped, up to date, or to be aligned.
    let mut done: Vec<(SetSummary, SetRun, Duration)> = Vec::new();
    let mut to_align = Vec::new();
    for mut set in sets {
        if !config.langs.is_empty() {
            set.docs.retain(|d| config.langs.contains(&d.lang));
        }
        let problem = if id_count[&set.id] > 1 {
            Err(SetProblem::Invalid(format!(
                "the id '{}' names {} sets (a NAME.LANG.EXT group and a folder, or two manifest rows); rename one",
                set.id, id_count[&set.id]
            )))
        } else {
            set.check(&preferred)
        };
        match problem {
            Ok(()) => match previous.get(&set.id).filter(|p| is_up_to_date(&set, p, config)) {
                Some(p) => done.push((p.clone(), SetRun::UpToDate, Duration::ZERO)),
                None => to_align.push(set),
            },
            Err(SetProblem::TooFewLanguages) => {
                let message = match set.docs.first() {
                    Some(d) => format!("only one language ({}): nothing to align it with", d.lang),
                    None => "no document in the languages asked for (--langs)".to_string(),
                };
                progress(&Event::SetSkipped { id: &set.id, message: &message });
                done.push((entry(&set, SetStatus::Skipped, Some(message)), SetRun::Skipped, Duration::ZERO));
            }
            Err(SetProblem::Invalid(message)) => {
                progress(&Event::SetFailed { id: &set.id, message: &message });
                done.push((entry(&set, SetStatus::Failed, Some(message)), SetRun::Failed, Duration::ZERO));
            }
        }
    }
    let up_to_date = done.iter().filter(|d| d.1 == SetRun::UpToDate).count();
    progress(&Event::Planned { sets: done.len() + to_align.len(), to_align: to_align.len(), up_to_date });

    let segmenters = build_segmenters(&to_align, config, progress);

    // Pass 1: read, segment, align with the empty model, in chunks of sets aligned in parallel; the
    // chunk's training material goes to the model in id order (deterministic) and is then dropped, so
    // memory stays bounded however large the collection is. Handing a chunk to the model is serial,
    // so it overlaps the aligning of the next chunk (`rayon::join`) instead of idling the pool.
    progress(&Event::PassStarted { pass: Pass::Learn, sets: to_align.len() });
    let empty = Model::new();
    let mut model = Model::new();
    let mut learned: Vec<(DocumentSet, Duration)> = Vec::with_capacity(to_align.len());
    let every = to_align.len().div_ceil(LEARN_SETS).max(1);
    let mut rest = to_align.into_iter().enumerate();
    let mut aligned: Vec<Learned> = Vec::new();
    loop {
        let chunk: Vec<(usize, DocumentSet)> = rest.by_ref().take(LEARN_CHUNK).collect();
        if chunk.is_empty() && aligned.is_empty() {
            break;
        }
        let previous = std::mem::take(&mut aligned);
        let add = || {
            for (result, time) in previous {
                match result {
                    Ok((set, first)) => {
                        if let Some((p, first)) = first {
                            model.add_training(&inputs(&p), &first);
                        }
                        learned.push((set, time));
                    }
                    Err(s) => done.push((*s, SetRun::Failed, time)),
                }
            }
        };
        let learn = || -> Vec<Learned> {
            chunk
                .into_par_iter()
                .map(|(k, set)| learn_set(set, k % every == 0, config, &segmenters, &empty, progress))
                .collect()
        };
        aligned = rayon::join(learn, add).0;
    }
    model.train();

    // Pass 2: align with the collection's model (the pool's workers); write (writer threads, so that
    // waiting for the disk to sync each file overlaps the aligning instead of idling a core).
    progress(&Event::PassStarted { pass: Pass::Align, sets: learned.len() });
    let failures: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let (queue, jobs) = std::sync::mpsc::sync_channel::<WriteJob>(WRITE_QUEUE);
    let jobs = Mutex::new(jobs);
    let mut second: Vec<(SetSummary, SetRun, Duration)> = std::thread::scope(|scope| {
        for _ in 0..WRITERS {
            scope.spawn(|| {
                while let Ok(job) = { jobs.lock().unwrap_or_else(|e| e.into_inner()).recv() } {
                    if let Err(message) = write_outputs(&config.out_dir, &job.files) {
                        progress(&Event::SetFailed { id: &job.id, message: &message });
                        failures.lock().unwrap_or_else(|e| e.into_inner()).push((job.index, message));
                    }
                    progress(&Event::SetDone { pass: Pass::Align, id: &job.id });
                }
            });
        }
        let aligned = learned
            .into_par_iter()
            .enumerate()
            .map(|(index, (set, before))| {
                // Read and segmented again rather than kept from pass 1: memory stays bounded and
                // the allocator is not slowed down by a heap of millions of sentences.
                let start = Instant::now();
                match read_set(set, config, &segmenters) {
                    Ok(p) => {
                        let (summary, files) = finish(p, config, &model, progress);
                        let id = summary.id.clone();
                        let time = before + start.elapsed();
                        // The writers only stop when the queue closes, so this send cannot fail.
                        let _ = queue.send(WriteJob { index, id, files });
                        (summary, SetRun::Aligned, time)
                    }
                    Err(s) => {
                        progress(&Event::SetFailed {
                            id: &s.id,
                            message: s.message.as_deref().unwrap_or(""),
                        });
                        progress(&Event::SetDone { pass: Pass::Align, id: &s.id });
                        (*s, SetRun::Failed, before + start.elapsed())
                    }
                }
            })
            .collect();
        drop(queue);
        aligned
    });
    for (index, message) in failures.into_inner().unwrap_or_else(|e| e.into_inner()) {
        let (summary, run, _) = &mut second[index];
        summary.status = SetStatus::Failed;
        summary.stats = None;
        summary.outputs.clear();
        summary.message = Some(message);
        *run = SetRun::Failed;
    }
    done.extend(second);
    done.sort_by(|a, b| a.0.id.cmp(&b.0.id));

    let runs = done.iter().map(|d| (d.1, d.2)).collect();
    let summary = Summary::new(settings, done.into_iter().map(|d| d.0).collect());
    crate::io::write_atomic(&summary_path, &summary.to_json())?;
    Ok(BatchReport { summary, summary_path, runs })
}

/// A set after pass 1: when it trains the model, read, segmented and aligned with the empty model
/// (or its failure), and the time it took.
type Learned = (std::result::Result<(DocumentSet, Option<(Prepared, Alignment)>), Box<SetSummary>>, Duration);

/// Pass 1 for one set.
fn learn_set(
    set: DocumentSet,
    trains: bool,
    config: &BatchConfig,
    segmenters: &BTreeMap<String, Segmenter>,
    empty: &Model,
    progress: &(dyn Fn(&Event) + Sync),
) -> Learned {
    let start = Instant::now();
    let result = if trains {
        read_set(set, config, segmenters).map(|p| {
            let first = align_with_model(&inputs(&p), &first_pass_config(&config.align), empty);
            (p.set.clone(), Some((p, first)))
        })
    } else {
        // Read in pass 2 only: its failures are reported there, like every other.
        Ok((set, None))
    };
    let id = match &result {
        Ok((set, _)) => &set.id,
        Err(s) => {
            progress(&Event::SetFailed { id: &s.id, message: s.message.as_deref().unwrap_or("") });
            &s.id
        }
    };
    progress(&Event::SetDone { pass: Pass::Learn, id });
    (result, start.elapsed())
}

/// Pass 1 only has to find the confident 1-1 units the lexicon learns from: beads of up to two
/// sentences a side suffice (as in the first pass of `align_documents_with`) and cost a fraction
/// of the full set of shapes.
fn first_pass_config(align: &AlignConfig) -> AlignConfig {
    AlignConfig { max_bead: align.max_bead.min(2), ..align.clone() }
}

/// The summary entry of a set that was not aligned.
fn entry(set: &DocumentSet, status: SetStatus, message: Option<String>) -> SetSummary {
    SetSummary {
        id: set.id.clone(),
        status,
        documents: set
            .docs
            .iter()
            .map(|d| DocumentSummary {
                lang: d.lang.clone(),
                path: d.path.display().to_string(),
                encoding: None,
                sentences: None,
            })
            .collect(),
        stats: None,
        outputs: vec![],
        message,
    }
}

/// The aligned sets of the previous summary in OUTDIR, when it was written with the same settings.
fn previous_sets(
    path: &Path,
    settings: &Settings,
    force: bool,
    progress: &(dyn Fn(&Event) + Sync),
) -> HashMap<String, SetSummary> {
    if force {
        return HashMap::new();
    }
    let Ok(bytes) = std::fs::read(path) else { return HashMap::new() };
    let Ok(previous) = serde_json::from_slice::<Summary>(&bytes) else {
        progress(&Event::Note(&format!(
            "note: {} is not a summary this version wrote; aligning every set again",
            path.display()
        )));
        return HashMap::new();
    };
    if !previous.settings.same_outputs_as(settings) {
        if !previous.sets.is_empty() {
            progress(&Event::Note("note: the settings differ from the last run's; aligning every set again"));
        }
        return HashMap::new();
    }
    previous.sets.into_iter().filter(|s| s.status == SetStatus::Aligned).map(|s| (s.id.clone(), s)).collect()
}

/// The output files of a set, relative to OUTDIR.
fn output_names(id: &str, langs: usize, config: &BatchConfig) -> Vec<String> {
    let forms =
        config.formats.iter().filter(|f| f.applies_to(langs)).map(|f| format!("{id}{}", f.extension()));
    forms.chain(config.qa.then(|| format!("{id}{QA_EXTENSION}"))).collect()
}

/// The findings file of a set checked with `--qa`.
const QA_EXTENSION: &str = ".qa.jsonl";

/// Whether the outputs `previous` lists are still those of `set`: same documents, same outputs, all
/// present and none older than any input.
fn is_up_to_date(set: &DocumentSet, previous: &SetSummary, config: &BatchConfig) -> bool {
    let same_docs = previous.documents.len() == set.docs.len()
        && previous
            .documents
            .iter()
            .zip(&set.docs)
            .all(|(p, d)| p.lang == d.lang && p.path == d.path.display().to_string());
    if !same_docs || previous.outputs != output_names(&set.id, set.docs.len(), config) {
        return false;
    }
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut newest_input = SystemTime::UNIX_EPOCH;
    for d in &set.docs {
        match mtime(&d.path) {
            Some(t) => newest_input = newest_input.max(t),
            None => return false,
        }
    }
    previous.outputs.iter().all(|o| mtime(&config.out_dir.join(o)).is_some_and(|t| t >= newest_input))
}

/// One segmenter per language of the sets to align, with the user's abbreviations.
fn build_segmenters(
    sets: &[DocumentSet],
    config: &BatchConfig,
    progress: &(dyn Fn(&Event) + Sync),
) -> BTreeMap<String, Segmenter> {
    let mut out = BTreeMap::new();
    for d in sets.iter().flat_map(|s| &s.docs) {
        out.entry(d.lang.clone()).or_insert_with(|| {
            let mut s = Segmenter::new(&d.lang);
            if !s.has_language_rules() {
                progress(&Event::Note(&format!(
                    "note: no segmentation rules for '{}'; using the generic rules",
                    d.lang
                )));
            }
            if let Some((_, list)) = &config.abbreviations {
                s.add_abbreviations(list);
            }
            s
        });
    }
    out
}

fn inputs(p: &Prepared) -> Vec<AlignInput<'_>> {
    p.set.docs.iter().zip(&p.pieces).map(|(d, s)| AlignInput { lang: &d.lang, sentences: s }).collect()
}

/// Reads and decodes one document of a set; a failure becomes the set's entry.
fn read_doc(
    set: &DocumentSet,
    d: &SetDocument,
    config: &BatchConfig,
) -> std::result::Result<(String, &'static str), Box<SetSummary>> {
    let read = || -> Result<(String, &'static str)> {
        let path = d.path.to_str().ok_or_else(|| {
            Error::new(ErrorKind::Io, "the path is not valid UTF-8; rename the file").with_path(&d.path)
        })?;
        let doc = read_document(path, config.encoding)?;
        Ok((doc.text, doc.encoding))
    };
    read().map_err(|e| Box::new(entry(set, SetStatus::Failed, Some(e.to_string()))))
}

/// The failure of a set one of whose documents has no sentences.
fn blank(set: &DocumentSet, d: &SetDocument) -> Box<SetSummary> {
    let e = Error::new(
        ErrorKind::Parse,
        "has no sentences (the file is empty or blank); fill it or take it out of the set",
    )
    .with_path(&d.path);
    Box::new(entry(set, SetStatus::Failed, Some(e.to_string())))
}

/// Reads, decodes and segments the documents of a set. A failure becomes the set's entry.
fn read_set(
    set: DocumentSet,
    config: &BatchConfig,
    segmenters: &BTreeMap<String, Segmenter>,
) -> std::result::Result<Prepared, Box<SetSummary>> {
    let mut documents = Vec::with_capacity(set.docs.len());
    let mut sentences = Vec::with_capacity(set.docs.len());
    let mut pieces = Vec::with_capacity(set.docs.len());
    for d in &set.docs {
        let (text, encoding) = read_doc(&set, d, config)?;
        let sents = segment_document(&text, config.paragraphs, &segmenters[&d.lang]);
        if sents.is_empty() {
            return Err(blank(&set, d));
        }
        documents.push(DocumentSummary {
            lang: d.lang.clone(),
            path: d.path.display().to_string(),
            encoding: Some(encoding.to_string()),
            sentences: Some(sents.len()),
        });
        pieces.push(soft_pieces(&sents, &segmenters[&d.lang]));
        sentences.push(sents);
    }
    Ok(Prepared { set, documents, sentences, pieces })
}

/// Pass 2 for one set: align with the collection's model, render every output. Returns the set's
/// summary entry (as if the writes succeed) and the files to write (names relative to OUTDIR).
fn finish(
    mut p: Prepared,
    config: &BatchConfig,
    model: &Model,
    progress: &(dyn Fn(&Event) + Sync),
) -> (SetSummary, Vec<(String, Vec<u8>)>) {
    let pieced = align_with_model(&inputs(&p), &config.align, model);
    let pieces: Vec<&[Sentence]> = p.pieces.iter().map(Vec::as_slice).collect();
    let originals: Vec<&[Sentence]> = p.sentences.iter().map(Vec::as_slice).collect();
    let (alignment, sentences) = rejoin(&pieced, &pieces, &originals);
    for (d, s) in p.documents.iter_mut().zip(&sentences) {
        d.sentences = Some(s.len());
    }
    p.sentences = sentences;
    let opts = TmOptions {
        creationdate: config.creationdate.clone(),
        props: tm::settings_props(&config.align),
        tuid_prefix: format!("{}:", p.set.id),
        documents: p.documents.iter().map(|d| d.path.clone()).collect(),
    };
    let refs: Vec<&[Sentence]> = p.sentences.iter().map(Vec::as_slice).collect();
    let formats: Vec<OutputFormat> =
        config.formats.iter().copied().filter(|f| f.applies_to(refs.len())).collect();
    let mut doc = tm::tm_from_alignment(&alignment, &refs, &opts);
    let mut stats = AlignmentStats::of(&alignment, config.min_score);
    // The checks read the units of this alignment, made with the collection's lexicon: a sentence a
    // translation left out stands alone more often than with one document's lexicon.
    let qa = config.qa.then(|| {
        let units = check::units_from_alignment(&alignment, &refs);
        let findings = check::check_units(&alignment.langs, &units, &check::CheckConfig::default());
        check::annotate_tm(&mut doc, &findings);
        let mut lines = Vec::new();
        for f in &findings {
            *stats.findings.entry(f.check.to_string()).or_default() += 1;
            // A finding is plain data (strings and numbers): it always serialises.
            let _ = serde_json::to_writer(&mut lines, f);
            lines.push(b'\n');
        }
        (format!("{}{QA_EXTENSION}", p.set.id), lines)
    });
    // The forms that show every unit first, then those that show the aligned units only, from the
    // same TM reduced in place (no copy of the TM per form); files and warnings stay in the order
    // of --format.
    let mut rendered: Vec<Option<(Vec<u8>, Vec<tm::Warning>)>> = formats.iter().map(|_| None).collect();
    for every in [true, false] {
        if !every && rendered.iter().any(Option::is_none) {
            tm::retain_aligned(&mut doc);
        }
        for (slot, f) in rendered.iter_mut().zip(&formats) {
            if f.keeps_every_unit(config.keep_unaligned) == every {
                *slot = Some(f.render_shown(&alignment, &doc));
            }
        }
    }
    let mut files = Vec::with_capacity(formats.len());
    for (f, out) in formats.iter().zip(rendered) {
        let name = format!("{}{}", p.set.id, f.extension());
        let (bytes, warnings) = out.expect("every form is rendered in one of the two rounds");
        for w in warnings {
            progress(&Event::Note(&format!("warning: {}: {w}", config.out_dir.join(&name).display())));
        }
        files.push((name, bytes));
    }
    files.extend(qa);
    let summary = SetSummary {
        id: p.set.id.clone(),
        status: SetStatus::Aligned,
        documents: p.documents,
        stats: Some(stats),
        outputs: files.iter().map(|(name, _)| name.clone()).collect(),
        message: None,
    };
    (summary, files)
}

/// One set's rendered outputs on their way to the writer threads.
struct WriteJob {
    index: usize,
    id: String,
    files: Vec<(String, Vec<u8>)>,
}

/// Writer threads: they mostly wait for the disk (each file is synced before its rename).
const WRITERS: usize = 8;
/// Rendered sets waiting for a writer; bounds the memory they hold.
const WRITE_QUEUE: usize = 32;

/// Writes one set's files atomically; the first failure is the set's error message.
fn write_outputs(out_dir: &Path, files: &[(String, Vec<u8>)]) -> std::result::Result<(), String> {
    for (name, bytes) in files {
        crate::io::write_atomic(&out_dir.join(name), bytes)
            .map_err(|e| format!("{e}; check that the output folder is writable and has room"))?;
    }
    Ok(())
}
