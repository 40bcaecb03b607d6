"""Matplotlib figures, each returned as a `Chart`: a PNG plus the text a reader without the image
needs (and that nbval compares). Matplotlib is imported only when a figure is drawn, so a page
that has not drawn one yet starts faster."""
