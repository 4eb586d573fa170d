//! The Service panel's EndpointSlice block (learn18 Q12: "what does the EndpointSlice for my
//! Service look like?"): what `kubectl get endpointslices -l kubernetes.io/service-name=<svc>
//! -o yaml` prints for the selected Service — the object kube-proxy and cluster DNS read — with
//! one sentence per part (core::epslice: the EndpointSlice controller's reconciler and
//! podToEndpoint).

use leptos::prelude::*;

use crate::core::cluster::ClusterNode;
use crate::core::epslice;
use crate::core::report::ServiceReport;

/// The block under the `kubectl get svc` one; closed until asked, as the YAML is long.
pub fn slice_block(s: &ServiceReport, nodes: &[ClusterNode]) -> AnyView {
    let v = epslice::view(s, nodes);
    let total = s.endpoints.len();
    let ready = s.endpoints.iter().filter(|e| e.ready).count();
    let summary = match &v.yaml {
        Some(_) => format!("EndpointSlice of {}: {total} endpoint{}, {ready} ready — the YAML kube-proxy reads", s.name, if total == 1 { "" } else { "s" }),
        None => format!("EndpointSlice of {}: none from the controller", s.name),
    };
    view! {
        <details class="epslice" data-kind="endpointslice" aria-label="The Service's EndpointSlices as kubectl prints them">
            <summary>{summary}</summary>
            <p class="epslice-cmd"><code>{format!("$ {}", v.command)}</code></p>
            {v.yaml.map(|y| view! { <pre class="epslice-yaml" tabindex="0" aria-label="kubectl get endpointslices -o yaml output">{y}</pre> })}
            <ul class="epslice-lines">
                {v.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}
