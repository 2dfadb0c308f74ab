#!/usr/bin/env bash
# Rebuilds the HR/LR pair the quality test scores srp on: samples/dog-hr-640x360.mkv (32 frames of a real phone
# video, scaled 1920x1080 -> 640x360 by area averaging, which also hides the phone's compression) and
# samples/dog-lr-160x90.mkv (each HR frame downscaled x4 with PIL's bicubic, the degradation of the model card's
# evaluation). Both are lossless RGB (FFV1, bgr0), so what the test decodes is exactly what was made here.
# Needs Debian's ffmpeg and python3-pil (apt-get install ffmpeg python3-pil) and apt access; nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download forensics-samples-files >/dev/null 2>&1 && dpkg -x forensics-samples-files_*.deb x)
src="$work/x/usr/share/forensics-samples/original-files/movie1/VID_20191220_170832.mp4"
ffmpeg -hide_banner -loglevel error -i "$src" -fps_mode passthrough -frames:v 32 \
  -vf "scale=640:360:flags=area" -pix_fmt rgb24 "$work/hr%03d.png"
/usr/bin/python3 - "$work" <<'PY'
import glob, os, sys
from PIL import Image
for hr in sorted(glob.glob(os.path.join(sys.argv[1], "hr*.png"))):
    Image.open(hr).convert("RGB").resize((160, 90), Image.BICUBIC).save(hr.replace("/hr", "/lr"))
PY
for pair in "hr dog-hr-640x360" "lr dog-lr-160x90"; do
  set -- $pair
  ffmpeg -hide_banner -loglevel error -y -framerate 30 -i "$work/$1%03d.png" -c:v ffv1 -level 3 -pix_fmt bgr0 \
    "$here/$2.mkv"
done
ls -l "$here"/dog-*.mkv
