//! YAML text → a tree of positioned nodes.
//!
//! We read granit-parser's event stream (the safe-Rust parser under serde-saphyr) and build our
//! own tree, because Kubernetes semantics need three things a typed serde decode loses:
//! a line:column on every node *and key*, whether a scalar was quoted, and YAML 1.1 scalar
//! typing as the API server's decoder sees it (sigs.k8s.io/yaml → go-yaml v2 resolve.go:
//! `yes`/`on` are booleans, `0777` is octal, `6e068097` is a float).
//!
//! Robustness: the input is split into documents at `---` lines *before* parsing, and each is
//! parsed on its own; as kubectl, the first document that does not parse ends the stream
//! (yaml::Stop); every budget below turns into a diagnostic, never a panic.

use granit_parser::{Event, Options as ParserOptions, Parser, ScalarStyle};

/// Largest input we analyse (bytes): a `kubectl get all -A -o yaml` of a 10,000-pod cluster
/// with full status is ≈ 50 MB. Larger pastes get one clear error.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// Most documents in one stream (a real `kubectl get all -A -o yaml` is one document with a
/// List; 10,000 pods and 1,000 Services as separate documents are 11,000).
pub const MAX_DOCUMENTS: usize = 50_000;
/// Most nodes across the stream, counting every alias expansion: a full-status dump has ≈ 250
/// nodes per pod (≈ 2.5 M for 10,000 pods); this bounds the tree's memory on hostile input
/// (`[a,a,a,…]` packs a node into 2 bytes) to a few hundred MB.
pub const MAX_NODES: usize = 4_000_000;
/// Most nodes that alias expansions may add across the stream. Each expansion copies its
/// subtree, so this bounds the time a bomb costs: the 9×9 bomb took 0.7 s natively (≈ 2 s in
/// wasm, on every keystroke) under MAX_NODES alone, and is refused in a few ms under this.
pub const MAX_ALIAS_NODES: usize = 100_000;
/// Deepest nesting of collections.
pub const MAX_DEPTH: usize = 64;

/// 1-based line and column in the pasted text (column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A scalar's value as the API server's YAML decoder types it (YAML 1.1, go-yaml v2).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// a string: its text is the scalar's `text` (kept once, not copied here)
    Str,
}

/// A scalar's text: up to 22 bytes kept inline (nearly every key and value of a manifest:
/// no allocation, no free), longer ones on the heap. Reads as a `&str`.
#[derive(Clone)]
pub struct Text(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Inline(u8, [u8; 22]),
    Heap(Box<str>),
}

impl Text {
    /// The bytes, unchecked: comparisons (map keys) need no UTF-8 validation.
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            TextRepr::Inline(len, buf) => &buf[..*len as usize],
            TextRepr::Heap(s) => s.as_bytes(),
        }
    }
    /// Equal to these bytes: the lengths first (map keys are compared with every key looked up).
    #[inline(always)]
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        match &self.0 {
            // the first byte before the words (keys of a length often differ there)
            TextRepr::Inline(len, buf) => *len as usize == other.len() && other.first().is_none_or(|c| *c == buf[0]) && same_bytes(&buf[..other.len()], other),
            TextRepr::Heap(s) => same_bytes(s.as_bytes(), other),
        }
    }
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // always whole characters of a `str` (see `From<&str>`), so this never fails
            TextRepr::Inline(len, buf) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or_default(),
            TextRepr::Heap(s) => s,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        if s.len() <= 22 {
            let mut buf = [0u8; 22];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Text(TextRepr::Inline(s.len() as u8, buf))
        } else {
            Text(TextRepr::Heap(s.into()))
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        if s.len() <= 22 {
            Text::from(s.as_str())
        } else {
            Text(TextRepr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(s: std::borrow::Cow<'_, str>) -> Text {
        match s {
            std::borrow::Cow::Borrowed(s) => Text::from(s),
            std::borrow::Cow::Owned(s) => Text::from(s),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar { text: Text, plain: bool, value: Value },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

/// A YAML syntax or budget problem, positioned.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
    /// Our short hint after go-yaml's words ("check the indentation"), empty when none: the
    /// diagnostic's `hint`, apart from its message (qa2 E1).
    pub hint: &'static str,
    /// kubectl stops reading the stream at this error (None: a budget of ours, not kubectl's)
    pub stop: Option<Stop>,
}

/// What kubectl leaves unsent when a stream stops at an error: k8s.io/cli-runtime
/// pkg/resource/visitor.go `StreamVisitor.Visit` returns `error parsing <source>: …` on the first
/// document it cannot decode and visits no later one; the documents before it were visited
/// (resource.go `Result.Infos` returns them with the error, and kubectl/pkg/cmd/apply/apply.go
/// `Run` applies every info `GetObjects` returned, then reports the error).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    /// the error is apimachinery pkg/util/yaml/decoder.go `YAMLReader.Read`'s `invalid Yaml
    /// document separator` (its words are the message; no YAML-to-JSON prefix)
    pub separator: bool,
    /// a document with content is lost with the error: the broken one, or (a bad separator)
    /// the one being read above it, whose buffer `Read` drops when it returns the error
    pub lost: bool,
    /// documents with content after it, never read
    pub after: usize,
    /// the error is encoding/json's, in a stream kubectl reads as JSON (its words are the
    /// message, as kubectl prints them: `json: offset N: …`; no YAML-to-JSON prefix)
    pub json: bool,
}

/// One parsed document: its root node (None for an empty document) and the line it starts on.
#[derive(Clone)]
pub struct Document {
    pub root: Option<Node>,
    pub first_line: u32,
    /// Every mapping's keys are strings, each written once (the fast path sees it as it builds
    /// the tree; false when not known): no key is repeated, in go-yaml's sense (strict.rs
    /// `duplicate_keys`) nor in JSON's (the strict walk's repeated keys), so neither walk has
    /// anything to find (issue #12: the two were ~6% of the analysis).
    pub distinct_keys: bool,
    /// How many chunks of the stream come after this one (empty ones too): a reader reserves
    /// room for the documents to come without scanning the text for `---` lines itself.
    pub later: usize,
}

/// The tree and the line (how the fast path and granit are compared, tests_yamlfast): whether
/// the keys are known to be distinct depends on the path taken.
impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document").field("root", &self.root).field("first_line", &self.first_line).finish()
    }
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        let NodeKind::Map(entries) = &self.kind else { return None };
        // a repeated key: the last one wins, as in go-yaml → JSON (a plain loop: every field
        // the decoder reads is looked up, issue #12)
        for (k, v) in entries.iter().rev() {
            if let NodeKind::Scalar { value: Value::Str, text, .. } = &k.kind {
                if text.eq_bytes(key.as_bytes()) {
                    return Some(v);
                }
            }
        }
        None
    }
    /// A map's entries as the JSON kubectl sends holds them: a string key written more than once
    /// only at its last occurrence (go-yaml v2 decode.go `mapping`, non-strict, overwrites:
    /// `SetMapIndex`; see strict.rs), in order, as [`Node::get`] finds them. Nothing for a
    /// scalar or a sequence.
    pub fn last_entries(&self) -> impl Iterator<Item = &(Node, Node)> {
        let entries: &[(Node, Node)] = match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        };
        // large maps: each string key's last index; small ones (nearly all): a look at the next keys
        let last: Option<std::collections::HashMap<&[u8], usize>> =
            (entries.len() > 16).then(|| entries.iter().enumerate().filter_map(|(i, (k, _))| Some((k.as_str()?.as_bytes(), i))).collect());
        entries
            .iter()
            .enumerate()
            .filter(move |(i, (k, _))| match (k.as_str(), &last) {
                (None, _) => true,
                (Some(key), Some(last)) => last.get(key.as_bytes()) == Some(i),
                (Some(key), None) => !entries[i + 1..].iter().any(|(l, _)| l.as_str() == Some(key)),
            })
            .map(|(_, e)| e)
    }
    /// A scalar whose YAML type is string, with exactly this text (compared as bytes: no UTF-8
    /// check, unlike `as_str() == Some(s)`).
    #[inline]
    pub fn is_str(&self, s: &str) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value: Value::Str, text, .. } if text.eq_bytes(s.as_bytes()))
    }
    /// The string of a scalar whose YAML type is string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value: Value::Str, text, .. } => Some(text.as_str()),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value: Value::Null, .. })
    }
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { value, .. } => match value {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Int(_) => "integer",
                Value::Float(_) => "number",
                Value::Str => "string",
            },
            NodeKind::Seq(_) => "array",
            NodeKind::Map(_) => "object",
        }
    }
    /// The scalar's source text (for messages).
    pub fn text(&self) -> String {
        match &self.kind {
            NodeKind::Scalar { text, .. } => text.as_str().to_owned(),
            NodeKind::Seq(_) => "[...]".into(),
            NodeKind::Map(_) => "{...}".into(),
        }
    }
}

/// Split the text into documents at lines that start with `---`, returning
/// (byte offset, first line number (1-based), text) per chunk.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn split_documents(src: &str) -> Vec<(u32, &str)> {
    split_documents_from(src, 1)
}

/// `a == b` for the short byte strings map keys are, a word at a time without a call: a slice
/// comparison calls `memcmp` (on wasm32 compiler-builtins' byte loop) for every key of every map
/// looked up (Node::get, the strict walk's field lookup; issue #12).
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let (Some((x, ra)), Some((y, rb))) = (a.split_first_chunk::<8>(), b.split_first_chunk::<8>()) {
        if u64::from_le_bytes(*x) != u64::from_le_bytes(*y) {
            return false;
        }
        (a, b) = (ra, rb);
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The 8 bytes at `i` as one word (the caller checks `i + 8 <= b.len()`).
#[inline(always)]
pub(crate) fn word_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(<[u8; 8]>::try_from(&b[i..i + 8]).unwrap_or([0; 8]))
}

