//! `tralign check`: exit codes, JSON Lines findings with offsets, --allow, reading a TM, align --qa,
//! and same-language mode on the press-conference back-translation.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{read, s, tmp, tralign};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = tralign().args(args).output().expect("run tralign");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn findings(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// Two small documents with a changed number and a name left out (NATO, which the English
/// document does mention elsewhere).
fn write_pair(dir: &std::path::Path) -> (String, String) {
    let ru = dir.join("doc.ru.txt");
    let en = dir.join("doc.en.txt");
    std::fs::write(
        &ru,
        "Товарооборот вырос на 18,5%.\n\nМы говорили с Лавровым о НАТО.\n\nНАТО расширяется.\n",
    )
    .unwrap();
    std::fs::write(&en, "Trade grew by 15.8%.\n\nWe spoke with Lavrov.\n\nNATO is expanding.\n").unwrap();
    (s(&ru).to_string(), s(&en).to_string())
}

#[test]
fn json_findings_carry_unit_check_severity_offsets_and_text() {
    let dir = tmp("check-json");
    let (ru, en) = write_pair(&dir);
    let (code, out, err) = run(&["check", &ru, &en, "--format", "json"]);
    assert_eq!(code, 1, "an error-level finding exits 1: {err}");
    let f = findings(&out);
    let numbers = f.iter().find(|f| f["check"] == "numbers").expect("a numbers finding");
    assert_eq!(numbers["unit"], 1);
    assert_eq!(numbers["severity"], "error");
    // "18,5" is at chars 22..26 of the Russian file, "15.8" at 14..18 of the English one.
    assert_eq!(numbers["offsets"]["ru"], serde_json::json!([[22, 26]]));
    assert_eq!(numbers["offsets"]["en"], serde_json::json!([[14, 18]]));
    assert_eq!(numbers["text"]["en"], "Trade grew by 15.8%.");
    let names = f.iter().find(|f| f["check"] == "names").expect("a names finding");
    assert!(names["reason"].as_str().unwrap().contains("НАТО"), "{names}");
    assert_eq!(names["severity"], "warning");
}

/// The Spanish press conference leaves one sentence out (pairs/README.md).
#[test]
fn gap_cost_sets_how_readily_a_sentence_stands_alone() {
    let gaps = |extra: &[&str]| {
        let mut args =
            vec!["check", "pairs/press-conference.ru.txt", "pairs/press-conference.es.txt", "-f", "json"];
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert!(code == 0 || code == 1, "{err}");
        findings(&out).iter().filter(|f| f["check"] == "omission" || f["check"] == "addition").count()
    };
    let default = gaps(&[]);
    assert_eq!(default, 1, "the left-out sentence, and nothing else");
    assert_eq!(gaps(&["--gap-cost", "20"]), 0, "too dear: merged into a neighbour's unit");
    assert!(gaps(&["--gap-cost", "1"]) > default, "cheap: loose translations stand alone too");
    for bad in ["0", "-1", "abc", "nan", "100"] {
        let (code, _, err) = run(&[
            "check",
            "pairs/press-conference.ru.txt",
            "pairs/press-conference.es.txt",
            &format!("--gap-cost={bad}"),
        ]);
        assert_eq!(code, 2, "--gap-cost {bad}: {err}");
        assert!(err.contains("--gap-cost") && err.contains("default is 4.5"), "{err}");
    }
    // The TM records a cost other than the default, and only then.
    let header_props = |extra: &[&str]| {
        let mut args = vec!["align", "pairs/press-conference.ru.txt", "pairs/press-conference.es.txt"];
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let tm: Value = serde_json::from_str(&out).unwrap();
        tm["header"]["props"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["type"].to_string(), p["text"].to_string()))
            .collect::<Vec<_>>()
    };
    assert!(!header_props(&[]).iter().any(|(t, _)| t.contains("gap-cost")));
    assert!(
        header_props(&["--gap-cost", "3.5"]).contains(&("\"x-align-gap-cost\"".into(), "\"3.5\"".into()))
    );
}

