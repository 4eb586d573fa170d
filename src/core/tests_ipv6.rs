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

/// Two dumped Services of a dual-stack (IPv4 first) cluster: `both` with a clusterIP of each
/// family, `six` IPv6 alone.
const DUAL_STACK_DUMP_SERVICES: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: both, uid: b1}\nspec:\n  clusterIP: 10.96.77.5\n  clusterIPs: [10.96.77.5, \"fd00:10:96::6a3b\"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: six, uid: s1}\nspec:\n  clusterIP: \"fd00:10:96::77\"\n  clusterIPs: [\"fd00:10:96::77\"]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n";

/// A dual-stack (IPv4 first) dump: a Service asking for IPv6 alone is accepted (that cluster has
/// an IPv6 allocator), keeps its IPv6 clusterIP, and its endpoints are the pods' IPv6 addresses
/// from status.podIPs (getEndpointAddresses: the address of the slice's family).
#[test]
fn a_dual_stack_dump_ipv6_service_uses_the_pods_ipv6_addresses() {
    let y = &[DUAL_STACK_DUMP_SERVICES, "apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, uid: p1, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\nstatus:\n  phase: Running\n  podIP: 10.244.1.5\n  podIPs: [{ip: 10.244.1.5}, {ip: \"fd00:10:244:1::5\"}]\n  conditions: [{type: Ready, status: \"True\"}]\n"].concat();
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

fn dual_v4_first() -> Config {
    Config { dual_stack: true, secondary_cidr: Cidr::parse("fd00:10:96::/112"), ..Config::default() }
}

fn in_range(cidr: &str, ip: &str) -> bool {
    Cidr::parse(cidr).expect("cidr").contains(ip.parse().expect("an address"))
}

/// alloc.go initIPFamilyFields + allocClusterIPs on a dual-stack cluster (either order):
/// PreferDualStack and RequireDualStack get ipFamilies of both families and one clusterIP of
/// each, the second drawn from the second range (the same one every time); SingleStack, or no
/// policy, gets one. DNS answers one record per clusterIP: A and AAAA, and a PTR for each.
#[test]
fn alloc_cluster_ips_dual_stack_gets_one_per_family() {
    let spec = |policy: &str| format!("{WEB}---\n{}", service(&format!("{policy}  selector: {{app: web}}\n  ports: [{{port: 80, targetPort: 8080}}]\n")));
    for (cfg, fams, ranges) in [
        (dual_v4_first(), ["IPv4", "IPv6"], ["10.96.0.0/12", "fd00:10:96::/112"]),
        (dual_v6_first(), ["IPv6", "IPv4"], ["fd00:10:96::/112", "10.96.0.0/12"]),
    ] {
        for policy in ["  ipFamilyPolicy: PreferDualStack\n", "  ipFamilyPolicy: RequireDualStack\n"] {
            let r = run_cfg(&spec(policy), cfg.clone());
            assert!(errors(&r).is_empty(), "{policy}: {:?}", errors(&r));
            let s = svc(&r, "web");
            assert_eq!(s.ip_families, fams, "{policy}");
            assert_eq!(s.cluster_ips.len(), 2, "{:?}", s.cluster_ips);
            assert_eq!(s.cluster_ip.as_ref(), Some(&s.cluster_ips[0]));
            assert!(in_range(ranges[0], &s.cluster_ips[0]) && in_range(ranges[1], &s.cluster_ips[1]), "{:?}", s.cluster_ips);
            // deterministic, as the primary draw
            assert_eq!(svc(&run_cfg(&spec(policy), cfg.clone()), "web").cluster_ips, s.cluster_ips);
            let fqdn = "web.default.svc.cluster.local";
            for ip in &s.cluster_ips {
                let kind = if ip.contains(':') { "AAAA" } else { "A" };
                assert!(s.dns_records.iter().any(|d| d.kind == kind && d.name == fqdn && &d.answer == ip), "{kind} {ip}: {:?}", s.dns_records);
                let rev = super::resolve::reverse_name(ip).expect("reverse");
                assert!(s.dns_records.iter().any(|d| d.kind == "PTR" && d.name == rev && d.answer == fqdn), "PTR {rev}");
            }
            // the report's header lists both ranges; the JSON has clusterIPs and ipFamilies
            assert_eq!(r.cluster.service_cidrs, ranges);
            let json = serde_json::to_value(&r).expect("json");
            assert_eq!(json["services"][0]["clusterIPs"], serde_json::json!(s.cluster_ips));
            assert_eq!(json["services"][0]["ipFamilies"], serde_json::json!(fams));
            // the client's lookup gets both answers: an A query and an AAAA query for the name,
            // each answering its own type only (learner9 W4; kubernetes/dns specification 2.3.1)
            let l = super::dnsquery::lookup(&r, "default", "client", "web");
            let found = l.tries.iter().find(|t| !t.answers.is_empty()).expect("an answer");
            let asked: Vec<&super::dnsquery::DnsTry> = l.tries.iter().filter(|t| t.query == found.query).collect();
            assert_eq!(asked.iter().map(|t| t.qtype.as_str()).collect::<Vec<_>>(), ["A", "AAAA"]);
            assert!(asked.iter().all(|t| t.answers.iter().all(|a| a.kind == t.qtype)), "{asked:?}");
            let mut got: Vec<&str> = asked.iter().flat_map(|t| t.answers.iter()).map(|a| a.answer.as_str()).collect();
            got.sort();
            let mut want: Vec<&str> = s.cluster_ips.iter().map(String::as_str).collect();
            want.sort();
            assert_eq!(got, want);
            // the path goes over the first family and says so
            let p = s.paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
            assert_eq!(p.hops[1].dst, host_port(&s.cluster_ips[0], 80));
            assert!(p.hops[0].explanation.contains(&format!("over {} (the Service's first family)", fams[0])), "{}", p.hops[0].explanation);
            assert!(p.hops[0].explanation.contains(&s.cluster_ips[1]), "{}", p.hops[0].explanation);
            assert!(r.to_text().contains(&format!("clusterIPs: {}, {} (ipFamilies {}, {})", s.cluster_ips[0], s.cluster_ips[1], fams[0], fams[1])), "{}", r.to_text());
            // the picture: the Service box shows both clusterIPs, the DNS box both record types,
            // the cluster's title both ranges; every hop's ends are drawn
            let l = super::layout::layout(&r, Some(0), 1280.0);
            let texts: Vec<&str> = l.items.iter().flat_map(|i| i.texts.iter().map(|t| t.full.as_str())).collect();
            assert!(texts.contains(&format!("clusterIPs {}, {}", s.cluster_ips[0], s.cluster_ips[1]).as_str()), "{texts:?}");
            assert!(texts.iter().any(|t| *t == "→ A + AAAA" || *t == "→ AAAA + A"), "{texts:?}");
            assert!(texts.iter().any(|t| t.contains(&format!("Services {}, {}", ranges[0], ranges[1]))), "{texts:?}");
            for p in &s.paths {
                for h in &p.hops {
                    assert!(l.rest(&h.from).is_some() && l.rest(&h.to).is_some(), "{} -> {} not drawn", h.from, h.to);
                }
            }
        }
        for single in ["", "  ipFamilyPolicy: SingleStack\n"] {
            let r = run_cfg(&spec(single), cfg.clone());
            let s = svc(&r, "web");
            assert_eq!((s.ip_families.len(), s.cluster_ips.len()), (1, 1), "{single:?}: {:?}", s.cluster_ips);
            assert!(in_range(ranges[0], &s.cluster_ips[0]));
            assert_eq!(s.dns_records.iter().filter(|d| (d.kind == "A" || d.kind == "AAAA") && d.name == "web.default.svc.cluster.local").count(), 1);
        }
    }
    // a single-stack cluster: the JSON and text are as they were (no clusterIPs, ipFamilies,
    // serviceCIDRs; one clusterIP line)
    let r = run(&spec("  ipFamilyPolicy: PreferDualStack\n"));
    let json = serde_json::to_string(&r).expect("json");
    for absent in ["clusterIPs", "ipFamilies", "serviceCIDRs", "ipOtherFamily", "ipSecondFamily", "podCIDROtherFamily"] {
        assert!(!json.contains(absent), "{absent}");
    }
    assert!(r.to_text().contains("\n  clusterIP: 10."));
}

/// ValidateServiceClusterIPsRelatedFields and allocIPs on a written pair of a dual-stack
/// cluster: the pair is kept when its families follow ipFamilies, one per family, each in its
/// family's range and free; otherwise the API server's errors.
#[test]
fn validate_service_cluster_ips_related_fields_dual_stack_pair() {
    let e = |ips: &str, fams: &str| {
        let spec = format!("  ipFamilyPolicy: RequireDualStack\n{fams}  clusterIP: {}\n  clusterIPs: [{ips}]\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n", ips.split(',').next().expect("first"));
        run_cfg(&service(&spec), dual_v4_first())
    };
    let ok = e("10.96.0.77, \"fd00:10:96::77\"", "  ipFamilies: [IPv4, IPv6]\n");
    assert!(errors(&ok).is_empty(), "{:?}", errors(&ok));
    assert_eq!(svc(&ok, "web").cluster_ips, vec!["10.96.0.77", "fd00:10:96::77"]);
    // without ipFamilies: inferred from the addresses
    assert_eq!(svc(&e("10.96.0.77, \"fd00:10:96::77\"", ""), "web").ip_families, vec!["IPv4", "IPv6"]);
    // one address written: the other family's is drawn
    let one = e("10.96.0.77", "");
    assert!(errors(&one).is_empty(), "{:?}", errors(&one));
    let s = svc(&one, "web");
    assert_eq!(s.cluster_ips[0], "10.96.0.77");
    assert!(in_range("fd00:10:96::/112", &s.cluster_ips[1]), "{:?}", s.cluster_ips);
    assert_eq!(
        errors(&e("10.96.0.77, \"fd00:10:96::77\"", "  ipFamilies: [IPv6, IPv4]\n")),
        vec![
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.77\": expected an IPv6 value as indicated by `ipFamilies[0]`",
            "spec.clusterIPs[1]: Invalid value: \"fd00:10:96::77\": expected an IPv4 value as indicated by `ipFamilies[1]`"
        ]
    );
    assert_eq!(errors(&e("10.96.0.77, 10.96.0.78", "")), vec!["spec.clusterIPs: Invalid value: [\"10.96.0.77\",\"10.96.0.78\"]: may specify no more than one IP for each IP family"]);
    let outside = errors(&e("10.96.0.77, \"fd00:10:97::77\"", ""));
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert!(outside[0].starts_with("spec.clusterIPs: Invalid value: [\"10.96.0.77\",\"fd00:10:97::77\"]: failed to allocate IP fd00:10:97::77: the provided network does not match the current range"), "{outside:?}");
    // the second address already held by another Service
    let twice = format!(
        "{}---\n{}",
        service("  ipFamilyPolicy: RequireDualStack\n  clusterIP: 10.96.0.77\n  clusterIPs: [10.96.0.77, \"fd00:10:96::77\"]\n  selector: {app: web}\n  ports: [{port: 80}]\n"),
        service("  ipFamilyPolicy: RequireDualStack\n  clusterIP: 10.96.0.78\n  clusterIPs: [10.96.0.78, \"fd00:10:96::77\"]\n  selector: {app: web}\n  ports: [{port: 80}]\n").replace("name: web", "name: web2")
    );
    assert_eq!(errors(&run_cfg(&twice, dual_v4_first())), vec!["spec.clusterIPs: Invalid value: [\"10.96.0.78\",\"fd00:10:96::77\"]: failed to allocate IP fd00:10:96::77: provided IP is already allocated"]);
}

/// The EndpointSlice controller writes one slice per ipFamily (reconciler.go reconcile:
/// addressType per family; getEndpointAddresses: the pod's address of that family) and
/// kube-proxy runs a proxier per family: an `ipFamilies: [IPv6]` Service on an IPv4-first
/// dual-stack cluster DNATs to the pods' IPv6 addresses, its NodePort is reached on the nodes'
/// IPv6 addresses, SNAT uses those; no hop of its paths holds an IPv4 address (learner5
/// v6-ds-require.yaml's web-lb went [fd00:10:96::30f8]:80 => 10.244.0.2:80).
#[test]
fn reconciler_ipv6_service_on_an_ipv4_first_dual_stack_cluster() {
    let r = run_cfg(&format!("{WEB}---\n{}", service("  type: NodePort\n  ipFamilies: [IPv6]\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), dual_v4_first());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // pods and nodes of a dual-stack cluster: one address of each family (kind's pairing)
    for n in &r.nodes {
        assert!(!n.ip.contains(':') && n.ip_other.as_deref().is_some_and(|o| o.starts_with("2001:db8:49::")), "{n:?}");
        let v4 = Cidr::parse(&n.pod_cidr).expect("v4 range");
        let third = (v4.base >> 8) & 0xff;
        assert_eq!(n.pod_cidr_other.as_deref().and_then(Cidr::parse), Cidr::parse(&format!("fd00:10:244:{third:x}::/64")), "{n:?}");
    }
    for p in r.pods.iter() {
        let (ip, other) = (p.ip.as_deref().expect("ip"), p.ip_other.as_deref().expect("second address"));
        // the same offset in each range: 10.244.N.x ↔ fd00:10:244:N::x
        let last: u32 = ip.rsplit('.').next().and_then(|o| o.parse().ok()).expect("octet");
        assert!(other.ends_with(&format!("::{last:x}")), "{ip} {other}");
    }
    let s = svc(&r, "web");
    assert_eq!(s.ip_families, vec!["IPv6"]);
    assert!(s.endpoints.iter().all(|e| e.ip.starts_with("fd00:10:244:") && e.ip_second.is_none()), "{:?}", s.endpoints);
    for p in &s.paths {
        assert_eq!(p.outcome, Outcome::Delivered, "{:?}: {}", p.entry, p.reason);
        for h in &p.hops {
            for a in [&h.src, &h.dst].into_iter().chain(h.rewritten.as_ref()) {
                assert!(!a.contains('.') || a.ends_with('?'), "{:?} hop {} -> {}: {a}", p.entry, h.from, h.to);
            }
        }
    }
    let np = s.paths.iter().find(|p| p.entry == Entry::NodePort).expect("nodeport path");
    let node = r.nodes.iter().find(|n| Some(&n.name) == np.node.as_ref()).expect("node");
    let v6_node = node.ip_other.clone().expect("IPv6 address");
    assert_eq!(np.hops[0].dst, host_port(&v6_node, s.ports[0].node_port.expect("nodePort")));
    assert!(np.hops.last().expect("hop").explanation.contains(&format!("to the node's IP {v6_node}")));
    // the client dials from its IPv6 address on its node's IPv6 range
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert!(p.hops[0].src.starts_with("[fd00:10:244:") && p.hops[0].src.ends_with("::fa]:43512"), "{}", p.hops[0].src);
    // the report's client has that address as its second one
    assert_eq!(r.cluster.client_pod.ip_other.as_ref().map(|ip| host_port(ip, 43512)).as_deref(), Some(p.hops[0].src.as_str()));
    // the IPv6 proxier: ip6tables, IPv6 endpoints, the node's IPv6 address for SNAT
    let rules = super::iptables::rules_for(s, &r, &node.name);
    assert!(rules.ipv6);
    let lines: Vec<&str> = rules.rules.iter().map(|x| x.line.as_str()).collect();
    assert!(lines.iter().any(|l| l.contains("-j DNAT --to-destination [fd00:10:244:")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("10.244.")), "{lines:?}");
    // the IPv4 Service of the same cluster keeps IPv4 everything
    let r4 = run_cfg(&format!("{WEB}---\n{}", service("  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), dual_v4_first());
    let np4 = svc(&r4, "web").paths.iter().find(|p| p.entry == Entry::NodePort).expect("nodeport path");
    assert!(np4.hops[0].dst.starts_with("192.168.49."), "{}", np4.hops[0].dst);
}

/// A headless dual-stack Service (kubernetes/dns specification 2.4.1: A records for IPv4
/// endpoints, AAAA for IPv6 ones; one EndpointSlice per family): each ready pod answers both.
#[test]
fn dns_records_headless_dual_stack_a_and_aaaa() {
    let r = run_cfg(&format!("{WEB}---\n{}", service("  clusterIP: None\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{name: http, port: 8080}]\n")), dual_v4_first());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "web");
    assert_eq!(s.ip_families, vec!["IPv4", "IPv6"]);
    assert_eq!(s.cluster_ips, vec!["None"]);
    let fqdn = "web.default.svc.cluster.local";
    for e in &s.endpoints {
        let v6 = e.ip_second.as_deref().expect("IPv6 address");
        assert!(s.dns_records.iter().any(|d| d.kind == "A" && d.name == fqdn && d.answer == e.ip));
        assert!(s.dns_records.iter().any(|d| d.kind == "AAAA" && d.name == fqdn && d.answer == v6), "{:?}", s.dns_records);
        assert!(s.dns_records.iter().any(|d| d.kind == "AAAA" && d.name == format!("{}.{fqdn}", super::resolve::dashed(v6))));
    }
    // SingleStack: A only
    let single = run_cfg(&format!("{WEB}---\n{}", service("  clusterIP: None\n  selector: {app: web}\n  ports: [{name: http, port: 8080}]\n")), dual_v4_first());
    assert!(!svc(&single, "web").dns_records.iter().any(|d| d.kind == "AAAA"));
}

/// A dump of a dual-stack cluster (learner5 v6-ds-dump.yaml): the Service with clusterIPs
/// [v4, v6] answers A and AAAA; the IPv6-only Service's NodePort is reached on the Nodes' IPv6
/// InternalIPs (kubelet --node-ip v4,v6) and DNATs to the pods' IPv6 podIPs; the client on
/// kind-worker dials from that node's IPv6 range.
#[test]
fn a_dual_stack_dump_answers_aaaa_and_uses_the_nodes_ipv6_addresses() {
    let node = |n: &str, i: u8| format!("apiVersion: v1\nkind: Node\nmetadata: {{name: {n}, uid: n{i}}}\nspec: {{podCIDR: 10.244.{i}.0/24, podCIDRs: [10.244.{i}.0/24, \"fd00:10:244:{i}::/64\"]}}\nstatus: {{addresses: [{{type: InternalIP, address: 172.18.0.{}}}, {{type: InternalIP, address: \"fc00:f853:ccd:e793::{}\"}}]}}\n---\n", i + 2, i + 2);
    let pod = |n: &str, node: &str, i: u8, host: u8| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {n}, uid: p{i}, labels: {{app: web}}}}\nspec: {{nodeName: {node}, containers: [{{name: web, image: nginx}}]}}\nstatus:\n  phase: Running\n  podIP: 10.244.{host}.{i}\n  podIPs: [{{ip: 10.244.{host}.{i}}}, {{ip: \"fd00:10:244:{host}::{i}\"}}]\n  hostIP: 172.18.0.{}\n  conditions: [{{type: Ready, status: \"True\"}}]\n---\n", host + 2);
    let y = format!(
        "{}{}{}{}apiVersion: v1\nkind: Service\nmetadata: {{name: web, uid: s1}}\nspec:\n  type: NodePort\n  clusterIP: 10.96.44.10\n  clusterIPs: [10.96.44.10, \"fd00:10:96::2c0a\"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: PreferDualStack\n  selector: {{app: web}}\n  ports: [{{port: 80, targetPort: 8080, nodePort: 30080}}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {{name: web6, uid: s2}}\nspec:\n  type: NodePort\n  clusterIP: \"fd00:10:96::2c0b\"\n  clusterIPs: [\"fd00:10:96::2c0b\"]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {{app: web}}\n  ports: [{{port: 80, targetPort: 8080, nodePort: 30081}}]\n",
        node("kind-worker", 1),
        node("kind-worker2", 2),
        pod("web-a", "kind-worker", 5, 1),
        pod("web-b", "kind-worker2", 7, 2)
    );
    let r = run(&y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let web = svc(&r, "web");
    assert_eq!(web.cluster_ips, vec!["10.96.44.10", "fd00:10:96::2c0a"]);
    assert!(web.dns_records.iter().any(|d| d.kind == "AAAA" && d.answer == "fd00:10:96::2c0a"), "{:?}", web.dns_records);
    assert!(web.dns_records.iter().any(|d| d.kind == "A" && d.answer == "10.96.44.10"));
    let web6 = svc(&r, "web6");
    let np = web6.paths.iter().find(|p| p.entry == Entry::NodePort && p.node.as_deref() == Some("kind-worker")).expect("nodeport path");
    assert_eq!(np.hops[0].dst, "[fc00:f853:ccd:e793::3]:30081");
    assert!(np.hops.last().and_then(|h| h.rewritten.as_deref()).is_some_and(|d| d.starts_with("[fd00:10:244:")), "{:?}", np.hops.last());
    let p = web6.paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!((p.node.as_deref(), p.hops[0].src.as_str()), (Some("kind-worker"), "[fd00:10:244:1::fa]:43512"));
}

/// An IPv6 cluster's List without uid/resourceVersion (learner5 v6-kind-dump.yaml): no Service
/// tells the family, but every Node InternalIP and pod IP is IPv6, so it is read as an IPv6
/// cluster (kind's fd00:10:96::/112, holding the written clusterIP), said in a note; its
/// Services are accepted and the client is IPv6.
#[test]
fn inferred_service_cidr_from_ipv6_nodes_and_pods() {
    let y = "apiVersion: v1\nkind: Node\nmetadata: {name: kind-worker}\nspec: {podCIDR: \"fd00:10:244:1::/64\"}\nstatus: {addresses: [{type: InternalIP, address: \"fc00:f853:ccd:e793::3\"}]}\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: \"fd00:10:96::5a1c\"\n  clusterIPs: [\"fd00:10:96::5a1c\"]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web-hl}\nspec: {clusterIP: None, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n---\n\
apiVersion: v1\nkind: Pod\nmetadata: {name: web-a, labels: {app: web}}\nspec: {nodeName: kind-worker, containers: [{name: web, image: nginx}]}\nstatus: {phase: Running, podIP: \"fd00:10:244:1::5\", podIPs: [{ip: \"fd00:10:244:1::5\"}], hostIP: \"fc00:f853:ccd:e793::3\", conditions: [{type: Ready, status: \"True\"}]}\n";
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "fd00:10:96::/112");
    assert!(r.diagnostics.iter().any(|d| d.code == "ServiceCIDR" && d.message.contains("every Node InternalIP and pod IP in the input is IPv6")), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    let p = svc(&r, "web-hl").paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert!(p.hops[0].src.starts_with("[fd00:10:244:1::"), "{}", p.hops[0].src);
    assert!(svc(&r, "web-hl").dns_records.iter().any(|d| d.kind == "AAAA" && d.answer == "fd00:10:244:1::5"));
    // an IPv4 set of addresses changes nothing; a mixed one neither
    let v4 = y.replace("fd00:10:244:1::5", "10.244.1.5").replace("fc00:f853:ccd:e793::3", "172.18.0.3").replace("fd00:10:244:1::/64", "10.244.1.0/24");
    assert_eq!(run(&v4).cluster.service_cidr, "10.96.0.0/12");
    let mixed = y.replace("podIP: \"fd00:10:244:1::5\"", "podIP: 10.244.1.5");
    assert_eq!(run(&mixed).cluster.service_cidr, "10.96.0.0/12");
}

/// getEndpointAddresses (endpointslice utils.go): a pod's addresses of the slice's family only;
/// a dumped pod whose status.podIPs holds no IPv6 address is in no IPv6 EndpointSlice, so an
/// IPv6 Service of a dual-stack cluster never DNATs to its IPv4 address (a near miss says why).
#[test]
fn get_endpoint_addresses_pod_without_the_services_family() {
    let y = "apiVersion: v1\nkind: Service\nmetadata: {name: six, uid: s1}\nspec:\n  clusterIP: \"fd00:10:96::77\"\n  clusterIPs: [\"fd00:10:96::77\"]\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: both, uid: b1}\nspec:\n  clusterIP: 10.96.77.5\n  clusterIPs: [10.96.77.5, \"fd00:10:96::6a3b\"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n\
apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, uid: p1, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\nstatus:\n  phase: Running\n  podIP: 10.244.1.5\n  podIPs: [{ip: 10.244.1.5}]\n  conditions: [{type: Ready, status: \"True\"}]\n";
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let six = svc(&r, "six");
    assert!(six.endpoints.is_empty(), "{:?}", six.endpoints);
    assert!(six.near_misses.iter().any(|m| m.pod == "web-1" && m.reason.contains("no IPv6 one")), "{:?}", six.near_misses);
    assert!(six.paths.iter().all(|p| p.hops.iter().all(|h| h.rewritten.as_deref() != Some("10.244.1.5:80"))));
    // the dual-stack Service: its IPv4 slice has the pod, its IPv6 slice nothing
    let both = svc(&r, "both");
    assert_eq!(both.endpoints.iter().map(|e| (e.ip.as_str(), e.ip_second.as_deref())).collect::<Vec<_>>(), vec![("10.244.1.5", None)]);
}

/// kube-proxy runs one proxier per family (NewDualStackProxier): a dual-stack Service's
/// IPv6 clusterIP has its own ip6tables rules, DNAT to the pods' IPv6 addresses, beside the
/// IPv4 proxier's rules for its IPv4 clusterIP; a Service of one family has no second set.
#[test]
fn new_dual_stack_proxier_rules_per_family() {
    let r = run_cfg(&format!("{WEB}---\n{}", service("  type: NodePort\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), dual_v4_first());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "web");
    let first = super::iptables::rules_for(s, &r, "node-1");
    let second = super::iptables::rules_for_second_family(s, &r, "node-1").expect("the IPv6 proxier's rules");
    assert!(!first.ipv6 && second.ipv6);
    let lines = |set: &super::iptables::RuleSet| set.rules.iter().map(|x| x.line.clone()).collect::<Vec<_>>();
    let (l4, l6) = (lines(&first), lines(&second));
    assert!(l4.iter().any(|l| l.contains(&format!("-d {} --dport 80", s.cluster_ips[0]))), "{l4:?}");
    assert!(l6.iter().any(|l| l.contains(&format!("-d {} --dport 80", s.cluster_ips[1]))), "{l6:?}");
    assert!(l6.iter().any(|l| l.contains("-j DNAT --to-destination [fd00:10:244:")), "{l6:?}");
    assert!(!l6.iter().any(|l| l.contains("10.244.") || l.contains("10.96.") || l.contains("192.168.")), "{l6:?}");
    assert!(!l4.iter().any(|l| l.contains("fd00:")), "{l4:?}");
    // one family: none
    let single = run_cfg(&format!("{WEB}---\n{}", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), dual_v4_first());
    assert!(super::iptables::rules_for_second_family(svc(&single, "web"), &single, "node-1").is_none());
}

/// NetworkPolicy on a dual-stack cluster (the policy selects pods, whatever the family of the
/// address the connection uses; an ipBlock matches the address the client sends from): an
/// IPv6 Service's backends are its pods at their IPv6 addresses, so a policy isolating them
/// applies, and the in-cluster client is seen at its IPv6 address.
#[test]
fn network_policy_on_a_dual_stack_clusters_ipv6_service() {
    let policy = |from: &str| format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p}}\nspec:\n  podSelector: {{matchLabels: {{app: web}}}}\n  policyTypes: [Ingress]\n{from}");
    let y = |from: &str| format!("{WEB}---\n{}---\n{}", service("  ipFamilies: [IPv6]\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n"), policy(from));
    let outcome = |from: &str| {
        let r = run_cfg(&y(from), dual_v4_first());
        assert!(errors(&r).is_empty(), "{:?}", errors(&r));
        let p = svc(&r, "web").paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path").clone();
        (p.outcome, p.reason)
    };
    // deny all ingress: the IPv6 path is refused as the IPv4 one would be
    assert_ne!(outcome("").0, Outcome::Delivered);
    // an ipBlock holding the client's IPv6 address admits it; one holding only its IPv4 one not
    let v6 = outcome("  ingress: [{from: [{ipBlock: {cidr: \"fd00:10:244::/56\"}}]}]\n");
    assert_eq!(v6.0, Outcome::Delivered, "{}", v6.1);
    assert_ne!(outcome("  ingress: [{from: [{ipBlock: {cidr: 10.244.0.0/16}}]}]\n").0, Outcome::Delivered);
    // a podSelector rule admits the client pod whatever family it uses
    let sel = outcome("  ingress: [{from: [{podSelector: {matchLabels: {run: client}}}]}]\n");
    assert_eq!(sel.0, Outcome::Delivered, "{}", sel.1);
}

/// A dual-stack dump whose pod ranges are not kind's (Calico-style 192.168.x/26 and
/// fd5b:…): a node's IPv6 pod range is read off the podIPs of the pods bound there (host-local
/// IPAM: one address from each of the node's spec.podCIDRs), so the in-cluster client on that
/// node dials an IPv6 Service from that range.
#[test]
fn a_dual_stack_dumps_pod_ranges_of_the_other_family_come_from_its_pods() {
    let y = &[DUAL_STACK_DUMP_SERVICES, "apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, uid: p1, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\nstatus:\n  phase: Running\n  podIP: 192.168.33.5\n  podIPs: [{ip: 192.168.33.5}, {ip: \"fd5b:6f2e:9a1c:4d00::5\"}]\n  hostIP: 10.0.0.11\n  conditions: [{type: Ready, status: \"True\"}]\n"].concat();
    let r = run(y);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.nodes[0].pod_cidr_other.as_deref(), Some("fd5b:6f2e:9a1c:4d00::/64"));
    let p = svc(&r, "six").paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.hops[0].src, "[fd5b:6f2e:9a1c:4d00::fa]:43512");
    assert_eq!(svc(&r, "six").endpoints[0].ip, "fd5b:6f2e:9a1c:4d00::5");
}

/// The page gets the report as bytes (core::wire): a dual-stack report's new fields
/// (clusterIPs, ipFamilies, serviceCIDRs, the nodes' and pods' second addresses, the endpoints'
/// second-family ones) come back as they went.
#[test]
fn a_dual_stack_report_round_trips_on_the_wire() {
    let r = run_cfg(&format!("{WEB}---\n{}", service("  clusterIP: None\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 8080}]\n").replace("name: web\n", "name: web-hl\n") + "---\n" + &service("  type: NodePort\n  ipFamilyPolicy: RequireDualStack\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")), dual_v4_first());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(r.services.iter().any(|s| s.cluster_ips.len() == 2) && r.services.iter().any(|s| s.endpoints.iter().any(|e| e.ip_second.is_some())));
    assert!(r.pods.iter().all(|p| p.ip_other.is_some()) && r.nodes.iter().all(|n| n.ip_other.is_some() && n.pod_cidr_other.is_some()));
    let back = super::wire::decode(&super::wire::encode(&r)).expect("decodes");
    assert_eq!(back.to_json(), r.to_json());
    assert_eq!(back.services, r.services);
    assert_eq!(back.pods, r.pods);
    assert_eq!(back.cluster, r.cluster);
}
