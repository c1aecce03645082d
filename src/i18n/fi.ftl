### Suomi.

app-title = Tuo asiakkaita
app-language = Kieli
app-sign_out = Kirjaudu ulos
app-signed_in_as = { $name } · { $organization }
app-privacy = Tiedosto luetaan tässä selaimessa. Vain yhdistämäsi sarakkeet tuotaviksi valitsemistasi riveistä lähetetään.

signin-heading = Kirjaudu sisään
signin-refused_heading = Kirjautuminen ei onnistunut
signin-refused = Käyttöavain tai kirjautumislinkki on väärä tai vanhentunut. Pyydä uusi linkki ja avaa se tässä, tai liitä käyttöavain alle.
signin-explain = Liitä pääkäyttäjältä saamasi käyttöavain.
signin-token = Käyttöavain
signin-submit = Jatka

steps-label = Tuonnin vaiheet
steps-project = Projekti
steps-file = Tiedosto
steps-header = Otsikkorivi
steps-mapping = Kenttien yhdistäminen
steps-review = Tarkistus
steps-save = Tallennus

project-heading = Valitse projekti
project-label = Tuo asiakkaat projektiin
project-choose = Valitse projekti
project-loading = Haetaan projektejasi…
project-units = { $n ->
    [one] { $n } asunto
   *[other] { $n } asuntoa
}
project-no_access = Sinulla ei ole oikeutta tuoda asiakkaita. Kysy organisaatiosi pääkäyttäjältä.

history-heading = Aiemmat tuonnit
history-loading = Haetaan tuonteja…
history-empty = Tähän projektiin ei ole vielä tuotu mitään.
history-when = Aika
history-who = Tuoja
history-file = Tiedosto
history-created = Luotu
history-not_created = Ei luotu
history-left_out = Jätetty pois
history-removed = Poistettu
history-undo_column = Tila
history-no_file = nimetön
history-files = { $n ->
    [one] { $n } tiedosto
   *[other] { $n } tiedostoa
}
history-file_of = Tiedosto { $n }/{ $count }
history-undo = Peru
history-undo_until = Voidaan perua { $when } asti
history-undone = Peruttu { $when } ({ $by })
history-too_old = { $days ->
    [one] Ei voi enää perua: yli { $days } päivän vanha
   *[other] Ei voi enää perua: yli { $days } päivää vanha
}
history-not_yours = Vain tuonnin tehnyt tai pääkäyttäjä voi perua sen
history-missing = { $n ->
    [one] { $n } asiakas poistettu muuta kautta
   *[other] { $n } asiakasta poistettu muuta kautta
}
history-undo_off = Tuontien peruminen on poistettu käytöstä
history-nothing_created = Asiakkaita ei luotu, joten perumista ei ole
history-show_rows = Näytä rivit
history-hide_rows = Piilota rivit
history-rows_loading = Haetaan rivejä…
history-rows_heading = Rivit, joita ei luotu
history-rows_all_created = Kaikki rivit luotiin.
history-row_problems = Rivi { $row }: { $problems }
history-more = Näytä vanhemmat tuonnit

