#!/usr/bin/env python3
"""Every file pipec's build writes, as committed for the tests, read by parsers
that are not pipec's: JSON by Python's json, YAML by PyYAML (with
CloudFormation's short-form tags), and every buildspec, standalone or embedded
in a template's CodeBuild project, checked for the shape CodeBuild reads
(version 0.2, phases of string commands, artifacts.files of strings).

  check_generated.py ROOT     # the source tree: tests/golden/*/expected, samples/*/generated
"""
import json
import pathlib
import sys

import yaml


class TemplateLoader(yaml.SafeLoader):
    """PyYAML's safe loader, knowing CloudFormation's !Ref, !Sub, !GetAtt, …"""


def _intrinsic(loader, tag_suffix, node):
    name = "Ref" if tag_suffix == "Ref" else "Fn::" + tag_suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


TemplateLoader.add_multi_constructor("!", _intrinsic)


def buildspec_problems(spec):
    """What CodeBuild would refuse in a parsed buildspec."""
    problems = []
    if not isinstance(spec, dict):
        return ["not a mapping"]
    if str(spec.get("version")) != "0.2":
        problems.append("version is %r, not 0.2" % (spec.get("version"),))
    phases = spec.get("phases")
    if not isinstance(phases, dict) or not phases:
        problems.append("no phases")
    else:
        for name, phase in phases.items():
            if name not in ("install", "pre_build", "build", "post_build"):
                problems.append("unknown phase %r" % name)
            commands = phase.get("commands") if isinstance(phase, dict) else None
            if not isinstance(commands, list) or not commands or not all(isinstance(c, str) for c in commands):
                problems.append("phase %r: commands must be a list of strings" % name)
    if "artifacts" in spec:
        files = spec["artifacts"].get("files") if isinstance(spec["artifacts"], dict) else None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            problems.append("artifacts.files must be a list of strings")
    return problems


def check(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        value = json.loads(text)
    else:
        value = yaml.load(text, Loader=TemplateLoader)
    problems = []
    if path.name.endswith(".buildspec.yml"):
        problems += buildspec_problems(value)
    if isinstance(value, dict) and isinstance(value.get("Resources"), dict):
        for logical_id, resource in value["Resources"].items():
            if resource.get("Type") != "AWS::CodeBuild::Project":
                continue
            spec = resource.get("Properties", {}).get("Source", {}).get("BuildSpec")
            # A literal buildspec (several lines); a one-line value is a file's path.
            if isinstance(spec, str) and "\n" in spec:
                problems += ["%s BuildSpec: %s" % (logical_id, p) for p in buildspec_problems(yaml.safe_load(spec))]
    return problems


def main():
    root = pathlib.Path(sys.argv[1])
    files = sorted(p for pattern in ("tests/golden/*/expected/*", "samples/*/generated/*/*") for p in root.glob(pattern)
                   if p.suffix in (".json", ".yaml", ".yml"))
    failed = 0
    buildspecs = 0
    for path in files:
        try:
            problems = check(path)
        except (ValueError, yaml.YAMLError) as error:
            problems = ["does not parse: %s" % error]
        buildspecs += path.name.endswith(".buildspec.yml")
        for p in problems:
            print("%s: %s" % (path.relative_to(root), p))
            failed += 1
    # A glob that finds nothing must not pass.
    if len(files) < 20 or buildspecs < 5:
        print("found only %d generated files (%d buildspecs): the globs no longer match the tree" % (len(files), buildspecs))
        return 1
    print("%d generated files parsed (%d buildspecs), %d problems" % (len(files), buildspecs, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
