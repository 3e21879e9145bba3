#!/usr/bin/env python3
"""Add references (CSL-JSON entries) to data/references.json.

Several editors (or a reference manager export) can add at once: the file is locked while it is
rewritten, entries whose id already exists are skipped, the file stays sorted by id with one
field per line (so the content check can name line numbers), and the write is atomic.
"""
import argparse
import fcntl
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from beyond_detox.atomic import atomic_write_text  # noqa: E402

BIBLIOGRAPHY = Path(__file__).resolve().parent.parent / "data" / "references.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("entries", type=Path, help="a JSON file holding a list of CSL-JSON entries (or one entry)")
    parser.add_argument("--bibliography", type=Path, default=BIBLIOGRAPHY, help="default: %(default)s")
    args = parser.parse_args(argv)
    try:
        new = json.loads(args.entries.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{args.entries}: cannot read: {exc}", file=sys.stderr)
        return 1
    if isinstance(new, dict):
        new = [new]
    with open(str(args.bibliography) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = json.loads(args.bibliography.read_text(encoding="utf-8"))
        have = {entry["id"] for entry in entries}
        for entry in new:
            if "id" not in entry:
                print(f"{args.entries}: an entry has no id; nothing written", file=sys.stderr)
                return 1
            if entry["id"] in have:
                print(f"already there: {entry['id']}")
                continue
            entries.append(entry)
            have.add(entry["id"])
            print(f"added: {entry['id']}")
        entries.sort(key=lambda entry: entry["id"])
        atomic_write_text(args.bibliography, json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
