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
    /// a `kind: List` read item by item (issue #12: a cluster's dump is one List, and a
    /// keystroke in one item re-reads that item): each item's reading as a Doc of its own, in
    /// order (the List's own diagnostics are then none, its objects and nodes their sums);
    /// empty: the document is read whole
    items: Vec<Doc>,
    /// with `items`: the indentation of the items' `-` and what the List gives each item
    list: Option<(usize, super::ListHead)>,
}

impl Doc {
    /// The units read on their own: the List's items, or the document.
    fn units(&self) -> &[Doc] {
        if self.items.is_empty() {
            std::slice::from_ref(self)
        } else {
            &self.items
        }
    }

    /// Moved by an edit before it: `grow` bytes and `lines` lines (its items with it).
    fn shift(&mut self, grow: isize, lines: i64) {
        self.start = (self.start as isize + grow) as usize;
        self.first_line = (self.first_line as i64 + lines) as u32;
        for i in &mut self.items {
            i.shift(grow, lines);
        }
    }
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
    /// the objects the last analysis left out (`gone`), each with its place among all and its
    /// pod check, while `replaced` stands: `objects` and `checks` then hold the others alone,
    /// as the later stages read them (a keystroke in a dump printing every pod twice moved
    /// 20,000 objects out and back: 13–21 ms); None: `objects` holds them all
    aside: Option<Vec<(usize, Object, Check)>>,
    /// how many times super::replaced_objects ran (the tests tell a kept result by it), and
    /// how many times objects were set aside
    pub(crate) replaced_runs: u64,
    pub(crate) set_aside_runs: u64,
    /// how many documents, and how many items of a List read item by item, splices read
    /// again (the tests tell what a keystroke re-read by them)
    pub(crate) docs_read: u64,
    pub(crate) items_read: u64,
    /// the PriorityClasses the documents create, as the objects' `input_priority` and their
    /// pod checks were last resolved against (super::podfields::resolve_priority_classes)
    classes: Vec<super::podfields::InputClass>,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental { stale: true, ..Default::default() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a List is read item by item.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn reads_items(&self) -> bool {
        self.docs.iter().any(|d| !d.items.is_empty())
    }

    /// The YAML nodes the text counts against the stream's budget (as read, or followed
    /// through the splices since).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn nodes(&mut self) -> usize {
        self.nodes.0
    }

