//! Krait's virtual machine.
