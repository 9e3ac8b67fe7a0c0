"""Metadata benchmark: how well ingest reads each file's own 文号, title, issuer, date,
region and cited 文号, on a layout corpus with a truth row per file.

    .venv/bin/python benchmarks/metadata.py [--set dev|heldout|heldout2|heldout3|both] [--misses]

A layout corpus lives in ``eval/layouts/<set>/``: single notices and news reports written
for this project in the layouts real ones come in (portal pages, information-disclosure
tables, red-header text and PDFs, DOCX, GB18030 and Big5 files, traditional-character
reposts, joint notices, 函, 公告 and 令, news reports), and ``truth-*.jsonl`` with one row
per file (``docs/eval-format.md`` describes the fields). Each file is ingested as
``rag ingest`` does it (into a throw-away index) and the first notice it gives is scored:

* ``doc_number``: exact after normalisation, over files that have one; a *false positive*
  is a file whose parsed 文号 is non-empty and not its own (news reports have none);
* ``title``: exact, whitespace aside;
* ``issuer``: the set of issuing bodies equals the truth's (the parsed issuer is split at
  、，; and spaces); a news report has no issuer;
* ``date``: the signature (成文) date, or for a news report its publication date;
* ``region``: province short name or 全国;
* ``cites``: precision and recall of the other 文号 the notice references.

The dev set is for tuning; the held-out set is scored once, at the end, without --misses
(``--set heldout`` / ``both``). Its summary from that one scoring is kept in
``metadata-heldout.json``, which later ``--set dev`` reports show beside the dev figures, so
the held-out set is not scored again after more tuning. ``heldout2`` is a second held-out half,
written after the first had been read; its one scoring is kept in ``metadata-heldout2.json``;
``heldout3`` is a third, written after the second had been read (``metadata-heldout3.json``).
``--misses`` prints each miss of the dev set, or of a held-out half once its scoring is kept.
``--prefix dC,dD`` scores only the files whose names start so (a new batch, before anything
is tuned on it).
Writes benchmarks/reports/metadata.md and metadata.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
LAYOUTS = ROOT / "eval" / "layouts"
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

FIELDS = ("doc_number", "title", "issuer", "date", "region")
# Held-out halves, each scored once; later runs show that scoring beside the dev figures.
HELD_OUT = ("heldout", "heldout2", "heldout3")


def load_truth(folder: Path) -> list[dict[str, Any]]:
    """Every truth row of a layout set, in file order."""
    rows = []
    for path in sorted(folder.glob("truth*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return sorted(rows, key=lambda r: r["file"])


def _squash(text: str) -> str:
    """Whitespace out, simplified characters: a title printed in traditional characters is
    the same title (and the truth may write either)."""
    from rag.grammar import simplified

    return simplified(re.sub(r"\s+", "", text or ""))


# Short and full names of one body (signatures use either); compared in their full form.
_BODY_NAMES = {
    "国家卫生健康委": "国家卫生健康委员会",
    "国家卫生计生委": "国家卫生和计划生育委员会",
    "国家医保局": "国家医疗保障局",
    "国家药监局": "国家药品监督管理局",
    "国家中医药局": "国家中医药管理局",
    "国家疾控局": "国家疾病预防控制局",
    "国家发展改革委": "国家发展和改革委员会",
    "人力资源社会保障部": "人力资源和社会保障部",
    "市场监管总局": "国家市场监督管理总局",
}


def _body(name: str) -> str:
    name = _squash(name)
    for short, full in _BODY_NAMES.items():
        if name.startswith(short) and not name.startswith(full):
            name = full + name[len(short) :]
    # 省卫生健康委 / 卫生计生委 as printed in a signature, 委员会 in full elsewhere.
    name = re.sub(r"卫生健康委(?!员会)", "卫生健康委员会", name)
    return re.sub(r"卫生计生委(?!员会)", "卫生和计划生育委员会", name)


def _bodies(issuer: str | list[str]) -> set[str]:
    parts = issuer if isinstance(issuer, list) else re.split(r"[、，,;；\s]+", issuer or "")
    return {_body(p) for p in parts if p.strip()}


def parse_set(folder: Path, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """file name -> the notices ``rag ingest`` makes of it ([] when it was rejected)."""
    from rag.config import load_settings
    from rag.ingest import ingest_paths
    from rag.store import NoticeStore

    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="rag-metadata-") as tmp:
        store = NoticeStore(Path(tmp), "layouts")
        report = ingest_paths(
            [folder / r["file"] for r in rows], store, max_bytes=settings.max_file_bytes
        )
        notices = store.load_notices() if store.exists() else []
    by_file: dict[str, list[Any]] = defaultdict(list)
    for n in notices:
        by_file[n.source].append(n)
    rejected = {f.source: f.error for f in report.files if f.status == "rejected"}
    return {r["file"]: ([] if r["file"] in rejected else by_file[r["file"]]) for r in rows}


def score_row(row: dict[str, Any], notices: list[Any]) -> dict[str, Any]:
    """Per-field outcome of one file: True/False, or None where the field does not apply."""
    from rag.docno import normalize_doc_number

    n = notices[0] if notices else None
    got = {
        "doc_number": normalize_doc_number(_squash(n.doc_number)) if n and n.doc_number else "",
        "title": n.title if n else "",
        "issuer": n.issuer if n else "",
        "date": n.date if n else "",
        "region": n.region if n else "",
        "cites": [r.doc_number for r in n.references] if n else [],
    }
    own = normalize_doc_number(_squash(row["doc_number"])) if row.get("doc_number") else ""
    cites = {normalize_doc_number(_squash(c)) for c in row.get("cites", [])}
    found = {normalize_doc_number(_squash(c)) for c in got["cites"]}
    return {
        "file": row["file"],
        "layout": row.get("layout", ""),
        "notices": len(notices),
        "got": got,
        "doc_number": (got["doc_number"] == own) if own else None,
        "false_positive": bool(got["doc_number"]) and got["doc_number"] != own,
        "title": _squash(got["title"]) == _squash(row["title"]),
        "issuer": _bodies(got["issuer"]) == _bodies(row.get("issuers", [])),
        "date": got["date"] == row.get("date", ""),
        "region": got["region"] == row.get("region", ""),
        "cites_found": len(found & cites),
        "cites_true": len(cites),
        "cites_got": len(found),
    }


def summarise(scores: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"files": len(scores)}
    for field in FIELDS:
        judged = [s[field] for s in scores if s[field] is not None]
        out[field] = sum(judged) / len(judged) if judged else None
        out[f"{field}_n"] = len(judged)
    out["false_positives"] = sum(s["false_positive"] for s in scores)
    found = sum(s["cites_found"] for s in scores)
    got = sum(s["cites_got"] for s in scores)
    true = sum(s["cites_true"] for s in scores)
    out["cites_precision"] = found / got if got else None
    out["cites_recall"] = found / true if true else None
    out["not_one_notice"] = sum(s["notices"] != 1 for s in scores)
    return out


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}"


def _commit() -> str:
    """The commit the code was at (short hash; "unknown" outside a git checkout)."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", *HELD_OUT, "both"], default="dev")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="print each miss (dev, or a held-out half already scored once)",
    )
    parser.add_argument("--prefix", default="", help="only files starting so (comma-separated)")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args()

    names = ["dev", "heldout"] if args.set == "both" else [args.set]
    results: dict[str, Any] = {"machine": describe(), "sets": {}}
    lines = [
        "# Metadata of real-world layouts",
        "",
        "`python benchmarks/metadata.py --set "
        + args.set
        + (f" --prefix {args.prefix}" if args.prefix else "")
        + "`: each file of "
        "`eval/layouts/<set>/` ingested as `rag ingest` does it, its first notice scored "
        "against the truth row (see the script's docstring for each field's rule).",
        "",
        markdown_line(),
        "",
        "| set | files | own 文号 exact | false 文号 | title | issuer | date | region "
        "| cites P / R | files ≠ 1 notice |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    per_layout_lines: list[str] = []
    for name in names:
        folder = LAYOUTS / name
        rows = load_truth(folder)
        if args.prefix:
            rows = [r for r in rows if r["file"].startswith(tuple(args.prefix.split(",")))]
        if not rows:
            sys.exit(f"{folder} has no truth rows (truth-*.jsonl)")
        parsed = parse_set(folder, rows)
        scores = [score_row(r, parsed[r["file"]]) for r in rows]
        summary = summarise(scores)
        layouts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in scores:
            layouts[s["layout"]].append(s)
        results["sets"][name] = {
            "summary": summary,
            "by_layout": {k: summarise(v) for k, v in sorted(layouts.items())},
            "files": scores,
        }
        s = summary
        lines.append(
            f"| {name} | {s['files']} | {_fmt(s['doc_number'])} ({s['doc_number_n']}) | "
            f"{s['false_positives']} | {_fmt(s['title'])} | {_fmt(s['issuer'])} | "
            f"{_fmt(s['date'])} | {_fmt(s['region'])} | {_fmt(s['cites_precision'])} / "
            f"{_fmt(s['cites_recall'])} | {s['not_one_notice']} |"
        )
        per_layout_lines += [
            "",
            f"## {name}: by layout",
            "",
            "| layout | files | own 文号 | title | issuer | date | region | cites P / R |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for layout, summ in results["sets"][name]["by_layout"].items():
            per_layout_lines.append(
                f"| {layout} | {summ['files']} | {_fmt(summ['doc_number'])} | "
                f"{_fmt(summ['title'])} | {_fmt(summ['issuer'])} | {_fmt(summ['date'])} | "
                f"{_fmt(summ['region'])} | {_fmt(summ['cites_precision'])} / "
                f"{_fmt(summ['cites_recall'])} |"
            )
        if args.misses and (name == "dev" or (args.out / f"metadata-{name}.json").is_file()):
            truth = {r["file"]: r for r in rows}
            for sc in scores:
                bad = [f for f in FIELDS if sc[f] is False] + (
                    ["false 文号"] if sc["false_positive"] else []
                )
                if sc["cites_found"] != sc["cites_true"] or sc["cites_got"] != sc["cites_found"]:
                    bad.append("cites")
                if bad:
                    t = truth[sc["file"]]
                    print(f"\n{sc['file']} ({sc['notices']} notices): {', '.join(bad)}")
                    for f in bad:
                        key = {"issuer": "issuers", "false 文号": "doc_number"}.get(f, f)
                        got = sc["got"]["doc_number" if f == "false 文号" else f]
                        print(f"  {f}: got {got!r}  want {t.get(key)!r}")
    for held in HELD_OUT:
        kept = args.out / f"metadata-{held}.json"
        if held in names and not kept.is_file() and not args.prefix:
            # The one scoring of a held-out half is kept; later runs show it, not a rescore.
            kept.write_text(
                json.dumps(
                    {"scored_at": _commit(), "summary": results["sets"][held]["summary"]},
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
        if held not in names and kept.is_file():
            once = json.loads(kept.read_text(encoding="utf-8"))
            s = once["summary"]
            lines.append(
                f"| {held} (scored once, at {once['scored_at']}) | {s['files']} | "
                f"{_fmt(s['doc_number'])} ({s['doc_number_n']}) | {s['false_positives']} | "
                f"{_fmt(s['title'])} | {_fmt(s['issuer'])} | {_fmt(s['date'])} | "
                f"{_fmt(s['region'])} | {_fmt(s['cites_precision'])} / "
                f"{_fmt(s['cites_recall'])} | {s['not_one_notice']} |"
            )
    lines += [*per_layout_lines, ""]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "metadata.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (args.out / "metadata.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
