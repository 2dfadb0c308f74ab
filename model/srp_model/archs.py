"""The single-step network (docs/model-card.md, "Method", adaptations 1-2) and the TorchScript-able top module SamsrSR.

Everything runs at LR resolution in srp's space-to-depth space (srp_model.space): the network sees
concat(x_T * input_scale, condition, W) and predicts x0 as a residual on y; the result is pixel-shuffled to HR.

Sizes (x4, multiply-adds of the convolutions per LR pixel; bicubic and shuffles not counted):
  fast     32 features, 1 residual block, LR condition, 1x1 tail:   ~35 k MAC/px,  ~2.0 GMAC per 320x180 frame
  fast2    32 features, 2 residual blocks, otherwise as fast:        ~53 k MAC/px,  ~3.1 GMAC per 320x180 frame
  quality  64 features, 8 residual blocks, y condition, 3x3 tail:  ~674 k MAC/px, ~38.8 GMAC per 320x180 frame
Reference: ESRGAN-thick (upscalerjs, RRDN, 7.26 M parameters) runs all but a tiny 3->3 HR conv at LR size, so
its MACs per LR pixel are about its parameter count, ~7.2 M; quality's budget (1/10 of that) is ~726 k.
"""
from typing import Dict, Set, Tuple

import torch
import torch.nn as nn
from torch import Tensor

from . import samsr, space

SIZES: Dict[str, Dict[str, object]] = {
    "fast": {"features": 32, "blocks": 1, "cond": "lr", "tail_kernel": 1},
    # the fast model with a second residual block: ~53 k MAC/px, grown from a trained "fast" (grow_from)
    "fast2": {"features": 32, "blocks": 2, "cond": "lr", "tail_kernel": 1},
    "quality": {"features": 64, "blocks": 8, "cond": "y", "tail_kernel": 3},
}
ESRGAN_THICK_MACS_PER_LR_PIXEL = 7.26e6  # ~ parameter count, see module docstring


class ResBlock(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.conv1 = nn.Conv2d(features, features, 3, padding=1)
        self.conv2 = nn.Conv2d(features, features, 3, padding=1)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: Tensor) -> Tensor:
        return x + self.conv2(self.act(self.conv1(x)))


