package dev.srp.ingest;

import dev.srp.contract.SrpException;

/** An {@link SrpException} that also says which error counter it belongs to. */
final class IngestFailure extends SrpException {
    private final IngestMetrics.Reason reason;

    IngestFailure(IngestMetrics.Reason reason, String message, String hint, Throwable cause) {
        super(message, hint, cause);
        this.reason = reason;
    }

    IngestFailure(IngestMetrics.Reason reason, String message, String hint) {
        this(reason, message, hint, null);
    }

    IngestMetrics.Reason reason() {
        return reason;
    }
}
