//! Incremental analysis of a big text edited one splice at a time (issue #12: the worker of
//! ui::worker keeps one). Reading (YAML parse, decoding, strict checks, endpoint validation) is
//! most of a whole-cluster dump's analysis and depends on one document at a time, so each
//! document's result is kept; a splice re-reads only the documents it touched (and one on
//! each side: a `---` line made or broken there merges or splits them), and documents after
//! it move (their lines shift). The later stages (admission, scheduling, resolution, report)
//! read all objects together and run again each time, but for what is kept while its inputs are
//! unchanged: the cluster and each Service's report (super::Kept), and which objects written
//! twice are left out (super::replaced_objects, kept while no edit touches or makes such an
//! object or moves a line: `identities` counts the objects per identity).
//!
//! The report is byte-identical to [`super::analyze`] of the same text (tests below apply
//! random splices and compare): where a document's result would depend on the others (the
//! stream's node budgets near their limit, too many documents, too large an input), the
//! whole text is analysed instead.

use super::config::Config;
use super::diag::Diagnostic;
use super::model::Object;
use super::report::Report;
use super::yaml::{self, Node, NodeKind, Pos, YamlError, MAX_ALIAS_NODES, MAX_DOCUMENTS, MAX_INPUT_BYTES, MAX_NODES};
use super::Trees;

/// One document (a chunk between `---` lines) and what reading it gave.
struct Doc {
    /// byte offset in the text and length
    start: usize,
    len: usize,
    /// its first line in the text now, and the first line its positions were made for (they
    /// differ after an edit above it changed the number of lines: shifted when next analysed)
    first_line: u32,
    at_line: u32,
    newlines: u32,
    /// the YAML nodes and alias-expansion nodes it counts against the stream's budgets
    nodes: (usize, usize),
    error: Option<YamlError>,
    /// decoding and strict diagnostics, kinds not modelled, endpoint and namespace validation: in the order
    /// the whole analysis makes them, per kind
    decoded: Vec<Diagnostic>,
    ignored: Vec<super::Ignored>,
    endpoints: Vec<Diagnostic>,
    namespaces_ingresses: Vec<Diagnostic>,
    /// how many objects it made (kept in order in `Incremental::objects`, their pod checks in
    /// `Incremental::checks`)
    objects: usize,
    /// a message quotes a line number ("line 12: key … already set"): re-read when it moves
    /// rather than shifted
    quotes_lines: bool,
}

