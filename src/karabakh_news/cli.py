"""The ``karabakh-news`` command. ``scripts/`` only call into :func:`main`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from karabakh_news.errors import BuildLocked, KarabakhNewsError

if TYPE_CHECKING:  # the build pulls in datasets: only `build` itself should pay for that
    from karabakh_news.build import BuildResult

log = logging.getLogger("karabakh_news")
DEFAULT_RAW = Path("dataset/raw")
DEFAULT_OUT = Path("dataset")
DEFAULT_CARD = Path("DATASET_CARD.md")
EXIT_LOCKED = 75  # EX_TEMPFAIL: another build is writing to the output folder; try again later


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="karabakh-news", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the dataset from a folder of *.txt files")
    build.add_argument("--raw", type=Path, default=None, help=f"raw folder (default {DEFAULT_RAW})")
    build.add_argument("--out", type=Path, default=None, help=f"output folder (default {DEFAULT_OUT})")
    build.add_argument(
        "--card",
        type=Path,
        default=None,
        help=f"also write the human card here (default {DEFAULT_CARD} when --out is not given)",
    )
    build.add_argument("--strict", action="store_true", help="exit non-zero (writing nothing) if any file is rejected")
    build.add_argument(
        "--force",
        action="store_true",
        help="build into a folder this package did not build (only the files a build produces are replaced)",
    )
    build.add_argument(
        "--allow-empty", action="store_true", help="build an empty dataset from a raw folder without .txt pages"
    )
    build.add_argument(
        "--update-manifest", action="store_true", help="accept changed raw files and re-pin their hashes"
    )
    build.add_argument("--workers", type=int, default=None, help="parsing processes (default: all cores)")
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="where files are parsed")
    build.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    build.add_argument("--max-bytes", type=int, default=None, help="reject larger files (default 10 MB)")
    build.add_argument("--timings", type=Path, default=None, help="write each step's wall seconds here (JSON)")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no summary line)")
    build.add_argument("-v", "--verbose", action="store_true", help="print every file's outcome")
    summary = sub.add_parser("summary", help="load the built dataset with `datasets` and print its configs")
    summary.add_argument("--data", type=Path, default=None, help="built dataset folder (default: auto)")
    info = sub.add_parser("info", help="configs, splits and row counts of the built dataset")
    info.add_argument("--data", type=Path, default=None, help="built dataset folder (default: auto)")
    show = sub.add_parser("show", help="one article: raw lines with their roles, fields and quotes")
    show.add_argument("id", help="article id (the raw file's stem)")
    show.add_argument("--data", type=Path, default=None, help="built dataset folder (default: auto)")
    publish = sub.add_parser("publish", help="upload the built folder as a Hub dataset repository")
    publish.add_argument("--repo-id", required=True, help="ORG/NAME on the Hub")
    publish.add_argument("--data", type=Path, default=None, help="built dataset folder (default: dataset)")
    publish.add_argument("--private", action="store_true", help="create the repository as private")
    publish.add_argument("--dry-run", action="store_true", help="check the card and list the files; upload nothing")
    evaluate = sub.add_parser("eval", help="score the parser against hand-checked gold files (seeds' format)")
    evaluate.add_argument("--raw", type=Path, required=True, help="folder of <id>.txt pages")
    evaluate.add_argument("--gold", type=Path, required=True, help="folder of <id>.json gold files")
    evaluate.add_argument("--json", type=Path, default=None, help="also write the scores as JSON here ('-': stdout)")
    evaluate.add_argument("--totals", action="store_true", help="print only the totals, not every page")
    return parser


def _progress(quiet: bool, total: int) -> tuple[Progress, TaskID] | None:
    """A rich progress bar on a terminal; nothing when stderr is not one."""
    if quiet or not sys.stderr.isatty():
        return None

    bar = Progress(
        TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rows]} rows"), transient=True
    )
    return bar, bar.add_task("build", total=total, rows=0)


def _cmd_build(args: argparse.Namespace) -> int:
    from karabakh_news.workers import default_workers, start_fork_server, uses_pool

    raw = args.raw or DEFAULT_RAW
    out = args.out or DEFAULT_OUT
    card = args.card or (DEFAULT_CARD if args.out is None else None)
    total = sum(1 for p in raw.glob("*.txt")) if raw.is_dir() else 0
    workers = args.workers or default_workers()
    if args.engine == "local" and uses_pool(total, workers):
        start_fork_server()  # its workers' imports overlap the build's own (about a second each)
    from karabakh_news.build import MAX_BYTES, build

    progress = _progress(args.quiet, total)
    if progress:
        bar, task = progress
        bar.start()
    try:
        result = build(
            raw,
            out,
            strict=args.strict,
            update_manifest=args.update_manifest,
            card_path=card,
            max_bytes=args.max_bytes or MAX_BYTES,
            workers=workers,
            engine=args.engine,
            scheduler=args.scheduler,
            on_progress=(lambda done, rows: bar.update(task, completed=done, rows=rows)) if progress else None,
            force=args.force,
            allow_empty=args.allow_empty,
        )
    finally:
        if progress:
            bar.stop()
    _report_outcomes(result)
    if not args.quiet:
        print(summary_line(result, raw), file=sys.stderr)
    if args.timings is not None:
        args.timings.write_text(json.dumps(result.step_seconds, indent=2) + "\n", encoding="utf-8")
    return 0


def _report_outcomes(result: BuildResult) -> None:
    """Every rejection and duplicate as a warning: bad input is never silent."""
    for o in result.outcomes:
        if o.status == "ok":
            near = f" (near duplicate of {o.near_duplicate_of})" if o.near_duplicate_of else ""
            log.info("ok %s -> %s%s", o.file_name, o.split, near)
        else:
            log.warning("%s %s: %s", o.status, o.reason, o.message)


def summary_line(result: BuildResult, raw: Path) -> str:
    """What a build did, in one line: said on stderr after every successful build."""
    articles = sum(o.status == "ok" for o in result.outcomes)
    near = sum(o.near_duplicate_of is not None for o in result.outcomes)
    return (
        f"built {articles} articles from {raw} into {result.out_dir} "
        f"({len(result.rejected)} rejected, {len(result.duplicates)} duplicates, {near} near duplicates kept)"
    )


def _cmd_summary(args: argparse.Namespace) -> int:
    from karabakh_news.loader import find_data_dir, load
    from karabakh_news.schema import CONFIGS

    data = args.data or find_data_dir()
    print(f"dataset folder: {data}")
    for config in CONFIGS:
        ds = load(config, data_dir=data)
        sizes = ", ".join(f"{split}={len(ds[split])}" for split in ds)
        print(f"- {config}: {sizes}; features: {', '.join(ds['train'].features)}")
    articles = load("articles", data_dir=data)
    for split in articles:
        for row in articles[split]:
            print(
                f"  [{split}] {row['id']}: {row['title']!r} ({row['published_date'] or 'undated'}, "
                f"{row['word_count']} words, {row['language']})"
            )
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from rich.console import Console

    from karabakh_news.loader import find_data_dir
    from karabakh_news.view import info

    info(args.data or find_data_dir(), Console())
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    from karabakh_news.loader import find_data_dir
    from karabakh_news.view import show

    if not show(args.data or find_data_dir(), args.id, Console()):
        log.error("no article with id %r", args.id)
        return 1
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from karabakh_news.publish import publish

    root = args.data or DEFAULT_OUT
    try:
        files = publish(root, args.repo_id, private=args.private, dry_run=args.dry_run)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    verb = "would upload" if args.dry_run else "uploaded"
    print(f"{verb} {len(files)} files to datasets/{args.repo_id}:")
    for name in files:
        print(f"  {name}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from karabakh_news.evaluate import evaluate, report_lines, totals_lines

    result = evaluate(args.raw, args.gold)
    as_json = json.dumps(result.to_json(), indent=2, sort_keys=True)
    if args.json is not None and str(args.json) == "-":
        print(as_json)
        return 0
    lines = totals_lines(result.total) if args.totals else report_lines(result)
    print("\n".join(lines))
    if args.json is not None:
        args.json.write_text(as_json + "\n", encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    level = (
        logging.ERROR
        if getattr(args, "quiet", False)
        else (logging.INFO if getattr(args, "verbose", False) else logging.WARNING)
    )
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        commands = {
            "build": _cmd_build,
            "summary": _cmd_summary,
            "info": _cmd_info,
            "show": _cmd_show,
            "publish": _cmd_publish,
            "eval": _cmd_eval,
        }
        return commands[args.command](args)
    except BuildLocked as exc:
        log.error("%s", exc)
        return EXIT_LOCKED
    except KarabakhNewsError as exc:
        log.error("%s", exc)
        return 2
    except FileNotFoundError as exc:
        log.error("%s", exc)
        return 2
    except KeyboardInterrupt:  # ^C: a build has removed its unfinished output already
        log.error("interrupted")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
