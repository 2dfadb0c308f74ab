#!/usr/bin/python3
"""Throughput of srp's models on a GPU, with the check that the pixels are right, as one command.

    python3 model/bench_gpu.py [--out DIR] [--budget-s 420] [--device cuda]
    python3 model/bench_gpu.py --device cpu --quick       (a tiny dry run of every code path, for a CPU)

For each case (quality x4 at 480x270 -> 1920x1080, fast x4 at 320x180 -> 1280x720, and the x2 models at
960x540 -> 1920x1080 where their weights exist) it runs batch 1, 8 and 32 in fp32 (TF32 off), fp16 and bf16
(weights and activations in half precision), each in NCHW and channels-last, and the shipped TorchScript export
in fp32 beside the eager model. Timing: CUDA events around each call, median of the timed calls after warm-up
calls, reported as ms per frame and frames per second. Correctness: every configuration's output on the same
frames (the sample clip's, scaled) is compared with the fp32 eager output, as Y-PSNR in 8 bits;
a row under 45 dB is marked, because such a figure would not count. The eager models are built from
model/weights/*.pt with this repo's code, so the torch of the GPU machine runs exactly srp's network.
Results: a markdown table on stdout and DIR/gpu-bench.md, DIR/gpu-bench.tsv. The run stops starting new
configurations when --budget-s is spent, so a run ends within a known time.
"""
import argparse
import os
import statistics
import sys
import time
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import export  # noqa: E402
from srp_model import metrics, samsr  # noqa: E402

# (name, size, scale, LR width, LR height, state dict, TorchScript export)
CASES = [
    ("quality x4", "quality", 4, 480, 270, "model/weights/samsr-quality-x4.pt", "models/samsr-quality-x4.pt"),
    ("fast x4", None, 4, 320, 180, "model/weights/samsr-fast-x4.pt", "models/samsr-fast-x4.pt"),
    ("quality x2", "quality", 2, 960, 540, "model/weights/samsr-quality-x2.pt", "models/samsr-quality-x2.pt"),
    ("fast x2", "fast", 2, 960, 540, "model/weights/samsr-fast-x2.pt", "models/samsr-fast-x2.pt"),
]
BATCHES = (1, 8, 32)
PRECISIONS = ("fp32", "fp16", "bf16")
MIN_Y_PSNR = 45.0


