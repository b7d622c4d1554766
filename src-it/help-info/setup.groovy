// Starts a real PostgreSQL (zonky's embedded binaries, on the hook's classpath through
// addTestClassPath) and hands its URL to the build that follows through .mvn/maven.config, which
// Maven reads from the project directory. verify.groovy stops it.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def pg = EmbeddedPostgres.builder().start()
System.getProperties().put('citus-audit.it.postgres', pg)

def url = pg.getJdbcUrl('postgres', 'postgres')
def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').setText("-Dcitus-audit.url=${url}\n-Dcitus-audit.user=postgres\n", 'UTF-8')
println "help-info: embedded PostgreSQL at ${url}"
return true
