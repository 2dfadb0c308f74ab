"""The SAMSR math, defined once (docs/model-card.md, "Method"): schedule, pixel weight W, SAM-noise eps',
modulated eta/kappa, the single-step start x_T and the network-input scaling.

Every function here is TorchScript-compatible, so the exported model carries this exact code; the Java side
must not re-implement it without a parity test (docs/model-card.md, "Method", adaptation 6).

Shapes: N batch, M masks, C noise channels (3*s*s in srp's space-to-depth space), h x w the LR frame size.
Masks are float tensors with values in {0, 1} at LR resolution.
"""
import math
from typing import List, Optional, Tuple

import torch
from torch import Tensor

# ResShift / SinSR real-SR x4 schedule (docs/model-card.md, "Method": the base)
T: int = 15
KAPPA: float = 2.0
POWER: float = 0.3
SQRT_ETA_1: float = 0.02
SQRT_ETA_T: float = 0.99
ETA_T: float = 0.9801  # = SQRT_ETA_T ** 2; the only eta the single-step model uses
# SAMSR modulation strength (Eq. 9); the paper's best, [1/8, 1/5] all good
M_DEFAULT: float = 0.2


def eta_schedule(steps: int = T, sqrt_eta_1: float = SQRT_ETA_1, sqrt_eta_T: float = SQRT_ETA_T,
                 power: float = POWER) -> Tensor:
    """eta_t for t = 1..steps as a float64 tensor [steps]:
    sqrt(eta_t) = sqrt(eta_1) * (sqrt(eta_T)/sqrt(eta_1)) ** (((t-1)/(steps-1)) ** power)."""
    if steps < 2:
        raise ValueError("eta_schedule needs at least 2 steps, got " + str(steps))
    t = torch.arange(steps, dtype=torch.float64) / (steps - 1)
    sqrt_eta = sqrt_eta_1 * torch.pow(torch.tensor(sqrt_eta_T / sqrt_eta_1, dtype=torch.float64),
                                      torch.pow(t, power))
    return sqrt_eta * sqrt_eta


def weight_map(masks: Tensor) -> Tensor:
    """Pixel weight W (Eq. 8): masks [N,M,h,w] -> W [N,1,h,w] in [0,1].

    W = count / max over the sample's pixels of count, count = sum_m F_m. A sample without any mask pixel
    (including M = 0) gets W = 0 everywhere. The background mask of sam_noise does not count here.
    """
    count = masks.sum(dim=1, keepdim=True)
    peak = torch.amax(count, dim=[2, 3], keepdim=True)
    return count / torch.where(peak > 0, peak, torch.ones_like(peak))


def background_mask(masks: Tensor) -> Tensor:
    """[N,1,h,w]: 1 where no mask covers the pixel, else 0."""
    return (masks.sum(dim=1, keepdim=True) == 0).to(masks.dtype)


def sam_noise(masks: Tensor, z: Tensor, eps: float = 1e-12) -> Tensor:
    """SAM-Noise Module (Eq. 5-7, reference-code variant): masks [N,M,h,w], z [N,M+1,C,h,w] -> eps' [N,C,h,w].

    z holds one standard-normal draw per mask plus one LAST draw for the background mask B (pixels no mask
    covers), so z.shape[1] == M + 1. With F_{M+1} = B and count = sum_{m<=M} F_m + B (>= 1 everywhere):

        N_sum(c,x,y) = sum_{m=1..M+1} F_m(x,y) * Z_m(c,x,y) / count(x,y)
        eps'         = (N_sum - mu) / max(sigma, eps)

    mu and sigma are the mean and the population standard deviation (divide by C*h*w) of N_sum over all of one
    sample's C*h*w values. Dividing by the count keeps overlaps from having a larger variance than single-mask
    pixels before the standardisation; uncovered pixels get the background's own noise, never zero.
    """
    if z.dim() != 5 or z.shape[1] != masks.shape[1] + 1:
        raise ValueError("sam_noise: z must be [N, M+1, C, h, w] (one draw per mask plus the background)")
    full = torch.cat([masks, background_mask(masks)], dim=1)
    count = full.sum(dim=1, keepdim=True)  # [N,1,h,w], >= 1
    n_sum = (full.unsqueeze(2) * z).sum(dim=1) / count
    return standardise(n_sum, eps)


