//! The browser app (built by trunk). On a native target it only says how to run it.
#[cfg(target_arch = "wasm32")]
fn main() {
    // a panic shows a panel with the user's text (plain DOM), never a dead page
    switchboard::ui::crash::install();
    // `Switchboard.mount(element, options)` for host pages; the full page only where the
    // document asks for it (index.html's <body data-switchboard-app>).
    switchboard::ui::api::expose_global();
    let is_app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-switchboard-app"));
    if is_app {
        switchboard::ui::mount();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("switchboard-web is the browser app: run `./dev serve` and open http://127.0.0.1:8080/");
    std::process::exit(2);
}
