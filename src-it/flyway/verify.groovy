// generate wrote the repeatable migration, Flyway's Maven plugin applied it once and found nothing
// to do the second time, verify passed, and the database has the trigger and Flyway's record of the
// migration. The embedded PostgreSQL is stopped at the end whatever happens.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def migration = new File(basedir, 'target/db/migration/R__citus_audit.sql')
    assert migration.isFile() : "generate did not write ${migration}"
    assert new File(basedir, 'target/db/migration/R__citus_audit.sql.conf').isFile() : 'generate did not write the migration\'s .conf'
    assert !migration.readLines('UTF-8').any { it.startsWith('\\') } : 'the migration holds a psql meta-command'

    def applied = log.indexOf('Migrating schema "public" with repeatable migration "citus audit" [non-transactional]')
    assert applied >= 0 : 'Flyway did not run the repeatable migration "citus audit" outside a transaction'
    def success = log.indexOf('Successfully applied 1 migration', applied)
    assert success > applied : 'build.log lacks "Successfully applied 1 migration"'
    def again = log.indexOf('is up to date. No migration necessary.', success)
    assert again > success : 'the second migrate was not a no-op'
    def verified = log.indexOf('Verified 4 check(s) on PostgreSQL', again)
    assert verified > again : 'build.log lacks "Verified 4 check(s) on PostgreSQL" after the migrations'
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
        assert query("SELECT count(*) FROM flyway_schema_history WHERE description = 'citus audit' AND success") == 1L :
                'Flyway did not record the migration once'
    } finally {
        connection.close()
    }
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
