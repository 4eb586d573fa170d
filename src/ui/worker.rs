//! Big texts are analysed in a Web Worker (issue #12) so the page never freezes: above
//! `WORKER_ABOVE_BYTES` the text goes to a module worker (web/worker.js) that loads the same
//! JS glue and wasm as the page and runs the same `core::analyze`; the report comes back as
//! bytes (core::wire) and becomes `Scene::analysis` exactly as the main thread's would. While it
//! runs, the page shows a progress line with the phase, the elapsed time and Cancel; the last
//! picture stays until the new one is ready, and Cancel stops the worker, keeping the text.
//! Where no worker can start (no Worker, a host page that blocks it), the page analyses on the
//! main thread as before.
//!
//! What crosses to the worker per keystroke is small: the worker keeps its own copy of the text
//! (`TextDoc`), the page keeps the copy it last sent, and each job carries only what changed
//! (one replacement, core::textsummary::changed_range) — the whole text goes once, as bytes in a
//! transferred buffer, after a (re)start. Edits made while a job runs are coalesced: the job
//! finishes (its picture is shown) and the latest text goes next, so a typing burst costs at
//! most one more analysis instead of restarting the worker on each key; a text replaced
//! wholesale (another file) stops the job and restarts. The worker answers "unchanged" (no
//! bytes) when the report equals the last one it sent, and the page keeps its picture.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::config::Config;
use crate::core::incremental::Incremental;
use crate::core::report::Report;
use crate::core::textsummary;
use crate::core::{analyze, wire};

/// Texts larger than this are analysed in the worker. The main thread analyses the tutorial
/// scene (~5 KB) in ~1.3 ms, and `kubectl get -o yaml` of 1,000 pods (495 KB) in ~59 ms in the
/// release wasm (`./dev bench`): ~12 ms per 100 KB, so 256 KiB is ~30 ms — two frames, the
/// most a keystroke may block the page; above it the worker's start-up (~tens of ms, once)
/// costs less than the frames it saves.
pub const WORKER_ABOVE_BYTES: usize = 256 * 1024;

/// A keystroke's job shows the progress line once it has run this long (`AnalysisProgress`).
const PROGRESS_AFTER_MS: u64 = 300;

#[wasm_bindgen(module = "/web/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = workerScriptUrl)]
    fn worker_script_url() -> String;
    #[wasm_bindgen(js_name = glueUrl)]
    fn glue_url() -> Option<String>;
}

/// What the worker runs: the full analysis, as bytes (`Config` from the page's options).
#[wasm_bindgen(js_name = analyzeWire)]
#[allow(clippy::too_many_arguments)]
pub fn analyze_wire(text: &str, nodes: u32, cloud: bool, flipped: &str, deleted: &str, cordoned: &str, drained: &str, client: &str, cidrs: &str) -> Vec<u8> {
    wire::encode(&analyze(text, &config(nodes, cloud, flipped, deleted, cordoned, drained, client, cidrs, "", "")))
}

/// The worker's copy of the text and its last answer (web/worker.js holds one). The text is
/// kept with its per-document reading (core::incremental): a keystroke re-reads only the
/// documents it touched. The last report sent is kept too: the next one goes out as what
/// changed since it (core::wire::encode_since), which the page applies to its copy.
#[wasm_bindgen]
pub struct TextDoc {
    text: Incremental,
    report: Option<Report>,
    /// the last report sent (the page holds its decoding) and its number
    sent: Option<Report>,
    seq: u32,
    /// the report sent before it, freed by `release` once the new bytes are posted (freeing a
    /// whole cluster's report takes tens of ms: not before the page has the bytes)
    spent: Option<Report>,
}

impl Default for TextDoc {
    fn default() -> Self {
        TextDoc::new()
    }
}

#[wasm_bindgen]
impl TextDoc {
    #[wasm_bindgen(constructor)]
    pub fn new() -> TextDoc {
        TextDoc { text: Incremental::new(), report: None, sent: None, seq: 0, spent: None }
    }

