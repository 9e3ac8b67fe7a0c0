"""Validity benchmark: how well policy-rag reads each notice's effective date, expiry, trial
status and the documents it repeals, amends or implements, and the status it gives as of
two dates — against a truth file written by hand from the bundled corpus.

    .venv/bin/python benchmarks/validity.py [--set SET ...] [--misses]

SET is ``dev``, ``heldout`` or ``both`` (the two halves of the bundled corpus), or
``notices-dev`` / ``notices-heldout`` / ``notices-heldout2`` … ``notices-heldout20`` (the notices
written for this benchmark); several may
be given (``--set both notices-dev``).

Bundled corpus: ``eval/validity/truth-dev.jsonl`` and ``truth-heldout.jsonl``, one row per
notice (split by notice_id: odd → held-out), written before the extractor
(``docs/eval-format.md`` describes the fields). The corpus is ingested as ``rag ingest``
does it, into a throw-away index, and :class:`rag.notices.validity.ValidityIndex` is built
over all its notices.

Written notices: ``eval/validity/notices/<half>/`` holds ``.txt`` notices and a
``truth.jsonl`` whose rows are keyed by ``file``. The whole folder is ingested into ONE
throw-away index (so that a notice repealing or implementing another of the half resolves)
and each row is scored against the notice parsed from its file. Scored per notice:

* ``effective`` / ``expires``: a notice with a date in the truth or the prediction counts;
  precision over predicted dates, recall over true ones (a prediction is right when the
  dates are equal);
* ``trial``: precision and recall of the notices marked 试行/暂行;
* ``repeals`` / ``amends`` / ``implements``: precision and recall of (notice, target)
  pairs; a target matches by normalised 文号, else by title (whitespace, brackets and 《》
  aside; one title containing the other counts);
* ``status``: accuracy of the status as of 2021-01-01 and as of 2026-12-02.

The dev sets are for tuning; a held-out set is scored once, without ``--misses``, and
the summary of that one scoring is kept (``validity-heldout.json``,
``validity-notices-heldout.json``): later runs never overwrite it and show it beside their
own figures. Once a held-out set's scoring is kept it may be rescored and its misses
printed (it is then tuned on, like a dev set).

``--answers RUN`` also scores a ``rag eval`` run of ``eval/qa/blind-validity.jsonl``
(``RUN/predictions.jsonl``): the share of questions whose expected status (the id's suffix:
``-inforce`` 现行有效, ``-lapsed`` 已过有效期, ``-repealed`` 已废止, ``-amended`` 已修订,
``-notyet`` 尚未施行, ``-unknown`` 未知) the answer states.
Writes benchmarks/reports/validity.md and validity.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
TRUTH = ROOT / "eval" / "validity"
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

SUFFIX_STATUS = {
    "inforce": "现行有效",
    "lapsed": "已过有效期",
    "repealed": "已废止",
    "amended": "已修订",
    "notyet": "尚未施行",
    "unknown": "未知",
}
DATES = {"status_2021_01_01": "2021-01-01", "status_2026_12_02": "2026-12-02"}
RELATIONS = ("repeals", "amends", "implements")
# How the kept answer run was made, for a report that carries it forward.
_ANSWERS_RUN = "rag eval --qa eval/qa/blind-validity.jsonl"


# The sets --set knows: the bundled corpus's halves and the written notices' halves.
BUNDLED = ("dev", "heldout")
WRITTEN = (
    "notices-dev",
    "notices-heldout",
    "notices-heldout2",
    "notices-heldout3",
    "notices-heldout4",
    "notices-heldout5",
    "notices-heldout6",
    "notices-heldout7",
    "notices-heldout8",
    "notices-heldout9",
    "notices-heldout10",
    "notices-heldout11",
    "notices-heldout12",
    "notices-heldout13",
    "notices-heldout14",
    "notices-heldout15",
    "notices-heldout16",
    "notices-heldout17",
    "notices-heldout18",
    "notices-heldout19",
    "notices-heldout20",
    "notices-heldout21",
    "notices-heldout22",
    "notices-heldout23",
    "notices-heldout24",
    "notices-heldout25",
    "notices-heldout26",
    "notices-heldout27",
    "notices-heldout28",
    "notices-heldout29",
    "notices-heldout30",
    "notices-heldout31",
)
# Held-out sets: scored once, their first summary kept under this file name.
KEPT = {
    "heldout": "validity-heldout.json",
    "notices-heldout": "validity-notices-heldout.json",
    "notices-heldout2": "validity-notices-heldout2.json",
    "notices-heldout3": "validity-notices-heldout3.json",
    "notices-heldout4": "validity-notices-heldout4.json",
    "notices-heldout5": "validity-notices-heldout5.json",
    "notices-heldout6": "validity-notices-heldout6.json",
    "notices-heldout7": "validity-notices-heldout7.json",
    "notices-heldout8": "validity-notices-heldout8.json",
    "notices-heldout9": "validity-notices-heldout9.json",
    "notices-heldout10": "validity-notices-heldout10.json",
    "notices-heldout11": "validity-notices-heldout11.json",
    "notices-heldout12": "validity-notices-heldout12.json",
    "notices-heldout13": "validity-notices-heldout13.json",
    "notices-heldout14": "validity-notices-heldout14.json",
    "notices-heldout15": "validity-notices-heldout15.json",
    "notices-heldout16": "validity-notices-heldout16.json",
    "notices-heldout17": "validity-notices-heldout17.json",
    "notices-heldout18": "validity-notices-heldout18.json",
    "notices-heldout19": "validity-notices-heldout19.json",
    "notices-heldout20": "validity-notices-heldout20.json",
    "notices-heldout21": "validity-notices-heldout21.json",
    "notices-heldout22": "validity-notices-heldout22.json",
    "notices-heldout23": "validity-notices-heldout23.json",
    "notices-heldout24": "validity-notices-heldout24.json",
    "notices-heldout25": "validity-notices-heldout25.json",
    "notices-heldout26": "validity-notices-heldout26.json",
    "notices-heldout27": "validity-notices-heldout27.json",
    "notices-heldout28": "validity-notices-heldout28.json",
    "notices-heldout29": "validity-notices-heldout29.json",
    "notices-heldout30": "validity-notices-heldout30.json",
    "notices-heldout31": "validity-notices-heldout31.json",
}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_truth(name: str) -> list[dict[str, Any]]:
    """The truth rows of a set (a bundled half, or a written notices' half)."""
    if name in WRITTEN:
        return _jsonl(_folder(name) / "truth.jsonl")
    return _jsonl(TRUTH / f"truth-{name}.jsonl")


def _folder(name: str) -> Path:
    return TRUTH / "notices" / name.removeprefix("notices-")


def ingested(paths: list[Path]) -> tuple[list[Any], dict[str, str]]:
    """The notices ``rag ingest`` makes of ``paths`` (one throw-away index for all of them),
    and the files it rejected (file name → reason)."""
    from rag.config import load_settings
    from rag.ingest import ingest_paths
    from rag.store import NoticeStore

    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="rag-validity-") as tmp:
        store = NoticeStore(Path(tmp), "validity")
        report = ingest_paths(paths, store, max_bytes=settings.max_file_bytes)
        notices = store.load_notices() if store.exists() else []
    rejected = {f.source: f.error for f in report.files if f.status == "rejected"}
    return notices, rejected


