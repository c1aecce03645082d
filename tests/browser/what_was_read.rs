//! What a user sees of how the file was read (issue 17): the workbook opens on its
//! customers, not a cover sheet; the field names of the help pages users come from
//! are mapped; a made-up phone number is a problem on its cell; and what reading lost
//! (undecodable characters, formula cells without a value, ragged rows past 1,000) is
//! said in the user's language.
#![allow(clippy::unwrap_used)]

use crate::support::{
    browser,
    journey::{Journey, corpus},
    server::TestServer,
};

/// The names APEX's guide uses ("kunde navn", "epost adresse", "telefon nr.") …
const APEX: &str = "Kunde navn;Epost adresse;Telefon nr.;Fødselsdato\n\
                    Åse Øvrebø;ase@example.no;912 34 567;04.07.1985\n";

/// … and the headings Taimer's guide names for its Excel template.
const TAIMER: &str = "Yritys;Y-tunnus;Osoite;Yritystyyppi;Asiakkuusryhmä;Asiakkuusjohtaja\n\
                      Rakennus Oy;0737546-2;Mannerheimintie 1;Asiakas;Helsinki;Pia Pomo\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_workbook_opens_on_its_customers_not_on_a_cover_sheet() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::corpus("cover_sheet.xlsx")
            .start(&page, &server)
            .await?;
        assert_eq!(
            w.texts("#sheet option").await?,
            ["Forside (1 rad)", "Kunder (4 rader)"]
        );
        assert_eq!(w.value("#sheet").await?, "1");
        w.to_header().await?;
        w.header_counts("3 kunder · 4 felt").await?;
        w.shows("first-row", "Kjersti Ås").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_field_names_of_the_apex_and_taimer_pages_are_mapped() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::without_file()
            .in_language("fi")
            .start(&page, &server)
            .await?;
        for (name, text, fields) in [
            ("apex.csv", APEX, "name email phone birth_date"),
            (
                "taimer.csv",
                TAIMER,
                "company_name business_id address company_type customer_group account_manager",
            ),
        ] {
            w.pick_csv(name, text).await?;
            w.to_header().await?;
            w.header_counts("1 asiakas").await?;
            w.to_mapping().await?;
            w.assert_columns_feed(fields).await?;
            // Back to the file step for the next file.
            w.back().await?;
            w.back().await?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_made_up_phone_number_is_a_problem_on_its_cell() {
    let server = TestServer::start().await;
    // 12345678 has a Norwegian number's length, but no Norwegian number starts with 1.
    let csv = "Navn;Mobil\nOla Nordmann;12345678\nKari Bø;912 34 567\n";
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", csv)
            .to_header(&page, &server)
            .await?;
        w.header_counts("2 kunder").await?;
        w.to_mapping().await?;
        assert_eq!(w.mapped_column("phone").await?, Some(1));
        w.to_review().await?;
        w.review_counts("1 klar · 1 med feil · 0 utelatt").await?;
        w.wait_for_text(
            "tr[data-row='2'] td:nth-of-type(2)",
            "«12345678» kan ikke være et telefonnummer: ingen numre med så mange sifre begynner slik.",
        )
        .await?;
        w.wait_for_text("tr[data-row='3']", "+4791234567").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn what_reading_lost_is_said_in_the_users_language() {
    let server = TestServer::start().await;
    // 1,200 rows with one field under a header of two: past the 1,000 listed.
    let ragged = "Navn;E-post\n".to_owned() + &"Ola Nordmann\n".repeat(1_200);
    browser::run(|page| async move {
        // Windows-1252 read as UTF-8: "Kj�rsti".
        let w = Journey::corpus("nordic_excel.csv")
            .start(&page, &server)
            .await?;
        assert!(w.texts("[data-testid=file-losses]").await?.is_empty());
        w.select("#encoding", "UTF-8").await?;
        w.shows(
            "file-losses",
            "Tegn som ikke kan leses med denne tegnkodingen: 10. De vises som �, det første i rad 1, kolonne F. Velg en annen tegnkoding ovenfor.",
        )
        .await?;
        w.choose_language("fi").await?;
        w.shows(
            "file-losses",
            "Merkkejä, joita ei voi lukea tällä merkistöllä: 10. Ne näkyvät merkkinä �, ensimmäinen rivillä 1, sarakkeessa F.",
        )
        .await?;
        w.choose_language("sv").await?;
        w.shows(
            "file-losses",
            "Tecken som inte kan läsas med den här teckenkodningen: 10.",
        )
        .await?;
        w.choose_language("nb").await?;

        // Text as converters write it, plain and as inline strings: each xlsx is read
        // by one of two readers, and both tell.
        for file in ["formulas_without_values.xlsx", "formulas_inline_strings.xlsx"] {
            w.upload(&corpus(file)).await?;
            w.file_summary(file).await?;
            w.shows(
                "file-losses",
                "Formelceller uten lagret resultat leses som tomme (2): D3, C4. Åpne filen i Excel og lagre den på nytt for å få med verdiene.",
            )
            .await?;
        }

        w.pick_csv("ragged.csv", &ragged).await?;
        w.to_header().await?;
        let notice = w
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
    })
    .await;
}
