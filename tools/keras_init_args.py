#!/usr/bin/env python3
"""Which constructor arguments each Keras 3 release accepts.

Reads the v3.0.0 ... v3.15.0 tags of a Keras git clone (no Keras install,
nothing is imported or run) and prints, for every class whose __init__ gained
arguments after 3.0, the first release that accepts each of them, and the
classes added after 3.0. keras/saving/keras_version_compat.cpp holds the part
of this table keras.cpp writes; docs/keras-versions.md explains it.

    /usr/bin/python3 tools/keras_init_args.py /path/to/keras.git [CLASS ...]

Keras passes a saved config to the constructor, so a key the release's
__init__ does not take fails the load ("Unrecognized keyword arguments").
Arguments of **kwargs-forwarding classes include their bases' arguments.
"""
import ast
import subprocess
import sys

TAGS = ["v3.%d.0" % minor for minor in range(16)]
FOLDERS = ("/layers/", "/initializers/", "/optimizers/", "/models/",
           "/dtype_policies/", "/losses/", "/metrics/", "/regularizers/",
           "/constraints/")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args),
                          capture_output=True, text=True, check=True).stdout


def sources(repo, tag):
    for path in git(repo, "ls-tree", "-r", "--name-only", tag).splitlines():
        if (path.endswith(".py") and any(f in path for f in FOLDERS)
                and "test" not in path and "/legacy/" not in path):
            yield path


def classes(repo, tag):
    """name -> (base names, __init__ argument names or None, takes **kwargs)"""
    found = {}
    for path in sources(repo, tag):
        try:
            tree = ast.parse(git(repo, "show", "%s:%s" % (tag, path)))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [b.id if isinstance(b, ast.Name) else
                     getattr(b, "attr", None) for b in node.bases]
            args, kwargs = None, True
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and \
                        item.name == "__init__":
                    a = item.args
                    args = [x.arg for x in a.args[1:] + a.kwonlyargs]
                    kwargs = a.kwarg is not None
            found.setdefault(node.name, (bases, args, kwargs))
    return found


def accepted(name, table, seen=()):
    if name not in table or name in seen:
        return set()
    bases, args, kwargs = table[name]
    out = set(args or [])
    if args is None or kwargs:
        for base in bases:
            if base:
                out |= accepted(base, table, seen + (name,))
    return out


def main():
    repo = sys.argv[1]
    wanted = set(sys.argv[2:])
    per_tag = {}
    for tag in TAGS:
        table = classes(repo, tag)
        per_tag[tag] = {name: accepted(name, table) for name in table}
    newest = per_tag[TAGS[-1]]
    for name in sorted(newest):
        if wanted and name not in wanted:
            continue
        present = [t for t in TAGS if name in per_tag[t]]
        if present[0] != TAGS[0]:
            print("%s\tclass\t%s" % (name, present[0][1:]))
            continue
        for arg in sorted(newest[name]):
            first = next(t for t in TAGS if arg in per_tag[t].get(name, ()))
            if first != TAGS[0]:
                print("%s\t%s\t%s" % (name, arg, first[1:]))


if __name__ == "__main__":
    main()
