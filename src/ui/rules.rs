//! kube-proxy's iptables rules for the selected Service, on the node that handles the request
//! being played, with the rules the current hop's packet matches highlighted. Everything comes
//! from `crate::core::iptables` (which follows pkg/proxy/iptables/proxier.go).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Scene;
use crate::core::iptables::{hop_node, rules_for, traverse, RuleSet};

/// The rule set to show and the indices the playing hop walks through.
fn current(scene: &Scene) -> Option<(String, RuleSet, Vec<usize>)> {
    let path = scene.path.get()?;
    let step = scene.step.get().min(path.hops.len());
    let hop = (step > 0).then(|| path.hops[step - 1].clone());
    scene.shown.with(|r| {
        let svc = r.services.get(scene.service_index()?)?;
        // the node: the one handling this hop, else any hop's, else the path's, else the client's
        let node = hop
            .as_ref()
            .and_then(hop_node)
            .or_else(|| path.hops.iter().find_map(hop_node))
            .or_else(|| path.node.clone())
            .or_else(|| r.cluster.client_pod.node.clone())
            .unwrap_or_default();
        let set = rules_for(svc, r, &node);
        let hit = hop.map(|h| traverse(&set, &h)).unwrap_or_default();
        Some((format!("{}/{}", svc.namespace, svc.name), set, hit))
    })
}

/// Rule sets up to this many rows are keyed by place (ui::keyed::follow_list), larger ones by
/// content.
const BY_PLACE: usize = 400;

/// What one row of the table shows: its place in the walk of the current hop (lit), and the rule.
#[derive(Clone, PartialEq, Hash)]
struct RuleRow {
    order: Option<usize>,
    table: String,
    chain: String,
    line: String,
    note: String,
}

/// A rule's words, each that holds a hyphen in its own `<span>` (style/main.css: an inline
/// block, so a line breaks between words, never after the `--` of `--dport` or inside
/// `KUBE-SEP-…`, unless one word is wider than the whole line; uifix10: "-- mode", learner9:
/// "--dpor|t 80"), the spaces between them as text: the cell's text, and what a copy takes, is
/// the rule's line exactly.
fn tokens_view(line: &str) -> Vec<AnyView> {
    let mut out = Vec::new();
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(" ".into_any());
        }
        if word.contains('-') {
            // a span with no attribute (style/main.css: `.rules-table code > span`): under
            // `erase_components` an element's attributes are a `Vec<AnyAttribute>` whose rebuild
            // removes each and sets it again, so a `class="tok"` here was removed and set on every
            // span of each row whose line changed (186 class changes per keystroke on the
            // tutorial scene, issue #12; keyfix); with none, a rebuild only sets changed texts
            out.push(view! { <span>{word.to_string()}</span> }.into_any());
        } else if !word.is_empty() {
            out.push(word.to_string().into_any());
        }
    }
    out
}

