//! Helpers for the integration tests: running the binary, temporary folders, and the external
//! readers (xmllint against the official TMX DTD, translate-toolkit in the repo's `.venv`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
pub const DTD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench-data/tmx/tmx14.dtd");
pub const SHARED_TMX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench-data/tmx");

/// `tralign` with a fixed SOURCE_DATE_EPOCH, run from the repository root.
pub fn tralign() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tralign"));
    c.current_dir(MANIFEST).env("SOURCE_DATE_EPOCH", "1714137000");
    c
}

/// Runs `tralign ARGS`, asserts success, returns the output.
pub fn run_ok(args: &[&str]) -> Output {
    let out = tralign().args(args).output().expect("run tralign");
    assert!(
        out.status.success(),
        "tralign {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `tralign ARGS`, asserts exit code 2, returns stderr.
pub fn run_err(args: &[&str]) -> String {
    let out = tralign().args(args).output().expect("run tralign");
    assert_eq!(
        out.status.code(),
        Some(2),
        "tralign {args:?} should fail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty folder for one test.
pub fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn xmllint() -> Command {
    let probe = Command::new("xmllint").arg("--version").output();
    assert!(
        probe.is_ok(),
        "xmllint is not installed: it validates the TMX tralign writes. Install Debian's libxml2-utils \
         (apt-get update && apt-get install -y libxml2-utils); .ci/run does this"
    );
    Command::new("xmllint")
}

/// Asserts that `path` validates against the official TMX 1.4 DTD and that no tuv lacks xml:lang.
pub fn assert_valid_tmx(path: &Path) {
    assert!(
        Path::new(DTD).is_file(),
        "{DTD} is missing: the tests need shared/bench-data/tmx/tmx14.dtd beside the repository"
    );
    let out = xmllint().args(["--noout", "--dtdvalid", DTD]).arg(path).output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{} does not validate against tmx14.dtd:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = xmllint().args(["--xpath", "count(//tuv[not(@xml:lang)])"]).arg(path).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "{}: a tuv without xml:lang",
        path.display()
    );
}

/// The Python of the repository's `.venv` that has translate-toolkit.
pub fn venv_python() -> PathBuf {
    let py = Path::new(MANIFEST).join(".venv/bin/python");
    assert!(
        py.is_file(),
        "{} is missing: the tests read tralign's TMX with translate-toolkit. Create it with \
         `python3 -m venv .venv && .venv/bin/pip install translate-toolkit` (.ci/run does this)",
        py.display()
    );
    py
}

/// Parses JSON text.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", &text[..text.len().min(300)]))
}
