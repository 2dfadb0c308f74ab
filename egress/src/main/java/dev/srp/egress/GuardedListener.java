package dev.srp.egress;

import dev.srp.contract.SrpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a throwing listener from stopping the consumer loop: its exceptions are logged, not propagated. */
final class GuardedListener implements EgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);
    private final EgressListener delegate;

    GuardedListener(EgressListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onFrameWritten(String streamId, long frameIndex) {
        try {
            delegate.onFrameWritten(streamId, frameIndex);
        } catch (RuntimeException e) {
            LOG.warn("egress listener failed on frame {} of {}", frameIndex, streamId, e);
        }
    }

    @Override
    public void onStreamFinished(EgressResult result) {
        try {
            delegate.onStreamFinished(result);
        } catch (RuntimeException e) {
            LOG.warn("egress listener failed on finished stream {}", result.streamId(), e);
        }
    }

    @Override
    public void onStreamFailed(String streamId, SrpException error) {
        try {
            delegate.onStreamFailed(streamId, error);
        } catch (RuntimeException e) {
            LOG.warn("egress listener failed on failed stream {}", streamId, e);
        }
    }
}
