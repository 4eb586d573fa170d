//! IPv6 clusters: single-stack IPv6 (EKS IPv6, kind `ipFamily: ipv6`, kubeadm IPv6) and
//! dual-stack with IPv6 first. Upstream: kube-apiserver getServiceIPAndRanges /
//! validateClusterIPFlags (the first --service-cluster-ip-range is the primary family),
//! pkg/registry/core/service/storage/alloc.go initIPFamilyFields, ipallocator (IPv6 has no
//! broadcast address), kubernetes/dns specification (AAAA for IPv6), kube-proxy's per-family
//! proxiers.

use super::config::{host_port, Cidr, Config};
use super::paths::{Entry, Outcome};
use super::report::Report;
use super::tests::{errors, run, run_cfg, service, svc};

fn v6_only() -> Config {
    Config { service_cidr: Cidr::parse("fd00:10:96::/112").expect("cidr"), service_cidr_set: true, ..Config::default() }
}

fn dual_v6_first() -> Config {
    Config { dual_stack: true, secondary_cidr: Cidr::parse("10.96.0.0/12"), ..v6_only() }
}

fn first_ip(r: &Report) -> String {
    r.services.first().and_then(|s| s.cluster_ip.clone()).unwrap_or_default()
}

const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}\n";

#[test]
fn cidr_parses_and_counts_both_families() {
    let c = Cidr::parse("fd00:10:96::/112").expect("v6");
    assert!(c.v6);
    assert_eq!(c.to_string(), "fd00:10:96::/112");
    assert_eq!(c.size(), 65536);
    assert_eq!(c.nth(10).to_string(), "fd00:10:96::a");
    assert!(c.contains("fd00:10:96::ffff".parse().expect("ip")));
    assert!(!c.contains("fd00:10:97::1".parse().expect("ip")));
    // never an address of the other family
    assert!(!Cidr::parse("0.0.0.0/0").expect("v4").contains("::1".parse().expect("ip")));
    assert!(!Cidr::parse("::/0").expect("v6").contains("10.0.0.1".parse().expect("ip")));
    // IPv4 unchanged: masked base, size, nth, Display
    let v4 = Cidr::parse("10.96.7.9/12").expect("v4");
    assert_eq!((v4.to_string(), v4.size(), v4.nth(1).to_string()), ("10.96.0.0/12".to_string(), 1 << 20, "10.96.0.1".to_string()));
    assert_eq!(Cidr::parse("fd00::/129"), None);
    assert_eq!(Cidr::parse("::/0").expect("all").size(), u128::MAX);
    assert_eq!(host_port("fd00::1", 80), "[fd00::1]:80");
    assert_eq!(host_port("10.0.0.1", 80), "10.0.0.1:80");
}