    /// Replace the whole text (read on the next [`Incremental::analyze`]).
    pub fn set(&mut self, text: String) {
        self.text = text;
        self.docs.clear();
        self.objects = Vec::new();
        self.checks = Vec::new();
        self.aside = None;
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
        if self.splice_items(start, end, insert) {
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
        self.docs_read += new_docs.len() as u64;
        for d in &self.docs[lo..=hi] {
            self.nodes.0 -= d.nodes.0;
            self.nodes.1 -= d.nodes.1;
        }
        for d in &new_docs {
            self.nodes.0 += d.nodes.0;
            self.nodes.1 += d.nodes.1;
        }
        self.replace_objects(objects_at, old_objects, objects, checks, new_lines == old_lines);
        let after = lo + new_docs.len();
        self.docs.splice(lo..=hi, new_docs);
        let lines = new_lines as i64 - old_lines as i64;
        for d in &mut self.docs[after..] {
            d.shift(grow, lines);
        }
        true
    }

    /// A splice inside the items of a List read item by item: only the items it touched are
    /// read again, when what it leaves is still items of that List — every line of them an
    /// item's `-` at the items' indentation, a line indented deeper, or a blank one, ending at
    /// a line's end — and they parse on their own (no anchors or aliases, far from the
    /// budgets); the List's header, the lines after its items and the other items are then
    /// untouched. False (nothing changed): the documents are read again instead.
    fn splice_items(&mut self, start: usize, end: usize, insert: &str) -> bool {
        let at = |p: usize| self.docs.partition_point(|d| d.start <= p).saturating_sub(1);
        let k = at(start);
        if at(end) != k || self.docs[k].items.is_empty() {
            return false;
        }
        let doc = &self.docs[k];
        let (first, last) = (&doc.items[0], &doc.items[doc.items.len() - 1]);
        if start < first.start || end > last.start + last.len {
            return false;
        }
        let at_item = |p: usize| doc.items.partition_point(|d| d.start <= p).saturating_sub(1);
        let (i, j) = (at_item(start), at_item(end));
        let region = doc.items[i].start..doc.items[j].start + doc.items[j].len;
        let mut text = String::with_capacity(region.len() + insert.len());
        text.push_str(&self.text[region.start..start]);
        text.push_str(insert);
        text.push_str(&self.text[end..region.end]);
        // (the items' lines end where the List's next line starts, or at the end of the text)
        if !(text.ends_with('\n') || region.end == self.text.len()) {
            return false;
        }
        let (indent, head) = doc.list.as_ref().expect("a List read item by item");
        let old_nodes: usize = doc.items[i..=j].iter().map(|d| d.nodes.0).sum();
        let Some((new_items, objects, checks)) = read_items(&text, region.start, doc.items[i].first_line, *indent, head) else { return false };
        let new_nodes: usize = new_items.iter().map(|d| d.nodes.0).sum();
        if (doc.nodes.0 + new_nodes).saturating_sub(old_nodes) > MAX_NODES / 2 {
            return false;
        }
        let old_lines: u32 = doc.items[i..=j].iter().map(|d| d.newlines).sum();
        let new_lines: u32 = new_items.iter().map(|d| d.newlines).sum();
        let old_objects: usize = doc.items[i..=j].iter().map(|d| d.objects).sum();
        let objects_at: usize = self.docs[..k].iter().chain(&doc.items[..i]).map(|d| d.objects).sum();
        let new_objects = objects.len();
        self.items_read += new_items.len() as u64;
        self.text.replace_range(start..end, insert);
        self.replace_objects(objects_at, old_objects, objects, checks, new_lines == old_lines);
        let grow = insert.len() as isize - (end - start) as isize;
        let lines = new_lines as i64 - old_lines as i64;
        self.nodes.0 = (self.nodes.0 + new_nodes).saturating_sub(old_nodes);
        let doc = &mut self.docs[k];
        doc.nodes.0 = (doc.nodes.0 + new_nodes).saturating_sub(old_nodes);
        doc.objects = doc.objects - old_objects + new_objects;
        doc.len = (doc.len as isize + grow) as usize;
        doc.newlines = (doc.newlines as i64 + lines) as u32;
        let after = i + new_items.len();
        doc.items.splice(i..=j, new_items);
        for d in &mut doc.items[after..] {
            d.shift(grow, lines);
        }
        for d in &mut self.docs[k + 1..] {
            d.shift(grow, lines);
        }
        true
    }

    /// The objects `at..at + old_n` read again as `objects` (with their pod checks):
    /// `same_lines`, the text they were read from has as many lines as before. Says which
    /// caches still hold.
    fn replace_objects(&mut self, at: usize, old_n: usize, objects: Vec<Object>, checks: Vec<Check>, same_lines: bool) {
        // (with objects set aside: where the objects `at..` are among the others, when none of
        // them is set aside and as many are read again; else all are put back first)
        let at = match &self.aside {
            Some(_) if same_lines && objects.len() == old_n && !self.gone[at..at + old_n].contains(&true) => at - self.gone[..at].iter().filter(|g| **g).count(),
            Some(_) => {
                self.put_back();
                at
            }
            None => at,
        };
        // the cluster reads every object but the Services, and their lines: kept only when
        // those are all as they were
        let is_svc = |o: &Object| matches!(o.body, super::model::Body::Service(_));
        let old = &self.objects[at..at + old_n];
        let same_shape = same_lines && old.len() == objects.len();
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
        let replaced = !same_shape || was_twice || is_twice();
        self.objects.splice(at..at + old_n, objects);
        self.checks.splice(at..at + old_n, checks);
        if replaced {
            self.replaced = None;
            self.put_back();
        }
    }

    /// The objects set aside put back in their places among the others.
    fn put_back(&mut self) {
        let Some(aside) = self.aside.take() else { return };
        let n = self.objects.len() + aside.len();
        let (mut kept, mut aside) = (std::mem::take(&mut self.objects).into_iter().zip(std::mem::take(&mut self.checks)), aside.into_iter().peekable());
        self.objects.reserve_exact(n);
        self.checks.reserve_exact(n);
        for i in 0..n {
            let (o, c) = match aside.next_if(|(at, ..)| *at == i) {
                Some((_, o, c)) => (o, c),
                None => kept.next().expect("as many objects as were taken"),
            };
            self.objects.push(o);
            self.checks.push(c);
        }
    }

    /// A document that does not parse, a `---` line kubectl refuses (yaml::bad_separator), or a
    /// document kubectl's validation refuses (super::stops_stream): the stream stops there.
    fn stops(&self) -> bool {
        self.docs.iter().any(|d| d.error.is_some() || d.items.iter().any(|i| i.error.is_some()) || d.decoded.iter().any(super::stops_stream) || yaml::bad_separator(&self.text[d.start..d.start + d.len]).is_some())
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
            self.aside = None;
            self.nodes = self.docs.iter().fold((0, 0), |a, d| (a.0 + d.nodes.0, a.1 + d.nodes.1));
            self.identities.clear();
            for h in self.objects.iter().filter_map(super::identity_hash) {
                *self.identities.entry(h).or_default() += 1;
            }
            self.replaced = None;
            self.stale = false;
        }
        // a document's reading depends on the others only through the stream's budgets, and
        // through an error that stops the stream (k8s.io/cli-runtime pkg/resource/visitor.go
        // `StreamVisitor.Visit`: no document after it is read; a bad `---` line loses the one
        // above it too — yaml::Stop): read whole while there is one
        if self.nodes.0 > MAX_NODES || self.nodes.1 > MAX_ALIAS_NODES || self.docs.len() > MAX_DOCUMENTS || self.stops() || yaml::json_stream(&self.text) {
            self.kept.cluster.valid = false;
            return super::analyze_staged(&self.text, cfg, stage);
        }
        self.follow_moves();
        self.resolve_priority_classes();
        stage("parse + decode + strict checks");
        let mut diags = Vec::new();
        diags.extend(self.docs.iter().filter_map(|d| d.error.as_ref()).map(|e| super::syntax_note(e, super::STDIN)));
        let units = || self.docs.iter().flat_map(Doc::units);
        for d in units() {
            diags.extend(d.decoded.iter().cloned());
        }
        for d in units() {
            diags.extend(d.ignored.iter().map(|(kind, api_version, pos, ..)| super::ignored_note(kind, api_version, *pos)));
        }
        super::reapply::config_update_errors(units().flat_map(|d| d.ignored.iter()).filter_map(|(_, _, pos, s, ..)| Some((s.as_deref()?, *pos))), &mut diags);
        // (as read_objects_staged makes it, after the update errors)
        super::reference_notes(&self.objects, units().flat_map(|d| d.ignored.iter()), &mut diags);
        for d in units() {
            diags.extend(d.endpoints.iter().cloned());
        }
        for d in units() {
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
            let custom: Vec<_> = self.docs.iter().flat_map(Doc::units).flat_map(|d| d.ignored.iter()).flat_map(|i| i.5.iter()).collect();
            return super::analyze_checked(super::Objects::Kept(&self.objects), Some(&self.checks), diags, &replaced.stays, cfg, stage, Trees::Analysed, Some(&mut self.kept), &custom);
        }
        // an object defined again: the earlier ones are moved aside (not copied) while the
        // later stages run, and stay aside for the next keystroke while what replaced_objects
        // said stands (put back when an edit touches them, or moves a line: put_back)
        if self.aside.is_none() {
            let n = self.objects.len();
            let out = replaced.gone.iter().filter(|g| **g).count();
            let (mut kept, mut kept_checks, mut aside) = (Vec::with_capacity(n - out), Vec::with_capacity(n - out), Vec::with_capacity(out));
            for (i, (o, c)) in std::mem::take(&mut self.objects).into_iter().zip(std::mem::take(&mut self.checks)).enumerate() {
                if replaced.gone[i] {
                    aside.push((i, o, c));
                } else {
                    kept.push(o);
                    kept_checks.push(c);
                }
            }
            (self.objects, self.checks, self.aside) = (kept, kept_checks, Some(aside));
            self.set_aside_runs += 1;
        }
        stage("set aside");
        let custom: Vec<_> = self.docs.iter().flat_map(Doc::units).flat_map(|d| d.ignored.iter()).flat_map(|i| i.5.iter()).collect();
        let report = super::analyze_checked(super::Objects::Kept(&self.objects), Some(&self.checks), diags, &replaced.stays, cfg, stage, Trees::Analysed, Some(&mut self.kept), &custom);
        if !keep_replaced {
            self.replaced = None;
            self.put_back();
        }
        report
    }

