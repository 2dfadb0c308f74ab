package dev.srp.egress;

import dev.srp.media.RgbFrames;
import java.nio.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * An output file decoded back with FFmpeg: every video frame as packed RGB24 with its timestamp in microseconds,
 * plus the audio's length.
 */
record DecodedOutput(List<byte[]> frames, int width, int height, double frameRate, int audioChannels,
                     int sampleRate, long audioSampleFrames, List<Long> timestamps) {

    static DecodedOutput read(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toString())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            List<byte[]> frames = new ArrayList<>();
            List<Long> timestamps = new ArrayList<>();
            long sampleFrames = 0;
            Frame f;
            while ((f = grabber.grab()) != null) {
                if (f.image != null) {
                    frames.add(RgbFrames.copyRgb(f));
                    timestamps.add(f.timestamp);
                }
                if (f.samples != null) {
                    Buffer first = f.samples[0];
                    // interleaved audio has one buffer holding every channel, planar audio one buffer per channel
                    sampleFrames += f.samples.length == 1 ? first.limit() / f.audioChannels : first.limit();
                }
            }
            return new DecodedOutput(frames, grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate(), grabber.getAudioChannels(), grabber.getSampleRate(), sampleFrames,
                    timestamps);
        }
    }

    double audioSeconds() {
        return sampleRate == 0 ? 0 : (double) audioSampleFrames / sampleRate;
    }
}
