//! The leftovers of the dumps6 review (/work/dumps6/REPORT.md): real `kubectl get -o yaml` dumps
//! read wrongly. Each test names the upstream function it follows (kubernetes/kubernetes unless
//! said); tests/fixtures/dumps6 holds the files.

use super::diag::Severity;
use super::tests::{errors, run, svc};

const NOT_CONFIGURED: &str = "spec.ipFamilies[1]: Invalid value: \"IPv6\": not configured on this cluster";

fn hand_written(name: &str, extra: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv4, IPv6]\n{extra}  selector:\n    app: {name}\n  ports:\n  - port: 80\n")
}

// A real kind dual-stack dump whose author trimmed the uids (blog-kind-dualstack-trimmed.yaml):
// its Node has spec.podCIDRs [10.244.0.0/24, fd00:10:244::/64], which the node IPAM controller
// allocates only from an IPv4 and an IPv6 --cluster-cidr (pkg/controller/nodeipam/ipam/
// range_allocator.go AllocateOrOccupyCIDR: one range per cidrSet), so the cluster is dual-stack
// and ValidateService (pkg/apis/core/validation/validation.go validateServiceIPFamily: "not
// configured on this cluster") admits my-service-2/3's second family. Before: both refused.
#[test]
fn a_node_with_pod_cidrs_of_both_families_makes_the_cluster_dual_stack_as_range_allocator() {
    let dump = include_str!("../../tests/fixtures/dumps6/blog-kind-dualstack-trimmed.yaml");
    let r = run(dump);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    for name in ["my-service", "my-service-2", "my-service-3"] {
        assert!(!svc(&r, name).rejected, "{name}");
    }
    assert_eq!(svc(&r, "my-service-2").cluster_ips, vec!["10.96.221.70", "fd00:10:96::7d1"]);
    assert_eq!(svc(&r, "my-service-3").cluster_ips, vec!["fd00:10:96::c306", "10.96.147.82"]);
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "DualStack").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].severity, notes[0].line), (Severity::Info, 21));
    assert_eq!(
        notes[0].message,
        "The Node dual-stack-control-plane has spec.podCIDRs of both families: the cluster it comes from is dual-stack (IPv4 first; kube-controller-manager allocates a node a range of each family only with an IPv4 and an IPv6 --cluster-cidr), so Services may ask for IPv6 too (PreferDualStack and RequireDualStack ones get a clusterIP of each family); nodes and pods have an address of each family, and each Service is drawn over its first family"
    );
    // a Service written beside it may ask for both families: the cluster has them
    let r = run(&format!("{dump}---\n{}", hand_written("mine", "")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc(&r, "mine").cluster_ips.len(), 2);
    // without podCIDRs: the Node's InternalIPs of both families together with the Services'
    // clusterIPs of both families say it (neither alone, below)
    let no_cidrs = dump.replace("  podCIDRs:\n  - 10.244.0.0/24\n  - fd00:10:244::/64\n", "");
    let r = run(&no_cidrs);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let note = r.diagnostics.iter().find(|d| d.code == "DualStack").expect("DualStack");
    assert!(note.message.starts_with("The Service my-service-2 holds clusterIPs of both families and the Node dual-stack-control-plane has InternalIPs of both families: the cluster they come from is dual-stack (IPv4 first)"), "{}", note.message);
    // the IPv6 InternalIP alone (a cloud node reports every address the cloud gave it, on a
    // single-stack cluster too: KEP-3705 "Current behavior") does not: a hand-written Service
    // asking for both families is refused as before
    let node_only = no_cidrs[..no_cidrs.find("---").unwrap()].to_string();
    let r = run(&format!("{node_only}---\n{}", hand_written("mine", "")));
    assert_eq!(errors(&r), vec![NOT_CONFIGURED]);
    // nor do written clusterIPs of both families without any other sign (the user's mistake)
    let r = run(&hand_written("mine", "  clusterIP: 10.96.0.50\n  clusterIPs: [10.96.0.50, fd00:10:96::50]\n"));
    assert!(errors(&r).iter().any(|e| e.contains("not configured on this cluster")), "{:?}", errors(&r));
    assert!(!r.diagnostics.iter().any(|d| d.code == "DualStack"));
    // a single-stack cluster's input: refused, no note
    let r = run(&hand_written("mine", ""));
    assert_eq!(errors(&r), vec![NOT_CONFIGURED]);
    assert!(!r.diagnostics.iter().any(|d| d.code == "DualStack"));
}

