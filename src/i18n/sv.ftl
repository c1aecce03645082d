### Svenska.

app-title = Importera kunder
app-language = Språk
app-sign_out = Logga ut
app-signed_in_as = { $name } · { $organization }
app-privacy = Din fil läses i den här webbläsaren. Bara de kolumner du kopplar, för de rader du väljer att importera, skickas.

signin-heading = Logga in
signin-refused_heading = Inloggningen fungerade inte
signin-refused = Åtkomstnyckeln eller inloggningslänken är fel eller har gått ut. Be om en ny länk och öppna den här, eller klistra in en åtkomstnyckel nedan.
signin-explain = Klistra in den åtkomstnyckel du har fått av din administratör.
signin-token = Åtkomstnyckel
signin-submit = Fortsätt

steps-label = Steg i importen
steps-project = Projekt
steps-file = Fil
steps-header = Rubrik
steps-mapping = Koppling
steps-review = Granskning
steps-save = Spara

project-heading = Välj projekt
project-label = Importera kunder till
project-choose = Välj ett projekt
project-loading = Hämtar dina projekt…
project-units = { $n ->
    [one] { $n } bostad
   *[other] { $n } bostäder
}
project-no_access = Du har inte behörighet att importera kunder. Fråga en administratör i din organisation.

history-heading = Tidigare importer
history-loading = Hämtar importerna…
history-empty = Inga importer i det här projektet än.
history-when = Tidpunkt
history-who = Importerad av
history-file = Fil
history-created = Skapade
history-not_created = Inte skapade
history-left_out = Utelämnade
history-removed = Borttagna
history-undo_column = Status
history-no_file = utan namn
history-files = { $n ->
    [one] { $n } fil
   *[other] { $n } filer
}
history-file_of = Fil { $n } av { $count }
history-undo = Ångra
history-undo_until = Kan ångras till { $when }
history-undone = Ångrad { $when } av { $by }
history-too_old = { $days ->
    [one] Kan inte längre ångras: äldre än { $days } dag
   *[other] Kan inte längre ångras: äldre än { $days } dagar
}
history-not_yours = Bara den som importerade, eller en administratör, kan ångra
history-missing = { $n ->
    [one] { $n } kund borttagen på annat sätt
   *[other] { $n } kunder borttagna på annat sätt
}
history-undo_off = Att ångra importer är avstängt
history-nothing_created = Inga kunder skapades, så det finns inget att ångra
history-show_rows = Visa rader
history-hide_rows = Dölj rader
history-rows_loading = Hämtar raderna…
history-rows_heading = Rader som inte skapades
history-rows_all_created = Alla rader skapades.
history-row_problems = Rad { $row }: { $problems }
history-more = Visa äldre importer

undo-heading = Ångra importen?
undo-done_heading = Importen är ångrad
undo-refused_heading = Importen ångrades inte
undo-about = { $file }, importerad { $when } av { $who }.
undo-confirm = { $n ->
    [one] Ta bort kunden som importen skapade?
   *[other] Ta bort de { $n } kunder som importen skapade?
}
undo-none_left = Ingen av kunderna som importen skapade finns kvar i projektet. Importen markeras ändå som ångrad.
undo-remove = { $n ->
    [one] Ta bort { $n } kund
   *[other] Ta bort { $n } kunder
}
undo-cancel = Avbryt
undo-portal_told = { $n ->
    [one] Portalen fick besked om den här kunden när den skapades och får besked om att den tas bort.
   *[other] Portalen fick besked om de här kunderna när de skapades och får besked om att de tas bort.
}
undo-removing = Tar bort kunderna…
undo-removed = { $n ->
    [one] { $n } kund togs bort.
   *[other] { $n } kunder togs bort.
}
undo-already_removed = { $n ->
    [one] { $n } kund var redan borttagen.
   *[other] { $n } kunder var redan borttagna.
}
undo-close = Stäng
undo-not_allowed = Bara den som gjorde importen, eller en administratör i organisationen, kan ångra den.
undo-already_undone = Importen är redan ångrad. Kunderna den skapade är borttagna.
undo-too_old = Importen är för gammal för att ångras.
undo-disabled = Att ångra importer är avstängt på den här servern.
import-batch_undone = Importen är ångrad och kan inte få fler kunder. Starta en ny import.
import-batch_full = Importen har tagit emot alla rader den kan för den här filen. Raderna som skickas igen går in i en ny import.
import-file_unknown = Importen nämner en fil som den inte har. Ladda om sidan och välj filerna igen.
import-file_unnamed = Importen angav inte vilken fil raderna kom från. Ladda om sidan och välj filerna igen.

