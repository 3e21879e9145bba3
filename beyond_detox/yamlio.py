"""Reading YAML with line numbers (so every problem names its line) and writing it back.

Dates stay text when read: "2026-02-30" must become a clear problem on its line, not a crash
inside the YAML library, so the timestamp rule is switched off and validate.py checks dates.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any

import yaml

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# libyaml's parser when it is installed (much faster); marks and resolvers work the same.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}



@dataclass
class Parsed:
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)  # path -> 1-based line of the key or item
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)  # (path, line) of repeated keys

    def line_of(self, path: tuple) -> int:
        """The line of path, or of its nearest parent that has one (a missing key -> its mapping)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def parse(text: str) -> Parsed:
    """Parse one YAML document, recording the line of every key and list item."""
    loader = _Loader(text)
    # Hundreds of thousands of new nodes (the imported listings) would start the cyclic garbage
    # collector over and over while nothing is garbage yet: paused, parsing takes a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(data=None, lines={(): 1})
        parsed = Parsed(data=None, lines={(): node.start_mark.line + 1})
        parsed.data = _Builder(loader, parsed).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(line, f"YAML syntax error: {message}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return parsed


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Builder:
    """Builds the data, the line of every key and item, and the repeated keys in one pass over the
    composed nodes. Plain text, mappings and lists (nearly every node) are built here, as PyYAML's
    safe constructor would build them, at a fraction of its cost (the directory's imported listings
    run to megabytes); anything else (numbers, booleans, merge keys, !!set...) goes to that
    constructor, so the result is the same."""

    def __init__(self, loader: _Loader, parsed: Parsed):
        self.loader = loader
        self.lines = parsed.lines
        self.duplicates = parsed.duplicates
        self.built: dict[int, Any] = {}   # node id -> value: an alias is the same object, as in PyYAML

    def build(self, node: yaml.Node, path: tuple) -> Any:
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        known = self.built.get(id(node))
        if known is not None:
            return known
        if tag == _MAP and type(node) is yaml.MappingNode and self._plain_keys(node):
            value: Any = {}
            self.built[id(node)] = value
            for key_node, value_node in node.value:
                key = key_node.value
                child = path + (key,)
                line = key_node.start_mark.line + 1
                if key in value:
                    self.duplicates.append((child, line))
                self.lines.setdefault(child, line)
                value[key] = self.build(value_node, child)
            return value
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            items: list = []
            self.built[id(node)] = items
            for index, item in enumerate(node.value):
                child = path + (index,)
                self.lines[child] = item.start_mark.line + 1
                items.append(self.build(item, child))
            return items
        value = self.loader.construct_object(node, deep=True)
        _walk(node, path, self)
        return value

    @staticmethod
    def _plain_keys(node: yaml.MappingNode) -> bool:
        return all(type(k) is yaml.ScalarNode and k.tag == _STR for k, _ in node.value)


def _walk(node: yaml.Node, path: tuple, parsed) -> None:
    """Lines and repeated keys below a node PyYAML's constructor built."""
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = path + (key,)
            if key in seen:
                parsed.duplicates.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            parsed.lines.setdefault(child, key_node.start_mark.line + 1)
            _walk(value_node, child, parsed)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = path + (index,)
            parsed.lines[child] = item.start_mark.line + 1
            _walk(item, child, parsed)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):  # indent list items under their key
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data):  # write repeated values out in full: no &id001 / *id001
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_representer)
# Dates are text in our data; write them plainly (2026-11-27, not '2026-11-27').
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump(data: Any, header: str = "") -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return header + body
