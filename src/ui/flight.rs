//! Packets in flight: "Send N" launches N packets, each along its own routed path to the pod
//! kube-proxy picked for it; the pod's counter ticks when its packet arrives. One
//! requestAnimationFrame loop moves every packet by setting its `transform` attribute (an SVG
//! presentation attribute, fine under the strict CSP) — no re-render per packet or per frame.
//! Each packet in flight is a `<circle data-kind="packet">` in the diagram's flight layer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use crate::core::decimal::fixed;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

struct Packet {
    el: web_sys::Element,
    /// the route's points and the distance from the start at each
    pts: Vec<(f64, f64)>,
    cum: Vec<f64>,
    start: f64,
    dur: f64,
    pod: String,
}

impl Packet {
    fn at(&self, f: f64) -> (f64, f64) {
        let total = *self.cum.last().unwrap_or(&0.0);
        let d = total * crate::core::layout::clamp_f64(f, 0.0, 1.0);
        let i = self.cum.partition_point(|&c| c < d).clamp(1, self.pts.len().max(2) - 1);
        if self.pts.len() < 2 {
            return self.pts.first().copied().unwrap_or((0.0, 0.0));
        }
        let (a, b) = (self.pts[i - 1], self.pts[i]);
        let seg = self.cum[i] - self.cum[i - 1];
        let t = if seg > 0.0 { (d - self.cum[i - 1]) / seg } else { 1.0 };
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    }
}

/// What the load mode's emitter gives for `n` requests due: one route and pod per packet to
/// fly, and how long each flies (ms). Requests counted without a packet (reduced motion) are
/// simply not in the batch.
pub type Emitted = (Vec<(Vec<(f64, f64)>, String)>, f64);
pub type Emitter = Rc<dyn Fn(usize) -> Emitted>;

/// The continuous "load" mode: `rps` requests a second, released by the animation loop.
struct Load {
    rps: f64,
    since: f64,
    emitted: u64,
    layer: web_sys::Element,
    emit: Emitter,
}

#[derive(Default)]
struct Inner {
    packets: Vec<Packet>,
    running: bool,
    next_id: u64,
    load: Option<Load>,
}

impl Inner {
    fn spawn(&mut self, doc: &web_sys::Document, layer: &web_sys::Element, pts: Vec<(f64, f64)>, pod: String, start: f64, dur: f64) {
        if pts.is_empty() {
            return;
        }
        let Ok(el) = doc.create_element_ns(Some(SVG_NS), "circle") else { return };
        let id = self.next_id;
        self.next_id += 1;
        let _ = el.set_attribute("r", "6");
        let _ = el.set_attribute("class", "flying");
        let _ = el.set_attribute("data-kind", "packet");
        let _ = el.set_attribute("data-name", &format!("request-{id}"));
        let _ = el.set_attribute("data-pod", &pod);
        let _ = el.set_attribute("transform", &format!("translate({} {})", fixed(pts[0].0, 1), fixed(pts[0].1, 1)));
        let _ = layer.append_child(&el);
        let mut cum = vec![0.0];
        for w in pts.windows(2) {
            let l = ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
            cum.push(cum.last().copied().unwrap_or(0.0) + l);
        }
        self.packets.push(Packet { el, pts, cum, start, dur, pod });
    }
}

type FrameFn = Closure<dyn FnMut(f64)>;
type Launcher = Rc<dyn Fn(usize, f64)>;

/// The packets of one diagram, and its animation loop.
#[derive(Clone)]
pub struct Flight {
    inner: Rc<RefCell<Inner>>,
    frame: Rc<RefCell<Option<FrameFn>>>,
    /// called once per frame with the pods whose packets arrived in it
    on_arrive: Rc<dyn Fn(Vec<String>)>,
}

