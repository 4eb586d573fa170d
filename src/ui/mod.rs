//! The browser app: Leptos components that read and write signals over the core's report.
//! No Kubernetes rule lives here; everything shown comes from `crate::core::analyze` (the
//! report) and `crate::core::layout` (where things are drawn).

pub mod api;
mod bigtext;
mod connections;
mod controls;
pub mod crash;
mod diagram;
mod dns;
mod editor;
mod getsvc;
mod epslice;
mod getep;
pub mod ids;
pub mod keyed;
pub mod flight;
mod perf;
mod rules;
pub mod selection;
mod sharebar;
mod svcpods;
mod tables;
mod tour;
mod whatif_node;
mod whatif_rollout;
mod whynot;
pub mod worker;
pub mod words;

use std::sync::Arc;
use leptos::prelude::*;

use crate::core::config::{Config, Families};
use crate::core::diag::ErrorType;
use crate::core::paths::Path;
use crate::core::presets::{self, Preset};
use crate::core::report::Report;
use crate::core::analyze;

/// Texts longer than this are analysed after a pause in typing rather than on every keystroke.
const DEBOUNCE_ABOVE_BYTES: usize = 64 * 1024;

const DRAFT_KEY: &str = "switchboard.v1.draft";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Texts larger than this are not kept in localStorage (the notice offers a download).
const MAX_SAVED_BYTES: usize = 1024 * 1024;

/// Mount the page app on `<body>`, configured from the URL. The page keeps the user's text in
/// localStorage: a reload brings it back (a link or preset in the URL wins, and the draft stays
/// one click away in the Scene menu).
pub fn mount() {
    let mut opts = Options::from_location();
    opts.autosave = true;
    let embed = opts.embed;
    leptos::mount::mount_to_body(move || view! { <App opts=opts.clone() /> });
    if embed {
        // an iframe's host page can size the frame to its content (docs/embedding.md)
        api::report_height();
    }
}

/// All state, provided through context. Everything derived is a Memo over these signals.
#[derive(Clone, Copy)]
pub struct Scene {
    /// the user's text: never replaced behind their back
    pub text: RwSignal<String>,
    pub nodes: RwSignal<usize>,
    pub cloud: RwSignal<bool>,
    /// the Service IP families (the scene bar's "IP family"; `?families=`)
    pub families: RwSignal<Families>,
    /// what the core says about the current text
    pub analysis: Memo<Arc<Report>>,
    /// what is drawn: the last report whose YAML parsed (stale while the text does not)
    pub shown: Memo<Arc<Report>>,
    pub stale: Memo<bool>,
    /// the text the analysis was made from (follows `text` through an effect, or after a pause)
    pub source: RwSignal<String>,
    /// the editor line to highlight/jump to (1-based)
    pub jump: RwSignal<Option<u32>>,
    /// selected Service (name), entry point key (`pod`, `outside`, `nodeport@node-2`, `loadbalancer`), Service port
    pub service: RwSignal<String>,
    pub entry: RwSignal<String>,
    pub port: RwSignal<Option<i64>>,
    /// the selected port's protocol, where two ports share a number (53/UDP, 53/TCP)
    pub protocol: RwSignal<Option<String>>,
    /// hops shown so far (0 = the request has not left yet)
    pub step: RwSignal<usize>,
    pub playing: RwSignal<bool>,
    /// milliseconds per hop
    pub hop_ms: RwSignal<u32>,
    pub reduce_motion: RwSignal<bool>,
    /// requests sent so far and which endpoint (index into the path's backends) the current one goes to
    pub requests: RwSignal<u32>,
    pub backend: RwSignal<usize>,
    /// requests received per pod name
    pub hits: RwSignal<Vec<(String, u32)>>,
    /// "auto" | "light" | "dark"
    pub theme: RwSignal<String>,
    /// the user's own text, kept when a preset replaces it
    pub draft: RwSignal<Option<String>>,
    /// the path being shown (a memo over the report and the selection)
    pub path: Memo<Option<Path>>,
    /// pods (`namespace/name`) whose readiness the user flipped by clicking them
    pub flipped: RwSignal<Vec<String>>,
    /// how the client uses connections (`new`, `keepalive-N`, `grpc`), what it has open, and
    /// where the last request went (core::connections)
    pub client_mode: RwSignal<String>,
    pub client: RwSignal<crate::core::connections::Client>,
    pub delivery: RwSignal<Option<crate::core::connections::Delivery>>,
    /// the guided-tour step being shown (1-based)
    pub tour: RwSignal<Option<usize>>,
    /// the pods of the requests just sent, one packet each to animate (ui::flight)
    pub launch: RwSignal<Vec<String>>,
    /// the thing the details panel shows, and the what-ifs kept beside the YAML (ui::selection)
    pub selected: RwSignal<Option<selection::Selected>>,
    pub whatif: RwSignal<selection::WhatIf>,
    /// the continuous load mode: requests per second while on (ui::flight)
    pub load: RwSignal<Option<u32>>,
    /// big texts are analysed in a Web Worker (ui::worker)
    pub analyst: worker::Analyst,
    /// the analysed text is a big one (the worker's): the panels below the diagram follow the
    /// report once its diagram is painted (`Scene::panel`), not in the keystroke's own frame
    pub deferred: Memo<bool>,
    /// bumped after each paint of a new big text's picture (`Scene::panel`)
    pub late: RwSignal<u32>,
    /// this instance's element ids (ui::ids): plain on the page and the first mount, `-n` after
    pub ids: ids::Ids,
}

