# CI-only stand-in for eclipse-temurin:17-jre (Docker Hub is out of reach in CI): Debian's JRE on the minimal
# Debian root that .ci/verify-image.sh makes with debootstrap and imports as BASE. Built with --network host
# (apt reaches the Debian mirror the way the host does).
ARG BASE
FROM ${BASE}
# mkdir: OpenJDK's postinst links its manual pages there, and the slim base has no manuals.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
