//! Reads back, after the storm, what the system holds, each from its own source: the
//! database by SQL, the pull API's customer and removal feeds with the organization
//! key, the import history with the user's token, and the portal's copy.

use customer_import_domain::wire::{ImportPage, ImportSummary};
use serde::Deserialize;

use crate::{
    check::{BatchCounts, Held, Observed},
    cluster::Postgres,
    load::Api,
    portal::RunningPortal,
};

#[derive(Deserialize)]
struct Page<T> {
    items: Vec<T>,
    next_after: Option<i64>,
}

#[derive(Deserialize)]
struct FeedCustomer {
    id: i64,
    external_id: Option<String>,
    name: Option<String>,
    email: Option<String>,
    unit: Option<String>,
}

#[derive(Deserialize)]
struct FeedRemoval {
    customer_id: i64,
}

/// Every page of a provisioning feed.
async fn feed<T: for<'de> Deserialize<'de>>(
    api: &Api,
    key: &str,
    path: &str,
) -> anyhow::Result<Vec<T>> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page: Page<T> = api
            .http
            .get(format!(
                "{}/api/provisioning/{path}?after={after}",
                api.base
            ))
            .bearer_auth(key)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        all.extend(page.items);
        match page.next_after {
            Some(next) => after = next,
            None => return Ok(all),
        }
    }
}

/// The id of the import of the file called `file_name`, asked of the history until
/// an answer comes (the storm may still be on).
pub async fn batch_named(api: &Api, file_name: &str) -> anyhow::Result<i64> {
    let mut last = String::new();
    for _ in 0..120 {
        match imports(api).await {
            Ok(all) => match all
                .iter()
                .find(|b| b.file_name.as_deref() == Some(file_name))
            {
                Some(b) => return Ok(b.id),
                None => last = format!("no import of {file_name} in the history"),
            },
            Err(e) => last = format!("{e:#}"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    anyhow::bail!("{last}")
}

/// Every import of the project, from every page of its history.
async fn imports(api: &Api) -> anyhow::Result<Vec<ImportSummary>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let mut url = format!("{}/api/projects/{}/imports", api.base, api.project);
        if let Some(b) = before {
            url += &format!("?before={b}");
        }
        let page: ImportPage = api
            .http
            .get(url)
            .bearer_auth(api.token())
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        all.extend(page.items);
        match page.next_before {
            Some(b) => before = Some(b),
            None => return Ok(all),
        }
    }
}

pub async fn observe(
    api: &Api,
    org_key: &str,
    portal_project: &str,
    postgres: &Postgres,
    portal: &RunningPortal,
) -> anyhow::Result<Observed> {
    let rows = postgres
        .query(&format!(
            "SELECT c.id, coalesce(c.external_id, ''), coalesce(c.name, ''), coalesce(c.email, ''), coalesce(u.code, '')
             FROM customers c JOIN projects p ON p.id = c.project_id LEFT JOIN units u ON u.id = c.unit_id
             WHERE p.external_id = '{portal_project}' ORDER BY c.id"
        ))
        .await?;
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let database = rows
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            anyhow::ensure!(f.len() == 5, "unexpected psql row {line:?}");
            Ok(Held {
                id: f[0].parse()?,
                external_id: text(f[1]),
                name: text(f[2]),
                email: text(f[3]),
                unit: text(f[4]),
            })
        })
        .collect::<anyhow::Result<Vec<Held>>>()?;
    let customers: Vec<FeedCustomer> = feed(
        api,
        org_key,
        &format!("projects/{portal_project}/customers"),
    )
    .await?;
    let removals: Vec<FeedRemoval> =
        feed(api, org_key, &format!("projects/{portal_project}/removals")).await?;
    let batches = imports(api)
        .await?
        .into_iter()
        .map(|b| BatchCounts {
            id: b.id,
            created: b.created,
            rejected: b.rejected,
            present: b.present,
            removed: b.removed,
            undone: b.undone_at.is_some(),
        })
        .collect();
    Ok(Observed {
        database,
        feed: customers
            .into_iter()
            .map(|c| Held {
                id: c.id,
                external_id: c.external_id,
                name: c.name,
                email: c.email,
                unit: c.unit,
            })
            .collect(),
        removed: removals.into_iter().map(|r| r.customer_id).collect(),
        batches,
        portal: portal
            .customers()
            .into_iter()
            .map(|c| Held {
                id: c.id,
                external_id: None,
                name: c.name,
                email: c.email,
                unit: c.unit,
            })
            .collect(),
    })
}
