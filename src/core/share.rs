//! A scene in a link: `#s=v1.<base64url(deflate(json))>`. The fragment never reaches a server.
//! Decoding is defensive: a link is attacker-controlled input (size caps before and after
//! inflating, then the normal YAML budgets). DEFLATE is `core::deflate` (links made with
//! miniz_oxide by earlier versions open unchanged).

use std::fmt::Write as _;
use super::deflate;
use serde::{Deserialize, Serialize};

/// Links longer than this are refused (chat apps, QR codes and proxies break well before).
pub const MAX_LINK_CHARS: usize = 8_000;
/// Above this a link still works but is worth a warning.
pub const WARN_LINK_CHARS: usize = 2_000;
/// Most bytes a link may inflate to.
pub const MAX_INFLATED: usize = 256 * 1024;
const PREFIX: &str = "v1.";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SharedScene {
    pub yaml: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub entry: String,
    #[serde(default)]
    pub step: usize,
    #[serde(default)]
    pub theme: String,
    #[serde(default = "three")]
    pub nodes: usize,
    #[serde(default)]
    pub cloud: bool,
    /// pods (`namespace/name`) whose readiness was flipped
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flipped: Vec<String>,
    /// what-ifs a live cluster keeps outside the YAML (`Config::deleted_pods`, `cordoned`,
    /// `drained`): pods deleted (`namespace/name`), nodes cordoned, nodes drained
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cordoned: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drained: Vec<String>,
    /// the node the in-cluster client runs on (`Config::client_node`; "": the default)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub client: String,
    /// the Service IP families (`config::Families::key`, "ipv4,ipv6"; "": IPv4, the default,
    /// as in links made before the setting)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub families: String,
    /// the selected Service port (None: the first, as in links made before it; learner9 Q37)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// that port's protocol where two ports share the number (53/UDP, 53/TCP); "": none
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    /// the client's connection mode (`connections::ClientMode::key`: new, keepalive-N, grpc);
    /// "": new, the default
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mode: String,
    /// the namespace of the user's own `client` pod chosen as the client (From "Your pod
    /// <ns>/client", `Config::client_namespace`; uifix12); "": the stand-in client, as in links
    /// made before it
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub client_namespace: String,
    /// the name of the input pod chosen as the client (From "Your pod frontend",
    /// `Config::client_pod`; fidfix20), in `client_namespace` (default when ""); "": the pod
    /// named client, as in links made before it
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub client_pod: String,
    /// the what-if "node goes down" (`Config::down`; whatif22): nodes whose kubelet stopped
    /// posting status; absent in links made before it (last, so a link written as an array
    /// before it still reads)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub down: Vec<String>,
    /// the what-if "roll out a new version" (`Config::rollout`; whatif22): Deployments
    /// (`namespace/name`); absent in links made before it
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollout: Vec<String>,
}

fn three() -> usize {
    3
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = B64.iter().position(|&b| b == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

/// `serde_json::to_vec(scene)`, byte for byte (field order, escapes), without serde_json in the
/// page (issue #12, bundle size).
fn to_json(s: &SharedScene) -> Vec<u8> {
    fn string(out: &mut String, v: &str) {
        out.push('"');
        for c in v.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => { let _ = write!(out, "\\u{:04x}", c as u32); },
                c => out.push(c),
            }
        }
        out.push('"');
    }
    /// `,"name":["a","b"]` for each list that is not empty (serde's skip_serializing_if)
    fn string_lists(out: &mut String, lists: &[(&str, &Vec<String>)]) {
        for (name, list) in lists.iter().filter(|(_, l)| !l.is_empty()) {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":[");
            for (i, f) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, f);
            }
            out.push(']');
        }
    }
    let mut o = String::with_capacity(s.yaml.len() + 128);
    o.push_str("{\"yaml\":");
    string(&mut o, &s.yaml);
    o.push_str(",\"service\":");
    string(&mut o, &s.service);
    o.push_str(",\"entry\":");
    string(&mut o, &s.entry);
    let _ = write!(o, ",\"step\":{},\"theme\":", s.step);
    string(&mut o, &s.theme);
    let _ = write!(o, ",\"nodes\":{},\"cloud\":{}", s.nodes, s.cloud);
    string_lists(&mut o, &[("flipped", &s.flipped), ("deleted", &s.deleted), ("cordoned", &s.cordoned), ("drained", &s.drained)]);
    if !s.client.is_empty() {
        o.push_str(",\"client\":");
        string(&mut o, &s.client);
    }
    if !s.families.is_empty() {
        o.push_str(",\"families\":");
        string(&mut o, &s.families);
    }
    if let Some(n) = s.port {
        let _ = write!(o, ",\"port\":{n}");
    }
    if !s.protocol.is_empty() {
        o.push_str(",\"protocol\":");
        string(&mut o, &s.protocol);
    }
    if !s.mode.is_empty() {
        o.push_str(",\"mode\":");
        string(&mut o, &s.mode);
    }
    if !s.client_namespace.is_empty() {
        o.push_str(",\"client_namespace\":");
        string(&mut o, &s.client_namespace);
    }
    if !s.client_pod.is_empty() {
        o.push_str(",\"client_pod\":");
        string(&mut o, &s.client_pod);
    }
    // (whatif22: added after the older fields, so an old link's text is unchanged)
    string_lists(&mut o, &[("down", &s.down), ("rollout", &s.rollout)]);
    o.push('}');
    o.into_bytes()
}

