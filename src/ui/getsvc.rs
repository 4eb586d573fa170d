//! The Service panel's "kubectl get svc" block (learn17): the row kubectl prints for the
//! selected Service — `80:32089/TCP`, `<pending>`, `None` — and one sentence per column on what
//! it means here (core::getsvc: pkg/printers/internalversion/printers.go printService).

use leptos::prelude::*;

use crate::core::getsvc;
use crate::core::report::{Report, ServiceReport};

/// The Service range the API server allocates clusterIPs from, as the diagram's header says it.
fn service_range(r: &Report) -> String {
    if r.cluster.service_cidrs.is_empty() {
        r.cluster.service_cidr.clone()
    } else {
        r.cluster.service_cidrs.join(" and ")
    }
}

/// The block under the Service's facts.
pub fn get_svc_block(r: &Report, s: &ServiceReport) -> AnyView {
    let row = getsvc::row(s);
    let lines = getsvc::explain(s, &service_range(r));
    let reach = getsvc::who_reaches(s);
    let ns = if s.namespace == "default" { String::new() } else { format!(" -n {}", s.namespace) };
    view! {
        <section class="getsvc" data-kind="kubectl-get-svc" aria-label="What kubectl get svc prints for this Service">
            <p class="getsvc-cmd"><code>{format!("$ kubectl get svc {}{ns}", s.name)}</code></p>
            <pre class="getsvc-table" tabindex="0" aria-label="kubectl get svc output">{row.table()}</pre>
            <ul class="getsvc-cols">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            <p class="getsvc-reach" data-kind="who-reaches">{reach}</p>
        </section>
    }
    .into_any()
}
