#!/usr/bin/python3
"""The model card's ablations, on the dev-validation photos (protocol of model/evaluate.py).

    /usr/bin/python3 model/ablate.py [--set x2] [--runs model/runs] [--shipped model/weights/samsr-lite-x4.pt]

1. Training ablations, equal budgets, Y-PSNR / Y-SSIM. --set x2 (model/configs/abl-x2-*.json): the fast x2 recipe
   at its converged budget, 3000 steps on all photos: semantic noise + L_SC (srp), without L_SC, plain Gaussian
   noise (SinSR: eps' ignores the masks, W = 0), masks at training time only (SAM-DiffSR: their structure encoding
   shifts the noise mean; inference as SinSR), no noise at all. --set x4-600 (model/configs/abl-*.json): the
   first, short x4 comparison, 600 steps on 54 photos, of the first three.
2. Noise fixed per shot against noise redrawn per frame (shipped model): a static-camera clip, 12 frames of one
   dev-validation photo, each with fresh mild sensor noise (sigma 1/255, the only change between frames).
   Flicker = mean |Y_t - Y_{t-1}| of the upscaled frames (8-bit luma), next to the same figure for bicubic, which
   only passes the sensor noise on.
"""
import argparse
import os
import statistics
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import evaluate  # noqa: E402
from srp_model import metrics, samsr  # noqa: E402

ABLATION_SETS = {
    "x4-600": (4, [("semantic noise + L_SC", "abl-semantic-sc", "semantic"),
                   ("semantic noise, no L_SC", "abl-semantic-nosc", "semantic"),
                   ("plain Gaussian noise (SinSR-style, W = 0) + L_SC", "abl-gaussian-sc", "gaussian")]),
    "x2": (2, [("semantic noise + L_SC (srp)", "abl-x2-semantic-sc", "semantic"),
               ("semantic noise, no L_SC", "abl-x2-semantic-nosc", "semantic"),
               ("plain Gaussian noise (SinSR-style, W = 0) + L_SC", "abl-x2-gaussian-sc", "gaussian"),
               ("masks at training time only (SAM-DiffSR-style) + L_SC", "abl-x2-structure-sc", "structure"),
               ("no noise, no masks + L_SC", "abl-x2-none-sc", "none")]),
}
FLICKER_PHOTO = "sheep"
FLICKER_FRAMES = 12


def flicker(upscale_frame, lr: torch.Tensor) -> float:
    g = torch.Generator().manual_seed(7)
    prev, diffs = None, []
    for t in range(FLICKER_FRAMES):
        noisy = (lr + torch.randn(lr.shape, generator=g) / 255.0).clamp(0, 1)
        noisy = torch.round(noisy * 255.0) / 255.0
        y = metrics.luma(torch.round(upscale_frame(noisy, t).clamp(0, 1) * 255.0) / 255.0)
        if prev is not None:
            diffs.append(float((y - prev).abs().mean()))
        prev = y
    return statistics.mean(diffs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default=os.path.join(HERE, "runs"))
    parser.add_argument("--shipped", default=os.path.join(HERE, "weights", "samsr-lite-x4.pt"))
    parser.add_argument("--devval", default=os.path.join(HERE, "data", "devval"))
    parser.add_argument("--set", default="x2", choices=sorted(ABLATION_SETS))
    parser.add_argument("--no-flicker", action="store_true", help="only the training ablations")
    args = parser.parse_args()
    torch.set_num_threads(2)
    evaluate.SCALE, ablations = ABLATION_SETS[args.set]
    photos = evaluate.load_devval(evaluate.fetch_devval(args.devval))
    print(f"| training variant (fast x{evaluate.SCALE}, equal budget) | Y-PSNR dB | Y-SSIM |")
    print("|---|---:|---:|")
    print("| bicubic (PIL) | %.2f | %.4f |" % evaluate.score(evaluate.pil_bicubic, photos))
    for label, run, noise_mode in ablations:
        weights = os.path.join(args.runs, run, "weights.pt")
        if not os.path.isfile(weights):
            print(f"| {label} | not trained ({weights} missing) | |")
            continue
        model = evaluate.load_samsr(weights)
        print("| %s | %.2f | %.4f |" % ((label,) + evaluate.score(evaluate.samsr_upscaler(model, noise_mode),
                                                                   photos)), flush=True)
    if args.no_flicker or evaluate.SCALE != 4:
        return

    model = evaluate.load_samsr(args.shipped)
    name, _, lr, masks = next(p for p in photos if p[0] == FLICKER_PHOTO)
    m = torch.from_numpy(masks.astype(np.float32))[None]
    weight = samsr.weight_map(m)
    c = 3 * evaluate.SCALE ** 2
    fixed = samsr.sam_noise_drawn(m, c, torch.Generator().manual_seed(evaluate.NOISE_SEED))

    def per_shot(x, _t):
        with torch.no_grad():
            return model(x, weight, fixed)

    def per_frame(x, t):
        with torch.no_grad():
            return model(x, weight, samsr.sam_noise_drawn(m, c, torch.Generator().manual_seed(1000 + t)))

    print()
    print(f"Static-camera clip: {FLICKER_FRAMES} frames of {name} (LR {lr.shape[3]}x{lr.shape[2]}), fresh sensor "
          f"noise sigma 1/255 per frame; flicker = mean |Y_t - Y_(t-1)| on 8-bit luma")
    print("| noise | flicker | vs bicubic |")
    print("|---|---:|---:|")
    base = flicker(lambda x, _t: evaluate.pil_bicubic(x, masks), lr)
    print(f"| bicubic (reference: passes the sensor noise on) | {base:.3f} | 1.00x |")
    for label, fn in (("fixed per shot (srp)", per_shot), ("redrawn per frame (reference code)", per_frame)):
        f = flicker(fn, lr)
        print(f"| {label} | {f:.3f} | {f / base:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
