//! The guided tour: the tutorial's sections (shared/seed/services-tutorial.txt — "What Is a
//! Service?", "1. ClusterIP (default)", "2. NodePort", "3. LoadBalancer", "4. ExternalName")
//! plus the headless Service and every broken scene, each as a step that loads a preset, points
//! at one drawn thing, and asks the learner to try one what-if. Step N opens at `#tour=N`
//! (1-based) and, embedded, at `?embed&tour=N`.

pub struct Step {
    /// the tutorial section (or scene) this step teaches
    pub title: &'static str,
    pub preset: &'static str,
    pub service: &'static str,
    /// entry key: pod | outside | nodeport@node-1 | loadbalancer
    pub entry: &'static str,
    /// the drawn thing to point at, as `data-kind:data-name`
    pub point: &'static str,
    /// what to notice (in the tutorial's words where it has them)
    pub text: &'static str,
    /// the what-if to try
    pub try_it: &'static str,
    /// the what-if as an embed can do it (`?embed&tour=N`): only what the embed shows — the
    /// player (Play, ▶| Step, Send, the From picker), the diagram, a pod's panel, the caption and
    /// (when shown and editable) the editor; no scene bar, DNS lookup, rules or Why panel
    /// (learner10 W3)
    pub embed_try: &'static str,
}

