//! Share and export: a link that restores the scene (`#s=…`), an iframe snippet, and downloads
//! of the diagram (SVG with styles inlined, PNG), the report (JSON) and the manifests (YAML).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Scene;
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
pub fn diagram_svg() -> Option<String> {
    diagram_svg_in(&web_sys::window()?.document()?.document_element()?)
}

/// The same for the instance inside `root`.
pub fn diagram_svg_in(root: &web_sys::Element) -> Option<String> {
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
    if let Ok(Some(cs)) = w.get_computed_style(&live) {
        let bg = doc.document_element().and_then(|r| w.get_computed_style(&r).ok().flatten()).and_then(|s| s.get_property_value("--bg").ok()).unwrap_or_default();
        let _ = copy.set_attribute("font-family", &cs.get_property_value("font-family").unwrap_or_default());
        // the background as the first drawn thing
        if let Ok(rect) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect") {
            for (k, v) in [("x", "0"), ("y", "0"), ("width", "100%"), ("height", "100%"), ("fill", bg.trim())] {
                let _ = rect.set_attribute(k, v);
            }
            let _ = copy.insert_before(&rect, copy.first_child().as_ref());
        }
    }
    let xml = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}"))
}

/// Render the SVG onto a canvas at 2× and download it as PNG.
fn download_png(svg: String) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(live) = doc.get_element_by_id("diagram") else { return };
    let (w, h) = (live.client_width().max(1) as u32, live.client_height().max(1) as u32);
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
            <button type="button" class="btn" id="copy-link" on:click=on_link>"Copy link"</button>
            <button type="button" class="btn" id="embed-snippet" on:click=on_embed>"Embed"</button>
            <span class="sep" aria-hidden="true"></span>
            <span class="muted">"Download"</span>
            <button type="button" class="btn" id="export-svg" on:click=move |_| { if let Some(s) = diagram_svg() { download("switchboard.svg", "image/svg+xml", &s) } }>"SVG"</button>
            <button type="button" class="btn" id="export-png" on:click=move |_| { if let Some(s) = diagram_svg() { download_png(s) } }>"PNG"</button>
            <button type="button" class="btn" id="export-json" on:click=move |_| download("switchboard-report.json", "application/json", &scene.analysis.with_untracked(|r| r.to_json()))>"Report JSON"</button>
            <button type="button" class="btn" id="export-yaml" on:click=move |_| download("manifests.yaml", "application/yaml", &scene.text.get_untracked())>"YAML"</button>
            {move || panel.get().map(|(kind, text, note)| view! {
                <div class="share-panel" data-kind=kind.clone()>
                    {(!text.is_empty()).then(|| view! {
                        <input type="text" readonly id="share-text" aria-label="Link to share" prop:value=text.clone()
                            on:focus=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select() } } />
                    })}
                    <p class="share-note">{note}</p>
                    <button type="button" class="btn" on:click=move |_| panel.set(None)>"Close"</button>
                </div>
            })}
        </div>
    }
}
