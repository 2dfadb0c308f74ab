#!/usr/bin/python3
"""Trains several srp models at once on one GPU within a fixed time, for a machine lent for minutes.

    python3 model/train_gpu.py --data PACK --out DIR --budget-s 480 CONFIG.json [CONFIG.json ...]
    /usr/bin/python3 model/train_gpu.py --data PACK --out DIR --budget-s 40 --device cpu --workers 1 CONFIG.json
                                                                           (a dry run of every code path)

PACK is a folder written by model/pack_data.py. Each config runs in its own process at the same time (the GPU
interleaves them; the data is drawn and degraded by DataLoader workers on the CPU cores). The recipe is
model/train.py's (same loss, noise, degradation and schedule), with one difference: the cosine decay runs over
time, not steps. After the warm-up steps the learning rate follows the share of the time left to the deadline, so
every run ends its schedule just before the deadline however fast it goes, and is never cut off with its learning
rate still high (the config's "steps" is then the most it may take; run.json says how many it took). A run stops at the deadline in any case.

Each run writes DIR/NAME/: weights.pt (a state dict), weights.npz (the same tensors as numpy arrays, which any
torch reads), run.json (the config as run: steps, batch, device, torch version, wall time) and log.tsv. Export
here with Debian's torch 1.13 (model/export.py), as model/reproduce.sh does.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train  # noqa: E402
from srp_model import archs, degrade, trainset  # noqa: E402

SAVE_MARGIN_S = 20.0


class Batches(torch.utils.data.IterableDataset):
    """Endless training batches with their noise, drawn in each DataLoader worker from its own seeds."""

    def __init__(self, train_set: trainset.TrainSet, cfg: dict):
        self.train_set, self.cfg = train_set, cfg

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        worker = info.id if info else 0
        rng = np.random.default_rng([self.cfg["seed"], worker])
        gen = torch.Generator().manual_seed(self.cfg["seed"] * 1000 + worker)
        channels = 3 * self.cfg["scale"] ** 2
        while True:
            b = self.train_set.sample(rng, self.cfg["batch"])
            eps, weight = train.draw_noise(self.cfg, b, channels, gen)
            yield b.lr, b.hr, b.count, b.masks, eps, weight


def timed_learning_rate(cfg: dict, step: int, frac: float) -> float:
    """train.learning_rate's warm-up by steps, then its cosine decay over the fraction of the time spent."""
    if step < cfg["warmup"]:
        return train.learning_rate(cfg, step)
    return cfg["lr_min"] + 0.5 * (cfg["lr"] - cfg["lr_min"]) * (1 + math.cos(math.pi * min(1.0, frac)))


