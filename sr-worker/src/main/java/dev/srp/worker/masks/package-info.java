/** Semantic masks for SAMSR: generators that segment a frame into overlapping masks, and their compact form. */
package dev.srp.worker.masks;