    /// The whole text (UTF-8 bytes); false when they are not UTF-8.
    pub fn set(&mut self, bytes: Vec<u8>) -> bool {
        match String::from_utf8(bytes) {
            Ok(t) => {
                self.text.set(t);
                true
            }
            Err(_) => false,
        }
    }

    /// Replace bytes `start..end` with `insert`; false (nothing changed) when the range is not
    /// at char boundaries of this copy or `insert` is not UTF-8: the page then sends the whole
    /// text.
    pub fn splice(&mut self, start: u32, end: u32, insert: Vec<u8>) -> bool {
        let Ok(insert) = String::from_utf8(insert) else { return false };
        self.text.splice(start as usize, end as usize, &insert)
    }

    /// Analyse the text with the page's options (core::incremental: the same report as
    /// `core::analyze`, re-reading only the documents edited since the last time). `down`: the
    /// nodes that went down (Config::down), one a line; `rollout`: the Deployments rolling out
    /// (Config::rollout), one a line.
    #[allow(clippy::too_many_arguments)]
    pub fn analyze(&mut self, nodes: u32, cloud: bool, flipped: &str, deleted: &str, cordoned: &str, drained: &str, client: &str, cidrs: &str, down: &str, rollout: &str) {
        // free the last ones first (a whole cluster's report is tens of MB)
        self.report = None;
        self.spent = None;
        self.report = Some(self.text.analyze(&config(nodes, cloud, flipped, deleted, cordoned, drained, client, cidrs, down, rollout)));
    }

    /// The report as core::wire bytes: whole the first time, then what changed since the last
    /// one sent; no bytes when it equals the last one sent. The report sent before is kept
    /// until `release`.
    pub fn encode(&mut self) -> Vec<u8> {
        let Some(r) = self.report.take() else { return Vec::new() };
        let bytes = match &self.sent {
            Some(base) => match wire::encode_since(&r, base, self.seq, self.seq.wrapping_add(1)) {
                Some(b) => b,
                None => return Vec::new(),
            },
            None => wire::encode(&r),
        };
        self.seq = self.seq.wrapping_add(1);
        self.spent = self.sent.replace(r);
        bytes
    }

    /// The number of the last report sent (the page checks that what changed is applied to
    /// the report it was made against).
    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// Free the report sent before the last (web/worker.js: after the new bytes are posted,
    /// while the page decodes and draws them).
    pub fn release(&mut self) {
        self.spent = None;
    }
}

/// `client`: the node the in-cluster client runs on ("": the default one), then, after a newline,
/// the namespace of the user's `client` pod that is the client (Config::client_namespace;
/// none: default), then, after another newline, the name of the input pod that is (Config::
/// client_pod; none: client); `cidrs`: the Service
/// ranges the page set (`Config::with_service_cidrs`; "": the default, inferred from a dump)
#[allow(clippy::too_many_arguments)]
fn config(nodes: u32, cloud: bool, flipped: &str, deleted: &str, cordoned: &str, drained: &str, client: &str, cidrs: &str, down: &str, rollout: &str) -> Config {
    let lines = |s: &str| s.split('\n').filter(|s| !s.is_empty()).map(str::to_string).collect();
    let mut parts = client.splitn(3, '\n');
    let some = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    let (client_node, client_namespace, client_pod) = (some(parts.next()), some(parts.next()), some(parts.next()));
    let cfg = Config { nodes: nodes as usize, cloud, flip_ready: lines(flipped), deleted_pods: lines(deleted), cordoned: lines(cordoned), drained: lines(drained), down: lines(down), rollout: lines(rollout), client_node, client_namespace, client_pod, ..Config::default() };
    if cidrs.is_empty() {
        return cfg;
    }
    let fallback = cfg.clone();
    cfg.with_service_cidrs(cidrs).unwrap_or(fallback)
}