def corpus_notices() -> list[Any]:
    """The bundled corpus as ``rag ingest`` reads it (a throw-away index)."""
    return ingested([ROOT / "data" / "corpus"])[0]


def written_set(name: str, rows: list[dict[str, Any]]) -> tuple[Any, list[dict[str, Any]]]:
    """A written notices' half as one index, and its truth rows keyed by the notice parsed
    from each row's file (``notice_id`` "" when the file gave no notice, or several)."""
    from rag.notices.validity import ValidityIndex

    folder = _folder(name)
    # The notices only: a note or README kept beside them is no notice of the set.
    notices, rejected = ingested(sorted(folder.glob("*.txt")))
    by_file: dict[str, list[str]] = {}
    for n in notices:
        by_file.setdefault(n.source, []).append(n.notice_id)
    keyed = []
    for row in rows:
        ids = by_file.get(row["file"], [])
        if row["file"] in rejected:
            sys.stderr.write(f"{folder / row['file']}: rejected ({rejected[row['file']]})\n")
        keyed.append({**row, "notice_id": ids[0] if len(ids) == 1 else ""})
    return ValidityIndex(notices), keyed


def _title(text: str) -> str:
    """A title compared as read: NFKC, simplified characters (a truth written as printed
    in traditional ones names the same document), no brackets or spaces."""
    from rag.grammar import simplified

    text = simplified(unicodedata.normalize("NFKC", text))
    return re.sub(r"[\s《》<>〈〉“”\"'（）()〔〕\[\]【】﹝﹞]", "", text)


