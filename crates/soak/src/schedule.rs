//! The storm's plan: which fault strikes what, when and for how long, drawn from one
//! seed so that a failing run can be replayed exactly. Faults overlap freely across
//! targets (an instance's link cut while the database restarts), never on one target,
//! where the second would end the first early.

use std::time::Duration;

use crate::proxy::Fault;

/// What a fault strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The link between the load balancer and instance `n`.
    InstanceLink(usize),
    /// Instance `n`'s process.
    Instance(usize),
    /// The link between both instances and PostgreSQL.
    DatabaseLink,
    /// PostgreSQL's process.
    Database,
    /// The portal's webhook receiver.
    Portal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The link's proxy does this for the fault's length.
    Link(Fault),
    /// SIGKILL, then started again after the fault's length.
    Kill,
    /// Stopped at once (`-m immediate`, as a crash) and started again.
    CrashRestart,
    /// Deliveries hang for the fault's length.
    Pause,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub at: Duration,
    pub target: Target,
    pub action: Action,
    pub lasts: Duration,
}

impl Planned {
    /// The fault's kind, as the report counts them.
    pub fn kind(&self) -> &'static str {
        match (self.target, self.action) {
            (Target::InstanceLink(_), Action::Link(f)) => match f {
                Fault::Delay(_) => "instance link: delay",
                Fault::Refuse => "instance link: refuse",
                Fault::Reset => "instance link: reset",
                Fault::Cut => "instance link: cut",
                Fault::BlackHole => "instance link: black hole",
                Fault::None => "instance link: none",
            },
            (Target::DatabaseLink, Action::Link(f)) => match f {
                Fault::Delay(_) => "database link: delay",
                Fault::Refuse => "database link: refuse",
                Fault::Reset => "database link: reset",
                Fault::Cut => "database link: cut",
                Fault::BlackHole => "database link: black hole",
                Fault::None => "database link: none",
            },
            (_, Action::Kill) => "instance killed (SIGKILL) and restarted",
            (_, Action::CrashRestart) => "PostgreSQL crashed and restarted",
            (_, Action::Pause) => "portal receiver paused",
            _ => "other",
        }
    }
}

fn link_fault(rng: &mut fastrand::Rng) -> Fault {
    match rng.u8(0..5) {
        0 => Fault::Delay(Duration::from_millis(rng.u64(20..400))),
        1 => Fault::Refuse,
        2 => Fault::Reset,
        3 => Fault::Cut,
        _ => Fault::BlackHole,
    }
}

/// The plan for a storm of `length` over `instances` instances: a fault starts every
/// 0.3 to 2.5 s and lasts 0.5 to 5 s; none is planned to end after `length`.
pub fn plan(seed: u64, length: Duration, instances: usize) -> Vec<Planned> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut busy_until: Vec<(Target, Duration)> = Vec::new();
    let mut planned = Vec::new();
    let mut at = Duration::from_millis(rng.u64(300..2_500));
    while at < length {
        let instance = rng.usize(0..instances.max(1));
        let (target, action) = match rng.u8(0..10) {
            0..=3 => (
                Target::InstanceLink(instance),
                Action::Link(link_fault(&mut rng)),
            ),
            4 | 5 => (Target::DatabaseLink, Action::Link(link_fault(&mut rng))),
            6 | 7 => (Target::Instance(instance), Action::Kill),
            8 => (Target::Database, Action::CrashRestart),
            _ => (Target::Portal, Action::Pause),
        };
        let lasts = Duration::from_millis(rng.u64(500..5_000));
        let free = busy_until
            .iter()
            .all(|(t, until)| *t != target || *until <= at);
        if free && at + lasts < length {
            busy_until.retain(|(t, _)| *t != target);
            busy_until.push((target, at + lasts));
            planned.push(Planned {
                at,
                target,
                action,
                lasts,
            });
        }
        at += Duration::from_millis(rng.u64(300..2_500));
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_seed_gives_one_plan_and_another_seed_another() {
        let minute = Duration::from_secs(60);
        assert_eq!(plan(7, minute, 2), plan(7, minute, 2));
        assert_ne!(plan(7, minute, 2), plan(8, minute, 2));
    }

    #[test]
    fn faults_overlap_across_targets_but_never_on_one() {
        let planned = plan(1, Duration::from_secs(1_800), 2);
        let overlapping = |a: &Planned, b: &Planned| a.at < b.at + b.lasts && b.at < a.at + a.lasts;
        let mut across = false;
        for (i, a) in planned.iter().enumerate() {
            for b in &planned[i + 1..] {
                if overlapping(a, b) {
                    assert_ne!(a.target, b.target, "{a:?} and {b:?}");
                    across = true;
                }
            }
        }
        assert!(across, "a storm has faults at once");
        for kind in [
            "instance killed (SIGKILL) and restarted",
            "PostgreSQL crashed and restarted",
            "portal receiver paused",
            "instance link: black hole",
            "database link: reset",
        ] {
            assert!(planned.iter().any(|p| p.kind() == kind), "{kind}");
        }
        assert!(
            planned
                .iter()
                .all(|p| p.at + p.lasts < Duration::from_secs(1_800))
        );
    }
}
