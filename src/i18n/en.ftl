### English texts. The reference catalog: every other language has exactly these keys.

app-title = Import customers
app-language = Language
app-sign_out = Sign out
app-signed_in_as = { $name } · { $organization }
app-privacy = Your file is read in this browser. Only the columns you map, for the rows you choose to import, are sent.

signin-heading = Sign in
signin-refused_heading = Signing in did not work
signin-refused = The access key or sign-in link is wrong or has expired. Ask for a new link and open it here, or paste an access key below.
signin-explain = Paste the access token you were given by your administrator.
signin-token = Access token
signin-submit = Continue

steps-label = Import steps
steps-project = Project
steps-file = File
steps-header = Header
steps-mapping = Mapping
steps-review = Review
steps-save = Save

project-heading = Choose the project
project-label = Import customers into
project-choose = Choose a project
project-loading = Loading your projects…
project-units = { $n ->
    [one] { $n } unit
   *[other] { $n } units
}
project-no_access = You do not have access to import customers. Ask an administrator of your organization.

history-heading = Earlier imports
history-loading = Loading the imports…
history-empty = No imports into this project yet.
history-when = When
history-who = Imported by
history-file = File
history-created = Created
history-not_created = Not created
history-left_out = Left out
history-removed = Removed
history-undo_column = Status
history-no_file = no name
history-files = { $n ->
    [one] { $n } file
   *[other] { $n } files
}
history-file_of = File { $n } of { $count }
history-undo = Undo
history-undo_until = Can be undone until { $when }
history-undone = Undone { $when } by { $by }
history-too_old = { $days ->
    [one] Can no longer be undone: older than { $days } day
   *[other] Can no longer be undone: older than { $days } days
}
history-not_yours = Only whoever imported it, or an administrator, can undo it
history-missing = { $n ->
    [one] { $n } customer removed by other means
   *[other] { $n } customers removed by other means
}
history-undo_off = Undoing imports is turned off
history-nothing_created = No customer was created, so there is nothing to undo
history-show_rows = Show rows
history-hide_rows = Hide rows
history-rows_loading = Loading the rows…
history-rows_heading = Rows not created
history-rows_all_created = Every row was created.
history-row_problems = Row { $row }: { $problems }
history-more = Show older imports

undo-heading = Undo the import?
undo-done_heading = The import is undone
undo-refused_heading = The import was not undone
undo-about = { $file }, imported { $when } by { $who }.
undo-confirm = { $n ->
    [one] Remove the customer this import created?
   *[other] Remove the { $n } customers this import created?
}
undo-none_left = None of the customers this import created is left in the project. The import is marked as undone all the same.
undo-remove = { $n ->
    [one] Remove { $n } customer
   *[other] Remove { $n } customers
}
undo-cancel = Cancel
undo-portal_told = { $n ->
    [one] The portal was told of this customer when it was created, and will be told that it is removed.
   *[other] The portal was told of these customers when they were created, and will be told that they are removed.
}
undo-removing = Removing the customers…
undo-removed = { $n ->
    [one] { $n } customer was removed.
   *[other] { $n } customers were removed.
}
undo-already_removed = { $n ->
    [one] { $n } customer had already been removed.
   *[other] { $n } customers had already been removed.
}
undo-close = Close
undo-not_allowed = Only whoever made the import, or an administrator of the organization, can undo it.
undo-already_undone = The import has already been undone. The customers it created are removed.
undo-too_old = The import is too old to be undone.
undo-disabled = Undoing imports is turned off on this server.
import-batch_undone = The import was undone and cannot take more customers. Start a new import.
import-batch_full = The import has taken all the rows it may for this file. The rows sent again go into a new import.
import-file_unknown = The import names a file it does not have. Reload the page and pick the files again.
import-file_unnamed = The import did not say which file its rows came from. Reload the page and pick the files again.

country-NO = Norway
country-FI = Finland
country-SE = Sweden

file-heading = Choose the file
file-drop = Drop a file or click here
file-formats = CSV, TXT, XLSX, XLSM, XLS or ODS

work-checking = Checking rows: { $done } of { $total }
work-cancel = Cancel

file-reading = Reading the file…
file-first_rows = The first rows of the file
file-picked = { $name } · { $size }
file-read_failed = The browser could not read the file. Try again, or save it again from Excel.
file-empty = The file is empty.
file-unsupported_container = This is not a spreadsheet: it looks like another kind of document.
file-binary = This file is neither a spreadsheet nor a text file.

format-delimited_text = Delimited text
format-xlsx = Excel workbook (.xlsx)
format-xls = Excel 97–2003 workbook (.xls)
format-ods = OpenDocument spreadsheet (.ods)

