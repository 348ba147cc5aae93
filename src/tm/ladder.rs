//! The ladder form of a two-language alignment, as Vecalign prints it and research scorers read it:
//! one line per unit, `[i, j]:[k]:score`, 0-based sentence indices, `[]` for an empty side.

use std::fmt::Write as _;

use crate::align::Alignment;

/// Renders `alignment` (two languages) as ladder lines, each ending in `\n`.
pub fn write_ladder(alignment: &Alignment) -> String {
    let mut out = String::new();
    for bead in &alignment.beads {
        for (k, r) in bead.sents.iter().enumerate() {
            if k > 0 {
                out.push(':');
            }
            let ids: Vec<String> = r.clone().map(|i| i.to_string()).collect();
            let _ = write!(out, "[{}]", ids.join(", "));
        }
        let _ = writeln!(out, ":{:.4}", bead.score);
    }
    out
}
