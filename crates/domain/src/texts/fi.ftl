### Suomi: what the domain crate reports (reading errors, value problems) and
### the target fields' labels and help. The app shows them; the server writes field
### labels and help into templates.

file-encrypted = Työkirja on suojattu salasanalla. Tallenna Excelissä kopio ilman salasanaa ja valitse se.
file-corrupt = Tiedosto on vioittunut tai ei ole sitä, mitä sen nimi kertoo. Avaa se Excelissä ja tallenna uudelleen.
file-too_big = Tiedoston koko on { $size }. Suurin täällä luettava tiedosto on { $limit }.
file-inflates_too_big = Työkirja purkautuisi yli { $limit }:n kokoiseksi. Tallenna vain asiakastaulukko tai tallenna CSV-muodossa.
file-too_many_rows = Taulukossa on yli { $limit } riviä. Jaa tiedosto pienempiin osiin.
file-too_many_columns = Rivillä { $row } on yli { $limit } saraketta (sarake { $column }).
file-too_many_cells = Taulukko kattaa { $rows } riviä × { $columns } saraketta, enemmän kuin luettavissa olevat { $limit } solua. Poista tyhjät rivit ja sarakkeet kaukana tiedoista tai tallenna CSV-muodossa.
file-cell_too_long = Rivin { $row } sarakkeen { $column } solussa on yli { $limit } merkkiä. Lainausmerkiltä voi puuttua pari.
file-no_sheets = Työkirjassa ei ole laskentataulukoita.
file-no_data = Tuotavaa ei ole: ohitettujen rivien alla tiedostossa on vain tyhjiä soluja.
file-header_only = Tiedostossa on otsikkorivi, mutta sen alla ei ole asiakkaita.
file-unknown_encoding = Tuntematon merkistö ”{ $label }”.
file-sheet_not_found = Taulukkoa ”{ $name }” ei löytynyt.

value-required = Pakollinen.
value-email_invalid = ”{ $value }” ei ole kelvollinen sähköpostiosoite.
value-email_trailing_dot = ”{ $value }” päättyy pisteeseen. Poista se.
value-phone_invalid = ”{ $value }” ei ole puhelinnumero.
value-phone_too_short = ”{ $value }” on liian lyhyt puhelinnumeroksi.
value-phone_too_long = ”{ $value }” on liian pitkä puhelinnumeroksi.
value-phone_no_such_number = ”{ $value }” ei voi olla puhelinnumero: mikään tämän pituinen numero ei ala näin.
value-date_invalid = ”{ $value }” ei ole päivämäärä. Kirjoita se muodossa pp.kk.vvvv.
value-date_in_future = { $value } on tulevaisuudessa.
value-date_before_1900 = { $value } on ennen vuotta 1900.
value-postal_code_invalid = ”{ $value }” ei ole tämän maan postinumero.
value-business_id_invalid = ”{ $value }” ei ole norjalainen, suomalainen eikä ruotsalainen yritystunnus.
value-business_id_check_digit = Tunnuksen ”{ $value }” tarkistusmerkki on väärä. Tarkista kirjoitusvirheet.
value-country_unknown = ”{ $value }” ei ole maa, jonka tuonti tuntee (Norja, Suomi, Ruotsi).
value-name_or_company_required = Asiakkaalla on oltava nimi tai yrityksen nimi.
value-unit_unknown = Asuntoa { $value } ei ole tässä projektissa.
value-company_type_unknown = ”{ $value }” ei ole organisaatiosi asiakastyyppi.
value-group_unknown = Asiakasryhmää ”{ $value }” ei ole. Salli puuttuvien ryhmien luominen tai valitse olemassa oleva ryhmä.
value-account_manager_unknown = ”{ $value }” ei ole organisaatiosi käyttäjä.
value-duplicate_in_file = ”{ $value }” on myös rivillä { $other_row }.

field-name = Nimi
field-name-help = Henkilön koko nimi. Tai yhdistä etunimi ja sukunimi.
field-first_name = Etunimi
field-first_name-help = Yhdistetään sukunimen kanssa nimeksi.
field-last_name = Sukunimi
field-last_name-help = Yhdistetään etunimen kanssa nimeksi.
field-email = Sähköposti
field-email-help = Yksilöllinen projektissa. Kutsua ei lähetetä.
field-phone = Puhelin
field-phone-help = Tallennetaan maatunnuksen kanssa; ilman sitä numero saa projektin maan.
field-birth_date = Syntymäaika
field-birth_date-help = pp.kk.vvvv tai vvvv-kk-pp.
field-address = Osoite
field-address-help = Katuosoite.
field-postal_code = Postinumero
field-postal_code-help = Norjassa 4 numeroa, Suomessa ja Ruotsissa 5.
field-city = Postitoimipaikka
field-city-help = Postitoimipaikka.
field-country = Maa
field-country-help = Norja, Suomi tai Ruotsi; tyhjänä projektin maa.
field-unit = Asunto
field-unit-help = Asunto tässä projektissa, esim. A 1. Asiakas liitetään siihen.
field-company_name = Yrityksen nimi
field-company_name-help = Yritysasiakkaille. Rivillä on oltava nimi tai yrityksen nimi.
field-business_id = Y-tunnus
field-business_id-help = Y-tunnus, organisasjonsnummer tai organisationsnummer.
field-company_type = Asiakastyyppi
field-company_type-help = Jokin organisaatiosi tyypeistä, esim. Liidi tai Asiakas.
field-customer_group = Asiakasryhmä
field-customer_group-help = Olemassa oleva ryhmä, tai tuonnissa luotava, jos sallit sen.
field-account_manager = Vastuuhenkilö
field-account_manager-help = Organisaatiosi käyttäjä sähköpostin tai nimen mukaan.
field-external_id = Asiakasnumero
field-external_id-help = Asiakkaan numero edellisessä järjestelmässä. Yksilöllinen projektissa.
field-notes = Lisätiedot
field-notes-help = Vapaata tekstiä.

value-email_taken = Sähköpostiosoite { $value } on jo rekisteröity tähän projektiin.
value-external_id_taken = Asiakasnumero { $value } on jo käytössä tässä projektissa.
value-control_character = { $field }: näkymätön ohjausmerkki ({ $character }), jota ei voi tallentaa. Poista se.
value-bidi_control = { $field }: näkymätön merkki ({ $character }), joka kääntää tekstin suunnan, joten teksti näkyy eri järjestyksessä kuin se tallennetaan. Poista se.
value-too_long = { $field }: pidempi kuin { $limit } merkkiä. Lyhennä tekstiä.

export-sheet-customers = Asiakkaat
export-sheet-explanations = Ohjeet
export-column-field = Sarake
export-column-help = Mitä siihen kirjoitetaan
export-column-values = Projektissa sallitut arvot
