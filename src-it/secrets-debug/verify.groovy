// Both builds ran at debug level and connected as auditor (so the password reached the server),
// yet the password appears nowhere: not in the output, not in any file the builds wrote.
def pg = System.getProperties().get('citus-audit.it.secrets.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.secrets.postgres'
try {
    def password = 'Pa55-sEcReT-7c1e'
    def log = new File(basedir, 'build.log').getText('UTF-8')
    assert log.contains('[DEBUG]') : 'the builds did not run at debug level'
    assert log.contains('(f) serverId = citus-audit-secrets') : 'the debug output lacks the mojo parameters'
    def verified = (log =~ /Verified 4 check\(s\) on PostgreSQL[^\n]*all passed/).count
    assert verified == 2 : "verify passed in ${verified} of the 2 builds"
    assert !log.contains(password) : 'build.log contains the password'

    def leaks = []
    basedir.eachFileRecurse { file ->
        // the test's own files name the password on purpose
        if (file.isFile() && !(file.name in ['setup.groovy', 'verify.groovy', 'invoker.properties']) && file.text.contains(password)) {
            leaks << file
        }
    }
    assert leaks.isEmpty() : "the password is in ${leaks}"
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.secrets.postgres')
}
