//! hintfix (qa2 E1): the diagnostic's message is the API server's words alone; our hint shows
//! under it, styled as ours (`.diag-hint`), and in the gutter mark's title on the next line.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// `targetPort: "8080"` is a port name (k8s.io/apimachinery pkg/util/intstr intstr.go
/// UnmarshalJSON; pkg/apis/core/validation/validation.go ValidatePortNumOrName): the message is
/// IsValidPortName's words, the hint says to drop the quotes.
#[wasm_bindgen_test]
async fn hint_shows_under_the_message_not_inside_it() {
    remount().await;
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n").await;
    let sel = ".diag.error[data-line='9']";
    poll(40, || count(sel) == 1).await;
    assert_eq!(count(sel), 1);
    let hint = text(&format!("{sel} .diag-hint"));
    assert_eq!(hint, "hint: write 8080 without quotes: a quoted number is a port name");
    let all = text(&format!("{sel} .diag-msg"));
    let message = all.strip_suffix(hint.as_str()).expect("the hint comes last");
    assert!(message.ends_with("spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)"), "{message}");
    let title = attr(".gutter .mark-error[data-line='9']", "title").unwrap_or_default();
    assert!(title.ends_with("must contain at least one letter (a-z)\nhint: write 8080 without quotes: a quoted number is a port name"), "{title}");
    // a diagnostic without a hint has no hint element
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n").await;
    poll(40, || count(".diag.error[data-line='7']") == 1).await;
    assert_eq!(count(".diag.error[data-line='7'] .diag-hint"), 0);
}
