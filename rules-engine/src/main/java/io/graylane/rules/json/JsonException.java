package io.graylane.rules.json;

/** Malformed JSON text: the message names line and column. */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
