//! The browser app (built by trunk). On a native target it only says how to run it.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    switchboard::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("switchboard-web is the browser app: run `./dev serve` and open http://127.0.0.1:8080/");
    std::process::exit(2);
}
