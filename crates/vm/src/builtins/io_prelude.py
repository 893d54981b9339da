# The pure-Python part of Krait's `_io` module (run at its import; see builtins/io.rs):
# the abstract bases, StringIO, BytesIO and the small helpers. Written for Krait.

def _init_self(self, cls):
    """__init__ called through the class on an object of another type: CPython's
    descriptor check of the slot wrapper (the C types keep their state in the object)."""
    if not issubclass(type(self), cls):
        t = type(self)
        got = f"_io.{t.__name__}" if t.__module__ == '_io' else t.__name__
        raise TypeError(f"descriptor '__init__' requires a '_io.{cls.__name__}' object "
                        f"but received a '{got}'")


def _index(v):
    """operator.index(v): an int, or CPython's TypeError for anything without __index__."""
    f = getattr(type(v), '__index__', None)
    if f is None:
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    return f(v)


class _IOBase:
    """The abstract base class for all I/O classes."""

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        raise UnsupportedOperation("truncate")

    def flush(self):
        self._checkClosed()

    def close(self):
        if not getattr(self, '_IOBase__closed', False):
            try:
                self.flush()
            finally:
                self._IOBase__closed = True

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _checkClosed(self, msg=None):
        if self.closed:
            raise ValueError("I/O operation on closed file." if msg is None else msg)

    def _checkReadable(self, msg=None):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable." if msg is None else msg)

    def _checkWritable(self, msg=None):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable." if msg is None else msg)

    def _checkSeekable(self, msg=None):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable." if msg is None else msg)

    @property
    def closed(self):
        return getattr(self, '_IOBase__closed', False)

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def isatty(self):
        self._checkClosed()
        return False

    def readline(self, size=-1):
        if size is None:
            size = -1
        res = bytearray()
        while size < 0 or len(res) < size:
            b = self.read(1)
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)


class _RawIOBase(_IOBase):
    """Base class for raw binary I/O."""

    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(_index(size))
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        return bytes(res)

    def readinto(self, b):
        raise NotImplementedError

    def write(self, b):
        raise NotImplementedError


class _BufferedIOBase(_IOBase):
    """Base class for buffered IO objects."""

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def read1(self, size=-1):
        raise UnsupportedOperation("read1")

    def write(self, b):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    def readinto(self, b):
        return _readinto_with(self.read, b, "readinto")

    def readinto1(self, b):
        return _readinto_with(self.read1, b, "readinto1")


def _readinto_with(read, b, name):
    """BufferedIOBase's readinto/readinto1: one read() or read1() of len(b) bytes copied
    into the writable buffer b (CPython's _bufferediobase_readinto_generic)."""
    try:
        m = memoryview(b)
    except TypeError:
        m = None
    if m is None or m.readonly:
        raise TypeError(f"{name}() argument must be read-write bytes-like object, "
                        f"not {type(b).__name__}")
    m = m.cast("B")
    data = read(len(m))
    if not isinstance(data, bytes):
        raise TypeError("read() should return bytes")
    n = len(data)
    if n > len(m):
        raise ValueError(f"read() returned too much data: {len(m)} bytes requested, "
                         f"{n} returned")
    m[:n] = data
    return n


class _TextIOBase(_IOBase):
    """Base class for text I/O."""

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def write(self, s):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    def readline(self, size=-1):
        raise UnsupportedOperation("readline")

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None


class StringIO(_TextIOBase):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value='', newline='\n'):
        if type(self) is not StringIO:
            _init_self(self, StringIO)
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"newline must be str or None, not {type(newline).__name__}")
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError(f"illegal newline value: {newline!r}")
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._newline = newline
        self._buf = []
        self._text = ''
        self._len = 0
        self._pos = 0
        self._closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _value(self):
        if self._buf:
            self._text += ''.join(self._buf)
            self._buf = []
        return self._text

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def getvalue(self):
        self._check()
        return self._value()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        if self._newline is None:
            s = s.replace('\r\n', '\n').replace('\r', '\n')
        elif self._newline in ('\r', '\r\n'):
            s = s.replace('\n', self._newline)
        if self._pos == self._len:
            # Appending (the common case): keep the pieces, joined on demand.
            self._buf.append(s)
        else:
            text = self._value()
            if self._pos > len(text):
                text += '\0' * (self._pos - len(text))
            self._text = text[:self._pos] + s + text[self._pos + len(s):]
        self._pos += len(s)
        self._len = max(self._len, self._pos)
        return n

    def read(self, size=-1):
        self._check()
        text = self._value()
        if size is None or size < 0:
            end = len(text)
        else:
            end = min(len(text), self._pos + size)
        start = min(self._pos, len(text))
        self._pos = max(self._pos, end)
        return text[start:end]

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        text = self._value()
        start = min(self._pos, len(text))
        if self._newline == '':
            ends = [i for i in (text.find('\n', start), text.find('\r', start)) if i >= 0]
            end = min(ends) + 1 if ends else len(text)
            if end < len(text) and text[end - 1] == '\r' and text[end] == '\n':
                end += 1
        else:
            nl = self._newline if self._newline not in (None, '') else '\n'
            i = text.find(nl, start)
            end = len(text) if i < 0 else i + len(nl)
        if size >= 0:
            end = min(end, start + size)
        self._pos = end
        return text[start:end]

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        pos = _index(pos)
        if whence == 0:
            if pos < 0:
                raise ValueError(f"Negative seek position {pos}")
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._value())
        else:
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def truncate(self, pos=None):
        self._check()
        if pos is None:
            pos = self._pos
        elif pos < 0:
            raise ValueError(f"Negative size value {pos}")
        self._text = self._value()[:pos]
        self._len = len(self._text)
        return pos

    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, None)