country-NO = Norge
country-FI = Finland
country-SE = Sverige

file-heading = Välj fil
file-drop = Släpp en fil eller klicka här
file-formats = CSV, TXT, XLSX, XLSM, XLS eller ODS

work-checking = Kontrollerar rader: { $done } av { $total }
work-cancel = Avbryt

file-reading = Läser filen…
file-first_rows = Filens första rader
file-picked = { $name } · { $size }
file-read_failed = Webbläsaren kunde inte läsa filen. Försök igen, eller spara den på nytt från Excel.
file-empty = Filen är tom.
file-unsupported_container = Det här är inget kalkylblad: det ser ut som en annan sorts dokument.
file-binary = Filen är varken ett kalkylblad eller en textfil.

format-delimited_text = Text med avgränsare
format-xlsx = Excel-arbetsbok (.xlsx)
format-xls = Excel 97–2003-arbetsbok (.xls)
format-ods = OpenDocument-kalkylblad (.ods)

auth-unauthenticated = Din åtkomstnyckel är ogiltig eller har gått ut. Logga in igen.
auth-forbidden = Du har inte behörighet till detta.
auth-token_refused = Inloggningen från portalen godtogs inte här. Öppna importen från portalen igen. Hjälper inte det, meddela din administratör.
auth-token_expired = Din inloggning från portalen har gått ut. Öppna importen från portalen igen.
auth-origin_not_allowed = Importen får inte användas från den här webbplatsen. Meddela din administratör.
request-unknown_host = Importtjänsten svarar inte på den här adressen. Meddela din administratör.
server-refused = Servern godtog inte begäran. Ladda om sidan och försök igen. Händer det igen, meddela din administratör.

not_found = Det hittades inte. Det kan ha tagits bort.

server-internal = Något gick fel på servern. Försök igen om en stund.

net-failed = Kunde inte nå servern. Kontrollera din anslutning och försök igen.
net-bad_answer = Servern gav ett svar som sidan inte förstår. Ladda om sidan.

delimiter-semicolon = Semikolon (;)
delimiter-comma = Komma (,)
delimiter-tab = Tabb
delimiter-pipe = Lodstreck (|)

file-encoding = Teckenkodning
file-delimiter = Avgränsare
file-detected = identifierad
file-sheet = Blad
file-sheet_rows = { $rows ->
    [one] { $name } ({ $rows } rad)
   *[other] { $name } ({ $rows } rader)
}
file-others = Fler filer i denna import
file-other_reading = Läses…
file-other_joins = { $rows ->
    [one] { $rows } rad med samma rubriker som { $first }: importeras tillsammans med den.
   *[other] { $rows } rader med samma rubriker som { $first }: importeras tillsammans med den.
}
file-other_differs = Andra rubriker än i { $first }: du kopplar kolumnerna i den här filen efter { $first }.
layouts-label = Filernas rubrikupplägg
layouts-layout = Upplägg { $n }
layouts-shown = visas nu
layouts-mapped = kopplad
layouts-not_mapped = inte kopplad än
file-hidden = dolt
file-unreadable = { $count ->
    [one] Ett tecken kan inte läsas med den här teckenkodningen. Det visas som �, på rad { $row }, kolumn { $column }. Välj en annan teckenkodning ovan.
   *[other] Tecken som inte kan läsas med den här teckenkodningen: { $count }. De visas som �, det första på rad { $row }, kolumn { $column }. Välj en annan teckenkodning ovan.
}
file-formulas_without_value = Formelceller utan sparat resultat läses som tomma ({ $count }): { $cells }. Öppna filen i Excel och spara den igen för att få med värdena.

