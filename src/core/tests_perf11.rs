//! perf11 (issue #12: the full analysis above js-yaml at 10,000 pods): the speed-ups of this
//! session keep every answer; each test pins the shape of one of them.

use super::cluster::admitted_tolerations;
use super::model::{PodSpec, Toleration};

fn tol(key: &str, operator: &str, effect: &str, seconds: Option<i64>) -> Toleration {
    Toleration { key: key.into(), operator: operator.into(), value: String::new(), effect: effect.into(), toleration_seconds: seconds }
}

/// The DefaultTolerationSeconds admission plugin (kubernetes/kubernetes
/// plugin/pkg/admission/defaulttolerationseconds/admission.go `Admit`): not-ready and
/// unreachable `Exists:NoExecute` for 300 s, each unless the pod already tolerates that key with
/// NoExecute or any effect — after the pod's own, which are borrowed (not cloned), and the two
/// made once for the whole process (the scheduler asks for every pod, and every node).
#[test]
fn admitted_tolerations_borrow_the_pods_and_share_the_defaults() {
    let none = PodSpec::default();
    let a = admitted_tolerations(&none);
    let want = [tol("node.kubernetes.io/not-ready", "Exists", "NoExecute", Some(300)), tol("node.kubernetes.io/unreachable", "Exists", "NoExecute", Some(300))];
    assert_eq!(a.iter().map(|t| (*t).clone()).collect::<Vec<_>>(), want.to_vec());
    let b = admitted_tolerations(&none);
    assert!(a.iter().zip(&b).all(|(x, y)| std::ptr::eq(*x, *y)), "the added tolerations are made once");

    // a pod tolerating unreachable (any effect) and not-ready for NoSchedule only
    let own = PodSpec { tolerations: vec![tol("node.kubernetes.io/unreachable", "Exists", "", Some(5)), tol("node.kubernetes.io/not-ready", "Exists", "NoSchedule", None)], ..PodSpec::default() };
    let c = admitted_tolerations(&own);
    assert_eq!(c.len(), 3);
    assert!(std::ptr::eq(c[0], &own.tolerations[0]) && std::ptr::eq(c[1], &own.tolerations[1]), "the pod's own are borrowed");
    assert_eq!(*c[2], want[0]);
}