def _same_target(truth: str, relation: Any) -> bool:
    """A truth target names the predicted relation's document: the same 文号, titles equal
    or one containing the other, or the truth names it by the number the clause gives right
    after the predicted title (《…公告》（第47号）)."""
    from rag.docno import normalize_doc_number

    wanted = normalize_doc_number(truth)
    if wanted and relation.target_doc_number:
        return bool(wanted == relation.target_doc_number)
    a = _title(truth)
    for name in (relation.target_title, relation.target_doc_number):
        b = _title(name)
        if a and b and (a == b or a in b or b in a):
            return True
    if relation.target_title:
        flat = _title(relation.sentence)
        at = flat.find(_title(relation.target_title))
        if at >= 0 and a and a in flat[at : at + len(_title(relation.target_title)) + len(a) + 4]:
            return True
    return False


def score(rows: list[dict[str, Any]], validity: Any) -> dict[str, Any]:
    """Per-field counts and the misses, for the notices of ``rows``."""
    counts: dict[str, dict[str, int]] = {
        f: {"tp": 0, "fp": 0, "fn": 0} for f in ("effective", "expires", "trial", *RELATIONS)
    }
    status_right = dict.fromkeys(DATES, 0)
    misses: list[str] = []
    n = 0
    for row in rows:
        record = validity.get(row["notice_id"])
        if record is None:
            where = row.get("file") or row["notice_id"]
            misses.append(f"{where}: not one notice in the parsed corpus")
            continue
        n += 1
        own = record.own
        name = row["doc_number"] or row["title"][:20]
        label = f"{row['file']} {name}" if row.get("file") else name
        for field in ("effective", "expires"):
            want, got = row.get(field) or "", getattr(own, field)
            c = counts[field]
            if want and got == want:
                c["tp"] += 1
            else:
                if got:
                    c["fp"] += 1
                if want:
                    c["fn"] += 1
                if want or got:
                    misses.append(f"{label} {field}: truth {want or '—'}, got {got or '—'}")
        c = counts["trial"]
        want_t, got_t = bool(row.get("trial")), own.trial
        c["tp"] += want_t and got_t
        c["fp"] += got_t and not want_t
        c["fn"] += want_t and not got_t
        if want_t != got_t:
            misses.append(f"{label} trial: truth {want_t}, got {got_t}")
        for kind in RELATIONS:
            truth = [t["target"] for t in row.get(kind, [])]
            got_rel = own.of_kind(kind)
            matched: set[int] = set()
            for t in truth:
                hit = next(
                    (i for i, r in enumerate(got_rel) if i not in matched and _same_target(t, r)),
                    None,
                )
                if hit is None:
                    counts[kind]["fn"] += 1
                    misses.append(f"{label} {kind}: missed {t}")
                else:
                    matched.add(hit)
                    counts[kind]["tp"] += 1
            for i, r in enumerate(got_rel):
                if i not in matched:
                    counts[kind]["fp"] += 1
                    misses.append(f"{label} {kind}: extra {r.target}")
        for key, day in DATES.items():
            got_s = validity.status(row["notice_id"], day).label
            if got_s == row[key]:
                status_right[key] += 1
            else:
                misses.append(f"{label} status {day}: truth {row[key]}, got {got_s}")

    def pr(c: dict[str, int]) -> dict[str, Any]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        return {**c, "precision": p, "recall": r}

    return {
        "notices": n,
        "fields": {f: pr(c) for f, c in counts.items()},
        "status_accuracy": {DATES[k]: v / n if n else None for k, v in status_right.items()},
        "misses": misses,
    }


def expected_status(question_id: str) -> str:
    """The status a question's id says its answer must state ("" when it names none)."""
    for part in reversed(question_id.split("-")):
        if part in SUFFIX_STATUS:
            return SUFFIX_STATUS[part]
        if part == "by" and "-repealed-by" in question_id:
            return "已废止"
        if part == "by" and "-amended-by" in question_id:
            return "已修订"
    return ""


