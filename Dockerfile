# One image for every srp service; the command picks the service (srp ingest | worker | egress | upscale).
# Build stage: the same Maven build as a developer's machine.
FROM maven:3.9-eclipse-temurin-17 AS build
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
RUN mvn -B -q -DskipTests install

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
