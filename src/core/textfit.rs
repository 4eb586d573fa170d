//! Text measurement for the diagram: an estimate of how wide a string is drawn, from the
//! advance widths of DejaVu Sans / Sans Bold / Sans Mono (the fonts `system-ui`, `sans-serif`
//! and `monospace` fall back to on Linux, and among the widest of the usual UI fonts, so an
//! estimate that fits here fits elsewhere), and shortening that keeps what tells things apart.

/// The diagram's text styles (style/main.css `.diagram .t-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// `.t-name`: 12.5 px bold
    Name,
    /// `.t-mono`: 11.5 px monospace
    Mono,
    /// `.t-small`: 11 px
    Small,
    /// `.t-badge`: 11 px bold
    Badge,
    /// `.t-region`: 12 px bold (600)
    Region,
    /// the hop label: 11.5 px monospace
    Label,
    /// the hits counter: 10.5 px bold
    Count,
    /// `.t-name-s`: a name one step smaller, 11 px bold, where the name does not fit whole in
    /// `Name` (uifix10: "kuber…tes" beside a ClusterIP badge at 360 px)
    NameSmall,
}

impl Font {
    pub fn size(self) -> f64 {
        match self {
            Font::Name => 12.5,
            Font::Mono | Font::Label => 11.5,
            Font::Small | Font::Badge | Font::NameSmall => 11.0,
            Font::Region => 12.0,
            Font::Count => 10.5,
        }
    }
    pub fn class(self) -> &'static str {
        match self {
            Font::Name => "t-name",
            Font::Mono => "t-mono",
            Font::Small => "t-small",
            Font::Badge => "t-badge",
            Font::Region => "t-region",
            Font::Label => "t-label",
            Font::Count => "t-count",
            Font::NameSmall => "t-name-s",
        }
    }
    fn bold(self) -> bool {
        matches!(self, Font::Name | Font::Badge | Font::Region | Font::Count | Font::NameSmall)
    }
    fn mono(self) -> bool {
        matches!(self, Font::Mono | Font::Label)
    }
}

/// Advance widths (1/1000 em) of ASCII 32..=126: DejaVu Sans.
const SANS: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/// DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

fn char_em(c: char, f: Font) -> f64 {
    if f.mono() {
        return 0.602;
    }
    let table = if f.bold() { &BOLD } else { &SANS };
    let em = match c as u32 {
        32..=126 => table[c as usize - 32] as f64 / 1000.0,
        0xB7 => 0.3179, // ·
        0x2026 => 1.0,  // …
        _ => 0.84,      // arrows, ✓ ✗ ≠ ⇒ and the like
    };
    // CJK and emoji are about 1 em
    if (c as u32) > 0x2E80 { em.max(1.0) } else { em }
}

/// How wide `s` is drawn in `f`, in px.
pub fn text_width(s: &str, f: Font) -> f64 {
    s.chars().map(|c| char_em(c, f)).sum::<f64>() * f.size()
}

/// `s` if it fits in `max` px, else its start and end around a "…", keeping whole segments
/// where it can: a pod's first name part and its random suffix (`web-…-6nmzf`), then as much
/// of the middle as fits.
pub fn fit_middle(s: &str, f: Font, max: f64) -> String {
    if text_width(s, f) <= max {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    // the tail to keep: the last '-' or '.' segment (with its separator), at most half the text
    let cut = chars.iter().rposition(|c| *c == '-' || *c == '.').filter(|&i| i > 0 && chars.len() - i <= chars.len() / 2 + 1);
    let tail_len = cut.map(|i| chars.len() - i).unwrap_or(chars.len() / 3);
    // The candidate `head… tail` is as wide as text_width says of it: its chars' ems summed in
    // order, times the size. The head's sums are prefix sums; the width grows with the head, so
    // the longest head that fits is found by bisection (a name of thousands of characters took
    // O(n³) here, and froze the layout: the fuzz run's hang).
    let em: Vec<f64> = chars.iter().map(|&c| char_em(c, f)).collect();
    let mut pre = Vec::with_capacity(em.len() + 1);
    pre.push(0.0f64);
    for e in &em {
        pre.push(pre[pre.len() - 1] + e);
    }
    let n = chars.len();
    let fits = |hl: usize, tl: usize| em[n - tl..].iter().fold(pre[hl] + char_em('…', f), |a, e| a + e) * f.size() <= max;
    for tl in (1..=tail_len).rev() {
        // heads 1..n-tl (exclusive), the longest that still fits with this tail
        let (mut lo, mut hi) = (1usize, n.saturating_sub(tl));
        if lo >= hi || !fits(lo, tl) {
            continue;
        }
        // invariant: fits(lo); the answer is below hi
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid, tl) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return chars[..lo].iter().collect::<String>() + "…" + &chars[n - tl..].iter().collect::<String>();
    }
    fit_end(s, f, max)
}