pub const STEPS: &[Step] = &[
    Step {
        title: "What is a Service?",
        preset: "web-clusterip",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "A Service is like a switchboard operator for your Pods: it selects a group of Pods using labels (app=web), gives them a stable IP and DNS name, and forwards traffic to the right Pods — port 80 to their port 8080 — even as they change.",
        // (learn19 Q13: the tutorial's "even as they change" is what the rollout and node-down
        // what-ifs show, and no step named them)
        try_it: "Click a pod, then \"Fail its readiness probe\": it turns not Ready, as a failing probe would make it; its endpoint leaves, and kube-proxy's rules lose that pod's KUBE-SEP chain. Pods change, the Service stays: click a pod and \"Roll out a new version\" (a new ReplicaSet's pod joins, not Ready yet), or click a node and \"Node goes down (NotReady)\" (its pod leaves the endpoints) — the clusterIP, DNS name and selector never move.",
        embed_try: "Click a pod, then \"Fail its readiness probe\": its endpoint leaves the Service. Press Send 12: every request now goes to the other pods.",
    },
    Step {
        title: "1. ClusterIP (default)",
        preset: "web-clusterip",
        service: "web",
        entry: "pod",
        point: "dns:cluster-dns",
        text: "For internal communication only: an internal IP (10.x.x.x) and the DNS name web.default.svc.cluster.local. Nothing listens on the clusterIP; kube-proxy's rules on the client's node rewrite it to a pod.",
        try_it: "Play the request, then type web in the DNS lookup: the first name of the pod's search path answers the clusterIP. Then type example.org: three misses down the search path before it leaves the cluster.",
        embed_try: "Press ▶| to step: the client first asks cluster DNS for web and gets the clusterIP, then kube-proxy's rules on its own node rewrite that address to a pod.",
    },
    Step {
        title: "2. NodePort",
        preset: "web-nodeport",
        service: "web",
        entry: "nodeport@node-1",
        point: "kube-proxy:node-1",
        text: "People outside reach the app on a static port (30000–32767) of every node; kube-proxy forwards from the node to the right Pods. It is still a ClusterIP Service too. Its three port numbers: nodePort 30080 on every node for clients outside, port 80 on the clusterIP for clients inside, and kube-proxy rewrites either to targetPort 8080 on a pod, where the container listens (its containerPort declares it; a named targetPort is looked up there).",
        try_it: "Set Nodes to 4, then \"From\" to node-4's nodePort: node-4 runs no pod of web, yet it opens the port and forwards to a pod on another node. Watch KUBE-NODEPORTS and the SNAT in the rules.",
        embed_try: "Switch \"From\" between the nodes' nodePorts and press Play each time: every node opens the same port, and kube-proxy forwards to a pod on that node or another (SNAT when it leaves the node).",
    },
    Step {
        title: "3. LoadBalancer",
        preset: "web-loadbalancer",
        service: "web",
        entry: "loadbalancer",
        point: "load-balancer:web",
        text: "Provisions an external cloud load balancer (where the environment supports it) with a public IP: NodePort plus an external LB behind the scenes.",
        try_it: "Untick \"Cloud load balancers\": EXTERNAL-IP stays <pending>, yet the nodePorts keep working.",
        embed_try: "Step through the load balancer's path, then switch \"From\" to a node's nodePort: the load balancer is only a front door to the same nodePorts.",
    },
    Step {
        title: "4. ExternalName (special case)",
        preset: "web-externalname",
        service: "db",
        entry: "pod",
        point: "dns:cluster-dns",
        text: "Maps a Service to an external DNS name: no selectors, no backing Pods — useful for external databases and APIs. Cluster DNS answers a CNAME; kube-proxy does nothing.",
        try_it: "Look up db in the DNS panel: the answer is a CNAME to db.example.com, and there are no iptables rules at all.",
        embed_try: "Press ▶| to step: cluster DNS answers a CNAME to db.example.com and the request leaves the cluster; no kube-proxy hop, no pod of this cluster.",
    },
    Step {
        title: "Headless Service (clusterIP: None)",
        preset: "headless-statefulset",
        service: "db",
        entry: "pod",
        point: "service:db",
        text: "No virtual IP and no kube-proxy: DNS answers with the ready pods' own IPs, and each StatefulSet pod gets its own name.",
        try_it: "Look up db-0.db in the DNS panel, then click db-0 to make it not Ready and look again.",
        embed_try: "Press ▶| to step: DNS answers with the pods' own IPs. Click db-0, press \"Fail its readiness probe\", and step again: its address leaves the answer.",
    },
    Step {
        title: "Connections, not requests",
        preset: "session-affinity",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "kube-proxy picks a pod per connection. sessionAffinity: ClientIP pins a client to one pod; a gRPC client on one HTTP/2 connection is pinned the same way.",
        try_it: "Send 12, then remove the two sessionAffinity lines and send again; then choose gRPC in Connections and send 12 once more.",
        embed_try: "Press Send 12: with sessionAffinity: ClientIP every connection from this client goes to one pod. If the editor here can be changed, remove the two sessionAffinity lines and send 12 again.",
    },
    Step {
        title: "Broken: selector typo",
        preset: "broken-selector-typo",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "The selector says app=wbe, the pods say app=web: every key must match, so the Service has no endpoints and kube-proxy REJECTs.",
        try_it: "Open \"Why no traffic?\" and click the fix; then press Ctrl+Z in the editor to bring the typo back.",
        embed_try: "Read the caption: no pod matches, so kube-proxy REJECTs. Click a pod and compare its labels with the selector. If the editor here can be changed, write app: web in the selector and press Play.",
    },
    Step {
        title: "Broken: a typo in a field name",
        preset: "broken-field-typo",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "\"selectr\" is not a field of a Service. The API server's strict field validation refuses the whole object (older kubectl silently dropped the field and left a Service with no selector).",
        try_it: "Read the error at line 10, then use the rename offered under \"Why no traffic?\" and watch the request reach a pod.",
        embed_try: "Read the error the editor marks at line 10 (selectr is no field of a Service). If the editor here can be changed, rename it selector and press Play.",
    },
    Step {
        title: "Broken: selecting the Deployment's labels",
        preset: "deployment-labels",
        service: "shop",
        entry: "pod",
        point: "service:shop",
        text: "A Service selects Pods by their labels — the template's labels — never the Deployment object's own metadata.labels.",
        try_it: "Make the selector match the pod template's labels and watch the endpoints appear.",
        embed_try: "Click a pod and compare its labels with the Service's selector: the selector names the Deployment's own labels. If the editor here can be changed, make it match the pod template's labels.",
    },
    Step {
        title: "Broken: targetPort the pods don't have",
        preset: "broken-targetport",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "targetPort: http names a container port, but the pods declare 8080 without a name: no pod resolves it, so none is an endpoint.",
        try_it: "Use the fix (targetPort: 8080), or name the container port http instead.",
        embed_try: "Step to the end: no pod resolves targetPort http. If the editor here can be changed, write targetPort: 8080 (or name the container port http) and press Play.",
    },
    Step {
        title: "Broken: pods not Ready",
        preset: "broken-not-ready",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "Running is not enough: only pods whose Ready condition is True are endpoints.",
        try_it: "Click a pod, then \"Make it Ready\" in its details, and send a request.",
        embed_try: "Click a pod, press \"Make it Ready\", then Send a request: it now has an endpoint to reach.",
    },
    Step {
        title: "Broken: pods in another namespace",
        preset: "broken-namespace",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "The pods run in namespace shop, the Service in default: a Service selects only in its own namespace.",
        try_it: "Use the fix to move the Service to shop, then look up web from the client pod (namespace default): the bare name misses, web.shop answers.",
        embed_try: "Read the caption: the selector finds no pod in namespace default. If the editor here can be changed, add namespace: shop to the Service's metadata and press Play.",
    },
    Step {
        title: "Broken: LoadBalancer with no cloud",
        preset: "broken-lb-pending",
        service: "web",
        entry: "loadbalancer",
        point: "load-balancer:web",
        text: "type: LoadBalancer only asks for a load balancer; with no cloud controller EXTERNAL-IP stays <pending>. A local cluster brings its own: `minikube tunnel` on minikube, Cloud Provider KIND on kind, MetalLB on bare metal.",
        try_it: "Tick \"Cloud load balancers\", or switch \"From\" to a nodePort: that path works today.",
        embed_try: "Switch \"From\" to a node's nodePort and press Play: that path works today, while EXTERNAL-IP stays <pending>.",
    },
    // (after the older steps, so that their numbers in trainers' `#tour=N` links stay theirs)
    Step {
        title: "Ingress: HTTP routing in front of a Service",
        preset: "ingress",
        service: "web",
        entry: "ingress@web",
        point: "external:ingress/web",
        text: "An Ingress is only rules: host web.example.com, path / (Prefix) → Service web, port 80 — the Service's port, not the pods' 8080. An ingress controller (here ingress-nginx, class nginx) runs them; by default it sends each request straight to the Service's ready endpoints (pod IP:8080), not through the clusterIP, so kube-proxy is not in this path.",
        try_it: "Press ▶| to step from the controller to a pod. Then set the backend's port number to 81: the Service has no port 81, so the controller answers 503 (see the problems list and Why no traffic?).",
        embed_try: "Press ▶| to step: the controller matches host web.example.com and path /, then connects to a pod itself. Click that pod and press \"Fail its readiness probe\": the next request goes to another pod.",
    },
    // (learn16 Q16, Q11: right from pasted YAML, but no step showed them; after the Ingress step
    // so that the older steps keep their numbers)
    Step {
        title: "Broken: a default-deny NetworkPolicy",
        preset: "broken-netpol-deny",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "NetworkPolicy deny-all selects every pod of the namespace (podSelector: {}) for Ingress and has no rule, so it admits nothing. The Service still has endpoints and kube-proxy still picks a pod; a network plugin that enforces NetworkPolicy drops the packet at that pod, and the client's connection times out.",
        try_it: "Step through the request and read \"Why no traffic?\": the NetworkPolicy check fails. Delete the NetworkPolicy document and send again.",
        embed_try: "Press ▶| to step: the clusterIP is rewritten to a pod, and the packet is dropped at that pod, because deny-all admits nothing.",
    },
    Step {
        title: "Broken: two Service ports without names",
        preset: "broken-multiport-names",
        service: "web",
        entry: "pod",
        point: "service:web",
        text: "A Service with more than one port must name each one: kube-proxy, EndpointSlices and SRV records pair ports by name. The API server refuses this Service (spec.ports[0].name: Required value), so it does not exist.",
        try_it: "Use the fix under \"Why no traffic?\" to name port 80, then the next one to name port 9090, and send a request.",
        embed_try: "Read the errors the editor marks at lines 12 and 14: every port of a multi-port Service needs a name. If the editor here can be changed, add name: http and name: metrics to the two ports and press Play.",
    },
];

