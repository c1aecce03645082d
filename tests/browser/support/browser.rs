//! A headless browser driven over WebDriver: Chromium (chromedriver), or Firefox ESR
//! (geckodriver) when `CUSTOMER_IMPORT_BROWSER=firefox`; scripts/test.sh runs every
//! browser test in both. Every test gets its own driver on a free port and its own
//! fresh browser profile. [`run`] always closes the browser and kills the driver, also
//! when the test fails or panics, and saves a screenshot of a failing page under
//! `target/browser-test-screenshots/`.

use std::{
    future::Future,
    net::{TcpListener, TcpStream},
    os::unix::process::CommandExt,
    panic::AssertUnwindSafe,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use futures_util::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const FIREFOX: &str = "/usr/bin/firefox-esr";

/// The browser the tests run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
}

impl Browser {
    /// `CUSTOMER_IMPORT_BROWSER`: `firefox`, else Chromium.
    pub fn chosen() -> Browser {
        match std::env::var("CUSTOMER_IMPORT_BROWSER").as_deref() {
            Ok("firefox") => Browser::Firefox,
            Ok("chromium") | Err(_) => Browser::Chromium,
            Ok(other) => panic!("CUSTOMER_IMPORT_BROWSER={other}: use chromium or firefox"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }

    /// The driver program: Debian's chromedriver, or geckodriver from crates.io.
    fn driver(self) -> PathBuf {
        match self {
            Browser::Chromium => PathBuf::from(CHROMEDRIVER),
            Browser::Firefox => {
                let cargo_home = std::env::var("CARGO_HOME")
                    .map(PathBuf::from)
                    .unwrap_or_else(|_| {
                        PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
                    });
                cargo_home.join("bin/geckodriver")
            }
        }
    }

    fn capabilities(self, profile: &Path, downloads: &Path) -> serde_json::Value {
        match self {
            Browser::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                        // JS heap figures to the byte for the browser benchmark.
                        "--enable-precise-memory-info",
                        "--window-size=1280,900",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                    "prefs": {
                        "download.default_directory": downloads,
                        "download.prompt_for_download": false,
                    },
                },
            }),
            Browser::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": FIREFOX,
                    "args": ["-headless", "--width=1280", "--height=900"],
                    "prefs": {
                        // Downloads go to the test's folder without asking.
                        "browser.download.folderList": 2,
                        "browser.download.dir": downloads,
                        "browser.download.useDownloadDir": true,
                        "browser.download.always_ask_before_handling_new_types": false,
                        "browser.download.alwaysOpenPanel": false,
                        // Nothing but the page itself goes on the network.
                        "app.update.enabled": false,
                        "browser.safebrowsing.downloads.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "toolkit.telemetry.enabled": false,
                        "intl.accept_languages": "nb-NO, nb, en",
                    },
                },
            }),
        }
    }
}
/// How long to wait for something to appear before the test fails. Generous, because
/// CI machines are slow; this is a readiness wait, never a speed assertion.
const PATIENCE: Duration = Duration::from_secs(20);

