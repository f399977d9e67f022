#!/usr/bin/env bash
# The container image, built from deploy/Dockerfile and run for real. Docker Hub is out of reach in CI, so the
# Dockerfile's base images (build arguments) are replaced by local ones made from Debian packages:
#   debootstrap --variant=minbase bookworm -> docker import -> + Debian's JDK (build) / JRE (runtime),
# the build base also holding a Maven repository filled on the host, where ./mvnw reaches its registry.
# Then: build the real Dockerfile on those bases, run the image's `demo` (host network, bound to loopback,
# read-only root filesystem), scrape /metrics, wait for the image's HEALTHCHECK to say healthy, check the
# non-root user, stop it, print the image size. About 3 minutes cold (debootstrap, apt, Maven), 40 s warm.
#
#   bash .ci/verify-image.sh
#
# Runs as root (it installs docker.io and debootstrap from Debian when missing and starts dockerd when none
# answers, stopping it again on exit). Caches under $IMAGE_CI_CACHE (default /var/cache/integration-monitor-ci):
# the debootstrapped root and the Maven repository. Writes ci-artifacts/image-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache=${IMAGE_CI_CACHE:-/var/cache/integration-monitor-ci}
# Debian's client, the daemon's own version (another docker on PATH may want a buildx plugin that is not here).
docker=/usr/bin/docker
export DOCKER_BUILDKIT=1
tag=integration-monitor:ci
base_tag=integration-monitor-ci/debian:bookworm
build_base_tag=integration-monitor-ci/build-base:17
runtime_base_tag=integration-monitor-ci/runtime-base:17
container=integration-monitor-ci-$$

