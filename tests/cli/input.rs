//! The input layer as a user meets it through the binary: encodings, binary and empty files, stdin,
//! exit codes and the one-line errors.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::tmp;

fn tralign() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tralign"))
}

/// Writes `bytes` to a file `name` in a fresh folder for the test `test`.
fn temp_file(test: &str, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = tmp(test).join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn windows_1251_and_koi8r_files_are_decoded() {
    let text = "Министр провёл переговоры в Москве. Стороны договорились о новых шагах.";
    for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
        let (bytes, _, _) = enc.encode(text);
        let p = temp_file("input-1", "doc.ru.txt", &bytes);
        let out = tralign().arg("segment").arg(&p).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            s.lines().collect::<Vec<_>>(),
            text.split_inclusive(". ").map(str::trim).collect::<Vec<_>>()
        );
    }
}

#[test]
fn utf16_with_bom_and_crlf() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "First line.\r\n\r\nSecond paragraph.\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = temp_file("input-2", "doc.en.txt", &bytes);
    let out = tralign().args(["segment", "--format", "jsonl"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["para"], 1);
    assert_eq!(lines[1]["text"], "Second paragraph.");
    // Offsets are chars into the decoded text (the BOM is not part of it).
    assert_eq!(lines[1]["start"], 15);
}

#[test]
fn binary_file_is_a_one_line_error_with_exit_2() {
    let p = temp_file("input-3", "photo.en.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let out = tralign().arg("segment").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("tralign: error: ") && err.contains("photo.en.txt") && err.contains("binary"));
    assert!(out.stdout.is_empty());
}

#[test]
fn forced_encoding_that_does_not_fit_is_an_error() {
    let p = temp_file("input-4", "doc.ru.txt", &[0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
    let out = tralign().args(["segment", "--encoding", "utf-8"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding"));
    let out = tralign().args(["segment", "--encoding", "windows-1251"]).arg(&p).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Привет\n");
    let out = tralign().args(["segment", "--encoding", "no-such"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn empty_file_gives_empty_output_and_success() {
    let p = temp_file("input-5", "empty.en.txt", b"");
    let out = tralign().arg("segment").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file_names_the_path() {
    let out = tralign().args(["segment", "/no/such/dir/doc.en.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/dir/doc.en.txt"));
}

#[test]
fn stdin_and_language_guess_note() {
    let mut child = tralign()
        .args(["segment", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("Это первое предложение. Это второе.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    assert!(String::from_utf8(out.stderr).unwrap().contains("guessed as 'ru'"));
}

#[test]
fn unknown_language_falls_back_with_a_note() {
    let p = temp_file("input-6", "doc.txt", "Das ist gut. Wir gehen.".as_bytes());
    let out = tralign().args(["segment", "--lang", "de"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("generic rules"));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[test]
fn bad_json_in_stream_mode_names_the_line() {
    let mut child = tralign()
        .args(["segment", "--lang", "en", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"id\": 1, \"text\": \"Fine.\"}\n{oops\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains(":2:"));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "{\"id\":1,\"sentences\":[\"Fine.\"]}\n");
}

#[test]
fn closed_pipe_is_not_an_error() {
    let text = "A sentence here. ".repeat(200_000);
    let p = temp_file("input-7", "big.en.txt", text.as_bytes());
    let mut child =
        tralign().arg("segment").arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_output_path_that_cannot_be_written_says_so_as_output() {
    // Nothing can be created in /proc, not even by root: the error names the output path and says
    // what to do about an output (not the hint for a missing input).
    let p = temp_file("unwritable-output", "doc.en.txt", b"One sentence. Another one.\n");
    for extra in [&[][..], &["--jsonl", "--lang", "en"][..]] {
        let out = tralign()
            .arg("segment")
            .args(if extra.is_empty() { vec![p.to_str().unwrap()] } else { extra.to_vec() })
            .args(["-o", "/proc/tralign-no-such-file.txt"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("/proc/tralign-no-such-file.txt"), "{err}");
        assert!(err.contains("output path") && !err.contains("standard input"), "{err}");
    }
}

#[test]
fn output_file_is_complete_or_absent() {
    let d = tmp("input-atomic");
    let out_path = d.join("out.txt");
    let out = tralign().args(["segment", "/no/such.en.txt", "-o"]).arg(&out_path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_path.exists());
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 0, "no temporary file left behind");
}
