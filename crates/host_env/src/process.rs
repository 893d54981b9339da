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
