package io.github.citusaudit.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.report.Console;

/**
 * Chooses the throwaway database for a trial: Citus in Docker when a Docker engine is there (and
 * the image starts), else a local Citus installation, else an embedded PostgreSQL (which needs
 * nothing but Java).
 */
public final class Throwaway {

    /** {@code AUTO} takes the best there is; {@code POSTGRES} always the embedded PostgreSQL. */
    public enum Kind {
        AUTO, CITUS, POSTGRES
    }

    private Throwaway() {
    }

    /** @param citusImage the Docker image of the Citus nodes; null for {@link CitusContainers#DEFAULT_IMAGE} */
    public static ThrowawayDatabase start(Kind kind, String citusImage, Console console) {
        if (kind == Kind.POSTGRES) {
            return ThrowawayPostgres.start();
        }
        List<String> reasons = new ArrayList<>();
        if (CitusContainers.dockerAvailable()) {
            try {
                return CitusContainers.start(citusImage);
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
        return ThrowawayPostgres.start();
    }
}
