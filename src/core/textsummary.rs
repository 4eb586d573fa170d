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
}
