//! learnfix17: what learn17's learner test found (/work/learn17/report.md ranked list). The
//! page never used the words a learner reads in a terminal: `kubectl get svc`'s
//! `80:32089/TCP` (why two ports on a LoadBalancer?), `<pending>` (what do I do on minikube or
//! kind?), the CLUSTER-IP (who allocates it, from which range?) and a client that dials the
//! targetPort on the clusterIP. Real preset YAML; each test names its upstream source.

use super::analyze;
use super::config::Config;
use super::getsvc::{explain, port_string, row, GetSvcRow};
use super::presets;
use super::report::Report;

fn preset(id: &str) -> Report {
    let p = presets::find(id).expect("preset");
    analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() })
}

fn svc<'a>(r: &'a Report, name: &str) -> &'a super::report::ServiceReport {
    r.services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("Service {name}"))
}

fn row_of(name: &str, type_: &str, ip: &str, ext: &str, ports: &str) -> GetSvcRow {
    GetSvcRow { name: name.into(), type_: type_.into(), cluster_ip: ip.into(), external_ip: ext.into(), ports: ports.into() }
}

/// Q15: a LoadBalancer's PORT(S) is `port:nodePort/protocol` (printers.go makePortString) and
/// its EXTERNAL-IP the load balancer's ingress address (getServiceExternalIP); the column's
/// words say which number is which.
#[test]
fn load_balancer_row_is_printers_go_print_service_make_port_string() {
    let r = preset("web-loadbalancer");
    let s = svc(&r, "web");
    let lb = match &s.load_balancer {
        super::service::LoadBalancer::Ready { ingress, .. } => ingress[0].clone(),
        other => panic!("{other:?}"),
    };
    let np = s.ports[0].node_port.expect("nodePort");
    assert_eq!(row(s), row_of("web", "LoadBalancer", s.cluster_ip.as_deref().unwrap_or(""), &lb, &format!("80:{np}/TCP")));
    let t = row(s).table();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 2, "{t}");
    assert!(lines[0].starts_with("NAME   TYPE") && lines[0].ends_with("PORT(S)"), "{t}");
    // the columns line up as kubectl's tabwriter puts them (each column as wide as its widest cell + 3)
    for h in ["TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)"] {
        let col = lines[0].find(h).expect(h);
        assert_eq!(&lines[1][col - 1..col], " ", "{h}: {t}");
        assert_ne!(&lines[1][col..col + 1], " ", "{h}: {t}");
    }
    let words = explain(s, &r.cluster.service_cidr).join("\n");
    assert!(words.contains(&format!("PORT(S) 80:{np}/TCP: two numbers for one port")), "{words}");
    assert!(words.contains(&format!("EXTERNAL-IP {lb}: the load balancer's address")), "{words}");
}

/// Q05: `<pending>` without a cloud controller (getServiceExternalIP), and what a local
/// cluster runs instead: minikube's `minikube tunnel` (minikube.sigs.k8s.io/docs/commands/tunnel:
/// "creates a route to services deployed with type LoadBalancer and sets their Ingress to their
/// ClusterIP"), kind's Cloud Provider KIND (kind.sigs.k8s.io/docs/user/loadbalancer), MetalLB.
#[test]
fn pending_load_balancer_says_what_minikube_and_kind_run_get_service_external_ip() {
    let r = preset("broken-lb-pending");
    let s = svc(&r, "web");
    assert_eq!(row(s).external_ip, "<pending>");
    let words = explain(s, &r.cluster.service_cidr).join("\n");
    for w in ["minikube tunnel", "cloud-provider-kind", "MetalLB", "nodePorts work meanwhile"] {
        assert!(words.contains(w), "{w}: {words}");
    }
}

