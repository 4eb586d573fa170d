//! The Service panel's "kubectl get endpoints" block (learn19 Q07: "what does `kubectl get
//! endpoints` show vs the EndpointSlice?"): the row kubectl prints for the selected Service,
//! the API server's deprecation warning, and what the column leaves out here (core::getep: the
//! endpoints controller and printers.go formatEndpoints).

use leptos::prelude::*;

use crate::core::getep;
use crate::core::report::ServiceReport;

/// The block between the `kubectl get svc` one and the EndpointSlice; nothing for an
/// ExternalName Service with a selector.
pub fn get_endpoints_block(s: &ServiceReport) -> Option<AnyView> {
    let v = getep::view(s)?;
    // (kubectl writes the API server's warning to stderr, before the table or the error)
    let out = v.table.clone().or(v.error.clone()).unwrap_or_default();
    Some(
        view! {
            <section class="getep" data-kind="kubectl-get-endpoints" aria-label="What kubectl get endpoints prints for this Service">
                <p class="getsvc-cmd"><code>{format!("$ {}", v.command)}</code></p>
                <p class="getep-warn"><code>{getep::DEPRECATION_WARNING}</code></p>
                <pre class="getep-table" tabindex="0" aria-label="kubectl get endpoints output">{out}</pre>
                <ul class="getsvc-cols">
                    {v.lines.into_iter().map(|l| view! { <li>{super::words::words(&l)}</li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
    )
}