undo-heading = Perutaanko tuonti?
undo-done_heading = Tuonti on peruttu
undo-refused_heading = Tuontia ei peruttu
undo-about = { $file }, tuotu { $when }, tuoja { $who }.
undo-confirm = { $n ->
    [one] Poistetaanko asiakas, jonka tämä tuonti loi?
   *[other] Poistetaanko { $n } asiakasta, jotka tämä tuonti loi?
}
undo-none_left = Projektissa ei ole enää yhtään tämän tuonnin luomaa asiakasta. Tuonti merkitään silti perutuksi.
undo-remove = { $n ->
    [one] Poista { $n } asiakas
   *[other] Poista { $n } asiakasta
}
undo-cancel = Peruuta
undo-portal_told = { $n ->
    [one] Portaalille ilmoitettiin tästä asiakkaasta, kun se luotiin, ja sille ilmoitetaan sen poistamisesta.
   *[other] Portaalille ilmoitettiin näistä asiakkaista, kun ne luotiin, ja sille ilmoitetaan niiden poistamisesta.
}
undo-removing = Poistetaan asiakkaita…
undo-removed = { $n ->
    [one] { $n } asiakas poistettiin.
   *[other] { $n } asiakasta poistettiin.
}
undo-already_removed = { $n ->
    [one] { $n } asiakas oli jo poistettu.
   *[other] { $n } asiakasta oli jo poistettu.
}
undo-close = Sulje
undo-not_allowed = Vain tuonnin tehnyt käyttäjä tai organisaation pääkäyttäjä voi perua sen.
undo-already_undone = Tuonti on jo peruttu. Sen luomat asiakkaat on poistettu.
undo-too_old = Tuonti on liian vanha peruttavaksi.
undo-disabled = Tuontien peruminen on poistettu käytöstä tällä palvelimella.
import-batch_undone = Tuonti on peruttu, eikä siihen voi enää lisätä asiakkaita. Aloita uusi tuonti.
import-batch_full = Tuonti on ottanut vastaan kaikki rivit, jotka se voi tälle tiedostolle ottaa. Uudelleen lähetetyt rivit menevät uuteen tuontiin.
import-file_unknown = Tuonti mainitsee tiedoston, jota siinä ei ole. Lataa sivu uudelleen ja valitse tiedostot uudelleen.
import-file_unnamed = Tuonti ei kertonut, mistä tiedostosta rivit ovat. Lataa sivu uudelleen ja valitse tiedostot uudelleen.

country-NO = Norja
country-FI = Suomi
country-SE = Ruotsi

file-heading = Valitse tiedosto
file-drop = Pudota tiedosto tähän tai napsauta
file-formats = CSV, TXT, XLSX, XLSM, XLS tai ODS

work-checking = Tarkistetaan rivejä: { $done } / { $total }
work-cancel = Peruuta

file-reading = Luetaan tiedostoa…
file-first_rows = Tiedoston ensimmäiset rivit
file-picked = { $name } · { $size }
file-read_failed = Selain ei voinut lukea tiedostoa. Yritä uudelleen tai tallenna se uudelleen Excelistä.
file-empty = Tiedosto on tyhjä.
file-unsupported_container = Tämä ei ole laskentataulukko: se näyttää muulta asiakirjalta.
file-binary = Tiedosto ei ole laskentataulukko eikä tekstitiedosto.

format-delimited_text = Erotinmerkein eroteltu teksti
format-xlsx = Excel-työkirja (.xlsx)
format-xls = Excel 97–2003 -työkirja (.xls)
format-ods = OpenDocument-laskentataulukko (.ods)

auth-unauthenticated = Käyttöavain on virheellinen tai vanhentunut. Kirjaudu uudelleen.
auth-forbidden = Sinulla ei ole oikeutta tähän.
auth-token_refused = Portaalin kirjautumista ei hyväksytty. Avaa tuonti uudelleen portaalista. Jos se ei auta, ilmoita ylläpitäjälle.
auth-token_expired = Portaalin kirjautumisesi on vanhentunut. Avaa tuonti uudelleen portaalista.
auth-origin_not_allowed = Tuontia ei voi käyttää tältä sivustolta. Ilmoita ylläpitäjälle.
request-unknown_host = Tuontipalvelu ei vastaa tässä osoitteessa. Ilmoita ylläpitäjälle.
server-refused = Palvelin ei hyväksynyt pyyntöä. Lataa sivu uudelleen ja yritä uudelleen. Jos näin käy taas, ilmoita ylläpitäjälle.

not_found = Kohdetta ei löytynyt. Se on ehkä poistettu.

server-internal = Palvelimella tapahtui virhe. Yritä hetken kuluttua uudelleen.

net-failed = Palvelimeen ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.
net-bad_answer = Palvelimen vastausta ei voitu tulkita. Lataa sivu uudelleen.