auth-unauthenticated = Your access token is not valid or has expired. Sign in again.
auth-forbidden = You do not have access to this.
auth-token_refused = The portal's sign-in was not accepted here. Open the import from the portal again; if that does not help, tell your administrator.
auth-token_expired = Your sign-in from the portal has expired. Open the import from the portal again.
auth-origin_not_allowed = The import may not be used from this site. Tell your administrator.
request-unknown_host = The import service does not answer at this address. Tell your administrator.
server-refused = The server did not accept the request. Reload the page and try again; if it happens again, tell your administrator.

not_found = It was not found. It may have been deleted.

server-internal = Something went wrong on the server. Try again in a moment.

net-failed = Could not reach the server. Check your connection and try again.
net-bad_answer = The server gave an answer this page does not understand. Reload the page.

delimiter-semicolon = Semicolon (;)
delimiter-comma = Comma (,)
delimiter-tab = Tab
delimiter-pipe = Vertical bar (|)

file-encoding = Character encoding
file-delimiter = Delimiter
file-detected = detected
file-sheet = Sheet
file-sheet_rows = { $rows ->
    [one] { $name } ({ $rows } row)
   *[other] { $name } ({ $rows } rows)
}
file-others = More files in this import
file-other_reading = Reading…
file-other_joins = { $rows ->
    [one] { $rows } row with the same headings as { $first }: imported together with it.
   *[other] { $rows } rows with the same headings as { $first }: imported together with it.
}
file-other_differs = Other headings than { $first }: you map this file's columns after { $first }.
layouts-label = The files' layouts of headings
layouts-layout = Layout { $n }
layouts-shown = shown now
layouts-mapped = mapped
layouts-not_mapped = not mapped yet
file-hidden = hidden
file-unreadable = { $count ->
    [one] One character cannot be read with this encoding. It shows as �, on row { $row }, column { $column }. Choose another encoding above.
   *[other] Characters this encoding cannot read: { $count }. They show as �, the first on row { $row }, column { $column }. Choose another encoding above.
}
file-formulas_without_value = Formula cells saved without a result are read as empty ({ $count }): { $cells }. Open the file in Excel and save it again to keep the values.

header-heading = Header
header-skip = How many rows to skip from the top?
header-has_headers = First row is headers
header-doubt = Row { $row } looks like a customer, not like headings: { $values }. Is it headings?
header-doubt_customer = No, row { $row } is a customer
header-doubt_headings = Yes, row { $row } is headings
header-counts = { $rows ->
    [one] { $rows } customer
   *[other] { $rows } customers
} · { $columns ->
    [one] { $columns } field
   *[other] { $columns } fields
}
header-first_row = First customer
header-ragged = { $count ->
    [one] One row has more or fewer fields than the header: row { $row }. It is kept; check it in the review.
   *[other] { $count } rows have more or fewer fields than the header, the first on row { $row }. They are kept; check them in the review.
}

nav-label = Steps
nav-back = Back
nav-continue = Continue
nav-save = { $n ->
    [one] Save { $n } customer
   *[other] Save { $n } customers
}

mapping-heading = Mapping
mapping-explain = Choose what each column of your file becomes. Columns not imported are left out.
mapping-loading = Loading the project's fields…
mapping-examples = Examples
mapping-create_missing_groups = Create customer groups that do not exist yet
mapping-no_invitations = Imported customers are not sent an invitation or any other message.
mapping-whole_file = One value for the whole file
mapping-required = required
mapping-rule-number = A number, such as 1,250.50.
mapping-rule-date = A date, such as 01.05.2027.
mapping-rule-one_of = One of: { $options }.
mapping-rule-pattern = In the form { $example }.
mapping-not_imported = — Not imported —
mapping-file_column = Column in the file
mapping-goes_to = Imported as
mapping-column_letter = Column { $letter }
mapping-taken_from = { $field } (now from “{ $column }”)
mapping-takeover = { $field } now comes from “{ $to }”, and “{ $from }” is no longer imported.
mapping-undo = Undo
mapping-quoted = “{ $text }”
mapping-not_imported_list = { $n ->
    [one] Not imported: { $columns }.
   *[other] These { $n } columns are not imported: { $columns }.
}
mapping-all_imported = Every column of the file is imported.
mapping-required_missing = Required, but without a value: { $fields }.
mapping-whole_file_explain = For fields no column fills: the same value for every customer in the file.
mapping-file_values = Values for each file
mapping-file_values_explain = Choose for each file what applies to all its customers, such as customer group and account manager.
mapping-file = File
mapping-whole_file_none = — None —
mapping-whole_file_from_column = From the column “{ $column }”.
mapping-project_values = In this project: { $values }.
mapping-project_values_more = In this project: { $values } and { $more } more.

