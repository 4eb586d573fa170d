//! Ready-made scenes: the tutorial's `web` Service as every type, and the broken scenes a
//! trainer uses. The YAML lives in `presets/*.yaml`; each preset also says which Service and
//! entry point to show first and whether a cloud controller is simulated.

pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
    /// Service to select first
    pub service: &'static str,
    /// entry point to show first: pod | outside | nodeport | loadbalancer
    pub entry: &'static str,
    /// simulate a cloud controller for LoadBalancer Services
    pub cloud: bool,
}

macro_rules! preset {
    ($id:literal, $title:literal, $svc:literal, $entry:literal, $cloud:literal) => {
        Preset { id: $id, title: $title, yaml: include_str!(concat!("../../presets/", $id, ".yaml")), service: $svc, entry: $entry, cloud: $cloud }
    };
}

pub const ALL: &[Preset] = &[
    preset!("web-clusterip", "ClusterIP: the tutorial's web Service", "web", "pod", false),
    preset!("web-nodeport", "NodePort: the same port on every node", "web", "nodeport", false),
    preset!("web-loadbalancer", "LoadBalancer: cloud LB → nodePort → pod", "web", "loadbalancer", true),
    preset!("web-externalname", "ExternalName: a DNS alias", "web", "pod", false),
    preset!("ingress", "Ingress: one host and path → Service web → its pods", "web", "ingress", false),
    preset!("headless-statefulset", "Headless Service for a StatefulSet", "db", "pod", false),
    preset!("job-indexed-headless", "Headless Service for an Indexed Job's pods", "workers", "pod", false),
    preset!("named-targetport", "Named targetPort: 8080 on v1, 9090 on v2", "web", "pod", false),
    preset!("nodeport-local", "externalTrafficPolicy: Local", "web", "nodeport", false),
    preset!("session-affinity", "sessionAffinity: ClientIP sticks to one pod", "web", "pod", false),
    preset!("broken-selector-typo", "Broken: selector typo", "web", "pod", false),
    preset!("broken-field-typo", "Broken: typo in a field name (selectr)", "web", "pod", false),
    preset!("deployment-labels", "Broken: selecting the Deployment's labels", "shop", "pod", false),
    preset!("broken-targetport", "Broken: targetPort the pods don't have", "web", "pod", false),
    preset!("broken-not-ready", "Broken: pods not Ready", "web", "pod", false),
    preset!("broken-namespace", "Broken: pods in another namespace", "web", "pod", false),
    preset!("broken-lb-pending", "Broken: LoadBalancer with no cloud (pending)", "web", "loadbalancer", false),
    // learn16 Q16, Q11: right from pasted YAML, but no scene showed them
    preset!("broken-netpol-deny", "Broken: a default-deny NetworkPolicy", "web", "pod", false),
    preset!("broken-multiport-names", "Broken: two Service ports without names", "web", "pod", false),
    preset!("taint-control-plane", "Scheduling: a tainted control plane, a NotReady node, a Pending pod", "web", "pod", false),
];

/// Which presets make each belief in `shared/teaching/misconceptions.md` impossible to keep
/// (numbered as there).
pub const MISCONCEPTIONS: &[(u8, &str, &[&str])] = &[
    (1, "The Service finds my Deployment", &["deployment-labels", "broken-selector-typo", "broken-field-typo"]),
    (2, "port, targetPort, nodePort, containerPort are the same thing", &["web-nodeport"]),
    (3, "containerPort opens the port", &["session-affinity", "named-targetport", "broken-targetport"]),
    (4, "The ClusterIP is a machine I can ping", &["web-clusterip"]),
    (5, "Running means receiving traffic", &["broken-not-ready"]),
    (6, "Every request is balanced", &["session-affinity"]),
    (7, "type: LoadBalancer creates a load balancer", &["broken-lb-pending", "web-loadbalancer"]),
    (8, "ExternalName proxies traffic", &["web-externalname"]),
    (9, "NodePort only listens where the pod runs, and keeps my client IP", &["web-nodeport", "nodeport-local"]),
    (10, "Service names resolve everywhere; headless is a ClusterIP without an IP", &["broken-namespace", "headless-statefulset"]),
];

/// The default scene: the tutorial's example (selector app=web, port 80 → targetPort 8080).
pub const DEFAULT: &Preset = &ALL[0];

pub fn find(id: &str) -> Option<&'static Preset> {
    ALL.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_misconception_has_a_preset() {
        let numbers: Vec<u8> = MISCONCEPTIONS.iter().map(|m| m.0).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<u8>>());
        for (_, _, ids) in MISCONCEPTIONS {
            for id in *ids {
                assert!(find(id).is_some(), "{id}");
            }
        }
    }
}
