//! The review's customers grid as a keyboard user and a newcomer meet it (issue 27.2):
//! one tab stop, arrows between cells, Enter edits, Escape puts the value back, Enter
//! keeps it, Tab leaves for the buttons; a problem in a column far to the right is
//! reached from the row's summary; "next problem" walks through the problems, also
//! past the rows fetched; a list field takes one of the project's values; and missing
//! groups are allowed where their problem shows, for this import only.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::time::{Duration, Instant};

use anyhow::bail;
use serde_json::Value;

use crate::support::{
    browser::{self, Page},
    journey::{Journey, Wizard},
    server::TestServer,
};

const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";
const ESCAPE: &str = "\u{e00c}";
const DOWN: &str = "\u{e015}";
const RIGHT: &str = "\u{e014}";
const F8: &str = "\u{e038}";

/// Eighteen columns as a Norwegian portal exports them, every field of the wizard:
/// long e-mails, Nordic dates and names, a company with its organisation number, and
/// a few problems: an e-mail written with "(at)", a unit the project does not have, a
/// group that does not exist yet, a customer number used twice.
pub fn nordic_csv_nb() -> String {
    let mut csv = String::from(
        "Navn;Fornavn;Etternavn;E-post;Mobil;Fødselsdato;Adresse;Postnummer;Poststed;Land;\
         Bolig;Firmanavn;Organisasjonsnummer;Kundetype;Kundegruppe;Kundeansvarlig;\
         Kundenummer;Notat\r\n",
    );
    for row in [
        "Åse Øvrebø;Åse;Øvrebø;ase.ovrebo@nordbygg.example;912 34 567;05.03.1985;Storgata 12 B;0150;Oslo;Norge;A-101;;;Kunde;Kjøpere;admin@nordbygg.example;NB-10001;Ønsker kontakt på e-post",
        "Kari Nordmann;Kari;Nordmann;kari.nordmann@example.no;+47 913 45 678;12.11.1979;Fjordveien 3;5003;Bergen;Norge;A-102;;;Kunde;Kjøpere;saksbehandler@nordbygg.example;NB-10002;",
        "Per Hansen;Per;Hansen;per.hansen(at)online.no;415 55 123;31.01.1990;Kirkegata 7;7011;Trondheim;Norge;B-101;;;Lead;Investorer;admin@nordbygg.example;NB-10003;Ringes etter kl. 16",
        "Fjordbygg Eiendom AS;;;post@fjordbygg-eiendom.example;22 33 44 55;;Havnelageret 1;0150;Oslo;Norge;B-102;Fjordbygg Eiendom AS;923 609 016;Partner;Investorer;saksbehandler@nordbygg.example;NB-10004;Kjøper to seksjoner",
        "Jørgen Ødegård;Jørgen;Ødegård;jorgen.odegard@example.no;480 12 345;24.12.1966;Bryggen 4;5003;Bergen;Norge;C-999;;;Kunde;Nye kjøpere;admin@nordbygg.example;NB-10005;",
        "Liv Berg;Liv;Berg;liv.berg@example.no;924 56 789;01.06.1992;Storgata 14;0150;Oslo;Norge;A-201;;;Kunde;Kjøpere;admin@nordbygg.example;NB-10002;",
        "Nils Dahl;Nils;Dahl;nils.dahl@example.no;932 10 987;17.08.1958;Elvegata 2;3015;Drammen;Norge;A-202;;;Lead;Kjøpere;saksbehandler@nordbygg.example;NB-10007;",
        "Ingrid Solberg;Ingrid;Solberg;ingrid.solberg@example.no;905 43 210;09.09.1988;Parkveien 21;0350;Oslo;Norge;A-103;;;Kunde;Investorer;admin@nordbygg.example;NB-10008;Har parkeringsplass",
    ] {
        csv.push_str(row);
        csv.push_str("\r\n");
    }
    csv
}

