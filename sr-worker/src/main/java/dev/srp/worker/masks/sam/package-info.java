/**
 * Segment Anything as a mask generator: a user-supplied SAM exported to TorchScript (encoder + prompt decoder, see
 * docs/sam.md) driven by SAM's automatic mask generation (point grid, IoU and stability filters, box NMS), with the
 * kept masks pooled to LR resolution and thresholded as SAMSR does.
 */
package dev.srp.worker.masks.sam;
