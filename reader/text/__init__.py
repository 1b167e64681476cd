"""The text pipeline: file -> document -> lines -> sentences.

Pure Python with no Textual import, so it can be tested and scripted alone.
"""
