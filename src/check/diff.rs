//! A word-level difference of two texts (longest common subsequence of their words, compared in
//! lower case): what one side has that the other does not, as char ranges, for highlighting.

use std::ops::Range;

use super::words;

/// The char ranges of the words only `a` has and of those only `b` has.
pub fn word_diff(a: &str, b: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let wa = words(a);
    let wb = words(b);
    let ka: Vec<String> = wa.iter().map(|(_, w)| w.to_lowercase()).collect();
    let kb: Vec<String> = wb.iter().map(|(_, w)| w.to_lowercase()).collect();
    let (n, m) = (ka.len(), kb.len());
    // lcs[i][j]: LCS length of ka[i..] and kb[j..]; units are sentences, so n·m stays small.
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ka[i] == kb[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
            only_a.push(wa[i].0.clone());
            i += 1;
        } else {
            only_b.push(wb[j].0.clone());
            j += 1;
        }
    }
    (only_a, only_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words() {
        let (a, b) = word_diff("We have agreed on it.", "We have not agreed on this.");
        assert_eq!(a, vec![18..20]);
        assert_eq!(b, [8..11, 22..26]);
    }
}
