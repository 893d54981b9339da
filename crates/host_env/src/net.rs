//! Sockets, name lookups and readiness waiting (`poll`, `epoll`), as plain Rust over libc.
//!
//! Socket descriptors live in the same table as files ([`crate::fs::Files`]), so `os.read`,
//! `os.close` and `dup` work on them and the interpreter can still only use descriptors it
//! made. Every socket is made close-on-exec, as CPython makes them.

use std::ffi::{CStr, CString};
use std::io;
use std::mem::{size_of, zeroed};

use crate::fs::Files;

/// A socket address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SockAddr {
    /// `AF_INET`: address and port.
    V4 {
        /// The four address bytes in network order.
        ip: [u8; 4],
        /// The port.
        port: u16,
    },
    /// `AF_INET6`: address, port, flow info and scope id.
    V6 {
        /// The sixteen address bytes in network order.
        ip: [u8; 16],
        /// The port.
        port: u16,
        /// `sin6_flowinfo` (host order).
        flowinfo: u32,
        /// `sin6_scope_id`.
        scope_id: u32,
    },
    /// `AF_UNIX`: the path bytes (a leading NUL byte for the abstract namespace); empty for
    /// an unnamed socket.
    Unix(Vec<u8>),
    /// Another family this crate does not decode (the family number).
    Other(i32),
}

/// One result of `getaddrinfo`.
#[derive(Clone, Debug)]
pub struct AddrInfo {
    /// Address family.
    pub family: i32,
    /// Socket type.
    pub kind: i32,
    /// Protocol.
    pub proto: i32,
    /// The canonical name (only with `AI_CANONNAME`, on the first result).
    pub canonname: String,
    /// The address.
    pub addr: SockAddr,
}

/// Why a name lookup failed: a resolver error (`EAI_*` code and `gai_strerror` text), or an
/// OS error (`EAI_SYSTEM`).
#[derive(Debug)]
pub enum LookupError {
    /// A resolver error: the (negative, on glibc) `EAI_*` code and its message.
    Gai(i32, String),
    /// `EAI_SYSTEM`: the OS error behind it.
    Os(io::Error),
}

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

fn cvt_size(r: libc::ssize_t) -> io::Result<usize> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r as usize)
    }
}

fn einval() -> io::Error {
    io::Error::from_raw_os_error(libc::EINVAL)
}