/// The offset of the first `\n` at or after `i` (`b.len()` if none): eight bytes at a time.
#[inline]
pub(crate) fn next_newline(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while i + 8 <= b.len() {
        let x = word_at(b, i) ^ (ONES * u64::from(b'\n'));
        // a zero byte in x: a line break in the word, the lowest flagged byte being the first
        let zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// [`split_documents`] of a text whose first line is line `first` of a larger text.
pub(crate) fn split_documents_from(src: &str, first: u32) -> Vec<(u32, &str)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut start_line = first;
    // each line's first byte (a byte loop: `split_inclusive` was ~8 instructions a byte)
    let mut ls = 0usize;
    let mut line_no = first;
    while ls < b.len() {
        // every line starting with `---` ends a document (apimachinery pkg/util/yaml/decoder.go
        // `YAMLReader.Read`); one followed by more than spaces or a comment is refused there
        // ([`bad_separator`])
        let is_marker = b[ls] == b'-' && b.get(ls + 1) == Some(&b'-') && b.get(ls + 2) == Some(&b'-');
        if is_marker && ls > start {
            out.push((start_line, &src[start..ls]));
            start = ls;
            start_line = line_no;
        }
        ls = next_newline(b, ls) + 1;
        line_no += 1;
    }
    out.push((start_line, &src[start..]));
    out
}

/// A chunk's first line when it is a `---` line followed by more than spaces or a `#` comment:
/// what follows the `---`, trimmed (its byte offset in the chunk with it). apimachinery
/// pkg/util/yaml/decoder.go `YAMLReader.Read`: `strings.TrimSpace(line[3:])`, refused with
/// `invalid Yaml document separator: <rest>` unless empty or starting with `#`.
pub(crate) fn bad_separator(chunk: &str) -> Option<(usize, &str)> {
    let line = chunk[..next_newline(chunk.as_bytes(), 0)].strip_prefix("---")?;
    let rest = line.trim();
    (!rest.is_empty() && !rest.starts_with('#')).then(|| (3 + line.len() - line.trim_start().len(), rest))
}

/// Whether a chunk holds a document kubectl would send: a line other than blanks, comments and
/// its `---` line (`StreamVisitor.Visit` skips a document that decodes to nothing or `null`).
fn has_content(chunk: &str) -> bool {
    let body = if chunk.starts_with("---") { &chunk[(next_newline(chunk.as_bytes(), 0) + 1).min(chunk.len())..] } else { chunk };
    body.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "..."
    })
}

/// A stream whose first non-space byte is `{` is read as JSON by kubectl (decoder.go
/// `YAMLOrJSONDecoder.Decode`: `GuessJSONStream` → encoding/json), where no `---` line separates
/// anything: no separator is refused.
pub(crate) fn json_stream(src: &str) -> bool {
    src.trim_start().starts_with('{')
}

/// Our own budgets (not kubectl's words): the stream goes on after them as before.
fn is_budget(e: &YamlError) -> bool {
    ["nesting deeper than", "document too large:", "aliases expand to more than"].iter().any(|p| e.message.starts_with(p))
}

/// YAML 1.1 resolution of a plain scalar, as go-yaml v2 (resolve.go `resolve`) does it.
/// A sequence's items (none for anything else or nothing): the validators' tree walk.
pub fn items(n: Option<&Node>) -> &[Node] {
    match n.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items,
        _ => &[],
    }
}

/// The node at a dotted path of map keys (`spec.template.spec`), if every key is there.
pub fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    // `path.split('.')` looked up in turn, without the pattern iterator (issue #12: ~300
    // instructions a call, five calls per pod in the pod checks)
    let mut n = root;
    let mut rest = path;
    loop {
        match rest.bytes().position(|c| c == b'.') {
            Some(i) => {
                n = n.get(&rest[..i])?;
                rest = &rest[i + 1..];
            }
            None => return n.get(rest),
        }
    }
}

/// An integer scalar's value (YAML 1.1 typing), None for anything else.
pub fn int(n: Option<&Node>) -> Option<i64> {
    match n.map(|n| &n.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
        _ => None,
    }
}

pub fn resolve_plain(s: &str) -> Value {
    let b = s.as_bytes();
    let Some(&first) = b.first() else { return Value::Null };
    // most scalars are names: a letter that starts none of the words below, or a word longer
    // than the longest of them ("false"), is a string without the comparisons (dispatched on
    // the first byte and the length, not a chain of string compares: every key and most
    // values pass here, issue #12)
    if first.is_ascii_alphabetic() {
        if b.len() > 5 || !matches!(first, b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O') {
            return Value::Str;
        }
        return word_value(b).unwrap_or(Value::Str);
    }
    match first {
        b'0'..=b'9' => {}
        b'~' if b.len() == 1 => return Value::Null,
        b'.' | b'+' | b'-' => match s {
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
            "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
            _ => {}
        },
        _ => return Value::Str,
    }
    let plain: std::borrow::Cow<str> = if b.contains(&b'_') { s.chars().filter(|&c| c != '_').collect::<String>().into() } else { s.into() };
    let (neg, body) = match plain.as_bytes().first() {
        Some(b'-') => (true, &plain[1..]),
        Some(b'+') => (false, &plain[1..]),
        _ => (false, &plain[..]),
    };
    // strconv.ParseInt(plain, 0, 64): the base prefixes 0b/0B, 0o/0O, 0x/0X (Go 1.13+), and a
    // leading 0 for octal; the digits after a prefix carry no sign of their own
    let bb = body.as_bytes();
    let unsigned_after_prefix = !matches!(bb.get(2), Some(b'+' | b'-'));
    let all_digits = || bb.iter().all(|c| c.is_ascii_digit());
    let radix = match bb {
        [b'0', b'b' | b'B', ..] if unsigned_after_prefix => Some((&body[2..], 2)),
        [b'0', b'o' | b'O', ..] if unsigned_after_prefix => Some((&body[2..], 8)),
        [b'0', b'x' | b'X', ..] if unsigned_after_prefix => Some((&body[2..], 16)),
        [b'0', _, ..] if all_digits() => Some((&body[1..], 8)),
        [_, ..] if all_digits() => Some((body, 10)),
        _ => None,
    };
    if let Some((digits, radix)) = radix {
        if let Ok(v) = i64::from_str_radix(digits, radix) {
            return Value::Int(if neg { -v } else { v });
        }
        if radix == 10 || (radix == 8 && digits.bytes().any(|c| c > b'7')) {
            // out of i64 range or not octal after all: go-yaml falls through to float parsing
        } else {
            return Value::Str;
        }
    }
    // go-yaml v2 yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    if is_yaml_float(&plain) {
        if let Some(f) = super::decimal::parse(&plain) {
            return Value::Float(f);
        }
    }
    Value::Str
}

/// The YAML 1.1 words go-yaml v2 resolves (resolve.go's table: null, y, yes, true, on, n, no,
/// false, off, each lower-case, Capitalised or UPPER), for a word of 1 to 5 ASCII letters or
/// other bytes; None: a string.
fn word_value(b: &[u8]) -> Option<Value> {
    let rest = &b[1..];
    let lower = rest.iter().all(u8::is_ascii_lowercase);
    if !(lower || (b[0].is_ascii_uppercase() && rest.iter().all(u8::is_ascii_uppercase))) {
        return None;
    }
    let mut w = [0u8; 5];
    for (d, c) in w.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    Some(match &w[..b.len()] {
        [b'n', b'u', b'l', b'l'] => Value::Null,
        [b'y'] | [b'y', b'e', b's'] | [b't', b'r', b'u', b'e'] | [b'o', b'n'] => Value::Bool(true),
        [b'n'] | [b'n', b'o'] | [b'f', b'a', b'l', b's', b'e'] | [b'o', b'f', b'f'] => Value::Bool(false),
        _ => return None,
    })
}

fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

enum Frame {
    Seq { items: Vec<Node>, pos: Pos, anchor: usize, count: usize, height: usize },
    Map { entries: Vec<(Node, Node)>, key: Option<Node>, pos: Pos, anchor: usize, count: usize, height: usize },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node, usize, usize)>,
    root: Option<Node>,
    nodes: usize,
    alias_nodes: usize,
}

impl Builder {
    /// Attach a finished node (with `count` nodes inside it) to its parent.
    fn push(&mut self, node: Node, count: usize, height: usize, anchor: usize) -> Result<(), String> {
        self.nodes += count;
        // Aliases can stack subtrees; bound the tree's height too so walking it stays shallow.
        if height + self.stack.len() > 2 * MAX_DEPTH {
            return Err(format!("nesting deeper than {} levels (counting alias expansions)", 2 * MAX_DEPTH));
        }
        if self.nodes > MAX_NODES {
            return Err(format!(
                "document too large: more than {MAX_NODES} YAML nodes (counting alias expansions); \
                 is this an alias bomb?"
            ));
        }
        if anchor != 0 {
            self.anchors.push((anchor, node.clone(), count, height));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, count: c, height: h, .. }) => {
                items.push(node);
                *c += count;
                *h = (*h).max(height + 1);
            }
            Some(Frame::Map { entries, key, count: c, height: h, .. }) => {
                *c += count;
                *h = (*h).max(height + 1);
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                }
            }
        }
        Ok(())
    }
}