/// initIPFamilyFields on an IPv6-only cluster: no ipFamilies → [IPv6] (defaultServiceIPFamily),
/// and the clusterIP is drawn from the IPv6 range; DNS answers AAAA (specification 2.3.1).
#[test]
fn init_ip_family_fields_ipv6_only_defaults_to_ipv6() {
    let r = run_cfg(&format!("{WEB}---\n{}", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), v6_only());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "fd00:10:96::/112");
    let s = svc(&r, "web");
    let ip: std::net::IpAddr = s.cluster_ip.as_deref().expect("clusterIP").parse().expect("an address");
    assert!(Cidr::parse("fd00:10:96::/112").expect("cidr").contains(ip), "{ip}");
    // the same Service always gets the same address (the deterministic draw)
    assert_eq!(first_ip(&run_cfg(&format!("{WEB}---\n{}", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), v6_only())), ip.to_string());
    assert!(s.dns_records.iter().any(|d| d.kind == "AAAA" && d.name == "web.default.svc.cluster.local" && d.answer == ip.to_string()), "{:?}", s.dns_records);
    assert!(s.dns_records.iter().any(|d| d.kind == "PTR" && d.name.ends_with(".ip6.arpa")));
    // pods and nodes are IPv6 (kind's fd00:10:244::/56, nodes in 2001:db8::/32), endpoints too
    assert!(r.nodes.iter().all(|n| n.ip.starts_with("2001:db8:") && n.pod_cidr.starts_with("fd00:10:244:")), "{:?}", r.nodes.iter().map(|n| (&n.ip, &n.pod_cidr)).collect::<Vec<_>>());
    assert_eq!(s.endpoints.len(), 2);
    assert!(s.endpoints.iter().all(|e| e.ip.starts_with("fd00:10:244:")), "{:?}", s.endpoints);
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert!(p.hops.iter().any(|h| h.dst == format!("[{ip}]:80")), "{:?}", p.hops.iter().map(|h| &h.dst).collect::<Vec<_>>());
    // the client's lookup asks AAAA and gets the clusterIP
    let l = super::dnsquery::lookup(&r, "default", "client", "web");
    let found = l.tries.iter().find(|t| !t.answers.is_empty()).expect("an answer");
    assert_eq!((found.qtype.as_str(), found.answers[0].answer.as_str()), ("AAAA", ip.to_string().as_str()));
    // kube-proxy's IPv6 proxier: bracketed endpoints, the IPv6 pod network
    let rules = super::iptables::rules_for(s, &r, &r.nodes[0].name);
    assert!(rules.ipv6);
    assert!(rules.rules.iter().any(|x| x.line.contains("-j DNAT --to-destination [fd00:10:244:")), "{:?}", rules.rules.iter().map(|x| &x.line).collect::<Vec<_>>());
    assert!(rules.rules.iter().any(|x| x.line.contains("! -s fd00:10:244::/56")));
}

/// initIPFamilyFields: a family the cluster has no allocator for is "not configured on this
/// cluster" (ipFamilies[i], or the clusterIPs entry when no ipFamilies names it);
/// RequireDualStack needs two allocators.
#[test]
fn init_ip_family_fields_ipv6_only_refuses_ipv4() {
    let e = |spec: &str| errors(&run_cfg(&service(spec), v6_only()));
    assert_eq!(e("  ipFamilies: [IPv4]\n  selector: {app: web}\n  ports: [{port: 80}]\n"), vec!["spec.ipFamilies[0]: Invalid value: \"IPv4\": not configured on this cluster"]);
    assert_eq!(e("  clusterIP: 10.96.0.5\n  selector: {app: web}\n  ports: [{port: 80}]\n"), vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.5\"]: IPv4 is not configured on this cluster"]);
    assert_eq!(e("  ipFamilyPolicy: RequireDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n"), vec!["spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services"]);
    // PreferDualStack on a single-stack cluster: one family, the cluster's
    let r = run_cfg(&service("  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n"), v6_only());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(first_ip(&r).starts_with("fd00:10:96::"));
}

/// ipallocator: the network address is never handed out, but an IPv6 range has no broadcast
/// address (hostsPerNetwork: 2^x - 1), so its last address is valid; the kubernetes Service
/// holds ::1 and kube-dns conventionally ::a.
#[test]
fn ipallocator_ipv6_range_ends() {
    let e = |ip: &str| errors(&run_cfg(&service(&format!("  clusterIP: \"{ip}\"\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n")), v6_only()));
    assert!(e("fd00:10:96::ffff").is_empty(), "{:?}", e("fd00:10:96::ffff"));
    assert_eq!(e("fd00:10:96::"), vec!["spec.clusterIPs: Invalid value: [\"fd00:10:96::\"]: failed to allocate IP fd00:10:96::: the provided IP (fd00:10:96::) is not in the valid range. The range of valid IPs is fd00:10:96::/112"]);
    assert_eq!(e("fd00:10:96::a"), vec!["spec.clusterIPs: Invalid value: [\"fd00:10:96::a\"]: failed to allocate IP fd00:10:96::a: provided IP is already allocated"]);
    assert!(e("fd00:10:97::5")[0].contains("the provided network does not match the current range"), "{:?}", e("fd00:10:97::5"));
    let dns = "apiVersion: v1\nkind: Service\nmetadata: {name: kube-dns, namespace: kube-system}\nspec:\n  clusterIP: \"fd00:10:96::a\"\n  selector: {k8s-app: kube-dns}\n  ports: [{name: dns, port: 53, protocol: UDP}]\n";
    assert!(errors(&run_cfg(dns, v6_only())).is_empty());
}

