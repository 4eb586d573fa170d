//! Connections, not requests: kube-proxy chooses an endpoint when a connection is opened (the
//! first packet of a flow traverses KUBE-SVC-*; later packets follow the conntrack entry the
//! DNAT created), so where requests land depends on how the client uses connections.
//!
//! Sources: kubernetes/kubernetes pkg/proxy/iptables/proxier.go `writeServiceToEndpointRules`
//! (the `-m statistic --mode random` pick runs for new connections only: the nat table sees
//! only a flow's first packet) and, for `sessionAffinity: ClientIP`, the `-m recent --rcheck
//! --seconds <timeoutSeconds>` rules that send a client seen recently to the endpoint it used
//! before. Client behaviour: HTTP/1.1 keeps connections open for reuse (RFC 9112 §9.3,
//! persistent connections) and a client pool holds N of them; HTTP/2 — and so gRPC — multiplexes
//! every request as a stream on one connection (RFC 9113 §5), so a gRPC client with one channel
//! sends everything to one pod, and scaling the Deployment up does not move it.

use super::config::fnv;
use super::paths::{Backend, HopKind, Path};

/// Who chooses the endpoint of a new connection on a path. kube-proxy skips a headless Service
/// (no clusterIP) and an ExternalName Service: it writes no KUBE-SVC rule for them
/// (kubernetes/kubernetes pkg/proxy/util/utils.go `ShouldSkipService`), so nothing in the
/// cluster DNATs or balances their connections (learner8 W1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Picker {
    /// KUBE-SVC-* picks at random per new connection, and DNATs to it
    #[default]
    KubeProxy,
    /// headless: DNS answers with an A record per ready endpoint and the client dials one of
    /// them itself (which one is its resolver's choice); no DNAT
    ClientDns { records: usize },
    /// ExternalName: the client follows the CNAME out of the cluster; nothing forwards it
    Cname { target: String },
    /// an Ingress's controller (core::ingress::paths): it ends the client's connection and
    /// sends each request to an endpoint it picks itself (ingress-nginx: round-robin, its
    /// `load-balance` default), over connections of its own
    IngressController,
}

/// The picker of a path: kube-proxy when a hop DNATs; else the client, when the path dials
/// straight to an address (a `direct` hop: headless, ExternalName).
pub fn picker(path: &Path) -> Picker {
    // (a Gateway's proxy picks an endpoint as an ingress controller does: core::gateway::paths)
    if matches!(path.entry, super::paths::Entry::Ingress | super::paths::Entry::HttpRoute) {
        return Picker::IngressController;
    }
    if path.hops.iter().any(|h| matches!(h.kind, HopKind::Dnat | HopKind::SnatDnat)) {
        return Picker::KubeProxy;
    }
    match path.hops.iter().find(|h| h.kind == HopKind::Direct) {
        Some(h) => match h.to.strip_prefix("external:") {
            Some(t) => Picker::Cname { target: t.to_string() },
            // paths.rs gives a headless path its first ready endpoint with the chance 1/ready
            None => Picker::ClientDns { records: path.backends.first().map(|b| (1.0 / b.probability.max(1e-9)).round() as usize).unwrap_or(1).max(1) },
        },
        None => Picker::KubeProxy,
    }
}

