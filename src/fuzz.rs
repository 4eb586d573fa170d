//! Fuzzing support (native only): the properties every input must keep, and a structure-aware
//! mutator that grows manifests from the presets. Driven by `tests/fuzz_core.rs` (a short run
//! in `cargo test`, a long one with `./dev fuzz`) and by the coverage-guided AFL++ target in
//! `fuzz/` when cargo-afl is installed.
//!
//! Properties (a broken one is an `Err`, a panic is a crash):
//! - `analyze` never panics, is deterministic, and every diagnostic has a line:column inside
//!   the text;
//! - `layout` of any report, for any selection and width, has finite coordinates, and every
//!   hop's anchor is finite;
//! - the editor's tokens concatenate back to each line;
//! - share links: `decode(encode(s)) == s` for any scene that fits, and any string decodes to a
//!   scene or a reason, never a panic;
//! - the URL/JS/postMessage readers (`crate::hostopts`) never panic and never keep a value
//!   they refused.
// clippy 1.95 lints (from main): Rng::next is not an Iterator; `*rng.pick(..)` picks T = &str
#![allow(clippy::should_implement_trait, clippy::explicit_auto_deref)]

use crate::core::config::Config;
use crate::core::report::Report;
use crate::core::{analyze, highlight, layout, presets, share};
use crate::hostopts::{self, HostOptions};

/// A small deterministic PRNG (xorshift64*): runs are reproducible from their seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

/// Field names the decoder knows (and near misses of them).
pub const KEYS: &[&str] = &[
    "apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations", "spec", "selector", "matchLabels",
    "matchExpressions", "key", "operator", "values", "ports", "port", "targetPort", "nodePort", "protocol", "type", "clusterIP",
    "clusterIPs", "externalName", "externalIPs", "sessionAffinity", "externalTrafficPolicy", "internalTrafficPolicy", "replicas",
    "template", "containers", "containerPort", "image", "status", "conditions", "nodeName", "items", "subsets", "addresses",
    "endpoints", "ownerReferences", "loadBalancerSourceRanges", "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy",
    "publishNotReadyAddresses", "hostname", "subdomain", "serviceName", "podIP", "phase", "ready", "readinessGates",
    "allocateLoadBalancerNodePorts", "loadBalancerIP", "appProtocol", "addressType", "serving", "terminating", "uid",
    "generateName", "completionMode", "parallelism", "completions", "manualSelector", "suspend", "Selector", "target_port", "portt", "lables", "", " ", "<<", "?", "- x", "\u{202e}name", "名前",
];

pub const KINDS: &[&str] = &[
    "Service", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Ingress", "NetworkPolicy", "Endpoints", "EndpointSlice", "Node", "Namespace",
    "List", "ServiceList", "PodList", "ConfigMap", "service", "", "Service\u{0}",
];

/// Values that have broken parsers before: type swaps, YAML 1.1 traps, huge and odd numbers,
/// unicode, markup and script.
pub const VALUES: &[&str] = &[
    "[]", "{}", "null", "~", "yes", "no", "on", "off", "y", "true", "True", "FALSE", "0", "-1", "0x1F", "0o17", "0777", "0b101",
    "1e400", "-1e400", ".inf", "-.inf", ".nan", "6e068097", "1_000", "99999999999999999999999999", "-9223372036854775808",
    "9223372036854775807", "18446744073709551616", "4294967296", "65535", "65536", "30000", "32767", "32768", "1.5", "\"8080\"",
    "'http'", "http", "HTTP", "\"\"", "''", "!!binary aGk=", "!!str 80", "!!int x", "!!map {}", "!custom x", "|\n  block\n",
    ">-\n  folded\n", "\"\\u0000\"", "\"\\uD800\"", "\"\\x41\"", "'it''s'", "\"a\\\"b\"", "\u{202e}evil", "e\u{301}\u{301}\u{301}",
    "\u{200b}", "😀😀", "𝔘𝔫𝔦", "\u{feff}x", "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
    "{{x}}", "${x}", "%s%n", "../../etc/passwd", "a: b: c", "- a", "[a, {b: c}]", "{a: [1, 2], b: {c: d}}", "&anchor v", "*anchor",
    "*undefined", "? complex\n: key", "10.96.0.1", "10.96.0.0/12", "::1", "256.1.1.1", "10.244.0.5", "ClusterIP", "NodePort",
    "LoadBalancer", "ExternalName", "None", "Local", "Cluster", "ClientIP", "TCP", "UDP", "SCTP", "IPv6", "Ready", "True",
];