// A dump with Pods in which one workload has none (dumps6 f: the kubevious GKE mock's
// kube-system/gke-busy-box, a copy of kube-dns; tests/fixtures/dumps6/kv-gke-kube-dns-busybox.yaml
// is its kube-dns part). The workload controllers create a workload's pods with an
// ownerReference to it (pkg/controller/controller_utils.go RealPodControl.CreatePodsWithGenerateName
// → GetPodFromTemplate: metadata.ownerReferences = controllerRef), so when the input's pods are
// the cluster's, none of them naming the workload means its pods are not in this input: none are
// simulated (2 were, and kube-dns showed 4 endpoints where the cluster's Endpoints list 2), and a
// note says so with the status' readyReplicas/replicas. A written workload, or a dump without
// pods, is expanded as before.
#[test]
fn a_dumped_workload_whose_pods_are_not_in_the_dump_gets_none_as_get_pod_from_template_owns_them() {
    let dump = include_str!("../../tests/fixtures/dumps6/kv-gke-kube-dns-busybox.yaml");
    let r = run(dump);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["kube-dns-cd55f45d5-qn4hf", "kube-dns-cd55f45d5-sz5ks"]);
    // the cluster's own Endpoints list 10.8.0.26 and 10.8.1.14
    let ips: Vec<&str> = svc(&r, "kube-dns").endpoints.iter().map(|e| e.ip.as_str()).collect();
    assert_eq!(ips, vec!["10.8.0.26", "10.8.1.14"]);
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "PodsNotInInput").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].severity, notes[0].line, notes[0].column), (Severity::Info, 1794, 15));
    assert_eq!(
        notes[0].message,
        "Deployment gke-busy-box has no pods in this input: it and the input's pods are printed by a cluster (metadata.uid, resourceVersion), and no pod names it in metadata.ownerReferences, so none are simulated for it; its status says 2 of 2 replicas ready (pods of the cluster that this input does not print)"
    );
    // the page's incremental analysis says the same, after an edit too
    let cfg = super::config::Config::default();
    let mut inc = super::incremental::Incremental::new();
    inc.set(dump.to_string());
    assert_eq!(inc.analyze(&cfg).to_json(), r.to_json());
    assert!(inc.splice(0, 0, "# top\n"));
    assert_eq!(inc.analyze(&cfg).to_json(), super::analyze(inc.text(), &cfg).to_json());
    // a written Deployment (no uid, no resourceVersion) beside the dump: simulated as before
    // (the mock copies kube-dns' uid and resourceVersion: only gke-busy-box's are dropped)
    let busy = |dump: &str, from: &str, to: &str| {
        let at = dump.find("name: gke-busy-box").unwrap();
        format!("{}{}", &dump[..at], dump[at..].replacen(from, to, 1))
    };
    let written = busy(dump, "    uid: bec14d00-3437-11ea-9cdc-42010a8001cf\n    resourceVersion: '274562791'\n", "");
    assert_ne!(written, dump);
    let r = run(&written);
    assert_eq!(r.pods.iter().filter(|p| p.name.starts_with("gke-busy-box-")).count(), 2);
    assert_eq!(svc(&r, "kube-dns").endpoints.len(), 4);
    assert!(!r.diagnostics.iter().any(|d| d.code == "PodsNotInInput"));
    // a dump without pods (`kubectl get deploy,svc -o yaml`): its workloads are expanded as before
    let docs: Vec<&str> = dump.split("\n---\n").filter(|d| !d.starts_with("kind: Pod\n")).collect();
    assert_eq!(docs.len(), 5);
    let r = run(&docs.join("\n---\n"));
    assert_eq!(r.pods.iter().filter(|p| p.name.starts_with("gke-busy-box-")).count(), 2);
    assert_eq!(r.pods.iter().filter(|p| p.name.starts_with("kube-dns-")).count(), 2);
    assert!(!r.diagnostics.iter().any(|d| d.code == "PodsNotInInput"));
    // a Deployment scaled to 0, or one whose status counts no pods, needs no note
    for (from, to) in [("spec:\n    replicas: 2", "spec:\n    replicas: 0"), ("    replicas: 2\n    updatedReplicas: 2\n    readyReplicas: 2\n    availableReplicas: 2\n", "    replicas: 0\n")] {
        let edited = busy(dump, from, to);
        assert_ne!(edited, dump, "{from}");
        let r = run(&edited);
        assert!(!r.diagnostics.iter().any(|d| d.code == "PodsNotInInput"), "{from}");
        assert!(!r.pods.iter().any(|p| p.name.starts_with("gke-busy-box-")), "{from}");
    }
}