/// The Connections panel's line for a client mode and who picks (the panel said "kube-proxy
/// picks an endpoint for every new connection" on a headless Service; learner8 W1).
pub fn mode_line(picker: &Picker, mode: ClientMode) -> String {
    match (picker, mode) {
        (Picker::KubeProxy, ClientMode::PerRequest) => "kube-proxy picks an endpoint for every new connection, so requests spread.".to_string(),
        (Picker::KubeProxy, ClientMode::KeepAlive(1)) => "kube-proxy picks only when the one connection opens; after that, every request reuses it and lands where that connection went.".to_string(),
        (Picker::KubeProxy, ClientMode::KeepAlive(n)) => format!("kube-proxy picks only when one of the {n} connections opens; after that, requests reuse them in turn and land where those connections went."),
        (Picker::KubeProxy, ClientMode::Multiplexed) => "Every request is a stream on one connection: kube-proxy picked once, so every request lands on one pod — and scaling up does not rebalance it.".to_string(),
        (Picker::ClientDns { records }, m) => format!(
            "Headless: kube-proxy skips this Service (no virtual IP, no DNAT; ShouldSkipService). DNS answers with {}, one per ready endpoint, and the client connects to one of those addresses itself — which one is its resolver's choice. {}",
            super::report::count(*records, "A record", "A records"),
            match m {
                ClientMode::PerRequest => "Requests spread only if the client re-resolves or balances across the addresses itself.",
                ClientMode::KeepAlive(_) => "Kept-alive connections stay on the pods they were opened to.",
                ClientMode::Multiplexed => "One long-lived connection: every request lands on the one pod it was opened to, unless the client balances itself (gRPC's round_robin opens one per address).",
            }
        ),
        (Picker::IngressController, _) => "Through an Ingress (or a Gateway): the client's connection ends at the ingress controller (the Gateway's proxy), which sends each request to an endpoint it picks itself (ingress-nginx: round-robin by default), whatever the client's connections do; kube-proxy is not in this path.".to_string(),
        (Picker::Cname { target }, _) => format!("ExternalName: the client follows the CNAME to {target} and connects there itself; kube-proxy skips this Service (ShouldSkipService) and nothing in the cluster forwards or balances the connection."),
    }
}

/// The connection table's endpoint column: a DNAT target, or an address the client dialled.
pub fn endpoint_column(picker: &Picker) -> &'static str {
    match picker {
        Picker::KubeProxy => "pod (DNAT)",
        Picker::IngressController => "pod (the controller's upstream)",
        _ => "pod (dialled directly, no DNAT)",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientMode {
    /// a new TCP connection for every request (curl in a loop, HTTP/1.0, `Connection: close`)
    PerRequest,
    /// HTTP/1.1 keep-alive: a pool of up to N persistent connections, used in turn
    KeepAlive(u32),
    /// HTTP/2 or gRPC: one long-lived connection, every request a stream on it
    Multiplexed,
}

impl ClientMode {
    /// `new`, `keepalive-N`, `grpc`
    pub fn key(&self) -> String {
        match self {
            ClientMode::PerRequest => "new".into(),
            ClientMode::KeepAlive(n) => format!("keepalive-{n}"),
            ClientMode::Multiplexed => "grpc".into(),
        }
    }
    pub fn parse(s: &str) -> ClientMode {
        match s {
            "grpc" => ClientMode::Multiplexed,
            s => match s.strip_prefix("keepalive-").and_then(|n| n.parse::<u32>().ok()) {
                Some(n) => ClientMode::KeepAlive(n.clamp(1, 16)),
                None => ClientMode::PerRequest,
            },
        }
    }
}

/// The mode a Service port's appProtocol implies, and the caption's words for why: a port
/// marked HTTP/2 (`kubernetes.io/h2c`, KEP-3726; `grpc` or `http2`, names implementations and
/// meshes read) is served to clients that keep one connection and multiplex every request on it
/// (RFC 9113 §5), so the panel starts there (learner7 6a: it started per-request and spread).
/// kube-proxy itself ignores appProtocol (pkg/proxy/iptables/proxier.go writes no rule from it):
/// this is the client's behaviour, not a rule.
pub fn mode_for_app_protocol(app_protocol: Option<&str>) -> Option<(ClientMode, String)> {
    let ap = app_protocol?;
    matches!(ap.to_ascii_lowercase().as_str(), "kubernetes.io/h2c" | "h2c" | "grpc" | "http2" | "kubernetes.io/grpc")
        .then(|| (ClientMode::Multiplexed, format!("appProtocol {ap}: one long-lived connection (HTTP/2 multiplexes every request on it).")))
}

/// How to spread a long-lived connection's requests: advice (kubernetes.io blog "gRPC Load
/// Balancing on Kubernetes without Tears", 2018), not a rule kube-proxy follows.
pub const LONG_LIVED_REMEDY: &str = "To spread the requests: a headless Service (clusterIP: None) gives the client every pod's IP, so a client-side balancer (gRPC's round_robin) opens a connection to each; or put an L7 proxy or service mesh in between, which balances each request rather than each connection.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conn {
    /// 1, 2, … in the order the client opened them
    pub id: u32,
    /// `ip:port` kube-proxy DNATed this connection to
    pub endpoint: String,
    pub pod: Option<String>,
    pub requests: u32,
}