class SamsrNet(nn.Module):
    """Plain conv backbone at LR size: in_ch -> out_ch residual. The tail starts at zero, so an untrained net
    returns x0 = y (bicubic)."""

    def __init__(self, in_ch: int, out_ch: int, features: int, blocks: int, tail_kernel: int):
        super().__init__()
        self.head = nn.Conv2d(in_ch, features, 3, padding=1)
        self.act = nn.ReLU(inplace=True)
        self.body = nn.Sequential(*[ResBlock(features) for _ in range(blocks)])
        self.tail = nn.Conv2d(features, out_ch, tail_kernel, padding=tail_kernel // 2)
        nn.init.zeros_(self.tail.weight)
        nn.init.zeros_(self.tail.bias)
        # zero channels the caller appends to the input; 0 while training, set by pad_input_channels at export
        self.in_pad = 0

    def pad_input_channels(self, multiple: int) -> None:
        """Widens the head to take a multiple of `multiple` input channels, the new ones with zero weights, so the
        output stays exactly the same. Why: libtorch's oneDNN convolutions (2.3 to 2.7 at least, AVX2 and AVX-512)
        drop part of the last, partly filled block of 8 or 16 input channels, and may mix uninitialised memory in;
        with whole blocks they are exact (docs/engine-correctness.md)."""
        old = self.head
        in_ch = old.in_channels
        padded = -(-in_ch // multiple) * multiple
        if padded == in_ch:
            return
        with torch.random.fork_rng():  # its initial weights are overwritten: leave the caller's random stream alone
            head = nn.Conv2d(padded, old.out_channels, old.kernel_size, padding=old.padding)
        with torch.no_grad():
            head.weight.zero_()
            head.weight[:, :in_ch].copy_(old.weight)
            head.bias.copy_(old.bias)
        self.head = head
        self.in_pad = padded - in_ch

    def forward(self, x: Tensor) -> Tensor:
        f = self.act(self.head(x))
        return self.tail(self.body(f) + f)


class SamsrSR(nn.Module):
    """forward(lr, weight, noise) -> hr.

    lr [N,3,h,w] RGB in [0,1]; weight = W [N,1,h,w] in [0,1] (samsr.weight_map of the shot's masks);
    noise = eps' [N,3*s*s,h,w] (samsr.sam_noise). Returns hr [N,3,s*h,s*w] in [0,1].
    Inside, images live in [-1,1] as in ResShift/SinSR, so the schedule's noise-to-signal ratio is theirs.
    """

    def __init__(self, scale: int = 4, size: str = "fast", eta_T: float = samsr.ETA_T, kappa: float = samsr.KAPPA,
                 m: float = samsr.M_DEFAULT, on_sqrt_eta: bool = False):
        super().__init__()
        if size not in SIZES:
            raise ValueError("unknown size " + size + ", expected one of " + ", ".join(SIZES))
        cfg = SIZES[size]
        self.scale = scale
        self.size = size
        self.eta_T = eta_T
        self.kappa = kappa
        self.m = m
        self.on_sqrt_eta = on_sqrt_eta
        self.cond_y = cfg["cond"] == "y"
        self.space_ch = 3 * scale * scale
        # not persistent: derived from scale, so checkpoints need not carry it
        self.register_buffer("y_kernel", space.bicubic_phase_kernel(scale), persistent=False)
        cond_ch = self.space_ch if self.cond_y else 3
        self.net = SamsrNet(self.space_ch + cond_ch + 1, self.space_ch, int(cfg["features"]), int(cfg["blocks"]),
                            int(cfg["tail_kernel"]))

    def predict_x0(self, lr: Tensor, weight: Tensor, noise: Tensor) -> Tensor:
        """x0_hat in the space, values in [-1,1] (unclamped), for training losses."""
        lr_pm = lr * 2.0 - 1.0
        y = space.lr_to_y_with(lr_pm, self.y_kernel)
        eta_new, kappa_new = samsr.modulated(self.eta_T, self.kappa, weight, self.m, self.on_sqrt_eta)
        x_t = samsr.x_T(y, noise, weight, self.eta_T, self.kappa, self.m, self.on_sqrt_eta)
        scaled = x_t * samsr.input_scale(eta_new, kappa_new)
        cond = y if self.cond_y else lr_pm
        parts = [scaled, cond, weight]
        if self.net.in_pad > 0:
            parts.append(torch.zeros([weight.shape[0], self.net.in_pad, weight.shape[2], weight.shape[3]],
                                     dtype=weight.dtype, device=weight.device))
        return y + self.net(torch.cat(parts, dim=1))

    def forward(self, lr: Tensor, weight: Tensor, noise: Tensor) -> Tensor:
        hr = space.from_space(self.predict_x0(lr, weight, noise), self.scale)
        return ((hr + 1.0) * 0.5).clamp(0.0, 1.0)


def build(size: str, scale: int = 4) -> SamsrSR:
    return SamsrSR(scale=scale, size=size)


def body_blocks(state: Dict[str, Tensor]) -> Set[int]:
    """The indices of the residual blocks a state dict holds weights for."""
    return {int(k.split(".")[2]) for k in state if k.startswith("net.body.")}


def size_of(state: Dict[str, Tensor]) -> str:
    """The SIZES entry whose network has this state dict's shape (blocks, features, tail kernel)."""
    blocks = len(body_blocks(state))
    features = state["net.head.weight"].shape[0]
    tail_kernel = state["net.tail.weight"].shape[-1]
    for name, cfg in SIZES.items():
        if (cfg["blocks"], cfg["features"], cfg["tail_kernel"]) == (blocks, features, tail_kernel):
            return name
    raise ValueError(f"no size has {blocks} blocks of {features} features and a {tail_kernel}x{tail_kernel} tail")


def grow_from(model: SamsrSR, parent_state: Dict[str, Tensor]) -> None:
    """Loads a trained model with fewer residual blocks into `model` (same features, condition and tail) so that
    `model` computes exactly what the parent did: the parent's weights go to their places and each extra block's
    second convolution is zeroed, which makes that block an identity until training moves it. Why: on a 2-core
    CPU a deeper model trained from scratch spends its first thousands of steps relearning what the parent knows."""
    own = model.state_dict()
    missing = [k for k in own if k not in parent_state]
    extra = [k for k in parent_state if k not in own]
    if extra or any(not k.startswith("net.body.") for k in missing):
        raise ValueError(f"parent does not fit: keys only in parent {extra}, missing outside extra blocks "
                         f"{[k for k in missing if not k.startswith('net.body.')]}")
    for key, value in parent_state.items():
        if own[key].shape != value.shape:
            raise ValueError(f"parent's {key} is {tuple(value.shape)}, this model's is {tuple(own[key].shape)}")
    model.load_state_dict(parent_state, strict=False)
    parent_blocks = body_blocks(parent_state)
    with torch.no_grad():
        for i, block in enumerate(model.net.body):
            if i not in parent_blocks:
                block.conv2.weight.zero_()
                block.conv2.bias.zero_()


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def count_macs(model: SamsrSR, h: int, w: int) -> int:
    """Multiply-adds of every Conv2d for one h x w LR frame (bicubic, shuffles and element-wise ops excluded)."""
    total = [0]

    def hook(mod: nn.Conv2d, _inp: Tuple[Tensor, ...], out: Tensor) -> None:
        k = mod.kernel_size[0] * mod.kernel_size[1]
        total[0] += out.shape[2] * out.shape[3] * mod.out_channels * (mod.in_channels // mod.groups) * k

    handles = [mod.register_forward_hook(hook) for mod in model.modules() if isinstance(mod, nn.Conv2d)]
    try:
        with torch.no_grad():
            s2 = model.scale * model.scale
            model(torch.zeros(1, 3, h, w), torch.zeros(1, 1, h, w), torch.zeros(1, 3 * s2, h, w))
    finally:
        for handle in handles:
            handle.remove()
    return total[0]