# Shared mappings (issue 20.3): where the starting mapping came from.
mapping-origin_colleague = Used by { $name } on { $date }.
mapping-origin_me = Used by you on { $date }.
mapping-origin_browser = Filled in as a file with the same headings was mapped in this browser last time (the server did not answer).
mapping-date = { $day } { $month }
mapping-date_year = { $day } { $month } { $year }
mapping-month-1 = January
mapping-month-2 = February
mapping-month-3 = March
mapping-month-4 = April
mapping-month-5 = May
mapping-month-6 = June
mapping-month-7 = July
mapping-month-8 = August
mapping-month-9 = September
mapping-month-10 = October
mapping-month-11 = November
mapping-month-12 = December

rows-ready = Ready
rows-problems = Needs fixing
rows-excluded = Left out
rows-created = Created
rows-rejected = Not created
rows-waiting = Waiting for the answer
rows-locked-waiting = Sent; waiting for the server's answer. The row cannot be changed until it has come.
rows-sent = Sent, no answer
rows-locked-sent = The answer for this row was lost, and the customer may already have been created. The row cannot be changed until it has been sent again and the answer has come.
rows-locked-created = This customer has been created and can no longer be changed here.
rows-row = Row
rows-import = Import
rows-cell = Row { $row }, { $field }
rows-include = Import row { $row }
rows-label = Customers
rows-next_problem = Next problem
rows-no_problems = No problems to fix.
rows-searching = Looking for the next problem…
rows-keys = Arrow keys: move · Enter or F2: edit · Esc: undo · F8: next problem
rows-more_problems = { $n } more problems in the row

review-spellings-heading = Values the project's lists do not have
review-spellings-summary = { $n ->
    [one] { $n } value the project's lists do not have
   *[other] { $n } values the project's lists do not have
}
review-spellings-show = Map the values
review-spellings-hide = Hide
review-spellings-explain = Each spelling is listed once, with how many rows hold it and what it most likely means. Choose what it becomes; every row with it takes that, and the next file spelled the same way needs nothing.
review-file_filter = File
review-all_files = All files
review-spellings-value = Value in the file
review-spellings-rows = Rows
review-spellings-becomes = Becomes
review-spellings-becomes_of = “{ $value }” becomes
review-spellings-leave = — Leave the rows with their problem —
review-spellings-search = Search the values
review-spellings-apply = Apply the choices
review-heading = Review
review-explain = These customers will be created. Correct a value in place, or leave a row out.
review-counts = { $ready } ready · { $problems } with problems · { $excluded } left out
review-only_problems = Show only rows with problems
review-create_missing_groups = Create missing customer groups
review-groups_busy = Checking the rows again…
review-groups_locked = Cannot be changed once rows were sent.

# Fix many rows at once (issue 20.4).
review-fix-heading = Fix many rows at once
review-fix-column = Column
review-fix-replace_form = Find and replace
review-fix-find = Find (case-sensitive)
review-fix-with = Replace with
review-fix-whole_cell = Whole cell only
review-fix-replace = Replace all
review-fix-fill_form = Fill empty cells
review-fix-fill_with = Fill empty cells with
review-fix-fill = Fill empty
review-fix-working = Changing and checking the rows…
review-fix-none = No cells changed
review-fix-changed = { $n ->
    [one] { $n } cell changed
   *[other] { $n } cells changed
}

save-heading = Save
save-progress = { $total ->
    [one] { $done } of { $total } row answered.
   *[other] { $done } of { $total } rows answered.
}
save-retrying = No answer yet; trying again…
save-cancelled = Stopped. Rows already created stay created.
save-finished = Done.
save-rows_not_taken = Some ready rows could not be prepared for sending. Reload the page and try again.
save-summary = { $created } created · { $refused } refused · { $held_back } to fix · { $unsent } not sent
save-error_column = Error
save-failed_file = customers-not-created
save-row_column = Row
save-failed_sheet = Not created
save-progress_label = Saving progress
save-cancel = Cancel
save-send_again = { $n ->
    [one] Send { $n } corrected row
   *[other] Send { $n } corrected rows
}
save-awaiting = { $n ->
    [one] The answer for { $n } row was lost, and the server may already have created it. It is locked until it is sent again and the answer has come.
   *[other] The answer for { $n } rows was lost, and the server may already have created them. They are locked until they are sent again and the answer has come.
}
save-resume = { $n ->
    [one] Send again ({ $n } row)
   *[other] Send again ({ $n } rows)
}
save-download_failed = Download the rows not created
save-only_failed = Show only rows not created