/// One client's connections to one Service (what conntrack remembers for it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Client {
    pub conns: Vec<Conn>,
    pub opened: u32,
    pub sent: u32,
    /// the endpoint `-m recent` remembers for this client IP (sessionAffinity ClientIP); kube-proxy
    /// keeps one recent list per endpoint chain (`--name KUBE-SEP-…`, a chain of one Service port),
    /// so a client's affinity is per Service port: the page starts a new `Client` for each
    pub remembered: Option<String>,
    /// what tells this client's random picks from another's (the page: a hash of the Service and
    /// port), so two Services over the same pods do not pick alike; 0 = none
    pub seed: u64,
    /// the port is UDP: no connections, conntrack flows (learner9 U Q15); every datagram is
    /// sent from a new source port (as DNS resolvers do), so each one is a new flow kube-proxy
    /// picks for, and the words say "datagram" and "flow"
    pub udp: bool,
    next: usize,
}

/// What the Connections table, the caption and the packet label call one of the client's
/// connections: a UDP "connection" is a conntrack flow (learnfix10 item 6).
pub fn conn_noun(udp: bool) -> &'static str {
    if udp {
        "flow"
    } else {
        "connection"
    }
}

/// Where one request went and on which connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub request: u32,
    pub conn: u32,
    /// this request opened the connection (so kube-proxy chose the endpoint just now)
    pub opened: bool,
    /// index into the path's backends
    pub backend: usize,
    pub endpoint: String,
    pub pod: Option<String>,
    /// the caption: which connection it rides and why that pod
    pub why: String,
}

fn addr(b: &Backend) -> String {
    super::config::host_port(&b.ip, b.port)
}

impl Client {
    /// Send one request. `backends` are kube-proxy's current choices; `alive(endpoint)` says
    /// whether an open connection's pod still runs (a connection to a deleted pod is reset and
    /// the client reconnects; one to a pod that only left the endpoints keeps flowing, because
    /// established flows follow conntrack, not the KUBE-SVC rules). `sticky` = ClientIP affinity.
    pub fn send(&mut self, mode: ClientMode, backends: &[Backend], sticky: bool, alive: impl Fn(&str) -> bool) -> Option<Delivery> {
        self.send_by(&Picker::KubeProxy, mode, backends, sticky, alive)
    }

    /// The drawn request, whose pod the caption names ("first pick …; sessionAffinity ClientIP
    /// sticks this client to the first pick"), was this client's first connection: under
    /// sessionAffinity its endpoint chain's `-m recent --set` remembered the client there
    /// (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules), so the client's next
    /// connections go to `drawn`. Nothing once the client has connected or remembers a pod.
    /// (learn16 Q14: Send 12 stuck to another pod than the caption's first pick.) Each Service
    /// port keeps its own client, so affinity stays per port.
    pub fn adopt_first_pick(&mut self, drawn: &Backend) {
        if self.opened == 0 && self.remembered.is_none() {
            self.remembered = Some(addr(drawn));
        }
    }

