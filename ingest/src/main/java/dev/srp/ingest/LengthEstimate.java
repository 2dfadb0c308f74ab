package dev.srp.ingest;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * How many video frames the container declares. JavaCV's getLengthInVideoFrames() uses the container duration,
 * which Matroska takes from its longest track: an audio track longer than the video inflates it. So the video
 * stream's own frame count or duration is preferred, then Matroska's per-track DURATION tag, then the container.
 */
final class LengthEstimate {
    private LengthEstimate() {
    }

    /** Declared frame count, or -1 when the source does not say (live streams). */
    static long videoFrames(AVFormatContext format, double fps) {
        AVStream video = firstVideoStream(format);
        if (video != null) {
            if (video.nb_frames() > 0) {
                return video.nb_frames();
            }
            if (video.duration() != avutil.AV_NOPTS_VALUE && video.duration() > 0) {
                double seconds = video.duration() * avutil.av_q2d(video.time_base());
                return Math.round(seconds * fps);
            }
            double tagged = durationTagSeconds(video);
            if (tagged > 0) {
                return Math.round(tagged * fps);
            }
        }
        if (format.duration() != avutil.AV_NOPTS_VALUE && format.duration() > 0) {
            return Math.round(format.duration() / 1e6 * fps);
        }
        return -1;
    }

    private static AVStream firstVideoStream(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            boolean video = s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO;
            if (video && (s.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return s;
            }
        }
        return null;
    }

    /** Matroska writes "HH:MM:SS.nnnnnnnnn" per track; -1 when absent or unreadable. */
    private static double durationTagSeconds(AVStream stream) {
        AVDictionaryEntry entry = avutil.av_dict_get(stream.metadata(), "DURATION", null, 0);
        if (entry == null) {
            return -1;
        }
        String[] parts = entry.value().getString().trim().split(":");
        if (parts.length != 3) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[0]) * 3600.0 + Integer.parseInt(parts[1]) * 60.0
                    + Double.parseDouble(parts[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
