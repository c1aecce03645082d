### Suomi: palvelimen virhevastausten sanat (RFC 9457 problem details): arvoja
### luettelevan vastauksen `detail` ja kunkin arvon ongelma `errors`-listassa.

request-invalid_field = { $n ->
    [one] Yhtä pyynnön arvoa ei voi käyttää.
   *[other] { $n } pyynnön arvoa ei voi käyttää.
}
provisioning-invalid_custom_fields = Projektin omien kenttien määrittelyä ei voi käyttää.
import-unknown_field = Rivit mainitsevat kenttiä, joita projektilla ei ole.

value-required = Pakollinen: ei saa olla tyhjä.
value-hidden_character = Sisältää ohjausmerkin, tekstin suunnan kääntävän merkin tai näkymättömän merkin. Poista se.
value-too_long = Liian pitkä. Lyhennä sitä.
value-email_invalid = Ei ole sähköpostiosoite.
value-country_unknown = Tuonti ei tunne tätä maata: kirjoita NO, FI tai SE.
value-project_unknown = Organisaatiolla ei ole projektia tunnuksella ”{ $id }”. Luo se ensin.
value-too_large = Enemmän kuin { $limit }.
webhook-url_malformed = Ei ole http(s)-osoite, jossa on palvelimen nimi.
webhook-url_not_https = Pelkkä http on sallittu vain loopback-osoitteeseen: käytä https:ää.
webhook-url_private = Osoite on yksityinen, loopback tai link-local: palvelin lähettää sinne vain, jos ylläpitäjä sallii sen (--allow-private-webhooks).
webhook-url_unresolved = Palvelimen nimeä ei löydy DNS:stä.
webhook-secret_invalid = Ei ole Standard Webhooks -salaisuus: whsec_ ja 24–64 satunnaisen tavun base64.
value-field_unknown = Projektilla ei ole kenttää ”{ $field }”.
import-file_unknown = Ei minkään tuonnin tiedoston numero.
import-file_unnamed = Usean tiedoston tuonnin osa kertoo, mistä tiedostosta sen rivit ovat, ja vain silloin.
value-shape = Ei sitä, mitä tämä kohta sisällössä ottaa vastaan ({ $why }).
custom_field-name_invalid = Nimen ”{ $name }” on oltava 1–40 merkkiä a–z, 0–9 ja _, ja alettava kirjaimella.
custom_field-name_twice = Nimi ”{ $name }” on määritelty kahdesti.
custom_field-label_invalid = Kentän ”{ $name }” nimiö tai ohjeteksti on tyhjä, liian pitkä tai sisältää piilomerkin.
custom_field-language_unknown = Kentällä ”{ $name }” on teksti muulla kielellä kuin nb, fi, en tai sv.
custom_field-options_invalid = Kenttä ”{ $name }” tarvitsee 1–1000 vaihtoehtoa, jokainen yksilöllinen ja yhdellä rivillä.
custom_field-pattern_invalid = Kentän ”{ $name }” kaava ei ole kelvollinen säännöllinen lauseke.
custom_field-pattern_slow = Kentän ”{ $name }” kaava kääntyy { $size } tavuksi, enemmän kuin { $limit }: arvojen tarkistus olisi hidasta.
custom_field-patterns_slow = Kaavat kääntyvät yhteensä { $size } tavuksi, enemmän kuin { $limit }: jokaisen rivin tarkistus olisi hidasta.
custom_field-example_mismatch = Kentän ”{ $name }” esimerkki ei vastaa kaavaa.
custom_field-too_many = Projekti voi määritellä enintään 50 omaa kenttää.
