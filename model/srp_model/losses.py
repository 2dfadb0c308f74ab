"""Training losses: L_gt and a differentiable approximation of SAMSR's semantic consistency loss L_SC.

L_SC (SAMSR Algorithm 1) is MSE(W(x0_hat), W(x0)), with W from SAM's hard masks of each image: not
differentiable, and re-segmenting x0_hat every step is out of the question on a CPU. srp's relaxation keeps the
masks of the ground truth and makes each pixel's membership soft by how well its colour fits the mask:

    s_m(p; x) = F_m(p) * exp(-||x(p) - mu_m||^2 / tau^2),   mu_m = mean colour of the GT x0 over mask m
    W~(x)     = sum_m s_m(p; x) / max_p sum_m F_m(p)
    L_SC      = mean_p (W~(x0_hat) - W~(x0))^2

As tau grows, W~ tends to the hard W. A pixel of x0_hat counts in a mask only as far as it looks like that mask in
the ground truth, so L_SC penalises colour bleeding across the masks' borders and washed-out object parts: the
semantic structure W is meant to protect. It is evaluated on every HR sub-pixel (the space tensor's s*s phases),
with the masks of the LR pixel each sub-pixel belongs to; images are in [-1,1].
"""
from typing import Optional

import torch
from torch import Tensor

TAU_DEFAULT = 0.25


def l_gt(x0_hat: Tensor, x0: Tensor) -> Tensor:
    """Charbonnier (smooth L1) distance. SAMSR uses MSE; L1-type losses train PSNR-oriented SR nets better
    (sharper edges, robust to the few badly aligned crops), so srp uses this and still reports PSNR."""
    return torch.sqrt((x0_hat - x0) ** 2 + 1e-6).mean()


def soft_weight(x: Tensor, masks: Tensor, mu: Tensor, peak: Tensor, tau: float) -> Tensor:
    """W~ of x [N,3,k,h,w] (k = s*s sub-pixels) for masks [N,M,h,w], mask colours mu [N,M,3], peak [N,1,1,1]."""
    n, _, k, h, w = x.shape
    xf = x.reshape(n, 3, k * h * w)
    # ||x - mu||^2 = ||x||^2 - 2 x.mu + ||mu||^2, without an [N,M,3,k*h*w] intermediate
    d2 = (xf * xf).sum(1, keepdim=True) - 2.0 * torch.einsum("nmc,ncp->nmp", mu, xf) \
        + (mu * mu).sum(2, keepdim=True)
    member = torch.exp(-d2.clamp(min=0.0) / (tau * tau)).reshape(n, -1, k, h, w) * masks.unsqueeze(2)
    return member.sum(1) / peak


def l_sc(x0_hat_space: Tensor, x0_space: Tensor, masks: Tensor, scale: int, tau: float = TAU_DEFAULT,
         phases: Optional[Tensor] = None) -> Tensor:
    """x0_hat_space, x0_space [N,3*s*s,h,w] in [-1,1] (srp's space); masks [N,M,h,w] 0/1 at LR size.

    phases: indices into the s*s sub-pixel phases to evaluate (default all). A random subset each step is an
    unbiased estimate of the full loss (mu_m uses all phases of the GT) at a fraction of the cost."""
    n, _, h, w = x0_space.shape
    k = scale * scale
    gt_all = x0_space.reshape(n, 3, k, h, w)
    gt = gt_all if phases is None else gt_all[:, :, phases]
    est = x0_hat_space.reshape(n, 3, k, h, w)
    est = est if phases is None else est[:, :, phases]
    area = masks.sum(dim=[2, 3]).clamp(min=1.0)  # [N,M]
    mu = torch.einsum("nckhw,nmhw->nmc", gt_all, masks) / (area.unsqueeze(2) * k)
    peak = masks.sum(1).amax(dim=[1, 2]).clamp(min=1.0).reshape(n, 1, 1, 1)
    target = soft_weight(gt, masks, mu, peak, tau).detach()
    return ((soft_weight(est, masks, mu, peak, tau) - target) ** 2).mean()