/// A dual-stack cluster with IPv6 first: no ipFamilies → IPv6; PreferDualStack/RequireDualStack
/// → [IPv6, IPv4], accepted; SingleStack [IPv4] is accepted too (drawn from the second range).
#[test]
fn init_ip_family_fields_dual_stack_ipv6_first() {
    let r = |spec: &str| run_cfg(&service(spec), dual_v6_first());
    let plain = r("  selector: {app: web}\n  ports: [{port: 80}]\n");
    assert!(errors(&plain).is_empty());
    assert!(first_ip(&plain).starts_with("fd00:10:96::"));
    for policy in ["PreferDualStack", "RequireDualStack"] {
        let d = r(&format!("  ipFamilyPolicy: {policy}\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n"));
        assert!(errors(&d).is_empty(), "{policy}: {:?}", errors(&d));
        assert!(first_ip(&d).starts_with("fd00:10:96::"), "{policy}");
    }
    let both = r("  ipFamilyPolicy: RequireDualStack\n  ipFamilies: [IPv6, IPv4]\n  clusterIPs: [\"fd00:10:96::77\", 10.96.0.77]\n  clusterIP: \"fd00:10:96::77\"\n  selector: {app: web}\n  ports: [{port: 80}]\n");
    assert!(errors(&both).is_empty(), "{:?}", errors(&both));
    assert_eq!(first_ip(&both), "fd00:10:96::77");
    let v4 = r("  ipFamilies: [IPv4]\n  selector: {app: web}\n  ports: [{port: 80}]\n");
    assert!(errors(&v4).is_empty(), "{:?}", errors(&v4));
    let ip: std::net::IpAddr = first_ip(&v4).parse().expect("ip");
    assert!(Cidr::parse("10.96.0.0/12").expect("cidr").contains(ip), "{ip}");
    assert!(v4.services[0].dns_records.iter().any(|d| d.kind == "A"));
    // the client dials it from its IPv4 address (a dual-stack pod has one of each family)
    let p = v4.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.hops[0].src, "10.244.0.250:43512");
    // and an IPv6 Service from its IPv6 one
    let p = plain.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.hops[0].src, "[fd00:10:244::fa]:43512");
}

