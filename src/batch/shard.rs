//! Splitting a collection between machines or processes: `--shard k/N` keeps the sets whose id hashes
//! to `k - 1` modulo `N` (64-bit FNV-1a of the id's UTF-8 bytes). A set's shard depends on its id
//! alone, so it stays in the same shard when sets are added or removed and whichever listing each
//! machine sees; the shards of `1/N … N/N` together cover every set exactly once.

use std::fmt;
use std::str::FromStr;

/// The `k`-th (1-based) of `count` shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Whether the set named `id` belongs to this shard.
    pub fn contains(&self, id: &str) -> bool {
        shard_of(id, self.count) == self.index
    }
}

/// The 1-based shard of `count` that the set `id` falls in.
pub fn shard_of(id: &str, count: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash % count.max(1) + 1
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}': write the shard as k/N with 1 ≤ k ≤ N, e.g. 2/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        assert!("2".parse::<Shard>().is_err());
        assert_eq!(Shard { index: 1, count: 3 }.to_string(), "1/3");
    }

    #[test]
    fn the_hash_is_fixed() {
        // FNV-1a 64 test vectors: a change here would move sets between shards of existing runs.
        assert_eq!(shard_of("", 1000), 38); // 0xcbf29ce484222325 % 1000 + 1
        assert_eq!(shard_of("a", 1000), 997); // 0xaf63dc4c8601ec8c % 1000 + 1
    }

    proptest! {
        #[test]
        fn shards_partition_the_sets(ids in proptest::collection::btree_set("[a-z0-9-]{1,12}", 0..60), n in 1u64..9) {
            for id in &ids {
                let owners = (1..=n).filter(|&k| Shard { index: k, count: n }.contains(id)).count();
                prop_assert_eq!(owners, 1);
            }
        }
    }
}