def score_answers(run: Path) -> dict[str, Any]:
    """Of the run's questions that expect a status, how many answers state it."""
    rows = [json.loads(line) for line in (run / "predictions.jsonl").open(encoding="utf-8")]
    stated, wanted, misses = 0, 0, []
    for row in rows:
        status = expected_status(row["id"])
        if not status:
            continue
        wanted += 1
        if status in row["answer"]:
            stated += 1
        else:
            misses.append(row["id"])
    return {
        "questions": wanted,
        "stated": stated,
        "share": stated / wanted if wanted else None,
        "misses": misses,
    }


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _sets(given: list[str]) -> list[str]:
    """The sets named on the command line, ``both`` meaning the bundled corpus's halves."""
    names: list[str] = []
    for name in given:
        for one in BUNDLED if name == "both" else (name,):
            if one not in names:
                names.append(one)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        nargs="+",
        choices=(*BUNDLED, "both", *WRITTEN),
        default=["dev"],
        help="dev, heldout, both (the bundled corpus), notices-dev, notices-heldout(2…5)",
    )
    parser.add_argument(
        "--misses", action="store_true", help="print every miss (not for an unscored held-out set)"
    )
    parser.add_argument("--answers", type=Path, help="a rag eval run of blind-validity.jsonl")
    args = parser.parse_args()
    from rag.notices.validity import ValidityIndex

    names = _sets(args.set)
    for name in names:
        if args.misses and name in KEPT and not (REPORTS / KEPT[name]).exists():
            parser.error(f"the {name} set is scored once, without --misses")
    previous: dict[str, Any] = {}
    if (REPORTS / "validity.json").exists():
        previous = json.loads((REPORTS / "validity.json").read_text(encoding="utf-8"))
    bundled = ValidityIndex(corpus_notices()) if set(names) & set(BUNDLED) else None
    results: dict[str, Any] = {"machine": describe(), "sets": {}}
    first_scoring: set[str] = set()
    for name in names:
        rows = load_truth(name)
        if name in WRITTEN:
            validity, rows = written_set(name, rows)
        else:
            validity = bundled
        summary = score(rows, validity)
        kept = REPORTS / KEPT.get(name, "")
        if name in KEPT and not kept.exists():
            # The one scoring of a held-out set is kept; later runs show it beside theirs.
            first_scoring.add(name)
            kept.write_text(
                json.dumps(
                    {k: v for k, v in summary.items() if k != "misses"},
                    indent=2,
                    ensure_ascii=False,
                )
                + "\n",
                encoding="utf-8",
            )
        elif args.misses:
            print(f"## {name}")
            print("\n".join(summary["misses"]))
        # A held-out set scored again after its one scoring has been read: tuned on since.
        label = f"{name} (rescored)" if name in KEPT and name not in first_scoring else name
        results["sets"][label] = summary
    for name, file in KEPT.items():
        kept = REPORTS / file
        if kept.exists() and name not in first_scoring:
            results["sets"][f"{name} (scored once)"] = json.loads(kept.read_text(encoding="utf-8"))

    lines = [
        "# Validity: effective dates, expiry, relations and status",
        "",
        f"`python benchmarks/validity.py --set {' '.join(args.set)}` — truth written by hand, "
        "before the extractor, from the bundled corpus (`dev`, `heldout`: `eval/validity/`) "
        "and for notices written for this benchmark (`notices-dev`, `notices-heldout`: "
        "`eval/validity/notices/`, each half ingested as one index).",
        "",
        markdown_line(results["machine"]),
        "",
        "| set | field | precision | recall | tp | fp | fn |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, summary in results["sets"].items():
        for field, v in summary["fields"].items():
            lines.append(
                f"| {name} | {field} | {_fmt(v['precision'])} | {_fmt(v['recall'])} "
                f"| {v['tp']} | {v['fp']} | {v['fn']} |"
            )
    lines += [
        "",
        "| set | notices | status as of 2021-01-01 | status as of 2026-12-02 |",
        "|---|---|---|---|",
    ]
    for name, summary in results["sets"].items():
        acc = summary["status_accuracy"]
        first, today = _fmt(acc["2021-01-01"]), _fmt(acc["2026-12-02"])
        lines.append(f"| {name} | {summary['notices']} | {first} | {today} |")
    if args.answers:
        answers = score_answers(args.answers)
        results["answers"] = {**answers, "run": str(args.answers)}
    elif "answers" in previous:
        # A scored answer run is kept until another is given.
        results["answers"] = previous["answers"]
    if "answers" in results:
        answers = results["answers"]
        lines += [
            "",
            f"Validity questions (`{answers.get('run', _ANSWERS_RUN)}`"
            f", scored once): the expected status is stated in "
            f"{answers['stated']} of {answers['questions']} answers ({_fmt(answers['share'])}).",
        ]
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "validity.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (REPORTS / "validity.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
