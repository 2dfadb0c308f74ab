/** JavaCV/FFmpeg helpers shared by ingest and egress: RGB frame copies, FFmpeg logging, reconnect back-off,
        URL credential masking. */
package dev.srp.media;
