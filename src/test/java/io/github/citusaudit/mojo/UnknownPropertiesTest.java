package io.github.citusaudit.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.maven.plugin.descriptor.DuplicateParameterException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;

class UnknownPropertiesTest {

    @Test
    void theKnownPropertiesAreThoseTheGoalsRead() throws Exception {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.addMojo(mojo("apply", "${citus-audit.dryRun}", "${citus-audit.url}", "${settings}"));
        plugin.addMojo(mojo("verify", "${citus-audit.url}", "${citus-audit.failOnDrift}"));
        assertEquals(Set.of("citus-audit.dryRun", "citus-audit.url", "citus-audit.failOnDrift"), UnknownProperties.known(plugin));
    }

    @Test
    void aMisspeltPropertyIsNamedWithTheClosestKnownOneAndOthersAreLeftAlone() {
        Properties user = new Properties();
        user.setProperty("citus-audit.dryrun", "true");
        user.setProperty("citus-audit.url", "jdbc:postgresql://db/app");
        user.setProperty("citus-audit.nonsense", "1");
        user.setProperty("flyway.url", "jdbc:postgresql://db/app");
        assertEquals(List.of("-Dcitus-audit.dryrun is not a property of any citus-audit goal (did you mean 'citus-audit.dryRun'?)",
                "-Dcitus-audit.nonsense is not a property of any citus-audit goal"),
                UnknownProperties.of(user, Set.of("citus-audit.dryRun", "citus-audit.url")));
    }

    private static MojoDescriptor mojo(String goal, String... expressions) throws DuplicateParameterException {
        MojoDescriptor mojo = new MojoDescriptor();
        mojo.setGoal(goal);
        int n = 0;
        for (String expression : expressions) {
            Parameter parameter = new Parameter();
            parameter.setName("p" + n++);
            parameter.setExpression(expression);
            mojo.addParameter(parameter);
        }
        return mojo;
    }
}
