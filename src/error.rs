//! The library's one error type: what went wrong (a kind), which file and line it concerns, and a
//! message that says what to do next. The binary prints it once as `tralign: error: …` and exits 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of failure an [`Error`] is; callers match on this, people read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file could not be opened, read or written.
    Io,
    /// The bytes are not text (NUL bytes) or cannot be decoded in any supported encoding.
    Decode,
    /// Input that is text but not in the expected shape (bad JSON, bad TMX, bad dictionary line).
    Parse,
    /// A command-line value or option combination that cannot work.
    Usage,
}

/// A library error: a kind, the path and line it concerns (when known) and a message.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, path: None, line: None, message: message.into() }
    }

    /// Attach the file the error concerns (`-` names standard input).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Attach a 1-based line number.
    pub fn with_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        let path = path.as_ref();
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => " (check the path; use - for standard input)",
            std::io::ErrorKind::PermissionDenied => " (check the file's permissions)",
            _ => "",
        };
        Error::new(ErrorKind::Io, format!("{err}{hint}")).with_path(path)
    }

    /// An error writing `path` (an output file or the folder it goes in), with a hint about output.
    pub fn io_write(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => {
                " (cannot write there: check the output path; use -o - for standard output)"
            }
            std::io::ErrorKind::PermissionDenied => {
                " (no permission to write there: choose another output path)"
            }
            std::io::ErrorKind::StorageFull => " (the disk is full: free some space or write elsewhere)",
            std::io::ErrorKind::ReadOnlyFilesystem => " (a read-only file system: write elsewhere)",
            _ => "",
        };
        Error::new(ErrorKind::Io, format!("{err}{hint}")).with_path(path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: {}", display_path(p), l, self.message),
            (Some(p), None) => write!(f, "{}: {}", display_path(p), self.message),
            (None, Some(l)) => write!(f, "line {}: {}", l, self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

fn display_path(p: &Path) -> String {
    if p.as_os_str() == "-" { "<stdin>".to_string() } else { p.display().to_string() }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
