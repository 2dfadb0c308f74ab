#!/usr/bin/python3
"""Exports the INTERIM bicubic upscaler as TorchScript, plus the sidecar the Java loader checks.

No trained SR model exists yet. Until one does, the pipeline ships this honest stand-in: it is plain bicubic
interpolation (no learned weights), named as such, so nobody mistakes its output for real super-resolution.

Run with Debian's interpreter, which carries torch 1.13 CPU:
    /usr/bin/python3 model/export_interim_bicubic.py [--out models] [--scales 2 4]
"""
import argparse
import os

import torch
import torch.nn.functional as F

from export import sha256_of  # model/export.py: the sidecar hashes the same way

VERSION = "0.1.0"


class BicubicUpscaler(torch.nn.Module):
    """forward(lr): float32 NCHW RGB in [0, 1] -> float32 NCHW RGB in [0, 1], scale x larger."""

    def __init__(self, scale: int):
        super().__init__()
        self.scale = float(scale)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        # bicubic overshoots at edges; the contract promises [0, 1], so clamp
        hr = F.interpolate(lr, scale_factor=self.scale, mode="bicubic", align_corners=False)
        return hr.clamp(0.0, 1.0)


def export(scale: int, out_dir: str) -> str:
    name = f"bicubic-x{scale}-interim"
    model_path = os.path.join(out_dir, name + ".pt")
    # script, not trace: a trace would freeze the example's spatial size into the graph
    scripted = torch.jit.script(BicubicUpscaler(scale).eval())
    probe = torch.rand(1, 3, 8, 12)
    out = scripted(probe)
    assert out.shape == (1, 3, 8 * scale, 12 * scale), out.shape
    scripted.save(model_path)

    sidecar = {
        "format": "1",
        "name": name,
        "version": VERSION,
        "scale": str(scale),
        "layout": "NCHW",
        "channels": "3",
        "colour_order": "RGB",
        "value_min": "0",
        "value_max": "1",
        "inputs": "lr",
        "sha256": sha256_of(model_path),
        "description": f"INTERIM stand-in, not a trained model: bicubic x{scale} interpolation "
                       f"(align_corners=False, clamped to 0..1), exported by model/export_interim_bicubic.py "
                       f"with torch {torch.__version__}",
    }
    with open(os.path.join(out_dir, name + ".properties"), "w", encoding="ascii") as f:
        f.write("# Model contract sidecar, read by dev.srp.contract.ModelSidecar\n")
        for key, value in sidecar.items():
            f.write(f"{key}={value}\n")
    return model_path


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "models"))
    parser.add_argument("--scales", type=int, nargs="+", default=[2, 4])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for scale in args.scales:
        path = export(scale, args.out)
        print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
