// apply, verify and drop ran in that order on the PostgreSQL setup.groovy started: the build log
// shows each, verify wrote its JUnit XML, and the database has no audit trigger left but still has
// the history table. The embedded PostgreSQL is stopped at the end whatever happens.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')

    // apply's last step creates the trigger: "[N/N] shard6.account: trigger -> created (...) in x ms".
    def last = log =~ /\[(\d+)\/\1\] shard6\.account: trigger -> created \(/
    assert last.find() : 'build.log lacks the last apply step "[N/N] shard6.account: trigger -> created"'
    def applied = last.start()
    def verified = log.indexOf('Verified 4 check(s) on PostgreSQL', applied)
    assert verified > applied : 'build.log lacks "Verified 4 check(s) on PostgreSQL" after apply'
    def verifiedLine = log.substring(verified, log.indexOf('\n', verified))
    assert verifiedLine.contains('all passed') : "verify did not pass: ${verifiedLine}"
    def dropped = log.indexOf('Dropped the audit triggers and functions of 1 table(s); history tables kept', verified)
    assert dropped > verified : 'build.log lacks the drop summary after verify'

    def junit = new File(basedir, 'target/citus-audit/TEST-citus-audit-verify.xml')
    assert junit.isFile() : "verify did not write ${junit}"
    def xml = junit.getText('UTF-8')
    assert xml.contains('tests="4"') : "JUnit XML does not count 4 tests:\n${xml}"
    assert xml.contains('failures="0"') : "JUnit XML reports failures:\n${xml}"

    // Trust authentication: no password.
    def url = pg.getJdbcUrl('postgres', 'postgres')
    def props = new Properties()
    props.setProperty('user', 'postgres')
    def connection = new org.postgresql.Driver().connect(url, props)
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
        assert query("SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit'") == 0L : 'drop left the account_audit trigger'
        assert query("SELECT to_regclass('shard6.account_hist') IS NOT NULL") == true : 'drop removed shard6.account_hist'
    } finally {
        connection.close()
    }
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
