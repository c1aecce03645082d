### Norsk bokmål.

app-title = Importer kunder
app-language = Språk
app-sign_out = Logg ut
app-signed_in_as = { $name } · { $organization }
app-privacy = Filen din leses i denne nettleseren. Bare kolonnene du kobler, for radene du velger å importere, blir sendt.

signin-heading = Logg inn
signin-refused_heading = Innloggingen virket ikke
signin-refused = Tilgangsnøkkelen eller innloggingslenken er feil eller utløpt. Be om en ny lenke og åpne den her, eller lim inn en tilgangsnøkkel nedenfor.
signin-explain = Lim inn tilgangsnøkkelen du har fått av administratoren din.
signin-token = Tilgangsnøkkel
signin-submit = Fortsett

steps-label = Steg i importen
steps-project = Prosjekt
steps-file = Fil
steps-header = Overskrift
steps-mapping = Kobling
steps-review = Kontroll
steps-save = Lagre

project-heading = Velg prosjekt
project-label = Importer kunder til
project-choose = Velg et prosjekt
project-loading = Henter prosjektene dine…
project-units = { $n ->
    [one] { $n } bolig
   *[other] { $n } boliger
}
project-no_access = Du har ikke tilgang til å importere kunder. Spør en administrator i organisasjonen din.

history-heading = Tidligere importer
history-loading = Henter importene…
history-empty = Ingen importer i dette prosjektet ennå.
history-when = Tidspunkt
history-who = Importert av
history-file = Fil
history-created = Opprettet
history-not_created = Ikke opprettet
history-left_out = Utelatt
history-removed = Fjernet
history-undo_column = Status
history-no_file = uten navn
history-files = { $n ->
    [one] { $n } fil
   *[other] { $n } filer
}
history-file_of = Fil { $n } av { $count }
history-undo = Angre
history-undo_until = Kan angres til { $when }
history-undone = Angret { $when } av { $by }
history-too_old = { $days ->
    [one] Kan ikke angres lenger: eldre enn { $days } dag
   *[other] Kan ikke angres lenger: eldre enn { $days } dager
}
history-not_yours = Bare den som importerte, eller en administrator, kan angre
history-missing = { $n ->
    [one] { $n } kunde fjernet på annen måte
   *[other] { $n } kunder fjernet på annen måte
}
history-undo_off = Angring av importer er slått av
history-nothing_created = Ingen kunder ble opprettet, så det er ingenting å angre
history-show_rows = Vis rader
history-hide_rows = Skjul rader
history-rows_loading = Henter radene…
history-rows_heading = Rader som ikke ble opprettet
history-rows_all_created = Alle radene ble opprettet.
history-row_problems = Rad { $row }: { $problems }
history-more = Vis eldre importer

undo-heading = Angre importen?
undo-done_heading = Importen er angret
undo-refused_heading = Importen ble ikke angret
undo-about = { $file }, importert { $when } av { $who }.
undo-confirm = { $n ->
    [one] Fjerne kunden denne importen opprettet?
   *[other] Fjerne de { $n } kundene denne importen opprettet?
}
undo-none_left = Ingen av kundene denne importen opprettet, er igjen i prosjektet. Importen merkes likevel som angret.
undo-remove = { $n ->
    [one] Fjern { $n } kunde
   *[other] Fjern { $n } kunder
}
undo-cancel = Avbryt
undo-portal_told = { $n ->
    [one] Portalen ble varslet om denne kunden da den ble opprettet, og varsles om at den fjernes.
   *[other] Portalen ble varslet om disse kundene da de ble opprettet, og varsles om at de fjernes.
}
undo-removing = Fjerner kundene…
undo-removed = { $n ->
    [one] { $n } kunde er fjernet.
   *[other] { $n } kunder er fjernet.
}
undo-already_removed = { $n ->
    [one] { $n } kunde var allerede fjernet.
   *[other] { $n } kunder var allerede fjernet.
}
undo-close = Lukk
undo-not_allowed = Bare den som gjorde importen, eller en administrator i organisasjonen, kan angre den.
undo-already_undone = Importen er allerede angret. Kundene den opprettet, er fjernet.
undo-too_old = Importen er for gammel til å angres.
undo-disabled = Angring av importer er slått av på denne serveren.
import-batch_undone = Importen er angret og kan ikke få flere kunder. Start en ny import.
import-batch_full = Importen har tatt imot alle radene den kan for denne filen. Radene som sendes på nytt, går inn i en ny import.
import-file_unknown = Importen nevner en fil den ikke har. Last inn siden på nytt og velg filene igjen.
import-file_unnamed = Importen sa ikke hvilken fil radene kom fra. Last inn siden på nytt og velg filene igjen.

