### Norsk bokmål: ordene i serverens feilsvar (RFC 9457 problem details): `detail` i et
### svar som lister verdier, og hver verdis problem i `errors`.

request-invalid_field = { $n ->
    [one] Én verdi i forespørselen kan ikke brukes.
   *[other] { $n } verdier i forespørselen kan ikke brukes.
}
provisioning-invalid_custom_fields = En deklarasjon av prosjektets egne felt kan ikke brukes.
import-unknown_field = Radene nevner felt som dette prosjektet ikke har.

value-required = Påkrevd: kan ikke være tom.
value-hidden_character = Inneholder et kontrolltegn, et tegn som snur tekstretningen eller et usynlig tegn. Fjern det.
value-too_long = For lang for det den navngir. Kort den ned.
value-email_invalid = Ikke en e-postadresse.
value-country_unknown = Ikke et land importen kjenner: skriv NO, FI eller SE.
value-project_unknown = Organisasjonen har ikke noe prosjekt med id «{ $id }». Opprett det først.
value-too_large = Mer enn { $limit }.
webhook-url_malformed = Ikke en http(s)-adresse med et vertsnavn.
webhook-url_not_https = Vanlig http er bare tillatt til en loopback-adresse: bruk https.
webhook-url_private = Adressen er privat, loopback eller link-local: serveren kan bare sende dit når driftsansvarlig tillater det (--allow-private-webhooks).
webhook-url_unresolved = Vertsnavnet finnes ikke i DNS.
webhook-secret_invalid = Ikke en Standard Webhooks-hemmelighet: whsec_ og base64 av 24 til 64 tilfeldige byte.
value-field_unknown = Prosjektet har ikke feltet «{ $field }».
import-file_unknown = Ikke nummeret til en av importens filer.
import-file_unnamed = En del av en import med flere filer sier hvilken fil radene er fra, og bare da.
value-shape = Ikke det dette stedet i innholdet tar imot ({ $why }).
custom_field-name_invalid = Navnet «{ $name }» må være 1–40 av a–z, 0–9 og _, og begynne med en bokstav.
custom_field-name_twice = Navnet «{ $name }» er deklarert to ganger.
custom_field-label_invalid = En etikett eller hjelpetekst for «{ $name }» er tom, for lang eller inneholder et skjult tegn.
custom_field-language_unknown = «{ $name }» har en tekst på et annet språk enn nb, fi, en eller sv.
custom_field-options_invalid = «{ $name }» trenger 1–1000 valg, hvert unikt og på én linje.
custom_field-pattern_invalid = Mønsteret for «{ $name }» er ikke et gyldig regulært uttrykk.
custom_field-pattern_slow = Mønsteret for «{ $name }» blir { $size } byte, mer enn { $limit }: verdiene ville gått tregt å sjekke.
custom_field-patterns_slow = Mønstrene blir { $size } byte til sammen, mer enn { $limit }: hver rad ville gått tregt å sjekke.
custom_field-example_mismatch = Eksempelet for «{ $name }» passer ikke med mønsteret.
custom_field-too_many = Et prosjekt kan deklarere høyst 50 egne felt.
