package dev.srp.contract;

/** A record on an srp topic could not be decoded; it belongs on the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
