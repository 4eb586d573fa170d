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

/// The row's width bucket: its longest line in tens of characters, 3 to 10 (main.css shows the
/// monospace row in a block at least that wide, else the column/value pairs: uicheck21 item 4,
/// at 360 px the row needed a sideways scroll for EXTERNAL-IP and PORT(S)).
fn fit(table: &str) -> usize {
    table.lines().map(|l| l.chars().count()).max().unwrap_or(0).div_ceil(10).clamp(3, 10)
}

/// The block under the Service's facts.
pub fn get_svc_block(r: &Report, s: &ServiceReport) -> AnyView {
    let row = getsvc::row(s);
    let table = row.table();
    let fit = fit(&table).to_string();
    let pairs = [("NAME", row.name.clone()), ("TYPE", row.type_.clone()), ("CLUSTER-IP", row.cluster_ip.clone()), ("EXTERNAL-IP", row.external_ip.clone()), ("PORT(S)", row.ports.clone())];
    let lines = getsvc::explain(s, &service_range(r));
    let reach = getsvc::who_reaches(s);
    let ns = if s.namespace == "default" { String::new() } else { format!(" -n {}", s.namespace) };
    view! {
        <section class="getsvc" data-kind="kubectl-get-svc" data-fit=fit aria-label="What kubectl get svc prints for this Service">
            <p class="getsvc-cmd"><code>{format!("$ kubectl get svc {}{ns}", s.name)}</code></p>
            <pre class="getsvc-table" tabindex="0" aria-label="kubectl get svc output">{table}</pre>
            // where the row does not fit (a phone): each column's header beside its value
            <dl class="getsvc-pairs" aria-label="kubectl get svc output, column by column">
                {pairs.into_iter().map(|(h, v)| view! { <div><dt>{h}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <ul class="getsvc-cols">
                {lines.into_iter().map(|l| view! { <li>{super::words::words(&l)}</li> }).collect_view()}
            </ul>
            <p class="getsvc-reach" data-kind="who-reaches">{super::words::words(&reach)}</p>
        </section>
    }
    .into_any()
}