/// A parse error in go-yaml v2's words — what kubectl prints for the same text:
/// `error converting YAML to JSON: yaml: line N: <words>` (k8s.io/cli-runtime
/// pkg/resource/visitor.go `StreamVisitor.Visit` → apimachinery pkg/util/yaml/decoder.go
/// `YAMLToJSONDecoder.Decode` → sigs.k8s.io/yaml `Unmarshal`; the words are libyaml's `problem`,
/// ported in go-yaml v2 scannerc.go / parserc.go, printed by yaml.go `(*parser).fail`), with a
/// short hint of ours after them. Our line:column stays the diagnostic's position: go-yaml's
/// `line N` counts within the document kubectl cut out, is one line early for parser (not
/// scanner) errors (`fail` adds 1 only for scanner errors), and is left out on a document's first
/// line. Each row was checked against kubectl v1.32 (`kubectl annotate --local -f FILE qa=1`) on
/// a crafted file: see the tests. Other errors keep granit-parser's words.
fn go_yaml_message(e: &granit_parser::ScanError, chunk: &str) -> (String, &'static str) {
    use granit_parser::ErrorKind as K;
    let m = e.marker();
    // the text before the error and from it on (the marker counts characters)
    let at = chunk.char_indices().nth(m.index()).map_or(chunk.len(), |(i, _)| i);
    let (before, after) = chunk.split_at(at);
    let (words, hint): (String, &str) = match e.kind() {
        // scannerc.go yaml_parser_fetch_next_token: a tab is no token
        K::TabInBlockIndentation | K::TabInIndentation => ("found character that cannot start any token".into(), "indent with spaces, not tabs"),
        // scannerc.go yaml_parser_scan_plain_scalar, a tab in the indentation of the next line
        K::TabInPlainScalar => ("found a tab character that violates indentation".into(), "indent with spaces, not tabs"),
        K::UnexpectedCharacter { .. } => ("found character that cannot start any token".into(), "quote a value that starts with @, ` or %"),
        // decode.go (*parser).alias: the anchor's name, no line
        K::UnknownAnchor => {
            let name: String = after.trim_start_matches('*').chars().take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c)).collect();
            (format!("unknown anchor '{name}' referenced"), "an anchor must be defined (&name) earlier in the same document")
        }
        K::MappingValueNotAllowed => ("mapping values are not allowed in this context".into(), "quote a value that holds \": \", or check the indentation"),
        K::ExpectedBlockMappingKey => ("did not find expected key".into(), "check the indentation"),
        K::SimpleKeyExpected => ("could not find expected ':'".into(), "a key needs a ':' after it"),
        K::UndeclaredTagHandle => ("found undefined tag handle".into(), ""),
        K::UnclosedQuotedScalar => ("found unexpected end of stream".into(), "a quote is not closed"),
        // scannerc.go yaml_parser_fetch_block_entry: in a flow collection `- ` is a BLOCK-ENTRY
        // token all the same, which parserc.go yaml_parser_parse_node refuses (`{{- if … }}`)
        K::BlockEntryInFlowCollection => ("did not find expected node content".into(), "a `- ` inside brackets: a `{{- … }}` template must be rendered first (helm template …)"),
        K::BlockSequenceEntryNotAllowed => ("block sequence entries are not allowed in this context".into(), "a `- ` item starts a line of its own"),
        K::ExpectedBlockSequenceEntry => ("did not find expected '-' indicator".into(), "check the indentation"),
        K::ExpectedNodeContent => ("did not find expected node content".into(), ""),
        K::MissingAnchorOrAliasName => ("did not find expected alphabetic or numeric character".into(), "an anchor or alias needs a name"),
        K::ZeroBlockScalarIndent => ("found an indentation indicator equal to 0".into(), ""),
        K::UnknownQuotedScalarEscape => return (go_yaml_unknown_escape(), ""),
        K::UnclosedVerbatimTag => ("did not find the expected '>'".into(), ""),
        // parserc.go: after a complete quoted value the parser wants the next key
        K::InvalidTrailingDoubleQuotedScalar | K::InvalidTrailingSingleQuotedScalar => ("did not find expected key".into(), "quote the whole value"),
        // parserc.go yaml_parser_parse_node: a closing bracket where a value should be, else
        // where the next key should be
        K::MisplacedFlowCollectionEnd => {
            let line = before.rsplit('\n').next().unwrap_or_default().trim_end();
            if line.ends_with(':') || line.ends_with('-') {
                ("did not find expected node content".into(), "a closing bracket without its opening one")
            } else {
                ("did not find expected key".into(), "a closing bracket without its opening one")
            }
        }
        // parserc.go yaml_parser_parse_flow_sequence_entry / _mapping_key: the innermost
        // open bracket says which one was expected
        K::MismatchedFlowCollectionEnd { open, .. } | K::UnclosedFlowCollection { open } => (flow_expected(*open), "a bracket is not closed"),
        K::ExpectedFlowSequenceSeparator | K::ExpectedFlowMappingSeparator | K::InvalidColonPlacement => match innermost_open_bracket(before) {
            Some(open) => (flow_expected(open), "a bracket is not closed"),
            None => return (e.info(), ""),
        },
        _ => return (e.info(), ""),
    };
    (words, hint)
}

/// A mapping key that is itself a mapping or a sequence — `replicas: {{ .Values.replicaCount }}`,
/// a Helm or mustache template pasted unrendered: YAML reads `{{ x }}` as a mapping whose key is
/// the mapping `{x: null}`. The text parses, but kubectl cannot convert it: sigs.k8s.io/yaml
/// `yamlToJSONTarget` unmarshals with go-yaml v2 into `interface{}`, and go-yaml v2 decode.go
/// `(*decoder).mapping` fails on such a key with `failf("invalid map key: %#v", k.Interface())`
/// (no line), so kubectl prints `error parsing FILE: error converting YAML to JSON: yaml: invalid
/// map key: map[interface {}]interface {}{".Values.replicaCount":interface {}(nil)}` and stops
/// there (seen in jswidler/elasticsearch-kubed#7). go-yaml decodes a key before its value and
/// an entry before the next, depth first: the first such key in that order is the one it names.
/// Only a document with a bracket or a `?` can hold one (a block mapping's keys are scalars).
fn invalid_map_key(chunk: &str, root: &Node) -> Result<(), YamlError> {
    if !chunk.bytes().any(|b| matches!(b, b'{' | b'[' | b'?')) {
        return Ok(());
    }
    fn first(n: &Node) -> Option<&Node> {
        match &n.kind {
            NodeKind::Scalar { .. } => None,
            NodeKind::Seq(items) => items.iter().find_map(first),
            NodeKind::Map(entries) => entries.iter().find_map(|(k, v)| {
                first(k).or_else(|| (!matches!(k.kind, NodeKind::Scalar { .. })).then_some(k)).or_else(|| first(v))
            }),
        }
    }
    match first(root) {
        None => Ok(()),
        Some(key) => Err(YamlError {
            message: format!("invalid map key: {}", go_sharp_v(key)),
            pos: key.pos,
            hint: "a key that is itself a mapping or a list: `{{ … }}` is a template placeholder (Helm, mustache), not YAML — render the template first (helm template …), or quote the value",
            stop: None,
        }),
    }
}

/// Go's `fmt.Sprintf("%#v", v)` of the `interface{}` go-yaml v2 decodes `n` into (maps are
/// `map[interface {}]interface {}`, sequences `[]interface {}`, a null `interface {}(nil)` inside
/// them; fmt prints a map's keys sorted — fmtsort — which for string keys is their byte order).
fn go_sharp_v(n: &Node) -> String {
    fn inner(n: &Node, out: &mut String) {
        match &n.kind {
            NodeKind::Scalar { text, value, .. } => match value {
                Value::Null => out.push_str("interface {}(nil)"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Int(i) => out.push_str(&i.to_string()),
                Value::Float(f) if f.is_nan() => out.push_str("NaN"),
                Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "+Inf" } else { "-Inf" }),
                Value::Float(f) => out.push_str(&f.to_string()),
                Value::Str => out.push_str(&super::diag::go_quote(text.as_str())),
            },
            NodeKind::Seq(items) => {
                out.push_str("[]interface {}{");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    inner(item, out);
                }
                out.push('}');
            }
            NodeKind::Map(entries) => {
                // the last of a repeated key wins (a Go map); string keys sort by their bytes
                let mut last: Vec<&(Node, Node)> = Vec::new();
                for e in entries {
                    match last.iter().position(|l| l.0.kind == e.0.kind) {
                        Some(i) => last[i] = e,
                        None => last.push(e),
                    }
                }
                if last.iter().all(|(k, _)| matches!(k.kind, NodeKind::Scalar { value: Value::Str, .. })) {
                    super::sort::sort_by(&mut last, |a, b| a.0.as_str().cmp(&b.0.as_str()));
                }
                out.push_str("map[interface {}]interface {}{");
                for (i, (k, v)) in last.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    inner(k, out);
                    out.push(':');
                    inner(v, out);
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    inner(n, &mut out);
    out
}

/// go-yaml v2's words for a flow collection opened by `open` that did not go on.
fn flow_expected(open: char) -> String {
    format!("did not find expected ',' or '{}'", if open == '{' { '}' } else { ']' })
}

/// The innermost `[` or `{` still open at the end of `text` (quoted scalars and comments
/// skipped; a bracket inside a plain scalar, `a[0]`, opens nothing).
fn innermost_open_bracket(text: &str) -> Option<char> {
    let mut stack = Vec::new();
    let mut prev = '\n';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | '{' if prev.is_whitespace() || "[{,:".contains(prev) => stack.push(c),
            ']' | '}' => {
                stack.pop();
            }
            '#' if prev.is_whitespace() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                prev = '\n';
                continue;
            }
            '"' | '\'' if prev.is_whitespace() || "[{,:".contains(prev) => {
                // `\"` escapes in double quotes, `''` in single ones
                let mut escaped = false;
                while let Some(q) = chars.next() {
                    if q == c && !escaped && !(c == '\'' && chars.next_if_eq(&'\'').is_some()) {
                        break;
                    }
                    escaped = c == '"' && q == '\\' && !escaped;
                }
            }
            _ => {}
        }
        prev = c;
    }
    stack.pop()
}

/// scannerc.go yaml_parser_scan_flow_scalar: an escape go-yaml v2 does not know.
fn go_yaml_unknown_escape() -> String {
    "found unknown escape character".into()
}

fn pos_of(m: &granit_parser::Marker, line_offset: u32) -> Pos {
    Pos { line: m.line() as u32 + line_offset, column: m.col() as u32 + 1 }
}

