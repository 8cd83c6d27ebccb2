"""Every file format the tool reads or writes, and the rules every file in and out obeys."""
