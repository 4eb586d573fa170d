//! learnfix18: what learn18's learner test found (/work/learn18/report.md, ranked list).
//! Q12: "what does the EndpointSlice for my Service look like?" — the page named the slice
//! (`web-…`) and one pod's conditions at a time, never the object. Q03: "what happens if two
//! Services select the same pods?" — the pod's panel named only the selected Service. Real
//! preset YAML (or inline manifests); each test names its upstream source.

use super::analyze;
use super::config::Config;
use super::epslice::{controller_slices, view, NoSlices, SlicePort};
use super::presets;
use super::report::{Report, ServiceReport};

fn preset(id: &str) -> Report {
    let p = presets::find(id).expect("preset");
    analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() })
}

fn svc<'a>(r: &'a Report, name: &str) -> &'a ServiceReport {
    r.services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("Service {name}"))
}

fn port(name: &str, port: i64) -> SlicePort {
    SlicePort { name: name.into(), port, protocol: "TCP".into(), app_protocol: None }
}

/// The tutorial's Service: one IPv4 slice (reconcileByAddressType), three endpoints with
/// podToEndpoint's conditions, nodeName and targetRef, the resolved port 8080 under the Service
/// port's empty name (getEndpointPorts), the controller's labels and owner reference
/// (newEndpointSlice, setEndpointSliceLabels), printed with sorted keys inside a List as
/// `kubectl get -l … -o yaml` prints a label query's answer.
#[test]
fn tutorial_slice_is_reconciler_podtoendpoint_getendpointports() {
    let r = preset("web-clusterip");
    let s = svc(&r, "web");
    let slices = controller_slices(s, &r.nodes).expect("a selector Service");
    assert_eq!(slices.len(), 1);
    let sl = &slices[0];
    assert_eq!(sl.address_type, "IPv4");
    assert_eq!(sl.ports, vec![port("", 8080)]);
    assert_eq!(sl.endpoints.len(), 3);
    let v = view(s, &r.nodes);
    assert_eq!(v.command, "kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml");
    let y = v.yaml.expect("yaml");
    let first = &r.pods.iter().find(|p| p.name.starts_with("web-") && p.node.as_deref() == Some("node-1")).expect("pod on node-1").name;
    let expected_start = format!(
        "apiVersion: v1\nitems:\n- addressType: IPv4\n  apiVersion: discovery.k8s.io/v1\n  endpoints:\n  - addresses:\n    - 10.244.0.2\n    conditions:\n      ready: true\n      serving: true\n      terminating: false\n    nodeName: node-1\n    targetRef:\n      kind: Pod\n      name: {first}\n      namespace: default\n"
    );
    assert!(y.starts_with(&expected_start), "{y}");
    for line in [
        "  kind: EndpointSlice\n",
        "    generateName: web-\n",
        "      endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io\n",
        "      kubernetes.io/service-name: web\n",
        "    name: web-xxxxx\n",
        "    ownerReferences:\n    - apiVersion: v1\n      blockOwnerDeletion: true\n      controller: true\n      kind: Service\n      name: web\n",
        "  ports:\n  - name: \"\"\n    port: 8080\n    protocol: TCP\n",
        "kind: List\n",
    ] {
        assert!(y.contains(line), "missing {line:?} in\n{y}");
    }
    assert!(!y.contains("service.kubernetes.io/headless"), "{y}");
    // the Service's port 80 is no slice port: only kube-proxy's rules map it
    assert!(!y.contains("port: 80\n"), "{y}");
    assert!(v.lines.iter().any(|l| l.contains("3 here, 3 ready")), "{:?}", v.lines);
    assert!(v.lines.iter().any(|l| l.contains("the Service's own port (80) is not in the slice")), "{:?}", v.lines);
}

/// A named targetPort resolving to 8080 on v1 pods and 9090 on v2 pods: the reconciler groups
/// pods by NewPortMapKey(endpointPorts), so two slices, each with its own port list.
#[test]
fn named_targetport_makes_two_slices_new_port_map_key() {
    let r = preset("named-targetport");
    let s = svc(&r, "web");
    let slices = controller_slices(s, &r.nodes).expect("a selector Service");
    assert_eq!(slices.len(), 2, "{slices:?}");
    let mut ports: Vec<i64> = slices.iter().map(|sl| sl.ports[0].port).collect();
    ports.sort();
    assert_eq!(ports, vec![8080, 9090]);
    assert!(slices.iter().all(|sl| sl.ports[0].name == "http"));
    let v = view(s, &r.nodes);
    let y = v.yaml.unwrap();
    assert!(y.contains("    name: web-xxxxx\n") && y.contains("    name: web-yyyyy\n"), "{y}");
    assert!(v.lines.iter().any(|l| l.starts_with("2 slices: the controller groups the pods by their resolved ports")), "{:?}", v.lines);
}

/// No pod selected: one placeholder slice (reconcileByAddressType), which the API server hands
/// back with `endpoints: null` and `ports: null` (kubernetes/kubernetes issue #135968).
#[test]
fn selector_typo_keeps_the_placeholder_slice() {
    let r = preset("broken-selector-typo");
    let s = svc(&r, "web");
    let slices = controller_slices(s, &r.nodes).expect("a selector Service");
    assert_eq!(slices.len(), 1);
    assert!(slices[0].endpoints.is_empty() && slices[0].ports.is_empty());
    let v = view(s, &r.nodes);
    let y = v.yaml.unwrap();
    assert!(y.contains("  endpoints: null\n") && y.contains("  ports: null\n"), "{y}");
    assert!(v.lines.iter().any(|l| l.starts_with("endpoints: null — no pod is an endpoint")), "{:?}", v.lines);
}