/// A chunk's root node (None for an empty document) and whether its keys are known to be
/// distinct ([`Document::distinct_keys`]).
pub(crate) type ParsedChunk = (Option<Node>, bool);

/// Parse one chunk (one document, possibly empty) into its root node, and whether its keys are
/// known to be distinct ([`Document::distinct_keys`]).
fn parse_chunk(chunk: &str, first_line: u32, nodes_so_far: &mut (usize, usize), fast: bool, json: bool) -> Result<ParsedChunk, YamlError> {
    // a `---` line that is no YAML document marker (`---# x`: no space before the comment) ends
    // a document for kubectl all the same (decoder.go `YAMLReader.Read`, which drops the line):
    // the document is read from the next line
    if chunk.starts_with("---") && chunk[3..].chars().next().is_some_and(|c| !c.is_whitespace()) {
        let next = (next_newline(chunk.as_bytes(), 0) + 1).min(chunk.len());
        return parse_chunk(&chunk[next..], first_line + 1, nodes_so_far, fast, json);
    }
    if fast {
        if let Some((root, nodes, distinct)) = super::yamlfast::parse_chunk(chunk, first_line, nodes_so_far.0) {
            nodes_so_far.0 = nodes;
            // (the fast path reads every key as a scalar, block or flow — it declines complex
            // keys and nested flow — so no key is a mapping or a sequence: the chunk is not
            // scanned for brackets again, 3% of a dump's analysis; perf17)
            debug_assert!(invalid_map_key(chunk, &root).is_ok());
            return Ok((Some(root), distinct));
        }
    }
    let mut text = std::borrow::Cow::Borrowed(chunk);
    let mut placeholder = None;
    let mut retries = 0;
    loop {
        let mut b = Builder { stack: Vec::new(), anchors: Vec::new(), root: None, nodes: nodes_so_far.0, alias_nodes: nodes_so_far.1 };
        let mut escape_at = None;
        let r = build_chunk(&text, first_line, &mut b, placeholder, &mut escape_at, json);
        // go-yaml's `\'` (see [`single_quote_escapes`]): the scalar's escapes swapped for a
        // placeholder escape of the same length (positions unchanged), then read again
        if let (Err(_), Some(at)) = (&r, escape_at) {
            if retries < 64 || (retries + 1) * chunk.len() <= QUOTE_ESCAPE_REREAD_BYTES {
                if let Some((swapped, p)) = single_quote_escapes(&text, at, placeholder) {
                    text = std::borrow::Cow::Owned(swapped);
                    placeholder = Some(p);
                    retries += 1;
                    continue;
                }
            }
        }
        // counted also when the document fails: a bomb split over broken documents (found by
        // fuzzing: 484 of them, each expanding 66,000 nodes before an unknown anchor, took 9 s)
        // must not start from zero in each one
        *nodes_so_far = (b.nodes, b.alias_nodes);
        r?;
        if let Some(root) = &b.root {
            invalid_map_key(&text, root)?;
        }
        return Ok((b.root, false));
    }
}

/// A document whose double-quoted scalars write `\'` is read once more per such scalar: at most
/// this many bytes re-read in all (and at least 64 times), so a hostile text stays linear.
const QUOTE_ESCAPE_REREAD_BYTES: usize = 32 << 20;

