#!/usr/bin/env python3
"""Deterministic synthetic cluster dumps for `./dev bench` and `cargo bench --bench analyze`.

Shaped like `kubectl get pods,services -A -o yaml` (keys sorted as kubectl prints them): per 10
pods one Service, cycling through every type (ClusterIP, NodePort, LoadBalancer, headless,
ExternalName); pods with labels, a named container port, status (phase, IPs, conditions,
containerStatuses); 10% of pods not ready; 5% of Services with a selector typo.

    python3 tools/bench_dump.py OUT_DIR [PODS ...]

writes OUT_DIR/pods-N.yaml (a multi-document stream) and OUT_DIR/pods-N-list.yaml (the same
objects as one `kind: List`, as kubectl prints several objects) for each N (default
10 100 1000 4000 10000). Standard library only; same bytes on every run.

    python3 tools/bench_dump.py --endpoints OUT_DIR [PODS ...]

writes OUT_DIR/pods-N-endpoints.yaml instead: the same pods and Services, each selector
Service followed by the Endpoints and the EndpointSlice its controllers wrote (as a real
`kubectl get all,endpoints,endpointslices -A -o yaml` dump has them; a selector with a typo
gets an Endpoints without subsets and no slice).

    python3 tools/bench_dump.py --twice OUT_DIR [PODS ...]

writes OUT_DIR/pods-N-twice.yaml instead: one `kind: List` printing every pod twice with one
uid (`kubectl get all,pods -A -o yaml`: the pods under `all`, the Services, then the pods again).
"""
import os
import sys

TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "Headless", "ExternalName"]


def pod(i, svc, ns):
    ready = "False" if i % 10 == 3 else "True"
    ip = f"10.244.{i // 250}.{i % 250 + 2}"
    host = f"10.0.0.{i % 3 + 10}"
    return f"""apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-11-01T10:00:00Z"
  labels:
    app: app-{svc}
    pod-template-hash: 7b{svc:05d}c
  name: app-{svc}-{i % 10}
  namespace: {ns}
  resourceVersion: "{100000 + i}"
  uid: 00000000-0000-4000-8000-{i:012d}
spec:
  containers:
  - image: registry.example/app:1.{svc % 7}
    name: app
    ports:
    - containerPort: 8080
      name: http
      protocol: TCP
  restartPolicy: Always
status:
  conditions:
  - status: "{ready}"
    type: Ready
  containerStatuses:
  - image: registry.example/app:1.{svc % 7}
    name: app
    ready: {ready.lower()}
    restartCount: 0
  hostIP: {host}
  phase: Running
  podIP: {ip}
  podIPs:
  - ip: {ip}
  qosClass: BestEffort
"""


def service(s, ns):
    t = TYPES[s % len(TYPES)]
    app = f"app-{s}" if s % 20 != 7 else f"ap-{s}"  # 5% selector typos
    meta = f"""apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "2026-11-01T10:00:00Z"
  name: svc-{s}
  namespace: {ns}
  resourceVersion: "{900000 + s}"
  uid: 00000000-0000-4000-9000-{s:012d}
spec:
"""
    if t == "ExternalName":
        return meta + f"  externalName: db-{s}.example.com\n  type: ExternalName\n"
    body = ""
    if t == "Headless":
        body += "  clusterIP: None\n"
    body += "  ports:\n  - name: http\n"
    if t in ("NodePort", "LoadBalancer"):
        body += f"    nodePort: {30000 + s % 2700}\n"
    body += "    port: 80\n    protocol: TCP\n    targetPort: http\n"
    body += f"  selector:\n    app: {app}\n"
    body += f"  type: {'ClusterIP' if t == 'Headless' else t}\n"
    return meta + body


