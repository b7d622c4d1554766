// info, after apply, showed the audited table with its mode and history; help described the info goal.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def info = log.indexOf('1 audited table(s) on jdbc:postgresql://')
    assert info > 0 : 'build.log lacks the info table'
    def lines = log.substring(info).readLines().take(4).collect { it.replaceFirst(/^\[INFO\] /, '').replaceAll(/ +/, ' ') }
    println "help-info: info said:\n  " + lines.join('\n  ')
    assert lines[1] == 'table | distribution | mode | placements with trigger | slow-path shards | history rows | history size | last change'
    assert lines[3] ==~ /shard6\.account \| - \| plain \| - \| - \| 0 \| \d+ kB \| never/ : "unexpected info row: ${lines[3]}"

    def help = log.indexOf('citus-audit:info')
    assert help > info : 'help did not describe citus-audit:info'
    assert log.indexOf('Read-only: per audited table', help) > 0 : "help lacks the info goal's description"
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