delimiter-semicolon = Puolipiste (;)
delimiter-comma = Pilkku (,)
delimiter-tab = Sarkain
delimiter-pipe = Pystyviiva (|)

file-encoding = Merkistö
file-delimiter = Erotinmerkki
file-detected = tunnistettu
file-sheet = Taulukko
file-sheet_rows = { $rows ->
    [one] { $name } ({ $rows } rivi)
   *[other] { $name } ({ $rows } riviä)
}
file-others = Muut tiedostot tässä tuonnissa
file-other_reading = Luetaan…
file-other_joins = { $rows ->
    [one] { $rows } rivi samoilla otsikoilla kuin { $first }: tuodaan sen kanssa.
   *[other] { $rows } riviä samoilla otsikoilla kuin { $first }: tuodaan sen kanssa.
}
file-other_differs = Eri otsikot kuin tiedostossa { $first }: yhdistät tämän tiedoston sarakkeet tiedoston { $first } jälkeen.
layouts-label = Tiedostojen otsikkoasettelut
layouts-layout = Asettelu { $n }
layouts-shown = näkyvissä nyt
layouts-mapped = yhdistetty
layouts-not_mapped = ei vielä yhdistetty
file-hidden = piilotettu
file-unreadable = { $count ->
    [one] Yhtä merkkiä ei voi lukea tällä merkistöllä. Se näkyy merkkinä � rivillä { $row }, sarakkeessa { $column }. Valitse yltä toinen merkistö.
   *[other] Merkkejä, joita ei voi lukea tällä merkistöllä: { $count }. Ne näkyvät merkkinä �, ensimmäinen rivillä { $row }, sarakkeessa { $column }. Valitse yltä toinen merkistö.
}
file-formulas_without_value = Kaavasoluja, joihin ei ole tallennettu tulosta, luetaan tyhjinä ({ $count }): { $cells }. Avaa tiedosto Excelissä ja tallenna se uudelleen, niin arvot tulevat mukaan.

header-heading = Otsikkorivi
header-skip = Montako riviä ohitetaan alusta?
header-has_headers = Ensimmäinen rivi on otsikot
header-doubt = Rivi { $row } näyttää asiakkaalta eikä otsikoilta: { $values }. Onko se otsikkorivi?
header-doubt_customer = Ei, rivi { $row } on asiakas
header-doubt_headings = Kyllä, rivi { $row } on otsikkorivi
header-counts = { $rows ->
    [one] { $rows } asiakas
   *[other] { $rows } asiakasta
} · { $columns ->
    [one] { $columns } kenttä
   *[other] { $columns } kenttää
}
header-first_row = Ensimmäinen asiakas
header-ragged = { $count ->
    [one] Yhdellä rivillä on enemmän tai vähemmän kenttiä kuin otsikossa: rivillä { $row }. Se säilytetään; tarkista se tarkistusvaiheessa.
   *[other] { $count } rivillä on enemmän tai vähemmän kenttiä kuin otsikossa, ensimmäinen rivillä { $row }. Ne säilytetään; tarkista ne tarkistusvaiheessa.
}

nav-label = Vaiheet
nav-back = Takaisin
nav-continue = Jatka
nav-save = { $n ->
    [one] Tallenna { $n } asiakas
   *[other] Tallenna { $n } asiakasta
}

