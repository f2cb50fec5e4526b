#!/usr/bin/env python3
"""Records the offline image's class-data archive: the classes the server loads while it starts.

JDK 17 maps an application class-data archive only when the Java runtime that made it is the one
that runs it and the class path is the same, path for path, with every jar of the same size and
modification time. So the archive is made by the offline base's own runtime (a jlink image of the
build's JDK), in a copy of the image's file system: the base's root file system, the image's jars
at the paths Jib gives them (/app/aot/memkit-aot.jar, /app/classpath/<the server's jar>,
/app/libs/<each dependency>) with Jib's file time (1970-01-01T00:00:01Z), the class path in the
order Jib writes it. There the server starts on a scratch store (new mount and PID namespaces,
unshare --root; as root, or else in a user namespace), answers a few requests, and is stopped with
SIGTERM, when the runtime writes the archive (-XX:ArchiveClassesAtExit). A second start with
-Xshare:on checks that the archive maps before it is written to --out. Linux only.

  cds-archive.py --base-rootfs DIR --classpath a:b --app-jar JAR --aot-jar JAR --work DIR --out FILE
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

JAVA = "/opt/java/openjdk/bin/java"
ARCHIVE = "/tmp/memkit.jsa"
JIB_TIME = 1  # Jib's default file modification time: 1970-01-01T00:00:01Z
KEY = "cds-training"
DEVICES = {"null": 3, "zero": 5, "random": 8, "urandom": 9}


def fail(message):
    sys.exit("cds-archive: " + message)


def namespaces(rootfs):
    """unshare with new mount and PID namespaces and rootfs as root (a user namespace unless root)."""
    command = ["unshare", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc",
               "--root=" + rootfs, "--wd=/tmp"]
    if os.geteuid() != 0:
        command[1:1] = ["--user", "--map-root-user"]
    return command


def link_or_copy(source, target):
    """A hard link where allowed (the same file system, and as root or the file's owner), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def image_layout(a, rootfs):
    """The base's files (hard links) and the image's jars, returning the class path as Jib writes it."""
    shutil.copytree(a.base_rootfs, rootfs, symlinks=True, copy_function=link_or_copy)
    entries = [("/app/aot/memkit-aot.jar", a.aot_jar),
               ("/app/classpath/" + os.path.basename(a.app_jar), a.app_jar)]
    for path in filter(None, a.classpath.split(os.pathsep)):
        if path.endswith(".jar"):
            entries.append(("/app/libs/" + os.path.basename(path), path))
    names = [name for name, _ in entries]
    if len(set(names)) != len(names):
        fail("two jars of the class path have the same file name; Jib renames them, this script does not")
    for name, source in entries:
        target = rootfs + name
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        os.utime(target, (JIB_TIME, JIB_TIME))
    os.makedirs(os.path.join(rootfs, "proc"), exist_ok=True)
    if os.geteuid() == 0:
        for device, minor in DEVICES.items():
            path = os.path.join(rootfs, "dev", device)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path):
                os.mknod(path, 0o20666, os.makedev(1, minor))
                os.chmod(path, 0o666)
    return ":".join(names)


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def call(url, path, body=None, accept="application/json"):
    request = urllib.request.Request(url + path, data=body.encode() if body else None, headers={
        "Authorization": "Bearer " + KEY, "Content-Type": "application/json", "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
    except OSError:
        pass  # a failed request only means fewer classes in the archive


def train(a, rootfs, classpath, java_options):
    """Starts the server as the image does, sends it a few requests, stops it: the archive is written."""
    environment = {"PATH": "/opt/java/openjdk/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
                   "MEMKIT_STORE": "sqlite:/tmp/cds-training.db", "MEMKIT_PORT": "0",
                   "MEMKIT_HOST": "127.0.0.1", "MEMKIT_API_KEY": KEY, "MEMKIT_EMBEDDER": "none",
                   "MALLOC_ARENA_MAX": "2"}
    log = os.path.join(a.work, "training.log")
    with open(log, "w") as out:
        server = subprocess.Popen(
            namespaces(rootfs) + [JAVA, "-XX:ArchiveClassesAtExit=" + ARCHIVE] + java_options
            + ["-cp", classpath, "dev.memkit.http.MemkitServer"],
            stdout=out, stderr=subprocess.STDOUT, env=environment, stdin=subprocess.DEVNULL)
    url = None
    deadline = time.monotonic() + 180
    while url is None and time.monotonic() < deadline and server.poll() is None:
        time.sleep(0.2)
        match = re.search(r"serving (http://\S+) ", open(log).read())
        url = match.group(1) if match else None
    if url is None:
        server.kill()
        fail("the training start of the server failed:\n" + open(log).read())
    call(url, "/health")
    call(url, "/state/set", json.dumps({"key": "cds", "value": True}))
    call(url, "/state/get?key=cds")
    call(url, "/v1/state/cds")
    call(url, "/v1/memories/search?q=cds")
    call(url, "/mcp", json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
         "application/json, text/event-stream")
    for pid in children(server.pid):  # the JVM: SIGTERM, as `docker stop`; it writes the archive
        os.kill(pid, signal.SIGTERM)
    try:
        server.wait(timeout=180)
    except subprocess.TimeoutExpired:
        server.kill()
        fail("the training server did not stop within 180 s:\n" + open(log).read())
    if not os.path.isfile(rootfs + ARCHIVE):
        fail("the training run wrote no archive:\n" + open(log).read())


def check(rootfs, classpath, java_options):
    """The archive maps (-Xshare:on fails otherwise) and holds the server's classes."""
    result = subprocess.run(
        namespaces(rootfs) + [JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE,
                              "-Xlog:class+load=info"] + java_options
        + ["-cp", classpath, "dev.memkit.http.MemkitServer", "--help"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    if result.returncode != 0 or \
            "dev.memkit.http.MemkitServer source: shared objects file (top)" not in result.stdout:
        fail("the archive does not map:\n" + result.stdout[-4000:] + result.stderr[-4000:])


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--base-rootfs", required=True)
    args.add_argument("--classpath", required=True)
    args.add_argument("--app-jar", required=True)
    args.add_argument("--aot-jar", required=True)
    args.add_argument("--java-options", default="", help="the image's JVM options, space-separated")
    args.add_argument("--work", required=True)
    args.add_argument("--out", required=True)
    a = args.parse_args()
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        fail("needs Linux and util-linux's unshare")
    java_options = a.java_options.split()
    started = time.monotonic()
    shutil.rmtree(a.work, ignore_errors=True)
    rootfs = os.path.join(a.work, "rootfs")
    os.makedirs(a.work)
    classpath = image_layout(a, rootfs)
    probe = subprocess.run(namespaces(rootfs) + [JAVA, "-version"], capture_output=True, text=True)
    if probe.returncode != 0:
        fail("cannot run the image's Java runtime in new namespaces (" + probe.stderr.strip()
             + "): build the offline image as root, or where unprivileged user namespaces are allowed")
    train(a, rootfs, classpath, java_options)
    check(rootfs, classpath, java_options)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    shutil.copyfile(rootfs + ARCHIVE, a.out)
    shutil.rmtree(rootfs)
    print("cds-archive: %s (%d MB, %.0f s)" % (a.out, os.path.getsize(a.out) >> 20,
                                             time.monotonic() - started))


if __name__ == "__main__":
    main()