/// A text and its per-document reading, kept across edits.
#[derive(Default)]
pub struct Incremental {
    text: String,
    docs: Vec<Doc>,
    /// every document's objects, in order, and each one's cluster::pod_check
    objects: Vec<Object>,
    checks: Vec<Check>,
    /// the sums of `Doc::nodes`
    nodes: (usize, usize),
    /// `docs` does not describe `text` (too large to read, or never read): read it all next time
    stale: bool,
    /// what the last analysis made: the cluster, and per Service (reused where their inputs
    /// are unchanged)
    kept: super::Kept,
    /// which objects the last analysis left out (super::Replaced::gone: an earlier definition
    /// of an object defined again, an earlier copy of one printed twice); empty: none
    gone: Vec<bool>,
    /// how many objects have each identity hash (super::identity_hash): whether an edited
    /// object is, or becomes, one written more than once
    identities: super::resolve::FastMap<u64, u32>,
    /// the last super::replaced_objects (and the diagnostics it said) while no edit since
    /// touched an object written more than once, made one, or moved a line; kept only when it
    /// depends on those objects alone (`Replaced::copies_only`)
    replaced: Option<(super::Replaced, Vec<Diagnostic>)>,
    /// how many times super::replaced_objects ran (the tests tell a kept result by it)
    pub(crate) replaced_runs: u64,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental { stale: true, ..Default::default() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replace the whole text (read on the next [`Incremental::analyze`]).
    pub fn set(&mut self, text: String) {
        self.text = text;
        self.docs.clear();
        self.objects = Vec::new();
        self.checks = Vec::new();
        self.kept = Default::default();
        self.stale = true;
        self.kept.cluster.valid = false;
        self.replaced = None;
    }

    /// Replace bytes `start..end` with `insert`; false (nothing changed) when the range is not
    /// at char boundaries of the text.
    pub fn splice(&mut self, start: usize, end: usize, insert: &str) -> bool {
        if start > end || end > self.text.len() || !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return false;
        }
        if self.stale || self.docs.is_empty() {
            self.text.replace_range(start..end, insert);
            self.stale = true;
            self.kept.cluster.valid = false;
            self.replaced = None;
            return true;
        }
        // the documents holding `start` and `end`, and one on each side
        let at = |p: usize| self.docs.partition_point(|d| d.start <= p).saturating_sub(1);
        let lo = at(start).saturating_sub(1);
        let hi = (at(end) + 1).min(self.docs.len() - 1);
        let region = self.docs[lo].start..self.docs[hi].start + self.docs[hi].len;
        let old_lines: u32 = self.docs[lo..=hi].iter().map(|d| d.newlines).sum();
        let first_line = self.docs[lo].first_line;
        let old_objects: usize = self.docs[lo..=hi].iter().map(|d| d.objects).sum();
        let objects_at: usize = self.docs[..lo].iter().map(|d| d.objects).sum();
        self.text.replace_range(start..end, insert);
        let grow = insert.len() as isize - (end - start) as isize;
        let region = region.start..(region.end as isize + grow) as usize;
        if self.text.len() > MAX_INPUT_BYTES {
            self.stale = true;
            self.kept.cluster.valid = false;
            self.replaced = None;
            return true;
        }
        let (mut objects, mut checks) = (Vec::new(), Vec::new());
        let new_docs = read_region(&self.text, region.clone(), first_line, &mut objects, &mut checks);
        let new_lines: u32 = new_docs.iter().map(|d| d.newlines).sum();
        for d in &self.docs[lo..=hi] {
            self.nodes.0 -= d.nodes.0;
            self.nodes.1 -= d.nodes.1;
        }
        for d in &new_docs {
            self.nodes.0 += d.nodes.0;
            self.nodes.1 += d.nodes.1;
        }
        // the cluster reads every object but the Services, and their lines: kept only when
        // those are all as they were
        let is_svc = |o: &Object| matches!(o.body, super::model::Body::Service(_));
        let old = &self.objects[objects_at..objects_at + old_objects];
        let same_shape = new_lines == old_lines && old.len() == objects.len();
        // (the objects the edit changed: each of the old ones when their number or lines moved)
        let changed: Vec<usize> = if same_shape { (0..old.len()).filter(|&i| old[i] != objects[i]).collect() } else { (0..old.len()).collect() };
        if !same_shape || !changed.iter().all(|&i| is_svc(&old[i]) && is_svc(&objects[i])) {
            self.kept.cluster.valid = false;
        }
        // what replaced_objects said stands while the objects keep their places and lines and
        // no changed one is, or now is, written more than once (a keystroke in a dump printing
        // every pod twice touches one Service)
        // (an unchanged object keeps its identity: only the changed ones are counted again)
        let was_twice = changed.iter().filter_map(|&i| super::identity_hash(&old[i])).any(|h| self.identities.get(&h).is_some_and(|&n| n > 1));
        let (gone, made): (Vec<&Object>, Vec<&Object>) =
            if same_shape { (changed.iter().map(|&i| &old[i]).collect(), changed.iter().map(|&i| &objects[i]).collect()) } else { (old.iter().collect(), objects.iter().collect()) };
        for h in gone.into_iter().filter_map(super::identity_hash) {
            if let Some(n) = self.identities.get_mut(&h) {
                *n -= 1;
                if *n == 0 {
                    self.identities.remove(&h);
                }
            }
        }
        let made: Vec<u64> = made.into_iter().filter_map(super::identity_hash).collect();
        for &h in &made {
            *self.identities.entry(h).or_default() += 1;
        }
        let is_twice = || made.iter().any(|h| self.identities.get(h).is_some_and(|&n| n > 1));
        if !same_shape || was_twice || is_twice() {
            self.replaced = None;
        }
        self.objects.splice(objects_at..objects_at + old_objects, objects);
        self.checks.splice(objects_at..objects_at + old_objects, checks);
        let after = lo + new_docs.len();
        self.docs.splice(lo..=hi, new_docs);
        let lines = new_lines as i64 - old_lines as i64;
        for d in &mut self.docs[after..] {
            d.start = (d.start as isize + grow) as usize;
            d.first_line = (d.first_line as i64 + lines) as u32;
        }
        true
    }

    /// The report of the text, as [`super::analyze`] makes it.
    pub fn analyze(&mut self, cfg: &Config) -> Report {
        self.analyze_staged(cfg, &mut |_| {})
    }

