### Norsk bokmål: what the domain crate reports (reading errors, value problems) and
### the target fields' labels and help. The app shows them; the server writes field
### labels and help into templates.

file-encrypted = Arbeidsboken er beskyttet med passord. Lagre en kopi uten passord i Excel og velg den.
file-corrupt = Filen er skadet, eller ikke det navnet sier. Åpne den i Excel og lagre den på nytt.
file-too_big = Filen er { $size }. Den største filen som kan leses her, er { $limit }.
file-inflates_too_big = Arbeidsboken ville pakkes ut til mer enn { $limit }. Lagre bare kundearket, eller lagre som CSV.
file-too_many_rows = Arket har mer enn { $limit } rader. Del filen opp i mindre filer.
file-too_many_columns = Rad { $row } har mer enn { $limit } kolonner (kolonne { $column }).
file-too_many_cells = Arket spenner over { $rows } rader × { $columns } kolonner, mer enn de { $limit } cellene som kan leses. Slett tomme rader og kolonner langt unna dataene, eller lagre som CSV.
file-cell_too_long = Cellen i rad { $row }, kolonne { $column } har mer enn { $limit } tegn. Kanskje mangler et anførselstegn sin avslutning.
file-no_sheets = Arbeidsboken har ingen regneark.
file-no_data = Det er ingenting å importere: under radene som hoppes over, har filen bare tomme celler.
file-header_only = Filen har en overskriftsrad, men ingen kunder under den.
file-unknown_encoding = Ukjent tegnkoding «{ $label }».
file-sheet_not_found = Fant ikke arket «{ $name }».

value-required = Må fylles ut.
value-email_invalid = «{ $value }» er ikke en gyldig e-postadresse.
value-email_trailing_dot = «{ $value }» slutter med punktum. Fjern det.
value-phone_invalid = «{ $value }» er ikke et telefonnummer.
value-phone_too_short = «{ $value }» er for kort til å være et telefonnummer.
value-phone_too_long = «{ $value }» er for langt til å være et telefonnummer.
value-phone_no_such_number = «{ $value }» kan ikke være et telefonnummer: ingen numre med så mange sifre begynner slik.
value-date_invalid = «{ $value }» er ikke en dato. Skriv den som dd.mm.åååå.
value-date_in_future = { $value } er fram i tid.
value-date_before_1900 = { $value } er før 1900.
value-postal_code_invalid = «{ $value }» er ikke et postnummer i dette landet.
value-business_id_invalid = «{ $value }» er ikke et norsk, finsk eller svensk organisasjonsnummer.
value-business_id_check_digit = «{ $value }» har feil kontrollsiffer. Se etter skrivefeil.
value-country_unknown = «{ $value }» er ikke et land importen kjenner (Norge, Finland, Sverige).
value-name_or_company_required = En kunde må ha navn eller firmanavn.
value-unit_unknown = Bolig { $value } finnes ikke i dette prosjektet.
value-company_type_unknown = «{ $value }» er ikke en av organisasjonens kundetyper.
value-group_unknown = Kundegruppen «{ $value }» finnes ikke. Tillat å opprette manglende grupper, eller velg en som finnes.
value-account_manager_unknown = «{ $value }» er ikke en bruker i organisasjonen din.
value-duplicate_in_file = «{ $value }» står også på rad { $other_row }.

field-name = Navn
field-name-help = Personens fulle navn. Eller koble fornavn og etternavn.
field-first_name = Fornavn
field-first_name-help = Settes sammen med etternavnet til navnet.
field-last_name = Etternavn
field-last_name-help = Settes sammen med fornavnet til navnet.
field-email = E-post
field-email-help = Unik i prosjektet. Det sendes ingen invitasjon.
field-phone = Telefon
field-phone-help = Lagres med landkode; nummer uten landkode får prosjektets land.
field-birth_date = Fødselsdato
field-birth_date-help = dd.mm.åååå eller åååå-mm-dd.
field-address = Adresse
field-address-help = Gateadresse.
field-postal_code = Postnummer
field-postal_code-help = 4 sifre i Norge, 5 i Finland og Sverige.
field-city = Poststed
field-city-help = Poststedet.
field-country = Land
field-country-help = Norge, Finland eller Sverige; prosjektets land når det er tomt.
field-unit = Bolig
field-unit-help = Boligen i dette prosjektet, f.eks. A-101. Kunden knyttes til den.
field-company_name = Firmanavn
field-company_name-help = For bedriftskunder. En rad må ha navn eller firmanavn.
field-business_id = Organisasjonsnummer
field-business_id-help = Organisasjonsnummer, Y-tunnus eller organisationsnummer.
field-company_type = Kundetype
field-company_type-help = En av organisasjonens typer, f.eks. Lead eller Kunde.
field-customer_group = Kundegruppe
field-customer_group-help = En gruppe som finnes, eller som opprettes under importen hvis du tillater det.
field-account_manager = Kundeansvarlig
field-account_manager-help = En bruker i organisasjonen, med e-post eller navn.
field-external_id = Kundenummer
field-external_id-help = Kundens nummer i det forrige systemet. Unikt i prosjektet.
field-notes = Notat
field-notes-help = Fritekst.

value-email_taken = E-postadressen { $value } er allerede registrert i dette prosjektet.
value-external_id_taken = Kundenummeret { $value } er allerede brukt i dette prosjektet.
value-control_character = { $field } inneholder et usynlig kontrolltegn ({ $character }) som ikke kan lagres. Fjern det.
value-bidi_control = { $field } inneholder et usynlig tegn ({ $character }) som snur skriveretningen, så teksten vises i en annen rekkefølge enn den lagres i. Fjern det.
value-too_long = { $field } er lengre enn { $limit } tegn. Gjør teksten kortere.

export-sheet-customers = Kunder
export-sheet-explanations = Forklaringer
export-column-field = Kolonne
export-column-help = Hva den skal inneholde
export-column-values = Gyldige verdier i prosjektet
