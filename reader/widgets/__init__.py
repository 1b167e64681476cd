"""The reader's own widgets: the document table, the article view (Line API) and the status line."""
