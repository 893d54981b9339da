//! Standard streams.

use std::io::{self, BufRead, IsTerminal, Read, Write};

/// Write all of `data` to stdout (unbuffered at this layer: the VM buffers).
pub fn write_stdout(data: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(data)
}

/// Write all of `data` to stderr.
pub fn write_stderr(data: &[u8]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    err.write_all(data)
}

/// Flush stdout and stderr.
pub fn flush() -> io::Result<()> {
    io::stdout().flush()?;
    io::stderr().flush()
}

/// One line of stdin with its newline; empty at end of input.
pub fn read_stdin_line() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    io::stdin().lock().read_until(b'\n', &mut buf)?;
    Ok(buf)
}

/// The rest of stdin.
pub fn read_stdin_all() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    io::stdin().lock().read_to_end(&mut buf)?;
    Ok(buf)
}

/// Whether stdin is a terminal.
pub fn stdin_is_tty() -> bool {
    io::stdin().is_terminal()
}

#[repr(C)]
#[derive(Default)]
struct Winsize {
    rows: u16,
    cols: u16,
    xpixel: u16,
    ypixel: u16,
}

unsafe extern "C" {
    fn ioctl(fd: i32, request: u64, ...) -> i32;
}

/// The size of the terminal on descriptor `fd`: (columns, lines).
pub fn terminal_size(fd: i32) -> io::Result<(u16, u16)> {
    const TIOCGWINSZ: u64 = 0x5413;
    let mut w = Winsize::default();
    // SAFETY: TIOCGWINSZ writes one `struct winsize` into `w`; a bad fd only fails.
    let r = unsafe { ioctl(fd, TIOCGWINSZ, &mut w as *mut Winsize) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((w.cols, w.rows))
}
