package dev.srp.contract;

/**
 * An error a person can act on: the message names the operation and the input, the hint says what to do.
 * Library exceptions are wrapped into this at module boundaries; the CLI prints message and hint on one line.
 */
public class SrpException extends RuntimeException {
    private final String hint;

    public SrpException(String message, String hint) {
        this(message, hint, null);
    }

    public SrpException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** One line: "message (hint)". */
    public String oneLine() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + " -- " + hint;
    }
}