/// An EKS IPv6 cluster's dump (a smaller copy of /work/dumps/eks-ipv6.yaml): every Service was
/// refused ("IPv6": not configured on this cluster); now the range is read off the kubernetes
/// Service (fd26:f33e:21b1::1 → fd26:f33e:21b1::/108, the widest kube-apiserver allows IPv6) and
/// the Services resolve to their IPv6 pods.
#[test]
fn an_ipv6_dump_is_read_as_an_ipv6_cluster() {
    let pod = |name: &str, app: &str, node: &str, host: &str, ip: &str, extra: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: shop, uid: u-{name}, labels: {{app: {app}}}}}\nspec:\n  nodeName: {node}\n{extra}  containers: [{{name: c, image: x, ports: [{{containerPort: 8080, name: http}}]}}]\nstatus:\n  phase: Running\n  hostIP: \"{host}\"\n  podIP: \"{ip}\"\n  podIPs: [{{ip: \"{ip}\"}}]\n  conditions: [{{type: Ready, status: \"True\"}}]\n---\n")
    };
    let svc6 = |ns: &str, name: &str, ip: &str, spec: &str| {
        format!("apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}, uid: s-{name}, resourceVersion: \"7\"}}\nspec:\n  clusterIP: {ip}\n  clusterIPs: [{ip}]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n{spec}---\n")
    };
    let mut y = String::new();
    y += &pod("web-a", "web", "ip-192-168-10-20.us-west-2.compute.internal", "2600:1f14:abc:a::1", "2600:1f14:abc:a:36a::3", "");
    y += &pod("web-b", "web", "ip-192-168-11-21.us-west-2.compute.internal", "2600:1f14:abc:b::2", "2600:1f14:abc:b:36a::3", "");
    y += &pod("db-0", "db", "ip-192-168-10-20.us-west-2.compute.internal", "2600:1f14:abc:a::1", "2600:1f14:abc:a:56a::5", "  hostname: db-0\n  subdomain: db\n");
    y += &svc6("default", "kubernetes", "\"fd26:f33e:21b1::1\"", "  ports: [{name: https, port: 443, targetPort: 443}]\n");
    y += &svc6("shop", "web", "\"fd26:f33e:21b1::8e11\"", "  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n");
    y += &svc6("shop", "admin", "\"fd26:f33e:21b1::cb09\"", "  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n");
    y += &svc6("shop", "db", "None", "  selector: {app: db}\n  ports: [{name: pg, port: 5432}]\n");
    // written by hand into the same input: no clusterIP, so one is drawn from the dump's range
    y += "apiVersion: v1\nkind: Service\nmetadata: {name: new, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n";
    let r = run(&y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "fd26:f33e:21b1::/108");
    assert!(r.diagnostics.iter().any(|d| d.code == "ServiceCIDR" && d.message.contains("IPv6")), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    // nodes from the pods' hostIP, their pod ranges the /64 of a pod's address
    let node_ips: Vec<(&str, &str)> = r.nodes.iter().map(|n| (n.ip.as_str(), n.pod_cidr.as_str())).collect();
    assert_eq!(node_ips, vec![("2600:1f14:abc:a::1", "2600:1f14:abc:a::/64"), ("2600:1f14:abc:b::2", "2600:1f14:abc:b::/64")]);
    let web = svc(&r, "web");
    let mut eps: Vec<&str> = web.endpoints.iter().map(|e| e.ip.as_str()).collect();
    eps.sort();
    assert_eq!(eps, vec!["2600:1f14:abc:a:36a::3", "2600:1f14:abc:b:36a::3"]);
    let p = web.paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert!(p.hops.last().and_then(|h| h.rewritten.as_deref()).is_some_and(|d| d.starts_with("[2600:1f14:abc:") && d.ends_with("]:8080")), "{:?}", p.hops.last());
    // NodePort: the nodes' IPv6 addresses, an IPv6 outside client, never an IPv4 address
    let np = svc(&r, "admin").paths.iter().find(|p| p.entry == Entry::NodePort).expect("nodeport path");
    assert_eq!(np.outcome, Outcome::Delivered, "{}", np.reason);
    assert_eq!(np.hops[0].src, "[2001:db8:5100::7]:51000");
    assert_eq!(np.hops[0].dst, "[2600:1f14:abc:a::1]:30080");
    // headless: AAAA per ready endpoint, the pod's hostname record, a ip6.arpa PTR
    let db = svc(&r, "db");
    assert!(db.dns_records.iter().any(|d| d.kind == "AAAA" && d.name == "db-0.db.shop.svc.cluster.local" && d.answer == "2600:1f14:abc:a:56a::5"), "{:?}", db.dns_records);
    assert!(db.dns_records.iter().any(|d| d.kind == "PTR" && d.name == "5.0.0.0.0.0.0.0.0.0.0.0.a.6.5.0.a.0.0.0.c.b.a.0.4.1.f.1.0.0.6.2.ip6.arpa"));
    let new: std::net::IpAddr = svc(&r, "new").cluster_ip.as_deref().expect("drawn").parse().expect("ip");
    assert!(Cidr::parse("fd26:f33e:21b1::/108").expect("cidr").contains(new), "{new}");
    // a Service asking for IPv4 there is refused, as that cluster's API server would
    let v4 = run(&format!("{y}---\napiVersion: v1\nkind: Service\nmetadata: {{name: v4, namespace: shop}}\nspec:\n  ipFamilies: [IPv4]\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n"));
    assert_eq!(errors(&v4), vec!["spec.ipFamilies[0]: Invalid value: \"IPv4\": not configured on this cluster"]);
}