/// The Service ranges `cfg` was given, as the worker reads them back (`config`).
pub fn service_cidrs(cfg: &Config) -> String {
    match (cfg.service_cidr_set, cfg.dual_stack) {
        (false, _) => String::new(),
        (true, false) => cfg.service_cidr.to_string(),
        (true, true) => format!("{},{}", cfg.service_cidr, cfg.second_cidr().expect("dual-stack")),
    }
}

/// Where the background analysis stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    #[default]
    Idle,
    /// the worker loads the glue and the wasm (the first job only)
    Starting,
    /// the worker reads and checks the text
    Analysing,
    /// stopped by the user: the picture is of an earlier text
    Cancelled,
    /// the worker failed; the page analyses on the main thread from now on
    Failed(String),
}

impl Phase {
    pub fn running(&self) -> bool {
        matches!(self, Phase::Starting | Phase::Analysing)
    }
}

/// Two replacements made one after the other (`first` of a text A giving B, `then` of B giving
/// C, each as `(start, old end, new end)`) as one replacement of A giving C.
pub fn merge_edits(first: (usize, usize, usize), then: (usize, usize, usize)) -> (usize, usize, usize) {
    let ((p0, o0, n0), (p, o, n)) = (first, then);
    // `e`: where both end in B
    let e = n0.max(o);
    (p0.min(p), o0 + (e - n0), e + n - o)
}

/// The page's text against `sent`: the same (a job was just posted), or one replacement of
/// it (`Analyst::edited`), or not known (then the next job compares the two whole texts).
#[derive(Clone, Copy)]
enum Hint {
    Clean,
    Edit { p: usize, old_end: usize, new_end: usize },
    Unknown,
}

/// How `Scene::source` stands to the text the worker holds (`sent`): the same (set at each
/// answer), or that text before one edit (a job posted since), or not known (a whole text
/// posted, a stop): then the answer compares and copies.
enum Lag {
    Synced,
    Edit { p: usize, old_end: usize, insert: String },
    Unknown,
}

struct Running {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The background analysis of one scene.
#[derive(Clone, Copy)]
pub struct Analyst {
    /// the worker's report of the current text (None: none yet, or the text is small)
    pub out: RwSignal<Option<Report>>,
    pub phase: RwSignal<Phase>,
    /// `performance.now()` when the job was posted, and the text's size
    pub started: RwSignal<f64>,
    pub bytes: RwSignal<usize>,
    /// no worker here: analyse on the main thread
    pub main_thread: RwSignal<bool>,
    /// bumped by "Analyse again" after a cancel
    pub retry: RwSignal<u32>,
    /// bumped by every answer of the worker (a new report or "unchanged")
    pub landed: RwSignal<u32>,
    job: StoredValue<u64>,
    running: StoredValue<Option<Running>, LocalStorage>,
    /// the text the worker holds (None: it holds none yet)
    sent: StoredValue<Option<String>>,
    /// the worker's last report (its number and the report, sharing its parts with the one
    /// shown): the next one comes as what changed since it (core::wire::encode_since)
    base: StoredValue<Option<(u32, Report)>>,
    /// how `source` stands to `sent` (see `Lag`)
    lag: StoredValue<Lag>,
    /// the page's edits since the last job, as the window editor made them (see `Hint`)
    hint: StoredValue<Hint>,
    /// the job out is one edit of a text the worker already analysed (its progress line waits)
    edit_job: RwSignal<bool>,
    /// a job is out; the text changed since it was posted
    busy: StoredValue<bool>,
    dirty: StoredValue<bool>,
    /// what to post next: the followed text and the latest options; `source` is set to the
    /// text each answer was made from (Scene::source: the report's lines are its lines)
    text: StoredValue<Option<RwSignal<String>>>,
    source: StoredValue<Option<RwSignal<String>>>,
    config: StoredValue<Option<Config>>,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

impl Analyst {
    pub fn new() -> Analyst {
        let no_worker = web_sys::window().is_none_or(|w| !js_sys::Reflect::has(&w, &"Worker".into()).unwrap_or(false));
        Analyst {
            out: RwSignal::new(None),
            phase: RwSignal::new(Phase::Idle),
            started: RwSignal::new(0.0),
            bytes: RwSignal::new(0),
            main_thread: RwSignal::new(no_worker),
            retry: RwSignal::new(0),
            landed: RwSignal::new(0),
            job: StoredValue::new(0),
            running: StoredValue::new_local(None),
            sent: StoredValue::new(None),
            base: StoredValue::new(None),
            lag: StoredValue::new(Lag::Unknown),
            hint: StoredValue::new(Hint::Unknown),
            edit_job: RwSignal::new(false),
            busy: StoredValue::new(false),
            dirty: StoredValue::new(false),
            text: StoredValue::new(None),
            source: StoredValue::new(None),
            config: StoredValue::new(None),
        }
    }

