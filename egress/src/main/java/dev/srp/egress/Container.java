package dev.srp.egress;

import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * The output container, chosen by the file extension, or for a pushed live stream by the URL's scheme. The format
 * name is set explicitly because egress writes to {@code NAME.part} first, whose extension FFmpeg cannot guess from.
 */
enum Container {
    MP4(".mp4", "mp4", avcodec.AV_CODEC_ID_AAC),
    MKV(".mkv", "matroska", avcodec.AV_CODEC_ID_FLAC),
    MOV(".mov", "mov", avcodec.AV_CODEC_ID_AAC),
    /** HLS: a playlist plus MPEG-TS segments beside it, playable (and servable by any web server) while it grows. */
    HLS(".m3u8", "hls", avcodec.AV_CODEC_ID_AAC),
    /** Pushed to an RTMP server (nginx-rtmp, MediaMTX, a streaming platform's ingest) as FLV. */
    RTMP("rtmp://", "flv", avcodec.AV_CODEC_ID_AAC),
    /** Pushed to an RTSP server with ANNOUNCE/RECORD (MediaMTX and the like), over TCP. */
    RTSP("rtsp://", "rtsp", avcodec.AV_CODEC_ID_AAC);

    /** Key-frame interval of live outputs (HLS segment length, and how long a viewer joining a push waits). */
    static final int LIVE_KEY_FRAME_SECONDS = 2;

    /** Segment length of HLS output: a player's start-up delay is about three of them. */
    static final int HLS_SEGMENT_SECONDS = LIVE_KEY_FRAME_SECONDS;

    /** AAC bit rate for the lossy containers; FLAC in Matroska keeps the source audio exact. */
    static final int AAC_BITRATE = 192_000;

    /** The file extension, or for a pushed output the URL's scheme with its "://". */
    private final String extension;
    private final String formatName;
    private final int audioCodec;

    Container(String extension, String formatName, int audioCodec) {
        this.extension = extension;
        this.formatName = formatName;
        this.audioCodec = audioCodec;
    }

    String formatName() {
        return formatName;
    }

    int audioCodec() {
        return audioCodec;
    }

    /** Written in place while it grows (a live stream is watched before it ends), not renamed when finished. */
    boolean live() {
        return this == HLS || pushed();
    }

    /**
     * Whether a variable-frame-rate stream keeps its own frame timestamps here, on a millisecond clock: in the
     * files. A live output may run for months, longer than the 24.8 days FFmpegFrameRecorder's 32-bit frame
     * counter lasts at 1,000 ticks a second, so it plays such a stream on its nominal frame rate's clock (each frame
     * at the nearest free tick), which lasts years.
     */
    boolean keepsFrameTiming() {
        return !live();
    }

    /** Sent to a server at a URL rather than written to a file. */
    boolean pushed() {
        return this == RTMP || this == RTSP;
    }

    /**
     * The container for an output: a pushed one by its URL's scheme ({@code rtmps://} too), a file by its
     * extension; null when egress writes neither.
     */
    static Container of(String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtmp://") || lower.startsWith("rtmps://")) {
            return RTMP;
        }
        if (lower.startsWith("rtsp://")) {
            return RTSP;
        }
        for (Container c : values()) {
            if (!c.pushed() && lower.endsWith(c.extension)) {
                return c;
            }
        }
        return null;
    }
}
