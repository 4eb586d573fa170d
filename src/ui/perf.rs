//! Keystroke → diagram marks (issue #12 budgets): a `performance.mark("sb-input")` at each input
//! event in the editor (a capturing listener: it runs before the editor's own handler), and a
//! `performance.measure("sb-keystroke", "sb-input")` once the analysis of that text is drawn —
//! after the next animation frame, in a task queued from it, i.e. once the frame that shows the
//! new diagram has been painted. Texts analysed after a pause (large ones) are measured from the
//! last keystroke, so the pause counts; texts analysed in the worker (ui::worker) once the
//! worker has answered for exactly that text and its picture is painted. The worker's path
//! also leaves `span`s: `sb-post` (the page posting a job), `sb-worker-splice`,
//! `sb-worker-analyze`, `sb-worker-encode` (the worker's own times), `sb-decode` (the page
//! reading the report; its detail is the report's size in bytes), `sb-report-drawn`. `./dev bench` reads the measures
//! (`performance.getEntriesByName("sb-keystroke")`) and prints their p95.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Scene;

pub const INPUT_MARK: &str = "sb-input";
pub const MEASURE: &str = "sb-keystroke";
/// The worker's report arrived (`sb-report`) → its picture painted (`sb-report-drawn`): the
/// main thread's share of a big text's analysis.
pub const REPORT_MARK: &str = "sb-report";
pub const REPORT_MEASURE: &str = "sb-report-drawn";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Mark input events of the editor and measure when their diagram is painted.
pub fn install(scene: Scene) {
    let Some(w) = web_sys::window() else { return };
    let pending = Rc::new(Cell::new(false));
    let p = pending.clone();
    let editor_id = scene.ids.id("yaml");
    let on_input = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let is_editor = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.id() == editor_id);
        if is_editor {
            if let Some(perf) = performance() {
                let _ = perf.mark(INPUT_MARK);
                p.set(true);
            }
        }
    });
    let _ = w.add_event_listener_with_callback_and_bool("input", on_input.as_ref().unchecked_ref(), true);
    on_input.forget();
    Effect::new(move |_| {
        // runs each time the analysed text changes; reading `shown` makes sure the analysis and
        // the picture of this text are computed in this same update
        scene.source.track();
        scene.shown.track();
        scene.analyst.landed.track();
        if !pending.get() {
            return;
        }
        // the analysed text is the page's text; a worker's: once the worker has answered for
        // exactly it (each answer sets `source` to the text it was made from, so then that is
        // the page's text too: one compare of a whole cluster's text, not two; issue #12)
        let a = scene.analyst;
        let ready = if untrack(|| a.takes(scene.source.with(String::len))) {
            scene.text.with_untracked(|t| a.answered(t.len()))
        } else {
            scene.text.with_untracked(|t| scene.source.with_untracked(|s| s == t))
        };
        if !ready {
            return;
        }
        pending.set(false);
        measure_after_paint(MEASURE, INPUT_MARK);
    });
}

/// Measure `name` from `mark` to after the next paint (a task queued from the next animation
/// frame runs once that frame is painted), then drop the mark.
fn measure_after_paint(name: &'static str, mark: &'static str) {
    let after_paint = Closure::once_into_js(move || {
        if let Some(perf) = performance() {
            let _ = perf.measure_with_start_mark(name, mark);
            perf.clear_marks_with_mark_name(mark);
        }
    });
    let raf = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(after_paint.unchecked_ref());
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(raf.unchecked_ref());
    }
}

/// Run `f` once the next frame is painted, after the measures queued for that paint (a task
/// queued from a task queued from the next animation frame): the panels below the diagram of
/// a big text follow its report then (`Scene::panel`).
pub fn after_paint_then(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else { return f() };
    let then = Closure::once_into_js(f);
    let after_paint = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(then.unchecked_ref());
        }
    });
    let raf = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(after_paint.unchecked_ref());
        }
    });
    let _ = w.request_animation_frame(raf.unchecked_ref());
}

/// Mark the worker's report arriving and measure, after the next paint, how long the main
/// thread took to show it (decode, memos, the diagram and every panel).
pub fn report_arrived() {
    let Some(perf) = performance() else { return };
    let _ = perf.mark(REPORT_MARK);
    measure_after_paint(REPORT_MEASURE, REPORT_MARK);
}

/// A measure `name` from `start` to `end` (`performance.now()` times) with a number as its
/// detail (the bytes involved).
pub fn span(name: &str, start: f64, end: f64, detail: f64) {
    let Some(perf) = performance() else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &end.max(start).into());
    let _ = js_sys::Reflect::set(&opts, &"detail".into(), &detail.into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call2(&perf, &name.into(), &opts);
    }
}