    /// Whether a text of `len` bytes goes to the worker.
    pub fn takes(&self, len: usize) -> bool {
        len > WORKER_ABOVE_BYTES && !self.main_thread.get()
    }

    /// Whether the worker has answered for the page's text (of `text_len` bytes): no job out,
    /// no edit waiting. For the keystroke measure (ui::perf), which asks on an answer, never
    /// between an edit and `follow` seeing it: then the worker holds the text `follow` last
    /// saw, the page's; comparing the two whole texts took ~4 ms per answer (issue #12).
    pub fn answered(&self, text_len: usize) -> bool {
        !self.busy.get_value() && !self.dirty.get_value() && self.sent.with_value(|s| s.as_ref().map(String::len) == Some(text_len))
    }

    /// The page's text was edited: bytes `p..old_end` replaced by what is now `p..new_end`
    /// (ui::bigtext, as it splices the window into the whole text). The next job takes it as
    /// its replacement instead of comparing the two whole texts before posting, and compares
    /// them after posting, while the worker runs (issue #12).
    pub fn edited(&self, p: usize, old_end: usize, new_end: usize) {
        self.hint.update_value(|h| {
            *h = match *h {
                Hint::Clean => Hint::Edit { p, old_end, new_end },
                // a second edit before the job: one replacement covering both (`e` is the end
                // of both in the text between them)
                Hint::Edit { p: p0, old_end: o0, new_end: n0 } => {
                    let (p, old_end, new_end) = merge_edits((p0, o0, n0), (p, old_end, new_end));
                    Hint::Edit { p, old_end, new_end }
                }
                Hint::Unknown => Hint::Unknown,
            }
        });
    }

    /// Whether the job out is one edit of a text already analysed (a keystroke): its progress
    /// line waits (`AnalysisProgress`), as most such jobs end within a frame or two.
    pub fn editing(&self) -> bool {
        self.edit_job.get()
    }

    /// The report for a big text and whether it is new: the worker's (moved out, not copied: a
    /// whole cluster's report takes tens of ms to copy or compare, issue #12), else the last one
    /// shown (kept until the new one is ready), else the empty scene's.
    pub fn report(&self, prev: Option<std::sync::Arc<Report>>, cfg: &Config) -> (std::sync::Arc<Report>, bool) {
        self.out.track();
        match (self.out.try_update_untracked(Option::take).flatten(), prev) {
            (Some(r), prev) => {
                if let Some(p) = prev {
                    free_after_paint(p);
                }
                (std::sync::Arc::new(r), true)
            }
            (None, Some(p)) => (p, false),
            (None, None) => (std::sync::Arc::new(analyze("", cfg)), true),
        }
    }

