#!/usr/bin/python3
"""Computes the built-in generator's masks for every HR photo, at LR size, with sr-worker's own code.

    /usr/bin/python3 model/data/make_masks.py [--data model/data] [--scale 4] [--hr-dir hr]

For each HR/NAME.png: crop to a multiple of the scale, downscale it bicubically (PIL) to lr{s}/NAME.png, then run
`./srp masks lr{s} --out masks{s}` once for all of them, which writes masks{s}/NAME.masks.npy.gz (uint8 [M,h,w]).
Masks are computed on the clean bicubic LR photo; at training time the LR input is degraded further, the way a
camera frame is, while the masks stay those of the clean frame (segmentation is robust to mild degradation, and
one set of masks per photo keeps the 2-core training loop cheap).
"""
import argparse
import glob
import os
import subprocess
import sys

from PIL import Image

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def lr_of(img: Image.Image, scale: int) -> Image.Image:
    w, h = img.width - img.width % scale, img.height - img.height % scale
    return img.crop((0, 0, w, h)).resize((w // scale, h // scale), Image.BICUBIC)


def make_masks(data: str, scale: int, hr_dir: str = "hr") -> str:
    lr_dir = os.path.join(data, f"lr{scale}")
    out_dir = os.path.join(data, f"masks{scale}")
    os.makedirs(lr_dir, exist_ok=True)
    todo = []
    for path in sorted(glob.glob(os.path.join(data, hr_dir, "*.png"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if not os.path.isfile(os.path.join(out_dir, name + ".masks.npy.gz")):
            lr_of(Image.open(path).convert("RGB"), scale).save(os.path.join(lr_dir, name + ".png"))
            todo.append(os.path.join(lr_dir, name + ".png"))
    if todo:
        subprocess.run([os.path.join(REPO, "srp"), "masks", *todo, "--out", out_dir], check=True)
    return out_dir


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=here)
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument("--hr-dir", default="hr")
    args = parser.parse_args()
    print("masks under", make_masks(args.data, args.scale, args.hr_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
