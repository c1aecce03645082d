### Svenska: orden i serverns felsvar (RFC 9457 problem details): `detail` i ett svar
### som listar värden, och varje värdes problem i `errors`.

request-invalid_field = { $n ->
    [one] Ett värde i begäran kan inte användas.
   *[other] { $n } värden i begäran kan inte användas.
}
provisioning-invalid_custom_fields = En deklaration av projektets egna fält kan inte användas.
import-unknown_field = Raderna nämner fält som projektet inte har.

value-required = Obligatoriskt: får inte vara tomt.
value-hidden_character = Innehåller ett styrtecken, ett tecken som vänder textriktningen eller ett osynligt tecken. Ta bort det.
value-too_long = För långt för det det namnger. Korta det.
value-email_invalid = Inte en e-postadress.
value-country_unknown = Inte ett land som importen känner till: skriv NO, FI eller SE.
value-project_unknown = Organisationen har inget projekt med id ”{ $id }”. Skapa det först.
value-too_large = Mer än { $limit }.
webhook-url_malformed = Inte en http(s)-adress med ett värdnamn.
webhook-url_not_https = Vanlig http tillåts bara till en loopback-adress: använd https.
webhook-url_private = Adressen är privat, loopback eller link-local: servern skickar dit bara om driftansvarig tillåter det (--allow-private-webhooks).
webhook-url_unresolved = Värdnamnet finns inte i DNS.
webhook-secret_invalid = Inte en Standard Webhooks-hemlighet: whsec_ och base64 av 24 till 64 slumpmässiga byte.
value-field_unknown = Projektet har inget fält ”{ $field }”.
import-file_unknown = Inte numret på en av importens filer.
import-file_unnamed = En del av en import med flera filer anger vilken fil raderna kommer från, och bara då.
value-shape = Inte det som den här platsen i innehållet tar emot ({ $why }).
custom_field-name_invalid = Namnet ”{ $name }” måste vara 1–40 av a–z, 0–9 och _, och börja med en bokstav.
custom_field-name_twice = Namnet ”{ $name }” är deklarerat två gånger.
custom_field-label_invalid = En etikett eller hjälptext för ”{ $name }” är tom, för lång eller innehåller ett dolt tecken.
custom_field-language_unknown = ”{ $name }” har en text på ett annat språk än nb, fi, en eller sv.
custom_field-options_invalid = ”{ $name }” behöver 1–1000 val, vart och ett unikt och på en rad.
custom_field-pattern_invalid = Mönstret för ”{ $name }” är inte ett giltigt reguljärt uttryck.
custom_field-pattern_slow = Mönstret för ”{ $name }” blir { $size } byte, mer än { $limit }: värdena skulle gå långsamt att kontrollera.
custom_field-patterns_slow = Mönstren blir { $size } byte tillsammans, mer än { $limit }: varje rad skulle gå långsamt att kontrollera.
custom_field-example_mismatch = Exemplet för ”{ $name }” passar inte mönstret.
custom_field-too_many = Ett projekt kan deklarera högst 50 egna fält.