    /// Follow the text: big ones are posted to the worker at once (no pause in typing: the page
    /// does not wait for it), and each answer sets `source` to the text it was made from; small
    /// ones need nothing (the page analyses `source` itself). While a job runs, edits wait for
    /// it (coalesced); a text replaced wholesale stops it.
    pub fn follow(self, text: RwSignal<String>, source: RwSignal<String>, config: impl Fn() -> Config + 'static) {
        self.text.set_value(Some(text));
        self.source.set_value(Some(source));
        Effect::new(move |_| {
            self.retry.track();
            let cfg = config();
            let big = text.with(|t| t.len() > WORKER_ABOVE_BYTES);
            if !big || self.main_thread.get() {
                self.stop(Phase::Idle);
                if self.out.with_untracked(Option::is_some) {
                    self.out.set(None);
                }
                return;
            }
            self.config.set_value(Some(cfg.clone()));
            if self.busy.get_value() {
                // a file replacing the text, not an edit: stop the job (the worker restarts)
                let replaced = text.with_untracked(|t| self.sent.with_value(|s| s.as_ref().is_none_or(|s| t.len().abs_diff(s.len()) > s.len() / 2)));
                if !replaced {
                    self.dirty.set_value(true);
                    return;
                }
                self.stop(Phase::Idle);
            }
            text.with_untracked(|t| self.post(t, &cfg));
        });
    }

    /// Post the followed text with the latest options (after a job that had edits waiting).
    fn post_latest(self) {
        let (Some(text), Some(cfg)) = (self.text.get_value(), self.config.get_value()) else { return };
        text.with_untracked(|t| self.post(t, &cfg));
    }

    /// Stop the running job (if any; the worker is terminated, a busy one cannot be
    /// interrupted); its late answer is ignored.
    fn stop(&self, then: Phase) {
        self.job.update_value(|j| *j += 1);
        self.running.update_value(|r| *r = None);
        self.sent.set_value(None);
        self.base.set_value(None);
        self.lag.set_value(Lag::Unknown);
        self.hint.set_value(Hint::Unknown);
        self.busy.set_value(false);
        self.dirty.set_value(false);
        if self.phase.get_untracked() != then {
            self.phase.set(then);
        }
    }

    /// Cancel (the user's button): the text and the last picture stay.
    pub fn cancel(&self) {
        if self.phase.get_untracked().running() {
            self.stop(Phase::Cancelled);
        }
    }

    fn fail(&self, why: String) {
        web_sys::console::warn_1(&format!("Switchboard: the analysis worker failed ({why}); analysing on the main thread").into());
        self.stop(Phase::Failed(why));
        self.main_thread.set(true);
    }

