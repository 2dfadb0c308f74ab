#!/usr/bin/python3
"""Packs the training photos and their masks into a folder small enough to carry to a GPU machine.

    /usr/bin/python3 model/pack_data.py --out DIR [--budget-mib 38] [--scales 2 4] [--data model/data] [--seed 7]

A machine lent for training takes 64 MiB with each command, the repository's own 20 MiB included, while the HR
photos are 115 MB of PNG. So
each photo gives one region, the same share of every photo's area (at least 256 px on each side, so a x4 training
crop of 192 px fits), placed at random (seeded), on a multiple of 4 pixels so that the LR masks of every scale crop
exactly with it. The share is the largest whose PNGs fit the budget beside the masks. DIR then reads like
model/data for model/train.py and model/train_gpu.py: hr/NAME.png, masks{s}/NAME.masks.npy.gz, pack.tsv (name,
offset and size in the original photo). Every photo keeps a region, so the pack keeps the variety of all the
packages; what it gives up is area inside each photo.
"""
import argparse
import glob
import gzip
import io
import os
import shutil

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SIDE = 256
ALIGN = 4


def region(w: int, h: int, share: float, rng: np.random.Generator):
    """(x, y, rw, rh): share of the area, the photo's aspect, at least MIN_SIDE a side, on the ALIGN grid."""
    f = min(1.0, share ** 0.5)
    rw = max(min(w, MIN_SIDE), int(w * f)) // ALIGN * ALIGN
    rh = max(min(h, MIN_SIDE), int(h * f)) // ALIGN * ALIGN
    x = int(rng.integers(0, (w - rw) // ALIGN + 1)) * ALIGN
    y = int(rng.integers(0, (h - rh) // ALIGN + 1)) * ALIGN
    return x, y, rw, rh


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def masks_bytes(masks: np.ndarray) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as f:
        np.save(f, masks)
    return buf.getvalue()


def pack(data: str, scales, share: float, seed: int):
    """{relative path: bytes} and the pack.tsv rows, for one share of each photo's area."""
    rng = np.random.default_rng(seed)
    files, rows = {}, []
    for path in sorted(glob.glob(os.path.join(data, "hr", "*.png"))):
        name = os.path.splitext(os.path.basename(path))[0]
        mask_paths = {s: os.path.join(data, f"masks{s}", name + ".masks.npy.gz") for s in scales}
        if not all(os.path.isfile(p) for p in mask_paths.values()):
            continue
        img = Image.open(path).convert("RGB")
        x, y, rw, rh = region(img.width, img.height, share, rng)
        files[f"hr/{name}.png"] = png_bytes(img.crop((x, y, x + rw, y + rh)))
        for s, p in mask_paths.items():
            with gzip.open(p) as f:
                masks = np.load(f)
            cut = masks[:, y // s:(y + rh) // s, x // s:(x + rw) // s]
            files[f"masks{s}/{name}.masks.npy.gz"] = masks_bytes(np.ascontiguousarray(cut))
        rows.append(f"{name}\t{x}\t{y}\t{rw}\t{rh}\t{img.width}\t{img.height}")
    return files, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--data", default=os.path.join(HERE, "data"))
    parser.add_argument("--budget-mib", type=float, default=38.0)
    parser.add_argument("--scales", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--share", type=float, help="skip the search: this share of each photo's area")
    args = parser.parse_args()
    budget = args.budget_mib * 2 ** 20
    whole = sum(os.path.getsize(p) for p in glob.glob(os.path.join(args.data, "hr", "*.png")))
    share = args.share or min(1.0, 0.9 * budget / max(whole, 1))
    while True:
        files, rows = pack(args.data, args.scales, share, args.seed)
        total = sum(len(b) for b in files.values())
        print(f"share {share:.3f}: {len(rows)} photos, {total / 2 ** 20:.1f} MiB")
        if total <= budget or args.share:
            break
        share *= 0.95 * budget / total
    if not rows:
        raise SystemExit(f"no photo with masks at scales {args.scales} under {args.data}; run "
                         f"model/data/make_masks.py --scale S for each")
    shutil.rmtree(args.out, ignore_errors=True)
    for rel, blob in files.items():
        os.makedirs(os.path.join(args.out, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(args.out, rel), "wb") as f:
            f.write(blob)
    with open(os.path.join(args.out, "pack.tsv"), "w", encoding="utf-8") as f:
        f.write("name\tx\ty\twidth\theight\tphoto_width\tphoto_height\n" + "\n".join(rows) + "\n")
    print(f"{args.out}: {len(rows)} photos, {share:.3f} of each one's area, {total / 2 ** 20:.1f} MiB")


if __name__ == "__main__":
    main()