country-NO = Norge
country-FI = Finland
country-SE = Sverige

file-heading = Velg fil
file-drop = Dra filer eller klikk her
file-formats = CSV, TXT, XLSX, XLSM, XLS eller ODS

work-checking = Kontrollerer rader: { $done } av { $total }
work-cancel = Avbryt

file-reading = Leser filen…
file-first_rows = De første radene i filen
file-picked = { $name } · { $size }
file-read_failed = Nettleseren kunne ikke lese filen. Prøv igjen, eller lagre den på nytt fra Excel.
file-empty = Filen er tom.
file-unsupported_container = Dette er ikke et regneark: det ser ut som en annen type dokument.
file-binary = Denne filen er verken et regneark eller en tekstfil.

format-delimited_text = Tekst med skilletegn
format-xlsx = Excel-arbeidsbok (.xlsx)
format-xls = Excel 97–2003-arbeidsbok (.xls)
format-ods = OpenDocument-regneark (.ods)

auth-unauthenticated = Tilgangsnøkkelen er ugyldig eller utløpt. Logg inn på nytt.
auth-forbidden = Du har ikke tilgang til dette.
auth-token_refused = Innloggingen fra portalen ble ikke godtatt her. Åpne importen fra portalen på nytt. Hjelper ikke det, si fra til administratoren din.
auth-token_expired = Innloggingen fra portalen er utløpt. Åpne importen fra portalen på nytt.
auth-origin_not_allowed = Importen kan ikke brukes fra dette nettstedet. Si fra til administratoren din.
request-unknown_host = Importtjenesten svarer ikke på denne adressen. Si fra til administratoren din.
server-refused = Serveren godtok ikke forespørselen. Last inn siden på nytt og prøv igjen. Skjer det igjen, si fra til administratoren din.

not_found = Fant det ikke. Det kan være slettet.

server-internal = Noe gikk galt på serveren. Prøv igjen om litt.

net-failed = Fikk ikke kontakt med serveren. Sjekk tilkoblingen og prøv igjen.
net-bad_answer = Serveren svarte noe denne siden ikke forstår. Last inn siden på nytt.

delimiter-semicolon = Semikolon (;)
delimiter-comma = Komma (,)
delimiter-tab = Tabulator
delimiter-pipe = Loddrett strek (|)

file-encoding = Tegnkoding
file-delimiter = Skilletegn
file-detected = funnet automatisk
file-sheet = Ark
file-sheet_rows = { $rows ->
    [one] { $name } ({ $rows } rad)
   *[other] { $name } ({ $rows } rader)
}
file-others = Flere filer i denne importen
file-other_reading = Leses…
file-other_joins = { $rows ->
    [one] { $rows } rad med de samme overskriftene som { $first }: importeres sammen med den.
   *[other] { $rows } rader med de samme overskriftene som { $first }: importeres sammen med den.
}
file-other_differs = Andre overskrifter enn i { $first }: du kobler kolonnene i denne filen etter { $first }.
layouts-label = Filenes oppsett av overskrifter
layouts-layout = Oppsett { $n }
layouts-shown = vises nå
layouts-mapped = koblet
layouts-not_mapped = ikke koblet ennå
file-hidden = skjult
file-unreadable = { $count ->
    [one] Ett tegn kan ikke leses med denne tegnkodingen. Det vises som �, i rad { $row }, kolonne { $column }. Velg en annen tegnkoding ovenfor.
   *[other] Tegn som ikke kan leses med denne tegnkodingen: { $count }. De vises som �, det første i rad { $row }, kolonne { $column }. Velg en annen tegnkoding ovenfor.
}
file-formulas_without_value = Formelceller uten lagret resultat leses som tomme ({ $count }): { $cells }. Åpne filen i Excel og lagre den på nytt for å få med verdiene.

