"""The W3C Nu HTML Checker (npm `vnu-jar`, run with Debian's Java) over the pages a crawl
saved (`manage.py crawl --save-html FOLDER`): every error with the address of its page, and
a failing exit status when there is one. `make vnu` runs the crawl, then this:

    python -m urbact_portal.html_check FOLDER --jar path/to/vnu.jar
"""

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path


def check(folder, jar, java="java"):
    """The checker's errors in the saved pages, as (address, line, message, extract)."""
    folder = Path(folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    files = [str(folder / name) for name in sorted(pages)]
    if not files:
        return pages, []
    # The checker reads the files given and reports JSON on stderr; --errors-only leaves
    # out the warnings and informational messages.
    run = subprocess.run(
        [java, "-Xss1024k", "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise RuntimeError(f"The Nu HTML Checker did not answer in JSON:\n{run.stderr}") from None
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.append(
            (
                pages.get(name, name),
                message.get("lastLine", 0),
                message.get("message", ""),
                (message.get("extract") or "").strip(),
            )
        )
    return pages, errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jar", required=True)
    parser.add_argument("--java", default="java")
    options = parser.parse_args(argv)
    pages, errors = check(options.folder, options.jar, options.java)
    for address, line, message, extract in errors:
        print(f"{address}:{line}: {message}\n    {extract[:160]}")
    by_page = Counter(address for address, *_rest in errors)
    print(
        f"Nu HTML Checker: {len(pages)} pages, {len(errors)} errors"
        + (f" on {len(by_page)} pages" if errors else "")
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
