//! `tralign batch` end to end: discovery, manifests, shards, failures that do not stop the run,
//! up-to-date skipping, atomic outputs, and the committed `aligned/` folder being exactly what the
//! README's main command writes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh folder under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "tralign-batch-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tralign(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the tralign binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn summary(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `id → status` of a summary.json.
fn statuses(summary: &Value) -> Vec<(String, String)> {
    summary["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s["status"].as_str().unwrap().to_string()))
        .collect()
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

const EN: &str = "The talks went well. Both sides signed the agreement.\n\nThe next meeting is in May.\n";
const RU: &str =
    "Переговоры прошли хорошо. Стороны подписали соглашение.\n\nСледующая встреча состоится в мае.\n";
const ES: &str =
    "Las conversaciones fueron bien. Ambas partes firmaron el acuerdo.\n\nLa próxima reunión será en mayo.\n";

#[test]
fn discovers_name_lang_ext_groups_and_folders_and_skips_single_languages() {
    let t = TempDir::new("discover");
    t.write("in/talks.en.txt", EN);
    t.write("in/talks.ru.txt", RU);
    t.write("in/trio/en.txt", EN);
    t.write("in/trio/ru.txt", RU);
    t.write("in/trio/es.txt", ES);
    t.write("in/trio/notes.md", "not a document");
    t.write("in/lonely.en.txt", EN);
    t.write("in/README.md", "# about these files\n");
    t.write("in/empty-folder/readme", "nothing here");
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "--date", "20250101T000000Z"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&t.0.join("out/summary.json"));
    assert_eq!(
        statuses(&s),
        [
            ("lonely".into(), "skipped".into()),
            ("talks".into(), "aligned".into()),
            ("trio".into(), "aligned".into())
        ]
    );
    assert!(stderr(&o).contains("skipped set lonely: only one language (en)"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("README"), "README.md must be ignored quietly: {}", stderr(&o));
    let trio = &s["sets"][2];
    let langs: Vec<&str> =
        trio["documents"].as_array().unwrap().iter().map(|d| d["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["en", "es", "ru"]);
    assert_eq!(trio["documents"][0]["sentences"], 3);
    assert_eq!(
        files_in(&t.0.join("out")),
        ["summary.json", "talks.tmx", "talks.tmx.json", "trio.tmx", "trio.tmx.json"].map(String::from).into()
    );
    let tm: Value = serde_json::from_slice(&std::fs::read(t.0.join("out/trio.tmx.json")).unwrap()).unwrap();
    assert_eq!(tm["header"]["creationdate"], "20250101T000000Z");
    assert_eq!(tm["body"][0]["tuid"], "trio:1");
    assert_eq!(tm["body"][0]["tuv"].as_array().unwrap().len(), 3);
    assert_eq!(s["totals"]["units"], 6);
    // The default forms are tmx-json and TMX.
    let tmx = std::fs::read_to_string(t.0.join("out/trio.tmx")).unwrap();
    assert!(tmx.contains("<tmx version=\"1.4\">") && tmx.contains("tuid=\"trio:1\""), "{tmx}");
    assert_eq!(s["sets"][2]["outputs"], serde_json::json!(["trio.tmx.json", "trio.tmx"]));
}

#[test]
fn reads_a_manifest_with_a_language_header() {
    let t = TempDir::new("manifest");
    t.write("docs/a-ru.txt", RU);
    t.write("docs/a-en.txt", EN);
    t.write("docs/a-es.txt", ES);
    t.write("docs/b-en.txt", EN);
    t.write("docs/b-es.txt", ES);
    t.write("docs/c-en.txt", EN);
    t.write(
        "docs/sets.tsv",
        "# sets of the spring release\nid\tru\ten\tes\nalpha\ta-ru.txt\ta-en.txt\ta-es.txt\nbeta\t\tb-en.txt\tb-es.txt\ngamma\t\tc-en.txt\n",
    );
    let o = tralign(
        &t.0,
        &["batch", "--manifest", "docs/sets.tsv", "-o", "out", "-f", "ladder", "-f", "tmx-json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = summary(&t.0.join("out/summary.json"));
    assert_eq!(
        statuses(&s),
        [
            ("alpha".into(), "aligned".into()),
            ("beta".into(), "aligned".into()),
            ("gamma".into(), "skipped".into())
        ]
    );
    // The header's order is the language order; paths are relative to the manifest's folder.
    let alpha = &s["sets"][0]["documents"];
    assert_eq!((alpha[0]["lang"].as_str(), alpha[0]["path"].as_str()), (Some("ru"), Some("docs/a-ru.txt")));
    assert_eq!(alpha[2]["lang"], "es");
    // A ladder for the two-language set only.
    assert_eq!(
        files_in(&t.0.join("out")),
        ["alpha.tmx.json", "beta.ladder", "beta.tmx.json", "summary.json"].map(String::from).into()
    );
    let ladder = std::fs::read_to_string(t.0.join("out/beta.ladder")).unwrap();
    let first = ladder.lines().next().unwrap_or_default();
    let score: f64 = first.strip_prefix("[0]:[0]:").and_then(|s| s.parse().ok()).unwrap_or(-1.0);
    assert!((0.0..=1.0).contains(&score), "first ladder line {first:?}");

    t.write("bad.tsv", "id\tru\ten\nx\ta\tb\tc\n");
    let o = tralign(&t.0, &["batch", "--manifest", "bad.tsv", "-o", "out2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.tsv:2:"), "{}", stderr(&o));
}

#[test]
fn shards_cover_every_set_exactly_once() {
    let t = TempDir::new("shards");
    let ids: Vec<String> = (0..12).map(|i| format!("set-{i:02}")).collect();
    for id in &ids {
        t.write(&format!("in/{id}.en.txt"), EN);
        t.write(&format!("in/{id}.es.txt"), ES);
    }
    let mut seen = Vec::new();
    for k in 1..=3 {
        let o = tralign(&t.0, &["batch", "in", "-o", "out", "--shard", &format!("{k}/3")]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let s = summary(&t.0.join(format!("out/summary.{k}-of-3.json")));
        seen.extend(statuses(&s).into_iter().map(|(id, _)| id));
    }
    seen.sort();
    assert_eq!(seen, ids);
    let tms = files_in(&t.0.join("out")).into_iter().filter(|f| f.ends_with(".tmx.json")).count();
    assert_eq!(tms, 12);
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "--shard", "4/3"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_bad_set_is_reported_and_the_others_are_written_exit_2() {
    let t = TempDir::new("bad");
    t.write("in/good.en.txt", EN);
    t.write("in/good.ru.txt", RU);
    t.write("in/binary.en.txt", EN);
    t.write("in/binary.ru.txt", b"PK\x03\x04\x00\x00\x01\x02binary\x00\x00");
    t.write("in/hollow.en.txt", EN);
    t.write("in/hollow.es.txt", " \n\n");
    let o = tralign(&t.0, &["batch", "in", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("set binary: in/binary.ru.txt:"), "{err}");
    assert!(err.contains("set hollow: in/hollow.es.txt: has no sentences"), "{err}");
    let s = summary(&t.0.join("out/summary.json"));
    assert_eq!(
        statuses(&s),
        [
            ("binary".into(), "failed".into()),
            ("good".into(), "aligned".into()),
            ("hollow".into(), "failed".into())
        ]
    );
    assert!(s["sets"][0]["message"].as_str().unwrap().contains("binary"));
    assert_eq!(
        files_in(&t.0.join("out")),
        ["good.tmx", "good.tmx.json", "summary.json"].map(String::from).into()
    );
}

#[test]
fn an_output_path_that_is_a_file_is_one_error_before_any_work() {
    let t = TempDir::new("out-file");
    t.write("in/good.en.txt", EN);
    t.write("in/good.ru.txt", RU);
    t.write("taken.txt", "not a folder");
    let o = tralign(&t.0, &["batch", "in", "-o", "taken.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("taken.txt: is a file, not a folder; -o names the folder"), "{err}");
    assert_eq!(std::fs::read_to_string(t.0.join("taken.txt")).unwrap(), "not a folder");
}

/// In a collection of more than a few hundred sets, pass 1 only reads most of them (it segments and
/// aligns a sample): bad sets are reported the same whether they were sampled or not (each kind of
/// fault is in two neighbouring sets, so one of them is outside the sample).
#[test]
fn bad_sets_in_a_large_collection_are_reported_whether_sampled_or_not() {
    let t = TempDir::new("bad-large");
    for k in 0..300 {
        t.write(&format!("in/s{k:03}.en.txt"), format!("Item {k} is ready. It ships today."));
        t.write(&format!("in/s{k:03}.ru.txt"), format!("Позиция {k} готова. Она отправляется сегодня."));
    }
    for id in ["s100b", "s100c"] {
        t.write(&format!("in/{id}.en.txt"), EN);
        t.write(&format!("in/{id}.ru.txt"), b"PK\x03\x04\x00\x00\x01\x02binary\x00\x00");
    }
    for id in ["s200b", "s200c"] {
        t.write(&format!("in/{id}.en.txt"), EN);
        t.write(&format!("in/{id}.ru.txt"), " \n\n");
    }
    let o = tralign(&t.0, &["batch", "in", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for id in ["s100b", "s100c"] {
        assert!(err.contains(&format!("set {id}: in/{id}.ru.txt:")), "{err}");
    }
    for id in ["s200b", "s200c"] {
        assert!(err.contains(&format!("set {id}: in/{id}.ru.txt: has no sentences")), "{err}");
    }
    let s = summary(&t.0.join("out/summary.json"));
    let failed: Vec<String> =
        statuses(&s).into_iter().filter(|(_, status)| status == "failed").map(|(id, _)| id).collect();
    assert_eq!(failed, ["s100b", "s100c", "s200b", "s200c"]);
    let written = files_in(&t.0.join("out"));
    assert_eq!(written.len(), 300 * 2 + 1);
    assert!(written.contains("s299.tmx") && !written.contains("s100b.tmx"));
}

#[test]
fn up_to_date_sets_are_skipped_unless_forced() {
    let t = TempDir::new("uptodate");
    t.write("in/a.en.txt", EN);
    t.write("in/a.ru.txt", RU);
    t.write("in/b.en.txt", EN);
    t.write("in/b.es.txt", ES);
    let args = ["batch", "in", "-o", "out", "--date", "20250101T000000Z"];
    let o = tralign(&t.0, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first_summary = std::fs::read(t.0.join("out/summary.json")).unwrap();
    let mtime = |f: &str| std::fs::metadata(t.0.join("out").join(f)).unwrap().modified().unwrap();
    let (a0, b0) = (mtime("a.tmx.json"), mtime("b.tmx.json"));

    let o = tralign(&t.0, &args);
    assert!(stderr(&o).contains("0 aligned, 2 up to date"), "{}", stderr(&o));
    assert_eq!((mtime("a.tmx.json"), mtime("b.tmx.json")), (a0, b0));
    assert_eq!(std::fs::read(t.0.join("out/summary.json")).unwrap(), first_summary);

    // A newer input makes its set stale, and only that one.
    std::thread::sleep(std::time::Duration::from_millis(20));
    t.write("in/a.ru.txt", RU);
    let o = tralign(&t.0, &args);
    assert!(stderr(&o).contains("1 aligned, 1 up to date"), "{}", stderr(&o));
    assert!(mtime("a.tmx.json") > a0);
    assert_eq!(mtime("b.tmx.json"), b0);

    let mut forced = args.to_vec();
    forced.push("--force");
    let o = tralign(&t.0, &forced);
    assert!(stderr(&o).contains("2 aligned, 0 up to date"), "{}", stderr(&o));
    assert!(mtime("b.tmx.json") > b0);

    // Other settings than the date's: every set again.
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "--max-bead", "2"]);
    assert!(stderr(&o).contains("2 aligned, 0 up to date"), "{}", stderr(&o));
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "--max-bead", "2", "--gap-cost", "3"]);
    assert!(stderr(&o).contains("2 aligned, 0 up to date"), "{}", stderr(&o));
    assert_eq!(summary(&t.0.join("out/summary.json"))["settings"]["gap_cost"], 3.0);
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "--max-bead", "2", "--gap-cost", "3"]);
    assert!(stderr(&o).contains("0 aligned, 2 up to date"), "{}", stderr(&o));
}

#[test]
fn outputs_are_atomic_and_leave_no_temporary_files() {
    let t = TempDir::new("atomic");
    t.write("in/a.en.txt", EN);
    t.write("in/a.ru.txt", RU);
    t.write("in/b.en.txt", EN);
    t.write("in/b.ru.txt", RU);
    // b's output path is taken by a folder: its write fails, a's does not.
    std::fs::create_dir_all(t.0.join("out/b.tmx.json/inner")).unwrap();
    let o = tralign(&t.0, &["batch", "in", "-o", "out", "-j", "2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("set b: out/b.tmx.json"), "{}", stderr(&o));
    let left: Vec<String> = files_in(&t.0.join("out")).into_iter().filter(|f| f.contains(".tmp-")).collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert_eq!(
        files_in(&t.0.join("out")),
        ["a.tmx", "a.tmx.json", "b.tmx.json", "summary.json"].map(String::from).into()
    );
    assert!(t.0.join("out/b.tmx.json").is_dir());
}

/// The README's first set-up command is the main job; the committed `aligned/` must be exactly what
/// it writes (regenerate with that command plus `--force` after changing the aligner).
#[test]
fn committed_aligned_folder_is_what_the_main_command_writes() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README's set-up block starts with the main command");
    let line = line.split(" #").next().unwrap().trim();
    let command = line.trim_start_matches("cargo run --release -- ");
    let mut args: Vec<String> = Vec::new();
    let mut words = command.split_whitespace();
    let mut out_dir = "aligned".to_string();
    while let Some(w) = words.next() {
        match w {
            "-o" | "--output" => out_dir = words.next().unwrap().to_string(),
            "--force" => {}
            _ => args.push(w.to_string()),
        }
    }
    assert_eq!(args.first().map(String::as_str), Some("batch"), "the main command is `batch`: {line}");
    let t = TempDir::new("committed");
    let tmp_out = t.0.join("aligned");
    args.extend(["-o".to_string(), tmp_out.display().to_string()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = tralign(Path::new(ROOT), &refs);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let committed = Path::new(ROOT).join(out_dir);
    assert_eq!(files_in(&committed), files_in(&tmp_out), "files differ; regenerate: {line} --force");
    for f in files_in(&committed) {
        assert!(
            std::fs::read(committed.join(&f)).unwrap() == std::fs::read(tmp_out.join(&f)).unwrap(),
            "{f} differs from what `{line}` writes; regenerate with `{line} --force`"
        );
    }
}

#[test]
fn qa_checks_every_set_and_records_the_findings() {
    let t = TempDir::new("qa");
    let out = t.0.join("out");
    let out_arg = out.to_str().unwrap();
    let args = ["batch", "pairs", "-o", out_arg, "--qa", "--date", "20250314T000000Z"];
    let o = tralign(Path::new(ROOT), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The Spanish press conference leaves one sentence out (pairs/README.md): the three-language
    // check finds it, in the findings file, in the TM and in the summary.
    let lines = std::fs::read_to_string(out.join("press-conference.qa.jsonl")).unwrap();
    let findings: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let omission = findings.iter().find(|f| f["check"] == "omission").expect("an omission finding");
    assert!(omission["reason"].as_str().unwrap().contains("no counterpart in es"), "{omission}");
    assert!(omission["text"]["en"].as_str().unwrap().contains("Our positions coincide"), "{omission}");
    let unit = omission["unit"].as_u64().unwrap() as usize;
    let tm: Value =
        serde_json::from_slice(&std::fs::read(out.join("press-conference.tmx.json")).unwrap()).unwrap();
    let props = tm["body"][unit - 1]["props"].as_array().unwrap();
    assert!(
        props
            .iter()
            .any(|p| p["type"] == "x-qa" && p["text"].as_str().unwrap().starts_with("omission error:")),
        "{props:?}"
    );
    let s = summary(&out.join("summary.json"));
    assert_eq!(s["settings"]["qa"], true);
    let set = s["sets"].as_array().unwrap().iter().find(|x| x["id"] == "press-conference").unwrap();
    assert_eq!(set["findings"]["omission"], findings.iter().filter(|f| f["check"] == "omission").count());
    assert!(
        set["outputs"].as_array().unwrap().iter().any(|x| x == "press-conference.qa.jsonl"),
        "{}",
        set["outputs"]
    );
    assert!(stderr(&o).contains("findings (--qa): ") && stderr(&o).contains("omission "), "{}", stderr(&o));

    // Without --qa the settings differ: every set is aligned again, and no findings are listed.
    let o = tralign(Path::new(ROOT), &["batch", "pairs", "-o", out_arg, "--date", "20250314T000000Z"]);
    assert!(stderr(&o).contains("3 aligned, 0 up to date"), "{}", stderr(&o));
    let s = summary(&out.join("summary.json"));
    assert!(s["sets"][0].get("findings").is_none() && s["settings"].get("qa").is_none(), "{s}");
}