/// A JSON reader for [`SharedScene`] that accepts and refuses what
/// `serde_json::from_slice::<SharedScene>` does (an object or, as serde's derive allows, an
/// array of the fields in order; unknown fields skipped, duplicates and missing `yaml`
/// refused; strict numbers, strings and literals),
/// tested against it. Its own words in the errors. Also the crate's one reader of JSON held in
/// a manifest's string (`gojson::unmarshal_struct_slice_error`, `gojson::top_string_field`):
/// issue #12, serde_json's deserializer (~12 KB of wasm before wasm-opt, with its error words
/// and f64 tables) is not in the page.
pub(crate) struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

type JResult<T> = Result<T, String>;

impl<'a> Json<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Json { b, i: 0 }
    }

    /// Only whitespace left (serde_json's `from_str` refuses trailing characters).
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    fn err<T>(&self, what: &str) -> JResult<T> {
        Err(format!("{what} at byte {}", self.i))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    pub(crate) fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn hex4(&mut self) -> JResult<u32> {
        let h = self.b.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u32::from_str_radix(h, 16).ok().filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit())));
        match h {
            Some(v) => {
                self.i += 4;
                Ok(v)
            }
            None => self.err("invalid \\u escape"),
        }
    }

    pub(crate) fn string(&mut self) -> JResult<String> {
        self.string_checked(true)
    }

    /// A string; `strict` false (an unknown field's, as serde_json ignores it) lets lone
    /// surrogates and invalid UTF-8 through.
    fn string_checked(&mut self, strict: bool) -> JResult<String> {
        if !self.eat(b'"') {
            return self.err("expected a string");
        }
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.i) else { return self.err("unterminated string") };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.b.get(self.i) else { return self.err("unterminated string") };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if !strict {
                                hi
                            } else if (0xd800..0xdc00).contains(&hi) {
                                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return self.err("lone leading surrogate");
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return self.err("invalid surrogate pair");
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else if (0xdc00..0xe000).contains(&hi) {
                                return self.err("lone trailing surrogate");
                            } else {
                                hi
                            };
                            char::from_u32(cp).unwrap_or('\u{fffd}')
                        }
                        _ => return self.err("invalid escape"),
                    };
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                0..=0x1f => return self.err("control character in a string"),
                c => out.push(c),
            }
        }
        match String::from_utf8(out) {
            Ok(s) => Ok(s),
            Err(_) if !strict => Ok(String::new()),
            Err(_) => self.err("invalid UTF-8 in a string"),
        }
    }

    /// A JSON number's text (RFC 8259 grammar) and whether it is an integer (no `.`, no exponent).
    fn number(&mut self) -> JResult<(bool, &str)> {
        self.ws();
        let start = self.i;
        let digits = |s: &mut Self| {
            let from = s.i;
            while s.b.get(s.i).is_some_and(u8::is_ascii_digit) {
                s.i += 1;
            }
            s.i - from
        };
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.b[int_start] == b'0') {
            return self.err("invalid number");
        }
        let mut integer = true;
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            integer = false;
            if digits(self) == 0 {
                return self.err("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return self.err("invalid number");
            }
        }
        Ok((integer, std::str::from_utf8(&self.b[start..self.i]).unwrap_or("")))
    }

    fn usize(&mut self) -> JResult<usize> {
        let at = self.i;
        let (integer, text) = self.number()?;
        // serde_json reads `-0` as a float and any other negative as an i64: both refused
        let v = if integer && !text.starts_with('-') { text.parse::<usize>().ok() } else { None };
        v.ok_or_else(|| format!("expected a non-negative integer at byte {at}"))
    }

    /// An `Option<i64>`: null, or an integer in i64's range (serde_json reads `-0` as a float).
    fn port(&mut self) -> JResult<Option<i64>> {
        self.ws();
        if self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            return Ok(None);
        }
        let at = self.i;
        let (integer, text) = self.number()?;
        let v = if integer && text != "-0" { text.parse::<i64>().ok() } else { None };
        v.map(Some).ok_or_else(|| format!("expected an integer at byte {at}"))
    }

    fn bool(&mut self) -> JResult<bool> {
        self.ws();
        for (word, v) in [(&b"true"[..], true), (b"false", false)] {
            if self.b[self.i..].starts_with(word) {
                self.i += word.len();
                return Ok(v);
            }
        }
        self.err("expected true or false")
    }

    fn strings(&mut self) -> JResult<Vec<String>> {
        if !self.eat(b'[') {
            return self.err("expected a list");
        }
        let mut out = Vec::new();
        if self.eat(b']') {
            return Ok(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat(b']') {
                return Ok(out);
            }
            if !self.eat(b',') {
                return self.err("expected , or ]");
            }
        }
    }

    /// Skips any JSON value (an unknown field's), iteratively like serde_json's
    /// `ignore_value` (no nesting limit there, so none here and no recursion).
    pub(crate) fn skip(&mut self) -> JResult<()> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            // a value
            match self.peek() {
                Some(b'"') => drop(self.string_checked(false)?),
                Some(b't' | b'f') => drop(self.bool()?),
                Some(b'n') if self.b[self.i..].starts_with(b"null") => self.i += 4,
                Some(c @ (b'[' | b'{')) => {
                    self.i += 1;
                    let close = if c == b'[' { b']' } else { b'}' };
                    if self.eat(close) {
                        // an empty container is a whole value
                    } else {
                        open.push(c);
                        if c == b'{' {
                            self.string_checked(false)?;
                            if !self.eat(b':') {
                                return self.err("expected :");
                            }
                        }
                        continue;
                    }
                }
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                _ => return self.err("expected a value"),
            }
            // after a value: close containers, or a comma and the next item
            loop {
                let Some(&c) = open.last() else { return Ok(()) };
                let close = if c == b'[' { b']' } else { b'}' };
                if self.eat(close) {
                    open.pop();
                    continue;
                }
                if !self.eat(b',') {
                    return self.err("expected , or a closing bracket");
                }
                if c == b'{' {
                    self.string_checked(false)?;
                    if !self.eat(b':') {
                        return self.err("expected :");
                    }
                }
                break;
            }
        }
    }
}

