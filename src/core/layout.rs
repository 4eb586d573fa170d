//! Where everything is drawn: a deterministic layout of the report for a given width.
//! Pure geometry (no DOM), so it is tested natively: nothing overlaps, everything fits.
//!
//! Outside the cluster (left column): the outside client, the cloud load balancer, the external
//! host of an ExternalName Service. Inside: cluster DNS and the Services on top, then the nodes
//! (each with its kube-proxy strip and its pods). Nodes wrap into rows; pods beyond what a node
//! can show are folded into one "+N more" box.

use super::report::Report;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.x + o.w <= self.x + self.w + 1e-6 && o.y + o.h <= self.y + self.h + 1e-6
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// data-kind: cluster, client, load-balancer, external, dns, service, node, kube-proxy, pod, pod-group
    pub kind: &'static str,
    /// data-name
    pub name: String,
    pub rect: Rect,
    /// for pods: index into report.pods (None for the client pod); for services: index into report.services;
    /// for pod groups: how many pods are folded in
    pub index: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub items: Vec<Item>,
    /// pods folded into a group: (pod name, group item name)
    pub folded: Vec<(String, String)>,
}

pub const POD_W: f64 = 150.0;
pub const POD_H: f64 = 74.0;
const GAP: f64 = 10.0;
const NODE_HEAD: f64 = 40.0;
const PROXY_H: f64 = 22.0;
const MAX_POD_ROWS: usize = 3;
const SVC_MIN_W: f64 = 150.0;
pub const MAX_SERVICES: usize = 10;
/// From this many Services (or pods) a scene is a whole cluster: the diagram shows only the
/// selected Service's neighbourhood (its endpoints' and near misses' pods, their nodes, the
/// nodes its paths cross, the client's node), not every pod.
pub const NEIGHBOURHOOD_SERVICES: usize = 50;
pub const NEIGHBOURHOOD_PODS: usize = 500;

/// The pods (indices into report.pods) and nodes the selected Service touches.
struct Neighbourhood {
    pods: std::collections::HashSet<usize>,
    /// the endpoints' pods: drawn first on their node, so a fold hides near misses, not them
    endpoints: std::collections::HashSet<usize>,
    nodes: std::collections::HashSet<String>,
}

fn neighbourhood(report: &Report, selected: Option<usize>) -> Neighbourhood {
    let mut hood = Neighbourhood { pods: Default::default(), endpoints: Default::default(), nodes: Default::default() };
    if let Some(n) = &report.cluster.client_pod.node {
        hood.nodes.insert(n.clone());
    }
    let Some(s) = selected.and_then(|i| report.services.get(i)) else { return hood };
    let mut wanted: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    let mut endpoints: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for e in &s.endpoints {
        if let Some(p) = &e.pod {
            wanted.insert((e.namespace.as_str(), p.as_str()));
            endpoints.insert((e.namespace.as_str(), p.as_str()));
        }
    }
    for m in &s.near_misses {
        wanted.insert((m.namespace.as_str(), m.pod.as_str()));
    }
    for (i, p) in report.pods.iter().enumerate() {
        if wanted.contains(&(p.namespace.as_str(), p.name.as_str())) {
            hood.pods.insert(i);
            if endpoints.contains(&(p.namespace.as_str(), p.name.as_str())) {
                hood.endpoints.insert(i);
            }
            if let Some(n) = &p.node {
                hood.nodes.insert(n.clone());
            }
        }
    }
    for h in s.paths.iter().flat_map(|p| p.hops.iter()) {
        for key in [&h.from, &h.to] {
            if let Some(("kube-proxy" | "node", n)) = key.split_once(':') {
                hood.nodes.insert(n.to_string());
            }
        }
    }
    hood
}

