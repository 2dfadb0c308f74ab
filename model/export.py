#!/usr/bin/python3
"""Exports a SamsrSR model as TorchScript NAME.pt plus the NAME.properties sidecar the Java loader checks.

The sidecar has the keys of dev.srp.contract.ModelSidecar (format 1) and, beyond them, the SAMSR schedule
constants, the noise shape and the training record. Export with Debian's torch 1.13 so DJL's libtorch loads it:
    /usr/bin/python3 model/export.py --size fast --scale 4 [--weights CKPT.pt] [--out models] [--name NAME]
Without --weights the model is untrained (its output is bicubic); the description then says so.
"""
import argparse
import copy
import hashlib
import os
import sys
from typing import Dict, Optional

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from srp_model import archs, samsr  # noqa: E402

VERSION = "0.1.0"
INPUTS = "lr,weight,noise"


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def escape_property(value: str) -> str:
    """java.util.Properties escaping for a value: backslash, line breaks, leading space, non-ASCII."""
    out = []
    for i, ch in enumerate(value):
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == " " and i == 0:
            out.append("\\ ")
        elif ord(ch) > 126 or ord(ch) < 32:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def read_properties(path: str) -> Dict[str, str]:
    """Minimal reader for the files write_sidecar writes (key=value lines, # comments, \\uXXXX and \\\\ escapes)."""
    result = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            result[key] = value.encode("ascii").decode("unicode_escape")
    return result


def sidecar_for(model: archs.SamsrSR, name: str, sha256: str, description: str,
                training_data: str, metrics: str) -> Dict[str, str]:
    s = model.scale
    keys = {
        "format": "1",
        "name": name,
        "version": VERSION,
        "scale": str(s),
        "layout": "NCHW",
        "channels": "3",
        "colour_order": "RGB",
        "value_min": "0",
        "value_max": "1",
        "inputs": INPUTS,
        "sha256": sha256,
        "description": description,
        # beyond ModelSidecar's keys: what a caller must know to build weight and noise
        "input_shapes": f"lr=[N,3,h,w];weight=[N,1,h,w];noise=[N,{3 * s * s},h,w]",
        "noise_channels": str(3 * s * s),
        "size": model.size,
        "modulation": "sqrt_eta" if model.on_sqrt_eta else "eta",
        "parameters": str(archs.count_params(model)),
        "macs_per_lr_pixel": str(archs.count_macs(model, 16, 16) // 256),
        "torch_version": torch.__version__,
        "training_data": training_data,
        "metrics": metrics,
    }
    for k, v in samsr.schedule_constants().items():
        keys["schedule." + k] = v
    keys["kappa"] = repr(model.kappa)
    keys["eta_T"] = repr(model.eta_T)
    keys["m"] = repr(model.m)
    return keys


def write_sidecar(path: str, keys: Dict[str, str]) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write("# Model contract sidecar, read by dev.srp.contract.ModelSidecar; written by model/export.py\n")
        for key, value in keys.items():
            f.write(f"{key}={escape_property(value)}\n")


# Input channels of every convolution a multiple of this: oneDNN's blocked kernels are exact only on whole blocks.
CHANNEL_BLOCK = 16


def export(model: archs.SamsrSR, out_dir: str, name: str, description: str,
           training_data: str = "none (untrained)", metrics: str = "none") -> str:
    """Scripts model (eval mode) to out_dir/NAME.pt and writes out_dir/NAME.properties; returns the .pt path.
    The exported head takes its input zero-padded to whole channel blocks (same output, see
    SamsrNet.pad_input_channels); the caller's model is left as it is."""
    trained = model
    model = copy.deepcopy(model).eval()
    model.net.pad_input_channels(CHANNEL_BLOCK)
    # script, not trace: a trace would freeze the example's frame size into the graph
    scripted = torch.jit.script(model)
    s = model.scale
    probe = (torch.rand(1, 3, 6, 10), torch.rand(1, 1, 6, 10), torch.randn(1, 3 * s * s, 6, 10))
    with torch.no_grad():
        out = scripted(*probe)
    if tuple(out.shape) != (1, 3, 6 * s, 10 * s):
        raise RuntimeError(f"export probe gave shape {tuple(out.shape)}")
    with torch.no_grad():
        unpadded = copy.deepcopy(trained).eval()(*probe)
    if not torch.allclose(out, unpadded, rtol=0, atol=1e-4):  # float rounding only: an 8-bit step is 4e-3
        raise RuntimeError("the padded head changed the output: max difference "
                           f"{(out - unpadded).abs().max().item()}")
    os.makedirs(out_dir, exist_ok=True)
    model_path = os.path.join(out_dir, name + ".pt")
    scripted.save(model_path)
    keys = sidecar_for(model, name, sha256_of(model_path), description, training_data, metrics)
    # the trained weights, not the zeros of the padded head; the MACs are those the exported model runs
    keys["parameters"] = str(archs.count_params(trained))
    keys["head_input_padding"] = str(model.net.in_pad)
    write_sidecar(os.path.join(out_dir, name + ".properties"), keys)
    return model_path


def load_model(size: Optional[str], scale: int, weights: Optional[str]) -> archs.SamsrSR:
    """The network of `size` (None: the size the weights have) with `weights` loaded."""
    state = None
    if weights:
        state = torch.load(weights, map_location="cpu")
        state = state.get("model", state) if isinstance(state, dict) else state
    model = archs.build(size or (archs.size_of(state) if state is not None else "fast"), scale)
    if state is not None:
        model.load_state_dict(state)
    return model


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(archs.SIZES), default="fast")
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument("--weights", help="state_dict checkpoint (a dict with key 'model' or a bare state_dict)")
    parser.add_argument("--out", default=os.path.join(here, "..", "models"))
    parser.add_argument("--name")
    parser.add_argument("--training-data", default=None)
    parser.add_argument("--metrics", default="none")
    args = parser.parse_args()
    name = args.name or f"samsr-{args.size}-x{args.scale}"
    model = load_model(args.size, args.scale, args.weights)
    if args.weights:
        description = (f"srp single-step SAMSR-style x{args.scale} model, size {args.size}, weights "
                       f"{os.path.basename(args.weights)}, exported with torch {torch.__version__}")
        training = args.training_data or "see model card"
    else:
        description = (f"UNTRAINED srp SAMSR-style x{args.scale} network, size {args.size} (output equals bicubic), "
                       f"exported with torch {torch.__version__}")
        training = args.training_data or "none (untrained)"
    path = export(model, args.out, name, description, training, args.metrics)
    print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes) and its .properties")


if __name__ == "__main__":
    main()
