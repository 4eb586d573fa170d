//! The fast path of [`super::yaml`]: a scanner and tree builder for the block-style YAML that
//! kubectl prints and people write (block maps and sequences, plain and quoted one-line
//! scalars, comments, a leading `---`, one-line flow `[]`/`{}` of scalars, literal block
//! scalars `|` and `|-`). It builds exactly the tree granit-parser's events give (the same
//! positions, `plain` flags, YAML 1.1 typing and node counts) and *declines* — returns `None`,
//! and the chunk is parsed by granit-parser — on anything else or in any doubt: anchors,
//! aliases, tags, merge keys, complex keys, directives, `...`, tabs, CR, control characters,
//! multi-line plain or quoted scalars, folded or kept block scalars, trailing flow commas, any
//! syntax error. It never reports an error itself, so every diagnostic still comes from the
//! granit path. `tests_yamlfast` proves the equality on every preset, fixture, golden and fuzz
//! input and on mutated texts; the fuzz suite checks it on every input it makes.

use super::yaml::{resolve_plain, Node, NodeKind, Pos, Text, Value, MAX_DEPTH, MAX_NODES};

/// Parse one chunk of [`super::yaml::parse_stream`] (one document: at most a first `---` line,
/// no other document marker). `Some((root, nodes, distinct))`: the root node, the stream's node
/// count after it, and whether every mapping's keys are strings written once
/// ([`super::yaml::Document::distinct_keys`]); `None`: declined (and nothing was counted).
pub(crate) fn parse_chunk(chunk: &str, first_line: u32, nodes_so_far: usize) -> Option<(Node, usize, bool)> {
    let b = chunk.as_bytes();
    let ascii = prescan(b)?;
    // the scratch stacks of the previous document, emptied: a stream of 10,000 documents does
    // not grow two vectors from nothing 10,000 times
    let (entries, items) = SCRATCH.with(|s| s.take());
    let mut p = P { s: chunk, b, i: 0, line: 0, ls: 0, first_line, nodes: nodes_so_far, depth: 0, next: None, entries, items, col_cache: std::cell::Cell::new((usize::MAX, 0, 0)), ascii, distinct: true };
    let root = p.document();
    let (mut entries, mut items) = (std::mem::take(&mut p.entries), std::mem::take(&mut p.items));
    entries.clear();
    items.clear();
    SCRATCH.with(|s| s.set((entries, items)));
    Some((root?, p.nodes, p.distinct))
}

/// A mapping's keys are strings, each written once (compared as bytes, lengths first). Past 16
/// keys the answer is "not known" (false): the walks that need it index large maps themselves.
fn distinct_keys(entries: &[(Node, Node)]) -> bool {
    if entries.len() > 16 {
        return false;
    }
    for (i, (k, _)) in entries.iter().enumerate() {
        let NodeKind::Scalar { value: Value::Str, text, .. } = &k.kind else { return false };
        let key = text.as_bytes();
        if entries[..i].iter().any(|(e, _)| matches!(&e.kind, NodeKind::Scalar { text, .. } if text.eq_bytes(key))) {
            return false;
        }
    }
    true
}

type Scratch = (Vec<(Node, Node)>, Vec<Node>);
thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

/// Bytes and lines the fast path never reads: tabs, CR, control characters, the non-printable
/// or line-breaking code points YAML treats specially, `%` directives, `...` and further `---`
/// lines at the start of a line.
fn prescan(b: &[u8]) -> Option<bool> {
    let mut ascii = true;
    let n = b.len();
    let mut i = 0;
    while i < n {
        // a line's first byte
        let c0 = b[i];
        if c0 == b'%' || ((c0 == b'.' || (c0 == b'-' && i > 0)) && b.get(i + 1) == Some(&c0) && b.get(i + 2) == Some(&c0)) {
            return None;
        }
        // its bytes: printable ASCII (nearly all) eight at a time (no byte below 0x20 — a line
        // break among them — nor above 0x7e), then one at a time
        while i + 8 <= n {
            const ONES: u64 = 0x0101_0101_0101_0101;
            let w = super::yaml::word_at(b, i);
            if ((w.wrapping_sub(ONES * 0x20) & !w) | w.wrapping_add(ONES) | w) & (ONES << 7) != 0 {
                break;
            }
            i += 8;
        }
        while i < n {
            let c = b[i];
            i += 1;
            if (0x20..0x7f).contains(&c) {
                continue;
            }
            match c {
                b'\n' => break,
                0..=0x1f | 0x7f => return None,
                0xc2 if b.get(i).is_some_and(|&d| (0x80..=0x9f).contains(&d)) => return None,
                0xef if b.get(i) == Some(&0xbb) && b.get(i + 1) == Some(&0xbf) => return None,
                0xef if b.get(i) == Some(&0xbf) && matches!(b.get(i + 1), Some(0xbe | 0xbf)) => return None,
                0xe2 if b.get(i) == Some(&0x80) && matches!(b.get(i + 1), Some(0xa8 | 0xa9)) => return None,
                _ => ascii = false,
            }
        }
    }
    Some(ascii)
}