mapping-heading = Kenttien yhdistäminen
mapping-explain = Valitse, mitä kustakin tiedostosi sarakkeesta tulee. Sarakkeet, joita ei tuoda, jäävät pois.
mapping-loading = Haetaan projektin kenttiä…
mapping-examples = Esimerkkejä
mapping-create_missing_groups = Luo asiakasryhmät, joita ei vielä ole
mapping-no_invitations = Tuoduille asiakkaille ei lähetetä kutsua eikä muuta viestiä.
mapping-whole_file = Yksi arvo koko tiedostolle
mapping-required = pakollinen
mapping-rule-number = Luku, esimerkiksi 1 250,50.
mapping-rule-date = Päivämäärä, esimerkiksi 1.5.2027.
mapping-rule-one_of = Jokin näistä: { $options }.
mapping-rule-pattern = Muotoa { $example }.
mapping-not_imported = — Ei tuoda —
mapping-file_column = Tiedoston sarake
mapping-goes_to = Tuodaan kenttään
mapping-column_letter = Sarake { $letter }
mapping-taken_from = { $field } (nyt sarakkeesta ”{ $column }”)
mapping-takeover = { $field } otetaan nyt sarakkeesta ”{ $to }”, eikä saraketta ”{ $from }” enää tuoda.
mapping-undo = Kumoa
mapping-quoted = ”{ $text }”
mapping-not_imported_list = { $n ->
    [one] Ei tuoda: { $columns }.
   *[other] Näitä { $n } saraketta ei tuoda: { $columns }.
}
mapping-all_imported = Kaikki tiedoston sarakkeet tuodaan.
mapping-required_missing = Pakollinen, mutta ilman arvoa: { $fields }.
mapping-whole_file_explain = Kentille, joita mikään sarake ei täytä: sama arvo kaikille tiedoston asiakkaille.
mapping-file_values = Arvot tiedostoittain
mapping-file_values_explain = Valitse kullekin tiedostolle, mikä koskee kaikkia sen asiakkaita, esimerkiksi asiakasryhmä ja asiakasvastaava.
mapping-file = Tiedosto
mapping-whole_file_none = — Ei mitään —
mapping-whole_file_from_column = Sarakkeesta ”{ $column }”.
mapping-project_values = Tässä projektissa: { $values }.
mapping-project_values_more = Tässä projektissa: { $values } ja { $more } muuta.

# Shared mappings (issue 20.3): where the starting mapping came from.
mapping-origin_colleague = { $name } yhdisti kentät näin { $date }.
mapping-origin_me = Yhdistit kentät näin { $date }.
mapping-origin_browser = Täytetty niin kuin tiedosto, jossa oli samat otsikot, yhdistettiin viimeksi tällä selaimella (palvelin ei vastannut).
mapping-date = { $day }. { $month }
mapping-date_year = { $day }. { $month } { $year }
mapping-month-1 = tammikuuta
mapping-month-2 = helmikuuta
mapping-month-3 = maaliskuuta
mapping-month-4 = huhtikuuta
mapping-month-5 = toukokuuta
mapping-month-6 = kesäkuuta
mapping-month-7 = heinäkuuta
mapping-month-8 = elokuuta
mapping-month-9 = syyskuuta
mapping-month-10 = lokakuuta
mapping-month-11 = marraskuuta
mapping-month-12 = joulukuuta

rows-ready = Valmis
rows-problems = Korjattava
rows-excluded = Jätetty pois
rows-created = Luotu
rows-rejected = Ei luotu
rows-waiting = Odottaa vastausta
rows-locked-waiting = Lähetetty; odottaa palvelimen vastausta. Riviä ei voi muuttaa ennen kuin vastaus on saapunut.
rows-sent = Lähetetty, ei vastausta
rows-locked-sent = Tämän rivin vastaus katosi, ja asiakas on ehkä jo luotu. Riviä ei voi muuttaa ennen kuin se on lähetetty uudelleen ja vastaus on saapunut.
rows-locked-created = Tämä asiakas on luotu, eikä sitä voi enää muuttaa täällä.
rows-row = Rivi
rows-import = Tuo
rows-cell = Rivi { $row }, { $field }
rows-include = Tuo rivi { $row }
rows-label = Asiakkaat
rows-next_problem = Seuraava virhe
rows-no_problems = Ei korjattavia virheitä.
rows-searching = Etsitään seuraavaa virhettä…
rows-keys = Nuolinäppäimet: siirry · Enter tai F2: muokkaa · Esc: peru · F8: seuraava virhe
rows-more_problems = { $n } muuta virhettä rivillä

