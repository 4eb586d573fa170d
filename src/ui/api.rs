//! The JS API for hosts that embed Switchboard in their own page, and the postMessage protocol
//! for iframes.
//!
//! ```js
//! const sb = Switchboard.mount(element, { yaml, preset, service, entry, step, autoplay, theme, readOnly, hideEditor, families });
//! sb.setYaml(text); sb.play(); sb.pause(); sb.step(); sb.reset(); sb.destroy();
//! sb.setTheme("dark"); sb.setPreset(id); sb.setService(name); sb.setEntry(key); sb.setStep(n); sb.setFamilies(f);
//! ```
//!
//! iframe (`?embed&origin=https://docs.example`): the host posts
//! `{ switchboard: 1, cmd: "setYaml" | "play" | "pause" | "step" | "reset", yaml? }`; the frame
//! posts `{ switchboard: 1, event: "ready" | "step" | "error", ... }` back (an `error` of the
//! manifests: `errors`, each `line:column: message`; `hints`, our advice on each or null; `hint`,
//! the first's, when it has one). Messages are accepted
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
    /// `"dark"`, `"light"` or `"auto"` (follows the reader's system), as `theme=` in the URL;
    /// anything else is refused (false, and a console warning).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, theme: String) -> bool {
        let Some(s) = self.scene else { return false };
        if !["auto", "light", "dark"].contains(&theme.as_str()) {
            return refused(&format!("setTheme({}): not auto, light or dark", hostopts::excerpt(&theme)));
        }
        s.theme.set(theme);
        true
    }
    /// Load a preset by id (as `preset=`); the selection and the player start again.
    #[wasm_bindgen(js_name = setPreset)]
    pub fn set_preset(&self, id: String) -> bool {
        match (self.scene, crate::core::presets::find(&id)) {
            (Some(s), Some(p)) => {
                s.load_preset(p);
                true
            }
            _ => refused(&format!("setPreset({}): no such preset", hostopts::excerpt(&id))),
        }
    }
    /// Show the Service `name` (or `namespace/name`), as `service=`; false when the manifests
    /// have none of that name.
    #[wasm_bindgen(js_name = setService)]
    pub fn set_service(&self, name: String) -> bool {
        let Some(s) = self.scene else { return false };
        if !hostopts::plausible_name(&name.replace('/', ".")) || s.shown.with_untracked(|r| r.find_service(&name).is_none()) {
            return refused(&format!("setService({}): no such Service in the manifests", hostopts::excerpt(&name)));
        }
        s.service.set(name);
        s.port.set(None);
        s.backend.set(0);
        s.reset_animation();
        true
    }
    /// Send the request in through `entry` (`pod`, `outside`, `nodeport@node-2`, `loadbalancer`),
    /// as `entry=`; false when the Service shown has no such way in.
    #[wasm_bindgen(js_name = setEntry)]
    pub fn set_entry(&self, entry: String) -> bool {
        let Some(s) = self.scene else { return false };
        let name = s.service.get_untracked();
        let known = s.shown.with_untracked(|r| {
            let i = r.find_service(&name).unwrap_or_else(|| r.default_service());
            r.services.get(i).is_some_and(|svc| svc.paths.iter().any(|p| hostopts::entry_key(p) == entry || p.entry.as_str() == entry))
        });
        if !known {
            return refused(&format!("setEntry({}): not a way into the Service shown", hostopts::excerpt(&entry)));
        }
        s.entry.set(entry);
        s.reset_animation();
        true
    }
    /// Show hop `n` (as `step=`; past the last hop shows the last one). Stops playing.
    #[wasm_bindgen(js_name = setStep)]
    pub fn set_step(&self, n: u32) {
        if let Some(s) = self.scene {
            s.playing.set(false);
            let hops = s.path.with_untracked(|p| p.as_ref().map(|p| p.hops.len()).unwrap_or(0));
            s.step.set((n as usize).min(hops));
        }
    }
    /// Back to hop 0 (as the iframe's `reset` command).
    pub fn reset(&self) {
        if let Some(s) = self.scene {
            s.reset_animation();
        }
    }
    /// The Service IP families (as `families=`): `ipv4`, `ipv6`, `ipv4,ipv6`, `ipv6,ipv4`.
    #[wasm_bindgen(js_name = setFamilies)]
    pub fn set_families(&self, families: String) -> bool {
        match (self.scene, crate::core::config::Families::parse(&families)) {
            (Some(s), Some(f)) => {
                s.families.set(f);
                s.reset_animation();
                true
            }
            _ => refused(&format!("setFamilies({}): not ipv4, ipv6, ipv4,ipv6 or ipv6,ipv4", hostopts::excerpt(&families))),
        }
    }
    /// The instance's diagram as a standalone SVG document (styles inlined).
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&self) -> Option<String> {
        self.host.as_ref().and_then(|h| super::sharebar::diagram_svg_in(h, self.scene.as_ref()))
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

/// A refused call: a console warning, false.
fn refused(why: &str) -> bool {
    web_sys::console::warn_1(&format!("Switchboard: {why}; ignored").into());
    false
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
        // as `step=`: a number of hops (anything else is ignored)
        step: js_sys::Reflect::get(options, &JsValue::from_str("step")).ok().and_then(|v| v.as_f64()).filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as usize),
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

#[wasm_bindgen]
extern "C" {
    /// The browser's own UTF-8 encoder, given the JS string itself ([`text_of`]).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// A JS string as a Rust `String`, the same bytes wasm-bindgen's `String` argument gives
/// (TextEncoder's UTF-8, a lone surrogate as U+FFFD), made by the browser's encoder in one call
/// and copied in once: the glue's own conversion walks the text a UTF-16 unit at a time in JS,
/// ~6% of `Switchboard.analyze` on 10,000 pods (perf11). Anything but a string: its `as_string`.
pub(crate) fn text_of(v: &JsValue) -> String {
    if !v.is_string() {
        return v.as_string().unwrap_or_default();
    }
    // (TextEncoder.encode always gives well-formed UTF-8: the check below never fails)
    String::from_utf8(Utf8Encoder::new().encode(v).to_vec()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
    let a = Closure::<dyn Fn(JsValue) -> JsValue>::new(|text: JsValue| {
        let r = crate::core::analyze(&text_of(&text), &crate::core::config::Config::default());
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

/// In a frame (`?embed`): tell the parent the page's content height, once drawn and on every
/// change (a ResizeObserver on the body), as `{type: "switchboard:resize", height}` to any
/// origin: a number is all it says, and the host's listener (docs/embedding.md, six lines) sets
/// the iframe's height from it. Nothing is posted when the page is not framed.
pub fn report_height() {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let Some(body) = w.document().and_then(|d| d.body()) else { return };
    let last = Rc::new(Cell::new(-1.0f64));
    let post = Closure::<dyn Fn()>::new(move || {
        let Some(w) = web_sys::window() else { return };
        let Some(root) = w.document().and_then(|d| d.document_element()) else { return };
        // the document's own height (html is as tall as its content, not the viewport)
        let h = root.get_bounding_client_rect().height().ceil();
        if h <= 0.0 || h == last.get() {
            return;
        }
        last.set(h);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"switchboard:resize".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(h));
        if let Ok(Some(parent)) = w.parent() {
            let _ = parent.post_message(&msg, "*");
        }
    });
    // ResizeObserver through js_sys (its first callback, right after observe, is the "on load")
    let observer = js_sys::Reflect::get(&w, &"ResizeObserver".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .and_then(|ctor| js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(post.as_ref())).ok());
    match observer {
        Some(o) => {
            if let Some(observe) = js_sys::Reflect::get(&o, &"observe".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                let _ = observe.call1(&o, &body);
            }
        }
        None => {
            // no ResizeObserver (old browsers): once now, and on window resizes
            let _ = post.as_ref().unchecked_ref::<js_sys::Function>().call0(&JsValue::NULL);
            let _ = w.add_event_listener_with_callback("resize", post.as_ref().unchecked_ref());
        }
    }
    post.forget();
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
        // each error's message (Kubernetes' words) and, apart, our hint (learnfix15: the event
        // carried the message only): `hints[i]` is `errors[i]`'s (null when none), `hint` the
        // first error's (absent when none) — fields added, `errors` unchanged
        let errors: Vec<(String, Option<String>)> = scene.analysis.with(|r| hostopts::error_event_fields(&r.diagnostics));
        if !errors.is_empty() {
            let e = event("error");
            let arr = js_sys::Array::new();
            let hints = js_sys::Array::new();
            for (m, h) in &errors {
                arr.push(&m.as_str().into());
                hints.push(&h.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            }
            let _ = js_sys::Reflect::set(&e, &"errors".into(), &arr);
            let _ = js_sys::Reflect::set(&e, &"hints".into(), &hints);
            if let Some(h) = &errors[0].1 {
                let _ = js_sys::Reflect::set(&e, &"hint".into(), &h.as_str().into());
            }
            post_to_parent(&e);
        }
    });
}