/// A `sockaddr_storage` filled from `a`, and the length that is meaningful.
fn to_raw(a: &SockAddr) -> io::Result<(libc::sockaddr_storage, libc::socklen_t)> {
    // SAFETY: sockaddr_storage is plain bytes; all zeroes is a valid value.
    let mut st: libc::sockaddr_storage = unsafe { zeroed() };
    let len = match a {
        SockAddr::V4 { ip, port } => {
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
            let sin = unsafe { &mut *(&mut st as *mut _ as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = port.to_be();
            sin.sin_addr.s_addr = u32::from_ne_bytes(*ip);
            size_of::<libc::sockaddr_in>()
        }
        SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id,
        } => {
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut st as *mut _ as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = flowinfo.to_be();
            sin6.sin6_addr.s6_addr = *ip;
            sin6.sin6_scope_id = *scope_id;
            size_of::<libc::sockaddr_in6>()
        }
        SockAddr::Unix(path) => {
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_un.
            let sun = unsafe { &mut *(&mut st as *mut _ as *mut libc::sockaddr_un) };
            if path.len() >= sun.sun_path.len() {
                return Err(io::Error::from_raw_os_error(libc::ENAMETOOLONG));
            }
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(path) {
                *d = *s as libc::c_char;
            }
            // The family, the path and (for a file path) its terminating NUL.
            let base = size_of::<libc::sa_family_t>() + path.len();
            if path.first() == Some(&0) {
                base
            } else {
                base + 1
            }
        }
        SockAddr::Other(_) => return Err(io::Error::from_raw_os_error(libc::EAFNOSUPPORT)),
    };
    Ok((st, len as libc::socklen_t))
}

/// Decode `len` bytes of a socket address.
fn from_raw(st: &libc::sockaddr_storage, len: libc::socklen_t) -> SockAddr {
    let len = len as usize;
    if len < size_of::<libc::sa_family_t>() {
        // An unnamed socket (e.g. one end of a socketpair) reports no address at all.
        return SockAddr::Unix(Vec::new());
    }
    match i32::from(st.ss_family) {
        libc::AF_INET => {
            // SAFETY: the kernel wrote a sockaddr_in for this family.
            let sin = unsafe { &*(st as *const _ as *const libc::sockaddr_in) };
            SockAddr::V4 {
                ip: sin.sin_addr.s_addr.to_ne_bytes(),
                port: u16::from_be(sin.sin_port),
            }
        }
        libc::AF_INET6 => {
            // SAFETY: the kernel wrote a sockaddr_in6 for this family.
            let sin6 = unsafe { &*(st as *const _ as *const libc::sockaddr_in6) };
            SockAddr::V6 {
                ip: sin6.sin6_addr.s6_addr,
                port: u16::from_be(sin6.sin6_port),
                flowinfo: u32::from_be(sin6.sin6_flowinfo),
                scope_id: sin6.sin6_scope_id,
            }
        }
        libc::AF_UNIX => {
            // SAFETY: the kernel wrote a sockaddr_un for this family.
            let sun = unsafe { &*(st as *const _ as *const libc::sockaddr_un) };
            let n = len
                .saturating_sub(size_of::<libc::sa_family_t>())
                .min(sun.sun_path.len());
            let mut path: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            // A file path ends at its first NUL; an abstract one keeps every byte.
            if path.first() != Some(&0)
                && let Some(end) = path.iter().position(|&b| b == 0)
            {
                path.truncate(end);
            }
            SockAddr::Unix(path)
        }
        f => SockAddr::Other(f),
    }
}

impl Files {
    /// Take ownership of a descriptor this crate just made.
    pub(crate) fn adopt(&mut self, fd: i32) -> i32 {
        use std::os::fd::FromRawFd;
        // SAFETY: the caller just created `fd`; nothing else owns it.
        self.insert(fd, unsafe { std::fs::File::from_raw_fd(fd) });
        fd
    }

    /// `fd` if this table owns it, else `EBADF`.
    fn sock(&mut self, fd: i32) -> io::Result<i32> {
        if self.has(fd) {
            Ok(fd)
        } else {
            Err(io::Error::from_raw_os_error(libc::EBADF))
        }
    }

    /// Make a socket (close-on-exec).
    pub fn socket(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<i32> {
        // SAFETY: socket takes plain integers.
        let fd = cvt(unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) })?;
        Ok(self.adopt(fd))
    }

    /// A connected pair of sockets (close-on-exec).
    pub fn socketpair(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<(i32, i32)> {
        let mut fds = [0i32; 2];
        // SAFETY: socketpair writes two descriptors into `fds`.
        cvt(unsafe {
            libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr())
        })?;
        Ok((self.adopt(fds[0]), self.adopt(fds[1])))
    }

    /// Whether `fd` is a descriptor of this table (a socket made elsewhere, e.g. `fromfd`).
    pub fn owns(&mut self, fd: i32) -> bool {
        self.has(fd)
    }

    /// Bind a socket to an address.
    pub fn bind(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()> {
        let fd = self.sock(fd)?;
        let (st, len) = to_raw(addr)?;
        // SAFETY: `st` holds a valid address of `len` bytes.
        cvt(unsafe { libc::bind(fd, &st as *const _ as *const libc::sockaddr, len) })?;
        Ok(())
    }

    /// Listen for connections.
    pub fn listen(&mut self, fd: i32, backlog: i32) -> io::Result<()> {
        let fd = self.sock(fd)?;
        // SAFETY: plain integers.
        cvt(unsafe { libc::listen(fd, backlog) })?;
        Ok(())
    }

    /// Accept a connection: the new socket (close-on-exec) and the peer's address.
    pub fn accept(&mut self, fd: i32) -> io::Result<(i32, SockAddr)> {
        let fd = self.sock(fd)?;
        // SAFETY: zeroed storage is valid; accept4 writes at most `len` bytes into it.
        let mut st: libc::sockaddr_storage = unsafe { zeroed() };
        let mut len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: as above.
        let new = cvt(unsafe {
            libc::accept4(
                fd,
                &mut st as *mut _ as *mut libc::sockaddr,
                &mut len,
                libc::SOCK_CLOEXEC,
            )
        })?;
        Ok((self.adopt(new), from_raw(&st, len)))
    }

    /// Connect a socket (a non-blocking one reports `EINPROGRESS`).
    pub fn connect(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()> {
        let fd = self.sock(fd)?;
        let (st, len) = to_raw(addr)?;
        // SAFETY: `st` holds a valid address of `len` bytes.
        cvt(unsafe { libc::connect(fd, &st as *const _ as *const libc::sockaddr, len) })?;
        Ok(())
    }

    /// Send some of `data`; how much was sent.
    pub fn send(&mut self, fd: i32, data: &[u8], flags: i32) -> io::Result<usize> {
        let fd = self.sock(fd)?;
        // SAFETY: `data` is readable for its length. MSG_NOSIGNAL: a closed peer is EPIPE,
        // not a SIGPIPE that kills the process (CPython ignores SIGPIPE at startup).
        cvt_size(unsafe {
            libc::send(
                fd,
                data.as_ptr().cast(),
                data.len(),
                flags | libc::MSG_NOSIGNAL,
            )
        })
    }

    /// Send a datagram to `addr`; how much was sent.
    pub fn sendto(
        &mut self,
        fd: i32,
        data: &[u8],
        flags: i32,
        addr: &SockAddr,
    ) -> io::Result<usize> {
        let fd = self.sock(fd)?;
        let (st, len) = to_raw(addr)?;
        // SAFETY: `data` is readable for its length, `st` a valid address of `len` bytes.
        cvt_size(unsafe {
            libc::sendto(
                fd,
                data.as_ptr().cast(),
                data.len(),
                flags | libc::MSG_NOSIGNAL,
                &st as *const _ as *const libc::sockaddr,
                len,
            )
        })
    }

    /// Receive at most `n` bytes (empty when the peer closed).
    pub fn recv(&mut self, fd: i32, n: usize, flags: i32) -> io::Result<Vec<u8>> {
        let fd = self.sock(fd)?;
        let mut buf = vec![0u8; n];
        // SAFETY: `buf` is writable for `n` bytes.
        let got = cvt_size(unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), n, flags) })?;
        buf.truncate(got);
        Ok(buf)
    }

    /// Receive at most `n` bytes and the sender's address (`None` when the socket has none,
    /// as a connected stream socket reports).
    pub fn recvfrom(
        &mut self,
        fd: i32,
        n: usize,
        flags: i32,
    ) -> io::Result<(Vec<u8>, Option<SockAddr>)> {
        let fd = self.sock(fd)?;
        let mut buf = vec![0u8; n];
        // SAFETY: zeroed storage is valid.
        let mut st: libc::sockaddr_storage = unsafe { zeroed() };
        let mut len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: `buf` is writable for `n` bytes, `st` for `len` bytes.
        let got = cvt_size(unsafe {
            libc::recvfrom(
                fd,
                buf.as_mut_ptr().cast(),
                n,
                flags,
                &mut st as *mut _ as *mut libc::sockaddr,
                &mut len,
            )
        })?;
        buf.truncate(got);
        let addr = (len > 0).then(|| from_raw(&st, len));
        Ok((buf, addr))
    }

    /// `sendmsg`: `data` with ancillary items `(level, type, bytes)`, to `addr` if given.
    pub fn sendmsg(
        &mut self,
        fd: i32,
        data: &[u8],
        anc: &[(i32, i32, Vec<u8>)],
        flags: i32,
        addr: Option<&SockAddr>,
    ) -> io::Result<usize> {
        let fd = self.sock(fd)?;
        let mut space = 0usize;
        for (_, _, d) in anc {
            let len =
                u32::try_from(d.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
            // SAFETY: CMSG_SPACE is arithmetic on its argument.
            space += unsafe { libc::CMSG_SPACE(len) } as usize;
        }
        // u64 storage keeps the control buffer aligned for `cmsghdr`.
        let mut control = vec![0u64; space.div_ceil(8)];
        let raw = addr.map(to_raw).transpose()?;
        let mut iov = libc::iovec {
            iov_base: data.as_ptr() as *mut libc::c_void,
            iov_len: data.len(),
        };
        // SAFETY: zeroed msghdr is valid (null pointers, zero lengths).
        let mut msg: libc::msghdr = unsafe { zeroed() };
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        if let Some((st, len)) = &raw {
            msg.msg_name = st as *const _ as *mut libc::c_void;
            msg.msg_namelen = *len;
        }
        if space > 0 {
            msg.msg_control = control.as_mut_ptr().cast();
            msg.msg_controllen = space as _;
            // SAFETY: the control buffer holds exactly the CMSG_SPACE of every item, so each
            // header and its data fit where CMSG_FIRSTHDR/CMSG_NXTHDR place them.
            unsafe {
                let mut c = libc::CMSG_FIRSTHDR(&msg);
                for (level, kind, d) in anc {
                    if c.is_null() {
                        return Err(io::Error::from_raw_os_error(libc::EINVAL));
                    }
                    (*c).cmsg_level = *level;
                    (*c).cmsg_type = *kind;
                    (*c).cmsg_len = libc::CMSG_LEN(d.len() as u32) as _;
                    std::ptr::copy_nonoverlapping(d.as_ptr(), libc::CMSG_DATA(c), d.len());
                    c = libc::CMSG_NXTHDR(&msg, c);
                }
            }
        }
        // SAFETY: `msg` points at live buffers of the lengths it gives.
        cvt_size(unsafe { libc::sendmsg(fd, &msg, flags | libc::MSG_NOSIGNAL) })
    }

    /// `recvmsg`: at most `n` bytes, the ancillary items that fit in `ancbufsize` bytes, the
    /// message flags and the sender's address. Descriptors received with `SCM_RIGHTS` join
    /// this table.
    #[allow(clippy::type_complexity)]
    pub fn recvmsg(
        &mut self,
        fd: i32,
        n: usize,
        ancbufsize: usize,
        flags: i32,
    ) -> io::Result<(Vec<u8>, Vec<(i32, i32, Vec<u8>)>, i32, Option<SockAddr>)> {
        let fd = self.sock(fd)?;
        let mut buf = vec![0u8; n];
        let mut control = vec![0u64; ancbufsize.div_ceil(8)];
        // SAFETY: zeroed storage is valid.
        let mut st: libc::sockaddr_storage = unsafe { zeroed() };
        let mut iov = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: n,
        };
        // SAFETY: zeroed msghdr is valid.
        let mut msg: libc::msghdr = unsafe { zeroed() };
        msg.msg_name = &mut st as *mut _ as *mut libc::c_void;
        msg.msg_namelen = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        if ancbufsize > 0 {
            msg.msg_control = control.as_mut_ptr().cast();
            msg.msg_controllen = ancbufsize as _;
        }
        // SAFETY: every pointer in `msg` refers to a live buffer of the length given.
        let got = cvt_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
        buf.truncate(got);
        let mut items = Vec::new();
        if ancbufsize > 0 && msg.msg_controllen > 0 {
            let end = control.as_ptr() as usize + (msg.msg_controllen as usize).min(ancbufsize);
            // SAFETY: the kernel wrote `msg_controllen` bytes of headers and data; each item's
            // data is read only within both its `cmsg_len` and the buffer's end.
            unsafe {
                let mut c = libc::CMSG_FIRSTHDR(&msg);
                while !c.is_null() {
                    let data = libc::CMSG_DATA(c);
                    let head = data as usize - c as usize;
                    let len = ((*c).cmsg_len as usize)
                        .saturating_sub(head)
                        .min(end.saturating_sub(data as usize));
                    let bytes = std::slice::from_raw_parts(data, len).to_vec();
                    if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_RIGHTS {
                        for ch in bytes.chunks_exact(4) {
                            let rfd = i32::from_ne_bytes([ch[0], ch[1], ch[2], ch[3]]);
                            if rfd >= 0 && !self.open.contains_key(&rfd) {
                                self.adopt(rfd);
                            }
                        }
                    }
                    items.push(((*c).cmsg_level, (*c).cmsg_type, bytes));
                    c = libc::CMSG_NXTHDR(&msg, c);
                }
            }
        }
        let addr = (msg.msg_namelen > 0).then(|| from_raw(&st, msg.msg_namelen));
        Ok((buf, items, msg.msg_flags, addr))
    }

    /// Shut down reading (0), writing (1) or both (2).
    pub fn shutdown(&mut self, fd: i32, how: i32) -> io::Result<()> {
        let fd = self.sock(fd)?;
        // SAFETY: plain integers.
        cvt(unsafe { libc::shutdown(fd, how) })?;
        Ok(())
    }

    /// An option's value: at most `buflen` bytes.
    pub fn getsockopt(
        &mut self,
        fd: i32,
        level: i32,
        name: i32,
        buflen: usize,
    ) -> io::Result<Vec<u8>> {
        let fd = self.sock(fd)?;
        let mut buf = vec![0u8; buflen];
        let mut len = buflen as libc::socklen_t;
        // SAFETY: `buf` is writable for `len` bytes.
        cvt(unsafe { libc::getsockopt(fd, level, name, buf.as_mut_ptr().cast(), &mut len) })?;
        buf.truncate(len as usize);
        Ok(buf)
    }

    /// Set an option from its bytes.
    pub fn setsockopt(&mut self, fd: i32, level: i32, name: i32, value: &[u8]) -> io::Result<()> {
        let fd = self.sock(fd)?;
        let len = libc::socklen_t::try_from(value.len()).map_err(|_| einval())?;
        // SAFETY: `value` is readable for `len` bytes.
        cvt(unsafe { libc::setsockopt(fd, level, name, value.as_ptr().cast(), len) })?;
        Ok(())
    }

    fn name_of(
        &mut self,
        fd: i32,
        f: unsafe extern "C" fn(
            libc::c_int,
            *mut libc::sockaddr,
            *mut libc::socklen_t,
        ) -> libc::c_int,
    ) -> io::Result<SockAddr> {
        let fd = self.sock(fd)?;
        // SAFETY: zeroed storage is valid; `f` writes at most `len` bytes.
        let mut st: libc::sockaddr_storage = unsafe { zeroed() };
        let mut len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: as above.
        cvt(unsafe { f(fd, &mut st as *mut _ as *mut libc::sockaddr, &mut len) })?;
        Ok(from_raw(&st, len))
    }

    /// The socket's own address.
    pub fn getsockname(&mut self, fd: i32) -> io::Result<SockAddr> {
        self.name_of(fd, libc::getsockname)
    }

    /// The connected peer's address.
    pub fn getpeername(&mut self, fd: i32) -> io::Result<SockAddr> {
        self.name_of(fd, libc::getpeername)
    }

    /// Make an epoll instance (close-on-exec).
    pub fn epoll_create(&mut self) -> io::Result<i32> {
        // SAFETY: plain integer flags.
        let fd = cvt(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })?;
        Ok(self.adopt(fd))
    }

    /// `epoll_ctl`: `op` 1 add, 2 delete, 3 modify; `events` the `EPOLL*` mask.
    pub fn epoll_ctl(&mut self, epfd: i32, op: i32, fd: i32, events: u32) -> io::Result<()> {
        let epfd = self.sock(epfd)?;
        let mut ev = libc::epoll_event {
            events,
            u64: fd as u32 as u64,
        };
        // SAFETY: `ev` is a valid event for the call's duration.
        cvt(unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) })?;
        Ok(())
    }

    /// Wait on an epoll instance: at most `max` (descriptor, events) pairs; `timeout_ms`
    /// negative waits forever.
    pub fn epoll_wait(
        &mut self,
        epfd: i32,
        max: usize,
        timeout_ms: i32,
    ) -> io::Result<Vec<(i32, u32)>> {
        let epfd = self.sock(epfd)?;
        epoll_wait_fd(epfd, max, timeout_ms)
    }
}