    /// The Priority admission plugin's lookups (super::podfields::resolve_priority_classes) in
    /// the PriorityClasses the documents now create: an object read again was checked without
    /// them, and a PriorityClass edited changes every pod's; the pod check made again for each
    /// object whose answer moved (what said defined-again and the cluster made afresh when a
    /// class changed: both read the checks).
    fn resolve_priority_classes(&mut self) {
        let classes: Vec<_> = self.docs.iter().flat_map(Doc::units).flat_map(|d| d.ignored.iter()).filter_map(|i| i.4.clone()).collect();
        let changed = classes != self.classes;
        if !changed && classes.is_empty() {
            return;
        }
        if changed {
            // (defined again is said afresh over every object)
            self.put_back();
            self.classes = classes;
            self.replaced = None;
            self.kept.cluster.valid = false;
        }
        let aside = self.aside.iter_mut().flatten().map(|(_, o, c)| (o, c));
        for (o, c) in self.objects.iter_mut().zip(self.checks.iter_mut()).chain(aside) {
            if super::podfields::resolve_priority_class(o, &self.classes) {
                *c = super::cluster::pod_check(o);
            }
        }
    }

    /// Documents (and a List's items) whose first line moved since they were read: their
    /// positions shifted (or, when a message quotes a line, the unit read again).
    fn follow_moves(&mut self) {
        let moved = |d: &Doc| d.first_line != d.at_line;
        if !self.docs.iter().any(|d| moved(d) || d.items.iter().any(moved)) {
            return;
        }
        self.put_back();
        let mut o = 0;
        for d in &mut self.docs {
            if d.items.is_empty() {
                let n = d.objects;
                follow(d, &mut self.objects[o..o + n], &mut self.checks[o..o + n], &|d| {
                    let (mut again, mut again_checks) = (Vec::new(), Vec::new());
                    let mut read = read_region(&self.text, d.start..d.start + d.len, d.first_line, &mut again, &mut again_checks);
                    // the same text: one document, the same objects
                    debug_assert!(read.len() == 1 && again.len() == d.objects);
                    read.pop().filter(|r| read.is_empty() && r.items.is_empty()).map(|r| (r, again, again_checks))
                });
                o += n;
                continue;
            }
            d.at_line = d.first_line;
            let (indent, head) = d.list.as_ref().expect("a List read item by item");
            for item in &mut d.items {
                let n = item.objects;
                follow(item, &mut self.objects[o..o + n], &mut self.checks[o..o + n], &|d| {
                    let (mut read, again, again_checks) = read_items(&self.text[d.start..d.start + d.len], d.start, d.first_line, *indent, head)?;
                    // the same text: one item, the same objects
                    debug_assert!(read.len() == 1);
                    read.pop().filter(|_| read.is_empty()).map(|r| (r, again, again_checks))
                });
                o += n;
            }
        }
    }
}