    /// [`Client::send`] on a path whose new connections `picker` chooses: a headless path's
    /// client dials an address DNS gave it (no KUBE-SVC pick, no DNAT, and sessionAffinity does
    /// nothing: kube-proxy writes no rule for the Service).
    pub fn send_by(&mut self, picker: &Picker, mode: ClientMode, backends: &[Backend], sticky: bool, alive: impl Fn(&str) -> bool) -> Option<Delivery> {
        if *picker == Picker::IngressController {
            return self.send_by_controller(backends, alive);
        }
        let by_proxy = *picker == Picker::KubeProxy;
        let sticky = sticky && by_proxy;
        // (UDP: no keep-alive or HTTP/2 connection to reuse; a new source port each time)
        let mode = if self.udp { ClientMode::PerRequest } else { mode };
        let before = self.conns.len();
        self.conns.retain(|c| alive(&c.endpoint));
        let reset = before - self.conns.len();
        if mode == ClientMode::PerRequest {
            self.conns.clear(); // each request closes its connection
        }
        let limit = match mode {
            ClientMode::PerRequest => 1,
            ClientMode::KeepAlive(n) => n as usize,
            ClientMode::Multiplexed => 1,
        };
        self.conns.truncate(limit);
        self.sent += 1;
        let request = self.sent;
        let reuse = match mode {
            ClientMode::PerRequest => None,
            _ if self.conns.len() < limit => None,
            _ => {
                let i = self.next % self.conns.len();
                self.next += 1;
                Some(i)
            }
        };
        let (i, opened, why_pick) = match reuse {
            Some(i) => (i, false, String::new()),
            None => {
                if backends.is_empty() {
                    return None;
                }
                self.opened += 1;
                let id = self.opened;
                let remembered = self.remembered.as_ref().and_then(|r| backends.iter().position(|b| &addr(b) == r));
                let (pick, why) = match (sticky, remembered) {
                    _ if !by_proxy => {
                        let n = match picker {
                            Picker::ClientDns { records } => *records,
                            _ => backends.len(),
                        };
                        let first = backends[0].pod.clone().unwrap_or_else(|| addr(&backends[0]));
                        (0, format!("the client resolved the name to {}, one per ready endpoint, and dialled one of them itself — which one is its resolver's choice; the page shows the first, {first}. kube-proxy skips a headless Service, so nothing DNATs it", super::report::count(n, "A record", "A records")))
                    }
                    (true, Some(p)) => (p, "sessionAffinity ClientIP: this Service port's -m recent rules (one list per endpoint chain, KUBE-SEP-…) remember this client, so the new connection goes to the same pod".to_string()),
                    _ => {
                        let key = if self.seed == 0 { format!("connection-{id}") } else { format!("{}-connection-{id}", self.seed) };
                        let p = (fnv(&key) % backends.len() as u64) as usize;
                        (p, format!("kube-proxy's KUBE-SVC rules picked 1 of {} endpoints at random for this new connection", backends.len()))
                    }
                };
                if sticky {
                    self.remembered = Some(addr(&backends[pick]));
                }
                self.conns.push(Conn { id, endpoint: addr(&backends[pick]), pod: backends[pick].pod.clone(), requests: 0 });
                (self.conns.len() - 1, true, why)
            }
        };
        let c = &mut self.conns[i];
        c.requests += 1;
        let backend = backends.iter().position(|b| addr(b) == c.endpoint).unwrap_or(usize::MAX);
        let who = c.pod.clone().unwrap_or_else(|| c.endpoint.clone());
        let mut why = if self.udp && opened {
            let pick = if by_proxy { format!("kube-proxy's KUBE-SVC rules picked 1 of {} endpoints at random for this new flow, and conntrack keeps the pick for its later datagrams", backends.len()) } else { why_pick.clone() };
            format!("Datagram {request} is sent from a new source port, so it opens flow #{}: {pick} ({who}).", c.id)
        } else if opened && !by_proxy {
            format!("Request {request} opens connection #{}: {why_pick}.", c.id)
        } else if opened {
            format!("Request {request} opens connection #{}: {why_pick} ({who}).", c.id)
        } else {
            let kind = match mode {
                ClientMode::Multiplexed => "an HTTP/2 stream on the one long-lived connection",
                _ => "a kept-alive connection",
            };
            let then = if by_proxy { format!("no new connection, so kube-proxy chooses nothing; conntrack sends it to {who} again") } else { format!("no new connection, so it goes to {who} again, the address the client dialled") };
            format!("Request {request} rides connection #{} ({kind}, {} so far): {then}.", c.id, super::report::count(c.requests as usize, "request", "requests"))
        };
        if !opened && backend == usize::MAX {
            why.push_str(" That pod is no longer an endpoint, but an established connection keeps flowing to it.");
        }
        if reset > 0 {
            why.push_str(&match reset {
                1 => " 1 connection was reset: its pod is gone.".to_string(),
                n => format!(" {n} connections were reset: their pod is gone."),
            });
        }
        Some(Delivery { request, conn: c.id, opened, backend, endpoint: c.endpoint.clone(), pod: c.pod.clone(), why })
    }
}

