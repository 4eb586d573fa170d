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
//! page's own origin); replies go to that exact origin, never `*`.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{App, Options, Scene};
use crate::core::diag::Severity;

/// Largest YAML a host may push (bytes).
const MAX_PUSHED_YAML: usize = 1024 * 1024;

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
        if let Some(s) = self.scene {
            s.text.set(yaml.chars().take(MAX_PUSHED_YAML).collect());
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
    Options {
        preset: get_str(options, "preset"),
        yaml: get_str(options, "yaml").map(|y| y.chars().take(MAX_PUSHED_YAML).collect()),
        service: get_str(options, "service"),
        entry: get_str(options, "entry"),
        theme: get_str(options, "theme"),
        autoplay: get_bool(options, "autoplay"),
        read_only: get_bool(options, "readOnly"),
        hide_editor: get_bool(options, "hideEditor"),
        embed: true,
        ..Options::default()
    }
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
    let _ = js_sys::Reflect::set(&w, &"Switchboard".into(), &obj);
}

/// The origin a framed instance talks to: `?origin=` if given, else its own.
fn allowed_origin() -> Option<String> {
    let w = web_sys::window()?;
    let search = w.location().search().ok().unwrap_or_default();
    let named = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("origin=").map(str::to_string));
    let named = named.and_then(|v| js_sys::decode_uri_component(&v).ok()?.as_string());
    Some(named.unwrap_or_else(|| w.location().origin().unwrap_or_default()))
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
        if js_sys::Reflect::get(&data, &"switchboard".into()).ok().and_then(|v| v.as_f64()) != Some(1.0) {
            return;
        }
        match get_str(&data, "cmd").as_deref() {
            Some("setYaml") => {
                if let Some(y) = get_str(&data, "yaml") {
                    scene.text.set(y.chars().take(MAX_PUSHED_YAML).collect());
                    scene.reset_animation();
                }
            }
            Some("play") => scene.playing.set(true),
            Some("pause") => scene.playing.set(false),
            Some("reset") => scene.reset_animation(),
            Some("step") => scene.step_forward(),
            _ => {}
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
