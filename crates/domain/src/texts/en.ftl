### English: what the domain crate reports (reading errors, value problems) and
### the target fields' labels and help. The app shows them; the server writes field
### labels and help into templates.

file-encrypted = The workbook is protected with a password. Save a copy without a password in Excel and pick that one.
file-corrupt = The file is damaged, or not what its name says. Open it in Excel and save it again.
file-too_big = The file is { $size }. The largest file that can be read here is { $limit }.
file-inflates_too_big = The workbook would unpack to more than { $limit }. Save only the customer sheet, or save it as CSV.
file-too_many_rows = The sheet has more than { $limit } rows. Split the file into smaller ones.
file-too_many_columns = Row { $row } has more than { $limit } columns (column { $column }).
file-too_many_cells = The sheet spans { $rows } rows × { $columns } columns, more than the { $limit } cells that can be read. Delete the empty rows and columns far from the data, or save as CSV.
file-cell_too_long = The cell in row { $row }, column { $column } holds more than { $limit } characters. A quotation mark may be missing its closing pair.
file-no_sheets = The workbook has no worksheets.
file-no_data = There is nothing to import: below the skipped rows the file has only empty cells.
file-header_only = The file has a header row but no customers under it.
file-unknown_encoding = Unknown character encoding “{ $label }”.
file-sheet_not_found = The sheet “{ $name }” was not found.

value-required = Required.
value-email_invalid = “{ $value }” is not a valid e-mail address.
value-email_trailing_dot = “{ $value }” ends with a full stop. Remove it.
value-phone_invalid = “{ $value }” is not a phone number.
value-phone_too_short = “{ $value }” is too short for a phone number.
value-phone_too_long = “{ $value }” is too long for a phone number.
value-phone_no_such_number = “{ $value }” cannot be a phone number: no number this long starts like this.
value-date_invalid = “{ $value }” is not a date. Write it as dd.mm.yyyy.
value-date_in_future = { $value } is in the future.
value-date_before_1900 = { $value } is before 1900.
value-postal_code_invalid = “{ $value }” is not a postal code of this country.
value-business_id_invalid = “{ $value }” is not a Norwegian, Finnish or Swedish business ID.
value-business_id_check_digit = “{ $value }” has a wrong check digit. Check it for a typo.
value-country_unknown = “{ $value }” is not a country the import knows (Norway, Finland, Sweden).
value-name_or_company_required = A customer needs a name or a company name.
value-unit_unknown = Unit { $value } does not exist in this project.
value-company_type_unknown = “{ $value }” is not one of your organization's company types.
value-group_unknown = Customer group “{ $value }” does not exist. Allow creating missing groups, or choose an existing one.
value-account_manager_unknown = “{ $value }” is not a user of your organization.
value-duplicate_in_file = “{ $value }” is also on row { $other_row }.

field-name = Name
field-name-help = The person's full name. Or map first name and last name.
field-first_name = First name
field-first_name-help = Joined with the last name into the name.
field-last_name = Last name
field-last_name-help = Joined with the first name into the name.
field-email = E-mail
field-email-help = Unique in the project. No invitation is sent.
field-phone = Phone
field-phone-help = Stored with country code; numbers without one get the project's country.
field-birth_date = Date of birth
field-birth_date-help = dd.mm.yyyy or yyyy-mm-dd.
field-address = Address
field-address-help = Street address.
field-postal_code = Postal code
field-postal_code-help = 4 digits in Norway, 5 in Finland and Sweden.
field-city = City
field-city-help = Postal town.
field-country = Country
field-country-help = Norway, Finland or Sweden; the project's country when empty.
field-unit = Unit
field-unit-help = The dwelling in this project, e.g. A-101. The customer is attached to it.
field-company_name = Company name
field-company_name-help = For company customers. A row needs a name or a company name.
field-business_id = Business ID
field-business_id-help = Organisasjonsnummer, Y-tunnus or organisationsnummer.
field-company_type = Company type
field-company_type-help = One of your organization's types, e.g. Lead or Customer.
field-customer_group = Customer group
field-customer_group-help = An existing group, or created during the import if you allow it.
field-account_manager = Account manager
field-account_manager-help = A user of your organization, by e-mail or name.
field-external_id = Customer number
field-external_id-help = The customer's number in your previous system. Unique in the project.
field-notes = Notes
field-notes-help = Free text.

value-email_taken = E-mail { $value } is already registered in this project.
value-external_id_taken = Customer number { $value } is already used in this project.
value-control_character = { $field } holds an invisible control character ({ $character }) that cannot be stored. Remove it.
value-bidi_control = { $field } holds an invisible character ({ $character }) that turns the direction of the text, so it shows in another order than it is stored. Remove it.
value-too_long = { $field } is longer than { $limit } characters. Shorten it.

export-sheet-customers = Customers
export-sheet-explanations = Explanations
export-column-field = Column
export-column-help = What it holds
export-column-values = Values the project accepts
