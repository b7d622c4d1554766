// A bad spec fails the build before anything is written, every problem located as file:line:column.
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('Invalid spec:') : "build.log lacks 'Invalid spec:'"

[
    "citus-audit.yaml:9:7: unknown key 'shardcount' in the distribution of table 'account' (did you mean 'shardCount'?); allowed: column, shardCount, colocateWith",
    "citus-audit.yaml:14:17: the primary key of table 'account' must include the distribution column 'client_id' (Citus refuses unique constraints without it)",
].each { expected ->
    assert log.contains(expected) : "build.log lacks the located message '${expected}'"
}

// The path printed is the spec's own, so an editor can jump to it.
def specPath = new File(basedir, 'citus-audit.yaml').canonicalPath
assert log.contains(specPath + ':9:7: ') : "the message does not name the spec file ${specPath}"

// Problems are listed in file order: line 9 before line 14.
assert log.indexOf('citus-audit.yaml:9:7:') < log.indexOf('citus-audit.yaml:14:17:') : "problems are not in file order"

def install = new File(basedir, 'target/citus-audit/install.sql')
assert !install.exists() : "install.sql was written although the spec is invalid: ${install}"
def uninstall = new File(basedir, 'target/citus-audit/uninstall.sql')
assert !uninstall.exists() : "uninstall.sql was written although the spec is invalid: ${uninstall}"
return true