def sample_frames(n: int, w: int, h: int) -> torch.Tensor:
    """n real frames [n,3,h,w] in [0,1], spread over the sample clip and scaled to w x h (OpenCV decodes it).
    Real pixels matter: half precision fails on fine detail, which random noise does not have."""
    import cv2
    cap = cv2.VideoCapture(os.path.join(REPO, "samples", "city-320x180.mp4"))
    decoded = []
    while True:
        ok, bgr = cap.read()
        if not ok:
            break
        decoded.append(bgr)
    cap.release()
    if not decoded:
        sys.exit("cannot decode samples/city-320x180.mp4 with OpenCV")
    picks = [decoded[i * len(decoded) // n] for i in range(n)]
    frames = [cv2.resize(f, (w, h), interpolation=cv2.INTER_CUBIC)[:, :, ::-1] for f in picks]
    return torch.from_numpy(np.stack(frames).astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()


def shot_inputs(lr: torch.Tensor, scale: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """W and eps' for the frames: one rectangle grid of masks per frame (the pipeline's generator is Java), drawn
    with the reference SAM-noise, so the model gets inputs of the real distribution."""
    n, _, h, w = lr.shape
    masks = torch.zeros(1, 6, h, w)
    for i in range(6):
        masks[0, i, (i // 3) * h // 2:(i // 3 + 1) * h // 2, (i % 3) * w // 3:(i % 3 + 1) * w // 3] = 1
    weight = samsr.weight_map(masks)
    noise = samsr.sam_noise_drawn(masks, 3 * scale * scale, torch.Generator().manual_seed(2024))
    return weight.expand(n, -1, -1, -1).contiguous(), noise.expand(n, -1, -1, -1).contiguous()


def timed(call, warm_up: int, calls: int, device: torch.device) -> float:
    """Median seconds per call."""
    for _ in range(warm_up):
        call()
    times = []
    for _ in range(calls):
        if device.type == "cuda":
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            call()
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end) / 1000.0)
        else:
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def y_psnr_8bit(a: torch.Tensor, b: torch.Tensor) -> float:
    return metrics.y_psnr(a.float().cpu(), b.float().cpu(), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.environ.get("OUT", "."))
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--budget-s", type=float, default=420.0)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few calls: checks the code paths")
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.benchmark = True
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU ({os.cpu_count()} cores)"
    print(f"device: {name}; torch {torch.__version__}", flush=True)
    warm_up, calls = (1, 2) if args.quick else (5, 20)
    batches = (1, 2) if args.quick else BATCHES
    t_start = time.time()
    rows: List[Dict[str, str]] = []
    for case, size, scale, w, h, weights, ts_path in CASES:
        weights, ts_path = os.path.join(REPO, weights), os.path.join(REPO, ts_path)
        if not os.path.isfile(weights):
            print(f"{case}: no {weights}, skipped", flush=True)
            continue
        if args.quick:
            w, h = 32, 18
        eager = export.load_model(size, scale, weights).eval().to(device)
        lr_all = sample_frames(max(batches), w, h)
        weight_all, noise_all = shot_inputs(lr_all, scale)
        with torch.no_grad():
            reference = eager(lr_all.to(device), weight_all.to(device), noise_all.to(device)).float().cpu()
        variants: List[Tuple[str, str, Optional[torch.nn.Module]]] = []
        for precision in PRECISIONS:
            if precision == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
                continue
            for layout in ("NCHW", "channels-last"):
                variants.append((precision, layout, None))
        variants.append(("fp32", "TorchScript export", None))
        for precision, layout, _ in variants:
            dtype = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[precision]
            if layout == "TorchScript export":
                model = torch.jit.load(ts_path, map_location=device).eval()
            else:
                model = export.load_model(size, scale, weights).eval().to(device=device, dtype=dtype)
                if layout == "channels-last":
                    model = model.to(memory_format=torch.channels_last)
            for batch in batches:
                if time.time() - t_start > args.budget_s:
                    print(f"budget of {args.budget_s:.0f} s spent: stopping before {case} {precision} {layout} "
                          f"batch {batch}", flush=True)
                    break
                fmt = torch.channels_last if layout == "channels-last" else torch.contiguous_format
                lr = lr_all[:batch].to(device=device, dtype=dtype).contiguous(memory_format=fmt)
                weight = weight_all[:batch].to(device=device, dtype=dtype).contiguous(memory_format=fmt)
                noise = noise_all[:batch].to(device=device, dtype=dtype).contiguous(memory_format=fmt)
                try:
                    with torch.no_grad():
                        out = model(lr, weight, noise)
                        per_call = timed(lambda: model(lr, weight, noise), warm_up, calls, device)
                except RuntimeError as e:  # e.g. a dtype the export or a kernel does not take
                    print(f"{case} {precision} {layout} batch {batch}: {str(e).splitlines()[0]}", flush=True)
                    break
                psnr = y_psnr_8bit(out, reference[:batch])
                row = {"model": case, "size": f"{w}x{h} -> {w * scale}x{h * scale}", "precision": precision,
                       "layout": layout, "batch": str(batch), "ms_per_frame": f"{per_call / batch * 1e3:.3f}",
                       "fps": f"{batch / per_call:.1f}",
                       "y_psnr_vs_fp32": "exact" if psnr >= 99 else f"{psnr:.1f}",
                       "ok": "yes" if psnr >= MIN_Y_PSNR else "NO"}
                rows.append(row)
                print("\t".join(row.values()), flush=True)
        del eager
        if device.type == "cuda":
            torch.cuda.empty_cache()
    header = ["model", "size", "precision", "layout", "batch", "ms_per_frame", "fps", "y_psnr_vs_fp32", "ok"]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "gpu-bench.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r[k] for k in header) + "\n")
    clock = "CUDA-event" if device.type == "cuda" else "wall-clock"
    table = [f"device: {name}; torch {torch.__version__}; {clock} medians of {calls} calls after {warm_up} "
             f"warm-up calls; Y-PSNR of each output against fp32 eager on the same frames", "",
             "| model | frames | precision | layout | batch | ms/frame | fps | Y-PSNR vs fp32 | counts |",
             "|---|---|---|---|---:|---:|---:|---:|---|"]
    table += [f"| {r['model']} | {r['size']} | {r['precision']} | {r['layout']} | {r['batch']} | "
              f"{r['ms_per_frame']} | {r['fps']} | {r['y_psnr_vs_fp32']} | {r['ok']} |" for r in rows]
    with open(os.path.join(args.out, "gpu-bench.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(table) + "\n")
    print("\n".join(table))


if __name__ == "__main__":
    main()
