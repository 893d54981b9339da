"""Run one CPython `Lib/test` module under the interpreter executing this file.

    <python> runner.py <test module name> <outcome file>

Written for `run.py`, which runs it once per module in a fresh process and a fresh working
directory. It imports `test.<name>` as `python -m test` does (a module's `test_main()` if it
has one, else `unittest.TestLoader().loadTestsFromModule`, which honours `load_tests`), runs
the tests, and appends one line per finished test to the outcome file, flushed at once, so the
outcomes reported before a crash or a hang survive it:

    <outcome>\t<test id>\t<first line of the reason>

with outcome one of pass, fail, error, skip, xfail, xpass. A test with subtests is reported
once, when it finishes: error if any part raised, else fail if any part failed. Errors outside
a test (setUpClass, setUpModule, a load_tests that raised) are reported under the id unittest
gives them. Marker lines start with `#`: `#imported`, then `#done` when the run completed, or
`#import-error\t<reason>` when the module could not be imported.
"""
import sys
import time
import traceback


def clean(text):
    return " ".join(str(text).split())[:300]


def reason_of(err):
    """The exception line of a failure: `Type: message` (the last non-empty line)."""
    exc_type, exc, _tb = err
    try:
        text = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    except BaseException:
        return getattr(exc_type, "__name__", "?")
    lines = [l for l in text.splitlines() if l.strip()] or [exc_type.__name__]
    if "Failed to import test module" in text or "Failed to call load_tests" in text:
        # unittest's loader wraps the import's traceback: its last line is the cause.
        return clean(lines[-1])
    return clean(lines[0])


class Sink:
    def __init__(self, path):
        self.f = open(path, "a", encoding="utf-8", errors="backslashreplace")

    def line(self, *fields):
        self.f.write("\t".join(clean(x) for x in fields) + "\n")
        self.f.flush()


def make_result_class(unittest, sink):
    base = unittest.TestResult

    class StreamingResult(base):
        def __init__(self, *args, **kwargs):
            base.__init__(self)
            self.state = {}

        def _set(self, test, outcome, text=""):
            key = test.id()
            rank = {"pass": 0, "xfail": 1, "skip": 1, "xpass": 2, "fail": 3, "error": 4}
            old = self.state.get(key)
            if old is None or rank[outcome] >= rank[old[0]]:
                self.state[key] = (outcome, text)

        def startTest(self, test):
            base.startTest(self, test)
            self.state[test.id()] = None

        def stopTest(self, test):
            base.stopTest(self, test)
            key = test.id()
            got = self.state.pop(key, None) or ("error", "no outcome reported")
            sink.line(got[0], key, got[1])

        def addSuccess(self, test):
            base.addSuccess(self, test)
            self._set(test, "pass")

        def addFailure(self, test, err):
            base.addFailure(self, test, err)
            self._report(test, "fail", reason_of(err))

        def addError(self, test, err):
            base.addError(self, test, err)
            self._report(test, "error", reason_of(err))

        def _report(self, test, outcome, text):
            if test.id() in self.state:
                self._set(test, outcome, text)
            else:
                # Outside any test: setUpClass, setUpModule, a failed import inside load_tests.
                sink.line(outcome, test.id(), text)

        def addSkip(self, test, reason):
            base.addSkip(self, test, reason)
            if test.id() in self.state:
                self._set(test, "skip", reason)
            else:
                sink.line("skip", test.id(), reason)

        def addExpectedFailure(self, test, err):
            base.addExpectedFailure(self, test, err)
            self._set(test, "xfail", reason_of(err))

        def addUnexpectedSuccess(self, test):
            base.addUnexpectedSuccess(self, test)
            self._set(test, "xpass")

        def addSubTest(self, test, subtest, err):
            base.addSubTest(self, test, subtest, err)
            if err is not None:
                outcome = "fail" if issubclass(err[0], test.failureException) else "error"
                if issubclass(err[0], unittest.SkipTest):
                    return
                self._set(test, outcome, reason_of(err))

    return StreamingResult


def main():
    name, out_path = sys.argv[1], sys.argv[2]
    sink = Sink(out_path)
    # The path of this file is sys.path[0]: `test` must come from the standard library.
    del sys.path[0]
    try:
        import unittest
        from test import support
        # As `python -m test` with no options: quiet, no optional resources (network, cpu, ...).
        support.verbose = 0
        support.use_resources = []
        import importlib
        module = importlib.import_module("test." + name)
    except BaseException as e:
        if type(e).__name__ == "SkipTest":
            # A module that skips itself (a missing platform feature), as regrtest counts it.
            sink.line("#module-skipped", reason_of((type(e), e, e.__traceback__)))
            sink.line("#done")
            return
        sink.line("#import-error", reason_of((type(e), e, e.__traceback__)))
        traceback.print_exc()
        sys.exit(3)
    sink.line("#imported")
    result_class = make_result_class(unittest, sink)

    def run_suite(suite):
        result = result_class()
        suite(result)
        return result

    # test_main() calls support.run_unittest, which ends in support._run_suite.
    support._run_suite = run_suite
    try:
        if hasattr(module, "test_main"):
            module.test_main()
        else:
            loader = unittest.TestLoader()
            suite = loader.loadTestsFromModule(module)
            for error in loader.errors:
                sink.line("error", "load_tests", error.strip().splitlines()[-1])
            run_suite(suite)
    except BaseException as e:
        sink.line("#run-error", reason_of((type(e), e, e.__traceback__)))
        traceback.print_exc()
    sink.line("#done")
    sys.stdout.flush()
    sys.stderr.flush()


main()
