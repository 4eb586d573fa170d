//! Big texts are analysed in a Web Worker (issue #12) so the page never freezes: above
//! `WORKER_ABOVE_BYTES` the text goes to a module worker (web/worker.js) that loads the same
//! JS glue and wasm as the page and runs the same `core::analyze`; the report comes back as
//! bytes (core::wire) and becomes `Scene::analysis` exactly as the main thread's would. While it
//! runs, the page shows a progress line with the phase, the elapsed time and Cancel; the last
//! picture stays until the new one is ready, and Cancel stops the worker, keeping the text.
//! Where no worker can start (no Worker, a host page that blocks it), the page analyses on the
//! main thread as before.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::config::Config;
use crate::core::report::Report;
use crate::core::{analyze, wire};

/// Texts larger than this are analysed in the worker. The main thread analyses the tutorial
/// scene (~5 KB) in ~1.3 ms, and `kubectl get -o yaml` of 1,000 pods (495 KB) in ~59 ms in the
/// release wasm (`./dev bench`): ~12 ms per 100 KB, so 256 KiB is ~30 ms — two frames, the
/// most a keystroke may block the page; above it the worker's start-up (~tens of ms, once)
/// costs less than the frames it saves.
pub const WORKER_ABOVE_BYTES: usize = 256 * 1024;

#[wasm_bindgen(module = "/web/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = workerScriptUrl)]
    fn worker_script_url() -> String;
    #[wasm_bindgen(js_name = glueUrl)]
    fn glue_url() -> Option<String>;
}

/// What the worker runs: the full analysis, as bytes (`Config` from the page's options).
#[wasm_bindgen(js_name = analyzeWire)]
pub fn analyze_wire(text: &str, nodes: u32, cloud: bool, flipped: &str, deleted: &str, cordoned: &str, drained: &str) -> Vec<u8> {
    let lines = |s: &str| s.split('\n').filter(|s| !s.is_empty()).map(str::to_string).collect();
    let cfg = Config { nodes: nodes as usize, cloud, flip_ready: lines(flipped), deleted_pods: lines(deleted), cordoned: lines(cordoned), drained: lines(drained), ..Config::default() };
    wire::encode(&analyze(text, &cfg))
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
    job: StoredValue<u64>,
    running: StoredValue<Option<Running>, LocalStorage>,
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
            job: StoredValue::new(0),
            running: StoredValue::new_local(None),
        }
    }

    /// Whether a text of `len` bytes goes to the worker.
    pub fn takes(&self, len: usize) -> bool {
        len > WORKER_ABOVE_BYTES && !self.main_thread.get()
    }

    /// The report for a big text and whether it is new: the worker's (moved out, not copied: a
    /// whole cluster's report takes tens of ms to copy or compare, issue #12), else the last one
    /// shown (kept until the new one is ready), else the empty scene's.
    pub fn report(&self, prev: Option<Report>, cfg: &Config) -> (Report, bool) {
        self.out.track();
        match (self.out.try_update_untracked(Option::take).flatten(), prev) {
            (Some(r), _) => (r, true),
            (None, Some(p)) => (p, false),
            (None, None) => (analyze("", cfg), true),
        }
    }

    /// Follow the analysed text: big ones are posted to the worker (a job still running is
    /// stopped: a busy worker cannot be interrupted), small ones need nothing.
    pub fn follow(self, source: RwSignal<String>, config: impl Fn() -> Config + 'static) {
        Effect::new(move |_| {
            self.retry.track();
            let cfg = config();
            let big = source.with(|t| t.len() > WORKER_ABOVE_BYTES);
            if !big || self.main_thread.get() {
                self.stop(Phase::Idle);
                if self.out.with_untracked(Option::is_some) {
                    self.out.set(None);
                }
                return;
            }
            source.with_untracked(|t| self.post(t, &cfg));
        });
    }

    /// Stop the running job (if any); its late answer is ignored.
    fn stop(&self, then: Phase) {
        self.job.update_value(|j| *j += 1);
        self.running.update_value(|r| *r = None);
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

    fn post(self, text: &str, cfg: &Config) {
        if self.phase.get_untracked().running() {
            self.stop(Phase::Idle);
        }
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
        }
        let msg = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), &v);
        };
        set("id", JsValue::from(self.job.get_value() as f64));
        set("glue", JsValue::from_str(&glue));
        set("text", JsValue::from_str(text));
        set("nodes", JsValue::from(cfg.nodes as u32));
        set("cloud", JsValue::from(cfg.cloud));
        set("flipped", JsValue::from_str(&cfg.flip_ready.join("\n")));
        // the what-ifs kept beside the YAML (ui::selection)
        set("deleted", JsValue::from_str(&cfg.deleted_pods.join("\n")));
        set("cordoned", JsValue::from_str(&cfg.cordoned.join("\n")));
        set("drained", JsValue::from_str(&cfg.drained.join("\n")));
        let sent = self.running.with_value(|r| r.as_ref().map(|r| r.worker.post_message(&msg)));
        if let Some(Err(e)) = sent {
            return self.fail(format!("{e:?}"));
        }
        self.started.set(now());
        self.bytes.set(text.len());
        self.phase.set(Phase::Analysing);
    }

    /// A message from the worker.
    fn answer(&self, data: JsValue) {
        if get(&data, "id").as_f64() != Some(self.job.get_value() as f64) {
            return; // a stopped job's
        }
        match get(&data, "phase").as_string().as_deref() {
            Some("loading") => self.phase.set(Phase::Starting),
            Some("analysing") => self.phase.set(Phase::Analysing),
            Some("done") => {
                let bytes = get(&data, "bytes").dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec());
                match bytes.ok().as_deref().and_then(wire::decode) {
                    Some(r) => {
                        // main-thread time from here to the painted picture: `sb-report-drawn`
                        super::perf::report_arrived();
                        self.phase.set(Phase::Idle);
                        self.out.set(Some(r));
                    }
                    None => self.fail("its report did not decode".into()),
                }
            }
            _ => self.fail(get(&data, "error").as_string().unwrap_or_else(|| "unknown error".into())),
        }
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
    let a = scene.analyst;
    let elapsed = RwSignal::new(0.0f64);
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
            p @ (Phase::Starting | Phase::Analysing) => {
                let what = if p == Phase::Starting { "starting the analyser (1/2)" } else { "reading and checking the manifests (2/2)" };
                view! {
                    <div class="analysis-progress" id="analysis-progress" role="status">
                        <div class="analysis-line">
                            <span class="analysis-what">{move || format!("Analysing {} in the background: {what} · {:.1} s", super::bigtext::human_bytes(a.bytes.get()), elapsed.get())}</span>
                            <button type="button" class="btn" id="analysis-cancel" on:click=move |_| a.cancel()>"Cancel"</button>
                        </div>
                        <progress class="analysis-bar" aria-label="Analysis in progress"></progress>
                        <p class="analysis-note">"The picture shows the previous text until this one is ready; the page stays usable."</p>
                    </div>
                }.into_any()
            }
            Phase::Cancelled => view! {
                <div class="analysis-progress cancelled" id="analysis-cancelled" role="status">
                    <span>"Analysis cancelled: the picture is of an earlier text. Your text is unchanged. "</span>
                    <button type="button" class="btn" id="analysis-retry" on:click=move |_| a.retry.update(|n| *n += 1)>"Analyse again"</button>
                </div>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