fn syntax_broken(r: &Report) -> bool {
    r.diagnostics.iter().any(|d| d.kind == ErrorType::Syntax)
}

/// The entry key of a path (`pod`, `nodeport@node-2`, …).
pub use crate::hostopts::entry_key;
/// How far below the viewport's top the tour's "Show me ↓" puts the pointed box (uifix19).
pub use tour::room_above as tour_room_above;

impl Scene {
    pub fn new(preset: &Preset) -> Scene {
        let text = RwSignal::new(preset.yaml.to_string());
        let nodes = RwSignal::new(3usize);
        let cloud = RwSignal::new(preset.cloud);
        let families = RwSignal::new(Families::default());
        // What is analysed follows the text at once for normal scenes (a 50-pod scene analyses
        // in ~2.4 ms natively); large pastes (> 64 KiB, ~30 ms per 200 KB) wait for a 300 ms
        // pause in typing. Measured by `cargo bench --bench analyze`.
        let source = RwSignal::new(text.get_untracked());
        let pending = StoredValue::new(None::<TimeoutHandle>);
        // big texts: the worker's report (the last picture stays until it is ready); the worker
        // takes each keystroke at once and sets `source` to the text of each report (ui::worker)
        let analyst = worker::Analyst::new();
        Effect::new(move |_| {
            let to_worker = text.with(|t| analyst.takes(t.len()));
            if let Some(h) = pending.get_value() {
                h.clear();
                pending.set_value(None);
            }
            if to_worker {
                return;
            }
            let t = text.get();
            if t.len() <= DEBOUNCE_ABOVE_BYTES {
                source.set(t);
            } else {
                let h = set_timeout_with_handle(move || source.set(text.get_untracked()), std::time::Duration::from_millis(300)).ok();
                pending.set_value(h);
            }
        });
        let flipped = RwSignal::new(Vec::<String>::new());
        let whatif = RwSignal::new(selection::WhatIf::default());
        let config = move || {
            let w = whatif.get();
            let cfg = Config { nodes: nodes.get(), cloud: cloud.get(), flip_ready: flipped.get(), deleted_pods: w.deleted_pods, cordoned: w.cordoned, drained: w.drained, down: w.down, rollout: w.rollout, client_node: w.client_node, client_namespace: w.client_namespace, client_pod: w.client_pod, ..Config::default() };
            // the ranges as the CLI's --service-cidr sets them (Config::with_service_cidrs)
            families.get().apply(cfg)
        };
        analyst.follow(text, source, config);
        // both memos own their last value (Memo::new_owning): a whole cluster's report is not
        // copied or compared more than needed (issue #12)
        let analysis = Memo::new_owning(move |prev: Option<Arc<Report>>| {
            let cfg = config();
            if analyst.takes(source.with(String::len)) {
                return analyst.report(prev, &cfg);
            }
            let now = source.with(|t| analyze(t, &cfg));
            let changed = prev.as_deref() != Some(&now);
            (Arc::new(now), changed)
        });
        // runs when the analysis changed: the same report (shared, not copied: a whole cluster's
        // took ~20 ms to copy, issue #12), or the last picture while the YAML is broken
        let shown = Memo::new_owning(move |prev: Option<Arc<Report>>| {
            analysis.with(|now| match prev {
                Some(p) if syntax_broken(now) => (p, false),
                _ => (Arc::clone(now), true),
            })
        });
        let stale = Memo::new(move |_| analysis.with(|r| syntax_broken(r)) && shown.with(|s| !syntax_broken(s)));
        let service = RwSignal::new(preset.service.to_string());
        let entry = RwSignal::new(preset.entry.to_string());
        let port = RwSignal::new(None::<i64>);
        let protocol = RwSignal::new(None::<String>);
        let backend = RwSignal::new(0usize);
        let deferred = Memo::new(move |_| analyst.takes(source.with(String::len)));
        let late = RwSignal::new(0u32);
        // a new report of a big text: the panels' turn comes after its diagram is painted
        let queued = StoredValue::new(false);
        Effect::new(move |_| {
            shown.track();
            analysis.track();
            source.track();
            if deferred.get_untracked() && !queued.get_value() {
                queued.set_value(true);
                perf::after_paint_then(move || {
                    queued.set_value(false);
                    late.update(|n| *n = n.wrapping_add(1));
                });
            }
        });
        let reduce = web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|m| m.matches());
        Scene {
            text,
            nodes,
            cloud,
            families,
            analysis,
            shown,
            stale,
            source,
            jump: RwSignal::new(None),
            service,
            entry,
            port,
            protocol,
            step: RwSignal::new(0),
            playing: RwSignal::new(false),
            hop_ms: RwSignal::new(1100),
            reduce_motion: RwSignal::new(reduce),
            requests: RwSignal::new(0),
            backend,
            hits: RwSignal::new(Vec::new()),
            theme: RwSignal::new("auto".into()),
            draft: RwSignal::new(None),
            path: Memo::new(move |_| {
                let (name, entry, port, backend) = (service.get(), entry.get(), port.get(), backend.get());
                protocol.with(|proto| shown.with(|r| path_for(r, &name, &entry, port, proto.as_deref(), backend)))
            }),
            flipped,
            client_mode: RwSignal::new("new".into()),
            client: RwSignal::new(Default::default()),
            delivery: RwSignal::new(None),
            tour: RwSignal::new(None),
            launch: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            whatif,
            load: RwSignal::new(None),
            analyst,
            deferred,
            late,
            ids: ids::Ids::default(),
        }
    }

    /// What a panel below the diagram (checklist, iptables rules, DNS, the tables) reads of the
    /// report: `f`'s reads are tracked as usual for a small text; for a big one (analysed in the
    /// worker) they are read untracked, and the panel follows `late` instead (the report once
    /// its diagram is painted) and the user's selection — so that a keystroke's diagram is not
    /// kept waiting by panels the user is not looking at while typing (issue #12). Once the
    /// picture is painted, every panel shows the same as it would have (same report).
    pub fn panel<T>(&self, f: impl FnOnce() -> T) -> T {
        if !self.deferred.get() {
            return f();
        }
        self.late.track();
        // what the user picks still shows at once
        self.service.track();
        self.entry.track();
        self.port.track();
        self.backend.track();
        self.step.track();
        self.delivery.track();
        self.selected.track();
        untrack(f)
    }

    /// Index of the selected Service in the shown report (falls back to the first).
    pub fn service_index(&self) -> Option<usize> {
        let name = self.service.get();
        self.shown.with(|r| service_index_in(r, &name))
    }

    /// The path being shown (computed once per change, shared by every component).
    pub fn current_path(&self) -> Option<Path> {
        self.path.get()
    }

    /// One hop forward (stops playing).
    pub fn step_forward(&self) {
        self.playing.set(false);
        let n = self.path.with_untracked(|p| p.as_ref().map(|p| p.hops.len()).unwrap_or(0));
        self.step.update(|s| *s = (*s + 1).min(n));
    }

    pub fn reset_animation(&self) {
        self.playing.set(false);
        self.step.set(0);
    }

    /// Load a preset; the user's own text is kept as a draft to come back to.
    pub fn load_preset(&self, p: &Preset) {
        let current = self.text.get_untracked();
        if !presets::ALL.iter().any(|q| q.yaml == current) {
            self.draft.set(Some(current));
        }
        self.cloud.set(p.cloud);
        self.text.set(p.yaml.to_string());
        self.service.set(p.service.to_string());
        self.entry.set(p.entry.to_string());
        self.port.set(None);
        self.backend.set(0);
        self.hits.set(Vec::new());
        self.flipped.set(Vec::new());
        self.whatif.set(Default::default());
        self.selected.set(None);
        self.client.set(Default::default());
        self.delivery.set(None);
        self.tour.set(None);
        self.reset_animation();
    }

    /// Flip a pod's readiness, as a failing (or recovering) readiness probe would.
    pub fn flip_ready(&self, pod: String) {
        self.flipped.update(|f| {
            if let Some(i) = f.iter().position(|p| *p == pod) {
                f.remove(i);
            } else {
                f.push(pod);
            }
        });
        self.backend.set(0);
        self.reset_animation();
    }
}

