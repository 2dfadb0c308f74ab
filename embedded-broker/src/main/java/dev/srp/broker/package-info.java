/** A real single-node KRaft Kafka broker inside the JVM, for {@code srp upscale} on one machine and for tests. */
package dev.srp.broker;
