//! Environment variables and process arguments.

/// One variable, if set and valid Unicode.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// All variables (lossily decoded).
pub fn vars() -> Vec<(String, String)> {
    std::env::vars_os()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

/// The process's command-line arguments (lossily decoded).
pub fn args() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The running executable's path (`sys.executable`), if the OS says.
pub fn current_exe() -> Option<String> {
    std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
}

/// Set a variable for this process and the processes it starts.
pub fn set_var(name: &str, value: &str) {
    // SAFETY: the interpreter runs Python on one thread at a time; nothing else in Krait
    // reads the environment concurrently.
    unsafe { std::env::set_var(name, value) }
}

/// Remove a variable.
pub fn remove_var(name: &str) {
    // SAFETY: as for `set_var`.
    unsafe { std::env::remove_var(name) }
}