impl Layout {
    pub fn find(&self, kind: &str, name: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.kind == kind && i.name == name)
    }
    /// Where a path endpoint such as `pod:web-1` or `kube-proxy:node-2` is drawn.
    pub fn anchor(&self, key: &str) -> Option<(f64, f64)> {
        let (kind, name) = key.split_once(':')?;
        if let Some(i) = self.find(kind, name) {
            return Some(match kind {
                "cluster" => (i.rect.x, i.rect.y + i.rect.h / 2.0),
                "node" => (i.rect.x + i.rect.w / 2.0, i.rect.y + NODE_HEAD / 2.0),
                _ => i.rect.center(),
            });
        }
        if kind == "pod" {
            let group = self.folded.iter().find(|(p, _)| p == name)?;
            return self.find("pod-group", &group.1).map(|i| i.rect.center());
        }
        None
    }
}

/// Lay out `report` for a drawing `width` px wide, showing `selected` Service's outside parts.
pub fn layout(report: &Report, selected: Option<usize>, width: f64) -> Layout {
    // a NaN width (a host element not laid out yet) would make every coordinate NaN
    let width = if width.is_nan() { 1280.0 } else { width.clamp(320.0, 4000.0) };
    let mut items = Vec::new();
    let mut folded = Vec::new();
    // narrow (phones, 360 px embeds): the outside parts sit in a row above the cluster
    let stacked = width < 560.0;
    let outside_w = if stacked { 0.0 } else if width < 900.0 { 130.0 } else { 170.0 };
    let cluster_x = if stacked { 8.0 } else { outside_w + 20.0 };
    let cluster_w = width - cluster_x - 8.0;
    let cluster_y = if stacked { 8.0 + 64.0 + 14.0 } else { 8.0 };
    let inner_x = cluster_x + 12.0;
    let inner_w = cluster_w - 24.0;

    // ---- top band: DNS + Services ----
    let top_y = cluster_y + 28.0;
    let dns_w = if width < 900.0 { 120.0 } else { 175.0 };
    let svc_h = 78.0;
    items.push(Item { kind: "dns", name: "cluster-dns".into(), rect: Rect { x: inner_x, y: top_y, w: dns_w, h: svc_h }, index: None });
    let hood = (report.services.len() > NEIGHBOURHOOD_SERVICES || report.pods.len() > NEIGHBOURHOOD_PODS).then(|| neighbourhood(report, selected));
    let drawn_services: Vec<usize> = match &hood {
        Some(_) => selected.filter(|&i| i < report.services.len()).into_iter().collect(),
        None => (0..report.services.len().min(MAX_SERVICES)).collect(),
    };
    let n_svc = drawn_services.len();
    // Services sit right of DNS; when that leaves too little room they start on the row below it
    let beside = inner_w - dns_w - GAP >= SVC_MIN_W;
    let (svc_x0, avail, svc_y0) = if beside {
        (inner_x + dns_w + GAP, inner_w - dns_w - GAP, top_y)
    } else {
        (inner_x, inner_w, top_y + svc_h + GAP)
    };
    let per_row = if n_svc == 0 { 1 } else { n_svc.min(((avail + GAP) / (SVC_MIN_W + GAP)).floor().max(1.0) as usize) };
    let svc_w = ((avail - GAP * (per_row as f64 - 1.0)) / per_row as f64).min(240.0);
    for (k, &i) in drawn_services.iter().enumerate() {
        let s = &report.services[i];
        let (r, c) = (k / per_row, k % per_row);
        let x = svc_x0 + c as f64 * (svc_w + GAP);
        let y = svc_y0 + r as f64 * (svc_h + GAP);
        items.push(Item { kind: "service", name: s.name.clone(), rect: Rect { x, y, w: svc_w, h: svc_h }, index: Some(i) });
    }
    let svc_rows = if n_svc == 0 { 0 } else { n_svc.div_ceil(per_row) };
    let svc_bottom = svc_y0 + svc_rows as f64 * (svc_h + GAP);
    let top_bottom = svc_bottom.max(top_y + svc_h + GAP);
    let nodes_y = top_bottom + 24.0;

    // ---- nodes ----
    let drawn_nodes: Vec<_> = report.nodes.iter().filter(|n| hood.as_ref().is_none_or(|h| h.nodes.contains(&n.name))).collect();
    let n_nodes = drawn_nodes.len().max(1);
    let node_cols = n_nodes.min(((inner_w + GAP) / (POD_W + 24.0 + GAP)).floor().max(1.0) as usize);
    let node_w = (inner_w - GAP * (node_cols as f64 - 1.0)) / node_cols as f64;
    let pod_w = POD_W.min(node_w - 16.0);
    let pods_per_row = (((node_w - 16.0 + GAP) / (pod_w + GAP)).floor() as usize).max(1);
    let cap = pods_per_row * MAX_POD_ROWS;
    // pods per node, the client pod first on its node
    let mut y = nodes_y;
    for row in drawn_nodes.chunks(node_cols) {
        let mut row_h: f64 = 0.0;
        let mut row_items = Vec::new();
        for (c, node) in row.iter().enumerate() {
            let x = inner_x + c as f64 * (node_w + GAP);
            let mut pods: Vec<(String, Option<usize>)> = Vec::new();
            if report.cluster.client_pod.node.as_deref() == Some(node.name.as_str()) {
                pods.push((report.cluster.client_pod.name.clone(), None));
            }
            for (pi, p) in report.pods.iter().enumerate() {
                if p.node.as_deref() == Some(node.name.as_str()) && hood.as_ref().is_none_or(|h| h.pods.contains(&pi)) {
                    pods.push((p.name.clone(), Some(pi)));
                }
            }
            if let Some(h) = &hood {
                // the client first, then the Service's endpoints, then its near misses
                pods.sort_by_key(|(_, idx)| idx.map_or(0, |i| if h.endpoints.contains(&i) { 1 } else { 2 }));
            }
            let shown = if pods.len() > cap { cap - 1 } else { pods.len() };
            let slots = if pods.len() > cap { cap } else { pods.len().max(1) };
            let rows = slots.div_ceil(pods_per_row);
            let h = NODE_HEAD + PROXY_H + 8.0 + rows as f64 * (POD_H + GAP) + 4.0;
            row_h = row_h.max(h);
            let py0 = y + NODE_HEAD + PROXY_H + 8.0;
            for (k, (name, idx)) in pods.iter().take(shown).enumerate() {
                let (r, cc) = (k / pods_per_row, k % pods_per_row);
                row_items.push(Item {
                    kind: "pod",
                    name: name.clone(),
                    rect: Rect { x: x + 8.0 + cc as f64 * (pod_w + GAP), y: py0 + r as f64 * (POD_H + GAP), w: pod_w, h: POD_H },
                    index: *idx,
                });
            }
            if pods.len() > cap {
                let k = cap - 1;
                let (r, cc) = (k / pods_per_row, k % pods_per_row);
                let gname = format!("{}-more", node.name);
                for (name, _) in pods.iter().skip(shown) {
                    folded.push((name.clone(), gname.clone()));
                }
                row_items.push(Item {
                    kind: "pod-group",
                    name: gname,
                    rect: Rect { x: x + 8.0 + cc as f64 * (pod_w + GAP), y: py0 + r as f64 * (POD_H + GAP), w: pod_w, h: POD_H },
                    index: Some(pods.len() - shown),
                });
            }
            row_items.push(Item { kind: "kube-proxy", name: node.name.clone(), rect: Rect { x: x + 8.0, y: y + NODE_HEAD, w: node_w - 16.0, h: PROXY_H }, index: None });
            row_items.push(Item { kind: "node", name: node.name.clone(), rect: Rect { x, y, w: node_w, h: 0.0 }, index: None });
        }
        for it in row_items.iter_mut() {
            if it.kind == "node" {
                it.rect.h = row_h;
            }
        }
        // nodes first so that they are drawn under their pods
        let (nodes, rest): (Vec<Item>, Vec<Item>) = row_items.into_iter().partition(|i| i.kind == "node");
        items.extend(nodes);
        items.extend(rest);
        y += row_h + GAP;
    }
    let cluster_h = y - cluster_y;
    items.insert(0, Item { kind: "cluster", name: "cluster".into(), rect: Rect { x: cluster_x, y: cluster_y, w: cluster_w, h: cluster_h }, index: None });

    // ---- outside: a column left of the cluster, or a row above it when narrow ----
    let (client_rect, second_rect) = if stacked {
        let w2 = (width - 24.0) / 2.0;
        (Rect { x: 8.0, y: 8.0, w: w2, h: 64.0 }, Rect { x: 16.0 + w2, y: 8.0, w: w2, h: 64.0 })
    } else {
        let ow = outside_w - 8.0;
        (Rect { x: 8.0, y: 60.0, w: ow, h: 64.0 }, Rect { x: 8.0, y: 170.0, w: ow, h: 78.0 })
    };
    items.push(Item { kind: "client", name: "outside".into(), rect: client_rect, index: None });
    if let Some(s) = selected.and_then(|i| report.services.get(i)) {
        if s.type_ == "LoadBalancer" && !s.rejected {
            items.push(Item { kind: "load-balancer", name: s.name.clone(), rect: second_rect, index: None });
        }
        if s.type_ == "ExternalName" && !s.rejected {
            if let Some(e) = &s.external_name {
                items.push(Item { kind: "external", name: e.clone(), rect: second_rect, index: None });
            }
        }
    }
    let height = (cluster_y + cluster_h + 8.0).max(280.0);
    Layout { width, height, items, folded }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::analyze;
    use crate::core::config::Config;

    /// A whole cluster (issue #12): the selected Service's neighbourhood only — that Service,
    /// its endpoints' pods (and near misses), their nodes; not every pod and not the first ten.
    #[test]
    fn a_whole_cluster_draws_the_selected_services_neighbourhood() {
        let mut text = String::new();
        for i in 0..60 {
            text.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\nspec:\n  selector:\n    app: app-{i}\n  ports:\n  - port: 80\n"));
            for j in 0..2 {
                text.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app-{i}-{j}\n  labels:\n    app: app-{i}\nspec:\n  containers:\n  - name: c\n    image: x\n"));
            }
        }
        let r = analyze(&text, &Config::default());
        assert_eq!(r.services.len(), 60);
        let l = layout(&r, Some(42), 1280.0);
        let services: Vec<&str> = l.items.iter().filter(|i| i.kind == "service").map(|i| i.name.as_str()).collect();
        assert_eq!(services, ["svc-42"]);
        let pods: Vec<&str> = l.items.iter().filter(|i| i.kind == "pod" && i.index.is_some()).map(|i| i.name.as_str()).collect();
        for p in ["app-42-0", "app-42-1"] {
            assert!(l.anchor(&format!("pod:{p}")).is_some(), "{p} not drawn: {pods:?}");
        }
        // narrow: nodes fold their pods, but the Service's own pods are drawn, not folded
        let narrow = layout(&r, Some(42), 360.0);
        for p in ["app-42-0", "app-42-1"] {
            assert!(narrow.find("pod", p).is_some(), "{p} folded: {:?}", narrow.folded);
        }
        assert!(pods.len() + l.folded.len() <= 2 + crate::core::resolve::MAX_NEAR_MISSES, "{pods:?}");
        // no overlap, everything inside the drawing
        let boxes: Vec<&Item> = l.items.iter().filter(|i| matches!(i.kind, "pod" | "service" | "dns")).collect();
        for (a, x) in boxes.iter().enumerate() {
            for y in &boxes[a + 1..] {
                assert!(!x.rect.overlaps(&y.rect), "{} overlaps {}", x.name, y.name);
            }
        }
        // a small scene is drawn whole, as before
        let small = analyze(&text.split("---\n").take(31).collect::<Vec<_>>().join("---\n"), &Config::default());
        assert!(small.services.len() <= NEIGHBOURHOOD_SERVICES);
        assert_eq!(layout(&small, Some(0), 1280.0).items.iter().filter(|i| i.kind == "service").count(), small.services.len().min(MAX_SERVICES));
    }

    /// Found by fuzzing (tests/fuzz_core.rs): a NaN width made every coordinate NaN.
    #[test]
    fn fuzz_regression_nan_or_infinite_width_gives_finite_boxes() {
        let r = analyze(crate::core::presets::DEFAULT.yaml, &Config::default());
        for w in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0] {
            let l = layout(&r, Some(0), w);
            assert!(l.width.is_finite() && l.height.is_finite(), "{w}");
            assert!(l.items.iter().all(|i| [i.rect.x, i.rect.y, i.rect.w, i.rect.h].iter().all(|v| v.is_finite())), "{w}");
        }
    }

    fn scene(pods: usize, services: usize) -> String {
        let mut s = String::new();
        for i in 0..services {
            s.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: svc-{i}}}\nspec: {{type: NodePort, selector: {{app: a{}}}, ports: [{{port: 80}}]}}\n", i % 3));
        }
        s.push_str(&format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app}}\nspec:\n  replicas: {pods}\n  selector: {{matchLabels: {{app: a0}}}}\n  template:\n    metadata: {{labels: {{app: a0}}}}\n    spec: {{containers: [{{name: c}}]}}\n"
        ));
        s
    }

    fn check(l: &Layout) {
        let cluster = l.find("cluster", "cluster").unwrap().rect;
        for it in &l.items {
            let r = it.rect;
            assert!(r.x.is_finite() && r.y.is_finite() && r.w > 0.0 && r.h > 0.0, "{it:?}");
            assert!(r.x >= 0.0 && r.x + r.w <= l.width + 1e-6, "{it:?} exceeds width {}", l.width);
            assert!(r.y + r.h <= l.height + 1e-6, "{it:?} exceeds height {}", l.height);
            if matches!(it.kind, "dns" | "service" | "node" | "pod" | "pod-group" | "kube-proxy") {
                assert!(cluster.contains(&r), "{it:?} outside the cluster");
            }
        }
        // no two boxes of these kinds overlap
        let solid: Vec<&Item> = l.items.iter().filter(|i| matches!(i.kind, "dns" | "service" | "pod" | "pod-group" | "kube-proxy" | "client" | "load-balancer" | "external")).collect();
        for (a, b) in solid.iter().enumerate().flat_map(|(i, a)| solid[i + 1..].iter().map(move |b| (a, b))) {
            assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
        }
        let nodes: Vec<&Item> = l.items.iter().filter(|i| i.kind == "node").collect();
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn readable_from_1_to_50_pods_and_up_to_10_services_at_1280_and_700() {
        for width in [1280.0, 700.0, 360.0] {
            for (pods, services) in [(1, 1), (3, 1), (7, 2), (12, 4), (25, 6), (50, 10)] {
                let r = analyze(&scene(pods, services), &Config::default());
                let l = layout(&r, Some(0), width);
                check(&l);
                // every pod is drawn or folded into its node's group
                for p in &r.pods {
                    assert!(l.anchor(&format!("pod:{}", p.name)).is_some(), "{} at {width}", p.name);
                }
            }
        }
    }

    #[test]
    fn outside_parts_fit_at_every_width() {
        for id in ["web-loadbalancer", "web-externalname", "web-nodeport"] {
            let p = crate::core::presets::find(id).unwrap();
            let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
            for width in [1280.0, 700.0, 540.0, 360.0] {
                let l = layout(&r, Some(0), width);
                check(&l);
                let second = if id == "web-loadbalancer" { "load-balancer" } else if id == "web-externalname" { "external" } else { "" };
                assert!(second.is_empty() || l.items.iter().any(|i| i.kind == second), "{id} at {width}");
            }
        }
    }

    #[test]
    fn many_pods_fold_into_a_count_per_node() {
        let r = analyze(&scene(50, 1), &Config::default());
        let l = layout(&r, Some(0), 1280.0);
        let groups: Vec<&Item> = l.items.iter().filter(|i| i.kind == "pod-group").collect();
        assert_eq!(groups.len(), 3);
        let drawn = l.items.iter().filter(|i| i.kind == "pod").count();
        let folded: usize = groups.iter().map(|g| g.index.unwrap()).sum();
        assert_eq!(drawn + folded, 51); // 50 pods + the client pod
    }

    #[test]
    fn deterministic() {
        let r = analyze(&scene(12, 3), &Config::default());
        assert_eq!(layout(&r, Some(1), 1000.0), layout(&r, Some(1), 1000.0));
    }
}