    /// [`Incremental::analyze`], calling `stage(name)` as each stage ends.
    pub fn analyze_staged(&mut self, cfg: &Config, stage: &mut dyn FnMut(&'static str)) -> Report {
        if self.text.len() > MAX_INPUT_BYTES {
            self.kept.cluster.valid = false;
            return super::analyze_staged(&self.text, cfg, stage);
        }
        if self.stale {
            let (mut objects, mut checks) = (Vec::new(), Vec::new());
            self.docs = read_region(&self.text, 0..self.text.len(), 1, &mut objects, &mut checks);
            self.objects = objects;
            self.checks = checks;
            self.nodes = self.docs.iter().fold((0, 0), |a, d| (a.0 + d.nodes.0, a.1 + d.nodes.1));
            self.identities.clear();
            for h in self.objects.iter().filter_map(super::identity_hash) {
                *self.identities.entry(h).or_default() += 1;
            }
            self.replaced = None;
            self.stale = false;
        }
        // a document's reading depends on the others only through the stream's budgets
        if self.nodes.0 > MAX_NODES || self.nodes.1 > MAX_ALIAS_NODES || self.docs.len() > MAX_DOCUMENTS {
            self.kept.cluster.valid = false;
            return super::analyze_staged(&self.text, cfg, stage);
        }
        self.follow_moves();
        stage("parse + decode + strict checks");
        let mut diags = Vec::new();
        diags.extend(self.docs.iter().filter_map(|d| d.error.as_ref()).map(super::syntax_note));
        for d in &self.docs {
            diags.extend(d.decoded.iter().cloned());
        }
        for d in &self.docs {
            diags.extend(d.ignored.iter().map(|(kind, api_version, pos, _)| super::ignored_note(kind, api_version, *pos)));
        }
        super::reapply::config_update_errors(self.docs.iter().flat_map(|d| d.ignored.iter()).filter_map(|(_, _, pos, s)| Some((s.as_deref()?, *pos))), &mut diags);
        // (as read_objects_staged makes it, after the update errors)
        let created: Vec<_> = self.docs.iter().flat_map(|d| d.ignored.iter()).filter_map(|(_, _, _, s)| Some(s.as_deref()?.identity())).collect();
        super::podchecks::missing_references(&self.objects, &created, &mut diags);
        for d in &self.docs {
            diags.extend(d.endpoints.iter().cloned());
        }
        for d in &self.docs {
            diags.extend(d.namespaces_ingresses.iter().cloned());
        }
        stage("diagnostics gathered");
        // (kept from the last analysis, or made and kept for the next while it depends on the
        // objects written more than once alone)
        if self.replaced.is_none() {
            let mut said = Vec::new();
            let replaced = super::replaced_objects(&self.objects, cfg, &mut said);
            self.replaced = Some((replaced, said));
            self.replaced_runs += 1;
        }
        let Some((replaced, said)) = &self.replaced else { unreachable!("just made") };
        diags.extend(said.iter().cloned());
        let keep_replaced = replaced.copies_only;
        stage("defined again / printed twice");
        // the caches key on object positions among the objects analysed: with the same objects
        // left out as last time (a dump printing each pod twice, `kubectl get all,pods`, leaves
        // the same copies out on every keystroke) they are the same positions; else the cluster
        // is made afresh (the per-Service cache compares what it reads itself)
        if replaced.gone != self.gone {
            self.kept.cluster.valid = false;
            self.gone.clone_from(&replaced.gone);
        }
        if replaced.gone.is_empty() {
            return super::analyze_checked(super::Objects::Kept(&self.objects), Some(&self.checks), diags, &replaced.stays, cfg, stage, Trees::Analysed, Some(&mut self.kept));
        }
        // an object defined again: the earlier ones are moved aside (not copied) while the
        // later stages run, and put back in their places for the next edit
        // (each object moved once each way: the vectors are made at their sizes)
        let n = self.objects.len();
        let out = replaced.gone.iter().filter(|g| **g).count();
        let (mut kept, mut kept_checks, mut aside) = (Vec::with_capacity(n - out), Vec::with_capacity(n - out), Vec::with_capacity(out));
        for (i, (o, c)) in std::mem::take(&mut self.objects).into_iter().zip(std::mem::take(&mut self.checks)).enumerate() {
            if replaced.gone[i] {
                aside.push((o, c));
            } else {
                kept.push(o);
                kept_checks.push(c);
            }
        }
        stage("set aside");
        let report = super::analyze_checked(super::Objects::Kept(&kept), Some(&kept_checks), diags, &replaced.stays, cfg, stage, Trees::Analysed, Some(&mut self.kept));
        let (mut kept, mut kept_checks, mut aside) = (kept.into_iter().zip(kept_checks), replaced.gone.iter(), aside.into_iter());
        self.objects.reserve_exact(n);
        self.checks.reserve_exact(n);
        for gone in kept_checks.by_ref() {
            let (o, c) = if *gone { aside.next() } else { kept.next() }.expect("as many objects as were taken");
            self.objects.push(o);
            self.checks.push(c);
        }
        if !keep_replaced {
            self.replaced = None;
        }
        report
    }

    /// Documents whose first line moved since they were read: their positions shifted (or, when
    /// a message quotes a line, the document read again).
    fn follow_moves(&mut self) {
        let mut o = 0;
        for d in &mut self.docs {
            let objects = &mut self.objects[o..o + d.objects];
            let checks = &mut self.checks[o..o + d.objects];
            o += d.objects;
            if d.first_line == d.at_line {
                continue;
            }
            if d.quotes_lines {
                let (mut again, mut again_checks) = (Vec::new(), Vec::new());
                let mut read = read_region(&self.text, d.start..d.start + d.len, d.first_line, &mut again, &mut again_checks);
                // the same text: one document, the same objects
                debug_assert!(read.len() == 1 && again.len() == objects.len());
                if let (Some(r), true) = (read.pop(), again.len() == objects.len()) {
                    *d = r;
                    for (slot, new) in objects.iter_mut().zip(again) {
                        *slot = new;
                    }
                    for (slot, new) in checks.iter_mut().zip(again_checks) {
                        *slot = new;
                    }
                    continue;
                }
            }
            let by = d.first_line as i64 - d.at_line as i64;
            let shift = |p: &mut Pos| {
                if p.line > 0 {
                    p.line = (p.line as i64 + by) as u32;
                }
            };
            for obj in objects.iter_mut() {
                shift_tree(&mut obj.source, &shift);
            }
            if let Some(e) = &mut d.error {
                shift(&mut e.pos);
            }
            let checked = checks.iter_mut().flatten().flat_map(|(_, found)| found.iter_mut());
            for diag in d.decoded.iter_mut().chain(d.endpoints.iter_mut()).chain(d.namespaces_ingresses.iter_mut()).chain(checked) {
                if diag.line > 0 {
                    diag.line = (diag.line as i64 + by) as u32;
                }
            }
            for (_, _, p, _) in &mut d.ignored {
                shift(p);
            }
            d.at_line = d.first_line;
        }
    }
}

/// cluster::pod_check of one object.
type Check = Option<(bool, Vec<Diagnostic>)>;

fn shift_tree(n: &mut Node, shift: &dyn Fn(&mut Pos)) {
    shift(&mut n.pos);
    match &mut n.kind {
        NodeKind::Scalar { .. } => {}
        NodeKind::Seq(items) => items.iter_mut().for_each(|i| shift_tree(i, shift)),
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                shift_tree(k, shift);
                shift_tree(v, shift);
            }
        }
    }
}