fn dumped_services(ips: &[&str]) -> String {
    ips.iter()
        .enumerate()
        .map(|(i, ip)| {
            let name = if i == 0 { "kubernetes".to_string() } else { format!("s{i}") };
            format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: default\n  uid: 0000-{i}\n  resourceVersion: \"{i}\"\nspec:\n  clusterIP: {ip}\n  ports:\n  - port: 443\n")
        })
        .collect()
}

// dumps6 e: the GKE dump's 60 Services (tests/fixtures/dumps6/kv-gke-services.yaml) were read as
// 10.75.0.0/16 (the widest range aligned at the kubernetes Service's 10.75.0.1 - 1), though all
// their clusterIPs lie in 10.75.0.0/20, GKE's default Services range. The ClusterIP allocator
// draws addresses at random above the static band (pkg/registry/core/service/ipallocator/bitmap.go
// AllocateNext, calculateRangeOffset: KEP-3070), so 53 of them all in the lower /20 of a /16 has
// a chance of about 16^-53: the range is halved while at least 10 dumped clusterIPs above the
// band all lie in one half (service::narrowed_v4; ServiceIPRange's 8 addresses bound it). Few
// Services keep the wide range (an EKS /16 with 3 Services is not a /18).
#[test]
fn the_service_range_is_as_narrow_as_enough_randomly_allocated_dumped_cluster_ips_show() {
    let dump = include_str!("../../tests/fixtures/dumps6/kv-gke-services.yaml");
    let r = run(dump);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "10.75.0.0/20");
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "ServiceCIDR").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].message,
        "Services get ClusterIPs from 10.75.0.0/20 here: the kubernetes Service holds 10.75.0.1, the first address of the API server's --service-cluster-ip-range, and the default 10.96.0.0/12 does not start there; it is as narrow as the dumped clusterIPs show: 53 of them, drawn at random above the range's static band, all lie in it, which a range twice as wide would give with a chance under 1 in 1,000 (the CLI's --service-cidr sets the range)"
    );
    // written Services beside it: an address outside the /20 is refused (the written ones are
    // not evidence of the range), one inside is taken, a new one is allocated inside
    let written = |name: &str, ip: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n{ip}  ports:\n  - port: 80\n");
    let r = run(&format!("{dump}{}{}{}", written("out", "  clusterIP: 10.75.16.5\n"), written("in", "  clusterIP: 10.75.15.200\n"), written("auto", "")));
    assert_eq!(
        errors(&r),
        vec!["spec.clusterIPs: Invalid value: [\"10.75.16.5\"]: failed to allocate IP 10.75.16.5: the provided network does not match the current range"]
    );
    assert!(r.diagnostics.iter().any(|d| d.hint.as_deref() == Some("this picture's Service range is 10.75.0.0/20, read off the dumped objects; the CLI's --service-cidr sets your cluster's")));
    assert!(!svc(&r, "in").rejected);
    let auto = svc(&r, "auto").cluster_ip.as_deref().unwrap();
    assert!(super::config::Cidr::parse("10.75.0.0/20").unwrap().contains(auto.parse().unwrap()), "{auto}");
    // 10 clusterIPs above the static band, all in the lower /20 of 10.75.0.0/16: a /20; 9 are
    // too few to say it, the /16 stays (and with it a note that says nothing of narrowing)
    let ten = ["10.75.0.1", "10.75.0.10", "10.75.1.5", "10.75.2.5", "10.75.3.5", "10.75.4.5", "10.75.5.5", "10.75.6.5", "10.75.7.5", "10.75.8.5", "10.75.12.5", "10.75.15.5"];
    assert_eq!(run(&dumped_services(&ten)).cluster.service_cidr, "10.75.0.0/20");
    let r = run(&dumped_services(&ten[..11]));
    assert_eq!(r.cluster.service_cidr, "10.75.0.0/16");
    assert!(r.diagnostics.iter().any(|d| d.code == "ServiceCIDR" && d.message.ends_with("does not start there (the CLI's --service-cidr sets the range)")));
    // an EKS-style /16 with three Services stays a /16
    assert_eq!(run(&dumped_services(&["10.100.0.1", "10.100.0.10", "10.100.37.2", "10.100.61.9"])).cluster.service_cidr, "10.100.0.0/16");
}

