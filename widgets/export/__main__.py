"""`python -m widgets.export [--only 01_threat ...] [--out DIR] [--no-pdf] [--lang fr]`: static HTML per chapter, the
whole briefing in one HTML file, and its PDF, in build/export/ (build/export/fr/ in French) unless told otherwise.
Prints each file's size."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from widgets import fmt, paths
from widgets.export import html as H
from widgets.export.pdf import print_pdf
from widgets.export.run import export
from widgets.vocabulary import CHAPTERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.export", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="default: build/export, or build/export/<lang>")
    parser.add_argument("--lang", choices=fmt.LANGUAGES, default="en", help="the language of the pages")
    parser.add_argument("--only", nargs="*", help="chapter stems, e.g. 01_threat (default: every chapter)")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="notebooks executed at a time")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = paths.EXPORT if args.lang == "en" else paths.EXPORT / args.lang
    names = [n for n, _ in CHAPTERS]
    if args.only:
        unknown = sorted(set(args.only) - {n.removesuffix(".ipynb") for n in names})
        if unknown:
            parser.error(f"unknown chapter(s): {', '.join(unknown)}")
        names = [n for n in names if n.removesuffix(".ipynb") in args.only]
    start = time.monotonic()
    try:
        files = export(names, args.out, args.workers, args.lang)
    except H.ExportError as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    html_done = time.monotonic()
    whole = args.out / "briefing.html"
    if not args.no_pdf and whole in files:
        files.append(print_pdf(whole, args.out / "briefing.pdf"))
    for f in files:
        print(f"{f.stat().st_size / 1e6:8.2f} MB  {f}")
    end = time.monotonic()
    print(f"export took {end - start:.0f} s (HTML {html_done - start:.0f} s, PDF {end - html_done:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
