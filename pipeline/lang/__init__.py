"""Language data the rules read: ``en`` (English) is the only one so far."""
