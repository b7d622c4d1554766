// Build 1: apply (pre-integration-test) then verify (its default phase, verify) with the pom's spec
// property. Build 2: the spec given by -D replaced the property; apply had nothing to do.
def pg = System.getProperties().get('citus-audit.it.postgres')
assert pg != null : 'setup.groovy did not leave the embedded PostgreSQL in citus-audit.it.postgres'
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    def specs = (log =~ /citus-audit: spec (\S+)/).collect { it[1] }
    println "consumer-lifecycle: specs used: ${specs}"
    assert specs.size() == 4 : "expected apply and verify in each of two builds, found ${specs}"
    assert specs[0].endsWith('specs/audit.yaml') && specs[1].endsWith('specs/audit.yaml')
    assert specs[2].endsWith('specs/renamed.yaml') && specs[3].endsWith('specs/renamed.yaml') : '-D did not override the property'

    def apply = log.indexOf('(audit-apply) @ consumer-lifecycle')
    def verify = log.indexOf('(audit-verify) @ consumer-lifecycle')
    assert apply > 0 && verify > apply : 'verify did not run after apply'
    assert log.indexOf('Verified 4 check(s) on PostgreSQL', verify) > verify : 'verify did not run its checks'
    def second = log.indexOf('(audit-apply) @ consumer-lifecycle', verify)
    assert log.indexOf('nothing to do: all', second) > second : 'the second apply did not say nothing to do'
    assert new File(basedir, 'target/citus-audit/TEST-citus-audit-verify.xml').isFile()
    return true
} finally {
    pg.close()
    System.getProperties().remove('citus-audit.it.postgres')
}
