/** The wire contract shared by every srp service: frame and audio messages, their serdes, topic names, Kafka size limits and the model sidecar. */
package dev.srp.contract;
