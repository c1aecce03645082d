#!/usr/bin/env python3
"""Import cycles between the modules (files) of a crate.

Usage: scripts/import-cycles.py CRATE_DIR [--no-tests] [--edges]

Every file under CRATE_DIR/src is a module; an inline `mod x { … }` belongs to its
file. An edge A → B is any path in A's code (a `use` tree, `pub use`, or a path
written inline) naming module B or an item in it: `crate::…`, `super::…`, `self::…`,
or a child module's name. A path is charged to the longest module it names, so
`crate::texts::Language` is an edge to `texts` (whose re-export it goes through) but
`crate::texts::language::Language` one to `texts::language`. Declaring a child
(`mod x;`) is no edge. Comments, doc links and strings are ignored. Not seen: names a
glob import (`use super::*`) brings in, and methods called on a type that another
module's `impl` block defines. `--no-tests` leaves out code under `#[cfg(test)]`
modules and `tests.rs` files; `--edges` lists every edge.

Prints each strongly connected component of more than one module (a set of files
that import each other round a cycle) and exits 1 if there is one; exits 0 otherwise.
"""

import os
import re
import sys


def strip(code: str) -> str:
    """The code without comments, strings and char literals (each replaced by a blank),
    its line breaks kept."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
        elif code.startswith("/*", i):
            depth, start, i = 1, i, i + 2
            while i < n and depth:
                if code.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif code.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            out.append("\n" * code.count("\n", start, i))
        elif (m := re.compile(r'b?r(#*)"').match(code, i)) and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")):
            end = '"' + m.group(1)
            j = code.find(end, m.end())
            start, i = i, n if j < 0 else j + len(end)
            out.append('""' + "\n" * code.count("\n", start, i))
        elif c == '"':
            start, i = i, i + 1
            while i < n and code[i] != '"':
                i += 2 if code[i] == "\\" else 1
            i += 1
            out.append('""' + "\n" * code.count("\n", start, i))
        elif c == "'" and (m := re.compile(r"'(\\.[^']*|[^\\'])'").match(code, i)):
            i = m.end()
            out.append("' '")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def inline_modules(code: str, only_tests=False):
    """(start, end, name) of each inline `mod x { … }` in stripped code; with
    `only_tests`, of those under `#[cfg(test)]`."""
    spans = []
    attribute = r"#\[cfg\(test\)\]\s*" if only_tests else ""
    for m in re.finditer(attribute + r"\b(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*\{", code):
        depth, i = 1, m.end()
        while i < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        spans.append((m.start(), i, m.group(1)))
    return spans


def use_paths(tree: str, prefix=()):
    """The paths a `use` tree names: `a::{b, c::{d, *}}` → a::b, a::c::d, a::c."""
    tree = tree.strip()
    if not tree:
        return
    depth, parts, last = 0, [], 0
    # Split on top-level commas.
    for i, c in enumerate(tree):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(tree[last:i])
            last = i + 1
    parts.append(tree[last:])
    if len(parts) > 1:
        for part in parts:
            yield from use_paths(part, prefix)
        return
    tree = parts[0].strip()
    m = re.match(r"^((?:\w+\s*::\s*)*)\{(.*)\}$", tree, re.S)
    if m:
        head = tuple(s.strip() for s in m.group(1).split("::") if s.strip())
        yield from use_paths(m.group(2), prefix + head)
        return
    tree = re.sub(r"\s+as\s+\w+$", "", tree)
    segments = tuple(s.strip() for s in tree.split("::") if s.strip())
    if segments and segments[-1] == "*":
        segments = segments[:-1]
    if segments == ("self",):
        segments = ()
    yield prefix + segments


def module_of(src: str, path: str):
    rel = os.path.relpath(path, src)[: -len(".rs")].split(os.sep)
    if rel[-1] in ("lib", "main", "mod"):
        rel = rel[:-1]
    return tuple(rel)


def graph(crate_dir: str, no_tests: bool):
    src = os.path.join(crate_dir, "src")
    files = {}
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(root, name)
                files[module_of(src, path)] = path
    modules = set(files)
    edges = {m: {} for m in modules}

    def resolve(here, segments):
        if not segments:
            return None
        if segments[0] == "crate":
            absolute, segments = (), segments[1:]
        elif segments[0] in ("super", "self"):
            absolute = here
            while segments and segments[0] in ("super", "self"):
                if segments[0] == "super":
                    absolute = absolute[:-1]
                segments = segments[1:]
        elif here + (segments[0],) in modules:
            absolute = here  # a child module's name
        else:
            return None  # another crate, std, or an item in scope
        full = absolute + segments
        for k in range(len(full), -1, -1):
            if full[:k] in modules:
                return full[:k]
        return None

    for here, path in files.items():
        if no_tests and here and here[-1] == "tests":
            continue
        code = strip(open(path, encoding="utf-8").read())
        if no_tests:
            for start, end, _ in reversed(inline_modules(code, only_tests=True)):
                code = code[:start] + code[end:]
        inline = inline_modules(code)
        found = []
        for m in re.finditer(r"\buse\s+([^;]*);", code):
            found += [(list(use_paths(m.group(1))), m.start())]
        # Paths written inline; `use` statements blanked out with their length kept.
        rest = re.sub(r"\buse\s+[^;]*;", lambda m: " " * len(m.group(0)), code)
        for m in re.finditer(r"(?<![\w:])\w+(?:\s*::\s*\w+)+", rest):
            path = tuple(s.strip() for s in m.group(0).split("::"))
            inner = here + tuple(n for s, e, n in inline if s < m.start() < e)
            # `crate::…`, `super::…`, `self::…`, or a child module's name.
            if path[0] in ("crate", "super", "self") or inner + path[:1] in modules:
                found += [([path], m.start())]
        for paths, at in found:
            line = code.count("\n", 0, at) + 1
            # Inside an inline `mod x { … }`, `super` and child names start from there.
            inner = here + tuple(n for s, e, n in inline if s < at < e)
            for p in paths:
                target = resolve(inner, p)
                if target is None or target == here:
                    continue
                edges[here].setdefault(target, line)
    return modules, edges


def components(modules, edges):
    """Tarjan's strongly connected components."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(modules):
        if v not in index:
            visit(v)
    return out


def name(m):
    return "crate" if not m else "::".join(m)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    no_tests = "--no-tests" in sys.argv
    modules, edges = graph(args[0], no_tests)
    if "--edges" in sys.argv:
        for m in sorted(modules):
            for t, line in sorted(edges[m].items()):
                print(f"{name(m)} -> {name(t)}  (line {line})")
    cycles = [sorted(c) for c in components(modules, edges) if len(c) > 1]
    crate = os.path.basename(os.path.abspath(args[0]))
    count = sum(len(edges[m]) for m in modules)
    print(f"{crate}: {len(modules)} modules, {count} import edges, "
          f"{len(cycles)} cycle(s){' (tests left out)' if no_tests else ''}")
    for c in cycles:
        members = set(c)
        print(f"  {len(c)} modules import each other round a cycle:")
        for m in c:
            inside = [f"{name(t)} (line {line})" for t, line in sorted(edges[m].items()) if t in members]
            print(f"    {name(m)} -> {', '.join(inside)}")
    sys.exit(1 if cycles else 0)


if __name__ == "__main__":
    main()
