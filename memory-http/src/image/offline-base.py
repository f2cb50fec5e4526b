#!/usr/bin/env python3
"""Builds the container image's base offline, from what the build machine has.

The image profile normally starts from a registry image (eclipse-temurin); where no registry is
reachable (CI), this script makes an equivalent base and Jib takes it as tar://<out>:

  * a Java runtime made with jlink from the build's JDK, at /opt/java/openjdk, with its default
    class-data archive (lib/server/classes.jsa, as a JDK ships it), made by that runtime;
  * the shared libraries that runtime and the native libraries inside the server's jars need
    (the C library, libz, libstdc++, libgcc_s, ...), copied from this machine as ldd finds them;
  * /etc/passwd and /etc/group with the non-root user 65532 (nonroot), /tmp, /home/nonroot,
    the machine's CA bundle, /etc/hosts and /etc/nsswitch.conf.

It writes one layer in the `docker save` format (manifest.json, the config, the layer tar), with
fixed owners and timestamps, so the same inputs give the same tarball. Python 3 standard library
only; Linux only (ldd).

  offline-base.py --java-home DIR --modules m1,m2 --classpath a.jar:b.jar --work DIR --out FILE
"""

import argparse
import hashlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

JAVA = "/opt/java/openjdk"
ARCH = {"x86_64": ("amd64", r"x86[-_]64|x64|amd64"), "aarch64": ("arm64", r"aarch64|arm64")}
# java.desktop (for java.beans) brings AWT, sound and font natives a server never loads: their
# X11/ALSA/FreeType libraries are left out.
DESKTOP_NATIVES = re.compile(r"lib(awt.*|fontmanager|javajpeg|jawt|jsound|lcms|mlib_image|splashscreen)\.so")
FILES = {
    "etc/passwd": "root:x:0:0:root:/root:/sbin/nologin\n"
    "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
    "etc/group": "root:x:0:\nnonroot:x:65532:\n",
    "etc/hosts": "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
    "etc/nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\n",
}
DIRS = {"tmp": 0o1777, "root": 0o700, "home/nonroot": 0o700}


def fail(message):
    sys.exit("offline-base: " + message)


def run(*command, hint=""):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(" ".join(command) + " failed: " + (result.stderr or result.stdout).strip() + hint)
    return result.stdout


def jlink(java_home, modules, target):
    # --generate-cds-archive: the runtime dumps the class-data archive of its own modules, which a
    # JDK ships and a jlink image otherwise lacks: the JDK's classes are then mapped, not parsed,
    # at every start (java -version says "sharing")
    run(os.path.join(java_home, "bin", "jlink"), "--add-modules", modules, "--strip-debug",
        "--generate-cds-archive", "--no-man-pages", "--no-header-files", "--output", target,
        hint="\n(jlink needs the JDK's jmods, e.g. Debian's openjdk-17-jdk-headless or Ubuntu's"
             " openjdk-17-jmods, and objcopy from binutils for --strip-debug)")


def natives_in(classpath, into, pattern):
    """Extracts this platform's .so files from the jars (glibc builds, not musl)."""
    found = []
    for jar in filter(None, classpath.split(os.pathsep)):
        if not jar.endswith(".jar"):
            continue
        with zipfile.ZipFile(jar) as z:
            for name in z.namelist():
                if name.endswith(".so") and re.search(r"(?i)(^|/)linux[-/](%s)/" % pattern, name):
                    target = os.path.join(into, name)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with z.open(name) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    found.append(target)
    return found


def shared_libraries(elves):
    """The absolute paths ldd resolves for these ELF files; a library found nowhere fails."""
    own = {os.path.basename(e).split(".so")[0] for e in elves}  # libx.so.1 is provided by libx.so
    libraries = set()
    for elf in elves:
        for line in run("ldd", elf).splitlines():
            line = line.strip()
            if "=> not found" in line:
                if line.split()[0].split(".so")[0] not in own:
                    fail("%s needs %s, which this machine does not have" % (elf, line.split()[0]))
            elif "=>" in line and line.split("=>")[1].strip().startswith("/"):
                libraries.add(line.split("=>")[1].split("(")[0].strip())
            elif line.startswith("/"):
                libraries.add(line.split("(")[0].strip())
    return {lib for lib in libraries if not any(lib.startswith(os.path.dirname(e)) for e in elves)}


def is_elf(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def layer_tar(rootfs, out):
    """The root file system as a tar: sorted, owned by root (home by nonroot), time 0."""
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        for parent, dirs, files in os.walk(rootfs):
            dirs.sort()
            for name in sorted(dirs) + sorted(files):
                path = os.path.join(parent, name)
                info = tar.gettarinfo(path, os.path.relpath(path, rootfs))
                info.mtime = 0
                info.uid = info.gid = 65532 if info.name.startswith("home/nonroot") else 0
                info.uname = info.gname = ""
                if info.isreg():
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--java-home", required=True)
    args.add_argument("--modules", required=True)
    args.add_argument("--classpath", default="")
    args.add_argument("--work", required=True)
    args.add_argument("--out", required=True)
    a = args.parse_args()
    if platform.system() != "Linux" or platform.machine() not in ARCH:
        fail("builds a Linux x86_64/aarch64 base only; use the registry base (-Pimage) here")
    arch, pattern = ARCH[platform.machine()]

    shutil.rmtree(a.work, ignore_errors=True)
    rootfs = os.path.join(a.work, "rootfs")
    runtime = rootfs + JAVA
    os.makedirs(os.path.dirname(runtime))
    jlink(a.java_home, a.modules, runtime)

    elves = [os.path.join(d, f) for d, _, fs in os.walk(runtime) for f in fs
             if is_elf(os.path.join(d, f)) and not DESKTOP_NATIVES.fullmatch(f)]
    elves += natives_in(a.classpath, os.path.join(a.work, "natives"), pattern)
    for library in sorted(shared_libraries(elves)):
        target = rootfs + library
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.realpath(library), target)
    for name, text in FILES.items():
        os.makedirs(os.path.dirname(os.path.join(rootfs, name)), exist_ok=True)
        with open(os.path.join(rootfs, name), "w") as f:
            f.write(text)
    for name, mode in DIRS.items():
        os.makedirs(os.path.join(rootfs, name), exist_ok=True)
        os.chmod(os.path.join(rootfs, name), mode)
    bundle = "/etc/ssl/certs/ca-certificates.crt"
    if os.path.isfile(bundle):
        os.makedirs(rootfs + os.path.dirname(bundle), exist_ok=True)
        shutil.copyfile(bundle, rootfs + bundle)

    layer = os.path.join(a.work, "layer.tar")
    layer_tar(rootfs, layer)
    diff_id = "sha256:" + sha256(layer)
    config = json.dumps({
        "architecture": arch,
        "os": "linux",
        "config": {
            "Env": ["PATH=" + JAVA + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "JAVA_HOME=" + JAVA, "LANG=C.UTF-8"],
            "WorkingDir": "/",
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "memory-http/src/image/offline-base.py (jlink " + a.modules + ")"}],
    }, indent=1).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": ["memkit-base:offline"],
                            "Layers": [diff_id[7:] + "/layer.tar"]}]).encode()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with tarfile.open(a.out, "w") as tar:
        for name, data in ((config_name, config), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        tar.add(layer, diff_id[7:] + "/layer.tar", filter=lambda i: setattr(i, "mtime", 0) or i)
    print("offline-base: %s (%d MB, %s)" % (a.out, os.path.getsize(a.out) >> 20, diff_id[:19]))


if __name__ == "__main__":
    main()