header-heading = Rubrik
header-skip = Hur många rader ska hoppas över överst?
header-has_headers = Första raden är rubriker
header-doubt = Rad { $row } ser ut som en kund, inte som rubriker: { $values }. Är den rubriker?
header-doubt_customer = Nej, rad { $row } är en kund
header-doubt_headings = Ja, rad { $row } är rubriker
header-counts = { $rows ->
    [one] { $rows } kund
   *[other] { $rows } kunder
} · { $columns } fält
header-first_row = Första kunden
header-ragged = { $count ->
    [one] En rad har fler eller färre fält än rubrikraden: rad { $row }. Den behålls; kontrollera den i granskningen.
   *[other] { $count } rader har fler eller färre fält än rubrikraden, den första på rad { $row }. De behålls; kontrollera dem i granskningen.
}

nav-label = Steg
nav-back = Tillbaka
nav-continue = Fortsätt
nav-save = { $n ->
    [one] Spara { $n } kund
   *[other] Spara { $n } kunder
}

mapping-heading = Koppling
mapping-explain = Välj vad varje kolumn i din fil ska bli. Kolumner som inte importeras tas inte med.
mapping-loading = Hämtar projektets fält…
mapping-examples = Exempel
mapping-create_missing_groups = Skapa kundgrupper som inte finns ännu
mapping-no_invitations = Importerade kunder får ingen inbjudan eller något annat meddelande.
mapping-whole_file = Ett värde för hela filen
mapping-required = obligatoriskt
mapping-rule-number = Ett tal, till exempel 1 250,50.
mapping-rule-date = Ett datum, till exempel 2027-05-01.
mapping-rule-one_of = Ett av: { $options }.
mapping-rule-pattern = På formen { $example }.
mapping-not_imported = — Importeras inte —
mapping-file_column = Kolumn i filen
mapping-goes_to = Importeras som
mapping-column_letter = Kolumn { $letter }
mapping-taken_from = { $field } (nu från ”{ $column }”)
mapping-takeover = { $field } hämtas nu från ”{ $to }”, och ”{ $from }” importeras inte längre.
mapping-undo = Ångra
mapping-quoted = ”{ $text }”
mapping-not_imported_list = { $n ->
    [one] Importeras inte: { $columns }.
   *[other] Dessa { $n } kolumner importeras inte: { $columns }.
}
mapping-all_imported = Alla kolumner i filen importeras.
mapping-required_missing = Obligatoriskt, men utan värde: { $fields }.
mapping-whole_file_explain = För fält som ingen kolumn fyller: samma värde för alla kunder i filen.
mapping-file_values = Värden för varje fil
mapping-file_values_explain = Välj för varje fil det som gäller alla kunder i den, till exempel kundgrupp och kundansvarig.
mapping-file = Fil
mapping-whole_file_none = — Inget —
mapping-whole_file_from_column = Från kolumnen ”{ $column }”.
mapping-project_values = I det här projektet: { $values }.
mapping-project_values_more = I det här projektet: { $values } och { $more } till.

# Shared mappings (issue 20.3): where the starting mapping came from.
mapping-origin_colleague = Kopplingen användes av { $name } den { $date }.
mapping-origin_me = Kopplingen användes av dig den { $date }.
mapping-origin_browser = Ifyllt som när en fil med samma rubriker kopplades i den här webbläsaren förra gången (servern svarade inte).
mapping-date = { $day } { $month }
mapping-date_year = { $day } { $month } { $year }
mapping-month-1 = januari
mapping-month-2 = februari
mapping-month-3 = mars
mapping-month-4 = april
mapping-month-5 = maj
mapping-month-6 = juni
mapping-month-7 = juli
mapping-month-8 = augusti
mapping-month-9 = september
mapping-month-10 = oktober
mapping-month-11 = november
mapping-month-12 = december

