"""The reader's screens: library, reading, stripped lines, help, annotations, dialogs."""
