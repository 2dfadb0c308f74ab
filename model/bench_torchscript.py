#!/usr/bin/python3
"""Times a SAMSR TorchScript export in this Python's torch, model call only, as srp's model-only bench does in DJL.

Same inputs as the Java side feeds (lr [N,3,h,w] in [0,1], weight [N,1,h,w], noise [N,3*s*s,h,w]), same thread
count, warm-up calls first, then the median over --calls timed calls; prints one line of ms/frame and fps.
    /usr/bin/python3 model/bench_torchscript.py MODEL.pt [--batch 1] [--threads 1] [--width 320 --height 180] [--with-io]
--threads defaults to torch's own default (1 for Debian's torch 1.13 here); --with-io adds the uint8 conversions
around the call that srp's model-only figure includes.
Compare it side by side with `./srp bench ... --model MODEL.pt` (docs/benchmarks.md): alternate runs, the machine
is shared.
"""
import argparse
import statistics
import time

import torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--width", type=int, default=320)
    parser.add_argument("--height", type=int, default=180)
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--grad", action="store_true", help="run without torch.no_grad (autograd recording)")
    parser.add_argument("--with-io", action="store_true",
                        help="also time what srp's translator does around the call: uint8 NHWC frames in, "
                             "uint8 NHWC frames out (as tensor ops)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model = torch.jit.load(args.model, map_location="cpu").eval()
    n, h, w, s = args.batch, args.height, args.width, args.scale
    g = torch.Generator().manual_seed(1)
    lr = torch.rand(n, 3, h, w, generator=g)
    weight = torch.rand(n, 1, h, w, generator=g)
    noise = torch.randn(n, 3 * s * s, h, w, generator=g)

    frames = (lr.permute(0, 2, 3, 1) * 255).round().to(torch.uint8).contiguous()

    def call() -> None:
        x = frames.permute(0, 3, 1, 2).float().div(255).contiguous() if args.with_io else lr
        out = model(x, weight, noise)
        assert out.shape == (n, 3, h * s, w * s)
        if args.with_io:
            out.mul(255).clamp(0, 255).round().to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy()

    times = []
    with torch.set_grad_enabled(args.grad):
        for _ in range(args.warm_up):
            call()
        for _ in range(args.calls):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    per_frame = statistics.median(times) / n
    print(f"torch {torch.__version__}: batch {n}, {args.threads} threads, {w}x{h} x{s}, "
          f"{'grad' if args.grad else 'no_grad'}{', with uint8 io' if args.with_io else ''}: {per_frame * 1e3:.1f} ms/frame, {1 / per_frame:.1f} fps "
          f"(median of {args.calls} calls)")


if __name__ == "__main__":
    main()
