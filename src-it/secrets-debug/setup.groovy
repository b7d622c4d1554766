// Starts a real PostgreSQL (zonky's embedded binaries) whose pg_hba.conf makes 'auditor' log in
// with a password over TCP (scram-sha-256), so the builds that follow only connect if the plugin
// passes the right password. Hands the URL and the settings-security.xml location to them through
// .mvn/maven.config. verify.groovy stops it.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def hba = new File(basedir, 'target/pg_hba.conf')
hba.parentFile.mkdirs()
hba.setText('''local all all trust
host all postgres 127.0.0.1/32 trust
host all postgres ::1/128 trust
host all auditor 127.0.0.1/32 scram-sha-256
host all auditor ::1/128 scram-sha-256
''', 'UTF-8')
def pg = EmbeddedPostgres.builder().setServerConfig('hba_file', hba.absolutePath).start()
System.getProperties().put('citus-audit.it.secrets.postgres', pg)

def props = new Properties()
props.setProperty('user', 'postgres')
def connection = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:${pg.port}/postgres", props)
try {
    def statement = connection.createStatement()
    statement.execute("SET password_encryption = 'scram-sha-256'")
    statement.execute("CREATE ROLE auditor LOGIN SUPERUSER PASSWORD 'Pa55-sEcReT-7c1e'")
    statement.close()
} finally {
    connection.close()
}

def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').setText(
        "-Dcitus-audit.url=jdbc:postgresql://127.0.0.1:${pg.port}/postgres\n" +
        "-Dsettings.security=${new File(basedir, 'settings-security.xml').absolutePath}\n", 'UTF-8')
println "secrets-debug: embedded PostgreSQL on port ${pg.port}, auditor logs in with a password"
return true