/// Read the documents of `text[range]` (which starts at the beginning of line `first_line`, at
/// a document's start, and ends at one's end or the text's), their objects appended to
/// `objects`.
fn read_region(text: &str, range: std::ops::Range<usize>, first_line: u32, objects: &mut Vec<Object>, checks: &mut Vec<Check>) -> Vec<Doc> {
    let region = &text[range.clone()];
    // an empty region is no document, unless it is the whole (empty) text
    if region.is_empty() && !text.is_empty() {
        return Vec::new();
    }
    let base = region.as_ptr() as usize;
    let mut docs = Vec::new();
    for (line, chunk) in yaml::split_documents_from(region, first_line) {
        let (root, nodes) = yaml::parse_document(chunk, line);
        let before = objects.len();
        let (mut decoded, mut ignored, mut endpoints, mut namespaces_ingresses) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let error = match root {
            Ok((Some(root), distinct_keys)) => {
                super::read_root(root, &mut decoded, objects, &mut ignored, Trees::Analysed, distinct_keys);
                None
            }
            Ok((None, _)) => None,
            Err(e) => Some(e),
        };
        super::validate_endpoints(&mut objects[before..], &mut endpoints);
        super::validate_namespaces_and_ingresses(&mut objects[before..], &mut namespaces_ingresses);
        checks.extend(objects[before..].iter().map(super::cluster::pod_check));
        let checked = checks[before..].iter().flatten().flat_map(|(_, found)| found.iter());
        let quotes_lines = error.iter().map(|e| &e.message).chain(decoded.iter().chain(endpoints.iter()).chain(namespaces_ingresses.iter()).chain(checked).map(|d| &d.message)).any(|m| m.contains("line"));
        docs.push(Doc {
            start: range.start + (chunk.as_ptr() as usize - base),
            len: chunk.len(),
            first_line: line,
            at_line: line,
            newlines: chunk.bytes().filter(|&b| b == b'\n').count() as u32,
            nodes,
            error,
            decoded,
            ignored,
            endpoints,
            namespaces_ingresses,
            objects: objects.len() - before,
            quotes_lines,
        });
    }
    docs
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