/// A unit (a document, or an item of a List) whose first line moved since it was read: its
/// positions shifted, or, when a message quotes a line, it is read again (`again`).
fn follow(d: &mut Doc, objects: &mut [Object], checks: &mut [Check], again: &dyn Fn(&Doc) -> Option<Read>) {
    if d.first_line == d.at_line {
        return;
    }
    if d.quotes_lines {
        if let Some((r, again, again_checks)) = again(d).filter(|(_, o, _)| o.len() == objects.len()) {
            *d = r;
            for (slot, new) in objects.iter_mut().zip(again) {
                *slot = new;
            }
            for (slot, new) in checks.iter_mut().zip(again_checks) {
                *slot = new;
            }
            return;
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
    for (_, _, p, ..) in &mut d.ignored {
        shift(p);
    }
    d.at_line = d.first_line;
}

/// cluster::pod_check of one object.
type Check = Option<(bool, Vec<Diagnostic>)>;

/// A unit read again: its reading, its objects and their checks.
type Read = (Doc, Vec<Object>, Vec<Check>);

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
/// `objects`. A List whose items can be read one by one ([`list_items`]) is read item by item.
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
        let start = range.start + (chunk.as_ptr() as usize - base);
        let (mut decoded, mut ignored) = (Vec::new(), Vec::new());
        let error = match root {
            Ok((Some(root), distinct_keys)) => {
                // (a List kubectl refuses whole, its metadata not decoding: read as one document)
                if let Some(spans) = list_items(chunk, line, &root, nodes).filter(|_| super::kubectl_validation_error(&root, super::STDIN).is_none() && super::strict::kubectl_decode_error(&root, super::STDIN).is_none()) {
                    let Ok((head, Some(Node { kind: NodeKind::Seq(items), .. }))) = super::list_items(root) else { unreachable!("list_items saw a List's items") };
                    let mut list = unit(objects, checks, before, start, chunk, line, nodes, None, Vec::new(), Vec::new());
                    list.items = items.into_iter().zip(spans).map(|(item, (at, len, line))| read_item(item, &head, distinct_keys, start + at, &chunk[at..at + len], line, objects, checks)).collect();
                    list.objects = objects.len() - before;
                    list.list = Some((spans_indent(chunk, &list, start), head));
                    docs.push(list);
                    continue;
                }
                super::read_root(root, super::STDIN, &mut decoded, objects, &mut ignored, Trees::Analysed, distinct_keys);
                None
            }
            Ok((None, _)) => None,
            Err(e) => Some(e),
        };
        docs.push(unit(objects, checks, before, start, chunk, line, nodes, error, decoded, ignored));
    }
    docs
}

