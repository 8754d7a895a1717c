#!/usr/bin/env python3
"""Reads what `pipec lint --format junit` and `--format gitlab` print with
parsers that share no code with pipec: Python's XML parser (minidom) and its
json module. Run by tests/unit/ci_formats_test.cc (pipec_tests "junit and gitlab reports*").

    tests/check_ci_formats.py PIPEC     # prints each problem; exits 1 if any

Inputs: the golden inputs (every rule), files whose names hold XML's special
and illegal characters and invalid UTF-8, the same finding twice in a file,
that file with lines added above its findings, an empty folder, and a build.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.dom.minidom

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def run(pipec, args, cwd):
    result = subprocess.run([pipec] + args, cwd=cwd, capture_output=True)
    if result.returncode not in (0, 1):
        problem(" ".join(args), f"exit status {result.returncode}: {result.stderr.decode(errors='replace')}")
    return result.stdout


def formatted(command, format):
    """`command` (a subcommand and its arguments) with --format."""
    return command[:1] + ["--format", format] + command[1:]


def findings(pipec, args, cwd):
    document = json.loads(run(pipec, formatted(args, "json"), cwd))
    return len(document["diagnostics"])


def check_junit(where, output, expected):
    try:
        document = xml.dom.minidom.parseString(output)
    except Exception as error:  # any parse error is the finding
        problem(where, f"not XML: {error}")
        return
    root = document.documentElement
    if root.tagName != "testsuites":
        problem(where, f"root element is {root.tagName}")
        return
    cases = root.getElementsByTagName("testcase")
    failures = root.getElementsByTagName("failure")
    if len(failures) != expected:
        problem(where, f"{len(failures)} failures for {expected} findings")
    if not cases:
        problem(where, "no test case")
    if int(root.getAttribute("tests")) != len(cases) or int(root.getAttribute("failures")) != len(failures):
        problem(where, "testsuites counts do not match its test cases")
    for suite in root.getElementsByTagName("testsuite"):
        suite_cases = suite.getElementsByTagName("testcase")
        suite_failures = suite.getElementsByTagName("failure")
        if int(suite.getAttribute("tests")) != len(suite_cases) or int(suite.getAttribute("failures")) != len(suite_failures):
            problem(where, f"testsuite {suite.getAttribute('name')!r}: counts do not match its test cases")
        names = [case.getAttribute("name") for case in suite_cases]
        if len(set(names)) != len(names):
            problem(where, f"testsuite {suite.getAttribute('name')!r}: test case names repeat")
        for case in suite_cases:
            if case.getAttribute("classname") != suite.getAttribute("name"):
                problem(where, f"test case {case.getAttribute('name')!r}: classname is not its suite's name")
    for failure in failures:
        if not failure.getAttribute("type") or not failure.getAttribute("message"):
            problem(where, "a failure without type or message")


def check_gitlab(where, output, expected):
    try:
        issues = json.loads(output)
    except ValueError as error:
        problem(where, f"not JSON: {error}")
        return []
    if not isinstance(issues, list):
        problem(where, "not a JSON array")
        return []
    if len(issues) != expected:
        problem(where, f"{len(issues)} issues for {expected} findings")
    for issue in issues:
        for key in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(issue.get(key), str) or not issue[key]:
                problem(where, f"an issue without {key}: {issue}")
        if issue.get("severity") not in SEVERITIES:
            problem(where, f"severity {issue.get('severity')!r}")
        location = issue.get("location", {})
        if not isinstance(location.get("path"), str) or location["path"].startswith("./"):
            problem(where, f"location.path {location.get('path')!r}")
        begin = location.get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            problem(where, f"location.lines.begin {begin!r}")
    fingerprints = [issue.get("fingerprint") for issue in issues]
    if len(set(fingerprints)) != len(fingerprints):
        problem(where, "fingerprints repeat")
    return issues


def check(pipec, args, cwd):
    expected = findings(pipec, args, cwd)
    check_junit("junit " + " ".join(args), run(pipec, formatted(args, "junit"), cwd), expected)
    return check_gitlab("gitlab " + " ".join(args), run(pipec, formatted(args, "gitlab"), cwd), expected)


def main():
    pipec = os.path.abspath(sys.argv[1])
    check(pipec, ["lint", "."], os.path.join(ROOT, "tests", "golden", "inputs"))

    with tempfile.TemporaryDirectory(prefix="pipec-ci-formats-") as folder:
        base = os.fsencode(folder)
        # Names that hold XML's specials, a control character, and a byte
        # that is not UTF-8; one file with the same finding twice.
        repeated = b'{\n  "a": [1,],\n  "b": [2,],\n  "c": "x\\q"\n}\n'
        for name in (b'a&<b>"\'.json', b"bell\x07\x1b.json", b"bad\xff.json", b"repeat.json"):
            with open(os.path.join(base, name), "wb") as out:
                out.write(repeated)
        # Named, as a folder's walk checks only files whose kind it recognizes.
        names = sorted(os.listdir(folder))
        issues = check(pipec, ["lint"] + names, folder)
        if len(issues) < 8:
            problem("gitlab", f"{len(issues)} issues for four files with two trailing commas each")

        # Lines added above the findings change their lines, not their fingerprints.
        for name in os.listdir(base):
            path = os.path.join(base, name)
            with open(path, "rb") as handle:
                text = handle.read()
            with open(path, "wb") as out:
                out.write(b"\n\n" + text)
        moved = check(pipec, ["lint"] + names, folder)
        if [i.get("fingerprint") for i in moved] != [i.get("fingerprint") for i in issues]:
            problem("gitlab", "fingerprints changed when lines were added above the findings")
        if [i["location"]["lines"]["begin"] for i in moved] != [i["location"]["lines"]["begin"] + 2 for i in issues]:
            problem("gitlab", "lines did not move with the findings")

        empty = os.path.join(folder, "empty")
        os.mkdir(empty)
        check(pipec, ["lint", "."], empty)
        check(pipec, ["build", os.path.join(ROOT, "samples", "007-dsl", "mistake", "replication-trigger.pipe"), "-o",
                      os.path.join(folder, "out")], folder)

    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
