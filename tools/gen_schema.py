#!/usr/bin/env python3
"""Generate src/core/schema_gen.rs: the JSON field tables of the Kubernetes kinds Switchboard
reads, parsed from the Go struct definitions (json tags) in k8s.io/api and k8s.io/apimachinery.

Python 3 standard library only. Usage (the mirrors are bare git repositories; a plain checkout
works too):

    python3 tools/gen_schema.py \\
        --api /work/.mirror/kubernetes+api/repo \\
        --apimachinery /work/.mirror/kubernetes+apimachinery/repo \\
        --apiextensions /work/.mirror/kubernetes+apiextensions-apiserver/repo \\
        > src/core/schema_gen.rs

Rules (encoding/json as vendored in sigs.k8s.io/json, internal/golang/encoding/json/encode.go
typeFields): a field's JSON name is the first element of its `json:"..."` tag, or the Go field
name when the tag has no name; `json:"-"` is skipped; unexported fields are skipped; an embedded
(anonymous) struct without a tag name is flattened into its parent (`json:",inline"` and
`json:""` both mean that). Types with their own UnmarshalJSON (metav1.Time, resource.Quantity,
intstr.IntOrString, ...) are leaves. Anything this script cannot resolve becomes `Ty::Any`
(permissive: never a false "unknown field") and is listed on stderr and in the header.
"""

import argparse
import os
import re
import subprocess
import sys

# Go import path -> (repo key, directory inside that repo)
PACKAGES = {
    "k8s.io/api/core/v1": ("api", "core/v1"),
    "k8s.io/api/apps/v1": ("api", "apps/v1"),
    "k8s.io/api/discovery/v1": ("api", "discovery/v1"),
    "k8s.io/api/batch/v1": ("api", "batch/v1"),
    "k8s.io/api/networking/v1": ("api", "networking/v1"),
    "k8s.io/api/autoscaling/v1": ("api", "autoscaling/v1"),
    "k8s.io/api/autoscaling/v2": ("api", "autoscaling/v2"),
    "k8s.io/api/policy/v1": ("api", "policy/v1"),
    "k8s.io/api/rbac/v1": ("api", "rbac/v1"),
    "k8s.io/api/storage/v1": ("api", "storage/v1"),
    "k8s.io/api/scheduling/v1": ("api", "scheduling/v1"),
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1": ("apiextensions", "pkg/apis/apiextensions/v1"),
    "k8s.io/apimachinery/pkg/apis/meta/v1": ("apimachinery", "pkg/apis/meta/v1"),
    "k8s.io/apimachinery/pkg/api/resource": ("apimachinery", "pkg/api/resource"),
    "k8s.io/apimachinery/pkg/util/intstr": ("apimachinery", "pkg/util/intstr"),
    "k8s.io/apimachinery/pkg/types": ("apimachinery", "pkg/types"),
    "k8s.io/apimachinery/pkg/runtime": ("apimachinery", "pkg/runtime"),
}

# Short names used in the Rust identifiers and the Type.name strings.
SHORT = {
    "k8s.io/api/core/v1": "core/v1",
    "k8s.io/api/apps/v1": "apps/v1",
    "k8s.io/api/discovery/v1": "discovery/v1",
    "k8s.io/api/batch/v1": "batch/v1",
    "k8s.io/api/networking/v1": "networking/v1",
    "k8s.io/api/autoscaling/v1": "autoscaling/v1",
    "k8s.io/api/autoscaling/v2": "autoscaling/v2",
    "k8s.io/api/policy/v1": "policy/v1",
    "k8s.io/api/rbac/v1": "rbac/v1",
    "k8s.io/api/storage/v1": "storage/v1",
    "k8s.io/api/scheduling/v1": "scheduling/v1",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1": "apiextensions/v1",
    "k8s.io/apimachinery/pkg/apis/meta/v1": "meta/v1",
    "k8s.io/apimachinery/pkg/api/resource": "resource",
    "k8s.io/apimachinery/pkg/util/intstr": "intstr",
    "k8s.io/apimachinery/pkg/types": "types",
    "k8s.io/apimachinery/pkg/runtime": "runtime",
}

