#!/usr/bin/python3
"""Fails on dead relative links in the repository's Markdown pages.

    /usr/bin/python3 tools/check-links.py        (from any directory)

Scans every Markdown file git tracks or would add (every *.md under the repository when git is not there) for
inline links and images, [text](target) and ![alt](target), reference definitions, [label]: target, and the
href/src of HTML tags. Links to http:, https: and mailto: URLs and pure #anchors are skipped. Every other target
is resolved against its file's folder, with any #anchor or ?query removed, and must name a file or folder that
exists inside the repository. A target that is missing, that leaves the repository root (../ too often, or a
symbolic link out of it), that is an absolute path, or that uses another URL scheme is reported as
FILE:LINE: TARGET (why), and the exit status is 1.

Links inside code spans and fenced code blocks are not links and are ignored, with one exception: a code span
that is nothing but a ../ path (`../elsewhere/notes.md`) is reported too, unless it names something inside the
repository seen from the page, because a page must read without files outside the repository.
Standard library only.
"""
import os
import re
import subprocess
import sys
from typing import Iterator, List, Optional, Tuple
from urllib.parse import unquote

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

SKIPPED_SCHEMES = ("http:", "https:", "mailto:")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FENCE = re.compile(r"^ *(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
UP_PATH = re.compile(r"^\.\./[\w./-]*$")
# ](target) or ](target "title") or ](<target with spaces>)
INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
HTML_ATTR = re.compile(r"<[A-Za-z][^>]*?\s(?:href|src)\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


def markdown_files() -> List[str]:
    """Repository-relative paths of the Markdown files git knows or would add (all of them on disk without git)."""
    try:
        # tracked pages, and new ones not yet added (but not ignored ones): a page is checked before its commit
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                              "--", "*.md"], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        names = set(n for n in out.decode("utf-8").split("\0") if n)
        # a file deleted from the work tree but not yet from the index is no page any more
        return sorted(n for n in names if os.path.isfile(os.path.join(ROOT, n)))
    except (OSError, subprocess.CalledProcessError):
        found = []
        for folder, dirs, files in os.walk(ROOT):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("target", "node_modules")]
            found += [os.path.relpath(os.path.join(folder, f), ROOT) for f in files if f.endswith(".md")]
        return sorted(found)


def blank_code_spans(line: str) -> str:
    """The line with every code span replaced by spaces, so columns and everything else stay put."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def links(text: str) -> Iterator[Tuple[int, str, bool]]:
    """(line number, raw target, whether it is a link rather than a code span's ../ path) of every link outside
    code, and of every code span that is a ../ path."""
    fence: Optional[str] = None
    for number, line in enumerate(text.splitlines(), start=1):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            continue
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            continue
        for span in CODE_SPAN.finditer(line):
            if UP_PATH.match(span.group(2).strip()):
                yield number, span.group(2).strip(), False
        plain = blank_code_spans(line)
        for pattern in (INLINE, REFERENCE, HTML_ATTR):
            for found in pattern.finditer(plain):
                target = found.group(1)
                if target[0] in "<\"'":
                    target = target[1:-1]
                yield number, target.strip(), True


def problem(page: str, target: str, link: bool = True) -> Optional[str]:
    """Why the target is dead, or None when it resolves inside the repository (or is not checked). A code span's
    ../ path (link False) is only held to naming something inside the repository."""
    if not target or target.startswith("#") or target.lower().startswith(SKIPPED_SCHEMES):
        return None
    if SCHEME.match(target):
        return "not a relative link (URL scheme other than http, https, mailto)"
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    if not path:
        return None
    if path.startswith("/") or os.path.isabs(path):
        return "absolute path; use a path relative to the page"
    base = os.path.dirname(os.path.join(ROOT, page))
    resolved = os.path.normpath(os.path.join(base, path))
    if not link:
        # code spans name paths from the repository root as often as from the page: a ../ path counts as inside
        # only when it names something that exists, seen from the page
        inside = os.path.commonpath([ROOT, resolved]) == ROOT and os.path.exists(resolved)
        return None if inside else "names a path outside the repository"
    if os.path.commonpath([ROOT, resolved]) != ROOT:
        return "leaves the repository"
    if not os.path.exists(resolved):
        return "no such file or folder"
    if os.path.commonpath([ROOT, os.path.realpath(resolved)]) != ROOT:
        return "a symbolic link that leads out of the repository"
    return None


def main() -> int:
    pages = markdown_files()
    dead = []
    count = 0
    for page in pages:
        with open(os.path.join(ROOT, page), encoding="utf-8") as f:
            text = f.read()
        for number, target, link in links(text):
            count += link
            why = problem(page, target, link)
            if why:
                dead.append(f"{page}:{number}: {target} ({why})")
    if dead:
        print(f"check-links: {len(dead)} dead or outside link(s) in {len(pages)} Markdown files:", file=sys.stderr)
        for line in dead:
            print("  " + line, file=sys.stderr)
        return 1
    print(f"check-links: {count} links in {len(pages)} Markdown files, none dead")
    return 0


if __name__ == "__main__":
    sys.exit(main())
