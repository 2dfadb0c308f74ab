#!/usr/bin/python3
"""Fetches the training photos of shared/design/data.md from Debian packages and cuts HR training patches.

    /usr/bin/python3 model/data/prepare.py [--out model/data] [--packages PKG ...] [--patch 256] [--stride 192]

For each package: `apt-get download PKG` and `dpkg -x` into a scratch folder (nothing is installed), then each
listed photo is loaded with its EXIF orientation applied, downscaled 2-4x (large JPEGs: hides JPEG artefacts and
sensor noise) and cut into patches. Writes under --out (gitignored): hr/NAME.png, patches/NAME_NNNN.png,
licences/PKG.copyright and manifest.tsv (package, version, source path, downscale factor, patch count).
LR inputs are synthesized at training time by srp_model.degrade. The tuxpaint dev-validation photos are refused.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Tuple

from PIL import Image, ImageOps

TRAINING_PHOTOS: Dict[str, List[str]] = {
    "mate-backgrounds": [f"/usr/share/backgrounds/mate/nature/{n}.jpg" for n in (
        "Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird", "RainDrops", "Storm",
        "TwoWings", "Wood", "YellowFlower")],
    "lomiri-wallpapers-16.04": [f"/usr/share/backgrounds/{n}.jpg" for n in (
        "Bridge_by_Sander_Klootwijk", "Dragonfly_by_Bolly", "Picture_0B_by_freespace", "Picture_1A_by_freespace",
        "Wine_by_Jakkub_Mede", "aitzgorri_by_Aitzol_Berasategi", "free_by_Peter_Nerlich",
        "friends_by_Aitzol_Berasategi", "greentock_by_Peter_Nerlich", "life_by_Aitzol_Berasategi",
        "picosdeeuropa_by_Aitzol_Berasategi", "seeding_by_Clements_Engelhardt", "sunset_by_Aitzol_Berasategi")],
    "lomiri-wallpapers-20.04": ["/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg"],
    "plasma-workspace-wallpapers": [f"/usr/share/wallpapers/{n}/contents/images/2560x1600.jpg" for n in (
        "BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf", "Grey", "Kite",
        "OneStandsOut", "Path", "summer_1am")],
    "forensics-samples-files": ["/usr/share/forensics-samples/original-files/" + p for p in (
        "pic1/IMG-20191006-WA0002.jpg", "pic1/IMG_20200827_231612.jpg", "pic1/IMG_1054.JPG",
        "pic2/IMG_20200124_231153.jpg", "pic2/IMG_20200608_111614.jpg", "pic2/IMG_20191224_234846.jpg")],
    "libjxl-testdata": ["/usr/share/libjxl-testdata/" + p for p in (
        "jxl/flower/flower.png", "jxl/hdr_room.png",
        "external/wesaturate/500px/cvo9xd_keong_macan_srgb8.png",
        "external/wesaturate/500px/tmshre_riaphotographs_srgb8.png",
        "external/wesaturate/500px/u76c0g_bliznaca_srgb8.png")],
    "python3-skimage": ["/usr/lib/python3/dist-packages/skimage/data/" + n for n in (
        "astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg", "motorcycle_left.png")],
    "python-matplotlib-data": ["/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"],
}
VALIDATION_MARKER = "tuxpaint"


def check_training_source(package: str, path: str) -> None:
    """Refuses the dev-validation photos (tuxpaint-data): they must never be trained on."""
    if VALIDATION_MARKER in package or VALIDATION_MARKER in path:
        raise ValueError(f"{package}:{path} is a dev-validation photo; never train on it")


def downscale_factor(width: int, height: int) -> int:
    """2-4x for large photos (long side >= 1000 px), none for the small ones."""
    long_side = max(width, height)
    if long_side >= 4000:
        return 4
    if long_side >= 2500:
        return 3
    if long_side >= 1000:
        return 2
    return 1


def load_rgb(path: str) -> Image.Image:
    """Loads with EXIF orientation applied; 16-bit greyscale and alpha become 8-bit RGB."""
    img = ImageOps.exif_transpose(Image.open(path))
    if img.mode in ("I;16", "I;16B", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    return img.convert("RGB")


def prepare_image(img: Image.Image) -> Tuple[Image.Image, int]:
    f = downscale_factor(*img.size)
    if f > 1:
        img = img.resize((img.width // f, img.height // f), Image.LANCZOS)
    return img, f


def patch_boxes(width: int, height: int, patch: int, stride: int) -> List[Tuple[int, int, int, int]]:
    """Top-left-aligned grid of patch x patch boxes with the given stride; the last row/column is shifted to
    touch the border so no strip is lost. Empty when the image is smaller than one patch."""
    if width < patch or height < patch:
        return []

    def starts(n: int) -> List[int]:
        s = list(range(0, n - patch + 1, stride))
        if s[-1] != n - patch:
            s.append(n - patch)
        return s

    return [(x, y, x + patch, y + patch) for y in starts(height) for x in starts(width)]


def fetch_package(package: str, scratch: str) -> Tuple[str, str]:
    """apt-get download + dpkg -x; returns (root of the extracted tree, package version)."""
    subprocess.run(["apt-get", "download", package], cwd=scratch, check=True)
    debs = sorted(glob.glob(os.path.join(scratch, package + "_*.deb")))
    if not debs:
        raise RuntimeError(f"apt-get download {package} left no .deb in {scratch}")
    root = os.path.join(scratch, package)
    subprocess.run(["dpkg", "-x", debs[-1], root], check=True)
    version = os.path.basename(debs[-1]).split("_")[1]
    return root, version


def safe_name(package: str, path: str) -> str:
    stem = os.path.splitext(path.split("/contents/")[0] if "/contents/" in path else path)[0]
    return (package.split("-")[0] + "_" + os.path.basename(stem)).replace(" ", "_")


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=here)
    parser.add_argument("--packages", nargs="+", default=sorted(TRAINING_PHOTOS))
    parser.add_argument("--patch", type=int, default=256)
    parser.add_argument("--stride", type=int, default=192)
    args = parser.parse_args()
    for d in ("hr", "patches", "licences"):
        os.makedirs(os.path.join(args.out, d), exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for package in args.packages:
            if package not in TRAINING_PHOTOS:
                sys.exit(f"unknown package {package}; known: {', '.join(sorted(TRAINING_PHOTOS))}")
            for path in TRAINING_PHOTOS[package]:
                check_training_source(package, path)
            root, version = fetch_package(package, scratch)
            copyright_file = os.path.join(root, "usr/share/doc", package, "copyright")
            if os.path.isfile(copyright_file):
                shutil.copy(copyright_file, os.path.join(args.out, "licences", package + ".copyright"))
            for path in TRAINING_PHOTOS[package]:
                img, factor = prepare_image(load_rgb(os.path.join(root, path.lstrip("/"))))
                name = safe_name(package, path)
                img.save(os.path.join(args.out, "hr", name + ".png"))
                boxes = patch_boxes(img.width, img.height, args.patch, args.stride)
                for i, box in enumerate(boxes):
                    img.crop(box).save(os.path.join(args.out, "patches", f"{name}_{i:04d}.png"))
                rows.append((package, version, path, str(factor), f"{img.width}x{img.height}", str(len(boxes))))
                print(f"{package}: {path} /{factor} -> {img.width}x{img.height}, {len(boxes)} patches")
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("package\tversion\tpath\tdownscale\tsize\tpatches\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} photos, {sum(int(r[5]) for r in rows)} patches under {args.out}")


if __name__ == "__main__":
    main()