rows-ready = Klar
rows-problems = Behöver rättas
rows-excluded = Utelämnad
rows-created = Skapad
rows-rejected = Inte skapad
rows-waiting = Väntar på svar
rows-locked-waiting = Skickad; väntar på svar från servern. Raden kan inte ändras förrän svaret har kommit.
rows-sent = Skickad, inget svar
rows-locked-sent = Svaret för den här raden kom aldrig fram, och kunden kan redan vara skapad. Raden kan inte ändras förrän den har skickats igen och svaret har kommit.
rows-locked-created = Den här kunden har skapats och kan inte längre ändras här.
rows-row = Rad
rows-import = Importera
rows-cell = Rad { $row }, { $field }
rows-include = Importera rad { $row }
rows-label = Kunder
rows-next_problem = Nästa problem
rows-no_problems = Inga problem att rätta.
rows-searching = Letar efter nästa problem…
rows-keys = Piltangenter: flytta · Enter eller F2: redigera · Esc: ångra · F8: nästa problem
rows-more_problems = { $n } problem till i raden

review-spellings-heading = Värden som inte finns i projektets listor
review-spellings-summary = { $n ->
    [one] { $n } värde finns inte i projektets listor
   *[other] { $n } värden finns inte i projektets listor
}
review-spellings-show = Koppla värdena
review-spellings-hide = Dölj
review-spellings-explain = Varje stavning visas en gång, med hur många rader som har den och vad vi tror att den betyder. Välj vad den ska bli; alla rader med den får det, och nästa fil med samma stavningar behöver ingenting.
review-file_filter = Fil
review-all_files = Alla filer
review-spellings-value = Värde i filen
review-spellings-rows = Rader
review-spellings-becomes = Blir
review-spellings-becomes_of = ”{ $value }” blir
review-spellings-leave = — Låt raderna stå med fel —
review-spellings-search = Sök bland värdena
review-spellings-apply = Använd valen
review-heading = Granskning
review-explain = Dessa kunder kommer att skapas. Rätta ett värde direkt i tabellen, eller lämna en rad utanför.
review-counts = { $ready ->
    [one] { $ready } klar
   *[other] { $ready } klara
} · { $problems } med problem · { $excluded ->
    [one] { $excluded } utelämnad
   *[other] { $excluded } utelämnade
}
review-only_problems = Visa bara rader med problem
review-create_missing_groups = Skapa saknade kundgrupper
review-groups_busy = Raderna kontrolleras igen…
review-groups_locked = Kan inte ändras när rader har skickats.

# Fix many rows at once (issue 20.4).
review-fix-heading = Rätta många rader på en gång
review-fix-column = Kolumn
review-fix-replace_form = Sök och ersätt
review-fix-find = Sök (skiljer på stora och små bokstäver)
review-fix-with = Ersätt med
review-fix-whole_cell = Bara hela cellen
review-fix-replace = Ersätt alla
review-fix-fill_form = Fyll tomma celler
review-fix-fill_with = Fyll tomma celler med
review-fix-fill = Fyll tomma
review-fix-working = Ändrar och kontrollerar raderna…
review-fix-none = Inga celler ändrades
review-fix-changed = { $n ->
    [one] { $n } cell ändrad
   *[other] { $n } celler ändrade
}

