package dev.srp.egress;

import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * The output container, chosen by the file extension. The format name is set explicitly because egress writes
 * to {@code NAME.part} first, whose extension FFmpeg cannot guess from.
 */
enum Container {
    MP4(".mp4", "mp4", avcodec.AV_CODEC_ID_AAC),
    MKV(".mkv", "matroska", avcodec.AV_CODEC_ID_FLAC),
    MOV(".mov", "mov", avcodec.AV_CODEC_ID_AAC),
    /** HLS: a playlist plus MPEG-TS segments beside it, playable (and servable by any web server) while it grows. */
    HLS(".m3u8", "hls", avcodec.AV_CODEC_ID_AAC);

    /** Segment length of HLS output: a player's start-up delay is about three of them. */
    static final int HLS_SEGMENT_SECONDS = 2;

    /** AAC bit rate for the lossy containers; FLAC in Matroska keeps the source audio exact. */
    static final int AAC_BITRATE = 192_000;

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
        return this == HLS;
    }

    /** The container for a file name, or null when its extension is not one egress writes. */
    static Container ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Container c : values()) {
            if (lower.endsWith(c.extension)) {
                return c;
            }
        }
        return null;
    }
}
