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
    preset!("headless-statefulset", "Headless Service for a StatefulSet", "db", "pod", false),
    preset!("named-targetport", "Named targetPort: 8080 on v1, 9090 on v2", "web", "pod", false),
    preset!("nodeport-local", "externalTrafficPolicy: Local", "web", "nodeport", false),
    preset!("session-affinity", "sessionAffinity: ClientIP sticks to one pod", "web", "pod", false),
    preset!("broken-selector-typo", "Broken: selector typo", "web", "pod", false),
    preset!("deployment-labels", "Broken: selecting the Deployment's labels", "shop", "pod", false),
    preset!("broken-targetport", "Broken: targetPort the pods don't have", "web", "pod", false),
    preset!("broken-not-ready", "Broken: pods not Ready", "web", "pod", false),
    preset!("broken-namespace", "Broken: pods in another namespace", "web", "pod", false),
    preset!("broken-lb-pending", "Broken: LoadBalancer with no cloud (pending)", "web", "loadbalancer", false),
];

/// The default scene: the tutorial's example (selector app=web, port 80 → targetPort 8080).
pub const DEFAULT: &Preset = &ALL[0];

pub fn find(id: &str) -> Option<&'static Preset> {
    ALL.iter().find(|p| p.id == id)
}
