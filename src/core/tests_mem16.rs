//! mem16: the native CLI's peak memory on the 10,000-pod dump (issue #12). A pod's rarely set
//! scheduling fields (PodSpec::sched) and a container's probe facts (Container::probes) live out
//! of line, so the spec every pod carries (in its Object, and cloned into the cluster) stays
//! small; and they read as before.

use super::model::{Body, Container, PodSpec};
use super::read_objects;

fn pod_spec(yaml: &str) -> PodSpec {
    let mut diags = Vec::new();
    let mut objects = read_objects(yaml, &mut diags);
    assert_eq!(objects.len(), 1, "{diags:?}");
    match objects.remove(0).body {
        Body::Pod(spec, _) => spec,
        other => panic!("not a pod: {other:?}"),
    }
}

const PLAIN: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web-0
  labels: {app: web}
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - {name: http, containerPort: 8080}
";

/// Before mem16 a PodSpec was 504 bytes and a Container 176 (`-Zprint-type-sizes`): the boxed
/// fields took 208 and 120 of them in every pod and container, set or not.
#[test]
fn pod_spec_and_container_keep_their_rare_fields_out_of_line() {
    assert!(std::mem::size_of::<PodSpec>() <= 312, "PodSpec is {} bytes", std::mem::size_of::<PodSpec>());
    assert!(std::mem::size_of::<Container>() <= 64, "Container is {} bytes", std::mem::size_of::<Container>());
}

/// An `affinity: {}`, empty `readinessGates` / `topologySpreadConstraints` and a probe that
/// changes nothing decode to the same PodSpec as a pod that writes none of them (no box), so
/// specs compare (templates, `==`) as before.
#[test]
fn empty_scheduling_fields_and_plain_probes_compare_equal_to_none() {
    let plain = pod_spec(PLAIN);
    let empty = pod_spec(&format!(
        "{PLAIN}    readinessProbe: {{httpGet: {{port: http}}}}\n    livenessProbe: {{tcpSocket: {{port: 8080}}}}\n  affinity: {{}}\n  readinessGates: []\n  topologySpreadConstraints: []\n"
    ));
    assert_eq!(plain, empty);
    assert_eq!(plain.sched().required_node_affinity, None);
    assert!(plain.sched().topology_spread.is_empty() && plain.sched().readiness_gates.is_empty());
    assert_eq!(plain.containers[0].probes().readiness_initial_delay, None);
}

/// Set fields are kept, in the box, and read back through sched() / probes().
#[test]
fn set_scheduling_fields_and_probes_read_back() {
    let spec = pod_spec(&format!(
        "{PLAIN}    readinessProbe: {{httpGet: {{port: metrics}}, initialDelaySeconds: 5}}
    startupProbe: {{tcpSocket: {{port: 8080}}, initialDelaySeconds: 7}}
    livenessProbe: {{httpGet: {{port: admin}}}}
  activeDeadlineSeconds: 30
  readinessGates:
  - conditionType: example.com/ready
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {{matchLabels: {{app: web}}}}
        topologyKey: kubernetes.io/hostname
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {{matchLabels: {{app: web}}}}
"
    ));
    let s = spec.sched();
    assert_eq!(s.active_deadline_seconds, Some(30));
    assert_eq!(s.readiness_gates, vec!["example.com/ready".to_string()]);
    assert_eq!(s.required_pod_anti_affinity.len(), 1);
    assert_eq!(s.required_pod_anti_affinity[0].topology_key, "kubernetes.io/hostname");
    assert!(s.required_pod_affinity.is_empty());
    assert_eq!(s.topology_spread.len(), 1);
    assert_eq!(s.topology_spread[0].when_unsatisfiable, "DoNotSchedule");
    let p = spec.containers[0].probes();
    assert_eq!(p.unresolved_probe_port, Some(("readinessProbe".to_string(), "metrics".to_string())));
    assert_eq!(p.unresolved_liveness_port.as_deref(), Some("admin"));
    assert_eq!(p.readiness_initial_delay, Some(5));
    assert_eq!(p.startup_probe, Some((7, 10, 3)));
    assert_ne!(spec, pod_spec(PLAIN));
}