#[test]
fn allow_silences_checks_and_fail_on_sets_the_exit_code() {
    let dir = tmp("check-allow");
    let (ru, en) = write_pair(&dir);
    let (code, out, _) = run(&["check", &ru, &en, "-f", "json", "--allow", "numbers"]);
    assert_eq!(code, 0, "only warnings remain: exit 0 at the default --fail-on error");
    assert!(findings(&out).iter().all(|f| f["check"] != "numbers"));
    let (code, _, _) = run(&["check", &ru, &en, "--allow", "numbers", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    let (code, out, _) = run(&["check", &ru, &en, "--allow", "numbers,names,punctuation", "-f", "json"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = run(&["check", &ru, &en, "--allow", "typos"]);
    assert_eq!(code, 2);
    assert!(err.contains("numbers"), "the error lists the check ids: {err}");
}

#[test]
fn human_report_marks_pieces_and_ends_with_a_summary() {
    let dir = tmp("check-human");
    let (ru, en) = write_pair(&dir);
    let (_, out, _) = run(&["check", &ru, &en]);
    assert!(out.contains("unit 1  numbers error"), "{out}");
    assert!(out.contains("Trade grew by ⟦15.8⟧%."), "plain marks when piped: {out}");
    assert!(!out.contains('\x1b'), "no colour when piped");
    let table = out.lines().skip_while(|l| !l.starts_with("check ")).collect::<Vec<_>>();
    assert!(
        table.iter().any(|l| l.starts_with("numbers") && l.split_whitespace().nth(1) == Some("1")),
        "{out}"
    );
    assert!(table.iter().any(|l| l.starts_with("total")), "{out}");
}

#[test]
fn a_tm_is_checked_like_documents_and_align_qa_annotates_units() {
    let dir = tmp("check-tm");
    let (ru, en) = write_pair(&dir);
    let tm = dir.join("tm.json");
    let (code, _, err) = run(&["align", &ru, &en, "--qa", "-o", s(&tm)]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&read(&tm)).unwrap();
    let qa: Vec<&str> = doc["body"][0]["props"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "x-qa")
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(qa.iter().any(|q| q.starts_with("numbers error: ")), "{qa:?}");
    let (code, from_tm, _) = run(&["check", s(&tm), "-f", "json"]);
    let (_, from_docs, _) = run(&["check", &ru, &en, "-f", "json"]);
    assert_eq!(code, 1);
    assert_eq!(from_tm, from_docs, "a TM with x-offsets reports the same findings and offsets");
}

/// The sentences of the back-translation whose meaning was changed on purpose (README, Checks).
const CHANGED: [&str; 5] = [
    "rose by 15.8%",
    "will be held in Moscow in the second half of September",
    "our positions do not coincide",
    "cooperation with the European Union",
    "will meet again in June",
];

#[test]
fn back_translation_changes_of_meaning_are_flagged_and_little_else() {
    let (code, out, err) = run(&[
        "check",
        "pairs/press-conference.en.txt",
        "pairs/checks/press-conference.backtranslation.en.txt",
        "-f",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    let f = findings(&out);
    let flagged: BTreeSet<u64> =
        f.iter().filter(|f| f["severity"] != "info").map(|f| f["unit"].as_u64().unwrap()).collect();
    let mut deliberate = BTreeSet::new();
    for c in CHANGED {
        let hit = f.iter().find(|f| f["text"]["en#2"].as_str().is_some_and(|t| t.contains(c)));
        let hit = hit.unwrap_or_else(|| panic!("the change {c:?} is not flagged:\n{out}"));
        deliberate.insert(hit["unit"].as_u64().unwrap());
    }
    let others: Vec<&u64> = flagged.difference(&deliberate).collect();
    assert!(others.len() <= 2, "{} other units flagged (warning or error): {others:?}\n{out}", others.len());
}
