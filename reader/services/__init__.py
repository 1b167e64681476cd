"""What both front ends use: the CLI (`reader/cli/`) and the screens call these, never each other.

No Textual or Rich import here (a test proves it), so every piece can be scripted and tested alone.
"""
