//! Krait's native standard-library modules: the accelerators CPython builds as extension
//! modules (`_sre`, ...), registered on an interpreter by [`register`].

mod binascii;
mod cjk;
mod crypt;
mod csv;
mod expat;
mod hashes;
mod random;
mod select;
mod sha512;
mod socket;
mod sre;
mod struct_;
mod unicodedata;
mod zlib;

/// Make this crate's modules importable in `vm`.
pub fn register(vm: &mut krait_vm::Vm) {
    sre::register(vm);
    cjk::register(vm);
    random::register(vm);
    sha512::register(vm);
    struct_::register(vm);
    binascii::register(vm);
    csv::register(vm);
    expat::register(vm);
    hashes::register(vm);
    unicodedata::register(vm);
    zlib::register(vm);
    crypt::register(vm);
    socket::register(vm);
    select::register(vm);
    krait_vm::sysmodule::set_builtin_module_names(vm);
}
