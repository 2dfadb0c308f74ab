#!/usr/bin/python3
"""Per-shot cached masks against masks recomputed on every frame, on paired Ken Burns clips.

    /usr/bin/python3 model/mask_cache_quality.py [--weights model/weights/samsr-fast-x4.pt] [--frames 25]

Clips: for each of three dev-validation photos a 25-frame shot, a 640x360 HR window panning 6 px per frame and
zooming in 0.8 % per frame (Lanczos), LR = PIL bicubic x4 downscale (160x90). Masks come from `./srp masks`, the
worker's own generator. "cached" runs every frame with the key frame's masks (frame 0 of the shot, what the worker's
per-shot cache holds), "per frame" with each frame's own masks; the noise is drawn once per shot from the same seed
in both, as the worker does. Y-PSNR against the HR frames, averaged over all frames. The speed-up factor uses the
generator's measured milliseconds per frame (from `./srp masks`) and the model's per-frame time measured here.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import evaluate  # noqa: E402
from srp_model import metrics, samsr, trainset  # noqa: E402

PHOTOS = ("cliff", "rocks", "sun_behind_clouds")
HR_W, HR_H, S = 640, 360, 4


def ken_burns(photo: Image.Image, frames: int):
    out = []
    for t in range(frames):
        zoom = 1.0 + 0.008 * t
        w, h = HR_W / zoom * 1.25, HR_H / zoom * 1.25
        x0 = min(photo.width - w, 10 + 6 * t)
        y0 = (photo.height - h) / 2
        out.append(photo.resize((HR_W, HR_H), Image.LANCZOS, box=(x0, y0, x0 + w, y0 + h)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default=os.path.join(HERE, "weights", "samsr-fast-x4.pt"))
    parser.add_argument("--size", default=None, help="default: the size the weights have")
    parser.add_argument("--frames", type=int, default=25)
    parser.add_argument("--devval", default=os.path.join(HERE, "data", "devval"))
    args = parser.parse_args()
    torch.set_num_threads(2)
    evaluate.fetch_devval(args.devval)
    model = evaluate.load_samsr(args.weights, args.size)
    c = 3 * S * S
    rows, mask_ms, model_ms = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        clips = {}
        for name in PHOTOS:
            hr_frames = ken_burns(Image.open(os.path.join(args.devval, "hr", name + ".png")).convert("RGB"), args.frames)
            lr_frames = [f.resize((HR_W // S, HR_H // S), Image.BICUBIC) for f in hr_frames]
            for i, f in enumerate(lr_frames):
                f.save(os.path.join(tmp, f"{name}_{i:03d}.png"))
            clips[name] = (hr_frames, lr_frames)
        out = subprocess.run([os.path.join(os.path.dirname(HERE), "srp"), "masks", tmp, "--output",
                              os.path.join(tmp, "masks")], check=True, capture_output=True, text=True).stdout
        # the first frames warm the JVM's JIT up; the worker runs warm
        mask_ms = [float(v) for v in re.findall(r"masks in ([0-9.]+) ms", out)][10:]
        for name, (hr_frames, lr_frames) in clips.items():
            masks = [torch.from_numpy(trainset.load_masks(os.path.join(tmp, "masks", f"{name}_{i:03d}.masks.npy.gz"))
                                      .astype(np.float32))[None] for i in range(len(lr_frames))]
            seed_gen = torch.Generator().manual_seed(evaluate.NOISE_SEED)
            key_noise = samsr.sam_noise_drawn(masks[0], c, seed_gen)
            key_weight = samsr.weight_map(masks[0])
            cached, fresh = [], []
            for i, (hr, lr) in enumerate(zip(hr_frames, lr_frames)):
                lr_t = evaluate.to_tensor(np.asarray(lr, dtype=np.float32) / 255.0)
                hr_t = evaluate.to_tensor(np.asarray(hr, dtype=np.float32) / 255.0)
                own_noise = samsr.sam_noise_drawn(masks[i], c, torch.Generator().manual_seed(evaluate.NOISE_SEED))
                with torch.no_grad():
                    t = time.perf_counter()
                    sr_cached = model(lr_t, key_weight, key_noise)
                    model_ms.append((time.perf_counter() - t) * 1000)
                    sr_fresh = model(lr_t, samsr.weight_map(masks[i]), own_noise)
                cached.append(metrics.y_psnr(sr_cached, hr_t, 4))
                fresh.append(metrics.y_psnr(sr_fresh, hr_t, 4))
            rows.append((name, statistics.mean(fresh), statistics.mean(cached)))
    print(f"{args.frames}-frame Ken Burns shots, {HR_W}x{HR_H} HR / {HR_W // S}x{HR_H // S} LR, model "
          f"{os.path.basename(args.weights)}")
    print("| shot | masks per frame: Y-PSNR dB | cached per shot: Y-PSNR dB | loss dB |")
    print("|---|---:|---:|---:|")
    for name, fresh, cached in rows:
        print(f"| {name} | {fresh:.3f} | {cached:.3f} | {fresh - cached:+.3f} |")
    f_all, c_all = statistics.mean(r[1] for r in rows), statistics.mean(r[2] for r in rows)
    print(f"| all | {f_all:.3f} | {c_all:.3f} | {f_all - c_all:+.3f} |")
    gen, run = statistics.median(mask_ms), statistics.median(model_ms)
    print(f"\nbuilt-in generator {gen:.1f} ms/frame (median, {HR_W // S}x{HR_H // S}), model {run:.1f} ms/frame: "
          f"per-frame masks cost {gen + run:.1f} ms/frame, cached {run + gen / args.frames:.1f} ms/frame "
          f"(one segmentation per {args.frames}-frame shot): speed-up {(gen + run) / (run + gen / args.frames):.2f}x")


if __name__ == "__main__":
    main()
