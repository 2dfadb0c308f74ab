"""Plots an RSS table (t_s, then one MiB column per process, with a header line) as a PNG with PIL (no matplotlib
in Debian's base here). tools/live-run.sh writes one column, tools/live-run-services.sh one per service.
    /usr/bin/python3 tools/plot_rss.py RSS_TSV OUT_PNG [TITLE]"""
import sys

from PIL import Image, ImageDraw

lines = [line.split() for line in open(sys.argv[1]) if line.strip()]
names, rows = lines[0][1:], lines[1:]
t = [float(r[0]) for r in rows]
series = [[float(r[i + 1]) for r in rows] for i in range(len(names))]
colours = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189)]
title = sys.argv[3] if len(sys.argv) > 3 else "RSS over time"
W, H, L, R, T, B = 900, 360, 70, 20, 40, 50
img = Image.new("RGB", (W, H), "white")
d = ImageDraw.Draw(img)
top = max(500.0, (int(max(max(v) for v in series) / 500) + 1) * 500)
def xy(ti, vi):
    return L + (W - L - R) * ti / max(t[-1], 1), H - B - (H - T - B) * vi / top
for k in range(0, int(top) + 1, 500):
    _, y = xy(0, k)
    d.line([(L, y), (W - R, y)], fill=(225, 225, 225))
    d.text((8, y - 6), f"{k} MiB", fill="black")
step = 300 if t[-1] > 900 else 10
for s in range(0, int(t[-1]) + 1, step):
    x, _ = xy(s, 0)
    d.text((x - 10, H - B + 8), f"{s // 60} min" if step == 300 else f"{s} s", fill="black")
for i, (name, v) in enumerate(zip(names, series)):
    colour = colours[i % len(colours)]
    d.line([xy(a, b) for a, b in zip(t, v)], fill=colour, width=2)
    if len(names) > 1:
        d.text((W - R - 90, T + 8 + 14 * i), name, fill=colour)
d.rectangle([L, T, W - R, H - B], outline="black")
d.text((L, 12), title, fill="black")
img.save(sys.argv[2])
print("wrote", sys.argv[2])
