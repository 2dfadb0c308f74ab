#!/bin/sh
# Makes the clips RealWorldTimingIT upscales, with Debian's ffmpeg (5.1): tiny H.264 MP4s whose frame i is a flat
# grey of luma 16 + 7 * i, so the order of frames can be read back from any output.
#   vfr-steps.mp4   30 frames: 10 at 0.04 s intervals, 10 at 0.08 s, 10 at 0.12 s (the rate changes twice)
#   vfr-jitter.mp4  30 frames about 0.04 s apart, each up to 6 ms early or late (a phone's or a webcam's timing)
#   rotated.mp4     10 frames at 25 fps, display matrix rotation 90 (a portrait phone clip), pixel aspect 4:3,
#                   BT.709 primaries, transfer and matrix
set -eu
cd "$(dirname "$0")"
FFMPEG=/usr/bin/ffmpeg
grey="geq=lum='16+7*N':cb=128:cr=128"
x264="-c:v libx264 -preset veryfast -pix_fmt yuv420p -bf 0 -g 10"
# settb=1/1000 makes setpts count in milliseconds; passthrough and enc_time_base keep the timestamps as set
$FFMPEG -y -hide_banner -loglevel error -f lavfi -i color=c=black:size=96x64:rate=25 -frames:v 30 \
  -vf "$grey,settb=1/1000,setpts='round(1000*if(lt(N,10),N*0.04,if(lt(N,20),0.4+(N-10)*0.08,1.2+(N-20)*0.12)))'" \
  -fps_mode passthrough -enc_time_base 1/1000 $x264 vfr-steps.mp4
$FFMPEG -y -hide_banner -loglevel error -f lavfi -i color=c=black:size=96x64:rate=25 -frames:v 30 \
  -vf "$grey,settb=1/1000,setpts='round(1000*(N*0.04+0.006*sin(N*2.3)))'" \
  -fps_mode passthrough -enc_time_base 1/1000 $x264 vfr-jitter.mp4
$FFMPEG -y -hide_banner -loglevel error -f lavfi -i color=c=black:size=96x64:rate=25 -frames:v 10 \
  -vf "$grey,setsar=4/3" -color_primaries bt709 -color_trc bt709 -colorspace bt709 $x264 upright.tmp.mp4
# ffmpeg 5.1 writes the rotate tag into the display matrix only when it copies the stream
$FFMPEG -y -hide_banner -loglevel error -i upright.tmp.mp4 -c copy -metadata:s:v:0 rotate=90 rotated.mp4
rm upright.tmp.mp4
