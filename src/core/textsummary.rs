//! A one-pass summary of a big text (issue #12): bytes, lines, YAML documents and objects per
//! kind, read from the lines alone (no parse), so the page can describe a 50 MB dump at once
//! instead of drawing a highlighted line per text line. The analysis (core::analyze) stays the
//! authority; this is what the editor shows while it is hidden.

/// What `summarize` counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextSummary {
    pub bytes: usize,
    pub lines: usize,
    /// YAML documents (`---` separators; a text with content and no separator is one)
    pub documents: usize,
    /// objects per kind, most frequent first (then by name): top-level `kind:` of each
    /// document, and the `kind:` of each item of a `kind: List` (or `*List`)
    pub kinds: Vec<(String, usize)>,
}

/// The first `n` lines of `text` (a slice: no copy).
pub fn first_lines(text: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    match text.match_indices('\n').nth(n - 1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The scalar after `kind:` (quotes and a trailing comment removed), if `rest` starts with it.
fn kind_value(rest: &str) -> Option<&str> {
    let v = rest.strip_prefix("kind:")?;
    if !(v.is_empty() || v.starts_with(' ')) {
        return None;
    }
    let v = v.split(" #").next().unwrap_or("").trim();
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    (!v.is_empty()).then_some(v)
}

/// Summarise `text` in one pass over its lines.
pub fn summarize(text: &str) -> TextSummary {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    // the current document: has content, its top-level kind, its `items:` entries' kinds
    // (counted when the document ends: kubectl prints `kind: List` after `items:`)
    struct Doc<'a> {
        kind: Option<&'a str>,
        items: Vec<&'a str>,
    }
    fn flush(d: &mut Option<Doc>, kinds: &mut Vec<(String, usize)>) {
        let Some(d) = d.take() else { return };
        let mut add = |k: &str| match kinds.iter_mut().find(|(n, _)| n == k) {
            Some(e) => e.1 += 1,
            None => kinds.push((k.to_string(), 1)),
        };
        match d.kind {
            Some(k) if k == "List" || (k.ends_with("List") && !d.items.is_empty()) => d.items.iter().for_each(|k| add(k)),
            Some(k) => add(k),
            None => {}
        }
    }
    let mut lines = 0usize;
    let mut documents = 0usize;
    let mut doc: Option<Doc> = None;
    let mut in_items = false;
    let mut item_key_indent: Option<usize> = None;
    for line in text.split('\n') {
        lines += 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line == "---" || line.starts_with("--- ") || line == "..." {
            flush(&mut doc, &mut kinds);
            in_items = false;
            item_key_indent = None;
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let d = doc.get_or_insert_with(|| {
            documents += 1;
            Doc { kind: None, items: Vec::new() }
        });
        let ind = indent_of(line);
        if ind == 0 && !trimmed.starts_with("- ") {
            in_items = trimmed.starts_with("items:");
            if let Some(k) = kind_value(trimmed) {
                d.kind = Some(k);
            }
            continue;
        }
        if in_items {
            // `- kind: Pod` or `- apiVersion: v1` opens an item; its keys sit 2 past the dash
            if let Some(after) = trimmed.strip_prefix("- ") {
                let key_indent = ind + 2 + indent_of(after);
                if item_key_indent.is_none() {
                    item_key_indent = Some(key_indent);
                }
                if Some(key_indent) == item_key_indent {
                    if let Some(k) = kind_value(after.trim_start_matches(' ')) {
                        d.items.push(k);
                    }
                }
            } else if Some(ind) == item_key_indent {
                if let Some(k) = kind_value(trimmed) {
                    d.items.push(k);
                }
            }
        }
    }
    flush(&mut doc, &mut kinds);
    if text.is_empty() {
        lines = 0;
    }
    crate::core::sort::sort_by(&mut kinds, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    TextSummary { bytes: text.len(), lines, documents, kinds }
}

/// Whether `line` separates YAML documents (`---`, `--- …`, `...`).
fn is_separator(line: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    line == "---" || line.starts_with("--- ") || line == "..."
}

/// Byte offset where 1-based `line` starts (the text's length past its last line).
pub fn line_start(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    match text.match_indices('\n').nth(line as usize - 2) {
        Some((i, _)) => i + 1,
        None => text.len(),
    }
}

/// The 1-based line that byte `at` is on.
pub fn line_of(text: &str, at: usize) -> u32 {
    1 + text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u32
}

/// End of the line starting at byte `s` (its `\n`, or the text's end).
fn line_end(text: &str, s: usize) -> usize {
    text[s..].find('\n').map_or(text.len(), |i| s + i)
}

/// A piece of a big text edited on its own (ui::bigtext): the bytes `start..end` (whole lines,
/// without the last line's `\n`), whose first line is `first_line` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub first_line: u32,
}

impl Window {
    /// The 1-based line just after the window.
    pub fn next_line(&self, text: &str) -> u32 {
        self.first_line + text[self.start..self.end].matches('\n').count() as u32 + 1
    }
}

/// The window that shows 1-based `line` (clamped to the text): the YAML document around it
/// (between `---` lines), or in a `kind: List` the item around it (from its `- ` at column 0 to
/// the next line at column 0), when that is at most `max_lines` long; else `max_lines` lines
/// starting a fifth of them above `line`. Walks at most `max_lines` lines each way.
pub fn window_at(text: &str, line: u32, max_lines: u32) -> Window {
    let max_lines = max_lines.max(1);
    let line = line.clamp(1, line_of(text, text.len()));
    let s0 = line_start(text, line);
    let at = |s: usize| &text[s..line_end(text, s)];
    let fixed = || {
        let first = line.saturating_sub(max_lines / 5).max(1);
        let start = line_start(text, first);
        let mut end = line_end(text, start);
        for _ in 1..max_lines {
            if end >= text.len() {
                break;
            }
            end = line_end(text, end + 1);
        }
        Window { start, end, first_line: first }
    };
    // a separator line opens the document after it
    let (mut s, mut first) = (s0, line);
    if is_separator(at(s0)) {
        let e = line_end(text, s0);
        if e >= text.len() {
            return fixed();
        }
        s = e + 1;
        first += 1;
    }
    let target = first;
    // back to the block's first line
    let mut steps = 0;
    loop {
        let cur = at(s);
        if s == 0 || cur.starts_with("- ") || cur == "-" {
            break;
        }
        let p = text[..s - 1].rfind('\n').map_or(0, |i| i + 1);
        if is_separator(at(p)) {
            break;
        }
        s = p;
        first -= 1;
        steps += 1;
        if steps > max_lines {
            return fixed();
        }
    }
    let item = at(s).starts_with("- ") || at(s) == "-";
    // forward to its last line
    let (mut e, mut last, mut n) = (s, first, 1u32);
    loop {
        let end = line_end(text, e);
        if end >= text.len() {
            e = text.len();
            break;
        }
        let next = &text[end + 1..line_end(text, end + 1)];
        let col0 = !next.is_empty() && !next.starts_with(' ') && !next.starts_with('#');
        if is_separator(next) || next.starts_with("- ") || next == "-" || (item && col0) {
            e = end;
            break;
        }
        e = end + 1;
        last += 1;
        n += 1;
        if n > max_lines {
            return fixed();
        }
    }
    if target > last {
        return fixed();
    }
    Window { start: s, end: e, first_line: first }
}

/// The window before `w` (None at the text's start).
pub fn window_before(text: &str, w: &Window, max_lines: u32) -> Option<Window> {
    let mut l = w.first_line.checked_sub(1).filter(|l| *l >= 1)?;
    let s = line_start(text, l);
    if is_separator(&text[s..line_end(text, s)]) {
        l = l.checked_sub(1).filter(|l| *l >= 1)?;
    }
    Some(window_at(text, l, max_lines))
}

/// The window after `w` (None at the text's end).
pub fn window_after(text: &str, w: &Window, max_lines: u32) -> Option<Window> {
    (w.end < text.len()).then(|| window_at(text, w.next_line(text), max_lines)).filter(|n| n.start > w.start)
}

/// What changed from `old` to `new`, as one replacement: `old[p..old_end]` became
/// `new[p..new_end]` (common prefix and suffix removed, cut at char boundaries). Compares in
/// blocks (memcmp), so two equal 7 MB texts cost ~1 ms.
pub fn changed_range(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let n = a.len().min(b.len());
    const BLOCK: usize = 4096;
    let mut p = 0;
    while p + BLOCK <= n && a[p..p + BLOCK] == b[p..p + BLOCK] {
        p += BLOCK;
    }
    while p < n && a[p] == b[p] {
        p += 1;
    }
    while !(old.is_char_boundary(p) && new.is_char_boundary(p)) {
        p -= 1;
    }
    let room = n - p;
    let mut s = 0;
    while s + BLOCK <= room && a[a.len() - s - BLOCK..a.len() - s] == b[b.len() - s - BLOCK..b.len() - s] {
        s += BLOCK;
    }
    while s < room && a[a.len() - 1 - s] == b[b.len() - 1 - s] {
        s += 1;
    }
    while !(old.is_char_boundary(a.len() - s) && new.is_char_boundary(b.len() - s)) {
        s -= 1;
    }
    (p, a.len() - s, b.len() - s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_and_kinds_not_nested_kinds() {
        let t = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n# c\napiVersion: v1\nkind: Pod\nmetadata:\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n---\n\nkind: Pod\n";
        let s = summarize(t);
        assert_eq!(s.bytes, t.len());
        assert_eq!(s.lines, 16);
        assert_eq!(s.documents, 3);
        assert_eq!(s.kinds, vec![("Pod".to_string(), 2), ("Service".to_string(), 1)]);
    }

    #[test]
    fn counts_the_items_of_a_list_as_kubectl_get_prints_it() {
        let t = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    ownerReferences:\n    - kind: ReplicaSet\n- kind: Service\n  metadata: {}\n- apiVersion: v1\n  kind: \"Pod\"   # quoted\nkind: List\nmetadata: {}\n";
        let s = summarize(t);
        assert_eq!(s.documents, 1);
        assert_eq!(s.kinds, vec![("Pod".to_string(), 2), ("Service".to_string(), 1)]);
    }

    #[test]
    fn the_bench_dump_shape_is_counted() {
        // tools/bench_dump.py writes documents separated by `---` and `kind: List` variants
        let mut t = String::new();
        for i in 0..30 {
            t.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n"));
        }
        let s = summarize(&t);
        assert_eq!((s.documents, s.kinds.clone()), (30, vec![("Pod".to_string(), 30)]));
    }

    #[test]
    fn first_lines_is_a_prefix() {
        assert_eq!(first_lines("a\nb\nc", 2), "a\nb");
        assert_eq!(first_lines("a\nb", 5), "a\nb");
        assert_eq!(first_lines("a", 0), "");
        assert_eq!(summarize("").lines, 0);
        assert_eq!(summarize("").documents, 0);
    }
    #[test]
    fn lines_and_offsets() {
        let t = "a\nbb\n\nccc";
        assert_eq!((line_start(t, 1), line_start(t, 2), line_start(t, 4), line_start(t, 9)), (0, 2, 6, t.len()));
        assert_eq!((line_of(t, 0), line_of(t, 2), line_of(t, 6), line_of(t, 99)), (1, 2, 4, 4));
    }

    fn shown(t: &str, w: Window) -> (&str, u32) {
        (&t[w.start..w.end], w.first_line)
    }

    #[test]
    fn the_window_is_the_document_around_the_line() {
        let t = "kind: Service\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b\n---\nkind: Pod\n";
        assert_eq!(shown(t, window_at(t, 2, 100)), ("kind: Service\nmetadata:\n  name: a", 1));
        assert_eq!(shown(t, window_at(t, 7, 100)), ("kind: Pod\nmetadata:\n  name: b", 5));
        // a separator opens the document after it; past the end is the last line's
        assert_eq!(shown(t, window_at(t, 4, 100)), ("kind: Pod\nmetadata:\n  name: b", 5));
        assert_eq!(shown(t, window_at(t, 9, 100)), ("kind: Pod\n", 9));
        assert_eq!(window_at(t, 99, 100), window_at(t, 10, 100));
        // next and previous skip the separators
        let w = window_at(t, 5, 100);
        assert_eq!(shown(t, window_after(t, &w, 100).unwrap()), ("kind: Pod\n", 9));
        assert_eq!(shown(t, window_before(t, &w, 100).unwrap()), ("kind: Service\nmetadata:\n  name: a", 1));
        assert_eq!(window_before(t, &window_at(t, 1, 100), 100), None);
        assert_eq!(window_at(t, 3, 100).next_line(t), 4);
    }

    #[test]
    fn in_a_list_the_window_is_the_item() {
        let t = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - name: c\n- kind: Service\n  metadata: {}\nkind: List\n";
        assert_eq!(shown(t, window_at(t, 6, 100)), ("- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - name: c", 3));
        assert_eq!(shown(t, window_at(t, 8, 100)), ("- kind: Service\n  metadata: {}", 8));
    }

    #[test]
    fn a_long_block_gets_a_fixed_window() {
        let t: String = (1..=50).map(|i| format!("k{i}: v\n")).collect();
        let w = window_at(&t, 30, 10);
        assert_eq!(w.first_line, 28);
        assert_eq!(&t[w.start..w.end], (28..=37).map(|i| format!("k{i}: v")).collect::<Vec<_>>().join("\n"));
        assert_eq!(window_at(&t, 1, 10).first_line, 1);
        assert_eq!(window_at("", 5, 10), Window { start: 0, end: 0, first_line: 1 });
    }

    #[test]
    fn changed_range_is_one_replacement_at_char_boundaries() {
        assert_eq!(changed_range("abcdef", "abXYef"), (2, 4, 4));
        assert_eq!(changed_range("abc", "abc"), (3, 3, 3));
        assert_eq!(changed_range("aaa", "aaaa"), (3, 3, 4));
        assert_eq!(changed_range("", "x"), (0, 0, 1));
        // é and è share their first UTF-8 byte: the cut stays before it
        assert_eq!(changed_range("xéy", "xèy"), (1, 3, 3));
        let big = "line\n".repeat(200_000);
        let mut edited = big.clone();
        edited.insert(500_000, '€');
        let (p, oe, ne) = changed_range(&big, &edited);
        assert_eq!((p, oe, &edited[p..ne]), (500_000, 500_000, "€"));
        let mut applied = big.clone();
        applied.replace_range(p..oe, &edited[p..ne]);
        assert_eq!(applied, edited);
    }
}
