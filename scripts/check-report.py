#!/usr/bin/env python3
"""Checks a page written by `recsharp report` (standard library only).

    scripts/check-report.py REPORT.html [--allow-missing SECTION ...] [--titles]

Fails (exit 1, one line per problem) unless the page
  * starts with <!DOCTYPE html> and parses as XML (XHTML) and with Python's HTML parser without unbalanced tags
    (including <x/> on a non-void HTML element, which an HTML parser leaves open),
  * is self-contained: no <script>/<link>/<img>/<iframe>, no src= or non-fragment href=, no URL other than the
    XHTML and SVG namespace names,
  * has the seven sections (source, data, hyperparameters, curves, metrics, item-map, samples), each with content and
    none saying it is missing unless allowed with --allow-missing,
  * draws the curves (an SVG with one polyline per series, as many points as epochs), fills the metrics table with
    numbers, puts circles on the t-SNE map and has a recommendation table per sample user;
  * with --titles, every recommended item has a title.
Prints a short summary of what it found.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

H = "{http://www.w3.org/1999/xhtml}"
S = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"}
SECTIONS = ["source", "data", "hyperparameters", "curves", "metrics", "item-map", "samples"]
VOID = {"meta", "br", "img", "hr", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        # <x/> closes itself only for void elements and inside SVG; on any other HTML element an HTML parser
        # ignores the slash and leaves the element open.
        if tag not in VOID and "svg" not in self.stack and tag != "svg":
            self.errors.append(f"self-closing <{tag}/> on a non-void HTML element stays open in an HTML parser")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")


def text(e):
    return "".join(e.itertext()).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--allow-missing", nargs="*", default=[], metavar="SECTION")
    ap.add_argument("--titles", action="store_true", help="require a title for every recommended item")
    args = ap.parse_args()
    page = open(args.report, encoding="utf-8").read()
    problems = []
    doctype = "<!DOCTYPE html>\n"
    if not page.startswith(doctype):
        print(f"{args.report}: does not start with <!DOCTYPE html>")
        return 1
    try:
        root = ET.fromstring(page[len(doctype):])
    except ET.ParseError as e:
        print(f"{args.report}: not well-formed XML: {e}")
        return 1
    balance = Balance()
    balance.feed(page)
    balance.close()
    problems += balance.errors[:5]
    if balance.stack:
        problems.append(f"unclosed tags: {balance.stack}")

    urls = [u for u in re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>)]*", page) if u not in NAMESPACES]
    problems += [f"external URL: {u}" for u in urls[:5]]
    for e in root.iter():
        local = e.tag.split("}")[-1]
        if local in ("script", "link", "img", "iframe", "object", "embed"):
            problems.append(f"external-asset element <{local}>")
        for k, v in e.attrib.items():
            if k.split("}")[-1] == "src" or (k.split("}")[-1] == "href" and not v.startswith("#")):
                problems.append(f"<{local} {k}=\"{v}\"> refers outside the page")

    sections = {s.get("id"): s for s in root.iter(H + "section")}
    if list(sections) != SECTIONS:
        problems.append(f"sections {list(sections)}, expected {SECTIONS}")
    summary = []
    for sid in SECTIONS:
        sec = sections.get(sid)
        if sec is None:
            continue
        missing = [text(p) for p in sec.iter(H + "p") if p.get("class") == "missing"]
        if missing and sid not in args.allow_missing:
            problems.append(f"section {sid} is missing: {missing[0]}")
        if missing:
            summary.append(f"{sid}: missing ({missing[0]})")
            continue
        if sid == "curves":
            lines = [len(p.get("points").split()) for p in sec.iter(S + "polyline")]
            if not lines or len(set(lines)) != 1:
                problems.append(f"curves: polylines with {lines} points (expected one per series, all as long)")
            summary.append(f"curves: {len(lines)} series x {lines[0] if lines else 0} epochs")
        elif sid == "metrics":
            cells = [text(td) for td in sec.iter(H + "td")]
            numbers = [c for c in cells if re.fullmatch(r"-?\d+\.\d+", c)]
            if not numbers:
                problems.append("metrics: no numbers in the table")
            summary.append(f"metrics: {len(numbers)} values")
        elif sid == "item-map":
            circles = len(list(sec.iter(S + "circle")))
            if circles < 3:
                problems.append(f"item-map: {circles} points")
            summary.append(f"item-map: {circles} points; {text(sec.find(f'.//{H}figcaption')) if sec.find(f'.//{H}figcaption') is not None else ''}")
        elif sid == "samples":
            tables = sec.findall(H + "table")
            users = [text(h) for h in sec.findall(H + "h3")]
            if not tables or len(tables) != len(users):
                problems.append(f"samples: {len(tables)} tables for {len(users)} users")
            header = [text(th) for th in tables[0].iter(H + "th")] if tables else []
            titles = []
            if "title" in header:
                column = header.index("title")
                titles = [[text(td) for td in tr][column] for t in tables for tr in t.find(H + "tbody")]
            if args.titles and (not titles or not all(titles)):
                problems.append("samples: a recommended item has no title")
            summary.append(f"samples: {len(users)} users, e.g. {titles[:3] if titles else 'ids only'}")
        else:
            rows = len(sec.findall(f".//{H}tbody/{H}tr"))
            if sid in ("data", "hyperparameters") and rows == 0:
                problems.append(f"{sid}: empty table")
            summary.append(f"{sid}: {rows} rows" if rows else f"{sid}: {text(sec)[:80]}")
    for line in summary:
        print("  " + line)
    for p in problems:
        print(f"{args.report}: {p}")
    print(f"{args.report}: {'OK' if not problems else f'{len(problems)} problem(s)'} ({len(page):,} bytes)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
