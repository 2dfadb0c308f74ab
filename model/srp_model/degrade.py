"""Synthetic LR degradations for training: blur, downscaling (bicubic, bilinear, area), sensor
noise and JPEG, on float RGB arrays [H,W,3] in [0,1]. Randomness only through a numpy Generator, so a seed
reproduces a degraded patch exactly.

Not yet here: H.264-like compression (blocking at 4x4/8x8 with in-loop deblocking and motion-compensated drift);
JPEG with 4:2:0 chroma subsampling stands in for it.
"""
import io
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np
from PIL import Image

RESAMPLE = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR, "area": Image.BOX}


def to_pil(x: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(np.rint(x * 255.0), 0, 255).astype(np.uint8), "RGB")


def from_pil(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0


def downscale(x: np.ndarray, scale: int, method: str) -> np.ndarray:
    """[H,W,3] -> [H/s,W/s,3] with PIL's antialiased filters (area = box). H and W must be multiples of scale.
    Works on float32 per channel (mode 'F'), so no 8-bit rounding happens here."""
    h, w = x.shape[:2]
    if h % scale or w % scale:
        raise ValueError(f"downscale: {w}x{h} is not a multiple of {scale}")
    if method not in RESAMPLE:
        raise ValueError(f"downscale: unknown method {method}, expected one of {sorted(RESAMPLE)}")
    size = (w // scale, h // scale)
    chans = [np.asarray(Image.fromarray(np.ascontiguousarray(x[:, :, c], dtype=np.float32), "F")
                        .resize(size, RESAMPLE[method])) for c in range(3)]
    return np.stack(chans, axis=2)


def gaussian_kernel(sigma: float) -> np.ndarray:
    radius = max(1, int(np.ceil(3.0 * sigma)))
    t = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (t / sigma) ** 2)
    return (k / k.sum()).astype(np.float32)


def gaussian_blur(x: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur with edge-replicating borders; sigma <= 0 returns x unchanged."""
    if sigma <= 0:
        return x
    k = gaussian_kernel(sigma)
    r = len(k) // 2
    p = np.pad(x, ((r, r), (r, r), (0, 0)), mode="edge")
    rows = sum(k[i] * p[i:i + x.shape[0], :, :] for i in range(len(k)))
    return sum(k[i] * rows[:, i:i + x.shape[1], :] for i in range(len(k))).astype(np.float32)


def sensor_noise(x: np.ndarray, rng: np.random.Generator, read_sigma: float, shot_gain: float = 0.0) -> np.ndarray:
    """Poisson-Gaussian sensor noise, Gaussian approximation: x + N(0, read_sigma^2 + shot_gain * x), clipped."""
    var = read_sigma * read_sigma + shot_gain * np.clip(x, 0.0, 1.0)
    return np.clip(x + rng.standard_normal(x.shape).astype(np.float32) * np.sqrt(var), 0.0, 1.0).astype(np.float32)


def jpeg(x: np.ndarray, quality: int) -> np.ndarray:
    """JPEG round trip through PIL (4:2:0 chroma subsampling)."""
    buf = io.BytesIO()
    to_pil(x).save(buf, format="JPEG", quality=int(quality), subsampling=2)
    buf.seek(0)
    return from_pil(Image.open(buf))


@dataclass(frozen=True)
class DegradeConfig:
    """Probabilities and ranges of the random degradation pipeline blur -> downscale -> noise -> JPEG."""
    blur_prob: float = 0.5
    blur_sigma: Tuple[float, float] = (0.2, 1.5)
    methods: Tuple[str, ...] = ("bicubic", "bilinear", "area")
    noise_prob: float = 0.5
    read_sigma: Tuple[float, float] = (0.0, 0.02)
    shot_gain: Tuple[float, float] = (0.0, 0.01)
    jpeg_prob: float = 0.6
    jpeg_quality: Tuple[int, int] = (40, 95)


def degrade(hr: np.ndarray, scale: int, rng: np.random.Generator,
            cfg: Optional[DegradeConfig] = None) -> Tuple[np.ndarray, dict]:
    """HR [H,W,3] -> (LR [H/s,W/s,3] float32 in [0,1], record of what was applied)."""
    cfg = cfg or DegradeConfig()
    record = {}
    x = hr.astype(np.float32)
    if rng.random() < cfg.blur_prob:
        sigma = float(rng.uniform(*cfg.blur_sigma))
        x = gaussian_blur(x, sigma)
        record["blur_sigma"] = sigma
    method = cfg.methods[int(rng.integers(len(cfg.methods)))]
    x = np.clip(downscale(x, scale, method), 0.0, 1.0)
    record["method"] = method
    if rng.random() < cfg.noise_prob:
        read, gain = float(rng.uniform(*cfg.read_sigma)), float(rng.uniform(*cfg.shot_gain))
        x = sensor_noise(x, rng, read, gain)
        record["noise"] = (read, gain)
    if rng.random() < cfg.jpeg_prob:
        q = int(rng.integers(cfg.jpeg_quality[0], cfg.jpeg_quality[1] + 1))
        x = jpeg(x, q)
        record["jpeg_quality"] = q
    return x.astype(np.float32), record
