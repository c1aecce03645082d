//! The wizard in its own words, for tests that walk it as a user does. A [`Journey`]
//! says who signs in, in which language, into which project and with which file; it
//! opens the app and brings the [`Wizard`] to the step a test starts from. Going on
//! from a step waits for what a user would see before their next click: the step's
//! heading, in the page's language, and what the step shows once its work is done
//! (the file's summary, the counts, the mapping, the review's counts, the save's
//! summary). The machine running the tests is often loaded: a click fired before the
//! page has answered the last one would test nothing but the machine.

use std::{
    ops::Deref,
    path::{Path, PathBuf},
};

use anyhow::{Context, bail, ensure};

use fantoccini::Locator;

use super::{
    browser::{Page, until},
    server::TestServer,
};

/// The languages of the app, in the order [`Step::heading`] and [`END`] list words.
const LANGUAGES: [&str; 4] = ["nb", "en", "fi", "sv"];

/// The heading of an import's end (`end-heading` in src/i18n/*.ftl).
const END: [&str; 4] = [
    "Importen er ferdig",
    "The import is finished",
    "Tuonti on valmis",
    "Importen är klar",
];

/// A file of the reading crate's corpus (`crates/reading/tests/corpus`).
pub fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/reading/tests/corpus")
        .join(name)
}

/// The wizard's steps, in their order (the step bar's `data-step` 0 to 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Project,
    File,
    Header,
    Mapping,
    Review,
    Save,
}

impl Step {
    const ALL: [Step; 6] = [
        Step::Project,
        Step::File,
        Step::Header,
        Step::Mapping,
        Step::Review,
        Step::Save,
    ];

    /// The id of the step's heading, which only the open step shows.
    pub fn heading_id(self) -> &'static str {
        match self {
            Step::Project => "project-heading",
            Step::File => "file-heading",
            Step::Header => "header-heading",
            Step::Mapping => "mapping-heading",
            Step::Review => "review-heading",
            Step::Save => "save-heading",
        }
    }

    /// The step's heading in `language` (`<step>-heading` in src/i18n/*.ftl).
    pub fn heading(self, language: &str) -> Option<&'static str> {
        let words = match self {
            Step::Project => [
                "Velg prosjekt",
                "Choose the project",
                "Valitse projekti",
                "Välj projekt",
            ],
            Step::File => [
                "Velg fil",
                "Choose the file",
                "Valitse tiedosto",
                "Välj fil",
            ],
            Step::Header => ["Overskrift", "Header", "Otsikkorivi", "Rubrik"],
            Step::Mapping => ["Kobling", "Mapping", "Kenttien yhdistäminen", "Koppling"],
            Step::Review => ["Kontroll", "Review", "Tarkistus", "Granskning"],
            Step::Save => ["Lagre", "Save", "Tallennus", "Spara"],
        };
        LANGUAGES
            .iter()
            .position(|l| *l == language)
            .map(|i| words[i])
    }

    /// What the step shows once its work is done and a user can go on: the counts of
    /// the rows under the header, the mapping (the worker found one to start from),
    /// the review's counts (every row checked), the save's summary (the run ended).
    pub fn done(self) -> Option<&'static str> {
        match self {
            Step::Project | Step::File => None,
            Step::Header => Some("[data-testid=counts]"),
            Step::Mapping => Some("table.mapping"),
            Step::Review => Some("[data-testid=review-counts]"),
            // The run ended: its line, or the end's list once the import is over.
            Step::Save => Some("[data-testid=save-summary], [data-testid=end-counts]"),
        }
    }

    fn after(self) -> Option<Step> {
        Step::ALL.get(self as usize + 1).copied()
    }

    fn before(self) -> Option<Step> {
        (self as usize).checked_sub(1).map(|i| Step::ALL[i])
    }
}

/// Who signs in: a user of the demo data, or the holder of a token.
enum User {
    Admin,
    CaseHandler,
    OtherAdmin,
    Token(String),
}

/// Where the journey's file comes from.
enum Content {
    Bytes(Vec<u8>),
    At(PathBuf),
}