header-heading = Overskrift
header-skip = Hvor mange rader skal hoppes over øverst?
header-has_headers = Første rad er overskrifter
header-doubt = Rad { $row } ser ut som en kunde, ikke som overskrifter: { $values }. Er den overskrifter?
header-doubt_customer = Nei, rad { $row } er en kunde
header-doubt_headings = Ja, rad { $row } er overskrifter
header-counts = { $rows ->
    [one] { $rows } kunde
   *[other] { $rows } kunder
} · { $columns } felt
header-first_row = Første kunde
header-ragged = { $count ->
    [one] Én rad har flere eller færre felt enn overskriften: rad { $row }. Den beholdes; sjekk den i kontrollen.
   *[other] { $count } rader har flere eller færre felt enn overskriften, den første på rad { $row }. De beholdes; sjekk dem i kontrollen.
}

nav-label = Steg
nav-back = Tilbake
nav-continue = Fortsett
nav-save = { $n ->
    [one] Lagre { $n } kunde
   *[other] Lagre { $n } kunder
}

mapping-heading = Kobling
mapping-explain = Velg hva hver kolonne i filen din skal bli. Kolonner som ikke importeres, blir ikke med.
mapping-loading = Henter feltene i prosjektet…
mapping-examples = Eksempler
mapping-create_missing_groups = Opprett kundegrupper som ikke finnes ennå
mapping-no_invitations = Importerte kunder får ingen invitasjon eller annen melding.
mapping-whole_file = Én verdi for hele filen
mapping-required = påkrevd
mapping-rule-number = Et tall, for eksempel 1 250,50.
mapping-rule-date = En dato, for eksempel 01.05.2027.
mapping-rule-one_of = Ett av: { $options }.
mapping-rule-pattern = På formen { $example }.
mapping-not_imported = — Importeres ikke —
mapping-file_column = Kolonne i filen
mapping-goes_to = Importeres som
mapping-column_letter = Kolonne { $letter }
mapping-taken_from = { $field } (nå fra «{ $column }»)
mapping-takeover = { $field } hentes nå fra «{ $to }», og «{ $from }» importeres ikke lenger.
mapping-undo = Angre
mapping-quoted = «{ $text }»
mapping-not_imported_list = { $n ->
    [one] Importeres ikke: { $columns }.
   *[other] Disse { $n } kolonnene importeres ikke: { $columns }.
}
mapping-all_imported = Alle kolonnene i filen importeres.
mapping-required_missing = Påkrevd, men uten verdi: { $fields }.
mapping-whole_file_explain = For felt som ingen kolonne fyller: samme verdi for alle kundene i filen.
mapping-file_values = Verdier for hver fil
mapping-file_values_explain = Velg for hver fil det som gjelder alle kundene i den, for eksempel kundegruppe og kundeansvarlig.
mapping-file = Fil
mapping-whole_file_none = — Ingen —
mapping-whole_file_from_column = Fra kolonnen «{ $column }».
mapping-project_values = I dette prosjektet: { $values }.
mapping-project_values_more = I dette prosjektet: { $values } og { $more } til.

