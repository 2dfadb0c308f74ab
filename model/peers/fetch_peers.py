"""Downloads the peer SR models (UpscalerJS ESRGAN slim/medium/thick 1.0.0, MIT) from the npm registry.

For each variant it keeps, under model/data/peers/<variant>/ (gitignored, never committed):
  LICENSE, package.json                       the package's licence and metadata
  models/x<s>/model.json + group1-shard*.bin  the TF.js layers model for each requested scale
  assets/fixture.png, assets/samples/4x/result.png
                                              the package's own 128x128 input and the x4 output UpscalerJS
                                              made from it: a reference the PyTorch loader is tested against
  SOURCE                                      tarball URL and integrity, written last: its presence marks a
                                              complete download, so a second run does nothing

Usage (repo root): /usr/bin/python3 model/peers/fetch_peers.py [--scale 4 [--scale 2 ...]] [--root DIR]
Only the npm registry is needed (no npm client, no TensorFlow).
"""
import argparse
import base64
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import urllib.request
from typing import Iterable

VERSION = "1.0.0"
# dist.integrity from `npm view @upscalerjs/esrgan-<variant>@1.0.0`: pins the exact bytes we evaluate.
INTEGRITY = {
    "slim": "sha512-DXtwn5SE71+pZKluN/hGeLaZv6ZylyFQYSvMqU08kKCEA5Y9Q1cIIk4EvPTPZw8VqGi2C6F02c8OjhtId4BK2w==",
    "medium": "sha512-Z8JnR87sgetPABKevasXST3FdnXhaoTu9zpXnu3KLaHYpYStVt0FD1VZS9c6jhSGMBC0H929gN9RbWl+MeisKA==",
    "thick": "sha512-Xt7LAEa1WYVdU8teye1A2J3T2ylb3ihlU/x01x1ieM7zZh5FzTll6fwmeUC82mkztWloGZM65KdSEWOmhlXOdw==",
}
VARIANTS = tuple(INTEGRITY)
DEFAULT_ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "peers")
ASSETS = ("assets/fixture.png", "assets/samples/4x/result.png")


def tarball_url(variant: str) -> str:
    return f"https://registry.npmjs.org/@upscalerjs/esrgan-{variant}/-/esrgan-{variant}-{VERSION}.tgz"


def _check_integrity(data: bytes, integrity: str, url: str) -> None:
    algo, want = integrity.split("-", 1)
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != want:
        raise RuntimeError(f"integrity mismatch for {url}: got {algo}-{got}, expected {integrity}")


def _wanted(member: str, scales: Iterable[int]) -> bool:
    rel = member[len("package/"):]
    return (rel in ("LICENSE", "package.json") or rel in ASSETS
            or any(rel.startswith(f"models/x{s}/") for s in scales))


def _complete(dest: str, scales: Iterable[int]) -> bool:
    return (os.path.exists(os.path.join(dest, "SOURCE"))
            and all(os.path.exists(os.path.join(dest, "models", f"x{s}", "model.json")) for s in scales))


def fetch(variant: str, scales: Iterable[int] = (4,), root: str = DEFAULT_ROOT) -> str:
    """Makes root/<variant> hold the files listed above; returns that folder. Does nothing if already complete."""
    dest = os.path.join(root, variant)
    if _complete(dest, scales):
        return dest
    # Asking for another scale later re-extracts the ones already there too, so none is lost.
    models = os.path.join(dest, "models")
    have = [int(d[1:]) for d in os.listdir(models) if d[1:].isdigit()] if os.path.isdir(models) else []
    scales = sorted(set(scales) | set(have))
    url = tarball_url(variant)
    with urllib.request.urlopen(url, timeout=120) as resp:
        data = resp.read()
    _check_integrity(data, INTEGRITY[variant], url)
    # Extract into a sibling temp folder and rename, so an interrupted run never leaves a half-written dest.
    os.makedirs(root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f".{variant}-", dir=root)
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for m in tar.getmembers():
                if not (m.isfile() and m.name.startswith("package/") and _wanted(m.name, scales)):
                    continue
                rel = os.path.normpath(m.name[len("package/"):])
                if rel.startswith("..") or os.path.isabs(rel):
                    raise RuntimeError(f"unsafe path {m.name!r} in {url}")
                out = os.path.join(tmp, rel)
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with tar.extractfile(m) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
        with open(os.path.join(tmp, "SOURCE"), "w") as f:
            f.write(f"@upscalerjs/esrgan-{variant}@{VERSION}\n{url}\n{INTEGRITY[variant]}\nlicense: MIT (see LICENSE)\n")
        if os.path.isdir(dest):
            shutil.rmtree(dest)
        os.rename(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, action="append", choices=(2, 3, 4, 8),
                    help="model scale to extract (repeatable; default 4)")
    ap.add_argument("--variant", action="append", choices=VARIANTS, help="default: all three")
    ap.add_argument("--root", default=DEFAULT_ROOT)
    args = ap.parse_args()
    for v in args.variant or VARIANTS:
        print(fetch(v, args.scale or (4,), args.root))


if __name__ == "__main__":
    main()