/// Pods that are not Ready stay in the slice with ready=false serving=false (podToEndpoint:
/// serving = IsPodReady, ready = serving && !terminating); ShouldPodBeInEndpoints keeps every
/// pod with an IP that has not finished.
#[test]
fn not_ready_pods_stay_listed_with_ready_false() {
    let r = preset("broken-not-ready");
    let s = svc(&r, "web");
    let slices = controller_slices(s, &r.nodes).expect("a selector Service");
    let eps: Vec<_> = slices.iter().flat_map(|sl| &sl.endpoints).collect();
    assert_eq!(eps.len(), 2);
    assert!(eps.iter().all(|e| !e.ready && !e.serving && !e.terminating));
    let y = view(s, &r.nodes).yaml.unwrap();
    assert!(y.contains("      ready: false\n      serving: false\n      terminating: false\n"), "{y}");
}

/// endpointslice_controller.go syncService: no slice for an ExternalName Service, nor for one
/// without a selector (its slices are written out of band).
#[test]
fn external_name_and_selectorless_get_none_sync_service() {
    let r = preset("web-externalname");
    assert_eq!(controller_slices(svc(&r, "web"), &r.nodes), Err(NoSlices::ExternalName));
    assert!(view(svc(&r, "web"), &r.nodes).yaml.is_none());
    let yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n";
    let r = analyze(yaml, &Config::default());
    let s = svc(&r, "db");
    assert_eq!(controller_slices(s, &r.nodes), Err(NoSlices::NoSelector));
    let v = view(s, &r.nodes);
    assert!(v.yaml.is_none());
    assert!(v.lines[0].starts_with("The EndpointSlice controller writes none for db: it has no selector."), "{:?}", v.lines);
}

/// A headless Service's slice carries service.kubernetes.io/headless (setEndpointSliceLabels:
/// !isServiceIPSet) and, for a StatefulSet's pods (subdomain = the Service's name), each pod's
/// hostname (ShouldSetHostname).
#[test]
fn headless_slice_has_the_headless_label_and_hostnames() {
    let r = preset("headless-statefulset");
    let s = svc(&r, "db");
    let y = view(s, &r.nodes).yaml.unwrap();
    assert!(y.contains("      service.kubernetes.io/headless: \"\"\n"), "{y}");
    assert!(y.contains("    hostname: db-0\n"), "{y}");
}

/// A dual-stack Service: one slice per address type of its ipFamilies
/// (getAddressTypesForService), the IPv6 one with the pods' IPv6 addresses.
#[test]
fn dual_stack_service_has_one_slice_per_address_type() {
    let p = presets::find("web-clusterip").unwrap();
    let cfg = Config::default().with_service_cidrs("10.96.0.0/12,fd00:10:96::/112").expect("cidrs");
    let mut yaml = p.yaml.replace("spec:\n  selector:", "spec:\n  ipFamilyPolicy: PreferDualStack\n  selector:");
    yaml.push('\n');
    let r = analyze(&yaml, &cfg);
    let s = svc(&r, "web");
    assert_eq!(s.ip_families.len(), 2, "{:?}", s.ip_families);
    let slices = controller_slices(s, &r.nodes).expect("a selector Service");
    let types: Vec<&str> = slices.iter().map(|sl| sl.address_type).collect();
    assert_eq!(types, vec!["IPv4", "IPv6"]);
    assert!(slices[1].endpoints.iter().all(|e| e.address.contains(':')), "{slices:?}");
    assert!(view(s, &r.nodes).lines.iter().any(|l| l.starts_with("One slice per address family")));
}

/// Q03: two Services selecting the same pods (the tutorial's web and a NodePort web-admin):
/// each lists the pods in its own EndpointSlice (endpointslice_controller.go syncService) and
/// gets its own kube-proxy chains (proxier.go syncProxyRules), so the pod's panel names the other
/// Service with its port mapping; a pod behind only the selected Service gets no such line.
#[test]
fn two_services_one_pod_sync_service_each() {
    let yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/learnfix18-two-services.yaml")).expect("fixture");
    let r = analyze(&yaml, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:?}", r.diagnostics);
    let web = svc(&r, "web");
    let admin = svc(&r, "web-admin");
    assert_eq!(web.endpoints.len(), 3);
    assert_eq!(admin.endpoints.len(), 3);
    let pod = r.pods.iter().find(|p| p.name.starts_with("web-") && p.node.as_deref() == Some("node-1")).expect("pod");
    let line = super::poddetails::other_services(&r.services, Some(web), pod).expect("another Service");
    assert!(line.starts_with("Besides web, web-admin (NodePort, port 9000 → 8080) also selects this pod: a pod may sit behind any number of Services."), "{line}");
    assert!(line.contains("its own EndpointSlice and its own kube-proxy rules"), "{line}");
    // seen from web-admin, web is the other one
    let back = super::poddetails::other_services(&r.services, Some(admin), pod).expect("another Service");
    assert!(back.starts_with("Besides web-admin, web (ClusterIP, port 80 → 8080) also selects this pod"), "{back}");
    // the tutorial alone: nothing to add
    let t = preset("web-clusterip");
    let p1 = t.pods.iter().find(|p| p.name.starts_with("web-")).unwrap();
    assert_eq!(super::poddetails::other_services(&t.services, Some(svc(&t, "web")), p1), None);
}
