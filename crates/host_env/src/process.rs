//! Process control.

/// End the process with `code`, after flushing standard streams.
pub fn exit(code: i32) -> ! {
    let _ = crate::stdio::flush();
    #[allow(clippy::exit)]
    std::process::exit(code)
}

/// This process's id.
pub fn pid() -> u32 {
    std::process::id()
}

/// Run `argv` (program and arguments) to completion with the standard streams inherited;
/// its wait status as `waitpid` reports it (`os.system`'s result).
pub fn run(argv: &[String]) -> std::io::Result<i32> {
    use std::os::unix::process::ExitStatusExt;
    let Some((prog, args)) = argv.split_first() else {
        return Err(std::io::Error::from_raw_os_error(22));
    };
    let _ = crate::stdio::flush();
    let status = std::process::Command::new(prog).args(args).status()?;
    Ok(status.into_raw())
}

unsafe extern "C" {
    fn getuid() -> u32;
    fn geteuid() -> u32;
    fn getgid() -> u32;
    fn getegid() -> u32;
}

/// The real and effective user and group ids: `(uid, euid, gid, egid)`.
pub fn ids() -> (u32, u32, u32, u32) {
    // SAFETY: these calls take no arguments, cannot fail and only read process state.
    unsafe { (getuid(), geteuid(), getgid(), getegid()) }
}
