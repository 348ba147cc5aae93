//! # tralign — sentence alignment of parallel documents into translation memories
//!
//! The pipeline, one module per stage:
//!
//! bytes → [`text`] (decode any common encoding, cut paragraphs) → [`segment`] (sentences with their
//! original text and char offsets) → [`align`] (length + similarity model, banded dynamic
//! programming, two or three languages) → [`tm`] (units as TMX-style JSON, TMX, JSON Lines …) →
//! files ([`io`]).
//!
//! ```
//! use tralign::{align, segment, text::ParagraphMode};
//!
//! let en = "We held talks. They went well.";
//! let ru = "Мы провели переговоры. Они прошли хорошо.";
//! let en_s = segment::segment_document(en, ParagraphMode::Blank, &segment::Segmenter::new("en"));
//! let ru_s = segment::segment_document(ru, ParagraphMode::Blank, &segment::Segmenter::new("ru"));
//! let alignment = align::align_documents(
//!     &[align::AlignInput { lang: "en", sentences: &en_s }, align::AlignInput { lang: "ru", sentences: &ru_s }],
//!     &align::AlignConfig::default(),
//! );
//! assert_eq!(alignment.beads.len(), 2);
//! ```
//!
//! Offsets are half-open ranges of Unicode scalar values (Rust `chars()` positions) into the decoded
//! text, before any normalisation. The library never prints and never exits: errors are
//! [`error::Error`] values with a kind, a path and a message that says what to do.

pub mod align;
pub mod batch;
pub mod check;
pub mod error;
pub mod io;
pub mod lang;
pub mod segment;
pub mod text;
pub mod tm;

pub use error::{Error, ErrorKind, Result};
