// A misspelt property fails the build before the goal does anything, and says what was meant.
def log = new File(basedir, 'build.log').getText('UTF-8')
def expected = "-Dcitus-audit.dryrun is not a property of any citus-audit goal (did you mean 'citus-audit.dryRun'?)"
assert log.contains(expected) : "build.log lacks '${expected}'"
assert !new File(basedir, 'target/citus-audit/install.sql').exists() : "generate ran although the property was unknown"
return true
