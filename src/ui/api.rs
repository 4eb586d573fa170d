//! The JS API for hosts that embed Switchboard in their own page, and the postMessage protocol
//! for iframes.
//!
//! ```js
//! const sb = Switchboard.mount(element, { yaml, preset, service, entry, autoplay, theme, readOnly, hideEditor });
//! sb.setYaml(text); sb.play(); sb.pause(); sb.step(); sb.destroy();
//! ```
//!
//! iframe (`?embed&origin=https://docs.example`): the host posts
//! `{ switchboard: 1, cmd: "setYaml" | "play" | "pause" | "step" | "reset", yaml? }`; the frame
//! posts `{ switchboard: 1, event: "ready" | "step" | "error", ... }` back. Messages are accepted
//! only from the parent window and only from the parent's origin named in `origin=` (or this
//! page's own origin); replies go to that exact origin, never `*`. What a message or `mount`
//! options say is read by the pure `crate::hostopts` (fuzzed): oversized YAML, unknown commands,
//! presets, themes and non-origins are refused with a reason (an `error` event, or a notice).

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{App, Options, Scene};
use crate::core::diag::Severity;

use crate::hostopts::{self, HostCommand, MAX_PUSHED_YAML};

fn get_str(o: &JsValue, k: &str) -> Option<String> {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).ok().and_then(|v| v.as_string())
}
fn get_bool(o: &JsValue, k: &str) -> bool {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// A mounted instance.
#[wasm_bindgen]
pub struct SwitchboardHandle {
    scene: Option<Scene>,
    host: Option<web_sys::Element>,
    unmount: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

#[wasm_bindgen]
impl SwitchboardHandle {
    /// Replace the manifests (the instance re-analyses at once).
    #[wasm_bindgen(js_name = setYaml)]
    pub fn set_yaml(&self, yaml: String) {
        if yaml.len() > MAX_PUSHED_YAML {
            web_sys::console::warn_1(&format!("Switchboard: setYaml with {} KiB refused (limit {} KiB)", yaml.len() / 1024, MAX_PUSHED_YAML / 1024).into());
            return;
        }
        if let Some(s) = self.scene {
            s.text.set(yaml);
            s.reset_animation();
        }
    }
    pub fn play(&self) {
        if let Some(s) = self.scene {
            s.playing.set(true);
        }
    }
    pub fn pause(&self) {
        if let Some(s) = self.scene {
            s.playing.set(false);
        }
    }
    /// One hop forward.
    pub fn step(&self) {
        if let Some(s) = self.scene {
            s.step_forward();
        }
    }
    /// The current step (hops shown).
    #[wasm_bindgen(js_name = currentStep)]
    pub fn current_step(&self) -> usize {
        self.scene.map(|s| s.step.get_untracked()).unwrap_or(0)
    }
    /// The instance's diagram as a standalone SVG document (styles inlined).
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&self) -> Option<String> {
        self.host.as_ref().and_then(super::sharebar::diagram_svg_in)
    }
    /// Unmount and free the instance.
    pub fn destroy(&mut self) {
        self.scene = None;
        self.unmount.take();
        if let Some(h) = self.host.take() {
            let _ = h.class_list().remove_1("sb-host");
            let _ = h.remove_attribute("data-theme");
        }
    }
}

/// `Switchboard.mount(element, options)`.
#[wasm_bindgen(js_name = mount)]
pub fn js_mount(el: web_sys::HtmlElement, options: JsValue) -> SwitchboardHandle {
    mount_with(el, js_options(&options))
}

fn js_options(options: &JsValue) -> Options {
    let mut o = Options {
        preset: get_str(options, "preset"),
        yaml: get_str(options, "yaml"),
        service: get_str(options, "service"),
        entry: get_str(options, "entry"),
        theme: get_str(options, "theme"),
        autoplay: get_bool(options, "autoplay"),
        read_only: get_bool(options, "readOnly"),
        hide_editor: get_bool(options, "hideEditor"),
        embed: true,
        ..Options::default()
    };
    if let Some(f) = get_str(options, "families") {
        o.families = crate::hostopts::families(&f, &mut o.notices);
    }
    o.sanitize();
    o
}

/// Mount an instance into `el` (its own scene, theme and player).
pub fn mount_with(el: web_sys::HtmlElement, opts: Options) -> SwitchboardHandle {
    el.class_list().add_1("sb-host").ok();
    let out: Rc<Cell<Option<Scene>>> = Rc::new(Cell::new(None));
    let out2 = out.clone();
    let root: web_sys::Element = el.clone().into();
    let root_el = root.clone();
    let handle = leptos::mount::mount_to(el, move || view! { <App opts=opts.clone() theme_root=root.clone() scene_out=out2.clone() /> }.into_any());
    SwitchboardHandle { scene: out.take(), host: Some(root_el), unmount: Some(handle) }
}

/// Put `Switchboard.mount` on `window` for hosts.
pub fn expose_global() {
    let Some(w) = web_sys::window() else { return };
    let obj = js_sys::Object::new();
    let f = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> JsValue>::new(|el, opts| JsValue::from(js_mount(el, opts)));
    let _ = js_sys::Reflect::set(&obj, &"mount".into(), f.as_ref());
    f.forget();
    // `Switchboard.analyze(text)`: the full analysis the page runs on each edit (no rendering),
    // returning counts; `./dev bench` times it next to the JavaScript YAML parsers
    let a = Closure::<dyn Fn(String) -> JsValue>::new(|text: String| {
        let r = crate::core::analyze(&text, &crate::core::config::Config::default());
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"services".into(), &JsValue::from(r.services.len() as u32));
        let _ = js_sys::Reflect::set(&o, &"pods".into(), &JsValue::from(r.pods.len() as u32));
        let _ = js_sys::Reflect::set(&o, &"diagnostics".into(), &JsValue::from(r.diagnostics.len() as u32));
        o.into()
    });
    let _ = js_sys::Reflect::set(&obj, &"analyze".into(), a.as_ref());
    a.forget();
    let _ = js_sys::Reflect::set(&w, &"Switchboard".into(), &obj);
}