def run_one(args) -> None:
    deadline = args.deadline
    cfg = train.load_config(args.one)
    device = torch.device(args.device)
    torch.set_num_threads(1)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    run_dir = os.path.join(args.out, cfg["name"])
    os.makedirs(run_dir, exist_ok=True)
    photos = trainset.load_photos(args.data, cfg["scale"])
    train_set = trainset.TrainSet(photos, cfg["scale"], cfg["crop"], cfg["clean_prob"], degrade.DegradeConfig())
    monitor = trainset.TrainSet(photos, cfg["scale"], cfg["crop"], 1.0).sample(
        np.random.default_rng(train.MONITOR_SEED), 32)
    monitor = trainset.Batch(*(t.to(device) for t in (monitor.lr, monitor.hr, monitor.weight, monitor.count,
                                                       monitor.masks)))
    loader = torch.utils.data.DataLoader(Batches(train_set, cfg), batch_size=None, num_workers=args.workers,
                                         pin_memory=device.type == "cuda", prefetch_factor=4 if args.workers else None,
                                         persistent_workers=args.workers > 0)
    torch.manual_seed(cfg["seed"])
    model = archs.build(cfg["size"], cfg["scale"]).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.99))
    rng = np.random.default_rng([cfg["seed"], 99])
    channels = 3 * cfg["scale"] ** 2
    log = open(os.path.join(run_dir, "log.tsv"), "w", encoding="utf-8")
    log.write("step\tlr\tloss\tmonitor_y_psnr\tbicubic_y_psnr\tsteps_per_s\telapsed_s\n")
    start = time.time()
    end_at = deadline - SAVE_MARGIN_S
    step, sched_t0 = 0, None
    to = dict(device=device, non_blocking=True)
    for lr, hr, count, masks, eps, weight in loader:
        if step == cfg["warmup"]:
            sched_t0 = time.time()
        frac = 0.0 if sched_t0 is None else (time.time() - sched_t0) / max(1e-9, end_at - sched_t0)
        if step >= cfg["steps"] or frac >= 1.0 or time.time() >= end_at:
            break
        for group in opt.param_groups:
            group["lr"] = timed_learning_rate(cfg, step, frac)
        batch = trainset.Batch(lr.to(**to), hr.to(**to), weight.to(**to), count.to(**to), masks.to(**to))
        loss, _, _ = train.training_loss(model, cfg, batch, eps.to(**to), batch.weight, rng)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        if step % cfg["log_every"] == 0:
            psnr, bic = train.monitor_psnr(model, monitor, cfg, channels)
            elapsed = time.time() - start
            log.write(f"{step}\t{opt.param_groups[0]['lr']:.3g}\t{loss.item():.5f}\t{psnr:.3f}\t{bic:.3f}\t"
                      f"{step / elapsed:.2f}\t{elapsed:.0f}\n")
            log.flush()
            print(f"{cfg['name']} step {step} ({100 * frac:.0f} % of the time) monitor Y-PSNR {psnr:.2f} dB "
                  f"(bicubic {bic:.2f})", flush=True)
    psnr, bic = train.monitor_psnr(model, monitor, cfg, channels)
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    torch.save(state, os.path.join(run_dir, "weights.pt"))
    np.savez(os.path.join(run_dir, "weights.npz"), **{k: v.numpy() for k, v in state.items()})
    as_run = dict(cfg, steps=step, data=os.path.basename(os.path.normpath(args.data)))
    with open(os.path.join(run_dir, "run.json"), "w", encoding="utf-8") as f:
        json.dump({"config": as_run, "device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu",
                   "torch": torch.__version__, "wall_s": round(time.time() - start, 1),
                   "monitor_y_psnr": round(psnr, 3), "bicubic_y_psnr": round(bic, 3),
                   "schedule": "warm-up by steps, then cosine over the time to the deadline",
                   "finished_schedule": sched_t0 is not None and time.time() >= end_at}, f, indent=2)
    print(f"{cfg['name']}: {step} steps in {time.time() - start:.0f} s, monitor {psnr:.2f} dB (bicubic {bic:.2f})",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="*")
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--budget-s", type=float, default=480.0)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--workers", type=int, default=3, help="DataLoader workers per run")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--deadline", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args)
        return
    os.makedirs(args.out, exist_ok=True)
    deadline = time.time() + args.budget_s
    procs = []
    for path in args.configs:
        name = os.path.splitext(os.path.basename(path))[0]
        log = open(os.path.join(args.out, name + ".log"), "w", encoding="utf-8")
        procs.append((name, subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--one", path, "--data", args.data, "--out", args.out,
             "--device", args.device, "--workers", str(args.workers), "--deadline", str(deadline)],
            stdout=log, stderr=subprocess.STDOUT)))
    failed = []
    for name, p in procs:
        # a run that hangs past the deadline is stopped; what it saved (nothing, then) is reported
        try:
            rc = p.wait(timeout=max(1.0, deadline - time.time() + 60))
        except subprocess.TimeoutExpired:
            p.kill()
            rc = "killed"
        print(f"{name}: exit {rc}; tail of {name}.log:")
        with open(os.path.join(args.out, name + ".log"), encoding="utf-8") as f:
            print("".join(f.readlines()[-4:]), end="")
        if rc != 0:
            failed.append(name)
    sys.exit(f"failed: {', '.join(failed)}" if failed else 0)


if __name__ == "__main__":
    main()