end-heading = The import is finished
end-explain = This is the result. Rows that were not created can be corrected here and sent again, or downloaded and corrected in Excel.
end-created = Created
end-refused = Refused by the server
end-held_back = Held back, to fix
end-not_sent = Not sent
end-left_out = Left out
end-download_summary = Download summary
end-summary_file = import-summary.txt
end-summary_title = Customer import – summary
end-print = Print
end-another = Import another file
end-project = Project
end-per_file = Each file
end-download_file_failed = Download the rows of { $file } that were not created
end-download_file_failed_short = Download rows not created
end-file = File
end-saved_at = Saved

nav-result = See the result

net-unavailable = The server is busy or unreachable for a moment. Try again.

import-body_too_large = Too much was sent at once. Reload the page and try again.
import-idempotency_key_required = The request was incomplete. Reload the page and try again.
import-idempotency_key_reused = A retried request did not match the first. Reload the page; rows already created are kept.
import-in_progress = The previous attempt is still being saved. Try again in a moment.
import-invalid_body = The server could not read the rows sent. Reload the page and try again.
import-no_rows = There were no rows to save in what was sent. Reload the page and try again.
import-too_many_rows = Too many rows were sent at once. Reload the page and try again.
import-unknown_field = A field the project does not have was sent. Reload the page and map the file again.

header-data = All rows

project-files-heading = Files for this project
project-files-hint = Download a blank template to fill in, or the customers already in the project as an example.
project-files-template_xlsx = Blank template (Excel)
project-files-template_csv = Blank template (CSV)
project-files-customers_xlsx = Export customers (Excel)
project-files-customers_csv = Export customers (CSV)
project-files-save_failed = The browser could not save the file.

# Updating customers that exist (issue 28).
mapping-mode-legend = Customers that already exist
mapping-mode-explain = Chosen once for this import, and kept with the mapping for files with these headings.
mapping-mode-create_only = Create new customers only
mapping-mode-create_and_update = Create new customers and update existing ones
mapping-mode-update_only = Update existing customers only
mapping-match_key = Customers are recognised by their { $field } (column “{ $column }”).
mapping-match_key_missing = To update customers, map the customer number or the e-mail: that is how a row finds its customer.
mapping-key-external_id = customer number
mapping-key-email = e-mail
mapping-blank_explain = An empty cell keeps the stored value, unless you tick “An empty cell clears the stored value” for its column.
mapping-blank = An empty cell clears the stored value
review-compare_failed = The rows could not be compared with the project's customers. Try again.
review-counts_updating = { $new } new · { $update } to update · { $same } unchanged · { $problems } with problems · { $excluded } left out
review-filter-label = Show
review-filter-all = All rows
review-filter-new = Only new
review-filter-updates = Only updates
review-filter-problems = Only problems
rows-will_create = New
rows-will_update = Will update
rows-will_stay = Unchanged
rows-changed_since = Changed since you checked
rows-changed_since_note = The customer was changed by someone else after you checked: the changes are now shown against its current values. Look again, and edit the row to send it.
rows-updated = Updated
rows-unchanged = Unchanged
rows-locked-updated = This customer was updated and can no longer be changed here.
rows-empty_value = (empty)
save-summary_updating = { $created } created · { $updated } updated · { $unchanged } unchanged · { $refused } refused · { $held_back } to fix · { $unsent } not sent
end-updated = Updated
end-unchanged = Unchanged
history-updated = Updated
history-unchanged = Unchanged
history-rows_updated_heading = Rows that updated a customer
history-row_changes = Row { $row }: { $changes }
undo-confirm_restore = { $updated ->
    [one] Put back the previous values of the customer this import updated?
   *[other] Put back the previous values of the { $updated } customers this import updated?
}
undo-confirm_updating = { $n ->
    [one] Remove the { $n } customer this import created
   *[other] Remove the { $n } customers this import created
} and put back the previous values of the { $updated ->
    [one] { $updated } customer
   *[other] { $updated } customers
} it updated?
undo-undo_updating = Undo the import
undo-restored = { $n ->
    [one] { $n } customer got its previous values back.
   *[other] { $n } customers got their previous values back.
}
undo-not_restored = { $n ->
    [one] { $n } customer was changed again since and was left as it is.
   *[other] { $n } customers were changed again since and were left as they are.
}
review-explain_updating = Each row creates a customer, updates the customer its key finds (every change old → new), or leaves it unchanged. Correct a value where it is, or leave a row out.

review-host-checking = The portal's check is looking at { $n ->
    [one] one row
   *[other] { $n } rows
}…
review-host-failed = The portal's check did not answer.
review-host-threw = The portal's check did not answer: { $message }
review-host-timed_out = The portal's check did not answer in time.
review-host-bad_answer = The portal's check did not answer with a list of problems.
review-host-kept = Nothing is lost: your changes are kept, and the rows are saved only once the check has answered.
review-host-retry = Try again
nav-awaiting_host = Waiting for the portal's check ({ $n ->
    [one] one row
   *[other] { $n } rows
})