/// Asks `check` every 100 ms until it answers `Ok`, for as long as [`PATIENCE`] lasts.
/// `check` answers `Err` with what it saw while it waits: the last of these says what
/// never came. A readiness wait: how soon it comes is never asserted.
pub async fn until<T>(
    mut check: impl AsyncFnMut() -> anyhow::Result<Result<T, String>>,
) -> anyhow::Result<T> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let seen = match check().await? {
            Ok(found) => return Ok(found),
            Err(seen) => seen,
        };
        if Instant::now() > deadline {
            bail!("{seen}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Starts a browser, runs `test` with a page, and cleans up whatever happens. The test
/// is named after the test function that runs it (libtest names each test's thread so).
pub async fn run<F, Fut>(test: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    run_as(&test_name(), test).await
}

/// [`run`] for one of several browser sessions of a test: `part` tells them apart in
/// the name of a failing page's screenshot.
pub async fn run_part<F, Fut>(part: &str, test: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    run_as(&format!("{}-{part}", test_name()), test).await
}

/// The running test's function name: libtest names the thread of each test after its
/// path (`module::function`); outside a test, "browser".
fn test_name() -> String {
    let thread = std::thread::current();
    match thread.name() {
        Some(path) if path != "main" => path.rsplit("::").next().unwrap_or(path).to_owned(),
        _ => "browser".to_owned(),
    }
}

/// [`run`] under a name of the caller's choice (the benchmarks, which are no tests).
pub async fn run_as<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let session = Session::start().await;
    let outcome = AssertUnwindSafe(test(Page {
        client: session.client.clone(),
        downloads: session.downloads(),
    }))
    .catch_unwind()
    .await;
    if !matches!(outcome, Ok(Ok(()))) {
        session.save_screenshot(name).await;
    }
    session.close().await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => panic!("{name} failed: {error:#}"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

struct Session {
    client: Client,
    driver: Driver,
}

impl Session {
    async fn start() -> Session {
        let browser = Browser::chosen();
        let (program, driver) = match browser {
            Browser::Chromium => (CHROMIUM, browser.driver()),
            Browser::Firefox => (FIREFOX, browser.driver()),
        };
        assert!(
            Path::new(program).exists() && driver.exists(),
            "{program} or {} is missing: run scripts/setup.sh --test (installs Debian's \
             chromium, chromium-driver and firefox-esr, and geckodriver from crates.io)",
            driver.display()
        );
        let driver = Driver::start(browser);
        std::fs::create_dir_all(driver.downloads()).expect("downloads folder");
        let serde_json::Value::Object(capabilities) =
            browser.capabilities(driver.profile.path(), &driver.downloads())
        else {
            unreachable!("capabilities are an object")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| panic!("{} opens a browser session: {e}", browser.name()));
        Session { client, driver }
    }

    /// Where the browser saves downloads: inside the test's profile.
    fn downloads(&self) -> PathBuf {
        self.driver.downloads()
    }

    async fn save_screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-test-screenshots");
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("{name}-{}.png", Browser::chosen().name()));
            if std::fs::write(&path, png).is_ok() {
                eprintln!("screenshot of the failing page: {}", path.display());
            }
        }
    }

    async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// A driver process in its own process group. Dropping it kills the group and any
/// browser still using this test's profile folder, so nothing outlives the test.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start(browser: Browser) -> Driver {
        let port = free_port();
        let profile = tempfile::tempdir().expect("browser profile folder");
        let mut command = Command::new(browser.driver());
        match browser {
            Browser::Chromium => command.arg(format!("--port={port}")),
            // Firefox's own profile is made under this folder, so the cleanup below
            // finds its processes by the folder's path as it finds Chromium's.
            Browser::Firefox => command
                .arg(format!("--port={port}"))
                .arg("--profile-root")
                .arg(profile.path()),
        };
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            port,
            profile,
        };
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "{} did not listen on port {port}",
                browser.name()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("pkill")
            .args(["-KILL", "-f", &self.profile.path().display().to_string()])
            .status();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn downloads(&self) -> PathBuf {
        self.profile.path().join("downloads")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// What a test does with the page, in the terms a user would use.
pub struct Page {
    pub client: Client,
    downloads: PathBuf,
}

impl Page {
    pub async fn open(&self, url: &str) -> anyhow::Result<()> {
        self.client.goto(url).await.context("open page")
    }

    /// Waits until an element matching `css` exists.
    pub async fn element(&self, css: &str) -> anyhow::Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element {css}"))
    }

    /// Waits until the element matching `css` shows `expected` in its text, and
    /// returns the whole text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> anyhow::Result<String> {
        let mut last = String::new();
        until(async || {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = el.text().await
            {
                if text.contains(expected) {
                    return Ok(Ok(text));
                }
                last = text;
            }
            Ok(Err(format!(
                "{css} never showed {expected:?}; last text: {last:?}"
            )))
        })
        .await
    }

    /// Waits until the element the app marks `data-testid={testid}` shows `expected`
    /// in its text, and returns the whole text.
    pub async fn shows(&self, testid: &str, expected: &str) -> anyhow::Result<String> {
        self.wait_for_text(&format!("[data-testid={testid}]"), expected)
            .await
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> anyhow::Result<()> {
        until(
            async || match self.client.find_all(Locator::Css(css)).await?.len() {
                0 => Ok(Ok(())),
                _ => Ok(Err(format!("{css} stayed"))),
            },
        )
        .await
    }

    /// Waits until exactly `n` elements match `css` (a list made again, a count that
    /// changes), and returns their texts.
    pub async fn wait_for_count(&self, css: &str, n: usize) -> anyhow::Result<Vec<String>> {
        until(async || {
            let texts = self.texts(css).await?;
            if texts.len() == n {
                Ok(Ok(texts))
            } else {
                Ok(Err(format!("{css}: {} instead of {n}", texts.len())))
            }
        })
        .await
    }

    /// Clicks the element matching `css` once it is enabled.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let el = until(async || {
            let el = self.element(css).await?;
            if el.is_enabled().await.unwrap_or(false) {
                Ok(Ok(el))
            } else {
                Ok(Err(format!("{css} stayed disabled")))
            }
        })
        .await?;
        el.click().await.with_context(|| format!("click {css}"))
    }

    /// Makes the page click the element matching `css` as soon as it is added, from
    /// the page's own main thread. For buttons that last only while work runs: a
    /// click from the driver can arrive after fast work has already ended, while this
    /// one comes at once, unless the main thread is busy doing the work itself.
    pub async fn click_when_shown(&self, css: &str) -> anyhow::Result<()> {
        self.client
            .execute(
                "const css = arguments[0];
                 new MutationObserver((_, observer) => {
                     const el = document.querySelector(css);
                     if (el) { observer.disconnect(); el.click(); }
                 }).observe(document.body, { childList: true, subtree: true });",
                vec![css.into()],
            )
            .await
            .with_context(|| format!("watch for {css}"))?;
        Ok(())
    }

    /// Continues to the next step of the wizard.
    pub async fn next(&self) -> anyhow::Result<()> {
        self.click("#next").await
    }

    /// Chooses the language `tag` (`nb`, `fi`, `sv`, `en`) in the language picker.
    pub async fn choose_language(&self, tag: &str) -> anyhow::Result<()> {
        self.select(".language-picker select", tag).await
    }

    /// Runs `script`, which `return`s a value, in the page.
    pub async fn js(&self, script: &str) -> anyhow::Result<serde_json::Value> {
        self.js_with(script, vec![]).await
    }

    /// Runs `script` with `arguments`, and returns the value it `return`s.
    pub async fn js_with(
        &self,
        script: &str,
        arguments: Vec<serde_json::Value>,
    ) -> anyhow::Result<serde_json::Value> {
        Ok(self.client.execute(script, arguments).await?)
    }

    /// Saves a picture of the page as `name` (a PNG) in the folder the environment
    /// variable `folder_var` names; without it, none is taken.
    pub async fn picture(&self, folder_var: &str, name: &str) -> anyhow::Result<()> {
        if let Some(folder) = std::env::var_os(folder_var) {
            std::fs::create_dir_all(&folder)?;
            std::fs::write(
                Path::new(&folder).join(name),
                self.client.screenshot().await?,
            )?;
        }
        Ok(())
    }

    /// Replaces the text of the input matching `css` and leaves it (which commits it).
    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let input = self.element(css).await?;
        input.clear().await?;
        input.send_keys(&format!("{text}\u{e004}")).await?; // Tab
        Ok(())
    }

    /// The `value` property of the element matching `css`.
    pub async fn value(&self, css: &str) -> anyhow::Result<String> {
        Ok(self
            .element(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Presses Tab until the focus is on the element matching `css`, as a keyboard user
    /// would; fails if it is never reached.
    pub async fn tab_to(&self, css: &str) -> anyhow::Result<()> {
        let matches = format!(
            "return document.activeElement !== null && document.activeElement.matches({})",
            serde_json::to_string(css)?
        );
        for _ in 0..80 {
            if self.client.execute(&matches, vec![]).await? == serde_json::Value::Bool(true) {
                return Ok(());
            }
            self.keys("\u{e004}").await?;
        }
        bail!("Tab never reached {css}")
    }

    /// Types `keys` into whatever has the focus (WebDriver key codes for special keys),
    /// as key presses: unlike "send keys to element", this also works when the focus is
    /// on a file input. `\u{e009}` (Control) is held down until pressed again.
    pub async fn keys(&self, keys: &str) -> anyhow::Result<()> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".to_owned());
        let mut control = false;
        for key in keys.chars() {
            if key == '\u{e009}' {
                control = !control;
                let action = if control {
                    KeyAction::Down { value: key }
                } else {
                    KeyAction::Up { value: key }
                };
                actions = InputSource::then(actions, action);
                continue;
            }
            actions = InputSource::then(actions, KeyAction::Down { value: key });
            actions = InputSource::then(actions, KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// The id of the focused element.
    pub async fn focused_id(&self) -> anyhow::Result<String> {
        let id = self
            .client
            .execute(
                "return document.activeElement ? document.activeElement.id : ''",
                vec![],
            )
            .await?;
        Ok(id.as_str().unwrap_or_default().to_owned())
    }

    /// Runs axe-core on the page and returns its serious and critical findings.
    pub async fn accessibility_problems(&self) -> anyhow::Result<Vec<String>> {
        let axe = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/axe/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).with_context(|| {
            format!(
                "axe-core is not installed at {}: run `. scripts/setup.sh --test`",
                axe.display()
            )
        })?;
        self.client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await?;
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                          v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(found)?)
    }

    /// The texts of all elements matching `css`, in page order.
    pub async fn texts(&self, css: &str) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(el.text().await?);
        }
        Ok(out)
    }

    /// The column of the file the mapping step sends to `field` (`custom.parking` for a
    /// project's own), or `None` when no column does; waits for the step's columns.
    pub async fn mapped_column(&self, field: &str) -> anyhow::Result<Option<usize>> {
        self.element("#map-col-0").await?;
        let found = self
            .client
            .execute(
                "const s = [...document.querySelectorAll('select[id^=map-col-]')]\
                     .find(s => s.value === arguments[0]);\
                 return s ? Number(s.id.slice('map-col-'.length)) : null;",
                vec![serde_json::json!(field)],
            )
            .await?;
        Ok(serde_json::from_value(found)?)
    }

    /// Sends the file's column `column` to `field` on the mapping step.
    pub async fn map_column(&self, column: usize, field: &str) -> anyhow::Result<()> {
        self.select(&format!("#map-col-{column}"), field).await
    }

    /// Leaves `field` out: the column that fed it is not imported.
    pub async fn unmap(&self, field: &str) -> anyhow::Result<()> {
        let column = self
            .mapped_column(field)
            .await?
            .with_context(|| format!("no column is mapped to {field}"))?;
        self.select(&format!("#map-col-{column}"), "").await
    }

    pub async fn select(&self, css: &str, value: &str) -> anyhow::Result<()> {
        self.element(css).await?.select_by_value(value).await?;
        Ok(())
    }

    /// Picks `file` in the file input, as a user choosing it in the file dialog.
    pub async fn upload(&self, file: &Path) -> anyhow::Result<()> {
        let input = self.element("input[type=file]").await?;
        input
            .send_keys(&file.canonicalize()?.display().to_string())
            .await
            .context("pick file")
    }

    /// Picks `files` at once in the file input, as a user choosing several in the file
    /// dialog (WebDriver takes their paths a line each).
    pub async fn upload_all(&self, files: &[&Path]) -> anyhow::Result<()> {
        let paths = files
            .iter()
            .map(|f| Ok(f.canonicalize()?.display().to_string()))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let input = self.element("input[type=file]").await?;
        input
            .send_keys(&paths.join("\n"))
            .await
            .context("pick files")
    }

    /// Every URL the page has fetched so far (documents, scripts, wasm, API calls).
    pub async fn requested_urls(&self) -> anyhow::Result<Vec<String>> {
        let value = self
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name)",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    /// The bytes of the file the browser saved as `name`, once it is complete.
    pub async fn downloaded(&self, name: &str) -> anyhow::Result<Vec<u8>> {
        let path = self.downloads.join(name);
        let mut last_size = None;
        until(async || {
            // Browsers write `….crdownload` / `….part` and rename it when done, and
            // Chromium may put an empty file under the final name meanwhile: done is
            // the file there, nothing in progress, and its size the same twice.
            let in_progress = std::fs::read_dir(&self.downloads)
                .map(|d| {
                    d.flatten().any(|e| {
                        let n = e.file_name().to_string_lossy().into_owned();
                        n.ends_with(".crdownload") || n.ends_with(".part")
                    })
                })
                .unwrap_or(true);
            let size = std::fs::metadata(&path).ok().map(|m| m.len());
            if size.is_some() && !in_progress && size == last_size {
                return Ok(Ok(std::fs::read(&path)?));
            }
            last_size = size;
            let present: Vec<_> = std::fs::read_dir(&self.downloads)
                .map(|d| d.flatten().map(|e| e.file_name()).collect())
                .unwrap_or_default();
            Ok(Err(format!(
                "{name} was never downloaded; the folder holds {present:?}"
            )))
        })
        .await
    }

    pub async fn current_url(&self) -> anyhow::Result<String> {
        Ok(self.client.current_url().await?.to_string())
    }
}

/// The machine's processor and how many cores it has, for the benchmarks' reports.
pub fn cpu() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = info.lines().filter(|l| l.starts_with("processor")).count();
    format!("{model}, {cores} cores")
}
