import unittest


class Sample(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)

    def test_fail(self):
        self.assertEqual([1, 2], [1, 3])

    @unittest.skip("not today")
    def test_skipped(self):
        pass