/// Q14: the CLUSTER-IP comes from the Service range the API server allocates from
/// (pkg/registry/core/service/storage/alloc.go allocClusterIPs, kube-apiserver
/// --service-cluster-ip-range); a ClusterIP Service prints EXTERNAL-IP `<none>` and `80/TCP`.
/// Q02: only the Service's ports are open on the clusterIP (proxier.go writes one KUBE-SERVICES
/// rule per Service port), so dialling the targetPort there reaches no pod.
#[test]
fn cluster_ip_row_names_the_range_alloc_go_alloc_cluster_ips() {
    let r = preset("web-clusterip");
    let s = svc(&r, "web");
    let ip = s.cluster_ip.clone().expect("clusterIP");
    assert_eq!(row(s), row_of("web", "ClusterIP", &ip, "<none>", "80/TCP"));
    let words = explain(s, &r.cluster.service_cidr);
    assert!(words[0].contains(&format!("CLUSTER-IP {ip}: the API server allocated it from the Service range 10.96.0.0/12")), "{words:?}");
    assert!(words[1].starts_with("EXTERNAL-IP <none>: reachable only from inside the cluster"), "{words:?}");
    let only = words.iter().find(|w| w.starts_with("Only port 80 is open")).unwrap_or_else(|| panic!("{words:?}"));
    assert!(only.contains(&format!("dials {ip}:8080")), "{only}");
    // the rules kube-proxy writes for the Service match only its port
    let set = super::iptables::rules_for(s, &r, "node-1");
    let lines: Vec<&str> = set.rules.iter().map(|x| x.line.as_str()).collect();
    assert!(lines.iter().any(|l| l.contains(&format!("-d {ip} --dport 80 "))), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("--dport 8080")), "{lines:?}");
}

/// NodePort prints EXTERNAL-IP `<none>` (getServiceExternalIP, today's printers.go; old kubectl
/// printed `<nodes>`), yet every node answers on the nodePort.
#[test]
fn node_port_row_prints_none_and_the_node_port_get_service_external_ip() {
    let r = preset("web-nodeport");
    let s = svc(&r, "web");
    assert_eq!(row(s).external_ip, "<none>");
    assert_eq!(port_string(s), "80:30080/TCP");
    let words = explain(s, &r.cluster.service_cidr).join("\n");
    assert!(words.contains("every node answers on its nodePort: <node IP>:30080"), "{words}");
    assert!(words.contains("PORT(S) 80:30080/TCP: port 80 on the clusterIP for clients inside, nodePort 30080 on every node's IP"), "{words}");
}

/// A headless Service prints CLUSTER-IP `None` (spec.clusterIPs[0]); an ExternalName Service
/// `<none>` and its externalName as EXTERNAL-IP (printService, getServiceExternalIP).
#[test]
fn headless_and_external_name_rows_print_service() {
    let r = preset("headless-statefulset");
    let s = svc(&r, "db");
    assert_eq!(row(s).cluster_ip, "None");
    assert!(explain(s, "10.96.0.0/12")[0].starts_with("CLUSTER-IP None: a headless Service"));
    assert!(!explain(s, "10.96.0.0/12").iter().any(|w| w.starts_with("Only port")));
    let r = preset("web-externalname");
    let s = svc(&r, "db");
    let got = row(s);
    assert_eq!((got.type_.as_str(), got.cluster_ip.as_str(), got.external_ip.as_str()), ("ExternalName", "<none>", "db.example.com"));
}

/// Several ports: joined by "," in spec order, each with its protocol (makePortString); a
/// Service without ports prints `<none>`.
#[test]
fn multi_port_and_udp_make_port_string() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: dns\nspec:\n  type: NodePort\n  selector:\n    app: dns\n  ports:\n  - name: dns\n    port: 53\n    protocol: UDP\n    nodePort: 30053\n  - name: dns-tcp\n    port: 53\n    protocol: TCP\n    nodePort: 30054\n";
    let r = analyze(text, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:?}", r.diagnostics);
    assert_eq!(port_string(&r.services[0]), "53:30053/UDP,53:30054/TCP");
}

