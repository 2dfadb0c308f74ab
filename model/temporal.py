#!/usr/bin/python3
"""Temporal stability of srp's models on static-camera footage: flicker and tOF, per-shot against per-frame noise.

    /usr/bin/python3 model/temporal.py [CLIP] [--frames 60] [--start 0] [--scale 4] [--sensor-noise 0]
                                               [--models NAME=WEIGHTS[:size] ...] [--out FILE.md]

Without CLIP it measures the default footage: a tripod shot of a school physics lab, 320x240, 300 frames from a
high-speed camera (a ball thrown and bouncing in front of a still background), from Debian's python3-mecavideo
(CC-BY-SA 3.0, Benoit Markey), fetched once into model/data/footage/. It is evaluation footage, never trained on.

Protocol:
- The clip's frames, cropped to a multiple of the scale, are the reference (ground truth). LR = PIL bicubic
  downscale of each 8-bit frame, plus, with --sensor-noise S, fresh Gaussian noise of S 8-bit levels per frame
  (a camera's sensor noise, for footage that was denoised by its encoder).
- The clip is one shot: the masks come from `./srp masks` (sr-worker's own generator) on the first LR frame and
  serve every frame, as sr-worker does. "per shot" draws eps' once (srp); "per frame" redraws it every frame (the
  SAMSR reference code).
- Static background: pixels whose reference luma varies by at most 1.5 levels (standard deviation over the clip).
  Flicker = mean |Y_t - Y_(t-1)| over those pixels (8-bit BT.601 luma), next to the reference's own.
- tOF (as in TecoGAN): the mean over frames and all pixels of |F(out_(t-1), out_t) - F(ref_(t-1), ref_t)|, F being
  OpenCV's Farneback optical flow on luma (pyramid 0.5, 3 levels, window 15, 3 iterations, poly 5 / 1.2), the
  L1 distance of the two flow vectors in HR pixels. Lower is steadier; 0 means the output moves as the
  reference does.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from typing import Callable, Dict, List, Optional, Tuple

import cv2
import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import export  # noqa: E402
from srp_model import metrics, samsr, trainset  # noqa: E402

STATIC_STD = 1.5
FOOTAGE_PACKAGE = "python3-mecavideo"
FOOTAGE_PATH = "usr/share/pymecavideo/data/video/balle1-vp9.avi"
NOISE_SEED = 2024
FrameUpscaler = Callable[[torch.Tensor, int], torch.Tensor]  # (lr [1,3,h,w], frame index) -> hr [1,3,H,W]


def default_footage(root: str) -> str:
    """The default clip, fetched from its Debian package on first use, with the package's copyright file."""
    clip = os.path.join(root, os.path.basename(FOOTAGE_PATH))
    if not os.path.isfile(clip):
        sys.path.insert(0, os.path.join(HERE, "data"))
        import prepare  # noqa: E402
        os.makedirs(root, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            pkg, version = prepare.fetch_package(FOOTAGE_PACKAGE, scratch)
            shutil.copy(os.path.join(pkg, "usr/share/doc", FOOTAGE_PACKAGE, "copyright"),
                        os.path.join(root, f"{FOOTAGE_PACKAGE}_{version}.copyright"))
            shutil.copy(os.path.join(pkg, FOOTAGE_PATH), clip + ".part")
        os.replace(clip + ".part", clip)
    return clip


def read_frames(clip: str, start: int, count: int, scale: int) -> List[np.ndarray]:
    """RGB uint8 frames [H,W,3], cropped to a multiple of the scale."""
    cap = cv2.VideoCapture(clip)
    if not cap.isOpened():
        sys.exit(f"cannot open {clip}")
    frames, index = [], 0
    while len(frames) < count:
        ok, bgr = cap.read()
        if not ok:
            break
        if index >= start:
            h, w = bgr.shape[0] - bgr.shape[0] % scale, bgr.shape[1] - bgr.shape[1] % scale
            frames.append(np.ascontiguousarray(bgr[:h, :w, ::-1]))
        index += 1
    cap.release()
    if len(frames) < 3:
        sys.exit(f"{clip}: {len(frames)} frames from frame {start}; need at least 3")
    return frames


def low_res(frames: List[np.ndarray], scale: int, sensor_noise: float) -> List[np.ndarray]:
    rng = np.random.default_rng(7)
    out = []
    for f in frames:
        img = Image.fromarray(f)
        lr = np.asarray(img.resize((img.width // scale, img.height // scale), Image.BICUBIC), dtype=np.float32)
        if sensor_noise > 0:
            lr = lr + rng.normal(0.0, sensor_noise, lr.shape)
        out.append(np.clip(np.round(lr), 0, 255).astype(np.uint8))
    return out


def shot_masks(first_lr: np.ndarray) -> np.ndarray:
    with tempfile.TemporaryDirectory() as work:
        png = os.path.join(work, "key.png")
        Image.fromarray(first_lr).save(png)
        subprocess.run([os.path.join(REPO, "srp"), "masks", png, "--output", work], check=True,
                       stdout=subprocess.DEVNULL)
        return trainset.load_masks(os.path.join(work, "key.masks.npy.gz"))


def to_tensor(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)).astype(np.float32) / 255.0)[None]


def to_luma8(hr: torch.Tensor) -> np.ndarray:
    """[1,3,H,W] in [0,1] -> 8-bit BT.601 luma [H,W] (float), after rounding the RGB to 8 bits as an encoder gets it."""
    return metrics.luma(torch.round(hr.clamp(0, 1) * 255.0) / 255.0)[0].double().numpy()


def bicubic(scale: int) -> FrameUpscaler:
    def run(lr: torch.Tensor, _t: int) -> torch.Tensor:
        arr = (lr[0].permute(1, 2, 0).numpy() * 255.0).round().astype(np.uint8)
        img = Image.fromarray(arr).resize((arr.shape[1] * scale, arr.shape[0] * scale), Image.BICUBIC)
        return to_tensor(np.asarray(img))
    return run


def samsr_model(weights: str, size: Optional[str], scale: int, masks: np.ndarray, per_frame: bool) -> FrameUpscaler:
    model = export.load_model(size, scale, weights).eval()
    m = torch.from_numpy(masks.astype(np.float32))[None]
    weight = samsr.weight_map(m)
    channels = 3 * scale * scale
    fixed = samsr.sam_noise_drawn(m, channels, torch.Generator().manual_seed(NOISE_SEED))

    def run(lr: torch.Tensor, t: int) -> torch.Tensor:
        noise = (samsr.sam_noise_drawn(m, channels, torch.Generator().manual_seed(NOISE_SEED + 1 + t))
                 if per_frame else fixed)
        with torch.no_grad():
            return model(lr, weight, noise)
    return run


def flow(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return cv2.calcOpticalFlowFarneback(a.astype(np.uint8), b.astype(np.uint8), None, 0.5, 3, 15, 3, 5, 1.2, 0)


def flicker(lumas: List[np.ndarray], static: np.ndarray) -> float:
    return statistics.mean(float(np.abs(b - a)[static].mean()) for a, b in zip(lumas, lumas[1:]))


def t_of(lumas: List[np.ndarray], ref_flows: List[np.ndarray]) -> float:
    return statistics.mean(float(np.abs(flow(a, b) - rf).sum(axis=2).mean())
                           for a, b, rf in zip(lumas, lumas[1:], ref_flows))


def y_psnr(lumas: List[np.ndarray], ref: List[np.ndarray]) -> float:
    return statistics.mean(10 * np.log10(255.0 ** 2 / max(1e-10, float(((a - b) ** 2).mean())))
                           for a, b in zip(lumas, ref))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip", nargs="?", help="default: the python3-mecavideo tripod shot (see above)")
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--scale", type=int, default=4, choices=(2, 4))
    parser.add_argument("--sensor-noise", type=float, default=0.0, help="8-bit levels of fresh noise per LR frame")
    parser.add_argument("--models", nargs="*", default=None,
                        help="NAME=WEIGHTS[:size]; default: the shipped fast model of the scale")
    parser.add_argument("--out")
    args = parser.parse_args()
    torch.set_num_threads(2)
    specs = args.models or [f"fast-x{args.scale}=" + os.path.join(HERE, "weights", f"samsr-fast-x{args.scale}.pt")]

    if args.clip is None:
        args.clip = default_footage(os.path.join(HERE, "data", "footage"))
    ref_rgb = read_frames(args.clip, args.start, args.frames, args.scale)
    lrs = low_res(ref_rgb, args.scale, args.sensor_noise)
    masks = shot_masks(lrs[0])
    ref = [to_luma8(to_tensor(f)) for f in ref_rgb]
    static = np.stack(ref).std(axis=0) <= STATIC_STD
    ref_flows = [flow(a, b) for a, b in zip(ref, ref[1:])]

    variants: List[Tuple[str, FrameUpscaler]] = [("bicubic (PIL)", bicubic(args.scale))]
    for spec in specs:
        name, _, rest = spec.partition("=")
        weights, _, size = rest.partition(":")
        for per_frame in (False, True):
            label = f"{name}, noise {'redrawn per frame' if per_frame else 'fixed per shot (srp)'}"
            variants.append((label, samsr_model(weights, size or None, args.scale, masks, per_frame)))

    h, w = ref[0].shape
    lines = [f"{os.path.basename(args.clip)}: {len(ref)} frames from frame {args.start}, {w}x{h} reference, "
             f"x{args.scale} from {w // args.scale}x{h // args.scale} LR, sensor noise {args.sensor_noise:g} levels, "
             f"{masks.shape[0]} masks, static background {100 * static.mean():.1f} % of the pixels",
             "",
             "| output | Y-PSNR dB | flicker (static background) | vs reference | tOF |",
             "|---|---:|---:|---:|---:|",
             f"| reference (ground truth) | - | {flicker(ref, static):.3f} | 1.00x | 0 |"]
    ref_flicker = flicker(ref, static)
    print("\n".join(lines), flush=True)
    for label, upscale in variants:
        lumas = [to_luma8(upscale(to_tensor(lr), t)) for t, lr in enumerate(lrs)]
        f = flicker(lumas, static)
        row = (f"| {label} | {y_psnr(lumas, ref):.2f} | {f:.3f} | {f / ref_flicker:.2f}x | "
               f"{t_of(lumas, ref_flows):.3f} |")
        print(row, flush=True)
        lines.append(row)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