/// The origin a framed instance talks to: `?origin=` if given (and a valid origin), else its own.
fn allowed_origin() -> Option<String> {
    let w = web_sys::window()?;
    Some(Options::from_location().origin.unwrap_or_else(|| w.location().origin().unwrap_or_default()))
}

fn post_to_parent(msg: &JsValue) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    if let Some(origin) = allowed_origin() {
        let _ = parent.post_message(msg, &origin);
    }
}

fn event(name: &str) -> js_sys::Object {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"switchboard".into(), &JsValue::from(1));
    let _ = js_sys::Reflect::set(&o, &"event".into(), &name.into());
    o
}

/// In a frame: obey the parent's commands (exact origin and source checks), report events.
pub fn listen_for_host_messages(scene: Scene) {
    let Some(w) = web_sys::window() else { return };
    let in_frame = w.parent().ok().flatten().is_some_and(|p| p != w);
    if !in_frame {
        return;
    }
    let allowed = allowed_origin().unwrap_or_default();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(w) = web_sys::window() else { return };
        // `===` on the window proxies (instanceof Window fails across origins)
        let from_parent = match (ev.source(), w.parent().ok().flatten()) {
            (Some(src), Some(parent)) => JsValue::from(src) == JsValue::from(parent),
            _ => false,
        };
        if !from_parent || ev.origin() != allowed {
            return; // not our host: ignored
        }
        let data = ev.data();
        let marker = js_sys::Reflect::get(&data, &"switchboard".into()).ok().and_then(|v| v.as_f64());
        match hostopts::read_command(marker, get_str(&data, "cmd").as_deref(), get_str(&data, "yaml").as_deref()) {
            Ok(Some(HostCommand::SetYaml(y))) => {
                scene.text.set(y);
                scene.reset_animation();
            }
            Ok(Some(HostCommand::Play)) => scene.playing.set(true),
            Ok(Some(HostCommand::Pause)) => scene.playing.set(false),
            Ok(Some(HostCommand::Reset)) => scene.reset_animation(),
            Ok(Some(HostCommand::Step)) => scene.step_forward(),
            Ok(None) => {}
            Err(why) => {
                let e = event("error");
                let _ = js_sys::Reflect::set(&e, &"errors".into(), &js_sys::Array::of1(&why.into()));
                post_to_parent(&e);
            }
        }
    });
    let _ = w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    // events to the host
    post_to_parent(&event("ready"));
    Effect::new(move |_| {
        let step = scene.step.get();
        let e = event("step");
        let _ = js_sys::Reflect::set(&e, &"step".into(), &JsValue::from(step as u32));
        if let Some(p) = scene.current_path() {
            let _ = js_sys::Reflect::set(&e, &"outcome".into(), &p.outcome.as_str().into());
        }
        post_to_parent(&e);
    });
    Effect::new(move |_| {
        let errors: Vec<String> = scene.analysis.with(|r| r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect());
        if !errors.is_empty() {
            let e = event("error");
            let arr = js_sys::Array::new();
            for m in errors {
                arr.push(&m.into());
            }
            let _ = js_sys::Reflect::set(&e, &"errors".into(), &arr);
            post_to_parent(&e);
        }
    });
}
