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
    if len(sys.argv) > 1 and sys.argv[1].startswith("-"):
        print(__doc__)
        return
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
    sizes = [int(a) for a in sys.argv[2:]] or [10, 100, 1000, 4000, 10000]
    os.makedirs(out_dir, exist_ok=True)
    for n in sizes:
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
