//! Share and export: a link that restores the scene (`#s=…`), an iframe snippet, and downloads
//! of the diagram (SVG with styles inlined, PNG), the report (JSON) and the manifests (YAML).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::ids::Ids;
use super::Scene;
use crate::core::decimal;
use crate::core::share::{self, SharedScene, MAX_LINK_CHARS, WARN_LINK_CHARS};

fn current(scene: &Scene) -> SharedScene {
    SharedScene {
        yaml: scene.text.get_untracked(),
        service: scene.service.get_untracked(),
        entry: scene.entry.get_untracked(),
        step: scene.step.get_untracked(),
        theme: scene.theme.get_untracked(),
        nodes: scene.nodes.get_untracked(),
        cloud: scene.cloud.get_untracked(),
        flipped: scene.flipped.get_untracked(),
        deleted: scene.whatif.with_untracked(|w| w.deleted_pods.clone()),
        cordoned: scene.whatif.with_untracked(|w| w.cordoned.clone()),
        drained: scene.whatif.with_untracked(|w| w.drained.clone()),
        client: scene.whatif.with_untracked(|w| w.client_node.clone()).unwrap_or_default(),
        // IPv4, the default, is left out (links made before the setting open as IPv4)
        families: Some(scene.families.get_untracked()).filter(|f| *f != crate::core::config::Families::Ipv4).map(|f| f.key().to_string()).unwrap_or_default(),
        // the selected port and the client's connection mode (learner9 Q37: lost before)
        port: scene.port.get_untracked(),
        protocol: scene.protocol.get_untracked().unwrap_or_default(),
        mode: Some(scene.client_mode.get_untracked()).filter(|m| m != "new").unwrap_or_default(),
        // the user's own client pod chosen in From (uifix12: lost before)
        client_namespace: scene.whatif.with_untracked(|w| w.client_namespace.clone()).unwrap_or_default(),
        // any input pod chosen in From (fidfix20)
        client_pod: scene.whatif.with_untracked(|w| w.client_pod.clone()).unwrap_or_default(),
        // the nodes that went down (whatif22)
        down: scene.whatif.with_untracked(|w| w.down.clone()),
        rollout: scene.whatif.with_untracked(|w| w.rollout.clone()),
    }
}

fn page_base() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// Download `data` as a file.
pub fn download(name: &str, mime: &str, data: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(data));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) {
        download_blob(name, &blob);
    }
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The diagram as a standalone SVG document: computed styles copied onto every element, so it
/// looks the same as on screen anywhere (no stylesheet, no CSS variables).
pub fn diagram_svg(scene: &Scene) -> Option<String> {
    // this instance's (mountfix: the page's first diagram was exported)
    diagram_svg_in(&scene.ids.root()?, Some(scene))
}

/// What an exported picture says about itself (trainer8: a slide should explain itself): the
/// title (`Service default/web (NodePort), from: Outside client → node-2's nodePort`) and the
/// outcome caption, as
/// the caption under the diagram says it.
pub fn export_caption(scene: &Scene) -> Option<(String, String)> {
    let path = scene.path.get_untracked()?;
    let (name, type_) = scene.shown.with_untracked(|r| {
        let i = scene.service.with_untracked(|k| r.find_service(k)).unwrap_or_else(|| r.default_service());
        r.services.get(i).map(|s| (format!("{}/{}", s.namespace, s.name), s.type_.clone()))
    })?;
    let hops = path.hops.len();
    let step = scene.step.get_untracked().min(hops);
    // the entry as the From picker names it, not its key (learner10 T8: "entry nodeport@node-2")
    let title = format!("Service {name} ({type_}), from: {}", super::controls::entry_label(&super::entry_key(&path)));
    let outcome = format!("Outcome: {} — {} (step {step} of {hops})", path.outcome, path.reason);
    Some((title, outcome))
}