/// Index of the Service `key` names (Report::find_service: `namespace/name` or a name) in the
/// report (falls back to the first).
fn service_index_in(r: &Report, key: &str) -> Option<usize> {
    (!r.services.is_empty()).then(|| r.find_service(key).unwrap_or_else(|| r.default_service()))
}

/// The path for a selection, with its last hop aimed at the chosen endpoint.
fn path_for(r: &Report, service: &str, entry: &str, port: Option<i64>, protocol: Option<&str>, backend: usize) -> Option<Path> {
    let svc = &r.services[service_index_in(r, service)?];
    // (a protocol picks between 53/UDP and 53/TCP; it is only asked with a port)
    let same_protocol = |p: &Path| port.is_none() || protocol.is_none() || p.protocol.is_none() || p.protocol.as_deref() == protocol;
    let matches_port = |p: &&Path| (port.is_none() || p.port == port || p.port.is_none()) && same_protocol(p);
    let mut path = svc
        .paths
        .iter()
        .filter(matches_port)
        .find(|p| entry_key(p) == entry)
        .or_else(|| svc.paths.iter().filter(matches_port).find(|p| p.entry.as_str() == entry))
        .or_else(|| svc.paths.iter().find(matches_port))
        .or(svc.paths.first())?
        .clone();
    crate::core::paths::retarget(&mut path, backend);
    Some(path)
}