thread_local! {
    /// per-frame work times (ms), recorded while a benchmark asks for them
    static RECORD: Cell<bool> = const { Cell::new(false) };
    static FRAMES: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// the last diagram's launcher (for the frame benchmark)
    static LAUNCHER: RefCell<Option<Launcher>> = const { RefCell::new(None) };
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

impl Flight {
    pub fn new(on_arrive: Rc<dyn Fn(Vec<String>)>) -> Flight {
        Flight { inner: Rc::default(), frame: Rc::default(), on_arrive }
    }

    /// How many packets are on their way to `pod`.
    pub fn in_flight(&self) -> Vec<String> {
        self.inner.borrow().packets.iter().map(|p| p.pod.clone()).collect()
    }

    /// Launch one packet per (route, pod), `stagger` ms apart, each taking `dur` ms.
    pub fn launch(&self, layer: &web_sys::Element, batch: Vec<(Vec<(f64, f64)>, String)>, stagger: f64, dur: f64) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let t0 = now();
        {
            let mut inner = self.inner.borrow_mut();
            for (k, (pts, pod)) in batch.into_iter().enumerate() {
                inner.spawn(&doc, layer, pts, pod, t0 + k as f64 * stagger, dur);
            }
        }
        self.run();
    }

    /// Start (or re-rate) the load mode: `rps` requests a second leave through the animation
    /// loop; `emit(n)` picks the pods of the `n` requests due in a frame and gives their routes.
    pub fn start_load(&self, layer: &web_sys::Element, rps: f64, emit: Emitter) {
        let rps = if rps.is_finite() { crate::core::layout::clamp_f64(rps, 0.1, 1000.0) } else { 1.0 };
        self.inner.borrow_mut().load = Some(Load { rps, since: now(), emitted: 0, layer: layer.clone(), emit });
        self.run();
    }

    /// Stop the load mode: no new requests; those in flight still land.
    pub fn stop_load(&self) {
        self.inner.borrow_mut().load = None;
    }

    pub fn loading(&self) -> bool {
        self.inner.borrow().load.is_some()
    }

    /// Remove every packet (a new scene, a reset).
    pub fn clear(&self) {
        for p in self.inner.borrow_mut().packets.drain(..) {
            p.el.remove();
        }
    }

    fn run(&self) {
        if self.inner.borrow().running {
            return;
        }
        self.inner.borrow_mut().running = true;
        let (inner, frame, on_arrive) = (self.inner.clone(), self.frame.clone(), self.on_arrive.clone());
        let again = frame.clone();
        *frame.borrow_mut() = Some(Closure::new(move |_ts: f64| {
            let record = RECORD.with(Cell::get);
            let perf = web_sys::window().and_then(|w| w.performance());
            let t = now();
            if record {
                if let Some(p) = &perf {
                    let _ = p.mark("sb-frame-start");
                }
            }
            let mut arrived = Vec::new();
            // the load mode: the requests due by now leave in this frame
            let due = inner.borrow_mut().load.as_mut().map(|l| {
                let total = ((t - l.since) * l.rps / 1000.0).floor().max(0.0) as u64;
                // a hidden tab gets no frames: a backlog over a second's worth is dropped, not
                // released at once
                let n = total.saturating_sub(l.emitted).min(l.rps.ceil().max(1.0) as u64);
                l.emitted = total;
                (n as usize, l.emit.clone(), l.layer.clone())
            });
            if let Some((n, emit, layer)) = due.filter(|d| d.0 > 0) {
                let (batch, dur) = emit(n);
                if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                    let mut inner = inner.borrow_mut();
                    for (pts, pod) in batch {
                        inner.spawn(&doc, &layer, pts, pod, t, dur);
                    }
                }
            }
            let more = {
                let mut inner = inner.borrow_mut();
                inner.packets.retain(|p| {
                    let f = (t - p.start) / p.dur;
                    if f >= 1.0 {
                        p.el.remove();
                        arrived.push(p.pod.clone());
                        return false;
                    }
                    if f >= 0.0 {
                        let (x, y) = p.at(f);
                        let _ = p.el.set_attribute("transform", &format!("translate({} {})", fixed(x, 1), fixed(y, 1)));
                    }
                    true
                });
                let more = !inner.packets.is_empty() || inner.load.is_some();
                inner.running = more;
                more
            };
            if !arrived.is_empty() {
                on_arrive(arrived);
            }
            if record {
                FRAMES.with(|f| f.borrow_mut().push(now() - t));
                if let Some(p) = &perf {
                    let _ = p.measure_with_start_mark("sb-frame", "sb-frame-start");
                }
            }
            if more {
                if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
                    let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
                }
            }
        }));
        let cb = frame.borrow();
        if let (Some(w), Some(cb)) = (web_sys::window(), cb.as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }
}

/// The diagram registers how to launch `n` packets on its current path (for the benchmark).
pub fn register_launcher(f: Launcher) {
    LAUNCHER.with(|l| *l.borrow_mut() = Some(f));
}

/// Frame benchmark: launch `n` packets that each fly for `dur` ms and record per-frame work
/// (also as `performance.measure("sb-frame")`). Returns false when no diagram is mounted.
pub fn bench_launch(n: usize, dur: f64) -> bool {
    RECORD.with(|r| r.set(true));
    FRAMES.with(|f| f.borrow_mut().clear());
    LAUNCHER.with(|l| l.borrow().as_ref().map(|f| f(n, dur)).is_some())
}

/// The per-frame work times recorded since `bench_launch` (ms).
pub fn bench_frames() -> Vec<f64> {
    FRAMES.with(|f| f.borrow().clone())
}
