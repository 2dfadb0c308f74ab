#!/usr/bin/python3
"""Evaluates x4 (or, with --scale 2, x2) upscalers on the dev-validation photos (tuxpaint-data) and writes the
model card's tables.

    /usr/bin/python3 model/evaluate.py [--scale 4] [--models NAME=WEIGHTS[:size] ...] [--peers] [--out FILE.md]

Protocol: each photo cropped to a multiple of 4; LR = PIL bicubic downscale by the scale of the 8-bit HR;
scores are Y-PSNR and Y-SSIM (BT.601 luma, 4 px border shaved, outputs rounded to 8 bits), averaged over the photos.
Our models get W and eps' from the built-in generator's masks of the LR photo (computed by `./srp masks`, i.e. by
sr-worker's own code) and the reference SAM-noise module with a fixed seed, exactly as at inference. Speed: CPU ms
per 320x180 frame (torch threads 2, median of 5 after a warm-up). The dev-validation photos are never trained on
(model/data/prepare.py refuses them).
"""
import argparse
import glob
import os
import statistics
import sys
import tempfile
import time
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export  # noqa: E402
from data import make_masks, prepare  # noqa: E402
from srp_model import archs, metrics, samsr, trainset  # noqa: E402

DEVVAL_PACKAGE = "tuxpaint-data"
DEVVAL = ["templates/" + n + ".jpg" for n in (
    "burnt_bark", "cliff", "corn_maze", "jellyfish", "lighthouse", "mossy_bark", "mossy_log", "mudstone",
    "ocean_splash", "ocean_waves", "redwoods_above", "rocks", "sheep", "spiders_web", "sun_behind_clouds",
    "sun_behind_leaves", "trees_above", "trees_at_dusk", "wool_mill_machine")] + ["starters/skyline-sf-dusk-back.jpeg"]
SCALE = 4
BORDER = 4
NOISE_SEED = 2024

Upscaler = Callable[[torch.Tensor, np.ndarray], torch.Tensor]  # (lr [1,3,h,w], masks [M,h,w]) -> hr [1,3,H,W]


def fetch_devval(root: str) -> str:
    """Extracts the dev-validation photos into root/hr (once) and computes their masks; returns root."""
    hr_dir = os.path.join(root, "hr")
    if len(glob.glob(os.path.join(hr_dir, "*.png"))) < len(DEVVAL):
        os.makedirs(hr_dir, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            pkg, _ = prepare.fetch_package(DEVVAL_PACKAGE, scratch)
            for rel in DEVVAL:
                img = prepare.load_rgb(os.path.join(pkg, "usr/share/tuxpaint", rel))
                img = img.crop((0, 0, img.width - img.width % 4, img.height - img.height % 4))
                img.save(os.path.join(hr_dir, os.path.splitext(os.path.basename(rel))[0] + ".png"))
    make_masks.make_masks(root, SCALE)
    return root


def load_devval(root: str) -> List[Tuple[str, torch.Tensor, torch.Tensor, np.ndarray]]:
    """(name, hr [1,3,H,W], lr [1,3,h,w], masks [M,h,w]) per photo; lr is the 8-bit PIL bicubic downscale."""
    out = []
    for photo in trainset.load_photos(root, SCALE):
        lr = np.asarray(Image.open(os.path.join(root, f"lr{SCALE}", photo.name + ".png")).convert("RGB"),
                        dtype=np.float32) / 255.0
        out.append((photo.name, to_tensor(photo.hr), to_tensor(lr), photo.masks))
    return out


def to_tensor(a: np.ndarray) -> torch.Tensor:
    """[H,W,3] float array -> [1,3,H,W] tensor."""
    return torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)))[None]


def pil_bicubic(lr: torch.Tensor, _masks: np.ndarray) -> torch.Tensor:
    arr = (lr[0].permute(1, 2, 0).numpy() * 255.0).round().astype(np.uint8)
    img = Image.fromarray(arr).resize((arr.shape[1] * SCALE, arr.shape[0] * SCALE), Image.BICUBIC)
    return to_tensor(np.asarray(img, dtype=np.float32) / 255.0)