/// How an app instance starts: checked options from the page URL (`?preset=…&embed#s=…`) or
/// the JS API. The reading and checking is pure (`crate::hostopts`, fuzzed natively).
pub use crate::hostopts::HostOptions as Options;

impl crate::hostopts::HostOptions {
    /// `?preset=web-nodeport&service=web&entry=nodeport@node-2&step=2&theme=dark&embed&readonly&editor=0&autoplay`
    /// plus a shared scene in the fragment: `#s=v1.…` (the fragment wins over the query).
    pub fn from_location() -> Options {
        let loc = web_sys::window().map(|w| w.location());
        let search = loc.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
        let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
        Options::parse(&search, &hash)
    }
}

/// Build the Scene an instance starts from.
fn scene_from(opts: &Options) -> Scene {
    let preset = opts.preset.as_deref().and_then(presets::find).unwrap_or(presets::DEFAULT);
    let scene = Scene::new(preset);
    if let Some(y) = &opts.yaml {
        scene.text.set(y.clone());
    }
    if let Some(s) = &opts.service {
        scene.service.set(s.clone());
    }
    if let Some(e) = &opts.entry {
        scene.entry.set(e.clone());
    }
    if let Some(t) = opts.theme.clone().filter(|t| ["auto", "light", "dark"].contains(&t.as_str())) {
        scene.theme.set(t);
    }
    if let Some(n) = opts.step {
        scene.step.set(n.min(64));
    }
    if let Some(n) = opts.nodes {
        scene.nodes.set(n.clamp(1, 8));
    }
    if let Some(c) = opts.cloud {
        scene.cloud.set(c);
    }
    if let Some(f) = opts.families {
        scene.families.set(f);
    }
    // a shared scene's port and client mode (learner9 Q37)
    if let Some(n) = opts.port {
        scene.port.set(Some(n));
        scene.protocol.set(opts.protocol.clone());
    }
    if let Some(m) = &opts.client_mode {
        scene.client_mode.set(m.clone());
    }
    if !opts.flipped.is_empty() {
        scene.flipped.set(opts.flipped.clone());
    }
    if !(opts.deleted.is_empty() && opts.cordoned.is_empty() && opts.drained.is_empty() && opts.down.is_empty() && opts.rollout.is_empty() && opts.client.is_none() && opts.client_namespace.is_none() && opts.client_pod.is_none()) {
        scene.whatif.set(selection::WhatIf { deleted_pods: opts.deleted.clone(), cordoned: opts.cordoned.clone(), drained: opts.drained.clone(), down: opts.down.clone(), rollout: opts.rollout.clone(), client_node: opts.client.clone(), client_namespace: opts.client_namespace.clone(), client_pod: opts.client_pod.clone() });
    }
    scene.tour.set(opts.tour);
    if opts.autoplay && !scene.reduce_motion.get_untracked() {
        scene.playing.set(true);
    }
    if opts.autosave {
        let saved = storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten()).filter(|t| !t.trim().is_empty());
        if let Some(saved) = saved {
            let from_url = opts.yaml.is_some() || opts.preset.is_some();
            if from_url {
                if saved != scene.text.get_untracked() {
                    scene.draft.set(Some(saved));
                }
            } else {
                scene.text.set(saved);
            }
        }
    }
    scene
}