/// Split `text` into lines of at most `max` characters, at spaces where it can.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The same for the instance inside `root`; with its scene, the picture carries a `<title>` and a
/// caption row under the drawing (the Service, its type and the entry; the outcome).
pub fn diagram_svg_in(root: &web_sys::Element, scene: Option<&Scene>) -> Option<String> {
    let w = web_sys::window()?;
    let doc = w.document()?;
    let live = root.query_selector("svg.diagram").ok()??;
    let copy: web_sys::Element = live.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    // Copied as SVG presentation attributes, not `style` attributes: the page runs under
    // `style-src 'self'`, which refuses inline style attributes (also on a detached copy).
    const PROPS: &[&str] = &[
        "fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
        "transform",
    ];
    let live_all = live.query_selector_all("*").ok()?;
    let copy_all = copy.query_selector_all("*").ok()?;
    for i in 0..live_all.length().min(copy_all.length()) {
        let (Some(l), Some(c)) = (live_all.item(i), copy_all.item(i)) else { continue };
        let (Ok(l), Ok(c)) = (l.dyn_into::<web_sys::Element>(), c.dyn_into::<web_sys::Element>()) else { continue };
        // a tooltip's <title> takes no presentation attributes (learner10 T8)
        if c.local_name() == "title" {
            continue;
        }
        let Ok(Some(cs)) = w.get_computed_style(&l) else { continue };
        for p in PROPS {
            if let Ok(v) = cs.get_property_value(p) {
                let skip = v.is_empty() || (p == &"transform" && v == "none");
                if !skip {
                    // computed transforms are matrix(a, b, c, d, e, f): valid SVG transform syntax too
                    let _ = c.set_attribute(p, &v);
                }
            }
        }
        let _ = c.remove_attribute("style");
        let _ = c.remove_attribute("tabindex");
    }
    let _ = copy.remove_attribute("style");
    // every <title> as an SVG one: a title made in the XHTML namespace serialises with
    // xmlns="http://www.w3.org/1999/xhtml" and is no tooltip in a standalone SVG (learner10 T8)
    const SVG_NS: &str = "http://www.w3.org/2000/svg";
    if let Ok(titles) = copy.query_selector_all("title") {
        for i in 0..titles.length() {
            let Some(t) = titles.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if t.namespace_uri().as_deref() == Some(SVG_NS) && !t.has_attributes() {
                continue;
            }
            if let (Ok(n), Some(parent)) = (doc.create_element_ns(Some(SVG_NS), "title"), t.parent_node()) {
                n.set_text_content(t.text_content().as_deref());
                let _ = parent.replace_child(&n, &t);
            }
        }
    }
    // the instance's own colours (a mount's host element carries its theme)
    let var = |name: &str| w.get_computed_style(root).ok().flatten().and_then(|s| s.get_property_value(name).ok()).map(|v| v.trim().to_string()).unwrap_or_default();
    if let Ok(Some(cs)) = w.get_computed_style(&live) {
        let bg = var("--bg");
        let _ = copy.set_attribute("font-family", &cs.get_property_value("font-family").unwrap_or_default());
        // the background as the first drawn thing
        if let Ok(rect) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect") {
            for (k, v) in [("x", "0"), ("y", "0"), ("width", "100%"), ("height", "100%"), ("fill", bg.trim())] {
                let _ = rect.set_attribute(k, v);
            }
            let _ = copy.insert_before(&rect, copy.first_child().as_ref());
        }
    }
    // after the background: the <title> becomes the first child
    if let Some((title, outcome)) = scene.and_then(export_caption) {
        add_caption(&doc, &copy, &title, &outcome, &var("--ink"));
    }
    let xml = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}"))
}

