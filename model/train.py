#!/usr/bin/python3
"""Trains a SamsrSR model from a JSON run config (model/configs/*.json); resumable, reproducible.

    /usr/bin/python3 model/train.py model/configs/fast-x4.json [--steps N] [--out model/runs]

Needs model/data/prepare.py and model/data/make_masks.py to have run. Writes model/runs/NAME/ (gitignored):
checkpoint.pt (model, optimiser, step, random states; the run resumes from it), log.tsv (loss, L_gt, L_SC,
Y-PSNR of a fixed monitoring batch of training crops, steps/s) and, at the end, weights.pt (the state dict that
export.py --weights takes). Every source of randomness is seeded from the config's seed; resuming replays nothing
twice. Results are bit-identical for the same config, thread count and torch build.

One training step (SAMSR's single-step procedure, docs/model-card.md, "Method"): draw a crop, its degraded LR
frame and its masks; draw eps' in the config's noise mode (NOISE_MODES: semantic is the SAM-noise distribution for
these masks); the model forms x_T = y + kappa_new sqrt(eta_T_new) eps' and predicts x0 in one call;
loss = L_gt + lambda L_SC. There is no teacher to distil from (srp has no pretrained diffusion model), so
L_distill and L_inverse are replaced by L_gt against the ground truth.
"""
import argparse
import json
import math
import os
import sys
import time
from typing import List, Optional

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from srp_model import archs, degrade, losses, metrics, space, trainset  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULTS = {
    "size": "fast", "scale": 4, "seed": 1, "steps": 6000, "batch": 16, "crop": 48,
    "lr": 1e-3, "lr_min": 1e-5, "warmup": 200, "clean_prob": 0.7,
    "noise": "semantic", "lambda_sc": 0.05, "sc_tau": losses.TAU_DEFAULT, "sc_phases": 2, "packages": None,
    "threads": 2, "log_every": 100, "checkpoint_every": 500, "data": "model/data",
    # {"until": S, "steps": T}: before step S the cosine schedule ran toward T steps (a run shortened mid-way)
    "first_schedule": None,
    # NAME of a trained config of the same or a smaller size: start from its weights (archs.grow_from: blocks it
    # lacks start as identities); its run's weights.pt, else the committed model/weights/samsr-NAME.pt
    "init_from": None,
}
MONITOR_SEED = 12345
# semantic: SAMSR's SAM-noise and W (srp's default); gaussian: SinSR's plain noise, W = 0; structure: SAM-DiffSR,
# masks only at training time (noise mean shifted by their structure encoding; W = 0 and plain noise at inference);
# none: no noise and W = 0, a plain residual network on the bicubic input.
NOISE_MODES = ("semantic", "gaussian", "structure", "none")