struct P<'a> {
    s: &'a str,
    b: &'a [u8],
    /// byte offset
    i: usize,
    /// 0-based line of `i` within the chunk
    line: u32,
    /// byte offset where that line starts
    ls: usize,
    first_line: u32,
    nodes: usize,
    depth: usize,
    /// after each node: the column (bytes = characters: indentation is spaces) of the next
    /// content line, where `i` stands, or None at the end of the chunk
    next: Option<usize>,
    /// the entries and items of the open collections, innermost last: each collection is
    /// moved out into a vector of exactly its size when it ends (no growth, no spare room)
    entries: Vec<(Node, Node)>,
    items: Vec<Node>,
    /// (line start, byte, column) of the last position computed
    col_cache: std::cell::Cell<(usize, usize, usize)>,
    /// the chunk is all ASCII: a column is the byte offset in its line
    ascii: bool,
    /// every mapping so far has string keys, each written once
    distinct: bool,
}

/// `\n`, `:` and `#`: the bytes where [`P::plain_end`] looks closer.
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b':' as usize] = true;
    t[b'#' as usize] = true;
    t
};

#[inline(always)]
fn is_sep(b: &[u8], j: usize) -> bool {
    j >= b.len() || b[j] == b' ' || b[j] == b'\n'
}

impl<'a> P<'a> {
    fn document(&mut self) -> Option<Node> {
        if self.s.starts_with("---") {
            self.i = 3;
            self.end_line()?;
            self.next = self.next_content();
        } else {
            self.next = self.content_from_line_start();
        }
        // an empty document (granit counts its implicit null, or nothing): left to granit
        self.next?;
        let root = self.node(-1, false)?;
        if self.next.is_some() {
            return None;
        }
        Some(root)
    }
    /// Line and column of byte `i` on the line `line` that starts at `ls`. Columns count
    /// characters: counted on from the last position asked on the same line, so a long line
    /// of many nodes (`[a,a,a,…]`) costs linear time, not quadratic.
    fn pos_at(&self, line: u32, ls: usize, i: usize) -> Pos {
        if self.ascii {
            return Pos { line: self.first_line + line, column: (i - ls) as u32 + 1 };
        }
        let (cls, ci, ccol) = self.col_cache.get();
        let (from, col0) = if cls == ls && ci <= i { (ci, ccol) } else { (ls, 0) };
        let part = &self.s[from..i];
        let col = col0 + if part.is_ascii() { part.len() } else { part.chars().count() };
        self.col_cache.set((ls, i, col));
        Pos { line: self.first_line + line, column: col as u32 + 1 }
    }
    fn pos(&self) -> Pos {
        self.pos_at(self.line, self.ls, self.i)
    }
    #[inline(always)]
    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(b'\n')
    }
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth + 2 < MAX_DEPTH).then_some(())
    }
    fn skip_spaces(&mut self) {
        while self.i < self.b.len() && self.b[self.i] == b' ' {
            self.i += 1;
        }
    }
    /// The rest of the line is spaces and perhaps a comment (after a space); `i` ends at the
    /// line break or the end.
    fn end_line(&mut self) -> Option<()> {
        self.skip_spaces();
        match self.peek() {
            b'\n' => Some(()),
            b'#' if self.i == self.ls || self.b[self.i - 1] == b' ' => {
                while self.i < self.b.len() && self.b[self.i] != b'\n' {
                    self.i += 1;
                }
                Some(())
            }
            _ => None,
        }
    }
    /// From a line break (or the end): the next line with content, skipping blank and comment
    /// lines. Returns its indentation; `i` at its first character.
    fn next_content(&mut self) -> Option<usize> {
        if self.i >= self.b.len() {
            return None;
        }
        self.i += 1; // the '\n'
        self.line += 1;
        self.ls = self.i;
        self.content_from_line_start()
    }
    fn content_from_line_start(&mut self) -> Option<usize> {
        loop {
            self.skip_spaces();
            if self.i >= self.b.len() {
                return None;
            }
            match self.b[self.i] {
                b'\n' => {}
                b'#' => {
                    while self.i < self.b.len() && self.b[self.i] != b'\n' {
                        self.i += 1;
                    }
                    if self.i >= self.b.len() {
                        return None;
                    }
                }
                _ => return Some(self.i - self.ls),
            }
            self.i += 1;
            self.line += 1;
            self.ls = self.i;
        }
    }
    fn is_entry(&self, i: usize) -> bool {
        self.b.get(i) == Some(&b'-') && is_sep(self.b, i + 1)
    }
    fn scalar<T: AsRef<str> + Into<Text>>(&mut self, text: T, plain: bool, pos: Pos) -> Option<Node> {
        self.count()?;
        let value = if plain { resolve_plain(text.as_ref()) } else { Value::Str };
        let text = text.into();
        Some(Node { kind: NodeKind::Scalar { text, plain, value }, pos })
    }
    fn null(&mut self, pos: Pos) -> Option<Node> {
        self.count()?;
        Some(Node { kind: NodeKind::Scalar { text: Text::from("~"), plain: true, value: Value::Null }, pos })
    }

    /// Where a plain scalar in block context that starts at `i` ends (before trailing spaces),
    /// and whether it is a key (a `:` and a space or line break follow).
    fn plain_end(&self, i: usize) -> (usize, bool) {
        let b = self.b;
        let mut j = i;
        while j < b.len() {
            // the bytes that may end it, by table (most bytes of a scalar are none of them)
            let c = b[j];
            if STOPS[c as usize] {
                match c {
                    b'\n' => break,
                    b':' if is_sep(b, j + 1) => return (j, true),
                    b'#' if j > i && b[j - 1] == b' ' => break,
                    _ => {}
                }
            }
            j += 1;
        }
        (j, false)
    }
    fn trimmed(&self, from: usize, mut to: usize) -> &'a str {
        while to > from && self.b[to - 1] == b' ' {
            to -= 1;
        }
        let s: &'a str = self.s;
        &s[from..to]
    }

    /// A one-line quoted scalar at `i` (on its quote); `i` ends after the closing quote.
    fn quoted(&mut self) -> Option<std::borrow::Cow<'a, str>> {
        let b = self.b;
        let q = b[self.i];
        let mut j = self.i + 1;
        // nearly every quoted scalar has no escape: a slice of the text, nothing allocated
        {
            let mut k = j;
            while let Some(&c) = b.get(k) {
                if c == q {
                    if q == b'\'' && b.get(k + 1) == Some(&b'\'') {
                        break; // '' inside single quotes: the slow path below
                    }
                    let s: &'a str = self.s;
                    self.i = k + 1;
                    return Some(std::borrow::Cow::Borrowed(&s[j..k]));
                }
                if c == b'\n' || (c == b'\\' && q == b'"') {
                    break;
                }
                k += 1;
            }
        }
        let mut out = String::new();
        let mut run = j;
        loop {
            let c = *b.get(j)?;
            match c {
                b'\n' => return None,
                b'\'' if q == b'\'' => {
                    out.push_str(&self.s[run..j]);
                    if b.get(j + 1) == Some(&b'\'') {
                        out.push('\'');
                        j += 2;
                        run = j;
                        continue;
                    }
                    self.i = j + 1;
                    return Some(out.into());
                }
                b'"' if q == b'"' => {
                    out.push_str(&self.s[run..j]);
                    self.i = j + 1;
                    return Some(out.into());
                }
                b'\\' if q == b'"' => {
                    out.push_str(&self.s[run..j]);
                    let e = *b.get(j + 1)?;
                    j += 2;
                    match e {
                        b'\\' => out.push('\\'),
                        b'"' => out.push('"'),
                        // go-yaml v2 refuses `\/` (yaml.rs has_slash_escape): granit's path says so
                        b'/' => return None,
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'0' => out.push('\0'),
                        b'x' | b'u' => {
                            let n = if e == b'x' { 2 } else { 4 };
                            let hex = self.s.get(j..j + n)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            j += n;
                        }
                        _ => return None,
                    }
                    run = j;
                    continue;
                }
                _ => {}
            }
            j += 1;
        }
    }

    /// A node starting at `i` (a non-space character). `parent`: the column of the enclosing
    /// block collection (-1 at the root); `inline_value`: right after `key: ` on the key's
    /// line, where no block collection may start. Leaves `next` set.
    fn node(&mut self, parent: isize, inline_value: bool) -> Option<Node> {
        let col = self.i - self.ls;
        match self.b[self.i] {
            b'-' if self.is_entry(self.i) => {
                if inline_value {
                    return None;
                }
                self.seq(col, false)
            }
            b'[' | b'{' => {
                let n = self.flow()?;
                self.end_line()?;
                self.next = self.next_content();
                Some(n)
            }
            b'|' => self.literal(parent),
            b'\'' | b'"' => {
                let start = self.i;
                let pos = self.pos();
                let text = self.quoted()?;
                let mut j = self.i;
                while j < self.b.len() && self.b[j] == b' ' {
                    j += 1;
                }
                if self.b.get(j) == Some(&b':') {
                    if inline_value || !is_sep(self.b, j + 1) {
                        return None;
                    }
                    self.i = start;
                    return self.map(col);
                }
                self.end_line()?;
                self.next = self.next_content();
                self.scalar(text, false, pos)
            }
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b']' | b'}' | b'#' | b'>' => None,
            _ => {
                let (end, is_key) = self.plain_end(self.i);
                if is_key {
                    if inline_value {
                        return None;
                    }
                    return self.map(col);
                }
                let pos = self.pos();
                let text = self.trimmed(self.i, end);
                self.i += text.len();
                self.end_line()?;
                self.next = self.next_content();
                self.scalar(text, true, pos)
            }
        }
    }

    /// A block mapping whose keys stand at column `col`; `i` on its first key.
    fn map(&mut self, col: usize) -> Option<Node> {
        self.enter()?;
        let pos = self.pos();
        let start = self.entries.len();
        loop {
            let kpos = self.pos();
            let key = match self.b[self.i] {
                b'\'' | b'"' => {
                    let text = self.quoted()?;
                    self.skip_spaces();
                    self.scalar(text, false, kpos)?
                }
                b'-' if self.is_entry(self.i) => return None,
                b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'|' | b'>' => return None,
                _ => {
                    let (end, is_key) = self.plain_end(self.i);
                    let text = self.trimmed(self.i, end);
                    if !is_key || text == "<<" || end - self.i > 1000 {
                        return None;
                    }
                    self.i = end;
                    self.scalar(text, true, kpos)?
                }
            };
            if self.peek() != b':' || !is_sep(self.b, self.i + 1) {
                return None;
            }
            // the colon's position is a null value's (rare): computed only then
            let colon = (self.line, self.ls, self.i);
            self.i += 1;
            self.skip_spaces();
            let value = if matches!(self.peek(), b'\n' | b'#') {
                self.end_line()?;
                let next = self.next_content();
                match next {
                    Some(n) if n > col => self.node(col as isize, false)?,
                    Some(n) if n == col && self.is_entry(self.i) => self.seq(col, true)?,
                    _ => {
                        self.next = next;
                        let colon = self.pos_at(colon.0, colon.1, colon.2);
                        self.null(colon)?
                    }
                }
            } else {
                self.node(col as isize, true)?
            };
            self.entries.push((key, value));
            match self.next {
                Some(n) if n == col => continue,
                Some(n) if n > col => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        self.count()?;
        self.distinct = self.distinct && distinct_keys(&self.entries[start..]);
        // one allocation of exactly its size and one copy (a drain collected moved entry by entry)
        let entries = self.entries.split_off(start);
        Some(Node { kind: NodeKind::Map(entries), pos })
    }

    /// A block sequence whose `-` stand at column `col`; `i` on the first `-`. `indentless`:
    /// the value of a key at the same column (granit then places it at its first item).
    fn seq(&mut self, col: usize, indentless: bool) -> Option<Node> {
        self.enter()?;
        let mut pos = self.pos();
        let start = self.items.len();
        loop {
            let dash = self.i;
            self.i += 1;
            self.skip_spaces();
            let item = if matches!(self.peek(), b'\n' | b'#') {
                if (indentless && self.items.len() == start) || self.i != dash + 1 {
                    return None; // granit places an empty item after the spaces: not worth it
                }
                let empty = self.pos_at(self.line, self.ls, dash + 1);
                self.end_line()?;
                let next = self.next_content();
                match next {
                    Some(n) if n > col => self.node(col as isize, false)?,
                    _ => {
                        self.next = next;
                        self.null(empty)?
                    }
                }
            } else {
                if indentless && self.items.len() == start {
                    pos = self.pos();
                }
                self.node(col as isize, false)?
            };
            self.items.push(item);
            match self.next {
                Some(n) if n == col && self.is_entry(self.i) => continue,
                Some(n) if n > col => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        self.count()?;
        let items = self.items.split_off(start);
        Some(Node { kind: NodeKind::Seq(items), pos })
    }

    /// A literal block scalar (`|` or `|-`) at `i`, inside a block collection at column
    /// `parent`. Its position is its first content line's (as granit reports it).
    fn literal(&mut self, parent: isize) -> Option<Node> {
        self.i += 1;
        let strip = self.peek() == b'-';
        if strip {
            self.i += 1;
        }
        if !matches!(self.peek(), b' ' | b'\n') {
            return None; // `|+`, indentation indicators, `|x`
        }
        self.end_line()?;
        if self.i >= self.b.len() {
            return None;
        }
        let b = self.b;
        let mut j = self.i + 1;
        let mut line = self.line + 1;
        let mut indent: Option<usize> = None;
        let mut pos = None;
        let mut text = String::new();
        let mut pending = 0usize;
        while j < b.len() {
            let ls = j;
            let mut k = j;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            if k == b.len() || b[k] == b'\n' {
                if k > ls || k == b.len() {
                    return None; // a line of spaces, or the chunk ends in spaces
                }
                pending += 1;
                j = k + 1;
                line += 1;
                continue;
            }
            let ind = k - ls;
            match indent {
                None => {
                    if ind as isize <= parent {
                        break;
                    }
                    indent = Some(ind);
                    pos = Some(self.pos_at(line, ls, k));
                }
                Some(n) if ind < n => break,
                Some(_) => {}
            }
            let n = indent.unwrap_or(ind);
            let eol = k + b[k..].iter().position(|&c| c == b'\n')?; // no final line break: declined
            for _ in 0..pending {
                text.push('\n');
            }
            pending = 0;
            text.push_str(&self.s[ls + n..eol]);
            text.push('\n');
            j = eol + 1;
            line += 1;
        }
        let pos = pos?;
        if strip {
            text.pop();
        }
        self.i = j;
        self.line = line;
        self.ls = j;
        self.next = self.content_from_line_start();
        self.scalar(text, false, pos)
    }

    /// A one-line flow sequence or mapping of scalars at `i`; `i` ends after its bracket.
    fn flow(&mut self) -> Option<Node> {
        self.enter()?;
        let pos = self.pos();
        let map = self.b[self.i] == b'{';
        let close = if map { b'}' } else { b']' };
        self.i += 1;
        self.skip_spaces();
        let mut items = Vec::new();
        let mut entries = Vec::new();
        if self.peek() == close {
            self.i += 1;
        } else {
            loop {
                let first = self.flow_scalar(map)?;
                if map {
                    if self.peek() != b':' || self.b.get(self.i + 1) != Some(&b' ') {
                        return None;
                    }
                    self.i += 1;
                    self.skip_spaces();
                    let value = self.flow_scalar(false)?;
                    entries.push((first, value));
                } else {
                    items.push(first);
                }
                match self.peek() {
                    b',' => {
                        self.i += 1;
                        self.skip_spaces();
                        if matches!(self.peek(), b']' | b'}' | b',') {
                            return None;
                        }
                    }
                    c if c == close => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        self.count()?;
        self.distinct = self.distinct && distinct_keys(&entries);
        let kind = if map { NodeKind::Map(entries) } else { NodeKind::Seq(items) };
        Some(Node { kind, pos })
    }

    /// A scalar inside a flow collection (`key`: a flow mapping's key, ending at `: `); spaces
    /// after it skipped.
    fn flow_scalar(&mut self, key: bool) -> Option<Node> {
        let pos = self.pos();
        let node = match self.peek() {
            b'\'' | b'"' => {
                let text = self.quoted()?;
                self.scalar(text, false, pos)?
            }
            b'-' if !self.b.get(self.i + 1).is_some_and(|c| c.is_ascii_alphanumeric()) => return None,
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'|' | b'>' | b'\n' => return None,
            _ => {
                let b = self.b;
                let start = self.i;
                let mut j = start;
                while j < b.len() {
                    match b[j] {
                        b',' | b']' | b'}' => break,
                        b':' if key && b.get(j + 1) == Some(&b' ') => break,
                        b'\n' | b':' | b'#' | b'[' | b'{' | b'\'' | b'"' => return None,
                        _ => j += 1,
                    }
                }
                let text = self.trimmed(start, j);
                if text.is_empty() {
                    return None;
                }
                self.i = j;
                self.scalar(text, true, pos)?
            }
        };
        self.skip_spaces();
        Some(node)
    }
}