/// The `<title>` and, under the drawing, a caption row: the title in bold, then the outcome
/// (wrapped to the picture's width). The viewBox and height grow to hold it.
fn add_caption(doc: &web_sys::Document, svg: &web_sys::Element, title: &str, outcome: &str, ink: &str) {
    const NS: Option<&str> = Some("http://www.w3.org/2000/svg");
    // numbers read and written by core::decimal, as std would: std's float parsing and printing
    // stay out of the wasm (issue #12, bundle)
    let vb: Vec<f64> = svg.get_attribute("viewBox").unwrap_or_default().split_whitespace().filter_map(decimal::parse).collect();
    let [x, y, w, h] = vb[..] else { return };
    let ink = if ink.is_empty() { "currentColor" } else { ink };
    if let Ok(t) = doc.create_element_ns(NS, "title") {
        t.set_text_content(Some(&format!("Switchboard: {title}. {outcome}")));
        let _ = svg.insert_before(&t, svg.first_child().as_ref());
    }
    let Ok(g) = doc.create_element_ns(NS, "g") else { return };
    let _ = g.set_attribute("class", "export-caption");
    let _ = g.set_attribute("data-kind", "export-caption");
    // about 0.55 em per character of the sans font at 14 units
    let max = ((w - 24.0) / (14.0 * 0.55)).max(20.0) as usize;
    let mut lines = vec![(title.to_string(), true)];
    lines.extend(wrap(outcome, max).into_iter().map(|l| (l, false)));
    let mut ty = y + h + 22.0;
    for (text, bold) in &lines {
        let Ok(t) = doc.create_element_ns(NS, "text") else { continue };
        for (k, v) in [("x", decimal::shortest(x + 12.0)), ("y", decimal::shortest(ty)), ("font-size", "14".into()), ("fill", ink.into()), ("font-weight", if *bold { "700".into() } else { "400".into() })] {
            let _ = t.set_attribute(k, &v);
        }
        t.set_text_content(Some(text));
        let _ = g.append_child(&t);
        ty += 20.0;
    }
    let extra = 12.0 + 20.0 * lines.len() as f64;
    let _ = svg.append_child(&g);
    let _ = svg.set_attribute("viewBox", &format!("{} {} {} {}", decimal::shortest(x), decimal::shortest(y), decimal::shortest(w), decimal::shortest(h + extra)));
    if let Some(ht) = svg.get_attribute("height").and_then(|v| decimal::parse(&v)) {
        let _ = svg.set_attribute("height", &decimal::shortest(ht * (h + extra) / h.max(1.0)));
    }
}

/// The viewBox's height over its width (1 when it has none).
fn aspect(svg: &str) -> f64 {
    let vb = svg.split("viewBox=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
    let v: Vec<f64> = vb.split_whitespace().filter_map(decimal::parse).collect();
    match v[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => h / w,
        _ => 1.0,
    }
}

/// Render the SVG onto a canvas at 2× and download it as PNG.
fn download_png(ids: Ids, svg: String) {
    let Some(live) = ids.get("diagram") else { return };
    // as wide as on screen; as tall as the picture with its caption row
    let w = live.client_width().max(1) as u32;
    let h = ((w as f64) * aspect(&svg)).round().max(1.0) as u32;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(canvas) = doc.create_element("canvas").map(|c| c.unchecked_into::<web_sys::HtmlCanvasElement>()) else { return };
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        if let Ok(Some(ctx)) = canvas.get_context("2d") {
            let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
            let _ = ctx.scale(2.0, 2.0);
            let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w as f64, h as f64);
        }
        let cb = Closure::once(move |b: Option<web_sys::Blob>| {
            if let Some(b) = b {
                download_blob("switchboard.png", &b);
            }
        });
        let _ = canvas.to_blob(cb.as_ref().unchecked_ref());
        cb.forget();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
}

