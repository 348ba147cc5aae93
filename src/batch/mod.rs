//! Aligning a whole collection of document sets (`tralign batch`): find the sets ([`discover`]: a
//! folder of `NAME.LANG.EXT` files and `NAME/LANG.EXT` folders, or a TSV manifest), keep this
//! process's [`shard`], align every set in two passes so that the aligner's lexicon is learned over
//! the whole collection ([`run`]), write each set's translation memories atomically ([`output`]) and
//! a summary of the run ([`summary`]).
//!
//! ```no_run
//! use tralign::batch::{BatchConfig, collection_from_dir, run_batch};
//!
//! let sets = collection_from_dir("pairs".as_ref())?;
//! let report = run_batch(sets, &BatchConfig::new("aligned"), &|_event| {})?;
//! println!("{} units", report.summary.totals.stats.units);
//! # Ok::<(), tralign::Error>(())
//! ```
//!
//! The library reports progress only through the callback ([`Event`]); drawing bars is the binary's job.

pub mod discover;
pub mod output;
pub mod run;
pub mod shard;
pub mod summary;

pub use discover::{DocumentSet, SetDocument, SetProblem, discover_sets, read_manifest};
pub use output::OutputFormat;
pub use run::{
    BatchConfig, BatchReport, Collection, Event, Pass, SetRun, collection_from_dir, collection_from_manifest,
    run_batch,
};
pub use shard::Shard;
pub use summary::{AlignmentStats, SetStatus, SetSummary, Settings, Summary};
