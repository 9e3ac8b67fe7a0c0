"""Assemble written notices into one flat folder, for a question set that runs over them.

    .venv/bin/python benchmarks/validity_corpus.py [--halves 16-31] [--out DIR] [--index NAME]

``eval/validity/notices/<half>/`` holds about 24 notices each, written for the validity
benchmark; ``blind19`` asks about the 384 of ``heldout16`` … ``heldout31`` together, one
index over all of them (so a question may compare notices of two halves). Every half names
its files alike (``v01.txt``), and an index knows a notice by its file's name, so each file is
copied as ``h<N>-<name>`` (``h16-v01.txt``): the names the question set's ``gold[].file``
gives. With ``--index NAME`` the folder is then ingested and indexed as a user would
(``rag ingest DIR --index NAME``, ``rag index --index NAME``); run the set with
``rag eval --qa eval/qa/blind19.jsonl --index NAME``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "eval" / "validity" / "notices"


def halves(spec: str) -> list[int]:
    """``"16-31"`` → 16 … 31; ``"16,18"`` → 16, 18."""
    out: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


def assemble(numbers: list[int], out: Path) -> int:
    """Copy each half's ``.txt`` notices into ``out`` as ``h<N>-<name>``; the number copied."""
    out.mkdir(parents=True, exist_ok=True)
    copied = 0
    for n in numbers:
        folder = NOTICES / f"heldout{n}"
        if not folder.is_dir():
            raise SystemExit(
                f"没有 {folder}：--halves 只能取 eval/validity/notices/ 下已有的 heldoutN"
            )
        for path in sorted(folder.glob("*.txt")):
            shutil.copyfile(path, out / f"h{n}-{path.name}")
            copied += 1
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--halves", default="16-31", help="heldout halves, e.g. 16-31 or 16,18")
    parser.add_argument("--out", type=Path, default=ROOT / "index" / ".corpus19")
    parser.add_argument("--index", help="ingest and index the folder under this index name")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    copied = assemble(halves(args.halves), args.out)
    print(f"{copied} 条通知 → {args.out}")
    if args.index:
        rag = [sys.executable, "-m", "rag.cli"]
        subprocess.run([*rag, "ingest", str(args.out), "--index", args.index], check=True)
        subprocess.run([*rag, "index", "--index", args.index], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