/// The wizard a journey brought to its step.
pub type Arrived<'p> = anyhow::Result<Wizard<'p>>;

/// How a test comes to the wizard: the case handler of the demo data in Norwegian
/// into Fjordparken unless told otherwise, with a file or without one.
pub struct Journey {
    file: Option<(String, Content)>,
    user: User,
    language: &'static str,
    project: &'static str,
}

impl Journey {
    fn with(file: Option<(String, Content)>) -> Journey {
        Journey {
            file,
            user: User::CaseHandler,
            language: "nb",
            project: "Fjordparken",
        }
    }

    /// A file `name` holding `text`, written for the journey.
    pub fn csv(name: &str, text: impl Into<String>) -> Journey {
        Journey::bytes(name, text.into())
    }

    /// A file `name` holding `bytes` (another encoding than UTF-8, or no text at all).
    pub fn bytes(name: &str, bytes: impl Into<Vec<u8>>) -> Journey {
        Journey::with(Some((name.to_owned(), Content::Bytes(bytes.into()))))
    }

    /// A file of the reading crate's corpus.
    pub fn corpus(name: &str) -> Journey {
        Journey::file(&corpus(name))
    }

    /// The file at `path`.
    pub fn file(path: &Path) -> Journey {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Journey::with(Some((
            name.unwrap_or_default(),
            Content::At(path.to_owned()),
        )))
    }

    /// To the file step with no file picked yet.
    pub fn without_file() -> Journey {
        Journey::with(None)
    }

    pub fn by_admin(self) -> Journey {
        Journey {
            user: User::Admin,
            ..self
        }
    }

    /// The admin of the demo data's other organization.
    pub fn by_other_admin(self) -> Journey {
        Journey {
            user: User::OtherAdmin,
            ..self
        }
    }

    /// Signed in with `token`.
    pub fn by_holder_of(self, token: &str) -> Journey {
        Journey {
            user: User::Token(token.to_owned()),
            ..self
        }
    }

    /// The language of the address (`?lang=`).
    pub fn in_language(self, language: &'static str) -> Journey {
        Journey { language, ..self }
    }

    /// The project chosen on the first step, by its name.
    pub fn into_project(self, project: &'static str) -> Journey {
        Journey { project, ..self }
    }

    /// Opens the app signed in and waits for the project step to offer the project;
    /// chooses it if it is not already chosen.
    pub async fn open<'p>(&self, page: &'p Page, server: &TestServer) -> Arrived<'p> {
        let token = match &self.user {
            User::Admin => &server.users.admin.token,
            User::CaseHandler => &server.users.case_handler.token,
            User::OtherAdmin => &server.users.other_admin.token,
            User::Token(token) => token,
        };
        self.open_at(page, &server.app_url(self.language, token))
            .await
    }

    /// [`Journey::open`] at an address of the caller's (`…/?lang=nb#token=…`): an app
    /// served by a server no [`TestServer`] started (the soak's, behind its balancer).
    pub async fn open_at<'p>(&self, page: &'p Page, url: &str) -> Arrived<'p> {
        page.open(url).await?;
        page.wait_for_text("#project", self.project).await?;
        let wizard = Wizard::on(page)?;
        wizard.choose_project(self.project).await?;
        let file = match &self.file {
            Some((name, Content::Bytes(bytes))) => Some(wizard.write(name, bytes)?),
            Some((_, Content::At(path))) => Some(path.clone()),
            None => None,
        };
        Ok(Wizard { file, ..wizard })
    }

    /// [`Journey::open`], on to the file step, and the file picked and read.
    pub async fn start<'p>(&self, page: &'p Page, server: &TestServer) -> Arrived<'p> {
        let wizard = self.open(page, server).await?;
        wizard.to(Step::File).await?;
        if let Some(file) = &wizard.file {
            wizard.pick(file).await?;
        }
        Ok(wizard)
    }

    /// [`Journey::start`], and on to the header, its rows counted.
    pub async fn to_header<'p>(&self, page: &'p Page, server: &TestServer) -> Arrived<'p> {
        self.start_and_go(page, server, Step::Header).await
    }

    /// On to the mapping, the columns mapped as the wizard suggests or remembers.
    pub async fn to_mapping<'p>(&self, page: &'p Page, server: &TestServer) -> Arrived<'p> {
        self.start_and_go(page, server, Step::Mapping).await
    }

    /// On to the review, every row checked.
    pub async fn to_review<'p>(&self, page: &'p Page, server: &TestServer) -> Arrived<'p> {
        self.start_and_go(page, server, Step::Review).await
    }

    async fn start_and_go<'p>(
        &self,
        page: &'p Page,
        server: &TestServer,
        step: Step,
    ) -> Arrived<'p> {
        let wizard = self.start(page, server).await?;
        wizard.to(step).await?;
        Ok(wizard)
    }
}