save-heading = Spara
save-progress = { $total ->
    [one] { $done } av { $total } rad besvarad.
   *[other] { $done } av { $total } rader besvarade.
}
save-retrying = Inget svar än; försöker igen…
save-cancelled = Stoppat. Rader som redan har skapats finns kvar.
save-finished = Klart.
save-rows_not_taken = Några klara rader kunde inte förberedas för att skickas. Ladda om sidan och försök igen.
save-summary = { $created ->
    [one] { $created } skapad
   *[other] { $created } skapade
} · { $refused ->
    [one] { $refused } avvisad
   *[other] { $refused } avvisade
} · { $held_back } ska rättas · { $unsent ->
    [one] { $unsent } inte skickad
   *[other] { $unsent } inte skickade
}
save-error_column = Fel
save-failed_file = kunder-inte-skapade
save-row_column = Rad
save-failed_sheet = Inte skapade
save-progress_label = Förlopp för sparandet
save-cancel = Avbryt
save-send_again = { $n ->
    [one] Skicka { $n } rättad rad
   *[other] Skicka { $n } rättade rader
}
save-awaiting = { $n ->
    [one] Svaret för { $n } rad kom aldrig fram, och servern kan redan ha skapat den. Den är låst tills den har skickats igen och svaret har kommit.
   *[other] Svaret för { $n } rader kom aldrig fram, och servern kan redan ha skapat dem. De är låsta tills de har skickats igen och svaret har kommit.
}
save-resume = { $n ->
    [one] Skicka igen ({ $n } rad)
   *[other] Skicka igen ({ $n } rader)
}
save-download_failed = Ladda ner raderna som inte skapades
save-only_failed = Visa bara rader som inte skapades

end-heading = Importen är klar
end-explain = Så här gick det. Rader som inte skapades kan du rätta här och skicka igen, eller ladda ner och rätta i Excel.
end-created = Skapade
end-refused = Avvisade av servern
end-held_back = Kvarhållna, ska rättas
end-not_sent = Inte skickade
end-left_out = Utelämnade
end-download_summary = Ladda ner sammanfattning
end-summary_file = importsammanfattning.txt
end-summary_title = Kundimport – sammanfattning
end-print = Skriv ut
end-another = Importera en ny fil
end-project = Projekt
end-per_file = Varje fil
end-download_file_failed = Ladda ner raderna från { $file } som inte skapades
end-download_file_failed_short = Ladda ner rader som inte skapades
end-file = Fil
end-saved_at = Sparad

nav-result = Visa resultatet

net-unavailable = Servern är upptagen eller går inte att nå för tillfället. Försök igen.

import-body_too_large = För mycket skickades på en gång. Ladda om sidan och försök igen.
import-idempotency_key_required = Begäran var ofullständig. Ladda om sidan och försök igen.
import-idempotency_key_reused = En upprepad begäran stämde inte med den första. Ladda om sidan; rader som redan har skapats behålls.
import-in_progress = Det föregående försöket sparas fortfarande. Försök igen om en stund.
import-invalid_body = Servern kunde inte läsa raderna som skickades. Ladda om sidan och försök igen.
import-no_rows = Det som skickades hade inga rader att spara. Ladda om sidan och försök igen.
import-too_many_rows = För många rader skickades på en gång. Ladda om sidan och försök igen.
import-unknown_field = Ett fält som projektet inte har skickades. Ladda om sidan och koppla filen igen.

header-data = Alla rader

project-files-heading = Filer för det här projektet
project-files-hint = Ladda ner en tom mall att fylla i, eller kunderna som redan finns i projektet som exempel.
project-files-template_xlsx = Tom mall (Excel)
project-files-template_csv = Tom mall (CSV)
project-files-customers_xlsx = Exportera kunder (Excel)
project-files-customers_csv = Exportera kunder (CSV)
project-files-save_failed = Webbläsaren kunde inte spara filen.

