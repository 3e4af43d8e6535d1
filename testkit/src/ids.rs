//! Generator of fresh vendor `RequestId`s for error answers.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Produces uuid-shaped ids (8-4-4-4-12 hex) from a seeded generator, so that a seeded run
/// gives the same ids.
#[derive(Debug)]
pub(crate) struct IdGen {
    rng: StdRng,
}

impl IdGen {
    /// A generator seeded with `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// A lowercase id, as Tencent writes them.
    pub(crate) fn lower(&mut self) -> String {
        let mut bytes = [0u8; 16];
        self.rng.fill_bytes(&mut bytes);
        let h = hex::encode(bytes);
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    /// An uppercase id, as Alibaba writes them.
    pub(crate) fn upper(&mut self) -> String {
        self.lower().to_ascii_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_reproducibility() {
        let (mut a, mut b) = (IdGen::new(7), IdGen::new(7));
        let id = a.lower();
        assert_eq!(id, b.lower());
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(id.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit()));
        assert_ne!(a.lower(), id);
        assert!(a.upper().bytes().all(|c| !c.is_ascii_lowercase()));
    }
}
