package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import io.github.citusaudit.core.UsageException;
import io.github.citusaudit.db.ConnectionSettings;

/**
 * Goals that talk to a database. Credentials come from, in order: the parameters, a settings.xml
 * {@code <server>} named by {@code serverId} (encrypted passwords are decrypted), the libpq
 * environment variables.
 */
public abstract class AbstractConnectedMojo extends AbstractCitusAuditMojo {

    /** JDBC URL of the coordinator (or plain PostgreSQL), e.g. jdbc:postgresql://localhost:5432/app. */
    @Parameter(property = "citus-audit.url")
    private String url;

    @Parameter(property = "citus-audit.user")
    private String user;

    /** Prefer serverId or PGPASSWORD: a password given here may end up in shell history. */
    @Parameter(property = "citus-audit.password")
    private String password;

    /** The id of a settings.xml server whose username and password are used. */
    @Parameter(property = "citus-audit.serverId")
    private String serverId;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    protected ConnectionSettings connection() {
        String resolvedUser = user;
        String resolvedPassword = password;
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new UsageException("citus-audit.serverId=" + serverId + " names no <server> in settings.xml");
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new UsageException("cannot decrypt the password of server " + serverId + ": " + problem.getMessage());
                }
            }
            Server decrypted = result.getServer();
            resolvedUser = resolvedUser != null ? resolvedUser : decrypted.getUsername();
            resolvedPassword = resolvedPassword != null ? resolvedPassword : decrypted.getPassword();
        }
        return ConnectionSettings.resolve(url, resolvedUser, resolvedPassword, System.getenv());
    }

    /** Whether a database was named at all, for goals where one is optional. */
    protected boolean connectionGiven() {
        return (url != null && !url.isBlank()) || (serverId != null && !serverId.isBlank())
                || System.getenv("PGHOST") != null || System.getenv("PGDATABASE") != null;
    }
}