fn nest(rng: &mut Rng) -> String {
    let max = if rng.chance(8) { 400 } else { 40 };
    let depth = 1 + rng.below(max);
    match rng.below(4) {
        0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth)),
        2 => {
            let mut s = String::new();
            for i in 0..depth.min(120) {
                s.push('\n');
                s.push_str(&"  ".repeat(i + 1));
                s.push_str("a:");
            }
            s.push_str(" 1");
            s
        }
        _ => "- ".repeat(depth.min(200)) + "x",
    }
}

fn alias_bomb(rng: &mut Rng) -> String {
    let levels = 2 + rng.below(9);
    let width = 2 + rng.below(8);
    let mut s = String::from("a0: &a0 [x]\n");
    for l in 1..levels {
        let refs = vec![format!("*a{}", l - 1); width].join(", ");
        s.push_str(&format!("a{l}: &a{l} [{refs}]\n"));
    }
    s
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Replace the value after `key:` on a line (or the whole line's scalar).
fn set_value(line: &str, v: &str) -> String {
    match line.find(": ") {
        Some(i) => format!("{}: {v}", &line[..i]),
        None if line.trim_end().ends_with(':') => format!("{} {v}", line.trim_end()),
        None => {
            let ind = line.len() - line.trim_start().len();
            let dash = if line.trim_start().starts_with("- ") { "- " } else { "" };
            format!("{}{dash}{v}", &line[..ind])
        }
    }
}

fn rename_key(line: &str, k: &str) -> String {
    let ind = line.len() - line.trim_start_matches([' ', '-']).len();
    match line[ind..].find(':') {
        Some(i) => format!("{}{k}{}", &line[..ind], &line[ind + i..]),
        None => line.to_string(),
    }
}

/// Copy each document `n` times with its names suffixed (a bigger cluster from a preset).
fn grow(text: &str, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        for line in text.lines() {
            if let Some(rest) = line.trim_start().strip_prefix("name: ") {
                let ind = &line[..line.len() - line.trim_start().len()];
                out.push_str(&format!("{ind}name: {rest}-{i}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str("---\n");
    }
    out
}

/// One structure-aware mutation of `text`; `other` is a second input to splice from.
pub fn mutate_once(rng: &mut Rng, text: &str, other: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len().max(1);
    let at = rng.below(n).min(lines.len().saturating_sub(1));
    if lines.is_empty() {
        lines.push(String::new());
    }
    match rng.below(20) {
        0 => lines[at] = rename_key(&lines[at], rng.word(KEYS)),
        1 | 2 => lines[at] = set_value(&lines[at], rng.word(VALUES)),
        3 => {
            let v = format!("{}", rng.next_u64() as i64 >> rng.below(64));
            lines[at] = set_value(&lines[at], &v)
        }
        4 => lines[at] = set_value(&lines[at], rng.word(KINDS)),
        5 => {
            let v = nest(rng);
            lines[at] = set_value(&lines[at], &v)
        }
        6 => {
            // duplicate a line (duplicate keys, repeated list items)
            let l = lines[at].clone();
            lines.insert(at, l);
        }
        7 => {
            lines.remove(at);
        }
        8 => {
            let j = rng.below(lines.len());
            lines.swap(at, j);
        }
        9 => {
            // indent or dedent
            if rng.chance(2) {
                lines[at] = format!("{}{}", " ".repeat(1 + rng.below(4)), lines[at]);
            } else {
                lines[at] = lines[at].trim_start().to_string();
            }
        }
        10 => {
            let ol: Vec<&str> = other.split('\n').collect();
            let from = rng.below(ol.len());
            let len = 1 + rng.below(12);
            let chunk: Vec<String> = ol[from..(from + len).min(ol.len())].iter().map(|s| s.to_string()).collect();
            let pos = rng.below(lines.len() + 1);
            lines.splice(pos..pos, chunk);
        }
        11 => {
            // anchors and aliases (defined, undefined, merge keys)
            let name = format!("x{}", rng.below(3));
            lines[at] = set_value(&lines[at], &format!("&{name} {}", rng.word(VALUES)));
            let j = rng.below(lines.len());
            lines[j] = match rng.below(3) {
                0 => set_value(&lines[j], &format!("*{name}")),
                1 => format!("{}<<: *{name}", &lines[j][..lines[j].len() - lines[j].trim_start().len()]),
                _ => set_value(&lines[j], "*nowhere"),
            };
        }
        12 => {
            let pos = rng.below(lines.len() + 1);
            lines.insert(pos, if rng.chance(2) { "---".into() } else { "...".into() });
        }
        13 => {
            // unicode and control characters inside a line
            let l = &lines[at];
            let i = char_boundary(l, rng.below(l.len() + 1));
            let c = *rng.pick(&["\u{202e}", "\u{0}", "\t", "\r", "\u{85}", "\u{2028}", "é", "😀", "\u{feff}", "\u{fffd}", "#", ":", "'", "\"", "&", "*", "!", "|", ">", "%", "@", "`", "{", "[", "]", "}", ","]);
            lines[at] = format!("{}{c}{}", &l[..i], &l[i..]);
        }
        14 => {
            let l = &lines[at];
            let i = char_boundary(l, rng.below(l.len() + 1));
            lines[at] = l[..i].to_string();
        }
        15 => {
            let v = alias_bomb(rng);
            let pos = rng.below(lines.len() + 1);
            lines.insert(pos, v);
        }
        16 => {
            // a long scalar
            let max = if rng.chance(4) { 100_000 } else { 300 };
            let v = "x".repeat(1 + rng.below(max));
            lines[at] = set_value(&lines[at], &v)
        }
        17 => {
            // a list wrapper
            let body: String = lines.iter().map(|l| format!("  {l}\n")).collect();
            return format!("apiVersion: v1\nkind: List\nitems:\n- \n{body}");
        }
        18 => {
            let max = if rng.chance(6) { 40 } else { 6 };
            // copies up to ~256 KiB in all (bigger texts cost seconds and find nothing new)
            let n = (2 + rng.below(max)).min((256 * 1024 / text.len().max(1)).max(2));
            return grow(text, n);
        }
        _ => {
            // a label / selector pair from a tiny alphabet, so selectors sometimes match
            let k = rng.pick(&["app", "tier", "version", "app.kubernetes.io/name", "x"]);
            let v = rng.pick(&["web", "db", "v1", "v2", "Web", "web ", ""]);
            let ind = lines[at].len() - lines[at].trim_start().len();
            lines.insert(at + 1, format!("{}  {k}: {v}", " ".repeat(ind)));
        }
    }
    lines.join("\n")
}

/// A mutated manifest: a preset or corpus entry with 1–8 mutations.
pub fn manifest(rng: &mut Rng, seeds: &[String]) -> String {
    let mut t = rng.pick(seeds).clone();
    for _ in 0..1 + rng.below(8) {
        // past 256 KiB the input is big enough (the UI debounces above 64 KiB; the parser
        // refuses more than 4 MiB); growing it further only slows the run down
        if t.len() > 256 * 1024 {
            break;
        }
        let other = rng.pick(seeds);
        t = mutate_once(rng, &t, other);
    }
    t
}

/// The seeds: every preset, plus the committed corpus.
pub fn seeds(corpus: &[String]) -> Vec<String> {
    presets::ALL.iter().map(|p| p.yaml.to_string()).chain(corpus.iter().cloned()).collect()
}

fn finite(x: f64) -> bool {
    x.is_finite()
}

/// Every property of the core on one text. `Err` names the broken property.
pub fn check_text(text: &str, variant: u64) -> Result<Report, String> {
    let mut cfg = Config { nodes: 1 + (variant % 8) as usize, cloud: variant & 8 != 0, ..Config::default() };
    // the fast YAML path gives granit-parser's tree, or declines the document
    let (fast, slow) = (crate::core::yaml::parse_stream(text), crate::core::yaml::parse_stream_granit(text));
    if format!("{fast:?}") != format!("{slow:?}") {
        return Err("the fast YAML path and granit-parser give different trees".into());
    }
    let report = analyze(text, &cfg);
    // positions inside the text (YAML counts \r, \n and \r\n as line breaks)
    let max_line = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count() as u32 + 1;
    for d in report.diagnostics.iter() {
        if d.line == 0 || d.column == 0 || d.line > max_line {
            return Err(format!("diagnostic outside the text ({} lines): {}:{} {}", max_line, d.line, d.column, d.message));
        }
    }
    if variant.is_multiple_of(16) {
        let again = analyze(text, &cfg);
        if again != report {
            return Err("analyze is not deterministic".into());
        }
    }
    // flip the first pods' readiness: a second analysis with the UI's Config
    if variant & 32 != 0 && !report.pods.is_empty() {
        cfg.flip_ready = report.pods.iter().take(2).map(|p| format!("{}/{}", p.pod.namespace, p.pod.name)).collect();
        let _ = analyze(text, &cfg);
    }
    let widths = [360.0, 700.0, 1280.0, (variant % 5000) as f64, f64::NAN, f64::INFINITY, -1.0];
    let selections: Vec<Option<usize>> = std::iter::once(None).chain((0..report.services.len().min(3)).map(Some)).chain([Some(usize::MAX)]).collect();
    for (i, sel) in selections.iter().enumerate() {
        let w = widths[(i + variant as usize) % widths.len()];
        let l = layout::layout(&report, *sel, w);
        if !(finite(l.width) && finite(l.height)) {
            return Err(format!("layout size not finite at width {w}: {} x {}", l.width, l.height));
        }
        for it in &l.items {
            let r = it.rect;
            if !(finite(r.x) && finite(r.y) && finite(r.w) && finite(r.h)) || r.w < 0.0 || r.h < 0.0 {
                return Err(format!("{} {} has rect {r:?} at width {w}", it.kind, it.name));
            }
        }
        for s in &report.services {
            for p in &s.paths {
                for h in &p.hops {
                    for k in [&h.from, &h.to] {
                        if let Some((x, y)) = l.anchor(k) {
                            if !(finite(x) && finite(y)) {
                                return Err(format!("anchor {k} is not finite"));
                            }
                        }
                    }
                }
            }
        }
    }
    for line in text.lines().take(2000) {
        let t: String = highlight::tokens(line).iter().map(|(_, s)| *s).collect();
        if t != line {
            return Err(format!("editor tokens do not give back the line {line:?}"));
        }
    }
    Ok(report)
}

/// Share links: round trip for what fits, a scene or a reason for anything else.
pub fn check_share(rng: &mut Rng, yaml: &str) -> Result<(), String> {
    let mut scene = share::SharedScene {
        yaml: yaml.to_string(),
        service: rng.pick(&["web", "", "<script>alert(1)</script>", "db"]).to_string(),
        entry: rng.pick(&["pod", "nodeport@node-2", "", "javascript:alert(1)"]).to_string(),
        step: rng.below(70),
        theme: rng.pick(&["auto", "dark", "light", ""]).to_string(),
        nodes: 1 + rng.below(8),
        cloud: rng.chance(2),
        flipped: if rng.chance(3) { vec!["default/web-1".into()] } else { Vec::new() },
        deleted: if rng.chance(4) { vec!["default/web-2".into()] } else { Vec::new() },
        cordoned: if rng.chance(4) { vec!["node-1".into()] } else { Vec::new() },
        drained: if rng.chance(4) { vec!["node-2".into()] } else { Vec::new() },
        client: rng.pick(&["", "node-3", "<b>x</b>"]).to_string(),
        families: rng.pick(&["", "ipv6", "ipv4,ipv6", "<b>x</b>"]).to_string(),
        port: *rng.pick(&[None, Some(80), Some(0), Some(-1), Some(i64::MAX)]),
        protocol: rng.pick(&["", "UDP", "<b>x</b>"]).to_string(),
        mode: rng.pick(&["", "grpc", "keepalive-4", "<b>x</b>"]).to_string(),
        client_namespace: String::new(),
        client_pod: String::new(),
        down: Vec::new(),
        rollout: Vec::new(),
    };
    // (from the step, not the generator: the other fields' draws stay as they were)
    scene.client_namespace = ["", "frontend", "<b>x</b>"][scene.step % 3].to_string();
    if scene.step % 5 == 1 {
        scene.down = vec!["node-1".into()];
    }
    if scene.step % 7 == 2 {
        scene.rollout = vec!["default/web".into()];
    }
    let link = share::encode(&scene);
    let fits = link.len() <= share::MAX_LINK_CHARS && serde_json::to_vec(&scene).map(|j| j.len() <= share::MAX_INFLATED).unwrap_or(false);
    match (share::decode(&link), fits) {
        (Ok(back), true) if back.step.min(64) == back.step && back == share::SharedScene { step: scene.step.min(64), ..scene.clone() } => {}
        (Ok(back), true) => return Err(format!("share round trip changed the scene: {:?} → {:?}", scene.service, back.service)),
        (Err(e), true) => return Err(format!("a link that fits was refused: {e}")),
        (_, false) => {}
    }
    // damaged links: cut, flipped, re-prefixed, or a deflated JSON that is not quite a scene
    let mut bad = link.clone();
    match rng.below(6) {
        0 => bad.truncate(char_boundary(&bad, rng.below(bad.len() + 1))),
        1 => {
            let i = char_boundary(&bad, rng.below(bad.len()));
            bad.insert(i, *rng.pick(&['A', '@', '-', '_', 'é', '=', '%']));
        }
        2 => bad = format!("{}{}", rng.pick(&["v0.", "v2.", "V1.", "", "v1", "v1.."]), bad.get(3..).unwrap_or("")),
        3 => bad = bad.repeat(1 + rng.below(12)),
        4 => {
            let json = rng.pick(&[
                "{}", "[]", "null", "{\"yaml\":1}", "{\"yaml\":\"a\",\"step\":-1}", "{\"yaml\":\"a\",\"nodes\":1e99}",
                "{\"yaml\":\"a\",\"step\":18446744073709551616}", "{\"yaml\":\"a\",\"theme\":\"<script>\"}", "{\"yaml\":\"a\",\"flipped\":[1]}",
                "{\"yaml\":\"a\",\"yaml\":\"b\"}", "{\"yaml\":\"\\ud800\"}", "\u{feff}{\"yaml\":\"a\"}",
            ]);
            bad = format!("v1.{}", b64(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6)));
        }
        _ => {
            let bytes: Vec<u8> = (0..rng.below(600)).map(|_| rng.next_u64() as u8).collect();
            bad = format!("v1.{}", b64(&bytes));
        }
    }
    if let Ok(s) = share::decode(&bad) {
        if s.nodes == 0 || s.nodes > 8 || s.step > 64 || !["auto", "light", "dark", ""].contains(&s.theme.as_str()) {
            return Err(format!("a damaged link gave an unchecked scene: {s:?}"));
        }
    }
    Ok(())
}

fn b64(data: &[u8]) -> String {
    const B: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..c.len() + 1 {
            out.push(B[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

const OPTION_KEYS: &[&str] = &["embed", "preset", "service", "entry", "step", "theme", "nodes", "cloud", "readonly", "editor", "autoplay", "origin", "families", "s", "panic-test", ""];
const OPTION_VALUES: &[&str] = &[
    "", "1", "0", "true", "web-nodeport", "web", "nodeport@node-2", "dark", "-1", "99999999999999999999", "1e3", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "javascript%3Aalert(1)", "https%3A%2F%2Fdocs.example", "https://docs.example", "*", "null", "%", "%E0%A4%A", "%FF", "%00", "a+b", "%F0%9F%98%80",
    "https%3A%2F%2Fdocs.example%2Fpath", "http%3A%2F%2F%5B%3A%3A1%5D%3A8080", "..%2F..%2F", "ipv6", "ipv6%2Cipv4",
];

/// The URL/JS/postMessage readers on a random query and fragment.
pub fn check_options(rng: &mut Rng, payload: &str) -> Result<(), String> {
    let mut q = String::from("?");
    for _ in 0..rng.below(10) {
        let k = rng.pick(OPTION_KEYS);
        let v = if rng.chance(5) { payload.chars().take(rng.below(400)).collect::<String>() } else { rng.pick(OPTION_VALUES).to_string() };
        q.push_str(&format!("{k}={v}&"));
        if rng.chance(6) {
            q.push_str(&"x".repeat(rng.below(3000)));
        }
    }
    let hash = if rng.chance(3) { format!("#s={}", payload.chars().take(9000).collect::<String>()) } else { String::new() };
    let o = HostOptions::parse(&q, &hash);
    verify_options(&o)?;
    // the JS API path: arbitrary strings through sanitize
    let mut js = HostOptions {
        preset: Some(payload.chars().take(300).collect()),
        service: Some(payload.chars().rev().take(40).collect()),
        theme: Some(rng.pick(OPTION_VALUES).to_string()),
        origin: Some(payload.chars().take(60).collect()),
        yaml: Some(payload.to_string()),
        step: Some(rng.next_u64() as usize),
        nodes: Some(rng.next_u64() as usize),
        ..HostOptions::default()
    };
    js.sanitize();
    verify_options(&js)?;
    let marker = *rng.pick(&[None, Some(1.0), Some(0.0), Some(f64::NAN), Some(1.0000001)]);
    let cmds = [None, Some("setYaml"), Some("play"), Some("step"), Some("eval"), Some(payload)];
    let cmd = *rng.pick(&cmds);
    match hostopts::read_command(marker, cmd, Some(payload)) {
        Ok(Some(hostopts::HostCommand::SetYaml(y))) if y.len() > hostopts::MAX_PUSHED_YAML => Err("an oversized setYaml was accepted".into()),
        Ok(Some(_)) if marker != Some(1.0) => Err("a message without the marker was obeyed".into()),
        _ => Ok(()),
    }
}

fn verify_options(o: &HostOptions) -> Result<(), String> {
    if let Some(p) = &o.preset {
        if presets::find(p).is_none() {
            return Err(format!("unknown preset kept: {p:?}"));
        }
    }
    if let Some(t) = &o.theme {
        if !["auto", "light", "dark"].contains(&t.as_str()) {
            return Err(format!("theme kept: {t:?}"));
        }
    }
    if let Some(or) = &o.origin {
        if !hostopts::valid_origin(or) {
            return Err(format!("origin kept: {or:?}"));
        }
    }
    for v in [&o.service, &o.entry].into_iter().flatten() {
        if v.contains(['<', '>', '"', '\'', ' ', ':']) || v.len() > hostopts::MAX_VALUE_CHARS {
            return Err(format!("name kept: {v:?}"));
        }
    }
    if o.step.is_some_and(|s| s > hostopts::MAX_STEP) || o.nodes.is_some_and(|n| !(1..=8).contains(&n)) {
        return Err("step or nodes out of range".into());
    }
    if o.yaml.as_ref().is_some_and(|y| y.len() > hostopts::MAX_PUSHED_YAML) {
        return Err("oversized yaml kept".into());
    }
    Ok(())
}

/// One input for a byte-oriented fuzzer (AFL++): the first byte picks the target.
pub fn one_input(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut rng = Rng::new(rest.len() as u64 ^ which as u64);
    let r = match which % 4 {
        0 | 1 => check_text(&text, which as u64).map(|_| ()),
        2 => share::decode(&text).map(|_| ()).or(Ok(())),
        _ => check_options(&mut rng, &text),
    };
    if let Err(e) = r {
        panic!("property broken: {e}");
    }
}