/// The same eighteen columns as a Finnish portal exports them.
pub fn nordic_csv_fi() -> String {
    let mut csv = String::from(
        "Nimi;Etunimi;Sukunimi;Sähköposti;Matkapuhelin;Syntymäaika;Osoite;Postinumero;\
         Postitoimipaikka;Maa;Asunto;Yrityksen nimi;Y-tunnus;Asiakastyyppi;Asiakasryhmä;\
         Vastuuhenkilö;Asiakasnumero;Lisätiedot\r\n",
    );
    for row in [
        "Päivi Kärkkäinen;Päivi;Kärkkäinen;paivi.karkkainen@example.fi;040 123 4567;05.03.1985;Hämeenkatu 12 B 7;33100;Tampere;Suomi;A 1;;;Asiakas;Kjøpere;admin@nordbygg.example;FI-20001;Toivoo yhteydenottoa sähköpostitse",
        "Matti Virtanen;Matti;Virtanen;matti.virtanen@example.fi;050 765 4321;12.11.1979;Aleksanterinkatu 5;00100;Helsinki;Suomi;A 2;;;Asiakas;Kjøpere;saksbehandler@nordbygg.example;FI-20002;",
        "Tampereen asiakkuuspalvelut Oy;;;asiakaspalvelu@tampereen-asiakkuus.example;03 123 4567;;Satakunnankatu 18;33210;Tampere;Suomi;B 4;Tampereen asiakkuuspalvelut Oy;0112038-9;Kumppani;Investorer;admin@nordbygg.example;FI-20003;",
        "Aino Laine;Aino;Laine;aino.laine(at)example.fi;044 555 1234;31.01.1990;Kauppakatu 3;40100;Jyväskylä;Suomi;C 9;;;Liidi;Uudet ostajat;admin@nordbygg.example;FI-20004;Soitetaan klo 16 jälkeen",
        "Jukka Mäkinen;Jukka;Mäkinen;jukka.makinen@example.fi;045 678 9012;24.12.1966;Rantakatu 8;90100;Oulu;Suomi;B 5;;;Asiakas;Kjøpere;saksbehandler@nordbygg.example;FI-20005;",
        "Liisa Heikkinen;Liisa;Heikkinen;liisa.heikkinen@example.fi;040 987 6543;01.06.1992;Puistokatu 21;20100;Turku;Suomi;A 3;;;Asiakas;Investorer;admin@nordbygg.example;FI-20002;",
    ] {
        csv.push_str(row);
        csv.push_str("\r\n");
    }
    csv
}

/// Runs `script` (which `return`s a value) in the page.
async fn js(page: &Page, script: &str) -> anyhow::Result<Value> {
    Ok(page.client.execute(script, vec![]).await?)
}