const FIELDS: [&str; 20] = ["yaml", "service", "entry", "step", "theme", "nodes", "cloud", "flipped", "deleted", "cordoned", "drained", "client", "families", "port", "protocol", "mode", "client_namespace", "client_pod", "down", "rollout"];

fn from_json(b: &[u8]) -> JResult<SharedScene> {
    let mut p = Json { b, i: 0 };
    let mut s = SharedScene { nodes: three(), ..Default::default() };
    let mut seen = [false; FIELDS.len()];
    let field = |p: &mut Json, s: &mut SharedScene, k: usize| -> JResult<()> {
        match k {
            0 => s.yaml = p.string()?,
            1 => s.service = p.string()?,
            2 => s.entry = p.string()?,
            3 => s.step = p.usize()?,
            4 => s.theme = p.string()?,
            5 => s.nodes = p.usize()?,
            6 => s.cloud = p.bool()?,
            7 => s.flipped = p.strings()?,
            8 => s.deleted = p.strings()?,
            9 => s.cordoned = p.strings()?,
            10 => s.drained = p.strings()?,
            11 => s.client = p.string()?,
            12 => s.families = p.string()?,
            13 => s.port = p.port()?,
            14 => s.protocol = p.string()?,
            15 => s.mode = p.string()?,
            16 => s.client_namespace = p.string()?,
            17 => s.client_pod = p.string()?,
            18 => s.down = p.strings()?,
            _ => s.rollout = p.strings()?,
        }
        Ok(())
    };
    match p.peek() {
        Some(b'{') => {
            p.i += 1;
            if !p.eat(b'}') {
                loop {
                    let key = p.string()?;
                    if !p.eat(b':') {
                        return p.err("expected :");
                    }
                    match FIELDS.iter().position(|f| *f == key) {
                        Some(k) if seen[k] => return Err(format!("duplicate field `{key}`")),
                        Some(k) => {
                            seen[k] = true;
                            field(&mut p, &mut s, k)?;
                        }
                        None => p.skip()?,
                    }
                    if p.eat(b'}') {
                        break;
                    }
                    if !p.eat(b',') {
                        return p.err("expected , or }");
                    }
                }
            }
        }
        Some(b'[') => {
            p.i += 1;
            let mut k = 0;
            if !p.eat(b']') {
                loop {
                    if k == FIELDS.len() {
                        return Err(format!("a scene has {} fields; more given at byte {}", FIELDS.len(), p.i));
                    }
                    seen[k] = true;
                    field(&mut p, &mut s, k)?;
                    k += 1;
                    if p.eat(b']') {
                        break;
                    }
                    if !p.eat(b',') {
                        return p.err("expected , or ]");
                    }
                }
            }
        }
        _ => return p.err("expected a JSON object"),
    }
    if !seen[0] {
        return Err("missing field `yaml`".into());
    }
    if p.peek().is_some() {
        return p.err("trailing characters");
    }
    Ok(s)
}

