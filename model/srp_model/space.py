"""srp's latent space (samsr.md 3.2): the lossless space-to-depth of the HR frame, 3*s*s channels at LR size.

Channel order is PyTorch's pixel_unshuffle order: channel c*s*s + i*s + j holds HR pixel (s*y + i, s*x + j) of
colour c. pixel_shuffle inverts it exactly.
"""
import torch
import torch.nn.functional as F
from torch import Tensor


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


def lr_to_y(lr: Tensor, scale: int) -> Tensor:
    """y of the SAMSR algebra in srp's space: bicubic-upsampled LR, pixel-unshuffled: [N,3,h,w] -> [N,3*s*s,h,w].
    Values stay in lr's range (the network wrapper maps [0,1] to [-1,1] itself)."""
    return to_space(bicubic_up(lr, scale), scale)