# The kinds we check: (apiVersion, kind, Go package, Go type).
ROOTS = [
    ("v1", "Service", "k8s.io/api/core/v1", "Service"),
    ("v1", "Pod", "k8s.io/api/core/v1", "Pod"),
    ("v1", "Endpoints", "k8s.io/api/core/v1", "Endpoints"),
    ("v1", "Node", "k8s.io/api/core/v1", "Node"),
    ("v1", "Namespace", "k8s.io/api/core/v1", "Namespace"),
    ("v1", "ReplicationController", "k8s.io/api/core/v1", "ReplicationController"),
    ("apps/v1", "Deployment", "k8s.io/api/apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet", "k8s.io/api/apps/v1", "ReplicaSet"),
    ("apps/v1", "StatefulSet", "k8s.io/api/apps/v1", "StatefulSet"),
    ("apps/v1", "DaemonSet", "k8s.io/api/apps/v1", "DaemonSet"),
    ("discovery.k8s.io/v1", "EndpointSlice", "k8s.io/api/discovery/v1", "EndpointSlice"),
    ("batch/v1", "Job", "k8s.io/api/batch/v1", "Job"),
    ("networking.k8s.io/v1", "Ingress", "k8s.io/api/networking/v1", "Ingress"),
    ("networking.k8s.io/v1", "NetworkPolicy", "k8s.io/api/networking/v1", "NetworkPolicy"),
    ("autoscaling/v2", "HorizontalPodAutoscaler", "k8s.io/api/autoscaling/v2", "HorizontalPodAutoscaler"),
    ("autoscaling/v1", "HorizontalPodAutoscaler", "k8s.io/api/autoscaling/v1", "HorizontalPodAutoscaler"),
    ("policy/v1", "PodDisruptionBudget", "k8s.io/api/policy/v1", "PodDisruptionBudget"),
]
# Kinds Switchboard does not model (not drawn) but decodes strictly and validates on their tree
# (core/rbac.rs, core/storage.rs, core/policy_kinds.rs). Their types come after ROOTS' in the
# tables, so adding one here leaves the lines of ROOTS' types byte-identical.
OTHER_ROOTS = [
    ("v1", "ServiceAccount", "k8s.io/api/core/v1", "ServiceAccount"),
    ("v1", "PersistentVolumeClaim", "k8s.io/api/core/v1", "PersistentVolumeClaim"),
    ("v1", "PersistentVolume", "k8s.io/api/core/v1", "PersistentVolume"),
    ("v1", "ResourceQuota", "k8s.io/api/core/v1", "ResourceQuota"),
    ("v1", "LimitRange", "k8s.io/api/core/v1", "LimitRange"),
    ("rbac.authorization.k8s.io/v1", "Role", "k8s.io/api/rbac/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", "k8s.io/api/rbac/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", "k8s.io/api/rbac/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "k8s.io/api/rbac/v1", "ClusterRoleBinding"),
    ("storage.k8s.io/v1", "StorageClass", "k8s.io/api/storage/v1", "StorageClass"),
    ("networking.k8s.io/v1", "IngressClass", "k8s.io/api/networking/v1", "IngressClass"),
    ("scheduling.k8s.io/v1", "PriorityClass", "k8s.io/api/scheduling/v1", "PriorityClass"),
    # core/crd.rs; JSONSchemaPropsOrArray / OrBool / OrStringArray and JSON have their own
    # UnmarshalJSON (marshal.go: a non-strict json.Unmarshal inside), so what is under `items`,
    # `additionalProperties`, `allOf`..., and a `default` or `example`, is not checked
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition", "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1", "CustomResourceDefinition"),
]
# The `kind: List` / `*List` envelope: core/v1 List = metav1.List (TypeMeta, ListMeta, items []runtime.RawExtension);
# items are checked one by one by the caller against their own kind.
LIST_ROOT = ("k8s.io/apimachinery/pkg/apis/meta/v1", "List")

# Types with a custom UnmarshalJSON whose JSON form is a scalar (string or number).
SCALAR_LEAVES = {
    ("k8s.io/apimachinery/pkg/apis/meta/v1", "Time"),
    ("k8s.io/apimachinery/pkg/apis/meta/v1", "MicroTime"),
    ("k8s.io/apimachinery/pkg/apis/meta/v1", "Duration"),
    ("k8s.io/apimachinery/pkg/api/resource", "Quantity"),
    ("k8s.io/apimachinery/pkg/util/intstr", "IntOrString"),
}

# reflect prints the aliases byte and rune as their types
GO_PRINTED = {"byte": "uint8", "rune": "int32"}

GO_SCALARS = {
    "string", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "float32", "float64", "byte", "rune",
}


def split_map(expr):
    """`map[K]V` -> (K, V), brackets inside K balanced."""
    depth, i = 0, 3
    while True:
        if expr[i] == "[":
            depth += 1
        elif expr[i] == "]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return expr[4:i], expr[i + 1:]


class Repo:
    def __init__(self, path):
        self.path = path
        self.bare = not os.path.isdir(os.path.join(path, ".git")) and os.path.isdir(os.path.join(path, "objects"))

    def git(self, *args):
        return subprocess.run(["git", "-C", self.path, *args], check=True, capture_output=True, text=True).stdout

    def list_dir(self, d):
        if self.bare:
            out = self.git("ls-tree", "--name-only", "HEAD", d + "/")
            return [os.path.basename(p) for p in out.split("\n") if p]
        return sorted(os.listdir(os.path.join(self.path, d)))

    def read(self, p):
        if self.bare:
            return self.git("show", "HEAD:" + p)
        with open(os.path.join(self.path, p), encoding="utf-8") as f:
            return f.read()

    def describe(self):
        if not self.bare and not os.path.exists(os.path.join(self.path, ".git")):
            return "(not a git repository)"
        try:
            line = self.git("log", "-1", "--format=%H %cd").strip()
        except subprocess.CalledProcessError:
            return "(not a git repository)"
        try:
            # the published module tags (v0.x.y); master of k8s.io/api has none among its ancestors
            tag = self.git("describe", "--tags", "--match", "v0.*").strip()
        except subprocess.CalledProcessError:
            tag = ""
        return line + (" (" + tag + ")" if tag else "")


def strip_comments(src):
    """Remove // and /* */ comments, keeping strings and backtick tags intact."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "/" and i + 1 < n and src[i + 1] == "/":
            while i < n and src[i] != "\n":
                i += 1
        elif c == "/" and i + 1 < n and src[i + 1] == "*":
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * src.count("\n", i, j))
            i = j
        elif c in "\"`'":
            j = i + 1
            while j < n and src[j] != c:
                if src[j] == "\\" and c != "`":
                    j += 1
                j += 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Package:
    def __init__(self, path):
        self.path = path
        self.structs = {}  # name -> list of (name or None, type expr, tag, file imports)
        self.named = {}  # name -> (type expr, imports)
        self.unmarshalers = set()  # types with a UnmarshalJSON method


def parse_imports(src):
    imports = {}
    block = re.search(r"^import\s*\((.*?)^\)", src, re.S | re.M)
    lines = block.group(1).split("\n") if block else []
    lines += re.findall(r"^import\s+(.*)$", src, re.M)
    for line in lines:
        m = re.match(r'\s*(?:([A-Za-z_][A-Za-z0-9_]*|\.)\s+)?"([^"]+)"', line)
        if m:
            alias = m.group(1) or m.group(2).rsplit("/", 1)[-1]
            imports[alias] = m.group(2)
    return imports


def parse_package(repo, import_path, d):
    pkg = Package(import_path)
    for fname in repo.list_dir(d):
        if not fname.endswith(".go") or fname.endswith("_test.go") or fname.startswith("zz_generated") or fname.endswith(".pb.go"):
            continue
        src = strip_comments(repo.read(d + "/" + fname))
        imports = parse_imports(src)
        for m in re.finditer(r"^func \(\s*\w*\s*\*?(\w+)\s*\)\s*UnmarshalJSON\(", src, re.M):
            pkg.unmarshalers.add(m.group(1))
        # type blocks: `type ( ... )` are flattened into single declarations
        for m in re.finditer(r"^type\s*\((.*?)^\)", src, re.S | re.M):
            for line in m.group(1).split("\n"):
                mm = re.match(r"\s*([A-Z]\w*)\s*=?\s*([^{]+?)\s*$", line)
                if mm and not mm.group(2).startswith(("struct", "interface")):
                    pkg.named[mm.group(1)] = (mm.group(2), imports)
        for m in re.finditer(r"^type\s+(\w+)(\[[^\]]*\])?\s+(=\s*)?(.*)$", src, re.M):
            name, rest = m.group(1), m.group(4).strip()
            if rest.startswith("struct"):
                body_start = src.index("{", m.start())
                depth, j = 0, body_start
                while True:
                    if src[j] == "{":
                        depth += 1
                    elif src[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    elif src[j] == "`":
                        j = src.index("`", j + 1)
                    j += 1
                pkg.structs[name] = (parse_fields(src[body_start + 1:j]), imports)
            elif rest.startswith("interface"):
                pkg.named[name] = ("interface{}", imports)
            else:
                pkg.named[name] = (rest, imports)
    return pkg


def parse_fields(body):
    fields = []
    depth = 0
    for line in body.split("\n"):
        s = line.strip()
        if not s:
            continue
        if depth > 0:  # inside an anonymous nested struct: not used by these types
            depth += s.count("{") - s.count("}")
            continue
        if "struct {" in s or "struct{" in s and not s.endswith("}"):
            depth += s.count("{") - s.count("}")
            name = s.split()[0]
            fields.append((name, "interface{}", "", True))
            continue
        tag = ""
        if "`" in s:
            k = s.index("`")
            s, tag = s[:k].strip(), s[k:]
        parts = s.split(None, 1)
        if not parts:
            continue
        if len(parts) == 1:
            names, typ = None, parts[0]
        else:
            m = re.match(r"^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+(\S.*)$", s)
            if not m:
                continue
            names, typ = m.group(1), m.group(2).strip()
        if names is None:
            # embedded field: `Type` or `*Type` or `pkg.Type`
            fields.append((None, typ, tag, False))
        else:
            for n in names.split(","):
                fields.append((n.strip(), typ, tag, False))
    return fields


def json_tag(tag):
    m = re.search(r'json:"([^"]*)"', tag)
    if not m:
        return None
    return m.group(1)


class Gen:
    def __init__(self, repos):
        self.pkgs = {}
        for ip, (rk, d) in PACKAGES.items():
            self.pkgs[ip] = parse_package(repos[rk], ip, d)
        self.types = {}  # (pkg, name) -> rust ident, emitted structs
        self.order = []
        self.defs = {}  # ident -> (display name, [(json, ty_expr)])
        self.unresolved = set()
        self.any_leaves = set()
        self.conflicts = set()  # JSON names defined twice in one flattened struct

    def ident(self, pkg, name):
        return "T_" + re.sub(r"[^A-Za-z0-9]", "_", SHORT[pkg]).upper() + "_" + name

    def resolve_ref(self, cur_pkg, imports, name):
        """`Foo` or `pkg.Foo` -> (import path, name) or None."""
        if "." in name:
            alias, n = name.split(".", 1)
            ip = imports.get(alias)
            if ip is None or ip not in self.pkgs:
                return None
            return ip, n
        return cur_pkg, name

    def go_name(self, ip, name):
        """How reflect's Type.String() prints a named type: `<package name>.<Name>`."""
        return SHORT[ip].split("/")[-1] + "." + name

    def map_key(self, cur_pkg, imports, key):
        """Type.String() of a map's key type (a builtin or a named string type)."""
        key = key.strip()
        if key in GO_SCALARS:
            return GO_PRINTED.get(key, key)
        ref = self.resolve_ref(cur_pkg, imports, key)
        return self.go_name(*ref) if ref else key

    def ty(self, cur_pkg, imports, expr, seen=()):
        """Rust expression of a Ty for the Go type expression. Scalars carry the Go type as
        reflect prints it (`Ty::Scalar("int32")`, `Ty::Scalar("v1.Protocol")`): the decoder's
        type errors name it (encoding/json UnmarshalTypeError)."""
        expr = expr.strip()
        if expr.startswith("*"):
            return self.ty(cur_pkg, imports, expr[1:], seen)
        if expr in ("[]byte", "[]uint8"):
            return 'Ty::Scalar("[]uint8")'  # base64 string
        if expr.startswith("[]"):
            return "Ty::List(&" + self.ty(cur_pkg, imports, expr[2:], seen) + ")"
        m = re.match(r"^\[\d*\](.*)$", expr)
        if m:
            return "Ty::List(&" + self.ty(cur_pkg, imports, m.group(1), seen) + ")"
        if expr.startswith("map["):
            key_expr, value_expr = split_map(expr)
            inner = "Ty::Map(&" + self.ty(cur_pkg, imports, value_expr, seen) + ")"
            key = self.map_key(cur_pkg, imports, key_expr)
            if key != "string":
                # Type.String() shows the key type: keep the whole printed type
                return 'Ty::Named("%s", &%s)' % (self.printed(cur_pkg, imports, expr), inner)
            return inner
        if expr in GO_SCALARS:
            return 'Ty::Scalar("%s")' % GO_PRINTED.get(expr, expr)
        if expr in ("interface{}", "any"):
            return "Ty::Any"
        if not re.match(r"^[A-Za-z_][\w.]*$", expr):
            self.unresolved.add("%s: %s" % (SHORT[cur_pkg], expr))
            return "Ty::Any"
        ref = self.resolve_ref(cur_pkg, imports, expr)
        if ref is None:
            self.unresolved.add("%s: %s" % (SHORT[cur_pkg], expr))
            return "Ty::Any"
        ip, name = ref
        if (ip, name) in SCALAR_LEAVES:
            return 'Ty::Scalar("%s")' % self.go_name(ip, name)
        pkg = self.pkgs[ip]
        if name in pkg.unmarshalers:
            self.any_leaves.add("%s.%s" % (SHORT[ip], name))
            return "Ty::Any"
        if name in pkg.structs:
            return "Ty::Struct(&" + self.struct(ip, name) + ")"
        if name in pkg.named:
            if (ip, name) in seen:
                self.unresolved.add("%s.%s (recursive named type)" % (SHORT[ip], name))
                return "Ty::Any"
            texpr, imps = pkg.named[name]
            under = self.ty(ip, imps, texpr, seen + ((ip, name),))
            if under.startswith("Ty::Scalar("):
                return 'Ty::Scalar("%s")' % self.go_name(ip, name)
            if under.startswith(("Ty::List(", "Ty::Map(")):
                return 'Ty::Named("%s", &%s)' % (self.go_name(ip, name), under)
            if under.startswith("Ty::Named("):
                return 'Ty::Named("%s", &%s)' % (self.go_name(ip, name), re.match(r'^Ty::Named\("[^"]*", &(.*)\)$', under).group(1))
            return under
        self.unresolved.add("%s.%s" % (SHORT[ip], name))
        return "Ty::Any"

    def printed(self, cur_pkg, imports, expr):
        """reflect's Type.String() of an unnamed Go type expression."""
        expr = expr.strip()
        if expr.startswith("*"):
            return "*" + self.printed(cur_pkg, imports, expr[1:])
        if expr.startswith("[]"):
            return "[]" + self.printed(cur_pkg, imports, expr[2:])
        if expr.startswith("map["):
            key_expr, value_expr = split_map(expr)
            return "map[%s]%s" % (self.map_key(cur_pkg, imports, key_expr), self.printed(cur_pkg, imports, value_expr))
        if expr in GO_SCALARS:
            return GO_PRINTED.get(expr, expr)
        ref = self.resolve_ref(cur_pkg, imports, expr)
        return self.go_name(*ref) if ref else expr

    def flat_fields(self, ip, name, out, path=()):
        fields, imports = self.pkgs[ip].structs[name]
        for fname, typ, tag, _nested in fields:
            jt = json_tag(tag)
            jname = None if jt is None else jt.split(",")[0]
            if jt == "-" or jname == "-":
                continue
            if fname is None:
                base = typ.lstrip("*")
                if jname:  # embedded but named by its tag: an ordinary field
                    out.append((jname, self.ty(ip, imports, typ)))
                    continue
                ref = self.resolve_ref(ip, imports, base)
                if ref and ref in SCALAR_LEAVES:
                    continue
                if ref and ref[1] in self.pkgs[ref[0]].structs and ref[1] not in self.pkgs[ref[0]].unmarshalers:
                    if ref in path:
                        continue
                    self.flat_fields(ref[0], ref[1], out, path + (ref,))
                    continue
                short = base.split(".")[-1]
                if short[:1].isupper():
                    # embedded non-struct: encoding/json names it after the type
                    out.append((short, self.ty(ip, imports, typ)))
                continue
            if not fname[:1].isupper():
                continue  # unexported
            out.append((jname or fname, self.ty(ip, imports, typ)))

    def struct(self, ip, name):
        ident = self.ident(ip, name)
        if ident in self.types.values():
            return ident
        self.types[(ip, name)] = ident
        fields = []
        self.flat_fields(ip, name, fields, ((ip, name),))
        # encoding/json: a name defined twice at the same depth is dropped; a shallower one wins.
        # The flattening above keeps declaration order; keep the first of any repeat.
        seen, uniq = set(), []
        for j, t in fields:
            if j not in seen:
                seen.add(j)
                uniq.append((j, t))
            else:
                self.conflicts.add("%s.%s: %s" % (SHORT[ip], name, j))
        self.defs[ident] = ("%s.%s" % (SHORT[ip], name), uniq)
        self.order.append(ident)
        return ident


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--api", required=True, help="k8s.io/api repository (bare mirror or checkout)")
    ap.add_argument("--apimachinery", required=True, help="k8s.io/apimachinery repository")
    ap.add_argument("--apiextensions", required=True, help="k8s.io/apiextensions-apiserver repository")
    args = ap.parse_args()
    repos = {"api": Repo(args.api), "apimachinery": Repo(args.apimachinery), "apiextensions": Repo(args.apiextensions)}
    g = Gen(repos)
    roots = []
    for av, kind, ip, name in ROOTS:
        roots.append((av, kind, g.struct(ip, name)))
    list_ident = g.struct(*LIST_ROOT)
    first = set(g.order)  # the types of ROOTS and the List envelope: their lines come first
    for av, kind, ip, name in OTHER_ROOTS:
        roots.append((av, kind, g.struct(ip, name)))

    o = []
    w = o.append
    w("// @generated by tools/gen_schema.py — do not edit by hand.")
    w("//")
    w("// JSON field tables of the kinds Switchboard checks strictly, parsed from the Go structs")
    w("// (json tags) of:")
    w("//   k8s.io/api          (github.com/kubernetes/api)          %s" % repos["api"].describe())
    w("//   k8s.io/apimachinery (github.com/kubernetes/apimachinery) %s" % repos["apimachinery"].describe())
    w("//   k8s.io/apiextensions-apiserver (github.com/kubernetes/apiextensions-apiserver) %s" % repos["apiextensions"].describe())
    w("//")
    w("// Regenerate:")
    w("//   python3 tools/gen_schema.py --api /work/.mirror/kubernetes+api/repo \\")
    w("//       --apimachinery /work/.mirror/kubernetes+apimachinery/repo \\")
    w("//       --apiextensions /work/.mirror/kubernetes+apiextensions-apiserver/repo > src/core/schema_gen.rs")
    w("//")
    w("// Types read as opaque values (own UnmarshalJSON, any JSON accepted): %s" % (", ".join(sorted(g.any_leaves)) or "none"))
    w("// Unresolved Go types (became Ty::Any): %s" % (", ".join(sorted(g.unresolved)) or "none"))
    w("// JSON names defined twice in one flattened struct (first kept): %s" % (", ".join(sorted(g.conflicts)) or "none"))
    w("")
    # Dependencies first, so each table line names only earlier lines; a reference back to a
    # type still being visited (apiextensions/v1.JSONSchemaProps' `properties` holds
    # JSONSchemaProps) is written `@<line>` and read as Ty::Line, resolved when walked.
    index, ordered, state = {}, [], {}

    def visit(ident):
        if state.get(ident) == 2:
            return
        if state.get(ident) == 1:
            return
        state[ident] = 1
        for _j, t in g.defs[ident][1]:
            for dep in re.findall(r"&(T_\w+)", t):
                visit(dep)
        state[ident] = 2
        index[ident] = len(ordered)
        ordered.append(ident)

    for ident in sorted(first):
        visit(ident)
    for ident in sorted(set(g.order) - first):
        visit(ident)

    def code(t):
        m = re.match(r'^Ty::Scalar\("(.*)"\)$', t)
        if m:
            # `s` alone is a Go string (most fields); otherwise `s<Go type>`
            return "s" if m.group(1) == "string" else "s" + m.group(1)
        m = re.match(r'^Ty::Named\("([^"]*)", &(.*)\)$', t)
        if m:
            return "=" + m.group(1) + "=" + code(m.group(2))
        if t == "Ty::Any":
            return "a"
        m = re.match(r"^Ty::Struct\(&(T_\w+)\)$", t)
        if m:
            return str(index[m.group(1)]) if index[m.group(1)] < cur[0] else "@%d" % index[m.group(1)]
        m = re.match(r"^Ty::(List|Map)\(&(.*)\)$", t)
        if m:
            return ("[" if m.group(1) == "List" else "{") + code(m.group(2))
        raise SystemExit("unknown type expression " + t)

    lines = []
    cur = [0]
    for ident in ordered:
        cur[0] = len(lines)
        disp, fields = g.defs[ident]
        for x in [disp] + [j for j, _ in fields]:
            if not x or re.search(r"[|\s\\\"]", x):
                raise SystemExit("a name the compact tables cannot hold: %r" % x)
        lines.append("|".join([disp] + ["%s %s" % (j, code(t)) for j, t in fields]))

    w("use super::strict::{Field, Root, Ty, Type};")
    w("use std::sync::OnceLock;")
    w("")
    w("/// The kinds whose fields are checked, with the apiVersion that serves them: (apiVersion,")
    w("/// kind, line of [`TABLES`]).")
    w("static ROOT_LINES: &[(&str, &str, usize)] = &[")
    for av, kind, ident in roots:
        w("    (%s, %s, %d), // %s" % (rs(av), rs(kind), index[ident], g.defs[ident][0]))
    w("];")
    w("")
    w("/// API groups built into kube-apiserver (`GroupName` in every k8s.io/api */register.go). A kind")
    w("/// we model, asked for in one of these groups at a version that does not serve it, is a")
    w("/// RESTMapper no-match; in any other group it may be a CustomResource and is left alone.")
    w("pub static BUILTIN_GROUPS: &[&str] = &[%s];" % ", ".join(rs(x) for x in builtin_groups(repos["api"])))
    w("")
    w("/// The kinds every other group version of a built-in group registers (k8s.io/api `<group>/<version>/")
    w("/// register.go` addKnownTypes at the commit named above: beta and alpha versions and removed ones; list")
    w("/// kinds included; the GA versions strict.rs lists in SERVED_KINDS left out): kube-apiserver's scheme has")
    w("/// no other kind there, so any other is no match whether the version is enabled or not. Whether a listed")
    w("/// kind is served is strict.rs `removed`'s call or unknown (a beta off by default).")
    w("pub static REGISTERED_KINDS: &[(&str, &[&str])] = &[")
    for gv, kinds in registered_kinds(repos["api"]):
        w("    (%s, &[%s])," % (rs(gv), ", ".join(rs(k) for k in kinds)))
    w("];")
    w("")
    w("/// The `kind: List` envelope (core/v1 List = metav1.List: apiVersion, kind, metadata (ListMeta), items).")
    w("const LIST_LINE: usize = %d; // %s" % (index[list_ident], g.defs[list_ident][0]))
    w("")
    w("/// One line per Go type, dependencies first: `name|json ty|json ty…`, where ty is `s` (a Go string),")
    w("/// `s<Go type>` (another Go scalar: `sint32`, `sv1.Protocol`), `a` (Ty::Any), a line number (Ty::Struct")
    w("/// of that line), `[ty` (Ty::List), `{ty` (Ty::Map) or `=<Go type>=ty` (a named list or map type).")
    w("/// Text rather than Rust statics: the statics' pointers were ~6 KB of the gzipped wasm (issue #12).")
    w("static TABLES: &str = concat!(")
    for line in lines:
        w("    %s," % rs(line + "\n"))
    w(");")
    w("")
    w(COMPACT_READER)
    sys.stdout.write("\n".join(o) + "\n")
    for u in sorted(g.unresolved):
        print("unresolved (Ty::Any): " + u, file=sys.stderr)
    for u in sorted(g.conflicts):
        print("name conflict: " + u, file=sys.stderr)
    for u in sorted(g.any_leaves):
        print("opaque (Ty::Any): " + u, file=sys.stderr)
    print("%d types, %d roots" % (len(g.order), len(roots)), file=sys.stderr)


COMPACT_READER = r"""struct Tables {
    roots: Vec<Root>,
    list: &'static Type,
    types: Vec<&'static Type>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut types: Vec<&'static Type> = Vec::with_capacity(TABLES.len() / 64);
        for line in TABLES.lines() {
            let mut parts = line.split('|');
            let name = parts.next().unwrap_or_default();
            let fields: Vec<Field> = parts
                .map(|p| {
                    let (json, code) = p.split_once(' ').unwrap_or((p, "a"));
                    Field { json, ty: ty(code, &types) }
                })
                .collect();
            types.push(Box::leak(Box::new(Type { name, fields: Box::leak(fields.into_boxed_slice()) })));
        }
        let any: &'static Type = Box::leak(Box::new(Type { name: "", fields: &[] }));
        let at = |i: usize| types.get(i).copied().unwrap_or(any);
        Tables { roots: ROOT_LINES.iter().map(|&(api_version, kind, i)| Root { api_version, kind, ty: at(i) }).collect(), list: at(LIST_LINE), types }
    })
}

fn ty(code: &'static str, types: &[&'static Type]) -> Ty {
    match code.as_bytes().first() {
        Some(b's') if code.len() == 1 => Ty::Scalar("string"),
        Some(b's') => Ty::Scalar(&code[1..]),
        Some(b'[') => Ty::List(Box::leak(Box::new(ty(&code[1..], types)))),
        Some(b'{') => Ty::Map(Box::leak(Box::new(ty(&code[1..], types)))),
        Some(b'=') => match code[1..].split_once('=') {
            Some((name, inner)) => Ty::Named(name, Box::leak(Box::new(ty(inner, types)))),
            None => Ty::Any,
        },
        // a type that holds itself (JSONSchemaProps): its line, looked up when walked
        Some(b'@') => code[1..].parse::<usize>().map_or(Ty::Any, Ty::Line),
        _ => code.parse::<usize>().ok().and_then(|i| types.get(i)).map_or(Ty::Any, |t| Ty::Struct(t)),
    }
}

/// The type of a table line ([`Ty::Line`]); the opaque empty type past the end.
pub fn line(i: usize) -> &'static Type {
    static ANY: Type = Type { name: "", fields: &[] };
    tables().types.get(i).copied().unwrap_or(&ANY)
}

/// The kinds whose fields are checked, with the apiVersion that serves them (built from the
/// text once, then shared).
pub fn roots() -> &'static [Root] {
    &tables().roots
}

/// The `kind: List` envelope's type.
pub fn list() -> &'static Type {
    tables().list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line reads back whole: each type code is well formed and names an earlier line, and
    /// every line is reached from the roots and the List envelope (nothing fell back to Ty::Any).
    #[test]
    fn the_text_tables_read_back_whole() {
        fn valid(code: &str, line: usize) -> bool {
            match code.as_bytes().first() {
                Some(b's') => true,
                Some(b'a') => code.len() == 1,
                Some(b'[' | b'{') => valid(&code[1..], line),
                Some(b'=') => code[1..].split_once('=').is_some_and(|(name, inner)| !name.is_empty() && valid(inner, line)),
                Some(b'@') => code[1..].parse::<usize>().is_ok_and(|i| i < TABLES.lines().count()),
                _ => code.parse::<usize>().is_ok_and(|i| i < line),
            }
        }
        let lines: Vec<&str> = TABLES.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            for p in line.split('|').skip(1) {
                let (json, code) = p.split_once(' ').expect("json and type");
                assert!(!json.is_empty() && valid(code, n), "line {n}: {p}");
            }
        }
        fn walk(t: &'static Type, seen: &mut Vec<&'static str>) {
            if seen.contains(&t.name) {
                return;
            }
            seen.push(t.name);
            for f in t.fields {
                let mut ty = &f.ty;
                while let Ty::List(i) | Ty::Map(i) | Ty::Named(_, i) = ty {
                    ty = i;
                }
                if let Ty::Struct(s) = ty {
                    walk(s, seen);
                }
            }
        }
        let mut seen = Vec::new();
        for r in roots() {
            walk(r.ty, &mut seen);
        }
        walk(list(), &mut seen);
        assert_eq!(seen.len(), lines.len());
        assert!(!seen.contains(&""));
        let svc = roots().iter().find(|r| r.kind == "Service").expect("Service").ty;
        let spec = svc.fields.iter().find(|f| f.json == "spec").expect("spec");
        let Ty::Struct(spec) = spec.ty else { panic!("spec is a struct") };
        assert!(matches!(spec.fields.iter().find(|f| f.json == "ports").map(|f| f.ty), Some(Ty::List(Ty::Struct(p))) if p.name == "core/v1.ServicePort"));
        assert!(matches!(spec.fields.iter().find(|f| f.json == "selector").map(|f| f.ty), Some(Ty::Map(Ty::Scalar("string")))));
        let Some(Ty::List(Ty::Struct(port))) = spec.fields.iter().find(|f| f.json == "ports").map(|f| f.ty) else { panic!("ports") };
        assert!(matches!(port.fields.iter().find(|f| f.json == "port").map(|f| f.ty), Some(Ty::Scalar("int32"))));
        assert!(matches!(port.fields.iter().find(|f| f.json == "protocol").map(|f| f.ty), Some(Ty::Scalar("v1.Protocol"))));
        assert!(matches!(port.fields.iter().find(|f| f.json == "targetPort").map(|f| f.ty), Some(Ty::Scalar("intstr.IntOrString"))));
    }
}"""


def builtin_groups(repo):
    groups = set()
    for path in repo.git("ls-tree", "-r", "--name-only", "HEAD").split("\n") if repo.bare else []:
        if path.endswith("/register.go") and path.count("/") == 2:
            m = re.search(r'GroupName\s*=\s*"([^"]*)"', repo.read(path))
            if m:
                groups.add(m.group(1))
    if not repo.bare:
        for root, _dirs, files in os.walk(repo.path):
            if "register.go" in files and os.path.relpath(root, repo.path).count(os.sep) == 1:
                with open(os.path.join(root, "register.go"), encoding="utf-8") as f:
                    m = re.search(r'GroupName\s*=\s*"([^"]*)"', f.read())
                if m:
                    groups.add(m.group(1))
    return sorted(groups)


# The GA group versions strict.rs SERVED_KINDS lists (every kind the server knows there, by hand:
# a kind outside it is a typo); REGISTERED_KINDS holds all the others.
SERVED_GROUP_VERSIONS = {
    "v1", "apps/v1", "batch/v1", "discovery.k8s.io/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "policy/v1",
    "autoscaling/v1", "autoscaling/v2", "scheduling.k8s.io/v1", "coordination.k8s.io/v1", "node.k8s.io/v1", "events.k8s.io/v1",
}


def registered_kinds(repo):
    """(group version, kinds) of every `<group>/<version>/register.go` but SERVED_GROUP_VERSIONS, in
    path order: the types passed to scheme.AddKnownTypes(SchemeGroupVersion, ...), in order."""
    if repo.bare:
        paths = [p for p in repo.git("ls-tree", "-r", "--name-only", "HEAD").split("\n") if p.endswith("/register.go") and p.count("/") == 2]
    else:
        paths = []
        for group in repo.list_dir("."):
            if os.path.isdir(os.path.join(repo.path, group)):
                for version in repo.list_dir(group):
                    if os.path.exists(os.path.join(repo.path, group, version, "register.go")):
                        paths.append("%s/%s/register.go" % (group, version))
    out = []
    for p in sorted(paths):
        src = strip_comments(repo.read(p))
        m = re.search(r'GroupName\s*=\s*"([^"]*)"', src)
        if not m:
            continue
        version = p.split("/")[1]
        gv = version if m.group(1) == "" else m.group(1) + "/" + version
        if gv in SERVED_GROUP_VERSIONS:
            continue
        kinds = []
        for call in re.finditer(r"AddKnownTypes\(\s*SchemeGroupVersion\s*,(.*?)\)\s*\n", src, re.S):
            kinds += re.findall(r"&(\w+)\{\}", call.group(1))
        out.append((gv, kinds))
    return out


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