# Uppdatera kunder som finns (issue 28).
mapping-mode-legend = Kunder som redan finns
mapping-mode-explain = Väljs en gång för den här importen och sparas med kopplingen för filer med de här rubrikerna.
mapping-mode-create_only = Skapa bara nya kunder
mapping-mode-create_and_update = Skapa nya kunder och uppdatera befintliga
mapping-mode-update_only = Uppdatera bara befintliga kunder
mapping-match_key = Kunderna känns igen på { $field } (kolumnen ”{ $column }”).
mapping-match_key_missing = För att uppdatera kunder måste kundnummer eller e-post kopplas: det är så en rad hittar sin kund.
mapping-key-external_id = kundnummer
mapping-key-email = e-post
mapping-blank_explain = En tom cell behåller det sparade värdet, om du inte kryssar i ”Tom cell tömmer sparat värde” för kolumnen.
mapping-blank = Tom cell tömmer sparat värde
review-compare_failed = Raderna kunde inte jämföras med projektets kunder. Försök igen.
review-counts_updating = { $new ->
    [one] { $new } ny
   *[other] { $new } nya
} · { $update } uppdateras · { $same } oförändrade · { $problems } med fel · { $excluded } utelämnade
review-filter-label = Visa
review-filter-all = Alla rader
review-filter-new = Bara nya
review-filter-updates = Bara uppdateringar
review-filter-problems = Bara fel
rows-will_create = Ny
rows-will_update = Uppdateras
rows-will_stay = Oförändrad
rows-changed_since = Ändrad sedan kontrollen
rows-changed_since_note = Kunden ändrades av någon annan efter att du kontrollerade: ändringarna visas nu mot dess nuvarande värden. Se över och redigera raden för att skicka den.
rows-updated = Uppdaterad
rows-unchanged = Oförändrad
rows-locked-updated = Den här kunden är uppdaterad och kan inte längre ändras här.
rows-empty_value = (tom)
save-summary_updating = { $created } skapade · { $updated } uppdaterade · { $unchanged } oförändrade · { $refused } avvisade · { $held_back } att rätta · { $unsent } inte skickade
end-updated = Uppdaterade
end-unchanged = Oförändrade
history-updated = Uppdaterade
history-unchanged = Oförändrade
history-rows_updated_heading = Rader som uppdaterade en kund
history-row_changes = Rad { $row }: { $changes }
undo-confirm_restore = { $updated ->
    [one] Återställa de tidigare värdena för kunden som importen uppdaterade?
   *[other] Återställa de tidigare värdena för de { $updated } kunder som importen uppdaterade?
}
undo-confirm_updating = { $n ->
    [one] Ta bort kunden som importen skapade
   *[other] Ta bort de { $n } kunder som importen skapade
} och återställa de tidigare värdena för { $updated ->
    [one] kunden
   *[other] de { $updated } kunder
} som den uppdaterade?
undo-undo_updating = Ångra importen
undo-restored = { $n ->
    [one] { $n } kund fick tillbaka sina tidigare värden.
   *[other] { $n } kunder fick tillbaka sina tidigare värden.
}
undo-not_restored = { $n ->
    [one] { $n } kund har ändrats igen sedan dess och lämnades som den är.
   *[other] { $n } kunder har ändrats igen sedan dess och lämnades som de är.
}
review-explain_updating = Varje rad skapar en kund, uppdaterar kunden som nyckeln hittar (varje ändring gammal → ny) eller lämnar den oförändrad. Rätta ett värde där det står, eller utelämna en rad.

review-host-checking = Portalens kontroll går igenom { $n ->
    [one] en rad
   *[other] { $n } rader
}…
review-host-failed = Portalens kontroll svarade inte.
review-host-threw = Portalens kontroll svarade inte: { $message }
review-host-timed_out = Portalens kontroll svarade inte i tid.
review-host-bad_answer = Portalens kontroll svarade inte med en lista över fel.
review-host-kept = Inget har gått förlorat: dina ändringar finns kvar, och raderna sparas först när kontrollen har svarat.
review-host-retry = Försök igen
nav-awaiting_host = Väntar på portalens kontroll ({ $n ->
    [one] en rad
   *[other] { $n } rader
})
