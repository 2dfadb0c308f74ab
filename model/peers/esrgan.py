"""Peer SR models (UpscalerJS ESRGAN slim/medium/thick 1.0.0, MIT, trained on DIV2K) run in PyTorch.

The packages ship TF.js layers models: a Keras functional graph in model.json and raw little-endian float32
weights in shards. KerasGraph interprets that graph generically, so all variants and scales share one code path.
The layers these files use: InputLayer, Conv2D (stride 1, 'same'/'valid'), Activation (relu), Concatenate
(channel axis), Add, UpSampling2D (nearest; slim and medium upsample this way), and UpscalerJS's own
MultiplyBeta (x * beta, beta=0.2) and PixelShuffle<s>x (tf.depthToSpace, NHWC; thick only).

Value ranges (UpscalerJS packages/shared/src/esrgan/esrgan.js): the RDN models (slim, medium) take and return
0-255, the RRDN model (thick) 0-1. PeerSR hides that: it takes and returns RGB in [0,1].
Fetch the files first with model/peers/fetch_peers.py.
"""
import json
import os
from typing import Dict, List, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

VALUE_RANGE = {"slim": 255.0, "medium": 255.0, "thick": 1.0}
DEFAULT_ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "peers")


def tf_depth_to_space(x: Tensor, s: int) -> Tensor:
    """tf.nn.depth_to_space on an NCHW tensor: [N,s*s*C,h,w] -> [N,C,s*h,s*w].

    TF puts the colour fastest: out[c, s*y+i, s*x+j] = in[(i*s + j)*C + c, y, x]. PyTorch's pixel_shuffle puts it
    slowest (in[c*s*s + i*s + j]), so using pixel_shuffle here would scramble colours and sub-pixel positions.
    """
    n, cs2, h, w = x.shape
    c = cs2 // (s * s)
    return x.view(n, s, s, c, h, w).permute(0, 3, 4, 1, 5, 2).reshape(n, c, h * s, w * s)


def tf_same_padding(kernel: int, dilation: int = 1) -> Tuple[int, int]:
    """TF 'same' padding at stride 1: total k_eff-1, the extra pixel (even kernels) goes after, not before."""
    total = dilation * (kernel - 1)
    return total // 2, total - total // 2


