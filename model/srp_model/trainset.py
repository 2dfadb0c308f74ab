"""Training samples for SamsrSR: random HR crops of the training photos, their synthetic LR frame and the
built-in generator's masks of that crop (model/data/make_masks.py computes them with sr-worker's own code).

Everything a step needs is derived here from three things per photo: the HR image, its masks [M,h,w] at LR size
and the per-pixel mask count. W is computed once per photo (Eq. 8 normalises by the frame's maximum, and at
inference the frame is the whole picture) and cropped with it.
"""
import glob
import gzip
import os
from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import torch
from PIL import Image
from torch import Tensor

from . import degrade, samsr


@dataclass
class Photo:
    name: str
    hr: np.ndarray      # [H,W,3] float32 in [0,1], H and W multiples of the scale
    masks: np.ndarray   # [M,h,w] uint8 at LR size
    weight: np.ndarray  # [h,w] float32, W of the whole photo


@dataclass
class Batch:
    lr: Tensor      # [N,3,p,p] in [0,1], degraded
    hr: Tensor      # [N,3,s*p,s*p] in [0,1]
    weight: Tensor  # [N,1,p,p], W cropped from the whole photo's W
    count: Tensor   # [N,1,p,p], masks covering each pixel plus the background mask (>= 1)
    masks: Tensor   # [N,Mmax,p,p] float 0/1, masks that touch the crop, zero-padded


def load_photos(data: str, scale: int, exclude: Optional[List[str]] = None) -> List[Photo]:
    photos = []
    for mask_file in sorted(glob.glob(os.path.join(data, f"masks{scale}", "*.masks.npy.gz"))):
        name = os.path.basename(mask_file)[:-len(".masks.npy.gz")]
        if exclude and name in exclude:
            continue
        masks = load_masks(mask_file)
        img = Image.open(os.path.join(data, "hr", name + ".png")).convert("RGB")
        h, w = masks.shape[1] * scale, masks.shape[2] * scale
        hr = np.asarray(img.crop((0, 0, w, h)), dtype=np.float32) / 255.0
        count = masks.sum(axis=0, dtype=np.float32)
        weight = count / count.max() if masks.shape[0] and count.max() > 0 else np.zeros_like(count)
        photos.append(Photo(name, hr, masks, weight.astype(np.float32)))
    if not photos:
        raise FileNotFoundError(f"no masks under {data}/masks{scale}; run model/data/prepare.py and "
                                f"model/data/make_masks.py first")
    return photos


def load_masks(path: str) -> np.ndarray:
    """A NAME.masks.npy.gz file of `srp masks`: uint8 [M,h,w]."""
    with gzip.open(path) as f:
        return np.load(f)


class TrainSet:
    """Draws batches reproducibly from a numpy Generator: photo (by area), crop, flip/rotation, degradation."""

    def __init__(self, photos: List[Photo], scale: int, crop: int, clean_prob: float,
                 cfg: Optional[degrade.DegradeConfig] = None):
        self.photos = [p for p in photos if min(p.masks.shape[1:]) >= crop]
        if not self.photos:
            raise ValueError(f"no photo is at least {crop} LR pixels on each side")
        area = np.array([p.masks.shape[1] * p.masks.shape[2] for p in self.photos], dtype=np.float64)
        self.prob = area / area.sum()
        self.scale, self.crop, self.clean_prob = scale, crop, clean_prob
        self.cfg = cfg or degrade.DegradeConfig()

    def sample(self, rng: np.random.Generator, n: int) -> Batch:
        s, p = self.scale, self.crop
        lrs, hrs, ws, counts, masks = [], [], [], [], []
        for _ in range(n):
            ph = self.photos[int(rng.choice(len(self.photos), p=self.prob))]
            y = int(rng.integers(0, ph.masks.shape[1] - p + 1))
            x = int(rng.integers(0, ph.masks.shape[2] - p + 1))
            hr = ph.hr[s * y:s * (y + p), s * x:s * (x + p)]
            m = ph.masks[:, y:y + p, x:x + p]
            m = m[m.reshape(m.shape[0], -1).any(axis=1)]
            w = ph.weight[y:y + p, x:x + p]
            k, flip = int(rng.integers(4)), bool(rng.integers(2))
            hr, m, w = _orient(hr, k, flip), _orient(m.transpose(1, 2, 0), k, flip), _orient(w, k, flip)
            if rng.random() < self.clean_prob:
                lr = degrade.downscale(hr, s, "bicubic").clip(0.0, 1.0)
            else:
                lr, _ = degrade.degrade(hr, s, rng, self.cfg)
            lrs.append(lr)
            hrs.append(hr)
            ws.append(w)
            masks.append(m)
            counts.append(m.sum(axis=2, dtype=np.float32) + (m.sum(axis=2) == 0))
        mmax = max(1, max(m.shape[2] for m in masks))
        padded = np.zeros((n, mmax, p, p), dtype=np.float32)
        for i, m in enumerate(masks):
            padded[i, :m.shape[2]] = m.transpose(2, 0, 1)
        return Batch(_chw(lrs), _chw(hrs), torch.from_numpy(np.stack(ws)[:, None].copy()),
                     torch.from_numpy(np.stack(counts)[:, None].copy()), torch.from_numpy(padded))


