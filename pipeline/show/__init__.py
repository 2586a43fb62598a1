"""``geoclaims show``: claims highlighted in their articles' text, as self-contained HTML pages."""