impl Client {
    /// One request through an ingress controller: it picks the endpoint per request, in turn
    /// (ingress-nginx's round_robin), and keeps a connection of its own to each endpoint (a row
    /// per pod); the client's connection mode does not change where requests land.
    fn send_by_controller(&mut self, backends: &[Backend], alive: impl Fn(&str) -> bool) -> Option<Delivery> {
        if backends.is_empty() {
            return None;
        }
        self.conns.retain(|c| alive(&c.endpoint));
        self.sent += 1;
        let request = self.sent;
        let pick = (request as usize - 1) % backends.len();
        let endpoint = addr(&backends[pick]);
        let opened = !self.conns.iter().any(|c| c.endpoint == endpoint);
        if opened {
            self.opened += 1;
            self.conns.push(Conn { id: self.opened, endpoint: endpoint.clone(), pod: backends[pick].pod.clone(), requests: 0 });
        }
        let c = self.conns.iter_mut().find(|c| c.endpoint == endpoint)?;
        c.requests += 1;
        let who = c.pod.clone().unwrap_or_else(|| c.endpoint.clone());
        let why = format!(
            "Request {request}: the ingress controller picked {who} in turn (round-robin over {}, ingress-nginx's default), on {} of its own to that pod; the client's connection ends at the controller.",
            super::report::count(backends.len(), "endpoint", "endpoints"),
            if opened { format!("a new connection #{}", c.id) } else { format!("its connection #{}", c.id) }
        );
        Some(Delivery { request, conn: c.id, opened, backend: pick, endpoint, pod: c.pod.clone(), why })
    }
}

/// The Connections panel on a UDP port (learner9 U Q15): UDP has no connection for kube-proxy
/// to pick once for; its DNAT lives in the kernel's conntrack table per flow (source IP:port ↔
/// Service IP:port), so datagrams from one source port keep going to the pod the first one
/// went to until the flow idles out, and kube-proxy deletes the flows of an endpoint that goes
/// away (pkg/proxy/conntrack/cleanup.go CleanStaleEntries). No keep-alive or HTTP/2 mode
/// applies.
pub const UDP_FLOWS: &str = "UDP has no connections: kube-proxy's DNAT is remembered by conntrack per flow (source IP and port ↔ Service IP and port). Datagrams sent from the same source port go to the same pod until the flow idles out; a client that sends each query from a new source port (as DNS resolvers do) is balanced per query. When an endpoint goes away kube-proxy deletes its UDP flows (CleanStaleEntries), so the next datagram picks again.";

#[cfg(test)]
mod tests {
    use super::*;

    fn backends(n: usize) -> Vec<Backend> {
        (0..n).map(|i| Backend { pod: Some(format!("web-{i}")), ip: format!("10.244.{i}.2"), port: 8080, node: None, declared: None, refused: None, declared_as: None, probability: 1.0 / n as f64 }).collect()
    }
    fn pods(c: &Client, mode: ClientMode, b: &[Backend], sticky: bool, n: usize) -> (Client, Vec<String>) {
        let mut c = c.clone();
        let v = (0..n).filter_map(|_| c.send(mode, b, sticky, |_| true)).map(|d| d.pod.unwrap_or_default()).collect();
        (c, v)
    }
    fn distinct(v: &[String]) -> usize {
        let mut d = v.to_vec();
        crate::core::sort::sort(&mut d);
        d.dedup();
        d.len()
    }

