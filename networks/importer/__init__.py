"""Import networks and their partners from a CSV file, one row per membership.

The same plain function, `apply.import_networks`, serves the `import_networks` command and the
admin. The whole file is read and checked against the database before anything is written: any
bad row stops the import with its row number, column and reason, and nothing from that file is
written. A file that is imported twice changes nothing the second time; a corrected file
updates its rows in place.

One module per step: `columns` (the file's columns and cell quoting, shared with the export),
`rows` (reading the file and checking one row), `plan` (what the file would create and change,
worked out from one read of the tables involved) and `apply` (writing the plan).

Rows are numbered as a spreadsheet shows them: the header is row 1, the first partner row 2.
"""
