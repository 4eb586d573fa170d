//! A panic never leaves a dead page. The panic hook (installed first thing in `main`) saves the
//! user's text to sessionStorage (and the page's draft), then shows a panel built in plain JS
//! (`crash.js`: Leptos may be dead) with the message, the text, Copy, Download and Reload. On
//! the next load `take_rescue` puts the text back into the editor.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

pub const RESCUE_KEY: &str = "switchboard.v1.rescue";

#[wasm_bindgen(module = "/src/ui/crash.js")]
extern "C" {
    #[wasm_bindgen(js_name = showCrash)]
    fn show_crash(message: &str, text: &str, keep_draft: bool);
}

thread_local! {
    /// the page app's text as of the last change (the textarea is read first; this covers a
    /// hidden editor)
    static TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Called by the page app whenever its text changes.
pub fn remember(text: &str) {
    TEXT.with(|t| {
        if let Ok(mut t) = t.try_borrow_mut() {
            match t.as_mut() {
                Some(s) => {
                    s.clear();
                    s.push_str(text);
                }
                None => *t = Some(text.to_string()),
            }
        }
    });
}

/// The text to rescue: the page editor's textarea (not a big text's window, which holds one
/// piece of it: ui::bigtext), else the last remembered text.
fn current_text() -> (String, bool) {
    let remembered = TEXT.with(|t| t.try_borrow().ok().and_then(|t| t.clone()));
    let page_app = remembered.is_some();
    let from_dom = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".sb-app textarea#yaml:not([data-window])").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|a| a.value());
    (from_dom.or(remembered).unwrap_or_default(), page_app)
}

/// Install the hook (replaces console_error_panic_hook, which it still calls for the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let (text, page_app) = current_text();
        show_crash(&info.to_string(), &text, page_app);
    }));
}

/// The text a crash saved in this tab, if any (removed: it is restored once).
pub fn take_rescue() -> Option<String> {
    let s = web_sys::window()?.session_storage().ok()??;
    let t = s.get_item(RESCUE_KEY).ok()??;
    let _ = s.remove_item(RESCUE_KEY);
    Some(t)
}

use wasm_bindgen::JsCast;
