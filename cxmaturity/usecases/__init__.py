"""The use cases: what each command does, between the files it reads and what it renders.

One typed function per command, in a module named after what it owns; the command line
and the workshop's web server call only these, never a file format directly
(``assessment`` is the pipeline they all share: answer files on disk to one result).
"""
