package io.github.citusaudit.render;

/** A template could not be found or rendered; names the template. */
public final class RenderException extends RuntimeException {

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
