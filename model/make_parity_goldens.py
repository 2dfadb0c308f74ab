#!/usr/bin/python3
"""Writes the golden files for sr-worker's Java parity tests of the SAMSR math and of a SAMSR model through DJL.

The model is the fast architecture with RANDOM weights (seeded), named as a test model: it exercises every layer
and the schedule math inside the TorchScript, which an untrained model (zero last layer: plain bicubic) would not.

    /usr/bin/python3 model/make_parity_goldens.py --out sr-worker/src/test/resources/samsr-parity

With --shipped models/NAME.pt it instead runs that shipped TorchScript on the existing golden lr, W and eps' and
writes shipped-NAME-hr.f32 plus shipped-NAME.properties (the model's sha256), for the parity test of the model
srp uses by default. Rerun it whenever the shipped weights change; the Java test refuses a sha256 mismatch.
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
from srp_model import archs, samsr  # noqa: E402

H, W, M, SCALE = 12, 16, 2, 4


def write_f32(path, tensor):
    tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tofile(path)


def shipped(out: str, model_path: str) -> None:
    props = {}
    with open(os.path.join(out, "golden.properties")) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.strip().split("=", 1)
                props[k] = v
    h, w, c = int(props["height"]), int(props["width"]), int(props["channels"])

    def read(name, shape):
        return torch.from_numpy(np.fromfile(os.path.join(out, name), dtype="<f4").reshape(shape))

    model = torch.jit.load(model_path).eval()
    # an x2 model takes 3*2*2 noise channels: the first ones of the x4 goldens' eps (the Java test slices alike)
    noise_channels = c
    sidecar = os.path.splitext(model_path)[0] + ".properties"
    with open(sidecar) as f:
        for line in f:
            if line.startswith("noise_channels="):
                noise_channels = int(line.strip().split("=", 1)[1])
    eps = read("eps.f32", (1, c, h, w))[:, :noise_channels].contiguous()
    with torch.no_grad():
        hr = model(read("lr.f32", (1, 3, h, w)), read("weight.f32", (1, 1, h, w)), eps)
    name = os.path.splitext(os.path.basename(model_path))[0]
    write_f32(os.path.join(out, f"shipped-{name}-hr.f32"), hr)
    with open(os.path.join(out, f"shipped-{name}.properties"), "w") as f:
        f.write(f"# output of {name}.pt on the golden inputs, torch {torch.__version__}\n"
                f"sha256={export.sha256_of(model_path)}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--shipped", help="a shipped model .pt: write its golden output instead")
    args = ap.parse_args()
    out = args.out
    if args.shipped:
        shipped(out, args.shipped)
        return
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20261123)
    model = archs.build("fast", SCALE).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.05)
    export.export(model, out, "samsr-fast-x4-random-test",
                  "TEST MODEL with random weights for the Java parity test; not for upscaling")
    masks = torch.zeros(1, M, H, W)
    masks[0, 0, 2:9, 3:12] = 1      # overlapping rectangles, some pixels in neither (background)
    masks[0, 1, 5:12, 8:16] = 1
    channels = 3 * SCALE * SCALE
    z = torch.randn(1, M + 1, channels, H, W)
    eps = samsr.sam_noise(masks, z)
    weight = samsr.weight_map(masks)
    lr = torch.rand(1, 3, H, W)
    with torch.no_grad():
        hr = model(lr, weight, eps)
    masks.to(torch.uint8).numpy().tofile(os.path.join(out, "masks.u8"))
    write_f32(os.path.join(out, "z.f32"), z)
    write_f32(os.path.join(out, "eps.f32"), eps)
    write_f32(os.path.join(out, "weight.f32"), weight)
    write_f32(os.path.join(out, "lr.f32"), lr)
    write_f32(os.path.join(out, "hr.f32"), hr)
    with open(os.path.join(out, "golden.properties"), "w") as f:
        f.write(f"# shapes of the little-endian raw files (N=1 omitted)\nheight={H}\nwidth={W}\nmasks={M}\n"
                f"channels={channels}\nscale={SCALE}\ntorch={torch.__version__}\n")


if __name__ == "__main__":
    main()
