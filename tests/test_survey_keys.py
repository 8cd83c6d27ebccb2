"""Bytes from the terminal into events: pastes whole, signals in place, sequences split."""

from __future__ import annotations

from cxmaturity.survey.keys import INTERRUPT, SUSPEND, Decoder, Paste


def test_a_paste_split_across_reads_comes_out_whole_and_never_as_keys() -> None:
    decoder = Decoder()
    assert decoder.feed(b"c\x1b[200~Good start\rnot") == ["c"]
    assert decoder.waiting
    assert decoder.feed(b" yet\rq\x1b[201~\r") == [Paste("Good start\nnot yet\nq"), "enter"]


def test_ctrl_c_and_ctrl_z_keep_their_place_in_what_was_typed() -> None:
    events = Decoder().feed(b"Half-typed note\x03more")
    assert "".join(e for e in events[:15] if isinstance(e, str)) == "Half-typed note"
    assert events[15] == INTERRUPT
    assert Decoder().feed(b"a\x1ab") == ["a", SUSPEND, "b"]


def test_escape_sequences_even_split_and_a_lone_esc() -> None:
    decoder = Decoder()
    assert decoder.feed(b"\x1b[") == []
    assert decoder.feed(b"D\x1bOA\x1b[3~\x1b[6~") == ["left", "up", "delete", "pagedown"]
    assert decoder.feed(b"\x1b") == []
    assert decoder.flush() == ["escape"]
    assert Decoder().feed("é€".encode()) == ["é", "€"]
    assert Decoder().feed(b"\x1b[99;99;99;99X") == []  # unknown: dropped, not typed
