"""Y-PSNR of the peer SR models against bicubic on photos, with a bicubic x4 degradation, and their CPU speed.

Protocol (shared/design/data.md, dev-validation photos): HR = 8-bit RGB photo cropped to a multiple of the scale;
LR = PIL BICUBIC downscale of HR; SR output rounded to 8 bits; PSNR on BT.601 luma
Y = 16 + 65.481 R + 128.553 G + 24.966 B (RGB in [0,1], Y on the 0-255 scale), `scale` pixels shaved at each border.

Usage (repo root, after fetch_peers.py and `apt-get download tuxpaint-data && dpkg -x tuxpaint-data_*.deb /tmp/tux`):
  nice /usr/bin/python3 model/peers/evaluate.py --photos /tmp/tux [--variant thick] [--limit 5]
"""
import argparse
import glob
import os
import statistics
import sys
import time
from typing import Callable, List, Sequence

import numpy as np
import torch
from PIL import Image, ImageOps

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # model/ when run as a script
from peers import esrgan  # noqa: E402

Upscaler = Callable[[Image.Image], Image.Image]  # 8-bit RGB LR -> 8-bit RGB HR


def dev_photos(root: str) -> List[str]:
    """The 20 dev-validation photos of tuxpaint-data under root (an install or a dpkg -x folder)."""
    base = os.path.join(root, "usr/share/tuxpaint") if os.path.isdir(os.path.join(root, "usr")) else root
    paths = sorted(glob.glob(os.path.join(base, "templates", "*.jpg")))
    paths.append(os.path.join(base, "starters", "skyline-sf-dusk-back.jpeg"))
    missing = [p for p in paths if not os.path.exists(p)]
    if len(paths) != 20 or missing:
        raise FileNotFoundError(f"expected the 19 templates + skyline under {base}; found {len(paths) - len(missing)}")
    return paths


def load_hr(path: str, scale: int = 4) -> Image.Image:
    img = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    w, h = img.size
    return img.crop((0, 0, w - w % scale, h - h % scale))


def degrade(hr: Image.Image, scale: int = 4) -> Image.Image:
    return hr.resize((hr.width // scale, hr.height // scale), Image.BICUBIC)


def bicubic(scale: int = 4) -> Upscaler:
    return lambda lr: lr.resize((lr.width * scale, lr.height * scale), Image.BICUBIC)


def torch_upscaler(module: torch.nn.Module) -> Upscaler:
    def run(lr: Image.Image) -> Image.Image:
        x = torch.from_numpy(np.asarray(lr, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
        with torch.no_grad():
            y = module(x)[0].permute(1, 2, 0).numpy()
        return Image.fromarray(np.round(y * 255.0).clip(0, 255).astype(np.uint8))
    return run


def luma(rgb: np.ndarray) -> np.ndarray:
    x = rgb.astype(np.float64) / 255.0
    return 16.0 + 65.481 * x[..., 0] + 128.553 * x[..., 1] + 24.966 * x[..., 2]


def y_psnr(sr: Image.Image, hr: Image.Image, shave: int = 4) -> float:
    a, b = luma(np.asarray(sr)), luma(np.asarray(hr))
    if a.shape != b.shape:
        raise ValueError(f"SR {a.shape} and HR {b.shape} differ in size")
    if shave:
        a, b = a[shave:-shave, shave:-shave], b[shave:-shave, shave:-shave]
    return float(10.0 * np.log10(255.0 ** 2 / np.mean((a - b) ** 2)))


def psnr_per_image(upscale: Upscaler, hr_images: Sequence[Image.Image], scale: int = 4) -> List[float]:
    return [y_psnr(upscale(degrade(hr, scale)), hr, shave=scale) for hr in hr_images]


def evaluate_peer(variant: str, hr_images: Sequence[Image.Image], scale: int = 4,
                  root: str = esrgan.DEFAULT_ROOT) -> float:
    """Mean Y-PSNR (dB) of peer `variant` on HR images (8-bit RGB, sizes a multiple of scale, see load_hr)."""
    return statistics.mean(psnr_per_image(torch_upscaler(esrgan.load(variant, scale, root)), hr_images, scale))


def frame_ms(module: torch.nn.Module, h: int = 180, w: int = 320, runs: int = 5) -> float:
    """Median wall time in ms of one h x w LR frame, after one warm-up run."""
    x = torch.rand(1, 3, h, w)
    times = []
    with torch.no_grad():
        for i in range(runs + 1):
            t = time.perf_counter()
            module(x)
            if i:
                times.append(1000.0 * (time.perf_counter() - t))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--photos", default="/tmp/tux", help="tuxpaint-data root (dpkg -x folder or /)")
    ap.add_argument("--variant", action="append", choices=sorted(esrgan.VALUE_RANGE))
    ap.add_argument("--limit", type=int, help="use only the first N photos (a busy CPU)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per model at 320x180")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    paths = dev_photos(args.photos)[:args.limit]
    hr_images = [load_hr(p) for p in paths]
    print(f"{len(hr_images)} photos, x4, bicubic degradation, Y-PSNR with 4 px shaved; torch threads {args.threads}")
    print(f"{'model':<8} {'params':>9} {'MACs/LRpx':>10} {'Y-PSNR dB':>10} {'vs bicubic':>10} {'ms@320x180':>11}")
    base = statistics.mean(psnr_per_image(bicubic(4), hr_images))
    print(f"{'bicubic':<8} {'-':>9} {'-':>10} {base:10.2f} {0.0:+10.2f} {'-':>11}")
    for v in args.variant or ["slim", "medium", "thick"]:
        m = esrgan.load(v)
        p = statistics.mean(psnr_per_image(torch_upscaler(m), hr_images))
        ms = frame_ms(m, runs=args.runs)
        print(f"{v:<8} {esrgan.parameter_count(m):9d} {esrgan.macs_per_lr_pixel(m):10.0f} {p:10.2f} {p - base:+10.2f}"
              f" {ms:11.0f}", flush=True)


if __name__ == "__main__":
    main()