def sam_noise_drawn(masks: Tensor, channels: int, generator: Optional[torch.Generator] = None,
                    eps: float = 1e-12) -> Tensor:
    """sam_noise with z drawn here one mask at a time (memory O(N*C*h*w), not O(M*N*C*h*w)).

    Draw order: mask 1, ..., mask M, background, each torch.randn([N, C, h, w], generator=generator); the
    result equals sam_noise(masks, torch.stack(draws, 1)).
    """
    n, m, h, w = masks.shape
    full = torch.cat([masks, background_mask(masks)], dim=1)
    acc = torch.zeros(n, channels, h, w, dtype=masks.dtype, device=masks.device)
    for i in range(m + 1):
        zi = torch.randn([n, channels, h, w], generator=generator, dtype=masks.dtype, device=masks.device)
        acc = acc + full[:, i:i + 1] * zi
    return standardise(acc / full.sum(dim=1, keepdim=True), eps)


def standardise(x: Tensor, eps: float = 1e-12) -> Tensor:
    """Per sample: (x - mean) / max(population std, eps), statistics over all non-batch dimensions."""
    dims: List[int] = list(range(1, x.dim()))
    mu = x.mean(dim=dims, keepdim=True)
    d = x - mu
    sigma = torch.sqrt((d * d).mean(dim=dims, keepdim=True))
    return d / sigma.clamp(min=eps)


def modulated(eta_T: float, kappa: float, W: Tensor, m: float = M_DEFAULT,
              on_sqrt_eta: bool = False) -> Tuple[Tensor, Tensor]:
    """Modulated schedule (Eq. 9) -> (eta_T_new, kappa_new), both shaped like W.

    Default (the paper's Eq. 9): eta_T_new = eta_T * (1 + m W), kappa_new = kappa * (1 - m W).
    on_sqrt_eta=True is the reference code's variant, sqrt(eta_T_new) = sqrt(eta_T) * (1 + m W),
    i.e. eta_T_new = eta_T * (1 + m W)^2; kept only for an ablation.

    Why the paper's form: it is the published definition the design notes cite, and for the single step it
    only sets the start noise amplitude kappa_new * sqrt(eta_T_new): 1.98 at W = 0 down to 1.735 at W = 1 with
    m = 0.2 (-12 %), where the reference variant barely moves it (1.90, -4 %), so W has a clearer effect.
    """
    mw = m * W
    kappa_new = kappa * (1.0 - mw)
    if on_sqrt_eta:
        g = 1.0 + mw
        return eta_T * g * g, kappa_new
    return eta_T * (1.0 + mw), kappa_new


def noise_amplitude(W: Tensor, eta_T: float = ETA_T, kappa: float = KAPPA, m: float = M_DEFAULT,
                    on_sqrt_eta: bool = False) -> Tensor:
    """kappa_new * sqrt(eta_T_new), shaped like W."""
    eta_new, kappa_new = modulated(eta_T, kappa, W, m, on_sqrt_eta)
    return kappa_new * torch.sqrt(eta_new)


def x_T(y: Tensor, eps: Tensor, W: Tensor, eta_T: float = ETA_T, kappa: float = KAPPA, m: float = M_DEFAULT,
        on_sqrt_eta: bool = False) -> Tensor:
    """Single-step start (Eq. 10): x_T = y + kappa_new * sqrt(eta_T_new) * eps'.
    y, eps [N,C,h,w]; W [N,1,h,w] (broadcast over channels)."""
    return y + noise_amplitude(W, eta_T, kappa, m, on_sqrt_eta) * eps


def input_scale(eta_T_new: Tensor, kappa_new: Tensor) -> Tensor:
    """Network-input scaling 1 / sqrt(eta_T_new * kappa_new^2 + 1), per pixel when W varies."""
    return torch.rsqrt(eta_T_new * kappa_new * kappa_new + 1.0)


def schedule_constants() -> dict:
    """The constants as strings, for the export sidecar."""
    return {"T": str(T), "kappa": repr(KAPPA), "power": repr(POWER), "sqrt_eta_1": repr(SQRT_ETA_1),
            "sqrt_eta_T": repr(SQRT_ETA_T), "eta_T": repr(ETA_T), "m": repr(M_DEFAULT)}


assert math.isclose(ETA_T, SQRT_ETA_T * SQRT_ETA_T, rel_tol=1e-12)