# Shared mappings (issue 20.3): where the starting mapping came from.
mapping-origin_colleague = Koblingen ble brukt av { $name } { $date }.
mapping-origin_me = Koblingen ble brukt av deg { $date }.
mapping-origin_browser = Fylt ut slik en fil med de samme overskriftene ble koblet i denne nettleseren forrige gang (serveren svarte ikke).
mapping-date = { $day }. { $month }
mapping-date_year = { $day }. { $month } { $year }
mapping-month-1 = januar
mapping-month-2 = februar
mapping-month-3 = mars
mapping-month-4 = april
mapping-month-5 = mai
mapping-month-6 = juni
mapping-month-7 = juli
mapping-month-8 = august
mapping-month-9 = september
mapping-month-10 = oktober
mapping-month-11 = november
mapping-month-12 = desember

rows-ready = Klar
rows-problems = Må rettes
rows-excluded = Utelatt
rows-created = Opprettet
rows-rejected = Ikke opprettet
rows-waiting = Venter på svar
rows-locked-waiting = Sendt; venter på svar fra serveren. Raden kan ikke endres før svaret har kommet.
rows-sent = Sendt, uten svar
rows-locked-sent = Svaret for denne raden kom aldri fram, og kunden kan allerede være opprettet. Raden kan ikke endres før den er sendt på nytt og svaret har kommet.
rows-locked-created = Denne kunden er opprettet og kan ikke lenger endres her.
rows-row = Rad
rows-import = Importer
rows-cell = Rad { $row }, { $field }
rows-include = Importer rad { $row }
rows-label = Kunder
rows-next_problem = Neste feil
rows-no_problems = Ingen feil å rette.
rows-searching = Leter etter neste feil …
rows-keys = Piltaster: flytt · Enter eller F2: rett · Esc: angre · F8: neste feil
rows-more_problems = { $n } feil til i raden

review-spellings-heading = Verdier som ikke finnes i prosjektets lister
review-spellings-summary = { $n ->
    [one] { $n } verdi finnes ikke i prosjektets lister
   *[other] { $n } verdier finnes ikke i prosjektets lister
}
review-spellings-show = Koble verdiene
review-spellings-hide = Skjul
review-spellings-explain = Hver skrivemåte står én gang, med hvor mange rader som har den og det vi tror den betyr. Velg hva den skal bli; alle radene med den får det, og neste fil med samme skrivemåter trenger ingenting.
review-file_filter = Fil
review-all_files = Alle filer
review-spellings-value = Verdi i filen
review-spellings-rows = Rader
review-spellings-becomes = Blir
review-spellings-becomes_of = «{ $value }» blir
review-spellings-leave = — La radene stå med feil —
review-spellings-search = Søk blant verdiene
review-spellings-apply = Bruk valgene
review-heading = Kontroll
review-explain = Disse kundene blir opprettet. Rett en verdi der den står, eller utelat en rad.
review-counts = { $ready ->
    [one] { $ready } klar
   *[other] { $ready } klare
} · { $problems } med feil · { $excluded } utelatt
review-only_problems = Vis bare rader med feil
review-create_missing_groups = Opprett manglende kundegrupper
review-groups_busy = Kontrollerer radene på nytt …
review-groups_locked = Kan ikke endres etter at rader er sendt.

# Fix many rows at once (issue 20.4).
review-fix-heading = Rett mange rader samtidig
review-fix-column = Kolonne
review-fix-replace_form = Finn og erstatt
review-fix-find = Finn (skiller store og små bokstaver)
review-fix-with = Erstatt med
review-fix-whole_cell = Bare hele cellen
review-fix-replace = Erstatt alle
review-fix-fill_form = Fyll tomme celler
review-fix-fill_with = Fyll tomme celler med
review-fix-fill = Fyll tomme
review-fix-working = Endrer og kontrollerer radene…
review-fix-none = Ingen celler endret
review-fix-changed = { $n ->
    [one] { $n } celle endret
   *[other] { $n } celler endret
}

