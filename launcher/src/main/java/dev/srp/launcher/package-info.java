/** The srp command line: {@code upscale} runs every service in one JVM on an embedded broker; the others run one service against a Kafka cluster. */
package dev.srp.launcher;