/// A dump of a dual-stack cluster with IPv6 first: the kubernetes Service is IPv6, others hold
/// [IPv6, IPv4] clusterIPs; read as dual-stack IPv6-first (the DualStack note), nothing refused.
#[test]
fn a_dual_stack_ipv6_first_dump() {
    let y = "apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default, uid: k1}\nspec:\n  clusterIP: \"fd00:10:96::1\"\n  ipFamilies: [IPv6]\n  ports: [{name: https, port: 443}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web, uid: w1}\nspec:\n  clusterIP: \"fd00:10:96::6a3b\"\n  clusterIPs: [\"fd00:10:96::6a3b\", 10.96.77.5]\n  ipFamilies: [IPv6, IPv4]\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n";
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "fd00:10:96::/108");
    assert!(r.diagnostics.iter().any(|d| d.code == "DualStack" && d.message.contains("IPv6 first")));
    assert_eq!(svc(&r, "web").cluster_ip.as_deref(), Some("fd00:10:96::6a3b"));
}

/// kube-proxy's IPv6 proxier reads only IPv6 EndpointSlices (endpointschangetracker.go: address
/// type not supported by this proxier), the IPv4 one only IPv4 slices.
#[test]
fn endpoint_slices_of_the_services_family() {
    let slice = |t: &str, ip: &str| format!("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {{name: db-{}, labels: {{kubernetes.io/service-name: db}}}}\naddressType: {t}\nendpoints:\n- addresses: [\"{ip}\"]\n  conditions: {{ready: true}}\nports: [{{port: 5432}}]\n---\n", t.to_lowercase());
    let y = format!("{}{}apiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec: {{ports: [{{port: 5432}}]}}\n", slice("IPv4", "192.0.2.10"), slice("IPv6", "2001:db8::10"));
    let ips = |r: &Report| svc(r, "db").endpoints.iter().map(|e| e.ip.clone()).collect::<Vec<_>>();
    assert_eq!(ips(&run_cfg(&y, v6_only())), vec!["2001:db8::10"]);
    assert_eq!(ips(&run(&y)), vec!["192.0.2.10"]);
}

