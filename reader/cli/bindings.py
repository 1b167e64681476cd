"""`reader --bindings`: every binding id with its keys after the user's keymap, grouped by scope."""

from __future__ import annotations

import sys
from typing import TextIO


def show_bindings(out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from annotations.location import default_config_file
    from reader import commands
    from reader.config import KEYMAP_ENV

    keymap, problems = commands.user_keymap()
    for problem in problems:
        print(f"reader: warning: {problem}", file=err)
    rows = [(c.id, commands.all_keys(c, keymap), c) for c in commands.every_command() if c.keys]
    id_width = max(len(row[0]) for row in rows)
    key_width = max(len(row[1]) for row in rows)
    for scope, group in commands.SCOPES:
        print(f"{scope}:", file=out)
        for binding_id, keys, command in rows:
            if command in group:
                mark = "*" if binding_id in keymap else " "
                print(f"  {binding_id:<{id_width}}  {keys:<{key_width}} {mark} {command.help}", file=out)
        print(file=out)
    print(f'* remapped. Remap in {default_config_file()} ([keymap] "id" = "keys")', file=out)
    print(f"or with {KEYMAP_ENV}=id=key,id=key (it wins over the file).", file=out)
    return 0