/// `s` if it fits, else its start and a "…" (for sentences and lists: the start carries the meaning).
pub fn fit_end(s: &str, f: Font, max: f64) -> String {
    if text_width(s, f) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let ell = text_width("…", f);
    let mut w = 0.0;
    for c in s.chars() {
        let cw = char_em(c, f) * f.size();
        if w + cw + ell > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// The first of `variants` (longest, most complete first) that fits; else the last, shortened.
pub fn fit_variants(variants: &[String], f: Font, max: f64) -> String {
    for v in variants {
        if text_width(v, f) <= max {
            return v.clone();
        }
    }
    fit_end(variants.last().map(String::as_str).unwrap_or(""), f, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fit_middle as it was: every (tail, head) candidate built and measured, O(n³).
    fn fit_middle_walk(s: &str, f: Font, max: f64) -> String {
        if text_width(s, f) <= max {
            return s.to_string();
        }
        let chars: Vec<char> = s.chars().collect();
        let cut = chars.iter().rposition(|c| *c == '-' || *c == '.').filter(|&i| i > 0 && chars.len() - i <= chars.len() / 2 + 1);
        let tail_len = cut.map(|i| chars.len() - i).unwrap_or(chars.len() / 3);
        for tl in (1..=tail_len).rev() {
            let tail: String = chars[chars.len() - tl..].iter().collect();
            for hl in (1..chars.len() - tl).rev() {
                let cand: String = chars[..hl].iter().collect::<String>() + "…" + &tail;
                if text_width(&cand, f) <= max {
                    return cand;
                }
            }
        }
        fit_end(s, f, max)
    }

    /// The bisection gives what the walk gave, for names of every shape and every width (and a
    /// name of 6,000 characters no longer takes minutes: the fuzz run's hang).
    #[test]
    fn fit_middle_bisection_is_the_walk() {
        let names = ["web-gh2v8c5d9c-6nmzf", "a", "ab", "a-b", "-x", "x-", "payments-api.shop.svc.cluster.local", "ДДД-ЖЖЖ-ййй", "iiiiiiiiiiWWWWWWWWWW-mmmm", "web…x-1", "日本語の名前-です"];
        for s in names {
            for f in [Font::Name, Font::Small, Font::Mono] {
                for max in (0..60).map(|k| k as f64 * 5.0) {
                    assert_eq!(fit_middle(s, f, max), fit_middle_walk(s, f, max), "{s} {max}");
                }
            }
        }
        let long = format!("{}-{}", "abcdefghij".repeat(600), "tail5");
        let fitted = fit_middle(&long, Font::Name, 150.0);
        assert!(fitted.ends_with("-tail5") && text_width(&fitted, Font::Name) <= 150.0, "{fitted}");
    }

    #[test]
    fn keeps_what_distinguishes_a_pod() {
        let s = "web-gh2v8c5d9c-6nmzf";
        let w = text_width(s, Font::Name);
        assert_eq!(fit_middle(s, Font::Name, w), s);
        let short = fit_middle(s, Font::Name, w * 0.7);
        assert!(short.starts_with("web-") && short.ends_with("-6nmzf"), "{short}");
        assert!(text_width(&short, Font::Name) <= w * 0.7);
        // very short: still never wider than asked
        for max in [20.0, 40.0, 60.0] {
            assert!(text_width(&fit_middle(s, Font::Name, max), Font::Name) <= max + 1e-9 || fit_middle(s, Font::Name, max).chars().count() <= 2);
        }
    }

    #[test]
    fn widths_are_monotonic_and_mono_is_fixed() {
        assert!(text_width("WWW", Font::Small) > text_width("iii", Font::Small));
        assert!((text_width("10.244.0.2", Font::Mono) - 10.0 * 0.602 * 11.5).abs() < 1e-9);
        assert_eq!(fit_end("no containerPorts · ready", Font::Small, 60.0).chars().last(), Some('…'));
    }
}
