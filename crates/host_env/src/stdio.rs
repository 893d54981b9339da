//! Standard streams.

use std::io::{self, IsTerminal, Read, Write};

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

/// Descriptor 0, borrowed: reads go straight to `read(2)`. Rust's `io::stdin()` reads ahead
/// into its own buffer, which a child process started afterwards, `os.lseek(0, ...)` and
/// `os.read(0, ...)` cannot see (CPython's `os.read(0, n)` is one `read(2)`; `sys.stdin`
/// buffers in its own layers, above the host).
fn stdin_fd() -> std::mem::ManuallyDrop<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: descriptor 0 belongs to the process; `ManuallyDrop` keeps the borrowed `File`
    // from closing it.
    std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) })
}

/// One line of stdin with its newline; empty at end of input. One byte per `read(2)`, so
/// nothing after the newline is taken from the descriptor (only the REPL reads so).
pub fn read_stdin_line() -> io::Result<Vec<u8>> {
    let mut f = stdin_fd();
    let mut buf = Vec::new();
    let mut b = [0u8; 1];
    loop {
        match f.read(&mut b) {
            Ok(0) => break,
            Ok(_) => {
                buf.push(b[0]);
                if b[0] == b'\n' {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted && !buf.is_empty() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(buf)
}

/// At most `n` bytes of stdin: what one `read(2)` gives (empty at end of input). A read a
/// signal interrupts fails with `EINTR`: the caller runs the signal handlers and reads again.
pub fn read_stdin(n: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0; n.clamp(1, 1 << 26)];
    let got = stdin_fd().read(&mut buf)?;
    buf.truncate(got);
    Ok(buf)
}

/// The rest of stdin.
pub fn read_stdin_all() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    stdin_fd().read_to_end(&mut buf)?;
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

pub use krait_common::host_types::TermAttrs;

/// The attributes of the terminal on `fd` (`ENOTTY` if it is not one).
pub fn term_attrs(fd: i32) -> io::Result<TermAttrs> {
    // SAFETY: termios is plain data; tcgetattr writes one into `t` or fails.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the speed getters only read `t`.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&t), libc::cfgetospeed(&t)) };
    Ok(TermAttrs {
        iflag: t.c_iflag,
        oflag: t.c_oflag,
        cflag: t.c_cflag,
        lflag: t.c_lflag,
        ispeed,
        ospeed,
        cc: t.c_cc.to_vec(),
    })
}

/// Set the attributes of the terminal on `fd`; `when` is `TCSANOW` (0), `TCSADRAIN` (1) or
/// `TCSAFLUSH` (2).
pub fn set_term_attrs(fd: i32, when: i32, a: &TermAttrs) -> io::Result<()> {
    // SAFETY: as in `term_attrs`; tcgetattr fills the fields this struct does not carry.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    t.c_iflag = a.iflag;
    t.c_oflag = a.oflag;
    t.c_cflag = a.cflag;
    t.c_lflag = a.lflag;
    for (d, s) in t.c_cc.iter_mut().zip(&a.cc) {
        *d = *s;
    }
    // SAFETY: the setters and tcsetattr only read `t` (the kernel checks the values).
    let r = unsafe {
        libc::cfsetispeed(&mut t, a.ispeed);
        libc::cfsetospeed(&mut t, a.ospeed);
        libc::tcsetattr(fd, when, &t)
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn check(r: i32) -> io::Result<()> {
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// `tcsendbreak(fd, duration)`
pub fn send_break(fd: i32, duration: i32) -> io::Result<()> {
    // SAFETY: plain call on a descriptor; a bad one fails with EBADF/ENOTTY.
    check(unsafe { libc::tcsendbreak(fd, duration) })
}

/// `tcdrain(fd)`
pub fn drain(fd: i32) -> io::Result<()> {
    // SAFETY: as above.
    check(unsafe { libc::tcdrain(fd) })
}

/// `tcflush(fd, queue)`
pub fn flush_queue(fd: i32, queue: i32) -> io::Result<()> {
    // SAFETY: as above.
    check(unsafe { libc::tcflush(fd, queue) })
}

/// `tcflow(fd, action)`
pub fn flow(fd: i32, action: i32) -> io::Result<()> {
    // SAFETY: as above.
    check(unsafe { libc::tcflow(fd, action) })
}

/// Set the window size of the terminal on `fd` (`TIOCSWINSZ`), keeping its pixel sizes.
pub fn set_terminal_size(fd: i32, rows: u16, cols: u16) -> io::Result<()> {
    // SAFETY: TIOCGWINSZ/TIOCSWINSZ read and write one `struct winsize`.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    check(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w as *mut libc::winsize) })?;
    w.ws_row = rows;
    w.ws_col = cols;
    check(unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &w as *const libc::winsize) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn term_attrs_of_a_non_terminal_fail_with_enotty() {
        let mut fds = [0i32; 2];
        // SAFETY: pipe writes two descriptors into `fds`.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (r, w) = (fds[0], fds[1]);
        assert_eq!(
            super::term_attrs(r).expect_err("a pipe").raw_os_error(),
            Some(25)
        );
        let a = super::TermAttrs {
            iflag: 0,
            oflag: 0,
            cflag: 0,
            lflag: 0,
            ispeed: 0,
            ospeed: 0,
            cc: Vec::new(),
        };
        assert_eq!(
            super::set_term_attrs(w, 0, &a)
                .expect_err("a pipe")
                .raw_os_error(),
            Some(25)
        );
        // SAFETY: the test owns both descriptors.
        unsafe {
            libc::close(r);
            libc::close(w);
        }
    }
}