/// Waits until the focused element matches `css`.
async fn wait_focus(page: &Page, css: &str) -> anyhow::Result<()> {
    let script = format!(
        "const a = document.activeElement; return a !== null && a.matches({});",
        serde_json::to_string(css)?
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if js(page, &script).await? == Value::Bool(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            let at = js(
                page,
                "const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : null;",
            )
            .await?;
            bail!("the focus never reached {css}; it is on {at}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the element matching `css` has the value `expected`.
async fn wait_value(page: &Page, css: &str, expected: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let value = page.value(css).await?;
        if value == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("{css} never held {expected:?}; it holds {value:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Presses Tab until the focus is on `css`, waiting for each press to move the focus;
/// how many presses it took.
async fn tabs_to(page: &Page, css: &str, most: usize) -> anyhow::Result<usize> {
    let here = "const a = document.activeElement; \
                return a ? [a.outerHTML.slice(0, 120), a.matches(arguments[0])] : ['', false];";
    for presses in 0..=most {
        let now = page.client.execute(here, vec![css.into()]).await?;
        if now[1] == Value::Bool(true) {
            return Ok(presses);
        }
        page.keys(TAB).await?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while page.client.execute(here, vec![css.into()]).await?[0] == now[0] {
            if Instant::now() > deadline {
                bail!("Tab did not move the focus from {}", now[0]);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    bail!("{css} not reached in {most} presses of Tab")
}

/// Whether the element matching `css` is in the grid's view whole: not scrolled away,
/// not under the sticky row or import column, not under the headings.
async fn in_view(page: &Page, css: &str) -> anyhow::Result<Value> {
    page.client
        .execute(
            "const el = document.querySelector(arguments[0]);
             const area = document.querySelector('.virtual');
             const v = area.getBoundingClientRect(), r = el.getBoundingClientRect();
             const left = document.querySelector('.virtual thead .rows__row').getBoundingClientRect().right;
             const right = document.querySelector('.virtual thead .rows__import').getBoundingClientRect().left;
             const top = document.querySelector('.virtual thead').getBoundingClientRect().bottom;
             return [r.left >= left - 1, r.right <= right + 1, r.top >= top - 1,
                     r.bottom <= v.top + area.clientHeight + 1];",
            vec![css.into()],
        )
        .await
        .map_err(Into::into)
}

/// Opens the review of `journey`'s file with every column mapped as suggested, in
/// Norwegian, at 1366×900, and waits for its counts.
async fn open_review<'p>(
    page: &'p Page,
    server: &TestServer,
    journey: Journey,
    counts: &str,
) -> anyhow::Result<Wizard<'p>> {
    page.client.set_window_size(1366, 900).await?;
    let w = journey.to_review(page, server).await?;
    w.review_counts(counts).await?;
    Ok(w)
}

const SMALL: &str = "Navn;E-post;Telefon;Bolig\r\n\
    Åse Berg;ase@example.no;912 34 567;A-101\r\n\
    Mikko Laine;mikko(at)example.no;913 45 678;A-102\r\n\
    Kari Li;kari@example.no;;Z-999\r\n";

#[tokio::test(flavor = "multi_thread")]
async fn the_grid_is_one_tab_stop_moved_in_by_arrows_and_edited_by_enter_and_escape() {
    let server = TestServer::start().await;
    let name = "kunder.csv";
    let journey = Journey::csv(name, SMALL);
    browser::run(|page| async move {
            let _w = open_review(&page, &server, journey, "1 klar · 2 med feil").await?;
            page.element("tr[data-row='4'] td[data-col='2'] input")
                .await?;

            // Every row is the one height the grid computes the rows in view from.
            let heights = js(
                &page,
                "const rows = [...document.querySelectorAll('.virtual tbody tr[data-row]')];
                 const want = parseFloat(getComputedStyle(document.querySelector('.virtual tbody'))
                   .getPropertyValue('--row-height'));
                 return rows.map(r => [Math.abs(r.getBoundingClientRect().height - want) < 0.6,
                   r.getBoundingClientRect().height,
                   [...r.children].map(c => Math.round(c.scrollHeight) + ':' + Math.round(c.getBoundingClientRect().height))]);",
            )
            .await?;
            let same: Vec<&Value> = heights.as_array().unwrap().iter().map(|h| &h[0]).collect();
            assert!(same.iter().all(|h| **h == Value::Bool(true)), "rows of one height: {heights}");

            // One Tab stop: the grid's first cell, reached from the step's heading.
            page.tab_to(".virtual__table [data-col]").await?;
            wait_focus(&page, "tr[data-row='2'] th[data-col='0']").await?;
            let stops = js(
                &page,
                "return document.querySelectorAll('.virtual__table [tabindex=\"0\"]').length",
            )
            .await?;
            assert_eq!(stops, Value::from(1), "one tab stop in the grid");

            // Down to Mikko's row, right to his e-mail.
            page.keys(DOWN).await?;
            wait_focus(&page, "tr[data-row='3'] th[data-col='0']").await?;
            page.keys(RIGHT).await?;
            wait_focus(&page, "tr[data-row='3'] td[data-col='1']").await?;
            page.keys(RIGHT).await?;
            let email = "tr[data-row='3'] td[data-col='2']";
            wait_focus(&page, email).await?;
            // The line under the grid says the cell's problem in full.
            page.wait_for_text(
                "[data-testid=cell-detail]",
                "er ikke en gyldig e-postadresse",
            )
            .await?;

            // Enter edits; Escape puts the value back and keeps nothing.
            page.keys(ENTER).await?;
            wait_focus(&page, &format!("{email} input")).await?;
            page.keys("feil").await?;
            wait_value(&page, &format!("{email} input"), "feil").await?;
            page.keys(ESCAPE).await?;
            wait_focus(&page, email).await?;
            wait_value(&page, &format!("{email} input"), "mikko(at)example.no").await?;
            page.wait_for_text("[data-testid=review-counts]", "1 klar · 2 med feil")
                .await?;

            // Enter edits again; Enter keeps the new value, which is checked at once.
            page.keys(ENTER).await?;
            wait_focus(&page, &format!("{email} input")).await?;
            page.keys("mikko@example.no").await?;
            wait_value(&page, &format!("{email} input"), "mikko@example.no").await?;
            page.keys(ENTER).await?;
            wait_focus(&page, email).await?;
            page.wait_for_text("[data-testid=review-counts]", "2 klare · 1 med feil")
                .await?;
            wait_value(&page, &format!("{email} input"), "mikko@example.no").await?;

            // Typing on a cell starts an edit with what is typed.
            page.keys(DOWN).await?;
            wait_focus(&page, "tr[data-row='4'] td[data-col='2']").await?;
            page.keys("k").await?;
            wait_focus(&page, "tr[data-row='4'] td[data-col='2'] input").await?;
            wait_value(&page, "tr[data-row='4'] td[data-col='2'] input", "k").await?;
            page.keys(ESCAPE).await?;
            wait_value(
                &page,
                "tr[data-row='4'] td[data-col='2'] input",
                "kari@example.no",
            )
            .await?;

            // Space on the include cell leaves a row out.
            page.keys("\u{e010}").await?; // End
            wait_focus(&page, "tr[data-row='4'] .rows__import input").await?;
            page.keys(" ").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "2 klare · 0 med feil · 1 utelatt",
            )
            .await?;

            // Tab leaves the grid for the wizard's buttons: Save is a few presses on.
            let presses = tabs_to(&page, "#next", 4).await?;
            assert!(presses <= 3, "{presses} presses of Tab to Save");
            page.wait_for_text("#next", "Lagre 2 kunder").await?;
            Ok(())
        },
    )
    .await;
}

/// The Norwegian file without its notes: the customer number is the last column, and
/// NB-10002 is used twice.
fn without_notes(csv: &str) -> String {
    csv.lines()
        .map(|l| l.rsplit_once(';').map_or(l, |(rest, _)| rest).to_owned() + "\r\n")
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_problem_in_the_last_column_is_reached_from_the_rows_summary() {
    let server = TestServer::start().await;
    let name = "kunder.csv";
    let journey = Journey::csv(name, without_notes(&nordic_csv_nb()));
    browser::run(|page| async move {
        let _w = open_review(&page, &server, journey, "5 klare · 3 med feil").await?;

        // Liv's customer number repeats Kari's: far off to the right, out of view.
        let row = "tr[data-row='7']";
        let headings = page.texts(".virtual thead th").await?;
        let col = headings.len() - 2;
        assert!(headings[col].starts_with("Kundenummer"), "{headings:?}");
        let last = format!("{row} td[data-col='{col}']");
        page.wait_for_text(&last, "står også på rad 3").await?;
        let seen = in_view(&page, &last).await?;
        assert_eq!(
            seen[1],
            Value::Bool(false),
            "the column starts out of view: {seen}"
        );
        let more = js(
            &page,
            "return document.querySelector('.virtual').classList.contains('virtual--more-right')",
        )
        .await?;
        assert_eq!(
            more,
            Value::Bool(true),
            "a sign that columns lie to the right"
        );

        // The row's summary names the column; its button goes there.
        page.wait_for_text(&format!("{row} .rows__summary"), "Kundenummer")
            .await?;
        page.click(&format!("{row} .rows__problem")).await?;
        wait_focus(&page, &last).await?;
        let seen = in_view(&page, &last).await?;
        assert_eq!(
            seen,
            serde_json::json!([true, true, true, true]),
            "focused and in view whole"
        );
        page.wait_for_text("[data-testid=cell-detail]", "Kundenummer")
            .await?;

        // By keyboard alike: from the row's own cell, Enter goes into its
        // problems, Enter on one goes to its cell.
        page.keys("\u{e011}").await?; // Home
        wait_focus(&page, &format!("{row} th[data-col='0']")).await?;
        page.keys(ENTER).await?;
        wait_focus(&page, &format!("{row} .rows__problem")).await?;
        page.keys(ENTER).await?;
        wait_focus(&page, &last).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn next_problem_walks_through_the_problems_also_past_the_rows_fetched() {
    let server = TestServer::start().await;
    let name = "mange.csv";
    // 3,000 customers: Kunde 10 has a bad e-mail and an unknown unit, Kunde 2,500 no
    // name; the rest are fine.
    let mut text = String::from("Navn;E-post;Bolig\r\n");
    for i in 0..3_000 {
        let (name, email, unit) = match i {
            10 => (
                "Kunde 10".to_owned(),
                "kunde10(at)example.no".to_owned(),
                "Z-9",
            ),
            2_500 => (String::new(), "kunde2500@example.no".to_owned(), "A-101"),
            _ => (
                format!("Kunde {i}"),
                format!("kunde{i}@example.no"),
                "A-101",
            ),
        };
        text.push_str(&format!("{name};{email};{unit}\r\n"));
    }
    let journey = Journey::csv(name, text);
    browser::run(|page| async move {
        let _w = open_review(&page, &server, journey, "2 998 klare · 2 med feil").await?;
        page.element("tr[data-row='2'] td[data-col='1'] input")
            .await?;

        // The button: Kunde 10's e-mail (row 12), its first problem.
        page.click("#next-problem").await?;
        let email = "tr[data-row='12'] td[data-col='2']";
        wait_focus(&page, email).await?;
        // F8 from the grid: the same row's unit next.
        page.keys(F8).await?;
        let unit = "tr[data-row='12'] td[data-col='3']";
        wait_focus(&page, unit).await?;
        page.wait_for_text(
            "[data-testid=cell-detail]",
            "finnes ikke i dette prosjektet",
        )
        .await?;
        // Then a row far below, never fetched: asked of the worker, scrolled to.
        page.keys(F8).await?;
        let own = "tr[data-row='2502'] td[data-col='1']";
        wait_focus(&page, own).await?;
        let seen = in_view(&page, own).await?;
        assert_eq!(seen[2], Value::Bool(true), "{seen}");
        assert_eq!(seen[3], Value::Bool(true), "{seen}");
        page.wait_for_text("[data-testid=cell-detail]", "navn eller firmanavn")
            .await?;
        // Past the last problem, back to the first.
        page.keys(F8).await?;
        wait_focus(&page, email).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_field_takes_one_of_the_projects_values() {
    let server = TestServer::start().await;
    let name = "kunder.csv";
    let journey = Journey::csv(name, SMALL);
    browser::run(|page| async move {
        let _w = open_review(&page, &server, journey, "1 klar · 2 med feil").await?;
        let unit = "tr[data-row='4'] td[data-col='4']";
        page.wait_for_text(unit, "finnes ikke").await?;

        // Kari's unit: Enter opens the project's units.
        page.click("#next-problem").await?;
        wait_focus(&page, "tr[data-row='3'] td[data-col='2']").await?;
        page.keys(F8).await?;
        wait_focus(&page, unit).await?;
        page.keys(ENTER).await?;
        let input = format!("{unit} input");
        wait_focus(&page, &input).await?;
        page.wait_for_text("#cell-choices", "B-201").await?;
        let all = page.texts("#cell-choices [role=option]").await?;
        assert_eq!(all.len(), 8, "Fjordparken's units: {all:?}");

        // Typing filters them; the arrow picks one, Enter keeps it.
        page.keys("B-1").await?;
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut shown = Vec::new();
        while Instant::now() < deadline {
            shown = page.texts("#cell-choices [role=option]").await?;
            if shown.len() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(shown, ["B-101", "B-102"]);
        page.keys(DOWN).await?;
        page.element("#cell-choices [aria-selected=true]").await?;
        let active = page
            .element(&input)
            .await?
            .attr("aria-activedescendant")
            .await?;
        assert_eq!(active.as_deref(), Some("cell-choices-0"));
        page.keys(ENTER).await?;
        wait_focus(&page, unit).await?;
        wait_value(&page, &input, "B-101").await?;
        page.wait_for_text("[data-testid=review-counts]", "2 klare · 1 med feil")
            .await?;
        page.wait_gone("#cell-choices").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_groups_are_allowed_in_the_review_for_this_import_only() {
    let server = TestServer::start().await;
    let name = "kunder.csv";
    let journey = Journey::csv(
        name,
        "Navn;E-post;Kundegruppe\r\n\
         Åse Berg;ase(at)example.no;Kjøpere\r\n\
         Kari Li;kari@example.no;Nye kjøpere\r\n",
    );
    browser::run(|page| async move {
        let w = open_review(&page, &server, journey, "0 klare · 2 med feil").await?;
        page.wait_for_text("tr[data-row='3']", "Kundegruppen «Nye kjøpere» finnes ikke")
            .await?;
        // Åse's e-mail corrected first: the check made again keeps it.
        page.type_into("tr[data-row='2'] td[data-col='2'] input", "ase@example.no")
            .await?;
        page.wait_for_text("[data-testid=review-counts]", "1 klar · 1 med feil")
            .await?;

        let switch = "#review-create-missing-groups";
        let checked = page.element(switch).await?.prop("checked").await?;
        assert_eq!(checked.as_deref(), Some("false"));
        page.click(switch).await?;
        page.wait_for_text("[data-testid=review-counts]", "2 klare · 0 med feil")
            .await?;
        wait_value(
            &page,
            "tr[data-row='2'] td[data-col='2'] input",
            "ase@example.no",
        )
        .await?;
        page.wait_for_text("#next", "Lagre 2 kunder").await?;

        // The mapping step shows the same switch, on.
        w.back().await?;
        let on = page
            .element("#create-missing-groups")
            .await?
            .prop("checked")
            .await?;
        assert_eq!(on.as_deref(), Some("true"));

        // Another file is another import: the switch is off again.
        w.back().await?;
        w.back().await?;
        w.pick(w.file()).await?;
        w.to_mapping().await?;
        let off = page
            .element("#create-missing-groups")
            .await?
            .prop("checked")
            .await?;
        assert_eq!(off.as_deref(), Some("false"));
        Ok(())
    })
    .await;
}
