package dev.srp.contract;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What srp's binary message formats share: a three-byte magic, a version byte and a kind byte open every message,
 * null stays null (a tombstone), and anything that does not decode becomes a {@link MalformedMessageException}
 * naming the message type, so a service can dead-letter it. The formats themselves are written by the subclasses.
 *
 * @param <T> the message type
 */
public abstract class WireSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final byte[] magic;
    private final String what;

    /**
     * @param magic the three bytes every message of this type starts with
     * @param what  the message type as errors name it, e.g. "frame"
     */
    protected WireSerde(byte[] magic, String what) {
        this.magic = magic.clone();
        this.what = what;
    }

    @Override
    public final byte[] serialize(String topic, T message) {
        return message == null ? null : write(message);
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            for (byte expected : magic) {
                if (b.get() != expected) {
                    throw new MalformedMessageException("not an srp " + what + " message (bad magic)");
                }
            }
            return read(b, b.get() & 0xff);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException(what + " message truncated (" + data.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(what + " message invalid: " + e.getMessage(), e);
        }
    }

    /** The message's bytes, magic and version included. */
    protected abstract byte[] write(T message);

    /** The message after its magic and version byte; throws {@link MalformedMessageException} on bad input. */
    protected abstract T read(ByteBuffer b, int version);

    /** A buffer for a message of {@code bodyBytes} after the header, with the magic, version and kind written. */
    protected final ByteBuffer header(int bodyBytes, int version, Enum<?> kind) {
        return ByteBuffer.allocate(magic.length + 2 + bodyBytes).put(magic).put((byte) version)
                .put((byte) kind.ordinal());
    }

    /** The kind byte that follows the version. */
    protected final <K extends Enum<K>> K readKind(ByteBuffer b, K[] kinds) {
        int code = b.get() & 0xff;
        if (code >= kinds.length) {
            throw new MalformedMessageException("unknown " + what + " message kind " + code);
        }
        return kinds[code];
    }

    /** A length-prefixed block that must end the message exactly. */
    protected static byte[] readTail(ByteBuffer b, String name) {
        int length = b.getInt();
        if (length < 0 || length != b.remaining()) {
            throw new MalformedMessageException(name + " length " + length + " but " + b.remaining()
                    + " bytes follow");
        }
        byte[] tail = new byte[length];
        b.get(tail);
        return tail;
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {
        // configured by its constructor
    }

    @Override
    public final void close() {
        // stateless
    }
}