/// A NetworkPolicy ipBlock may be an IPv6 CIDR: one holding the IPv6 client admits it (as
/// 10.244.0.0/16 does an IPv4 client); one that does not leaves it to the plugin.
#[test]
fn network_policy_ip_block_ipv6() {
    let y = |cidr: &str| format!("{WEB}---\n{}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: cidr}}\nspec:\n  podSelector: {{}}\n  ingress:\n  - from: [{{ipBlock: {{cidr: \"{cidr}\"}}}}]\n", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n"));
    let pod_path = |r: &Report| svc(r, "web").paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path").clone();
    let holds = run_cfg(&y("fd00:10:244::/56"), v6_only());
    assert_eq!(pod_path(&holds).outcome, Outcome::Delivered);
    assert!(!holds.diagnostics.iter().any(|d| d.message.contains("ipBlock")), "{:?}", holds.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    let misses = run_cfg(&y("2001:db8:99::/64"), v6_only());
    assert!(misses.diagnostics.iter().any(|d| d.message.contains("ipBlock")) || pod_path(&misses).reason.contains("ipBlock"), "{:?}", pod_path(&misses));
}

/// Simulated load balancers of an IPv6 Service get an address in 2001:db8::/32, never an IPv4
/// one; the iptables rules for it are the IPv6 proxier's.
#[test]
fn load_balancer_of_an_ipv6_cluster_is_ipv6() {
    let cfg = Config { cloud: true, ..v6_only() };
    let r = run_cfg(&format!("{WEB}---\n{}", service("  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), cfg);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "web");
    let super::service::LoadBalancer::Ready { ingress, .. } = &s.load_balancer else { panic!("{:?}", s.load_balancer) };
    assert!(ingress[0].starts_with("2001:db8:"), "{ingress:?}");
    let p = s.paths.iter().find(|p| p.entry == Entry::LoadBalancer).expect("lb path");
    assert_eq!(p.hops[0].dst, format!("[{}]:80", ingress[0]));
    let rules = super::iptables::rules_for(s, &r, &r.nodes[0].name);
    assert!(rules.rules.iter().any(|x| x.line.contains(&format!("-d {} --dport 80", ingress[0]))));
    // the picture draws every hop's ends with the longer IPv6 addresses too
    let l = super::layout::layout(&r, Some(0), 1280.0);
    for p in &s.paths {
        for h in &p.hops {
            assert!(l.rest(&h.from).is_some() && l.rest(&h.to).is_some(), "{} -> {} not drawn", h.from, h.to);
        }
    }
}

/// A dump of an IPv6 cluster whose only Service is headless (no clusterIP to read a range off):
/// its ipFamilies [IPv6] tell the family, and the range is kind's default fd00:10:96::/112.
#[test]
fn an_ipv6_dump_of_headless_services_only() {
    let y = "apiVersion: v1\nkind: Service\nmetadata: {name: db, uid: d1}\nspec:\n  clusterIP: None\n  clusterIPs: [None]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {app: db}\n  ports: [{port: 5432}]\n---\n\
apiVersion: v1\nkind: Pod\nmetadata: {name: db-0, uid: p1, labels: {app: db}}\nspec: {nodeName: n1, containers: [{name: c, image: postgres}]}\nstatus: {phase: Running, hostIP: \"2001:db8:1::1\", podIP: \"fd00:10:244:1::5\", conditions: [{type: Ready, status: \"True\"}]}\n";
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "fd00:10:96::/112");
    assert!(svc(&r, "db").dns_records.iter().any(|d| d.kind == "AAAA" && d.answer == "fd00:10:244:1::5"));
}

/// A dual-stack (IPv4 first) dump: a Service asking for IPv6 alone is accepted (that cluster has
/// an IPv6 allocator), keeps its IPv6 clusterIP, and its endpoints are the pods' IPv6 addresses
/// from status.podIPs (getEndpointAddresses: the address of the slice's family).
#[test]
fn a_dual_stack_dump_ipv6_service_uses_the_pods_ipv6_addresses() {
    let y = "apiVersion: v1\nkind: Service\nmetadata: {name: both, uid: b1}\nspec:\n  clusterIP: 10.96.77.5\n  clusterIPs: [10.96.77.5, \"fd00:10:96::6a3b\"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: six, uid: s1}\nspec:\n  clusterIP: \"fd00:10:96::77\"\n  clusterIPs: [\"fd00:10:96::77\"]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, uid: p1, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\nstatus:\n  phase: Running\n  podIP: 10.244.1.5\n  podIPs: [{ip: 10.244.1.5}, {ip: \"fd00:10:244:1::5\"}]\n  conditions: [{type: Ready, status: \"True\"}]\n";
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "10.96.0.0/12");
    let ips = |name: &str| svc(&r, name).endpoints.iter().map(|e| e.ip.clone()).collect::<Vec<_>>();
    assert_eq!(ips("both"), vec!["10.244.1.5"]);
    assert_eq!(ips("six"), vec!["fd00:10:244:1::5"]);
    assert!(svc(&r, "six").dns_records.iter().any(|d| d.kind == "AAAA" && d.answer == "fd00:10:96::77"));
}

/// A dual-stack Node (kubelet --node-ip with both families) on an IPv6-primary cluster: its
/// IPv6 InternalIP is the one NodePorts are reached on, whichever status.addresses lists first.
#[test]
fn a_dual_stack_node_on_an_ipv6_cluster_uses_its_ipv6_address() {
    let y = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {podCIDR: \"fd00:10:244:1::/64\"}\nstatus:\n  addresses:\n  - {type: InternalIP, address: 172.18.0.2}\n  - {type: InternalIP, address: \"fc00:f853:ccd:e793::2\"}\n  - {type: Hostname, address: n1}\n";
    let r = run_cfg(y, v6_only());
    assert_eq!((r.nodes[0].ip.as_str(), r.nodes[0].pod_cidr.as_str()), ("fc00:f853:ccd:e793::2", "fd00:10:244:1::/64"));
    // the IPv4 cluster keeps the IPv4 address
    assert_eq!(run(y).nodes[0].ip, "172.18.0.2");
}
