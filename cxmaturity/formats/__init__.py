"""Every file format cxmaturity reads and writes."""
