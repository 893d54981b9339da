# unittest: test cases with fixtures, assertions and their failure messages, subTest, skips,
# expected failures, mocks, a loader and a text runner (the time it reports is masked).
import io, re, sys, unittest
from unittest import mock

log = []

class Arith(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append('setUpClass')

    def setUp(self):
        self.items = [3, 1, 2]

    def tearDown(self):
        log.append('tearDown ' + self._testMethodName)

    def test_sort(self):
        self.assertEqual(sorted(self.items), [1, 2, 3])

    def test_fail_list(self):
        self.assertEqual(self.items, [3, 1, 4])

    def test_fail_dict(self):
        self.assertDictEqual({'a': 1, 'b': 2}, {'a': 1, 'b': 3})

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertIn('division', str(cm.exception))
        with self.assertRaisesRegex(ValueError, r'invalid literal'):
            int('x')

    def test_error(self):
        {}['missing']

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    @unittest.skip('not today')
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertTrue(False)

    def test_misc(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertIsNone(None)
        self.assertIsInstance(1, int)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertRegex('hello world', r'wor')
        with self.assertWarns(DeprecationWarning):
            import warnings
            warnings.warn('old', DeprecationWarning)
        with self.assertLogs('demo', level='INFO') as cm:
            import logging
            logging.getLogger('demo').info('hi %s', 'there')
        self.assertEqual(cm.output, ['INFO:demo:hi there'])

    def test_long_strings(self):
        self.assertEqual('line one\nline two\nline three\n', 'line one\nline 2\nline three\n')


class Mocking(unittest.TestCase):
    def test_mock(self):
        m = mock.Mock(return_value=5)
        self.assertEqual(m(1, x=2), 5)
        m.assert_called_once_with(1, x=2)
        with mock.patch('os.getcwd', return_value='/fake'):
            import os
            self.assertEqual(os.getcwd(), '/fake')
        mm = mock.MagicMock()
        mm.__len__.return_value = 3
        self.assertEqual(len(mm), 3)
        self.assertEqual(mm.method.call_count, 0)


def mask(text):
    text = re.sub(r'Ran (\d+) tests? in [0-9.]+s', r'Ran \1 tests in TIME', text)
    return re.sub(r'File ".*?([a-z_]+\.py)"', r'File "\1"', text)

loader = unittest.TestLoader()
suite = unittest.TestSuite([loader.loadTestsFromTestCase(Arith), loader.loadTestsFromTestCase(Mocking)])
print(suite.countTestCases(), sorted(loader.getTestCaseNames(Arith)))
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
print(mask(stream.getvalue()))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
      len(result.expectedFailures), result.wasSuccessful())
print(log)