/// `epoll_wait` on a descriptor the caller checked is an epoll instance of this process's
/// interpreter (`Files::owns`); callable from any thread.
pub fn epoll_wait_fd(epfd: i32, max: usize, timeout_ms: i32) -> io::Result<Vec<(i32, u32)>> {
    let max = max.clamp(1, 1 << 16);
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; max];
    // SAFETY: `evs` has room for `max` events.
    let n = cvt(unsafe { libc::epoll_wait(epfd, evs.as_mut_ptr(), max as i32, timeout_ms) })?;
    Ok(evs
        .iter()
        .take(n as usize)
        .map(|e| {
            let (ev, data) = (e.events, e.u64);
            (data as u32 as i32, ev)
        })
        .collect())
}

/// Wait until one of `fds` (descriptor, `POLL*` events) is ready, at most `timeout_ms`
/// milliseconds (negative: forever); the `revents` of each, in order.
pub fn poll(fds: &[(i32, i16)], timeout_ms: i32) -> io::Result<Vec<i16>> {
    let mut p: Vec<libc::pollfd> = fds
        .iter()
        .map(|&(fd, events)| libc::pollfd {
            fd,
            events,
            revents: 0,
        })
        .collect();
    // SAFETY: `p` holds `p.len()` pollfd records.
    cvt(unsafe { libc::poll(p.as_mut_ptr(), p.len() as libc::nfds_t, timeout_ms) })?;
    Ok(p.iter().map(|x| x.revents).collect())
}