#[component]
pub fn ShareBar() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    // what the panel shows: ("link" | "embed", text, note)
    let panel = RwSignal::new(None::<(String, String, String)>);
    // the note says "Copied" only once the browser has: a clipboard write it refuses (no
    // permission) or cannot make (no `navigator.clipboard` outside a secure context: a plain-http
    // intranet host) leaves the text selected in the panel and says so (trainer8)
    let copy = move |text: &str| {
        let not_copied = move || {
            panel.update(|p| {
                if let Some((_, _, note)) = p {
                    *note = "Not copied: the browser did not allow the clipboard here. Select the text above and press Ctrl+C (⌘C on a Mac).".into();
                }
            })
        };
        let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return not_copied() };
        if !js_sys::Reflect::get(&nav, &"clipboard".into()).is_ok_and(|c| c.is_object()) {
            return not_copied();
        }
        let written = nav.clipboard().write_text(text);
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(written).await.is_err() {
                not_copied();
            }
        });
    };
    let make_link = move || {
        let payload = share::encode(&current(&scene));
        let link = format!("{}#s={payload}", page_base());
        (payload, link)
    };
    let on_link = move |_| {
        let (payload, link) = make_link();
        let note = if payload.len() > MAX_LINK_CHARS {
            panel.set(Some(("link".into(), String::new(), format!("This scene needs a {}-character link; links over {MAX_LINK_CHARS} are refused by browsers and chat apps. Download the YAML instead.", payload.len()))));
            return;
        } else if link.len() > WARN_LINK_CHARS {
            format!("Copied. The link is {} characters: some chat apps and QR codes cut links over {WARN_LINK_CHARS}.", link.len())
        } else {
            "Copied to the clipboard. Opening it restores this exact view.".to_string()
        };
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#s={payload}")));
        }
        panel.set(Some(("link".into(), link.clone(), note)));
        copy(&link);
    };
    let on_embed = move |_| {
        let (payload, _) = make_link();
        let src = format!("{}?embed#s={payload}", page_base());
        let title = format!("Switchboard: Service {}", scene.service.get_untracked());
        let snippet = format!("<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"620\" frameborder=\"0\" loading=\"lazy\"></iframe>");
        panel.set(Some(("embed".into(), snippet.clone(), "Copied. Paste this line into any HTML, Markdown (mdBook, MkDocs, Docusaurus) or slide page. Add &readonly, &editor=0 or &autoplay after ?embed.".into())));
        copy(&snippet);
    };
    view! {
        <div class="sharebar" role="region" aria-label="Share and export">
            <button type="button" class="btn" id=ids.id("copy-link") on:click=on_link>"Copy link"</button>
            <button type="button" class="btn" id=ids.id("embed-snippet") on:click=on_embed>"Embed"</button>
            <span class="sep" aria-hidden="true"></span>
            <span class="muted">"Download"</span>
            <button type="button" class="btn" id=ids.id("export-svg") on:click=move |_| { if let Some(s) = diagram_svg(&scene) { download("switchboard.svg", "image/svg+xml", &s) } }>"SVG"</button>
            <button type="button" class="btn" id=ids.id("export-png") on:click=move |_| { if let Some(s) = diagram_svg(&scene) { download_png(scene.ids, s) } }>"PNG"</button>
            <button type="button" class="btn" id=ids.id("export-json") on:click=move |_| download("switchboard-report.json", "application/json", &scene.analysis.with_untracked(|r| r.to_json()))>"Report JSON"</button>
            <button type="button" class="btn" id=ids.id("export-yaml") on:click=move |_| download("manifests.yaml", "application/yaml", &scene.text.get_untracked())>"YAML"</button>
            {move || panel.get().map(|(kind, text, note)| view! {
                <div class="share-panel" data-kind=kind.clone()>
                    {(!text.is_empty()).then(|| view! {
                        <input type="text" readonly id=ids.id("share-text") aria-label="Link to share" prop:value=text.clone()
                            on:focus=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select() } } />
                    })}
                    <p class="share-note">{note}</p>
                    <button type="button" class="btn" on:click=move |_| panel.set(None)>"Close"</button>
                </div>
            })}
        </div>
    }
}