def load_config(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        cfg = json.load(f)
    unknown = set(cfg) - set(DEFAULTS) - {"name", "description"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    if cfg.get("noise", "semantic") not in NOISE_MODES:
        raise ValueError(f"{path}: noise must be one of {', '.join(NOISE_MODES)}")
    out = dict(DEFAULTS)
    out.update(cfg)
    out.setdefault("name", os.path.splitext(os.path.basename(path))[0])
    return out


def learning_rate(cfg: dict, step: int) -> float:
    """Linear warm-up, then cosine decay to lr_min."""
    if step < cfg["warmup"]:
        return cfg["lr"] * (step + 1) / cfg["warmup"]
    total = cfg["steps"]
    first = cfg.get("first_schedule")
    if first and step < first["until"]:
        total = first["steps"]  # the run was shortened at step "until" (see the config's description)
    t = (step - cfg["warmup"]) / max(1, total - cfg["warmup"])
    return cfg["lr_min"] + 0.5 * (cfg["lr"] - cfg["lr_min"]) * (1 + math.cos(math.pi * min(1.0, t)))


def draw_noise(cfg: dict, batch: trainset.Batch, channels: int, gen: torch.Generator, training: bool = True):
    """(eps', W) as the model sees them in this run's noise mode, at training time or as inference feeds it."""
    mode = cfg["noise"]
    no_weight = torch.zeros_like(batch.weight)
    if mode == "none":
        return torch.zeros([batch.lr.shape[0], channels, *batch.lr.shape[2:]]), no_weight
    if mode == "structure" and training:
        return trainset.structure_modulated_noise(batch.masks, channels, gen), no_weight
    if mode in ("gaussian", "structure"):
        return trainset.gaussian_noise(batch.count, channels, gen), no_weight
    return trainset.semantic_noise(batch.count, channels, gen), batch.weight


def training_loss(model: archs.SamsrSR, cfg: dict, batch: trainset.Batch, eps, weight, rng: np.random.Generator):
    """(loss, L_GT, L_SC) of one batch: L_GT on x0, plus lambda_sc times L_SC on a random subset of phases."""
    x0 = space.to_space(batch.hr * 2.0 - 1.0, cfg["scale"])
    x0_hat = model.predict_x0(batch.lr, weight, eps)
    l_gt = losses.l_gt(x0_hat, x0)
    loss = l_gt
    l_sc = torch.zeros((), device=l_gt.device)
    if cfg["lambda_sc"] > 0:
        channels = 3 * cfg["scale"] ** 2
        phases = torch.from_numpy(rng.choice(channels // 3, cfg["sc_phases"], replace=False)).to(l_gt.device)
        l_sc = losses.l_sc(x0_hat, x0, batch.masks, cfg["scale"], cfg["sc_tau"], phases)
        loss = loss + cfg["lambda_sc"] * l_sc
    return loss, l_gt, l_sc


def photos_outside(data: str, packages: Optional[List[str]]) -> Optional[List[str]]:
    """The photo names not from `packages` (per manifest.tsv), for a run on part of the data; None: use all."""
    if not packages:
        return None
    sys.path.insert(0, os.path.join(HERE, "data"))
    import prepare  # noqa: E402
    with open(os.path.join(data, "manifest.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return [prepare.safe_name(r[0], r[2]) for r in rows if r[0] not in packages]


def parent_weights(runs: str, parent: str) -> str:
    for path in (os.path.join(runs, parent, "weights.pt"), os.path.join(HERE, "weights", f"samsr-{parent}.pt")):
        if os.path.isfile(path):
            return path
    sys.exit(f"init_from {parent}: neither {runs}/{parent}/weights.pt nor model/weights/samsr-{parent}.pt exists; "
             f"train it first: /usr/bin/python3 model/train.py model/configs/{parent}.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("--steps", type=int, help="stop after this step (the schedule still follows the config)")
    parser.add_argument("--out", default=os.path.join(HERE, "runs"))
    args = parser.parse_args()
    cfg = load_config(args.config)
    torch.set_num_threads(cfg["threads"])
    run_dir = os.path.join(args.out, cfg["name"])
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "checkpoint.pt")

    data = cfg["data"] if os.path.isabs(cfg["data"]) else os.path.join(os.path.dirname(HERE), cfg["data"])
    photos = trainset.load_photos(data, cfg["scale"], exclude=photos_outside(data, cfg.get("packages")))
    train = trainset.TrainSet(photos, cfg["scale"], cfg["crop"], cfg["clean_prob"], degrade.DegradeConfig())
    monitor = trainset.TrainSet(photos, cfg["scale"], cfg["crop"], 1.0).sample(np.random.default_rng(MONITOR_SEED), 32)

    torch.manual_seed(cfg["seed"])
    model = archs.build(cfg["size"], cfg["scale"])
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.99))
    rng = np.random.default_rng(cfg["seed"])
    gen = torch.Generator().manual_seed(cfg["seed"])
    step = 0
    if cfg["init_from"]:
        parent = parent_weights(args.out, cfg["init_from"])
        archs.grow_from(model, torch.load(parent, map_location="cpu"))
        print(f"{cfg['name']} starts from {parent}", file=sys.stderr)  # a checkpoint, if any, replaces it below
    if os.path.isfile(ckpt_path):
        ck = torch.load(ckpt_path)
        if ck["config"] != cfg:
            sys.exit(f"{ckpt_path} was written by a different config; move it away to start over")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        rng.bit_generator.state = ck["rng"]
        gen.set_state(ck["gen"])
        step = ck["step"]
        print(f"resuming {cfg['name']} at step {step}", file=sys.stderr)
    end = min(cfg["steps"], args.steps or cfg["steps"])
    channels = 3 * cfg["scale"] ** 2
    log = open(os.path.join(run_dir, "log.tsv"), "a", encoding="utf-8")
    if step == 0:
        log.write("step\tlr\tloss\tl_gt\tl_sc\tmonitor_y_psnr\tbicubic_y_psnr\tsteps_per_s\n")
    sums, t0, s0 = np.zeros(3), time.time(), step
    while step < end:
        for group in opt.param_groups:
            group["lr"] = learning_rate(cfg, step)
        batch = train.sample(rng, cfg["batch"])
        eps, weight = draw_noise(cfg, batch, channels, gen)
        loss, l_gt, l_sc = training_loss(model, cfg, batch, eps, weight, rng)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        sums += (loss.item(), l_gt.item(), l_sc.item())
        if step % cfg["log_every"] == 0 or step == end:
            n = step - s0
            psnr, bic = monitor_psnr(model, monitor, cfg, channels)
            rate = n / (time.time() - t0)
            log.write(f"{step}\t{learning_rate(cfg, step - 1):.3g}\t" + "\t".join(f"{v / n:.5f}" for v in sums)
                      + f"\t{psnr:.3f}\t{bic:.3f}\t{rate:.3f}\n")
            log.flush()
            eta = (end - step) / max(rate, 1e-9)
            print(f"{cfg['name']} step {step}/{end} loss {sums[0] / n:.4f} monitor Y-PSNR {psnr:.2f} dB "
                  f"(bicubic {bic:.2f}) {rate:.2f} steps/s ETA {eta / 60:.1f} min", file=sys.stderr, flush=True)
            sums, t0, s0 = np.zeros(3), time.time(), step
        if step % cfg["checkpoint_every"] == 0 or step == end:
            torch.save({"config": cfg, "model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                        "rng": rng.bit_generator.state, "gen": gen.get_state()}, ckpt_path + ".tmp")
            os.replace(ckpt_path + ".tmp", ckpt_path)
    if step >= cfg["steps"]:
        torch.save(model.state_dict(), os.path.join(run_dir, "weights.pt"))
        print(f"weights: {os.path.join(run_dir, 'weights.pt')}", file=sys.stderr)


def monitor_psnr(model: archs.SamsrSR, batch: trainset.Batch, cfg: dict, channels: int):
    """Mean Y-PSNR of the model and of bicubic on the fixed monitoring crops (clean bicubic LR, fixed noise, drawn
    on the CPU for every device)."""
    gen = torch.Generator().manual_seed(MONITOR_SEED)
    cpu = trainset.Batch(*(t.cpu() for t in (batch.lr, batch.hr, batch.weight, batch.count, batch.masks)))
    eps, weight = (t.to(batch.lr.device) for t in draw_noise(cfg, cpu, channels, gen, training=False))
    with torch.no_grad():
        sr = model(batch.lr, weight, eps)
        bic = space.bicubic_up(batch.lr, cfg["scale"]).clamp(0.0, 1.0)
    return metrics.y_psnr(sr, batch.hr, 4), metrics.y_psnr(bic, batch.hr, 4)


if __name__ == "__main__":
    main()
