//! What a host page (or whoever wrote the link) tells an instance: the URL's query and
//! fragment (`?embed&preset=…#s=v1.…`), the JS API's options and the postMessage commands.
//! All of it is untrusted input, so it is read here, by pure functions (no web-sys), which the
//! native fuzz test drives (tests/fuzz_core.rs). Anything refused becomes a notice in words:
//! the UI shows it as text and carries on with the default.

use crate::core::config::Families;
use crate::core::{presets, share};

/// Longest query string read at all (a link is refused well before: share::MAX_LINK_CHARS).
pub const MAX_QUERY_CHARS: usize = 16 * 1024;
/// Longest value of one option (names, origins); longer values are ignored with a notice.
pub const MAX_VALUE_CHARS: usize = 256;
/// Largest YAML a host may push or pass to `mount` (bytes).
pub const MAX_PUSHED_YAML: usize = 1024 * 1024;
/// Hops an instance may start at (a path has far fewer).
pub const MAX_STEP: usize = 64;

/// How an instance starts, after checking.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostOptions {
    pub preset: Option<String>,
    pub yaml: Option<String>,
    pub service: Option<String>,
    pub entry: Option<String>,
    pub step: Option<usize>,
    /// the step asked for, before `step` was capped at MAX_STEP (the notice names what was asked)
    pub step_asked: Option<usize>,
    pub theme: Option<String>,
    pub nodes: Option<usize>,
    pub cloud: Option<bool>,
    /// the Service IP families (`?families=ipv6`, `ipv4,ipv6`, …; a shared scene's `families`)
    pub families: Option<Families>,
    pub flipped: Vec<String>,
    /// a shared scene's out-of-YAML what-ifs (`SharedScene::deleted/cordoned/drained`)
    pub deleted: Vec<String>,
    pub cordoned: Vec<String>,
    pub drained: Vec<String>,
    /// a shared scene's nodes that went down (`SharedScene::down`; whatif22)
    pub down: Vec<String>,
    /// a shared scene's Deployments rolling out (`SharedScene::rollout`; whatif22)
    pub rollout: Vec<String>,
    /// a shared scene's client node (`SharedScene::client`)
    pub client: Option<String>,
    /// a shared scene's client pod namespace (`SharedScene::client_namespace`, a DNS label;
    /// uifix12)
    pub client_namespace: Option<String>,
    /// a shared scene's client pod name (`SharedScene::client_pod`, a pod name: apimachinery
    /// IsDNS1123Subdomain; fidfix20)
    pub client_pod: Option<String>,
    /// a shared scene's Service port, its protocol and the client's connection mode
    /// (`SharedScene::port/protocol/mode`; learner9 Q37)
    pub port: Option<i64>,
    pub protocol: Option<String>,
    pub client_mode: Option<String>,
    pub embed: bool,
    pub read_only: bool,
    pub hide_editor: bool,
    pub autoplay: bool,
    /// the exact origin allowed to send postMessage commands (`?origin=`)
    pub origin: Option<String>,
    /// why the shared scene in the fragment could not be opened
    pub link_error: Option<String>,
    /// options that were refused, in words (shown as text)
    pub notices: Vec<String>,
    /// keep the text in localStorage (set by the page app itself, never read from input)
    pub autosave: bool,
    /// a guided-tour step (1-based): `#tour=3` or `?tour=3`; it picks the preset, Service and entry
    pub tour: Option<usize>,
}

/// Percent-decode a query value (`+` is a space). None if the escapes are not valid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let (h, l) = (b.get(i + 1).copied().and_then(hex)?, b.get(i + 2).copied().and_then(hex)?);
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Shorten a hostile value for a message (it is shown as text, never as HTML).
pub fn excerpt(s: &str) -> String {
    let mut e: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
    if s.chars().count() > 40 {
        e.push('…');
    }
    format!("\"{e}\"")
}

/// An origin as `postMessage` reports it: `http(s)://host[:port]`, nothing else.
pub fn valid_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    let (host, port) = match rest.rsplit_once(':') {
        _ if rest.starts_with('[') && rest.ends_with(']') => (rest, None),
        Some((h, p)) if !h.starts_with('[') || h.ends_with(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && (host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            || (host.starts_with('[') && host.ends_with(']') && host[1..host.len() - 1].chars().all(|c| c.is_ascii_hexdigit() || c == ':')));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n)));
    host_ok && port_ok
}

