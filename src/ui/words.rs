//! The page's sentences with `code` in them (uifix19; uicheck21 item 6: "`minikube tunnel`" was
//! shown with its backticks in the kubectl get svc panel, the tour's card and the pending load
//! balancer's hop). The core writes commands between backticks, as its CLI and JSON report keep
//! them (the report is a contract: its text is unchanged); the page shows what is between two
//! backticks as `<code>`. Every part is a text node Leptos creates (never innerHTML), so the words
//! may carry names from the user's YAML: `<b>` in them is shown, not parsed.

use leptos::prelude::*;

/// `text` cut at its backticks: `(false, words)` and `(true, code)` in order, without the
/// backticks that pair up. An unpaired last backtick stays in the words, and an empty pair
/// (two backticks in a row) is kept as written: neither is code.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut rest = text;
    // words up to here not yet pushed start at `from` of `text`
    let mut from = 0usize;
    let mut at = 0usize;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        match after.find('`') {
            Some(close) if close > 0 => {
                let start = at + open;
                if start > from {
                    out.push((false, &text[from..start]));
                }
                out.push((true, &after[..close]));
                at = start + 1 + close + 1;
                from = at;
                rest = &text[at..];
            }
            // "``": not code; look past the pair
            Some(_) => {
                at += open + 2;
                rest = &text[at..];
            }
            None => break,
        }
    }
    if from < text.len() {
        out.push((false, &text[from..]));
    }
    out
}

/// `text` as the page shows it: its words as text, what is between backticks as `<code>`.
pub fn words(text: &str) -> AnyView {
    let parts: Vec<AnyView> = code_spans(text)
        .into_iter()
        .map(|(code, s)| {
            let s = s.to_string();
            if code {
                view! { <code class="inline-code">{s}</code> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect();
    parts.into_any()
}

/// [`words`] of a text that follows a signal: built again when the text changes.
pub fn words_of(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    move || words(&text())
}