    fn start_worker(self) -> Result<Running, String> {
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&worker_script_url(), &opts).map_err(|e| format!("{e:?}"))?;
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| self.answer(ev.data()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let msg = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "the worker could not start".into());
            self.fail(msg);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Running { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Post a job: the whole text to a fresh worker, else what changed since the last job.
    fn post(self, text: &str, cfg: &Config) {
        let t0 = now();
        self.job.update_value(|j| *j += 1);
        let Some(glue) = glue_url() else {
            self.fail("the page's JS glue was not found".into());
            return;
        };
        if self.running.with_value(Option::is_none) {
            match self.start_worker() {
                Ok(r) => self.running.set_value(Some(r)),
                Err(e) => return self.fail(e),
            }
            self.sent.set_value(None);
        }
        let msg = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), &v);
        };
        set("id", JsValue::from(self.job.get_value() as f64));
        set("glue", JsValue::from_str(&glue));
        // the text: whole (copied once into a buffer that is transferred, not cloned) or one
        // replacement of the worker's copy
        let mut edit = None;
        let mut check = false;
        let hint = self.hint.try_update_value(|h| std::mem::replace(h, Hint::Clean)).unwrap_or(Hint::Unknown);
        let insert = self.sent.try_update_value(|sent| match sent {
            Some(old) => {
                let hinted = match hint {
                    Hint::Edit { p, old_end, new_end }
                        if p <= old_end && old_end <= old.len() && p <= new_end && new_end <= text.len()
                            && old.len() - (old_end - p) + (new_end - p) == text.len()
                            && old.is_char_boundary(p) && old.is_char_boundary(old_end) && text.is_char_boundary(p) && text.is_char_boundary(new_end) =>
                    {
                        Some((p, old_end, new_end))
                    }
                    _ => None,
                };
                check = hinted.is_some();
                let (p, old_end, new_end) = hinted.unwrap_or_else(|| textsummary::changed_range(old, text));
                old.replace_range(p..old_end, &text[p..new_end]);
                set("start", JsValue::from(p as u32));
                set("end", JsValue::from(old_end as u32));
                edit = Some((p, old_end, text[p..new_end].to_string()));
                js_sys::Uint8Array::from(&text.as_bytes()[p..new_end])
            }
            None => {
                *sent = Some(text.to_string());
                set("full", JsValue::TRUE);
                js_sys::Uint8Array::from(text.as_bytes())
            }
        });
        let Some(insert) = insert else { return };
        // what `source` will need at the answer: this one edit, if it holds the text posted before
        let is_edit = edit.is_some() && self.base.with_value(Option::is_some);
        self.lag.update_value(|lag| {
            *lag = match (std::mem::replace(lag, Lag::Unknown), edit) {
                (Lag::Synced, Some((p, old_end, insert))) => Lag::Edit { p, old_end, insert },
                _ => Lag::Unknown,
            }
        });
        set("text", insert.clone().into());
        set("nodes", JsValue::from(cfg.nodes as u32));
        set("cloud", JsValue::from(cfg.cloud));
        set("flipped", JsValue::from_str(&cfg.flip_ready.join("\n")));
        // the what-ifs kept beside the YAML (ui::selection)
        set("deleted", JsValue::from_str(&cfg.deleted_pods.join("\n")));
        set("cordoned", JsValue::from_str(&cfg.cordoned.join("\n")));
        set("drained", JsValue::from_str(&cfg.drained.join("\n")));
        set("down", JsValue::from_str(&cfg.down.join("\n")));
        set("rollout", JsValue::from_str(&cfg.rollout.join("\n")));
        let client = match (&cfg.client_namespace, &cfg.client_pod) {
            (ns, Some(name)) => format!("{}\n{}\n{name}", cfg.client_node.as_deref().unwrap_or_default(), ns.as_deref().unwrap_or_default()),
            (Some(ns), None) => format!("{}\n{ns}", cfg.client_node.as_deref().unwrap_or_default()),
            (None, None) => cfg.client_node.clone().unwrap_or_default(),
        };
        set("client", JsValue::from_str(&client));
        set("cidrs", JsValue::from_str(&service_cidrs(cfg)));
        let sent = self.running.with_value(|r| r.as_ref().map(|r| r.worker.post_message_with_transfer(&msg, &js_sys::Array::of1(&insert.buffer()))));
        if let Some(Err(e)) = sent {
            return self.fail(format!("{e:?}"));
        }
        if check && self.sent.with_value(|s| s.as_deref() != Some(text)) {
            // the text changed otherwise than the hint said: start again with the whole text
            web_sys::console::warn_1(&"Switchboard: the analysis worker's copy of the text went wrong; restarting it".into());
            self.stop(Phase::Idle);
            return self.post(text, cfg);
        }
        self.busy.set_value(true);
        self.dirty.set_value(false);
        let t1 = now();
        super::perf::span("sb-post", t0, t1, insert.length() as f64);
        if !self.phase.get_untracked().running() {
            self.started.set(t1);
            if self.edit_job.get_untracked() != is_edit {
                self.edit_job.set(is_edit);
            }
            self.phase.set(Phase::Analysing);
        }
        if self.bytes.get_untracked() != text.len() {
            self.bytes.set(text.len());
        }
    }

