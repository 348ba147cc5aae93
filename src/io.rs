//! Writing results: to standard output (a closed pipe ends the program quietly, it is not an error)
//! or to a file written atomically — a temporary file beside the target, then a rename — so an
//! interrupted or failed run never leaves a half-written output.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically: `path.tmp-PID` in the same folder, fsync, then rename.
///
/// What is at `path` stays what it is: a device, pipe or socket (`-o /dev/null`, a named pipe) is
/// written in place, since renaming a file over it would replace it with a regular file (and
/// `/dev/null` with one that keeps everything written to it); a symbolic link is followed, so the
/// file it names is replaced and the link stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(Error::new(
                crate::error::ErrorKind::Io,
                "is a folder; name a file to write (or use batch for a folder of outputs)",
            )
            .with_path(path));
        }
        if !meta.is_file() {
            let written =
                std::fs::OpenOptions::new().write(true).open(path).and_then(|mut f| f.write_all(bytes));
            return written.map_err(|e| Error::io_write(path, e));
        }
    }
    let path = &link_target(path).map_err(|e| Error::io(path, e))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io_write(dir, e))?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io_write(path, e));
    }
    Ok(())
}

/// The file a path names once symbolic links are followed (the target need not exist yet).
fn link_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        if !std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(current);
        }
        let next = std::fs::read_link(&current)?;
        current = match current.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes `bytes` to `path`, or to standard output when `path` is `None` or `-`.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => write_atomic(p, bytes),
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|_| out.flush()).map_err(|e| Error::io_write("<stdout>", e))
        }
    }
}

/// True when an error is a closed output pipe (`tralign … | head`), which is not a failure.
pub fn is_broken_pipe(err: &Error) -> bool {
    err.kind == crate::error::ErrorKind::Io && err.message.to_lowercase().contains("broken pipe")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tralign-io-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_stays_a_link() {
        let dir = temp_dir("link");
        std::fs::write(dir.join("target.tmx"), "old").expect("write");
        std::os::unix::fs::symlink("target.tmx", dir.join("link.tmx")).expect("symlink");
        write_atomic(&dir.join("link.tmx"), b"new").expect("write through the link");
        let meta = std::fs::symlink_metadata(dir.join("link.tmx")).expect("link");
        assert!(meta.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(dir.join("target.tmx")).expect("read"), "new");
        // A link to a file not written yet: the file is created where the link points.
        std::os::unix::fs::symlink("later.tmx", dir.join("dangling.tmx")).expect("symlink");
        write_atomic(&dir.join("dangling.tmx"), b"first").expect("write through the link");
        assert_eq!(std::fs::read_to_string(dir.join("later.tmx")).expect("read"), "first");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = temp_dir("fifo");
        let fifo = dir.join("out.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo is not available; skipped");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).expect("read the pipe"))
        };
        write_atomic(&fifo, b"units").expect("write to the pipe");
        // Checked before waiting for the reader: were the pipe replaced, the reader would wait on
        // the old one for ever.
        assert!(std::fs::symlink_metadata(&fifo).expect("fifo").file_type().is_fifo());
        assert_eq!(reader.join().expect("reader"), b"units");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_folder_is_refused_with_a_clear_error() {
        let dir = temp_dir("folder");
        let err = write_atomic(&dir, b"x").expect_err("a folder is not a file");
        assert!(err.to_string().contains("is a folder"), "{err}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