/// The wizard on a page, at whatever step it shows: going on waits for what the user
/// sees, and the page's own means are there too (it dereferences to the [`Page`]).
pub struct Wizard<'p> {
    page: &'p Page,
    /// The files written for the journey, kept until its end: the browser reads a file
    /// when the worker asks for it, not once when it is picked.
    folder: tempfile::TempDir,
    file: Option<PathBuf>,
}

impl Deref for Wizard<'_> {
    type Target = Page;

    fn deref(&self) -> &Page {
        self.page
    }
}

impl<'p> Wizard<'p> {
    /// The wizard of a page the test has opened itself.
    pub fn on(page: &'p Page) -> anyhow::Result<Wizard<'p>> {
        Ok(Wizard {
            page,
            folder: tempfile::tempdir()?,
            file: None,
        })
    }

    /// The journey's file.
    pub fn file(&self) -> &Path {
        self.file.as_deref().expect("a journey with a file")
    }

    /// Writes `bytes` as the file `name` in the journey's folder, for picking.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> anyhow::Result<PathBuf> {
        let path = self.folder.path().join(name);
        std::fs::write(&path, bytes).with_context(|| format!("write {name}"))?;
        Ok(path)
    }

    /// Picks `file` on the file step and waits for the summary that names it: read,
    /// or why it cannot be.
    pub async fn pick(&self, file: &Path) -> anyhow::Result<String> {
        let name = file.file_name().context("a file name")?.to_string_lossy();
        self.upload(file).await?;
        self.file_summary(&name).await
    }

    /// Picks `files` at once on the file step and waits until the first is read and
    /// each other file says where it stands (joins the import, other headings, or
    /// unreadable).
    pub async fn pick_all(&self, files: &[&Path]) -> anyhow::Result<()> {
        let first = files.first().context("a file")?;
        let name = first.file_name().context("a file name")?.to_string_lossy();
        self.upload_all(files).await?;
        self.file_summary(&name).await?;
        let settled = "[data-testid=other-file]:not([data-status=reading])";
        self.wait_for_count(settled, files.len() - 1).await?;
        Ok(())
    }

    /// Writes the file `name` holding `text` and picks it.
    pub async fn pick_csv(&self, name: &str, text: &str) -> anyhow::Result<String> {
        self.pick(&self.write(name, text)?).await
    }

    /// Chooses the project named `name` on the project step.
    pub async fn choose_project(&self, name: &str) -> anyhow::Result<()> {
        let script = "const o = [...document.querySelectorAll('#project option')]
                        .find(o => o.textContent.includes(arguments[0]));
                      return o ? o.value : null;";
        let value = self.js_with(script, vec![name.into()]).await?;
        let Some(value) = value.as_str() else {
            bail!("no project {name} is offered")
        };
        if self.value("#project").await? != value {
            self.select("#project", value).await?;
        }
        Ok(())
    }

