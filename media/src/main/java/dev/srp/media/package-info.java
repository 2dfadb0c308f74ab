/** JavaCV/FFmpeg helpers shared by ingest and egress: RGB frame copies, FFmpeg logging, synthetic clips. */
package dev.srp.media;