def endpoints(s, ns, n):
    """The Endpoints and EndpointSlice of Service svc-s (pods app-s-0 … app-s-9), as the
    endpoints and EndpointSlice controllers write them; [] for an ExternalName Service."""
    t = TYPES[s % len(TYPES)]
    if t == "ExternalName":
        return []
    pods = [i for i in range(s * 10, min(s * 10 + 10, n))] if s % 20 != 7 else []
    ip = lambda i: f"10.244.{i // 250}.{i % 250 + 2}"
    ready = [i for i in pods if i % 10 != 3]
    not_ready = [i for i in pods if i % 10 == 3]
    ref = lambda i, ind: (f"{ind}targetRef:\n{ind}  kind: Pod\n{ind}  name: app-{s}-{i % 10}\n"
                          f"{ind}  namespace: {ns}\n{ind}  uid: 00000000-0000-4000-8000-{i:012d}\n")
    ep = f"""apiVersion: v1
kind: Endpoints
metadata:
  creationTimestamp: "2026-11-01T10:00:00Z"
  name: svc-{s}
  namespace: {ns}
  resourceVersion: "{950000 + s}"
  uid: 00000000-0000-4000-a000-{s:012d}
"""
    if pods:
        ep += "subsets:\n"
        first = "- "
        if ready:
            ep += f"{first}addresses:\n" + "".join(f"  - ip: {ip(i)}\n" + ref(i, "    ") for i in ready)
            first = "  "
        if not_ready:
            ep += f"{first}notReadyAddresses:\n" + "".join(f"  - ip: {ip(i)}\n" + ref(i, "    ") for i in not_ready)
        ep += "  ports:\n  - name: http\n    port: 8080\n    protocol: TCP\n"
    if not pods:
        return [ep]
    slice_ = "addressType: IPv4\napiVersion: discovery.k8s.io/v1\nendpoints:\n"
    for i in pods:
        r = "true" if i % 10 != 3 else "false"
        slice_ += (f"- addresses:\n  - {ip(i)}\n  conditions:\n    ready: {r}\n    serving: {r}\n"
                   f"    terminating: false\n" + ref(i, "  "))
    slice_ += f"""kind: EndpointSlice
metadata:
  creationTimestamp: "2026-11-01T10:00:00Z"
  generateName: svc-{s}-
  labels:
    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
    kubernetes.io/service-name: svc-{s}
  name: svc-{s}-{s:05x}
  namespace: {ns}
  resourceVersion: "{960000 + s}"
  uid: 00000000-0000-4000-b000-{s:012d}
ports:
- name: http
  port: 8080
  protocol: TCP
"""
    return [ep, slice_]


def objects(n):
    out = []
    for i in range(n):
        svc = i // 10
        out.append(pod(i, svc, f"ns-{svc % 10}"))
    for s in range((n + 9) // 10):
        out.append(service(s, f"ns-{s % 10}"))
    return out


def indent_item(doc):
    lines = doc.rstrip("\n").split("\n")
    return "- " + lines[0] + "\n" + "".join("  " + l + "\n" for l in lines[1:])


def main():
    if len(sys.argv) > 1 and sys.argv[1].startswith("-") and sys.argv[1] not in ("--endpoints", "--twice"):
        print(__doc__)
        return
    args = sys.argv[1:]
    shape = args.pop(0) if args and args[0] in ("--endpoints", "--twice") else None
    out_dir = args[0] if args else "target/bench"
    sizes = [int(a) for a in args[1:]] or [10, 100, 1000, 4000, 10000]
    os.makedirs(out_dir, exist_ok=True)
    for n in sizes:
        if shape == "--endpoints":
            objs = [pod(i, i // 10, f"ns-{(i // 10) % 10}") for i in range(n)]
            for s in range((n + 9) // 10):
                objs.append(service(s, f"ns-{s % 10}"))
                objs.extend(endpoints(s, f"ns-{s % 10}", n))
            with open(os.path.join(out_dir, f"pods-{n}-endpoints.yaml"), "w", newline="\n") as f:
                f.write("---\n".join(objs))
            continue
        if shape == "--twice":
            objs = objects(n)
            with open(os.path.join(out_dir, f"pods-{n}-twice.yaml"), "w", newline="\n") as f:
                f.write("apiVersion: v1\nitems:\n")
                for o in objs + objs[:n]:
                    f.write(indent_item(o))
                f.write('kind: List\nmetadata:\n  resourceVersion: ""\n')
            continue
        objs = objects(n)
        with open(os.path.join(out_dir, f"pods-{n}.yaml"), "w", newline="\n") as f:
            f.write("---\n".join(objs))
        with open(os.path.join(out_dir, f"pods-{n}-list.yaml"), "w", newline="\n") as f:
            f.write("apiVersion: v1\nitems:\n")
            for o in objs:
                f.write(indent_item(o))
            f.write('kind: List\nmetadata:\n  resourceVersion: ""\n')


if __name__ == "__main__":
    main()