    /// A message from the worker.
    fn answer(self, data: JsValue) {
        if get(&data, "id").as_f64() != Some(self.job.get_value() as f64) {
            return; // a stopped job's
        }
        match get(&data, "phase").as_string().as_deref() {
            Some("loading") => self.phase.set(Phase::Starting),
            Some("analysing") => {
                if self.phase.get_untracked() != Phase::Analysing {
                    self.phase.set(Phase::Analysing);
                }
            }
            Some("resync") => {
                // its copy and ours disagree: send the whole text
                self.sent.set_value(None);
                self.busy.set_value(false);
                self.post_latest();
            }
            Some("done") => {
                let arrived = now();
                self.busy.set_value(false);
                let ms = |k: &str| get(&data, k).as_f64().unwrap_or(0.0);
                let (splice, analyse, encode) = (ms("spliceMs"), ms("analyzeMs"), ms("encodeMs"));
                super::perf::span("sb-worker-splice", arrived - encode - analyse - splice, arrived - encode - analyse, 0.0);
                super::perf::span("sb-worker-analyze", arrived - encode - analyse, arrived - encode, 0.0);
                super::perf::span("sb-worker-encode", arrived - encode, arrived, 0.0);
                let Ok(bytes) = get(&data, "bytes").dyn_into::<js_sys::Uint8Array>() else {
                    return self.fail("its answer had no report".into());
                };
                if bytes.length() > 0 {
                    let bytes = bytes.to_vec();
                    // whole, or what changed since the report we hold (shared, not copied)
                    let report = match wire::kind(&bytes) {
                        Some(wire::Kind::Since { base, .. }) if self.base.with_value(|b| b.as_ref().map(|b| b.0)) != Some(base) => {
                            // not the report we hold (cannot happen: answers are only dropped
                            // from a stopped worker): start again, whole
                            web_sys::console::warn_1(&"Switchboard: the analysis worker's report was made against another one; restarting it".into());
                            self.stop(Phase::Idle);
                            self.post_latest();
                            return;
                        }
                        _ => self.base.with_value(|b| wire::decode_since(&bytes, b.as_ref().map(|b| &b.1))),
                    };
                    super::perf::span("sb-decode", arrived, now(), bytes.len() as f64);
                    match report {
                        Some(r) => {
                            let seq = get(&data, "seq").as_f64().unwrap_or(0.0) as u32;
                            // a shallow copy: its Services, pods and diagnostics are shared
                            self.base.set_value(Some((seq, r.clone())));
                            // main-thread time from here to the painted picture: `sb-report-drawn`
                            super::perf::report_arrived();
                            self.out.set(Some(r));
                        }
                        None => return self.fail("its report did not decode".into()),
                    }
                }
                // the text this report is of: what the worker holds (posted last); `source` held
                // the text of the last answer, so one edit makes it that (a whole cluster's text
                // took ~5 ms to compare and copy on each answer; issue #12)
                if let Some(src) = self.source.get_value() {
                    let lag = self.lag.try_update_value(|l| std::mem::replace(l, Lag::Synced)).unwrap_or(Lag::Unknown);
                    let sent_len = self.sent.with_value(|t| t.as_ref().map(String::len));
                    match lag {
                        Lag::Edit { p, old_end, insert } if src.with_untracked(|s| p <= old_end && s.is_char_boundary(p) && s.is_char_boundary(old_end) && Some(s.len() - (old_end - p) + insert.len()) == sent_len) => {
                            if !(old_end == p && insert.is_empty()) {
                                src.update(|s| s.replace_range(p..old_end, &insert));
                            }
                        }
                        _ => {
                            if self.sent.with_value(|t| t.as_ref().is_some_and(|t| src.with_untracked(|s| s != t))) {
                                if let Some(t) = self.sent.get_value() {
                                    src.set(t);
                                }
                            }
                            if sent_len.is_none() {
                                self.lag.set_value(Lag::Unknown);
                            }
                        }
                    }
                }
                if self.dirty.get_value() {
                    self.post_latest(); // edits waited for this job
                } else {
                    self.phase.set(Phase::Idle);
                }
                self.landed.update(|n| *n += 1);
            }
            _ => self.fail(get(&data, "error").as_string().unwrap_or_else(|| "unknown error".into())),
        }
    }
}

