# One image for every srp service; the command picks the service (srp ingest | worker | egress | upscale).
# Build stage: the same Maven build as a developer's machine. It only compiles Java and downloads jars, so it runs on
# the machine that builds (BuildKit's BUILDPLATFORM) and picks the target's native jars by name: an arm64 image
# builds on an amd64 machine without emulation (deploy/README.md, "Images for amd64 and arm64").
FROM --platform=$BUILDPLATFORM maven:3.9-eclipse-temurin-17 AS build
ARG TARGETARCH
WORKDIR /src
COPY pom.xml .
COPY contract contract
COPY embedded-broker embedded-broker
COPY media media
COPY test-support test-support
COPY ingest ingest
COPY sr-worker sr-worker
COPY egress egress
COPY pipeline pipeline
COPY bench bench
COPY launcher launcher
# An empty TARGETARCH (a builder without BuildKit builds only for its own machine) leaves the choice to the pom.
RUN case "$TARGETARCH" in \
      amd64) natives="-Djavacpp.platform=linux-x86_64 -Ddjl.platform=linux-x86_64" ;; \
      arm64) natives="-Djavacpp.platform=linux-arm64 -Ddjl.platform=linux-aarch64" ;; \
      "") natives="" ;; \
      *) echo "srp has native jars for linux/amd64 and linux/arm64 only, not linux/$TARGETARCH" >&2; exit 1 ;; \
    esac \
    && mvn -B -q -DskipTests $natives install

FROM eclipse-temurin:17-jre
WORKDIR /opt/srp
COPY --from=build /src/launcher/target/srp-launcher.jar launcher/target/srp-launcher.jar
COPY --from=build /src/launcher/target/lib launcher/target/lib
COPY models models
# Natives (libtorch from DJL's jar, FFmpeg from JavaCV's) are unpacked here on first start; keep it on a volume
# to skip that on restarts.
ENV DJL_CACHE_DIR=/var/cache/srp/djl \
    JAVACPP_CACHE=/var/cache/srp/javacpp \
    OPT_OUT_TRACKING=true \
    OMP_WAIT_POLICY=PASSIVE \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    MALLOC_TOP_PAD_=67108864 \
    SRP_METRICS_HOST=0.0.0.0 \
    SRP_METRICS_PORT=9400
ENTRYPOINT ["sh", "-c", "exec java $SRP_JAVA_OPTS -Dai.djl.offline=true -Dsrp.home=/opt/srp -Dorg.bytedeco.javacpp.cachedir=$JAVACPP_CACHE -cp 'launcher/target/srp-launcher.jar:launcher/target/lib/*' dev.srp.launcher.Srp \"$@\"", "srp"]
