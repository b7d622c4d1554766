package io.github.citusaudit.mojo;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

import io.github.citusaudit.spec.DidYouMean;

/**
 * The {@code -Dcitus-audit.*} properties that no goal of the plugin reads. Maven ignores a property
 * nobody reads, so a typo such as {@code -Dcitus-audit.dryrun=true} would run apply for real.
 */
final class UnknownProperties {

    static final String PREFIX = "citus-audit.";
    private static final Pattern PROPERTY = Pattern.compile("^\\$\\{(citus-audit\\.[^}]+)}$");

    private UnknownProperties() {
    }

    /** Every property some goal of the plugin reads, from the plugin's own descriptor. */
    static Set<String> known(PluginDescriptor plugin) {
        Set<String> known = new TreeSet<>();
        for (MojoDescriptor mojo : plugin.getMojos()) {
            List<Parameter> parameters = mojo.getParameters() == null ? List.of() : mojo.getParameters();
            for (Parameter parameter : parameters) {
                Matcher property = PROPERTY.matcher(parameter.getExpression() == null ? "" : parameter.getExpression());
                if (property.matches()) {
                    known.add(property.group(1));
                }
            }
        }
        return known;
    }

    /** One line per unknown property, with the closest known one when there is one. */
    static List<String> of(Properties userProperties, Set<String> known) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(userProperties.stringPropertyNames())) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                problems.add("-D" + name + " is not a property of any citus-audit goal" + DidYouMean.hint(name, known));
            }
        }
        return problems;
    }
}
