#!/usr/bin/python3
"""The reference output of a SAMSR TorchScript model on a pipeline's LR frames, computed with torch in Python and
nothing of srp's Java: the check that what srp writes is what the model computes (launcher's PipelineParityIT).

    /usr/bin/python3 model/pipeline_reference.py MODEL.pt DIR

DIR holds what the pipeline's model got, written by the test:
  frames.tsv           one line per frame, in output order: frame index, shot id, width, height (header first)
  lr.u8                the frames' packed RGB24 pixels, one after the other
  shot-ID.masks.u8     the shot's masks, uint8 [M, h, w], 1 = in the mask
  shot-ID.eps.f32      the shot's eps', float32 little-endian [3*s*s, h, w]
W is computed here from the masks (samsr.weight_map); the output, converted to 8 bits as the model contract says
(clamp to [0, 1], times 255, round half to even), goes to DIR/reference.u8, frame after frame.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from srp_model import samsr  # noqa: E402


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    model_path, folder = sys.argv[1], sys.argv[2]
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model = torch.jit.load(model_path).eval()
    with open(os.path.join(folder, "frames.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    lr_all = np.fromfile(os.path.join(folder, "lr.u8"), dtype=np.uint8)
    offset = 0
    shot_inputs = {}
    with open(os.path.join(folder, "reference.u8"), "wb") as out, torch.no_grad():
        for index, shot, width, height in rows:
            w, h = int(width), int(height)
            lr8 = lr_all[offset:offset + h * w * 3].reshape(1, h, w, 3)
            offset += h * w * 3
            if shot not in shot_inputs:
                shot_inputs.clear()  # frames arrive shot after shot
                masks = np.fromfile(os.path.join(folder, f"shot-{shot}.masks.u8"), dtype=np.uint8)
                masks = torch.from_numpy(masks.reshape(1, -1, h, w).astype(np.float32))
                eps = torch.from_numpy(np.fromfile(os.path.join(folder, f"shot-{shot}.eps.f32"), dtype="<f4"))
                shot_inputs[shot] = (samsr.weight_map(masks), eps.reshape(1, -1, h, w))
            weight, eps = shot_inputs[shot]
            lr = torch.from_numpy(lr8).permute(0, 3, 1, 2).float() / 255.0
            hr = model(lr, weight, eps)
            rgb = (hr.clamp(0.0, 1.0) * 255.0).round().to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy()
            out.write(rgb.tobytes())
    print(f"reference for {len(rows)} frames written to {os.path.join(folder, 'reference.u8')}")


if __name__ == "__main__":
    main()
