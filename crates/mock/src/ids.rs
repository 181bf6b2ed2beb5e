//! Deterministic ids: GUIDs from a seed and a counter, and a small stable hash.

/// SplitMix64: a stable, well-mixed 64-bit hash step.
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over bytes: a stable hash of a string (same on every platform and build).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Formats 128 random bits as a version-4 GUID (`xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx`).
/// Written digit by digit, without `format!`: the generator makes one for every record.
pub fn guid_from_bits(hi: u64, lo: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hi = (hi & !0xf000) | 0x4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    let mut bits = (u128::from(hi) << 64) | u128::from(lo);
    let mut out = [b'-'; 36];
    for pos in (0..36).rev().filter(|p| !matches!(p, 8 | 13 | 18 | 23)) {
        out[pos] = HEX[(bits & 0xf) as usize];
        bits >>= 4;
    }
    String::from_utf8(out.to_vec()).unwrap_or_default()
}

/// The `n`-th GUID of a seed.
pub fn guid_from(seed: u64, n: u64) -> String {
    let a = mix64(seed ^ mix64(n));
    let b = mix64(a ^ 0xA5A5_A5A5_5A5A_5A5A);
    guid_from_bits(a, b)
}

/// A GUID drawn from a PRNG.
pub fn guid(rng: &mut fastrand::Rng) -> String {
    guid_from_bits(rng.u64(..), rng.u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_look_like_guids() {
        let g = guid_from(1, 2);
        assert_eq!(g.len(), 36);
        assert_eq!(&g[14..15], "4");
        assert!(matches!(&g[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(guid_from(1, 2), guid_from(1, 3));
    }

    #[test]
    fn guids_are_the_version_4_layout_of_their_bits() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..10_000 {
            let (hi, lo) = (rng.u64(..), rng.u64(..));
            let expected = format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                hi >> 32,
                (hi >> 16) & 0xffff,
                hi & 0x0fff,
                0x8000 | ((lo >> 48) & 0x3fff),
                lo & 0xffff_ffff_ffff
            );
            assert_eq!(guid_from_bits(hi, lo), expected);
        }
        assert_eq!(guid_from_bits(0, 0), "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            guid_from_bits(u64::MAX, u64::MAX),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
    }
}