    /// learner7 6a: a port with appProtocol kubernetes.io/h2c starts the panel in the
    /// long-lived mode (its caption says why); plain HTTP or none does not.
    #[test]
    fn app_protocol_h2c_grpc_http2_start_in_the_long_lived_mode() {
        for ap in ["kubernetes.io/h2c", "grpc", "http2", "GRPC"] {
            let (mode, why) = mode_for_app_protocol(Some(ap)).expect(ap);
            assert_eq!(mode, ClientMode::Multiplexed);
            assert_eq!(why, format!("appProtocol {ap}: one long-lived connection (HTTP/2 multiplexes every request on it)."));
        }
        for ap in [None, Some("http"), Some("kubernetes.io/ws"), Some("")] {
            assert_eq!(mode_for_app_protocol(ap), None, "{ap:?}");
        }
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/learner7/06-grpc.yaml")).expect("fixture");
        let r = crate::core::analyze(&text, &crate::core::config::Config::default());
        assert_eq!(r.services[0].ports[0].app_protocol.as_deref(), Some("kubernetes.io/h2c"));
        assert!(LONG_LIVED_REMEDY.contains("headless Service") && LONG_LIVED_REMEDY.contains("service mesh"));
    }

    #[test]
    fn grpc_sends_twelve_requests_to_one_pod() {
        let (c, v) = pods(&Client::default(), ClientMode::Multiplexed, &backends(3), false, 12);
        assert_eq!(distinct(&v), 1);
        assert_eq!(c.opened, 1);
        // scaling up does not rebalance the open connection
        let (_, more) = pods(&c, ClientMode::Multiplexed, &backends(6), false, 12);
        assert_eq!(more, vec![v[0].clone(); 12]);
    }

    #[test]
    fn new_connection_per_request_spreads() {
        let (c, v) = pods(&Client::default(), ClientMode::PerRequest, &backends(3), false, 12);
        assert_eq!(distinct(&v), 3, "{v:?}");
        assert_eq!(c.opened, 12);
    }

    #[test]
    fn keep_alive_uses_its_pool_in_turn() {
        let mut c = Client::default();
        let b = backends(3);
        let d: Vec<Delivery> = (0..8).filter_map(|_| c.send(ClientMode::KeepAlive(2), &b, false, |_| true)).collect();
        assert_eq!(c.opened, 2);
        assert_eq!(d.iter().filter(|d| d.opened).count(), 2);
        assert_eq!(d.iter().map(|d| d.conn).collect::<Vec<_>>(), vec![1, 2, 1, 2, 1, 2, 1, 2]);
        assert!(d[2].why.contains("rides connection #1"));
    }

    #[test]
    fn client_ip_affinity_sends_every_new_connection_to_the_same_pod() {
        let (c, v) = pods(&Client::default(), ClientMode::PerRequest, &backends(3), true, 12);
        assert_eq!(distinct(&v), 1);
        assert_eq!(c.opened, 12);
    }

    /// proxier.go writeServiceToEndpointRules: `-m recent --name <KUBE-SEP chain>` — one list per
    /// endpoint chain, so per Service port: two Services over the same pods each make their own
    /// first pick (learner6 c3: both Services' bursts landed on one pod, read as shared affinity)
    #[test]
    fn client_ip_affinity_is_per_service_port() {
        let b = backends(4);
        let first = |seed: u64| {
            let mut c = Client { seed, ..Client::default() };
            let d: Vec<Delivery> = (0..3).filter_map(|_| c.send(ClientMode::PerRequest, &b, true, |_| true)).collect();
            assert!(d[1].why.contains("this Service port's -m recent rules"), "{}", d[1].why);
            d[0].endpoint.clone()
        };
        let picks: std::collections::BTreeSet<String> = (1..=8).map(first).collect();
        assert!(picks.len() > 1, "clients of different Service ports pick on their own: {picks:?}");
    }

    #[test]
    fn a_deleted_pod_resets_its_connection() {
        let mut c = Client::default();
        let b = backends(3);
        let first = c.send(ClientMode::Multiplexed, &b, false, |_| true).expect("delivered");
        let gone = first.endpoint.clone();
        let next = c.send(ClientMode::Multiplexed, &b, false, |e| e != gone).expect("delivered");
        assert!(next.opened && next.conn == 2 && next.why.contains("reset"), "{next:?}");
    }

    #[test]
    fn modes_round_trip() {
        for m in [ClientMode::PerRequest, ClientMode::KeepAlive(4), ClientMode::Multiplexed] {
            assert_eq!(ClientMode::parse(&m.key()), m);
        }
    }
}

