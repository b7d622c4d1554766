// citus-audit.skip=true skips the goal before anything else: the spec named in the pom does not
// exist, so reaching it would have failed the build.
def log = new File(basedir, 'build.log').getText('UTF-8')

// Maven names the execution by the goal prefix: --- citus-audit:<version>:generate (audit-sql) @ skip ---
assert log =~ /--- citus-audit:[^:]+:generate \(audit-sql\) @ skip ---/ : "the generate goal did not run at all"
assert log.contains('citus-audit: skipped (citus-audit.skip=true)') : "build.log lacks the skipped line"
assert log.indexOf(':generate (audit-sql) @ skip') < log.indexOf('citus-audit: skipped (citus-audit.skip=true)') : "the skipped line is not the goal's"
assert !log.contains('no-such-spec.yaml') : "the spec was looked at although the goal is skipped"
assert !new File(basedir, 'no-such-spec.yaml').exists() : "the spec of this test must not exist"

def out = new File(basedir, 'target/citus-audit')
assert !out.exists() : "target/citus-audit was created although the goal is skipped: ${out}"
return true