/// What the page's autosave knows: whether the last save failed, and the other tab's text when
/// another tab changed the saved draft (until the user chooses, nothing is saved here).
#[derive(Clone, Copy)]
struct Saver {
    failed: RwSignal<bool>,
    conflict: RwSignal<Option<String>>,
    /// the stored draft as this tab last wrote or saw it
    last_seen: StoredValue<Option<String>>,
}

impl Saver {
    fn new() -> Saver {
        let now = storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten());
        Saver { failed: RwSignal::new(false), conflict: RwSignal::new(None), last_seen: StoredValue::new(now) }
    }

    /// Save `text` unless another tab's text would be overwritten unseen (then: conflict).
    fn save(&self, text: &str) {
        if self.conflict.with_untracked(|c| c.is_some()) {
            return;
        }
        let Some(s) = storage() else {
            self.failed.set(true);
            return;
        };
        let stored = s.get_item(DRAFT_KEY).ok().flatten();
        if stored.is_some() && stored != self.last_seen.get_value() && stored.as_deref() != Some(text) {
            // another tab wrote since we last looked (its storage event may still be on its way)
            self.conflict.set(stored);
            return;
        }
        let ok = text.len() <= MAX_SAVED_BYTES && s.set_item(DRAFT_KEY, text).is_ok();
        if ok {
            self.last_seen.set_value(Some(text.to_string()));
        }
        self.failed.set(!ok);
    }

    /// Another tab saved its draft: tell this tab (unless it holds the same text).
    fn other_tab_saved(&self, theirs: Option<String>, mine: &str) {
        self.last_seen.set_value(theirs.clone());
        match theirs {
            Some(t) if t != mine => self.conflict.set(Some(t)),
            _ => self.conflict.set(None),
        }
    }
}

