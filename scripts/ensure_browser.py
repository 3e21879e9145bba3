#!/usr/bin/env python3
"""Make sure a Chromium exists for the browser tests; install Debian's `chromium` if we can.

Exit 0 and print the browser's path when one is there (or was installed).
Exit 1 with what to install when none is there and we cannot install it (not root, no apt).
The browser tests never skip: without a browser they fail.
"""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.browser import find_chromium  # noqa: E402


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    found = find_chromium()
    if found:
        print(f"browser: {found}")
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("browser: installing Debian's chromium (apt-get install -y chromium) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        quiet = ["-qq"] if not sys.stdout.isatty() else []
        for cmd in (["apt-get", *quiet, "update"], ["apt-get", *quiet, "install", "-y", "chromium"]):
            if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL if quiet else None).returncode != 0:
                print(f"browser: '{' '.join(cmd)}' failed", file=sys.stderr)
                return 1
        found = find_chromium()
        if found:
            print(f"browser: {found}")
            return 0
    print(
        "browser: no Chromium found. The browser tests need one.\n"
        "  On Debian/Ubuntu as root: apt-get install -y chromium\n"
        "  Elsewhere: install Chromium or Chrome and set CHROMIUM=/path/to/it",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