// Speed: a Service's hand-made or dumped Endpoints and EndpointSlices are found through an index
// built once per analysis (resolve::PodIndex::index_endpoints: namespace → Service name), not by
// a scan of every object per Service (`kubectl get svc,ep -o yaml`: 1,000 Services × 1,750
// objects on each keystroke). What kube-proxy would read is unchanged: each Service resolves to
// the same endpoints through the index as through the scan, on the dumps6 `svc,ep` and
// `svc,endpointslices` dumps and on hand-made Endpoints/EndpointSlices (a selectorless Service's,
// a selector Service's extra slice, same names in another namespace, an invalid one).
#[test]
fn endpoints_found_through_the_index_are_those_a_scan_finds() {
    use super::config::Config;
    use super::model::Body;
    use super::resolve::{resolve, PodIndex};
    let hand = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 5432}]\n---\n\
apiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 10.1.0.5}]\n  ports: [{port: 5432}]\n---\n\
apiVersion: v1\nkind: Endpoints\nmetadata: {name: db, namespace: other}\nsubsets:\n- addresses: [{ip: 10.1.0.6}]\n  ports: [{port: 5432}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-extra\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n- addresses: [10.1.0.7]\nports: [{port: 80}]\n---\n\
apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-bad\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n- addresses: [999.1.0.7]\nports: [{port: 80}]\n";
    let inputs = [include_str!("../../tests/fixtures/dumps6/kv-kind-svc-ep-only.yaml"), include_str!("../../tests/fixtures/dumps6/kv-kind-svc-slices-only.yaml"), hand];
    let mut found = 0;
    for text in inputs {
        let mut diags = Vec::new();
        let mut objects = super::read_objects(text, &mut diags);
        // (the range the dump's Services were allocated from, as analyze reads it off them)
        let cfg = Config::default();
        let cfg = match super::service::inferred_service_cidr(&objects, &cfg) {
            Some(c) => Config { service_cidr: c.cidr, ..cfg },
            None => cfg,
        };
        super::validate_endpoints(&mut objects, &mut diags);
        let cluster = super::cluster::build(&objects, &cfg, &mut diags);
        let scan = PodIndex::new(&cluster);
        let mut indexed = PodIndex::new(&cluster);
        indexed.index_endpoints(&objects);
        let mut alloc = super::service::Allocations::new(&cfg);
        for (i, o) in objects.iter().enumerate() {
            let Body::Service(spec) = &o.body else { continue };
            let svc = super::service::admit(i, o, spec, &cfg, &mut alloc, &mut diags);
            let (a, b) = (resolve(&svc, &cluster, &scan, &objects, "cluster.local"), resolve(&svc, &cluster, &indexed, &objects, "cluster.local"));
            assert_eq!(a.endpoints, b.endpoints, "{}", svc.name);
            assert_eq!(a.from_dump, b.from_dump, "{}", svc.name);
            found += a.endpoints.len();
        }
    }
    // (1 per Service of the two trimmed dumps; db 10.1.0.5, web 10.1.0.7)
    assert_eq!(found, 6);
}
