//! The network part of the host: sockets, name lookups and waiting for descriptors
//! (`poll`, `epoll`). A host grants it by returning a [`NetHost`] from [`Host::net`]; the
//! default grants nothing, and every socket, lookup or wait then fails with
//! `PermissionError: [Errno 1] Operation not permitted` (docs/security.md).
//!
//! Descriptors are the host's own numbers, shared with its files, so `os.close`, `os.read`
//! and `dup` work on sockets.
//!
//! [`Host::net`]: super::Host::net

use std::io;

/// A socket address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SockAddr {
    /// `AF_INET`: the address bytes in network order, and the port.
    V4 {
        /// Address.
        ip: [u8; 4],
        /// Port.
        port: u16,
    },
    /// `AF_INET6`: address, port, flow info, scope id.
    V6 {
        /// Address.
        ip: [u8; 16],
        /// Port.
        port: u16,
        /// `sin6_flowinfo`.
        flowinfo: u32,
        /// `sin6_scope_id`.
        scope_id: u32,
    },
    /// `AF_UNIX`: the path bytes (leading NUL: the abstract namespace); empty when unnamed.
    Unix(Vec<u8>),
    /// A family the host does not decode.
    Other(i32),
}

/// What `recvmsg` received.
#[derive(Clone, Debug)]
pub struct RecvMsg {
    /// The bytes received.
    pub data: Vec<u8>,
    /// The ancillary items: `(level, type, data)`.
    pub ancillary: Vec<(i32, i32, Vec<u8>)>,
    /// `msg_flags`.
    pub flags: i32,
    /// The sender, if the socket reports one.
    pub addr: Option<SockAddr>,
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
    /// Canonical name (empty unless asked for).
    pub canonname: String,
    /// The address.
    pub addr: SockAddr,
}

/// Why a name lookup failed.
#[derive(Debug)]
pub enum LookupError {
    /// A resolver error: the `EAI_*` code (negative, as glibc numbers them) and its text
    /// (`socket.gaierror`).
    Gai(i32, String),
    /// An OS error (`OSError`).
    Os(io::Error),
}

impl From<io::Error> for LookupError {
    fn from(e: io::Error) -> Self {
        LookupError::Os(e)
    }
}

/// A stateless `poll` (see [`NetHost::detached_poll`]).
pub type PollFn = fn(&[(i32, i16)], i32) -> io::Result<Vec<i16>>;
/// A stateless `epoll_wait(epfd, max, timeout_ms)` (see [`NetHost::detached_epoll_wait`]).
pub type EpollWaitFn = fn(i32, usize, i32) -> io::Result<Vec<(i32, u32)>>;

/// Sockets, lookups and readiness waiting, by descriptor. Errors carry a Linux errno.
pub trait NetHost {
    /// Make a socket; its descriptor.
    fn socket(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<i32>;
    /// A connected pair of sockets.
    fn socketpair(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<(i32, i32)>;
    /// Bind to an address.
    fn bind(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()>;
    /// Listen for connections.
    fn listen(&mut self, fd: i32, backlog: i32) -> io::Result<()>;
    /// Accept a connection: the new descriptor and the peer's address.
    fn accept(&mut self, fd: i32) -> io::Result<(i32, SockAddr)>;
    /// Connect (`EINPROGRESS` from a non-blocking socket).
    fn connect(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()>;
    /// Send; how many bytes went.
    fn send(&mut self, fd: i32, data: &[u8], flags: i32) -> io::Result<usize>;
    /// Send a datagram to an address; how many bytes went.
    fn sendto(&mut self, fd: i32, data: &[u8], flags: i32, addr: &SockAddr) -> io::Result<usize>;
    /// Receive at most `n` bytes; empty when the peer closed.
    fn recv(&mut self, fd: i32, n: usize, flags: i32) -> io::Result<Vec<u8>>;
    /// Receive at most `n` bytes and the sender's address, if the socket reports one.
    fn recvfrom(
        &mut self,
        fd: i32,
        n: usize,
        flags: i32,
    ) -> io::Result<(Vec<u8>, Option<SockAddr>)>;
    /// `sendmsg`: `data` with ancillary items `(level, type, bytes)`, to `addr` if given.
    fn sendmsg(
        &mut self,
        _fd: i32,
        _data: &[u8],
        _anc: &[(i32, i32, Vec<u8>)],
        _flags: i32,
        _addr: Option<&SockAddr>,
    ) -> io::Result<usize> {
        Err(io::Error::from_raw_os_error(95))
    }
    /// `recvmsg`: at most `n` bytes, the ancillary items that fit in `ancbufsize` bytes, the
    /// message flags and the sender's address; received descriptors become the host's.
    fn recvmsg(
        &mut self,
        _fd: i32,
        _n: usize,
        _ancbufsize: usize,
        _flags: i32,
    ) -> io::Result<RecvMsg> {
        Err(io::Error::from_raw_os_error(95))
    }
    /// Shut down reading (0), writing (1) or both (2).
    fn shutdown(&mut self, fd: i32, how: i32) -> io::Result<()>;
    /// An option's value, at most `buflen` bytes.
    fn getsockopt(&mut self, fd: i32, level: i32, name: i32, buflen: usize) -> io::Result<Vec<u8>>;
    /// Set an option.
    fn setsockopt(&mut self, fd: i32, level: i32, name: i32, value: &[u8]) -> io::Result<()>;
    /// The socket's own address.
    fn getsockname(&mut self, fd: i32) -> io::Result<SockAddr>;
    /// The peer's address.
    fn getpeername(&mut self, fd: i32) -> io::Result<SockAddr>;
    /// Wait at most `timeout_ms` (negative: forever) until one of the (descriptor, `POLL*`
    /// events) pairs is ready; each one's `revents`.
    fn poll(&mut self, fds: &[(i32, i16)], timeout_ms: i32) -> io::Result<Vec<i16>>;
    /// `poll` needing no host state, callable from any thread while the interpreter lock is
    /// released (other Python threads run during the wait). `None`: `poll` is called with the
    /// lock held.
    fn detached_poll(&self) -> Option<PollFn> {
        None
    }
    /// `epoll_wait` on `epfd` needing no host state (the descriptor is checked here), for a
    /// wait with the interpreter lock released; `None`: `epoll_wait` is called with it held.
    fn detached_epoll_wait(&mut self, _epfd: i32) -> Option<EpollWaitFn> {
        None
    }
    /// Make an epoll instance.
    fn epoll_create(&mut self) -> io::Result<i32>;
    /// Add (1), delete (2) or modify (3) a descriptor's interest in an epoll instance.
    fn epoll_ctl(&mut self, epfd: i32, op: i32, fd: i32, events: u32) -> io::Result<()>;
    /// Wait on an epoll instance: at most `max` (descriptor, events) pairs.
    fn epoll_wait(&mut self, epfd: i32, max: usize, timeout_ms: i32)
    -> io::Result<Vec<(i32, u32)>>;
    /// Resolve a host and service into addresses.
    fn getaddrinfo(
        &mut self,
        host: Option<&str>,
        service: Option<&str>,
        family: i32,
        kind: i32,
        proto: i32,
        flags: i32,
    ) -> Result<Vec<AddrInfo>, LookupError>;
    /// The host and service names of an address.
    fn getnameinfo(&mut self, addr: &SockAddr, flags: i32)
    -> Result<(String, String), LookupError>;
    /// The machine's host name.
    fn gethostname(&mut self) -> io::Result<String>;
}