thread_local! {
    static FREE_LATER: std::cell::RefCell<Vec<std::sync::Arc<Report>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Free a replaced report once the new picture is painted: a whole cluster's report takes
/// ~10 ms to free in the page (issue #12), time the keystroke's picture need not wait for.
fn free_after_paint(old: std::sync::Arc<Report>) {
    FREE_LATER.with(|v| v.borrow_mut().push(old));
    let free = Closure::once_into_js(|| drop(FREE_LATER.with(|v| std::mem::take(&mut *v.borrow_mut()))));
    let after_paint = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(free.unchecked_ref());
        }
    });
    match web_sys::window() {
        Some(w) => {
            let _ = w.request_animation_frame(after_paint.unchecked_ref());
        }
        None => drop(FREE_LATER.with(|v| std::mem::take(&mut *v.borrow_mut()))),
    }
}

impl Default for Analyst {
    fn default() -> Self {
        Analyst::new()
    }
}

/// The progress line: phase, elapsed time, an indeterminate bar and Cancel; after a cancel, the
/// way back.
#[component]
pub fn AnalysisProgress() -> impl IntoView {
    let scene = expect_context::<super::Scene>();
    let ids = scene.ids;
    let a = scene.analyst;
    let elapsed = RwSignal::new(0.0f64);
    // a keystroke's job (one edit, the worker warm) shows its line only once it has run for
    // PROGRESS_AFTER_MS: most end within a frame or two, and a line flashing in and out above
    // the diagram on each key moved the whole pane twice per keystroke (issue #12)
    let waited = RwSignal::new(false);
    Effect::new(move |_| {
        let running = a.phase.with(Phase::running);
        if waited.get_untracked() {
            waited.set(false);
        }
        if running && a.editing() {
            let h = set_timeout_with_handle(
                move || {
                    if a.phase.with_untracked(Phase::running) {
                        waited.set(true);
                    }
                },
                std::time::Duration::from_millis(PROGRESS_AFTER_MS),
            )
            .ok();
            on_cleanup(move || {
                if let Some(h) = h {
                    h.clear();
                }
            });
        }
    });
    // tick while running
    Effect::new(move |_| {
        if a.phase.with(Phase::running) {
            let h = set_interval_with_handle(move || elapsed.set((now() - a.started.get_untracked()) / 1000.0), std::time::Duration::from_millis(100)).ok();
            on_cleanup(move || {
                if let Some(h) = h {
                    h.clear();
                }
            });
        }
        elapsed.set(0.0);
    });
    view! {
        {move || match a.phase.get() {
            Phase::Analysing if a.editing() && !waited.get() => ().into_any(),
            p @ (Phase::Starting | Phase::Analysing) => {
                let what = if p == Phase::Starting { "starting the analyser (1/2)" } else { "reading and checking the manifests (2/2)" };
                view! {
                    <div class="analysis-progress" id=ids.id("analysis-progress") role="status">
                        <div class="analysis-line">
                            <span class="analysis-what">{move || format!("Analysing {} in the background: {what} · {} s", super::bigtext::human_bytes(a.bytes.get()), crate::core::decimal::fixed(elapsed.get(), 1))}</span>
                            <button type="button" class="btn" id=ids.id("analysis-cancel") on:click=move |_| a.cancel()>"Cancel"</button>
                        </div>
                        <progress class="analysis-bar" aria-label="Analysis in progress"></progress>
                        <p class="analysis-note">"The picture shows the previous text until this one is ready; the page stays usable."</p>
                    </div>
                }.into_any()
            }
            Phase::Cancelled => view! {
                <div class="analysis-progress cancelled" id=ids.id("analysis-cancelled") role="status">
                    <span>"Analysis cancelled: the picture is of an earlier text. Your text is unchanged. "</span>
                    <button type="button" class="btn" id=ids.id("analysis-retry") on:click=move |_| a.retry.update(|n| *n += 1)>"Analyse again"</button>
                </div>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
