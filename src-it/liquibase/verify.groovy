// generate wrote the changelog, the project's master changelog included it, Liquibase's Maven plugin
// ran every changeset once and nothing the second time, verify passed, and the database has the
// trigger and Liquibase's record of each changeset. The embedded PostgreSQL is stopped at the end.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def changelog = new File(basedir, 'target/changelog/citus-audit.changelog.xml')
    assert changelog.isFile() : "generate did not write ${changelog}"
    int changesets = (changelog.getText('UTF-8') =~ /<changeSet /).count
    // One changeset for the schema, one for the table with all its steps.
    assert changesets == 2 : "the changelog has ${changesets} changesets, not 2"

    def ran = log.indexOf('Running Changeset: citus-audit.changelog.xml::shard6.account::citus-audit')
    assert ran >= 0 : 'Liquibase did not run the changeset of shard6.account'
    def summary = log =~ /Run:\s+(\d+)\s*\n\s*(?:\[INFO\]\s*)?Previously run:\s+(\d+)/
    // Liquibase prints each summary twice (to the console and to its log): one pair per update.
    def runs = summary.collect { [it[1] as int, it[2] as int] }.unique()
    assert runs.size() == 2 : "build.log lacks two different update summaries: ${runs}"
    assert runs[0] == [changesets + 1, 0] : "the first update ran ${runs[0]}, not all ${changesets + 1} changesets"
    assert runs[1] == [0, changesets + 1] : "the second update ran ${runs[1]}, not nothing"
    def verified = log.indexOf('Verified 4 check(s) on PostgreSQL', ran)
    assert verified > ran : 'build.log lacks "Verified 4 check(s) on PostgreSQL" after the update'
    assert log.substring(verified, log.indexOf('\n', verified)).contains('all passed') : 'verify did not pass'

    def props = new Properties()
    props.setProperty('user', 'postgres')
    def connection = new org.postgresql.Driver().connect(pg.getJdbcUrl('postgres', 'postgres'), props)
    try {
        def query = { String sql ->
            def statement = connection.createStatement()
            try {
                def rs = statement.executeQuery(sql)
                rs.next()
                return rs.getObject(1)
            } finally {
                statement.close()
            }
        }
        assert query("SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit' AND tgenabled = 'O'") == 1L : 'no enabled account_audit trigger'
        assert query("SELECT count(*) FROM databasechangelog WHERE author = 'citus-audit'") == (long) changesets :
                'Liquibase did not record each changeset once'
    } finally {
        connection.close()
    }
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