#[component]
pub fn Rules() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    // a big text's once its diagram is painted (Scene::panel)
    let data = Memo::new(move |_| scene.panel(|| current(&scene)));
    // keep the last lit rule in view inside the scrolling table (not the page); nothing to do
    // (and no layout to force) while no rule is lit
    Effect::new(move |_| {
        if !data.with(|d| d.as_ref().is_some_and(|(_, _, hit)| !hit.is_empty())) {
            return;
        }
        set_timeout(
            move || {
                // this instance's table (mountfix: `#iptables` was the first mount's)
                let table = ids.get("iptables");
                let boxed = table.as_ref().and_then(|t| t.query_selector(".rules-scroll").ok().flatten());
                let rows = table.as_ref().and_then(|t| t.query_selector_all("tr.hit").ok());
                if let (Some(b), Some(rows)) = (boxed.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()), rows) {
                    if let Some(last) = rows.item(rows.length().saturating_sub(1)).and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let top = last.offset_top() - b.client_height() / 2;
                        b.set_scroll_top(top.max(0));
                    }
                }
            },
            std::time::Duration::from_millis(0),
        );
    });
    // what is drawn: nothing selected, no rules (and why), or the table; the table's rows are
    // keyed by content (ui::keyed), so a keystroke rebuilds only the rows it changed
    #[derive(Clone, Copy, PartialEq)]
    enum Shape {
        NoService,
        NoRules,
        Table,
    }
    let shape = Memo::new(move |_| {
        data.with(|d| match d {
            None => Shape::NoService,
            Some((_, set, _)) if set.none_because.is_some() => Shape::NoRules,
            Some(_) => Shape::Table,
        })
    });
    let head = move || {
        data.with(|d| {
            let Some((name, set, hit)) = d else { return String::new() };
            match &set.none_because {
                Some(why) => format!("No iptables rules for {name}: {why}."),
                None => format!(
                    "What kube-proxy (iptables mode) on {} writes for {name}, as it hands the lines to {}. {}",
                    set.node,
                    // an IPv6 Service's rules are the IPv6 proxier's
                    if set.ipv6 { "ip6tables-restore" } else { "iptables-restore" },
                    if hit.is_empty() { "Step through the request: the rules its packet matches light up." } else { "Lit: the rules the current hop's packet matches, in order." }
                ),
            }
        })
    };
    let rows = move || {
        data.with(|d| {
            let Some((_, set, hit)) = d else { return Vec::new() };
            let rows = set.rules.iter().enumerate().map(|(i, r)| RuleRow {
                order: hit.iter().position(|&h| h == i),
                table: r.table.clone(),
                chain: r.chain.clone(),
                line: r.line.clone(),
                note: r.note.clone(),
            });
            if set.rules.len() <= BY_PLACE {
                // one Service's rules: by place, so that a rename (the Service's name is in most
                // lines' comments and its chains' hashes) sets the rows' texts (ui::keyed)
                rows.enumerate().map(|(i, row)| (i as u64, row)).collect()
            } else {
                // a whole cluster's rule set: by what each row shows (an edit changes a few rows)
                rows.map(|row| (super::keyed::key_hash(&row), row)).collect()
            }
        })
    };
    let row = |d: ArcRwSignal<RuleRow>| {
        let get = {
            let d = d.clone();
            move |f: fn(&RuleRow) -> String| {
                let d = d.clone();
                move || d.with(f)
            }
        };
        let d2 = d.clone();
        let lit = move || d.with(|r| r.order.is_some());
        view! {
            <tr data-kind="iptables-rule" data-chain=get(|r| r.chain.clone()) data-table=get(|r| r.table.clone()) class:hit=lit.clone()
                data-hit={let lit = lit.clone(); move || lit().then_some("true")} aria-current=move || lit().then_some("step")>
                <td class="rule-order">{get(|r| r.order.map(|o| (o + 1).to_string()).unwrap_or_default())}</td>
                <td class="rule-table">{get(|r| r.table.clone())}</td>
                <td class="rule-line"><code>{move || d2.with(|r| tokens_view(&r.line))}</code><span class="rule-note">{get(|r| r.note.clone())}</span></td>
            </tr>
        }
        .into_any()
    };
    view! {
        <details class="teach rules" id=ids.id("iptables") open>
            <summary>"kube-proxy's iptables rules"</summary>
            {move || match shape.get() {
                Shape::NoService => view! { <p class="muted">"No Service selected."</p> }.into_any(),
                Shape::NoRules => view! { <p class="muted" data-kind="iptables-none">{head}</p> }.into_any(),
                Shape::Table => view! {
                    <p class="muted">{head}</p>
                    // it scrolls: focusable, so a keyboard can scroll it (WCAG 2.1.1)
                    <div class="rules-scroll" tabindex="0" role="region" aria-label="kube-proxy's rules for this Service">
                        <table class="rules-table">
                            <thead><tr><th scope="col">"#"</th><th scope="col">"table"</th><th scope="col">"rule (and what it does)"</th></tr></thead>
                            <tbody>{super::keyed::follow_list(rows, row)}</tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </details>
    }
}