. .ci/lib/checks.sh
finish() { echo "image: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
image_size() { "$docker" image inspect -f '{{.Size}}' "$1" | awk '{printf "%d MB", $1 / 1e6}'; }
abort() { fail "$*"; finish || exit 1; }  # a step the later ones depend on failed

# --- tools and the Docker daemon ----------------------------------------------------------------------------
need_pkgs=()
[ -x "$docker" ] && command -v dockerd >/dev/null || need_pkgs+=(docker.io)
command -v debootstrap >/dev/null || need_pkgs+=(debootstrap)
command -v curl >/dev/null || need_pkgs+=(curl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "installing from Debian: ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
mkdir -p "$cache" "$root/ci-artifacts"
work=$(mktemp -d)
dockerd_pid=""
cleanup() {
  "$docker" rm -f -v "$container" >/dev/null 2>&1 || true
  [ -z "$dockerd_pid" ] || { kill "$dockerd_pid" 2>/dev/null; wait "$dockerd_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
if ! "$docker" info >/dev/null 2>&1; then
  # No init system in CI: the daemon is started here, as root, and stopped on exit.
  dockerd > "$root/ci-artifacts/image-dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 60); do "$docker" info >/dev/null 2>&1 && break; sleep 1; done
  "$docker" info >/dev/null 2>&1 || abort "dockerd did not start: see ci-artifacts/image-dockerd.log"
fi
echo "tools: $("$docker" version --format 'docker {{.Server.Version}}'); debootstrap $(dpkg-query -W -f '${Version}' debootstrap)"

# --- local base images from Debian packages -------------------------------------------------------------------
rootfs=$cache/rootfs-bookworm
if [ ! -d "$rootfs" ]; then
  rm -rf "$rootfs.tmp"
  debootstrap --variant=minbase bookworm "$rootfs.tmp" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || { cp "$work/debootstrap.log" "$root/ci-artifacts/image-debootstrap.log"; abort "debootstrap: see ci-artifacts/image-debootstrap.log"; }
  mv "$rootfs.tmp" "$rootfs"
fi
if ! "$docker" image inspect "$base_tag" >/dev/null 2>&1; then
  # Slim, as Debian's own container images are: no package lists, package caches, manuals or translations, and
  # dpkg told to leave manuals and translations out of the JDK/JRE layers too.
  printf 'path-exclude /usr/share/%s/*\n' man info locale > "$rootfs/etc/dpkg/dpkg.cfg.d/slim"
  tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/cache/apt/*.bin' \
      --exclude='./var/lib/apt/lists/*' --exclude='./usr/share/man/*' --exclude='./usr/share/info/*' \
      --exclude='./usr/share/locale/*' -c . \
    | "$docker" import - "$base_tag" >/dev/null
fi
ok "base $base_tag: debootstrap --variant=minbase bookworm, imported ($(image_size "$base_tag"))"

# The Maven repository the build stage uses offline: filled on the host (a copy of the sources, so target/ is
# left alone) whenever pom.xml or the wrapper's Maven version changes.
maven=$cache/maven
stamp=$(cat pom.xml .mvn/wrapper/maven-wrapper.properties | sha256sum | cut -c1-16)
if [ "$(cat "$maven/stamp" 2>/dev/null)" != "$stamp" ]; then
  mkdir -p "$work/src" "$maven"
  cp -r mvnw pom.xml .mvn src "$work/src/"
  if (cd "$work/src" && MAVEN_USER_HOME=$maven/maven-user-home ./mvnw -B -q -Dmaven.repo.local="$maven/m2" \
        dependency:go-offline package -DskipTests) > "$root/ci-artifacts/image-maven.log" 2>&1; then
    echo "$stamp" > "$maven/stamp"
  else
    abort "Maven repository for the build stage: see ci-artifacts/image-maven.log"
  fi
  rm -rf "$work/src"
fi

build_base() {  # build_base TAG DOCKERFILE CONTEXT
  "$docker" build -q --network host --build-arg BASE="$base_tag" -t "$1" -f "$2" "$3" > "$work/base.log" 2>&1 \
    || { cat "$work/base.log"; return 1; }
}
step "build base $build_base_tag (Debian openjdk-17-jdk-headless, Maven repository offline)" \
  build_base "$build_base_tag" .ci/image/build-base.Dockerfile "$maven"
step "runtime base $runtime_base_tag (Debian openjdk-17-jre-headless)" \
  build_base "$runtime_base_tag" .ci/image/runtime-base.Dockerfile .ci/image
[ "$failed" -eq 0 ] || abort "no base images, no image"

# --- the real Dockerfile ----------------------------------------------------------------------------------------
build_image() {
  "$docker" build --progress plain --network host -f deploy/Dockerfile \
    --build-arg BUILD_IMAGE="$build_base_tag" --build-arg RUNTIME_IMAGE="$runtime_base_tag" -t "$tag" . \
    > "$root/ci-artifacts/image-build.log" 2>&1 || { tail -30 "$root/ci-artifacts/image-build.log"; return 1; }
}
build_started=$(date +%s)
step "docker build -f deploy/Dockerfile (BUILD_IMAGE, RUNTIME_IMAGE: the local bases)" build_image
[ "$failed" -eq 0 ] || abort "no image"
size=$(image_size "$tag")
ok "image $tag built in $(( $(date +%s) - build_started )) s: $size"

# --- run it: demo, host network on loopback, read-only root filesystem ---------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
# As deploy/kubernetes/base/deployment.yaml runs it: read-only root filesystem, /tmp a 64 MiB memory volume
# (the demo's temporary state directories, the JVM's files), no capabilities, no privilege escalation.
"$docker" run -d --name "$container" --network host --read-only --tmpfs /tmp:rw,size=64m \
  --cap-drop ALL --security-opt no-new-privileges:true \
  "$tag" demo --bind 127.0.0.1 --port "$port" --speed 2 --interval 2s > /dev/null
started=$(date +%s)
logs() { "$docker" logs "$container" > "$root/ci-artifacts/image-container.log" 2>&1 || true; }

metrics() {
  for _ in $(seq 60); do
    if curl -fsS "$url/metrics" -o "$work/metrics" 2>/dev/null && grep -q '^integration_monitor_' "$work/metrics"; then
      echo "$(grep -c '^integration_monitor_' "$work/metrics") integration_monitor_ samples after $(( $(date +%s) - started )) s"
      return 0
    fi
    sleep 1
  done
  echo "no integration_monitor_ metrics at $url/metrics after 60 s"; logs; tail -20 "$root/ci-artifacts/image-container.log"
  return 1
}
step "demo in the container: /metrics scraped on 127.0.0.1 (host network)" metrics
resources() {  # /metrics answers from start; the estate is listed once the first polls have ended
  local count=0
  for _ in $(seq 60); do
    count=$(curl -fsS "$url/api/v1/resources" 2>/dev/null | python3 -c '
import json, sys
body = json.load(sys.stdin)
rows = body["resources"] if isinstance(body, dict) else body
print(len(rows))' 2>/dev/null) || count=0
    if [ "${count:-0}" -gt 0 ]; then
      echo "$count resources after $(( $(date +%s) - started )) s"
      return 0
    fi
    sleep 1
  done
  echo "0 resources after 60 s"; logs; tail -20 "$root/ci-artifacts/image-container.log"
  return 1
}
step "demo in the container: /api/v1/resources lists the simulated estate" resources

healthy() {  # the image's own HEALTHCHECK (interval 30 s, start period 30 s), as Docker runs it
  local status=""
  for _ in $(seq 120); do
    status=$("$docker" inspect -f '{{.State.Health.Status}}' "$container")
    [ "$status" = healthy ] && { echo "healthy after $(( $(date +%s) - started )) s"; return 0; }
    [ "$status" = unhealthy ] && break
    sleep 1
  done
  echo "health: $status"; "$docker" inspect -f '{{json .State.Health}}' "$container"
  return 1
}
step "HEALTHCHECK reports healthy (docker inspect)" healthy

non_root() {
  local user pid uid
  user=$("$docker" inspect -f '{{.Config.User}}' "$container")
  pid=$("$docker" inspect -f '{{.State.Pid}}' "$container")
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
  echo "user $user, main process uid $uid"
  [ "$user" = monitor ] && [ "$uid" = 10001 ]
}
step "runs as the non-root user (monitor, uid 10001)" non_root
read_only() {
  [ "$("$docker" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$container")" = true ] || { echo "not read-only"; return 1; }
  # As root inside the container, so that only the read-only mount can refuse the write.
  local out
  if out=$("$docker" exec -u 0 "$container" touch /opt/integration-monitor/x 2>&1); then
    echo "root wrote to the root filesystem"; return 1
  fi
  case $out in *"Read-only file system"*) ;; *) echo "write refused for another reason: $out"; return 1 ;; esac
  "$docker" exec "$container" touch /tmp/x || { echo "/tmp not writable"; return 1; }
  echo "root filesystem read-only (root's write refused: Read-only file system); /tmp writable"
}
step "read-only root filesystem" read_only

stop() {  # SIGTERM, as docker stop and Kubernetes send it; a SIGKILL after the grace period would be exit 137
  local code
  logs
  "$docker" stop -t 20 "$container" > /dev/null
  code=$("$docker" inspect -f '{{.State.ExitCode}}' "$container")
  "$docker" logs "$container" > "$root/ci-artifacts/image-container.log" 2>&1 || true
  echo "exit code $code"
  [ "$code" != 137 ]
}
step "stops on SIGTERM within the grace period" stop

echo "image size: $size ($tag on $runtime_base_tag, Debian's JRE; on the public eclipse-temurin:17-jre it differs)"
finish