/// Names (Service, node in an entry) as Kubernetes spells them; anything else cannot match.
pub fn plausible_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '@' | '_'))
}

impl HostOptions {
    /// Check every field; refused ones are dropped (the default is used) with a notice.
    pub fn sanitize(&mut self) {
        let mut notices = std::mem::take(&mut self.notices);
        let too_long = |k: &str, v: &Option<String>, notices: &mut Vec<String>| {
            let long = v.as_ref().is_some_and(|v| v.chars().count() > MAX_VALUE_CHARS);
            if long {
                notices.push(format!("the {k} option is longer than {MAX_VALUE_CHARS} characters; ignored"));
            }
            long
        };
        if too_long("preset", &self.preset, &mut notices) {
            self.preset = None;
        }
        if let Some(p) = &self.preset {
            if presets::find(p).is_none() {
                // the fallback and the choices named (trainer8: a silent fallback hides a typo)
                let ids: Vec<&str> = presets::ALL.iter().map(|p| p.id).collect();
                notices.push(format!("there is no preset {}; showing the default scene, {} (presets: {})", excerpt(p), presets::DEFAULT.id, ids.join(", ")));
                self.preset = None;
            }
        }
        for (k, v) in [("service", &mut self.service), ("entry", &mut self.entry)] {
            if too_long(k, v, &mut notices) {
                *v = None;
            }
            if let Some(s) = v.as_deref() {
                if !plausible_name(s) {
                    notices.push(format!("the {k} {} is not a Kubernetes name; ignored", excerpt(s)));
                    *v = None;
                }
            }
        }
        if too_long("theme", &self.theme, &mut notices) {
            self.theme = None;
        }
        if let Some(t) = &self.theme {
            if !["auto", "light", "dark"].contains(&t.as_str()) {
                notices.push(format!("theme {} is not auto, light or dark; ignored", excerpt(t)));
                self.theme = None;
            }
        }
        if too_long("origin", &self.origin, &mut notices) {
            self.origin = None;
        }
        if let Some(o) = &self.origin {
            if !valid_origin(o) {
                notices.push(format!("origin {} is not an origin such as https://docs.example; messages from the host are ignored", excerpt(o)));
                self.origin = None;
            }
        }
        if let Some(y) = &self.yaml {
            if y.len() > MAX_PUSHED_YAML {
                notices.push(format!("the YAML given is {} KiB; more than {} KiB is refused", y.len() / 1024, MAX_PUSHED_YAML / 1024));
                self.yaml = None;
            }
        }
        if self.step_asked.is_none() {
            self.step_asked = self.step;
        }
        if let Some(s) = self.step {
            if s > MAX_STEP {
                self.step = Some(MAX_STEP);
            }
        }
        if let Some(n) = self.nodes {
            self.nodes = Some(n.clamp(1, 8));
        }
        self.flipped.truncate(256);
        self.flipped.retain(|p| p.len() <= 512);
        self.notices = notices;
    }