save-heading = Lagre
save-progress = { $total ->
    [one] { $done } av { $total } rad besvart.
   *[other] { $done } av { $total } rader besvart.
}
save-retrying = Ikke svar ennå; prøver igjen …
save-cancelled = Stoppet. Rader som allerede er opprettet, blir værende.
save-finished = Ferdig.
save-rows_not_taken = Noen klare rader kunne ikke gjøres klare til sending. Last inn siden på nytt og prøv igjen.
save-summary = { $created } opprettet · { $refused } avvist · { $held_back } må rettes · { $unsent } ikke sendt
save-error_column = Feil
save-failed_file = kunder-ikke-opprettet
save-row_column = Rad
save-failed_sheet = Ikke opprettet
save-progress_label = Fremdrift for lagringen
save-cancel = Avbryt
save-send_again = { $n ->
    [one] Send { $n } rettet rad
   *[other] Send { $n } rettede rader
}
save-awaiting = { $n ->
    [one] Svaret for { $n } rad kom aldri fram, og serveren kan allerede ha opprettet den. Den er låst til den er sendt på nytt og svaret har kommet.
   *[other] Svaret for { $n } rader kom aldri fram, og serveren kan allerede ha opprettet dem. De er låst til de er sendt på nytt og svaret har kommet.
}
save-resume = { $n ->
    [one] Send på nytt ({ $n } rad)
   *[other] Send på nytt ({ $n } rader)
}
save-download_failed = Last ned radene som ikke ble opprettet
save-only_failed = Vis bare rader som ikke ble opprettet

end-heading = Importen er ferdig
end-explain = Dette ble resultatet. Rader som ikke ble opprettet, kan du rette her og sende på nytt, eller laste ned og rette i Excel.
end-created = Opprettet
end-refused = Avvist av serveren
end-held_back = Holdt tilbake, må rettes
end-not_sent = Ikke sendt
end-left_out = Utelatt
end-download_summary = Last ned sammendrag
end-summary_file = importsammendrag.txt
end-summary_title = Kundeimport – sammendrag
end-print = Skriv ut
end-another = Importer en ny fil
end-project = Prosjekt
end-per_file = Hver fil
end-download_file_failed = Last ned radene fra { $file } som ikke ble opprettet
end-download_file_failed_short = Last ned rader som ikke ble opprettet
end-file = Fil
end-saved_at = Lagret

nav-result = Se resultatet

net-unavailable = Serveren er opptatt eller utilgjengelig et øyeblikk. Prøv igjen.

import-body_too_large = For mye ble sendt på én gang. Last inn siden på nytt og prøv igjen.
import-idempotency_key_required = Forespørselen var ufullstendig. Last inn siden på nytt og prøv igjen.
import-idempotency_key_reused = En ny forespørsel stemte ikke med den første. Last inn siden på nytt; rader som er opprettet, beholdes.
import-in_progress = Forrige forsøk lagres fortsatt. Prøv igjen om et øyeblikk.
import-invalid_body = Serveren kunne ikke lese radene som ble sendt. Last inn siden på nytt og prøv igjen.
import-no_rows = Det som ble sendt, hadde ingen rader å lagre. Last inn siden på nytt og prøv igjen.
import-too_many_rows = For mange rader ble sendt på én gang. Last inn siden på nytt og prøv igjen.
import-unknown_field = Et felt prosjektet ikke har, ble sendt. Last inn siden på nytt og koble filen igjen.

header-data = Alle rader

project-files-heading = Filer for prosjektet
project-files-hint = Last ned en tom mal å fylle ut, eller kundene som allerede er i prosjektet, som eksempel.
project-files-template_xlsx = Tom mal (Excel)
project-files-template_csv = Tom mal (CSV)
project-files-customers_xlsx = Eksporter kunder (Excel)
project-files-customers_csv = Eksporter kunder (CSV)
project-files-save_failed = Nettleseren kunne ikke lagre filen.

