//! Terminal sizes for the tests that render a screen at many sizes.

/// The sizes to render at: a sample, not every size (rendering every one
/// took half the test suite's time). Every size up to 20 × 10, where a
/// layout runs out of room and most bugs are; the sizes a screen changes
/// its layout at (`widths` against `heights`, and each against a few
/// ordinary sizes); and 40 more, drawn up to 160 × 50 with a fixed seed,
/// so that every run renders the same ones and a failure is found again.
pub fn sizes(widths: &[u16], heights: &[u16]) -> Vec<(u16, u16)> {
    let mut sizes = Vec::new();
    for w in 0..=20 {
        for h in 0..=10 {
            sizes.push((w, h));
        }
    }
    let widths = widths.iter().copied().chain([0, 40, 80, 130]);
    let heights: Vec<u16> = heights.iter().copied().chain([0, 12, 24, 45]).collect();
    for w in widths {
        for &h in &heights {
            sizes.push((w, h));
        }
    }
    // SplitMix64.
    let mut state: u64 = 0x6f6f_6773_7400;
    for _ in 0..40 {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        sizes.push(((z % 161) as u16, ((z >> 32) % 51) as u16));
    }
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}