/// The indentation of a List's items' `-` (their first item's first line).
fn spans_indent(chunk: &str, list: &Doc, start: usize) -> usize {
    let at = list.items[0].start - start;
    chunk[at..].bytes().take_while(|&b| b == b' ').count()
}

/// One unit read (a document or a List's item, `chunk` at byte `start` of the text and line
/// `line`; its objects `objects[before..]`): validated on its own and checked.
#[allow(clippy::too_many_arguments)]
fn unit(objects: &mut [Object], checks: &mut Vec<Check>, before: usize, start: usize, chunk: &str, line: u32, nodes: (usize, usize), error: Option<YamlError>, decoded: Vec<Diagnostic>, ignored: Vec<super::Ignored>) -> Doc {
    let (mut endpoints, mut namespaces_ingresses) = (Vec::new(), Vec::new());
    super::validate_endpoints(&mut objects[before..], &mut endpoints);
    super::validate_namespaces_and_ingresses(&mut objects[before..], &mut namespaces_ingresses);
    checks.extend(objects[before..].iter().map(super::cluster::pod_check));
    let checked = checks[before..].iter().flatten().flat_map(|(_, found)| found.iter());
    // (a hint, beside its message, counts as well)
    let quotes_lines = error.iter().any(|e| e.message.contains("line") || e.hint.contains("line"))
        || decoded.iter().chain(endpoints.iter()).chain(namespaces_ingresses.iter()).chain(checked).any(|d| d.message.contains("line") || d.hint.as_deref().is_some_and(|h| h.contains("line")));
    Doc {
        start,
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
        items: Vec::new(),
        list: None,
    }
}

