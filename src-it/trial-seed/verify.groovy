// trial applies the seed spec to a throwaway PostgreSQL, makes one INSERT, UPDATE and DELETE on
// shard6.account and logs the history rows they left in shard6.account_hist.
def lines = new File(basedir, 'build.log').readLines('UTF-8')
def text = lines.join('\n')

def header = 'History of shard6.account after one INSERT, UPDATE and DELETE (shard6.account_hist):'
int at = lines.findIndexOf { it.contains(header) }
assert at >= 0 : "build.log lacks '${header}'"

// The table that follows: a header row, a rule, then one row per history row.
def table = []
for (int i = at + 1; i < lines.size(); i++) {
    def line = lines[i].replaceFirst(/^\[INFO\] ?/, '')
    if (!(line.contains(' | ') || line.contains('-+-'))) {
        break
    }
    table << line
}
assert table.size() >= 2 : "no history table after '${header}'"
def columns = table[0].split(/\s*\|\s*/)*.trim()
assert table[1].contains('-+-') : "the second line of the history table is not a rule: ${table[1]}"
['account_hist_id', 'operation', 'replaced', 'replaced_by', 'account_id', 'client_id'].each { column ->
    assert columns.contains(column) : "the history table has no column '${column}': ${columns}"
}
def rows = table.drop(2).collect { it.split(/\s*\|\s*/)*.trim() }
def operations = rows.collect { it[columns.indexOf('operation')] }
assert operations == ['INSERT', 'UPDATE', 'DELETE'] : "history rows of shard6.account are ${operations}, not INSERT, UPDATE, DELETE:\n${table.join('\n')}"
rows.each { row ->
    assert row[columns.indexOf('client_id')] != 'NULL' : "a history row has no client_id: ${row}"
}
// The UPDATE changed the row: the DELETE recorded it as the UPDATE left it, not as it was inserted.
int name = columns.indexOf('account_name')
assert name >= 0 && rows[2][name] != rows[0][name] : "the DELETE row does not show the update:\n${table.join('\n')}"

assert text.contains('Trial passed: 1 table(s) audited') : "build.log lacks 'Trial passed'"
assert text.contains('BUILD SUCCESS') : "the build did not succeed"
return true
