"""Y-PSNR and Y-SSIM as SR papers report them: BT.601 luma of RGB in [0,1] on the 16-235 scale, a border of
`border` pixels shaved, images rounded to 8 bits first (what a saved frame holds)."""
import numpy as np
import torch
from torch import Tensor


def luma(rgb: Tensor) -> Tensor:
    """[N,3,H,W] in [0,1] -> [N,H,W] BT.601 Y in 16..235 (float)."""
    return 16.0 + 65.481 * rgb[:, 0] + 128.553 * rgb[:, 1] + 24.966 * rgb[:, 2]


def _prepared(a: Tensor, border: int) -> Tensor:
    y = luma(torch.round(a.clamp(0.0, 1.0) * 255.0) / 255.0).double()
    return y[:, border:y.shape[1] - border, border:y.shape[2] - border] if border else y


def y_psnr(sr: Tensor, hr: Tensor, border: int) -> float:
    """Mean over the batch of per-image Y-PSNR in dB."""
    d = _prepared(sr, border) - _prepared(hr, border)
    mse = (d * d).mean(dim=[1, 2]).clamp(min=1e-10)
    return float((10.0 * torch.log10(255.0 ** 2 / mse)).mean())


def y_ssim(sr: Tensor, hr: Tensor, border: int) -> float:
    """Mean over the batch of Y-SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03, L 255),
    computed by scikit-image's structural_similarity with those settings."""
    from skimage.metrics import structural_similarity
    a, b = _prepared(sr, border).numpy(), _prepared(hr, border).numpy()
    return float(np.mean([structural_similarity(x, y, data_range=255.0, gaussian_weights=True, sigma=1.5,
                                                use_sample_covariance=False) for x, y in zip(a, b)]))