def hwio_to_oihw(kernel: np.ndarray) -> Tensor:
    """Keras Conv2D kernels are [kh, kw, in, out]; torch wants [out, in, kh, kw]. Both are cross-correlations."""
    return torch.from_numpy(np.ascontiguousarray(kernel.transpose(3, 2, 0, 1)))


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def read_weights(model_dir: str, manifest: List[dict]) -> Dict[str, np.ndarray]:
    """Weights by name ('F_0/kernel'). Each group's shards concatenate into one buffer read in manifest order."""
    out = {}
    for group in manifest:
        buf = b"".join(_read(os.path.join(model_dir, p)) for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if w["dtype"] != "float32" or w.get("quantization"):
                raise ValueError(f"{model_dir}: weight {w['name']} is {w['dtype']}/{w.get('quantization')}, "
                                 "only unquantized float32 is supported")
            n = int(np.prod(w["shape"]))
            out[w["name"]] = np.frombuffer(buf, "<f4", n, offset).reshape(w["shape"])
            offset += 4 * n
        if offset != len(buf):
            raise ValueError(f"{model_dir}: shards hold {len(buf)} bytes, manifest describes {offset}")
    return out


class KerasGraph(nn.Module):
    """A Keras functional model (channels_last) run in NCHW, in the value range it was trained on."""

    def __init__(self, config: dict, weights: Dict[str, np.ndarray], where: str = "model.json"):
        super().__init__()
        self.convs = nn.ModuleDict()
        self.steps = []  # (class_name, name, input names, layer config), in the file's (topological) order
        for layer in config["layers"]:
            cls, name, cfg = layer["class_name"], layer["name"], layer["config"]
            nodes = layer["inbound_nodes"]
            if len(nodes) > 1 or any(t[1] != 0 or t[2] != 0 for node in nodes for t in node):
                raise ValueError(f"{where}: layer {name} is shared or multi-output; not supported")
            inputs = [t[0] for node in nodes for t in node]
            if cls == "Conv2D":
                self.convs[self._key(name)] = self._conv(name, cfg, weights, where)
            elif cls not in ("InputLayer", "Activation", "Concatenate", "Add", "UpSampling2D", "MultiplyBeta") \
                    and not cls.startswith("PixelShuffle"):
                raise ValueError(f"{where}: layer {name} of class {cls} is not supported")
            if cls == "Activation" and cfg["activation"] not in ("relu", "linear"):
                raise ValueError(f"{where}: activation {cfg['activation']} of {name} is not supported")
            if cls == "UpSampling2D" and cfg["interpolation"] != "nearest":
                raise ValueError(f"{where}: {name} interpolates {cfg['interpolation']}; only nearest is supported")
            if cls == "Concatenate" and cfg["axis"] not in (-1, 3):
                raise ValueError(f"{where}: {name} concatenates on axis {cfg['axis']}, not channels")
            self.steps.append((cls, name, inputs, cfg))
        (self.input_name, _, _), = config["input_layers"]
        (self.output_name, _, _), = config["output_layers"]
        # Free each intermediate after its last use: thick has 477 layers and would otherwise keep them all.
        last_use = {}
        for i, (_, _, inputs, _) in enumerate(self.steps):
            for t in inputs:
                last_use[t] = i
        self.free_after = [[t for t in set(inputs) if last_use[t] == i and t != self.output_name]
                           for i, (_, _, inputs, _) in enumerate(self.steps)]

    @staticmethod
    def _key(name: str) -> str:
        return name.replace(".", "_")  # ModuleDict keys cannot hold dots

    @staticmethod
    def _conv(name: str, cfg: dict, weights: Dict[str, np.ndarray], where: str) -> nn.Module:
        if (tuple(cfg["strides"]) != (1, 1) or cfg.get("groups", 1) != 1 or cfg["data_format"] != "channels_last"
                or cfg["activation"] != "linear"):
            raise ValueError(f"{where}: Conv2D {name} needs stride 1, groups 1, channels_last, linear activation")
        kh, kw = cfg["kernel_size"]
        dh, dw = cfg["dilation_rate"]
        kernel = hwio_to_oihw(weights[f"{name}/kernel"])
        conv = nn.Conv2d(kernel.shape[1], kernel.shape[0], (kh, kw), dilation=(dh, dw), bias=cfg["use_bias"])
        with torch.no_grad():
            conv.weight.copy_(kernel)
            if cfg["use_bias"]:
                conv.bias.copy_(torch.from_numpy(weights[f"{name}/bias"].copy()))
        if cfg["padding"] == "valid":
            return conv
        (top, bottom), (left, right) = tf_same_padding(kh, dh), tf_same_padding(kw, dw)
        if top == bottom and left == right:
            conv.padding = (top, left)  # odd kernels (all those shipped): symmetric, zero-padded like TF
            return conv
        return nn.Sequential(nn.ZeroPad2d((left, right, top, bottom)), conv)

    def forward(self, x: Tensor) -> Tensor:
        values = {}
        for (cls, name, inputs, cfg), free in zip(self.steps, self.free_after):
            args = [values[t] for t in inputs]
            if cls == "InputLayer":
                y = x
            elif cls == "Conv2D":
                y = self.convs[self._key(name)](args[0])
            elif cls == "Activation":
                y = F.relu(args[0]) if cfg["activation"] == "relu" else args[0]
            elif cls == "Concatenate":
                y = torch.cat(args, dim=1)
            elif cls == "Add":
                y = args[0]
                for a in args[1:]:
                    y = y + a
            elif cls == "UpSampling2D":
                sh, sw = cfg["size"]
                y = args[0].repeat_interleave(sh, dim=2).repeat_interleave(sw, dim=3)  # exact nearest
            elif cls == "MultiplyBeta":
                y = args[0] * cfg["beta"]
            else:  # PixelShuffle<s>x
                y = tf_depth_to_space(args[0], int(cfg["scale"]))
            values[name] = y
            for t in free:
                del values[t]
        return values[self.output_name]


class PeerSR(nn.Module):
    """RGB [N,3,h,w] in [0,1] -> [N,3,s*h,s*w] in [0,1], clamped (as UpscalerJS clips to the output range)."""

    def __init__(self, graph: KerasGraph, scale: int, value_range: float, name: str):
        super().__init__()
        self.graph, self.scale, self.value_range, self.name = graph, scale, value_range, name

    def forward(self, x: Tensor) -> Tensor:
        return (self.graph(x * self.value_range) / self.value_range).clamp(0.0, 1.0)


def model_dir(variant: str, scale: int = 4, root: str = DEFAULT_ROOT) -> str:
    return os.path.join(root, variant, "models", f"x{scale}")


def load(variant: str, scale: int = 4, root: str = DEFAULT_ROOT) -> PeerSR:
    """The UpscalerJS ESRGAN peer `variant` (slim, medium, thick) at `scale`, in eval mode."""
    if variant not in VALUE_RANGE:
        raise ValueError(f"unknown peer variant {variant!r}; expected one of {sorted(VALUE_RANGE)}")
    d = model_dir(variant, scale, root)
    path = os.path.join(d, "model.json")
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} is missing; run: /usr/bin/python3 model/peers/fetch_peers.py --scale {scale}")
    with open(path) as f:
        spec = json.load(f)
    graph = KerasGraph(spec["modelTopology"]["model_config"]["config"], read_weights(d, spec["weightsManifest"]),
                       path)
    return PeerSR(graph, scale, VALUE_RANGE[variant], f"esrgan-{variant}-x{scale}").eval()


def parameter_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def macs_per_lr_pixel(module: nn.Module, h: int = 32, w: int = 32) -> float:
    """Multiply-accumulates of all convolutions per LR input pixel, measured on an h x w input (borders included)."""
    total = [0]

    def count(conv: nn.Conv2d, _inp, out: Tensor) -> None:
        kh, kw = conv.kernel_size
        total[0] += out.numel() * (conv.in_channels // conv.groups) * kh * kw

    hooks = [m.register_forward_hook(count) for m in module.modules() if isinstance(m, nn.Conv2d)]
    try:
        with torch.no_grad():
            module(torch.zeros(1, 3, h, w))
    finally:
        for hk in hooks:
            hk.remove()
    return total[0] / (h * w)
