//! Line-by-line YAML tokens for the editor's colouring (display only; the parser is `yaml`).
//! Each line becomes (class, text) runs whose texts concatenate back to the line exactly.

/// Token classes: `key`, `str`, `num`, `bool`, `null`, `comment`, `punct`, `anchor`, `plain`, `ws`.
pub fn tokens(line: &str) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    // indentation
    let ind = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if ind > 0 {
        out.push(("ws", &rest[..ind]));
        rest = &rest[ind..];
    }
    if rest.starts_with("---") || rest.starts_with("...") {
        out.push(("punct", rest));
        return out;
    }
    // sequence dashes
    while let Some(r) = rest.strip_prefix("- ").or_else(|| if rest == "-" { Some("") } else { None }) {
        let used = rest.len() - r.len();
        out.push(("punct", &rest[..used]));
        rest = r;
    }
    // comment-only line
    if rest.starts_with('#') {
        out.push(("comment", rest));
        return out;
    }
    // key: value (a plain or quoted key followed by ': ' or ':' at end)
    if let Some(k) = key_end(rest) {
        out.push(("key", &rest[..k]));
        out.push(("punct", &rest[k..k + 1]));
        rest = &rest[k + 1..];
    }
    value(rest, &mut out);
    out
}

fn key_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.is_empty() || matches!(b[0], b'{' | b'[' | b'&' | b'*' | b'|' | b'>' | b'#') {
        return None;
    }
    if b[0] == b'"' || b[0] == b'\'' {
        let q = b[0];
        let close = s[1..].find(q as char)? + 1;
        return (b.get(close + 1) == Some(&b':') && matches!(b.get(close + 2), None | Some(b' '))).then_some(close + 1);
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' && matches!(b.get(i + 1), None | Some(b' ') | Some(b'\t')) {
            return Some(i);
        }
        if b[i] == b' ' && b.get(i + 1) == Some(&b'#') {
            return None;
        }
        i += 1;
    }
    None
}

fn value<'a>(s: &'a str, out: &mut Vec<(&'static str, &'a str)>) {
    let ws = s.len() - s.trim_start().len();
    if ws > 0 {
        out.push(("ws", &s[..ws]));
    }
    let v = &s[ws..];
    if v.is_empty() {
        return;
    }
    // trailing comment
    let (body, comment) = match find_comment(v) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let trimmed = body.trim_end();
    let class = match trimmed {
        "" => "plain",
        t if t.starts_with('"') || t.starts_with('\'') => "str",
        t if t.starts_with('&') || t.starts_with('*') || t.starts_with('!') => "anchor",
        t if t.starts_with('{') || t.starts_with('[') || t == "|" || t == ">" || t.starts_with("|") || t.starts_with('>') => "punct",
        t => match super::yaml::resolve_plain(t) {
            super::yaml::Value::Bool(_) => "bool",
            super::yaml::Value::Int(_) | super::yaml::Value::Float(_) => "num",
            super::yaml::Value::Null => "null",
            super::yaml::Value::Str => "plain",
        },
    };
    if !body.is_empty() {
        out.push((class, body));
    }
    if !comment.is_empty() {
        out.push(("comment", comment));
    }
}

fn find_comment(v: &str) -> Option<usize> {
    let b = v.as_bytes();
    let (mut sq, mut dq) = (false, false);
    for i in 0..b.len() {
        match b[i] {
            b'\'' if !dq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b'#' if !sq && !dq && (i == 0 || b[i - 1] == b' ') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_rebuild_the_line_and_classify() {
        for line in ["  targetPort: 8080", "- port: 80  # the Service port", "    app: yes", "---", "  name: \"web\"", "# comment", "  - {a: 1}", "x", "  key:", "url: http://a:b"] {
            let t = tokens(line);
            assert_eq!(t.iter().map(|(_, s)| *s).collect::<String>(), line);
        }
        assert_eq!(tokens("  targetPort: 8080"), vec![("ws", "  "), ("key", "targetPort"), ("punct", ":"), ("ws", " "), ("num", "8080")]);
        assert!(tokens("    app: yes").contains(&("bool", "yes")));
        assert!(tokens("- port: 80  # the Service port").contains(&("comment", "# the Service port")));
        assert!(tokens("url: http://a:b").contains(&("plain", "http://a:b")));
    }
}
