package io.graylane.testkit;

/** A server could not be started, did not answer, or failed a check. The message names the server. */
public class TestkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TestkitException(String message) {
        super(message);
    }

    public TestkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