class BytesIO(_BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    def __init__(self, initial_bytes=None):
        if type(self) is not BytesIO:
            _init_self(self, BytesIO)
        self._data = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._closed = False

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def getvalue(self):
        self._check()
        return bytes(self._data)

    def getbuffer(self):
        self._check()
        return memoryview(self._data)

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._data)
        else:
            end = min(len(self._data), self._pos + size)
        start = min(self._pos, len(self._data))
        self._pos = max(self._pos, end)
        return bytes(self._data[start:end])

    def read1(self, size=-1):
        return self.read(size)

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        start = min(self._pos, len(self._data))
        i = self._data.find(b'\n', start)
        end = len(self._data) if i < 0 else i + 1
        if size >= 0:
            end = min(end, start + size)
        self._pos = end
        return bytes(self._data[start:end])

    def readinto(self, b):
        # Any writable buffer (a ctypes object too); a subclass's read is not called (C).
        return _readinto_with(lambda n: BytesIO.read(self, n), b, "readinto")

    def write(self, b):
        self._check()
        b = bytes(memoryview(b)) if not isinstance(b, (bytes, bytearray)) else b
        n = len(b)
        if self._pos > len(self._data):
            self._data += b'\0' * (self._pos - len(self._data))
        self._data[self._pos:self._pos + n] = b
        self._pos += n
        return n

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        pos = _index(pos)
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._data) + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        elif size < 0:
            raise ValueError(f"negative size value {size}")
        del self._data[size:]
        return size

    def __getstate__(self):
        return (self.getvalue(), self._pos, None)


class BufferedRWPair(_BufferedIOBase):
    """A buffered reader and writer object together."""

    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        if type(self) is not BufferedRWPair:
            _init_self(self, BufferedRWPair)
        self.reader = reader
        self.writer = writer

    def read(self, size=-1):
        if size is None:
            size = -1
        return self.reader.read(size)

    def readinto(self, b):
        return self.reader.readinto(b)

    def readinto1(self, b):
        return self.reader.readinto1(b)

    def read1(self, size=-1):
        return self.reader.read1(size)

    def write(self, b):
        return self.writer.write(b)

    def flush(self):
        return self.writer.flush()

    def readable(self):
        return self.reader.readable()

    def writable(self):
        return self.writer.writable()

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

    @property
    def closed(self):
        return self.writer.closed


class IncrementalNewlineDecoder:
    """Translates \\r\\n and \\r into \\n (universal newlines) over an optional decoder."""

    def __init__(self, decoder, translate, errors='strict'):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self.pendingcr = False
        self.seennl = 0

    def decode(self, input, final=False):
        output = input if self.decoder is None else self.decoder.decode(input, final=final)
        if self.pendingcr and (output or final):
            output = '\r' + output
            self.pendingcr = False
        if output.endswith('\r') and not final:
            output = output[:-1]
            self.pendingcr = True
        crlf = output.count('\r\n')
        cr = output.count('\r') - crlf
        lf = output.count('\n') - crlf
        self.seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
        if self.translate:
            if crlf:
                output = output.replace('\r\n', '\n')
            if cr:
                output = output.replace('\r', '\n')
        return output

    def getstate(self):
        buf, flag = (b'', 0) if self.decoder is None else self.decoder.getstate()
        return buf, (flag << 1) | int(self.pendingcr)

    def setstate(self, state):
        buf, flag = state
        self.pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self.seennl = 0
        self.pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"), ("\r", "\r\n"),
                ("\r", "\n", "\r\n"))[self.seennl]


def open_code(path):
    """Opens the provided file with the intent to import the contents."""
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")


def text_encoding(encoding, stacklevel=2):
    """A helper function to choose the text encoding."""
    return "locale" if encoding is None else encoding


for _c in (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase, StringIO, BytesIO,
           BufferedRWPair, IncrementalNewlineDecoder):
    _c.__module__ = '_io'
del _c