def _orient(a: np.ndarray, k: int, flip: bool) -> np.ndarray:
    a = np.rot90(a, k, axes=(0, 1))
    return a[:, ::-1] if flip else a


def _chw(images: List[np.ndarray]) -> Tensor:
    return torch.from_numpy(np.ascontiguousarray(np.stack(images).transpose(0, 3, 1, 2), dtype=np.float32))


def semantic_noise(count: Tensor, channels: int, generator: torch.Generator) -> Tensor:
    """eps' with exactly the distribution of samsr.sam_noise for these masks, drawn in one call.

    In sam_noise every Z_m is an independent standard-normal field, so at one pixel and channel
    sum_m F_m Z_m / count is a sum of `count` independent standard normals divided by `count`: N(0, 1/count),
    independent across pixels and channels. Drawing that directly costs one randn instead of M + 1, which matters
    with up to 192 masks per crop on a CPU. (Inference draws per mask, seeded per shot, as the Java SamNoise does.)
    """
    n, _, h, w = count.shape
    z = torch.randn([n, channels, h, w], generator=generator) * torch.rsqrt(count)
    return samsr.standardise(z)


def rope_map(h: int, w: int) -> Tensor:
    """SAM-DiffSR's position map: rotary position embedding of an all-ones [h, w] tensor, the width taken as the
    sequence and the height as the embedding. Row 2k at column p is cos(p t_k) - sin(p t_k), row 2k+1 is
    sin(p t_k) + cos(p t_k), with t_k = 10000^(-2k/h): every position gets its own value in [-sqrt 2, sqrt 2]."""
    k = torch.arange(h, dtype=torch.float64) // 2
    theta = 10000.0 ** (-2.0 * k / h)
    angle = torch.arange(w, dtype=torch.float64)[None, :] * theta[:, None]
    even = (torch.arange(h) % 2 == 0)[:, None]
    return torch.where(even, angle.cos() - angle.sin(), angle.sin() + angle.cos()).float()


def structure_encoding(masks: Tensor) -> Tensor:
    """SAM-DiffSR's structural position encoding E [N,1,p,p] of each crop's masks [N,M,p,p]: every mask gets the
    mean of the position map over its pixels. srp's masks overlap, so a pixel takes the mean of its masks' values
    (0 where none covers it). A crop with at most one mask carries no structure and gets all zeros, which the
    paper found better than its single value."""
    n, _, h, w = masks.shape
    area = masks.sum(dim=(2, 3))                                     # [N,M]
    value = (masks * rope_map(h, w)).sum(dim=(2, 3)) / area.clamp(min=1.0)
    covered = masks.sum(dim=1, keepdim=True)                         # [N,1,p,p]
    e = (masks * value[:, :, None, None]).sum(dim=1, keepdim=True) / covered.clamp(min=1.0)
    informative = ((area > 0).sum(dim=1) > 1).float()[:, None, None, None]
    return e * informative


def structure_modulated_noise(masks: Tensor, channels: int, generator: torch.Generator) -> Tensor:
    """Training noise of the SAM-DiffSR variant: plain standardised Gaussian noise with its mean shifted by the
    structure encoding of the masks, the same shift in every channel. Inference draws plain noise, no masks."""
    n, _, h, w = masks.shape
    z = samsr.standardise(torch.randn([n, channels, h, w], generator=generator))
    return z + structure_encoding(masks)


def gaussian_noise(count: Tensor, channels: int, generator: torch.Generator) -> Tensor:
    """Plain standardised Gaussian noise (SinSR-style, the ablation without masks)."""
    n, _, h, w = count.shape
    return samsr.standardise(torch.randn([n, channels, h, w], generator=generator))