/// Q05: the pending load balancer's caption (and tour 14) name what a local cluster runs in
/// place of a cloud controller: `minikube tunnel` (minikube.sigs.k8s.io/docs/commands/tunnel),
/// Cloud Provider KIND (kind.sigs.k8s.io/docs/user/loadbalancer), MetalLB.
#[test]
fn pending_caption_names_minikube_tunnel_and_cloud_provider_kind() {
    let r = preset("broken-lb-pending");
    let s = svc(&r, "web");
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("LB path");
    let words = &p.hops[0].explanation;
    assert!(words.contains("EXTERNAL-IP stays <pending>") && words.contains("`minikube tunnel`") && words.contains("cloud-provider-kind"), "{words}");
    let step = super::tour::STEPS.iter().find(|s| s.preset == "broken-lb-pending").expect("tour step");
    assert!(step.text.contains("minikube tunnel") && step.text.contains("Cloud Provider KIND"), "{}", step.text);
}

/// Q04/Q08: the Delete what-if's words for what a cluster does meanwhile: Terminating for the
/// grace period (SetDefaults_PodSpec: 30 s), ready=false terminating=true in the EndpointSlice
/// (endpointslice utils.go podToEndpoint), new connections to the other ready endpoints
/// (pkg/proxy/topology.go CategorizeEndpoints), open ones untouched (conntrack cleanup.go: UDP
/// only). A pod no Service selects gets none; the last ready endpoint is said to keep serving.
#[test]
fn delete_pod_says_terminating_and_open_connections_pod_to_endpoint() {
    let r = preset("web-clusterip");
    let pod = r.services[0].endpoints[0].pod.clone().expect("an endpoint pod");
    let w = super::poddetails::deletion_meanwhile(&r, "default", &pod).expect("words");
    for part in ["Terminating", "terminationGracePeriodSeconds (30 s", "ready=false terminating=true", "new connections go to the 2 other ready endpoints of web", "connections already open to it (keep-alive, gRPC) run on"] {
        assert!(w.contains(part), "{part}: {w}");
    }
    assert_eq!(super::poddetails::deletion_meanwhile(&r, "default", "client"), None);
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: one\nspec:\n  selector:\n    app: one\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: one-0\n  labels:\n    app: one\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    let r = analyze(text, &Config::default());
    let w = super::poddetails::deletion_meanwhile(&r, "default", "one-0").expect("words");
    assert!(w.contains("with no other ready endpoint of one, kube-proxy keeps sending new connections to it while it still passes its readiness probe (serving)"), "{w}");
}

/// Q13: the Service panel says who reaches the Service and what the other types and an Ingress
/// add (NodePort = ClusterIP + a port on every node, LoadBalancer = NodePort + an external
/// address, alloc.go; an Ingress routes HTTP in front of a Service, networking/v1
/// IngressBackend); the ingress preset's Ingress is named.
#[test]
fn who_reaches_it_compares_the_types_and_names_the_ingress() {
    let r = preset("web-clusterip");
    let w = super::getsvc::who_reaches(svc(&r, "web"));
    assert!(w.starts_with("Who reaches it: pods of the cluster only."), "{w}");
    assert!(w.contains("an Ingress (or a Gateway API route) in front of a ClusterIP Service routes HTTP by host and path"), "{w}");
    assert!(w.contains("NodePort would add a port on every node's IP"), "{w}");
    let r = preset("web-nodeport");
    assert!(super::getsvc::who_reaches(svc(&r, "web")).contains("on nodePort 30080"));
    let r = preset("ingress");
    let w = super::getsvc::who_reaches(svc(&r, "web"));
    assert!(w.ends_with("Ingress web routes HTTP requests here too."), "{w}");
    let r = preset("headless-statefulset");
    assert!(super::getsvc::who_reaches(svc(&r, "db")).contains("nothing from outside"));
}
