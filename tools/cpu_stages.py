"""Sorts async-profiler's collapsed stacks (one line per distinct stack, thread name first) into pipeline stages.

   python3 tools/cpu_stages.py STACKS INTERVAL_MS FRAMES

The first rule that matches a sample's thread name or any of its frames decides its stage. Native threads that
libgomp (libtorch's OpenMP pool) or x264 start have no Java name; samples on them whose stack could not be walked
(JIT-generated kernels carry no symbols) go to the stage the rest of that thread's samples are in.
"""
import collections
import re
import sys

CORE = ("decode", "model", "encode")
# (stage, where to look, pattern); "thread" looks at the thread name, "stack" at the frames
RULES = [
    ("JIT compiler", "thread", r"^C\d CompilerThre"),
    ("GC and JVM", "thread", r"^(GC Thread|G1 |VM Thread|VM Periodic|Service Thread|Notification|Common-Cleaner)"),
    ("start-up and shut-down (main thread)", "thread", r"^main$"),
    ("Kafka broker", "thread", r"data-plane|^kafka-\d|raft|quorum|group-coordinator|TxnMarker|AddPartitionsToTxn"
                               r"|^broker-|^controller-|log-closing|kafka-scheduler|ExpirationReaper|transaction"
                               r"|share-coordinator|LogDirFailure|kafka-log-cleaner"),
    ("Kafka broker", "stack", r"^kafka/|org/apache/kafka/(storage|raft|controller|metadata|coordinator|server)/"),
    ("RGB conversions", "stack", r"Rgb24Output|RgbFrames|sws_scale|libswscale|Java2DFrameConverter|RgbBatchTranslator\.processInput"),
    ("model", "stack", r"PyTorchLibrary|libtorch|libgomp|libc10|dnnl::|at::|c10::|mkl_|ai/djl/"),
    ("payload coding (delta filter + zstd)", "stack", r"luben/zstd|PayloadCodec|ZSTD_|HUF_"),
    ("decode", "stack", r"FFmpegFrameGrabber"),
    ("encode", "stack", r"FFmpegFrameRecorder|libavcodec|avcodec_send_frame"),
    ("shot detection", "stack", r"dev/srp/ingest/(FrameSignature|Shot)"),
    ("masks and semantic noise", "stack", r"dev/srp/worker/masks/|SamsrConditioning"),
    ("frame (de)serialisation", "stack", r"dev/srp/contract/(FrameSerde|WireSerde|AudioChunkSerde)|PendingFrame|MaskCacheEntry"),
    ("state stores (RocksDB)", "stack", r"org/rocksdb|librocksdb"),
    ("Kafka clients and Streams", "stack", r"org/apache/kafka/"),
    ("Kafka clients and Streams", "thread", r"kafka-producer-network|kafka-coordinator-heartbeat|admin-client|StreamThread|StateUpdater"),
]


def stage_of(thread, stack):
    for stage, where, pattern in RULES:
        if re.search(pattern, thread if where == "thread" else stack, re.MULTILINE):
            return stage
    return None


def main(path, interval_ms, frames):
    seconds = collections.Counter()
    unwalked = collections.defaultdict(int)          # native thread -> samples with no stage
    by_thread = collections.defaultdict(collections.Counter)
    for line in open(path):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        head, *frames_ = stack.split(";")
        thread = re.sub(r"^\[|\]$", "", head)
        name = re.sub(r"\s*tid=\d+$", "", thread)
        stage = stage_of(name, "\n".join(frames_))
        n = int(count)
        if stage is None and name == "":
            unwalked[thread] += n
            continue
        stage = stage or "other (JVM, interpreter, srp's own loops)"
        by_thread[thread][stage] += n
        seconds[stage] += n
    for thread, n in unwalked.items():
        known = by_thread[thread].most_common(1)
        seconds[known[0][0] if known else "other (JVM, interpreter, srp's own loops)"] += n
    total = sum(seconds.values())
    scale = interval_ms / 1000
    print(f"{'stage':42s} {'CPU s':>7s} {'share':>7s} {'ms/frame':>9s}")
    for stage, n in sorted(seconds.items(), key=lambda kv: (kv[0] not in CORE, -kv[1])):
        print(f"{stage:42s} {n * scale:7.2f} {100 * n / total:6.1f}% {1000 * n * scale / frames:9.1f}")
    core = sum(seconds[s] for s in CORE)
    print(f"{'all':42s} {total * scale:7.2f} {100.0:6.1f}% {1000 * total * scale / frames:9.1f}")
    print(f"decode + model + encode {100 * core / total:.1f} %, overhead {100 * (total - core) / total:.1f} %"
          f" ({frames} frames)")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))
