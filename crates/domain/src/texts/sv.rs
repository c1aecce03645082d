//! Swedish: what the domain crate reports (reading errors, value problems) and the
//! target fields' labels and help.

pub const TEXTS: &[(&str, &str)] = &[
    (
        "file.encrypted",
        "Arbetsboken är lösenordsskyddad. Spara en kopia utan lösenord i Excel och välj den.",
    ),
    (
        "file.corrupt",
        "Filen är skadad eller inte det som namnet säger. Öppna den i Excel och spara den igen.",
    ),
    (
        "file.too_big",
        "Filen är {size}. Den största fil som kan läsas här är {limit}.",
    ),
    (
        "file.inflates_too_big",
        "Arbetsboken skulle packas upp till mer än {limit}. Spara bara kundbladet, eller spara som CSV.",
    ),
    (
        "file.too_many_rows",
        "Bladet har fler än {limit} rader. Dela upp filen i mindre filer.",
    ),
    (
        "file.too_many_columns",
        "Rad {row} har fler än {limit} kolumner (kolumn {column}).",
    ),
    (
        "file.too_many_cells",
        "Bladet omfattar {rows} rader × {columns} kolumner, fler än de {limit} celler som kan läsas. Ta bort de tomma raderna och kolumnerna långt från datan, eller spara som CSV.",
    ),
    (
        "file.cell_too_long",
        "Cellen på rad {row}, kolumn {column} innehåller fler än {limit} tecken. Ett citattecken saknar kanske sitt avslutande par.",
    ),
    ("file.no_sheets", "Arbetsboken har inga kalkylblad."),
    (
        "file.no_data",
        "Det finns inget att importera: under de överhoppade raderna har filen bara tomma celler.",
    ),
    (
        "file.header_only",
        "Filen har en rubrikrad men inga kunder under den.",
    ),
    ("file.unknown_encoding", "Okänd teckenkodning ”{label}”."),
    ("file.sheet_not_found", "Bladet ”{name}” hittades inte."),
    ("value.required", "Obligatoriskt."),
    (
        "value.email_invalid",
        "”{value}” är inte en giltig e-postadress.",
    ),
    (
        "value.email_trailing_dot",
        "”{value}” slutar med en punkt. Ta bort den.",
    ),
    (
        "value.phone_invalid",
        "”{value}” är inte ett telefonnummer.",
    ),
    (
        "value.phone_too_short",
        "”{value}” är för kort för ett telefonnummer.",
    ),
    (
        "value.phone_too_long",
        "”{value}” är för långt för ett telefonnummer.",
    ),
    (
        "value.phone_no_such_number",
        "”{value}” kan inte vara ett telefonnummer: inga nummer med så många siffror börjar så.",
    ),
    (
        "value.date_invalid",
        "”{value}” är inte ett datum. Skriv det som åååå-mm-dd.",
    ),
    ("value.date_in_future", "{value} ligger i framtiden."),
    ("value.date_before_1900", "{value} är före 1900."),
    (
        "value.postal_code_invalid",
        "”{value}” är inte ett postnummer i det här landet.",
    ),
    (
        "value.business_id_invalid",
        "”{value}” är inte ett norskt, finskt eller svenskt organisationsnummer.",
    ),
    (
        "value.business_id_check_digit",
        "”{value}” har fel kontrollsiffra. Kontrollera att det inte är felskrivet.",
    ),
    (
        "value.country_unknown",
        "”{value}” är inte ett land som importen känner till (Norge, Finland, Sverige).",
    ),
    (
        "value.name_or_company_required",
        "En kund behöver ett namn eller ett företagsnamn.",
    ),
    (
        "value.unit_unknown",
        "Bostaden {value} finns inte i det här projektet.",
    ),
    (
        "value.company_type_unknown",
        "”{value}” är inte en av organisationens företagstyper.",
    ),
    (
        "value.group_unknown",
        "Kundgruppen ”{value}” finns inte. Tillåt att saknade grupper skapas, eller välj en befintlig.",
    ),
    (
        "value.account_manager_unknown",
        "”{value}” är inte en användare i organisationen.",
    ),
    (
        "value.duplicate_in_file",
        "”{value}” finns också på rad {other_row}.",
    ),
    ("field.name", "Namn"),
    (
        "field.name.help",
        "Personens fullständiga namn. Eller koppla förnamn och efternamn.",
    ),
    ("field.first_name", "Förnamn"),
    (
        "field.first_name.help",
        "Sätts ihop med efternamnet till namnet.",
    ),
    ("field.last_name", "Efternamn"),
    (
        "field.last_name.help",
        "Sätts ihop med förnamnet till namnet.",
    ),
    ("field.email", "E-post"),
    (
        "field.email.help",
        "Unik i projektet. Ingen inbjudan skickas.",
    ),
    ("field.phone", "Telefon"),
    (
        "field.phone.help",
        "Sparas med landsnummer; nummer utan landsnummer får projektets land.",
    ),
    ("field.birth_date", "Födelsedatum"),
    ("field.birth_date.help", "åååå-mm-dd eller dd.mm.åååå."),
    ("field.address", "Adress"),
    ("field.address.help", "Gatuadress."),
    ("field.postal_code", "Postnummer"),
    (
        "field.postal_code.help",
        "4 siffror i Norge, 5 i Finland och Sverige.",
    ),
    ("field.city", "Ort"),
    ("field.city.help", "Postort."),
    ("field.country", "Land"),
    (
        "field.country.help",
        "Norge, Finland eller Sverige; projektets land om det är tomt.",
    ),
    ("field.unit", "Bostad"),
    (
        "field.unit.help",
        "Bostaden i det här projektet, t.ex. A-101. Kunden kopplas till den.",
    ),
    ("field.company_name", "Företagsnamn"),
    (
        "field.company_name.help",
        "För företagskunder. En rad behöver ett namn eller ett företagsnamn.",
    ),
    ("field.business_id", "Organisationsnummer"),
    (
        "field.business_id.help",
        "Organisationsnummer, organisasjonsnummer eller Y-tunnus.",
    ),
    ("field.company_type", "Företagstyp"),
    (
        "field.company_type.help",
        "En av organisationens typer, t.ex. Lead eller Kund.",
    ),
    ("field.customer_group", "Kundgrupp"),
    (
        "field.customer_group.help",
        "En befintlig grupp, eller en som skapas under importen om du tillåter det.",
    ),
    ("field.account_manager", "Kundansvarig"),
    (
        "field.account_manager.help",
        "En användare i organisationen, med e-post eller namn.",
    ),
    ("field.external_id", "Kundnummer"),
    (
        "field.external_id.help",
        "Kundens nummer i ert tidigare system. Unikt i projektet.",
    ),
    ("field.notes", "Anteckningar"),
    ("field.notes.help", "Fritext."),
    (
        "value.email_taken",
        "E-postadressen {value} är redan registrerad i det här projektet.",
    ),
    (
        "value.external_id_taken",
        "Kundnumret {value} används redan i det här projektet.",
    ),
    (
        "value.control_character",
        "{field} innehåller ett osynligt styrtecken ({character}) som inte kan sparas. Ta bort det.",
    ),
    (
        "value.bidi_control",
        "{field} innehåller ett osynligt tecken ({character}) som vänder skrivriktningen, så att texten visas i en annan ordning än den sparas i. Ta bort det.",
    ),
    (
        "value.too_long",
        "{field} är längre än {limit} tecken. Korta texten.",
    ),
    (
        "value.number_invalid",
        "”{value}” är inte ett tal. Skriv det med siffror, till exempel 1 250,50.",
    ),
    (
        "value.option_unknown",
        "”{value}” är inte ett av valen för {field}: {options}.",
    ),
    (
        "value.pattern_mismatch",
        "”{value}” har inte den form {field} ska ha, till exempel {example}.",
    ),
    ("export.sheet.customers", "Kunder"),
    ("export.sheet.explanations", "Förklaringar"),
    ("export.column.field", "Kolumn"),
    ("export.column.help", "Vad den innehåller"),
    ("export.column.values", "Värden som projektet godtar"),
];
