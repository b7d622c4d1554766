package io.github.citusaudit.render;

import java.io.File;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders the Velocity templates. The bundled ones sit in the jar under {@code citus-audit/templates/};
 * a file of the same relative name in the user's override directory wins.
 */
public final class TemplateRenderer {

    static final String BUNDLED_PREFIX = "citus-audit/templates/";

    private final VelocityEngine engine;
    private final File overrideDirectory;
    private final SqlQuote quote = new SqlQuote();

    /** @param overrideDirectory a directory of templates that replace bundled ones, or null */
    public TemplateRenderer(File overrideDirectory) {
        this.overrideDirectory = overrideDirectory;
        Properties properties = new Properties();
        if (overrideDirectory != null) {
            properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "file,class");
            properties.setProperty("resource.loader.file.path", overrideDirectory.getAbsolutePath());
        } else {
            properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        }
        properties.setProperty("resource.loader.class.class", BundledTemplates.class.getName());
        // Parse each template once: a spec of hundreds of tables renders the same templates again
        // and again (and #parse's shared pieces within each), which unparsed costs seconds.
        properties.setProperty("resource.loader.class.cache", "true");
        properties.setProperty("resource.loader.file.cache", "true");
        properties.setProperty("resource.loader.class.modification_check_interval", "-1");
        properties.setProperty("resource.loader.file.modification_check_interval", "-1");
        // A misspelt reference in a template must fail loudly, not render as text into SQL.
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        properties.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        // #if($x) means "is set" (or a true Boolean): no emptiness probe, which calls toString() on
        // model objects for every test and costs more than the rest of rendering.
        properties.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
        engine = new VelocityEngine(properties);
        engine.init();
    }

    /** Whether the template rendered under this name is the bundled one (no override of it in the user's directory). */
    public boolean bundled(String name) {
        return overrideDirectory == null || !new File(overrideDirectory, name).isFile();
    }

    /** Renders one template to SQL text, trimmed. */
    public String render(String name, Map<String, Object> values) {
        VelocityContext context = new VelocityContext();
        context.put("q", quote);
        values.forEach(context::put);
        String resource = overrideDirectory != null && new File(overrideDirectory, name).isFile()
                ? name + " (override in " + overrideDirectory + ")"
                : name;
        try {
            Template template = engine.getTemplate(name, "UTF-8");
            StringWriter out = new StringWriter();
            template.merge(context, out);
            return out.toString().strip();
        } catch (VelocityException e) {
            throw new RenderException("template " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The templates in the jar, by the same relative names as in an override directory, so that
     * {@code #parse("common/...")} finds a user's override first and the bundled file otherwise.
     */
    public static final class BundledTemplates extends ClasspathResourceLoader {

        @Override
        public Reader getResourceReader(String name, String encoding) {
            return super.getResourceReader(BUNDLED_PREFIX + name, encoding);
        }
    }
}