def samsr_upscaler(model: archs.SamsrSR, noise_mode: str = "semantic") -> Upscaler:
    """Inference as sr-worker runs it: W and eps' from the frame's masks, noise seeded (fixed per shot). The
    other noise modes of model/train.py infer without masks: plain noise (gaussian, structure) or none."""
    def run(lr: torch.Tensor, masks: np.ndarray) -> torch.Tensor:
        m = torch.from_numpy(masks.astype(np.float32))[None]
        if noise_mode != "semantic":
            m = m[:, :0]
        gen = torch.Generator().manual_seed(NOISE_SEED)
        noise = samsr.sam_noise_drawn(m, 3 * SCALE * SCALE, gen)
        if noise_mode == "none":
            noise = torch.zeros_like(noise)
        with torch.no_grad():
            return model(lr, samsr.weight_map(m), noise)
    return run


def load_samsr(weights: str, size: Optional[str] = None) -> archs.SamsrSR:
    return export.load_model(size, SCALE, weights).eval()


def score(upscale: Upscaler, photos) -> Tuple[float, float]:
    srs = [(upscale(lr, masks), hr) for _, hr, lr, masks in photos]
    return (statistics.mean(metrics.y_psnr(sr, hr, BORDER) for sr, hr in srs),
            statistics.mean(metrics.y_ssim(sr, hr, BORDER) for sr, hr in srs))


def cpu_ms(upscale: Upscaler, runs: int = 5) -> float:
    """Median ms for one 320x180 frame (masks: a typical 3-level set)."""
    g = torch.Generator().manual_seed(0)
    lr = torch.rand(1, 3, 180, 320, generator=g)
    masks = np.zeros((3, 180, 320), dtype=np.uint8)
    masks[0, :90] = 1
    masks[1, 90:] = 1
    masks[2, 100:150, 50:200] = 1
    upscale(lr, masks)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        upscale(lr, masks)
        times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devval", default=os.path.join(HERE, "data", "devval"))
    parser.add_argument("--models", nargs="*", default=[], metavar="NAME=WEIGHTS[:size]")
    parser.add_argument("--peers", action="store_true", help="also the ESRGAN models from npm (model/peers)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--skip", nargs="*", default=[], help="row names to leave out (e.g. ESRGAN-thick: slow)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--scale", type=int, default=4, choices=(2, 4))
    args = parser.parse_args()
    global SCALE
    SCALE = args.scale
    torch.set_num_threads(args.threads)
    photos = load_devval(fetch_devval(args.devval))
    rows: Dict[str, Tuple[Upscaler, str]] = {"bicubic (PIL)": (pil_bicubic, "-")}
    for spec in args.models:
        name, rest = spec.split("=", 1)
        weights, _, size = rest.partition(":")
        model = load_samsr(weights, size or None)
        rows[name] = (samsr_upscaler(model), f"{archs.count_macs(model, 1, 1) / 1000:.0f} k")
    if args.peers:
        from peers import esrgan, fetch_peers
        for variant in ("slim", "medium", "thick"):
            fetch_peers.fetch(variant, (SCALE,))
            net = esrgan.load(variant, SCALE).eval()
            rows[f"ESRGAN-{variant}"] = (lambda lr, _m, net=net: _no_grad(net, lr),
                                         f"{esrgan.macs_per_lr_pixel(net) / 1000:.0f} k")
    print(f"{len(photos)} dev-validation photos, x{SCALE}, bicubic degradation, Y channel, {BORDER} px border")
    print("| model | MACs / LR px | Y-PSNR dB | Y-SSIM | CPU ms / 320x180 frame |")
    print("|---|---:|---:|---:|---:|")
    for name, (up, macs) in rows.items():
        if name in args.skip:
            continue
        psnr, ssim = score(up, photos)
        ms = "-" if args.no_speed else f"{cpu_ms(up):.0f}"
        print(f"| {name} | {macs} | {psnr:.2f} | {ssim:.4f} | {ms} |", flush=True)


def _no_grad(net: torch.nn.Module, lr: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return net(lr)


if __name__ == "__main__":
    main()
