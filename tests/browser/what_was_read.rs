//! What a user sees of how the file was read (issue 17): the workbook opens on its
//! customers, not a cover sheet; the field names of the help pages users come from
//! are mapped; a made-up phone number is a problem on its cell; and what reading lost
//! (undecodable characters, formula cells without a value, ragged rows past 1,000) is
//! said in the user's language.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::support::{browser, server::TestServer};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/reading/tests/corpus")
        .join(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workbook_opens_on_its_customers_not_on_a_cover_sheet() {
    let server = TestServer::start().await;
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "a_workbook_opens_on_its_customers_not_on_a_cover_sheet",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&corpus("cover_sheet.xlsx")).await?;
            page.wait_for_text("[data-testid=file-summary]", "cover_sheet.xlsx")
                .await?;
            assert_eq!(
                page.texts("#sheet option").await?,
                ["Forside (1 rad)", "Kunder (4 rader)"]
            );
            assert_eq!(page.value("#sheet").await?, "1");
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "3 kunder · 4 felt")
                .await?;
            page.wait_for_text("[data-testid=first-row]", "Kjersti Ås")
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_field_names_of_the_apex_and_taimer_pages_are_mapped() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    // The names APEX's guide uses ("kunde navn", "epost adresse", "telefon nr.") …
    let apex = files.path().join("apex.csv");
    std::fs::write(
        &apex,
        "Kunde navn;Epost adresse;Telefon nr.;Fødselsdato\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985\n",
    )
    .unwrap();
    // … and the headings Taimer's guide names for its Excel template.
    let taimer = files.path().join("taimer.csv");
    std::fs::write(
        &taimer,
        "Yritys;Y-tunnus;Osoite;Yritystyyppi;Asiakkuusryhmä;Asiakkuusjohtaja\n\
         Rakennus Oy;0737546-2;Mannerheimintie 1;Asiakas;Helsinki;Pia Pomo\n",
    )
    .unwrap();
    let url = server.app_url("fi", &server.users.case_handler.token);
    browser::run(
        "the_field_names_of_the_apex_and_taimer_pages_are_mapped",
        |page| async move {
            page.open_at_file_step(&url).await?;
            for (file, expected) in [
                (
                    &apex,
                    &[("name", 0), ("email", 1), ("phone", 2), ("birth_date", 3)][..],
                ),
                (
                    &taimer,
                    &[
                        ("company_name", 0),
                        ("business_id", 1),
                        ("address", 2),
                        ("company_type", 3),
                        ("customer_group", 4),
                        ("account_manager", 5),
                    ][..],
                ),
            ] {
                page.upload(file).await?;
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                page.wait_for_text("[data-testid=file-summary]", &name)
                    .await?;
                page.next().await?;
                page.wait_for_text("[data-testid=counts]", "1 asiakas")
                    .await?;
                page.next().await?;
                page.wait_for_text("#mapping-heading", "Kenttien yhdistäminen")
                    .await?;
                for (field, column) in expected {
                    assert_eq!(page.mapped_column(field).await?, Some(*column), "{field}");
                }
                // Back to the file step for the next file.
                page.click("#back").await?;
                page.click("#back").await?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_made_up_phone_number_is_a_problem_on_its_cell() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    // 12345678 has a Norwegian number's length, but no Norwegian number starts with 1.
    std::fs::write(
        &csv,
        "Navn;Mobil\nOla Nordmann;12345678\nKari Bø;912 34 567\n",
    )
    .unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "a_made_up_phone_number_is_a_problem_on_its_cell",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "2 kunder")
                .await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kobling").await?;
            assert_eq!(page.mapped_column("phone").await?, Some(1));
            page.next().await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1 klar · 1 med feil · 0 utelatt",
            )
            .await?;
            page.wait_for_text(
                "tr[data-row='2'] td:nth-of-type(2)",
                "«12345678» kan ikke være et telefonnummer: ingen numre med så mange sifre begynner slik.",
            )
            .await?;
            page.wait_for_text("tr[data-row='3']", "+4791234567")
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn what_reading_lost_is_said_in_the_users_language() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    // 1,200 rows with one field under a header of two: past the 1,000 listed.
    let ragged = files.path().join("ragged.csv");
    std::fs::write(
        &ragged,
        "Navn;E-post\n".to_owned() + &"Ola Nordmann\n".repeat(1_200),
    )
    .unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "what_reading_lost_is_said_in_the_users_language",
        |page| async move {
            page.open_at_file_step(&url).await?;
            // Windows-1252 read as UTF-8: "Kj�rsti".
            page.upload(&corpus("nordic_excel.csv")).await?;
            page.wait_for_text("[data-testid=file-summary]", "nordic_excel.csv")
                .await?;
            assert!(page.texts("[data-testid=file-losses]").await?.is_empty());
            page.select("#encoding", "UTF-8").await?;
            page.wait_for_text(
                "[data-testid=file-losses]",
                "Tegn som ikke kan leses med denne tegnkodingen: 10. De vises som �, det første i rad 1, kolonne F. Velg en annen tegnkoding ovenfor.",
            )
            .await?;
            page.select(".language-picker select", "fi").await?;
            page.wait_for_text(
                "[data-testid=file-losses]",
                "Merkkejä, joita ei voi lukea tällä merkistöllä: 10. Ne näkyvät merkkinä �, ensimmäinen rivillä 1, sarakkeessa F.",
            )
            .await?;
            page.select(".language-picker select", "sv").await?;
            page.wait_for_text(
                "[data-testid=file-losses]",
                "Tecken som inte kan läsas med den här teckenkodningen: 10.",
            )
            .await?;
            page.select(".language-picker select", "nb").await?;

            page.upload(&corpus("formulas_without_values.xlsx")).await?;
            page.wait_for_text(
                "[data-testid=file-losses]",
                "Formelceller uten lagret resultat leses som tomme (2): D3, C4. Åpne filen i Excel og lagre den på nytt for å få med verdiene.",
            )
            .await?;

            page.upload(&ragged).await?;
            page.wait_for_text("[data-testid=file-summary]", "ragged.csv")
                .await?;
            page.next().await?;
            let notice = page
                .wait_for_text(
                    ".notice--warning",
                    "rader har flere eller færre felt enn overskriften, den første på rad 2.",
                )
                .await?;
            // Every ragged row is counted, however the number is grouped.
            let digits: String = notice
                .split("rader")
                .next()
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            assert_eq!(digits, "1200", "{notice}");
            Ok(())
        },
    )
    .await;
}
