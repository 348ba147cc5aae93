//! Warnings as data: what a reader had to repair (a TMX 1.1 `lang=`, inline markup flattened, a
//! missing header attribute) or a writer had to change (characters XML 1.0 forbids). One
//! [`Warning`] per kind of deviation, with how often it happened and the first line, so a file with
//! ten thousand OmegaT units gives one line on stderr, not ten thousand. The binary prints them.

use std::fmt;

/// One kind of deviation, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A stable name for the kind (`lang-attribute`, `inline-markup`, `forbidden-char` …).
    pub kind: &'static str,
    /// How many times it happened.
    pub count: usize,
    /// The 1-based line of the first occurrence, when the input has lines.
    pub line: Option<usize>,
    /// What happened and what tralign did about it (from the first occurrence).
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        f.write_str(&self.message)?;
        if self.count > 1 {
            write!(f, " ({} times)", self.count)?;
        }
        Ok(())
    }
}

/// Collects warnings, merging those of one kind into a single counted [`Warning`] (first seen wins).
#[derive(Debug, Default)]
pub struct Warnings {
    list: Vec<Warning>,
}

impl Warnings {
    pub fn new() -> Self {
        Warnings::default()
    }

    /// Records one occurrence of `kind`; `message` is only built the first time.
    pub fn add(&mut self, kind: &'static str, line: Option<usize>, message: impl FnOnce() -> String) {
        self.add_n(kind, 1, line, message);
    }

    /// Records `n` occurrences of `kind` at once (nothing when `n` is 0).
    pub fn add_n(
        &mut self,
        kind: &'static str,
        n: usize,
        line: Option<usize>,
        message: impl FnOnce() -> String,
    ) {
        if n == 0 {
            return;
        }
        match self.list.iter_mut().find(|w| w.kind == kind) {
            Some(w) => w.count += n,
            None => self.list.push(Warning { kind, count: n, line, message: message() }),
        }
    }

    /// Adds warnings another stage produced.
    pub fn extend(&mut self, other: Vec<Warning>) {
        for w in other {
            let Warning { kind, count, line, message } = w;
            self.add_n(kind, count, line, || message);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_vec(self) -> Vec<Warning> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_kind_counted() {
        let mut w = Warnings::new();
        w.add("lang-attribute", Some(7), || "deprecated lang=".into());
        w.add("lang-attribute", Some(9), || unreachable!("built once"));
        w.add("inline-markup", None, || "inline".into());
        let v = w.into_vec();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].count, 2);
        assert_eq!(v[0].to_string(), "line 7: deprecated lang= (2 times)");
        assert_eq!(v[1].to_string(), "inline");
    }
}