/// go-yaml v2's double-quoted escapes differ from YAML 1.2's (granit-parser's) in two: `\'` is
/// an apostrophe there and unknown here, `\/` the other way round (scannerc.go
/// `yaml_parser_scan_flow_scalar`'s switch: `case '\'': s = append(s, '\'')`, no `'/'`;
/// kubernetes/website's pods/inject/envars-file-container.yaml has `\'` in a command).
/// For the double-quoted scalar granit refused at `at` (a byte offset of its opening quote):
/// the text with that scalar's `\'` written as a placeholder escape granit knows (same length,
/// so every position stays), and the placeholder's character, which the tree builder turns back
/// into `'` in double-quoted scalars. None when the scalar has no `\'` (a really unknown
/// escape) or no placeholder is free (the text already writes that character somehow).
fn single_quote_escapes(text: &str, at: usize, placeholder: Option<char>) -> Option<(String, char)> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let p = placeholder.or_else(|| {
        // BEL (`\a`) or ESC (`\e`): one the text writes in no way
        [('a', '\u{7}', "07"), ('e', '\u{1b}', "1b")].into_iter().find_map(|(letter, c, hex)| {
            let lower = text.to_ascii_lowercase();
            let unused = !text.contains(c) && !text.contains(&format!("\\{letter}")) && !lower.contains(&format!("\\x{hex}")) && !lower.contains(&format!("\\u00{hex}")) && !lower.contains(&format!("\\u000000{hex}"));
            unused.then_some(c)
        })
    })?;
    let letter = if p == '\u{7}' { b'a' } else { b'e' };
    let mut out = b.to_vec();
    let mut i = at + 1;
    let mut swapped = false;
    while i < b.len() {
        match b[i] {
            b'"' => break,
            b'\\' if b.get(i + 1) == Some(&b'\'') => {
                out[i + 1] = letter;
                swapped = true;
                i += 2;
            }
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    // only ASCII bytes were replaced by ASCII bytes
    swapped.then(|| (String::from_utf8(out).unwrap_or_default(), p))
}

/// The first `\/` escape in a double-quoted scalar's source (from its opening quote): go-yaml v2
/// refuses it (see [`single_quote_escapes`]); granit-parser reads it as `/`.
fn has_slash_escape(source: &str) -> bool {
    let b = source.as_bytes();
    let mut i = 1;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            if b[i + 1] == b'/' {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// The 0-based line of a chunk whose first line with content (not blank, not only a comment) is
/// a document end marker: `...` at column 0 followed by a blank or the end (scannerc.go
/// yaml_parser_fetch_next_token's document indicator test, `is_blankz`). The chunk's own `---`
/// line is not go-yaml's: YAMLReader.Read does not write the separator line into the document.
fn leading_document_end(chunk: &str) -> Option<u32> {
    for (k, line) in chunk.split('\n').enumerate() {
        if k == 0 && line.starts_with("---") {
            continue;
        }
        let t = line.trim_start_matches([' ', '\t', '\r']);
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let b = line.as_bytes();
        return (b.starts_with(b"...") && b.get(3).is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r'))).then_some(k as u32);
    }
    None
}

fn build_chunk(chunk: &str, first_line: u32, b: &mut Builder, placeholder: Option<char>, escape_at: &mut Option<usize>, json: bool) -> Result<(), YamlError> {
    let mut opts = ParserOptions::default();
    opts.flow_nesting_limit = MAX_DEPTH;
    opts.block_nesting_limit = MAX_DEPTH;
    let line_offset = first_line - 1;
    // go-yaml v2 parserc.go yaml_parser_parse_document_start: the first document of a text is
    // parsed with `implicit` set, where a document end marker is not skipped as the "extra
    // document end indicators" after a document are: the implicit document's
    // yaml_parser_parse_node meets `...` and fails, "did not find expected node content" at the
    // marker (kubectl v1.32 on `# c` then `...`: "yaml: line 1: did not find expected node
    // content"; corpus11: external-secrets' docs snippet that elides with `...` lines)
    if let Some(k) = leading_document_end(chunk) {
        return Err(YamlError { message: "did not find expected node content".into(), pos: Pos { line: first_line + k, column: 1 }, hint: "", stop: None });
    }
    let mut docs_in_chunk = 0;
    for ev in Parser::new_from_str_with_options(chunk, opts) {
        // after a whole root, a document end marker ends what go-yaml v2's Unmarshal reads (the
        // first document alone, see below): the text after `...` is never parsed, right or
        // wrong (kubectl v1.32: `name: a` `...` `data: …` creates the ConfigMap without data)
        if matches!(ev, Ok((Event::DocumentEnd, _))) && b.root.is_some() && b.stack.is_empty() {
            return Ok(());
        }
        // go-yaml v2's Unmarshal decodes the first document of its text alone (decode.go
        // `unmarshal`: one `p.parse()`; parserc.go yaml_parser_parse_document_end ends the
        // document at any token after its root): what follows a whole root in the same chunk is
        // never parsed — `{{ if … }}` then `apiVersion: v1` is the mapping `{{if …}: null}`
        // (kubectl: invalid map key), `{a: 1}` then `b: 2` is `{a: 1}` (b dropped, no error)
        if let Err(e) = &ev {
            if matches!(e.kind(), granit_parser::ErrorKind::ExpectedDocumentStart) && b.root.is_some() && b.stack.is_empty() {
                return Ok(());
            }
        }
        let (ev, span) = ev.map_err(|e| {
            if matches!(e.kind(), granit_parser::ErrorKind::UnknownQuotedScalarEscape) {
                let m = e.marker();
                *escape_at = m.byte_offset().or_else(|| chunk.char_indices().nth(m.index()).map(|(i, _)| i));
            }
            let (message, hint) = go_yaml_message(&e, chunk);
            YamlError { message, pos: pos_of(e.marker(), line_offset), hint, stop: None }
        })?;
        let pos = pos_of(&span.start, line_offset);
        let err = |message: String| YamlError { message, pos, hint: "", stop: None };
        match ev {
            Event::DocumentStart(..) => {
                docs_in_chunk += 1;
                if docs_in_chunk > 1 {
                    return Err(err("more than one document without a `---` line between them".into()));
                }
            }
            Event::Scalar(mut text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain;
                if style == ScalarStyle::DoubleQuoted {
                    // (a JSON value — kubectl's YAMLOrJSONDecoder reads a stream that starts with
                    // `{` with encoding/json, where `\/` is an escape — keeps it; fidfix24: not
                    // a `{` text read as YAML after encoding/json refused it, nor a YAML
                    // document that starts with `{`: go-yaml reads those, and refuses it)
                    if text.contains('/') && !json && span.slice(chunk).is_some_and(has_slash_escape) {
                        return Err(err(go_yaml_unknown_escape()));
                    }
                    if let Some(p) = placeholder.filter(|p| text.contains(*p)) {
                        text = text.replace(p, "'").into();
                    }
                }
                let tag_suffix = tag.as_ref().map(|t| t.suffix().to_string());
                let value = match tag_suffix.as_deref() {
                    Some("str") => Value::Str,
                    Some(_) | None if plain => resolve_plain(&text),
                    _ => Value::Str,
                };
                let node = Node { kind: NodeKind::Scalar { text: Text::from(text.as_ref()), plain, value }, pos };
                b.push(node, 1, 1, anchor).map_err(err)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                if b.stack.len() >= MAX_DEPTH {
                    return Err(err(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                b.stack.push(Frame::Seq { items: Vec::new(), pos, anchor, count: 1, height: 1 });
            }
            Event::MappingStart(_, anchor, _) => {
                if b.stack.len() >= MAX_DEPTH {
                    return Err(err(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                b.stack.push(Frame::Map { entries: Vec::new(), key: None, pos, anchor, count: 1, height: 1 });
            }
            Event::SequenceEnd | Event::MappingEnd => match b.stack.pop() {
                Some(Frame::Seq { items, pos, anchor, count, height }) => {
                    b.nodes -= count - 1; // children were counted when pushed
                    b.push(Node { kind: NodeKind::Seq(items), pos }, count, height, anchor).map_err(err)?;
                }
                Some(Frame::Map { mut entries, key, pos, anchor, count, height }) => {
                    if let Some(k) = key {
                        entries.push((k, Node { kind: NodeKind::Scalar { text: Text::from(""), plain: true, value: Value::Null }, pos }));
                    }
                    // YAML merge keys (`<<: *base`): go-yaml v2 merges the mapping(s) in.
                    let entries = expand_merge_keys(entries);
                    b.nodes -= count - 1;
                    b.push(Node { kind: NodeKind::Map(entries), pos }, count, height, anchor).map_err(err)?;
                }
                None => return Err(err("unbalanced collection end".into())),
            },
            Event::Alias(id) => {
                // count before copying: a bomb is refused before it costs anything
                let size = b.anchors.iter().rev().find(|(a, ..)| *a == id).map(|(_, _, c, _)| *c);
                b.alias_nodes += size.unwrap_or(0);
                if b.alias_nodes > MAX_ALIAS_NODES {
                    return Err(err(format!(
                        "aliases expand to more than {MAX_ALIAS_NODES} YAML nodes; is this an alias bomb?"
                    )));
                }
                let found = b.anchors.iter().rev().find(|(a, ..)| *a == id).map(|(_, n, c, h)| (n.clone(), *c, *h));
                match found {
                    Some((mut node, count, height)) => {
                        node.pos = pos;
                        b.push(node, count, height, 0).map_err(err)?;
                    }
                    None => return Err(err("alias refers to an unknown anchor".into())),
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn expand_merge_keys(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    if !entries.iter().any(|(k, _)| matches!(&k.kind, NodeKind::Scalar { text, plain: true, .. } if text == "<<")) {
        return entries;
    }
    let mut out: Vec<(Node, Node)> = Vec::new();
    let mut merged: Vec<(Node, Node)> = Vec::new();
    for (k, v) in entries {
        if matches!(&k.kind, NodeKind::Scalar { text, plain: true, .. } if text == "<<") {
            let sources = match v.kind {
                NodeKind::Map(e) => vec![e],
                NodeKind::Seq(items) => items
                    .into_iter()
                    .filter_map(|n| match n.kind {
                        NodeKind::Map(e) => Some(e),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            };
            for e in sources {
                merged.extend(e);
            }
        } else {
            out.push((k, v));
        }
    }
    // explicit keys win over merged ones
    let mut result: Vec<(Node, Node)> = merged
        .into_iter()
        .filter(|(k, _)| !out.iter().any(|(o, _)| o.as_str().is_some() && o.as_str() == k.as_str()))
        .collect();
    result.extend(out);
    result
}

/// Parse a multi-document YAML stream. Returns every document it could read plus positioned
/// errors for the ones it could not; never panics.
pub fn parse_stream(src: &str) -> (Vec<Document>, Vec<YamlError>) {
    parse_stream_with(src, true)
}

/// [`parse_stream`] with granit-parser on every document (no fast path): what the fast path
/// (`yamlfast`) is checked against, in the tests and the fuzz suite.
#[doc(hidden)]
pub fn parse_stream_granit(src: &str) -> (Vec<Document>, Vec<YamlError>) {
    parse_stream_with(src, false)
}

fn parse_stream_with(src: &str, fast: bool) -> (Vec<Document>, Vec<YamlError>) {
    let mut docs = Vec::new();
    let errors = for_each_document_with(src, fast, 1, &mut |d| docs.push(d));
    (docs, errors)
}

/// [`parse_stream`], one document at a time: `each` gets every document as soon as it is read
/// (in order), so a caller can decode it and drop its tree before the next one is built — the
/// peak memory of a 10,000-object stream is one document's tree, not all of them. Returns the
/// errors, exactly those [`parse_stream`] returns.
pub fn for_each_document(src: &str, each: &mut dyn FnMut(Document)) -> Vec<YamlError> {
    for_each_document_with(src, true, 1, each)
}

/// [`for_each_document`] of a piece of a larger text that starts at the beginning of its line
/// `first_line`: positions are the larger text's (no padding with empty lines needed).
pub fn for_each_document_at(src: &str, first_line: u32, each: &mut dyn FnMut(Document)) -> Vec<YamlError> {
    for_each_document_with(src, true, first_line.max(1), each)
}

/// One chunk of [`split_documents_from`] parsed on its own, as [`for_each_document_at`] parses
/// it (the root, None for an empty document) when the stream's node budgets are far from
/// reached, with the nodes and alias-expansion nodes it counts: the incremental analysis
/// (core::incremental) reads only the documents an edit touched.
pub(crate) fn parse_document(chunk: &str, first_line: u32) -> (Result<ParsedChunk, YamlError>, (usize, usize)) {
    let mut nodes = (0, 0);
    let r = parse_chunk(chunk, first_line, &mut nodes, true, false);
    (r.map(|(root, distinct)| (root.filter(|r| !r.is_null()), distinct)), nodes)
}

fn for_each_document_with(src: &str, fast: bool, first: u32, each: &mut dyn FnMut(Document)) -> Vec<YamlError> {
    let mut errors = Vec::new();
    if src.len() > MAX_INPUT_BYTES {
        errors.push(YamlError {
            message: format!("input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes", src.len()),
            pos: Pos { line: 1, column: 1 },
            hint: "",
            stop: None,
        });
        return errors;
    }
    if json_stream(src) {
        return for_each_json_value(src, fast, first, each);
    }
    for_each_yaml_chunk(src, fast, first, each)
}

/// A YAML stream: its `---` chunks, each read as a document (YAMLReader.Read, then go-yaml).
fn for_each_yaml_chunk(src: &str, fast: bool, first: u32, each: &mut dyn FnMut(Document)) -> Vec<YamlError> {
    let mut errors = Vec::new();
    let mut nodes = (0usize, 0usize);
    let chunks = split_documents_from(src, first);
    // documents with content from chunk `i` on (what a stop at chunk `i` leaves unread)
    let after = |i: usize| chunks.get(i..).unwrap_or_default().iter().filter(|(_, c)| has_content(c)).count();
    for (i, &(first_line, chunk)) in chunks.iter().enumerate() {
        if i >= MAX_DOCUMENTS {
            errors.push(YamlError {
                message: format!("more than {MAX_DOCUMENTS} documents; the rest were not read"),
                pos: Pos { line: first_line, column: 1 },
                hint: "",
                stop: None,
            });
            break;
        }
        // YAMLReader.Read refuses a bad `---` line while it reads the document above it: that
        // one is lost, and nothing after is read (the first chunk's own first line: nothing above)
        let bad = if i == 0 && bad_separator(chunk).is_some() {
            Some((i, false))
        } else {
            chunks.get(i + 1).filter(|(_, next)| bad_separator(next).is_some()).map(|_| (i + 1, has_content(chunk)))
        };
        if let Some((at, lost)) = bad {
            let (line, text) = chunks[at];
            let (column, rest) = bad_separator(text).unwrap_or_default();
            let column = text[..column].chars().count() as u32 + 1;
            let body_after = usize::from(has_content(text)) + after(at + 1);
            errors.push(YamlError {
                message: format!("invalid Yaml document separator: {rest}"),
                pos: Pos { line, column },
                hint: "",
                stop: Some(Stop { separator: true, lost, after: body_after, json: false }),
            });
            break;
        }
        match parse_chunk(chunk, first_line, &mut nodes, fast, false) {
            Ok((root, distinct_keys)) => each(Document { root: root.filter(|r| !r.is_null()), first_line, distinct_keys, later: chunks.len() - i - 1 }),
            Err(mut e) => {
                let budget = is_budget(&e);
                if !budget {
                    // StreamVisitor.Visit: the first document that does not decode ends the stream
                    e.stop = Some(Stop { separator: false, lost: true, after: after(i + 1), json: false });
                }
                let stops = !budget || e.message.contains("alias bomb");
                errors.push(e);
                if stops {
                    break;
                }
            }
        }
    }
    errors
}

/// A stream kubectl reads as JSON ([`json_stream`]): encoding/json's values one after another
/// (gojson::stream_values — concatenated objects are several documents, and no `---` line
/// separates anything), each read as a document; at the first byte encoding/json refuses, a
/// stream of two values or more stops in its words, and a shorter one is read on as YAML from the
/// end of the value read (kubernetes/kubernetes#130666, Kubernetes 1.33: a YAML flow mapping with
/// unquoted keys or a trailing comma is accepted), the JSON error said only if that YAML's first
/// document fails too (an unrendered `{{ … }}` template). Each value is read from its own line (the bytes
/// before it on that line blanked, so its columns stay).
fn for_each_json_value(src: &str, fast: bool, first: u32, each: &mut dyn FnMut(Document)) -> Vec<YamlError> {
    let mut errors = Vec::new();
    let b = src.as_bytes();
    let (values, stop) = super::gojson::stream_values(b);
    // (line, its start) of the byte last asked, moved forward only: the values come in order, so
    // the text is counted once however many values it holds (a `jq -c '.items[]'` stream)
    let mut counted = (0usize, first, 0usize);
    let mut pos_of_byte = |at: usize| {
        let (from, mut line, mut line_start) = counted;
        for (i, &c) in b[from.min(at)..at].iter().enumerate() {
            if c == b'\n' {
                line += 1;
                line_start = from.min(at) + i + 1;
            }
        }
        counted = (at.max(from), line, line_start);
        (line, line_start, src[line_start..at].chars().count() as u32 + 1)
    };
    let mut nodes = (0usize, 0usize);
    for (i, v) in values.iter().enumerate() {
        if i >= MAX_DOCUMENTS {
            errors.push(YamlError { message: format!("more than {MAX_DOCUMENTS} documents; the rest were not read"), pos: Pos { line: pos_of_byte(v.start).0, column: 1 }, hint: "", stop: None });
            return errors;
        }
        let (line, line_start, _) = pos_of_byte(v.start);
        // (values side by side on one long line: not padded, their columns then count from the
        // value's start — the padding would grow with the square of the line)
        let pad = v.start - line_start;
        let chunk = format!("{}{}", " ".repeat(if pad > 4096 { 0 } else { pad }), &src[v.start..v.end]);
        match parse_chunk(&chunk, line, &mut nodes, fast, true) {
            Ok((root, distinct_keys)) => each(Document { root: root.filter(|r| !r.is_null()), first_line: line, distinct_keys, later: values.len() - i - 1 }),
            Err(mut e) => {
                let budget = is_budget(&e);
                if !budget {
                    e.stop = Some(Stop { separator: false, lost: true, after: values.len() - i - 1, json: false });
                }
                let stops = !budget || e.message.contains("alias bomb");
                errors.push(e);
                if stops {
                    return errors;
                }
            }
        }
    }
    if let Some((at, message)) = stop {
        // review21: since kubernetes/kubernetes#130666 (Kubernetes 1.33) `YAMLOrJSONDecoder.Decode`
        // flips to YAML when encoding/json fails before a second value (`if d.count > 1 { return
        // err }`; else `d.stream.Rewind()`, `consumeWhitespace` — spaces up to, not through, the
        // first newline — and `NewYAMLToJSONDecoder(d.stream)`): the rest is read as a YAML
        // stream from the end of the last value read, and only when its first document fails
        // too is the JSON error returned (`firstErr`). kubectl v1.32 stopped at the JSON error.
        let flip_from = (values.len() <= 1).then(|| {
            let from = values.last().map_or(0, |v| v.end);
            let skipped: usize = src[from..].chars().take_while(|&c| c.is_whitespace() && c != '\n').map(char::len_utf8).sum();
            from + skipped
        });
        let yaml_line = flip_from.map(|from| pos_of_byte(from).0);
        let (line, _, column) = pos_of_byte(at.min(b.len()));
        let json_error = YamlError {
            message,
            pos: Pos { line, column },
            hint: "kubectl reads a text whose first character is `{` as JSON (encoding/json); when that fails at the first or second value it reads the rest as YAML (Kubernetes 1.33 and later) and reports the JSON error if the YAML fails too: keys and strings in double quotes, no trailing commas; a `{{ … }}` template must be rendered first (helm template …)",
            stop: Some(Stop { separator: false, lost: true, after: 0, json: true }),
        };
        match (flip_from, yaml_line) {
            (Some(from), Some(yaml_line)) => {
                let mut read = 0usize;
                let mut yaml_errors = for_each_yaml_chunk(&src[from..], fast, yaml_line, &mut |d| {
                    read += 1;
                    each(d)
                });
                if read == 0 {
                    if let Some(e) = yaml_errors.iter_mut().find(|e| e.stop.is_some()) {
                        *e = json_error;
                    }
                }
                errors.extend(yaml_errors);
            }
            _ => errors.push(json_error),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `same_bytes` is `==` on byte strings of every length up to 40, equal or differing at any
    /// one byte (the word and half-word paths and their overlapping tails).
    #[test]
    fn same_bytes_is_slice_equality() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| (i * 31 + 7) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} {at}");
            }
            assert!(!same_bytes(&a, &a[..n.saturating_sub(1)]) || n == 0, "{n}");
        }
        assert!(!same_bytes(b"", b"x"));
    }

    /// The resolver as it was before the byte dispatch of [`resolve_plain`] (issue #12): the reference it is tested against.
    fn resolve_plain_reference(s: &str) -> Value {
        // most scalars are names: a letter that starts none of the words below, or a word longer
        // than the longest of them ("false"), is a string without the comparisons
        if let Some(&first) = s.as_bytes().first() {
            if (first.is_ascii_alphabetic() && (s.len() > 5 || !b"yYnNtTfFoO".contains(&first))) || first >= 0x80 {
                return Value::Str;
            }
        }
        match s {
            "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
            "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
                return Value::Bool(true)
            }
            "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
                return Value::Bool(false)
            }
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
            "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
            _ => {}
        }
        let first = s.as_bytes()[0];
        if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
            return Value::Str;
        }
        let plain: std::borrow::Cow<str> = if s.contains('_') { s.chars().filter(|&c| c != '_').collect::<String>().into() } else { s.into() };
        let (neg, body) = match plain.as_bytes()[0] {
            b'-' => (true, &plain[1..]),
            b'+' => (false, &plain[1..]),
            _ => (false, &plain[..]),
        };
        // strconv.ParseInt(plain, 0, 64): the base prefixes 0b/0B, 0o/0O, 0x/0X (Go 1.13+), and a
        // leading 0 for octal; the digits after a prefix carry no sign of their own
        let prefixed = |p: [&'static str; 2]| p.iter().find_map(|p| body.strip_prefix(p)).filter(|d| !d.starts_with(['+', '-']));
        let radix = if let Some(b) = prefixed(["0b", "0B"]) {
            Some((b, 2))
        } else if let Some(o) = prefixed(["0o", "0O"]) {
            Some((o, 8))
        } else if let Some(h) = prefixed(["0x", "0X"]) {
            Some((h, 16))
        } else if body.len() > 1 && body.starts_with('0') && body.bytes().all(|c| c.is_ascii_digit()) {
            Some((&body[1..], 8))
        } else if !body.is_empty() && body.bytes().all(|c| c.is_ascii_digit()) {
            Some((body, 10))
        } else {
            None
        };
        if let Some((digits, radix)) = radix {
            if let Ok(v) = i64::from_str_radix(digits, radix) {
                return Value::Int(if neg { -v } else { v });
            }
            if radix == 10 || (radix == 8 && digits.bytes().any(|c| c > b'7')) {
                // out of i64 range or not octal after all: go-yaml falls through to float parsing
            } else {
                return Value::Str;
            }
        }
        // go-yaml v2 yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
        if is_yaml_float(&plain) {
            if let Some(f) = super::super::decimal::parse(&plain) {
                return Value::Float(f);
            }
        }
        Value::Str
    }

    fn one(src: &str) -> Node {
        let (docs, errs) = parse_stream(src);
        assert!(errs.is_empty(), "{errs:?}");
        docs.into_iter().find_map(|d| d.root).expect("a document")
    }

    #[test]
    fn positions_are_one_based_on_keys_and_values() {
        let n = one("kind: Service\nspec:\n  selector:\n    app: web\n");
        let app = n.get("spec").unwrap().get("selector").unwrap().get("app").unwrap();
        assert_eq!(app.pos, Pos { line: 4, column: 10 });
        assert_eq!(app.as_str(), Some("web"));
    }

    // go-yaml v2 resolve.go (used by sigs.k8s.io/yaml, the API server's and kubectl's decoder)
    #[test]
    fn yaml_1_1_typing_as_go_yaml_v2_resolve() {
        assert_eq!(resolve_plain("yes"), Value::Bool(true));
        assert_eq!(resolve_plain("off"), Value::Bool(false));
        assert_eq!(resolve_plain("80"), Value::Int(80));
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        // go-yaml v2 resolve → strconv.ParseInt(plain, 0, 64): Go's base prefixes, either case
        // (review of session 7: `defaultMode: 0o644` was refused as a string)
        for (text, v) in [("0o644", 420), ("0O644", 420), ("0X1f", 31), ("0B101", 5), ("-0o10", -8), ("+0x10", 16), ("0o6_44", 420)] {
            assert_eq!(resolve_plain(text), Value::Int(v), "{text}");
        }
        for text in ["0o", "0o8", "0x-1", "0xg"] {
            assert_eq!(resolve_plain(text), Value::Str, "{text}");
        }
        assert_eq!(resolve_plain("0777"), Value::Int(511));
        assert_eq!(resolve_plain("1_000"), Value::Int(1000));
        assert!(matches!(resolve_plain("6e068097"), Value::Float(f) if f.is_infinite()));
        assert_eq!(resolve_plain("1.5"), Value::Float(1.5));
        assert_eq!(resolve_plain("web"), Value::Str);
        assert_eq!(resolve_plain("8080a"), Value::Str);
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("-"), Value::Str);
        assert_eq!(resolve_plain("10.96.0.1"), Value::Str);
    }

    /// `node_at` looks up what `path.split('.')` gives, in turn: empty segments (`a..b`, a
    /// trailing or leading dot, an empty path) look up the empty key.
    #[test]
    fn node_at_follows_the_split_path() {
        let (docs, errs) = parse_stream("a:\n  b:\n    c: 1\n  \"\": {x: 2}\n\"\": top\n");
        assert!(errs.is_empty());
        let root = docs[0].root.as_ref().unwrap();
        for path in ["a", "a.b", "a.b.c", "a..x", "a.", ".", "", "a.b.c.d", "b", "a.x", ".a"] {
            let split = path.split('.').try_fold(root, |n, key| n.get(key));
            assert_eq!(node_at(root, path), split, "{path:?}");
        }
        assert_eq!(node_at(root, "a.b.c").and_then(|n| int(Some(n))), Some(1));
        assert_eq!(node_at(root, "").and_then(Node::as_str), Some("top"));
    }

    #[test]
    fn resolve_plain_equals_its_reference_implementation() {
        let mut texts: Vec<String> = Vec::new();
        let words = ["", "~", "null", "y", "yes", "true", "on", "n", "no", "false", "off", ".inf", "+.inf", "-.inf", ".nan", "nan", "inf", "t", "f", "o", "of", "tru", "nul", "yess", "falsee", "name", "type", "TCP", "ns-0", "0", "00", "07", "08", "0777", "0b101", "0B2", "0o644", "0O8", "0x1F", "0X", "0b", "0x-1", "0o+7", "1_000", "_", "-_1", "+1", "-1", "--1", "+-1", "1.5", "1.", ".5", "1e3", "1E+3", "1e", "6e068097", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-0o10", "+0x10", "10.96.0.1", "8080a", "é", "-", "+", ".", "1__2", "0_7", "0.5_0"];
        for w in words {
            texts.push(w.to_string());
            texts.push(w.to_uppercase());
            let mut c = w.chars();
            if let Some(f) = c.next() {
                texts.push(f.to_uppercase().chain(c.clone()).collect());
                texts.push(std::iter::once(f).chain(c.flat_map(char::to_uppercase)).collect());
            }
        }
        // every string of up to 3 bytes over an alphabet of the bytes that matter
        let alphabet = b"0179abBoOxXeEfnNyY.+-_~ ";
        let mut frontier = vec![String::new()];
        for _ in 0..3 {
            frontier = frontier.iter().flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{}", c as char))).collect();
            texts.extend(frontier.iter().cloned());
        }
        for t in &texts {
            let (new, old) = (resolve_plain(t), resolve_plain_reference(t));
            assert!(format!("{new:?}") == format!("{old:?}"), "{t:?}: {new:?} vs {old:?}");
        }
    }

    /// The word-at-a-time scans (issue #12) against the obvious byte loops, at every offset.
    #[test]
    fn next_newline_and_split_equal_the_byte_loops() {
        let texts = ["", "\n", "a", "abcdefgh\n", "---\na: 1\n---\nb: 2", "x\n\n\n---\n--- \n---x\n-- -\n", "é€😀\nabcdefghijklmnop\nq\n---\t\nr"];
        for t in texts.iter().map(|t| t.to_string()).chain((0..40).map(|n| format!("{}\n{}---\n{}", "a".repeat(n), "b".repeat(n % 9), "c".repeat(n % 17)))) {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                assert_eq!(next_newline(b, i), i + b[i..].iter().position(|&c| c == b'\n').unwrap_or(b.len() - i), "{t:?} at {i}");
            }
            let mut naive = Vec::new();
            let (mut start, mut start_line, mut offset) = (0, 1, 0);
            for (line_no, line) in (1..).zip(t.split_inclusive('\n')) {
                if line.starts_with("---") && offset > start {
                    naive.push((start_line, &t[start..offset]));
                    start = offset;
                    start_line = line_no;
                }
                offset += line.len();
            }
            naive.push((start_line, &t[start..]));
            assert_eq!(split_documents_from(&t, 1), naive, "{t:?}");
        }
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let n = one("a: \"80\"\nb: 'yes'\nc: !!str 90\n");
        assert_eq!(n.get("a").unwrap().as_str(), Some("80"));
        assert_eq!(n.get("b").unwrap().as_str(), Some("yes"));
        assert_eq!(n.get("c").unwrap().as_str(), Some("90"));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let n = one("base: &b {app: web, tier: fe}\nsel: *b\nmerged:\n  <<: *b\n  tier: be\n");
        assert_eq!(n.get("sel").unwrap().get("app").unwrap().as_str(), Some("web"));
        assert_eq!(n.get("sel").unwrap().pos.line, 2);
        let m = n.get("merged").unwrap();
        assert_eq!(m.get("app").unwrap().as_str(), Some("web"));
        assert_eq!(m.get("tier").unwrap().as_str(), Some("be"));
    }

    #[test]
    fn a_broken_document_stops_the_stream_as_stream_visitor_visit() {
        let src = "a: 1\n---\nb: [1, 2\n---\nc: 3\n";
        // (k8s.io/cli-runtime pkg/resource/visitor.go `StreamVisitor.Visit`: the first document
        // that does not decode ends the stream; the ones before it were read)
        let (docs, errs) = parse_stream(src);
        assert_eq!(docs.len(), 1);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].pos.line >= 3 && errs[0].pos.line <= 4, "{errs:?}");
        assert_eq!(errs[0].stop, Some(Stop { separator: false, lost: true, after: 1, json: false }));
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut s = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            s.push_str(&format!("{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = n;
        }
        let (_, errs) = parse_stream(&s);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("alias bomb"), "{errs:?}");
    }

    /// Found by fuzzing: the 9×9 bomb and the 20-level `[*x, *x]` chain each cost 0.5–0.7 s
    /// natively under MAX_NODES alone (AFL's 1 s timeout); alias expansions now have their own,
    /// smaller budget, counted before anything is copied, across the whole stream.
    #[test]
    fn fuzz_regression_alias_bombs_are_cheap_even_split_over_documents() {
        let chain = |n: usize| {
            let mut s = String::from("x0: &x0 [a, a]\n");
            for i in 1..n {
                s.push_str(&format!("x{i}: &x{i} [*x{}, *x{}]\n", i - 1, i - 1));
            }
            s
        };
        for src in [chain(20), format!("{}---\n{}", chain(16), chain(16)), (0..40).map(|_| chain(12) + "---\n").collect()] {
            let t = std::time::Instant::now();
            let (_, errs) = parse_stream(&src);
            assert!(errs.iter().any(|e| e.message.contains("alias bomb")), "{errs:?}");
            assert!(t.elapsed() < std::time::Duration::from_millis(if cfg!(debug_assertions) { 1500 } else { 100 }), "{:?}", t.elapsed());
        }
        // ordinary anchors are untouched
        let (docs, errs) = parse_stream("a: &x {k: v}\nb: *x\nc: *x\n");
        assert!(errs.is_empty() && docs.len() == 1);
    }

    /// Found by fuzzing: documents that each expand a bomb and then fail (an unknown anchor)
    /// used to restart the alias budget in every document: 484 of them took 9 s. (The first
    /// failing document now ends the stream, as kubectl's StreamVisitor.Visit: one error.)
    #[test]
    fn fuzz_regression_alias_budget_is_kept_across_failing_documents() {
        let doc = "a: &a [l, l, l, l, l, l, l, l, l]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: *nowhere\n---\n";
        let t = std::time::Instant::now();
        let (_, errs) = parse_stream(&doc.repeat(300));
        assert!(errs.len() == 1 && errs[0].stop == Some(Stop { separator: false, lost: true, after: 299, json: false }), "{errs:?}");
        // the budget is still kept across documents that each expand one and do not fail
        let (_, errs) = parse_stream(&doc.replace("f: *nowhere\n", "").repeat(300));
        assert!(errs.iter().any(|e| e.message.contains("alias bomb")), "{:?}", &errs[..1]);
        assert!(t.elapsed() < std::time::Duration::from_millis(if cfg!(debug_assertions) { 3000 } else { 300 }), "{:?}", t.elapsed());
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let s = "[".repeat(100_000) + &"]".repeat(100_000);
        let (_, errs) = parse_stream(&s);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].pos.line, 1);
        let s = "{a: ".repeat(5_000);
        let (_, errs) = parse_stream(&s);
        assert_eq!(errs.len(), 1);
    }

    /// Budgets sized for a whole cluster (issue #12): 5 MiB and 11,000 documents are read; past
    /// the limits one clear, positioned error, quickly.
    #[test]
    fn whole_cluster_sizes_are_read_and_past_the_budgets_one_error() {
        let big_comment = format!("# {}\nkind: x\n", "x".repeat(5 << 20));
        let (docs, errs) = parse_stream(&big_comment);
        assert!(errs.is_empty() && docs.len() == 1, "{errs:?}");
        let many: String = (0..11_000).map(|i| format!("---\na: {i}\n")).collect();
        let (docs, errs) = parse_stream(&many);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs.iter().filter(|d| d.root.is_some()).count(), 11_000);

        let t = std::time::Instant::now();
        let too_big = " ".repeat(MAX_INPUT_BYTES + 1);
        let (docs, errs) = parse_stream(&too_big);
        assert!(docs.is_empty() && errs.len() == 1 && errs[0].message.contains("the limit is"), "{errs:?}");
        let too_many = "---\n".repeat(MAX_DOCUMENTS + 1);
        let (_, errs) = parse_stream(&too_many);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("documents") && errs[0].pos.line as usize == MAX_DOCUMENTS + 1, "{errs:?}");
        assert!(t.elapsed() < std::time::Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 1 }), "{:?}", t.elapsed());
    }

    /// A flow sequence packs a node into 2 bytes: past MAX_NODES the document is refused (the
    /// tree's memory stays bounded), even though the input is under MAX_INPUT_BYTES.
    #[test]
    fn too_many_nodes_is_one_error() {
        let src = format!("[{}a]", "a,".repeat(MAX_NODES));
        assert!(src.len() < MAX_INPUT_BYTES);
        let (docs, errs) = parse_stream(&src);
        assert!(docs.is_empty() && errs.len() == 1 && errs[0].message.contains("YAML nodes"), "{errs:?}");
    }

    /// go-yaml v2 scannerc.go `yaml_parser_scan_flow_scalar`: `\\'` in a double-quoted scalar is an
    /// apostrophe (kubernetes/website content/en/examples/pods/inject/envars-file-container.yaml,
    /// found by corpus8: a false refusal), `\\/` is "found unknown escape character" (YAML 1.2's
    /// escape, which granit-parser reads). Both paths: the fast one and granit's.
    #[test]
    fn go_yaml_v2_double_quoted_escapes_scan_flow_scalar() {
        fn seq(n: &Node) -> &[Node] {
            match &n.kind {
                NodeKind::Seq(items) => items,
                _ => panic!("not a sequence"),
            }
        }
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: envfiles\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ['sh', '-c', \"echo \\\"DB_ADDRESS=\\'address\\'\\nREST=\\'x\\'\\\" > /data/config.env\"]\n    args: [\"it\\'s\", \"a\\tb\"]\n  hostname: \"ok\"\n";
        for (docs, errs) in [parse_stream(src), parse_stream_granit(src)] {
            assert!(errs.is_empty(), "{errs:?}");
            let c = &docs[0].root.as_ref().unwrap().get("spec").and_then(|s| s.get("containers")).map(seq).unwrap()[0];
            let cmd = c.get("command").map(seq).unwrap();
            assert_eq!(cmd[2].as_str(), Some("echo \"DB_ADDRESS='address'\nREST='x'\" > /data/config.env"));
            let args = c.get("args").map(seq).unwrap();
            assert_eq!(args[0].as_str(), Some("it's"));
            assert_eq!(args[1].as_str(), Some("a\tb"));
        }
        // one line, on the fast path's ground
        let (docs, errs) = parse_stream("a: \"it\\'s\"\nb: 'x\\''y'\nc: x\\'y\n");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs[0].root.as_ref().unwrap().get("a").and_then(Node::as_str), Some("it's"));
        // single-quoted and plain scalars keep the backslash
        assert_eq!(docs[0].root.as_ref().unwrap().get("b").and_then(Node::as_str), Some("x\\'y"));
        assert_eq!(docs[0].root.as_ref().unwrap().get("c").and_then(Node::as_str), Some("x\\'y"));
        // a text that writes BEL itself (\a) gets ESC as the placeholder, and keeps its BEL
        let (docs, errs) = parse_stream("a: \"bell\\a it\\'s\"\n");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs[0].root.as_ref().unwrap().get("a").and_then(Node::as_str), Some("bell\u{7} it's"));
        // \/ is refused, at the scalar's opening quote as go-yaml's start_mark
        for src in ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  url: \"http:\\/\\/example.com\"\n", "a:\n  b: \"x\n    \\/y\"\n"] {
            for (_, errs) in [parse_stream(src), parse_stream_granit(src)] {
                assert_eq!(errs.len(), 1, "{src:?}: {errs:?}");
                assert_eq!(errs[0].message, "found unknown escape character", "{src:?}");
            }
        }
        let (_, errs) = parse_stream("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  url: \"http:\\/\\/example.com\"\n");
        assert_eq!(errs[0].pos, Pos { line: 6, column: 8 });
        // a really unknown escape is still refused, `\\'` beside it or not
        let (_, errs) = parse_stream("a: \"it\\'s \\q\"\n");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "found unknown escape character");
        // a JSON text (kubectl: YAMLOrJSONDecoder → encoding/json) may write \/
        let (docs, errs) = parse_stream("{\"kind\": \"ConfigMap\", \"data\": {\"url\": \"http:\\/\\/x\"}}\n");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs[0].root.as_ref().unwrap().get("data").and_then(|d| d.get("url")).and_then(Node::as_str), Some("http://x"));
        // many scalars with \' in one document
        let many: String = (0..100).map(|i| format!("k{i}: \"v\\'{i}\"\n")).collect();
        let (docs, errs) = parse_stream(&many);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs[0].root.as_ref().unwrap().get("k99").and_then(Node::as_str), Some("v'99"));
    }

    /// go-yaml v2's words for each parse error, as kubectl v1.32 prints them for the same text
    /// (`kubectl annotate --local -f FILE qa=1 -o yaml` → `error converting YAML to JSON: yaml:
    /// [line N: ]<words>`: libyaml's `problem` in go-yaml v2 scannerc.go / parserc.go, printed by
    /// yaml.go `(*parser).fail`; an unknown anchor by decode.go `(*parser).alias`), each text
    /// run through kubectl on this machine. Our position is kept (go-yaml's `line N` counts within
    /// the document kubectl cut out, and is one early for parser errors).
    #[test]
    fn syntax_errors_in_go_yaml_v2_words_as_kubectl_prints_them() {
        let cases: &[(&str, &str, &str)] = &[
            ("apiVersion: v1\nkind: Service\nmetadata:\n\tname: tabbed\nspec:\n  ports:\n  - port: 80\n", "found character that cannot start any token", "4:2"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n\tlabels: {}\n", "found a tab character that violates indentation", "4:9"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name:\tweb\n  labels:\n  \t- a\n", "found character that cannot start any token", "6:4"),
            ("a:\n- b\n\t- c\n", "found a tab character that violates indentation", "2:3"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: @web\n", "found character that cannot start any token", "4:9"),
            ("a: `x`\n", "found character that cannot start any token", "1:4"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: *lbl\n", "unknown anchor 'lbl' referenced", "5:11"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: &\n", "did not find expected alphabetic or numeric character", "4:9"),
            ("a: *\n", "did not find expected alphabetic or numeric character", "1:4"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web: x\n", "mapping values are not allowed in this context", "4:12"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n    labels: x\n", "mapping values are not allowed in this context", "5:11"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n    name: web\n  labels: {}\n", "did not find expected key", "5:3"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  - a\n", "did not find expected key", "5:5"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels\nspec: {}\n", "could not find expected ':'", "5:3"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    a: |\n  b\n x: y\n", "could not find expected ':'", "7:3"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: !foo!bar web\n", "found undefined tag handle", "4:9"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  \"labels\n", "found unexpected end of stream", "5:3"),
            ("a: 'x\n", "found unexpected end of stream", "1:4"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: - a\n", "block sequence entries are not allowed in this context", "4:9"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\nfoo\n---\n- a\nb: c\n", "did not find expected '-' indicator", "9:1"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    a: |0\n      x\n", "found an indentation indicator equal to 0", "6:8"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"a\\qb\"\n", "found unknown escape character", "4:9"),
            ("a: !<x\n", "did not find the expected '>'", "1:4"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"web\" x\n", "did not find expected key", "4:15"),
            ("a:\n- \"a\" b\n", "did not find expected key", "2:7"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec: ]\n", "did not find expected node content", "5:7"),
            ("a: [1]]\n", "did not find expected key", "1:7"),
            ("a:\n  - b\n  - [x, {y: 1]\n", "did not find expected ',' or '}'", "3:9"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: [a, b}\n", "did not find expected ',' or ']'", "5:11"),
            ("apiVersion: v1\nkind: Service\nmetadata: {name: web\nspec: {}\n", "did not find expected ',' or '}'", "4:5"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: [web\n", "did not find expected ',' or ']'", "4:9"),
            ("a: [1, 2\nb: 3\n", "did not find expected ',' or ']'", "2:2"),
            ("a:\n  b: {x: 1\n  c: 2\n", "did not find expected ',' or '}'", "3:4"),
            ("a:\n  b: [x, y: z: w]\n", "did not find expected ',' or ']'", "2:14"),
            ("apiVersion: v1\nkind: Service\nmetadata:\n  name: {a: 1, b}\n  x: [a: b: c]\n", "did not find expected ',' or ']'", "5:11"),
        ];
        for (src, words, at) in cases {
            let (_, errs) = parse_stream(src);
            let e = errs.first().unwrap_or_else(|| panic!("no error for {src:?}"));
            assert!(e.message.starts_with(words), "{src:?}: {:?}, kubectl says {words:?}", e.message);
            assert_eq!(format!("{}:{}", e.pos.line, e.pos.column), *at, "{src:?}");
        }
        // a short hint of ours goes beside kubectl's words where it helps (apart: qa2 E1)
        let (_, errs) = parse_stream(cases[0].0);
        assert_eq!((errs[0].message.as_str(), errs[0].hint), ("found character that cannot start any token", "indent with spaces, not tabs"));
        // an anchor is known only in its own document (go-yaml parses each document kubectl cut
        // out on its own): /tmp/qa/h5-anchors.yaml's Service aliases the Deployment's anchor
        let (docs, errs) = parse_stream("a: &lbl {app: web}\n---\nselector: *lbl\n");
        assert_eq!(docs.len(), 1);
        assert!(errs.len() == 1 && errs[0].message.starts_with("unknown anchor 'lbl' referenced") && errs[0].pos == Pos { line: 3, column: 11 }, "{errs:?}");
    }

    /// The innermost bracket still open decides go-yaml's `did not find expected ',' or ']'`
    /// / `'}'`: brackets in quotes, comments and plain scalars (`a[0]`) open nothing.
    #[test]
    fn innermost_open_bracket_skips_quotes_comments_and_plain_scalars() {
        assert_eq!(innermost_open_bracket("a: [x, {y: 1}, "), Some('['));
        assert_eq!(innermost_open_bracket("a: {x: [1, 2], "), Some('{'));
        assert_eq!(innermost_open_bracket("a: x[0]\nb: {c: \"[\", d: '{' # [\n  "), Some('{'));
        assert_eq!(innermost_open_bracket("a: 'it''s [' \nb: "), None);
    }

    #[test]
    fn empty_and_comment_only_inputs_have_no_documents_and_no_errors() {
        for src in ["", "---\n---\n", "# just a comment\n", "\n\n"] {
            let (docs, errs) = parse_stream(src);
            assert!(errs.is_empty(), "{src:?}: {errs:?}");
            assert!(docs.iter().all(|d| d.root.is_none()), "{src:?}");
        }
    }
}
