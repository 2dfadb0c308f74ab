"""srp's latent space (docs/model-card.md, "Method", adaptation 2): the lossless space-to-depth of the HR frame,
3*s*s channels at LR size.

Channel order is PyTorch's pixel_unshuffle order: channel c*s*s + i*s + j holds HR pixel (s*y + i, s*x + j) of
colour c. pixel_shuffle inverts it exactly.
"""
import math
from typing import List

import torch
import torch.nn.functional as F
from torch import Tensor

# PyTorch's bicubic kernel constant (upsample_bicubic2d), so lr_to_y equals F.interpolate(mode="bicubic").
CUBIC_A = -0.75


def to_space(hr: Tensor, scale: int) -> Tensor:
    """[N,C,s*h,s*w] -> [N,C*s*s,h,w]."""
    return F.pixel_unshuffle(hr, scale)


def from_space(x: Tensor, scale: int) -> Tensor:
    """[N,C*s*s,h,w] -> [N,C,s*h,s*w]; exact inverse of to_space."""
    return F.pixel_shuffle(x, scale)


def bicubic_up(lr: Tensor, scale: int) -> Tensor:
    """Bicubic upsampling by an integer factor (align_corners=False, no clamping; output size exactly s*h x s*w)."""
    return F.interpolate(lr, size=[lr.shape[2] * scale, lr.shape[3] * scale], mode="bicubic",
                         align_corners=False)


def _cubic_weights(t: float) -> List[float]:
    a = CUBIC_A

    def near(x: float) -> float:
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x: float) -> float:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def bicubic_phase_kernel(scale: int) -> Tensor:
    """[3*s*s, 1, 5, 5] grouped-convolution weights that compute bicubic upsampling followed by pixel-unshuffle
    directly at LR size: output channel c*s*s + i*s + j is HR sub-pixel (i, j) of colour c. HR pixel s*x + i samples
    the LR row at x + (i + 0.5)/s - 0.5 (align_corners=False), four cubic taps that fall within x-2..x+2."""
    taps = []
    for i in range(scale):
        d = (i + 0.5) / scale - 0.5
        f = math.floor(d)
        w = [0.0] * 5
        for k, wk in enumerate(_cubic_weights(d - f)):
            w[f - 1 + k + 2] += wk
        taps.append(w)
    per_phase = torch.tensor([[[taps[i][a] * taps[j][b] for b in range(5)] for a in range(5)]
                              for i in range(scale) for j in range(scale)], dtype=torch.float32)
    return per_phase.repeat(3, 1, 1).unsqueeze(1)


def lr_to_y_with(lr: Tensor, kernel: Tensor) -> Tensor:
    """lr_to_y with a precomputed bicubic_phase_kernel. Replicate padding matches interpolate's index clamping."""
    return F.conv2d(F.pad(lr, [2, 2, 2, 2], mode="replicate"), kernel, groups=3)


def lr_to_y(lr: Tensor, scale: int) -> Tensor:
    """y of the SAMSR algebra in srp's space: bicubic-upsampled LR, pixel-unshuffled: [N,3,h,w] -> [N,3*s*s,h,w].
    Computed at LR size by a fixed grouped 5x5 convolution (equal to to_space(bicubic_up(lr)) up to float
    rounding), which is several times cheaper than upsampling to HR and unshuffling. Values stay in lr's range."""
    return lr_to_y_with(lr, bicubic_phase_kernel(scale).to(lr.dtype))
