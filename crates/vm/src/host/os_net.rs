//! `OsHost`'s network: sockets, lookups and readiness waiting through `krait-host-env`.

use std::io;

use krait_host_env as env;

use super::OsHost;
use super::net::{AddrInfo, LookupError, NetHost, SockAddr};

fn to_env(a: &SockAddr) -> env::net::SockAddr {
    match a {
        SockAddr::V4 { ip, port } => env::net::SockAddr::V4 {
            ip: *ip,
            port: *port,
        },
        SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id,
        } => env::net::SockAddr::V6 {
            ip: *ip,
            port: *port,
            flowinfo: *flowinfo,
            scope_id: *scope_id,
        },
        SockAddr::Unix(p) => env::net::SockAddr::Unix(p.clone()),
        SockAddr::Other(f) => env::net::SockAddr::Other(*f),
    }
}

fn from_env(a: env::net::SockAddr) -> SockAddr {
    match a {
        env::net::SockAddr::V4 { ip, port } => SockAddr::V4 { ip, port },
        env::net::SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id,
        } => SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id,
        },
        env::net::SockAddr::Unix(p) => SockAddr::Unix(p),
        env::net::SockAddr::Other(f) => SockAddr::Other(f),
    }
}

fn lookup_err(e: env::net::LookupError) -> LookupError {
    match e {
        env::net::LookupError::Gai(code, msg) => LookupError::Gai(code, msg),
        env::net::LookupError::Os(e) => LookupError::Os(e),
    }
}

impl NetHost for OsHost {
    fn socket(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<i32> {
        self.files.socket(family, kind, proto)
    }
    fn socketpair(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<(i32, i32)> {
        self.files.socketpair(family, kind, proto)
    }
    fn bind(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()> {
        self.files.bind(fd, &to_env(addr))
    }
    fn listen(&mut self, fd: i32, backlog: i32) -> io::Result<()> {
        self.files.listen(fd, backlog)
    }
    fn accept(&mut self, fd: i32) -> io::Result<(i32, SockAddr)> {
        let (new, addr) = self.files.accept(fd)?;
        Ok((new, from_env(addr)))
    }
    fn connect(&mut self, fd: i32, addr: &SockAddr) -> io::Result<()> {
        self.files.connect(fd, &to_env(addr))
    }
    fn send(&mut self, fd: i32, data: &[u8], flags: i32) -> io::Result<usize> {
        self.files.send(fd, data, flags)
    }
    fn sendto(&mut self, fd: i32, data: &[u8], flags: i32, addr: &SockAddr) -> io::Result<usize> {
        self.files.sendto(fd, data, flags, &to_env(addr))
    }
    fn recv(&mut self, fd: i32, n: usize, flags: i32) -> io::Result<Vec<u8>> {
        self.files.recv(fd, n, flags)
    }
    fn recvfrom(
        &mut self,
        fd: i32,
        n: usize,
        flags: i32,
    ) -> io::Result<(Vec<u8>, Option<SockAddr>)> {
        let (data, addr) = self.files.recvfrom(fd, n, flags)?;
        Ok((data, addr.map(from_env)))
    }
    fn sendmsg(
        &mut self,
        fd: i32,
        data: &[u8],
        anc: &[(i32, i32, Vec<u8>)],
        flags: i32,
        addr: Option<&SockAddr>,
    ) -> io::Result<usize> {
        let a = addr.map(to_env);
        self.files.sendmsg(fd, data, anc, flags, a.as_ref())
    }
    fn recvmsg(
        &mut self,
        fd: i32,
        n: usize,
        ancbufsize: usize,
        flags: i32,
    ) -> io::Result<super::net::RecvMsg> {
        let (data, ancillary, flags, addr) = self.files.recvmsg(fd, n, ancbufsize, flags)?;
        Ok(super::net::RecvMsg {
            data,
            ancillary,
            flags,
            addr: addr.map(from_env),
        })
    }
    fn shutdown(&mut self, fd: i32, how: i32) -> io::Result<()> {
        self.files.shutdown(fd, how)
    }
    fn getsockopt(&mut self, fd: i32, level: i32, name: i32, buflen: usize) -> io::Result<Vec<u8>> {
        self.files.getsockopt(fd, level, name, buflen)
    }
    fn setsockopt(&mut self, fd: i32, level: i32, name: i32, value: &[u8]) -> io::Result<()> {
        self.files.setsockopt(fd, level, name, value)
    }
    fn getsockname(&mut self, fd: i32) -> io::Result<SockAddr> {
        self.files.getsockname(fd).map(from_env)
    }
    fn getpeername(&mut self, fd: i32) -> io::Result<SockAddr> {
        self.files.getpeername(fd).map(from_env)
    }
    fn poll(&mut self, fds: &[(i32, i16)], timeout_ms: i32) -> io::Result<Vec<i16>> {
        env::net::poll(fds, timeout_ms)
    }
    fn detached_poll(&self) -> Option<super::net::PollFn> {
        Some(env::net::poll)
    }
    fn detached_epoll_wait(&mut self, epfd: i32) -> Option<super::net::EpollWaitFn> {
        self.files.owns(epfd).then_some(env::net::epoll_wait_fd)
    }
    fn epoll_create(&mut self) -> io::Result<i32> {
        self.files.epoll_create()
    }
    fn epoll_ctl(&mut self, epfd: i32, op: i32, fd: i32, events: u32) -> io::Result<()> {
        self.files.epoll_ctl(epfd, op, fd, events)
    }
    fn epoll_wait(
        &mut self,
        epfd: i32,
        max: usize,
        timeout_ms: i32,
    ) -> io::Result<Vec<(i32, u32)>> {
        self.files.epoll_wait(epfd, max, timeout_ms)
    }
    fn getaddrinfo(
        &mut self,
        host: Option<&str>,
        service: Option<&str>,
        family: i32,
        kind: i32,
        proto: i32,
        flags: i32,
    ) -> Result<Vec<AddrInfo>, LookupError> {
        let v =
            env::net::getaddrinfo(host, service, family, kind, proto, flags).map_err(lookup_err)?;
        Ok(v.into_iter()
            .map(|a| AddrInfo {
                family: a.family,
                kind: a.kind,
                proto: a.proto,
                canonname: a.canonname,
                addr: from_env(a.addr),
            })
            .collect())
    }
    fn getnameinfo(
        &mut self,
        addr: &SockAddr,
        flags: i32,
    ) -> Result<(String, String), LookupError> {
        env::net::getnameinfo(&to_env(addr), flags).map_err(lookup_err)
    }
    fn gethostname(&mut self) -> io::Result<String> {
        env::net::gethostname()
    }
}
