### English: the words of the server's error answers (RFC 9457 problem details): the
### `detail` of an answer that lists values, and each value's problem in `errors`.

request-invalid_field = { $n ->
    [one] One value of the request cannot be used.
   *[other] { $n } values of the request cannot be used.
}
provisioning-invalid_custom_fields = A declaration of the project's own fields cannot be used.
import-unknown_field = The rows name fields this project does not have.

value-required = Required: it may not be empty.
value-hidden_character = Holds a control, bidirectional-override or invisible character. Remove it.
value-too_long = Too long for what it names. Shorten it.
value-email_invalid = Not an e-mail address.
value-country_unknown = Not a country the import knows: write NO, FI or SE.
value-project_unknown = The organization has no project with the id “{ $id }”. Provision it first.
value-too_large = More than { $limit }.
webhook-url_malformed = Not an http(s) address with a host name.
webhook-url_not_https = Plain http is only allowed to a loopback address: use https.
webhook-url_private = The address is private, loopback or link-local: the server may send there only when its operator allows it (--allow-private-webhooks).
webhook-url_unresolved = The host name does not resolve.
webhook-secret_invalid = Not a Standard Webhooks secret: whsec_ and the base64 of 24 to 64 random bytes.
value-field_unknown = The project has no field “{ $field }”.
import-file_unknown = Not the index of one of the import's files.
import-file_unnamed = A chunk of an import of several files names the file its rows come from, and only then.
value-shape = Not what this place of the body takes ({ $why }).
custom_field-name_invalid = The name “{ $name }” must be 1–40 of a–z, 0–9 and _, starting with a letter.
custom_field-name_twice = The name “{ $name }” is declared twice.
custom_field-label_invalid = A label or help text of “{ $name }” is empty, too long, or holds a hidden character.
custom_field-language_unknown = “{ $name }” has a text in a language other than nb, fi, en or sv.
custom_field-options_invalid = “{ $name }” needs 1–1000 choices, each unique and one line.
custom_field-pattern_invalid = The pattern of “{ $name }” is not a valid regular expression.
custom_field-pattern_slow = The pattern of “{ $name }” compiles to { $size } bytes, more than { $limit }: its values would be slow to check.
custom_field-patterns_slow = The patterns compile to { $size } bytes together, more than { $limit }: each row would be slow to check.
custom_field-example_mismatch = The example of “{ $name }” does not match its pattern.
custom_field-too_many = A project may declare at most 50 fields of its own.