review-spellings-heading = Arvot, joita ei löydy projektin listoista
review-spellings-summary = { $n ->
    [one] { $n } arvo puuttuu projektin listoista
   *[other] { $n } arvoa puuttuu projektin listoista
}
review-spellings-show = Yhdistä arvot
review-spellings-hide = Piilota
review-spellings-explain = Jokainen kirjoitusasu näkyy kerran: montako riviä sillä on ja mitä se luultavasti tarkoittaa. Valitse, mikä siitä tulee; kaikki sen rivit saavat valinnan, eikä seuraava samoin kirjoitettu tiedosto tarvitse mitään.
review-file_filter = Tiedosto
review-all_files = Kaikki tiedostot
review-spellings-value = Arvo tiedostossa
review-spellings-rows = Rivejä
review-spellings-becomes = Muuttuu
review-spellings-becomes_of = «{ $value }» muuttuu
review-spellings-leave = — Jätä rivit virheellisiksi —
review-spellings-search = Hae arvoista
review-spellings-apply = Käytä valintoja
review-heading = Tarkistus
review-explain = Nämä asiakkaat luodaan. Korjaa arvo suoraan tai jätä rivi pois.
review-counts = { $ready } valmiina · { $problems ->
    [one] { $problems } virheellinen
   *[other] { $problems } virheellistä
} · { $excluded ->
    [one] { $excluded } pois jätetty
   *[other] { $excluded } pois jätettyä
}
review-only_problems = Näytä vain virheelliset rivit
review-create_missing_groups = Luo puuttuvat asiakasryhmät
review-groups_busy = Rivit tarkistetaan uudelleen…
review-groups_locked = Ei voi muuttaa, kun rivejä on lähetetty.

# Fix many rows at once (issue 20.4).
review-fix-heading = Korjaa monta riviä kerralla
review-fix-column = Sarake
review-fix-replace_form = Etsi ja korvaa
review-fix-find = Etsi (isot ja pienet kirjaimet erotellaan)
review-fix-with = Korvaa tekstillä
review-fix-whole_cell = Vain koko solu
review-fix-replace = Korvaa kaikki
review-fix-fill_form = Täytä tyhjät solut
review-fix-fill_with = Täytä tyhjät solut arvolla
review-fix-fill = Täytä tyhjät
review-fix-working = Muutetaan ja tarkistetaan rivejä…
review-fix-none = Yhtään solua ei muutettu
review-fix-changed = { $n ->
    [one] { $n } solu muutettu
   *[other] { $n } solua muutettu
}

save-heading = Tallennus
save-progress = { $done }/{ $total } riviin vastattu.
save-retrying = Ei vielä vastausta; yritetään uudelleen…
save-cancelled = Keskeytetty. Jo luodut rivit säilyvät.
save-finished = Valmis.
save-rows_not_taken = Kaikkia valmiita rivejä ei voitu valmistella lähetettäviksi. Lataa sivu uudelleen ja yritä uudelleen.
save-summary = { $created } luotu · { $refused } hylätty · { $held_back } korjattava · { $unsent } lähettämättä
save-error_column = Virhe
save-failed_file = asiakkaat-ei-luotu
save-row_column = Rivi
save-failed_sheet = Ei luotu
save-progress_label = Tallennuksen edistyminen
save-cancel = Peruuta
save-send_again = { $n ->
    [one] Lähetä { $n } korjattu rivi
   *[other] Lähetä { $n } korjattua riviä
}
save-awaiting = { $n ->
    [one] { $n } rivin vastaus katosi, ja palvelin on ehkä jo luonut sen. Se on lukittuna, kunnes se on lähetetty uudelleen ja vastaus on saapunut.
   *[other] { $n } rivin vastaus katosi, ja palvelin on ehkä jo luonut ne. Ne ovat lukittuina, kunnes ne on lähetetty uudelleen ja vastaus on saapunut.
}
save-resume = { $n ->
    [one] Lähetä uudelleen ({ $n } rivi)
   *[other] Lähetä uudelleen ({ $n } riviä)
}
save-download_failed = Lataa luomatta jääneet rivit
save-only_failed = Näytä vain luomatta jääneet rivit

