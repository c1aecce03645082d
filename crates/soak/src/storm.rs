//! Carries out the plan ([`crate::schedule`]): each fault at its time, on its target,
//! for its length, written into the history with when it started and ended.

use std::{sync::Arc, time::Instant};

use tokio::sync::Mutex;

use crate::{
    cluster::{Instance, Postgres},
    history::{FaultRecord, History},
    portal::RunningPortal,
    proxy::{Fault, FaultProxy},
    schedule::{Action, Planned, Target},
};

/// Everything a fault can strike.
pub struct Targets {
    pub instance_links: Vec<FaultProxy>,
    pub instances: Vec<Mutex<Instance>>,
    pub database_link: FaultProxy,
    pub database: Postgres,
    /// Held while PostgreSQL restarts: a crash planned during a slow restart waits.
    pub database_restarting: Mutex<()>,
    pub portal: RunningPortal,
}

impl Targets {
    /// Every fault off: links faithful, the database and the instances running, the
    /// portal receiving. A process found ended that no fault ended is a defect.
    pub async fn calm(&self, history: &History) -> anyhow::Result<()> {
        for link in &self.instance_links {
            link.set(Fault::None);
        }
        self.database_link.set(Fault::None);
        self.portal.pause(false);
        if self.database.query("SELECT 1").await.is_err() {
            history.defect("PostgreSQL was not running after the storm".to_owned());
            self.database.ensure_running().await?;
        }
        for instance in &self.instances {
            let mut instance = instance.lock().await;
            if let Some(status) = instance.exited() {
                history.defect(format!(
                    "instance {} ended on its own: {status}",
                    instance.name
                ));
            }
            if !instance.running() {
                instance.start(&[]).await?;
            }
        }
        Ok(())
    }
}

/// Runs `plan` from `start`; answers when its last fault has ended.
pub async fn storm(
    targets: Arc<Targets>,
    history: Arc<History>,
    plan: Vec<Planned>,
    start: Instant,
) {
    let mut striking = Vec::new();
    for planned in plan {
        let (targets, history) = (targets.clone(), history.clone());
        striking.push(tokio::spawn(async move {
            tokio::time::sleep_until((start + planned.at).into()).await;
            let started = Instant::now();
            if let Err(e) = strike(&targets, &planned).await {
                history.defect(format!(
                    "{}: the fault itself failed: {e:#}",
                    planned.kind()
                ));
            }
            history.with(|h| {
                h.faults.push(FaultRecord {
                    kind: planned.kind(),
                    started,
                    ended: Instant::now(),
                })
            });
        }));
    }
    for s in striking {
        let _ = s.await;
    }
}

async fn strike(targets: &Targets, planned: &Planned) -> anyhow::Result<()> {
    let hold = || tokio::time::sleep(planned.lasts);
    match (planned.target, planned.action) {
        (Target::InstanceLink(n), Action::Link(fault)) => {
            targets.instance_links[n].set(fault);
            hold().await;
            targets.instance_links[n].set(Fault::None);
        }
        (Target::DatabaseLink, Action::Link(fault)) => {
            targets.database_link.set(fault);
            hold().await;
            targets.database_link.set(Fault::None);
        }
        (Target::Instance(n), Action::Kill) => {
            targets.instances[n].lock().await.kill().await;
            hold().await;
            // Started again by its supervisor, as systemd or Kubernetes would.
            targets.instances[n].lock().await.start(&[]).await?;
        }
        (Target::Database, Action::CrashRestart) => {
            let _restarting = targets.database_restarting.lock().await;
            targets.database.crash_and_restart().await?
        }
        (Target::Portal, Action::Pause) => {
            targets.portal.pause(true);
            hold().await;
            targets.portal.pause(false);
        }
        (target, action) => anyhow::bail!("no such fault: {action:?} on {target:?}"),
    }
    Ok(())
}