    /// `?preset=web-nodeport&service=web&entry=nodeport@node-2&step=2&theme=dark&embed&readonly&editor=0&autoplay&origin=…`
    /// plus a shared scene in the fragment: `#s=v1.…` (the fragment wins over the query).
    pub fn parse(search: &str, hash: &str) -> HostOptions {
        let mut o = HostOptions::default();
        let search = search.strip_prefix('?').unwrap_or(search);
        if search.len() > MAX_QUERY_CHARS {
            o.notices.push(format!("the page address is {} characters long; its options were ignored", search.len()));
        } else {
            let mut params: Vec<(String, String)> = Vec::new();
            for kv in search.split('&').filter(|kv| !kv.is_empty()) {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                match (percent_decode(k), percent_decode(v)) {
                    (Some(k), Some(v)) => params.push((k, v)),
                    _ => o.notices.push(format!("the option {} is not valid percent-encoding; ignored", excerpt(kv))),
                }
            }
            let get = |k: &str| params.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone());
            let flag = |k: &str| get(k).is_some_and(|v| v.is_empty() || v == "1" || v == "true");
            let number = |k: &str, notices: &mut Vec<String>| {
                let v = get(k)?;
                let n = v.parse::<usize>().ok();
                if n.is_none() {
                    notices.push(format!("{k}={} is not a number; ignored", excerpt(&v)));
                }
                n
            };
            o.step = number("step", &mut o.notices);
            o.nodes = number("nodes", &mut o.notices);
            o.preset = get("preset");
            o.service = get("service");
            o.entry = get("entry");
            o.theme = get("theme");
            o.origin = get("origin");
            o.cloud = get("cloud").map(|v| v.is_empty() || v == "1" || v == "true");
            o.families = get("families").and_then(|v| families(&v, &mut o.notices));
            o.embed = flag("embed");
            o.read_only = flag("readonly");
            o.hide_editor = get("editor").is_some_and(|v| v == "0" || v == "false");
            o.autoplay = flag("autoplay");
            o.tour = get("tour").and_then(|n| n.parse().ok());
        }
        if let Some(n) = hash.strip_prefix("#tour=") {
            o.tour = n.parse().ok();
        }
        o.tour = o.tour.filter(|&n| crate::core::tour::step(n).is_some());
        if let Some(st) = o.tour.and_then(crate::core::tour::step) {
            o.preset = Some(st.preset.into());
            o.service = Some(st.service.into());
            o.entry = Some(st.entry.into());
        }
        if let Some(payload) = hash.strip_prefix("#s=") {
            match share::decode(payload) {
                Ok(sc) => o.apply_shared(sc),
                Err(e) => o.link_error = Some(e),
            }
        }
        o.sanitize();
        o
    }

    pub fn apply_shared(&mut self, sc: share::SharedScene) {
        self.yaml = Some(sc.yaml);
        self.service = Some(sc.service).filter(|s| !s.is_empty());
        self.entry = Some(sc.entry).filter(|s| !s.is_empty());
        self.step = Some(sc.step);
        // `?theme=dark#s=…`: the theme written in the URL wins over the one the link carries
        // (learner9: a dark link rendered light)
        let url_theme = self.theme.take().filter(|t| ["auto", "light", "dark"].contains(&t.as_str()));
        self.theme = url_theme.or(Some(sc.theme).filter(|s| !s.is_empty()));
        self.port = sc.port.filter(|n| (1..=65535).contains(n));
        self.protocol = Some(sc.protocol).filter(|p| matches!(p.as_str(), "TCP" | "UDP" | "SCTP"));
        self.client_mode = Some(sc.mode).filter(|m| !m.is_empty()).map(|m| crate::core::connections::ClientMode::parse(&m).key());
        self.nodes = Some(sc.nodes);
        self.cloud = Some(sc.cloud);
        self.flipped = sc.flipped;
        self.deleted = sc.deleted;
        self.cordoned = sc.cordoned;
        self.drained = sc.drained;
        self.down = sc.down;
        self.rollout = sc.rollout;
        self.client = Some(sc.client).filter(|c| !c.is_empty());
        // (a namespace name is a DNS label: apimachinery validation.IsDNS1123Label)
        let label = |c: &str| c.len() <= 63 && c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && !c.starts_with('-') && !c.ends_with('-');
        self.client_namespace = Some(sc.client_namespace).filter(|c| !c.is_empty() && label(c));
        // (a pod name is a DNS subdomain: labels joined by dots, 253 characters at most)
        self.client_pod = Some(sc.client_pod).filter(|c| !c.is_empty() && c.len() <= 253 && c.split('.').all(|l| !l.is_empty() && label(l)));
        // a link made before the setting has none: IPv4, the default
        self.families = if sc.families.is_empty() { Some(Families::Ipv4) } else { families(&sc.families, &mut self.notices) };
    }
}

/// A `families` value (`ipv4`, `ipv6`, `ipv4,ipv6`, `ipv6,ipv4`); anything else is a notice.
pub fn families(v: &str, notices: &mut Vec<String>) -> Option<Families> {
    let f = Families::parse(v);
    if f.is_none() {
        notices.push(format!("families={} is not ipv4, ipv6, ipv4,ipv6 or ipv6,ipv4; ignored", excerpt(v)));
    }
    f
}