/// One item of a List decoded (its text `chunk`, at byte `start` of the text and line `line`).
#[allow(clippy::too_many_arguments)]
fn read_item(item: Node, head: &super::ListHead, distinct_keys: bool, start: usize, chunk: &str, line: u32, objects: &mut Vec<Object>, checks: &mut Vec<Check>) -> Doc {
    let before = objects.len();
    let nodes = (count_nodes(&item).0, 0);
    let (mut decoded, mut ignored) = (Vec::new(), Vec::new());
    super::read_list_item(item, head, &mut decoded, objects, &mut ignored, Trees::Analysed, distinct_keys);
    unit(objects, checks, before, start, chunk, line, nodes, None, decoded, ignored)
}

/// A tree's nodes (as the parser counts them) and its height.
fn count_nodes(n: &Node) -> (usize, usize) {
    match &n.kind {
        NodeKind::Scalar { .. } => (1, 1),
        NodeKind::Seq(items) => items.iter().map(count_nodes).fold((1, 1), |a, c| (a.0 + c.0, a.1.max(c.1 + 1))),
        NodeKind::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).map(count_nodes).fold((1, 1), |a, c| (a.0 + c.0, a.1.max(c.1 + 1))),
    }
}

/// How a line of a List's items reads (`indent`: their `-`'s): an item's first line, a line
/// inside one (indented deeper, or blank), or neither (the items end there). A tab or a
/// carriage return is neither (not read item by item).
#[derive(PartialEq)]
enum ItemLine {
    Start,
    Inside,
    Neither,
}

fn item_line(line: &[u8], indent: usize) -> ItemLine {
    if line.iter().any(|&b| b == b'\t' || b == b'\r') {
        return ItemLine::Neither;
    }
    let spaces = line.iter().take_while(|&&b| b == b' ').count();
    match line.get(spaces) {
        None | Some(b'\n') => ItemLine::Inside,
        Some(_) if spaces > indent => ItemLine::Inside,
        Some(b'-') if spaces == indent && matches!(line.get(spaces + 1), None | Some(b' ' | b'\n')) => ItemLine::Start,
        Some(_) => ItemLine::Neither,
    }
}

/// The lines of `text` from byte `from` (a line's start, line number `line`): each line's
/// start, number and kind, up to the first that is [`ItemLine::Neither`] (whose start ends
/// the items).
fn item_starts(text: &str, from: usize, line: u32, indent: usize) -> (Vec<(usize, u32)>, usize, bool) {
    let b = text.as_bytes();
    let (mut starts, mut at, mut line) = (Vec::new(), from, line);
    while at < b.len() {
        let end = b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |e| at + e + 1);
        match item_line(&b[at..end], indent) {
            ItemLine::Start => starts.push((at, line)),
            ItemLine::Inside => {}
            ItemLine::Neither => return (starts, at, false),
        }
        at = end;
        line += 1;
    }
    (starts, at, true)
}

