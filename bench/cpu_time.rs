//! Processor time for the benchmarks' reports (Linux `/proc`; elsewhere `None`), shared
//! by path (`#[path]`) so that every bench says how busy the host was the same way:
//! on this shared 2-core machine a figure means little without it.

/// Clock ticks, summed over every core: how many were busy, and how many passed.
#[derive(Debug, Clone, Copy)]
pub struct HostTicks {
    pub busy: u64,
    pub all: u64,
}

impl HostTicks {
    /// The host's processor time so far, from the first line of `/proc/stat`.
    pub fn now() -> Option<HostTicks> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let ticks: Vec<u64> = stat
            .lines()
            .next()?
            .split_whitespace()
            .skip(1)
            .filter_map(|n| n.parse().ok())
            .collect();
        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        let all: u64 = ticks.iter().take(8).sum();
        let idle = ticks.get(3)? + ticks.get(4).unwrap_or(&0);
        Some(HostTicks {
            busy: all - idle,
            all,
        })
    }

    /// How busy the host's processors were since `self`, in percent of all of them, as
    /// text ("unknown" off Linux).
    pub fn busy_since(self) -> String {
        match HostTicks::now() {
            Some(now) if now.all > self.all => format!(
                "{:.0}%",
                100.0 * (now.busy - self.busy) as f64 / (now.all - self.all) as f64
            ),
            _ => "unknown".to_owned(),
        }
    }
}

/// [`HostTicks::busy_since`] from an optional start.
#[allow(dead_code)] // not every bench measures a span it may have missed
pub fn busy_since(start: Option<HostTicks>) -> String {
    start.map_or_else(|| "unknown".to_owned(), HostTicks::busy_since)
}

/// The processor time (user + system, in clock ticks) of this process's threads whose
/// name `named` accepts, from `/proc/self/task/*/stat` (Linux cuts names to 15
/// bytes). A thread that has ended is not counted, so a bench keeps the threads it
/// measures alive.
#[allow(dead_code)] // only the server's bench names its threads
pub fn threads_ticks(named: impl Fn(&str) -> bool) -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("stat")).ok())
        .filter_map(|stat| {
            // `pid (comm) state …`: the name may hold spaces, so split at the last ')'.
            let (head, rest) = stat.rsplit_once(')')?;
            if !named(head.split_once('(')?.1) {
                return None;
            }
            let fields: Vec<&str> = rest.split_whitespace().collect();
            // Fields 14 and 15 of the line (utime, stime); `rest` starts at field 3.
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum()
}

/// The processor time of this whole process so far (every thread, ended ones too), in
/// clock ticks, from `/proc/self/stat`.
#[allow(dead_code)]
pub fn process_ticks() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    tick(11) + tick(12)
}

/// Clock ticks a second (`getconf CLK_TCK`; Linux's usual 100 if that fails).
#[allow(dead_code)]
pub fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The machine's processor and how many cores it has.
#[allow(dead_code)]
pub fn machine() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = info.lines().filter(|l| l.starts_with("processor")).count();
    format!("{model}, {cores} cores")
}
