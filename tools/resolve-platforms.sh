#!/usr/bin/env bash
# Resolves srp's whole dependency set (launcher and every module it needs) with the native jars of each machine srp
# builds for, the way a build on that machine would pick them, and checks that the command-line platform won over
# the profile this machine activates. Only Linux x86-64 runs srp in CI; this at least proves that Maven Central has
# every jar the other machines need. Exits non-zero naming each platform that failed.
#
# The first run downloads the other platforms' FFmpeg and libtorch jars into ~/.m2 (290 MB; 45 s on a 2-core
# machine); after that it needs no network and takes about 35 s, Maven's start-up six times.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

# JavaCPP's name, DJL's name for the same machine
platforms=(
  "linux-x86_64 linux-x86_64"
  "linux-arm64 linux-aarch64"
  "macosx-arm64 osx-aarch64"
  "windows-x86_64 win-x86_64"
)

# Maven 3 hands one module's classes to the next only from the compile phase on, so the modules go through
# "compile" with the compiler skipped: nothing is compiled, and dependency:list resolves (downloads) every jar.
resolve() {
  mvn -B -ntp compile dependency:list -Dmaven.main.skip=true -DincludeScope=runtime "$@" 2>&1
}

failed=()
for pair in "${platforms[@]}"; do
  read -r jcpp djl <<<"$pair"
  if ! out=$(resolve -pl launcher -am -Djavacpp.platform="$jcpp" -Ddjl.platform="$djl"); then
    { echo "$jcpp: FAILED"; grep -E '^\[ERROR\]' <<<"$out" | head -5; } >&2
    failed+=("$jcpp"); continue
  fi
  missing=()
  for want in "org.bytedeco:javacpp:jar:$jcpp:" "org.bytedeco:ffmpeg:jar:$jcpp-gpl:" \
              "ai.djl.pytorch:pytorch-native-cpu:jar:$djl:"; do
    grep -qF "$want" <<<"$out" || missing+=("$want")
  done
  # a native jar of any other platform means the profile of this machine beat the command line
  others=$(grep -oE ':jar:(linux|macosx|windows|osx|win)-[a-z0-9_]+(-gpl)?:' <<<"$out" | sort -u \
           | grep -vxF -e ":jar:$jcpp:" -e ":jar:$jcpp-gpl:" -e ":jar:$djl:" || true)
  if [ ${#missing[@]} -gt 0 ] || [ -n "$others" ]; then
    echo "$jcpp: missing ${missing[*]:-nothing}; other platforms' jars: ${others:-none}" >&2
    failed+=("$jcpp"); continue
  fi
  echo "$jcpp: resolved"
done

# Intel Macs: FFmpeg and JavaCPP have natives, DJL has no libtorch 2.7.1; the build must say so rather than fail on a
# missing jar.
if ! out=$(resolve -pl media -am -Denforcer.skip=true -Djavacpp.platform=macosx-x86_64 -Ddjl.platform=osx-x86_64) \
   || ! grep -qF "org.bytedeco:ffmpeg:jar:macosx-x86_64-gpl:" <<<"$out"; then
  { echo "macosx-x86_64: FAILED"; grep -E '^\[ERROR\]' <<<"$out" | head -5; } >&2
  failed+=("macosx-x86_64 (FFmpeg)")
elif out=$(mvn -B -ntp validate -N -Djavacpp.platform=macosx-x86_64 -Ddjl.platform=osx-x86_64 2>&1) \
   || ! grep -qF "none for Intel Macs (osx-x86_64)" <<<"$out"; then
  echo "macosx-x86_64: the build did not stop with the message about DJL's missing libtorch" >&2
  failed+=("macosx-x86_64 (refusal)")
else
  echo "macosx-x86_64: FFmpeg resolved; the build refuses with DJL's missing libtorch, as documented"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "resolve-platforms: FAILED for ${failed[*]}" >&2
  exit 1
fi
echo "resolve-platforms: all platforms resolved"
