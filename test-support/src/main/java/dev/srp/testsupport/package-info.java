/**
 * What the services' tests share (test scope only, never shipped): a real embedded broker per test class with fresh
 * topics per test, reading topics to their end, and generated clips, live camera streams and frame-index patterns.
 */
package dev.srp.testsupport;