/// An entry point's key as the URL and the entry picker spell it: `pod`, `outside`,
/// `nodeport@node-2`, `loadbalancer`.
pub fn entry_key(p: &crate::core::paths::Path) -> String {
    match (p.entry.as_str(), &p.node) {
        ("nodeport", Some(n)) => format!("nodeport@{n}"),
        // one entry per Ingress that routes to the Service (core::ingress::paths)
        ("ingress", _) => format!("ingress@{}", p.ingress.as_deref().unwrap_or_default()),
        // one entry per Gateway API route that sends to the Service (core::gateway::paths)
        ("httproute", _) => format!("httproute@{}", p.ingress.as_deref().unwrap_or_default()),
        (e, _) => e.to_string(),
    }
}

/// How `service`/`entry` name what to show, in the report `r`: the Service's index
/// (`Report::find_service`, else the first, as the page falls back) and whether `entry` names one
/// of its ways in (a key such as `nodeport@node-2`, or a kind such as `nodeport`).
fn chosen(r: &crate::core::report::Report, service: Option<&str>) -> Option<usize> {
    (!r.services.is_empty()).then(|| service.and_then(|s| r.find_service(s)).unwrap_or_else(|| r.default_service()))
}

/// What a link's `service=`, `entry=` and `step=` asked for that the manifests do not have, in
/// one line naming each bad option, what is shown instead and the choices (trainer8: `?service=nope`,
/// `?entry=bogus`, `?step=99` fell back silently). None when everything was found, or when there
/// is no report to check against yet (no Service).
pub fn fallbacks(r: &crate::core::report::Report, service: Option<&str>, entry: Option<&str>, step: Option<usize>) -> Option<String> {
    let i = chosen(r, service)?;
    let svc = &r.services[i];
    let show = |s: &crate::core::report::ServiceReport| if s.namespace == "default" { s.name.clone() } else { format!("{}/{}", s.namespace, s.name) };
    let mut parts = Vec::new();
    if let Some(s) = service.filter(|s| r.find_service(s).is_none()) {
        let names: Vec<String> = r.services.iter().take(12).map(|s| show(s)).collect();
        let more = if r.services.len() > 12 { format!(" and {} more", r.services.len() - 12) } else { String::new() };
        parts.push(format!("service {} is not in these manifests; showing {} (Services: {}{more})", excerpt(s), show(svc), names.join(", ")));
    }
    let mut keys: Vec<String> = Vec::new();
    for k in svc.paths.iter().map(entry_key) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let path = match entry {
        Some(e) => svc.paths.iter().find(|p| entry_key(p) == e).or_else(|| svc.paths.iter().find(|p| p.entry.as_str() == e)),
        None => None,
    };
    if let (Some(e), None, Some(first)) = (entry, path, svc.paths.first()) {
        parts.push(format!("entry {} is not a way into {}; showing {} (entries: {})", excerpt(e), show(svc), entry_key(first), keys.join(", ")));
    }
    let hops = path.or(svc.paths.first()).map(|p| p.hops.len());
    if let (Some(n), Some(hops)) = (step, hops) {
        if n > hops {
            parts.push(format!("step={n} is past the request's last hop; showing step {hops} of {hops}"));
        }
    }
    (!parts.is_empty()).then(|| format!("Not found, so shown otherwise: {}.", parts.join("; ")))
}

/// [`fallbacks`] as the page shows it (uifix10: at 360 px the one sentence took 7 lines, listing
/// every choice): one short line naming each bad option and what is shown instead, and the
/// choices, shown under a "show choices" disclosure. None exactly when [`fallbacks`] is None.
#[derive(Debug, Clone, PartialEq)]
pub struct Fallback {
    pub line: String,
    pub choices: String,
}