    /// The step the wizard shows.
    pub async fn step(&self) -> anyhow::Result<Step> {
        let ids = serde_json::json!(Step::ALL.map(Step::heading_id));
        let script = "return arguments[0].filter(id => document.getElementById(id) !== null)";
        let shown = self.js_with(script, vec![ids]).await?;
        let shown: Vec<String> = serde_json::from_value(shown)?;
        let steps: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| shown.iter().any(|id| id == s.heading_id()))
            .collect();
        match steps.as_slice() {
            [one] => Ok(*one),
            other => bail!("the page shows the steps {other:?}"),
        }
    }

    /// The language the wizard speaks (its root's `lang`).
    pub async fn language(&self) -> anyhow::Result<String> {
        let lang = self
            .js("const app = document.querySelector('.app'); return app ? app.lang : ''")
            .await?;
        Ok(lang.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until `step` is open: its heading, in the wizard's language, and what it
    /// shows once its work is done.
    pub async fn arrived(&self, step: Step) -> anyhow::Result<()> {
        self.opened(step).await?;
        if let Some(done) = step.done() {
            self.element(done).await?;
        }
        Ok(())
    }

    /// Waits until `step` shows its heading, in the wizard's language.
    async fn opened(&self, step: Step) -> anyhow::Result<()> {
        let heading = format!("#{}", step.heading_id());
        self.element(&heading).await?;
        if let Some(words) = step.heading(&self.language().await?) {
            self.wait_for_text(&heading, words).await?;
        }
        Ok(())
    }

    /// Goes on step by step until `step`, waiting at each for what a user sees.
    pub async fn to(&self, step: Step) -> anyhow::Result<()> {
        let mut here = self.step().await?;
        while here < step {
            let next = here.after().context("a step after")?;
            self.next().await?;
            self.arrived(next).await?;
            here = next;
        }
        ensure!(here == step, "the wizard is at {here:?}, past {step:?}");
        Ok(())
    }

    pub async fn to_header(&self) -> anyhow::Result<()> {
        self.to(Step::Header).await
    }

    pub async fn to_mapping(&self) -> anyhow::Result<()> {
        self.to(Step::Mapping).await
    }

    pub async fn to_review(&self) -> anyhow::Result<()> {
        self.to(Step::Review).await
    }

    /// Saves, and waits until the run has ended and its summary shows.
    pub async fn to_save(&self) -> anyhow::Result<()> {
        self.to(Step::Save).await
    }

    /// Saves (or goes on from the review to the save step), and waits until the end of
    /// the import shows; its text.
    pub async fn to_end(&self) -> anyhow::Result<String> {
        if self.step().await? < Step::Save {
            self.start_saving().await?;
        }
        let language = self.language().await?;
        let words = LANGUAGES
            .iter()
            .position(|l| *l == language)
            .map_or("", |i| END[i]);
        self.wait_for_text("[data-testid=end]", words).await
    }

    /// Starts saving from the review and waits only for the save step to open: for
    /// tests of what the user sees while it runs.
    pub async fn start_saving(&self) -> anyhow::Result<()> {
        self.to(Step::Review).await?;
        self.next().await?;
        self.opened(Step::Save).await
    }

    /// Goes back one step with the Back button, and waits for that step.
    pub async fn back(&self) -> anyhow::Result<()> {
        let here = self.step().await?;
        let before = here.before().context("no step before the project")?;
        self.click("#back").await?;
        self.arrived(before).await
    }

    /// Waits until the file's summary shows `text`.
    pub async fn file_summary(&self, text: &str) -> anyhow::Result<String> {
        self.wait_for_text("[data-testid=file-summary]", text).await
    }

    /// Waits until the header step's counts show `text`.
    pub async fn header_counts(&self, text: &str) -> anyhow::Result<String> {
        self.wait_for_text("[data-testid=counts]", text).await
    }

    /// Waits until the review's counts show `text`.
    pub async fn review_counts(&self, text: &str) -> anyhow::Result<String> {
        self.wait_for_text("[data-testid=review-counts]", text)
            .await
    }

    /// Waits until the save's summary shows `text`.
    pub async fn save_summary(&self, text: &str) -> anyhow::Result<String> {
        self.wait_for_text("[data-testid=save-summary]", text).await
    }

    /// Waits for the end of the import and checks what became of its rows: created,
    /// refused by the server, held back by the checks; none is left unsent at the end.
    pub async fn ended_with(
        &self,
        created: u64,
        refused: u64,
        held_back: u64,
    ) -> anyhow::Result<()> {
        let expected = [created, refused, held_back, 0];
        until(async || {
            let mut counts = Vec::new();
            for dd in self.client.find_all(Locator::Css("[data-testid=end-counts] dd")).await? {
                let n = dd.attr("data-n").await?.unwrap_or_default();
                counts.push(n.parse::<u64>().unwrap_or(u64::MAX));
            }
            Ok(match counts.get(..4) {
                Some(first) if first == expected => Ok(()),
                _ => Err(format!(
                    "the end never counted {expected:?} (created, refused, held back, not sent); last: {counts:?}"
                )),
            })
        })
        .await
    }

    /// Waits for the end of the import and checks its outcomes by name (`created`,
    /// `updated`, `unchanged`, `refused`, `held_back`, `not_sent`): for imports that
    /// update customers, whose end counts more than [`Wizard::ended_with`] reads.
    pub async fn ended_with_outcomes(&self, expected: &[(&str, u64)]) -> anyhow::Result<()> {
        until(async || {
            let mut counts = Vec::new();
            for dd in self
                .client
                .find_all(Locator::Css("[data-testid=end-counts] dd"))
                .await?
            {
                let outcome = dd.attr("data-outcome").await?.unwrap_or_default();
                let n = dd.attr("data-n").await?.unwrap_or_default();
                counts.push((outcome, n.parse::<u64>().unwrap_or(u64::MAX)));
            }
            let all = expected.iter().all(|(name, n)| {
                counts
                    .iter()
                    .any(|(o, m)| o.strip_prefix("end.") == Some(*name) && m == n)
            });
            Ok(if all {
                Ok(())
            } else {
                Err(format!(
                    "the end never counted {expected:?}; last: {counts:?}"
                ))
            })
        })
        .await
    }

    /// From the end of an import, another file for the same project: picks the file
    /// `name` holding `text` and waits for it to be read.
    pub async fn another_file(&self, name: &str, text: &str) -> anyhow::Result<String> {
        self.click("#import-another").await?;
        self.arrived(Step::File).await?;
        self.pick_csv(name, text).await
    }

    /// Chooses on the mapping step what the import does with customers that exist
    /// (`create_only`, `create_and_update`, `update_only`), and waits until the step
    /// shows it: the radio button checked and, when the import updates, the key named.
    pub async fn choose_mode(&self, mode: &str) -> anyhow::Result<()> {
        let radio = format!("#mode-{mode}");
        self.click(&radio).await?;
        until(async || {
            let checked = self
                .js_with(
                    "return document.querySelector(arguments[0])?.checked === true",
                    vec![radio.clone().into()],
                )
                .await?;
            Ok(if checked == serde_json::Value::Bool(true) {
                Ok(())
            } else {
                Err(format!("{radio} never became checked"))
            })
        })
        .await?;
        if mode != "create_only" {
            self.element("[data-testid=mapping-match-key]").await?;
        }
        Ok(())
    }

    /// Waits until the review shows `n` changes old → new on their cells, and returns
    /// them as "field key: old → new" in the grid's order.
    pub async fn review_changes(&self, n: usize) -> anyhow::Result<Vec<String>> {
        self.wait_for_count("[data-testid=cell-change]", n).await?;
        let script = "return [...document.querySelectorAll('[data-testid=cell-change]')]
                          .map(c => c.dataset.field + ': ' + c.textContent)";
        Ok(serde_json::from_value(self.js(script).await?)?)
    }

    /// Waits until the save's status shows `text`.
    pub async fn save_status(&self, text: &str) -> anyhow::Result<String> {
        self.wait_for_text("[data-testid=save-status]", text).await
    }

    /// Checks on the mapping step that the file's columns, from the first, feed the
    /// fields `keys` names (separated by spaces), in that order.
    pub async fn assert_columns_feed(&self, keys: &str) -> anyhow::Result<()> {
        for (column, key) in keys.split_whitespace().enumerate() {
            let chosen = self.value(&format!("#map-col-{column}")).await?;
            ensure!(
                chosen == key,
                "column {column} goes to {chosen:?}, not {key}"
            );
        }
        Ok(())
    }
}

/// `n` as the app writes counts in Norwegian and the page's text reads to the driver:
/// "4 007", "99 000".
pub fn grouped(n: impl std::fmt::Display) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}
