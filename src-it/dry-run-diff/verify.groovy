// The first build applied version 1; the second, a dry run of version 2, listed only what would
// change (the new table's steps, and the account's trigger, which no longer fires on DELETE), wrote them with their SQL to the review file, and changed nothing.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def dry = log.indexOf('Dry run: the steps run in a transaction that is rolled back')
    assert dry > 0 : 'build.log lacks the dry run'
    def applied = log.substring(0, dry)
    assert applied =~ /\[\d+\/\d+\] shard6\.account: trigger -> created \(trigger account_audit on shard6\.account\) in \d+ ms/ :
            'the first build did not create the trigger'
    def would = log.substring(dry).readLines().findAll { it.contains(' -> would be ') }
            .collect { it.replaceFirst(/^\[INFO\] /, '') }
    println "dry-run-diff: the dry run listed:\n  " + would.join('\n  ')
    assert would.every { it.contains('shard6.customer') || it.contains('shard6.account: trigger ->') } :
            "the dry run lists steps that change nothing:\n${would.join('\n')}"
    assert would.any { it ==~ /\[\d+\/\d+\] shard6\.customer: history table -> would be created \(table shard6\.customer_hist with \d+ columns\)/ }
    assert would.any { it ==~ /\[\d+\/\d+\] shard6\.account: trigger -> would be changed \(trigger account_audit on shard6\.account: enabled, type 29, .* -> enabled, type 21, .*\)/ }
    assert log.substring(dry) =~ /dry run: \d+ steps: \d+ would be created, 1 would be changed, \d+ unchanged/

    def review = new File(basedir, 'target/citus-audit/dry-run.sql')
    assert review.isFile() : "the dry run did not write ${review}"
    def script = review.getText('UTF-8')
    assert script.contains('-- citus-audit dry run of citus-audit-v2.yaml against jdbc:postgresql://')
    def steps = script.readLines().findAll { it ==~ /-- \[\d+\/\d+\] .*/ }
    assert steps.size() == would.size() : "the review file has ${steps.size()} steps, the log ${would.size()}:\n${script}"
    assert !script.contains('shard6.account: history table\n') : 'the review file lists an unchanged step'

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
        assert query("SELECT to_regclass('shard6.customer') IS NULL") == true : 'the dry run created shard6.customer'
        assert query("SELECT tgtype FROM pg_trigger WHERE tgname = 'account_audit'") == 29 : 'the dry run changed the trigger'
    } finally {
        connection.close()
    }
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