/// Step `n` (1-based).
pub fn step(n: usize) -> Option<&'static Step> {
    n.checked_sub(1).and_then(|i| STEPS.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, config::Config, layout::layout, presets};

    #[test]
    fn every_step_loads_its_scene_and_points_at_a_drawn_thing() {
        for (i, s) in STEPS.iter().enumerate() {
            let p = presets::find(s.preset).unwrap_or_else(|| panic!("step {}: preset {}", i + 1, s.preset));
            let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
            let idx = r.services.iter().position(|x| x.name == s.service).unwrap_or_else(|| panic!("step {}: Service {}", i + 1, s.service));
            let (kind, name) = s.point.split_once(':').expect("kind:name");
            assert!(layout(&r, Some(idx), 1280.0).find(kind, name).is_some(), "step {}: {} is drawn", i + 1, s.point);
            let e = s.entry.split('@').next().unwrap_or("");
            assert!(r.services[idx].paths.iter().any(|p| p.entry == e), "step {}: entry {}", i + 1, s.entry);
        }
    }

    /// learner10 W3: an embed shows no scene bar, DNS lookup, rules, Why or Connections panel,
    /// so its "Try it" names none of them.
    #[test]
    fn embed_try_texts_use_only_what_the_embed_shows() {
        for (i, s) in STEPS.iter().enumerate() {
            for hidden in ["DNS panel", "DNS lookup", "Nodes", "Cloud load balancers", "KUBE-", "in the rules", "Why no traffic", "Connections", "Ctrl+Z"] {
                assert!(!s.embed_try.contains(hidden), "step {}: {hidden} in {}", i + 1, s.embed_try);
            }
            assert!(!s.embed_try.is_empty());
        }
    }

    #[test]
    fn the_what_ifs_the_steps_ask_for_answer_as_they_say() {
        use crate::core::dnsquery::lookup;
        let r = analyze(presets::find("headless-statefulset").expect("p").yaml, &Config::default());
        let l = lookup(&r, "default", "client", "db-0.db");
        assert_eq!(l.tries.last().expect("try").answers.first().map(|a| a.kind.as_str()), Some("A"), "{l:?}");
        let r = analyze(presets::find("web-externalname").expect("p").yaml, &Config::default());
        assert!(lookup(&r, "default", "client", "db").summary.contains("CNAME db.example.com"));
        assert_eq!(lookup(&r, "default", "client", "example.org").tries.len(), 4);
    }

    #[test]
    fn a_step_for_each_service_type_and_each_broken_scene() {
        let mut types: Vec<String> = Vec::new();
        for s in STEPS {
            let p = presets::find(s.preset).expect("preset");
            let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
            let svc = r.services.iter().find(|x| x.name == s.service).expect("svc");
            types.push(if svc.headless { "headless".into() } else { svc.type_.clone() });
        }
        for t in ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "headless"] {
            assert!(types.iter().any(|x| x == t), "{t}");
        }
        for p in presets::ALL.iter().filter(|p| p.id.starts_with("broken-") || p.title.starts_with("Broken")) {
            assert!(STEPS.iter().any(|s| s.preset == p.id), "{}", p.id);
        }
        assert!(step(0).is_none() && step(1).is_some() && step(STEPS.len() + 1).is_none());
    }
}
