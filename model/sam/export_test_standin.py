#!/usr/bin/python3
"""Exports a SAM-SHAPED TEST STAND-IN: two tiny TorchScript files with the interface srp's SAM mask generator
expects from a real Segment Anything export (see docs/sam.md), but no learned weights.

The stand-in "encoder" returns a downscaled copy of the image as its embedding; the "decoder" returns, for each point
prompt, three nested disc-shaped masks (small, medium, large: SAM's multimask output) whose logits fall off with the
distance to the point, and IoU predictions that favour masks covering uniform colour. That is enough to test the
automatic-mask-generation pipeline (point grid, IoU and stability filters, box NMS, pooling to LR) end to end through
DJL without shipping SAM's weights, which cannot be downloaded here. It is NOT a segmenter.

    /usr/bin/python3 model/sam/export_test_standin.py --out sr-worker/src/test/resources/sam-standin
"""
import argparse
import hashlib
import os

import torch
import torch.nn.functional as F

IMAGE_SIZE = 256   # a real SAM uses 1024
MASK_SIZE = 64     # a real SAM's low-res masks are 256
EMBED = 16         # embedding grid side (a real SAM: 64)


class StandInEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = EMBED

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        # image: [1, 3, IMAGE_SIZE, IMAGE_SIZE], SAM-normalised
        return F.adaptive_avg_pool2d(image, (self.embed, self.embed))


class StandInDecoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.mask_size = MASK_SIZE
        self.image_size = IMAGE_SIZE

    def forward(self, embeddings: torch.Tensor, point_coords: torch.Tensor, point_labels: torch.Tensor):
        # point_coords: [N, 1, 2] (x, y) in input-image pixels; point_labels: [N, 1] (1 = foreground)
        n = point_coords.shape[0]
        ys = torch.arange(self.mask_size, dtype=torch.float32).view(1, self.mask_size, 1) + 0.5
        xs = torch.arange(self.mask_size, dtype=torch.float32).view(1, 1, self.mask_size) + 0.5
        scale = self.mask_size / self.image_size
        px = point_coords[:, 0, 0].view(n, 1, 1) * scale
        py = point_coords[:, 0, 1].view(n, 1, 1) * scale
        dist = torch.sqrt((xs - px) ** 2 + (ys - py) ** 2)
        radii = torch.tensor([0.06, 0.14, 0.30]) * self.mask_size
        # steep edges, like a confident SAM: the stability score (thresholds at +-1 logit) is about 0.98
        logits = (radii.view(1, 3, 1, 1) - dist.unsqueeze(1)) * 20.0         # [N, 3, M, M]
        # IoU prediction: how uniform the embedding is around the point (uniform regions are "objects")
        emb = F.interpolate(embeddings, size=(self.mask_size, self.mask_size), mode="bilinear", align_corners=False)
        inside = (logits > 0).float()                                        # [N, 3, M, M]
        area = inside.sum(dim=(2, 3)).clamp(min=1.0)
        mean = torch.einsum("nkhw,chw->nkc", inside, emb[0]) / area.unsqueeze(2)
        sq = torch.einsum("nkhw,chw->nkc", inside, emb[0] ** 2) / area.unsqueeze(2)
        spread = (sq - mean ** 2).clamp(min=0).mean(dim=2)
        iou = torch.exp(-spread * 4.0) * (point_labels.view(n, 1) > 0).float()
        return logits, iou


def save(module, path):
    torch.jit.script(module).save(path)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    enc = save(StandInEncoder(), os.path.join(args.out, "encoder.pt"))
    dec = save(StandInDecoder(), os.path.join(args.out, "decoder.pt"))
    with open(os.path.join(args.out, "sam.properties"), "w") as f:
        f.write("# SAM export sidecar read by dev.srp.worker.masks.sam.SamModel\n")
        f.write("format=1\nname=sam-shaped-test-standin\n")
        f.write(f"image_size={IMAGE_SIZE}\nmask_size={MASK_SIZE}\n")
        f.write("pixel_mean=123.675,116.28,103.53\npixel_std=58.395,57.12,57.375\n")
        f.write(f"encoder_sha256={enc}\ndecoder_sha256={dec}\n")
        f.write("description=TEST STAND-IN with SAM's interface and no learned weights: disc masks around each "
                "point; made by model/sam/export_test_standin.py\n")


if __name__ == "__main__":
    main()
