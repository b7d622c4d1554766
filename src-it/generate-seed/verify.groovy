// generate, bound in an ordinary build, writes install.sql and uninstall.sql for the seed spec.
def out = new File(basedir, 'target/citus-audit')
def install = new File(out, 'install.sql')
def uninstall = new File(out, 'uninstall.sql')

assert install.isFile() : "install.sql was not written: ${install}"
assert uninstall.isFile() : "uninstall.sql was not written: ${uninstall}"

def installSql = install.getText('UTF-8')
[
    'CREATE TABLE IF NOT EXISTS shard6.account (',
    "create_distributed_table('shard6.account', 'client_id'",
    "colocate_with => 'shard6.account'",
    'CREATE TRIGGER account_audit AFTER INSERT OR UPDATE OR DELETE ON shard6.account',
    'CASE TG_TABLE_NAME',
].each { expected ->
    assert installSql.contains(expected) : "install.sql lacks '${expected}':\n${installSql}"
}

def uninstallSql = uninstall.getText('UTF-8')
def drop = 'DROP FUNCTION IF EXISTS shard6.account_audit()'
assert uninstallSql.contains(drop) : "uninstall.sql lacks '${drop}':\n${uninstallSql}"

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Wrote ') && log.contains('install.sql') : "build.log does not report the files written"
return true
