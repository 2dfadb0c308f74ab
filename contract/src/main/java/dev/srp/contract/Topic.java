package dev.srp.contract;

import org.apache.kafka.common.serialization.Serde;

/**
 * One srp topic bound to the serde of its records, so every service that writes or reads it encodes it the same
 * way and none builds a serde of its own.
 *
 * @param name  the topic's name, prefix included
 * @param serde how its record values are encoded
 * @param <T>   the record value type
 */
public record Topic<T>(String name, Serde<T> serde) {
    /** The value's bytes as this topic carries them. */
    public byte[] serialize(T value) {
        return serde.serializer().serialize(name, value);
    }

    /**
     * A record value of this topic.
     *
     * @throws MalformedMessageException when the bytes are not a message of this topic
     */
    public T deserialize(byte[] value) {
        return serde.deserializer().deserialize(name, value);
    }
}