end-heading = Tuonti on valmis
end-explain = Tässä on tulos. Luomatta jääneet rivit voit korjata tässä ja lähettää uudelleen tai ladata ja korjata Excelissä.
end-created = Luotu
end-refused = Palvelin hylkäsi
end-held_back = Pidätetty, korjattava
end-not_sent = Lähettämättä
end-left_out = Jätetty pois
end-download_summary = Lataa yhteenveto
end-summary_file = tuonnin-yhteenveto.txt
end-summary_title = Asiakastuonti – yhteenveto
end-print = Tulosta
end-another = Tuo uusi tiedosto
end-project = Projekti
end-per_file = Tiedostoittain
end-download_file_failed = Lataa tiedoston { $file } rivit, joita ei luotu
end-download_file_failed_short = Lataa rivit, joita ei luotu
end-file = Tiedosto
end-saved_at = Tallennettu

nav-result = Näytä tulos

net-unavailable = Palvelin on hetken kiireinen tai tavoittamattomissa. Yritä uudelleen.

import-body_too_large = Kerralla lähetettiin liikaa. Lataa sivu uudelleen ja yritä uudelleen.
import-idempotency_key_required = Pyyntö oli puutteellinen. Lataa sivu uudelleen ja yritä uudelleen.
import-idempotency_key_reused = Uusittu pyyntö ei vastannut ensimmäistä. Lataa sivu uudelleen; jo luodut rivit säilyvät.
import-in_progress = Edellistä yritystä tallennetaan yhä. Yritä hetken kuluttua uudelleen.
import-invalid_body = Palvelin ei pystynyt lukemaan lähetettyjä rivejä. Lataa sivu uudelleen ja yritä uudelleen.
import-no_rows = Lähetetyssä ei ollut tallennettavia rivejä. Lataa sivu uudelleen ja yritä uudelleen.
import-too_many_rows = Kerralla lähetettiin liian monta riviä. Lataa sivu uudelleen ja yritä uudelleen.
import-unknown_field = Lähetettiin kenttä, jota projektissa ei ole. Lataa sivu uudelleen ja yhdistä tiedosto uudelleen.

header-data = Kaikki rivit

project-files-heading = Projektin tiedostot
project-files-hint = Lataa tyhjä pohja täytettäväksi tai projektin nykyiset asiakkaat esimerkiksi.
project-files-template_xlsx = Tyhjä pohja (Excel)
project-files-template_csv = Tyhjä pohja (CSV)
project-files-customers_xlsx = Vie asiakkaat (Excel)
project-files-customers_csv = Vie asiakkaat (CSV)
project-files-save_failed = Selain ei voinut tallentaa tiedostoa.