pub fn fallback_notice(r: &crate::core::report::Report, service: Option<&str>, entry: Option<&str>, step: Option<usize>) -> Option<Fallback> {
    fallbacks(r, service, entry, step)?;
    let i = chosen(r, service)?;
    let svc = &r.services[i];
    let show = |s: &crate::core::report::ServiceReport| if s.namespace == "default" { s.name.clone() } else { format!("{}/{}", s.namespace, s.name) };
    let (mut line, mut choices) = (Vec::new(), Vec::new());
    if let Some(s) = service.filter(|s| r.find_service(s).is_none()) {
        line.push(format!("service {} (showing {})", excerpt(s), show(svc)));
        let names: Vec<String> = r.services.iter().take(12).map(|s| show(s)).collect();
        let more = if r.services.len() > 12 { format!(" and {} more", r.services.len() - 12) } else { String::new() };
        choices.push(format!("Services: {}{more}", names.join(", ")));
    }
    let mut keys: Vec<String> = Vec::new();
    for k in svc.paths.iter().map(entry_key) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let path = entry.and_then(|e| svc.paths.iter().find(|p| entry_key(p) == e).or_else(|| svc.paths.iter().find(|p| p.entry.as_str() == e)));
    if let (Some(e), None, Some(first)) = (entry, path, svc.paths.first()) {
        line.push(format!("entry {} (showing {})", excerpt(e), entry_key(first)));
        choices.push(format!("ways into {}: {}", show(svc), keys.join(", ")));
    }
    if let (Some(n), Some(hops)) = (step, path.or(svc.paths.first()).map(|p| p.hops.len())) {
        if n > hops {
            line.push(format!("step={n} (showing {hops} of {hops})"));
            choices.push(format!("steps: 0 to {hops}"));
        }
    }
    Some(Fallback { line: format!("Not found: {}.", line.join("; ")), choices: format!("{}.", choices.join("; ")) })
}

/// A command a host page posts to a framed instance.
#[derive(Debug, Clone, PartialEq)]
pub enum HostCommand {
    SetYaml(String),
    Play,
    Pause,
    Reset,
    Step,
}

/// Read a message's fields (`{switchboard: 1, cmd, yaml?}`). `Ok(None)`: not meant for us
/// (ignored silently); `Err`: meant for us but refused, with the reason.
pub fn read_command(marker: Option<f64>, cmd: Option<&str>, yaml: Option<&str>) -> Result<Option<HostCommand>, String> {
    if marker != Some(1.0) {
        return Ok(None);
    }
    Ok(Some(match cmd {
        Some("setYaml") => match yaml {
            Some(y) if y.len() > MAX_PUSHED_YAML => return Err(format!("setYaml: {} KiB of YAML; more than {} KiB is refused", y.len() / 1024, MAX_PUSHED_YAML / 1024)),
            Some(y) => HostCommand::SetYaml(y.to_string()),
            None => return Err("setYaml: no yaml string in the message".into()),
        },
        Some("play") => HostCommand::Play,
        Some("pause") => HostCommand::Pause,
        Some("reset") => HostCommand::Reset,
        Some("step") => HostCommand::Step,
        Some(other) => return Err(format!("unknown command {}", excerpt(other))),
        None => return Err("a message without cmd".into()),
    }))
}

/// The embedding `error` event's fields for the manifests' errors (crate::ui::api): each error as
/// `line:column: message` (Kubernetes' words, `errors`) with our hint apart (`hints`, null when
/// none); the event's `hint` is the first's (learnfix15: the event carried the message only).
pub fn error_event_fields(diags: &[crate::core::diag::Diagnostic]) -> Vec<(String, Option<String>)> {
    diags.iter().filter(|d| d.severity == crate::core::diag::Severity::Error).map(|d| (format!("{}:{}: {}", d.line, d.column, d.message), d.hint.clone())).collect()
}

