"""Review: read what briefgen builds back for reviewers (coverage of citations, audit of an edited DOCX)."""