# Olemassa olevien asiakkaiden päivitys (issue 28).
mapping-mode-legend = Jo olemassa olevat asiakkaat
mapping-mode-explain = Valitaan kerran tälle tuonnille, ja tallennetaan kohdistuksen kanssa tiedostoille, joissa on nämä otsikot.
mapping-mode-create_only = Luo vain uusia asiakkaita
mapping-mode-create_and_update = Luo uudet asiakkaat ja päivitä olemassa olevat
mapping-mode-update_only = Päivitä vain olemassa olevia asiakkaita
mapping-match_key = Asiakkaat tunnistetaan tiedosta { $field } (sarake ”{ $column }”).
mapping-match_key_missing = Jotta asiakkaita voi päivittää, kohdista asiakasnumero tai sähköposti: niiden avulla rivi löytää asiakkaansa.
mapping-key-external_id = asiakasnumero
mapping-key-email = sähköposti
mapping-blank_explain = Tyhjä solu säilyttää tallennetun arvon, ellet valitse sarakkeelle ”Tyhjä solu tyhjentää tallennetun arvon”.
mapping-blank = Tyhjä solu tyhjentää tallennetun arvon
review-compare_failed = Rivejä ei voitu verrata projektin asiakkaisiin. Yritä uudelleen.
review-counts_updating = { $new } uutta · { $update } päivitetään · { $same } ennallaan · { $problems } virheellistä · { $excluded } jätetty pois
review-filter-label = Näytä
review-filter-all = Kaikki rivit
review-filter-new = Vain uudet
review-filter-updates = Vain päivitykset
review-filter-problems = Vain virheet
rows-will_create = Uusi
rows-will_update = Päivitetään
rows-will_stay = Ennallaan
rows-changed_since = Muuttunut tarkistuksen jälkeen
rows-changed_since_note = Joku muu muutti asiakasta tarkistuksesi jälkeen: muutokset näytetään nyt sen nykyisiin arvoihin verrattuna. Tarkista ja muokkaa riviä lähettääksesi sen.
rows-updated = Päivitetty
rows-unchanged = Ennallaan
rows-locked-updated = Tämä asiakas on päivitetty, eikä sitä voi enää muuttaa täällä.
rows-empty_value = (tyhjä)
save-summary_updating = { $created } luotu · { $updated } päivitetty · { $unchanged } ennallaan · { $refused } hylätty · { $held_back } korjattavaa · { $unsent } lähettämättä
end-updated = Päivitetty
end-unchanged = Ennallaan
history-updated = Päivitetty
history-unchanged = Ennallaan
history-rows_updated_heading = Rivit, jotka päivittivät asiakkaan
history-row_changes = Rivi { $row }: { $changes }
undo-confirm_restore = { $updated ->
    [one] Palautetaanko aiemmat arvot asiakkaalle, jonka tämä tuonti päivitti?
   *[other] Palautetaanko aiemmat arvot { $updated } asiakkaalle, jotka tämä tuonti päivitti?
}
undo-confirm_updating = { $n ->
    [one] Poistetaanko asiakas, jonka tämä tuonti loi,
   *[other] Poistetaanko { $n } asiakasta, jotka tämä tuonti loi,
} ja palautetaanko aiemmat arvot { $updated ->
    [one] asiakkaalle, jonka
   *[other] { $updated } asiakkaalle, jotka
} se päivitti?
undo-undo_updating = Peru tuonti
undo-restored = { $n ->
    [one] { $n } asiakas sai aiemmat arvonsa takaisin.
   *[other] { $n } asiakasta sai aiemmat arvonsa takaisin.
}
undo-not_restored = { $n ->
    [one] { $n } asiakas on muutettu sen jälkeen uudelleen, joten se jätettiin ennalleen.
   *[other] { $n } asiakasta on muutettu sen jälkeen uudelleen, joten ne jätettiin ennalleen.
}
review-explain_updating = Kukin rivi luo asiakkaan, päivittää avaimen löytämän asiakkaan (jokainen muutos vanha → uusi) tai jättää sen ennalleen. Korjaa arvo paikallaan tai jätä rivi pois.

review-host-checking = Portaalin tarkistus käy läpi { $n ->
    [one] yhtä riviä
   *[other] { $n } riviä
}…
review-host-failed = Portaalin tarkistus ei vastannut.
review-host-threw = Portaalin tarkistus ei vastannut: { $message }
review-host-timed_out = Portaalin tarkistus ei vastannut ajoissa.
review-host-bad_answer = Portaalin tarkistus ei vastannut virheluettelolla.
review-host-kept = Mitään ei menetetty: muutoksesi on tallessa, ja rivit tallennetaan vasta, kun tarkistus on vastannut.
review-host-retry = Yritä uudelleen
nav-awaiting_host = Odotetaan portaalin tarkistusta ({ $n ->
    [one] yksi rivi
   *[other] { $n } riviä
})