/// Element ids of instance `n` (1-based, in the order instances are mounted on a page): the
/// standalone page and the first mount keep the plain ids (`service`, `diagram`, `yaml`, …:
/// share links, the e2e tests, docs anchors and host CSS use them); every later mount's carry
/// the suffix `-n` (`service-2`), so two mounts on one page share no id (HTML's "the id
/// attribute must be unique in the element's tree"; `for=`/`aria-*` then point into their own
/// instance). docs/embedding.md section 2 says what a host can rely on.
pub fn instance_id(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// The number a new instance takes: the smallest one no instance on the page holds (`taken`,
/// read from the mounted roots' `data-sb-instance`), so the first mount — or a mount made after
/// every other one was destroyed — is 1 and keeps the plain ids.
pub fn free_instance(taken: &[u32]) -> u32 {
    free_instance_where(taken, |_| false)
}

/// Every element id an instance carries: the `base` of each `ui::ids::Ids::id`/`sel`/`get`/`find`
/// in src/ui (the test `every_id_the_ui_uses_is_an_instance_id_base` keeps this list whole).
pub const INSTANCE_ID_BASES: &[&str] = &[
    "analysis", "analysis-cancel", "analysis-cancelled", "analysis-progress", "analysis-retry", "bigtext", "bigtext-download",
    "bigtext-find", "bigtext-find-next", "bigtext-goto", "bigtext-help", "bigtext-kinds", "bigtext-line", "bigtext-next",
    "bigtext-note", "bigtext-prev", "bigtext-range", "bigtext-selected", "caption", "client-mode", "close-connections", "cloud",
    "conflict-mine", "conflict-theirs", "connections", "copy-link", "details", "diagnostics", "diagram", "dns-lookup", "dns-pod",
    "dns-query", "download-yaml", "editor-help", "embed-snippet", "entry", "export-json", "export-png", "export-svg",
    "export-yaml", "families", "file-status", "iptables", "keepalive-n", "link-error", "load", "load-rps", "nodes", "open-file",
    "open-file-input", "play", "pods", "port", "preset", "reduce-motion", "reset", "save-failed", "selected", "send-burst",
    "send-one", "service", "service-filter", "service-more", "service-pods", "services", "share-text", "show-all-diagnostics", "show-all-pods",
    "show-all-services", "speed", "step", "step-back", "summary", "summary-table", "summary-wrap", "tab-conflict", "theme", "tour",
    "tour-close", "tour-next", "tour-prev", "why-no-traffic", "yaml", "zoom-fit", "zoom-in", "zoom-out",
];

/// `free_instance`, skipping also every number one of whose ids (`INSTANCE_ID_BASES` through
/// `instance_id`) an element of the page already has (`id_in_use`): a host page with a heading
/// `id="service"` gets its first mount as `-2` instead of two elements sharing `service` (HTML: an
/// id is unique in its tree; `getElementById`, `label for=` and `#service` links would reach the
/// host's heading first).
pub fn free_instance_where(taken: &[u32], id_in_use: impl Fn(&str) -> bool) -> u32 {
    (1..).find(|&n| !taken.contains(&n) && !INSTANCE_ID_BASES.iter().any(|b| id_in_use(&instance_id(b, n)))).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_options_are_read_and_hostile_ones_refused_with_a_notice() {
        let o = HostOptions::parse("?embed&preset=web-nodeport&entry=nodeport%40node-2&step=2&theme=dark&readonly&editor=0&origin=https%3A%2F%2Fdocs.example", "");
        assert_eq!(o.preset.as_deref(), Some("web-nodeport"));
        assert_eq!(o.entry.as_deref(), Some("nodeport@node-2"));
        assert_eq!((o.step, o.embed, o.read_only, o.hide_editor), (Some(2), true, true, true));
        assert_eq!(o.origin.as_deref(), Some("https://docs.example"));
        assert!(o.notices.is_empty(), "{:?}", o.notices);

        let o = HostOptions::parse("?preset=%3Cscript%3Ealert(1)%3C/script%3E&service=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&theme=javascript:alert(1)&origin=*&step=-1", "");
        assert_eq!((o.preset, o.service, o.theme, o.origin, o.step), (None, None, None, None, None));
        assert_eq!(o.notices.len(), 5, "{:?}", o.notices);
        assert!(o.notices[1].contains("no preset \"<script>alert(1)</script>\""), "{:?}", o.notices);

        let o = HostOptions::parse(&format!("?preset={}", "a".repeat(300)), "#s=v9.xyz");
        assert_eq!(o.preset, None);
        assert!(o.notices[0].contains("longer than 256"));
        assert!(o.link_error.unwrap().contains("newer version"));
        assert!(HostOptions::parse(&"a".repeat(MAX_QUERY_CHARS + 1), "").notices[0].contains("ignored"));
        assert!(!HostOptions::parse("?x=%FF%FE", "").notices.is_empty());
        // the IP families: a known value, a refused one as a notice
        assert_eq!(HostOptions::parse("?families=ipv4%2Cipv6", "").families, Some(Families::Ipv4Ipv6));
        assert_eq!(HostOptions::parse("?families=IPv6", "").families, Some(Families::Ipv6));
        let o = HostOptions::parse("?families=ipv5", "");
        assert_eq!(o.families, None);
        assert!(o.notices[0].contains("families=\"ipv5\" is not"), "{:?}", o.notices);
        // a shared dual-stack scene opens dual-stack (the link wins over the query); a link
        // made before the setting opens as IPv4
        let link = |f: &str| share::encode(&share::SharedScene { yaml: "y".into(), families: f.into(), ..Default::default() });
        assert_eq!(HostOptions::parse("?families=ipv6", &format!("#s={}", link("ipv6,ipv4"))).families, Some(Families::Ipv6Ipv4));
        assert_eq!(HostOptions::parse("?families=ipv6", &format!("#s={}", link(""))).families, Some(Families::Ipv4));
        let o = HostOptions::parse("", &format!("#s={}", link("ipv7")));
        assert_eq!((o.families, o.notices.len()), (None, 1));
        assert_eq!(percent_decode("a%2"), None);
        // learner9: `?theme=dark#s=…` opens dark (the URL's explicit theme wins over the link's);
        // without one, the link's theme; the link's port, protocol and client mode are kept
        let themed = share::encode(&share::SharedScene { yaml: "y".into(), theme: "light".into(), port: Some(9000), protocol: "UDP".into(), mode: "keepalive-3".into(), ..Default::default() });
        let o = HostOptions::parse("?theme=dark", &format!("#s={themed}"));
        assert_eq!(o.theme.as_deref(), Some("dark"));
        assert_eq!((o.port, o.protocol.as_deref(), o.client_mode.as_deref()), (Some(9000), Some("UDP"), Some("keepalive-3")));
        assert_eq!(HostOptions::parse("", &format!("#s={themed}")).theme.as_deref(), Some("light"));
    }

    /// trainer8: `?service=nope`, `?entry=bogus`, `?step=99` fell back silently; the notice names
    /// the option, what is shown instead and the choices (the fallback itself stays).
    #[test]
    fn fallback_notice_names_the_bad_option_and_the_choices() {
        let yaml = presets::find("web-nodeport").unwrap().yaml;
        let r = crate::core::analyze(yaml, &crate::core::config::Config::default());
        assert_eq!(fallbacks(&r, Some("web"), Some("nodeport@node-2"), Some(2)), None);
        assert_eq!(fallbacks(&r, Some("default/web"), Some("nodeport"), None), None, "a kind is a way in");
        let n = fallbacks(&r, Some("nope"), Some("bogus"), Some(99)).unwrap();
        assert!(n.contains("service \"nope\" is not in these manifests; showing web (Services: web)"), "{n}");
        assert!(n.contains("entry \"bogus\" is not a way into web; showing pod (entries: pod, nodeport@node-1, nodeport@node-2, nodeport@node-3)"), "{n}");
        assert!(n.contains("step=99 is past the request's last hop; showing step "), "{n}");
        // nothing to check against yet: no notice
        assert_eq!(fallbacks(&crate::core::analyze("", &Default::default()), Some("nope"), None, None), None);
        // as shown (uifix10): a short line, the choices under a disclosure
        let f = fallback_notice(&r, Some("nope"), Some("bogus"), Some(99)).unwrap();
        assert!(f.line.starts_with("Not found: service \"nope\" (showing web); entry \"bogus\" (showing pod); step=99 (showing "), "{f:?}");
        assert_eq!(f.choices.split("; ").take(2).collect::<Vec<_>>(), ["Services: web", "ways into web: pod, nodeport@node-1, nodeport@node-2, nodeport@node-3"]);
        let one = fallback_notice(&r, Some("nope"), None, None).unwrap();
        assert_eq!((one.line.as_str(), one.choices.as_str()), ("Not found: service \"nope\" (showing web).", "Services: web."));
        assert_eq!(fallback_notice(&r, Some("web"), Some("nodeport@node-2"), Some(2)), None);
        let o = HostOptions::parse("?preset=unknown", "");
        assert!(o.notices[0].contains("showing the default scene, web-clusterip (presets: web-clusterip, web-nodeport,"), "{:?}", o.notices);
    }

    #[test]
    fn origins_are_exact() {
        for ok in ["https://docs.example", "http://127.0.0.1:8080", "https://a-b.c.d:443", "http://[::1]:80", "http://[::1]"] {
            assert!(valid_origin(ok), "{ok}");
        }
        for bad in ["*", "null", "https://docs.example/", "https://docs.example/path", "javascript:alert(1)", "https://", "https://a b", "https://x:0", "https://x:99999", "ftp://x", "http://[::1", "http://[x]"] {
            assert!(!valid_origin(bad), "{bad}");
        }
    }

    #[test]
    fn host_commands() {
        assert_eq!(read_command(None, Some("play"), None), Ok(None));
        assert_eq!(read_command(Some(2.0), Some("play"), None), Ok(None));
        assert_eq!(read_command(Some(1.0), Some("step"), None), Ok(Some(HostCommand::Step)));
        assert_eq!(read_command(Some(1.0), Some("setYaml"), Some("a: 1")), Ok(Some(HostCommand::SetYaml("a: 1".into()))));
        assert!(read_command(Some(1.0), Some("setYaml"), Some(&"a".repeat(MAX_PUSHED_YAML + 1))).is_err());
        assert!(read_command(Some(1.0), Some("eval"), None).unwrap_err().contains("unknown command"));
    }

    /// mountfix: two `Switchboard.mount`s on one page carried the same ids (`service`, `yaml`,
    /// …); the first keeps them, later ones get `-n`, and a number is reused once its
    /// instance is gone.
    #[test]
    fn mountfix_later_instances_get_suffixed_ids_and_the_first_keeps_the_plain_ones() {
        assert_eq!(instance_id("service", 1), "service");
        assert_eq!(instance_id("why-no-traffic", 0), "why-no-traffic");
        assert_eq!(instance_id("service", 2), "service-2");
        assert_eq!(instance_id("yaml", 12), "yaml-12");
        assert_eq!(free_instance(&[]), 1);
        assert_eq!(free_instance(&[1]), 2);
        assert_eq!(free_instance(&[2, 1, 3]), 4);
        assert_eq!(free_instance(&[2]), 1, "the first instance destroyed: its plain ids are free again");
        assert_eq!(free_instance(&[1, 3]), 2);
    }

    /// A host element carrying one of an instance's ids moves the instance on to the next number
    /// (lead16; session 15's "Left": a host heading `id="service"` shared the first mount's id).
    #[test]
    fn a_host_element_with_an_instance_id_moves_the_instance_to_the_next_number() {
        assert_eq!(free_instance_where(&[], |id| id == "service"), 2);
        assert_eq!(free_instance_where(&[], |id| id == "boot" || id == "sb-a"), 1, "ids no instance carries");
        assert_eq!(free_instance_where(&[2], |id| id == "why-no-traffic"), 3);
        assert_eq!(free_instance_where(&[], |id| id == "diagram" || id == "yaml-2"), 3);
    }

    /// INSTANCE_ID_BASES holds every id base src/ui uses (`ids.id("x")`, `ids.sel`, `ids.get`, `ids.find`).
    #[test]
    fn every_id_the_ui_uses_is_an_instance_id_base() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for call in [".id(\"", ".sel(\"", ".get(\"", ".find(\""] {
                for (i, _) in text.match_indices(&format!("ids{call}")) {
                    let rest = &text[i + 3 + call.len()..];
                    let base = &rest[..rest.find('"').unwrap()];
                    assert!(INSTANCE_ID_BASES.contains(&base), "ids{call}{base}\" is not in INSTANCE_ID_BASES");
                    seen += 1;
                }
            }
        }
        assert!(seen > 80, "{seen} uses found");
    }
}