/// The machine's host name.
pub fn gethostname() -> io::Result<String> {
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is writable for its length.
    cvt(unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) })?;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

fn gai_error(code: i32) -> LookupError {
    if code == libc::EAI_SYSTEM {
        return LookupError::Os(io::Error::last_os_error());
    }
    // SAFETY: gai_strerror returns a static NUL-terminated string.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) };
    LookupError::Gai(code, msg.to_string_lossy().into_owned())
}

fn cstring(s: &str) -> Result<CString, LookupError> {
    CString::new(s).map_err(|_| LookupError::Os(einval()))
}

/// Resolve a host and service (either may be absent) into socket addresses.
pub fn getaddrinfo(
    host: Option<&str>,
    service: Option<&str>,
    family: i32,
    kind: i32,
    proto: i32,
    flags: i32,
) -> Result<Vec<AddrInfo>, LookupError> {
    let host = host.map(cstring).transpose()?;
    let service = service.map(cstring).transpose()?;
    // SAFETY: an all-zero addrinfo is the documented way to start hints.
    let mut hints: libc::addrinfo = unsafe { zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = kind;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: the strings are NUL-terminated and live across the call; `res` receives a
    // list that is freed below.
    let code = unsafe {
        libc::getaddrinfo(
            host.as_ref().map_or(std::ptr::null(), |h| h.as_ptr()),
            service.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if code != 0 {
        return Err(gai_error(code));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: `p` walks the list getaddrinfo returned, which stays valid until freed.
        let ai = unsafe { &*p };
        // SAFETY: zeroed storage is valid; at most its size is copied in.
        let mut st: libc::sockaddr_storage = unsafe { zeroed() };
        let len = (ai.ai_addrlen as usize).min(size_of::<libc::sockaddr_storage>());
        if !ai.ai_addr.is_null() {
            // SAFETY: ai_addr points to ai_addrlen bytes; `st` has room for `len`.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    ai.ai_addr as *const u8,
                    &mut st as *mut _ as *mut u8,
                    len,
                );
            }
        }
        let canonname = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a NUL-terminated string owned by the list.
            unsafe { CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        out.push(AddrInfo {
            family: ai.ai_family,
            kind: ai.ai_socktype,
            proto: ai.ai_protocol,
            canonname,
            addr: from_raw(&st, len as libc::socklen_t),
        });
        p = ai.ai_next;
    }
    // SAFETY: `res` came from getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

/// The host and service names of an address.
pub fn getnameinfo(addr: &SockAddr, flags: i32) -> Result<(String, String), LookupError> {
    let (st, len) = to_raw(addr).map_err(LookupError::Os)?;
    let mut host = [0u8; 1025];
    let mut serv = [0u8; 32];
    // SAFETY: `st` holds `len` bytes of address; the buffers are writable for their lengths.
    let code = unsafe {
        libc::getnameinfo(
            &st as *const _ as *const libc::sockaddr,
            len,
            host.as_mut_ptr().cast(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr().cast(),
            serv.len() as libc::socklen_t,
            flags,
        )
    };
    if code != 0 {
        return Err(gai_error(code));
    }
    let text = |b: &[u8]| {
        let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
        String::from_utf8_lossy(&b[..end]).into_owned()
    };
    Ok((text(&host), text(&serv)))
}

/// `read(2)` on a descriptor the caller checked belongs to the interpreter
/// (`Files::owns`); callable from any thread. At most 64 MiB at once, as `Files::read`.
pub fn read_fd(fd: i32, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n.min(1 << 26)];
    // SAFETY: `buf` is writable for its length.
    let got = cvt_size(unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) })?;
    buf.truncate(got);
    Ok(buf)
}

/// `write(2)` on a descriptor the caller checked belongs to the interpreter; callable from
/// any thread.
pub fn write_fd(fd: i32, data: &[u8]) -> io::Result<usize> {
    // SAFETY: `data` is readable for its length.
    cvt_size(unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) })
}