pub fn encode(scene: &SharedScene) -> String {
    let json = to_json(scene);
    format!("{PREFIX}{}", b64url_encode(&deflate::deflate(&json)))
}

/// Why a link could not be opened, in words for the person who clicked it.
pub fn decode(payload: &str) -> Result<SharedScene, String> {
    if payload.len() > MAX_LINK_CHARS {
        return Err(format!("the link is {} characters long; links over {MAX_LINK_CHARS} are refused", payload.len()));
    }
    let Some(body) = payload.strip_prefix(PREFIX) else {
        return Err("the link is not a Switchboard scene (or comes from a newer version)".into());
    };
    let bytes = b64url_decode(body).ok_or("the link is damaged (not base64url); was it cut off?")?;
    let json = deflate::inflate(&bytes, MAX_INFLATED).map_err(|e| match e {
        deflate::InflateError::TooBig => format!("the link unpacks to more than {} KiB; refused", MAX_INFLATED / 1024),
        deflate::InflateError::Damaged => "the link is damaged (it does not unpack); was it cut off?".to_string(),
    })?;
    let mut scene = from_json(&json).map_err(|e| format!("the link's contents are not a scene: {e}"))?;
    scene.nodes = scene.nodes.clamp(1, 8);
    scene.step = scene.step.min(64);
    for list in [&mut scene.flipped, &mut scene.deleted, &mut scene.cordoned, &mut scene.drained, &mut scene.down, &mut scene.rollout] {
        list.truncate(256);
    }
    if !["auto", "light", "dark", ""].contains(&scene.theme.as_str()) {
        scene.theme = String::new();
    }
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;

    fn scene() -> SharedScene {
        SharedScene {
            yaml: presets::ALL[1].yaml.into(),
            service: "web".into(),
            entry: "nodeport@node-2".into(),
            step: 2,
            theme: "dark".into(),
            nodes: 4,
            cloud: true,
            flipped: vec!["default/web-1".into()],
            deleted: vec!["default/web-2".into()],
            cordoned: vec!["node-1".into()],
            drained: vec!["node-3".into()],
            client: "node-2".into(),
            families: "ipv4,ipv6".into(),
            ..Default::default()
        }
    }

    #[test]
    fn round_trip_and_size() {
        let s = scene();
        let link = encode(&s);
        assert!(link.starts_with("v1."));
        assert!(link.len() < 600, "{} chars for a {} byte scene", link.len(), s.yaml.len());
        assert_eq!(decode(&link).unwrap(), s);
        for p in presets::ALL {
            let s = SharedScene { yaml: p.yaml.into(), ..scene() };
            assert_eq!(decode(&encode(&s)).unwrap(), s, "{}", p.id);
        }
        for n in 0..70 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 % 256) as u8).collect();
            assert_eq!(b64url_decode(&b64url_encode(&data)).unwrap(), data);
        }
    }

    /// A link made by the versions that packed with miniz_oxide (level 9) opens unchanged:
    /// one frozen link, and one packed the old way now.
    #[test]
    fn links_made_before_still_open() {
        let old = format!("v1.{}", b64url_encode(&miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&scene()).unwrap(), 9)));
        assert_eq!(decode(&old).unwrap(), scene());
        // made by the miniz_oxide version (git 5397fa6) for the scene asserted below
        let frozen = "v1.JYsxDoMwEAS_Yl3tIlK6-0ZamgveBCv2GeFLIoT4O4coZ2d2o1VqIaZP1sThgeWXRwxaYZLEhMOmUsHhj-c-KEXqV-IXn5yhtqxOc0unNczEt0g2oZ5Rye_JXGhL6MT3SGNp30T8ktKxHw";
        let s = decode(frozen).unwrap();
        assert_eq!((s.service.as_str(), s.entry.as_str(), s.nodes, s.theme.as_str()), ("web", "pod", 3, "light"));
        assert_eq!(s.yaml, "kind: Service\nmetadata: {name: web}\n");
        assert_eq!(s.families, "", "a link from before the IP family setting opens as IPv4");
        // a link of the last version before `families` (git aae0b1a), every other field set
        let before = SharedScene { families: String::new(), ..scene() };
        let link = encode(&before);
        assert!(!String::from_utf8(to_json(&before)).unwrap().contains("families"));
        assert_eq!(decode(&link).unwrap(), before);
    }

    /// learner9 Q37: the selected port (and its protocol) and the client's connection mode travel
    /// in the link; a link without them (every link made before) opens on the first port and
    /// "new connection per request", as it did.
    #[test]
    fn port_protocol_and_client_mode_travel_in_the_link() {
        let s = SharedScene { port: Some(9000), protocol: "UDP".into(), mode: "keepalive-2".into(), ..scene() };
        let json = String::from_utf8(to_json(&s)).unwrap();
        assert!(json.ends_with(r#","port":9000,"protocol":"UDP","mode":"keepalive-2"}"#), "{json}");
        assert_eq!(decode(&encode(&s)).unwrap(), s);
        let old = decode(&encode(&scene())).unwrap();
        assert_eq!((old.port, old.protocol.as_str(), old.mode.as_str()), (None, "", ""));
    }

    /// A shared dual-stack scene opens dual-stack: the field is written only when it is not
    /// the default, and read back as written.
    #[test]
    fn families_travel_in_the_link() {
        for f in crate::core::config::Families::ALL.into_iter().skip(1) {
            let s = SharedScene { families: f.key().into(), ..scene() };
            let json = String::from_utf8(to_json(&s)).unwrap();
            assert!(json.ends_with(&format!(",\"client\":\"node-2\",\"families\":\"{}\"}}", f.key())), "{json}");
            assert_eq!(decode(&encode(&s)).unwrap().families, f.key());
        }
    }

    /// The page's JSON writer is serde_json's bytes, and its reader accepts and refuses what
    /// serde_json does (same scene back), on scenes, crafted texts and 40,000 mutations of them.
    #[test]
    fn scene_json_matches_serde_json() {
        let mut scenes = vec![scene(), SharedScene::default(), SharedScene { flipped: vec![], ..scene() }, SharedScene { deleted: vec![], drained: vec![], ..scene() }, SharedScene { families: String::new(), ..scene() }];
        scenes.push(SharedScene { yaml: "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é 😀 </script>".into(), theme: "\u{0}".into(), ..scene() });
        for p in presets::ALL {
            scenes.push(SharedScene { yaml: p.yaml.into(), ..scene() });
        }
        for sc in &scenes {
            assert_eq!(to_json(sc), serde_json::to_vec(sc).unwrap());
            assert_eq!(from_json(&to_json(sc)).unwrap(), *sc);
        }
        let mut seeds: Vec<Vec<u8>> = scenes.iter().take(4).map(to_json).collect();
        for t in [
            r#"{"yaml":"x"}"#,
            r#" { "nodes" : 7 , "yaml" : "y\u00e9\ud83d\ude00\/" , "x" : [1, -2.5e+3, {"a": [true, false, null, "\ud800"]}, {}], "cloud": true } "#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, ["a", "b"]]"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, ["a"], ["default/p"], ["node-1"], ["node-2"]]"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], 1]"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], "node-2", "ipv6"]"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], "", "ipv6", 1]"#,
            r#"{"yaml":"y","families":"ipv4,ipv6","families":"ipv6"}"#,
            r#"{"yaml":"y","families":7}"#,
            r#"{"yaml":"y","port":9000,"protocol":"UDP","mode":"keepalive-2"}"#,
            r#"{"yaml":"y","port":null,"mode":""}"#,
            r#"{"yaml":"y","port":-0}"#,
            r#"{"yaml":"y","port":-70000}"#,
            r#"{"yaml":"y","port":9223372036854775808}"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], "", "ipv6", 53, "UDP", "grpc"]"#,
            r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], "", "ipv6", 53, "UDP", "grpc", 1]"#,
            r#"["y"]"#,
            r#"{"yaml":"y","yaml":"z"}"#,
            r#"{"yaml":"y","step":-0,"nodes":01}"#,
            r#"{"yaml":"y","step":-0}"#,
            r#"{"yaml":"y","nodes":-1,"step":0}"#,
            r#"{"yaml":"y","step":1.0,"nodes":1e2,"cloud":null}"#,
            r#"{"yaml":"y","flipped":[],"extra":{"k":{"k":[[[[]]]]}},"n":-0.0E-0}"#,
            r#"{"yaml":"y","step":18446744073709551616}"#,
            "{\"yaml\":\"y\",\"q\":\"\u{1}\"}",
            r#"{"service":"s"}"#,
            r#"[]"#,
            r#"{}"#,
        ] {
            seeds.push(t.as_bytes().to_vec());
        }
        let same = |text: &[u8]| {
            let ours = from_json(text);
            match serde_json::from_slice::<SharedScene>(text) {
                Ok(v) => assert_eq!(ours.as_ref().ok(), Some(&v), "{:?}", String::from_utf8_lossy(text)),
                Err(e) => assert!(ours.is_err(), "{:?} accepted, serde_json: {e}", String::from_utf8_lossy(text)),
            }
        };
        let alphabet = b"{}[]\",:\\ u0123456789.eE+-tfnrulsaxyd\xc3\xa9\xff\x01";
        let mut seed = 0x9e37_79b9_u32;
        let mut rnd = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % n.max(1)
        };
        for t in &seeds {
            same(t);
        }
        for _ in 0..40_000 {
            let mut t = seeds[rnd(seeds.len())].clone();
            for _ in 0..1 + rnd(3) {
                let at = rnd(t.len() + 1);
                match rnd(4) {
                    0 if at < t.len() => drop(t.remove(at)),
                    1 if at < t.len() => t[at] = alphabet[rnd(alphabet.len())],
                    2 => t.insert(at, alphabet[rnd(alphabet.len())]),
                    _ => {
                        let end = (at + rnd(8)).min(t.len());
                        let piece = t[at..end].to_vec();
                        let to = rnd(t.len() + 1);
                        t.splice(to..to, piece);
                    }
                }
            }
            same(&t);
        }
    }

    #[test]
    fn corrupt_truncated_foreign_and_oversized_links_are_refused_with_a_reason() {
        let link = encode(&scene());
        assert!(decode(&link[..link.len() / 2]).unwrap_err().contains("damaged"));
        assert!(decode("v1.@@@").unwrap_err().contains("base64url"));
        assert!(decode("v9.abc").unwrap_err().contains("not a Switchboard scene"));
        assert!(decode(&"A".repeat(MAX_LINK_CHARS + 1)).unwrap_err().contains("refused"));
        // a decompression bomb: 4 MiB of 'a' packs into a few KB
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; 4 * 1024 * 1024], 10);
        let link = format!("v1.{}", b64url_encode(&bomb));
        assert!(link.len() <= MAX_LINK_CHARS, "{}", link.len());
        assert!(decode(&link).unwrap_err().contains("more than 256 KiB"));
        let not_json = format!("v1.{}", b64url_encode(&miniz_oxide::deflate::compress_to_vec(b"hello", 9)));
        assert!(decode(&not_json).unwrap_err().contains("not a scene"));
    }
}