# Oppdatere kunder som finnes (issue 28).
mapping-mode-legend = Kunder som finnes fra før
mapping-mode-explain = Velges én gang for denne importen, og lagres med koblingen for filer med disse overskriftene.
mapping-mode-create_only = Bare opprett nye kunder
mapping-mode-create_and_update = Opprett nye kunder og oppdater de som finnes
mapping-mode-update_only = Bare oppdater kunder som finnes
mapping-match_key = Kundene kjennes igjen på { $field } (kolonnen «{ $column }»).
mapping-match_key_missing = For å oppdatere kunder må kundenummer eller e-post kobles: det er slik en rad finner kunden sin.
mapping-key-external_id = kundenummer
mapping-key-email = e-post
mapping-blank_explain = En tom celle beholder den lagrede verdien, med mindre du krysser av for «Tom celle tømmer lagret verdi» i kolonnen.
mapping-blank = Tom celle tømmer lagret verdi
review-compare_failed = Radene kunne ikke sammenlignes med kundene i prosjektet. Prøv igjen.
review-counts_updating = { $new ->
    [one] { $new } ny
   *[other] { $new } nye
} · { $update } oppdateres · { $same } uendret · { $problems } med feil · { $excluded } utelatt
review-filter-label = Vis
review-filter-all = Alle rader
review-filter-new = Bare nye
review-filter-updates = Bare oppdateringer
review-filter-problems = Bare feil
rows-will_create = Ny
rows-will_update = Oppdateres
rows-will_stay = Uendret
rows-changed_since = Endret siden kontrollen
rows-changed_since_note = Kunden ble endret av noen andre etter at du kontrollerte: endringene vises nå mot verdiene den har nå. Se over, og rett raden for å sende den.
rows-updated = Oppdatert
rows-unchanged = Uendret
rows-locked-updated = Denne kunden er oppdatert og kan ikke lenger endres her.
rows-empty_value = (tom)
save-summary_updating = { $created } opprettet · { $updated } oppdatert · { $unchanged } uendret · { $refused } avvist · { $held_back } må rettes · { $unsent } ikke sendt
end-updated = Oppdatert
end-unchanged = Uendret
history-updated = Oppdatert
history-unchanged = Uendret
history-rows_updated_heading = Rader som oppdaterte en kunde
history-row_changes = Rad { $row }: { $changes }
undo-confirm_restore = { $updated ->
    [one] Sette tilbake de tidligere verdiene til kunden denne importen oppdaterte?
   *[other] Sette tilbake de tidligere verdiene til de { $updated } kundene denne importen oppdaterte?
}
undo-confirm_updating = { $n ->
    [one] Fjerne kunden denne importen opprettet
   *[other] Fjerne de { $n } kundene denne importen opprettet
} og sette tilbake de tidligere verdiene til { $updated ->
    [one] kunden
   *[other] de { $updated } kundene
} den oppdaterte?
undo-undo_updating = Angre importen
undo-restored = { $n ->
    [one] { $n } kunde fikk tilbake de tidligere verdiene.
   *[other] { $n } kunder fikk tilbake de tidligere verdiene.
}
undo-not_restored = { $n ->
    [one] { $n } kunde er endret igjen siden og ble latt være som den er.
   *[other] { $n } kunder er endret igjen siden og ble latt være som de er.
}
review-explain_updating = Hver rad oppretter en kunde, oppdaterer kunden nøkkelen finner (hver endring gammel → ny), eller lar den være uendret. Rett en verdi der den står, eller utelat en rad.

review-host-checking = Portalens kontroll sjekker { $n ->
    [one] én rad
   *[other] { $n } rader
} …
review-host-failed = Portalens kontroll svarte ikke.
review-host-threw = Portalens kontroll svarte ikke: { $message }
review-host-timed_out = Portalens kontroll svarte ikke i tide.
review-host-bad_answer = Portalens kontroll svarte ikke med en liste over feil.
review-host-kept = Ingenting er tapt: endringene dine er tatt vare på, og radene lagres først når kontrollen har svart.
review-host-retry = Prøv igjen
nav-awaiting_host = Venter på portalens kontroll ({ $n ->
    [one] én rad
   *[other] { $n } rader
})