/// A List (`chunk`, at line `line`, its root `root`, its nodes `nodes`) whose items can be
/// read one by one: its `items:` key (the one read: the last) alone on a line at the first
/// column, then its items, each starting with a `-` at one indentation and nothing in them
/// less indented, no anchors or aliases and far from the node budget. Each item's span in
/// `chunk` (byte offset, length, first line).
fn list_items(chunk: &str, line: u32, root: &Node, nodes: (usize, usize)) -> Option<Vec<(usize, usize, u32)>> {
    if nodes.1 > 0 || nodes.0 > MAX_NODES / 2 || !super::is_list(root) {
        return None;
    }
    let NodeKind::Map(entries) = &root.kind else { return None };
    let (key, items) = entries.iter().rev().find(|(k, _)| k.is_str("items"))?;
    let NodeKind::Seq(items) = &items.kind else { return None };
    if items.is_empty() || key.pos.column != 1 || key.pos.line < line {
        return None;
    }
    // the key's line, and the next
    let b = chunk.as_bytes();
    let mut at = 0;
    for _ in line..key.pos.line {
        at += b[at..].iter().position(|&c| c == b'\n')? + 1;
    }
    let next = at + b[at..].iter().position(|&c| c == b'\n')? + 1;
    if chunk[at..next].trim_end_matches(['\n', ' ']) != "items:" {
        return None;
    }
    let indent = b[next..].iter().take_while(|&&c| c == b' ').count();
    let (starts, end, _) = item_starts(chunk, next, key.pos.line + 1, indent);
    if starts.len() != items.len() || starts.first().map(|s| s.0) != Some(next) {
        return None;
    }
    // the line that ends them is the List's own (a comment, a tab or a carriage return there
    // may not end the last item: not read item by item)
    let after = &b[end..end + b[end..].iter().position(|&c| c == b'\n').unwrap_or(b.len() - end)];
    if after.iter().any(|&c| c == b'\t' || c == b'\r') || after.iter().find(|&&c| c != b' ') == Some(&b'#') {
        return None;
    }
    let end_line = key.pos.line + 1 + chunk[next..end].bytes().filter(|&c| c == b'\n').count() as u32;
    spans(&starts, end, end_line, items)
}

/// Each item's span (offset, length, first line) from the items' starts and where they end,
/// when each parsed item lies in its own.
fn spans(starts: &[(usize, u32)], end: usize, end_line: u32, items: &[Node]) -> Option<Vec<(usize, usize, u32)>> {
    let mut out = Vec::with_capacity(starts.len());
    for (k, &(at, line)) in starts.iter().enumerate() {
        let (next, next_line) = starts.get(k + 1).copied().unwrap_or((end, end_line));
        if !(line..next_line.max(line + 1)).contains(&items[k].pos.line) {
            return None;
        }
        out.push((at, next - at, line));
    }
    Some(out)
}

/// A List's items read again from `text` (at byte `start` of the whole text, line `line`;
/// their `-` at `indent`): None when it is not items of that indentation alone, or does not
/// parse on its own into as many items (no anchors, aliases or deep nesting).
fn read_items(text: &str, start: usize, line: u32, indent: usize, head: &super::ListHead) -> Option<(Vec<Doc>, Vec<Object>, Vec<Check>)> {
    let (starts, end, whole) = item_starts(text, 0, line, indent);
    if !whole || starts.first().map(|s| s.0) != Some(0) {
        return None;
    }
    let end_line = line + text.bytes().filter(|&c| c == b'\n').count() as u32;
    let (root, nodes) = yaml::parse_document(text, line);
    let Ok((Some(Node { kind: NodeKind::Seq(items), .. }), distinct_keys)) = root else { return None };
    if nodes.1 > 0 || items.len() != starts.len() || items.iter().any(|i| count_nodes(i).1 + 4 > super::yaml::MAX_DEPTH) {
        return None;
    }
    let spans = spans(&starts, end, end_line, &items)?;
    let (mut objects, mut checks) = (Vec::new(), Vec::new());
    let docs = items.into_iter().zip(spans).map(|(item, (at, len, l))| read_item(item, head, distinct_keys, start + at, &text[at..at + len], l, &mut objects, &mut checks)).collect();
    Some((docs, objects, checks))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
