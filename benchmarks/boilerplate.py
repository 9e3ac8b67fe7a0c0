"""Boilerplate removers against the built-in page reader: do titles, issuers and 文号 of web
pages read better when a maintained extractor (trafilatura, readability-lxml, jusText)
takes the page's text instead of ``rag.loaders`` and the furniture stripping of
``rag.notices.single``?

    .venv/bin/python benchmarks/boilerplate.py [--set dev|heldout|both]

Every HTML file of ``eval/layouts/<set>/`` is decoded as ``rag ingest`` decodes it, its text
taken by each extractor, and the text read by ``parse_notices`` (furniture stripping
included: an extractor that leaves furniture behind is not penalised for it twice); the
first notice is scored against the truth row as ``benchmarks/metadata.py`` scores it. The
page's ``<title>`` is handed to the parser in every arm, so only the body text differs.
An extractor that returns nothing for a page counts as a miss on every field of it.

The extractors are optional: one that is not installed is reported as such
(``pip install trafilatura readability-lxml justext``). Writes
benchmarks/reports/boilerplate.md and boilerplate.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import describe, markdown_line  # noqa: E402
from metadata import FIELDS, LAYOUTS, load_truth, score_row, summarise  # noqa: E402

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def builtin(html: str) -> str:
    from rag.loaders import _html_to_text

    return _html_to_text(html)[0]


def trafilatura_precision(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, deduplicate=False) or ""


def trafilatura_recall(html: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(html, include_tables=True, deduplicate=False, favor_recall=True) or ""
    )


def readability_lxml(html: str) -> str:
    from readability import Document

    from rag.loaders import _html_to_text

    return _html_to_text(Document(html).summary(html_partial=True))[0]


def justext_paragraphs(html: str) -> str:
    import justext

    # jusText has no Chinese stop list; with the stop-word thresholds at 0 it classifies
    # blocks by length and link density alone.
    paragraphs = justext.justext(
        html.encode("utf-8"),
        frozenset(),
        length_low=10,
        length_high=40,
        stopwords_low=0.0,
        stopwords_high=0.0,
        encoding="utf-8",
    )
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, tuple[str, Callable[[str], str]]] = {
    "built-in (rag.loaders)": ("", builtin),
    "trafilatura": ("trafilatura", trafilatura_precision),
    "trafilatura, favor_recall": ("trafilatura", trafilatura_recall),
    "readability-lxml": ("readability", readability_lxml),
    "jusText": ("justext", justext_paragraphs),
}


def _installed(module: str) -> bool:
    if not module:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _version(module: str) -> str:
    import importlib.metadata

    if not module:
        return ""
    dist = {"readability": "readability-lxml"}.get(module, module)
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args()

    from rag.loaders import _decode_html, _html_to_text, _normalise_newlines
    from rag.notices import parse_notices

    names = ["dev", "heldout"] if args.set == "both" else [args.set]
    pages: list[tuple[dict[str, Any], str, str]] = []  # (truth row, html, <title>)
    set_of: dict[str, str] = {}
    for name in names:
        folder = LAYOUTS / name
        for row in load_truth(folder):
            if row["file"].endswith(HTML_SUFFIXES):
                html = _normalise_newlines(_decode_html((folder / row["file"]).read_bytes())[0])
                pages.append((row, html, _html_to_text(html)[1]))
                set_of[row["file"]] = name
    if not pages:
        sys.exit("no HTML files with truth rows under eval/layouts/")

    results: dict[str, Any] = {"machine": describe(), "pages": len(pages), "extractors": {}}
    lines = [
        "# Boilerplate removers on the layout corpus's web pages",
        "",
        f"`python benchmarks/boilerplate.py --set {args.set}`: the {len(pages)} HTML files of "
        f"`eval/layouts/` ({', '.join(names)}), each page's text taken by the extractor and read "
        "by `parse_notices` (furniture stripping included), first notice scored as in "
        "`benchmarks/metadata.py`.",
        "",
        markdown_line(),
        "",
        "| extractor | version | set | pages | own 文号 exact | false 文号 | title | issuer | date "
        "| region | cites P / R | pages with no text |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    misses: list[str] = []
    for label, (module, extract) in EXTRACTORS.items():
        if not _installed(module):
            lines.append(f"| {label} | not installed | | | | | | | | |")
            continue
        scores, texts = [], []
        for row, html, title in pages:
            text = extract(html).strip()
            notices = parse_notices(text, row["file"], title, paragraphs=True) if text else []
            texts.append(text)
            scores.append(score_row(row, notices))
        empty = sum(not t for t in texts)
        results["extractors"][label] = {
            "empty": empty,
            "misses": {
                sc["file"]: [f for f in FIELDS if sc[f] is False]
                + (["false 文号"] if sc["false_positive"] else [])
                for sc in scores
                if any(sc[f] is False for f in FIELDS) or sc["false_positive"]
            },
        }
        groups = {"all": scores} | {
            name: [sc for sc in scores if set_of[sc["file"]] == name] for name in names
        }
        for group, members in groups.items():
            if not members or (group != "all" and len(names) == 1):
                continue
            s = summarise(members)
            results["extractors"][label][group] = s
            lines.append(
                f"| {label} | {_version(module) or '-'} | {group} | {len(members)} | "
                f"{_fmt(s['doc_number'])} ({s['doc_number_n']}) | {s['false_positives']} | "
                f"{_fmt(s['title'])} | {_fmt(s['issuer'])} | {_fmt(s['date'])} | "
                f"{_fmt(s['region'])} | {_fmt(s['cites_precision'])} / "
                f"{_fmt(s['cites_recall'])} | "
                f"{sum(not t for t, sc in zip(texts, scores, strict=True) if sc in members)} |"
            )
        for sc in scores:
            bad = [f for f in FIELDS if sc[f] is False]
            bad += ["false 文号"] if sc["false_positive"] else []
            if bad:
                misses.append(f"| {label} | {sc['file']} | {', '.join(bad)} |")
    base = results["extractors"].get("built-in (rag.loaders)", {}).get("all", {})
    verdict = []
    for label, res in results["extractors"].items():
        if label.startswith("built-in") or "all" not in res:
            continue
        better = [f for f in FIELDS if (res["all"][f] or 0) > (base.get(f) or 0)]
        worse = [f for f in FIELDS if (res["all"][f] or 0) < (base.get(f) or 0)]
        verdict.append(
            f"* {label}: better on {', '.join(better) or 'no field'}, "
            f"worse on {', '.join(worse) or 'no field'} than the built-in reader."
        )
    lines += [
        "",
        "## Reading",
        "",
        "An extractor keeps what it takes for the article body and drops the rest; on these "
        "pages the rest is where the metadata is printed: the 文号 line under the title, the "
        "disclosure table (发文字号 / 成文日期), the h1 and the dateline. The built-in reader "
        "keeps every block and drops furniture line by line (`rag.notices.single`), so the "
        "head survives for the parser to read.",
        "",
        *verdict,
        "",
        "## Misses",
        "",
        "| extractor | file | fields |",
        "|---|---|---|",
        *misses,
        "",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "boilerplate.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (args.out / "boilerplate.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
