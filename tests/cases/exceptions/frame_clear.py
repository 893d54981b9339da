# frame.clear() on a traceback's frames (traceback.clear_frames, unittest's assertRaises):
# returns None and the traceback stays printable.
import traceback


def fail():
    x = [1, 2, 3]
    raise ValueError("boom")


try:
    fail()
except ValueError as e:
    tb = e.__traceback__
    print(tb.tb_next.tb_frame.clear())
    traceback.clear_frames(tb)
    print(tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_lineno)
    print("".join(traceback.format_exception_only(type(e), e)), end="")
try:
    tb.tb_frame.clear(1)
except TypeError as e:
    print(type(e).__name__)
