#!/usr/bin/python3
"""Writes the TEST models sr-worker's engine and output-guard tests run through DJL, with their sidecars and golden
output. None of them is for upscaling.

    /usr/bin/python3 model/make_engine_test_models.py [--out sr-worker/src/test/resources/engine]

odd-channels-x4-test: a model as a user might bring one, with a convolution whose 52 input channels do not fill
    whole blocks of 16 (random weights, seeded). Golden: its output on a seeded 64x48 LR frame, computed here with
    torch 1.13 and rounded to 8 bits as the model contract says (odd-channels-x4-test.lr.u8 -> .hr.u8, packed RGB).
faulty-x4-test: bicubic, except that it returns NaN for a frame whose mean red is above one half and black for a
    frame whose mean green is above one half: the two kinds of invalid output the worker must catch.
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402

SCALE: int = 4
GOLDEN_W, GOLDEN_H = 64, 48  # large enough for libtorch to take its oneDNN path (over 20480 input values)


class OddChannels(nn.Module):
    def __init__(self):
        super().__init__()
        self.expand = nn.Conv2d(3, 52, 3, padding=1)
        self.mix = nn.Conv2d(52, 3 * SCALE * SCALE, 3, padding=1)
        self.scale = SCALE

    def forward(self, lr: Tensor) -> Tensor:
        up = F.interpolate(lr, scale_factor=float(self.scale), mode="bicubic", align_corners=False)
        detail = F.pixel_shuffle(self.mix(torch.relu(self.expand(lr))), self.scale)
        return (up + detail).clamp(0.0, 1.0)


class Faulty(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = SCALE

    def forward(self, lr: Tensor) -> Tensor:
        up = F.interpolate(lr, scale_factor=float(self.scale), mode="bicubic", align_corners=False).clamp(0.0, 1.0)
        red = lr[:, 0].mean(dim=[1, 2]).view(-1, 1, 1, 1) > 0.5
        green = lr[:, 1].mean(dim=[1, 2]).view(-1, 1, 1, 1) > 0.5
        up = torch.where(green, torch.zeros_like(up), up)
        return torch.where(red, torch.full_like(up, float("nan")), up)


def save(model: nn.Module, out: str, name: str, description: str) -> str:
    path = os.path.join(out, name + ".pt")
    torch.jit.script(model.eval()).save(path)
    keys = {"format": "1", "name": name, "version": export.VERSION, "scale": str(SCALE), "layout": "NCHW",
            "channels": "3", "colour_order": "RGB", "value_min": "0", "value_max": "1", "inputs": "lr",
            "sha256": export.sha256_of(path), "description": description}
    export.write_sidecar(os.path.join(out, name + ".properties"), keys)
    return path


def to_rgb24(nchw: Tensor) -> np.ndarray:
    """The contract's conversion: clamp, scale to 0..255, round half to even, packed RGB per frame."""
    return (nchw.clamp(0, 1) * 255).round().to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy()


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "sr-worker", "src", "test", "resources", "engine"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(20261204)
    odd = OddChannels()
    with torch.no_grad():
        for p in odd.parameters():
            p.copy_(torch.randn_like(p) * 0.1)
    path = save(odd, args.out, "odd-channels-x4-test",
                "TEST MODEL with random weights and a 52-input-channel convolution, for the engine check; "
                "not for upscaling")
    lr8 = torch.randint(0, 256, (1, GOLDEN_H, GOLDEN_W, 3), dtype=torch.uint8)
    with torch.no_grad():
        hr = torch.jit.load(path)(lr8.permute(0, 3, 1, 2).float() / 255)
    lr8.numpy().tofile(os.path.join(args.out, "odd-channels-x4-test.lr.u8"))
    to_rgb24(hr).tofile(os.path.join(args.out, "odd-channels-x4-test.hr.u8"))
    save(Faulty(), args.out, "faulty-x4-test",
         "TEST MODEL: bicubic, but NaN for a frame with mean red over 0.5 and black for one with mean green over "
         "0.5; not for upscaling")
    print(f"wrote the engine test models to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