/// Save the text 500 ms after the last keystroke, never over another tab's newer text, and
/// never lose it silently: a failed save (QuotaExceededError, storage blocked) is shown with a
/// download button and editing goes on in memory.
fn autosave(scene: Scene, saver: Saver) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |prev: Option<()>| {
        // no copy of the text per keystroke (a whole cluster is megabytes): the save reads it
        scene.text.with(|t| crash::remember(t));
        if prev.is_none() {
            return; // nothing typed yet
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || scene.text.with_untracked(|t| saver.save(t)), std::time::Duration::from_millis(500)).ok();
        pending.set_value(h);
    });
    // other tabs (same origin) writing the draft
    let handle = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() == Some(DRAFT_KEY) {
            let mine = scene.text.get_untracked();
            saver.other_tab_saved(ev.new_value(), &mine);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Move focus to this instance's diagram: the selected Service's box (whose details the panel
/// then shows; `+`/`-`/`0` zoom from there), else its first box, or the zoomable host around an
/// empty drawing. (uifix19: the way in from outside — client, load balancer — now comes first
/// in the Tab order; the skip link still lands on the Service.)
fn skip_to_diagram(app: Option<web_sys::HtmlDivElement>) {
    use wasm_bindgen::JsCast;
    let Some(app) = app else { return };
    let target = ["svg.diagram .service.selected[tabindex='0']", "svg.diagram [data-kind='service'][tabindex='0']", "svg.diagram [tabindex='0']", ".diagram-host"]
        .into_iter()
        .find_map(|sel| app.query_selector(sel).ok().flatten());
    if let Some(t) = target {
        if let Ok(h) = t.clone().dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        } else if let Ok(g) = t.dyn_into::<web_sys::SvgElement>() {
            let _ = g.focus();
        }
    }
}

/// Focus the first element of this instance that one of `selectors` finds, in their order (a
/// Why fix, else the panel's summary; the open details, else the first pod box); a details
/// element around it is opened first.
fn skip_to(app: Option<web_sys::HtmlDivElement>, selectors: &[&str]) {
    use wasm_bindgen::JsCast;
    let Some(app) = app else { return };
    let Some(t) = selectors.iter().find_map(|s| app.query_selector(s).ok().flatten()) else { return };
    if let Some(d) = t.closest("details").ok().flatten().filter(|_| !t.matches("details > summary").unwrap_or(false)) {
        let _ = d.set_attribute("open", "");
    }
    if let Ok(h) = t.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Ok(g) = t.dyn_into::<web_sys::SvgElement>() {
        let _ = g.focus();
    }
}

/// The app. `theme_root` is the element that carries `data-theme` (the page's `<html>`, or the
/// host element of an embedded instance, so that two embeds can differ).
#[component]
pub fn App(opts: Options, #[prop(optional)] theme_root: Option<web_sys::Element>, #[prop(optional)] scene_out: Option<std::rc::Rc<std::cell::Cell<Option<Scene>>>>) -> impl IntoView {
    let mut scene = scene_from(&opts);
    // the smallest instance number no mounted instance holds: its ids (ui::ids, mountfix)
    scene.ids = ids::Ids::claim(theme_root.as_ref());
    let ids = scene.ids;
    if let Some(out) = scene_out {
        out.set(Some(scene));
    }
    provide_context(scene);
    let theme_root = theme_root.or_else(|| web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()));
    // theme: follow prefers-color-scheme unless the user picks one
    Effect::new(move |_| {
        let t = scene.theme.get();
        if let Some(root) = &theme_root {
            let _ = if t == "auto" { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", &t) };
        }
    });
    let embed = opts.embed;
    let read_only = opts.read_only;
    let show_editor = !opts.hide_editor;
    let link_error = opts.link_error.clone();
    if embed {
        api::listen_for_host_messages(scene);
    }
    let saver = Saver::new();
    let mut notices = opts.notices.clone();
    // a link's service=/entry=/step= that the manifests do not have: said, not silently replaced
    // (the fallback stays); checked once, against the first report that has Services — a big
    // text's comes from the Web Worker after the first paint (uifix10: it was checked against
    // the first report only, which for such a text has none, so no notice came)
    let asked = (opts.service.clone(), opts.entry.clone(), opts.step_asked.or(opts.step));
    let fallback = RwSignal::new(None::<crate::hostopts::Fallback>);
    let fallback_open = RwSignal::new(true);
    if asked.0.is_some() || asked.1.is_some() || asked.2.is_some() {
        let checked = StoredValue::new(false);
        Effect::new(move |_| {
            if checked.get_value() {
                return;
            }
            let found = scene.shown.with(|r| (!r.services.is_empty()).then(|| crate::hostopts::fallback_notice(r, asked.0.as_deref(), asked.1.as_deref(), asked.2)));
            if let Some(n) = found {
                checked.set_value(true);
                fallback.set(n);
            }
        });
    }
    if opts.autosave {
        if let Some(rescued) = crash::take_rescue() {
            if rescued != scene.text.get_untracked() {
                scene.text.set(rescued);
            }
            notices.push("Switchboard stopped working in this tab; your text was kept and is back in the editor.".into());
        }
        autosave(scene, saver);
        perf::install(scene);
    }
    let (save_failed, conflict) = (saver.failed, saver.conflict);
    let app_ref = NodeRef::<leptos::html::Div>::new();
    let keep_mine = move |_| {
        saver.conflict.set(None);
        saver.last_seen.set_value(storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten()));
        saver.save(&scene.text.get_untracked());
    };
    let load_theirs = move |_| {
        if let Some(theirs) = saver.conflict.get_untracked() {
            scene.draft.set(Some(scene.text.get_untracked()));
            saver.last_seen.set_value(Some(theirs.clone()));
            saver.conflict.set(None);
            scene.text.set(theirs);
            scene.reset_animation();
        }
    };
    view! {
        <div class="sb-app" class:embed=embed class:no-editor=!show_editor node_ref=app_ref data-sb-instance=ids.0.to_string()>
            // the first tab stop: past the scene bar, editor and player to the diagram (an embed
            // with editor=0 had ~23 tab stops before the diagram's first box: trainer8). Focus
            // moves in this instance only; the URL (and its #s= scene) is left alone
            <a class="skip-link" href=ids.sel("diagram") on:click=move |ev: web_sys::MouseEvent| {
                ev.prevent_default();
                skip_to_diagram(app_ref.get_untracked());
            }>"Skip to diagram"</a>
            // and to the panels a keyboard user came for (learner10: 37–49 Tabs to a Why fix, a
            // pod's details or the DNS lookup): each visible on focus, focus stays in this
            // instance (found by class under it, not by id)
            {(!embed).then(|| view! {
                <a class="skip-link" href=ids.sel("why-no-traffic") data-kind="skip-why" on:click=move |ev: web_sys::MouseEvent| {
                    ev.prevent_default();
                    skip_to(app_ref.get_untracked(), &[".whynot .fix", ".whynot > summary"]);
                }>"Skip to Why no traffic?"</a>
                // (its href, a fallback only, names the diagram: the details panel exists only
                // once something is selected, and a link must not point out of its instance)
                <a class="skip-link" href=ids.sel("diagram") data-kind="skip-details" on:click=move |ev: web_sys::MouseEvent| {
                    ev.prevent_default();
                    skip_to(app_ref.get_untracked(), &[".details-panel", "svg.diagram [data-kind='pod'][role='button']"]);
                }>"Skip to pod details"</a>
                <a class="skip-link" href=ids.sel("dns-lookup") data-kind="skip-dns" on:click=move |ev: web_sys::MouseEvent| {
                    ev.prevent_default();
                    skip_to(app_ref.get_untracked(), &[".dns-lookup [data-kind='dns-query']"]);
                }>"Skip to DNS lookup"</a>
            })}
            // an embedded view keeps a heading for screen readers (axe page-has-heading-one): the
            // frame is a document of its own inside the host page
            // (in a banner landmark, as the full page's h1 is: axe region)
            {embed.then(|| view! { <header class="visually-hidden"><h1>"Switchboard: how a Service routes a request"</h1></header> })}
            {(!embed).then(|| view! {
                <header class="topbar">
                    <h1 class="brand">"Switchboard"</h1>
                    <p class="tagline">"What your cluster does with a Service: selectors, ports, endpoints, DNS and the path a request takes."</p>
                    <controls::SceneBar />
                </header>
            })}
            {link_error.map(|e| view! {
                <p class="link-error" role="alert" id=ids.id("link-error")>{format!("This link could not be opened: {e}. Showing the default scene instead.")}</p>
            })}
            {(!embed).then(|| view! { <sharebar::ShareBar /> })}
            {notices.into_iter().map(|n| {
                // each notice can be dismissed (a trainer's slide keeps the fallback, not the note)
                let open = RwSignal::new(true);
                view! {
                    <Show when=move || open.get()>
                        <p class="link-error notice-line" role="status" data-kind="notice">
                            <span>{n.clone()}</span>
                            <button type="button" class="btn notice-dismiss" aria-label="Dismiss this notice" title="Dismiss"
                                on:click=move |_| open.set(false)>"×"</button>
                        </p>
                    </Show>
                }
            }).collect_view()}
            // one line, the choices under a disclosure (uifix10: at 360 px the sentence that
            // listed every choice took 7 lines)
            <Show when=move || fallback_open.get() && fallback.with(|f| f.is_some())>
                <div class="link-error notice-line notice-fallback" role="status" data-kind="notice">
                    <span class="notice-text">{move || fallback.with(|f| f.as_ref().map(|f| f.line.clone()).unwrap_or_default())}</span>
                    <details class="notice-choices">
                        <summary>"show choices"</summary>
                        <span>{move || fallback.with(|f| f.as_ref().map(|f| f.choices.clone()).unwrap_or_default())}</span>
                    </details>
                    <button type="button" class="btn notice-dismiss" aria-label="Dismiss this notice" title="Dismiss"
                        on:click=move |_| fallback_open.set(false)>"×"</button>
                </div>
            </Show>
            <Show when=move || save_failed.get()>
                <div class="link-error notice" role="status" id=ids.id("save-failed")>
                    <span>"Your text could not be saved in this browser (storage full or blocked). It is still here; download it to keep it. "</span>
                    <button type="button" class="btn" id=ids.id("download-yaml")
                        on:click=move |_| sharebar::download("manifests.yaml", "application/yaml", &scene.text.get_untracked())>"Download my YAML"</button>
                </div>
            </Show>
            <Show when=move || conflict.with(|c| c.is_some())>
                <div class="link-error notice" role="alert" id=ids.id("tab-conflict")>
                    <span>"Your text was changed in another tab. This tab keeps yours and saves nothing until you choose. "</span>
                    <button type="button" class="btn" id=ids.id("conflict-theirs") on:click=load_theirs>"Load the other tab's text"</button>
                    " "
                    <button type="button" class="btn" id=ids.id("conflict-mine") on:click=keep_mine>"Keep mine here"</button>
                </div>
            </Show>
            <main class="workspace" class:reduce-motion=move || scene.reduce_motion.get()>
                {show_editor.then(|| view! {
                    <section class="pane editor-pane" aria-label="Manifests">
                        <bigtext::TextArea read_only=read_only />
                        <editor::Diagnostics />
                    </section>
                })}
                <section class="pane result-pane" aria-label="Cluster diagram and analysis">
                    <worker::AnalysisProgress />
                    <tour::Tour embed=embed />
                    <controls::Player />
                    <diagram::Diagram />
                    <selection::Details />
                    <controls::Caption />
                    // teaching panels (issue #11); embeds stay compact
                    {(!embed).then(|| view! {
                        <whynot::WhyNoTraffic />
                        // the selected Service's pods and why one is not Ready (uifix18)
                        <svcpods::ServicePods />
                        <connections::Connections />
                        <rules::Rules />
                        <dns::DnsLookup />
                    })}
                    <diagram::SummaryTable />
                    {(!embed).then(|| view! {
                        <details class="details-tables">
                            <summary>"Everything as text: Services, endpoints, DNS, paths, pods"</summary>
                            <tables::Analysis />
                        </details>
                    })}
                </section>
            </main>
        </div>
    }
}
